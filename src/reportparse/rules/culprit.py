"""8xx the likely wrong number: a post-pass over the other rules' findings.

When one figure takes part in several relations that fail while every other figure of those
relations is in no other failing relation, that figure is the one most likely mistyped.  Solving
each failed relation for that figure from the other figures gives the value the report should have
printed; when those values agree the finding names it: `12.5 疑为 12.35 之误` (domain.md §3: a 三公
page printed 公务接待 12.5 while the decrease 4.35, the rate 35.22% and the total 57.55 all imply 12.35).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal, localcontext

from ..model import Finding, Quantity
from .base import Context, PostRule, unit_exponent
from .tolerance import fmt, quantize_at

_HUNDRED = Decimal(100)
# passes that say nothing about a figure's value being right (a repeat only says two printings agree)
_NOT_EVIDENCE = {"RP2", "RP4", "RP7", "RP8", "RP9"}
# roles that are not addends of a total (everything else in a finding with a "total" is a part)
_NOT_PARTS = {"total", "pct_change", "share", "rate", "count", "whole", "score", "again", "first", "this_year",
              "last_year", "change", "difference", "budget", "execution", "culprit"}


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        p = self.parent.setdefault(x, x)
        if p != x:
            p = self.parent[x] = self.find(p)
        return p

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # keep the earliest mention as the representative so output does not depend on order
            lo, hi = sorted((ra, rb), key=lambda s: (len(s), s))
            self.parent[hi] = lo


def _roles(ctx: Context, f: Finding) -> dict[str, list[Quantity]]:
    out: dict[str, list[Quantity]] = {}
    for m in f.members:
        if m.quantity and m.quantity in ctx.quantities:
            out.setdefault(m.role, []).append(ctx.quantities[m.quantity])
    return out


def _n(q: Quantity) -> Decimal:
    """A figure in the units the relations compare: money in 元, percent in percent, counts as counted."""
    return q.normalized if q.kind == "money" else q.value


def _half(pct: Quantity) -> Decimal:
    """Half a unit of a percentage's last printed digit (35.22% → 0.005)."""
    return Decimal(5).scaleb(pct.precision - 1)


def _solve(ctx: Context, f: Finding, culprit_ids: set[str]) -> tuple[Decimal, Decimal] | None:
    """The value (in _n units) the culprit must have for the failed relation ``f`` to hold, with the
    slack a printed percentage leaves around it (0 for sums and restated figures), or None."""
    r = _roles(ctx, f)

    def one(role: str) -> Quantity | None:
        qs = r.get(role) or []
        return qs[0] if len(qs) == 1 else None

    def is_c(q: Quantity | None) -> bool:
        return q is not None and q.id in culprit_ids

    zero = Decimal(0)
    # RP606/RP607/RP609: a figure restated elsewhere is the other printing
    for a_role, b_role in (("text", "table"), ("restated", "heading"), ("table_a", "table_b")):
        qa, qb = one(a_role), one(b_role)
        if qa is not None and qb is not None:
            if is_c(qa):
                return _n(qb), zero
            if is_c(qb):
                return _n(qa), zero
            return None
    personnel, public = one("personnel"), one("public")
    if personnel is not None and public is not None and r.get("part"):  # RP605: P + Q = Σ 类 lines
        s = sum((_n(p) for p in r["part"]), Decimal(0))
        if is_c(personnel):
            return s - _n(public), zero
        if is_c(public):
            return s - _n(personnel), zero
        return None
    # ratios: share = part ÷ whole, 执行率 = actual ÷ budget (both in %), total = rate × count
    for pct_role, num_role, den_role in (("share", "part", "whole"), ("rate", "actual", "budget")):
        pq, nq, dq = one(pct_role), one(num_role), one(den_role)
        if pq is not None and nq is not None and dq is not None and pq.kind == "percent":
            return _ratio(pq, nq, dq, is_c)
    total, rate, count = one("total"), one("rate"), one("count")
    if total is not None and rate is not None and count is not None:
        with localcontext() as lc:
            lc.prec = 28
            if is_c(total):
                return rate.value * count.value, zero
            if is_c(rate) and count.value != 0:
                return _n(total) / count.value, zero
            if is_c(count) and rate.value != 0:
                return _n(total) / rate.value, zero
        return None
    # a total and its parts under any role names (part, basic/project, the 三公 items …)
    parts = [q for role, qs in r.items() if role not in _NOT_PARTS for q in qs]
    if total is not None and parts:
        s = sum((_n(p) for p in parts), Decimal(0))
        if is_c(total):
            return s, zero
        mine = [p for p in parts if is_c(p)]
        if len(mine) == 1:
            return _n(mine[0]) + (_n(total) - s), zero
        return None
    change, this, last, pct = one("change"), one("this_year"), one("last_year"), one("pct_change")
    with localcontext() as lc:
        lc.prec = 28
        if pct is not None and change is not None and last is not None:
            h = _half(pct)
            if is_c(last) and pct.value != 0:
                return _n(change) * _HUNDRED / pct.value, _n(change) * _HUNDRED / (pct.value * pct.value) * h
            if is_c(change):
                return _n(last) * pct.value / _HUNDRED, _n(last) / _HUNDRED * h
            if is_c(pct) and _n(last) != 0:
                return _n(change) * _HUNDRED / _n(last), zero
            return None
        if pct is not None and this is not None and last is not None:  # `比上年增加0.53%`, no amount
            h, p = _half(pct), pct.value / _HUNDRED
            if is_c(this):
                options = [_n(last) * (1 + p), _n(last) * (1 - p)]
                v = min(options, key=lambda x: ((x - _n(this)).copy_abs(), x))
                return v, _n(last) / _HUNDRED * h
            if is_c(last):
                options = [_n(this) / (1 + p)] + ([_n(this) / (1 - p)] if p != 1 else [])
                v = min(options, key=lambda x: ((x - _n(last)).copy_abs(), x))
                return v, _n(this) / _HUNDRED * h
            if is_c(pct) and _n(last) != 0:
                return (_n(this) - _n(last)).copy_abs() * _HUNDRED / _n(last), zero
            return None
    if change is not None and this is not None and last is not None:
        c = _n(change).copy_abs()
        if is_c(change):
            return (_n(this) - _n(last)).copy_abs(), zero
        target = last if is_c(last) else this if is_c(this) else None
        if target is None:
            return None
        other = _n(this) if target is last else _n(last)
        options = [other + c, other - c]
        return min(options, key=lambda v: ((v - _n(target)).copy_abs(), v)), zero
    return None


