"""1xx: totals and parts, subsets, list counts, balances, 三公经费.

Each rule reads one kind of Relation found by extract/relations.py and checks it with printed-
precision intervals (tolerance.py).  A difference that rounding or truncation explains is `info`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Finding, Quantity
from .base import Context, Rule, approximate, check_identity, show
from .tolerance import Interval, fmt, total


def _formula(qs: list[Quantity]) -> str:
    return " + ".join(q.text for q in qs)


# Two labels that split one population between them: 县内/县外游客, 男/女职工, 线上/线下培训.
_OPPOSITES = [("内", "外"), ("上", "下"), ("男", "女"), ("城镇", "农村"), ("城市", "农村"), ("城区", "农村"),
              ("城区", "乡镇"), ("境内", "境外"), ("国内", "国外"), ("省内", "省外"), ("市内", "市外"),
              ("在编", "编外"), ("在职", "退休"), ("新增", "续保"), ("本地", "外地")]
# Attributes of people that cut across any split: a count of 党员 and one of 女性 overlap freely.
_ATTRIBUTES = re.compile(r"(党员|团员|女性|女职工|男性|少数民族|退役军人|残疾|(?:大专|本科|研究生|硕士)及?以上|\d+(?:周)?岁(?:以下|以上))")


def _two_counts(a: str, b: str) -> str:
    """"split" when two count labels divide one population (error when they miss the total), "cross"
    when they are attributes of people that may overlap (not checked), else "unknown" (warning)."""
    if _ATTRIBUTES.search(a) and _ATTRIBUTES.search(b):
        return "cross"
    for x, y in _OPPOSITES:
        for p, q in ((x, y), (y, x)):
            i, j = a.find(p), b.find(q)
            if i != -1 and j != -1 and a[:i] == b[:j] and a[i + len(p) :] == b[j + len(q) :]:
                return "split"
    return "unknown"


class SumMismatch(Rule):
    """合计数与“其中”后列出的分项之和不相等。

    Why:
        `共计X，其中A a，B b` 承诺 X = a + b。漏列一项或某个数字写错都会在这里暴露，读者无从判断该信哪个数。

    Bad:
        今年在各级媒体发表稿件累计23篇，其中国家级1篇，省级7篇，市级10篇，县级4篇。

    Good:
        今年共开展活动151场，其中县级5场，乡镇16场，村居130场。

    Tolerance:
        每个数字按印刷精度看作区间，分项之和的区间与合计的区间相交即为相符。保留两位小数（0.01万元）的金额，
        2-3 个分项与合计最多可差 0.01，4-5 个分项最多差 0.02：这类差异报“提示”（四舍五入），
        不报错误。户数、篇数等计数是精确的。

    Limits:
        只核对紧跟在合计之后、同一句中由“其中”引出的列举；括号里的“（其中：…）”是下一级明细，不计入。计数的两个分项可能交叉（党员、
        女性）：两项都是人员属性（党员、女性、少数民族、学历、年龄段）时不核对，两项是一分为二（县内/县外、
        男/女、线上/线下）时按错误核对，其余只有两项且对不上时报“警告”；若前几项已凑足合计（在编8人、聘用4人，共12人，另列党员6人）
        ，其余视为交叉分类。以“等”结尾的列举见 RP102。
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
            severity = None
            if len(parts) == 2 and tot.kind == "count":
                kind = _two_counts(parts[0].label or "", parts[1].label or "")
                if kind == "cross":
                    continue  # "职工45人，其中党员32人，女性18人": two attributes of one staff, not a split
                severity = None if kind == "split" else "warning"
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
    """以“等”结尾的分项之和大于合计数。

    Why:
        `共X，其中A a、B b等` 只列了部分分项，分项之和可以小于合计，但不能大于合计。

    Bad:
        全年共发放物资价值50万元，其中慰问金40万元、学习用品20万元等。

    Good:
        全年共发放物资价值50万元，其中慰问金30万元、学习用品10万元等。

    Tolerance:
        分项区间下限之和不得超过合计区间的上限。

    Limits:
        只核对最后一个分项后紧跟“等”的“其中”列举，以及决算说明“支出X万元，主要用于以下方面：”后的列举
        （“主要”可能只列了主要项目，所以同样只核对不超过合计）。
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
            what = "以“等”结尾的分项之和" if rel.attrs["open"] == "等" else "“主要用于”所列分项之和"
            if computed.lo <= Interval.of(tot).hi:
                yield ctx.passed(self, f"{what} {show(point, tot)} 不超过合计 {tot.text}", members,
                                 expected=f"≤{tot.text}", actual=show(point, tot))
            else:
                yield ctx.fail(self, f"{what} {_formula(parts)} = {show(point, tot)}，超过了合计 {tot.text}",
                               members, expected=f"≤{tot.text}", actual=show(point, tot), tolerance="0")


class SubsetExceedsWhole(Rule):
    """“其中”引出的部分大于它所属的整体。

    Why:
        `走访198户，其中失独和伤残家庭77户`：部分不能大于整体。

    Bad:
        全县共走访慰问98户计生困难家庭，其中失独和伤残家庭177户。

    Good:
        全县共走访慰问198户计生困难家庭，其中失独和伤残家庭77户。

    Tolerance:
        部分区间的下限不得超过整体区间的上限。

    Limits:
        “其中”后只有一个同单位的数字；或“其中”之后第一个其他单位的数字，对应“其中”之前最近的同单位数字（此时整体与部分都须是精确数）
        。
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
    """写明的个数与所列项目数不符。

    Why:
        `直属事业单位3个，即A、B、C`：写10个却只列9个，说明漏了一个或数错了。

    Bad:
        局属事业单位4个，即综合服务中心、信息中心、档案馆。

    Good:
        局属事业单位3个，即综合服务中心、信息中心、档案馆。

    Tolerance:
        精确比较。以“等”结尾的列举可以少于写明的个数，不能多于。

    Limits:
        在括号和引号之外按顿号（及最后的“和/及”）切分项目；“自然资源和生态环境处”这类名称两种读法都接受。列举写在个数之前（`A、
        B等8个单位`）时，列举从哪里开始不够确定，只报“警告”。
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
    """收入不等于支出加结余（收入 = 支出 + 结余）。

    Why:
        `划拨139.38万元，支出139.38万元，结余0万元`：收到的钱要么花掉，要么结余。

    Bad:
        2021年各级财政划拨本单位共计139.38万元，支出：129.38万元，结余0万元。

    Good:
        2021年各级财政划拨本单位共计139.38万元，支出：139.38万元，结余0万元。

    Tolerance:
        三个数字各自的印刷精度（两个加数、0.01万元精度时差 0.01 为四舍五入，报“提示”）。

    Limits:
        三个数字须在同一句中，分别由“收入/划拨/拨款”“支出”“结余/结转”引出；句中出现年初结转、上年结转时不核对（那是表格规则的事）
        。
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
    """支出合计不等于基本支出加项目支出。

    Why:
        部门的支出分为基本支出（人员和日常运转）与项目支出，两者之和就是支出合计。

    Bad:
        本年支出：139.38万元，结余0万元。整体支出情况是：基本支出全年129.38万元，项目支出0万元。

    Good:
        本年支出：139.38万元，结余0万元。整体支出情况是：基本支出全年139.38万元，项目支出0万元。

    Tolerance:
        三个数字各自的印刷精度。

    Limits:
        需要正文某处以“支出：”“支出总额”“总支出”等写明支出合计，且不是其他年度、三公经费或“收入支出总计”（后者含结转结余）
        。
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
    """三公经费不等于因公出国（境）费、公务用车购置及运行维护费、公务接待费三项之和。

    Why:
        三公经费按定义就是这三项；其中公务用车一项本身又是购置费与运行维护费的小计，只计一次。

    Bad:
        2021年度三公经费支出 2.91万元。其中：因公出国（境）支出0万元，公务用车购置及运行维护费支出0万元，公务接待费1.91万元。

    Good:
        2021年度三公经费支出 1.91万元。其中：因公出国（境）支出0万元，公务用车购置及运行维护费支出0万元，公车运行维护费0万元，公务接待费1.91万元。

    Tolerance:
        印刷精度（0.01万元的三项：差 0.01 以内为四舍五入，报“提示”）。

    Limits:
        合计取该段中第一个三公经费数字（不取上年数、增减额；年初预算与决算并列时取决算数），各项按其前面的文字识别。
        缺公务用车合计而有购置费和运行维护费时，以二者之和代替。
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
    """公务用车购置及运行维护费不等于购置费加运行维护费（或小于其中一项）。

    Why:
        三公经费中的公务用车一项是小计，其两项之和只能等于它。

    Bad:
        三公经费支出3.00万元。其中：因公出国（境）费0万元，公务用车购置及运行维护费1.00万元，公务用车运行维护费2.00万元，公务接待费2.00万元。

    Good:
        三公经费支出3.00万元。其中：因公出国（境）费0万元，公务用车购置及运行维护费1.00万元，公务用车运行维护费1.00万元，公务接待费2.00万元。

    Tolerance:
        印刷精度。只写了其中一项时，该项不得超过小计。

    Limits:
        只在 RP107 找到的三公经费关系中核对。
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
    """三公经费某项为0，却写有出国团组、接待批次或车辆（或反之）。

    Why:
        三公经费说明在金额旁还写数量：出国团组和人次、公务接待批次、购置和保有车辆数。因公出国费为0却有2个团组，
        或购置车辆2台而购置费为0，必有一个数字有误。

    Bad:
        2021年度三公经费支出 1.91万元。其中：因公出国（境）支出0万元，公务用车购置及运行维护费支出0万元，公务接待费1.91万元。
        2021年度我会参加出国（境）团组2个，累计6人次。

    Good:
        2021年度三公经费支出 1.91万元。其中：因公出国（境）支出0万元，公务用车购置及运行维护费支出0万元，公务接待费1.91万元。
        2021年度我会参加出国（境）团组0个，累计0人次。

    Tolerance:
        只比较“为0”与“不为0”：人均、车均费用差异太大，不宜再细比。

    Limits:
        只看三公经费所在段落及下一段中的数量；保有车辆而无运行维护费可能是借用其他单位车辆，因此一律报“警告”，
        且有运行费而无保有车辆的情况不报。
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


