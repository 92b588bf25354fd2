"""Every date a report states, in the report's own calendar, with its exact span.

Values are ISO 8601 at the granularity written:

| written                          | kind      | value                          |
|----------------------------------|-----------|--------------------------------|
| 2021年 / 2021年度 / 二〇二三年    | year      | 2021                           |
| 2021年5月 / 今年5月 / 5月份       | month     | 2021-05                        |
| 2021年1月13日 / 5月13日 / 6月6号  | date      | 2021-05-13 (+ time 15:00)      |
| 4月21-22日 / 2021—2023年度 / 1-5月 / 自2025年4月8日至6月25日 | range | start/end  |
| “5·29” / 5.29 / 春节期间 / 端午    | named_day | 2021-05-29 / 2021-02-12        |
| 今年 / 上年 / 去年 / 近两年        | relative  | 2021 / 2020 / 2020/2021        |
| 今年3月以来 / 自6月份开始 / 截至10月底 | relative | 2021-03/.. / 2021-06/.. / ../2021-10-31 |
| 截至2023年12月31日               | date      | 2023-12-31 (the day; 截至 stays out) |
| 上半年 / 第一季度                  | period    | 2021-01/2021-06 / 2021-01/2021-03 |
| 下午4:30点 (after 6月5日)        | date      | 2021-06-05, time 16:30         |

- Open intervals use ISO 8601-2 (EDTF) `..` for the open end: `2021-03/..` is "from March 2021 on".
- A year not written takes the report's fiscal year (``meta.fiscal_year``, read from its title),
  never the clock, and sets ``year_inferred``; inside a range the end takes the start's year.
  Without a fiscal year a year-less date is `XXXX-05-13` (EDTF unspecified digits) and relative
  words (今年, 上年) are not reported, since nothing in the text says which year they mean.
- Lunar festivals (春节, 元宵, 端午, 中秋, 重阳) take their Gregorian date in that year from a table
  (1990-2050, computed from the Hong Kong Observatory lunar calendar); 清明 from the solar-term rule.
- A time of day right after a date joins that date's mention (`2021年1月13日下午三点`).  A time
  standing alone (`从下午4:30点开始`, `一直工作至14点`) is a mention of its own on the last day
  named before it in the same line; without such a day it is not reported.  A bare `三点` is
  not a time (三点意见); it needs a day-part word (下午) or a date or 至/到/从 before it.
- Not dates: `5.29` inside a money figure (`5.29万元`), `139.38`, `30元/户`, `4小时/天`, `为期3个月`,
  placeholders `20XX年` and `(-年-月-日)` (see ``find_date_placeholders``, for template rules).

Pure `re` over a digit-folded copy of the text (same length, so offsets are shared), compiled once.
``find_dates`` never raises: a pattern that fails on odd text is skipped, never fatal.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..model import DateMention, Document, DocumentMeta
from ..model.trusted import trusted
from .chinese_numerals import DIGIT_CHARS, ascii_digits, digit_string, small_int

# --- the lunar festivals -------------------------------------------------------------------
# year: MMDD of 春节 (1/1), 端午 (5/5), 中秋 (8/15), 重阳 (9/9) in the Gregorian calendar.
_LUNAR_TABLE = (
    "1990:0127052810031026 1991:0215061609221016 1992:0204060509111004 1993:0123062409301023 "
    "1994:0210061309201013 1995:0131060209091101 1996:0219062009271020 1997:0207060909161010 "
    "1998:0128053010051028 1999:0216061809241017 2000:0205060609121006 2001:0124062510011025 "
    "2002:0212061509211014 2003:0201060409111004 2004:0122062209281022 2005:0209061109181011 "
    "2006:0129053110061030 2007:0218061909251019 2008:0207060809141007 2009:0126052810031026 "
    "2010:0214061609221016 2011:0203060609121005 2012:0123062309301023 2013:0210061209191013 "
    "2014:0131060209081002 2015:0219062009271021 2016:0208060909151009 2017:0128053010041028 "
    "2018:0216061809241017 2019:0205060709131007 2020:0125062510011025 2021:0212061409211014 "
    "2022:0201060309101004 2023:0122062209291023 2024:0210061009171011 2025:0129053110061029 "
    "2026:0217061909251018 2027:0206060909151008 2028:0126052810031026 2029:0213061609221016 "
    "2030:0203060509121005 2031:0123062410011024 2032:0211061209191012 2033:0131060109081001 "
    "2034:0219062009271020 2035:0208061009161009 2036:0128053010041028 2037:0215061809241017 "
    "2038:0204060709131007 2039:0124052710021026 2040:0212061409201014 2041:0201060309101003 "
    "2042:0122062209281022 2043:0210061109171011 2044:0130053110051029 2045:0217061909251018 "
    "2046:0206060809151008 2047:0126052910041027 2048:0214061509221015 2049:0202060409111004 "
    "2050:0123062309301023"
)
_LUNAR: dict[int, tuple[str, str, str, str]] = {
    int(y): (v[0:4], v[4:8], v[8:12], v[12:16])
    for y, v in (item.split(":") for item in _LUNAR_TABLE.split())
}


def _festival_value(name: str, year: int | None) -> str | None:
    """The Gregorian date of a festival in ``year`` as YYYY-MM-DD, or None if it cannot be known."""
    if year is None:
        return None
    fixed = {"元旦": "0101", "劳动": "0501", "五一": "0501", "国庆": "1001", "儿童": "0601", "六一": "0601",
             "妇女": "0308", "三八": "0308", "建党": "0701", "七一": "0701", "建军": "0801", "八一": "0801"}
    for key, mmdd in fixed.items():
        if key in name:
            return f"{year:04d}-{mmdd[:2]}-{mmdd[2:]}"
    if name.startswith("清明"):
        if 2000 <= year <= 2099:  # solar-term rule of thumb, exact for this century
            yy = year % 100
            day = int(yy * 0.2422 + 4.81) - yy // 4
            return f"{year:04d}-04-{day:02d}"
        return None
    row = _LUNAR.get(year)
    if row is None:
        return None
    spring, dragon, autumn, double9 = row
    if name.startswith(("春节", "除夕", "元宵")):
        base = calendar.timegm((year, int(spring[:2]), int(spring[2:]), 0, 0, 0))
        shift = {"春": 0, "除": -1, "元": 14}[name[0]]
        y, m, d = _ymd(base + shift * 86400)
        return f"{y:04d}-{m:02d}-{d:02d}"
    mmdd = dragon if name.startswith("端午") else autumn if name.startswith("中秋") else double9
    return f"{year:04d}-{mmdd[:2]}-{mmdd[2:]}"


def _ymd(ts: int) -> tuple[int, int, int]:
    import time

    t = time.gmtime(ts)
    return t.tm_year, t.tm_mon, t.tm_mday


# --- pattern pieces ------------------------------------------------------------------------
_S = r"[ \t\u3000\xa0]*(?:\r?\n[ \t\u3000\xa0]*)?"  # spaces, and at most one PDF line break
_Y = rf"(?:(?<![0-9])(?:19|20)[0-9]{{2}}(?![0-9])|(?<![{DIGIT_CHARS}])[{DIGIT_CHARS}]{{4}})"
_CN_M = "十[一二]?|[一二三四五六七八九]"
_CN_D = "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_M = rf"(?:(?<![0-9.．/])(?:1[0-2]|0?[1-9])(?![0-9])|{_CN_M})"
_M_AR = r"(?<![0-9.．/])(?:1[0-2]|0?[1-9])(?![0-9.．])"
_D = rf"(?:(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])|{_CN_D})"
_DAY = r"[日号]"
_CONN = rf"{_S}(?:起?至|起?到|——|[-－—–~～]){_S}"
_PART = r"(?P<part>上午|下午|早上|早晨|清晨|凌晨|中午|晚上|傍晚|夜间|夜里|晚)"
_HOUR = r"(?P<h>[0-9]{1,2}|[零一二两三四五六七八九十]{1,3})"
_MIN = r"(?P<mi>[0-5][0-9])"
_MIN_CN = r"(?P<mc>[0-5]?[0-9]|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_CLOCK = (
    rf"{_HOUR}{_S}(?:[:：]{_S}{_MIN}(?:{_S}点)?|[点时](?:{_S}(?P<half>半)|{_S}{_MIN_CN}{_S}分|整)?)"
)
_TIME_AFTER_DATE = re.compile(rf"{_S}(?:{_PART}{_S})?(?:{_CLOCK})?")
_TIME_ALONE = re.compile(
    rf"(?:{_PART}{_S}{_CLOCK}|[至到从于][ \t\u3000\xa0]*(?P<h2>[0-9]{{1,2}}){_S}(?:[:：]{_S}(?P<mi2>[0-5][0-9])(?:{_S}点)?|[点时](?:{_S}(?P<half2>半))?))"
)

_REL_YEAR = {"今年": 0, "本年度": 0, "今年度": 0, "去年": -1, "上年": -1, "上年度": -1, "上一年": -1,
             "上一年度": -1, "前年": -2, "明年": 1, "下年": 1, "下一年": 1, "下一年度": 1}
_REL = r"(?<![以之往])(?P<rel>今年度?|本年度|去年|上一?年度?|前年|明年|下一?年度?)"  # 以前年度 is not 前年

_REL_FIRST = "今本去上前明下"
_NUM_N = r"(?P<n>[两二三四五六七八九十]|[2-9]|10)"


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    value: str
    time: str | None = None
    inferred: bool = False
    day: bool = False  # a single day, to which a following time of day may attach


def _iso(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    """ISO text at the granularity given; None when the parts are not a real calendar date."""
    ys = "XXXX" if y is None else f"{y:04d}"
    if m is None:
        return ys
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{ys}-{m:02d}"
    last = calendar.monthrange(2000 if y is None else y, m)[1]  # 2000: leap, so 2月29日 stays
    if not 1 <= d <= last:
        return None
    return f"{ys}-{m:02d}-{d:02d}"


def _year(g: str | None) -> int | None:
    if g is None:
        return None
    y = digit_string(re.sub(r"\s", "", g))
    return y if y is not None and 1900 <= y <= 2099 else None


def _num(g: str | None) -> int | None:
    return None if g is None else small_int(re.sub(r"\s", "", g))


class _Finder:
    """One pass of every pattern over one document; collects candidates, then resolves overlaps."""

    def __init__(self, folded: str, fiscal_year: int | None) -> None:
        self.t = folded
        self.fy = fiscal_year
        self.cands: list[_Cand] = []
        self._ends: list[int] | None = None  # offsets just after each 。, then len(t)
        self._windows: dict[str, list[tuple[int, int]]] = {}

    def finditer(self, rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Exactly ``rx.finditer(self.t)``, but run only over the sentences that can hold a match.

        Why: a pattern with no literal prefix makes `re` try every position of the text, and the
        ~25 date patterns did so over every character (a third of extraction on the work reports).
        Every match of a date pattern contains one of its ``_ANCHORS`` characters (月 for a day, 年
        for a year, 截 for 截至 ...) and never a 。, so a sentence ending at 。 without an anchor
        cannot hold one.  Windows end just after their 。, so a lookahead at a window's end sees the
        same 。 as in the whole text, and `re` lookbehinds see before ``pos``: the matches, their
        order and their groups are those of the whole text (tests/test_dates_windows.py checks it).
        """
        anchors = _ANCHORS.get(rx)
        if anchors is None:
            yield from rx.finditer(self.t)
            return
        windows = self._windows.get(anchors)
        if windows is None:
            windows = self._windows[anchors] = self._sentences_with(anchors)
        for start, end in windows:
            yield from rx.finditer(self.t, start, end)

    def _sentences_with(self, anchors: str) -> list[tuple[int, int]]:
        """Spans of the runs of text ending at 。 that contain one of ``anchors``, adjacent ones merged."""
        t = self.t
        if self._ends is None:
            self._ends = [m.end() for m in _SENTENCE_STOP.finditer(t)] + [len(t)]
        ends = self._ends
        search = _anchor_pattern(anchors).search
        out: list[tuple[int, int]] = []
        pos = 0
        while (m := search(t, pos)) is not None:
            k = bisect_right(ends, m.start())  # the sentence [ends[k - 1], ends[k]) holds the anchor
            start, end = (ends[k - 1] if k else 0), ends[k]
            if out and out[-1][1] == start:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
            pos = end  # one search per sentence, not one per anchor character
        return out

    # a year-less date takes the fiscal year
    def fill(self, y: int | None) -> tuple[int | None, bool]:
        if y is not None:
            return y, False
        return self.fy, self.fy is not None

    def add(self, start: int, end: int, kind: str, value: str | None, *, inferred: bool = False,
            day: bool = False, time: str | None = None) -> None:
        if value is None:
            return
        # never include surrounding whitespace in a span
        while end > start and self.t[end - 1].isspace():
            end -= 1
        while start < end and self.t[start].isspace():
            start += 1
        if end > start:
            self.cands.append(_Cand(start, end, kind, value, time, inferred, day))


