"""Extraction accuracy against the hand-made gold annotations (tests/fixtures/gold/*.yaml).

These tests MEASURE the extractor (marker `accuracy`): they run the real pipeline on the seed, on
the report written for the project and on a real budget PDF, score it with bench/accuracy.py and
assert the issue's targets.  The figures themselves are printed by
`.venv/bin/python bench/accuracy.py` (docs/accuracy.md).

Targets on the seed (issue 3): money and counts F1 ≥ 0.98 with ≥ 98% of values exact; dates (day,
range, month, year, named day) F1 ≥ 0.97 with ISO values exact; no not_counts text as a count.

The scorer is tested too (first block), on gold-made predictions with known defects, so that a
broken scorer cannot make the targets pass.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import accuracy as A  # noqa: E402
import gold as G  # noqa: E402

SEED = G.GOLD_DIR / "seed.yaml"
OWN = G.GOLD_DIR / "qinghe_farmland_2023.yaml"
PDF = G.GOLD_DIR / "putuo_office_budget_2025.yaml"
WORK_REPORT = G.GOLD_DIR / "work_report_2018.yaml"
FINAL_ACCOUNTS = G.GOLD_DIR / "final_accounts_socialwork_2024.yaml"
DISCLOSURE = G.GOLD_DIR / "hongze_disclosure_2024.yaml"
PLANNING = G.GOLD_DIR / "final_accounts_planning_2024.yaml"
WORK_REPORT_2008 = G.GOLD_DIR / "work_report_2008.yaml"
ISO = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|\.\.)(/(\d{4}(-\d{2}(-\d{2})?)?|\.\.))?$")


def _resolved(gold_file: Path) -> G.Gold:
    raw = G.load_raw(gold_file)
    path = G.document_path(raw["document"])
    if not path.exists():
        pytest.skip(f"{raw['document']} 不存在（../shared/corpus 只在开发机和 CI 上有）")
    return G.resolve(raw, G.read_text(path), gold_file.stem)


# -- the gold itself ----------------------------------------------------------------------------


@pytest.mark.parametrize("gold_file", G.gold_files(), ids=lambda p: p.stem)
def test_gold_entries_are_well_formed(gold_file):
    raw = G.load_raw(gold_file)
    assert raw["document"].startswith(("corpus/", "shared/corpus/"))
    for e in raw["figures"]:
        assert e["kind"] in G.QUANTITY_KINDS + G.DATE_KINDS, e
        assert isinstance(e.get("occurrence"), int) and e["occurrence"] >= 1, e
        if e["kind"] in G.QUANTITY_KINDS:
            Decimal(str(e["normalized"]))
            assert e["unit"] and e["approx"] in ("exact", "approx", "at_least", "at_most"), e
        else:
            assert ISO.match(str(e["value"])), e
            assert e.get("time") is None or re.fullmatch(r"\d\d:\d\d", e["time"]), e


@pytest.mark.parametrize("gold_file", G.gold_files(), ids=lambda p: p.stem)
def test_gold_locates_in_the_document_text(gold_file):
    """Each text + occurrence lies inside its ctx in the text the reader gives (no drift)."""
    gold = _resolved(gold_file)
    assert gold.problems == []
    assert len(gold.figures) >= 10


@pytest.mark.parametrize("gold_file", [PDF, FINAL_ACCOUNTS, PLANNING, WORK_REPORT, WORK_REPORT_2008, DISCLOSURE], ids=lambda p: p.stem)
def test_shared_gold_documents_are_not_copied_into_the_project(gold_file):
    raw = G.load_raw(gold_file)
    assert raw["document"].startswith("shared/")
    name = Path(raw["document"]).name
    copies = [p for d in ("corpus", "tests", "bench", "docs") for p in (ROOT / d).rglob(name)]
    assert not copies, f"{name} 不得复制进项目"


# -- the scorer ---------------------------------------------------------------------------------


def _perfect(gold: G.Gold) -> list[A.Pred]:
    return [
        A.Pred(g.kind, g.start, g.end, g.text, g.normalized, g.unit, g.approx, value=g.value, time=g.time)
        for g in gold.figures
    ]


@pytest.fixture(scope="module")
def seed_gold() -> G.Gold:
    return _resolved(SEED)


def test_scorer_gives_one_for_the_gold_itself(seed_gold):
    r = A.score(seed_gold, _perfect(seed_gold), "gold")
    for fam in ("money", "count", "date"):
        row = r.row(fam)
        assert (row["p"], row["r"], row["f1"], row["exact"]) == (1.0, 1.0, 1.0, 1.0)
    assert r.violations == [] and r.false_pos == [] and r.misses == []


def test_scorer_counts_misses_false_positives_and_wrong_values(seed_gold):
    preds = _perfect(seed_gold)
    money = [i for i, p in enumerate(preds) if p.kind == "money"]
    dropped = preds.pop(money[0])  # a miss
    i = next(i for i, p in enumerate(preds) if p.kind == "money")
    preds[i] = replace(preds[i], normalized=preds[i].normalized + 1)  # a wrong value
    j = next(i for i, p in enumerate(preds) if p.kind == "named_day")
    preds[j] = replace(preds[j], value="2021-05-30")  # a wrong date
    text = G.read_text(G.document_path(G.load_raw(SEED)["document"]))
    s = text.index("成立41周年")
    preds.append(A.Pred("count", s + 2, s + 6, "41周年", Decimal(41), "周年", "exact"))  # a not_count
    preds.append(A.Pred("money", 0, 3, "新田县", Decimal(1), "元", "exact"))  # a false positive
    r = A.score(seed_gold, preds, "broken")
    m = r.row("money")
    assert m["fn"] == 1 and m["fp"] == 1 and r.misses[0].start == dropped.start
    assert m["exact"] == pytest.approx(30 / 31)
    assert r.row("date")["exact"] < 1.0
    assert [t for _, t in r.violations] == ["41周年"]
    assert r.row("count")["fp"] == 1  # the 41周年 count is also a false positive


def test_scorer_ignores_predictions_on_optional_figures(seed_gold):
    opt = seed_gold.optional[0]
    r = A.score(seed_gold, _perfect(seed_gold) + [A.Pred("named_day", opt.start, opt.end, opt.text, value="2021-02-12")],
                "with-optional")
    assert r.ignored == 1 and r.false_pos == []


def test_jionlp_time_spans_become_iso_at_their_granularity():
    assert A._iso("2021-01-01 00:00:00", "2021-12-31 23:59:59") == ("year", "2021", None)
    assert A._iso("2021-05-01 00:00:00", "2021-05-31 23:59:59") == ("month", "2021-05", None)
    assert A._iso("2021-05-13 00:00:00", "2021-05-13 23:59:59") == ("date", "2021-05-13", None)
    assert A._iso("2021-01-13 15:00:00", "2021-01-13 15:59:59") == ("date", "2021-01-13", "15:00")
    assert A._iso("2021-04-21 00:00:00", "2021-04-22 23:59:59") == ("range", "2021-04-21/2021-04-22", None)
    assert A._iso("2021-01-01 00:00:00", "2021-10-31 23:59:59") == ("range", "2021-01/2021-10", None)
    assert A._iso("2021-03-01 00:00:00", "inf") == ("relative", "2021-03/..", None)


# -- the extractor, measured --------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_score() -> A.DocScore:
    ds = A.evaluate(SEED, with_jionlp=False)
    assert ds is not None
    return ds


@pytest.mark.accuracy
@pytest.mark.parametrize("family", ["money", "count"])
def test_seed_money_and_counts_meet_the_target(seed_score, family):
    row = seed_score.ours.row(family)
    misses = [g.text for g in seed_score.ours.misses if g.family == family]
    fps = [p.text for p in seed_score.ours.false_pos if p.family == family]
    assert row["f1"] >= 0.98, f"F1 {row['f1']:.3f}; 漏报 {misses[:10]}; 误报 {fps[:10]}"
    assert row["exact"] >= 0.98, [(m.gold.text, str(m.pred.normalized)) for m in seed_score.ours.matches
                                  if not m.exact and m.gold.family == family][:10]


@pytest.mark.accuracy
def test_seed_dates_meet_the_target(seed_score):
    row = seed_score.ours.row("date", gold_kinds=A.TARGET_DATE_KINDS, pred_kinds=A.TARGET_DATE_KINDS)
    misses = [g.text for g in seed_score.ours.misses if g.kind in A.TARGET_DATE_KINDS]
    assert row["f1"] >= 0.97, f"F1 {row['f1']:.3f}; 漏报 {misses[:10]}"
    wrong = [(m.gold.text, m.gold.value, m.pred.value) for m in seed_score.ours.matches
             if m.gold.kind in A.TARGET_DATE_KINDS and not m.exact]
    assert wrong == [], wrong  # "with ISO values exact"


@pytest.mark.accuracy
def test_seed_never_counts_an_ordinal_or_fixed_term(seed_score):
    assert [(p.text, t) for p, t in seed_score.ours.violations] == []


@pytest.mark.accuracy
@pytest.mark.parametrize("gold_file", [OWN, PDF, FINAL_ACCOUNTS, PLANNING, WORK_REPORT, WORK_REPORT_2008, DISCLOSURE], ids=lambda p: p.stem)
def test_other_documents_stay_accurate(gold_file):
    """No target in the issue for these; a floor that catches regressions on other wording.

    The 2018 work report was annotated after the extractors' first version (count F1 0.70 then:
    多万, 1亿3千多万, 亿美元, bare 万 before 人口); 623d992 closed those gaps."""
    ds = A.evaluate(gold_file, with_jionlp=False)
    if ds is None:
        pytest.skip(f"{gold_file.stem} 的文档不存在")
    for family in ("money", "count", "percent", "date"):
        row = ds.ours.row(family)
        if row["gold"]:
            assert row["f1"] >= 0.9, (family, row, [g.text for g in ds.ours.misses][:10])
            assert row["exact"] >= 0.9, (family, row)
    assert ds.ours.violations == []

