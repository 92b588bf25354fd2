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
    """A figure the report states again is restated consistently.

    Why:
        Reports repeat their key figures (the seed states 139.38万元 four times, 130户 and 9万元 twice);
        a repeat that differs means one of the two places was edited and the other was not.

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
        The two printed intervals must meet (`9万元` and `90000元` agree).

    Limits:
        Passes are listed for figures restated with the same value and words (or the same concept).  A
        difference is reported only for two mentions with the same concept and the same label, where
        neither is last year's figure, a budget figure, or part of another relation: a warning, since
        口径 may differ.
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
            if q.from_table or q.concept not in UNIQUE_CONCEPTS or not q.label or q.id in busy or q.kind != "money":
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
