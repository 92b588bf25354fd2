"""3xx: year on year, budget execution, shares and rates.

Percentages are compared in percentage points (84.06% → 84.06), whatever scale extraction stored
them in: ``pct`` rescales a percent Quantity's value and interval by the printed/normalized ratio.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from ..extract.relations import direction_sign
from ..model import Finding, Quantity, Relation
from .base import Context, Rule, approximate, check_identity, show
from .tolerance import HUNDRED, ZERO, Interval, fmt, judge, precision_of, total


def pct(q: Quantity) -> tuple[Decimal, Interval]:
    """A percent figure as (point, interval) in percentage points."""
    iv = Interval.of(q)
    if q.normalized != 0 and q.value != q.normalized:
        f = q.value / q.normalized
        iv = iv * f
        return q.value, iv
    return q.value, iv


def _pct_finding(ctx: Context, rule, stated: Quantity, computed: Interval, point: Decimal, members, formula: str,
                 what: str, severity=None, decision: bool = False) -> Finding:
    """Like base.check_identity, for a printed percentage against a computed ratio."""
    sp, siv = pct(stated)
    approx = approximate(*(q for q, _ in members))
    outcome = judge(computed, point, siv, sp, approx, precision_of(stated.value))
    places = max(0, -precision_of(stated.value))
    calc = f"{fmt(point, places)}%"
    tol = fmt((computed.hi - computed.lo + siv.hi - siv.lo) / 2, places + 2)
    if outcome == "holds":
        return ctx.passed(rule, f"{what}相符：{stated.text}，{formula} = {calc}", members, expected=calc,
                          actual=stated.text, tolerance=tol)
    if outcome in ("rounding", "truncation"):
        how = "四舍五入" if outcome == "rounding" else "截断（未四舍五入）"
        return ctx.fail(rule, f"{what}只差在{how}：写明 {stated.text}，{formula} = {calc}", members, expected=calc,
                        actual=stated.text, tolerance=tol, severity="info")
    diff = fmt(sp - point, places)
    return ctx.fail(rule, f"{what}不符：写明 {stated.text}，{formula} = {calc}，相差 {diff} 个百分点（容差 ±{tol}）",
                    members, expected=calc, actual=stated.text, tolerance=tol, decision=decision, severity=severity)


def _abs(iv: Interval) -> Interval:
    if iv.lo >= 0:
        return iv
    if iv.hi <= 0:
        return -iv
    return Interval(ZERO, max(-iv.lo, iv.hi))


class YoyChangeMismatch(Rule):
    """写明的增减额不等于本年数减上年数。

    Why:
        `2021年1.91万元，2020年2.13万元，减少0.22万元` 三个数字由 Δ = 本年 − 上年 联系在一起；
        曾有三公经费说明把 12.39 − 11.8 写成“减少0.58万元”（应为 0.59）。

    Bad:
        2021年度三公经费支出1.91万元，2020年三公经费支出2.13万元，减少0.32万元。

    Good:
        2021年度三公经费支出1.91万元，2020年三公经费支出2.13万元，减少0.22万元。

    Tolerance:
        三个数字各自的印刷精度（两个运算数时，末位差 1 属四舍五入，报“提示”）。

    Limits:
        三个数字在同一句、同一分号段内；上年数由“上年/去年/同期”或报告年度的前一年标明。“平均每年增加”“从A增加到B”不是本年减上年，
        不核对。增加/减少的方向见 RP302。
    """

    id = "RP301"
    name = "yoy-change-mismatch"
    severity = "error"
    summary = "增减额 ≠ 本年数 − 上年数"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("comparison"):
            this, last, ch = ctx.member(rel, "this_year"), ctx.member(rel, "last_year"), ctx.member(rel, "change")
            if this is None or last is None or ch is None:
                continue
            d = Interval.of(this) - Interval.of(last)
            yield check_identity(ctx, self, ch, _abs(d), abs(this.normalized - last.normalized),
                                 [(ch, "change"), (this, "this_year"), (last, "last_year")],
                                 f"{this.text} − {last.text}", "增减额与两年之差")


class YoyDirectionMismatch(Rule):
    """“增加/减少”与本年数、上年数的大小关系相反（改变结论的错误）。

    Why:
        本年数更大却写“比上年减少”，告诉读者的恰与事实相反。

    Bad:
        2021年度三公经费支出2.13万元，2020年三公经费支出1.91万元，减少0.22万元。

    Good:
        2021年度三公经费支出1.91万元，2020年三公经费支出2.13万元，减少0.22万元。

    Tolerance:
        只有差值区间不含0时才判断方向；“持平”要求两数区间相交。

    Limits:
        需要两年的数字；同一处金额写“增加”、百分比写“下降”（方向自相矛盾）也报告。
    """

    id = "RP302"
    name = "yoy-direction-mismatch"
    severity = "error"
    summary = "“增加/减少”与本年数、上年数的大小关系相反"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("comparison"):
            this, last = ctx.member(rel, "this_year"), ctx.member(rel, "last_year")
            word = rel.attrs.get("direction") or rel.attrs.get("pct_direction")
            anchor = ctx.member(rel, "change") or ctx.member(rel, "pct_change") or ctx.member(rel, "this_year")
            if anchor is None or not word:
                continue
            pw = rel.attrs.get("pct_direction")
            if rel.attrs.get("direction") and pw and direction_sign(pw) * direction_sign(rel.attrs["direction"]) < 0:
                pq = ctx.member(rel, "pct_change")
                yield ctx.fail(self, f"同一增减写成了相反的方向：金额“{rel.attrs['direction']}”，百分比“{pw}”",
                               [(anchor, "change"), (pq, "pct_change")], expected=rel.attrs["direction"], actual=pw,
                               decision=True)
                continue
            if this is None or last is None:
                continue
            d = Interval.of(this) - Interval.of(last)
            sign = direction_sign(word)
            members = ([] if anchor is this else [(anchor, "change")]) + [(this, "this_year"), (last, "last_year")]
            actual_sign = 1 if d.lo > 0 else -1 if d.hi < 0 else 0
            real = {1: "增加", -1: "减少", 0: "持平"}[actual_sign]
            if sign == 0:
                ok = actual_sign == 0
            else:
                ok = actual_sign in (sign, 0) and not (actual_sign == 0 and d.lo == d.hi == 0)
            if ok:
                yield ctx.passed(self, f"“{word}”与 {this.text}（本年）、{last.text}（上年）相符", members,
                                 expected=real, actual=word)
            else:
                yield ctx.fail(self, f"写的是“{word}”，但本年 {this.text}、上年 {last.text}，实际是{real}"
                               f"{show(abs(this.normalized - last.normalized), this)}", members, expected=real,
                               actual=word, tolerance="0", decision=True)


class YoyPctMismatch(Rule):
    """写明的增减百分比不等于增减额除以上年数。

    Why:
        `较上年增加X万元，增长Y%`：Y = X ÷ 上年数 × 100。曾有页面把 0.59 ÷ 12.39（4.76%）
        写成 4.68%。

    Bad:
        本年支出12.39万元，上年支出11.8万元，增加0.59万元，增长4.68%。

    Good:
        本年支出12.39万元，上年支出11.8万元，增加0.59万元，增长5%。

    Tolerance:
        按印刷数字做区间除法；截断而非四舍五入的百分比报“提示”。本年为预算数、上年为执行数（口径不同）时只报“警告”。

    Limits:
        需要上年数，或本年数与增减额（上年数 = 本年数 ∓ 增减额）。上年数为0时见 RP304。
    """

    id = "RP303"
    name = "yoy-pct-mismatch"
    severity = "error"
    summary = "增减百分比 ≠ 增减额 ÷ 上年数"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("comparison"):
            p = ctx.member(rel, "pct_change")
            if p is None:
                continue
            this, last, ch = ctx.member(rel, "this_year"), ctx.member(rel, "last_year"), ctx.member(rel, "change")
            if last is not None:
                base, base_pt = Interval.of(last), last.normalized
                if ch is not None:
                    num, num_pt = Interval.of(ch), ch.normalized
                elif this is not None:
                    num, num_pt = _abs(Interval.of(this) - base), abs(this.normalized - base_pt)
                else:
                    continue
                members = [(p, "pct_change"), (last, "last_year")] + ([(ch, "change")] if ch else [(this, "this_year")])
                formula = f"{ch.text if ch else f'({this.text} − {last.text})'} ÷ {last.text}"
            elif this is not None and ch is not None:
                sign = direction_sign(rel.attrs.get("direction", ""))
                if sign == 0:
                    continue
                base = Interval.of(this) - Interval.of(ch) * sign
                base_pt = this.normalized - ch.normalized * sign
                num, num_pt = Interval.of(ch), ch.normalized
                members = [(p, "pct_change"), (ch, "change"), (this, "this_year")]
                formula = f"{ch.text} ÷ ({this.text} {'−' if sign > 0 else '+'} {ch.text})"
            else:
                continue
            if base_pt == 0 or base.lo <= 0 <= base.hi:
                continue  # RP304
            q = num / base
            if q is None:
                continue
            basis = rel.attrs.get("basis_differs")
            what = "增减百分比与增减额除以上年数" + (f"（两年口径不同：{basis}）" if basis else "")
            yield _pct_finding(ctx, self, p, q * HUNDRED, num_pt / base_pt * HUNDRED, members, formula, what,
                               severity="warning" if basis else None)


class PctChangeFromZero(Rule):
    """上年数为0，却写了增减百分比。

    Why:
        从0出发，任何增加都是无穷大；写出的百分比一定是拿别的数算的。

    Bad:
        本年项目支出20万元，上年项目支出0万元，增加20万元，增长100%。

    Good:
        本年项目支出20万元，上年项目支出0万元，增加20万元。

    Tolerance:
        上年数印刷为精确的0。

    Limits:
        百分比须与上年的0在同一个比较关系中。
    """

    id = "RP304"
    name = "pct-change-from-zero"
    severity = "warning"
    summary = "上年数为0，却写了增减百分比"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("comparison"):
            p, last = ctx.member(rel, "pct_change"), ctx.member(rel, "last_year")
            if p is None or last is None or last.normalized != 0 or last.approx != "exact":
                continue
            yield ctx.fail(self, f"上年数为 {last.text}，增减百分比 {p.text} 无从计算", [(p, "pct_change"), (last, "last_year")],
                           expected="无百分比", actual=p.text)


# --- budget execution -------------------------------------------------------------------------
class ExecutionRateMismatch(Rule):
    """预算执行率不等于执行数除以预算数。

    Why:
        `全年预算数100万元，执行数98.2万元，执行率98.2%`：执行率是两个印刷数字之比。

    Bad:
        全年预算数100万元，全年执行数98.2万元，执行率96.2%。

    Good:
        全年预算数100万元，全年执行数98.2万元，执行率98.2%。

    Tolerance:
        按印刷数字做区间除法；截断报“提示”。

    Limits:
        预算数与执行数须在同一句中，分别由“预算”和“执行/决算/支出”引出。
    """

    id = "RP311"
    name = "execution-rate-mismatch"
    severity = "error"
    summary = "预算执行率 ≠ 执行数 ÷ 预算数"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("budget"):
            if rel.attrs.get("form") != "rate":
                continue
            r, b, a = ctx.member(rel, "rate"), ctx.member(rel, "budget"), ctx.member(rel, "actual")
            if r is None or b is None or a is None or b.normalized == 0:
                continue
            q = Interval.of(a) / Interval.of(b)
            if q is None:
                continue
            yield _pct_finding(ctx, self, r, q * HUNDRED, a.normalized / b.normalized * HUNDRED,
                               [(r, "rate"), (a, "actual"), (b, "budget")], f"{a.text} ÷ {b.text}",
                               "预算执行率与执行数除以预算数")


def _same_paragraph(ctx: Context, a: Quantity, b: Quantity) -> bool:
    lo, hi = sorted((a.span[0], b.span[0]))
    return "\n" not in ctx.document.text[lo:hi]


class OverUnderBudgetContradiction(Rule):
    """“决算数大于/小于预算数”与预算完成率矛盾。

    Why:
        曾有决算在同一段写“完成年初预算100%”和“决算数大于预算数55.93万元”：二者必有一错，而哪个对决定了是否超支。

    Bad:
        本年支出完成年初预算的100.00%，决算数大于预算数55.93万元。

    Good:
        本年支出完成年初预算的105%，决算数大于预算数55.93万元。

    Tolerance:
        完成率印在100%错误的一侧，或写作 100.00%，报“错误”；只写“100%”（100.4% 四舍五入也是 100%）
        报“警告”。

    Limits:
        完成率与“大于/小于”须在同一段。
    """

    id = "RP312"
    name = "over-under-budget-contradiction"
    severity = "error"
    summary = "“决算数大于/小于预算数”与预算完成率矛盾"

    def check(self, ctx: Context) -> Iterable[Finding]:
        rates = [ctx.member(r, "rate") for r in ctx.relations("budget") if r.attrs.get("form") == "rate"]
        for rel in ctx.relations("budget"):
            if rel.attrs.get("form") != "over_under":
                continue
            d = ctx.member(rel, "difference")
            word = rel.attrs.get("direction", "")
            if d is None:
                continue
            over = word in ("大于", "超过")
            for r in rates:
                if r is None or not _same_paragraph(ctx, r, d):
                    continue
                _, iv = pct(r)
                members = [(d, "difference"), (r, "rate")]
                if d.normalized == 0:
                    continue
                point, _ = pct(r)
                # the printed rate on the wrong side of 100%, or at exactly 100: "100.00%" beside 大于 cannot
                # both hold unless the budget is astronomically large; a bare "100%" may be 100.4% rounded
                bad = point <= HUNDRED if over else point >= HUNDRED
                rounded_100 = point == HUNDRED and r.precision >= 0
                bad = bad and not rounded_100
                need = "超过100%" if over else "低于100%"
                if bad or rounded_100:
                    yield ctx.fail(self, f"写明决算数{word}预算数 {d.text}，预算完成率却是 {r.text}（应{need}）", members,
                                   expected=need, actual=r.text, decision=True,
                                   severity="warning" if rounded_100 and not bad else None)
                else:
                    yield ctx.passed(self, f"决算数{word}预算数 {d.text} 与完成率 {r.text} 一致", members)


class OverUnderBudgetNumbers(Rule):
    """“决算数大于/小于预算数”与同段写明的预算数、决算数不符（改变结论的错误）。

    Why:
        `年初预算为2.85万元，支出决算为0.39万元……决算数小于预算数`：大于还是小于，是超支还是结余，
        决定了读者对预算执行的判断；写反了结论就反了。后面写了差额时，差额也应等于两数之差。

    Bad:
        三公经费年初预算为2.85万元，支出决算为3.39万元，完成预算的118.95%。三公经费决算数小于预算数的主要原因是控制支出。

    Good:
        三公经费年初预算为2.85万元，支出决算为0.39万元，完成预算的13.68%。三公经费决算数小于预算数的主要原因是控制支出。

    Tolerance:
        两数区间不相交时才判断大小；差额按印刷精度比较，只差在四舍五入报“提示”。

    Limits:
        预算数与决算数取同一段中“完成预算的X%”所在句写明的两个数。
    """

    id = "RP313"
    name = "over-under-budget-numbers"
    severity = "error"
    summary = "“决算数大于/小于预算数”与写明的预算数、决算数不符"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("budget"):
            if rel.attrs.get("form") != "over_under_numbers":
                continue
            bud, act, diff = ctx.member(rel, "budget"), ctx.member(rel, "actual"), ctx.member(rel, "difference")
            if bud is None or act is None:
                continue
            word = rel.attrs.get("direction", "")
            s0, s1 = int(rel.attrs["phrase_start"]), int(rel.attrs["phrase_end"])
            phrase = (ctx.document.text[s0:s1], (s0, s1), "phrase")
            members = [phrase, (act, "actual"), (bud, "budget")]
            d = Interval.of(act) - Interval.of(bud)
            over = word in ("大于", "超过")
            real = "大于" if d.lo > 0 else "小于" if d.hi < 0 else None
            if real is not None and (real == "大于") != over:
                yield ctx.fail(self, f"写的是“决算数{word}预算数”，但决算数 {act.text}、预算数 {bud.text}，实际是{real}",
                               members, expected=real, actual=word, tolerance="0", decision=True)
                continue
            if real is not None:
                yield ctx.passed(self, f"“决算数{word}预算数”与决算数 {act.text}、预算数 {bud.text} 相符", members,
                                 expected=real, actual=word)
            if diff is not None:
                yield check_identity(ctx, self, diff, _abs(d), abs(act.normalized - bud.normalized),
                                     [(diff, "difference"), (act, "actual"), (bud, "budget")],
                                     f"{act.text} − {bud.text}", "决算数与预算数的差额")


# --- shares ---------------------------------------------------------------------------------------
def _whole_of(ctx: Context, part: Quantity) -> tuple[Quantity, Relation] | None:
    """The total a part belongs to: written in the share phrase itself (占支出合计X的), or the sum
    (其中 list) or 基本+项目 relation that lists it."""
    for rel in ctx.relations("share"):
        w, p = ctx.member(rel, "whole"), ctx.member(rel, "part")
        if w is not None and p is not None and p.id == part.id:
            return w, rel
    for rel in ctx.relations("sum") + ctx.relations("subset") + ctx.relations("balance"):
        for m in rel.members:
            if m.quantity == part.id and m.role in ("part", "basic", "project"):
                tot = ctx.member(rel, "total") or ctx.member(rel, "whole")
                if tot is not None:
                    return tot, rel
    return None


_PARTITION = ("basic_expenditure", "project_expenditure")


def _partition(ctx: Context) -> dict[str, list[tuple[Quantity, Quantity]]]:
    """Shares of 基本支出 and 项目支出 given in one sentence with no total: together they are the whole
    (every expenditure is one or the other), so the whole is their sum.  Keyed by the sentence."""
    groups: dict[str, list[tuple[Quantity, Quantity]]] = defaultdict(list)
    for rel in ctx.relations("share"):
        part, share = ctx.member(rel, "part"), ctx.member(rel, "share")
        if part is None or share is None or part.concept not in _PARTITION or _whole_of(ctx, part) is not None:
            continue
        groups[rel.attrs.get("sentence", "")].append((part, share))
    return {k: v for k, v in groups.items() if sorted(p.concept for p, _ in v) == sorted(_PARTITION)}


class ShareMismatch(Rule):
    """占比不等于分项除以合计。

    Why:
        `支出共计120万元，其中基本支出90万元，占75%`：占比可以重算。曾有预算页面把 15.94% 印成 19.62%。

    Bad:
        本年支出共计120万元，其中基本支出90万元，占70%；项目支出30万元，占25%。

    Good:
        本年支出共计120万元，其中基本支出90万元，占75%；项目支出30万元，占25%。

    Tolerance:
        按印刷数字做区间除法；截断（38.2877% 写作 38.28%）报“提示”。

    Limits:
        只有分项属于某个“其中”列举、或属于基本支出 + 项目支出时才知道合计；同一句中只写了基本支出与项目支出的占比时，
        以二者之和为合计。
    """

    id = "RP321"
    name = "share-mismatch"
    severity = "error"
    summary = "占比 ≠ 分项 ÷ 合计"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("share"):
            part, share = ctx.member(rel, "part"), ctx.member(rel, "share")
            if part is None or share is None:
                continue
            found = _whole_of(ctx, part)
            if found is None:
                continue
            whole = found[0]
            if whole.normalized == 0:
                continue
            q = Interval.of(part) / Interval.of(whole)
            if q is None:
                continue
            yield _pct_finding(ctx, self, share, q * HUNDRED, part.normalized / whole.normalized * HUNDRED,
                               [(share, "share"), (part, "part"), (whole, "whole")], f"{part.text} ÷ {whole.text}",
                               "占比与分项除以合计")
        for pairs in _partition(ctx).values():
            parts = [p for p, _ in pairs]
            whole_iv = total([Interval.of(p) for p in parts])
            whole_pt = sum((p.normalized for p in parts), start=ZERO)
            if whole_pt == 0:
                continue
            for part, share in pairs:
                q = Interval.of(part) / whole_iv
                if q is None:
                    continue
                formula = f"{part.text} ÷ ({' + '.join(p.text for p in parts)})"
                yield _pct_finding(ctx, self, share, q * HUNDRED, part.normalized / whole_pt * HUNDRED,
                                   [(share, "share")] + [(p, "part") for p in parts], formula,
                                   "占比与分项除以基本支出加项目支出")


class SharesNotHundred(Rule):
    """同一合计下各分项的占比之和不等于100%。

    Why:
        曾有预算页面写基本支出占84.06%、项目支出占19.62%：合计103.68%。

    Bad:
        本年支出共计120万元，其中基本支出90万元，占75%；项目支出30万元，占35%。

    Good:
        本年支出共计120万元，其中基本支出90万元，占75%；项目支出30万元，占25%。

    Tolerance:
        各占比印刷区间之和须包含100（n 个保留两位小数的占比最多可差 n × 0.005）；只差在四舍五入时报“提示”。

    Limits:
        只在“其中”列举（或基本支出与项目支出）的每个分项都写了占比时核对，以及“结构/构成”后用比号连写的各项
        （`三次产业结构为17.2:36.4:46.4`）；可能不完整的列举（以“等”结尾、
        “主要用于以下方面：”）只在分项之和等于合计时核对。
    """

    id = "RP322"
    name = "shares-not-hundred"
    severity = "error"
    summary = "同一合计下各分项占比之和不等于100%"

    def check(self, ctx: Context) -> Iterable[Finding]:
        by_rel: dict[str, list[tuple[Quantity, Quantity]]] = defaultdict(list)
        rels: dict[str, Relation] = {}
        for rel in ctx.relations("share"):
            part, share = ctx.member(rel, "part"), ctx.member(rel, "share")
            if part is None or share is None:
                continue
            found = _whole_of(ctx, part)
            if found is None:
                continue
            by_rel[found[1].id].append((part, share))
            rels[found[1].id] = found[1]
        groups = []
        for rid, pairs in sorted(by_rel.items()):
            rel = rels[rid]
            parts = {m.quantity for m in rel.members if m.role in ("part", "basic", "project")}
            if {p.id for p, _ in pairs} != parts or len(pairs) < 2:
                continue
            tot = ctx.member(rel, "total")
            if rel.attrs.get("open") and (tot is None or not total([Interval.of(p) for p, _ in pairs]).meets(Interval.of(tot))):
                continue  # a list that may leave items out ("主要用于", "等"): its shares need not make 100%
            groups.append(pairs)
        groups.extend(_partition(ctx).values())
        # "三次产业结构为17.2:36.4:46.4": the terms of a structure ratio are shares of one whole
        groups.extend([(q, q) for q in ctx.members(rel, "term")] for rel in ctx.relations("ratio"))
        for pairs in groups:
            shares = [s for _, s in pairs]
            ivs = [pct(s)[1] for s in shares]
            pts = sum((pct(s)[0] for s in shares), start=ZERO)
            computed = total(ivs)
            members = [(s, "share") for s in shares]
            formula = " + ".join(s.text if s.text.endswith("%") else f"{s.text}%" for s in shares)
            if computed.lo <= HUNDRED <= computed.hi:
                if pts == HUNDRED:
                    yield ctx.passed(self, f"各分项占比之和为100%：{formula}", members, expected="100%", actual=f"{fmt(pts)}%")
                else:
                    yield ctx.fail(self, f"各分项占比之和 {formula} = {fmt(pts)}%，与100%的差异只来自四舍五入", members,
                                   expected="100%", actual=f"{fmt(pts)}%", severity="info")
            else:
                yield ctx.fail(self, f"各分项占比之和 {formula} = {fmt(pts)}%，不等于100%，相差 {fmt(pts - HUNDRED)} 个百分点",
                               members, expected="100%", actual=f"{fmt(pts)}%",
                               tolerance=fmt((computed.hi - computed.lo) / 2))


# --- rate × count ----------------------------------------------------------------------------------
class RateCountMismatch(Rule):
    """总额不等于单价乘数量（`1170户 × 30元/户 = 35100元`）。

    Why:
        `为1170户购买健康保险35100元（30元/户）` 用三种方式说同一笔钱。

    Bad:
        为全县1170户农村独生子女户购买健康保险36100元（30元/户）。

    Good:
        为全县1170户农村独生子女户购买健康保险35100元（30元/户）。

    Tolerance:
        印刷单价与数量的区间乘积。

    Limits:
        同一分号段内只有一个以单价分母为单位（户、人）的数量，且恰有一个金额位于该数量与单价之间；
        “户均/人均X元”与同一分号段中唯一的数量、唯一的总额也按此核对。
    """

    id = "RP331"
    name = "rate-count-mismatch"
    severity = "error"
    summary = "总额 ≠ 单价（元/户、元/人）× 数量"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("rate"):
            t, r, c = ctx.member(rel, "total"), ctx.member(rel, "rate"), ctx.member(rel, "count")
            if t is None or r is None or c is None:
                continue
            computed = Interval.of(r) * Interval.of(c)
            yield check_identity(ctx, self, t, computed, r.normalized * c.normalized,
                                 [(t, "total"), (r, "rate"), (c, "count")], f"{r.text} × {c.text}",
                                 "总额与单价乘数量")


RULES: list[type[Rule]] = [
    YoyChangeMismatch,
    YoyDirectionMismatch,
    YoyPctMismatch,
    PctChangeFromZero,
    ExecutionRateMismatch,
    OverUnderBudgetContradiction,
    OverUnderBudgetNumbers,
    ShareMismatch,
    SharesNotHundred,
    RateCountMismatch,
]