# (part label, the whole it is part of): this year's figures named so are an item and a total of one
# statement, whatever paragraph they stand in.  A 收入支出总计 includes the carry-over: never below
# this year's income or spending; a 财政拨款收入支出总计 never below the 财政拨款收入.
_WITHIN = [
    ("财政拨款收入", "财政拨款收入支出总计"),
    ("一般公共预算财政拨款收入", "财政拨款收入支出总计"),
    ("一般公共预算财政拨款支出", "财政拨款收入支出总计"),
    ("收入合计", "收入支出总计"),
    ("支出合计", "收入支出总计"),
]
# what may stand before the label and still name the same figure
_LABEL_LEAD = re.compile(r"^(?:\d{4}年度?|本年度?|本部门|本单位|部门|单位|年度|全年)*")
_CHANGE_BEFORE = re.compile(r"(增加|减少|增长|下降|上升|降低|节约|超支|多|少)了?\s*$")
_NOT_THIS_YEAR = ("last_year", "change", "pct_change", "difference")


class PartExceedsTotal(Rule):
    """按名称属于某个总计的数字（财政拨款收入之于财政拨款收入支出总计）大于该总计。

    Why:
        决算说明在不同段落分别写总计和它的组成：总计 = 本年收入 + 年初结转，不可能小于本年收入。曾有决算写
        “财政拨款收入支出总计0.3万元……持平”，而财政拨款收入是 2940.05万元：总计漏写了数量级。

    Bad:
        2024年度本年收入合计2940.05万元，其中：财政拨款收入2940.05万元。
        2024年度财政拨款收入支出总计0.3万元。

    Good:
        2024年度本年收入合计2940.05万元，其中：财政拨款收入2940.05万元。
        2024年度财政拨款收入支出总计2940.05万元。

    Tolerance:
        部分区间的下限超过总计区间的上限才报告。

    Limits:
        只认名称恰为上述说法的本年数字（可带“本年”“本部门”“2024年度”等前缀）：上年数、增减额不参与；
        同一名称在报告中有两个不同数值时不核对（无法确定哪一个是本年数）。
    """

    id = "RP110"
    name = "part-exceeds-named-total"
    severity = "error"
    summary = "按名称属于某个总计的数字大于该总计（如财政拨款收入大于财政拨款收入支出总计）"

    def check(self, ctx: Context) -> Iterable[Finding]:
        other: set[str] = set()
        for rel in ctx.relations("comparison") + ctx.relations("budget"):
            other.update(m.quantity for m in rel.members if m.role in _NOT_THIS_YEAR)
        named: dict[str, list[Quantity]] = {}
        fy = ctx.fiscal_year
        for q in ctx.report.quantities:
            if q.kind != "money" or q.from_table or not q.label or q.id in other or q.approx != "exact":
                continue
            if _CHANGE_BEFORE.search(ctx.document.text[max(0, q.span[0] - 6) : q.span[0]]):
                continue  # "总计…增加1193.20万元": a change that kept the total's label
            lead = _LABEL_LEAD.match(q.label)
            year = re.match(r"(\d{4})", q.label)
            if year and fy and int(year.group(1)) != fy:
                continue
            named.setdefault(q.label[lead.end() if lead else 0 :], []).append(q)

        def one(name: str) -> Quantity | None:
            qs = named.get(name, [])
            if not qs or any(not Interval.of(q).meets(Interval.of(qs[0])) for q in qs):
                return None  # two values under one name: which is this year's cannot be told
            return qs[0]

        for part_name, whole_name in _WITHIN:
            part, whole = one(part_name), one(whole_name)
            if part is None or whole is None:
                continue
            members = [(part, "part"), (whole, "total")]
            if Interval.of(part).lo <= Interval.of(whole).hi:
                yield ctx.passed(self, f"{part.label} {part.text} 不超过{whole.label} {whole.text}", members,
                                 expected=f"≤{whole.text}", actual=part.text)
            else:
                yield ctx.fail(self, f"{part.label} {part.text}（第{part.location.line}行）大于{whole.label} {whole.text}："
                               f"{whole_name}包含{part_name}，不可能更小", members, expected=f"≥{part.text}",
                               actual=whole.text, tolerance="0")


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
    PartExceedsTotal,
]
