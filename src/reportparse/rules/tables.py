"""6xx 决算/预算 tables: the identities the nine standard tables are built on.

The tables are read by tablegrid.py (page parts merged, headers, 功能分类 codes, two-sided rows).
Every figure in a table is printed at the table's precision (0.01 万元 or 0.01 元, sometimes whole 元);
a difference no larger than the rounding bound for the number of parts is `info`, never `error`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal

from ..model import Finding
from . import selfeval
from .base import Context, Rule, norm_precision
from .tablegrid import Grid, Segment, Value, clean, grids
from .tolerance import Interval, fmt, quantize_at, rounding_bound

_NUMBERED = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_GRAND_IN = {"收入总计", "收入支出总计"}
_GRAND_OUT = {"支出总计"}
_GRAND = {"总计"}


def _grids(ctx: Context) -> list[Grid]:
    cached = getattr(ctx, "_rp6_grids", None)
    if cached is None:
        cached = grids(ctx.document, ctx.report.quantities)
        ctx._rp6_grids = cached  # the six rules read the same grids; build them once per check
    return cached


def _unit(g: Grid) -> str:
    return g.unit or ""


def _name(g: Grid) -> str:
    return g.title or f"第{g.parts[0].index + 1}个表格"


def _exp(values: Iterable[Value]) -> int:
    return max((v.exp for v in values), default=0)


def _compare(ctx: Context, rule: Rule, g: Grid, what: str, stated: Value, parts: list[tuple[Value, str]],
             stated_role: str = "total", sign: list[int] | None = None, stated_text: str | None = None) -> Finding:
    """stated = Σ parts (with optional signs): pass, info (rounding) or error, with the figures in words."""
    signs = sign or [1] * len(parts)
    computed = sum((v.value * s for (v, _), s in zip(parts, signs, strict=True)), Decimal(0))
    exp = _exp([stated] + [v for v, _ in parts])
    diff = abs(stated.value - computed)
    bound = rounding_bound(len(parts), exp)
    terms = "".join(
        (" − " if s < 0 else (" + " if i else "")) + f"{label} {v.text}"
        for i, ((v, label), s) in enumerate(zip(parts, signs, strict=True))
        if i < 6 or len(parts) <= 8
    )
    if len(parts) > 8:  # a 类 with 27 items: name the first few, every cell is still a member
        terms += f" + …（共 {len(parts)} 项）"
    places = max(0, -exp)
    unit = _unit(g)
    members = [stated.member(stated_role)] + [v.member("part") for v, _ in parts]
    st = stated_text or stated.text
    head = f"{_name(g)}：{what}"
    if diff == 0:
        return ctx.passed(rule, f"{head}：{terms} = {fmt(computed, places)}，与表中 {st} 一致", members,
                          expected=computed, actual=stated.value, tolerance=bound)
    msg = (f"{head}：{terms} = {fmt(computed, places)}{unit}，表中为 {st}{unit}，"
           f"相差 {fmt(diff, places)}")
    if diff <= bound:
        return ctx.fail(rule, msg + f"，在 {len(parts)} 项舍入容差 {fmt(bound, places)} 之内（舍入差）", members,
                        expected=computed, actual=stated.value, tolerance=bound, severity="info")
    return ctx.fail(rule, msg + f"，超出舍入容差 {fmt(bound, places)}", members, expected=computed,
                    actual=stated.value, tolerance=bound)


def _first_value(seg: Segment) -> Value | None:
    return seg.values[min(seg.values)] if seg.values else None


class TotalsEqual(Rule):
    """收入总计 equals 支出总计 in a statement table (收入支出决算总表, 财政拨款收入支出总表, 预算总表).

    Why:
        The statement tables balance by construction: every 元 received or carried in is spent or
        carried out.  Two different 总计 on one table mean one side lost or gained a line.

    Bad:
        收入支出决算总表
        单位：万元
        | 项目 | 决算数 | 项目 | 决算数 |
        | 本年收入合计 | 9746.50 | 本年支出合计 | 9759.38 |
        | 年初结转和结余 | 112.88 | 年末结转和结余 | 100.00 |
        | 总计 | 9859.38 | 总计 | 9859.83 |

    Good:
        收入支出决算总表
        单位：万元
        | 项目 | 决算数 | 项目 | 决算数 |
        | 本年收入合计 | 9746.50 | 本年支出合计 | 9759.38 |
        | 年初结转和结余 | 112.88 | 年末结转和结余 | 100.00 |
        | 总计 | 9859.38 | 总计 | 9859.38 |

    Tolerance:
        None beyond printing: both totals are printed to the same precision and must be equal.

    Limits:
        Only tables whose rows say 总计 (or 收入总计 / 支出总计) on both sides.  The examples are tables
        (`|` rows).
    """

    example_format = "table"  # Bad/Good are `|` table rows: a .txt cannot carry a table
    id = "RP601"
    name = "table-totals-unequal"
    summary = "收支总表中收入总计与支出总计不相等"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for g in _grids(ctx):
            ins, outs = [], []
            for row, seg in g.segments():
                lab = clean(seg.label)
                v = _first_value(seg)
                if v is None:
                    continue
                if lab in _GRAND_IN:
                    ins.append(v)
                elif lab in _GRAND_OUT:
                    outs.append(v)
                elif lab in _GRAND:
                    # two-sided table: the left 总计 is income, the right one expenditure
                    sides = [s for s in row.segments if clean(s.label) in _GRAND and s.values]
                    if len(sides) == 2:
                        (ins if seg is sides[0] else outs).append(v)
            if not ins or not outs:
                continue
            a, b = ins[0], outs[0]
            members = [a.member("income_total"), b.member("expense_total")]
            unit = _unit(g)
            if a.value == b.value:
                yield ctx.passed(self, f"{_name(g)}：收入总计与支出总计均为 {a.text}{unit}", members,
                                 expected=a.value, actual=b.value, tolerance=Decimal(0))
                continue
            diff = fmt(abs(a.value - b.value), max(0, -_exp([a, b])))
            yield ctx.fail(self, f"{_name(g)}：收入总计 {a.text}{unit} 与支出总计 {b.text}{unit} 不相等，相差 {diff}",
                           members, expected=a.value, actual=b.value, tolerance=Decimal(0))


def _sides(g: Grid) -> dict[int, list[Segment]]:
    """Segments of a two-sided statement table grouped by the column their label stands in."""
    out: dict[int, list[Segment]] = {}
    for _, seg in g.segments():
        if seg.label:
            out.setdefault(seg.col, []).append(seg)
    return out


def _is_subtotal(label: str) -> bool:
    lab = clean(label)
    return lab.endswith("合计") and not lab.startswith(("人员经费", "公用经费"))


def _is_grand(label: str) -> bool:
    return clean(label) in _GRAND | _GRAND_IN | _GRAND_OUT


class StatementBalance(Rule):
    """In a statement table each side adds up: the numbered items give 本年收入合计 (本年支出合计), and
    总计 = 本年合计 + 年初结转和结余 + 使用非财政拨款结余 (+ 结余分配 + 年末结转和结余 on the spending side).

    Why:
        This is the fund identity of a 决算: 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余.
        A broken side means a line was mistyped or left out of the total.

    Bad:
        收入支出决算总表
        单位：万元
        | 项目 | 决算数 | 项目 | 决算数 |
        | 一、一般公共预算财政拨款收入 | 9746.50 | 一、社会保障和就业支出 | 754.75 |
        | 二、事业收入 | | 二、城乡社区支出 | 9004.63 |
        | 本年收入合计 | 9746.50 | 本年支出合计 | 9759.38 |
        | 年初结转和结余 | 121.88 | 年末结转和结余 | 100.00 |
        | 总计 | 9859.38 | 总计 | 9859.38 |

    Good:
        收入支出决算总表
        单位：万元
        | 项目 | 决算数 | 项目 | 决算数 |
        | 一、一般公共预算财政拨款收入 | 9746.50 | 一、社会保障和就业支出 | 754.75 |
        | 二、事业收入 | | 二、城乡社区支出 | 9004.63 |
        | 本年收入合计 | 9746.50 | 本年支出合计 | 9759.38 |
        | 年初结转和结余 | 112.88 | 年末结转和结余 | 100.00 |
        | 总计 | 9859.38 | 总计 | 9859.38 |

    Tolerance:
        The rounding bound of n parts at the table's precision: 0.01 for 2-3 parts, 0.02 for 4-5,
        0.04 for 9; a difference within it is `info`.

    Limits:
        Sides are told apart by the column their labels stand in; sub-items (1. 2.) under a numbered
        item are not added again.  The examples are tables (`|` rows).
    """

    example_format = "table"  # Bad/Good are `|` table rows: a .txt cannot carry a table
    id = "RP602"
    name = "table-side-unbalanced"
    summary = "收支总表一侧不平：各项之和不等于本年合计，或本年合计加结转结余不等于总计"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for g in _grids(ctx):
            for segs in _sides(g).values():
                yield from self._side(ctx, g, segs)

    def _side(self, ctx: Context, g: Grid, segs: list[Segment]) -> Iterable[Finding]:
        items: list[Segment] = []
        subtotal: Segment | None = None
        extra: list[Segment] = []
        heading_has_value = True
        for seg in segs:
            lab = clean(seg.label)
            if _is_grand(lab):
                if subtotal is None and items:
                    yield from self._items(ctx, g, items, seg)
                elif subtotal is not None and subtotal.values and seg.values:
                    yield from self._grand(ctx, g, subtotal, extra, seg)
                return
            if subtotal is None:
                if _is_subtotal(lab):
                    subtotal = seg
                    if items:
                        yield from self._items(ctx, g, items, seg)
                elif _NUMBERED.match(lab):
                    items.append(seg)
                continue
            if _NUMBERED.match(lab):
                if not heading_has_value and seg.values:
                    extra.append(seg)
            else:
                heading_has_value = bool(seg.values)
                if seg.values:
                    extra.append(seg)

    def _items(self, ctx, g, items, total) -> Iterable[Finding]:
        seen: set[tuple] = set()
        for col, tv in sorted(total.values.items()):
            parts = [(s.values[col], s.label) for s in items if col in s.values]
            if not parts:
                continue
            figures = (tv.value, *(v.value for v, _ in parts))
            if figures in seen:
                continue  # 合计 and 一般公共预算 columns with the same figures: one finding, not two
            seen.add(figures)
            col_name = f"（{g.deep_headers[col]}列）" if len(total.values) > 1 and g.deep_headers[col] else ""
            yield _compare(ctx, self, g, f"各项之和应等于{clean(total.label)}{col_name}", tv, parts)

    def _grand(self, ctx, g, subtotal, extra, grand) -> Iterable[Finding]:
        sv, gv = _first_value(subtotal), _first_value(grand)
        col = min(subtotal.values)
        parts = [(sv, clean(subtotal.label))] + [
            (s.values.get(col) or _first_value(s), clean(s.label)) for s in extra if s.values
        ]
        yield _compare(ctx, self, g, f"{clean(subtotal.label)}加结转结余应等于总计", gv, parts)


def _component_cols(g: Grid, total_col: int, cols: list[int]) -> list[int]:
    """The columns that add up to the 合计 column ``total_col``: those right of it until a new group."""
    out: list[int] = []
    for c in cols:
        if c <= total_col:
            continue
        h = g.deep_headers[c] or g.headers[c]
        if not h or h == "项目" or re.search(r"结转|结余|合计|总计|编码|名称", h):
            break
        out.append(c)
    # a group with its own 小计 (公务用车购置及运行维护费: 小计 | 购置 | 运行) counts once, by its 小计
    groups: dict[str, list[int]] = {}
    for c in out:
        top = g.top_headers[c]
        if top and top != g.deep_headers[c]:
            groups.setdefault(top, []).append(c)
    for members in groups.values():
        sub = [c for c in members if "小计" in g.deep_headers[c]]
        if sub:
            out = [c for c in out if c not in members or c == sub[0]]
    return out


class RowTotal(Rule):
    """In a row, the 合计 column equals the sum of the columns it totals: 合计 = 基本支出 + 项目支出,
    本年收入合计 = 财政拨款收入 + 事业收入 + …, 合计 = 人员经费 + 公用经费.

    Why:
        Each row of the 支出决算表 splits a spending line into basic and project spending (and the
        收入决算表 into sources); the split must add up to the row's 合计.

    Bad:
        支出决算表
        单位：万元
        | 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |
        | 212 | 城乡社区支出 | 3845.24 | 1585.59 | 2295.65 |

    Good:
        支出决算表
        单位：万元
        | 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |
        | 212 | 城乡社区支出 | 3845.24 | 1585.59 | 2259.65 |

    Tolerance:
        The rounding bound of the number of filled component cells at the table's precision
        (0.01 for 2-3 components); within it, `info`.

    Limits:
        Only columns whose own header says 合计, and the columns right of it up to the next 结转/结余/
        合计 column; empty component cells count as 0.  A row with an empty 合计 cell is skipped.
    """

    example_format = "table"  # Bad/Good are `|` table rows: a .txt cannot carry a table
    id = "RP603"
    name = "table-row-total"
    summary = "表格行内合计不等于各分列之和（合计 = 基本支出 + 项目支出 等）"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for g in _grids(ctx):
            if "三公" in g.title:
                continue  # its two-level header (合计 | 出国 | 车: 小计 购置 运行 | 接待) is RP608's
            cols = list(range(g.n_cols))
            totals = [c for c in cols if "合计" in (g.deep_headers[c] or "") and "经费" not in g.deep_headers[c]]
            for tc in totals:
                comps = _component_cols(g, tc, cols)
                if len(comps) < 2:
                    continue
                names = [g.deep_headers[c] for c in comps]
                for row, seg in g.segments():
                    tv = seg.values.get(tc)
                    parts = [(seg.values[c], names[i]) for i, c in enumerate(comps) if c in seg.values]
                    if tv is None or not parts:
                        continue
                    who = (seg.code + " " if seg.code else "") + (seg.label or "")
                    who = who.strip() + ("行" if clean(seg.label) in ("合计", "总计") else "")
                    yield _compare(ctx, self, g, f"{who.strip()}的{g.deep_headers[tc]}应等于{'+'.join(names)}",
                                   tv, parts)


def _code_entries(g: Grid) -> dict[tuple[int, str], dict[int, Value]]:
    """(side, code) → {col: value}; side is the column where the code stands (two-sided tables)."""
    out: dict[tuple[int, str], dict[int, Value]] = {}
    for _, seg in g.segments():
        if seg.code and seg.values:
            out.setdefault((seg.col, seg.code), {}).update(seg.values)
    return out


class CodeHierarchySum(Rule):
    """A 功能分类/经济分类 line equals the sum of its sub-lines, and the 合计 row the sum of the 类 lines:
    208 = 20805 + 20808, 20805 = 2080501 + 2080502 + …, 合计 = 208 + 210 + 212 + ….

    Why:
        The codes are a tree (类 3 digits, 款 5, 项 7; 经济分类 3 and 5): a parent line is by
        definition the sum of its children.  A parent that disagrees shows a mistyped or missing line.

    Bad:
        支出决算表
        单位：万元
        | 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |
        | 212 | 城乡社区支出 | 3845.24 | 1585.59 | 2259.65 |
        | 21201 | 城乡社区管理事务 | 1105.68 | 1096.91 | 8.77 |
        | 21202 | 城乡社区规划与管理 | 2793.56 | 488.68 | 2250.88 |

    Good:
        支出决算表
        单位：万元
        | 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |
        | 212 | 城乡社区支出 | 3845.24 | 1585.59 | 2259.65 |
        | 21201 | 城乡社区管理事务 | 1105.68 | 1096.91 | 8.77 |
        | 21202 | 城乡社区规划与管理 | 2739.56 | 488.68 | 2250.88 |

    Tolerance:
        The rounding bound for the number of children at the table's precision; within it, `info`.

    Limits:
        A parent is checked only against the children printed in the same (page-merged) table; a
        child line lost by the PDF reader would show here, so every error is worth a look at the page.
    """

    example_format = "table"  # Bad/Good are `|` table rows: a .txt cannot carry a table
    id = "RP604"
    name = "table-code-sum"
    summary = "科目上级数不等于下级科目之和，或合计行不等于各类之和"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for g in _grids(ctx):
            entries = _code_entries(g)
            if not entries:
                continue
            for (side, code), vals in sorted(entries.items(), key=lambda kv: (kv[0][0], kv[0][1])):
                children = sorted(k for k in entries if k[0] == side and len(k[1]) == len(code) + 2
                                  and k[1].startswith(code))
                if not children:
                    continue
                for col, tv in sorted(vals.items()):
                    parts = [(entries[k][col], k[1]) for k in children if col in entries[k]]
                    if parts:
                        yield _compare(ctx, self, g, f"科目 {code} 应等于下级科目之和（{g.deep_headers[col] or '金额'}）",
                                       tv, parts)
            yield from self._grand_total(ctx, g, entries)

    def _grand_total(self, ctx, g, entries) -> Iterable[Finding]:
        tops = {k: v for k, v in entries.items() if len(k[1]) == 3}
        if not tops:
            return
        sides = {k[0] for k in tops}
        if len(sides) != 1:
            return
        for _, seg in g.segments():
            if clean(seg.label) != "合计" or seg.code or not seg.values:
                continue
            for col, tv in sorted(seg.values.items()):
                parts = [(v[col], k[1]) for k, v in sorted(tops.items()) if col in v]
                if parts:
                    yield _compare(ctx, self, g, f"合计行应等于各类科目之和（{g.deep_headers[col] or '金额'}）", tv,
                                   parts)


class BasicEqualsPersonnelPlusPublic(Rule):
    """In the 基本支出 table, 人员经费合计 + 公用经费合计 equals the sum of the 经济分类 类 lines
    (工资福利支出 + 商品和服务支出 + 对个人和家庭的补助 + 资本性支出 …).

    Why:
        基本支出 = 人员经费 + 公用经费 (domain.md §3): the two 合计 at the foot of the table must share out
        exactly the economic lines above them.

    Bad:
        一般公共预算财政拨款基本支出决算表
        单位：万元
        | 科目编码 | 科目名称 | 决算数 | 科目编码 | 科目名称 | 决算数 |
        | 301 | 工资福利支出 | 4816.14 | 302 | 商品和服务支出 | 440.90 |
        | 303 | 对个人和家庭的补助 | 67.96 | 310 | 资本性支出 | 39.76 |
        | 人员经费合计 | | 4884.10 | 公用经费合计 | | 408.66 |

    Good:
        一般公共预算财政拨款基本支出决算表
        单位：万元
        | 科目编码 | 科目名称 | 决算数 | 科目编码 | 科目名称 | 决算数 |
        | 301 | 工资福利支出 | 4816.14 | 302 | 商品和服务支出 | 440.90 |
        | 303 | 对个人和家庭的补助 | 67.96 | 310 | 资本性支出 | 39.76 |
        | 人员经费合计 | | 4884.10 | 公用经费合计 | | 480.66 |

    Tolerance:
        The rounding bound for the number of 类 lines; within it, `info`.

    Limits:
        Only the 决算 layout with 人员经费合计 and 公用经费合计 rows; the budget layout (合计 | 人员经费 |
        公用经费 columns) is checked by RP603.  The examples are tables (`|` rows).
    """

    example_format = "table"  # Bad/Good are `|` table rows: a .txt cannot carry a table
    id = "RP605"
    name = "basic-personnel-public"
    summary = "基本支出表：人员经费合计 + 公用经费合计 不等于各经济分类之和"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for g in _grids(ctx):
            personnel = public = None
            for _, seg in g.segments():
                lab = clean(seg.label)
                if lab.startswith("人员经费") and seg.values:
                    personnel = _first_value(seg)
                elif lab.startswith("公用经费") and seg.values:
                    public = _first_value(seg)
            if personnel is None or public is None:
                continue
            tops = [(v, f"{k[1]}") for k, vals in sorted(_code_entries(g).items()) if len(k[1]) == 3
                    for v in [_first_value_of(vals)] if v is not None]
            if not tops:
                continue
            # stated side: the two 合计 together; computed: the 类 lines.  Compare as Σ tops = P + Q.
            total = Value(personnel.value + public.value, min(personnel.exp, public.exp), personnel.cell,
                          personnel.quantity)
            f = _compare(ctx, self, g, "人员经费合计 + 公用经费合计应等于各经济分类之和", total, tops,
                         stated_role="personnel", stated_text=f"{personnel.text} + {public.text} = {fmt(total.value)}")
            f.members.insert(1, ctx._member(public.member("public")))
            yield f


def _first_value_of(vals: dict[int, Value]) -> Value | None:
    return vals[min(vals)] if vals else None


# Which table a 说明 figure restates: the table (by its title), the row label and the column header.
_KIND_TITLE = [
    ("fiscal_total", re.compile(r"财政拨款收入支出决算总表|财政拨款收支预算总表")),
    ("basic", re.compile(r"基本支出(?:决算表|.*经济分类.*表)")),
    ("gpb", re.compile(r"一般公共预算(?:财政拨款)?支出(?:决算表|功能分类预算表)")),
    ("total", re.compile(r"收入支出决算总表|财务收支预算总表")),
    ("expense", re.compile(r"^(?:.*年)?(?:部门|单位|预算单位)?支出(?:决算表|预算总表)")),
]
# text label → (table kind, row labels, column header or None for the row's first value)
_TEXT_TO_TABLE = {
    "收入支出总计": ("total", {"总计", "收入总计"}, None),
    "本年收入合计": ("total", {"本年收入合计"}, None),
    "本年支出合计": ("total", {"本年支出合计"}, None),
    "财政拨款收入支出总计": ("fiscal_total", {"总计", "收入总计"}, None),
    "基本支出": ("expense", {"合计"}, "基本支出"),
    "项目支出": ("expense", {"合计"}, "项目支出"),
    "一般公共预算财政拨款支出": ("gpb", {"合计"}, "合计"),
    "一般公共预算财政拨款基本支出": ("gpb", {"合计"}, "基本支出"),
    "人员经费": ("basic", {"人员经费合计", "人员经费", "合计"}, "人员经费"),
    "公用经费": ("basic", {"公用经费合计", "公用经费", "合计"}, "公用经费"),
    # budgets: `收入预算37,151.47万元`, `支出预算…`, `财政拨款支出预算…`, `一般公共预算拨款支出预算…`
    "收入预算": ("total", {"收入总计"}, None),
    "支出预算": ("total", {"支出总计"}, None),
    "财政拨款支出预算": ("fiscal_total", {"支出总计"}, None),
    "一般公共预算拨款支出预算": ("gpb", {"合计"}, "合计"),
}
_ITEM = re.compile(r"(?:([^（）()]+)[（(]款[)）])?([^（）()]+)[（(]项[)）]$")
# roles that make a text figure another year's figure or a change, never the table's own figure
_CHANGE_BEFORE = re.compile(r"(?:增加|减少|增长|下降|上升|降低|增|减|相比|比上年|较上年)[\s为了]*$")
_NOT_THIS_YEAR = {"last_year", "change", "pct_change", "difference", "budget", "share"}


def _kind(g: Grid) -> str | None:
    t = clean(g.title)
    for kind, rx in _KIND_TITLE:
        if rx.search(t):
            return kind
    return None


def _table_value(g: Grid, rows: set[str], col_name: str | None) -> tuple[Value, str] | None:
    """The one cell of row ``rows`` (and column ``col_name``) in ``g``, with how to name it."""
    found: list[tuple[Value, str]] = []
    found_rows: set[int] = set()
    for row, seg in g.segments():
        lab = clean(seg.label)
        if lab not in rows or not seg.values:
            continue
        if col_name is None or lab.startswith(col_name):
            found.append((_first_value(seg), f"“{lab}”行"))
            found_rows.add(row.index)
            continue
        cols = [c for c in seg.values if clean(g.deep_headers[c]) == col_name or (
            col_name == "合计" and clean(g.deep_headers[c]) in ("合计", "本年支出合计"))]
        if len(cols) == 1:
            found.append((seg.values[cols[0]], f"“{lab}”行“{clean(g.deep_headers[cols[0]])}”列"))
            found_rows.add(row.index)
    # `总计 | 9859.38 | 总计 | 9859.38`: one row, two sides; the income side (left) is the 收支总计
    # (RP601 reports it when the two sides differ)
    return found[0] if len(found) == 1 or (found and len(found_rows) == 1) else None


def _class_value(g: Grid, name: str) -> Value | None:
    found = [_first_value(seg) for _, seg in g.segments()
             if seg.code and len(seg.code) == 3 and clean(seg.label) == name and seg.values]
    return found[0] if len(found) == 1 else None


def _item_value(g: Grid, kuan: str | None, xiang: str) -> Value | None:
    """The 项 line (7-digit code) named ``xiang`` under the 款 named ``kuan`` (when the text names it)."""
    names = {seg.code: clean(seg.label) for _, seg in g.segments() if seg.code}
    found = [_first_value(seg) for _, seg in g.segments()
             if seg.code and len(seg.code) == 7 and seg.values and clean(seg.label) == xiang
             and (kuan is None or names.get(seg.code[:5]) == kuan)]
    return found[0] if len(found) == 1 else None


def _scale(unit: str | None) -> Decimal | None:
    return {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000), "千元": Decimal(1000)}.get(unit or "")


class TextEqualsTable(Rule):
    """A figure the 说明 text restates equals the same figure in its table: `本年支出合计 9759.38 万元` in
    the text and 本年支出合计 in the 收入支出决算总表; `人员经费 4896.98 万元` and 人员经费合计 in the
    基本支出决算表; `城乡社区支出（类）3832.36 万元` and the 212 line of the 一般公共预算 table.

    Why:
        The 说明 is written from the tables; a figure that differs means one of the two was not updated
        (or the text used another 口径: all funds where the table is 一般公共预算 only).

    Bad:
        一般公共预算财政拨款基本支出决算表
        单位：万元
        | 科目编码 | 科目名称 | 决算数 | 科目编码 | 科目名称 | 决算数 |
        | 301 | 工资福利支出 | 4816.14 | 302 | 商品和服务支出 | 480.66 |
        | 人员经费合计 | | 4816.14 | 公用经费合计 | | 480.66 |
        六、一般公共预算财政拨款基本支出决算情况说明
        一般公共预算财政拨款基本支出5296.80万元。其中：人员经费4861.14万元，公用经费480.66万元。

    Good:
        一般公共预算财政拨款基本支出决算表
        单位：万元
        | 科目编码 | 科目名称 | 决算数 | 科目编码 | 科目名称 | 决算数 |
        | 301 | 工资福利支出 | 4816.14 | 302 | 商品和服务支出 | 480.66 |
        | 人员经费合计 | | 4816.14 | 公用经费合计 | | 480.66 |
        六、一般公共预算财政拨款基本支出决算情况说明
        一般公共预算财政拨款基本支出5296.80万元。其中：人员经费4816.14万元，公用经费480.66万元。

    Tolerance:
        The two printed intervals must meet (0.01 万元 against 0.01 万元: equal; 万元 against 元: the 元
        figure inside the 万元 one's rounding interval).  A difference of one unit of the last digit
        is `info` (two roundings of one figure).

    Limits:
        Only figures whose label names a table line exactly (收入支出总计, 本年收入合计, 本年支出合计,
        财政拨款收入支出总计, 基本支出, 项目支出, 一般公共预算财政拨款支出 and its 基本支出, 人员经费,
        公用经费, and `…支出（类）`), and only when that table and line are found once; last year's
        figures and changes (a comparison's other members) are never compared with this year's table.
    """

    example_format = "table"  # Bad/Good are `|` table rows: a .txt cannot carry a table
    id = "RP606"
    name = "text-table-mismatch"
    summary = "说明文字中的数字与表格中同一数字不一致"

    def check(self, ctx: Context) -> Iterable[Finding]:
        gs = [(g, _kind(g)) for g in _grids(ctx)]
        by_kind: dict[str, list[Grid]] = {}
        for g, k in gs:
            if k:
                by_kind.setdefault(k, []).append(g)
        if not by_kind:
            return
        skip = {m.quantity for r in ctx.report.relations for m in r.members if m.role in _NOT_THIS_YEAR}
        for q in ctx.report.quantities:
            if q.kind != "money" or q.from_table or q.location.table is not None or q.id in skip or not q.label:
                continue
            if _CHANGE_BEFORE.search(ctx.document.text[max(0, q.span[0] - 8) : q.span[0]]):
                continue  # `…支出增加 1193.20 万元`: a change, even when no comparison relation was found
            label = clean(q.label)
            target: Value | None = None
            where = ""
            if label == "支出决算":
                # a 决算 item: `8、城乡社区支出（类）城乡社区管理事务（款）行政运行（项）。…支出决算为 1092.80 万元`
                item = _item_before(ctx.document.text, q.span[0])
                if item is not None:
                    cands = [(g, _item_value(g, *item)) for g in by_kind.get("gpb", [])]
                    cands = [(g, v) for g, v in cands if v is not None]
                    if len(cands) == 1:
                        g, target = cands[0]
                        f = self._compare(ctx, q, g, target, f"{_name(g)}“{item[1]}”项")
                        if f is not None:
                            yield f
                continue
            key = label if label in _TEXT_TO_TABLE else next(
                (k for k in ("收入预算",) if label.endswith(k) and "财政拨款" not in label), None)
            item = _ITEM.search(label)
            if key is not None:
                kind, rows, col = _TEXT_TO_TABLE[key]
                cands = [(g, _table_value(g, rows, col)) for g in by_kind.get(kind, [])]
                cands = [(g, v) for g, v in cands if v is not None]
                if len(cands) == 1:
                    g, (target, cell_name) = cands[0]
                    where = f"{_name(g)}{cell_name}"
            elif item is not None:
                kuan = clean(item.group(1)) if item.group(1) else None
                if kuan and "（" in kuan:
                    kuan = None
                xiang = clean(item.group(2))
                cands = [(g, _item_value(g, kuan, xiang)) for g in by_kind.get("gpb", [])]
                cands = [(g, v) for g, v in cands if v is not None]
                if len(cands) == 1:
                    g, target = cands[0]
                    where = f"{_name(g)}“{xiang}”项"
            elif label.endswith("（类）") or label.endswith("(类)"):
                name = label[:-3]
                cands = [(g, _class_value(g, name)) for g in by_kind.get("gpb", [])]
                cands = [(g, v) for g, v in cands if v is not None]
                if len(cands) == 1:
                    g, target = cands[0]
                    where = f"{_name(g)}“{name}”行"
            if target is None:
                continue
            f = self._compare(ctx, q, g, target, where)
            if f is not None:
                yield f

    def _compare(self, ctx: Context, q, g: Grid, cell: Value, where: str) -> Finding | None:
        scale = _scale(g.unit)
        if cell.quantity is not None and cell.quantity.kind == "money":
            ci = ctx.interval(cell.quantity)
            cn = cell.quantity.normalized
            cp = norm_precision(cell.quantity)
        elif scale is not None:
            cp = cell.exp + int(scale.adjusted())
            half = Decimal(5).scaleb(cell.exp - 1) * scale
            cn = cell.value * scale
            ci = Interval(cn - half, cn + half)
        else:
            return None  # table unit unknown: nothing can be compared honestly
        ti = ctx.interval(q)
        members = [(q, "text"), cell.member("table")]
        unit = g.unit or ""
        msg = f"正文“{q.label}”为 {q.text.strip()}，{where}为 {cell.text}{unit}"
        # the finer figure printed at the coarser one's precision (1,445,495 元 → 144.55 万元) must be it
        coarse = max(norm_precision(q), cp)
        if quantize_at(q.normalized, coarse) == quantize_at(cn, coarse):
            return ctx.passed(self, msg + "，一致", members, expected=cell.text, actual=q.text)
        if ti.meets(ci):
            return ctx.fail(self, msg + "，只差在末位舍入", members, expected=cell.text, actual=q.text,
                            tolerance="末位1个单位", severity="info")
        # some reports cut instead of rounding (782,164 元 → 78.21 万元): a truncation is `info` too
        fine, fine_v, coarse_v = (cn, cell.text, q.normalized) if cp < norm_precision(q) else (q.normalized, q.text, cn)
        if quantize_at(fine, coarse, ROUND_DOWN) == quantize_at(coarse_v, coarse):
            return ctx.fail(self, msg + "，是截断而非四舍五入的结果", members, expected=cell.text, actual=q.text,
                            tolerance="截断", severity="info")
        diff = (q.normalized - cn).copy_abs()
        shown = fmt(quantize_at(diff / (_scale(q.unit) or 1), min(q.precision, 0)), max(0, -q.precision))
        return ctx.fail(self, msg + f"，相差 {shown}{q.unit}，超出印刷精度", members,
                        expected=cell.text, actual=q.text, tolerance="印刷精度")


def _class_lines_statement(g: Grid, col_name: str | None) -> dict[str, Value]:
    """类 lines on the spending side of a statement table (`八、社会保障和就业支出 | 754.75`), by name."""
    out: dict[str, Value] = {}
    for _, seg in g.segments():
        lab = clean(seg.label)
        m = _NUMBERED.match(lab)
        if not m or not seg.values or not lab.endswith("支出"):
            continue
        name = lab[m.end():]
        if col_name is None:
            v = _first_value(seg)
        else:
            cols = [c for c in seg.values if col_name in clean(g.deep_headers[c])]
            v = seg.values[cols[0]] if len(cols) == 1 else None
        if v is not None and name not in out:
            out[name] = v
    return out


def _class_lines_coded(g: Grid) -> dict[str, Value]:
    """类 lines (3-digit codes) of a 功能分类 table by name, first value column (合计)."""
    out: dict[str, Value] = {}
    for _, seg in g.segments():
        if seg.code and len(seg.code) == 3 and seg.values:
            out.setdefault(clean(seg.label), _first_value(seg))
    return out


class CrossTableClass(Rule):
    """A 类 line printed in two tables has one figure: the spending side of the 收入支出决算总表 against
    the 支出决算表, and the 一般公共预算 column of the 财政拨款收入支出决算总表 against the 一般公共预算
    财政拨款支出决算表 (and the same pairs of the 预算 tables).

    Why:
        The nine tables are cuts of one ledger: 社会保障和就业支出 in the statement table is the 208 line
        of the 支出决算表.  Two different figures mean one table was not updated.

    Bad:
        收入支出决算总表
        单位：万元
        | 项目 | 决算数 | 项目 | 决算数 |
        | 一、一般公共预算财政拨款收入 | 991.38 | 一、社会保障和就业支出 | 754.75 |
        | | | 二、卫生健康支出 | 263.63 |
        支出决算表
        单位：万元
        | 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |
        | 208 | 社会保障和就业支出 | 754.75 | 754.75 | 0.00 |
        | 210 | 卫生健康支出 | 236.63 | 236.63 | 0.00 |

    Good:
        收入支出决算总表
        单位：万元
        | 项目 | 决算数 | 项目 | 决算数 |
        | 一、一般公共预算财政拨款收入 | 991.38 | 一、社会保障和就业支出 | 754.75 |
        | | | 二、卫生健康支出 | 236.63 |
        支出决算表
        单位：万元
        | 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |
        | 208 | 社会保障和就业支出 | 754.75 | 754.75 | 0.00 |
        | 210 | 卫生健康支出 | 236.63 | 236.63 | 0.00 |

    Tolerance:
        Same unit and precision: equal.  One unit of the last digit is `info` (a real 决算 prints
        卫生健康支出 236.63 in one table and 236.64 in another, 40.35 + 196.29 = 236.64).

    Limits:
        Only 类 lines matched by name, only when each table has the name once and both tables print the
        same unit.  The examples are tables (`|` rows).
    """

    example_format = "table"  # Bad/Good are `|` table rows: a .txt cannot carry a table
    id = "RP607"
    name = "cross-table-mismatch"
    summary = "同一类级科目在两张表中的金额不一致"

    _PAIRS = [("total", None, "expense"), ("fiscal_total", "一般公共预算", "gpb")]

    def check(self, ctx: Context) -> Iterable[Finding]:
        by_kind: dict[str, list[Grid]] = {}
        for g in _grids(ctx):
            k = _kind(g)
            if k:
                by_kind.setdefault(k, []).append(g)
        for a_kind, a_col, b_kind in self._PAIRS:
            if len(by_kind.get(a_kind, [])) != 1 or len(by_kind.get(b_kind, [])) != 1:
                continue
            ga, gb = by_kind[a_kind][0], by_kind[b_kind][0]
            if (ga.unit or "") != (gb.unit or ""):
                continue
            left = _class_lines_statement(ga, a_col)
            right = _class_lines_coded(gb)
            for name in sorted(set(left) & set(right), key=lambda n: left[n].cell.start):
                a, b = left[name], right[name]
                members = [a.member("table_a"), b.member("table_b")]
                unit = _unit(ga)
                msg = f"“{name}”在{_name(ga)}中为 {a.text}{unit}，在{_name(gb)}中为 {b.text}{unit}"
                if a.value == b.value:
                    yield ctx.passed(self, msg + "，一致", members, expected=b.value, actual=a.value)
                    continue
                exp = _exp([a, b])
                diff = abs(a.value - b.value)
                unit_step = Decimal(1).scaleb(exp)
                if diff <= unit_step:
                    yield ctx.fail(self, msg + f"，相差 {fmt(diff, max(0, -exp))}，只差在末位舍入", members,
                                   expected=b.value, actual=a.value, tolerance=unit_step, severity="info")
                else:
                    yield ctx.fail(self, msg + f"，相差 {fmt(diff, max(0, -exp))}", members, expected=b.value,
                                   actual=a.value, tolerance=unit_step)


def _sanggong_cols(g: Grid) -> dict[tuple[str, str], int] | None:
    """(item, stage) → column of a 三公 table; item ∈ total/abroad/car/car_buy/car_run/reception,
    stage 预算数/决算数 (or "" for a one-stage budget table).  None when a column is ambiguous."""
    out: dict[tuple[str, str], int] = {}
    for c, path in enumerate(g.paths):
        p = "/".join(path)
        stage = path[-1] if path and path[-1] in ("预算数", "决算数") else ""
        if "机关运行" in p:
            continue
        leaf = path[-2] if stage and len(path) >= 2 else (path[-1] if path else "")
        if "公务用车" in p or leaf in ("小计", "购置费", "运行费"):
            if "小计" in leaf:
                item = "car"
            elif "购置" in leaf and "运行" not in leaf:
                item = "car_buy"
            elif "运行" in leaf and "购置" not in leaf:
                item = "car_run"
            else:
                item = "car"  # `公务用车购置及运行维护费` without sub-columns is the car line itself
        elif "因公出国" in leaf:
            item = "abroad"
        elif "接待" in leaf:
            item = "reception"
        elif "合计" in leaf:
            item = "total"
        else:
            continue
        if (item, stage) in out:
            return None
        out[(item, stage)] = c
    return out


class SanggongTable(Rule):
    """The 三公 table adds up: 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, and the car
    line's 小计 = 购置费 + 运行维护费, for the 预算数 and the 决算数 columns alike.

    Why:
        The 三公 total is by definition its three items and the car item is itself a subtotal
        (domain.md §3); a table that does not add up has a mistyped cell.

    Bad:
        财政拨款“三公”经费支出决算表
        单位：万元
        | 合计 | 因公出国（境）费 | 公务用车小计 | 公务用车购置费 | 公务用车运行维护费 | 公务接待费 |
        | 12.40 | 0.00 | 8.20 | 0.00 | 8.20 | 3.20 |

    Good:
        财政拨款“三公”经费支出决算表
        单位：万元
        | 合计 | 因公出国（境）费 | 公务用车小计 | 公务用车购置费 | 公务用车运行维护费 | 公务接待费 |
        | 11.40 | 0.00 | 8.20 | 0.00 | 8.20 | 3.20 |

    Tolerance:
        The rounding bound for the number of items (0.01 for 2-3 items at 0.01 万元); within it, `info`.

    Limits:
        Columns are recognised from the header words (合计, 因公出国, 小计, 购置, 运行, 接待, 预算数/决算数);
        a table whose headers do not name every column once is not checked.  Empty item cells count as 0.
        The examples are tables (`|` rows).
    """

    example_format = "table"  # Bad/Good are `|` table rows: a .txt cannot carry a table
    id = "RP608"
    name = "sanggong-table-sum"
    summary = "三公经费表：合计不等于三项之和，或公务用车小计不等于购置费加运行维护费"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for g in _grids(ctx):
            if "三公" not in g.title:
                continue
            cols = _sanggong_cols(g)
            if not cols:
                continue
            stages = sorted({st for _, st in cols})
            for _, seg in g.segments():
                if not seg.values:
                    continue
                for st in stages:
                    yield from self._identity(ctx, g, seg, cols, st, "total", ["abroad", "car", "reception"])
                    yield from self._identity(ctx, g, seg, cols, st, "car", ["car_buy", "car_run"])

    _NAMES = {"total": "合计", "abroad": "因公出国（境）费", "car": "公务用车购置及运行维护费",
              "reception": "公务接待费", "car_buy": "购置费", "car_run": "运行维护费"}

    def _identity(self, ctx, g, seg, cols, st, total, parts) -> Iterable[Finding]:
        if (total, st) not in cols or any((p, st) not in cols for p in parts):
            return
        tv = seg.values.get(cols[(total, st)])
        pv = [(seg.values[cols[(p, st)]], self._NAMES[p]) for p in parts if cols[(p, st)] in seg.values]
        if tv is None or not pv:
            return
        what = f"{st or ''}{self._NAMES[total]}应等于{'+'.join(self._NAMES[p] for p in parts)}"
        yield _compare(ctx, self, g, what, tv, pv)


class ItemAmountRestated(Rule):
    """A 预算 说明 item states its amount twice: in its heading (`“…住房公积金（项）”350.35万元`) and as
    this year's figure of its comparison (`2024年预算安排350.35万元，比2023年预算执行数增加0.53%`).

    Why:
        Items are written from one template line per 项; a heading and a 预算安排 that differ show a line
        copied from the item before (a real budget kept 441.25 and +60.54% of the item above under a
        heading of 220.63) or a mistyped figure (352.67 under 350.35, where 0.53% fits 350.35).

    Bad:
        某区街道办事处2024年部门预算
        31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。

    Good:
        某区街道办事处2024年部门预算
        31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。2023年当年预算执行数为348.52万元，2024年预算安排350.35万元，比2023年预算执行数增加0.53%。

    Tolerance:
        None: the same figure printed twice at the same precision must be the same.

    Limits:
        Only a heading amount labelled `…（项）` followed, within the same item, by the this-year member
        of a comparison against the previous year's 执行数 or 预算.
    """

    id = "RP609"
    name = "item-amount-restated"
    summary = "预算说明中项目标题金额与“预算安排”金额不一致"

    def check(self, ctx: Context) -> Iterable[Finding]:
        heads = sorted((q for q in ctx.report.quantities if q.kind == "money" and not q.from_table
                        and q.location.table is None and q.label and _ITEM.search(clean(q.label))),
                       key=lambda q: q.span)
        if not heads:
            return
        starts = [h.span[0] for h in heads]

        for rel in ctx.relations("comparison"):
            this = ctx.member(rel, "this_year")
            if this is None or this.kind != "money" or not rel.attrs.get("basis_differs"):
                continue
            i = bisect_right(starts, this.span[0] - 1) - 1
            if i < 0:
                continue
            head = heads[i]
            if head.id == this.id or this.span[0] - head.span[1] > 200:
                continue
            if _NEXT_ITEM.search(ctx.document.text, head.span[1], this.span[0]):
                continue  # another item starts in between (its own heading was not labelled)
            members = [(this, "restated"), (head, "heading")]
            msg = f"项目“{_short_item(head.label)}”标题金额为 {head.text.strip()}，预算安排写作 {this.text.strip()}"
            if head.normalized == this.normalized:
                yield ctx.passed(self, msg + "，一致", members, expected=head.text, actual=this.text)
            else:
                yield ctx.fail(self, msg + "，两处不一致", members, expected=head.text.strip(), actual=this.text.strip(),
                               tolerance="0")


_ITEM_HEADING = re.compile(r"([^（）()\s]+)[（(]款[)）]([^（）()\s]+)[（(]项[)）]")


def _item_before(text: str, pos: int) -> tuple[str, str] | None:
    """The (款, 项) names of the item heading the figure at ``pos`` belongs to: the last
    `…（款）…（项）` within 300 characters before it, with no other item starting in between."""
    window = text[max(0, pos - 300) : pos]
    heads = list(_ITEM_HEADING.finditer(window))
    if not heads:
        return None
    m = heads[-1]
    if re.search(r"(?:^|\n)\s*\d{1,3}\s*[、.．]", window[m.end() :]):
        return None
    return clean(m.group(1)), clean(m.group(2))


_NEXT_ITEM = re.compile(r"(?:^|\n)\s*\d{1,3}\s*[.．、]\s*[“\"]|（项）")


def _short_item(label: str) -> str:
    m = _ITEM.search(clean(label))
    return m.group(2) if m else label


RULES: list = [TotalsEqual, StatementBalance, RowTotal, CodeHierarchySum, BasicEqualsPersonnelPlusPublic,
               TextEqualsTable, CrossTableClass, SanggongTable, ItemAmountRestated,
               selfeval.FundsSum, selfeval.FundsExecutionRate]
