"""Consistent documents must check clean: an auditor's tool finds what is there "and nothing that is
not there".  Every corpus document written to be consistent has no error; and the mechanisms that
once raised false errors on them are pinned here on small tables (the text cases are YAML cases in
tests/fixtures/rules/RP101, RP103, RP322)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_helpers import check_document, table_doc

from reportparse.api import check

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = "新田县计划生育协会2021年度部门整体支出绩效评价报告"


def _consistent() -> list[Path]:
    top = [p for ext in ("txt", "docx", "pdf") for p in CORPUS.glob(f"*.{ext}") if p.stem != SEED]
    nested = [p for sub in ("checks", "redteam") for p in (CORPUS / sub).glob("*无误*")
              if p.suffix in (".txt", ".docx", ".pdf")]
    return sorted(top + nested)


def test_the_consistent_corpus_is_not_empty():
    # the sweep below must check something: the four 澄溪县 documents at least, and some 无误 ones
    names = [p.name for p in _consistent()]
    assert sum("澄溪县" in n for n in names) >= 4 and any("无误" in n for n in names), names


@pytest.mark.parametrize("path", _consistent(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_consistent_document_has_no_error(path):
    report = check(path)
    errors = [f"{f.rule} {f.message}" for f in report.findings if f.status == "fail" and f.severity == "error"]
    assert errors == []


def _fails(doc, rule):
    findings, _ = check_document(doc, select=[rule])
    return [f for f in findings if f.rule == rule and f.status == "fail"]


def _passes(doc, rule):
    findings, _ = check_document(doc, select=[rule])
    return [f for f in findings if f.rule == rule and f.status == "pass"]


FUNDS_HEAD = ["项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
INDICATOR_HEAD = ["一级指标", "二级指标", "三级指标", "分值", "得分"]


def _split_form(total_weight="100", total_score="97.32", source="其中：省级补助资金", executed="658.36"):
    """The 10号 self-evaluation form printed as two tables: funds (with the 执行率 row's 分值/得分) and
    indicators (whose 合计 covers both)."""
    funds = [FUNDS_HEAD,
             ["年度资金总额", "850.00", "920.00", "903.56", "10", "98.21%", "9.82"],
             [source, "600.00", "670.00", executed, "—", "98.26%", "—"],
             ["上年结转资金", "250.00", "250.00", "245.20", "—", "98.08%", "—"]]
    indicators = [INDICATOR_HEAD,
                  ["产出指标", "数量指标", "新建集中供水工程", "50", "49"],
                  ["效益指标", "社会效益指标", "受益人口", "30", "29"],
                  ["满意度指标", "服务对象满意度指标", "受益群众满意度", "10", "9.5"],
                  ["合计", "", "", total_weight, total_score]]
    return table_doc(["项目支出绩效自评表", funds, "绩效指标完成情况", indicators])


def test_a_named_funds_source_is_a_part_of_the_total():
    # 省级补助资金 is a source like 当年财政拨款: 600 + 250 = 850, not 250 = 850
    assert not _fails(_split_form(), "RP610")
    assert len(_passes(_split_form(), "RP610")) == 3
    (f,) = _fails(_split_form(executed="600.00"), "RP610")
    assert "省级补助资金 600.00" in f.message and f.severity == "error"


def test_split_form_total_counts_the_execution_rate_row():
    # 50 + 30 + 10 + 执行率 10 = 100; 49 + 29 + 9.5 + 9.82 = 97.32
    for rule in ("RP504", "RP502"):
        assert not _fails(_split_form(), rule), rule
        assert _passes(_split_form(), rule), rule
    (f,) = _fails(_split_form(total_score="98.32"), "RP502")
    assert f.expected == "97.32" and f.actual == "98.32"
    (f,) = _fails(_split_form(total_weight="110"), "RP504")
    assert f.expected == "100" and f.actual == "110"
