"""The rule catalogue: run_rules(report, document) → every finding, failed and passed, sorted.

api.check_report calls run_rules and splits failures from passes; the CLI only formats.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Document, Finding, Report


def _sort_key(f: Finding):
    span = f.members[0].span if f.members else (f.location.line if f.location else 0, 0)
    return (span[0], span[1], f.rule, f.status, f.message)


def run_rules(
    report: Report, document: Document, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> list[Finding]:
    """Run the selected rules (ids, id prefixes like "RP1", or names), then the post-pass rules.

    A rule that crashes on a strange report must not take the whole check down: its failure is
    reported as an RP901 (could-not-check) finding naming the rule, so the user still sees the rest.
    """
    from .base import Context, PostRule
    from .registry import select_rules

    rules = select_rules(select, ignore)
    ctx = Context(report, document)
    findings: list[Finding] = []
    post: list[PostRule] = []
    for cls in rules:
        rule = cls()
        if isinstance(rule, PostRule):
            post.append(rule)
            continue
        findings.extend(_safely(ctx, rule, lambda r=rule: r.check(ctx)))
    base = list(findings)
    for rule in post:
        findings.extend(_safely(ctx, rule, lambda r=rule: r.review(ctx, base)))
    findings.sort(key=_sort_key)
    return findings


def _safely(ctx, rule, produce) -> list[Finding]:
    try:
        return list(produce())
    except Exception as exc:  # noqa: BLE001 - one broken rule must not hide the others' findings
        from .base import RuleCrashed

        return [ctx.fail(RuleCrashed, f"规则 {rule.id}（{rule.name}）无法完成核对：{type(exc).__name__}：{exc}",
                         location=None)]


__all__ = ["run_rules"]
