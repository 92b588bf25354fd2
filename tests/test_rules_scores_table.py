"""5xx score tables (自评表 with 分值 and 得分 columns), on Documents with real Table/Cell objects."""

from __future__ import annotations

import pytest
from rules_helpers import check_document, table_doc

HEAD = ["一级指标", "二级指标", "分值", "得分"]


def table(rows):
    return table_doc(["项目支出绩效自评表", [HEAD, *rows]])


def results(rows, rule):
    findings, _ = check_document(table(rows), select=[rule])
    return [f for f in findings if f.rule == rule]


GOOD = [["产出指标", "数量指标", "50", "48"], ["效益指标", "社会效益", "30", "28"],
        ["满意度指标", "服务对象满意度", "10", "10"], ["预算执行率", "执行率", "10", "9.5"], ["合计", "", "100", "95.5"]]


@pytest.mark.parametrize("rule", ["RP502", "RP503", "RP504"])
def test_consistent_table_passes(rule):
    found = results(GOOD, rule)
    assert found and all(f.status == "pass" for f in found)


def test_weights_summing_to_110_against_a_printed_100():
    rows = [["产出指标", "数量指标", "70", "68"], ["效益指标", "社会效益", "20", "18"],
            ["满意度指标", "满意度", "10", "10"], ["预算执行率", "执行率", "10", "10"], ["合计", "", "100", "106"]]
    (f,) = [f for f in results(rows, "RP504") if f.status == "fail"]
    assert f.severity == "error" and f.expected == "110" and f.actual == "100"
    assert "110" in f.message and [m.text for m in f.members][:2] == ["100", "70"]


def test_scores_not_adding_up_to_the_total():
    rows = [r[:] for r in GOOD]
    rows[-1][3] = "96.5"
    (f,) = [f for f in results(rows, "RP502") if f.status == "fail"]
    assert f.expected == "95.5" and f.actual == "96.5" and "相差 1" in f.message


def test_score_above_its_weight():
    rows = [r[:] for r in GOOD]
    rows[3][3] = "12"
    rows[-1][3] = "98"
    fails = [f for f in results(rows, "RP503") if f.status == "fail"]
    assert len(fails) == 1 and fails[0].members[0].text == "12" and "超过" in fails[0].message


def test_without_a_total_row_weights_must_make_100():
    rows = [r for r in GOOD[:-1]]
    rows[0] = ["产出指标", "数量指标", "40", "38"]
    (f,) = [f for f in results(rows, "RP504") if f.status == "fail"]
    assert f.actual == "90"
