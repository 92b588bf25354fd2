"""The rule catalogue (placeholder until the reconciliation issue lands)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Document, Finding, Report


def run_rules(
    report: Report, document: Document, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> list[Finding]:
    return []
