"""The pipeline as plain calls; the only place that knows the order of the stages.

    read(path) -> Document -> build_report -> Report -> run_rules -> [Finding]
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .model import CheckResult, Document, Report, Summary


def read(path: str | os.PathLike[str]) -> Document:
    """Read a .txt/.docx/.pdf file; raises ReadError (Chinese message naming the file)."""
    from .readers import read as _read

    return _read(path)


def parse_document(document: Document) -> Report:
    """Extract sections, meta, quantities, dates and relations.  Never raises on any text."""
    from .build import build_report

    return build_report(document)


def parse(path: str | os.PathLike[str]) -> Report:
    return parse_document(read(path))


def check_report(
    report: Report,
    document: Document,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    show_passed: bool = False,
) -> CheckResult:
    """Run the rule catalogue over one report.  Passed relations are kept only with show_passed."""
    from .rules import run_rules

    findings = run_rules(report, document, select=select, ignore=ignore)
    summary = Summary(
        errors=sum(f.status == "fail" and f.severity == "error" for f in findings),
        warnings=sum(f.status == "fail" and f.severity == "warning" for f in findings),
        infos=sum(f.status == "fail" and f.severity == "info" for f in findings),
        passed=sum(f.status == "pass" for f in findings),
    )
    if not show_passed:
        findings = [f for f in findings if f.status == "fail"]
    return CheckResult(source=report.source, document=report.document, findings=findings, summary=summary)


def check(path: str | os.PathLike[str], **options) -> CheckResult:
    document = read(path)
    return check_report(parse_document(document), document, **options)
