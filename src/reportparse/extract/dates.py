"""Dates (placeholder until the extraction issue lands)."""

from __future__ import annotations

from ..model import DateMention, Document, DocumentMeta


def find_dates(document: Document, meta: DocumentMeta) -> list[DateMention]:
    return []
