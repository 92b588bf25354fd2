"""7xx template residue: what an editor left of the form the report was filled in from.

The matcher lives in extract/template.py (the one family that must look at the text); these rules
only group and word its matches.  Identical residue is reported once with every place as a member,
so an unfilled template (附件2：部门决算模板) gives a handful of useful findings, not hundreds.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..extract.template import Residue, find_residue
from ..model import Finding
from .base import Context, Rule

_KIND_ROLE = {
    "placeholder": "placeholder",
    "blank": "blank",
    "blank_date": "blank",
    "blank_reason": "blank",
    "alternative": "alternative",
    "missing_unit": "change",
    "instruction": "instruction",
}


@lru_cache(maxsize=8)
def _residue(text: str) -> tuple[Residue, ...]:
    # the four rules read the same matches; cache on the text itself so one pass serves them all
    return tuple(find_residue(text))


def _grouped(ctx: Context, kinds: set[str]) -> list[list[Residue]]:
    groups: dict[str, list[Residue]] = {}
    for r in _residue(ctx.document.text):
        if r.kind in kinds:
            groups.setdefault(r.kind + "\0" + r.key, []).append(r)
    return sorted(groups.values(), key=lambda g: g[0].start)


def _where(ctx: Context, group: list[Residue]) -> str:
    n = len(group)
    if n == 1:
        return ""
    loc = ctx.document.locate(group[0].start)
    first = f"第{loc.page}页" if loc.page else f"第{loc.line}行"
    return f"，共 {n} 处（首见{first}）"


class _ResidueRule(Rule):
    kinds: set[str] = set()
    severity = "warning"

    def describe(self, r: Residue) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def check(self, ctx: Context) -> Iterable[Finding]:
        for group in _grouped(ctx, self.kinds):
            members = [(r.text, (r.start, r.end), _KIND_ROLE[r.kind]) for r in group]
            yield ctx.fail(self, self.describe(group[0]) + _where(ctx, group), members,
                           actual=group[0].text)


class TemplatePlaceholder(_ResidueRule):
    """An unreplaced placeholder: `XXX 万元`, `上海市XX局`, `20XX年`.

    Why:
        A placeholder in a published report means a figure, a name or a year was never filled in;
        the reader cannot tell what was meant.

    Bad:
        2021年度本部门收入合计XXX万元，较20XX年增加。

    Good:
        2021年度本部门收入合计139.38万元，较2020年增加。

    Tolerance:
        None: a placeholder is a placeholder.  Identical placeholders are reported once with every
        place listed, so a blank template gives one finding per distinct placeholder.

    Limits:
        Only X/Ｘ/× runs of two or more outside Latin words; a lone `X` or `○○` is not flagged.
    """

    id = "RP701"
    name = "template-placeholder"
    summary = "模板占位符（XXX、20XX年等）未替换为实际内容"
    kinds = {"placeholder"}

    def describe(self, r: Residue) -> str:
        return f"模板占位符“{r.text}”未替换为实际内容"


class TemplateBlank(_ResidueRule):
    """A figure, date or reason left blank: `占 %`, `比上年减少 万元`, `（ 年 月 日）`, `主要原因是。`.

    Why:
        The template's wording is there, the figure is not: a reader sees `占 %` and cannot know
        the share; an auditor cannot check what was never printed.

    Bad:
        基本支出占 %，比上年减少 万元，主要原因是。

    Good:
        基本支出占55.10%，比上年减少12.30万元，主要原因是压减会议费。

    Tolerance:
        None.  Only the words that must be followed by a figure (占, 增加, 减少, 为, 共计, 完成预算的 …)
        count; a unit after other words (`单位：万元`) is never a blank.

    Limits:
        A blank between a word and 元 must be visible whitespace (`减少 万元`); `减少万元` is left alone.
    """

    id = "RP702"
    name = "template-blank"
    summary = "模板空白未填写：数字、日期或原因缺失（“占 %”“减少 万元”“主要原因是。”）"
    kinds = {"blank", "blank_date", "blank_reason"}

    def describe(self, r: Residue) -> str:
        if r.kind == "blank_date":
            return f"日期未填写：“{r.key}”"
        if r.kind == "blank_reason":
            return f"原因未填写：“{r.key}”后直接结束"
        return f"数字未填写：“{r.key}”中缺少数值"


class TemplateAlternative(_ResidueRule):
    """Both words of a template choice left in: `增加（减少）`, `下降（增长）27.78%`.

    Why:
        Templates offer `增加（减少）` for the writer to keep one word.  Left in, the sentence states
        both directions at once, so the reader cannot tell whether the figure went up or down.

    Bad:
        三公经费支出比上年减少0.15万元，下降（增长）27.78%。

    Good:
        三公经费支出比上年减少0.15万元，下降27.78%。

    Tolerance:
        None.  Only opposite pairs count (增加/减少, 增长/下降, 大于/小于 …): `增长（同比）` is not residue.

    Limits:
        The direction is not inferred here; the 3xx comparison rules check the sign against the figures.
    """

    id = "RP703"
    name = "template-alternative"
    summary = "模板二选一措辞未删改（“增加（减少）”“下降（增长）”），方向不明"
    kinds = {"alternative"}

    def describe(self, r: Residue) -> str:
        return f"模板措辞“{r.key}”未删改：两个相反的方向同时保留，应只保留其一"


class MissingPercent(_ResidueRule):
    """A growth or decline figure with no % after it: `增长13.95。`.

    Why:
        `增长13.95` is read as 13.95 of nothing: the template's `XX%` lost its % sign when the figure
        was typed in.  With `13.95` alone the reader cannot tell a rate from an amount.

    Bad:
        一般公共预算财政拨款支出增加1193.20万元，增长13.95。主要原因是项目支出增加。

    Good:
        一般公共预算财政拨款支出增加1193.20万元，增长13.95%。主要原因是项目支出增加。

    Tolerance:
        None.  Line breaks and spaces between the figure and its unit are skipped (PDF text breaks
        lines there), so `增长 13.95\\n%` is not flagged.

    Limits:
        Only figures with decimals after 增长/下降/上升/提高/降低/增幅/降幅 and before punctuation or the
        line end; `增长3，` (an integer) is left alone because counts are written that way too.
    """

    id = "RP704"
    name = "missing-percent-sign"
    summary = "增长/下降后的数字缺少“%”或单位（如“增长13.95。”）"
    kinds = {"missing_unit"}

    def describe(self, r: Residue) -> str:
        return f"“{r.key}”后缺少“%”或单位：无法判断是增长率还是金额"


class TemplateInstruction(_ResidueRule):
    """The template's instructions to the writer left in the report: `（如持平作持平表述）`,
    `无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：`.

    Why:
        The instruction tells the writer what to do; published, it shows the report was not edited
        and reads as part of the disclosure.

    Bad:
        某区档案馆2024年度部门决算
        无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：
        说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。

    Good:
        某区档案馆2024年度部门决算
        说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。

    Tolerance:
        None.  Identical instructions are reported once with every place listed.

    Limits:
        Only the instructions of the standard 部门决算 template (附件2：部门决算模板) are known.
    """

    id = "RP705"
    name = "template-instruction"
    summary = "模板中给填报人的说明文字未删除（如“（如持平作持平表述）”“仍保留该表格式…作下述说明”）"
    kinds = {"instruction"}

    def describe(self, r: Residue) -> str:
        return f"模板填写说明未删除：“{r.key}”"


RULES: list = [TemplatePlaceholder, TemplateBlank, TemplateAlternative, MissingPercent, TemplateInstruction]
