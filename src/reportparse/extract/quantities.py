"""Quantities (placeholder until the extraction issue lands)."""

from __future__ import annotations

from ..model import Document, DocumentMeta, Quantity, Section


def find_quantities(document: Document, sections: list[Section], meta: DocumentMeta) -> list[Quantity]:
    return []
