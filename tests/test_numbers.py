"""Printed numbers → exact Decimal (extract/numbers.py) and the width-folding view (text/normalize.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportparse.extract.numbers import exponent, parse_arabic, parse_chinese, parse_number, significant_exponent
from reportparse.text.normalize import fold


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("139.38", "139.38"),
        ("1,133,753.33", "1133753.33"),
        ("１３９．３８", "139.38"),
        ("-19.57", "-19.57"),
        ("0.00", "0.00"),
        ("2476260.58", "2476260.58"),
    ],
)
def test_arabic(text, value):
    assert parse_arabic(text) == Decimal(value)
    assert str(parse_arabic(text)) == value  # printed precision kept (0.00 stays 0.00)


@pytest.mark.parametrize("text", ["", "-", ".", "1.2.3", "12a", "1.", ".5"])
def test_arabic_rejects(text):
    assert parse_arabic(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百二十万", 1200000),
        ("两千", 2000),
        ("二〇二三", 2023),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一千零五", 1005),
        ("一万二", 12000),
        ("三百五", 350),
        ("一亿二千万", 120000000),
        ("两万三千四百五十六", 23456),
        ("一百零八", 108),
        ("零", 0),
    ],
)
def test_chinese(text, value):
    assert parse_chinese(text) == Decimal(value)


def test_chinese_decimal_and_rejects():
    assert parse_chinese("三点五") == Decimal("3.5")
    assert parse_chinese("万") is None
    assert parse_chinese("百千") is None
    assert parse_chinese("三点") is None


def test_parse_number_multiplier_exact():
    assert parse_number("1.8万") == Decimal(18000)
    assert parse_number("2.5亿") == Decimal(250000000)
    assert parse_number("１．８万") == Decimal(18000)


def test_exponents():
    assert exponent("139.38") == -2
    assert exponent("9") == 0
    assert exponent("1,133,753.33") == -2
    assert significant_exponent("30000") == 4
    assert significant_exponent("21000") == 3
    assert significant_exponent("350") == 1
    assert significant_exponent("1.50") == -2


def test_fold_keeps_length_and_offsets():
    s = "１３９．３８万元，占２６．７９％　21.9∶38.7︰39.4"
    f = fold(s)
    assert len(f) == len(s)
    assert f.startswith("139.38万元，占26.79% 21.9:38.7:39.4")
    assert fold("普通文本") == "普通文本"
