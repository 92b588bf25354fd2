"""Small Chinese numerals for calendar words and list markers: 二〇二三 → 2023, 二十九 → 29, 十 → 10.

Only what dates and section numbers need (values below 100 and digit-by-digit years).  Money and
counts written in Chinese numerals (一百二十万元) belong to extract/numbers.py.
"""

from __future__ import annotations

import re

DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Character class fragments for regexes built elsewhere.
DIGIT_CHARS = "〇○零Ｏ一二两三四五六七八九"
SMALL_CHARS = "零一二两三四五六七八九十"

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


_HAS_FULLWIDTH = re.compile("[０-９]")
_FULLWIDTH_RUN = re.compile("[０-９]+")


def _ascii_run(m: re.Match[str]) -> str:
    return m.group().translate(_FULLWIDTH)


def ascii_digits(s: str) -> str:
    """Full-width digits to ASCII (same length: offsets elsewhere are unaffected)."""
    # str.translate walks every character of a 1 MB text (~0.1 s); most texts have no full-width
    # digit, and those that have them have a few hundred runs: only the runs are translated
    return _FULLWIDTH_RUN.sub(_ascii_run, s) if _HAS_FULLWIDTH.search(s) else s


def small_int(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十九 → 29, 九十九 → 99; Arabic digits too.

    None when ``s`` is not such a numeral (so callers can reject a match instead of raising).
    """
    s = ascii_digits(s.strip())
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        if "十" in tail or len(head) > 1 or len(tail) > 1:
            return None
        tens = 1 if head == "" else DIGITS.get(head)
        ones = 0 if tail == "" else DIGITS.get(tail)
        if tens is None or ones is None or (head and tens == 0) or (tail and ones == 0):
            return None
        return tens * 10 + ones
    if len(s) == 1 and s in DIGITS and s not in "〇○零Ｏ":
        return DIGITS[s]
    return None


def digit_string(s: str) -> int | None:
    """A number read digit by digit: 二〇二三 → 2023, 二零零三 → 2003, ２００７ → 2007."""
    out = 0
    for ch in ascii_digits(s):
        if ch.isdigit():
            out = out * 10 + int(ch)
        elif ch in DIGITS and ch != "两":
            out = out * 10 + DIGITS[ch]
        else:
            return None
    return out if s else None
