"""Quantities from table cells: a bare number takes its unit, kind and label from the table around it.

Budget and final-account tables print ``371,514,655.00`` in a cell and say once, elsewhere, what it
is: ``单位：元`` above the table (Table.caption or the text just before it), ``年度预算数(万元)`` or
``金额（元）`` in the column header, ``合计（万元）`` in the row header.  This module reads that:

- header rows are the leading rows without a figure (a year such as ``2024`` is a heading, not a figure);
- code columns (功能分类科目编码, 类/款/项, 序号, or values with a leading zero such as ``01``) never
  hold figures;
- unit, in order: the cell's column header, its row header, the table caption, a ``单位：…`` line in
  the 300 characters before the table; column headers naming a rate (执行率, 完成率, 占比 ...) make
  percents and headers naming a score (分值, 得分, 权重) make scores;
- ``label`` = the row header (the nearest non-figure, non-code cell to the left, list markers such
  as ``一、`` or ``1.`` removed), ``column_header`` = the lowest header cell over the column; a
  cell without a row header, or in a 合计 row, takes its concept from the column (from the header
  above it when the lowest one is only 合计/小计);
- negative cells (``-19.57``) keep their sign; thousands separators are read;
- a table cut by a page break (the next table starts with figures, has as many columns and stands
  on the next page; or repeats the same header rows) reads with the headers, code columns and unit
  of the part before it.

Every quantity inside a table cell gets ``from_table=True`` and the cell's headers, also when the
cell spells its unit out (``139.38万元``); a figure the text scanner read across a cell boundary
(``30`` in one cell, ``人`` in the next) is dropped, because cells are separate statements.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from ..model import Cell, Document, Table
from . import units as U
from .numbers import MULTIPLIERS, exponent, parse_arabic, significant_exponent

_BARE = re.compile(r"\s*(?P<sign>[-+]?)\s*(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<pct>[%‰])?\s*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CODE_HEADER = re.compile(r"编码|代码|序号|编号|科目代码|行次|栏次|日期|时间|电话|邮编|年份")
# columns of years, codes and row numbers: their numbers are not amounts (年度 alone, not 年度预算数)
_CODE_CELLS = {"类", "款", "项", "序号", "行次", "栏次", "编号", "年度", "年", "月份", "月", "年月"}
_MONEY_UNIT = "|".join(sorted((re.escape(u) for u in U.MONEY_UNITS), key=len, reverse=True))
_COUNT_UNIT = "|".join(sorted((re.escape(u) for u in U.MEASURE_WORDS), key=len, reverse=True))
# 单位：万元 / 单位:元 / （万元） / (元) / 金额（元） / 人数（人）
_UNIT_LINE = re.compile(rf"单位\s*[:：]\s*(?P<u>(?:{_MONEY_UNIT})|%|(?:万)?(?:{_COUNT_UNIT}))")
_UNIT_PAREN = re.compile(rf"[（(]\s*(?P<u>(?:{_MONEY_UNIT})|%|‰|分|(?:万)?(?:{_COUNT_UNIT}))\s*[)）]")
_PERCENT_HEADER = re.compile(r"执行率|完成率|比率|比例|占比|增长率|增幅|降幅|百分比|率\s*$|率[（(]")
_SCORE_HEADER = re.compile(r"分值|得分|权重|分数|评分")
_LIST_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*[.、．]\s*)")
_WS = re.compile(r"\s+")


def _clean_header(text: str) -> str:
    return _WS.sub("", text)


def _row_label(text: str) -> str:
    return _LIST_MARKER.sub("", _clean_header(text)) or _clean_header(text)


# A cell that states a value with its unit (≥500人次, 88.6公里, 2023年11月, 200元/人) is a value of
# the row, not its header; 1、工资福利支出 / 1.培训 start with a list number and are headers, and so is
# a year naming the row (2022年).
_VALUE_START = re.compile(r"[≥≤<>=＜＞≦≧]*\s*[-+]?\d+")
_LIST_NUMBER_AFTER = re.compile(r"[、.．)）]\s*\D")
_YEAR_ROW = re.compile(r"(?:19|20)\d\d\s*年度?(?![\s\d]*月)")
_VALUE_HEADER = re.compile(r"指标值|完成值|实际值|目标值|实际完成|预算数|执行数|决算数|金额|分值|得分|执行率|完成率")


def _value_like(text: str) -> bool:
    m = _VALUE_START.match(text)
    if m is None or _YEAR_ROW.match(text):  # 2022年 / 2023年项目支出 name a row; 2023年11月 is a value
        return False
    return _LIST_NUMBER_AFTER.match(text, m.end()) is None


def _bare(text: str) -> re.Match[str] | None:
    m = _BARE.fullmatch(text)
    return m


class _Grid:
    """Cells by (row, col), header rows, code columns of one table."""

    def __init__(self, table: Table, folded: str, before: _Grid | None = None):
        self.table = table
        self.parent: _Grid | None = None
        self.by_pos: dict[tuple[int, int], Cell] = {}
        for c in table.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    self.by_pos.setdefault((r, k), c)
        self.folded = folded
        self.n_rows = table.n_rows
        self.n_cols = table.n_cols
        self.header_rows = self._header_rows()
        if (
            (self.header_rows == 0 or self._figure_columns_headless())
            and before is not None
            and before.n_cols == self.n_cols
            and (table.page is None or before.table.page is None or table.page == before.table.page + 1)
        ):
            # a table cut by a page break: the part on the next page has no headers of its own;
            # it reads with the headers, code columns and unit of the part before it
            self.parent = before.parent or before
        elif (
            self.header_rows > 0
            and before is not None
            and before.n_cols == self.n_cols
            and self.signature() == before.signature()
        ):
            # the next page repeats the header rows but not the 单位 line: same table, same unit
            self.parent = before.parent or before
        self.code_cols = self._code_cols()
        if self.parent is not None:
            self.code_cols |= self.parent.code_cols
        self.block_heads = self._block_header_rows()
        self.value_cols = self._value_cols()

    def unit_in_headers(self) -> str | None:
        """A ``单位：元`` cell anywhere in the header rows (tables that carry their title inside)."""
        for c in self.table.cells:
            if c.row < self.header_rows and c.end > c.start:
                m = _UNIT_LINE.search(self.text(c))
                if m:
                    return m.group("u")
        return None

    def _figure_columns_headless(self) -> bool:
        """No header text over any column that holds a figure (the rows above are data rows
        without figures, as at the top of a continued two-sided 收支 table)."""
        cols = {
            c.col
            for c in self.table.cells
            if c.row >= self.header_rows and c.end > c.start and self._is_figure(c)
        }
        return bool(cols) and not any(self._own_headers(k) for k in cols)

    def signature(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(self.headers_over(k)) for k in range(self.n_cols))

    def text(self, c: Cell) -> str:
        return self.folded[c.start : c.end] if c.end > c.start else c.text

    def _is_figure(self, c: Cell) -> bool:
        t = self.text(c).strip()
        m = _bare(t)
        return m is not None and not (_YEAR.fullmatch(t) and not m.group("sign"))

    def _header_rows(self) -> int:
        for r in range(self.n_rows):
            for k in range(self.n_cols):
                c = self.by_pos.get((r, k))
                if c is not None and c.row == r and self._is_figure(c):
                    return r
        return 0  # no figure at all: nothing to read, no headers needed

    def _block_header_rows(self) -> list[int]:
        """Header rows in the middle of a table, below figure rows: the 项目支出绩效自评表 puts its
        indicator block (一级指标 … 年度指标值 | 实际完成值 | 分值 | 得分) under its funds block
        (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分) in one Word table, so a column
        means one thing above that row and another below it.  Such a row holds no figure and names
        at least two of the columns that hold figures below it."""
        if self.header_rows == 0:
            return []
        rows: dict[int, list[Cell]] = {}
        for c in self.table.cells:
            if c.row >= self.header_rows:
                rows.setdefault(c.row, []).append(c)
        figure_cols: set[int] = set()
        out: list[int] = []
        for r in sorted(rows, reverse=True):  # bottom up: which columns hold figures below
            cells = rows[r]
            texts = [(c, self.text(c).strip()) for c in cells]
            has_figure = any(t and (self._is_figure(c) or _value_like(t)) for c, t in texts)
            if not has_figure:
                named = [c for c, t in texts if t and c.col in figure_cols and c.col not in self.code_cols]
                if len(named) >= 2:
                    out.append(r)
            else:
                figure_cols |= {c.col for c, t in texts if t and (self._is_figure(c) or _value_like(t))}
        return sorted(out)

    def _value_cols(self) -> dict[int | None, set[int]]:
        """Per block (None: under the table's own headers; else the block's header row), the
        columns holding a figure in at least two rows: their other cells (明显改善 in 实际完成值)
        are values too, never the label of a row."""
        seen: dict[tuple[int | None, int], int] = {}
        for c in self.table.cells:
            if c.row >= self.header_rows and c.end > c.start:
                t = self.text(c).strip()
                if t and (self._is_figure(c) or _value_like(t)):
                    key = (self.block_header(c.row), c.col)
                    seen[key] = seen.get(key, 0) + 1
        out: dict[int | None, set[int]] = {}
        for (block, col), n in seen.items():
            if n >= 2:
                out.setdefault(block, set()).add(col)
        # a column whose header says it holds values (年度指标值, 实际完成值 …), however few figures
        for block in {None, *self.block_heads}:
            for col in range(self.n_cols):
                heads = self.headers_at(col, block + 1 if block is not None else self.header_rows)
                if heads and _VALUE_HEADER.search(heads[-1]):
                    out.setdefault(block, set()).add(col)
        return out

    def block_header(self, row: int) -> int | None:
        """The mid-table header row that governs ``row`` (None: the table's own header rows)."""
        i = bisect_right(self.block_heads, row - 1) - 1
        return self.block_heads[i] if i >= 0 else None

    def headers_at(self, col: int, row: int) -> list[str]:
        """Header texts over a cell: its block's header row when it has one, else the table's."""
        h = self.block_header(row)
        if h is not None:
            c = self.by_pos.get((h, col))
            t = _clean_header(self.text(c)) if c is not None else ""
            return [t] if t else []
        return self.headers_over(col)

    def unit_in_header_row(self, col: int, row: int) -> str | None:
        """A unit written once for a whole header row (``项目资金（万元）`` at the row's start)."""
        h = self.block_header(row)
        if h is None:
            h = self.header_rows - 1
            if h < 0:
                return None
        for k in range(self.n_cols):
            c = self.by_pos.get((h, k))
            if c is None or c.row > h:
                continue
            m = _UNIT_PAREN.search(self.text(c)) or _UNIT_LINE.search(self.text(c))
            if m:
                return m.group("u")
        return None

    def headers_over(self, col: int) -> list[str]:
        """Header texts over a column, top to bottom, each once."""
        if self.parent is not None and (self.header_rows == 0 or not self._own_headers(col)):
            return self.parent.headers_over(col)
        return self._own_headers(col)

    def _own_headers(self, col: int) -> list[str]:
        out: list[str] = []
        seen: set[int] = set()
        for r in range(self.header_rows):
            c = self.by_pos.get((r, col))
            if c is None or id(c) in seen:
                continue
            seen.add(id(c))
            t = _clean_header(self.text(c))
            if t:
                out.append(t)
        return out

    def _code_cols(self) -> set[int]:
        codes: set[int] = set()
        for k in range(self.n_cols):
            heads = self.headers_over(k)
            low = heads[-1] if heads else ""
            if any(_CODE_HEADER.search(h) for h in heads) or low in _CODE_CELLS:
                codes.add(k)
                continue
            for r in range(self.header_rows, self.n_rows):
                c = self.by_pos.get((r, k))
                if c is not None and c.col == k and c.row == r:
                    t = self.text(c).strip()
                    if len(t) >= 2 and t[0] == "0" and t.isdigit():
                        codes.add(k)
                        break
        return codes

    def row_header(self, row: int, col: int) -> str | None:
        values = self.value_cols.get(self.block_header(row), set())
        for k in range(col - 1, -1, -1):
            c = self.by_pos.get((row, k))
            if c is None or k in self.code_cols or k in values:
                continue
            t = self.text(c).strip()
            if not t or self._is_figure(c) or t in {"-", "—", "——", "/"} or _value_like(t):
                continue
            return _row_label(t)
        return None


def _unit_before(document: Document, table: Table) -> str | None:
    """``单位：万元`` in the caption or in the text just before the table.

    The text searched never reaches back into an earlier table: a column header such as
    ``本年收费金额（单位：万元）`` in the table above says nothing about this one.
    """
    if table.caption:
        m = _UNIT_LINE.search(table.caption) or _UNIT_PAREN.search(table.caption)
        if m:
            return m.group("u")
    starts = [c.start for c in table.cells if c.end > c.start]
    if not starts:
        return None
    first = min(starts)
    lo = max(0, first - 300)
    for other in document.tables:
        if other is table:
            continue
        ends = [c.end for c in other.cells if c.end > c.start and c.end <= first]
        if ends:
            lo = max(lo, max(ends))
    window = document.text[lo:first]
    found = None
    for m in _UNIT_LINE.finditer(window):
        found = m.group("u")
    return found


_GENERIC_HEADERS = {"合计", "小计", "总计", "金额", "数额", "本年合计"}


def _concept_header(heads: list[str]) -> str | None:
    """The header that names the item of a column: the lowest one, unless it is only 合计/小计,
    then the one above it (the 合计 column under “三公”经费预算数 is the 三公 total)."""
    for h in reversed(heads):
        if _UNIT_PAREN.sub("", h) not in _GENERIC_HEADERS:
            return h
    return heads[-1] if heads else None


def _unit_from_headers(texts: list[str]) -> str | None:
    for t in reversed(texts):  # the lowest header is the most specific
        m = _UNIT_PAREN.search(t) or _UNIT_LINE.search(t)
        if m:
            return m.group("u")
    return None


def _kind_of_unit(unit: str) -> tuple[str, str, Decimal] | None:
    """(kind, normalized_unit, factor) for a unit named by a table."""
    if unit in U.MONEY_UNITS:
        return "money", "元", U.MONEY_UNITS[unit]
    if unit in ("%", "‰"):
        return "percent", unit, Decimal(1)
    if unit == "分":
        return "score", "分", Decimal(1)
    mult = ""
    for m in sorted(MULTIPLIERS, key=len, reverse=True):
        if unit.startswith(m) and unit[len(m) :] in U.MEASURE_WORDS:
            mult = m
            break
    measure = unit[len(mult) :]
    if measure in U.MEASURE_WORDS:
        return "count", measure, Decimal(MULTIPLIERS.get(mult, 1))
    return None


def scan_tables(document: Document, f: str, raws: list) -> list:
    """Drop cross-cell text figures, give in-cell figures their headers, add bare numeric cells."""
    from .quantities import Raw

    if not document.tables:
        return raws
    spans: list[tuple[int, int, _Grid, Cell]] = []
    grids = []
    n = len(f)
    for table in document.tables:
        try:
            g = _Grid(table, f, grids[-1] if grids else None)
        except (ValueError, TypeError, IndexError, MemoryError):
            continue  # a table model a reader built inconsistently is skipped, never fatal
        grids.append(g)
        for c in table.cells:
            if 0 <= c.start < c.end <= n:  # a cell must lie inside the text to give spans
                spans.append((c.start, c.end, g, c))
    spans.sort(key=lambda s: (s[0], s[1]))
    starts = [s[0] for s in spans]

    def cell_at(offset: int):
        i = bisect_right(starts, offset) - 1
        if i >= 0 and spans[i][0] <= offset < spans[i][1]:
            return spans[i]
        return None

    out = []
    covered: set[int] = set()  # id of cells that already hold a text figure
    for r in raws:
        hit = cell_at(r.num_start)
        if hit is None:
            out.append(r)
            continue
        s, e, g, c = hit
        if r.end > e or r.start < s:
            continue  # read across a cell boundary
        covered.add(id(c))
        r.from_table = True
        heads = g.headers_at(c.col, c.row)
        r.column_header = heads[-1] if heads else None
        r.concept_header = _concept_header(heads)
        r.win_lo, r.win_hi = s, e
        rest = (f[s : r.start] + f[r.end : e]).strip()
        if not rest:  # the cell is the figure: its label is the row header
            r.label = g.row_header(c.row, c.col)
        out.append(r)

    for g in grids:
        table_unit = None
        table_unit_done = False
        for c in g.table.cells:
            if not 0 <= c.start < c.end <= n or id(c) in covered or c.row < g.header_rows or c.col in g.code_cols:
                continue
            text = f[c.start : c.end]
            m = _bare(text)
            if m is None:
                continue
            heads = g.headers_at(c.col, c.row)
            in_block = g.block_header(c.row) is not None
            row_head = g.row_header(c.row, c.col)
            unit = _unit_from_headers(heads)
            if unit is None and row_head:
                unit = _unit_from_headers([row_head])
            pct = m.group("pct")
            kind_info = None
            if pct:
                unit = pct
            elif unit is None and heads and _PERCENT_HEADER.search(heads[-1]):
                unit = "%"
            elif unit is None and heads and _SCORE_HEADER.search(heads[-1]):
                unit = "分"
            if unit is None and not (heads and _SCORE_HEADER.search(heads[-1])):
                unit = g.unit_in_header_row(c.col, c.row)
            if unit is None and not in_block:
                if not table_unit_done:
                    table_unit = _unit_before(document, g.table) or g.unit_in_headers()
                    if table_unit is None and g.parent is not None:
                        table_unit = _unit_before(document, g.parent.table) or g.parent.unit_in_headers()
                    table_unit_done = True
                unit = table_unit
            if unit is None:
                continue
            kind_info = _kind_of_unit(unit)
            if kind_info is None:
                continue
            kind, norm_unit, factor = kind_info
            num = m.group("n")
            value = parse_arabic(m.group("sign") + num)
            if value is None:
                continue
            start = c.start + m.start("sign") if m.group("sign") else c.start + m.start("n")
            end = c.start + (m.end("pct") if pct else m.end("n"))
            prec = exponent(num)
            integer_exact = kind == "count" and factor == 1 and "." not in num
            out.append(
                Raw(
                    kind=kind, start=start, end=end, num_start=c.start + m.start("n"), num_end=c.start + m.end("n"),
                    value=value, unit=unit, factor=factor, normalized_unit=norm_unit, precision=prec,
                    step=Decimal(1).scaleb(significant_exponent(num)), integer_exact=integer_exact,
                    from_table=True, label=row_head, column_header=heads[-1] if heads else None,
                    concept_header=_concept_header(heads),
                    unit_end=end, win_lo=c.start, win_hi=c.end,
                )  # fmt: skip
            )
    out.sort(key=lambda r: (r.start, r.end))
    return out