def _ratio(pct: Quantity, num: Quantity, den: Quantity, is_c) -> tuple[Decimal, Decimal] | None:
    """Solve pct = num ÷ den × 100 for whichever of the three is the culprit (value, slack)."""
    h = _half(pct)
    with localcontext() as lc:
        lc.prec = 28
        if is_c(pct) and _n(den) != 0:
            return _n(num) * _HUNDRED / _n(den), Decimal(0)
        if is_c(num):
            return _n(den) * pct.value / _HUNDRED, _n(den) / _HUNDRED * h
        if is_c(den) and pct.value != 0:
            return _n(num) * _HUNDRED / pct.value, _n(num) * _HUNDRED / (pct.value * pct.value) * h
    return None


def _display(q: Quantity, value_n: Decimal, exp: int) -> str:
    """``value_n`` (in _n units) printed in q's unit at the precision exponent ``exp`` of that unit."""
    v = value_n.scaleb(-unit_exponent(q)) if q.kind == "money" else value_n
    return fmt(quantize_at(v, exp), max(0, -exp)) + (q.unit or "")


def _exp_in_unit(q: Quantity, other: Quantity) -> int:
    """Exponent of other's last printed digit, expressed in q's printed unit."""
    if q.kind == "money" and other.kind == "money":
        return other.precision + unit_exponent(other) - unit_exponent(q)
    return other.precision


