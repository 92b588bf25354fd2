"""How long the review outputs take: the HTML page and the Word comments.  Prints figures, asserts nothing.

    .venv/bin/python bench/bench_review.py

- render_html on the seed (.txt), on the largest text in ../shared/corpus/work-reports-gb18030 and
  on the largest PDF in ../shared/corpus/pdf-final-accounts (when present), with every extracted figure highlighted and one finding per 10 figures;
- annotate_docx on the seed's .docx rendition (corpus/, when generated) with one comment on every
  extracted figure: the worst case for run splitting.
Each timing is the best of 3 runs (wall clock, time.perf_counter), after the document is read and parsed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reportparse import api  # noqa: E402
from reportparse.model import CheckResult, Finding, FindingMember  # noqa: E402
from reportparse.output.annotate import annotate_docx  # noqa: E402
from reportparse.output.html import render_html  # noqa: E402

SEED = ROOT / "corpus" / "新田县计划生育协会2021年度部门整体支出绩效评价报告.txt"
SEED_DOCX = SEED.with_suffix(".docx")
WORK_REPORTS = ROOT.parent / "shared" / "corpus" / "work-reports-gb18030"
FINAL_ACCOUNTS = ROOT.parent / "shared" / "corpus" / "pdf-final-accounts"


def findings_on(report, every: int) -> CheckResult:
    fs = [
        Finding(rule="RP999", name="bench", severity="info", message=f"基准测试：{q.text}",
                members=[FindingMember(quantity=q.id, text=q.text, span=q.span, role="part", location=q.location)])
        for q in report.quantities[::every]
    ]
    return CheckResult(source=report.source, document=report.document, findings=fs)


def best_of(fn, n: int = 3) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_html(path: Path) -> None:
    document = api.read(path)
    report = api.parse_document(document)
    result = findings_on(report, 10)
    out = {}
    secs = best_of(lambda: out.__setitem__("page", render_html(document, report, result)))
    size = len(out["page"].encode("utf-8"))
    print(f"html  {path.name}: {len(document.text)} 字, 数字 {len(report.quantities)}, 日期 {len(report.dates)}, "
          f"问题 {len(result.findings)} → {secs * 1000:.1f} ms, {size / 1024:.0f} KiB")


def bench_docx(path: Path) -> None:
    document = api.read(path)
    report = api.parse_document(document)
    result = findings_on(report, 1)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.docx"
        secs = best_of(lambda: annotate_docx(str(path), str(out), document, result, force=True))
        size = out.stat().st_size
    print(f"docx  {path.name}: 批注 {len(result.findings)} 条 → {secs * 1000:.1f} ms, 输出 {size / 1024:.0f} KiB")


def main() -> int:
    bench_html(SEED)
    if WORK_REPORTS.exists():
        biggest = max(WORK_REPORTS.glob("*.txt"), key=lambda p: p.stat().st_size)
        bench_html(biggest)
    else:
        print("html  ../shared/corpus/work-reports-gb18030 不存在，跳过")
    if FINAL_ACCOUNTS.exists():
        bench_html(max(FINAL_ACCOUNTS.glob("*.pdf"), key=lambda p: p.stat().st_size))
    if SEED_DOCX.exists():
        bench_docx(SEED_DOCX)
    else:
        print(f"docx  {SEED_DOCX.name} 尚未生成，跳过")
    return 0


if __name__ == "__main__":
    sys.exit(main())
