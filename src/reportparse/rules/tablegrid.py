"""A reading of Document.tables for the 6xx rules: merged page parts, headers, codes and values.

决算/预算 PDFs print the nine standard tables with a title, a `单位：万元` line, one to three header
rows and then data rows that either carry a 功能分类/经济分类 code (`208`, `20805`, or split over
类|款|项 columns as `208 | 05 | 01`) or a label (`合计`, `本年收入合计`, `年初结转和结余`).  A table that
runs over a page break arrives as two Table objects; they are merged back here when nothing but page
furniture stands between them, so a column total on page 8 can be summed with rows on page 9.

Cells are already typed by extraction (Report.quantities with from_table=True and a span inside the
cell); when a cell has no quantity (extraction skipped it) its bare number is read here, because a
table cell of digits is not prose and has no unit of its own to guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from ..model import Cell, Document, Quantity, Table

_NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS = re.compile(r"^\d{2,7}$")
# Text between two table parts that proves the second is a new table, not a continuation.
_NEW_TABLE = re.compile(r"表\s*(?:\n|$)|单位[:：]|编制(?:部门|单位)[:：]|注[:：]")
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元|亿元|千元)")


@dataclass
class Value:
    value: Decimal  # as printed, in the table's unit
    exp: int  # exponent of the last printed digit (Decimal('9746.50') → -2)
    cell: Cell
    quantity: Quantity | None = None

    @property
    def text(self) -> str:
        return self.cell.text.strip()

    def member(self, role: str):
        """A finding member: the cell's Quantity if extraction typed it, else the cell's own span."""
        if self.quantity is not None:
            return (self.quantity, role)
        return (self.cell.text, (self.cell.start, self.cell.end), role)


@dataclass
class Segment:
    """One item of a row: a code and/or label and the values right of it.  Two-sided tables
    (收入 | 决算数 | 支出 | 决算数, or the 基本支出 table's two code columns) give two segments a row."""

    col: int  # column of the segment's first cell (its side of the table)
    code: str | None = None  # 功能分类/经济分类 code, split columns joined: 2080501
    label: str = ""
    values: dict[int, Value] = field(default_factory=dict)  # col → value


@dataclass
class Row:
    index: int  # row index in the merged grid
    cells: list[Cell | None]
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Grid:
    parts: list[Table]
    n_cols: int
    title: str
    unit: str | None
    headers: list[str]  # per column: header rows joined top to bottom (merged cells inherited)
    top_headers: list[str]  # per column: the first header row's text (inherited from the left)
    deep_headers: list[str]  # per column: the lowest non-empty header row's text
    rows: list[Row]
    code_cols: set[int]
    paths: list[list[str]] = field(default_factory=list)  # per column: each header row's text, top first

    def segments(self):
        for r in self.rows:
            for s in r.segments:
                yield r, s


def cell_text(document: Document, cell: Cell) -> str:
    """A cell's text as Document.text holds it at the cell's span (the span is the contract)."""
    if cell.end > cell.start:
        return document.text[cell.start : cell.end]
    return cell.text


def clean(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


def parse_number(text: str) -> tuple[Decimal, int] | None:
    t = clean(text).replace("−", "-")
    if not t or not _NUMBER.match(t):
        return None
    try:
        d = Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None
    return d, int(d.as_tuple().exponent)


def _dense(table: Table, n_cols: int) -> list[list[Cell | None]]:
    rows: list[list[Cell | None]] = [[None] * n_cols for _ in range(table.n_rows)]
    for c in table.cells:
        rows[c.row][c.col] = c
    return rows


def _is_header_row(row: list[Cell | None]) -> bool:
    texts = [clean(c.text) for c in row if c is not None and clean(c.text)]
    if not texts:
        return True
    if any(parse_number(t) for t in texts):
        return False
    first = texts[0]
    # a 合计 row with no figures is a header (the 三公 table's `合计 | 因公出国（境）费 | …`)
    if _DIGITS.match(first) or re.match(r"^[一二三四五六七八九十]+、", first):
        return False
    return True


def _title_cells(table: Table) -> list[str]:
    """Texts of cells in the first rows that are a table title or a unit line, not a header."""
    return [clean(c.text) for c in table.cells if c.row < 3 and _NEW_TABLE.search(clean(c.text) + "\n")]


def _titled(table: Table) -> bool:
    # some producers put the title and the 单位 line inside the table's first rows
    return bool(_title_cells(table))


def _between(document: Document, a: Table, b: Table) -> str:
    end = max((c.end for c in a.cells), default=0)
    start = min((c.start for c in b.cells), default=end)
    return document.text[end:start] if start >= end else ""


def _title_before(document: Document, table: Table, prev_end: int) -> str:
    start = min((c.start for c in table.cells), default=0)
    lo = max(prev_end, start - 300)
    return document.text[lo:start]


def grids(document: Document, quantities: list[Quantity] | None = None) -> list[Grid]:
    """The document's tables read as grids, page-split parts merged."""
    # a cell's text is taken from Document.text at its span (the contract every member relies on)
    tables = [
        Table(t.index, [replace(c, text=cell_text(document, c)) for c in t.cells], t.page, t.bbox, t.caption)
        for t in document.tables
        if t.cells
    ]
    by_cell: dict[tuple[int, int, int], Quantity] = {}
    spans: list[tuple[int, int, Quantity]] = []
    for q in quantities or ():
        if q.from_table or q.location.table is not None:
            spans.append((q.span[0], q.span[1], q))
            if q.location.table is not None and q.location.row is not None and q.location.col is not None:
                by_cell[(q.location.table, q.location.row, q.location.col)] = q
    spans.sort(key=lambda s: s[0])

    groups: list[list[Table]] = []
    prev_end = 0
    titles: list[str] = []
    for t in tables:
        if groups:
            last = groups[-1][-1]
            between = _between(document, last, t)
            # empty trailing columns are not cells, so a continuation may look a column narrower
            same_shape = abs(last.n_cols - t.n_cols) <= 2
            near = last.page is None or t.page is None or t.page in (last.page, last.page + 1)
            if same_shape and near and not _NEW_TABLE.search(between) and not _titled(t):
                groups[-1].append(t)
                continue
        groups.append([t])
        titles.append(_title_before(document, t, prev_end))
        prev_end = max(c.end for c in t.cells)
    out = []
    for parts, before in zip(groups, titles, strict=True):
        out.append(_grid(parts, before, by_cell, spans))
    return out


def _quantity_for(cell: Cell, table: Table, by_cell, spans) -> Quantity | None:
    q = by_cell.get((table.index, cell.row, cell.col))
    if q is not None:
        return q
    # spans are sorted by start: jump to the first quantity starting inside the cell
    i = bisect_left(spans, cell.start, key=lambda s: s[0])
    while i < len(spans) and spans[i][0] < cell.end:
        s, e, q = spans[i]
        if e <= cell.end and s < e:
            return q
        i += 1
    return None


def _grid(parts: list[Table], before: str, by_cell, spans) -> Grid:
    n_cols = max(t.n_cols for t in parts)
    dense: list[tuple[Table, list[Cell | None]]] = []
    header: list[list[Cell | None]] = []
    for k, t in enumerate(parts):
        rows = _dense(t, n_cols)
        i = 0
        while i < len(rows) and _is_header_row(rows[i]):
            titled = any(c is not None and _NEW_TABLE.search(clean(c.text) + "\n") for c in rows[i])
            if k == 0 and not titled:
                # merged header cells (rowspan/colspan) stand in every column and row they cover
                header.append([t.cell(i, c) for c in range(n_cols)])
            i += 1  # a repeated header on a continuation page is dropped
        dense.extend((t, r) for r in rows[i:])

    headers, tops, deeps = [], [], []
    for c in range(n_cols):
        parts_txt = []
        for r in header:
            cell = r[c]
            parts_txt.append(clean(cell.text) if cell is not None else "")
        headers.append("".join(parts_txt))
        deeps.append(next((p for p in reversed(parts_txt) if p), ""))
    if header:
        last = ""
        for c in range(n_cols):
            cell = header[0][c]
            t = clean(cell.text) if cell is not None else ""
            last = t or last
            tops.append(last)
    else:
        tops = [""] * n_cols
    code_cols = {c for c in range(n_cols) if "编码" in headers[c] or headers[c] in ("类", "款", "项")
                 or deeps[c] in ("类", "款", "项")}

    title_lines = [ln.strip() for ln in before.splitlines() if ln.strip()]
    title = next((ln for ln in reversed(title_lines) if ln.endswith("表") or "表" in ln[-4:]), "")
    inner = [t for t in _title_cells(parts[0]) if t.endswith("表")]
    if inner:
        title = inner[0]
    unit_m = _UNIT.search(before) or _UNIT.search(parts[0].caption or "")
    unit = unit_m.group(1) if unit_m else None

    rows: list[Row] = []
    for i, (t, cells) in enumerate(dense):
        row = Row(i, cells)
        seg: Segment | None = None
        for c, cell in enumerate(cells):
            txt = clean(cell.text) if cell is not None else ""
            if not txt:
                continue
            is_code = (_DIGITS.match(txt) is not None and (
                c in code_cols or seg is None or (seg.values == {} and not seg.label))) or (
                # a split 款/项 column printed without its leading zero (`301 | 2 | 津贴补贴`, a real
                # 预算 PDF): still the code 30102, not a label
                c in code_cols and txt.isdigit() and len(txt) == 1 and seg is not None and seg.code is not None
                and not seg.values and not seg.label)
            num = None if is_code else parse_number(txt)
            if num is not None:
                if seg is None:
                    seg = Segment(c)
                    row.segments.append(seg)
                seg.values[c] = Value(num[0], num[1], cell, _quantity_for(cell, t, by_cell, spans))
                continue
            if seg is None or seg.values or (seg.label and not is_code) or (is_code and seg.label):
                seg = Segment(c)
                row.segments.append(seg)
            if is_code:
                seg.code = (seg.code or "") + (txt.zfill(2) if seg.code else txt)
            else:
                seg.label += txt
        rows.append(row)
    paths = [[clean(r[c].text) if r[c] is not None else "" for r in header] for c in range(n_cols)]
    return Grid(parts, n_cols, title, unit, headers, tops, deeps, rows, code_cols, paths)


__all__ = ["Grid", "Row", "Segment", "Value", "clean", "grids", "parse_number"]
