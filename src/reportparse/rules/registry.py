"""ALL_RULES: the explicit, ordered catalogue.  A rule exists for users only once it is listed here.

Order is the families' order (1xx … 8xx); each family module exports ``RULES``.  Post-pass rules
(subclasses of PostRule, the 8xx family) run after every other rule and read their findings.
"""

from __future__ import annotations

from . import comparisons, culprit, dates, repeats, scores, sums, tables, template
from .base import PostRule, Rule, RuleCrashed

ALL_RULES: list[type[Rule]] = [
    *sums.RULES,  # 1xx sums, subsets, list counts, balances, 三公
    *repeats.RULES,  # 2xx repeated figures
    *comparisons.RULES,  # 3xx year on year, budget execution, shares, rates
    *dates.RULES,  # 4xx dates (tables engineer)
    *scores.RULES,  # 5xx scores and grades
    *tables.RULES,  # 6xx 决算/预算 tables (tables engineer)
    *template.RULES,  # 7xx template residue (tables engineer)
    *culprit.RULES,  # 8xx the likely wrong number, a post-pass (tables engineer)
    RuleCrashed,  # 9xx could not check (raised by the runner, listed for the catalogue)
]


def by_id() -> dict[str, type[Rule]]:
    return {r.id: r for r in ALL_RULES}


def _matches(rule: type[Rule], patterns: list[str]) -> bool:
    """An id prefix ("RP1", "RP101", "rp10") or an exact name ("sum-mismatch")."""
    for p in patterns:
        p = p.strip()
        if not p:
            continue
        if rule.id.upper().startswith(p.upper()) or rule.name == p:
            return True
    return False


def split_patterns(values) -> list[str]:
    """`--select RP1,RP5 --select grade-mismatch` → a flat list."""
    out: list[str] = []
    for v in values or ():
        out.extend(x for x in str(v).replace("，", ",").split(",") if x.strip())
    return out


def select_rules(select=None, ignore=None) -> list[type[Rule]]:
    sel = split_patterns(select)
    ign = split_patterns(ignore)
    rules = [r for r in ALL_RULES if (not sel or _matches(r, sel)) and not _matches(r, ign)]
    return rules


def unknown_patterns(values) -> list[str]:
    """Patterns that match no rule (the CLI reports them instead of silently checking nothing)."""
    return [p for p in split_patterns(values) if not any(_matches(r, [p]) for r in ALL_RULES)]


__all__ = ["ALL_RULES", "PostRule", "by_id", "select_rules", "split_patterns", "unknown_patterns"]
