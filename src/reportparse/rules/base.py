"""The rule interface: one small class per rule, a Context to read the report, Finding builders.

A rule reads what extraction produced (Report.quantities / dates / relations, Document.tables) and
never parses text itself: the extraction layer owns every regular expression, so a rule can be
tested on a report built from any text and a wrong figure is fixed in one place.

Each rule's docstring has the sections Why / Bad / Good / Tolerance / Limits.  The Bad and Good
sections hold short report texts (indented lines after the heading) that tests run through the whole
pipeline: Bad must yield a failure of the rule, Good must not.  docs/rules.md is generated from them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import ClassVar

from ..model import DateMention, Document, Finding, FindingMember, Location, Quantity, Relation, Report
from ..model.report import Severity
from .tolerance import Interval

# A member handed to ctx.fail/ctx.passed: a (Quantity | DateMention, role) pair, a FindingMember,
# or a (text, (start, end), role) triple for a span that is not a mention (template residue).
MemberSpec = tuple | FindingMember


class Rule:
    """Base of every rule.  Subclasses set the four class attributes and implement ``check``."""

    id: ClassVar[str]  # "RP101": RP + 3 digits, hundreds = family, never reused
    name: ClassVar[str]  # kebab-case: "sum-mismatch"
    severity: ClassVar[Severity] = "error"
    summary: ClassVar[str]  # Chinese one-liner for `reportparse rules` and docs/rules.md

    def check(self, ctx: Context) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        return doc_sections(cls.__doc__ or "")


class PostRule(Rule):
    """A rule that runs after all others and reads their findings (8xx: the likely wrong number).

    ``check`` is not called; ``review(ctx, findings)`` yields extra findings.  It must not alter
    the findings it is given.
    """

    def check(self, ctx: Context) -> Iterable[Finding]:
        return ()

    def review(self, ctx: Context, findings: Sequence[Finding]) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError


class RuleCrashed(Rule):
    """某条规则未能在这份报告上完成核对（程序问题或未知写法）。

    Why:
        一条规则出错不应让其他问题都看不见：核对继续进行，并用这条记录说明哪条规则没有运行，让用户知道哪些没有核对。

    Tolerance:
        不是数字比较，无容差。

    Limits:
        由运行器产生，不来自报告文本，因此没有示例。
    """

    id = "RP901"
    name = "rule-crashed"
    severity = "warning"
    summary = "某条规则未能完成核对（程序内部问题），其余核对照常进行"

    def check(self, ctx: Context) -> Iterable[Finding]:
        return ()


_HEADING = re.compile(r"^(Why|Bad|Good|Tolerance|Limits)\s*:?\s*$", re.M)


def doc_sections(doc: str) -> dict[str, str]:
    """Split a rule docstring into its Why / Bad / Good / Tolerance / Limits sections (dedented)."""
    import inspect
    import textwrap

    doc = inspect.cleandoc(doc)
    out: dict[str, str] = {}
    marks = list(_HEADING.finditer(doc))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(doc)
        out[m.group(1)] = textwrap.dedent(doc[m.end() : end]).strip("\n").rstrip()
    return out


def unit_exponent(q: Quantity) -> int:
    """Power of ten between the printed unit and the normalized unit (万元 → 4, 元 → 0, 亿元 → 8)."""
    if q.value != 0 and q.normalized != 0:
        ratio = (q.normalized / q.value).normalize()
        sign, digits, exp = ratio.as_tuple()
        if digits == (1,) and not sign:
            return int(exp)
    u = q.unit or ""
    if u.startswith("亿"):
        return 8
    if u.startswith("千万"):
        return 7
    if u.startswith("百万"):
        return 6
    if u.startswith("万"):
        return 4
    if u.startswith("千"):
        return 3
    return 0


def norm_precision(q: Quantity) -> int:
    """Exponent of q's last printed digit in normalized units (139.38万元 → 2: hundreds of 元)."""
    return q.precision + unit_exponent(q)