def _p(pattern: str, first: str | None = None) -> re.Pattern[str]:
    """Compile once.  ``first``: the characters a match can start with, as a lookahead, so `re`
    rejects most positions at once instead of trying every optional prefix (7x faster on 1 MB)."""
    return re.compile(f"(?=[{first}])" + pattern if first else pattern)


_NUM_FIRST = "0-9〇○零Ｏ一二两三四五六七八九十"


# Full and partial calendar dates, ranges between them.
_RX_DATE_RANGE = _p(
    rf"(?:(?P<y1>{_Y}){_S}年{_S})?(?P<m1>{_M}){_S}月{_S}(?P<d1>{_D}){_S}{_DAY}"
    rf"{_CONN}(?:(?P<y2>{_Y}){_S}年{_S})?(?:(?P<m2>{_M}){_S}月{_S})?(?P<d2>{_D}){_S}{_DAY}"
, _NUM_FIRST)
_RX_DAY_SPAN = _p(  # 4月21-22日
    rf"(?:(?P<y1>{_Y}){_S}年{_S})?(?P<m1>{_M}){_S}月{_S}(?P<d1>{_D}){_S}(?:——|[-－—–~～至到]){_S}(?P<d2>{_D}){_S}{_DAY}"
, _NUM_FIRST)
_RX_DATE = _p(rf"(?:(?P<y>{_Y}){_S}年{_S})?(?P<m>{_M}){_S}月{_S}(?P<d>{_D}){_S}{_DAY}", _NUM_FIRST)
_RX_NUMERIC = _p(
    r"(?<![0-9.．/\-])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[-./．])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9.．%])"
)
_RX_MONTH_RANGE = _p(
    rf"(?:(?P<y1>{_Y}){_S}年{_S})?(?P<m1>{_M_AR}){_S}(?:月份?{_S})?(?:——|[-－—–~～至到]){_S}"
    rf"(?:(?P<y2>{_Y}){_S}年{_S})?(?P<m2>{_M_AR}){_S}月份?"
, _NUM_FIRST)
_RX_YEAR_MONTH = _p(rf"(?P<y>{_Y}){_S}年{_S}(?P<m>{_M}){_S}月份?", _NUM_FIRST)
_RX_MONTH = _p(rf"(?<![每个/])(?P<m>{_M_AR}){_S}月份?(?![0-9份]*[个/])(?!\s*[0-9一二三四五六七八九十]{{1,3}}\s*[日号])", _NUM_FIRST)
_RX_YEAR_RANGE = _p(rf"(?P<y1>{_Y}){_S}(?:年度?{_S})?(?:——|[-－—–~～至到]){_S}(?P<y2>{_Y}){_S}年度?", _NUM_FIRST)
_RX_YEAR = _p(rf"(?P<y>{_Y}){_S}全?年度?(?!代|龄|级)", _NUM_FIRST)  # 2025全年度 (实施周期)
_RX_REL_DATE = _p(rf"{_REL}{_S}(?P<m>{_M}){_S}月份?(?:{_S}(?P<d>{_D}){_S}{_DAY})?", _REL_FIRST)
_RX_REL_SINCE = _p(rf"{_REL}(?:{_S}(?P<m>{_M}){_S}月份?)?{_S}以来", _REL_FIRST)
_RX_REL = _p(_REL + r"(?!轻|纪|龄|薪|终|初|底|末)", _REL_FIRST)
_RX_RECENT = _p(rf"近{_S}{_NUM_N}{_S}年(?:来)?")
_RX_FROM = _p(
    rf"[自从]{_S}(?:(?P<rel>今年|明年|去年)|(?P<y>{_Y}){_S}年度?)?{_S}(?:(?P<m>{_M}){_S}月份?(?:{_S}(?P<d>{_D}){_S}{_DAY})?)?{_S}(?:开始|起)"
)
_RX_SINCE = _p(rf"(?:(?P<y>{_Y}){_S}年度?{_S})?(?:(?P<m>{_M_AR}){_S}月份?{_S})?以来", _NUM_FIRST + "以")
_RX_UNTIL = _p(
    rf"截[至止](?:到)?{_S}(?:(?P<y>{_Y}){_S}年{_S}|(?P<rel>今年|去年|上年))?(?:(?P<m>{_M}){_S}月{_S}(?:(?P<d>{_D}){_S}{_DAY}|(?P<eom>底|末))?|(?P<eoy>底|末))"
)
_RX_HALF = _p(rf"(?:(?P<y>{_Y}){_S}年{_S}|(?P<rel>今年|去年|上年|明年))?(?P<half>上|下)半年", _NUM_FIRST + "今去上下明")
_RX_QUARTER = _p(rf"(?:(?P<y>{_Y}){_S}年{_S}|(?P<rel>今年|去年|上年|明年))?(?P<first>第|前)?(?P<q>[一二两三四1-4])季度", _NUM_FIRST + "今去上明第前1-4")
_RX_NAMED_NUM = _p(
    r"(?P<q1>[“\"「『‘])?(?<![0-9.．])(?P<m>1[0-2]|0?[1-9])[.·・•．](?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9.．%])"
    r"(?P<q2>[”\"」』’])?[ \t\u3000\xa0]?(?P<suf>[^\s，。、“”\"0-9]{0,6}?(?:会员活动日|会员日|活动日|纪念日|宣传日|权益日)|[^\s，。、“”\"0-9]{1,6}?节|期间|活动)?"
, "“\"「『‘0-9")
_RX_FESTIVAL = _p(
    rf"(?:(?P<y>{_Y}){_S}年{_S})?(?P<name>春节|除夕|元旦|元宵节?|清明(?=节|期间|假期|前后)节?|五一国际劳动节|五一劳动节|劳动节"
    r"|端午节?|中秋节?|国庆节?|重阳节?|六一国际儿童节|六一儿童节|儿童节|三八国际妇女节|三八妇女节|妇女节|七一建党节|建党节|八一建军节|建军节)"
    r"(?P<during>期间)?"
, _NUM_FIRST + "春除元清五劳端中国重六儿三妇七建八")
_RX_PLACEHOLDER = _p(r"(?:20|19)?[XxＸｘ×＊*]{2}\s*年|[(（]\s*[-－—_ ]*\s*年\s*[-－—_ ]*\s*月\s*[-－—_ ]*\s*日\s*[)）]|[ 　_]{1,4}年[ 　_]{1,4}月[ 　_]{1,4}日")


