"""Printed numbers → exact ``Decimal``: Arabic (with thousands separators, full width) and Chinese numerals.

Pure functions, no regex state shared with callers.  Every parser returns ``None`` instead of raising
on text it does not understand, because extraction must never raise.

    parse_arabic("1,133,753.33") == Decimal("1133753.33")
    parse_arabic("１３９．３８")   == Decimal("139.38")
    parse_chinese("一百二十万")     == Decimal("1200000")
    parse_chinese("两千")           == Decimal("2000")
    parse_chinese("二〇二三")       == Decimal("2023")      # digit-by-digit (years)
    parse_chinese("三点五")         == Decimal("3.5")
    parse_number("1.8万")           == Decimal("18000")

``exponent(text)`` is the exponent of the last printed digit of an Arabic number (``139.38`` → -2,
``9`` → 0): the printed precision every interval is built from.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..text.normalize import fold

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "俩": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)

# Multipliers written between an Arabic number and its unit: 1.8万人, 3千元, 2.5万亿元.
MULTIPLIERS: dict[str, int] = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4, "千": 10**3}


def parse_arabic(text: str) -> Decimal | None:
    """``"1,133,753.33"``, ``"１３９．３８"``, ``"-19.57"``, ``"9859.38"`` → Decimal; else None."""
    s = fold(text).replace(",", "").replace(" ", "")
    if not s or s in {"-", "+", "."}:
        return None
    body = s[1:] if s[0] in "+-" else s
    if not body or not all(ch.isdigit() and ch.isascii() or ch == "." for ch in body) or body.count(".") > 1:
        return None
    if body.startswith(".") or body.endswith("."):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:  # pragma: no cover - guarded above
        return None


def exponent(text: str) -> int:
    """Exponent of the last printed digit of an Arabic number: ``139.38`` → -2, ``9`` → 0, ``30000`` → 0."""
    s = fold(text).replace(",", "").strip()
    if "." in s:
        return -len(s.rsplit(".", 1)[1])
    return 0


def significant_exponent(text: str) -> int:
    """Exponent of the last non-zero digit of an integer (``30000`` → 4, ``21000`` → 3, ``0`` → 0).

    Used for 余/多/约: ``30000余元`` means "three ten-thousands and some", not "30000 and one 元".
    Decimals keep their last printed digit (``1.50`` → -2).
    """
    s = fold(text).replace(",", "").strip().lstrip("+-")
    if "." in s:
        return -len(s.rsplit(".", 1)[1])
    stripped = s.rstrip("0")
    if not stripped:
        return 0
    return len(s) - len(stripped)


def _parse_cn_integer(s: str) -> int | None:
    """Chinese integer with 十百千万亿 structure; ``None`` if malformed."""
    if not s:
        return None
    # Digit-by-digit form (二〇二三, 一九九八): only digits, at least two of them.
    if all(ch in CN_DIGITS for ch in s):
        if len(s) == 1:
            return CN_DIGITS[s]
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total = 0  # completed 亿 groups
    section = 0  # completed 万 group below the current 亿
    current = 0  # below 万
    digit: int | None = None
    last_small = 10**9
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[ch] != 0:
                return None  # two digits in a row: 三五 is not a number here
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_small:
                return None  # 百千 / 十百: out of order
            current += (1 if digit is None else digit) * unit
            last_small = unit
            digit = None
        elif ch in CN_BIG_UNITS:
            unit = CN_BIG_UNITS[ch]
            group = current + (digit or 0)
            if group == 0:
                return None  # 万 or 亿万 with nothing to multiply
            if unit == 10**4:
                section += group * unit
            else:  # 亿
                total = (total + section + group) * unit
                section = 0
            current, digit, last_small = 0, None, 10**9
        else:
            return None
    if digit is not None:
        # 一万二 = 12000, 三百五 = 350: a trailing digit takes the next lower unit ("口语省略")
        if last_small < 10**9 and last_small >= 10 and s[-2] not in "零〇" and digit != 0:
            current += digit * (last_small // 10)
        elif last_small == 10**9 and (section or total) and s[-2] in CN_BIG_UNITS and digit != 0:
            current += digit * (1000 if s[-2] in "万萬" else 10**7)
        else:
            current += digit
    return total + section + current


def parse_chinese(text: str) -> Decimal | None:
    """``一百二十万`` → 1200000, ``两千`` → 2000, ``二〇二三`` → 2023, ``三点五`` → 3.5; else None."""
    s = text.strip()
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = _parse_cn_integer(whole)
        if w is None or not frac or not all(ch in CN_DIGITS for ch in frac):
            return None
        return Decimal(f"{w}." + "".join(str(CN_DIGITS[ch]) for ch in frac))
    v = _parse_cn_integer(s)
    return None if v is None else Decimal(v)


def parse_number(text: str) -> Decimal | None:
    """Any printed number: Arabic, Chinese, or Arabic with a 万/亿 multiplier (``1.8万`` → 18000)."""
    s = fold(text).strip()
    if not s:
        return None
    v = parse_arabic(s)
    if v is not None:
        return v
    for suffix in sorted(MULTIPLIERS, key=len, reverse=True):
        if s.endswith(suffix) and len(s) > len(suffix):
            head = parse_arabic(s[: -len(suffix)])
            if head is not None:
                return head * MULTIPLIERS[suffix]
    return parse_chinese(s)


def plain(d: Decimal) -> str:
    """Decimal without exponent notation (``Decimal('1.3938E+6')`` → ``'1393800'``)."""
    s = format(d, "f")
    return s
