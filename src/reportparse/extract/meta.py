"""Title, organization, fiscal year and genre of a report, read from its first lines.

Real first pages are messy: a PDF title broken over three lines (`上海市普陀区规划和自然` / `资源局` /
`2024 年度部门决算 目 录`), a page marker `- 1 -` before the title, the table of contents glued to the
title, full-width digits (`２００７年`), a year without 年 (`2014国务院政府工作报告`).  So the title is
the shortest run of the first non-empty lines that holds a genre word, and everything else is read
from that title first, then from the head of the document.  Pure `re`, compiled once; never raises.
"""

from __future__ import annotations

import re

from ..model import Document, DocumentMeta
from .chinese_numerals import DIGIT_CHARS, ascii_digits, digit_string

HEAD_CHARS = 3000  # the title page; the body is never searched for meta
MAX_TITLE = 80  # a longer first line is body text, not a title
MAX_TITLE_LINES = 4  # a PDF title rarely wraps more than this

# Words that close a title: once the joined lines hold one of these, the title is complete.
_TITLE_END = re.compile(r"报告|决算|预算|公报|说明|自评表|评价|情况")
_TOC = re.compile(r"\s*目\s*录.*$")
_JUNK_LINE = re.compile(r"^[\s\-—_·.0-9第页共/]*$|^\[bookmark:[^\]]*\]\s*$")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_WS = re.compile(r"\s+")

_YEAR = re.compile(
    rf"(?<![0-9])([12][0-9]{{3}}|[{DIGIT_CHARS}]{{4}})\s*(?:年|(?=国务院|政府|部门|单位|区级|市级|县级))"
)
_YEAR_DU = re.compile(r"(?<![0-9])([12][0-9]{3})\s*年度")

# Order matters: the first genre whose pattern matches the title wins (an audit of budget execution
# is an audit report; 三公 before 预算/决算; 项目 before the whole-department evaluation).
_GENRES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("audit_report", re.compile(r"审计(?:工作)?报告|审计结果")),
    ("three_public", re.compile(r"三公")),
    ("project_self_evaluation", re.compile(r"项目.*(?:绩效|自评)|(?:绩效|自评).*项目")),
    ("performance_self_evaluation", re.compile(r"绩效.*(?:评价|自评|评估)|自评报告|整体支出")),
    ("final_accounts", re.compile(r"决算")),
    ("budget", re.compile(r"预算")),
    ("statistics_communique", re.compile(r"统计公报|国民经济和社会发展.*公报")),
    ("work_report", re.compile(r"政府工作报告")),
)

# A label line naming the organization (budgets and final accounts print one on the cover).
_ORG_LABEL = re.compile(
    r"(?:预算主管部门|预算单位|决算单位|部门名称|单位名称|填报单位|编制单位)\s*[:：]\s*([^\s:：，,。]{2,40}?)\s*(?:目\s*录|\n|$)"
)
_ORG_SPEAKER = re.compile(r"我代表(国务院|[^\s，,。、]{2,20}?人民政府)")
_ORG_SUFFIX = re.compile(
    r"(?:协会|委员会|委|局|厅|部|办公室|办事处|中心|院|所|站|馆|队|会|政府|国务院|学校|大学|医院|公司|街道|镇|乡|县|区|市|省|处|科|室|社|团|联合会|工作部)$"
)
# What stands between the organization and the year, or after the year before the genre words.
# (`二〇二三年度澄溪县民政局…`: the year ends at 年, so a leading 度 is the year's, never the body's)
_ORG_TAIL_STRIP = re.compile(r"^度?(?:关于|对)?|(?:关于|的|（|\()$")
_GENRE_WORDS = re.compile(
    r"(?:部门|单位|区级|市级|县级)?(?:整体支出)?(?:政府工作报告|政府信息公开工作年度报告|工作报告|预算|决算|绩效.*|统计公报|报告).*$"
)


def _lines(text: str) -> list[str]:
    out = []
    for raw in text.split("\n"):
        line = _WS.sub(" ", _BOOKMARK.sub("", raw)).strip()
        if line and not _JUNK_LINE.match(line):
            out.append(line)
    return out


def _join(parts: list[str]) -> str:
    """Join wrapped title lines: no space is added where a PDF broke a word."""
    return "".join(parts).strip()


def find_title(head: str) -> str | None:
    lines = _lines(head)[: MAX_TITLE_LINES + 8]
    if not lines:
        return None
    # The shortest run of the first lines that closes with a genre word.
    for n in range(1, min(MAX_TITLE_LINES, len(lines)) + 1):
        joined = _TOC.sub("", _join(lines[:n]))
        if len(joined) > MAX_TITLE:
            break
        if _TITLE_END.search(joined):
            return joined
        if _TOC.search(_join(lines[:n])):
            break  # the table of contents starts: no genre word in the title
    # Otherwise a short line further down that names the genre (`政府工作报告` under a dateline).
    for line in lines[1:12]:
        line = _TOC.sub("", line)
        if len(line) <= 40 and any(p.search(line) for _, p in _GENRES):
            return line
    first = _TOC.sub("", lines[0])
    return first if 0 < len(first) <= MAX_TITLE else None


def find_year(text: str) -> tuple[int, int, int] | None:
    """(year, start, end) of the first plausible report year in ``text`` (a title or a head)."""
    folded = ascii_digits(text)
    for rx in (_YEAR_DU, _YEAR):
        for m in rx.finditer(folded):
            y = digit_string(m.group(1))
            if y is not None and 1949 <= y <= 2100:
                return y, m.start(), m.end()
    return None


def find_genre(title: str | None, head: str) -> str:
    for text in (title or "", head[:2000]):
        for genre, rx in _GENRES:
            if rx.search(text):
                return genre
    return "other"


def _clean_org(s: str) -> str | None:
    s = _WS.sub("", s)
    s = _ORG_TAIL_STRIP.sub("", s)
    s = s.strip("：:，,。、“”\"'《》()（）[]【】-—·")
    if not (2 <= len(s) <= 40) or "XX" in s.upper():
        return None  # a blank template (`上海市 XX 局`) has no organization yet
    if re.search(r"[0-9。，,；;：:！？!?]", s):
        return None
    return s


def find_organization(title: str | None, head: str) -> str | None:
    m = _ORG_LABEL.search(head)
    if m and (org := _clean_org(m.group(1))):
        return org
    if title:
        y = find_year(title)
        if y is not None:
            before = _clean_org(title[: y[1]])
            if before and _ORG_SUFFIX.search(before):
                return before
            after = _clean_org(_GENRE_WORDS.sub("", title[y[2]:]))
            if after and _ORG_SUFFIX.search(after):
                return after
            if before:
                return before
        else:
            org = _clean_org(_GENRE_WORDS.sub("", title))
            if org and _ORG_SUFFIX.search(org):
                return org
    m = _ORG_SPEAKER.search(head)
    if m:
        return m.group(1)
    return None


def find_meta(document: Document) -> DocumentMeta:
    """Meta of a report from its title page.  Never raises; unknown fields stay None / `other`."""
    try:
        head = document.text[:HEAD_CHARS]
        title = find_title(head)
        year = find_year(title) if title else None
        if year is None:
            year = find_year(head[:1500])
        return DocumentMeta(
            title=title,
            organization=find_organization(title, head),
            fiscal_year=year[0] if year else None,
            genre=find_genre(title, head),  # type: ignore[arg-type]
        )
    except Exception:  # extraction never stops a batch; a report without meta is still a report
        return DocumentMeta()
