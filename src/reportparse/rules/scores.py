"""5xx: scores and grades (财政部 财预〔2020〕10号: 优 ≥ 90, 良 80-89.99, 中 60-79.99, 差 < 60)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from ..model import Finding, Quantity
from .base import Context, Rule
from .tolerance import ZERO, Interval, fmt, total

# band name, lowest score, highest score (exclusive except for 优)
BANDS: list[tuple[str, Decimal, Decimal]] = [
    ("优", Decimal(90), Decimal(100)),
    ("良", Decimal(80), Decimal(90)),
    ("中", Decimal(60), Decimal(80)),
    ("差", Decimal(0), Decimal(60)),
]
GRADE_WORDS = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "合格": "中",
               "差": "差", "较差": "差", "不合格": "差"}


def band_of(score: Decimal) -> str | None:
    if score < 0 or score > 100:
        return None
    for name, lo, hi in BANDS:
        if lo <= score < hi or (name == "优" and score == hi):
            return name
    return None


class GradeBandMismatch(Rule):
    """评价等级与得分所在档次不符（改变结论的错误）。

    Why:
        财预〔2020〕10号规定档次：优 ≥ 90，良 80-89.99，中 60-79.99，差 < 60。
        `自评得分98分，自评结果：良好` 低报了结果：98分是“优”。无论哪个数字错了，公布的结论都变了。

    Bad:
        部门整体支出绩效自我评价得到98分，自评结果：良好。

    Good:
        部门整体支出绩效自我评价得到98分，自评结果：优秀。

    Tolerance:
        得分印刷区间内每一个值所在的档次都与等级不同才报告：`90分`（可能是 89.6 四舍五入）配“良”不报，
        `89.5分` 配“优”要报。

    Limits:
        只核对百分制得分；等级须在得分之后的短句中（等级/结果/评价为）。“合格”按 2020 年办法中对应的“中”档处理。
    """

    id = "RP501"
    name = "grade-band-mismatch"
    severity = "error"
    summary = "自评得分与评价等级（优/良/中/差）不符"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("grade"):
            q = ctx.member(rel, "score")
            word = rel.attrs.get("grade", "")
            grade = GRADE_WORDS.get(word)
            if q is None or grade is None or q.normalized > 100:
                continue
            g0, g1 = int(rel.attrs["grade_start"]), int(rel.attrs["grade_end"])
            members = [(q, "score"), (word, (g0, g1), "grade")]
            iv = Interval.of(q)
            possible = {band_of(x) for x in (iv.lo, iv.hi, q.normalized) if band_of(x)}
            expected = band_of(q.normalized)
            if grade in possible:
                yield ctx.passed(self, f"得分 {q.text} 属于“{grade}”档，与“{word}”相符", members, expected=grade,
                                 actual=word)
                continue
            lo, hi = next((lo, hi) for n, lo, hi in BANDS if n == expected)
            rng = f"{fmt(lo)}分及以上" if expected == "优" else f"{fmt(lo)}分至不足{fmt(hi)}分"
            yield ctx.fail(self, f"得分 {q.text} 应评为“{expected}”（{rng}），报告写的是“{word}”", members,
                           expected=expected, actual=word, tolerance="0", decision=True)


# --- score tables (自评表: 分值 and 得分 columns) -------------------------------------------------------
def _score_columns(ctx: Context) -> dict[int, dict[str, list[Quantity]]]:
    """Per table: the cells of the 分值 (weight) and 得分 (score) columns."""
    out: dict[int, dict[str, list[Quantity]]] = defaultdict(lambda: defaultdict(list))
    for q in ctx.report.quantities:
        if not q.from_table or q.location.table is None or not q.column_header:
            continue
        h = q.column_header
        if "得分" in h and "率" not in h:
            out[q.location.table]["score"].append(q)
        elif "分值" in h or h.strip() in ("权重", "标准分"):
            out[q.location.table]["weight"].append(q)
    return out


def _exact(q: Quantity) -> Interval:
    """A score-table cell is an assigned number, not a measurement: 48 means 48, not [47.5, 48.5]."""
    return Interval.exact(q.normalized)


def _is_total_row(q: Quantity) -> bool:
    return bool(q.label) and any(w in q.label for w in ("合计", "总分", "总计"))


def _is_subtotal(q: Quantity) -> bool:
    return bool(q.label) and "小计" in q.label


class _TableSum(Rule):
    column = "score"
    what = ""

    def check(self, ctx: Context) -> Iterable[Finding]:

        for _table, cols in sorted(_score_columns(ctx).items()):
            cells = cols.get(self.column, [])
            totals = [q for q in cells if _is_total_row(q)]
            rows = [q for q in cells if not _is_total_row(q)]
            if len(rows) < 2 or any(_is_subtotal(q) for q in rows):
                continue
            point = sum((q.normalized for q in rows), start=ZERO)
            computed = total([_exact(q) for q in rows])
            if totals:
                tot = totals[-1]
                if tot.normalized and point != tot.normalized and point % tot.normalized == 0:
                    continue  # hierarchical rows (一级 and 三级 indicators both carry weights): not a flat list
                formula = " + ".join(q.text for q in rows)
                members = [(tot, "total")] + [(q, "part") for q in rows]
                if point == tot.normalized:
                    yield ctx.passed(self, f"{self.what}相符：{tot.text} = {formula}", members, expected=fmt(point),
                                     actual=tot.text, tolerance="0")
                else:
                    yield ctx.fail(self, f"{self.what}不符：合计行写明 {tot.text}，{formula} = {fmt(point)}，"
                                   f"相差 {fmt(tot.normalized - point)}", members, expected=fmt(point), actual=tot.text,
                                   tolerance="0")
            elif self.column == "weight":
                yield from self._hundred(ctx, rows, computed, point)

    def _hundred(self, ctx, rows, computed, point):
        return ()


class ScoreTableTotalMismatch(_TableSum):
    """评分表“得分”列之和不等于合计行。

    Why:
        自评表的总分是各指标得分之和；对不上说明改了一个而没改另一个。

    Tolerance:
        不设容差：得分是评定出来的数，按印刷值精确比较。

    Limits:
        列标题含“得分”、合计行标为“合计/总分”的表格；含“小计”行，或上下级指标都有得分的表格跳过。
    """

    id = "RP502"
    name = "score-table-total-mismatch"
    severity = "error"
    summary = "评分表各项得分之和 ≠ 总分"
    column = "score"
    what = "评分表各项得分之和与总分"


class ScoreExceedsWeight(Rule):
    """某项指标的得分高于它的分值。

    Why:
        一项指标的得分不可能超过它的分值。

    Tolerance:
        不设容差：得分与分值都是评定出来的数。

    Limits:
        得分与分值须在同一表格行，列标题分别含“得分”“分值”。
    """

    id = "RP503"
    name = "score-exceeds-weight"
    severity = "error"
    summary = "某项指标得分超过其分值"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for _table, cols in sorted(_score_columns(ctx).items()):
            weights = {q.location.row: q for q in cols.get("weight", [])}
            for s in cols.get("score", []):
                w = weights.get(s.location.row)
                if w is None:
                    continue
                members = [(s, "score"), (w, "weight")]
                if s.normalized <= w.normalized:
                    yield ctx.passed(self, f"得分 {s.text} 不超过分值 {w.text}", members)
                else:
                    yield ctx.fail(self, f"得分 {s.text} 超过了该项分值 {w.text}" + (f"（{s.label}）" if s.label else ""),
                                   members, expected=f"≤{w.text}", actual=s.text, tolerance="0")


class WeightsNotHundred(_TableSum):
    """评分表各项分值之和不等于100（或不等于写明的总分值）。

    Why:
        标准自评表共100分（默认产出50、效益30、满意度10、预算执行率10）；曾有表格写 70 + 20 + 10 + 10 = 110，
        合计却印100。

    Tolerance:
        不设容差：分值是整数。

    Limits:
        同 RP502：只核对有“分值”列的单层表格。
    """

    id = "RP504"
    name = "weights-not-hundred"
    severity = "error"
    summary = "评分表各项分值之和不等于100（或不等于写明的总分值）"
    column = "weight"
    what = "评分表各项分值之和与总分值"

    def _hundred(self, ctx, rows, computed, point):
        members = [(q, "weight") for q in rows]
        if point == 100:
            yield ctx.passed(self, "各项分值之和为100", members, expected="100", actual=fmt(point))
        else:
            yield ctx.fail(self, f"各项分值之和为 {fmt(point)}，不是100", members, expected="100", actual=fmt(point),
                           tolerance="0")


RULES: list[type[Rule]] = [GradeBandMismatch, ScoreTableTotalMismatch, ScoreExceedsWeight, WeightsNotHundred]
