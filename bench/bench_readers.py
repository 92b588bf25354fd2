#!/usr/bin/env python3
"""Reader throughput, measured, not asserted.  Prints, for the PDFs in ../shared/corpus:

- pages/s of reportparse's PDF reader (text, repairs, furniture and pdfplumber tables), and how much
  of its time went to pdfplumber's table finder;
- pages/s of pdfplumber's plain ``page.extract_text()`` and of pypdfium2's raw text, in the same run;
- on how many pages pypdfium2 and pdfplumber give the same characters (whitespace ignored), which is
  why the reader takes its text from pypdfium2;
- the cold wall time of ``reportparse parse`` on the seed (.txt, .docx, .pdf), a fresh process each.

    .venv/bin/python bench/bench_readers.py [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "corpus" / "新田县计划生育协会2021年度部门整体支出绩效评价报告"


def _pdfs() -> list[Path]:
    return sorted(SHARED.glob("pdf-budgets/*.pdf")) + sorted(SHARED.glob("pdf-final-accounts/*.pdf"))


def _squash(s: str) -> Counter:
    return Counter(re.sub(r"\s", "", s))


def bench_pdfs(repeat: int) -> None:
    import pdfplumber
    import pypdfium2 as pdfium

    import reportparse.readers.pdf as rpdf
    from reportparse.readers import read

    files = _pdfs()
    if not files:
        print("../shared/corpus 不存在：跳过 PDF 吞吐量测量")
        return
    table_time = 0.0
    originals = (rpdf._Plumber.tables, rpdf.tables_from_edges)

    def timed(fn):
        def wrapper(*args):
            nonlocal table_time
            t = time.perf_counter()
            try:
                return fn(*args)
            finally:
                table_time += time.perf_counter() - t
        return wrapper

    rpdf._Plumber.tables = timed(originals[0])
    rpdf.tables_from_edges = timed(originals[1])
    pages = 0
    ours: list[float] = []
    plumber: list[float] = []
    raw: list[float] = []
    same = 0
    print(f"{'文件':<44} {'页':>4} {'本读取器 页/秒':>14} {'pdfplumber 页/秒':>16} {'pypdfium2 页/秒':>15}")
    for f in files:
        best_ours = best_plumber = best_raw = float("inf")
        for _ in range(repeat):
            gc.collect()
            t = time.perf_counter()
            doc = read(f)
            best_ours = min(best_ours, time.perf_counter() - t)
            t = time.perf_counter()
            with pdfplumber.open(f) as pdf:
                plumber_texts = [p.extract_text() or "" for p in pdf.pages]
            best_plumber = min(best_plumber, time.perf_counter() - t)
            t = time.perf_counter()
            pdoc = pdfium.PdfDocument(str(f))
            raw_texts = [p.get_textpage().get_text_range() for p in pdoc]
            pdoc.close()
            best_raw = min(best_raw, time.perf_counter() - t)
        n = doc.source.pages
        pages += n
        ours.append(best_ours)
        plumber.append(best_plumber)
        raw.append(best_raw)
        same += sum(_squash(a) == _squash(b) for a, b in zip(plumber_texts, raw_texts))
        print(f"{f.name[:44]:<44} {n:>4} {n / best_ours:>14.1f} {n / best_plumber:>16.1f} {n / best_raw:>15.1f}")
    rpdf._Plumber.tables, rpdf.tables_from_edges = originals
    print(f"{'合计':<44} {pages:>4} {pages / sum(ours):>14.1f} {pages / sum(plumber):>16.1f} {pages / sum(raw):>15.1f}")
    share = table_time / repeat / sum(ours) if ours else 0.0
    print(f"本读取器用于 pdfplumber 表格识别的时间占比：{share:.0%}")
    print(f"pypdfium2 与 pdfplumber 文字相同（忽略空白）的页：{same}/{pages}")
    check_tables(files)


def check_tables(files: list[Path]) -> None:
    """Tables from pdfium's path objects vs pdfplumber's own find_tables, page by page."""
    import pdfplumber
    import pypdfium2 as pdfium

    from reportparse.readers.pdf import pdfium_edges
    from pdfplumber.table import TableFinder, TableSettings

    class EdgesPage:
        def __init__(self, edges, w, h):
            self.edges, self.bbox = edges, (0, 0, w, h)

    pages = equal = 0
    worst = 0.0
    for f in files:
        pdoc = pdfium.PdfDocument(str(f))
        with pdfplumber.open(f) as pdf:
            for i, ppage in enumerate(pdf.pages):
                page = pdoc[i]
                w, h = page.get_size()
                edges = pdfium_edges(page, h)
                pages += 1
                if edges is None:
                    continue
                ours = sorted(c for t in TableFinder(EdgesPage(edges, w, h), TableSettings.resolve(None)).tables for c in t.cells)
                ref = sorted(c for t in ppage.find_tables() for c in t.cells)
                if len(ours) == len(ref):
                    diff = max((abs(a - b) for x, y in zip(ours, ref) for a, b in zip(x, y)), default=0.0)
                    worst = max(worst, diff)
                    equal += diff < 0.01
        pdoc.close()
    print(f"由 pypdfium2 路径对象得到的表格与 pdfplumber 自己的 find_tables 相同的页：{equal}/{pages}"
          f"（单元格坐标最大差 {worst:.5f} pt）")


def bench_cold_cli(repeat: int) -> None:
    exe = [sys.executable, "-m", "reportparse", "parse"]
    for ext in ("txt", "docx", "pdf"):
        path = SEED.with_suffix(f".{ext}")
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            proc = subprocess.run([*exe, str(path)], capture_output=True)
            times.append(time.perf_counter() - t)
            if proc.returncode != 0:
                print(f"reportparse parse {path.name} 退出码 {proc.returncode}: {proc.stderr.decode()[:200]}")
                break
        print(f"reportparse parse 种子报告 .{ext}（冷启动，新进程）：中位数 {statistics.median(times):.2f} 秒，"
              f"最快 {min(times):.2f} 秒（{len(times)} 次）")


def main() -> int:
    ap = argparse.ArgumentParser(description="读取器吞吐量测量")
    ap.add_argument("--repeat", type=int, default=3, help="每项重复次数，取最快一次（默认 3）")
    args = ap.parse_args()
    bench_pdfs(args.repeat)
    bench_cold_cli(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
