"""4xx dates: events inside the report's year, ranges and times in order, weekdays and anniversaries
that agree with their dates, and a budget that compares against its own year.

Dates come from extract/dates.py (ISO values, inferred years, times of day).  The few words these
rules need around a date (a weekday after it, 至/到 between two times, 比/与 before a year, the event
of an anniversary) are read from the characters right next to the mention: they are part of how the
date is stated, not figures of their own, and extraction does not carry them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ..model import Finding
from .base import Context, Rule

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SENTENCE_END = re.compile(r"[。！？；\n]")


_MONTH = re.compile(r"\d{4}-\d{2}")


def _day(value: str) -> date | None:
    m = _DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _year_of(value: str) -> int | None:
    m = re.match(r"^(\d{4})", value)
    return int(m.group(1)) if m else None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    a = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    m = _SENTENCE_END.search(text, end)
    return a, (m.start() if m else min(len(text), end + 300))


# Words next to a dated mention that make it history or a document's date, not an event of the year.
_HISTORY_BEFORE = re.compile(r"(?:(?:成立|始建|创建|建立|组建|设立|根据|依据|按照|《)[^。，；\n]{0,6}|(?:截至|截止|自|从|于)\s*)$")
_HISTORY_AFTER = re.compile(r"^[^。，；]{0,4}(印发|发布|出台|颁布|实施|施行|生效|成立|以来|起|开始实施|通过|下发|批复|文件|》|至今)")


_ONE_YEAR_GENRES = {"performance_self_evaluation", "project_self_evaluation", "final_accounts", "budget",
                    "three_public"}


class DateOutsideYear(Rule):
    """A dated event (day or month with the year written) outside the report's year.

    Why:
        A 2021 report that says its 换届推进会 was held on 2012年1月13日 has a typo in the year,
        or reports another year's work: either way an auditor asks.

    Bad:
        新田县计划生育协会2021年度部门整体支出绩效评价报告
        2019年1月13日下午三点，县计生协会召开全县换届工作推进会。

    Good:
        新田县计划生育协会2021年度部门整体支出绩效评价报告
        2021年1月13日下午三点，县计生协会召开全县换届工作推进会。表彰了2020年度优秀会员15名。

    Tolerance:
        The report's own year, the year after it (reports are written and signed then) and the year
        before it (budgets are drawn up then, `截至2024年8月31日`; December preparations are common).

    Limits:
        Only one-year reports (绩效自评, 预算, 决算, 三公); work reports and communiqués review several
        years.  Only day- or month-level dates whose year is written; a bare year (`2020年度优秀会员`) is a
        reference, not an event.  Dates next to 成立/印发/截至/自…以来/《…》 are history or a document's
        date and are skipped.  Warning: the event may be history the text does not mark.
    """

    id = "RP401"
    name = "date-outside-year"
    severity = "warning"
    summary = "事件日期不在报告年度内（年份疑似笔误，或记述的是其他年度的工作）"

    def check(self, ctx: Context) -> Iterable[Finding]:
        fy = ctx.fiscal_year
        # work reports, communiqués and audits review several years by design: only one-year reports
        if fy is None or ctx.report.document.genre not in _ONE_YEAR_GENRES:
            return
        # the year before is tolerated too: `2020年12月` preparations in a 2021 report are common and
        # an off-by-one typo cannot be told from them; a wrong decade (`2012` for `2021`) can
        allowed = {fy - 1, fy, fy + 1}
        text = ctx.document.text
        for d in ctx.report.dates:
            if d.kind not in ("date", "month") or d.year_inferred:
                continue
            year = _year_of(d.value)
            if year is None or year in allowed:
                continue
            before = text[max(0, d.span[0] - 12) : d.span[0]]
            after = text[d.span[1] : d.span[1] + 10]
            if _HISTORY_BEFORE.search(before) or _HISTORY_AFTER.search(after):
                continue
            yield ctx.fail(self, f"日期“{d.text}”在 {year} 年，不在报告年度 {fy} 年内：年份是否笔误？", [(d, "date")],
                           expected=str(fy), actual=str(year))


class RangeOrder(Rule):
    """A date range that ends before it starts: `4月22-21日`, `2023—2021年度`.

    Why:
        A range written backwards is a typo in one of its ends; the period it states is empty.

    Bad:
        某单位2021年度工作报告
        2021年6月25日至4月8日开展专项检查。

    Good:
        某单位2021年度工作报告
        2021年4月8日至6月25日开展专项检查。

    Tolerance:
        None: ends compared at the granularity written (day, month or year).

    Limits:
        Open ranges (`今年3月以来`) have no end and are not checked.
    """

    id = "RP402"
    name = "date-range-reversed"
    summary = "日期区间的终点早于起点"

    def check(self, ctx: Context) -> Iterable[Finding]:
        yield from self._pairs(ctx)
        for d in ctx.report.dates:
            if d.kind != "range" or "/" not in d.value:
                continue
            a, b = d.value.split("/", 1)
            if ".." in (a, b) or not a[:1].isdigit() or not b[:1].isdigit():
                continue
            n = min(len(a), len(b))
            if a[:n] > b[:n]:
                yield ctx.fail(self, f"日期区间“{d.text}”的终点 {b} 早于起点 {a}", [(d, "range")], expected=f"≥ {a}",
                               actual=b)
            else:
                yield ctx.passed(self, f"日期区间“{d.text}”起止有序（{a} 至 {b}）", [(d, "range")])


    def _pairs(self, ctx: Context) -> Iterable[Finding]:
        """Two day (or month) mentions joined by 至/到 that extraction kept apart (it builds a range only
        when the ends are in order): `2021年6月25日至4月8日`, `2023年10月至2023年6月`."""
        text = ctx.document.text
        # days and months (`2023年10月至2023年6月`), compared at the coarser granularity of the two
        days = sorted((d for d in ctx.report.dates if not d.time and (
            (d.kind == "date" and _day(d.value)) or (d.kind == "month" and _MONTH.fullmatch(d.value)))),
            key=lambda d: d.span)
        for a, b in zip(days, days[1:], strict=False):
            if not re.fullmatch(r"\s*(?:至|到|—|－|~|～)\s*", text[a.span[1] : b.span[0]]):
                continue
            n = min(len(a.value), len(b.value))
            if b.year_inferred and a.value[5:7] in ("11", "12") and b.value[5:7] in ("01", "02"):
                continue  # `12月20日至1月5日`: the end without a year is in the next year
            if b.value[:n] < a.value[:n]:
                yield ctx.fail(self, f"日期区间“{text[a.span[0]:b.span[1]]}”的终点 {b.value} 早于起点 {a.value}",
                               [(b, "end"), (a, "start")], expected=f"≥ {a.value}", actual=b.value)


_LINK = re.compile(r"(至|到|直到|一直到|持续到|坚持到|—|－|-|~|～)")


class TimeOrder(Rule):
    """A start and an end time of one event in the wrong order: `下午4:30开始，至当天下午2点`.

    Why:
        `6月5日下午4:30点开始，坚持到6月6号凌晨2点` is fine: it crosses midnight to the next day.
        An end earlier than its start on the same day is a typo in one of the two times.

    Bad:
        某单位2021年度工作报告
        6月5日下午4:30点开始，坚持到6月5日下午2点，协助检测2000人。

    Good:
        某单位2021年度工作报告
        6月5日下午4:30点开始，坚持到6月6号凌晨2点，协助检测2000人。

    Tolerance:
        None: times compared to the minute, on the dates extraction resolved for them.

    Limits:
        Only two timed mentions in one sentence, linked by 至/到/—; a time without a day is not reported
        by extraction and so not checked.
    """

    id = "RP403"
    name = "time-order"
    summary = "同一事件的结束时间早于开始时间"

    def check(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.document.text
        timed = [d for d in ctx.report.dates if d.time and _day(d.value)]
        timed.sort(key=lambda d: d.span)
        for a, b in zip(timed, timed[1:], strict=False):
            between = text[a.span[1] : b.span[0]]
            if len(between) > 30 or _SENTENCE_END.search(between) or not _LINK.search(between):
                continue
            start = (_day(a.value), a.time)
            end = (_day(b.value), b.time)
            if end < start:
                yield ctx.fail(self, f"结束时间“{b.text}”（{b.value} {b.time}）早于开始时间“{a.text}”（{a.value} {a.time}）",
                               [(b, "end"), (a, "start")], expected=f"≥ {a.value} {a.time}",
                               actual=f"{b.value} {b.time}")
            else:
                yield ctx.passed(self, f"“{a.text}”至“{b.text}”时间有序（{a.value} {a.time} → {b.value} {b.time}）",
                                 [(a, "start"), (b, "end")])


_WEEKDAY = re.compile(r"^[（(]?\s*(?:星期|礼拜|周)([一二三四五六日天])")
_WD = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WD_NAME = "一二三四五六日"


class WeekdayMismatch(Rule):
    """A written weekday that is not the weekday of its date: `2021年1月13日（星期四）` (it was a Wednesday).

    Why:
        When a date and a weekday disagree one of them is wrong, and the reader cannot tell which day
        the event took place.

    Bad:
        某单位2021年度工作报告
        2021年1月13日（星期四）召开换届工作推进会。

    Good:
        某单位2021年度工作报告
        2021年1月13日（星期三）召开换届工作推进会。

    Tolerance:
        None.

    Limits:
        Only a weekday written right after a full date (星期三, 周三, 礼拜三, in brackets or not).
    """

    id = "RP404"
    name = "weekday-mismatch"
    summary = "日期后所写的星期与该日期实际的星期不符"

    def check(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.document.text
        for d in ctx.report.dates:
            day = _day(d.value)
            if d.kind != "date" or day is None:
                continue
            m = _WEEKDAY.match(text[d.span[1] : d.span[1] + 8])
            if not m:
                continue
            ws, we = d.span[1] + m.start(), d.span[1] + m.end()
            written = _WD[m.group(1)]
            real = day.weekday()
            members = [(d, "date"), (text[ws:we], (ws, we), "weekday")]
            if written != real:
                yield ctx.fail(self, f"{d.value} 是星期{_WD_NAME[real]}，文中写作“{text[ws:we].lstrip('（(')}”",
                               members, expected=f"星期{_WD_NAME[real]}", actual=f"星期{_WD_NAME[written]}")
            else:
                yield ctx.passed(self, f"{d.value} 确为星期{_WD_NAME[real]}", members)


# Founding years of the anniversaries reports celebrate (the event words as they are written).
_EVENTS = [
    (re.compile(r"建党|中国共产党成立|党的成立"), 1921, "中国共产党成立"),
    (re.compile(r"新中国成立|中华人民共和国成立|建国"), 1949, "中华人民共和国成立"),
    (re.compile(r"改革开放"), 1978, "改革开放"),
    (re.compile(r"建军|人民解放军建军|中国人民解放军成立"), 1927, "建军"),
    (re.compile(r"香港回归"), 1997, "香港回归"),
    (re.compile(r"澳门回归"), 1999, "澳门回归"),
    (re.compile(r"抗日战争胜利|抗战胜利|世界反法西斯战争胜利"), 1945, "抗日战争胜利"),
    (re.compile(r"五四运动"), 1919, "五四运动"),
    (re.compile(r"红军长征胜利|长征胜利"), 1936, "红军长征胜利"),
]
_FOUNDED = re.compile(r"(?:成立|始建|创建|建立|组建)于\s*(\d{4})\s*年|(\d{4})\s*年[^。，；]{0,8}?(?:成立|始建|创建|建立|组建)")


class AnniversaryMismatch(Rule):
    """An anniversary whose number does not fit the year: `建党100周年` belongs to 2021 (1921 + 100).

    Why:
        `今年是建党101周年` in a 2021 report, or `成立于1980年…成立40周年` in 2021, has a wrong number or
        a wrong year; the anniversary is fixed arithmetic.

    Bad:
        某单位2021年度工作报告
        今年是中国共产党建党 101 周年。

    Good:
        某单位2021年度工作报告
        今年是中国共产党建党 100 周年，中国计生协成立41周年。

    Tolerance:
        None.  The anniversary year is a year written in the same sentence (or 今年): error; without
        one, the report's year for one-year reports: warning (the text may look back); work reports
        (which review the year before) are skipped.

    Limits:
        Only well-known founding events (建党 1921, 建国 1949, 改革开放 1978, 建军 1927 …) and a founding
        year stated in the same sentence (`成立于1980年`); `成立41周年` alone is not checked.
    """

    id = "RP405"
    name = "anniversary-mismatch"
    summary = "周年数与年份不符（如 2021 年应为建党 100 周年）"

    def check(self, ctx: Context) -> Iterable[Finding]:
        fy = ctx.fiscal_year
        text = ctx.document.text
        for q in ctx.report.quantities:
            if q.kind != "ordinal" or "周年" not in (q.unit or "") or q.value <= 0:
                continue
            s0, s1 = _sentence(text, q.span[0], q.span[1])
            before = text[max(s0, q.span[0] - 16) : q.span[0]]
            founding = None
            what = ""
            for rx, year, name in _EVENTS:
                if rx.search(before):
                    founding, what = year, name
            if founding is None:
                m = None
                for m in _FOUNDED.finditer(text, s0, q.span[0]):
                    pass
                if m is None or not re.search(r"成立|创建|建立|组建|始建", before):
                    continue
                founding, what = int(m.group(1) or m.group(2)), "成立"
            n = int(q.value)
            expected = founding + n
            # the year the sentence speaks of: a year written in it, or 今年; without either, the
            # report's year only for one-year reports (a work report reviews the year before it)
            years = {y for d in ctx.report.dates if s0 <= d.span[0] < s1
                     and (not d.year_inferred or (d.kind == "relative" and re.fullmatch(r"\d{4}", d.value)))
                     for y in [_year_of(d.value)] if y}
            stated = bool(years)
            if not years and fy and ctx.report.document.genre in _ONE_YEAR_GENRES:
                years = {fy}
            if not years:
                continue
            if expected in years:
                yield ctx.passed(self, f"{what}（{founding}年）{n}周年 = {expected}年，与年份相符", [(q, "anniversary")])
                continue
            target = fy if fy in years else min(years)
            yield ctx.fail(self, f"“{q.text}”：{what}于{founding}年，{n}周年应在{expected}年，"
                                 f"而此处的年份是{target}年（应为{target - founding}周年）",
                           [(q, "anniversary")], expected=str(target - founding), actual=str(n),
                           # the sentence names its year (今年, 2021年): broken arithmetic; else the
                           # report's year is only assumed, and the text may look back a year
                           severity=None if stated else "warning")


_COMPARE_BEFORE = re.compile(r"(?:比|较|与|同|对比|相比)\s*$")
_COMPARE_AFTER = re.compile(r"^\s*(?:年度)?\s*(?:预算|决算|执行数|同期|相比|比较|增加|减少|增长|下降|持平)")


class ComparesWithOwnYear(Rule):
    """A year-on-year comparison against the report's own year: a 2026 budget `比2026年预算增加`.

    Why:
        A budget compares with last year's budget; `2026年预算…比2026年预算增加120万元` compares a year
        with itself, so the year was not updated from the template (domain.md §4).

    Bad:
        某区财政局2026年部门预算
        2026年财政拨款支出预算1200.00万元，比2026年预算增加120.00万元。

    Good:
        某区财政局2026年部门预算
        2026年财政拨款支出预算1200.00万元，比2025年预算增加120.00万元。

    Tolerance:
        None.

    Limits:
        Only 比/较/与 directly before the year and 预算/决算/相比/增加… right after it; a 决算 that
        compares 决算 with the same year's 预算 (`决算数与2024年预算数相比`) is budget execution and is
        left alone because 决算 reports are not checked for `预算` targets.
    """

    id = "RP406"
    name = "compares-with-own-year"
    summary = "与本年度自身比较（如 2026 年预算“比2026年预算增加”，应为上年）"

    def check(self, ctx: Context) -> Iterable[Finding]:
        fy = ctx.fiscal_year
        if fy is None:
            return
        genre = ctx.report.document.genre
        text = ctx.document.text
        for d in ctx.report.dates:
            if d.kind != "year" or d.year_inferred or _year_of(d.value) != fy:
                continue
            if not _COMPARE_BEFORE.search(text[max(0, d.span[0] - 4) : d.span[0]]):
                continue
            m = _COMPARE_AFTER.match(text[d.span[1] : d.span[1] + 8])
            if not m:
                continue
            word = m.group(0)
            if genre != "budget" and ("预算" in word or "执行" in word):
                continue  # 决算 against the same year's 预算 is budget execution, not a yoy comparison
            yield ctx.fail(self, f"报告年度为 {fy} 年，却与“{d.text}”比较：比较基准应为上年（{fy - 1}年）",
                           [(d, "compared_year")], expected=str(fy - 1), actual=str(fy))


RULES: list = [DateOutsideYear, RangeOrder, TimeOrder, WeekdayMismatch, AnniversaryMismatch, ComparesWithOwnYear]