class LikelyWrongNumber(PostRule):
    """One figure alone disagrees with several relations that hold for every other figure: name it.

    Why:
        A reviewer told "three relations fail" must still find the typo.  When 公务接待费 12.5万元 breaks
        the 三公 total, the decrease and the percentage while the total, the decrease, the percentage
        and this year's figure agree among themselves, the useful message is "12.5 疑为 12.35 之误".

    Bad:
        某县交通运输局2022年度三公经费支出情况说明
        2021年度三公经费支出57.55万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费45.20万元，公务接待费12.5万元。
        2022年度公务接待费支出8.00万元，2021年度公务接待费支出12.5万元，减少4.35万元，下降35.22%。

    Good:
        某县交通运输局2022年度三公经费支出情况说明
        2021年度三公经费支出57.55万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费45.20万元，公务接待费12.35万元。
        2022年度公务接待费支出8.00万元，2021年度公务接待费支出12.35万元，减少4.35万元，下降35.22%。

    Tolerance:
        The values implied by the failed relations must agree to one unit of the finest precision
        printed among the other figures (12.35 from 57.55 − 45.20 − 0, from 8.00 + 4.35, from
        4.35 ÷ 35.22% = 12.351); the same figure restated (a repeat that holds) counts as one figure.

    Limits:
        Only relations whose failing figure can be solved for (sums, year-on-year change and
        percentage); with fewer than two failed relations nothing is said.  This finding explains
        the errors above it; it is not counted as a new error.
    """

    id = "RP801"
    name = "likely-wrong-number"
    severity = "warning"
    summary = "多项核对同时指向同一个数字：该数字很可能印错（给出推算值）"

    def review(self, ctx: Context, findings: Sequence[Finding]) -> Iterable[Finding]:
        uf = _Union()
        for f in findings:
            if f.status == "pass" and f.rule.startswith("RP2"):
                ids = [m.quantity for m in f.members if m.quantity in ctx.quantities]
                for a, b in zip(ids, ids[1:], strict=False):
                    uf.union(a, b)
        fails = [f for f in findings if f.status == "fail" and f.severity in ("error", "warning")
                 and f.rule[:3] not in ("RP2", "RP7", "RP8", "RP9")]
        members: list[set[str]] = []
        for f in fails:
            members.append({uf.find(m.quantity) for m in f.members if m.quantity in ctx.quantities})
        count: dict[str, int] = {}
        for ms in members:
            for c in ms:
                count[c] = count.get(c, 0) + 1
        # a figure in a relation that holds (400.00万元 占 80.00% of 500.00万元) is confirmed by it
        confirmed = {uf.find(m.quantity) for f in findings if f.status == "pass" and f.rule[:3] not in _NOT_EVIDENCE
                     for m in f.members if m.quantity in ctx.quantities}
        for c in sorted(count, key=lambda s: (len(s), s)):
            mine = [i for i, ms in enumerate(members) if c in ms]
            if len(mine) < 2:
                continue
            others = set().union(*(members[i] for i in mine)) - {c}
            mine_set = set(mine)
            # c is the one common factor: every other figure of these relations fails only where c
            # fails too (so c explains all its failures), and none takes part in all of them
            if any({i for i, ms in enumerate(members) if o in ms} - mine_set for o in others):
                continue
            shared = {o for o in others if all(o in members[i] for i in mine)}
            # another figure in every failed relation too (the 合计 of a sum and of a share): c is
            # named only if the others are confirmed by a relation that holds and c is not
            if shared and (c in confirmed or not shared <= confirmed):
                continue
            yield from self._name(ctx, c, [fails[i] for i in mine], uf)

    def _name(self, ctx: Context, c: str, failed: list[Finding], uf: _Union) -> Iterable[Finding]:
        ids = {q for q in ctx.quantities if uf.find(q) == c}
        mentions = sorted((ctx.quantities[q] for q in ids), key=lambda q: q.span)
        q = mentions[0]
        implied = [_solve(ctx, f, ids) for f in failed]
        solved = [v for v in implied if v is not None]
        others = [ctx.quantities[m.quantity] for f in failed for m in f.members
                  if m.quantity in ctx.quantities and m.quantity not in ids]
        # the implied value is shown at the finest precision the other figures of its kind print
        same = [o for o in others if (o.kind == "money") == (q.kind == "money") and o.kind != "percent"]
        exp = min((_exp_in_unit(q, o) for o in same), default=q.precision)
        exp = min(exp, q.precision)
        unit = Decimal(1).scaleb(exp + (unit_exponent(q) if q.kind == "money" else 0))
        names = "、".join(dict.fromkeys(f.rule for f in failed))
        spec = [(m, "culprit") for m in mentions]
        # each solution stands for an interval: its slack plus half a unit of the shown precision
        lo = max(v - sl - unit / 2 for v, sl in solved) if solved else None
        hi = min(v + sl + unit / 2 for v, sl in solved) if solved else None
        if len(solved) >= 2 and lo <= hi:
            exact = [v for v, sl in solved if sl == 0]
            best = _display(q, exact[0] if exact else (lo + hi) / 2, exp)
            yield ctx.fail(self, f"“{q.text}”疑为“{best}”之误：它同时与 {len(failed)} 项核对不符（{names}），"
                                 f"按其余数字推算，{len(solved)} 项都应为 {best}", spec, expected=best, actual=q.text)
        else:
            yield ctx.fail(self, f"“{q.text}”同时与 {len(failed)} 项核对不符（{names}），而这些核对中的其他数字"
                                 "别处都相符：最可能印错的是这个数字", spec, actual=q.text, severity="info")


RULES: list = [LikelyWrongNumber]
