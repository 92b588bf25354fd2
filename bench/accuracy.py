#!/usr/bin/env python3
"""Extraction accuracy against the hand-made gold (tests/fixtures/gold/*.yaml), beside jionlp.

    .venv/bin/python bench/accuracy.py               # every gold file whose document is present
    .venv/bin/python bench/accuracy.py seed           # one gold file, by stem
    .venv/bin/python bench/accuracy.py --no-jionlp    # ours only (jionlp takes ~1 s to import)

Matching (docs/accuracy.md): a predicted figure matches a gold one when their spans overlap and
their *families* agree (money, count, percent, score, rate each its own; every date kind is one
family `date`), one to one, largest overlap first.  A matched value is *exact* when
  quantities: normalized value (Decimal equality) + normalized unit + approx agree;
  dates:      the ISO value agrees, and the time of day when the gold writes one.
A prediction overlapping an `optional` gold figure is neither a hit nor a false positive.
Predictions of kinds the gold does not score (ordinal, duration) are ignored, except that a
*count* overlapping a `not_counts` text is a violation, listed on its own.

jionlp (a benchmark extra, never a runtime dependency) is scored the same way for money and dates:
`jio.ner.extract_money(text, with_parsing=True)` and `jio.ner.extract_time(text, time_base=
{'year': fiscal_year})`; its money is exact when its number equals the gold's normalized value
(either end of a `blur` range), since it has no approx field; its dates are turned into ISO at
the granularity its [start, end] spans.

Everything printed is deterministic (sorted; no clock).  Only stdout; the exit code is 0 unless a
gold file cannot be located in its document (1).
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import io
import logging
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gold as G  # noqa: E402

QUANTITY_FAMILIES = G.QUANTITY_KINDS
FAMILIES = (*QUANTITY_FAMILIES, "date")
# the date target covers these gold kinds (relative forms are measured but not targeted)
TARGET_DATE_KINDS = ("date", "range", "month", "year", "named_day")
_UNIT_ALIASES = {"个百分点": "百分点", "％": "%"}


@dataclass
class Pred:
    kind: str
    start: int
    end: int
    text: str
    normalized: Decimal | None = None
    unit: str | None = None
    approx: str | None = None
    value: str | None = None
    values: tuple[str, ...] = ()  # jionlp blur ranges: any of these counts as the value
    time: str | None = None

    @property
    def family(self) -> str:
        return G.family(self.kind)


@dataclass
class Match:
    gold: G.GoldFigure
    pred: Pred
    exact: bool


@dataclass
class Result:
    """One system on one document."""

    name: str
    matches: list[Match] = field(default_factory=list)
    misses: list[G.GoldFigure] = field(default_factory=list)
    false_pos: list[Pred] = field(default_factory=list)
    violations: list[tuple[Pred, str]] = field(default_factory=list)  # (count, not_counts text)
    ignored: int = 0  # predictions on optional figures

    def row(self, fam: str, gold_kinds: tuple[str, ...] | None = None, pred_kinds=None) -> dict:
        """P/R/F1/exact for a family, optionally restricted to some gold kinds (and pred kinds)."""
        in_g = (lambda g: g.family == fam) if gold_kinds is None else (lambda g: g.kind in gold_kinds)
        if pred_kinds is None:
            in_p = (lambda p: p.family == fam) if gold_kinds is None else (lambda p: p.kind in gold_kinds)
        else:
            in_p = lambda p: p.kind in pred_kinds  # noqa: E731
        m = [x for x in self.matches if in_g(x.gold)]
        fn = [g for g in self.misses if in_g(g)]
        # precision counts the predictions of the row's kinds; a prediction matched to a gold
        # outside the row's kinds is neither a hit nor a false positive of this row
        tp_p = sum(1 for x in self.matches if in_p(x.pred) and in_g(x.gold))
        fp = sum(1 for p in self.false_pos if in_p(p))
        n_gold = len(m) + len(fn)
        p = tp_p / (tp_p + fp) if tp_p + fp else None
        r = len(m) / n_gold if n_gold else None
        f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        exact = sum(x.exact for x in m) / len(m) if m else None
        same_span = sum((x.pred.start, x.pred.end) == (x.gold.start, x.gold.end) for x in m)
        return {"gold": n_gold, "tp": len(m), "fp": fp, "fn": len(fn), "p": p, "r": r, "f1": f1,
                "exact": exact, "same_span": same_span}


# -- our predictions ----------------------------------------------------------------------------


def _unit(u: str | None) -> str | None:
    return _UNIT_ALIASES.get(u, u) if u is not None else None


def _in_scope(document, start: int, gold: G.Gold) -> bool:
    """Is a prediction starting at `start` inside the annotated pages / stretches of the gold?"""
    if gold.spans is not None and not any(s <= start < e for s, e in gold.spans):
        return False
    if gold.pages is None:
        return True
    page = document.locate(start).page
    return page is None or page in gold.pages


def ours(document, report, gold: G.Gold) -> list[Pred]:
    preds: list[Pred] = []
    for q in report.quantities:
        s, e = q.span
        if _in_scope(document, s, gold):
            preds.append(Pred(q.kind, s, e, q.text, Decimal(q.normalized), _unit(q.normalized_unit), q.approx))
    for d in report.dates:
        s, e = d.span
        if _in_scope(document, s, gold):
            preds.append(Pred(d.kind, s, e, d.text, value=d.value, time=d.time))
    return preds


# -- jionlp's predictions -----------------------------------------------------------------------


def _iso(start: str, end: str) -> tuple[str, str, str | None]:
    """jionlp's [start, end] → (kind, ISO value at the granularity spanned, HH:MM or None)."""
    s = datetime.strptime(start, "%Y-%m-%d %H:%M:%S")
    if end == "inf":
        if (s.month, s.day) == (1, 1):
            return "relative", f"{s.year}/..", None
        return "relative", (f"{s:%Y-%m}/.." if s.day == 1 else f"{s:%Y-%m-%d}/.."), None
    e = datetime.strptime(end, "%Y-%m-%d %H:%M:%S")
    midnight, last = s.time() == datetime.min.time(), e.strftime("%H:%M:%S") == "23:59:59"
    if s.date() == e.date():
        t = None if (midnight and last) else f"{s:%H:%M}"
        return "date", f"{s:%Y-%m-%d}", t
    if midnight and last and (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
        return ("year", str(s.year), None) if s.year == e.year else ("range", f"{s.year}/{e.year}", None)
    if midnight and last and s.day == 1 and e.day == calendar.monthrange(e.year, e.month)[1]:
        # whole months: from the 1st of one month to the last day of the same or a later month
        if (s.year, s.month) == (e.year, e.month):
            return "month", f"{s:%Y-%m}", None
        return "range", f"{s:%Y-%m}/{e:%Y-%m}", None
    return "range", f"{s:%Y-%m-%d}/{e:%Y-%m-%d}", None


def load_jionlp():
    """Import jionlp without its banner on stdout (our output must stay clean and deterministic)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp

    return jionlp


def jionlp_preds(text: str, fiscal_year: int | None) -> list[Pred]:
    # jionlp logs a traceback for strings it cannot parse (`周工`) and carries on: keep it quiet
    logging.disable(logging.CRITICAL)
    try:
        return _jionlp_preds(load_jionlp(), text, fiscal_year)
    finally:
        logging.disable(logging.NOTSET)


def _jionlp_preds(jio, text: str, fiscal_year: int | None) -> list[Pred]:
    preds: list[Pred] = []
    for m in jio.ner.extract_money(text, with_parsing=True):
        s, e = m["offset"]
        num = m["detail"]["num"]
        nums = tuple(num) if isinstance(num, list) else (num,)
        try:
            values = tuple(Decimal(n) for n in nums)
        except (InvalidOperation, TypeError):
            continue
        unit = m["detail"].get("case")
        preds.append(Pred("money", s, e, m["text"], values[0], _unit(unit), None, values=tuple(map(str, values))))
    base = {"year": fiscal_year} if fiscal_year else None
    for t in jio.ner.extract_time(text, time_base=base, with_parsing=True) if base else []:
        if t["type"] not in ("time_point", "time_span"):
            continue  # time_delta (3个月) and time_period (每周) are not dates
        s, e = t["offset"]
        try:
            kind, value, hhmm = _iso(*t["detail"]["time"][:2])
        except (ValueError, TypeError):
            continue
        preds.append(Pred(kind, s, e, t["text"], value=value, time=hhmm))
    return preds


# -- matching -----------------------------------------------------------------------------------


def _exact(g: G.GoldFigure, p: Pred, loose: bool) -> bool:
    if g.family == "date":
        return p.value == g.value and (g.time is None or p.time == g.time)
    if loose:  # jionlp: value (any end of its range) and unit only
        return any(Decimal(v) == g.normalized for v in p.values) and p.unit == g.unit
    return p.normalized == g.normalized and p.unit == _unit(g.unit) and p.approx == g.approx


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def score(gold: G.Gold, preds: list[Pred], name: str, loose: bool = False,
          families: tuple[str, ...] = FAMILIES) -> Result:
    res = Result(name)
    golds = [g for g in gold.figures if g.family in families]
    scored = [p for p in preds if p.family in families]
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(scored):
            if p.family == g.family and _overlaps(g.start, g.end, p.start, p.end):
                overlap = min(g.end, p.end) - max(g.start, p.start)
                pairs.append((-overlap, abs(g.start - p.start), gi, pi))
    pairs.sort()
    g_used: set[int] = set()
    p_used: set[int] = set()
    for _, _, gi, pi in pairs:
        if gi in g_used or pi in p_used:
            continue
        g_used.add(gi)
        p_used.add(pi)
        res.matches.append(Match(golds[gi], scored[pi], _exact(golds[gi], scored[pi], loose)))
    res.misses = [g for i, g in enumerate(golds) if i not in g_used]
    for pi, p in enumerate(scored):
        if pi in p_used:
            continue
        if any(_overlaps(o.start, o.end, p.start, p.end) for o in gold.optional):
            res.ignored += 1
        else:
            res.false_pos.append(p)
    for p in preds:
        if p.kind == "count":
            for text, s, e in gold.not_counts:
                if _overlaps(s, e, p.start, p.end):
                    res.violations.append((p, text))
                    break
    res.matches.sort(key=lambda m: m.gold.start)
    res.false_pos.sort(key=lambda p: (p.start, p.end))
    return res


# -- running ------------------------------------------------------------------------------------


@dataclass
class DocScore:
    gold: G.Gold
    ours: Result
    jionlp: Result | None
    text: str


def evaluate(gold_file: Path, with_jionlp: bool = True) -> DocScore | None:
    """Score one gold file; None when its document is absent (e.g. ../shared on a user's machine)."""
    from reportparse import api

    raw = G.load_raw(gold_file)
    path = G.document_path(raw["document"])
    if not path.exists():
        return None
    document = api.read(path)
    report = api.parse_document(document)
    gold = G.resolve(raw, document.text, gold_file.stem)
    mine = score(gold, ours(document, report, gold), "reportparse")
    jio = None
    if with_jionlp:
        jp = [p for p in jionlp_preds(document.text, gold.fiscal_year) if _in_scope(document, p.start, gold)]
        jio = score(gold, jp, "jionlp", loose=True, families=("money", "date"))
    return DocScore(gold, mine, jio, document.text)


def _f(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def _rows(res: Result) -> list[tuple[str, dict]]:
    rows = [(fam, res.row(fam)) for fam in FAMILIES]
    rows.append(("date*", res.row("date", gold_kinds=TARGET_DATE_KINDS,
                                 pred_kinds=TARGET_DATE_KINDS)))
    for k in G.DATE_KINDS:
        rows.append(("  " + k, res.row("date", gold_kinds=(k,), pred_kinds=(k,))))
    return rows


def print_table(title: str, ours_res: Result, jio_res: Result | None, out) -> None:
    print(f"\n== {title}", file=out)
    print(f"{'kind':<12}{'gold':>5} | {'P':>6} {'R':>6} {'F1':>6} {'exact':>6} {'span=':>5} | "
          f"{'jionlp P':>8} {'R':>6} {'F1':>6} {'exact':>6}", file=out)
    jrows = dict(_rows(jio_res)) if jio_res else {}
    for name, r in _rows(ours_res):
        if r["gold"] == 0 and r["fp"] == 0:
            continue
        j = jrows.get(name)
        jcols = (f"{_f(j['p']):>8} {_f(j['r'])} {_f(j['f1'])} {_f(j['exact'])}"
                 if j and name.strip() in ("money", "date", "date*") + G.DATE_KINDS else "")
        print(f"{name:<12}{r['gold']:>5} | {_f(r['p'])} {_f(r['r'])} {_f(r['f1'])} {_f(r['exact'])} "
              f"{r['same_span']:>5} | {jcols}", file=out)


def _ctx(text: str, s: int, e: int) -> str:
    return (text[max(0, s - 6):s] + "【" + text[s:e] + "】" + text[e:e + 4]).replace("\n", "⏎")


def print_lists(ds: DocScore, out, top: int = 20) -> None:
    r, text = ds.ours, ds.text
    misses = Counter()
    for g in r.misses:
        misses[(g.kind, g.text)] += 1
    print(f"\n-- {ds.gold.name}: 漏报 misses ({len(r.misses)}), top {top} by text", file=out)
    for (kind, t), n in sorted(misses.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        ex = next(g for g in r.misses if (g.kind, g.text) == (kind, t))
        print(f"  {kind:<9} {t!r:<22} ×{n}  {_ctx(text, ex.start, ex.end)}", file=out)
    fps = Counter((p.kind, p.text) for p in r.false_pos)
    print(f"-- {ds.gold.name}: 误报 false positives ({len(r.false_pos)}), top {top} by text", file=out)
    for (kind, t), n in sorted(fps.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        ex = next(p for p in r.false_pos if (p.kind, p.text) == (kind, t))
        print(f"  {kind:<9} {t!r:<22} ×{n}  {_ctx(text, ex.start, ex.end)}", file=out)
    wrong = [m for m in r.matches if not m.exact]
    print(f"-- {ds.gold.name}: 值不对 wrong values ({len(wrong)}), top {top}", file=out)
    for m in wrong[:top]:
        g, p = m.gold, m.pred
        want = f"{g.value}{' ' + g.time if g.time else ''}" if g.family == "date" else f"{g.normalized} {g.unit} {g.approx}"
        got = f"{p.value}{' ' + p.time if p.time else ''}" if g.family == "date" else f"{p.normalized} {p.unit} {p.approx}"
        print(f"  {g.kind:<9} {g.text!r:<22} want {want:<28} got {got}  ({p.kind} {p.text!r})", file=out)
    print(f"-- {ds.gold.name}: not_counts 被当作数量 ({len(r.violations)})", file=out)
    for p, t in r.violations[:top]:
        print(f"  count {p.text!r} 落在 {t!r} 上  {_ctx(text, p.start, p.end)}", file=out)


def merged(results: list[Result], name: str) -> Result:
    m = Result(name)
    for r in results:
        m.matches += r.matches
        m.misses += r.misses
        m.false_pos += r.false_pos
        m.violations += r.violations
        m.ignored += r.ignored
    return m


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="按人工金标注计算提取的准确率（并与 jionlp 对比）")
    ap.add_argument("names", nargs="*", help="金标注文件名（不含 .yaml），默认全部")
    ap.add_argument("--no-jionlp", action="store_true", help="不运行 jionlp")
    ap.add_argument("--top", type=int, default=20, help="漏报/误报列表的条数（默认 20）")
    args = ap.parse_args(argv)
    files = [f for f in G.gold_files() if not args.names or f.stem in args.names]
    out = sys.stdout
    scores: list[DocScore] = []
    status = 0
    for f in files:
        ds = evaluate(f, with_jionlp=not args.no_jionlp)
        if ds is None:
            print(f"跳过 {f.name}：文档不存在（../shared/corpus 只在开发机和 CI 上有）", file=out)
            continue
        for p in ds.gold.problems:
            status = 1
            print(f"金标注问题 {f.name}: {p}", file=out)
        scores.append(ds)
        scope = (f"pages {ds.gold.pages}" if ds.gold.pages else
                 f"{len(ds.gold.spans)} stretches, {sum(e - s for s, e in ds.gold.spans)} chars" if ds.gold.spans
                 else "whole document")
        print_table(f"{f.stem} ({scope}; {len(ds.gold.figures)} gold figures, "
                    f"{ds.ours.ignored} predictions on optional figures)", ds.ours, ds.jionlp, out)
    if len(scores) > 1:
        jio = [d.jionlp for d in scores if d.jionlp]
        print_table("ALL documents (micro)", merged([d.ours for d in scores], "reportparse"),
                    merged(jio, "jionlp") if jio else None, out)
    print("\n(date* = the issue's date target kinds: date, range, month, year, named_day; "
          "span= = matches whose span equals the gold span)", file=out)
    for ds in scores:
        print_lists(ds, out, args.top)
    return status


if __name__ == "__main__":
    sys.exit(main())
