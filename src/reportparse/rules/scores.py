"""5xx: scores and grades (财政部 财预〔2020〕10号: 优 ≥ 90, 良 80-89.99, 中 60-79.99, 差 < 60)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..model import Finding
from . import selfeval
from .base import Context, Rule
from .tolerance import ZERO, Interval, fmt

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
# Cells are assigned numbers, not measurements: 48 means 48, not [47.5, 48.5], so sums are exact.
class _TableSum(Rule):
    column = "score"
    what = ""

    def check(self, ctx: Context) -> Iterable[Finding]:
        carried: list = []  # 执行率 score cells of a funds table printed apart from its indicator table
        for t in selfeval.read(ctx):
            cells = [(getattr(r, self.column), r) for r in t.scores if getattr(r, self.column) is not None]
            totals = [v for v, r in cells if r.is_total]
            rows = [v for v, r in cells if not r.is_total]
            if t.funds and cells and not totals:
                # "表1 资金（年度资金总额…分值10…得分9.82）" + "表2 绩效指标…合计100": the 10号 form split in
                # two; the funds row's 分值/得分 belong to the next table's 合计
                carried = [v for v, r in cells]
                continue
            if len(rows) < 2 or any(r.is_subtotal for _, r in cells):
                continue
            point = sum((v.value for v in rows), start=ZERO)
            if totals and carried and point != totals[-1].value:
                rows = carried + rows
                point = sum((v.value for v in rows), start=ZERO)
            carried = []
            if totals:
                tot = totals[-1]
                if tot.value and point != tot.value and point % tot.value == 0:
                    continue  # hierarchical rows (一级 and 三级 indicators both carry weights): not a flat list
                formula = " + ".join(v.text for v in rows)
                members = [tot.member("total")] + [v.member("part") for v in rows]
                if point == tot.value:
                    yield ctx.passed(self, f"{self.what}相符：{tot.text} = {formula}", members, expected=fmt(point),
                                     actual=tot.text, tolerance="0")
                else:
                    yield ctx.fail(self, f"{self.what}不符：合计行写明 {tot.text}，{formula} = {fmt(point)}，"
                                   f"相差 {fmt(tot.value - point)}", members, expected=fmt(point), actual=tot.text,
                                   tolerance="0")
            elif self.column == "weight":
                yield from self._hundred(ctx, rows, point)

    def _hundred(self, ctx, rows, point):
        return ()


class ScoreTableTotalMismatch(_TableSum):
    """评分表“得分”列之和不等于合计行。

    Why:
        自评表的总分是各指标得分之和；对不上说明改了一个而没改另一个。

    Tolerance:
        不设容差：得分是评定出来的数，按印刷值精确比较。

    Limits:
        列标题含“得分”、合计行标为“合计/总分”的表格；含“小计”行，或上下级指标都有得分的表格跳过。
        资金表与指标表分开印刷时，指标行之和不等于合计，则把前一张资金表“年度资金总额”行的得分（预算执行率）
        计入合计。
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
        得分与分值须在同一表格行，列标题分别含“得分”“分值”；正文中“得分X分（满分Y分）”也核对。
    """

    id = "RP503"
    name = "score-exceeds-weight"
    severity = "error"
    summary = "某项指标得分超过其分值"

    def check(self, ctx: Context) -> Iterable[Finding]:
        # "产出指标得分52分（满分50分）" in the text
        for rel in ctx.relations("score_weight"):
            sq, wq = ctx.member(rel, "score"), ctx.member(rel, "weight")
            if sq is None or wq is None:
                continue
            members = [(sq, "score"), (wq, "weight")]
            if sq.value <= wq.value:
                yield ctx.passed(self, f"得分 {sq.text} 不超过满分 {wq.text}", members)
            else:
                yield ctx.fail(self, f"得分 {sq.text} 超过了满分 {wq.text}" + (f"（{sq.label}）" if sq.label else ""),
                               members, expected=f"≤{wq.text}", actual=sq.text, tolerance="0")
        for t in selfeval.read(ctx):
            for r in t.scores:
                s, w = r.score, r.weight
                if s is None or w is None:
                    continue
                members = [s.member("score"), w.member("weight")]
                if s.value <= w.value:
                    yield ctx.passed(self, f"得分 {s.text} 不超过分值 {w.text}", members)
                else:
                    yield ctx.fail(self, f"得分 {s.text} 超过了该项分值 {w.text}" + (f"（{r.name}）" if r.name else ""),
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

    def _hundred(self, ctx, rows, point):
        members = [v.member("weight") for v in rows]
        if point == 100:
            yield ctx.passed(self, "各项分值之和为100", members, expected="100", actual=fmt(point))
        else:
            yield ctx.fail(self, f"各项分值之和为 {fmt(point)}，不是100", members, expected="100", actual=fmt(point),
                           tolerance="0")


RULES: list[type[Rule]] = [GradeBandMismatch, ScoreTableTotalMismatch, ScoreExceedsWeight, WeightsNotHundred]