# Characters of which every match of the pattern holds at least one (see _Finder.finditer).  A
# pattern left out is run over the whole text.  No date pattern can match across a 。.
_ANCHORS: dict[re.Pattern[str], str] = {
    _RX_DATE_RANGE: "月", _RX_DAY_SPAN: "月", _RX_DATE: "月",  # …月…日
    _RX_NUMERIC: "-./．",  # 2023-05-13, 2023.5.13, 2023/5/13
    _RX_MONTH_RANGE: "月", _RX_YEAR_MONTH: "月", _RX_MONTH: "月", _RX_REL_DATE: "月",
    _RX_YEAR_RANGE: "年", _RX_YEAR: "年",
    _RX_REL: "年",  # 今年 本年度 去年 上(一)年 前年 明年 下(一)年: all hold 年
    _RX_REL_SINCE: "以", _RX_SINCE: "以",  # …以来
    _RX_RECENT: "近", _RX_FROM: "开起",  # 自…开始 / 从…起
    _RX_UNTIL: "截", _RX_HALF: "半", _RX_QUARTER: "季",
    _RX_NAMED_NUM: ".·・•．",  # 5.29, 5·29
    # 春节 除夕 元旦 元宵 清明 端午 中秋 国庆 重阳 and the …节 days
    _RX_FESTIVAL: "节夕旦宵清端午秋庆阳",
    _TIME_ALONE: ":：点时",  # 下午4:30, 至14点, 3时
}
_SENTENCE_STOP = re.compile("。")


