"""2xx: the same figure stated twice agrees (its intervals meet)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Finding, Quantity
from .base import Context, Rule
from .tolerance import Interval


# Figures a report states once per year: two different values under one of these concepts and the
# same label, neither dated nor part of a comparison, cannot both be right.  Other concepts
# (全年预算, 支出决算 of one project among many) legitimately take many values in one report.
UNIQUE_CONCEPTS = {"three_public", "basic_expenditure", "project_expenditure", "total_revenue_expenditure"}


# A project self-evaluation is about one project: its 年度预算资金 is stated once, however often it
# is repeated.  Only the same phrase (本项目年度预算资金 / 项目年度预算资金) counts, never 年初 against
# 调整后 or 全年 budgets, which legitimately differ.
_PROJECT_BUDGET = re.compile(r"^(?:本|该)?项目(?:年度|全年)?(?:预算资金|资金预算|预算总额|总预算|预算)(?:总额|共计|合计)?(?:为|是|：|:)?$")


def _lead(ctx: Context, q: Quantity) -> str:
    """The words from the start of the clause to the figure: `本项目年度预算资金` of `…，本项目年度预算资金320万元`."""
    text = ctx.document.text
    a = max(text.rfind(c, 0, q.span[0]) for c in "，,。；;：:\n") + 1
    return text[a : q.span[0]].strip()


def _project_budget(ctx: Context, q: Quantity) -> bool:
    return ctx.report.document.genre == "project_self_evaluation" and q.concept == "budget_amount" \
        and bool(_PROJECT_BUDGET.match(_lead(ctx, q)))


_DETERMINER = re.compile(r"^(?:\d{4}年度?|本|全|今|该|当)[\u4e00-\u9fff]{0,3}?(?:年度?|镇|乡|县|局|会|单位|部门)?$")


def _same_label(a: str, b: str) -> bool:
    """本镇基本支出 and 基本支出 name one figure; 财政拨款收入支出总计 and 收入支出总计 do not."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if not long_.endswith(short):
        return False
    return bool(_DETERMINER.match(long_[: len(long_) - len(short)]))


class RepeatedFigure(Rule):
    """报告中再次出现的同一数字前后一致。

    Why:
        报告常重复关键数字（示例报告 139.38万元出现四次，130户、9万元各两次）；前后不一致说明改了一处而漏了另一处。

    Bad:
        一、收支情况
        本年基本支出139.38万元，用于人员和日常运转。
        二、支出结构
        基本支出193.38万元，占支出总额的大部分。

    Good:
        一、收支情况
        本年基本支出139.38万元，用于人员和日常运转。
        二、支出结构
        基本支出139.38万元，占支出总额的大部分。

    Tolerance:
        两处印刷区间相交即为一致（`9万元` 与 `90000元` 一致）。

    Limits:
        数值相同、周围用词相近（或口径相同）的重复列为“相符”。只有口径属于一年只有一个数的项目（三公经费、基本支出、
        项目支出、收入支出总计；项目自评报告中以“本项目年度预算资金”这类同一说法写出的项目预算）、指标名称相同（允许“本镇”“本年”等前缀）、都不是其他年度的数字、也都不在其他关系中时，
        数值不同才报“警告”：口径不同也可能解释差异。
    """

    id = "RP201"
    name = "repeated-figure-mismatch"
    severity = "warning"
    summary = "同一数字在报告中前后不一致"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for rel in ctx.relations("repeat"):
            first, again = ctx.member(rel, "first"), ctx.member(rel, "again")
            if first is None or again is None:
                continue
            members = [(again, "again"), (first, "first")]
            if Interval.of(first).meets(Interval.of(again)):
                yield ctx.passed(self, f"{again.text} 与前文 {first.text}（第{first.location.line}行）一致", members,
                                 expected=first.text, actual=again.text)
        yield from self._differences(ctx)

    def _differences(self, ctx: Context) -> Iterable[Finding]:
        busy: set[str] = set()
        for kind in ("comparison", "budget", "share", "sum", "subset", "balance", "sanggong", "rate"):
            for rel in ctx.relations(kind):
                busy.update(m.quantity for m in rel.members)
        groups: dict[tuple, list[Quantity]] = {}
        for q in ctx.report.quantities:
            if q.from_table or not q.label or q.id in busy or q.kind != "money":
                continue
            if q.concept not in UNIQUE_CONCEPTS and not _project_budget(ctx, q):
                continue
            if q.approx != "exact" or self._other_year(ctx, q):
                continue
            groups.setdefault((q.concept, q.kind, q.normalized_unit), []).append(q)
        for qs in groups.values():
            first = qs[0]
            for q in qs[1:]:
                if Interval.of(first).meets(Interval.of(q)):
                    continue
                if not _same_label(first.label, q.label):
                    continue
                yield ctx.fail(self, f"“{q.label}”前文为 {first.text}（第{first.location.line}行），此处为 {q.text}，"
                               "两处不一致", [(q, "again"), (first, "first")], expected=first.text, actual=q.text,
                               tolerance="0")

    @staticmethod
    def _other_year(ctx: Context, q: Quantity) -> bool:
        """A year written just before the figure that is not the report's year (2022年…支出): another
        year's figure, not a restatement.  Without a known report year any dated figure is left out."""
        fy = ctx.fiscal_year
        for d in ctx.report.dates:
            if d.span[1] <= q.span[0] and q.span[0] - d.span[1] < 20:
                if fy is None or not d.value.startswith(str(fy)):
                    return True
        return False


RULES: list[type[Rule]] = [RepeatedFigure]
