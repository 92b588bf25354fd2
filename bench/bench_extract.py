#!/usr/bin/env python3
"""Extraction speed and memory, beside jionlp in the same run (a benchmark: prints, asserts nothing).

    .venv/bin/python bench/bench_extract.py             # everything (about a minute on 2 cores)
    .venv/bin/python bench/bench_extract.py --quick     # smaller inputs, fewer runs
    .venv/bin/python bench/bench_extract.py --no-jionlp

What is measured
  1. chars/s of extraction: `build_report(document)` on an already-read Document (reading is not
     timed), warm (the first call, which loads jieba and compiles patterns, is reported apart), on
       a. the seed repeated to about 1 MB of UTF-8, as one document;
       b. /work/shared/corpus/work-reports-gb18030/*.txt (16 real GB18030 texts), one by one;
     beside jionlp `extract_money` + `extract_time` on the same texts in the same process.
  2. cold wall time of `reportparse parse SEED` (a fresh process each run; median of several).
  3. peak memory (ru_maxrss of that one child, measured by a small launcher process) of `reportparse parse` on the seed,
     on the 1 MB text and on a real budget PDF.

Timings are machine-dependent and therefore never tests (CONTRIBUTING: speed goes in bench/).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "新田县计划生育协会2021年度部门整体支出绩效评价报告.txt"
SHARED = ROOT.parent / "shared" / "corpus"
WORK_REPORTS = SHARED / "work-reports-gb18030"
PDF = SHARED / "pdf-budgets" / "上海市普陀区人民政府办公室25年预算.pdf"
# the installed console script, as a user runs it (posix_spawn needs a path, not a name)
CLI = [str(Path(sys.executable).parent / "reportparse")]


def seed_megabyte(target_bytes: int) -> str:
    text = SEED.read_text(encoding="utf-8")
    n = max(1, -(-target_bytes // len(text.encode("utf-8"))))
    return "\n".join([text] * n)


def _timed(fn, runs: int) -> float:
    """Median seconds of `runs` calls."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def load_jionlp():
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp
    return jionlp


def jionlp_extract(jio, text: str, year: int) -> int:
    """jionlp money + time over one text; returns how many mentions it found."""
    logging.disable(logging.CRITICAL)  # it logs tracebacks for strings it cannot parse
    try:
        n = len(jio.ner.extract_money(text, with_parsing=True))
        n += len(jio.ner.extract_time(text, time_base={"year": year}, with_parsing=True))
    finally:
        logging.disable(logging.NOTSET)
    return n


def documents_from(paths_or_texts) -> list:
    """Read each input with the project's reader (untimed).  Texts go through a temp .txt file."""
    from reportparse import read

    docs = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, item in enumerate(paths_or_texts):
            if isinstance(item, Path):
                docs.append(read(item))
            else:
                p = Path(tmp) / f"input{i}.txt"
                p.write_text(item, encoding="utf-8")
                docs.append(read(p))
    return docs


def bench_corpus(name: str, docs: list, runs: int, jio, year: int) -> None:
    from reportparse.build import build_report

    chars = sum(len(d.text) for d in docs)
    ours = _timed(lambda: [build_report(d) for d in docs], runs)
    n = sum(len(r.quantities) + len(r.dates) for r in (build_report(d) for d in docs))
    line = f"{name:<34} {chars:>9,} chars  reportparse {chars / ours:>11,.0f} chars/s ({ours:7.3f} s, {n} mentions)"
    if jio is not None:
        j_runs = 1 if chars > 200_000 else runs  # jionlp is slow: one run on the large input
        found = []
        jt = _timed(lambda: found.append(sum(jionlp_extract(jio, d.text, year) for d in docs)), j_runs)
        line += f"  | jionlp {chars / jt:>9,.0f} chars/s ({jt:7.3f} s, {found[-1]} mentions)  ratio {jt / ours:5.1f}×"
    print(line)