@lru_cache(maxsize=None)
def _anchor_pattern(anchors: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(anchors) + "]")


def _scan_days(f: _Finder) -> None:
    t = f.t
    for m in f.finditer(_RX_DATE_RANGE):
        y1, inf = f.fill(_year(m.group("y1")))
        y2 = _year(m.group("y2")) or y1
        m1, d1, d2 = _num(m.group("m1")), _num(m.group("d1")), _num(m.group("d2"))
        m2 = _num(m.group("m2")) if m.group("m2") else m1
        a, b = _iso(y1, m1, d1), _iso(y2, m2, d2)
        if a and b and a <= b:
            f.add(m.start(), m.end(), "range", f"{a}/{b}", inferred=inf)
    for m in f.finditer(_RX_DAY_SPAN):
        y, inf = f.fill(_year(m.group("y1")))
        m1, d1, d2 = _num(m.group("m1")), _num(m.group("d1")), _num(m.group("d2"))
        a, b = _iso(y, m1, d1), _iso(y, m1, d2)
        if a and b and a < b:
            f.add(m.start(), m.end(), "range", f"{a}/{b}", inferred=inf)
    for m in f.finditer(_RX_DATE):
        y, inf = f.fill(_year(m.group("y")))
        f.add(m.start(), m.end(), "date", _iso(y, _num(m.group("m")), _num(m.group("d"))), inferred=inf, day=True)
    for m in f.finditer(_RX_NUMERIC):
        f.add(m.start(), m.end(), "date", _iso(int(m.group("y")), int(m.group("m")), int(m.group("d"))), day=True)


