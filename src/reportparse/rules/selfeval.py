"""A reading of the 自评表 (项目支出/部门整体支出绩效自评表) for the 5xx rules.

The 财预〔2020〕10号 form is ONE table with two blocks, each under its own header row:

    项目资金（万元） |              | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
                     | 年度资金总额 | 2030.12    | 2030.12    | 2030.12    | 10   | 100%   | 10
                     | 其中：当年财政拨款 | …    |            |            | —    | —      | —
    绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
             | 产出指标 | 数量指标 | …        | ≥8.5公里   | 8.7公里    | 15   | 15
    总分     |          |          |          |            |            | 100  | 96

So a column means 分值 under one header row and 实际完成值 under the next: the columns are read
from the nearest header row above each data row, never from the table's first row.  The 执行率 row
of the funds block carries its own 分值/得分 (10 points by default) and belongs to the score list.
Cells are read from Document.text at their spans; a cell's Quantity (if extraction typed it) is the
finding member, otherwise the cell's own span.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Cell, Finding, Quantity, Table
from .base import Context, Rule
from .tablegrid import Value, cell_text, clean, parse_number
from .tolerance import Interval, fmt, judge, rounding_bound

TOTAL_WORDS = ("合计", "总分", "总计")
# funds block rows: the total and the sources it is made of
FUNDS_TOTAL = ("年度资金总额", "资金总额")
FUNDS_PARTS = ("财政拨款", "上年结转", "其他资金")
FUNDS_COLUMNS = ("年初预算数", "全年预算数", "全年执行数")
# a source row may name its own source ("其中：省级补助资金", "中央资金"): a row of the funds block whose
# label ends like a source is one, or the total is checked against the sources left after it
FUNDS_SOURCE_ENDS = ("资金", "补助", "拨款", "经费")


@dataclass
class ScoreRow:
    row: int
    label: str  # the row's text cells left of its figures, joined
    name: str = ""  # the indicator's own name: the last of those cells without a digit (not a target)
    weight: Value | None = None
    score: Value | None = None

    @property
    def is_total(self) -> bool:
        return any(w in self.label for w in TOTAL_WORDS)

    @property
    def is_subtotal(self) -> bool:
        return "小计" in self.label


@dataclass
class FundsRow:
    row: int
    label: str
    values: dict[str, Value] = field(default_factory=dict)  # 年初预算数/全年预算数/全年执行数/执行率 → cell


@dataclass
class SelfEvalTable:
    index: int
    scores: list[ScoreRow] = field(default_factory=list)
    funds: list[FundsRow] = field(default_factory=list)


def _is_weight_header(t: str) -> bool:
    return "分值" in t or t in ("权重", "标准分", "权重分")


def _is_score_header(t: str) -> bool:
    return "得分" in t and "率" not in t


def _rows(table: Table) -> list[list[Cell | None]]:
    n_cols = max((c.col + c.colspan for c in table.cells), default=0)
    n_rows = max((c.row + 1 for c in table.cells), default=0)
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for c in table.cells:
        grid[c.row][c.col] = c
    return grid


def _quantities_by_cell(ctx: Context) -> dict[tuple[int, int], Quantity]:
    """(start, end) of a cell → the quantity extraction found inside it (the first one)."""
    out: dict[tuple[int, int], Quantity] = {}
    spans = sorted((q.span[0], q.span[1], q) for q in ctx.report.quantities if q.from_table)
    cells = sorted((c.start, c.end) for t in ctx.tables for c in t.cells)
    i = 0
    for start, end in cells:
        while i < len(spans) and spans[i][0] < start:
            i += 1
        if i < len(spans) and spans[i][1] <= end:
            out[(start, end)] = spans[i][2]
    return out


def read(ctx: Context) -> list[SelfEvalTable]:
    """Every table with a 分值 or 得分 header row (or a funds header), read block by block."""
    typed = _quantities_by_cell(ctx)
    out = []
    for table in ctx.tables:
        if not table.cells:
            continue
        t = SelfEvalTable(table.index)
        weight_col = score_col = None
        funds_cols: dict[int, str] = {}
        for row in _rows(table):
            cells = [(c, clean(cell_text(ctx.document, c))) for c in row if c is not None]
            texts = [x for _, x in cells if x]
            if not texts:
                continue
            numbers = [(c, x) for c, x in cells if parse_number(x)]
            if not numbers:
                w = [c.col for c, x in cells if _is_weight_header(x)]
                s = [c.col for c, x in cells if _is_score_header(x)]
                f = {c.col: x for c, x in cells if any(x.startswith(h) for h in (*FUNDS_COLUMNS, "执行率"))}
                if w or s or f:  # a header row: it sets the columns of the rows below it
                    weight_col = w[0] if w else None
                    score_col = s[0] if s else None
                    funds_cols = {col: next((h for h in (*FUNDS_COLUMNS, "执行率") if x.startswith(h)), x)
                                  for col, x in f.items()}
                    continue
            value_cols = [c for c in (weight_col, score_col, *funds_cols) if c is not None]
            if not value_cols:
                continue
            first = min(value_cols)
            label = "".join(x for c, x in cells if c.col < first and not parse_number(x))
            name = next((x for c, x in reversed(cells) if c.col < first and x and not any(ch.isdigit() for ch in x)), "")

            def value(col):
                c = row[col] if col is not None and col < len(row) else None
                if c is None:
                    return None
                num = parse_number(cell_text(ctx.document, c))
                if num is None:
                    return None
                return Value(num[0], num[1], c, typed.get((c.start, c.end)))

            if weight_col is not None or score_col is not None:
                sr = ScoreRow(cells[0][0].row, label, name, value(weight_col), value(score_col))
                if sr.weight is not None or sr.score is not None:
                    t.scores.append(sr)
            if funds_cols:
                fr = FundsRow(cells[0][0].row, label)
                for col, head in funds_cols.items():
                    c = row[col] if col < len(row) else None
                    if c is None:
                        continue
                    text = clean(cell_text(ctx.document, c))
                    num = parse_number(text.rstrip("%"))
                    if num is not None:
                        fr.values[head] = Value(num[0], num[1], c, typed.get((c.start, c.end)))
                if fr.values:
                    t.funds.append(fr)
        if t.scores or t.funds:
            out.append(t)
    return out


def funds_blocks(t: SelfEvalTable) -> list[tuple[FundsRow, list[FundsRow]]]:
    """(年度资金总额 row, its source rows) of a table's funds block."""
    out = []
    total = None
    parts: list[FundsRow] = []
    for r in t.funds:
        if any(w in r.label for w in FUNDS_TOTAL):
            if total is not None:
                out.append((total, parts))
            total, parts = r, []
        elif total is not None and (any(w in r.label for w in FUNDS_PARTS) or _source(r.label).endswith(FUNDS_SOURCE_ENDS)):
            parts.append(r)
    if total is not None:
        out.append((total, parts))
    return out


