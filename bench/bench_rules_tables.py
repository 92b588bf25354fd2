"""Cost of the 4xx/6xx/7xx/8xx rules beside parse, on the seed and on real 决算/预算 PDFs.

Prints, per document: read, parse (extraction), the whole rule catalogue, and each of the four
families this file's author owns (4xx dates, 6xx tables, 7xx template residue, 8xx post-pass), as
the median of N runs (wall clock, time.perf_counter), and check/parse as a percentage.

    .venv/bin/python bench/bench_rules_tables.py [N]

Figures, not assertions: the machine is shared, so run it twice and read the medians.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from reportparse import api
from reportparse.rules import run_rules
from reportparse.rules.base import Context
from reportparse.rules.culprit import LikelyWrongNumber
from reportparse.rules.template import _residue

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
DOCS = [
    ROOT / "corpus" / "新田县计划生育协会2021年度部门整体支出绩效评价报告.txt",
    SHARED / "pdf-final-accounts" / "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf",
    SHARED / "pdf-budgets" / "上海市普陀区人民政府万里街道办事处24年预算.pdf",
    SHARED / "pdf-final-accounts" / "附件2：部门决算模板.pdf",
]


def median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        _residue.cache_clear()  # the 7xx matches are cached per text; measure the cold cost
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"median of {n} runs, ms; load average {os.getloadavg()[0]:.2f}")
    print(f"{'document':<44} {'read':>7} {'parse':>7} {'rules':>7} {'RP4':>6} {'RP6':>6} {'RP7':>6} {'RP8+':>6} {'check/parse':>11}")
    for path in DOCS:
        if not path.exists():
            print(f"{path.name:<44} (../shared/corpus 不存在，跳过)")
            continue
        doc = api.read(path)
        report = api.parse_document(doc)
        read = median_ms(lambda: api.read(path), n)
        parse = median_ms(lambda: api.parse_document(doc), n)
        rules = median_ms(lambda: run_rules(report, doc), n)
        fam = {f: median_ms(lambda f=f: run_rules(report, doc, select=[f]), n) for f in ("RP4", "RP6", "RP7")}
        # the post-pass reads the others' findings: time its review alone on them
        base = run_rules(report, doc, ignore=["RP8"])
        ctx = Context(report, doc)
        post = median_ms(lambda: list(LikelyWrongNumber().review(ctx, base)), n)
        print(f"{path.name[:42]:<44} {read:7.1f} {parse:7.1f} {rules:7.1f} {fam['RP4']:6.1f} {fam['RP6']:6.1f} "
              f"{fam['RP7']:6.1f} {post:6.1f} {100 * rules / (read + parse):10.1f}%")


if __name__ == "__main__":
    main()
