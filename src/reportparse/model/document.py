"""The document model: a text in which every character can be traced to its place in the file.

Spans are 0-based, half-open offsets into ``Document.text``.  A ``Location`` is what a user is
shown: page, line and column are 1-based; paragraph, table, row and col are 0-based indices as
python-docx and pdfplumber count them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .trusted import trusted

BlockKind = Literal["heading", "paragraph", "table_cell"]
FurnitureKind = Literal["header", "footer", "page_number"]
Format = Literal["txt", "docx", "pdf"]


class Location(BaseModel):
    """Where a span stands in the user's file (what messages and comments point at)."""

    model_config = ConfigDict(frozen=True)

    page: int | None = None  # 1-based, PDF only
    paragraph: int | None = None  # 0-based body paragraph index (DOCX), or block index
    table: int | None = None  # 0-based table index
    row: int | None = None  # 0-based
    col: int | None = None  # 0-based
    line: int  # 1-based
    column: int  # 1-based, in characters

    def short(self) -> str:
        """`p3 L12:5` style, for terminal output."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table + 1}第{(self.row or 0) + 1}行第{(self.col or 0) + 1}列")
        parts.append(f"{self.line}:{self.column}")
        return " ".join(parts)


@dataclass(slots=True)
class Block:
    """A run of body text: a paragraph, heading or table cell, with its span in Document.text."""

    kind: BlockKind
    start: int
    end: int
    page: int | None = None  # 1-based
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    level: int | None = None  # heading level hint (1 = top)
    line: int | None = None  # 1-based source line of the block's first character, if known
    bbox: tuple[float, float, float, float] | None = None  # PDF points (x0, top, x1, bottom)


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    text: str
    start: int  # span of the cell text in Document.text
    end: int
    rowspan: int = 1
    colspan: int = 1
    bbox: tuple[float, float, float, float] | None = None


@dataclass(slots=True)
class Table:
    index: int
    cells: list[Cell]
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    caption: str | None = None  # e.g. the 单位：万元 line or title preceding the table

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def cell(self, row: int, col: int) -> Cell | None:
        for c in self.cells:
            if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
                return c
        return None


@dataclass(slots=True)
class Furniture:
    """Page furniture kept out of the body flow: running headers, footers, page numbers."""

    kind: FurnitureKind
    text: str
    page: int | None = None


@dataclass(slots=True)
class SourceInfo:
    path: str
    sha256: str
    format: Format
    encoding: str | None = None
    pages: int | None = None


@dataclass(slots=True)
class Document:
    source: SourceInfo
    text: str
    blocks: list[Block] = field(default_factory=list)  # sorted by start, non-overlapping
    tables: list[Table] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    _line_starts: list[int] | None = None
    _block_starts: list[int] | None = None

    def block_at(self, offset: int) -> Block | None:
        if self._block_starts is None:
            self._block_starts = [b.start for b in self.blocks]
        i = bisect_right(self._block_starts, offset) - 1
        if i >= 0:
            b = self.blocks[i]
            if b.start <= offset < max(b.end, b.start + 1):
                return b
        return None

    def _text_line_col(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        i = bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def locate(self, offset: int) -> Location:
        """The place in the user's file of the character at ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        block = self.block_at(offset)
        if block is not None and block.line is not None:
            nl = self.text.count("\n", block.start, offset)
            line = block.line + nl
            last = self.text.rfind("\n", block.start, offset)
            column = offset - (last + 1 if last != -1 else block.start) + 1
        else:
            line, column = self._text_line_col(offset)
        if block is None:
            return trusted(Location, page=None, paragraph=None, table=None, row=None, col=None, line=line, column=column)
        # trusted: every field is an int or None computed here (no validation: ~10k calls per MB)
        return trusted(
            Location,
            page=block.page,
            paragraph=block.paragraph,
            table=block.table,
            row=block.row,
            col=block.col,
            line=line,
            column=column,
        )