# 2023.01-2023.12 / 2023/1—2023/6: a month range written with dots or slashes (实施期限 cells).
# Only as a range with both years: a lone 2023.01 is as likely an amount.
_RX_NUMERIC_MONTHS = _p(
    r"(?<![0-9.．/])(?P<y1>(?:19|20)[0-9]{2})(?P<sep>[./．])(?P<m1>1[0-2]|0?[1-9])(?![0-9.．/])"
    r"[ \t]*(?:——|[-－—–~～至到])[ \t]*"
    r"(?P<y2>(?:19|20)[0-9]{2})(?P=sep)(?P<m2>1[0-2]|0?[1-9])(?![0-9.．/])"
)


_ANCHORS[_RX_NUMERIC_MONTHS] = "./．"  # 2023.01-2023.12


def _scan_months_years(f: _Finder) -> None:
    t = f.t
    for m in f.finditer(_RX_NUMERIC_MONTHS):
        a = _iso(int(m.group("y1")), int(m.group("m1")))
        b = _iso(int(m.group("y2")), int(m.group("m2")))
        if a and b and a < b:
            f.add(m.start(), m.end(), "range", f"{a}/{b}")
    for m in f.finditer(_RX_MONTH_RANGE):
        y1, inf = f.fill(_year(m.group("y1")))
        y2 = _year(m.group("y2")) or y1
        a, b = _iso(y1, _num(m.group("m1"))), _iso(y2, _num(m.group("m2")))
        if a and b and a < b:
            f.add(m.start(), m.end(), "range", f"{a}/{b}", inferred=inf)
    for m in f.finditer(_RX_YEAR_MONTH):
        y = _year(m.group("y"))
        if y is not None:
            f.add(m.start(), m.end(), "month", _iso(y, _num(m.group("m"))))
    for m in f.finditer(_RX_MONTH):
        y, inf = f.fill(None)
        f.add(m.start(), m.end(), "month", _iso(y, _num(m.group("m"))), inferred=inf)
    for m in f.finditer(_RX_YEAR_RANGE):
        y1, y2 = _year(m.group("y1")), _year(m.group("y2"))
        if y1 and y2 and y1 < y2:
            f.add(m.start(), m.end(), "range", f"{y1:04d}/{y2:04d}")
    for m in f.finditer(_RX_YEAR):
        y = _year(m.group("y"))
        if y is not None:
            f.add(m.start(), m.end(), "year", _iso(y))