# --- rules on the funds block -------------------------------------------------------------------------


def _source(label: str) -> str:
    return label.removeprefix("其中：").removeprefix("其中:").removeprefix("其中")


class FundsSum(Rule):
    """自评表资金块：年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金（年初预算数、全年预算数、全年执行数各列）。

    Why:
        自评表“项目资金”一栏的年度资金总额由各资金来源组成。曾有自评表写全年执行数 2030.12、执行率 100%，
        而各来源的执行数合计只有 1925.67：总额与明细必有一处没有更新，执行率也随之失真。

    Bad:
        项目支出绩效自评表
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 2030.12 | 2030.12 | 2030.12 | 10 | 100% | 10 |
        | | 其中：当年财政拨款 | 2030.12 | 2030.12 | 1925.67 | — | — | — |
        | | 其他资金 | 0 | 0 | 0 | — | — | — |

    Good:
        项目支出绩效自评表
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 2030.12 | 2030.12 | 2030.12 | 10 | 100% | 10 |
        | | 其中：当年财政拨款 | 2030.12 | 2030.12 | 2030.12 | — | — | — |
        | | 其他资金 | 0 | 0 | 0 | — | — | — |

    Tolerance:
        各来源与总额按表中印刷精度相加：差在 n 项的舍入容差之内（两位小数 2-3 项 0.01）报“提示”。

    Limits:
        只核对表头含“年初预算数/全年预算数/全年执行数”的资金块，总额行标为“年度资金总额”，来源行含
        “财政拨款/上年结转/其他资金”或以“资金/补助/拨款/经费”结尾（如“其中：省级补助资金”）；来源行全部
        空白（“—”）的列不核对。来源下再分的子行（如财政拨款之下的“中央资金”）会被当作并列来源。
    """

    id = "RP610"
    name = "selfeval-funds-sum"
    severity = "error"
    summary = "自评表资金块：年度资金总额不等于各资金来源之和"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for t in read(ctx):
            for total, parts in funds_blocks(t):
                for head in FUNDS_COLUMNS:
                    stated = total.values.get(head)
                    items = [(p, p.values[head]) for p in parts if head in p.values]
                    if stated is None or not items:
                        continue
                    point = sum((v.value for _, v in items), start=Decimal(0))
                    # a printed 0 is exact (nothing rounds to "0"): it says nothing about the column's precision
                    exp = max([stated.exp] + [v.exp for _, v in items if v.value != 0])
                    bound = rounding_bound(len(items), exp)
                    diff = stated.value - point
                    terms = " + ".join(f"{_source(p.label)} {v.text}" for p, v in items)
                    members = [stated.member("total")] + [v.member("part") for _, v in items]
                    places = max(0, -exp)
                    if diff == 0:
                        yield ctx.passed(self, f"自评表{head}：{terms} = {fmt(point, places)}，与年度资金总额 {stated.text} 一致",
                                         members, expected=point, actual=stated.value, tolerance=bound)
                        continue
                    msg = (f"自评表{head}：年度资金总额写 {stated.text}，{terms} = {fmt(point, places)}，"
                           f"相差 {fmt(abs(diff), places)}")
                    if abs(diff) <= bound:
                        yield ctx.fail(self, msg + f"，在舍入容差 {fmt(bound, places)} 之内（舍入差）", members,
                                       expected=point, actual=stated.value, tolerance=bound, severity="info")
                    else:
                        yield ctx.fail(self, msg + f"，超出舍入容差 {fmt(bound, places)}", members, expected=point,
                                       actual=stated.value, tolerance=bound)


