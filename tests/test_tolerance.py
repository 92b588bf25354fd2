"""Interval arithmetic from printed precision (domain.md §3): no floats, rounding and truncation as info."""

from decimal import Decimal as D

import pytest

from reportparse.rules.tolerance import (
    Interval,
    fmt,
    judge,
    meets,
    rounding_bound,
    rounds_to,
    total,
    truncates_to,
)


def test_printed_interval_from_written_precision():
    assert Interval.printed(D("139.38")) == Interval(D("139.375"), D("139.385"))
    assert Interval.printed(D("9")) == Interval(D("8.5"), D("9.5"))
    # a precision given in normalized units: 139.38万元 = 1393800 元 printed to the hundred
    assert Interval.printed(D("1393800"), 2) == Interval(D("1393750"), D("1393850"))


def test_add_sub_mul_div():
    a, b = Interval(D("1"), D("2")), Interval(D("10"), D("20"))
    assert a + b == Interval(D("11"), D("22"))
    assert b - a == Interval(D("8"), D("19"))
    assert a * b == Interval(D("10"), D("40"))
    assert -a == Interval(D("-2"), D("-1"))
    q = b / a
    assert q.lo <= D("5") and q.hi >= D("20") and q.lo > D("4.99") and q.hi < D("20.01")
    assert a / Interval(D("-1"), D("1")) is None  # divisor may be zero: nothing can be said


def test_division_never_narrows():
    third = Interval.exact(1) / Interval.exact(3)
    assert third.lo < D(1) / D(3) < third.hi or third.lo <= D("0.3333333333333333333333333333") <= third.hi
    assert (third * 3).contains(D(1))


def test_meets_is_overlap():
    assert meets(Interval(D(1), D(2)), Interval(D(2), D(3)))
    assert not meets(Interval(D(1), D(2)), Interval(D("2.0001"), D(3)))


def test_seed_sum_holds_exactly():
    parts = [Interval.printed(D(x)) for x in ("50.12", "41.72", "47.54")]
    assert judge(total(parts), D("139.38"), Interval.printed(D("139.38")), D("139.38")) == "holds"


def test_seed_article_count_is_broken():
    parts = [Interval.exact(D(x)) for x in (1, 7, 10, 4)]
    assert judge(total(parts), D(22), Interval.exact(D(23)), D(23)) == "broken"


def test_rounding_only_difference_is_rounding_not_broken():
    # domain.md §4: 390.55 + 190.89 = 581.44 printed as 581.45
    s = Interval.printed(D("390.55")) + Interval.printed(D("190.89"))
    assert judge(s, D("581.44"), Interval.printed(D("581.45")), D("581.45")) == "rounding"


def test_truncation_is_recognised():
    # 38.28% printed for 38.2877%: rounding would give 38.29
    exact = Interval.exact(D("38.2877"))
    assert not meets(exact, Interval.printed(D("38.28")))
    assert truncates_to(exact, D("38.28"))
    assert truncates_to(D("38.2877"), D("38.28"))
    assert not truncates_to(D("38.2877"), D("38.27"))
    assert judge(exact, D("38.2877"), Interval.printed(D("38.28")), D("38.28")) == "truncation"


def test_a_broken_share_is_not_excused_as_truncation():
    # domain.md §4: 469500 / 2945760.58 is 15.94%, printed 19.62%
    share = Interval.exact(D("469500")) / Interval.exact(D("2945760.58")) * 100
    assert judge(share, share.mid, Interval.printed(D("19.62")), D("19.62")) == "broken"


@pytest.mark.parametrize("n,bound", [(2, "0.01"), (3, "0.01"), (4, "0.02"), (5, "0.02"), (9, "0.04"), (1, "0")])
def test_rounding_bound_for_n_parts(n, bound):
    assert rounding_bound(n, -2) == D(bound)


def test_rounding_bound_is_reachable_and_tight():
    # 4 parts each really x.xx5 - ε, printed up; the total printed down: difference 0.02 is honest
    parts_true = [D("1.0049")] * 4
    printed_parts = sum(D("1.00") for _ in parts_true)
    true_total = sum(parts_true)  # 4.0196 → printed 4.02
    assert rounds_to(true_total, D("4.02")) and printed_parts == D("4.00")


def test_no_floats_anywhere():
    s = Interval.printed(D("0.1")) + Interval.printed(D("0.2"))
    assert all(isinstance(x, D) for x in (s.lo, s.hi))
    with pytest.raises(Exception):
        Interval(D(2), D(1))


def test_fmt_plain_decimal():
    assert fmt(D("1E+2")) == "100"
    assert fmt(D("0.2200")) == "0.22"
    assert fmt(D("1.005"), 2) == "1.01"
