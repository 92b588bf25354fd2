"""The hand-made gold annotations (tests/fixtures/gold/*.yaml): loading, locating, checking.

A gold figure names its place by `text` + `occurrence` (the n-th occurrence of exactly that text in
Document.text), so the gold survives reader changes that move offsets.  PDF readers may break a
figure over a line (`2,389.52万\\n元`) or drop such a break, so the search lets whitespace stand
between any two characters of the text.  Occurrences are counted with overlapping search.

`ctx` is a unique stretch around the figure, for the human reviewer and as a cross-check: when the
n-th occurrence does not lie inside its ctx (the document changed), the ctx wins and the mismatch is
reported.  When the text occurs more than once inside its ctx, the last occurrence is meant (a ctx
is mostly left context ending at the figure).  `python bench/gold.py --fill FILE` (re)computes every `occurrence` from `ctx`.

The scorer and the tests only import this module; it knows nothing of the extractor.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SHARED = ROOT.parent / "shared"

QUANTITY_KINDS = ("money", "count", "percent", "score", "rate")
DATE_KINDS = ("date", "range", "month", "year", "named_day", "relative", "period")
_WS = "[ \t\r\n\u3000]*"


def family(kind: str) -> str:
    """Scoring family: each quantity kind is its own; every date kind is `date`."""
    return "date" if kind in DATE_KINDS else kind


@dataclass
class GoldFigure:
    text: str
    kind: str
    start: int
    end: int
    occurrence: int
    normalized: Decimal | None = None
    unit: str | None = None
    approx: str | None = None
    value: str | None = None
    time: str | None = None
    note: str | None = None

    @property
    def family(self) -> str:
        return family(self.kind)


@dataclass
class Gold:
    name: str
    path: Path  # the annotated document
    fiscal_year: int | None
    pages: list[int] | None  # scored pages (1-based); None = the whole document
    spans: list[tuple[int, int]] | None  # scored stretches of the text; None = the whole document
    figures: list[GoldFigure]
    optional: list[GoldFigure]
    not_counts: list[tuple[str, int, int]]  # (text, start, end)
    problems: list[str] = field(default_factory=list)  # ctx/occurrence disagreements, texts not found


def _pattern(needle: str) -> re.Pattern[str]:
    chars = [re.escape(c) for c in needle if not c.isspace() or c == " "]
    return re.compile(_WS.join(chars))


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (overlapping) occurrence of needle in text, whitespace allowed between its characters."""
    pat = _pattern(needle)
    out, pos = [], 0
    while True:
        m = pat.search(text, pos)
        if m is None:
            return out
        out.append((m.start(), m.end()))
        pos = m.start() + 1


def document_path(raw: str) -> Path:
    """`corpus/...` is the project's; `shared/...` is ../shared (absent on a user's machine)."""
    if raw.startswith("shared/"):
        return SHARED / raw[len("shared/") :]
    return ROOT / raw


def load_raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _locate(text: str, entry: dict, problems: list[str]) -> tuple[int, int, int] | None:
    needle = str(entry["text"])
    occ = find_all(text, needle)
    n = entry.get("occurrence")
    ctx = entry.get("ctx")
    by_n = occ[n - 1] if isinstance(n, int) and 1 <= n <= len(occ) else None
    if ctx is None:
        if by_n is None:
            problems.append(f"{needle!r}: 第 {n} 次出现不存在（共 {len(occ)} 次）")
            return None
        return (*by_n, n)
    ctx_hits = find_all(text, str(ctx))
    if len(ctx_hits) != 1:
        problems.append(f"{needle!r}: ctx {ctx!r} 出现 {len(ctx_hits)} 次（应为 1 次）")
        if by_n is None:
            return None
        return (*by_n, n)
    cs, ce = ctx_hits[0]
    inside = [i for i, (s, e) in enumerate(occ) if s >= cs and e <= ce]
    if not inside:
        problems.append(f"{needle!r}: 不在 ctx {ctx!r} 之内")
        return None
    # ctx usually ends at the figure (left context), so when the text occurs more than once inside
    # it, the last occurrence is the one meant
    i = inside[-1]
    if by_n == occ[i]:
        return (*by_n, n)
    if n is not None:
        problems.append(f"{needle!r}: occurrence {n} 与 ctx {ctx!r} 不符，按 ctx 取第 {i + 1} 次")
    return (*occ[i], i + 1)


def _figure(text: str, entry: dict, problems: list[str]) -> GoldFigure | None:
    loc = _locate(text, entry, problems)
    if loc is None:
        return None
    s, e, n = loc
    norm = entry.get("normalized")
    return GoldFigure(
        text=str(entry["text"]),
        kind=str(entry["kind"]),
        start=s,
        end=e,
        occurrence=n,
        normalized=Decimal(str(norm)) if norm is not None else None,
        unit=entry.get("unit"),
        approx=entry.get("approx"),
        value=str(entry["value"]) if entry.get("value") is not None else None,
        time=entry.get("time"),
        note=entry.get("note"),
    )