class FundsExecutionRate(Rule):
    """自评表资金块：执行率 = 全年执行数 ÷ 全年预算数。

    Why:
        自评表的执行率由同一行的两个数算出，也决定“预算执行率”指标的得分；印错的执行率会多给或少给分。

    Bad:
        项目支出绩效自评表
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 2030.12 | 2030.12 | 1925.67 | 10 | 100% | 10 |

    Good:
        项目支出绩效自评表
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 2030.12 | 2030.12 | 1925.67 | 10 | 94.85% | 9.49 |

    Tolerance:
        按印刷数字做区间除法；只差在四舍五入或截断时报“提示”。

    Limits:
        只核对资金块中同一行写有全年预算数、全年执行数和执行率的行。
    """

    id = "RP611"
    name = "selfeval-execution-rate"
    severity = "error"
    summary = "自评表资金块：执行率不等于全年执行数除以全年预算数"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for t in read(ctx):
            for r in t.funds:
                budget, spent, rate = (r.values.get(h) for h in ("全年预算数", "全年执行数", "执行率"))
                if budget is None or spent is None or rate is None or not budget.value:
                    continue
                computed = Interval.printed(spent.value, spent.exp) / Interval.printed(budget.value, budget.exp)
                if computed is None:
                    continue
                computed = computed * 100
                point = spent.value / budget.value * 100
                stated = Interval.printed(rate.value, rate.exp)
                outcome = judge(computed, point, stated, rate.value, precision=rate.exp)
                members = [rate.member("rate"), spent.member("actual"), budget.member("budget")]
                shown = fmt(point.quantize(Decimal(1).scaleb(min(rate.exp, -2))))
                head = f"自评表{_source(r.label)}：执行率写 {rate.text}，{spent.text} ÷ {budget.text} = {shown}%"
                if outcome == "holds":
                    yield ctx.passed(self, head, members, expected=shown + "%", actual=rate.text)
                elif outcome in ("rounding", "truncation"):
                    yield ctx.fail(self, head + ("（截断）" if outcome == "truncation" else "（舍入差）"), members,
                                   expected=shown + "%", actual=rate.text, severity="info")
                else:
                    yield ctx.fail(self, head + f"，相差 {fmt(abs(point - rate.value).quantize(Decimal('0.01')))} 个百分点",
                                   members, expected=shown + "%", actual=rate.text)

