"""Dates: ISO values at the written granularity, the report's own year, exact spans, never raising."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEED_TXT, shared
from reportparse.extract.dates import find_date_placeholders, find_dates
from reportparse.extract.meta import find_meta
from reportparse.model import Document, DocumentMeta, SourceInfo
from reportparse.readers import read


def doc(text: str) -> Document:
    return Document(SourceInfo("t.txt", "0" * 64, "txt"), text)


def dates(text: str, fy: int | None = 2021) -> list[tuple[str, str, str, str | None]]:
    return [(d.kind, d.text, d.value, d.time) for d in find_dates(doc(text), DocumentMeta(fiscal_year=fy))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021年1月13日下午三点，召开会议", [("date", "2021年1月13日下午三点", "2021-01-13", "15:00")]),
        ("2019年06月18日", [("date", "2019年06月18日", "2019-06-18", None)]),
        ("5月13日走访", [("date", "5月13日", "2021-05-13", None)]),
        ("坚持到6月6号凌晨2点", [("date", "6月6号凌晨2点", "2021-06-06", "02:00")]),
        ("5月28日上午，县计生协会", [("date", "5月28日上午", "2021-05-28", None)]),
        ("4月21-22日期间", [("range", "4月21-22日", "2021-04-21/2021-04-22", None)]),
        ("自2025年4月8日至6月25日开展", [("range", "2025年4月8日至6月25日", "2025-04-08/2025-06-25", None)]),
        ("2021—2023年度绩效目标", [("range", "2021—2023年度", "2021/2023", None)]),
        ("1-5月累计支出", [("range", "1-5月", "2021-01/2021-05", None)]),
        ("2021年度部门", [("year", "2021年度", "2021", None)]),
        ("实施周期\n2025全年度。", [("year", "2025全年度", "2025", None)]),
        ("二〇二三年五月", [("month", "二〇二三年五月", "2023-05", None)]),
        ("今年5月，县计生协会", [("month", "今年5月", "2021-05", None)]),
        ("在“5.29”活动期间", [("named_day", "5.29", "2021-05-29", None)]),
        ("全县在“5·29”会员活动日期间", [("named_day", "5·29", "2021-05-29", None)]),
        ("抓好“5.29会员日”活动", [("named_day", "5.29", "2021-05-29", None)]),
        ("春节期间走访", [("named_day", "春节期间", "2021-02-12", None)]),
        ("庆端午包粽子", [("named_day", "端午", "2021-06-14", None)]),
        ("今年是建党100周年", [("relative", "今年", "2021", None)]),
        ("较上年减少，去年同期", [("relative", "上年", "2020", None), ("relative", "去年", "2020", None)]),
        ("今年3月以来，县委", [("relative", "今年3月以来", "2021-03/..", None)]),
        ("自今年4月份以来", [("relative", "今年4月份以来", "2021-04/..", None)]),
        ("自6月份开始，该协会", [("relative", "自6月份开始", "2021-06/..", None)]),
        ("截至10月底完成", [("relative", "截至10月底", "../2021-10-31", None)]),
        ("截至2023年12月31日，项目", [("date", "2023年12月31日", "2023-12-31", None)]),
        ("为近两年未理赔", [("relative", "近两年", "2020/2021", None)]),
        ("今年上半年", [("period", "今年上半年", "2021-01/2021-06", None)]),
        ("第一季度", [("period", "第一季度", "2021-01/2021-03", None)]),
        ("２００７年３月１７日电", [("date", "２００７年３月１７日", "2007-03-17", None)]),
    ],
)
def test_forms(text, expected):
    assert dates(text) == expected


def test_times_standing_alone_take_the_last_day_named_in_the_line():
    text = "6月5日，组织志愿者从下午4:30点开始，坚持到6月6号凌晨2点。6月6日又从早上8点一直工作至14点。"
    got = dates(text)
    assert ("date", "下午4:30点", "2021-06-05", "16:30") in got
    assert ("date", "早上8点", "2021-06-06", "08:00") in got
    assert ("date", "14点", "2021-06-06", "14:00") in got
    # a bare end time earlier than its start stays in the same half day
    assert dates("5月13日晚上8点半到10点")[-1] == ("date", "10点", "2021-05-13", "22:00")


def test_year_less_dates_take_the_fiscal_year_never_the_clock():
    d = find_dates(doc("5月13日"), DocumentMeta(fiscal_year=2003))[0]
    assert (d.value, d.year_inferred) == ("2003-05-13", True)
    d = find_dates(doc("2020年5月13日"), DocumentMeta(fiscal_year=2003))[0]
    assert (d.value, d.year_inferred) == ("2020-05-13", False)
    # without a fiscal year: unspecified year digits, and relative words are not guessed
    assert dates("5月13日和今年", fy=None) == [("date", "5月13日", "XXXX-05-13", None)]


@pytest.mark.parametrize(
    "text",
    [
        "慰问金5.29万元", "共计139.38万元", "30元/户", "4小时/天", "增长5.29%", "为期3个月", "每月一次",
        "1300元/人/月", "20XX年度预算", "(-年-月-日)", "提出三点意见", "政治清明", "第23个会员活动日",
        "成立41周年", "2000余元", "2月30日", "13月1日",
    ],
)
def test_not_dates(text):
    assert dates(text) == []


def test_placeholders_are_reported_for_template_rules():
    found = [t for _, _, t in find_date_placeholders(doc("编制于20XX年，日期(-年-月-日)。"))]
    assert found == ["20XX年", "(-年-月-日)"]


def test_seed_spans_locations_and_ids():
    d = read(SEED_TXT)
    found = find_dates(d, find_meta(d))
    assert [x.id for x in found] == [f"d{i}" for i in range(1, len(found) + 1)]
    assert [x.span for x in found] == sorted(x.span for x in found)
    for x in found:
        assert d.text[x.span[0]:x.span[1]] == x.text
        assert x.location == d.locate(x.span[0])
    first = next(x for x in found if x.time == "15:00")
    assert (first.text, first.location.line) == ("2021年1月13日下午三点", 25)


def _gold_module():
    spec = importlib.util.spec_from_file_location("reportparse_bench_gold", ROOT / "bench" / "gold.py")
    if spec is None or spec.loader is None:
        pytest.skip("bench/gold.py 不存在")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


TARGET_KINDS = {"date", "range", "month", "year", "named_day"}


@pytest.mark.parametrize("gold_name", ["seed.yaml", "qinghe_farmland_2023.yaml"])
def test_gold_f1_and_exact_values(gold_name):
    """Target: F1 ≥ 0.97 on day/range/month/year/named-day mentions, with every ISO value exact."""
    G = _gold_module()
    path = ROOT / "tests" / "fixtures" / "gold" / gold_name
    if not path.exists():
        pytest.skip(f"{gold_name} 不存在")
    raw = G.load_raw(path)
    d = read(G.document_path(raw["document"]))
    gold = G.resolve(raw, d.text, gold_name)
    mine = {tuple(x.span): x for x in find_dates(d, find_meta(d)) if x.kind in TARGET_KINDS}
    want = {(f.start, f.end): f for f in gold.figures if f.kind in TARGET_KINDS}
    optional = {(f.start, f.end) for f in gold.optional}
    tp = [k for k in want if k in mine and mine[k].kind == want[k].kind]
    fp = [k for k in mine if k not in want and k not in optional]
    precision = len(tp) / max(1, len(tp) + len(fp))
    recall = len(tp) / max(1, len(want))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    assert f1 >= 0.97, (precision, recall, [mine[k].text for k in fp], [want[k].text for k in want if k not in tp])
    wrong = [(mine[k].text, mine[k].value, want[k].value) for k in tp
             if want[k].value is not None and mine[k].value != want[k].value]
    wrong += [(mine[k].text, mine[k].time, want[k].time) for k in tp if (want[k].time or None) != mine[k].time]
    assert wrong == []


def test_gb18030_work_report_years_and_relatives():
    base = shared("work-reports-gb18030")
    d = read(base / "2008年国务院政府工作报告.txt")
    meta = find_meta(d)
    found = find_dates(d, meta)
    by_text = {(x.text, x.value) for x in found}
    assert ("2008年3月5日", "2008-03-05") in by_text
    assert ("从今年1月1日起", "2008-01-01/..") in by_text
    assert ("去年", "2007") in by_text
    for x in found:
        assert d.text[x.span[0]:x.span[1]] == x.text


_ALPHABET = st.sampled_from(list("0123456789０１２年月日号至到-—~.·“”\"自从今去上下半季度第近以来开始截底起点时分:：午晚凌晨早上号"
                                 "一二三四五六七八九十〇两春节端午中秋 \n\t，。%万元XＸ（）()"))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=60), st.one_of(st.none(), st.integers(1900, 2099)))
def test_never_raises_and_spans_are_exact(text, fy):
    d = doc(text)
    found = find_dates(d, DocumentMeta(fiscal_year=fy))
    for x in found:
        assert d.text[x.span[0]:x.span[1]] == x.text
        assert x.text and x.text == x.text.strip()
    for a, b in zip(found, found[1:]):
        assert a.span[1] <= b.span[0]  # disjoint, in text order


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_unicode(text):
    d = doc(text)
    for x in find_dates(d, DocumentMeta(fiscal_year=2021)):
        assert d.text[x.span[0]:x.span[1]] == x.text


def test_relative_year_words():
    assert dates("结转下年度，较上一年度持平，以前年度结余", fy=2023) == [
        ("relative", "下年度", "2024", None), ("relative", "上一年度", "2022", None),
    ]


def test_seed_renditions_agree():
    """The .docx and .pdf renditions of the seed give the same dates as the .txt (PDF autospace aside)."""
    base = ROOT / "corpus" / "新田县计划生育协会2021年度部门整体支出绩效评价报告"
    got = {}
    for ext in ("txt", "docx", "pdf"):
        path = base.with_suffix("." + ext)
        if not path.exists():
            pytest.skip(f"{path.name} 不存在")
        d = read(path)
        got[ext] = [(x.kind, "".join(x.text.split()), x.value, x.time) for x in find_dates(d, find_meta(d))]
    # the .docx and .pdf carry the title year once more in their metadata-like first lines at most
    for ext in ("docx", "pdf"):
        missing = [x for x in got["txt"] if x not in got[ext]]
        assert missing == [], ext
        assert len(got[ext]) - len(got["txt"]) <= 1, ext
