"""Interval arithmetic on Decimal: every printed figure stands for the interval it could round from.

`139.38万元` is any value in [1393750, 1393850] 元; `9万元` is [85000, 95000].  An identity holds when the
interval computed from one side *meets* (overlaps) the interval printed on the other side: the XBRL
Calculation 1.1 semantics (domain.md §3).  Intervals here are closed: treating the printed upper end
as reachable can only make a check more lenient, and for errors precision beats recall.

No floats anywhere: a float epsilon would make 0.1 + 0.2 a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is only needed for type hints; tolerance stays importable alone
    from ..model import Quantity

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
# Division is the only operation that can produce an endless expansion; 28 digits is far beyond any
# printed precision, and bounds are widened outward by one unit of that digit to stay conservative.
_DIV_PREC = 28


@dataclass(frozen=True, slots=True)
class Interval:
    lo: Decimal
    hi: Decimal

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def exact(cls, value: Decimal | int | str) -> Interval:
        v = Decimal(value)
        return cls(v, v)

    @classmethod
    def printed(cls, value: Decimal | int | str, precision: int | None = None) -> Interval:
        """The rounding interval of a number printed with its last digit at 10**precision.

        ``precision`` defaults to the exponent of the Decimal as written (Decimal('139.38') → -2).
        Integers printed without decimals are rounded too ([8.5, 9.5] for 9): use ``exact`` for
        counts that cannot be fractional.
        """
        v = Decimal(value)
        p = v.as_tuple().exponent if precision is None else precision
        half = Decimal(5).scaleb(int(p) - 1)
        return cls(v - half, v + half)

    @classmethod
    def of(cls, q: Quantity) -> Interval:
        """A Quantity's interval (normalized units), as extraction computed it from printed precision."""
        lo, hi = q.interval
        if q.value == 0 and q.approx == "exact":
            # a printed 0 (`0万元`, `0.00万元`) means nothing: nobody rounds 0.3万元 down to "0万元"
            return cls(Decimal(0), Decimal(0))
        if lo > hi:  # defensive: never let a malformed mention crash the check
            lo, hi = hi, lo
        return cls(Decimal(lo), Decimal(hi))

    # --- arithmetic -------------------------------------------------------------------------
    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval | Decimal | int) -> Interval:
        if not isinstance(other, Interval):
            other = Interval.exact(other)
        products = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        return Interval(min(products), max(products))

    __rmul__ = __mul__

    def __truediv__(self, other: Interval | Decimal | int) -> Interval | None:
        """None when the divisor may be zero (nothing can be said)."""
        if not isinstance(other, Interval):
            other = Interval.exact(other)
        if other.lo <= 0 <= other.hi:
            return None
        with localcontext() as ctx:
            ctx.prec = _DIV_PREC
            quotients = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
            # widen by one unit in the last kept digit so rounding inside the division never narrows
            lo, hi = min(quotients).next_minus(), max(quotients).next_plus()
        return Interval(lo, hi)

    # --- predicates -------------------------------------------------------------------------
    def meets(self, other: Interval) -> bool:
        return meets(self, other)

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    def distance(self, other: Interval) -> Decimal:
        """Gap between two intervals (0 when they meet)."""
        if meets(self, other):
            return ZERO
        return other.lo - self.hi if self.hi < other.lo else self.lo - other.hi

    def __str__(self) -> str:
        return f"[{fmt(self.lo)}, {fmt(self.hi)}]"


def meets(a: Interval, b: Interval) -> bool:
    """True when the two intervals share at least one value."""
    return a.lo <= b.hi and b.lo <= a.hi


def total(intervals: list[Interval]) -> Interval:
    acc = Interval.exact(0)
    for i in intervals:
        acc = acc + i
    return acc


def rounding_bound(n_parts: int, precision: int) -> Decimal:
    """Largest honest printed difference between a total and the sum of n parts, all at 10**precision.

    Each of the n + 1 printed figures may be off by up to half a unit, so the true difference is
    strictly below (n + 1) / 2 units; printed differences are whole units, so the bound is
    ceil((n + 1) / 2) - 1 units: 1 unit for 2-3 parts, 2 for 4-5, 4 for 9 (domain.md §3).
    """
    if n_parts < 1:
        return ZERO
    units = (n_parts + 2) // 2 - 1  # ceil((n+1)/2) - 1
    return Decimal(units).scaleb(precision)


def quantize_at(value: Decimal, precision: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    return value.quantize(Decimal(1).scaleb(precision), rounding=rounding)


def rounds_to(exact: Decimal, printed: Decimal, precision: int | None = None) -> bool:
    """Does ``exact`` print as ``printed`` when rounded half-up to ``printed``'s precision?"""
    p = printed.as_tuple().exponent if precision is None else precision
    return quantize_at(exact, int(p)) == printed


def truncates_to(computed: Interval | Decimal, printed: Decimal, precision: int | None = None) -> bool:
    """Is ``printed`` a truncation (not a rounding) of the computed value?  `38.28%` for 38.2877%.

    For an interval: some value in it truncates to ``printed``, i.e. it meets [printed, printed + unit).
    """
    p = int(printed.as_tuple().exponent if precision is None else precision)
    unit = Decimal(1).scaleb(p)
    if isinstance(computed, Interval):
        if printed >= 0:
            return computed.lo < printed + unit and computed.hi >= printed
        return computed.hi > printed - unit and computed.lo <= printed
    return computed.quantize(unit, rounding=ROUND_DOWN) == printed


def judge(computed: Interval, computed_point: Decimal, stated: Interval, stated_point: Decimal,
          approximate: bool = False, precision: int | None = None) -> str:
    """The outcome of comparing a computed side with a printed side.

    "holds"      the intervals meet and the point values agree (or a member is approximate);
    "rounding"   the intervals meet but the point values differ: only printed rounding explains it (info);
    "truncation" they do not meet, but the printed figure is the computed one cut off (info);
    "broken"     no rounding or truncation explains the difference (error or warning, per rule).

    ``precision`` is the exponent of the stated figure's last printed digit in the units compared
    (a normalized 139.38万元 → 2 in 元); default: the exponent of ``stated_point`` as written.
    """
    if meets(computed, stated):
        if approximate or computed_point == stated_point:
            return "holds"
        # a computed point printed at the stated precision equal to the stated figure is plain rounding
        return "holds" if rounds_to(computed_point, stated_point, precision) else "rounding"
    # truncation is judged on the computed point: an interval straddling a digit boundary (12999..13001)
    # would otherwise excuse any figure one unit below
    if not approximate and truncates_to(computed_point, stated_point, precision):
        return "truncation"
    return "broken"


def precision_of(value: Decimal) -> int:
    """Exponent of the last printed digit (Decimal('139.38') → -2, Decimal('9') → 0)."""
    return int(value.as_tuple().exponent)


def fmt(value: Decimal | None, places: int | None = None) -> str:
    """A Decimal for a message: no exponent notation, trailing zeros trimmed unless places is given."""
    if value is None:
        return "?"
    if places is not None:
        value = quantize_at(value, -places)
        return f"{value:f}"
    s = f"{value:f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def round_for_display(value: Decimal, like: Decimal | int) -> str:
    """Format a computed value at the precision of a printed figure (or a given number of places)."""
    places = like if isinstance(like, int) else max(0, -precision_of(like))
    return fmt(value, places)


__all__ = [
    "HUNDRED",
    "ONE",
    "ZERO",
    "Interval",
    "fmt",
    "judge",
    "meets",
    "precision_of",
    "quantize_at",
    "round_for_display",
    "rounding_bound",
    "rounds_to",
    "total",
    "truncates_to",
]
