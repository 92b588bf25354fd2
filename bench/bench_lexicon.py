#!/usr/bin/env python3
"""The trimmed jieba lexicon (text/words.py) against jieba's full dictionary: start-up and labels.

    .venv/bin/python bench/bench_lexicon.py

Prints, for each lexicon, the CPU and wall time of a fresh process that imports reportparse's
tokenizer and cuts one clause (median of 5, cache files already built), and how many labels differ
between the two lexicons on the corpus (the project's corpus/ and, when present, ../shared/corpus).
A benchmark: prints, asserts nothing.
"""

from __future__ import annotations

import copy
import glob
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = "from reportparse.text.words import cut; cut('全县共走访慰问198户计生困难家庭', full={full})"


def startup(full: bool, runs: int = 5) -> tuple[float, float]:
    walls, cpus = [], []
    subprocess.run([sys.executable, "-c", CODE.format(full=full)], check=True)  # build caches once
    for _ in range(runs):
        t = time.perf_counter()
        before = os.times()
        subprocess.run([sys.executable, "-c", CODE.format(full=full)], check=True)
        after = os.times()
        walls.append(time.perf_counter() - t)
        cpus.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    return statistics.median(walls), statistics.median(cpus)


def label_agreement() -> tuple[int, int, list[str]]:
    from reportparse import read
    from reportparse.extract import quantities as Q
    from reportparse.extract.labels import attach_labels
    from reportparse.extract.tables import scan_tables
    from reportparse.text.normalize import fold

    paths = sorted(glob.glob(str(ROOT / "corpus" / "*.txt")) + glob.glob(str(ROOT / "corpus" / "*.docx")))
    shared = ROOT.parent / "shared" / "corpus"
    paths += sorted(glob.glob(str(shared / "work-reports-gb18030" / "*.txt")))
    paths += sorted(glob.glob(str(shared / "pdf-*" / "*.pdf")))
    total = differ = 0
    examples: list[str] = []
    for p in paths:
        try:
            d = read(p)
        except Exception:  # noqa: BLE001 - unreadable files are the readers' business here
            continue
        f = fold(d.text)
        raws = scan_tables(d, f, Q._merge(Q._scan_text(d.text, f), Q._scan_ratios(f)))
        trimmed, full = copy.deepcopy(raws), copy.deepcopy(raws)
        attach_labels(d.text, f, trimmed, full=False)
        attach_labels(d.text, f, full, full=True)
        for a, b in zip(trimmed, full, strict=True):
            total += 1
            if a.label != b.label:
                differ += 1
                if len(examples) < 10:
                    examples.append(f"{d.text[a.start:a.end]}: 精简 {a.label} / 完整 {b.label}")
    return total, differ, examples


def main() -> int:
    for full in (False, True):
        wall, cpu = startup(full)
        name = "完整词典 full jieba dict" if full else "精简词典 trimmed lexicon"
        print(f"{name:28s} 冷启动 wall {wall:.3f} s, CPU {cpu:.3f} s")
    total, differ, examples = label_agreement()
    print(f"标签不同 labels that differ: {differ} / {total} ({differ / max(1, total):.1%})")
    for e in examples:
        print("  ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
