"""Relations stated by the text (placeholder until the reconciliation issue lands)."""

from __future__ import annotations

from ..model import DateMention, Document, DocumentMeta, Quantity, Relation


def find_relations(
    document: Document, quantities: list[Quantity], dates: list[DateMention], meta: DocumentMeta
) -> list[Relation]:
    return []
