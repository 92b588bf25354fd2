"""4xx date rules: YAML cases, docstring examples, and the seed (which must stay clean)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import yaml

from reportparse.rules.base import doc_sections
from reportparse.rules.dates import RULES

from rules_helpers import check_text, fails

CASES = yaml.safe_load((Path(__file__).parent / "fixtures/rules/RP4_dates.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", [(c["rule"], "fail", t) for c in CASES for t in c["fail"]]
                         + [(c["rule"], "pass", t) for c in CASES for t in c["pass"]], ids=str)
def test_yaml_case(case):
    rule, expect, text = case
    got = fails(text, rule)
    assert bool(got) == (expect == "fail"), (rule, text, [f.message for f in got])


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_docstring_examples(rule):
    sec = doc_sections(inspect.cleandoc(rule.__doc__))
    assert fails(sec["Bad"], rule.id), sec["Bad"]
    assert not fails(sec["Good"], rule.id), sec["Good"]


def test_seed_dates_hold(seed_path):
    findings, _, _ = check_text(seed_path.read_text("utf-8"), select=["RP4"])
    assert not [f for f in findings if f.status == "fail"], [f.message for f in findings if f.status == "fail"]
    passed = {f.rule for f in findings if f.status == "pass"}
    # 4月21-22日 ordered; 下午4:30点 → 6月6号凌晨2点 crosses midnight; 早上8点 → 14点; 建党 100 周年 in 2021
    assert {"RP402", "RP403", "RP405"} <= passed
    crossing = [f for f in findings if f.rule == "RP403" and "凌晨2点" in f.message]
    assert crossing and crossing[0].status == "pass"


def test_weekday_message_names_the_real_day():
    (f,) = fails("某县文化馆2021年度工作报告\n2021年1月13日（星期四）召开推进会。", "RP404")
    assert f.expected == "星期三" and f.actual == "星期四"
    assert "2021-01-13 是星期三" in f.message


@pytest.mark.shared_corpus
def test_work_reports_review_the_year_before_without_findings():
    from conftest import shared

    folder = shared("work-reports-gb18030")
    for path in sorted(folder.glob("*.txt"))[-4:]:  # 2015-2018: 抗战胜利70周年, 建党95周年, 长征胜利80周年
        findings, _, _ = check_text(path.read_bytes().decode("gb18030"), select=["RP4"])
        assert not [f for f in findings if f.status == "fail"], (path.name, [f.message for f in findings])
