"""1xx: totals and parts, subsets, list counts, balances, 三公经费.

Each rule reads one kind of Relation found by extract/relations.py and checks it with printed-
precision intervals (tolerance.py).  A difference that rounding or truncation explains is `info`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Finding, Quantity
from .base import Context, Rule, approximate, check_identity, show
from .tolerance import Interval, fmt, total


def _formula(qs: list[Quantity]) -> str:
    return " + ".join(q.text for q in qs)


class SumMismatch(Rule):
    """A total does not equal the sum of the parts listed after 其中.

    Why:
        `共计X，其中A a，B b` promises X = a + b.  A part left out or mistyped shows up here, and the
        reader cannot tell which figure to trust.

    Bad:
        今年在各级媒体发表稿件累计23篇，其中国家级1篇，省级7篇，市级10篇，县级4篇。

    Good:
        今年共开展活动151场，其中县级5场，乡镇16场，村居130场。

    Tolerance:
        Each figure is the interval of its printed precision; the identity holds when Σ parts meets the
        total.  Money parts printed to 0.01 may differ from the total by 0.01 for 2-3 parts, 0.02 for 4-5
        parts: such a difference is reported as info (rounding), never as an error.  Counts are exact.

    Limits:
        Only lists introduced by 其中 right after the total, in one sentence; parts in brackets
        (`（其中：…）`) are sub-items and left out.  Two counted parts may overlap (党员、女性), so a
        two-part count list that does not add up is a warning; when the leading parts already make the
        total (在编8人，聘用4人，党员6人 of 12), the rest is taken as a cross-cutting category.  A list
        ending in 等 is RP102.
    """

    id = "RP101"
    name = "sum-mismatch"
    severity = "error"
    summary = "合计数与“其中”所列分项之和不符"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("sum"):
            if rel.attrs.get("open"):
                continue
            tot = ctx.member(rel, "total")
            parts = ctx.members(rel, "part")
            if tot is None or len(parts) < 2:
                continue
            computed = total([Interval.of(p) for p in parts])
            point = sum((p.normalized for p in parts), start=tot.normalized * 0)
            severity = "warning" if (len(parts) == 2 and tot.kind == "count") else None
            prefix = self._covering_prefix(tot, parts)
            if prefix is not None and prefix < len(parts):
                # "职工12人，其中在编8人，聘用4人，党员6人": the first parts make the whole, the rest is a
                # cross-cutting category — the identity holds for the prefix
                parts = parts[:prefix]
                computed = total([Interval.of(p) for p in parts])
                point = sum((p.normalized for p in parts), start=tot.normalized * 0)
            yield check_identity(ctx, self, tot, computed, point, [(tot, "total")] + [(p, "part") for p in parts],
                                 _formula(parts), "合计与分项之和", severity=severity)

    @staticmethod
    def _covering_prefix(tot: Quantity, parts: list[Quantity]) -> int | None:
        """The length of the shortest run of leading parts (two or more) that adds up to the total."""
        acc = Interval.exact(0)
        for n, p in enumerate(parts, 1):
            acc = acc + Interval.of(p)
            if n >= 2 and acc.meets(Interval.of(tot)):
                return n
        return None


class OpenSumExceedsTotal(Rule):
    """A list of parts ending in 等 adds up to more than the total it belongs to.

    Why:
        `共X，其中A a、B b等` lists only some parts, so Σ may be less than the total, never more.

    Bad:
        全年共发放物资价值50万元，其中慰问金40万元、学习用品20万元等。

    Good:
        全年共发放物资价值50万元，其中慰问金30万元、学习用品10万元等。

    Tolerance:
        Σ parts (lowest values of their intervals) must not exceed the total's highest value.

    Limits:
        Only 其中 lists whose last part is followed by 等.
    """

    id = "RP102"
    name = "open-sum-exceeds-total"
    severity = "error"
    summary = "以“等”结尾的分项之和超过了合计数"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("sum"):
            if not rel.attrs.get("open"):
                continue
            tot = ctx.member(rel, "total")
            parts = ctx.members(rel, "part")
            if tot is None or not parts:
                continue
            computed = total([Interval.of(p) for p in parts])
            point = sum((p.normalized for p in parts), start=tot.normalized * 0)
            members = [(tot, "total")] + [(p, "part") for p in parts]
            if computed.lo <= Interval.of(tot).hi:
                yield ctx.passed(self, f"以“等”结尾的分项之和 {show(point, tot)} 不超过合计 {tot.text}", members,
                                 expected=f"≤{tot.text}", actual=show(point, tot))
            else:
                yield ctx.fail(self, f"以“等”结尾的分项之和 {_formula(parts)} = {show(point, tot)}，超过了合计 {tot.text}",
                               members, expected=f"≤{tot.text}", actual=show(point, tot), tolerance="0")


class SubsetExceedsWhole(Rule):
    """A part introduced by 其中 is larger than the whole it is part of.

    Why:
        `走访198户，其中失独和伤残家庭77户`: the part cannot exceed the whole.

    Bad:
        全县共走访慰问98户计生困难家庭，其中失独和伤残家庭177户。

    Good:
        全县共走访慰问198户计生困难家庭，其中失独和伤残家庭77户。

    Tolerance:
        The part's lowest value must not exceed the whole's highest value.

    Limits:
        A single part after 其中 in the same sentence and unit.
    """

    id = "RP103"
    name = "subset-exceeds-whole"
    severity = "error"
    summary = "“其中”的部分数大于整体数"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("subset"):
            whole, part = ctx.member(rel, "whole"), ctx.member(rel, "part")
            if whole is None or part is None:
                continue
            members = [(part, "part"), (whole, "whole")]
            if Interval.of(part).lo <= Interval.of(whole).hi:
                yield ctx.passed(self, f"部分 {part.text} 不大于整体 {whole.text}", members,
                                 expected=f"≤{whole.text}", actual=part.text)
            else:
                diff = part.normalized - whole.normalized
                yield ctx.fail(self, f"“其中”的部分 {part.text} 大于整体 {whole.text}，多出 {show(diff, whole)}",
                               members, expected=f"≤{whole.text}", actual=part.text, tolerance="0")


class ListCountMismatch(Rule):
    """A stated number of items does not match the items listed.

    Why:
        `直属事业单位3个，即A、B、C` — a report that says 10 and lists 9 has lost one (or miscounted).

    Bad:
        局属事业单位4个，即综合服务中心、信息中心、档案馆。

    Good:
        局属事业单位3个，即综合服务中心、信息中心、档案馆。

    Tolerance:
        Exact.  A list ending in 等 may list fewer items than the count, never more.

    Limits:
        Items are split at 、 (and a final 和/及) outside brackets and quotes; a list written before the
        count (`A、B等8个单位`) is checked as a warning, since where such a list starts is less certain.
    """

    id = "RP104"
    name = "list-count-mismatch"
    severity = "error"
    summary = "“N个，即……”所列项目数与N不符"

    def check(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.document.text
        for rel in ctx.relations("list_count"):
            q = ctx.member(rel, "count")
            if q is None:
                continue
            n = int(rel.attrs.get("items", "0"))
            alt = int(rel.attrs.get("items_alt", n))
            open_ = bool(rel.attrs.get("open"))
            s, e = int(rel.attrs["list_start"]), int(rel.attrs["list_end"])
            members = [(q, "count"), (text[s:e], (s, e), "list")]
            stated = q.normalized
            ok = n <= stated if open_ else stated in (n, alt)
            desc = f"列出 {n} 项" + ("（以“等”结尾）" if open_ else "")
            if ok:
                yield ctx.passed(self, f"{q.text} 与所列项目相符：{desc}", members, expected=str(n), actual=q.text)
            else:
                sev = "warning" if rel.attrs.get("form") == "before" else None
                yield ctx.fail(self, f"写明 {q.text}，但{desc}，相差 {fmt(abs(stated - n))} 项", members,
                               expected=str(n), actual=q.text, tolerance="0", severity=sev)


class BalanceMismatch(Rule):
    """Income does not equal expenditure plus balance (收入 = 支出 + 结余).

    Why:
        `划拨139.38万元，支出139.38万元，结余0万元`: what came in either was spent or is left.

    Bad:
        2021年各级财政划拨本单位共计139.38万元，支出：129.38万元，结余0万元。

    Good:
        2021年各级财政划拨本单位共计139.38万元，支出：139.38万元，结余0万元。

    Tolerance:
        Printed precision of the three figures (two parts: 0.01 at 0.01 万元 is rounding, info).

    Limits:
        The three figures must stand in one sentence with the words 收入/划拨/拨款, 支出 and 结余/结转;
        年初结转 (carried in) is not a 结余 and is left to the table rules.
    """

    id = "RP105"
    name = "balance-mismatch"
    severity = "error"
    summary = "收入 ≠ 支出 + 结余"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("balance"):
            if rel.attrs.get("form") != "income_expense":
                continue
            inc, exp, bal = ctx.member(rel, "income"), ctx.member(rel, "expense"), ctx.member(rel, "balance")
            if inc is None or exp is None or bal is None:
                continue
            computed = Interval.of(exp) + Interval.of(bal)
            yield check_identity(ctx, self, inc, computed, exp.normalized + bal.normalized,
                                 [(inc, "income"), (exp, "expense"), (bal, "balance")],
                                 f"{exp.text} + {bal.text}", "收入与支出加结余")


class BasicProjectMismatch(Rule):
    """Total expenditure does not equal basic plus project expenditure (合计 = 基本支出 + 项目支出).

    Why:
        Every 部门 spends on 基本支出 (staff and running costs) and 项目支出; together they are the total.

    Bad:
        本年支出：139.38万元，结余0万元。整体支出情况是：基本支出全年129.38万元，项目支出0万元。

    Good:
        本年支出：139.38万元，结余0万元。整体支出情况是：基本支出全年139.38万元，项目支出0万元。

    Tolerance:
        Printed precision of the three figures.

    Limits:
        Needs a figure introduced as the total expenditure (支出：, 支出总额, 总支出) somewhere in the text.
    """

    id = "RP106"
    name = "basic-project-mismatch"
    severity = "error"
    summary = "支出合计 ≠ 基本支出 + 项目支出"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("balance"):
            if rel.attrs.get("form") != "basic_project":
                continue
            tot, basic, proj = ctx.member(rel, "total"), ctx.member(rel, "basic"), ctx.member(rel, "project")
            if tot is None or basic is None or proj is None:
                continue
            computed = Interval.of(basic) + Interval.of(proj)
            yield check_identity(ctx, self, tot, computed, basic.normalized + proj.normalized,
                                 [(tot, "total"), (basic, "basic"), (proj, "project")],
                                 f"{basic.text} + {proj.text}", "支出合计与基本支出加项目支出")


class SanggongMismatch(Rule):
    """三公经费 does not equal 因公出国(境) + 公务用车购置及运行维护 + 公务接待.

    Why:
        The three public expenses are defined as exactly these three items; the car line is itself a
        sub-total of 购置 and 运行维护, so it is counted once.

    Bad:
        2021年度三公经费支出 2.91万元。其中：因公出国（境）支出0万元，公务用车购置及运行维护费支出0万元，公务接待费1.91万元。

    Good:
        2021年度三公经费支出 1.91万元。其中：因公出国（境）支出0万元，公务用车购置及运行维护费支出0万元，公车运行维护费0万元，公务接待费1.91万元。

    Tolerance:
        Printed precision (three parts at 0.01 万元: up to 0.01 is rounding, info).

    Limits:
        The total is the first 三公 figure of its paragraph that is not last year's; the items are the
        following figures whose words name them.  When the car line is missing but 购置 and 运行维护 are
        given, their sum stands in for it.
    """

    id = "RP107"
    name = "sanggong-mismatch"
    severity = "error"
    summary = "三公经费 ≠ 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("sanggong"):
            tot = ctx.member(rel, "total")
            if tot is None:
                continue
            items: list[tuple[Quantity, str]] = []
            for role in ("abroad", "car", "reception"):
                q = ctx.member(rel, role)
                if q is not None:
                    items.append((q, role))
                elif role == "car":
                    items.extend((q2, r2) for r2 in ("car_purchase", "car_running") if (q2 := ctx.member(rel, r2)))
            if len(items) < 2:
                continue
            qs = [q for q, _ in items]
            computed = total([Interval.of(q) for q in qs])
            point = sum((q.normalized for q in qs), start=tot.normalized * 0)
            yield check_identity(ctx, self, tot, computed, point, [(tot, "total")] + items, _formula(qs),
                                 "三公经费与三项之和")


class SanggongCarSubtotal(Rule):
    """公务用车购置及运行维护费 does not equal 购置费 + 运行维护费 (or is less than one of them).

    Why:
        The car line of 三公 is a sub-total; its two parts cannot add up to anything else.

    Bad:
        三公经费支出3.00万元。其中：因公出国（境）费0万元，公务用车购置及运行维护费1.00万元，公务用车运行维护费2.00万元，公务接待费2.00万元。

    Good:
        三公经费支出3.00万元。其中：因公出国（境）费0万元，公务用车购置及运行维护费1.00万元，公务用车运行维护费1.00万元，公务接待费2.00万元。

    Tolerance:
        Printed precision.  With only one of the two parts printed, the part must not exceed the line.

    Limits:
        Only inside a 三公 relation (RP107 finds it).
    """

    id = "RP108"
    name = "sanggong-car-subtotal"
    severity = "error"
    summary = "公务用车购置及运行维护费 ≠ 购置费 + 运行维护费"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("sanggong"):
            car = ctx.member(rel, "car")
            subs = [(q, r) for r in ("car_purchase", "car_running") if (q := ctx.member(rel, r))]
            if car is None or not subs:
                continue
            qs = [q for q, _ in subs]
            computed = total([Interval.of(q) for q in qs])
            point = sum((q.normalized for q in qs), start=car.normalized * 0)
            if len(subs) == 2:
                yield check_identity(ctx, self, car, computed, point, [(car, "total")] + subs, _formula(qs),
                                     "公务用车购置及运行维护费与其两项之和")
                continue
            q, role = subs[0]
            members = [(q, role), (car, "total")]
            if Interval.of(q).lo <= Interval.of(car).hi:
                yield ctx.passed(self, f"{q.text} 不超过公务用车购置及运行维护费 {car.text}", members,
                                 expected=f"≤{car.text}", actual=q.text)
            elif not approximate(q, car):
                yield ctx.fail(self, f"公务用车的一项 {q.text} 超过了公务用车购置及运行维护费合计 {car.text}",
                               members, expected=f"≤{car.text}", actual=q.text, tolerance="0")


class SanggongActivityMismatch(Rule):
    """A 三公 item with no spending but trips, receptions or vehicles counted (or spending with none).

    Why:
        三公 disclosures give counts beside the money: 出国团组 and 人次, 公务接待批次, vehicles bought and
        held.  因公出国 0万元 with 2 个团组, or 购置公务用车 2台 with 购置费 0, means one figure is wrong.

    Bad:
        2021年度三公经费支出 1.91万元。其中：因公出国（境）支出0万元，公务用车购置及运行维护费支出0万元，公务接待费1.91万元。
        2021年度我会参加出国（境）团组2个，累计6人次。

    Good:
        2021年度三公经费支出 1.91万元。其中：因公出国（境）支出0万元，公务用车购置及运行维护费支出0万元，公务接待费1.91万元。
        2021年度我会参加出国（境）团组0个，累计0人次。

    Tolerance:
        Only zero against non-zero is compared: a cost per trip varies too much to check more.

    Limits:
        Counts in the 三公 paragraph or the one after it; vehicles held with no running cost may be
        vehicles of another unit, so every finding is a warning.
    """

    id = "RP109"
    name = "sanggong-activity-mismatch"
    severity = "warning"
    summary = "三公经费某项为0却有出国团组、接待批次或车辆（或反之）"

    WHAT = {"vehicles": "车辆保有量", "purchased": "购置车辆", "trips": "出国（境）团组或人次", "receptions": "公务接待批次或人次"}

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("sanggong_activity"):
            e, c = ctx.member(rel, "expense"), ctx.member(rel, "count")
            if e is None or c is None:
                continue
            what = self.WHAT.get(rel.attrs.get("item", ""), "数量")
            members = [(c, "count"), (e, "expense")]
            e_zero, c_zero = e.normalized == 0, c.normalized == 0
            if e_zero == c_zero:
                yield ctx.passed(self, f"{what} {c.text} 与对应经费 {e.text} 相符（{'均为0' if e_zero else '均不为0'}）",
                                 members)
            elif e_zero:
                yield ctx.fail(self, f"对应经费为 {e.text}，{what}却是 {c.text}", members, expected="0", actual=c.text)
            elif rel.attrs.get("item") != "vehicles":  # spending on running costs with no car held: leased cars
                yield ctx.fail(self, f"{what}为 {c.text}，对应经费却有 {e.text}", members, expected="不为0", actual=c.text)


RULES: list[type[Rule]] = [
    SumMismatch,
    OpenSumExceedsTotal,
    SubsetExceedsWhole,
    ListCountMismatch,
    BalanceMismatch,
    BasicProjectMismatch,
    SanggongMismatch,
    SanggongCarSubtotal,
    SanggongActivityMismatch,
]