def in_unit(value: Decimal, like: Quantity) -> Decimal:
    """A normalized value expressed in ``like``'s printed unit (1393800 元 → 139.38 for 万元)."""
    return value.scaleb(-unit_exponent(like))


def show(value: Decimal, like: Quantity, places: int | None = None) -> str:
    """A computed value for a message, in the printed unit of ``like``: `22篇`, `139.38万元`, `15.94%`."""
    from .tolerance import fmt

    v = in_unit(value, like)
    if places is None:
        places = max(0, -like.precision) if v != v.to_integral_value() or like.precision < 0 else None
    return f"{fmt(v, places)}{like.unit or ''}"


def approximate(*qs: Quantity) -> bool:
    return any(q.approx != "exact" for q in qs)


def check_identity(
    ctx: Context,
    rule: type[Rule] | Rule,
    stated: Quantity,
    computed: Interval,
    computed_point: Decimal,
    members: list[tuple[Quantity, str]],
    formula: str,
    what: str,
    severity: Severity | None = None,
    decision: bool = False,
) -> Finding:
    """Compare a printed figure with the value computed from others; one Finding either way.

    ``formula`` shows the computation with the printed figures (`1 + 7 + 10 + 4`); ``what`` names
    the relation in Chinese (`合计与分项之和`).  Rounding and truncation give ``info``.
    """
    from .tolerance import fmt, judge

    stated_iv = Interval.of(stated)
    approx = approximate(stated, *(q for q, _ in members))
    outcome = judge(computed, computed_point, stated_iv, stated.normalized, approx, norm_precision(stated))
    tol = in_unit((computed.hi - computed.lo + stated_iv.hi - stated_iv.lo) / 2, stated)
    # the computed value at the finest precision printed among its operands (55.2 vs 30.10 + … = 81.36)
    same_unit = [q for q, _ in members if q.unit == stated.unit]
    places = max([0, -stated.precision] + [-q.precision for q in same_unit])
    calc = show(computed_point, stated, places if places or stated.precision < 0 else None)
    diff = in_unit(stated.normalized - computed_point, stated)
    all_members = [(stated, members[0][1] if members and members[0][0] is stated else "stated")] + [
        m for m in members if m[0] is not stated
    ]
    if outcome == "holds":
        return ctx.passed(rule, f"{what}相符：{stated.text} = {formula}", all_members, expected=calc,
                          actual=stated.text, tolerance=fmt(tol))
    if outcome == "rounding":
        msg = (f"{what}只差在四舍五入：写明 {stated.text}，{formula} = {calc}，相差 {fmt(diff)}{stated.unit}，"
               f"在印刷精度的容差 ±{fmt(tol)}{stated.unit} 之内")
        return ctx.fail(rule, msg, all_members, expected=calc, actual=stated.text, tolerance=fmt(tol), severity="info")
    if outcome == "truncation":
        msg = f"{what}：写明 {stated.text}，{formula} = {calc}，写明的数字是截断而不是四舍五入的结果"
        return ctx.fail(rule, msg, all_members, expected=calc, actual=stated.text, tolerance=fmt(tol), severity="info")
    bound = f"印刷精度容差 ±{fmt(tol)}{stated.unit}" if tol else "容差 0：各数都是精确数"
    msg = f"{what}不符：写明 {stated.text}，{formula} = {calc}，相差 {fmt(diff)}{stated.unit}（{bound}）"
    return ctx.fail(rule, msg, all_members, expected=calc, actual=stated.text, tolerance=fmt(tol), decision=decision,
                    severity=severity)


