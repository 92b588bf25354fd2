#!/usr/bin/env python3
"""Speed of the calendar stages (meta, sections, dates) alone, in characters per second.

    .venv/bin/python bench/bench_calendar.py

Two texts: the seed repeated to ~1 MB, and the 16 GB18030 work reports of ../shared/corpus
concatenated (skipped when absent).  Best of 3 runs per stage; prints figures, asserts nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

from reportparse.extract.dates import find_dates
from reportparse.extract.meta import find_meta
from reportparse.model import Document, SourceInfo
from reportparse.readers import read
from reportparse.text.sections import find_sections

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "新田县计划生育协会2021年度部门整体支出绩效评价报告.txt"
WORK_REPORTS = ROOT.parent / "shared" / "corpus" / "work-reports-gb18030"


def run(text: str, label: str) -> None:
    doc = Document(SourceInfo("bench", "", "txt"), text)
    meta = find_meta(doc)
    stages = {
        "meta": lambda: find_meta(doc),
        "sections": lambda: find_sections(doc),
        "dates": lambda: find_dates(doc, meta),
    }
    parts = []
    for name, fn in stages.items():
        best = float("inf")
        for _ in range(3):
            doc._line_starts = None  # locate() caches line starts: measure them too
            t0 = time.perf_counter()
            n = len(fn() if name != "meta" else [fn()])
            best = min(best, time.perf_counter() - t0)
        parts.append(f"{name} {best * 1000:.0f} ms = {len(text) / best / 1e6:.2f}M chars/s ({n} found)")
    print(f"{label}: {len(text)} chars; " + "; ".join(parts))


def main() -> None:
    seed = read(SEED).text
    run(seed * (1_000_000 // len(seed) + 1), "seed repeated")
    if WORK_REPORTS.exists():
        text = "".join(read(p).text for p in sorted(WORK_REPORTS.glob("*.txt")))
        run(text, "GB18030 work reports")
    else:
        print("../shared/corpus/work-reports-gb18030 不存在：跳过")


if __name__ == "__main__":
    main()
