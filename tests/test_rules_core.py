"""Rule families 1xx/2xx/3xx/5xx: every YAML case and every docstring example, run through the whole
pipeline (txt reader → build_report → run_rules) exactly as `reportparse check` runs them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from reportparse.build import build_report
from reportparse.readers.txt import read_txt
from reportparse.rules import run_rules
from reportparse.rules.registry import ALL_RULES

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
CORE_FAMILIES = ("RP1", "RP2", "RP3", "RP5")
CORE_RULES = [r for r in ALL_RULES if r.id.startswith(CORE_FAMILIES)]


def run(text: str, rule_id: str):
    data = text.encode("utf-8")
    doc = read_txt("示例.txt", data, hashlib.sha256(data).hexdigest())
    return [f for f in run_rules(build_report(doc), doc, select=[rule_id]) if f.rule == rule_id]


def _cases():
    for path in sorted(FIXTURES.glob("RP[1235]*.yaml")):
        spec = yaml.safe_load(path.read_text("utf-8"))
        rule = spec["rule"]
        for i, case in enumerate(spec.get("fail", [])):
            yield pytest.param(rule, "fail", case, id=f"{rule}-fail-{i}")
        for i, case in enumerate(spec.get("pass", [])):
            yield pytest.param(rule, "pass", case, id=f"{rule}-pass-{i}")
        for i, case in enumerate(spec.get("silent", [])):
            yield pytest.param(rule, "silent", case, id=f"{rule}-silent-{i}")


@pytest.mark.parametrize("rule,expect,case", list(_cases()))
def test_yaml_case(rule, expect, case):
    text = case["text"] if isinstance(case, dict) else case
    found = run(text, rule)
    fails = [f for f in found if f.status == "fail"]
    if expect == "fail":
        assert fails, f"{rule} 应报告问题：{text}"
        if "severity" in case:
            assert fails[0].severity == case["severity"], fails[0].message
        if "decision" in case:
            assert fails[0].decision is case["decision"]
        assert all(f.message and f.members for f in fails)
    elif expect == "pass":
        assert not fails, [f.message for f in fails]
        assert any(f.status == "pass" for f in found), f"{rule} 应核对并相符：{text}"
    else:
        assert not found, [f.message for f in found]


def test_every_core_rule_has_a_fixture_with_a_failing_case():
    have = {yaml.safe_load(p.read_text("utf-8"))["rule"] for p in FIXTURES.glob("RP[1235]*.yaml")}
    table_only = {"RP502", "RP503", "RP504"}  # score tables: tests/test_rules_scores_table.py
    missing = {r.id for r in CORE_RULES} - have - table_only
    assert not missing


@pytest.mark.parametrize("rule", CORE_RULES, ids=lambda r: r.id)
def test_docstring_examples_run(rule):
    sections = rule.doc_sections()
    for key in ("Why", "Tolerance", "Limits"):
        assert sections.get(key), f"{rule.id} 缺少 {key}"
    if "Bad" not in sections:
        return
    bad = run(sections["Bad"], rule.id)
    assert any(f.status == "fail" for f in bad), f"{rule.id} 的 Bad 示例没有报告问题"
    good = run(sections["Good"], rule.id)
    assert not any(f.status == "fail" for f in good), [f.message for f in good]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.id)
def test_rule_identity(rule):
    import re

    assert re.fullmatch(r"RP\d{3}", rule.id)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.severity in ("error", "warning", "info")
    assert rule.summary and re.search(r"[\u4e00-\u9fff]", rule.summary)


def test_ids_and_names_unique():
    assert len({r.id for r in ALL_RULES}) == len(ALL_RULES)
    assert len({r.name for r in ALL_RULES}) == len(ALL_RULES)


def test_fail_message_states_numbers_difference_and_tolerance():
    f = [x for x in run("今年在各级媒体上稿累计23篇，其中国家级1篇，省级7篇，市级10篇，县级4篇。", "RP101") if x.status == "fail"][0]
    assert "23篇" in f.message and "22篇" in f.message and "相差 1篇" in f.message and "容差" in f.message
    assert f.expected == "22篇" and f.actual == "23篇"
    assert [m.role for m in f.members] == ["total", "part", "part", "part", "part"]


def test_member_spans_are_exact():
    text = "基本支出情况：139.38万元，其中：工资福利支出：50.12万元，商品和服务支出：41.72万元，对个人和家庭的补助支出：47.54万元。"
    (f,) = run(text, "RP101")
    for m in f.members:
        assert text[m.span[0] : m.span[1]] == m.text
        assert m.location is not None and m.location.line == 1


def test_select_by_prefix_and_name_and_ignore():
    from reportparse.rules.registry import select_rules, unknown_patterns

    assert {r.id for r in select_rules(["RP10"])} == {r.id for r in ALL_RULES if r.id.startswith("RP10")}
    assert [r.id for r in select_rules(["grade-band-mismatch"])] == ["RP501"]
    assert "RP101" not in {r.id for r in select_rules(None, ["RP1"])}
    assert [r.id for r in select_rules(["RP101,RP501"])] == ["RP101", "RP501"]
    assert unknown_patterns(["RP999", "RP1", "no-such-rule"]) == ["RP999", "no-such-rule"]


def test_a_crashing_rule_becomes_rp901_and_others_still_run(monkeypatch):
    from reportparse.rules import sums

    def boom(self, ctx):
        raise RuntimeError("故意的")
        yield

    monkeypatch.setattr(sums.SumMismatch, "check", boom)
    text = "今年在各级媒体上稿累计23篇，其中国家级1篇，省级7篇，市级10篇，县级4篇。得到98分，自评结果：良好。"
    data = text.encode("utf-8")
    doc = read_txt("示例.txt", data, hashlib.sha256(data).hexdigest())
    found = run_rules(build_report(doc), doc)
    assert any(f.rule == "RP901" and "RP101" in f.message for f in found)
    assert any(f.rule == "RP501" and f.status == "fail" for f in found)


# --- never raises on any text (relations are built inside parse, so a crash there would break parse) --
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["其中", "共计", "累计", "合计", "，", "。", "；", "、", "：", "（", "）", "等", "即", "占", "%", "万元", "元",
           "户", "个", "篇", "分", "元/户", "比上年", "增加", "减少", "增长", "下降", "持平", "到", "由", "三公经费",
           "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费", "基本支出", "项目支出", "支出", "结余",
           "收入", "预算", "决算数大于预算数", "执行率", "完成预算的", "自评结果：", "良好", "优", "2021年", "2020年",
           "\n", " ", "近", "余", "0", "1", "2.5", "98", "100", "139.38", "0.00", "12,345.6"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_relations_and_rules_never_raise(pieces):
    text = "".join(pieces).strip() or "空"  # the reader refuses a blank file (that is its job)
    data = text.encode("utf-8")
    doc = read_txt("随机.txt", data, hashlib.sha256(data).hexdigest())
    report = build_report(doc)
    found = run_rules(report, doc)
    assert not [f for f in found if f.rule == "RP901"], [f.message for f in found if f.rule == "RP901"]
    for f in found:
        for m in f.members:
            assert doc.text[m.span[0] : m.span[1]] == m.text