# A tiny launcher measures each child.  Why not os.wait4 on a child of this process: Linux keeps
# the peak RSS of the process image *before* exec (a fork or vfork of this big benchmark process,
# with jionlp loaded) in ru_maxrss, so the child would be charged for our memory.  The launcher is
# a fresh ~10 MB interpreter; it posix_spawns the command and reports wall time, ru_maxrss, exit.
_LAUNCHER = """
import os, sys, time
devnull = os.open(os.devnull, os.O_WRONLY)
acts = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
t = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=acts)
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - t, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def child_run(args: list[str]) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in MB of that child alone, exit code) of one fresh process."""
    out = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, *args], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    return float(out[0]), int(out[1]) // 1024, int(out[2])  # ru_maxrss is in KiB on Linux


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="提取速度与内存基准（与 jionlp 对比）")
    ap.add_argument("--quick", action="store_true", help="小输入、少量重复，用于快速查看")
    ap.add_argument("--no-jionlp", action="store_true")
    ap.add_argument("--runs", type=int, default=3, help="每项计时重复次数，取中位数（默认 3）")
    ap.add_argument("--cold-runs", type=int, default=7, help="冷启动 parse 的次数（默认 7）")
    args = ap.parse_args(argv)
    target = 200_000 if args.quick else 1_000_000
    runs = 1 if args.quick else args.runs

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, load average {os.getloadavg()[0]:.2f}")
    from reportparse.build import build_report

    seed_doc = documents_from([SEED])[0]
    t = time.perf_counter()
    build_report(seed_doc)
    print(f"first build_report on the seed (loads dictionaries, compiles patterns): {time.perf_counter() - t:.3f} s")

    jio = None
    if not args.no_jionlp:
        t = time.perf_counter()
        jio = load_jionlp()
        print(f"jionlp {jio.__version__} import: {time.perf_counter() - t:.3f} s (not in its chars/s)")
        jionlp_extract(jio, seed_doc.text[:2000], 2021)  # its own lazy loading, outside the timing

    print("\n-- extraction throughput (warm, median of runs; reading not timed)")
    big = seed_megabyte(target)
    big_docs = documents_from([big])
    bench_corpus(f"seed ×{big.count(SEED.read_text(encoding='utf-8')[:30])} "
                 f"({len(big.encode('utf-8')) / 1e6:.2f} MB)", big_docs, runs, jio, 2021)
    bench_corpus("seed (one copy)", [seed_doc], max(runs, 5), jio, 2021)
    if WORK_REPORTS.exists():
        paths = sorted(WORK_REPORTS.glob("*.txt"))
        if args.quick:
            paths = paths[:4]
        docs = documents_from(paths)
        size = sum(p.stat().st_size for p in paths)
        bench_corpus(f"work reports GB18030 ×{len(docs)} ({size / 1e6:.2f} MB)", docs, runs, jio, 2010)
    else:
        print(f"(skipped: {WORK_REPORTS} absent)")

    print(f"\n-- cold `reportparse parse` (fresh process; median of {args.cold_runs})")
    for fmt in ("text", "json"):
        walls = [child_run([*CLI, "parse", str(SEED), "--format", fmt])[0] for _ in range(args.cold_runs)]
        print(f"parse seed --format {fmt:<4}: median {statistics.median(walls):.3f} s "
              f"(min {min(walls):.3f}, max {max(walls):.3f})")
    walls = [child_run([*CLI, "--version"])[0] for _ in range(3)]
    print(f"reportparse --version      : median {statistics.median(walls):.3f} s (interpreter + CLI start)")

    print("\n-- peak memory (ru_maxrss of the child alone)")
    with tempfile.TemporaryDirectory() as tmp:
        big_path = Path(tmp) / "seed_1MB.txt"
        big_path.write_text(big, encoding="utf-8")
        inputs = [("seed", SEED), (f"seed ×N ({big_path.stat().st_size / 1e6:.2f} MB)", big_path)]
        if PDF.exists():
            inputs.append(("budget PDF (22 pages)", PDF))
        for name, path in inputs:
            wall, mb, rc = child_run([*CLI, "parse", str(path), "--format", "json"])
            print(f"parse {name:<24}: peak {mb:4d} MB, wall {wall:6.2f} s, exit {rc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
