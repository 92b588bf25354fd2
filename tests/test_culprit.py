"""8xx the likely wrong number, and the goldens of the corpus/checks documents of families 4xx/7xx/8xx."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

from reportparse import api
from reportparse.rules.base import doc_sections
from reportparse.rules.culprit import RULES

from rules_helpers import check_text

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT / "corpus" / "checks"
MINE = sorted(p for p in CHECKS.glob("RP[4678]-*") if p.suffix in (".txt", ".docx"))


def test_docstring_examples():
    (rule,) = RULES
    sec = doc_sections(inspect.cleandoc(rule.__doc__))
    # a post-pass reads the other rules' findings, so the whole catalogue runs
    def culprits(text):
        return [f for f in check_text(text)[0] if f.rule == rule.id]

    assert [f.severity for f in culprits(sec["Bad"])] == ["warning"]
    assert not culprits(sec["Good"])


def test_names_the_typo_and_the_value_all_relations_imply():
    findings, _, doc = check_text((CHECKS / "RP8-疑似笔误-有误.txt").read_text("utf-8"))
    (f,) = [f for f in findings if f.rule == "RP801"]
    assert f.severity == "warning" and f.status == "fail"
    assert f.actual == "12.5万元" and f.expected == "12.35万元"
    assert "疑为“12.35万元”之误" in f.message
    # both printings of 12.5 are named, each at its exact place
    assert [m.text for m in f.members] == ["12.5万元", "12.5万元"]
    for m in f.members:
        assert doc.text[m.span[0]:m.span[1]] == "12.5万元"
    # the three relations it breaks are still reported themselves
    assert sorted(x.rule for x in findings if x.status == "fail" and x.severity == "error") == [
        "RP101", "RP301", "RP303"]


def test_no_culprit_when_two_figures_share_every_failure():
    text = ("某县2022年度三公经费说明\n"
            "2022年度公务接待费支出8.00万元，2021年度公务接待费支出12.5万元，减少4.35万元，下降35.22%。")
    findings, _, _ = check_text(text)
    assert not [f for f in findings if f.rule == "RP801" and f.severity != "info"]


def test_seed_has_no_culprit(seed_path):
    findings, _, _ = check_text(seed_path.read_text("utf-8"))
    assert not [f for f in findings if f.rule == "RP801"]


def _golden(path: Path) -> list[dict]:
    res = api.check(path)
    return [{"rule": f.rule, "severity": f.severity, "line": f.location.line if f.location else None,
             "text": f.members[0].text if f.members else None} for f in res.findings]


@pytest.mark.parametrize("path", MINE, ids=lambda p: p.name)
def test_corpus_checks_golden(path):
    golden = path.with_name(path.name + ".golden.json")
    got = _golden(path)
    assert golden.exists(), f"python tests/test_culprit.py 生成 {golden.name}"
    assert got == json.loads(golden.read_text("utf-8"))
    if "无误" in path.name:
        assert got == [], "a consistent twin must give no finding"
    else:
        assert got, "a document with planted inconsistencies must give findings"


if __name__ == "__main__":  # regenerate the goldens after a reviewed change
    for p in MINE:
        out = p.with_name(p.name + ".golden.json")
        out.write_text(json.dumps(_golden(p), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(out)


import yaml  # noqa: E402

CASES = yaml.safe_load((Path(__file__).parent / "fixtures/rules/RP8_culprit.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", [c for spec in CASES for c in spec["fail"]], ids=lambda c: c["culprit"])
def test_yaml_names_the_culprit(case):
    got = [f for f in check_text(case["text"])[0] if f.rule == "RP801" and f.severity == "warning"]
    assert [(f.actual, f.expected) for f in got] == [(case["culprit"], case["expected"])]


@pytest.mark.parametrize("text", [t for spec in CASES for t in spec["pass"]], ids=str)
def test_yaml_no_culprit(text):
    assert not [f for f in check_text(text)[0] if f.rule == "RP801"]


@pytest.mark.shared_corpus
def test_real_budget_item_typo_is_named():
    from conftest import shared

    pdf = shared("pdf-budgets") / "上海市普陀区人民政府万里街道办事处24年预算.pdf"
    try:
        res = api.check(pdf)
    except Exception as exc:  # the PDF reader is another engineer's
        pytest.skip(f"PDF 读取尚不可用：{exc}")
    named = [(f.actual, f.expected) for f in res.findings if f.rule == "RP801" and f.severity == "warning"]
    assert named == [("352.67万元", "350.35万元")]
