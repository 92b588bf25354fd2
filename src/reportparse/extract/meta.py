"""Title, organization, fiscal year, genre (placeholder until the extraction issue lands)."""

from __future__ import annotations

from ..model import Document, DocumentMeta


def find_meta(document: Document) -> DocumentMeta:
    return DocumentMeta()
