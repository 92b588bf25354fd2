"""Template residue: the places where a report still shows the form it was filled in from.

Chinese budget and final-accounts reports are written by filling a template (附件2：部门决算模板):
`XXX 万元`, `增加（减少）`, `20XX年`, `（ 年 月 日）`.  What an editor forgets to fill or to choose
stays in the published text.  This module is a pure function over ``document.text`` that returns
those spans, so the 7xx rules stay free of regular expressions (rules never parse text).

Kinds (``Residue.kind``):
    placeholder   an unreplaced placeholder: `XXX`, `XX`, `20XX年`, `××`
    alternative   both words of a choice left in: `增加（减少）`, `下降（增长）27.78%`
    blank         a figure left out between a word and its unit: `占 %`, `比上年减少 万元`
    blank_date    a date left out: `（ 年 月 日）`, `(-年-月-日)`
    blank_reason  a reason left out: `主要原因是。`
    missing_unit  a growth or decline figure with no % (or unit) after it: `增长13.95。`
    instruction   the template's instructions to the writer: `（如持平作持平表述）`, `…仍保留该表格式，
                  并在本表下方作下述说明：`

Each match keeps a ``key`` (the residue with whitespace removed) so a rule can group hundreds of
identical blanks in an unfilled template into one finding per distinct residue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Direction words that templates pair as a choice, `增加（减少）`; only opposite pairs count, so a
# genuine gloss such as `增长（同比）` is left alone.
_OPPOSITE = {
    "增加": {"减少"}, "减少": {"增加"}, "增长": {"下降", "减少"}, "下降": {"增长", "上升"},
    "上升": {"下降"}, "提高": {"降低"}, "降低": {"提高"}, "大于": {"小于", "等于"}, "小于": {"大于", "等于"},
    "高于": {"低于"}, "低于": {"高于"}, "增": {"减"}, "减": {"增"},
}
_DIR = "增加|减少|增长|下降|上升|提高|降低|大于|小于|高于|低于|等于"
_ALTERNATIVE = re.compile(rf"({_DIR}|增|减)[ \t\u3000]*[（(][ \t\u3000]*({_DIR}|增|减)[ \t\u3000]*[)）]")

# `XX`, `XXX`, `XXXXXXXX` (Latin or full-width X, or ×) not inside a Latin word, and `20XX年`.
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:(?:19|20)[XxＸｘ]{2}(?=[ \t\u3000]*年)|[XＸ]{2,}|[×]{2,})(?![A-Za-z])"
)

# A word that must be followed by a figure, then only blank space, then the figure's unit.
# For % and ‰ no space is needed (`占%` is blank already); for money the blank must be visible
# (`减少 万元`), because `…减少万元户` style compounds are not impossible in prose.
_NEEDS_FIGURE = (
    r"占|为|达|达到|增加|减少|增长|下降|上升|降低|提高|共计|合计|总计|累计|约|支出|收入|安排|拨款|完成预算的"
    r"|完成年初预算的|比上年增加|比上年减少"
)
_BLANK_PERCENT = re.compile(rf"(?:{_NEEDS_FIGURE})([ \t\u3000\n]*)(?:%|％|‰|个百分点)")
_BLANK_MONEY = re.compile(rf"(?:{_NEEDS_FIGURE})([ \t\u3000\n]+)(?:万元|亿元|元)(?!户)")

# `（ 年 月 日）`, `(-年-月-日)`, `____年__月__日`: the number before 年 and between the parts is missing.
_BLANK_DATE = re.compile(r"年[ \t\u3000\-－—_]+月[ \t\u3000\-－—_]+日[）)]?")
_DATE_FILL = " \t\u3000-－—_"
_NUMERAL = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十Xx")

# `主要原因是。`, `主要原因：；`: the reason sentence ends where its content should start.
_BLANK_REASON = re.compile(r"(?:主要原因[是为]?|原因[是为]|主要用于)[ \t\u3000]*[：:]?[ \t\u3000]*(?=[。；;，,])")

# `增长13.95。`: a change figure with decimals and nothing after it but punctuation or the line end.
# Whitespace and newlines are skipped first (PDF lines break between a figure and its unit).
_MISSING_UNIT = re.compile(
    r"(?:增长|下降|增幅为?|降幅为?|上升|提高|降低)[ \t\u3000]*(\d+\.\d+)(?=[ \t\u3000]*(?:[。；;，,）)]|\n\s*\n|\Z))"
)


# The template's own instructions to the writer, published along with the report:
# `无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：` (a real 决算 kept it).
# Each alternative starts with a literal, so the scan is fast; the clause before 仍保留该表格式
# (`无政府性基金预算财政拨款收入支出的，`) is added by _clause_start.
_INSTRUCTION = re.compile(
    r"[（(](?:如持平作持平表述|不涉及的不列|制度名称)[)）]"
    r"|仍保留该表格式[^。\n]{0,20}作下述说明[：:]?"
    r"|按上述格式依次说明[^。\n]{0,30}"
    r"|预决算持平的不用说明变动原因"
)
_CLAUSE_BACK = 40


def _clause_start(text: str, start: int) -> int:
    """Start of the clause ending at ``start``: back over at most 40 characters to 。 or a line end,
    so `无…收入支出的，仍保留该表格式` is reported whole."""
    lo = max(0, start - _CLAUSE_BACK)
    cut = max(text.rfind("。", lo, start), text.rfind("\n", lo, start))
    return cut + 1 if cut != -1 else lo


@dataclass(frozen=True, slots=True)
class Residue:
    kind: str  # placeholder | alternative | blank | blank_date | blank_reason | missing_unit | instruction
    start: int
    end: int
    text: str  # exactly text[start:end]
    key: str  # the residue without whitespace, for grouping identical blanks


def _key(s: str) -> str:
    return re.sub(r"\s+", "", s)


def find_residue(text: str) -> list[Residue]:
    """Every template residue in ``text``, sorted by position; overlapping matches keep the first kind."""
    found: list[Residue] = []

    def add(kind: str, start: int, end: int) -> None:
        found.append(Residue(kind, start, end, text[start:end], _key(text[start:end])))

    for m in _ALTERNATIVE.finditer(text):
        a, b = m.group(1), m.group(2)
        if b in _OPPOSITE.get(a, ()):
            add("alternative", m.start(), m.end())
    if "X" in text or "Ｘ" in text or "×" in text:  # most reports have none: skip the scan
        for m in _PLACEHOLDER.finditer(text):
            add("placeholder", m.start(), m.end())
    for rx in (_BLANK_PERCENT, _BLANK_MONEY):
        for m in rx.finditer(text):
            add("blank", m.start(), m.end())
    for m in _BLANK_DATE.finditer(text):
        # the match starts at 年 (a literal, so the scan is fast); walk back over the blank before it
        a = m.start()
        while a > 0 and text[a - 1] in _DATE_FILL:
            a -= 1
        if a > 0 and text[a - 1] in _NUMERAL:
            continue  # `2021年 1 月 3 日` with spaces is a date, not a blank
        if a > 0 and text[a - 1] in "（(":
            a -= 1
        while text[a] in " \t\u3000":  # the blank is the figures, not the space before them
            a += 1
        end = m.end()
        if text[end - 1] in "）)" and text[a] not in "（(":
            end -= 1
        add("blank_date", a, end)
    for m in _BLANK_REASON.finditer(text):
        add("blank_reason", m.start(), m.end())
    for m in _MISSING_UNIT.finditer(text):
        add("missing_unit", m.start(), m.end())
    for m in _INSTRUCTION.finditer(text):
        a = _clause_start(text, m.start()) if m.group(0).startswith("仍保留") else m.start()
        while a < m.start() and text[a].isspace():
            a += 1
        add("instruction", a, m.end())

    found.sort(key=lambda r: (r.start, -r.end, r.kind))
    out: list[Residue] = []
    last_end = -1
    for r in found:
        if r.start < last_end:  # nested in an earlier match (e.g. `XX` inside `20XX年`)
            continue
        out.append(r)
        last_end = r.end
    return out


__all__ = ["Residue", "find_residue"]
