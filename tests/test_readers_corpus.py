"""Every file the project ships in corpus/ reads, with blocks that map back to valid locations."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from reportparse.readers import read

FILES = sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in (".txt", ".docx", ".pdf"))


def test_corpus_has_the_seed_and_its_renditions():
    names = {p.name for p in FILES}
    stem = "新田县计划生育协会2021年度部门整体支出绩效评价报告"
    assert {f"{stem}.txt", f"{stem}.docx", f"{stem}.pdf", "draft-tracked-changes.docx"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_file_reads_with_valid_blocks(path):
    doc = read(path)
    assert doc.source.format == path.suffix.lower().lstrip(".")
    assert doc.text.strip() and "\ufffd" not in doc.text
    prev_end = 0
    for b in doc.blocks:
        assert prev_end <= b.start < b.end <= len(doc.text)
        loc = doc.locate(b.start)
        assert loc.line >= 1 and loc.column >= 1
        if doc.source.format == "pdf":
            assert loc.page == b.page and 1 <= b.page <= doc.source.pages
        if b.kind == "table_cell":
            assert (loc.table, loc.row, loc.col) == (b.table, b.row, b.col)
        prev_end = b.end
    for t in doc.tables:
        for c in t.cells:
            assert doc.text[c.start:c.end] == c.text
