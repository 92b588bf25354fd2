#!/usr/bin/env python
"""How much `check` adds to `parse` (goal: at most +20% on the seed).

    .venv/bin/python bench/bench_check.py [FILE] [--repeat N]

Prints, for FILE (default: the seed): the in-process time of read, parse (build_report) and the rules
(check_report), best of N; and the wall time of the cold CLI `parse --format json` and `check`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SEED = ROOT / "corpus" / "新田县计划生育协会2021年度部门整体支出绩效评价报告.txt"


def best(fn, n):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 20
    path = Path(args[0]) if args and args[0] != str(n) else SEED
    from reportparse.api import check_report, parse_document, read

    document = read(path)
    report = parse_document(document)  # warm: jieba dictionary, regexes
    t_read = best(lambda: read(path), n)
    t_parse = best(lambda: parse_document(document), n)
    t_rules = best(lambda: check_report(report, document, show_passed=True), n)
    from reportparse.extract.relations import find_relations

    t_rel = best(lambda: find_relations(document, report.quantities, report.dates, report.document), n)
    print(f"文件：{path.name}（{len(document.text)} 字符，{len(report.quantities)} 个数字，{len(report.relations)} 个关系）")
    print(f"进程内（{n} 次取最快）：读取 {t_read * 1000:.1f} ms，解析 {t_parse * 1000:.1f} ms，核对规则 {t_rules * 1000:.1f} ms")
    print(f"其中解析里的关系识别（extract/relations.py）{t_rel * 1000:.1f} ms")
    print(f"核对相对 读取+解析 的增量：{t_rules / (t_read + t_parse) * 100:.1f}%；"
          f"把关系识别也算作核对：{(t_rules + t_rel) / (t_read + t_parse - t_rel) * 100:.1f}%")
    exe = str(ROOT / ".venv" / "bin" / "reportparse")
    cli = {}
    for cmd in (["parse", "--format", "json"], ["check"]):
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([exe, cmd[0], str(path), *cmd[1:]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            runs.append(time.perf_counter() - t)
        cli[cmd[0]] = min(runs)
    print(f"命令行冷启动（5 次取最快）：parse {cli['parse'] * 1000:.0f} ms，check {cli['check'] * 1000:.0f} ms，"
          f"增加 {(cli['check'] / cli['parse'] - 1) * 100:.1f}%")


if __name__ == "__main__":
    main()