def _rel_year(f: _Finder, word: str | None) -> int | None:
    if f.fy is None or word is None:
        return None
    key = word if word in _REL_YEAR else word.replace("一", "").removesuffix("度")
    return f.fy + _REL_YEAR.get(key, 0)


def _scan_relative(f: _Finder) -> None:
    t = f.t
    for m in f.finditer(_RX_REL_DATE):
        y = _rel_year(f, m.group("rel"))
        if y is None:
            continue
        d = m.group("d")
        if d:
            f.add(m.start(), m.end(), "date", _iso(y, _num(m.group("m")), _num(d)), inferred=True, day=True)
        else:
            f.add(m.start(), m.end(), "month", _iso(y, _num(m.group("m"))), inferred=True)
    for m in f.finditer(_RX_REL_SINCE):
        y = _rel_year(f, m.group("rel"))
        if y is None:
            continue
        start = _iso(y, _num(m.group("m"))) if m.group("m") else _iso(y)
        if start:
            f.add(m.start(), m.end(), "relative", f"{start}/..", inferred=True)
    for m in f.finditer(_RX_REL):
        y = _rel_year(f, m.group("rel"))
        if y is not None:
            f.add(m.start(), m.end(), "relative", _iso(y), inferred=True)
    for m in f.finditer(_RX_RECENT):
        n = _num(m.group("n"))
        if f.fy is not None and n and 2 <= n <= 10:
            f.add(m.start(), m.end(), "relative", f"{f.fy - n + 1:04d}/{f.fy:04d}", inferred=True)
    for m in f.finditer(_RX_FROM):
        if not (m.group("rel") or m.group("y") or m.group("m")):
            continue
        y, inf = (_rel_year(f, m.group("rel")), True) if m.group("rel") else f.fill(_year(m.group("y")))
        mo = _num(m.group("m")) if m.group("m") else None
        start = _iso(y, mo, _num(m.group("d")) if m.group("d") else None) if mo else _iso(y)
        if start and y is not None:
            f.add(m.start(), m.end(), "relative", f"{start}/..", inferred=inf)
    for m in f.finditer(_RX_SINCE):
        if not (m.group("y") or m.group("m")):
            continue
        y, inf = f.fill(_year(m.group("y")))
        start = _iso(y, _num(m.group("m"))) if m.group("m") else _iso(y)
        if start and y is not None:
            f.add(m.start(), m.end(), "relative", f"{start}/..", inferred=inf)
    for m in f.finditer(_RX_UNTIL):
        if m.group("rel"):
            y, inf = _rel_year(f, m.group("rel")), True
        else:
            y, inf = f.fill(_year(m.group("y")))
        if y is None:
            continue
        mo = _num(m.group("m")) if m.group("m") else None
        if mo is None:
            if not m.group("eoy") or not (m.group("y") or m.group("rel")):
                continue
            end = _iso(y, 12, 31)
        elif m.group("d"):
            continue  # `截至2023年12月31日`: a cut-off day is reported as that date, without 截至
        elif m.group("eom"):
            end = _iso(y, mo, calendar.monthrange(y, mo)[1]) if 1 <= mo <= 12 else None
        else:
            end = _iso(y, mo)
        if end:
            f.add(m.start(), m.end(), "relative", f"../{end}", inferred=inf)
    for m in f.finditer(_RX_HALF):
        y, inf = ((_rel_year(f, m.group("rel")), True) if m.group("rel") else f.fill(_year(m.group("y"))))
        if y is None:
            continue
        a, b = ((1, 6) if m.group("half") == "上" else (7, 12))
        f.add(m.start(), m.end(), "period", f"{y:04d}-{a:02d}/{y:04d}-{b:02d}", inferred=inf)
    for m in f.finditer(_RX_QUARTER):
        if not (m.group("first") or m.group("y") or m.group("rel")) and m.group("q") in "1234":
            continue  # `1季度` alone is too thin; 一季度 / 第一季度 / 2021年1季度 are periods
        if m.group("q") == "两" and m.group("first") != "前":
            continue  # 两季度 is a span of two quarters; only 前两季度 is a period
        y, inf = ((_rel_year(f, m.group("rel")), True) if m.group("rel") else f.fill(_year(m.group("y"))))
        q = _num(m.group("q"))
        if y is None or q is None or not 1 <= q <= 4:
            continue
        # 前三季度 is January to the end of the third quarter, not the third quarter
        a = 1 if m.group("first") == "前" else 3 * q - 2
        f.add(m.start(), m.end(), "period", f"{y:04d}-{a:02d}/{y:04d}-{3 * q:02d}", inferred=inf)


