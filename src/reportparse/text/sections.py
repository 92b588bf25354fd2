"""Section tree (placeholder until the extraction issue lands)."""

from __future__ import annotations

from ..model import Document, Section


def find_sections(document: Document) -> list[Section]:
    return []
