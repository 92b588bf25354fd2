"""Data only: spans and locations, Document, Quantity, DateMention, Report, Finding."""

from .document import Block, Cell, Document, Furniture, Location, SourceInfo, Table
from .report import (
    SCHEMA_VERSION,
    CheckResult,
    DateMention,
    DocumentMeta,
    Finding,
    FindingMember,
    Quantity,
    Relation,
    RelationMember,
    Report,
    Section,
    Source,
    Summary,
)

__all__ = [
    "SCHEMA_VERSION",
    "Block",
    "Cell",
    "CheckResult",
    "DateMention",
    "Document",
    "DocumentMeta",
    "Finding",
    "FindingMember",
    "Furniture",
    "Location",
    "Quantity",
    "Relation",
    "RelationMember",
    "Report",
    "Section",
    "Source",
    "SourceInfo",
    "Summary",
    "Table",
]