def _scan_named(f: _Finder) -> None:
    t = f.t
    for m in f.finditer(_RX_NAMED_NUM):
        quoted = m.group("q1") is not None and m.group("q2") is not None
        if not (quoted or m.group("suf")):
            continue  # a bare 5.29 is a number (5.29万元 never gets here: no quote, no day word)
        if m.group("q1") is not None and m.group("q2") is None and not m.group("suf"):
            continue
        y, inf = f.fill(None)
        # The text is the day as written (5.29 / 5·29); quotes and 会员日 are context, not the date.
        f.add(m.start("m"), m.end("d"), "named_day", _iso(y, int(m.group("m")), int(m.group("d"))), inferred=inf)
    for m in f.finditer(_RX_FESTIVAL):
        written = _year(m.group("y"))
        y, inf = f.fill(written)
        value = _festival_value(m.group("name"), y)
        if value is None:
            value = _iso(y) if y is not None else "XXXX"
        f.add(m.start(), m.end(), "named_day", value, inferred=inf)


def _clock(m: re.Match[str], part: str | None, h_g: str, mi_g: str, half_g: str, mc_g: str | None) -> str | None:
    h = _num(m.group(h_g))
    if h is None:
        return None
    mi = 0
    if m.group(mi_g):
        mi = int(m.group(mi_g))
    elif m.group(half_g):
        mi = 30
    elif mc_g and m.group(mc_g):
        mi = _num(m.group(mc_g)) or 0
    if part in ("下午", "晚上", "傍晚", "晚", "夜间", "夜里") and h < 12:
        h += 12
    elif part == "中午" and h < 11:
        h += 12
    elif part in ("夜里", "夜间", "凌晨") and h == 12:
        h = 0
    if not (0 <= h <= 24 and 0 <= mi < 60) or (h == 24 and mi):
        return None
    return f"{h:02d}:{mi:02d}"


def _attach_times(f: _Finder, kept: list[_Cand]) -> list[_Cand]:
    """Extend day mentions by a following time of day; add times that stand alone after a day."""
    t = f.t
    for k, c in enumerate(kept):
        if not c.day:
            continue
        m = _TIME_AFTER_DATE.match(t, c.end)
        if m is None or m.end() == c.end:
            continue
        part = m.group("part")
        clock = _clock(m, part, "h", "mi", "half", "mc") if m.group("h") else None
        if m.group("h") and clock is None:
            continue
        if not part and not m.group("h"):
            continue
        end = m.end()
        while end > c.end and t[end - 1].isspace():
            end -= 1
        if k + 1 < len(kept) and kept[k + 1].start < end:
            continue  # never grow into the next mention: spans stay disjoint
        c.end, c.time = end, clock
    # Standalone times, anchored on the last day named before them in the same line.
    out = list(kept)
    spans = _Occupied()
    for c in kept:
        spans.add(c.start, c.end)
    days = sorted((c for c in kept if c.day), key=lambda c: c.end)
    day_ends = [c.end for c in days]
    for m in f.finditer(_TIME_ALONE):
        s, e = (m.start("h2") if m.group("h2") else m.start()), m.end()  # `至14点`: 至 is not the time
        while e > s and t[e - 1].isspace():
            e -= 1
        if spans.overlaps(s, e):
            continue
        i = bisect_right(day_ends, s) - 1  # the day mention ending last before the time
        anchor = days[i] if i >= 0 else None
        if anchor is None or "\n" in t[anchor.end:s] or s - anchor.end > 120:
            continue
        if m.group("h") is not None:
            clock = _clock(m, m.group("part"), "h", "mi", "half", "mc")
        else:
            clock = _clock(m, None, "h2", "mi2", "half2", None)
            # `晚上8点半到10点`: a bare end time earlier than the start it follows is in the same half day
            if clock and anchor.time and clock < anchor.time and int(clock[:2]) < 12:
                clock = f"{int(clock[:2]) + 12:02d}{clock[2:]}"
        if clock is None:
            continue
        timed = _Cand(s, e, "date", anchor.value, clock, anchor.inferred, True)
        out.append(timed)
        spans.add(s, e)
        j = bisect_right(day_ends, e)
        days.insert(j, timed)  # the next bare time (`至14点`) reads its half day from this one
        day_ends.insert(j, e)
    return out


