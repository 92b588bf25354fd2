"""The .pdf reader: the seed rendition against the .txt, repairs, tables, furniture, real PDFs."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import CORPUS, SEED_TXT, shared

from reportparse.readers import read
from reportparse.readers.pdf import dedupe_faux_bold, is_figure_break, unspace_letter_spaced

SEED_PDF = CORPUS / (SEED_TXT.stem + ".pdf")
RESIDUE = "[bookmark: _GoBack]"
UNIT_LINE = "单位：万元"
# An amount as printed in the .txt; in the PDF the same amount, allowing only the space that
# LibreOffice's autospace puts between a number and a CJK unit (never a line break).
AMOUNT = re.compile(r"\d+(?:\.\d+)?(?:万元|元|万)")
PDF_AMOUNT = re.compile(r"\d+(?:\.\d+)? ?(?:万元|元|万)")


def _squash(s: str) -> str:
    return re.sub(r"\s", "", s)


@pytest.fixture(scope="module")
def seed_pdf():
    return read(SEED_PDF)


def _body(doc) -> str:
    return "".join(
        doc.text[b.start:b.end] for b in doc.blocks
        if b.kind != "table_cell" and doc.text[b.start:b.end].strip() != UNIT_LINE
    )


def test_seed_pdf_body_equals_the_txt(seed_pdf):
    txt = SEED_TXT.read_text(encoding="utf-8")
    assert seed_pdf.source.format == "pdf" and seed_pdf.source.pages >= 5
    assert _squash(_body(seed_pdf)) == _squash(txt.replace(RESIDUE, ""))


def test_seed_pdf_every_amount_intact(seed_pdf):
    txt = SEED_TXT.read_text(encoding="utf-8")
    want = Counter(AMOUNT.findall(txt))
    got = Counter(a.replace(" ", "") for a in PDF_AMOUNT.findall(_body(seed_pdf)))
    assert want and got == want


def test_line_break_inside_an_amount_is_joined(seed_pdf):
    # The fixture PDF breaks the line between 万 and 元 of "支出：139.38万元" (see make_fixtures.py).
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SEED_PDF))
    raw = "\n".join(p.get_textpage().get_text_range().replace("\r\n", "\n") for p in pdf)
    pdf.close()
    assert re.search(r"139\.38 ?万\n元", raw), "the fixture no longer has the break it is meant to have"
    assert re.search(r"支出：139\.38 ?万元，结余 ?0 ?万元。", seed_pdf.text)
    # The two halves are two line blocks of one paragraph, adjacent, each with its own line number.
    i = seed_pdf.text.index("元，结余")
    b2 = seed_pdf.block_at(i)
    b1 = seed_pdf.block_at(i - 1)
    assert b1.end == b2.start and b1.paragraph == b2.paragraph and b2.line == b1.line + 1


def test_page_numbers_and_running_header_are_furniture(seed_pdf):
    pages = seed_pdf.source.pages
    numbers = sorted(f.page for f in seed_pdf.furniture if f.kind == "page_number")
    assert numbers == list(range(1, pages + 1))
    assert all(f.text == f"- {f.page} -" for f in seed_pdf.furniture if f.kind == "page_number")
    headers = [f for f in seed_pdf.furniture if f.kind == "header"]
    assert len(headers) == pages
    assert not re.search(r"- \d+ -", seed_pdf.text)
    # The running header is not in the body (the title is, once, at the top).
    assert _squash(seed_pdf.text).count(SEED_TXT.stem) == 1


def test_letter_spaced_title_reads_whole(seed_pdf):
    # The title is set with 6 pt character spacing; pdfium inserts spaces between the letters.
    title = "".join(seed_pdf.text[b.start:b.end] for b in seed_pdf.blocks[:2])
    assert title == SEED_TXT.stem
    assert all(seed_pdf.blocks[i].kind == "heading" for i in range(2))


def test_table_cells_have_page_bbox_and_spans(seed_pdf):
    assert len(seed_pdf.tables) == 1
    t = seed_pdf.tables[0]
    assert t.caption == UNIT_LINE and t.page is not None and t.bbox is not None
    cells = {(c.row, c.col): c for c in t.cells}
    assert cells[(0, 0)].text == "2021年基本支出构成" and cells[(0, 0)].colspan == 2
    assert [cells[(r, 1)].text for r in range(2, 6)] == ["50.12", "41.72", "47.54", "139.38"]
    assert cells[(4, 0)].text == "对个人和家庭的补助支出"
    for c in t.cells:
        assert seed_pdf.text[c.start:c.end] == c.text
        x0, top, x1, bottom = c.bbox
        assert t.bbox[0] - 1 <= x0 < x1 <= t.bbox[2] + 1 and t.bbox[1] - 1 <= top < bottom <= t.bbox[3] + 1
        loc = seed_pdf.locate(c.start)
        assert (loc.page, loc.table, loc.row, loc.col) == (t.page, 0, c.row, c.col)


def _check_blocks(doc) -> None:
    prev_end = 0
    for b in doc.blocks:
        assert prev_end <= b.start < b.end <= len(doc.text)
        assert "\n" not in doc.text[b.start:b.end] or b.kind == "table_cell"
        assert 1 <= b.page <= doc.source.pages
        assert b.line is not None and b.line >= 1
        assert b.bbox is not None and b.bbox[0] <= b.bbox[2] and b.bbox[1] <= b.bbox[3]
        loc = doc.locate(b.start)
        assert (loc.page, loc.line, loc.column) == (b.page, b.line, 1)
        end = doc.locate(b.end - 1)
        assert end.page == b.page and end.column == b.end - b.start
        prev_end = b.end


def test_every_seed_block_maps_to_a_valid_location(seed_pdf):
    _check_blocks(seed_pdf)


def test_figure_break_rules():
    assert is_figure_break("共计139.3", "8万元")
    assert is_figure_break("结余0万", "元。")
    assert is_figure_break("收入支出总计", "9859.38 万元") is False  # a label break, joined as prose
    assert is_figure_break("增长12.08", "%，主要原因")
    assert is_figure_break("完成预算的", "0%") is False
    assert is_figure_break("共有3万", "元") and not is_figure_break("一万", "元")
    assert not is_figure_break("第一部分", "一、概况")


def test_faux_bold_and_letter_spacing():
    box = lambda x: (x, 0.0, x + 10.0, 10.0)  # noqa: E731
    doubled = [("合", box(0)), ("合", box(0.4)), ("计", box(10)), ("计", box(10.4))]
    assert "".join(c for c, _ in dedupe_faux_bold(doubled)) == "合计"
    real = [("人", box(0)), ("人", box(10)), ("1", box(20)), ("1", box(26))]
    assert "".join(c for c, _ in dedupe_faux_bold(real)) == "人人11"
    by_run = [(c, box(i * 10)) for i, c in enumerate("部门概况")] + [(c, box(i * 10 + 0.3)) for i, c in enumerate("部门概况")]
    assert "".join(c for c, _ in dedupe_faux_bold(by_run + [("：", box(40))])) == "部门概况："
    wide = [("—", (0.0, 0.0, 20.0, 10.0)), ("—", (0.0, 0.0, 20.0, 10.0))]  # one two-em glyph
    assert len(dedupe_faux_bold(wide)) == 2
    assert unspace_letter_spaced("新 田 县 计 划 生 育 协 会") == "新田县计划生育协会"
    assert unspace_letter_spaced("收入 支出 结余") == "收入 支出 结余"
    assert unspace_letter_spaced("2024 年度") == "2024 年度"
    assert unspace_letter_spaced("目 录") == "目录" and unspace_letter_spaced("A B") == "A B"


def _pdfs():
    return sorted(shared("pdf-budgets").glob("*.pdf")) + sorted(shared("pdf-final-accounts").glob("*.pdf"))


def test_shared_corpus_pdfs_read_with_valid_blocks():
    files = _pdfs()
    assert len(files) == 15
    for f in files:
        doc = read(f)
        assert doc.source.pages >= 5, f.name
        assert len(doc.text) > 2000 and "\ufffd" not in doc.text, f.name
        assert doc.tables, f.name
        _check_blocks(doc)
        for t in doc.tables:
            for c in t.cells:
                assert doc.text[c.start:c.end] == c.text


def test_final_accounts_figures_and_defects_are_read_as_printed():
    doc = read(shared("pdf-final-accounts") / "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf")
    # `收入支出总计\n9859.38 万元` in the PDF: the paragraph reads on across the line break.
    assert "收入支出总计9859.38 万元" in doc.text
    assert "增长 13.95。" in doc.text  # the report's own defect (no %), kept as printed
    total = [c for t in doc.tables for c in t.cells if c.text == "9859.38"]
    assert len(total) >= 2 and all(doc.block_at(c.start).kind == "table_cell" for c in total)


def test_page_number_markers_go_to_furniture():
    doc = read(shared("pdf-budgets") / "hzq2023_working.pdf")
    assert [f.text for f in doc.furniture if f.kind == "page_number"] == [f"- {i} -" for i in range(1, 6)]
    assert not re.search(r"^- \d+ -$", doc.text, re.M)
    # A paragraph that continues across the page break reads whole.
    assert "严格执行“分级审核、先审后发”程序" in doc.text


def test_line_break_between_number_and_measure_word_is_joined():
    from reportparse.readers.pdf import is_figure_break

    assert is_figure_break("市级媒体上稿 10", "篇，县级媒体上稿 4 篇")
    assert is_figure_break("走访慰问1170", "户农村独生子女")
    assert not is_figure_break("其中：", "篇目")


def test_glyphs_of_a_fallback_font_stay_in_reading_order():
    # LibreOffice draws the bold heading's quotes in another font run; pdfium lists that run last.
    from conftest import CORPUS
    from reportparse.readers import read

    doc = read(CORPUS / "澄溪县教育局2024年部门预算公开说明.pdf")
    assert "三、“三公”经费预算情况" in doc.text
    assert "“ ”" not in doc.text
