"""The .docx reader on the seed rendition, the tracked-changes draft and small documents built here."""

from __future__ import annotations

import re
from collections import Counter

import docx
import pytest
from conftest import CORPUS, SEED_TXT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from reportparse.readers import read

SEED_DOCX = CORPUS / (SEED_TXT.stem + ".docx")
DRAFT = CORPUS / "draft-tracked-changes.docx"
# What make_fixtures.py adds to / takes from the seed text (see scripts/make_fixtures.py).
RESIDUE = "[bookmark: _GoBack]"
UNIT_LINE = "单位：万元"
AMOUNT = re.compile(r"\d+(?:\.\d+)?(?:万元|元|万)")


def _squash(s: str) -> str:
    return re.sub(r"\s", "", s)


def body_without_fixture_additions(doc) -> str:
    return "".join(
        doc.text[b.start:b.end] for b in doc.blocks
        if b.kind != "table_cell" and doc.text[b.start:b.end].strip() != UNIT_LINE
    )


def test_seed_docx_body_equals_the_txt():
    txt = SEED_TXT.read_text(encoding="utf-8")
    doc = read(SEED_DOCX)
    assert doc.source.format == "docx"
    assert _squash(body_without_fixture_additions(doc)) == _squash(txt.replace(RESIDUE, ""))


def test_seed_docx_every_amount_intact():
    txt = SEED_TXT.read_text(encoding="utf-8")
    doc = read(SEED_DOCX)
    want = Counter(AMOUNT.findall(txt))
    got = Counter(AMOUNT.findall(body_without_fixture_additions(doc)))
    assert want and got == want


def test_split_runs_tracked_changes_and_bookmarks():
    doc = read(SEED_DOCX)
    para = next(doc.text[b.start:b.end] for b in doc.blocks if doc.text[b.start:b.end].startswith("2021年各级财政"))
    # 共计: 140.00 was deleted and 139.38 inserted; 支出: 139 / .3 / 8万元 in three runs.
    assert para.startswith("2021年各级财政划拨新田县计划生育协会共计139.38万元，支出：139.38万元，结余0万元。")
    assert "140.00" not in doc.text
    assert "bookmark" not in doc.text and "_GoBack" not in doc.text
    # paragraph.text (python-docx) loses the insertion; the reader does not.
    raw = docx.Document(SEED_DOCX)
    assert any(p.text.startswith("2021年各级财政") and "共计万元" in p.text for p in raw.paragraphs)


def test_headings_table_and_furniture():
    doc = read(SEED_DOCX)
    headings = [(b.level, doc.text[b.start:b.end]) for b in doc.blocks if b.kind == "heading"]
    assert (1, SEED_TXT.stem) in headings
    assert (1, "二、基本支出情况") in headings
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.caption == UNIT_LINE
    cells = {(c.row, c.col): c for c in table.cells}
    assert cells[(0, 0)].text == "2021年基本支出构成" and cells[(0, 0)].colspan == 2
    assert (0, 1) not in cells  # a merged cell is read once
    assert cells[(5, 0)].text == "合计" and cells[(5, 1)].text == "139.38"
    for c in table.cells:
        assert doc.text[c.start:c.end] == c.text
        b = doc.block_at(c.start)
        assert b is not None and (b.kind, b.table, b.row, b.col) == ("table_cell", 0, c.row, c.col)
        loc = doc.locate(c.start)
        assert (loc.table, loc.row, loc.col) == (0, c.row, c.col)
    kinds = {f.kind: f.text for f in doc.furniture}
    assert kinds["header"] == SEED_TXT.stem
    assert kinds["page_number"] == "- 1 -"
    assert "- 1 -" not in doc.text


def test_block_paragraph_index_is_python_docx_paragraph_index():
    doc = read(SEED_DOCX)
    paragraphs = docx.Document(SEED_DOCX).paragraphs
    for b in doc.blocks:
        if b.kind != "table_cell":
            assert paragraphs[b.paragraph].text.strip()[:4] in doc.text[b.start:b.end] or b.start == 0


def test_draft_keeps_insertions_drops_deletions_and_field_codes():
    doc = read(DRAFT)
    assert "126.50万元" in doc.text and "120.00" not in doc.text
    assert "312户" in doc.text and "300户" not in doc.text
    assert "118.23万元" in doc.text  # split across runs
    assert "本报告编制日期：2024年3月15日。" in doc.text  # the field's cached result, not its code
    assert "DATE" not in doc.text and "yyyy" not in doc.text
    assert doc.tables[0].caption == "单位：万元"
    assert [c.text for c in doc.tables[0].cells if c.row == 3] == ["合计", "126.50", "118.23"]


def _body_xml(inner: str) -> str:
    return f"<w:body {nsdecls('w')}>{inner}</w:body>"


def test_vertical_merge_toc_field_and_nested_insertions(tmp_path):
    d = docx.Document()
    p = d.add_paragraph()
    # A TOC field: instruction dropped, cached result kept.
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>目录</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    p2 = d.add_paragraph()
    p2._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t>收入合计</w:t></w:r></w:hyperlink>'))
    p2._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>9859.</w:t></w:r></w:ins>'))
    p2._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>38万元</w:t></w:r>'))
    p2._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>（待核）</w:delText></w:r></w:del>'))
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "基本支出"
    t.cell(0, 1).text = "50.12"
    t.cell(1, 1).text = "41.72"
    t.cell(2, 0).text = "合计"
    t.cell(2, 1).text = "91.84"
    path = tmp_path / "m.docx"
    d.save(path)
    doc = read(path)
    assert doc.text.splitlines()[:2] == ["目录", "收入合计9859.38万元"]
    assert "TOC" not in doc.text and "待核" not in doc.text
    cells = {(c.row, c.col): c for c in doc.tables[0].cells}
    assert cells[(0, 0)].text == "基本支出" and cells[(0, 0)].rowspan == 2
    assert (1, 0) not in cells
    assert doc.text.count("基本支出") == 1
    assert cells[(2, 1)].text == "91.84"


@pytest.mark.parametrize("path", [SEED_DOCX, DRAFT])
def test_block_spans_are_valid_and_ordered(path):
    doc = read(path)
    prev_end = 0
    for b in doc.blocks:
        assert prev_end <= b.start < b.end <= len(doc.text)
        assert doc.text[b.start:b.end].strip()
        loc = doc.locate(b.start)
        assert loc.line >= 1 and loc.column >= 1
        assert (loc.table is not None) == (b.kind == "table_cell")
        prev_end = b.end


def test_committed_docx_fixtures_are_what_the_script_builds(tmp_path):
    """scripts/make_fixtures.py is deterministic for .docx: the committed files have not drifted."""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "scripts" / "make_fixtures.py")
    mf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mf)
    mf.DRAFT = tmp_path / "draft.docx"
    mf.build_draft()
    assert mf.DRAFT.read_bytes() == DRAFT.read_bytes()
    seed = tmp_path / "seed.docx"
    mf.save_docx(mf.build_seed_docx(right_margin_extra_pt=0.0), seed)
    assert read(seed).text == read(SEED_DOCX).text