class _Occupied:
    """Non-overlapping spans, sorted, with O(log n) overlap tests (a 1 MB report has ~10k mentions)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s) - 1
        if i >= 0 and self.ends[i] > s:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < e

    def add(self, s: int, e: int) -> None:
        i = bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Longest match wins; ties go to the more specific kind.  Kept mentions never overlap."""
    order = {"range": 0, "date": 1, "relative": 2, "period": 3, "named_day": 4, "month": 5, "year": 6}
    cands.sort(key=lambda c: (-(c.end - c.start), order.get(c.kind, 9), c.start))
    taken = _Occupied()
    kept: list[_Cand] = []
    for c in cands:
        if taken.overlaps(c.start, c.end):
            continue
        taken.add(c.start, c.end)
        kept.append(c)
    kept.sort(key=lambda c: (c.start, c.end))
    return kept


# 起 right after a day, month or period makes it the start of an open interval (7月起执行,
# 第三季度起压减, 2024年1月1日起施行), as 自6月份开始 does; 起至/起到 open a range (handled there) and
# 起草/起步/起来/起诉 are other words.
_NOT_AFTER_QI = set("至到止草步来诉始点见算飞跑身")


def _scan_from_on(f: _Finder) -> None:
    t = f.t
    for c in list(f.cands):
        if c.kind not in ("date", "month", "period") or c.end >= len(t) or t[c.end] != "起":
            continue
        if c.end + 1 < len(t) and t[c.end + 1] in _NOT_AFTER_QI:
            continue
        start = c.value.split("/")[0]
        f.add(c.start, c.end + 1, "relative", f"{start}/..", inferred=c.inferred)


# 5月13日、14日 / 3月5日和8日: later days of a list take the month (and year) of the first;
# 2023年3、4月 / 3、4月份: earlier months of a list take the year of the last.
_RX_MORE_DAYS = re.compile(r"[ \t]*[、和及][ \t]*(?P<d>3[01]|[12][0-9]|0?[1-9])[ \t]*[日号](?![0-9])")
_RX_MONTH_LIST = _p(
    rf"(?:(?P<y>{_Y}){_S}年{_S})?(?<![0-9.．/])(?P<m1>1[0-2]|0?[1-9])[ \t]*、[ \t]*(?P<m2>1[0-2]|0?[1-9])[ \t]*月份?",
    _NUM_FIRST,
)


_ANCHORS[_RX_MONTH_LIST] = "月"  # 3、4月


def _scan_lists(f: _Finder) -> None:
    t = f.t
    for c in list(f.cands):
        if c.kind != "date" or len(c.value) != 10:
            continue
        pos = c.end
        while (m := _RX_MORE_DAYS.match(t, pos)) is not None:
            f.add(m.start("d"), m.end(), "date", _iso(None if c.value.startswith("X") else int(c.value[:4]),
                                                         int(c.value[5:7]), int(m.group("d"))),
                  inferred=c.inferred, day=True)
            pos = m.end()
    for m in (f.finditer(_RX_MONTH_LIST) if "、" in t else ()):
        y, inf = f.fill(_year(m.group("y")))
        a, b = _iso(y, int(m.group("m1"))), _iso(y, int(m.group("m2")))
        if a and b and a < b:
            start = m.start("y") if m.group("y") else m.start("m1")
            f.add(start, m.end("m1"), "month", a, inferred=inf)
            # the second month's own candidate took the fiscal year; the list's written year wins
            f.cands = [c for c in f.cands if not (c.start == m.start("m2") and c.end == m.end() and c.kind == "month")]
            f.add(m.start("m2"), m.end(), "month", b, inferred=inf)


_SCANS: tuple[Callable[[_Finder], None], ...] = (
    _scan_days, _scan_months_years, _scan_relative, _scan_named, _scan_from_on, _scan_lists,
)


def find_dates(document: Document, meta: DocumentMeta) -> list[DateMention]:
    """Every date mention in text order, ids d1, d2, ...  Never raises."""
    text = document.text
    folded = ascii_digits(text)
    f = _Finder(folded, meta.fiscal_year if meta is not None else None)
    for scan in _SCANS:
        try:
            scan(f)
        except Exception:  # one odd pattern never loses the others' dates
            continue
    try:
        kept = _attach_times(f, _resolve(f.cands))
    except Exception:
        kept = _resolve(f.cands)
    kept.sort(key=lambda c: (c.start, c.end))
    out: list[DateMention] = []
    for c in kept:
        try:
            # values of exact types (str, tuple, bool) built here: no validation (model/trusted.py)
            out.append(trusted(
                DateMention, id=f"d{len(out) + 1}", kind=c.kind, text=text[c.start:c.end], span=(c.start, c.end),
                value=c.value, time=c.time, year_inferred=c.inferred, location=document.locate(c.start),
            ))
        except Exception:
            continue
    return out


def find_date_placeholders(document: Document) -> list[tuple[int, int, str]]:
    """Blank date slots a template left in (`20XX年`, `(-年-月-日)`, `  年  月  日`): (start, end, text).

    They are not dates; template rules report them.
    """
    text = document.text
    try:
        return [(m.start(), m.end(), text[m.start():m.end()]) for m in _RX_PLACEHOLDER.finditer(text)]
    except Exception:
        return []