def resolve(raw: dict, text: str, name: str = "") -> Gold:
    """Gold entries → spans in `text` (the Document.text the extractor saw)."""
    problems: list[str] = []
    figures = [f for e in raw.get("figures") or [] if (f := _figure(text, e, problems))]
    optional = []
    for e in raw.get("optional") or []:
        if e.get("all"):  # every occurrence of the text is optional
            for s, t in find_all(text, str(e["text"])):
                optional.append(GoldFigure(str(e["text"]), str(e["kind"]), s, t, 0, note=e.get("note")))
        elif f := _figure(text, e, problems):
            optional.append(f)
    not_counts: list[tuple[str, int, int]] = []
    for e in raw.get("not_counts") or []:
        if isinstance(e, dict):
            loc = _locate(text, e, problems)
            if loc:
                not_counts.append((str(e["text"]), loc[0], loc[1]))
        else:
            hits = find_all(text, str(e))
            if not hits:
                problems.append(f"not_counts {e!r}: 文中没有")
            not_counts.extend((str(e), s, t) for s, t in hits)
    scope = raw.get("scope") or "all"
    pages = scope.get("pages") if isinstance(scope, dict) else None
    spans = None
    if isinstance(scope, dict) and scope.get("spans"):
        spans = []
        for sp in scope["spans"]:
            a = find_all(text, str(sp["from"]))
            b = find_all(text, str(sp["to"])) if sp.get("to") else [(len(text), len(text))]  # no `to`: the end
            if len(a) != 1 or len(b) != 1 or b[0][0] <= a[0][0]:
                problems.append(f"scope {sp}: 起止文字须各出现一次且先后有序")
                continue
            spans.append((a[0][0], b[0][0]))
        outside = [f.text for f in figures if not any(s <= f.start and f.end <= e for s, e in spans)]
        if outside:
            problems.append(f"标注范围之外的数字：{outside[:5]}")
    return Gold(
        name=name,
        path=document_path(raw["document"]),
        fiscal_year=raw.get("fiscal_year"),
        pages=pages,
        spans=spans,
        figures=figures,
        optional=optional,
        not_counts=not_counts,
        problems=problems,
    )


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.yaml"))


def read_text(path: Path) -> str:
    """Document.text as the project's reader gives it (the text the extractor sees)."""
    from reportparse import read

    return read(path).text


def fill(gold_file: Path, text: str | None = None) -> int:
    """Rewrite each `occurrence:` of gold_file from its ctx; returns how many changed.

    Edits the YAML text line by line (each entry is one flow mapping on one line) so comments and
    layout stay as written by hand.
    """
    raw = load_raw(gold_file)
    if text is None:
        text = read_text(document_path(raw["document"]))
    lines = gold_file.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("- {") or "ctx:" not in stripped:
            continue
        entry = yaml.safe_load(stripped[2:])
        problems: list[str] = []
        entry.pop("occurrence", None)
        loc = _locate(text, entry, problems)
        if loc is None:
            print(f"{gold_file.name}:{i + 1}: {'; '.join(problems)}", file=sys.stderr)
            continue
        n = loc[2]
        new = re.sub(r",? occurrence: \d+", "", line)
        new = re.sub(r"(text: (?:\"[^\"]*\"|[^,}]+))", rf"\1, occurrence: {n}", new, count=1)
        if new != line:
            changed += 1
            lines[i] = new
    gold_file.write_text("".join(lines), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="金标注工具：按 ctx 重算 occurrence，或检查金标注能否在文中定位")
    ap.add_argument("files", nargs="*", type=Path, help="金标注 YAML（默认全部）")
    ap.add_argument("--fill", action="store_true", help="按 ctx 重写 occurrence")
    ap.add_argument("--text-from-pdfplumber", action="store_true", help="用 pdfplumber 逐页文本（PDF 读取模块未完成时）")
    args = ap.parse_args(argv)
    status = 0
    for f in args.files or gold_files():
        raw = load_raw(f)
        doc = document_path(raw["document"])
        if not doc.exists():
            print(f"{f.name}: 跳过，{doc} 不存在")
            continue
        text = pdfplumber_text(doc) if args.text_from_pdfplumber else read_text(doc)
        if args.fill:
            print(f"{f.name}: 改写了 {fill(f, text)} 处 occurrence")
        g = resolve(load_raw(f), text, f.stem)
        kinds: dict[str, int] = {}
        for x in g.figures:
            kinds[x.kind] = kinds.get(x.kind, 0) + 1
        print(f"{f.name}: {len(g.figures)} 个数字 {kinds}，可选 {len(g.optional)}，not_counts {len(g.not_counts)} 处")
        for p in g.problems:
            status = 1
            print(f"  问题：{p}")
    return status


def pdfplumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join((p.extract_text() or "") for p in pdf.pages)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
