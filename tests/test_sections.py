"""Section tree: numbering sequence, not a fixed marker table; spans, parents, stable ids."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED_TXT, shared
from reportparse.model import Document, SourceInfo
from reportparse.readers import read
from reportparse.text.sections import find_sections, section_at


def doc(text: str) -> Document:
    return Document(SourceInfo("t.txt", "0" * 64, "txt"), text)


def tree(text: str) -> list[tuple[str, str, str, int, str | None]]:
    return [(s.id, s.number, s.title, s.level, s.parent) for s in find_sections(doc(text))]


def test_textbook_levels_titles_and_spans():
    text = "一、概况\n（一）职责。正文\n1、第一项：说明\n（1）细目\n（2）细目二\n2、第二项\n（二）机构\n二、支出\n正文完\n"
    d = doc(text)
    secs = find_sections(d)
    assert [(s.id, s.number, s.title, s.level, s.parent) for s in secs] == [
        ("s1", "一、", "概况", 1, None),
        ("s1.1", "（一）", "职责", 2, "s1"),
        ("s1.1.1", "1、", "第一项", 3, "s1.1"),
        ("s1.1.1.1", "（1）", "细目", 4, "s1.1.1"),
        ("s1.1.1.2", "（2）", "细目二", 4, "s1.1.1"),
        ("s1.1.2", "2、", "第二项", 3, "s1.1"),
        ("s1.2", "（二）", "机构", 2, "s1"),
        ("s2", "二、", "支出", 1, None),
    ]
    by_id = {s.id: s for s in secs}
    # a span runs from the marker to the next heading that is not inside it
    assert d.text[by_id["s1"].span[0]:by_id["s1"].span[1]].startswith("一、概况")
    assert by_id["s1"].span[1] == text.index("二、支出")
    assert by_id["s1.1"].span[1] == text.index("（二）机构")
    assert by_id["s2"].span == (text.index("二、支出"), len(text))
    assert section_at(secs, text.index("细目二")) == "s1.1.1.2"
    assert section_at(secs, text.index("正文完")) == "s2"


def test_seed_tree_survives_its_messy_numbering():
    d = read(SEED_TXT)
    secs = find_sections(d)
    by_id = {s.id: s for s in secs}
    # `一、部门职责` indented under `一、部门概况` nests; `[bookmark: _GoBack]二、基本支出情况` is its sibling
    assert (by_id["s1"].title, by_id["s1.1"].title, by_id["s1.2"].title) == ("部门概况", "部门职责", "基本支出情况")
    assert [s.number for s in secs if s.parent == "s1.1"] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    # the second `二、` goes back to the top level by its number
    assert [s.title for s in secs if s.level == 1] == [
        "部门概况", "部门整体支出绩效情况", "绩效自评情况及存在的主要问题", "当年预算执行及绩效管理中存在问题、原因及改进措施",
    ]
    # `（一）` starting mid-line after `得到全面加强情况`
    mid = by_id["s2.1"]
    assert (mid.number, mid.title) == ("（一）", "以政治建设为统领，深化党建引领会建")
    assert d.text[mid.span[0] - 4:mid.span[0]] == "加强情况"
    assert [s.number for s in secs if s.parent == "s2"] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert [s.title for s in secs if s.parent == "s2.3"][0] == "突出主题，抓好“5.29会员日”活动"
    for s in secs:
        assert d.text[s.span[0]:].startswith(s.number)
        assert s.span[1] > s.span[0]
    # stable: the same text gives the same tree
    assert find_sections(read(SEED_TXT)) == secs


def test_contents_page_and_parts_restart_and_table_rows_dropped():
    text = (
        "目 录\n第一部分 概况\n一、主要职能\n二、单位构成\n第二部分 决算表\n第三部分 情况说明\n"
        "第一部分 概况\n一、主要职能\n1. 负责规划\n2. 负责土地\n二、单位构成\n"
        "一、一般公共预算财政拨款收入 9746.50 一、一般公共服务支出\n十、节能环保支出\n"
        "第三部分 情况说明\n一、收入支出决算总体情况说明\n（一）总体情况。本年收入9746.50万元。\n"
        "二、收入说明……………………12\n"
    )
    got = tree(text)
    tops = [(i, n, t) for i, n, t, lvl, _ in got if lvl == 1]
    assert tops == [("s1", "第一部分", "概况"), ("s2", "第二部分", "决算表"), ("s3", "第三部分", "情况说明"),
                    ("s4", "第一部分", "概况"), ("s5", "第三部分", "情况说明")]
    titles = [t for _, _, t, _, _ in got]
    assert "一般公共预算财政拨款收入 9746.50 一、一般公共服务支出" not in titles
    assert "节能环保支出" not in titles
    assert not any("……" in t or t == "收入说明" for t in titles)  # leader-dot contents lines
    assert ("s4.1.1", "1.", "负责规划", 3, "s4.1") in got


def test_markers_that_are_not_headings():
    assert tree("2021年各级财政划拨\n139.38万元\n1.8万人参加\n一是持续开展\n") == []


def test_work_report_tree():
    d = read(shared("work-reports-gb18030") / "2012年国务院政府工作报告.txt")
    secs = find_sections(d)
    assert [s.title for s in secs if s.level == 1] == ["2011年工作回顾", "2012年工作总体部署", "2012年主要任务"]
    assert [s.number for s in secs if s.parent == "s3"][:3] == ["（一）", "（二）", "（三）"]


def test_final_accounts_pdf_tree():
    base = shared("pdf-final-accounts")
    d = read(base / "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf")
    secs = find_sections(d)
    titles = [s.title for s in secs]
    assert "财政拨款“三公”经费支出决算情况说明" in titles
    # the last one: the first is the contents page's entry, which has no children
    three = [s for s in secs if s.title == "财政拨款“三公”经费支出决算情况说明"][-1]
    kids = [s.title for s in secs if s.parent == three.id]
    assert kids[:2] == ["“三公”经费财政拨款支出决算总体情况说明", "“三公”经费财政拨款支出决算具体情况说明"]
    for s in secs:
        assert d.text[s.span[0]:].startswith(s.number)


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("一二三十、（）()12.．第部分章 \n\t，。文字[bookmark: _GoBack]")), max_size=120))
def test_never_raises_and_tree_is_consistent(text):
    secs = find_sections(doc(text))
    ids = {s.id for s in secs}
    for s in secs:
        assert s.parent is None or s.parent in ids
        assert 0 <= s.span[0] < s.span[1] <= len(text)
        assert text[s.span[0]:].startswith(s.number)


def test_seed_renditions_give_the_same_tree():
    base = SEED_TXT.with_suffix("")
    trees = {}
    for ext in ("txt", "docx", "pdf"):
        path = base.with_suffix("." + ext)
        if not path.exists():
            import pytest

            pytest.skip(f"{path.name} 不存在")
        # titles compared without the PDF's autospace and line wraps
        trees[ext] = [(s.id, s.number, "".join(s.title.split())[:20], s.level, s.parent) for s in find_sections(read(path))]
    assert trees["docx"] == trees["txt"]
    assert trees["pdf"] == trees["txt"]
