"""Quantities: every amount, count, percentage, score and rate a report prints, with exact spans.

Entry point: ``find_quantities(document, sections, meta) -> list[Quantity]`` (ids ``q1``.. in text order).

How a figure is read
    Patterns run over ``fold(document.text)`` (a 1:1 width-folded view, so ``１３９．３８`` reads as
    ``139.38``) and every span is sliced from the original text: ``document.text[s:e] == q.text``.
    A number (Arabic with optional ``,`` thousands separators, or Chinese numerals) is found first;
    the unit grammar after it decides the kind:

        [prefix] number [spaces] [万|亿|千|百万|千万|万亿] [余|多] unit [/per[/per]] [以上|左右|以下|以内]

    money (元 with its multiplier; a bare ``万``/``亿`` before a money noun, ``120万三年免息贷款``, is
    万元), count (measure words, units.MEASURE_WORDS), percent (``%``, ``‰``, ``个百分点``), score
    (``98分``; never 分钟/分别/部分 ...), rate (``30元/户``, ``4小时/天``), ordinal (``第23个``,
    ``41周年``) and duration (``3个月``, ``为期一个月``).  Ordinals and durations are reported with
    their own kinds so they can never be mistaken for counts.  Ratio colons whose parts sum to about
    100 (``25.72:26.84:47.44``) give one percent quantity per part; ``百分之九十五`` is a percent.

What the span covers
    The number, its unit, and the approximation words that belong to the figure: a prefix
    (``近``/``约``/``超``/``≥`` ...), an infix (``3万余人次``, ``2000多人``) and a suffix (``以上``,
    ``左右``).  Spaces between number and unit are inside the span (``19 次``); ``第`` is inside an
    ordinal's span.  Verbs such as ``占``/``达`` and the label are outside.

Values
    ``value`` is the number as printed (``139.38``, ``0.00``, ``1.8``), in ``unit`` as printed
    (``万元``, ``万人``, ``%``, ``元/户``); a unit taken from a table header or inferred from a bare
    万 is written in full (``万元``).  ``normalized`` multiplies the unit out: money in 元
    (``139.38万元`` → ``1393800``), counts in their measure word (``1.8万人`` → ``18000`` 人),
    rates in ``元/户``.  ``precision`` is the exponent of the last printed digit IN THE UNIT OF
    ``value`` (``139.38`` → -2, ``9`` → 0, ``1.8`` → -1); Chinese numerals count as exact to the unit.

Intervals (``interval = [lo, hi]``, in ``normalized_unit``, both ends closed)
    exact     integers of counts/ordinals without a multiplier are exact: ``198户`` → [198, 198];
              everything else is a rounded print: ± half a unit of the last printed digit
              (``139.38万元`` → [1393750, 1393850], ``9万元`` → [85000, 95000], ``98分`` → [97.5, 98.5]).
              The true upper bound of a rounded figure is exclusive; we keep it closed so that the
              rules' ``meets`` treats a tie on the boundary leniently (rounding never gives an error).
    at_least  余/多/以上/超/逾/至少: [X, X + step].  The step is one unit of the place the word
              refers to: ``余``/``多`` after a 万/亿 multiplier refer to the multiplier
              (``50万余元`` → [500000, 510000], ``3万余人次`` → [30000, 40000]); otherwise to the last
              non-zero digit of an integer (``300余人`` → [300, 400], ``30000余元`` → [30000, 40000],
              ``21000多人`` → [21000, 22000]) or the last printed decimal.
    at_most   近/将近/接近: [0.9X, X]; 不足/不到/以下/以内: [0, X].
    approx    约/大约/左右: [X − step, X + step] with the same step as at_least.
    ≥ ≤ > <   targets written with a comparison sign or word (``不低于80%``, ``不超过5300元/户``)
              keep the rounding interval of the printed bound; ``approx`` says on which side the
              truth lies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Document, DocumentMeta, Quantity, Section
from ..model.trusted import trusted
from ..text.normalize import fold
from . import units as U
from .numbers import MULTIPLIERS, exponent, parse_chinese, significant_exponent

# ---------------------------------------------------------------------------------------------------
# Patterns (generated from units.py; longest alternatives first so 人次 wins over 人, 个月 over 个)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_CN_START = "一二两三四五六七八九十〇零"
_CN_BODY = "零〇一二两三四五六七八九十百千万亿"
# The lookahead names every character a number can start with.  Why: without a literal or
# character-class prefix `re` tries all three branches at every position of the text; the lookahead
# rejects a position with one test (41 → 11 ms on the work reports, same matches).
_NUMBER = re.compile(
    rf"(?=[\d{_CN_START}百千万])"
    r"(?:(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?)"
    rf"|(?P<cn>[{_CN_START}][{_CN_BODY}]*(?:点[零〇一二三四五六七八九]+)?)"
    r"|(?P<round>(?<![零〇一二两三四五六七八九十百千万亿\d])[百千万](?=[余多])"  # 千余人, 百余名, 万余元
    r"|(?<=[近上逾超约])[百千万]))"  # 近万人, 上千人
)

_UNIT_WORDS = (
    ["元", "美元", "欧元", "港元", "港币", "日元", "英镑"]
    + list(U.PERCENT_UNITS)
    + list(U.ORDINAL_SUFFIXES)
    + list(U.DURATION_UNITS)
    + [U.SCORE_UNIT]
    + list(U.MEASURE_WORDS)
)
# A hard line break between a number and its money or percent unit (``共计139.38⏎万元``,
# ``786.4万⏎元``, ``完成预算的98⏎%``) is inside the figure: text copied out of PDFs keeps the page's
# line breaks.  Only before 元/万元/亿元/%/‰, where a new line can start with nothing else.
_BREAK = r"(?:\r?\n[ \t]*(?=(?:[万亿千]|千万|百万)?元|[%‰]))?"
_AFTER = re.compile(
    rf"(?P<sp>[ \t]*{_BREAK})"
    r"(?P<inf0>[余多])?"  # 8000多万人: 多 before the multiplier
    rf"(?P<mult>{_alt(MULTIPLIERS)})?"
    r"(?P<inf>[余多])?"  # 3万余人: 余 after it
    r"(?P<mult2>亿)?"  # 3万多亿元 = 3万亿 and more (only 万…亿 occurs)
    r"(?P<mult3>亿)?"
    r"[ \t]*(?:\r?\n[ \t]*(?=元))?"
    rf"(?P<unit>{_alt(_UNIT_WORDS)})?"
)
# 1万6千多户, 1亿3千多万, 2亿5000万: Arabic digits in Chinese numeral order
_COMPOSITE = re.compile(r"(?P<a>\d+)(?P<u1>亿|万)(?P<b>\d+)(?P<u2>千|百)?(?P<inf>[多余])?(?P<u3>万)?")
_FOREIGN_MONEY = ("美元", "欧元", "港元", "港币", "日元", "英镑")
# Words near a bare 万 that say it counts people: 贫困人口减少6800多万, 出境旅游人次由8300万
_PEOPLE_WORDS = ("人口", "人数", "群众", "职工", "人员", "农民工", "劳动力", "居民", "学生", "儿童", "老人")
_PER = re.compile(rf"/(?P<per>(?:{_alt(U.PER_UNITS)})(?:[/*·×](?:{_alt(U.PER_UNITS)}))?)")
_PER_JOINERS = re.compile(r"[*·×]")
_GE_YI = re.compile(r"(多)?亿元?")
# After a Chinese-numeral count, 一X (五个一批, 三支一扶, 十个一) or 全X (两个全覆盖) makes a slogan;
# 一级/一类/一线/一等 are ordinary words (两个一级指标 is a count).
_SLOGAN_AFTER = re.compile(r"一(?![级类等线流])|全(?:覆盖|面|部)")
_SUFFIX = re.compile(rf"[ \t]*(?P<suf>{_alt(U.APPROX_SUFFIXES)})")
_RATIO = re.compile(r"(?=\d)(?<![\d.:])\d+(?:\.\d+)?(?:[ \t]*:[ \t]*\d+(?:\.\d+)?){2,}(?![\d.:])")
# Scores written after their label without 分: 自评得分：98, 得分为98.5
_SCORE_LABEL = re.compile(r"(?:得分|评分|总分)[ \t]*[:：为是]?[ \t]*(?P<n>\d+(?:\.\d+)?)(?![\d.%分])")

# Characters that may follow a number when a figure is there: a unit, multiplier, 余/多, space, 点
# (一百二十万元 ends on 万; the regex already took digits), 万/亿 and the composite forms.
_FOLLOW_CHARS = frozenset(
    "".join(w[0] for w in _UNIT_WORDS)
    + "万"
    + "".join(MULTIPLIERS)
    + "余多 \t\r\n亿万"
    + "".join(w[0] for w in U.APPROX_SUFFIXES)
    + "美欧港日英"
)
_PERCENT_KINDS = set(U.PERCENT_UNITS)
_DURATIONS = set(U.DURATION_UNITS)
_ORDINAL_SUFFIXES = set(U.ORDINAL_SUFFIXES)
_MEASURES = set(U.MEASURE_WORDS)
_PREFIXES = sorted(U.APPROX_PREFIXES, key=len, reverse=True)
_PREFIX_LAST = frozenset(w[-1] for w in _PREFIXES)
# Characters before 约/近/超 that make them part of another word: 节约, 预约, 最近, 附近, 赶超 ...
_NOT_APPROX_BEFORE = {
    "约": set("节制契合预签履特邀相守违缔集简公"),
    "近": set("最附就邻靠亲贴临接将"),
    "超": set("赶高"),
}
# Fixed terms with a Chinese numeral and a measure word that are names, not counts.
FIXED_TERMS: tuple[str, ...] = (
    "四个意识", "四个自信", "两个维护", "两个确立", "三个代表", "四个全面", "五位一体", "八项规定",
    "两个一百年", "三个务必", "两个责任", "四个不摘", "三个一批", "四个最严", "两个毫不动摇", "三项制度",
    "一对一", "一岗双责", "三重一大", "两学一做", "三会一课", "一户一策", "一村一品", "一人一档",
    "一户、温暖一片", "十个一", "六个一", "三次产业", "两个积极性", "四处",
)  # fmt: skip
_FIXED_BY_FIRST: dict[str, list[str]] = {}
for _t in FIXED_TERMS:
    _FIXED_BY_FIRST.setdefault(_t[0], []).append(_t)
_ORDINAL_MEASURES = {"届"}
# A "-" after one of these joins a range (6.5%-7%, 3万-5万元, 1-2周), it is not a minus sign.
_RANGE_LEFT = set(")）-~%‰元人户次个分万亿千百年月日天周名场期篇项件")
_OPEN_QUOTES = set("“\"「『‘《")
_CJK_DIGITS_ONLY = set("零〇一二两三四五六七八九")
# A count's measure word followed by one of these is another word (3人民币 never happens, 人民 does).
_MEASURE_NOT_BEFORE = {
    "人": set("民大员"),
    "起": set("来步止算见草"),
    "对": set("一1于"),
    "次": set("要"),
    "部": set("分门署长队委位件"),  # 第一部分, 3部门
    "家": set("庭属长乡"),
    "名": set("单称义额"),  # 名额 is a count of places, but 3名额 is not how it is written
    "期": set("间末初限"),
    "台": set("账阶"),
    "处": set("长室理置罚分级于在事境所"),  # 处长, 处理, 处置, 处分; 两处水厂 stays a count
    "笔": set("记试画墨者名迹杆"),  # 3笔记本 is not 3 笔; 15笔资金 is
}


@dataclass(slots=True)
class Raw:
    """A figure found in the text or a table, before ids, labels and locations."""

    kind: str
    start: int
    end: int
    num_start: int  # the number itself (labels look around this core)
    num_end: int
    value: Decimal
    unit: str
    factor: Decimal  # unit → normalized_unit
    normalized_unit: str
    precision: int
    step: Decimal  # interval step in value units for 余/约
    approx: str = "exact"
    approx_word: str = ""  # 近 | 不足 | ≥ ...
    per: str | None = None
    integer_exact: bool = False  # counts without multiplier: exact interval
    from_table: bool = False
    label: str | None = None
    column_header: str | None = None
    concept_header: str | None = None  # table cells: the header that names the column's item
    unit_end: int = 0  # end of the unit (before a trailing 以上/左右), for labels on the right
    win_lo: int | None = None  # labels look only inside [win_lo, win_hi) (a table cell)
    win_hi: int | None = None


# Targets and bounds (≥100%, 不低于80%): the interval is the printed bound's own rounding interval.
_BOUND_WORDS = {"≥", ">=", "≤", "<=", ">", "<", "不低于", "不少于", "不小于", "高于", "不高于", "不超过", "不多于", "不大于", "低于"}


def _clean(d: Decimal) -> Decimal:
    """Same number without trailing zeros or exponent: 1393800.00 → 1393800, 0.50 → 0.5."""
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


def interval(raw: Raw) -> tuple[Decimal, Decimal]:
    """[lo, hi] in normalized units (see the module docstring for the semantics)."""
    x = raw.value * raw.factor
    lo, hi = _raw_interval(raw, x)
    if lo > hi:  # 近-3万元: scaling a negative bound flips the ends
        lo, hi = hi, lo
    if raw.value >= 0 and raw.kind != "percent" and lo < 0:
        lo = Decimal(0)  # a printed 0万元 is a non-negative amount: [0, 5000], not [-5000, 5000]
    return lo, hi


def _raw_interval(raw: Raw, x: Decimal) -> tuple[Decimal, Decimal]:
    unit_step = Decimal(1).scaleb(raw.precision) * raw.factor
    if raw.approx == "exact" or raw.approx_word in _BOUND_WORDS:
        if raw.integer_exact:
            return _clean(x), _clean(x)
        half = unit_step / 2
        return _clean(x - half), _clean(x + half)
    step = raw.step * raw.factor
    if raw.approx == "at_least":
        return _clean(x), _clean(x + step)
    if raw.approx == "at_most":
        if raw.approx_word in {"近", "将近", "接近"}:
            return _clean(x * Decimal("0.9")), _clean(x)
        return _clean(min(x, Decimal(0))), _clean(x)
    return _clean(x - step), _clean(x + step)


# ---------------------------------------------------------------------------------------------------
# Running text


def _prefix(f: str, start: int) -> tuple[int, str, str]:
    """Approximation word right before the number (spaces allowed between): (new start, word, approx)."""
    j = start
    while j > 0 and f[j - 1] in " \t":
        j -= 1
    if j == 0 or f[j - 1] not in _PREFIX_LAST:
        return start, "", "exact"
    for w in _PREFIXES:
        k = j - len(w)
        if k >= 0 and f.startswith(w, k):
            bad = _NOT_APPROX_BEFORE.get(w)
            if bad and k > 0 and f[k - 1] in bad:
                return start, "", "exact"
            return k, w, U.APPROX_PREFIXES[w]
    return start, "", "exact"


def _fixed_term_at(f: str, pos: int) -> bool:
    for t in _FIXED_BY_FIRST.get(f[pos], ()):
        if f.startswith(t, pos):
            return True
    return False


def _money_noun_follows(f: str, pos: int) -> bool:
    """A bare 万/亿 is money when a money noun follows within the clause (120万三年免息贷款)."""
    window = f[pos : pos + 10]
    for stop in "，。；、,;\n（(":
        i = window.find(stop)
        if i != -1:
            window = window[:i]
    return any(n in window for n in U.MONEY_NOUNS)


def _scan_text(text: str, f: str) -> list[Raw]:
    out: list[Raw] = []
    n = len(f)
    follow = _FOLLOW_CHARS
    for m in _NUMBER.finditer(f):
        num_start, num_end = m.span()
        # fast rejection: most Chinese numeral characters in prose (一是, 统一, 进一步) and many
        # Arabic numbers (dates, codes) are followed by nothing a unit can start with
        if num_end < n and f[num_end] not in follow and (num_start == 0 or f[num_start - 1] not in "￥¥"):
            continue
        ar = m.group("ar")
        prev = f[num_start - 1] if num_start else ""
        if ar is not None:
            if prev.isascii() and (prev.isalpha() or prev in "._/\\#@") and prev != "":
                continue  # GB18030, v1.2, a/b: parts of codes, not figures
            if prev == "、" and num_start >= 2 and f[num_start - 2].isdigit() and len(ar) == 1 and (
                num_start < 3 or not f[num_start - 3].isdigit()
            ) and int(f[num_start - 2]) + 1 == int(ar):
                continue  # 5、6个 (five or six), like 三五个: a guess, not a figure
            if prev.isdigit():
                continue
            nxt = f[num_end] if num_end < n else ""
            if nxt.isascii() and nxt.isalpha():
                continue  # 5G, 4K
            value = Decimal(ar.replace(",", "")) if "," in ar else Decimal(ar)  # the pattern admits only digits
            num_text = ar
            mult_inside = ""
            if prev == "-" and num_start >= 2:
                before = f[num_start - 2]
                # 增长-5.2%: a minus sign; 21-22日, 1-5月, 2021-2022: a range dash
                if not (before.isdigit() or (before.isascii() and before.isalpha()) or before in _RANGE_LEFT):
                    num_start -= 1
                    value = -value
                    prev = before
        elif m.group("round") is not None:
            # 千余人 = one thousand and more; 万余元 = one 万 and more (the 余 then follows the 万)
            cn = m.group("round")
            value = Decimal(1) if cn == "万" else parse_chinese(cn)
            mult_inside = "万" if cn == "万" else ""
            num_text = cn
            raw = _read_after(text, f, num_start, num_end, m.end(), value, num_text, False, mult_inside, prev)
            if raw is not None and prev == "上" and raw.approx == "exact":
                # 上万人 / 上千人: "reaching ten thousand", at least that many
                raw.start, raw.approx, raw.approx_word = num_start - 1, "at_least", "上"
            if raw is not None and not (out and raw.start < out[-1].end):
                out.append(raw)
            continue
        else:
            cn = m.group("cn")
            mult_inside = ""
            if len(cn) > 1 and cn[-1] in "万亿" and cn[-2] not in "万亿":
                # 一百二十万元 → 120 万元: keep the multiplier with the unit, as for 120万元
                mult_inside = cn[-1]
                cn_num = cn[:-1]
                num_end = num_start + len(cn_num)
            else:
                cn_num = cn
            if len(cn_num) > 1 and all(ch in _CJK_DIGITS_ONLY for ch in cn_num) and not any(ch in "〇零" for ch in cn_num):
                continue  # 三五个 (a few), 一二: not numbers
            if _fixed_term_at(f, num_start):
                continue
            if prev in "数几" and cn[0] in "十百千万":
                continue  # 数十次, 几百人, 数万元: "some tens", no number was stated
            value = parse_chinese(cn_num)
            num_text = cn_num
        if value is None:
            continue
        if ar is not None and num_end < n and f[num_end] in "万亿":
            raw = _composite(f, num_start)
            if raw is not None:
                if not (out and raw.start < out[-1].end):
                    out.append(raw)
                continue
        raw = _read_after(text, f, num_start, num_end, m.end(), value, num_text, ar is not None, mult_inside, prev)
        if raw is not None:
            if out and raw.start < out[-1].end:
                continue  # overlaps the previous figure (a prefix reaching back into it)
            out.append(raw)
    return out


def _read_after(
    text: str, f: str, num_start: int, num_end: int, match_end: int, value: Decimal, num_text: str,
    arabic: bool, mult_inside: str, prev: str,
) -> Raw | None:  # fmt: skip
    n = len(f)
    a = _AFTER.match(f, match_end)  # after a Chinese numeral's own 万 (一百二十万元), if any
    assert a is not None  # every group is optional
    a_mult = (a.group("mult") or "") + (a.group("mult2") or "")
    if a.group("mult3") or (a.group("mult2") and a.group("mult") != "万"):
        return None  # 亿亿, 千亿: not a number
    if a.group("inf0") and not a.group("mult"):
        inf_before = False  # 2000多人: an ordinary 多 (after the number, no multiplier)
    else:
        inf_before = bool(a.group("inf0"))
    mult = mult_inside or a_mult
    if mult_inside and a_mult:
        return None  # 一百万万: malformed
    if a.group("inf0") and a.group("inf"):
        return None  # 3多万余: not written
    inf = a.group("inf0") or a.group("inf") or ""
    unit = a.group("unit") or ""
    ends = [a.end(g) for g in ("unit", "mult3", "mult2", "inf", "mult", "inf0") if a.group(g)]
    pos = max(ends) if ends else match_end
    if not arabic and not mult_inside and a_mult and not a.group("inf0"):
        # a Chinese numeral swallowed its own 万/亿; a second multiplier after it is not ours
        # (一百多万元 / 二十余万元 are fine: 多/余 stand between the numeral and its 万)
        return None
    if unit and not mult and inf and unit in _PERCENT_KINDS:
        return None  # 20多% is not written
    # --- decide the kind
    ordinal = prev == "第"
    kind = ""
    norm_unit = unit
    factor = Decimal(1)
    printed_unit = mult + unit
    ge_yi = _GE_YI.match(f, pos) if unit == "个" and not mult and not inf else None
    if ge_yi is not None:
        # 1个亿 / 近2个亿 / 1个多亿元: the spoken form of 亿元, money, never a count of 个
        unit, mult, pos = "元", "亿", ge_yi.end()
        if ge_yi.group(1):
            inf = "多"
    if unit == "元":
        kind = "money"
        printed_unit = mult + "元"
        factor = U.MONEY_UNITS.get(printed_unit, Decimal(MULTIPLIERS.get(mult, 1)))
        norm_unit = "元"
    elif unit in _FOREIGN_MONEY:
        # 1363亿美元: money in its own currency (normalized_unit 美元), never converted to 元
        kind = "money"
        factor = Decimal(MULTIPLIERS.get(mult, 1))
        norm_unit = unit
    elif unit in _PERCENT_KINDS:
        if mult:
            return None
        kind = "percent"
        norm_unit = U.PERCENT_UNITS[unit]
    elif unit in _ORDINAL_SUFFIXES:
        kind = "ordinal"
        ordinal = True
    elif unit in _DURATIONS:
        kind = "duration"
        if unit == "周" and pos < n and f[pos] in "年岁边末":
            return None
    elif unit == U.SCORE_UNIT:
        nxt = f[pos] if pos < n else ""
        if mult or not arabic or nxt in U.NOT_SCORE_NEXT or prev in "点时":
            return None
        if prev in ":：" and num_start >= 2 and f[num_start - 2].isdigit():
            return None  # 8:30分 is a clock time; 自评得分：88分 is a score
        kind = "score"
    elif unit in _MEASURES:
        nxt = f[pos] if pos < n else ""
        if nxt in _MEASURE_NOT_BEFORE.get(unit, ()):
            return None
        kind = "count"
        if unit in _ORDINAL_MEASURES or (unit == "期" and f.startswith("工程", pos)):
            ordinal = True  # 十八届三中全会, 三峡三期工程: which one, not how many
        norm_unit = unit
        factor = Decimal(MULTIPLIERS.get(mult, 1))
        if not arabic and not ordinal:
            if num_text == "一" and not mult:
                return None  # 一户、一次、一场: idiom, not an audited count
            if unit in U.WEAK_MEASURE_WORDS and len(num_text) < 2:
                return None
            if prev in _OPEN_QUOTES:
                return None  # “四个意识”: a quoted slogan
            if _SLOGAN_AFTER.match(f, pos):
                return None  # 五个一批, 三支一扶, 两个全覆盖: slogans built on a count, not counts
    else:
        # no unit: ￥1,234.00 is money in 元; a bare 万/亿 before a money noun is 万元/亿元; near
        # words for people, a count of 人
        if prev in "￥¥" and prev and not inf and not ordinal:
            kind = "money"
            printed_unit = mult + "元"
            factor = U.MONEY_UNITS.get(printed_unit, Decimal(MULTIPLIERS.get(mult, 1)))
            norm_unit = "元"
        elif mult in ("万", "亿", "万亿") and not ordinal:
            if pos < n and any(f.startswith(w, pos) for w in U.OTHER_MEASURES):
                return None
            if _money_noun_follows(f, pos) or _money_clause_before(f, num_start, pos):
                kind = "money"
                printed_unit = mult + "元"
                factor = U.MONEY_UNITS[printed_unit]
                norm_unit = "元"
            else:
                people = _people_unit(f, num_start, pos)
                if people is None:
                    if not _money_sibling_before(f, num_start, pos):
                        return None
                    # 其中中央资金3000万，省级1000万: a list goes on in the unit its first item set
                    kind = "money"
                    printed_unit = mult + "元"
                    factor = U.MONEY_UNITS[printed_unit]
                    norm_unit = "元"
                else:
                    kind = "count"
                    printed_unit = mult + people
                    factor = Decimal(MULTIPLIERS[mult])
                    norm_unit = people
        else:
            return None
    if ordinal and kind not in ("count", "ordinal", "duration"):
        return None
    if ordinal:
        kind = "ordinal"
    # --- rate: 30元/户, 4小时/天, 583元/人*月
    per = None
    if kind in ("money", "count", "duration"):
        p = _PER.match(f, pos)
        if p is not None and kind == "count" and p.group("per") in _MEASURES:
            # 818台/套: two names for one unit, a count, not a rate
            printed_unit = norm_unit = f"{norm_unit}/{p.group('per')}"
            pos = p.end()
        elif p is not None:
            per = p.group("per")
            pos = p.end()
            # 583元/人*月, 583元/人·月 and 1300元/人/月 are one unit: the normalized unit says it one
            # way, so rules can compare rates; `unit` and `per` keep the printed form
            norm_unit = f"{norm_unit}/{_PER_JOINERS.sub('/', per)}"
            printed_unit = f"{printed_unit}/{per}"
            kind = "rate"
    unit_end = pos
    # --- approximation
    start = num_start - 1 if ordinal and prev == "第" else num_start
    approx, word = "exact", ""
    if kind != "ordinal":
        start, word, approx = _prefix(f, num_start)
        if inf:
            if approx == "exact":
                approx, word = "at_least", inf
        if prev and prev in "￥¥" and kind == "money":
            start = num_start - 1  # the currency sign is part of the figure
        s = _SUFFIX.match(f, pos)
        if s is not None and approx == "exact":
            word = s.group("suf")
            approx = U.APPROX_SUFFIXES[word]
            pos = s.end()
        elif s is not None and approx == U.APPROX_SUFFIXES[s.group("suf")] == "approx":
            pos = s.end()  # 约1.2亿元左右: the same “about” said twice, both words belong to the figure
    # --- precision and interval step
    prec = exponent(num_text) if arabic else 0
    if a.group("inf") and a.group("mult") and not inf_before:
        step = Decimal(1).scaleb(prec)  # 50万余: the remainder is below one 万
    elif arabic:
        step = Decimal(1).scaleb(significant_exponent(num_text))
    else:
        step = Decimal(1).scaleb(_cn_significant(value))
    integer_exact = kind in ("count", "ordinal", "duration") and not mult and "." not in num_text
    if kind == "ordinal":
        norm_unit = unit or "第"
    return Raw(
        kind=kind,
        start=start,
        end=pos,
        num_start=num_start,
        num_end=num_end,
        value=value,
        unit=printed_unit or unit,
        factor=factor,
        normalized_unit=norm_unit,
        precision=prec,
        step=step,
        approx=approx,
        approx_word=word,
        per=per,
        integer_exact=integer_exact,
        unit_end=unit_end,
    )


_MONEY_BEFORE = ("支出", "经费", "资金", "收入", "拨款", "预算", "决算", "费", "款", "金额", "投资")


def _money_clause_before(f: str, num_start: int, pos: int) -> bool:
    """``国内公务接待支出 0.39 万（含…``: a bare 万 closing a clause about money."""
    if pos < len(f) and not (f[pos] in "，。；、,;（(）) \t\n"):
        return False
    left = f[max(0, num_start - 12) : num_start]
    for d in "，。；、,;\n：:":
        i = left.rfind(d)
        if i != -1:
            left = left[i + 1 :]
    left = left.rstrip(" \t为是达共计约近")
    return left.endswith(_MONEY_BEFORE)


# An earlier item of the same sentence that is money in 万/亿 closing its clause: 资金3000万， / 300万元、
_MONEY_SIBLING = re.compile(r"\d(?:\.\d+)?[ \t]*[万亿]元?[ \t]*[，、；,;]")


def _money_sibling_before(f: str, num_start: int, pos: int) -> bool:
    """A bare 万/亿 closing a clause of a list whose earlier item, in the same sentence, is money
    (``其中中央资金3000万，省级1000万，县级配套1000万``): the list keeps its unit."""
    if pos < len(f) and f[pos] not in "，。；、,;）) \t\n":
        return False
    left = f[max(0, num_start - 160) : num_start]  # the sentence: budget lists run long
    for d in "。！？\n":
        i = left.rfind(d)
        if i != -1:
            left = left[i + 1 :]
    for m in _MONEY_SIBLING.finditer(left):
        head = left[: m.start() + 1]
        # the sibling itself must be money: written with 元, or a bare 万 after a money word
        if not (m.group().rstrip("，、；,; \t").endswith("元")
                or _money_clause_before(left, m.start() + 1 - _num_len(head), m.end() - 1)):
            continue
        # and the two must be items of one list: a 其中 list, or items joined by 、 only
        # (投资300万元，新增就业岗位2万: a new clause about something else, not an item)
        between = left[m.end() :]
        joined_by_dun = m.group().rstrip(" \t").endswith("、") and not re.search(r"[，,；;]", between)
        if "其中" in left[: m.start()] or "其中" in between or joined_by_dun:
            return True
    return False


def _num_len(head: str) -> int:
    """Length of the number that ends ``head`` (digits and one point)."""
    k = len(head)
    while k > 0 and (head[k - 1].isdigit() or head[k - 1] == "."):
        k -= 1
    return len(head) - k


def _people_unit(f: str, num_start: int, pos: int) -> str | None:
    """人次 / 人 when the clause around a bare 万 is about people, else None."""
    left = f[max(0, num_start - 14) : num_start]
    for d in "，。；、,;\n":
        i = left.rfind(d)
        if i != -1:
            left = left[i + 1 :]
    right = f[pos : pos + 8]
    for d in "，。；、,;\n":
        i = right.find(d)
        if i != -1:
            right = right[:i]
    window = left + right
    if "人次" in window:
        return "人次"
    if any(w in window for w in _PEOPLE_WORDS) or right.startswith("人"):
        return "人"
    return None


def _composite(f: str, num_start: int) -> Raw | None:
    """``1万6千多户``, ``1亿3千多万``, ``2亿5000万元``: Arabic digits written in Chinese numeral order."""
    m = _COMPOSITE.match(f, num_start)
    if m is None:
        return None
    high = Decimal(m.group("a")) * MULTIPLIERS[m.group("u1")]
    low_place = Decimal(1)
    if m.group("u2"):
        low_place *= 1000 if m.group("u2") == "千" else 100
    if m.group("u3"):
        low_place *= 10**4
    if low_place * Decimal(m.group("b")) >= MULTIPLIERS[m.group("u1")]:
        return None  # 1万60000: the lower section must be below the higher unit
    if not m.group("u2") and not m.group("u3") and len(m.group("b")) != len(str(MULTIPLIERS[m.group("u1")])) - 1:
        return None  # 1万600 is 10600 only when the digits fill the places (1万0600); too ambiguous otherwise
    value = high + Decimal(m.group("b")) * low_place
    pos = m.end()
    n = len(f)
    while pos < n and f[pos] in " \t":
        pos += 1
    kind, unit, norm_unit = "", "", ""
    if f.startswith("元", pos):
        kind, unit, norm_unit = "money", "元", "元"
        pos += 1
    else:
        for w in sorted(U.MEASURE_WORDS, key=len, reverse=True):
            if f.startswith(w, pos):
                kind, unit, norm_unit = "count", w, w
                pos += len(w)
                break
        else:
            people = _people_unit(f, num_start, pos)
            if people is None:
                return None
            kind, unit, norm_unit = "count", people, people
            pos = m.end()
    inf = m.group("inf")
    step = low_place if inf else low_place
    prec = int(low_place.adjusted())
    return Raw(
        kind=kind, start=num_start, end=pos, num_start=num_start, num_end=m.end(), value=value, unit=unit,
        factor=Decimal(1), normalized_unit=norm_unit, precision=prec, step=step,
        approx="at_least" if inf else "exact", approx_word=inf or "", unit_end=pos,
    )  # fmt: skip


def _cn_significant(value: Decimal) -> int:
    if value == 0 or value != value.to_integral_value():
        return 0
    s = str(int(value))
    return len(s) - len(s.rstrip("0"))


def _scan_ratios(f: str) -> list[Raw]:
    """``25.72:26.84:47.44``: shares of a whole, reported as percents when they sum to about 100."""
    out: list[Raw] = []
    for m in _RATIO.finditer(f):
        parts = []
        for pm in re.finditer(r"\d+(?:\.\d+)?", m.group()):
            parts.append((m.start() + pm.start(), m.start() + pm.end(), pm.group()))
        total = sum(Decimal(p[2]) for p in parts)
        if not Decimal(99) <= total <= Decimal(101):
            continue
        for s, e, t in parts:
            out.append(_self_unit("percent", "%", s, e, e, Decimal(t), exponent(t)))
    return out


def _scan_label_scores(f: str) -> list[Raw]:
    """``自评得分：98``: a score printed after its label without 分."""
    out: list[Raw] = []
    for m in _SCORE_LABEL.finditer(f):
        s, e = m.span("n")
        out.append(_self_unit("score", "分", s, e, e, Decimal(m.group("n")), exponent(m.group("n"))))
    return out


_CN_PERCENT = re.compile(
    r"(?P<base>[百千])分之(?:(?P<n>[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)"
    r"|(?P<ar>\d+(?:\.\d+)?)(?![\d.]))"
)


def _scan_cn_percents(f: str) -> list[Raw]:
    """``百分之九十五`` and ``千分之五`` / ``千分之3.2`` (a per-mille rate, as 出生率 is written):
    a percent or per-mille spelled with 分之.  Chinese numerals are exact to the unit, like all of them."""
    out: list[Raw] = []
    for m in _CN_PERCENT.finditer(f):
        if m.group("ar") is not None:
            value, prec = Decimal(m.group("ar")), exponent(m.group("ar"))
        else:
            value = parse_chinese(m.group("n"))
            prec = -len(m.group("n").partition("点")[2])
        if value is None:
            continue
        s, e = m.span()
        unit = "%" if m.group("base") == "百" else "‰"
        unit_end = e
        approx, word = "exact", ""
        suf = _SUFFIX.match(f, e)
        if suf is not None:
            word = suf.group("suf")
            approx, e = U.APPROX_SUFFIXES[word], suf.end()
        out.append(_self_unit("percent", unit, s, e, unit_end, value, prec, approx=approx, approx_word=word))
    return out


def _self_unit(kind: str, unit: str, s: int, e: int, unit_end: int, value: Decimal, prec: int, **approx) -> Raw:
    """A figure whose printed unit is its normalized unit (%, ‰, 分): factor 1, step from its precision."""
    return Raw(
        kind=kind, start=s, end=e, num_start=s, num_end=unit_end, value=value, unit=unit, factor=Decimal(1),
        normalized_unit=unit, precision=prec, step=Decimal(1).scaleb(prec), unit_end=unit_end, **approx,
    )  # fmt: skip


def _merge(base: list[Raw], extra: list[Raw]) -> list[Raw]:
    """Add ``extra`` figures that do not overlap any figure already found; keep text order."""
    if not extra:
        return base
    taken = sorted((r.start, r.end) for r in base)
    from bisect import bisect_right

    starts = [t[0] for t in taken]
    out = list(base)
    for r in extra:
        i = bisect_right(starts, r.start) - 1
        if i >= 0 and taken[i][1] > r.start:
            continue
        if i + 1 < len(taken) and taken[i + 1][0] < r.end:
            continue
        out.append(r)
    out.sort(key=lambda r: (r.start, r.end))
    return out


def _innermost_sections(raws: list[Raw], sections: list[Section]) -> list[str | None]:
    """Section id of the innermost section containing each figure (figures in text order)."""
    if not sections:
        return [None] * len(raws)
    secs = sorted(sections, key=lambda s: (s.span[0], -s.span[1], s.level))
    out: list[str | None] = []
    stack: list[Section] = []
    i = 0
    for r in raws:
        while i < len(secs) and secs[i].span[0] <= r.start:
            # a section starting here closes the open ones that already ended
            while stack and stack[-1].span[1] <= secs[i].span[0]:
                stack.pop()
            stack.append(secs[i])
            i += 1
        while stack and stack[-1].span[1] <= r.start:
            stack.pop()
        # the stack may hold non-nested leftovers; the innermost containing one is the deepest valid
        found = None
        for s in reversed(stack):
            if s.span[0] <= r.start < s.span[1]:
                found = s.id
                break
        out.append(found)
    return out


def find_quantities(document: Document, sections: list[Section], meta: DocumentMeta) -> list[Quantity]:
    """Every figure of the document, in text order, ids ``q1``..; never raises on any text."""
    from .concepts import concept_of
    from .labels import attach_labels
    from .tables import scan_tables

    text = document.text
    f = fold(text)
    raws = _scan_text(text, f)
    raws = _merge(raws, _scan_ratios(f))
    raws = _merge(raws, _scan_label_scores(f))
    if "分之" in f:
        raws = _merge(raws, _scan_cn_percents(f))
    raws = scan_tables(document, f, raws)
    attach_labels(text, f, raws)
    section_ids = _innermost_sections(raws, sections)
    out: list[Quantity] = []
    for i, (r, sec) in enumerate(zip(raws, section_ids, strict=True), 1):
        lo, hi = interval(r)
        # trusted, not Quantity(...): every value is built above with its exact type (Decimal,
        # int, tuple, str); validating it again cost more than the scan (model/trusted.py)
        out.append(
            trusted(
                Quantity,
                id=f"q{i}",
                kind=r.kind,
                text=text[r.start : r.end],
                span=(r.start, r.end),
                value=r.value,
                unit=r.unit,
                normalized=_clean(r.value * r.factor),
                normalized_unit=r.normalized_unit,
                precision=r.precision,
                approx=r.approx,
                interval=(lo, hi),
                label=r.label,
                concept=concept_of(r.label, r.concept_header or r.column_header, r.kind),
                section=sec,
                location=document.locate(r.start),
                per=r.per,
                from_table=r.from_table,
                column_header=r.column_header,
            )
        )
    return out
