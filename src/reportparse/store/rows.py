"""Report, findings and errors → plain tuples in the column order of schema.COLUMNS (without doc_id).

Plain tuples of str/int/float/None pickle cheaply between processes and Dask workers, and insert
with executemany as they are.  Decimals become fixed-point text (never ``1E+4``), exact.
"""

from __future__ import annotations

import json
from decimal import Decimal

from ..model import CheckResult, Finding, Location, Report


def dec(value: Decimal) -> str:
    """Fixed-point text: '1393800', '139.38', '0.00'; the exact printed digits are kept."""
    return format(value, "f")


def _loc(location: Location | None) -> tuple:
    if location is None:
        return (None,) * 7
    return (
        location.page,
        location.paragraph,
        location.table,
        location.row,
        location.col,
        location.line,
        location.column,
    )


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def document_row(
    *,
    path: str,
    name: str,
    sha256: str | None,
    size_bytes: int | None,
    status: str,
    report: Report | None = None,
    checked: CheckResult | None = None,
    duplicate_of: str | None = None,
    timings: tuple[float | None, float | None, float | None] = (None, None, None),
) -> tuple:
    src = report.source if report else None
    meta = report.document if report else None
    summary = checked.summary if checked else None
    return (
        path,
        name,
        sha256,
        size_bytes,
        src.format if src else None,
        src.encoding if src else None,
        src.pages if src else None,
        meta.title if meta else None,
        meta.organization if meta else None,
        meta.fiscal_year if meta else None,
        meta.genre if meta else None,
        status,
        duplicate_of,
        len(report.sections) if report else 0,
        len(report.quantities) if report else 0,
        len(report.dates) if report else 0,
        len(report.relations) if report else 0,
        summary.errors if summary else 0,
        summary.warnings if summary else 0,
        summary.infos if summary else 0,
        summary.passed if summary else 0,
        *timings,
    )


_CLAUSE_END = "，,；;。！？!?\n"


def contexts(report: Report, text: str | None) -> list[str | None]:
    """The words before each figure in its clause: `2020年三公经费支出`, `比上年`, `工资福利支出`.

    Kept in the store so a figure can be told apart (and matched across years) even where the
    extractor gave no label; at most 24 characters, never reaching back past the previous figure.
    """
    if text is None:
        return [None] * len(report.quantities)
    out: list[str | None] = []
    prev_end = 0
    for q in report.quantities:
        start = q.span[0]
        lo = max(0, start - 24, prev_end if prev_end <= start else 0)
        before = text[lo:start]
        cut = max(before.rfind(c) for c in _CLAUSE_END)
        ctx = before[cut + 1 :].strip().rstrip("：:").strip()
        out.append(ctx or None)
        prev_end = max(prev_end, q.span[1])
    return out


def report_rows(report: Report, text: str | None = None) -> dict[str, list[tuple]]:
    sections = [
        (s.id, i, s.number, s.title, s.level, s.span[0], s.span[1], s.parent) for i, s in enumerate(report.sections)
    ]
    quantities = [
        (
            q.id, i, q.kind, q.text, q.span[0], q.span[1],
            dec(q.value), q.unit, dec(q.normalized), q.normalized_unit, q.precision, q.approx,
            dec(q.interval[0]), dec(q.interval[1]),
            q.label, q.concept, q.section, q.per, int(q.from_table), q.column_header, ctx,
            *_loc(q.location),
        )
        for i, (q, ctx) in enumerate(zip(report.quantities, contexts(report, text)))
    ]
    dates = [
        (d.id, i, d.kind, d.text, d.span[0], d.span[1], d.value, d.time, int(d.year_inferred), *_loc(d.location))
        for i, d in enumerate(report.dates)
    ]
    relations = [
        (r.id, i, r.kind, r.span[0], r.span[1], _json(dict(r.attrs))) for i, r in enumerate(report.relations)
    ]
    members = [(r.id, j, m.quantity, m.role) for r in report.relations for j, m in enumerate(r.members)]
    return {
        "sections": sections,
        "quantities": quantities,
        "dates": dates,
        "relations": relations,
        "relation_members": members,
    }


def finding_row(finding: Finding, source: str, seq: int, extra_members: list[dict] | None = None) -> tuple:
    members = extra_members
    if members is None:
        members = [m.model_dump(mode="json", exclude_none=True) for m in finding.members]
    return (
        source, seq, finding.rule, finding.name, finding.severity, finding.status, int(finding.decision),
        finding.message, finding.expected, finding.actual, finding.tolerance,
        *_loc(finding.location), _json(members),
    )


def finding_rows(checked: CheckResult) -> list[tuple]:
    return [finding_row(f, "check", i) for i, f in enumerate(checked.findings)]