class Context:
    """What a rule may read: the report, the document, quantities by id, relations by kind."""

    def __init__(self, report: Report, document: Document) -> None:
        self.report = report
        self.document = document
        self.quantities: dict[str, Quantity] = {q.id: q for q in report.quantities}
        self.dates: dict[str, DateMention] = {d.id: d for d in report.dates}
        self._relations: dict[str, list[Relation]] = defaultdict(list)
        for r in report.relations:
            self._relations[r.kind].append(r)
        self._by_concept: dict[str, list[Quantity]] | None = None

    # --- reading ---------------------------------------------------------------------------
    @property
    def tables(self):
        return self.document.tables

    @property
    def fiscal_year(self) -> int | None:
        return self.report.document.fiscal_year

    def q(self, qid: str) -> Quantity:
        return self.quantities[qid]

    def relations(self, kind: str) -> list[Relation]:
        return self._relations.get(kind, [])

    def members(self, rel: Relation, role: str) -> list[Quantity]:
        """The quantities playing ``role`` in ``rel``, in the relation's order."""
        return [self.quantities[m.quantity] for m in rel.members if m.role == role and m.quantity in self.quantities]

    def member(self, rel: Relation, role: str) -> Quantity | None:
        found = self.members(rel, role)
        return found[0] if found else None

    def by_concept(self, concept: str) -> list[Quantity]:
        if self._by_concept is None:
            index: dict[str, list[Quantity]] = defaultdict(list)
            for q in self.report.quantities:
                if q.concept:
                    index[q.concept].append(q)
            self._by_concept = index
        return self._by_concept.get(concept, [])

    def by_label(self, needle: str) -> list[Quantity]:
        """Quantities whose label contains ``needle``."""
        return [q for q in self.report.quantities if q.label and needle in q.label]

    def interval(self, q: Quantity) -> Interval:
        return Interval.of(q)

    def line_of(self, start: int) -> str:
        """The source line containing offset ``start`` (for messages that quote context)."""
        text = self.document.text
        a = text.rfind("\n", 0, start) + 1
        b = text.find("\n", start)
        return text[a : b if b != -1 else len(text)]

    # --- building findings --------------------------------------------------------------------
    def _member(self, spec: MemberSpec) -> FindingMember:
        if isinstance(spec, FindingMember):
            return spec
        if len(spec) == 3:
            text, span, role = spec
            return FindingMember(text=text, span=tuple(span), role=role, location=self.document.locate(span[0]))
        mention, role = spec
        if isinstance(mention, Quantity):
            return FindingMember(quantity=mention.id, text=mention.text, span=mention.span, role=role,
                                 location=mention.location)
        if isinstance(mention, DateMention):
            return FindingMember(quantity=mention.id, text=mention.text, span=mention.span, role=role,
                                 location=mention.location)
        raise TypeError(f"not a finding member: {spec!r}")

    def finding(
        self,
        rule: Rule | type[Rule],
        status: str,
        message: str,
        members: Iterable[MemberSpec] = (),
        expected: Decimal | str | None = None,
        actual: Decimal | str | None = None,
        tolerance: Decimal | str | None = None,
        decision: bool = False,
        severity: Severity | None = None,
        location: Location | None = None,
    ) -> Finding:
        ms = [self._member(m) for m in members]
        if location is None and ms:
            location = ms[0].location or self.document.locate(ms[0].span[0])
        return Finding(
            rule=rule.id,
            name=rule.name,
            severity=severity or rule.severity,
            status=status,
            decision=decision,
            message=message,
            members=ms,
            expected=_s(expected),
            actual=_s(actual),
            tolerance=_s(tolerance),
            location=location,
        )

    def fail(self, rule, message, members=(), expected=None, actual=None, tolerance=None, decision=False,
             severity=None, location=None) -> Finding:
        return self.finding(rule, "fail", message, members, expected, actual, tolerance, decision, severity,
                            location)

    def passed(self, rule, message, members=(), expected=None, actual=None, tolerance=None,
               location=None) -> Finding:
        return self.finding(rule, "pass", message, members, expected, actual, tolerance, False, None, location)


def _s(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        from .tolerance import fmt

        return fmt(v)
    return str(v)


__all__ = ["Context", "PostRule", "Rule", "RuleCrashed", "approximate", "check_identity", "in_unit", "show", "doc_sections", "norm_precision", "unit_exponent"]
