"""The .txt reader: encodings, text kept character for character, blocks and locations."""

from __future__ import annotations

from conftest import SEED_TXT, shared

from reportparse.readers import read, sniff


def test_seed_text_is_the_file_character_for_character():
    doc = read(SEED_TXT)
    assert doc.source.format == "txt"
    assert doc.source.encoding == "utf-8"
    assert doc.text == SEED_TXT.read_bytes().decode("utf-8")


def test_crlf_and_bom_are_kept_as_written(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes("\ufeff一、概况\r\n支出139.38万元。\r\n".encode("utf-8"))
    doc = read(p)
    assert doc.source.encoding == "utf-8-sig"
    assert doc.text == "一、概况\r\n支出139.38万元。\r\n"  # no newline translation, BOM dropped
    i = doc.text.index("139.38")
    loc = doc.locate(i)
    assert (loc.line, loc.column) == (2, 3)
    # Blocks stop before the \r, so a block's text is the line's content.
    assert [doc.text[b.start:b.end] for b in doc.blocks] == ["一、概况", "支出139.38万元。"]


def test_gb18030_and_utf16(tmp_path):
    text = "政府工作报告\n国内生产总值增长7.8%，城镇新增就业1310万人。\n"
    p = tmp_path / "gb.txt"
    p.write_bytes(text.encode("gb18030"))
    doc = read(p)
    assert doc.source.encoding == "gb18030"
    assert doc.text == text
    p16 = tmp_path / "u16.txt"
    p16.write_bytes(text.encode("utf-16"))
    assert read(p16).text == text


def test_format_is_chosen_by_content_not_name(tmp_path):
    # A PDF saved with a .txt name is read as a PDF.
    pdf = tmp_path / "really-a-pdf.txt"
    pdf.write_bytes((SEED_TXT.parent / (SEED_TXT.stem + ".pdf")).read_bytes())
    assert read(pdf).source.format == "pdf"
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(b"PK\x03\x04rest") == "docx"
    assert sniff("普通文本".encode()) == "txt"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") is None  # legacy .doc: refused, not read as text


def test_every_block_maps_to_a_valid_location():
    doc = read(SEED_TXT)
    lines = doc.text.split("\n")
    for b in doc.blocks:
        loc = doc.locate(b.start)
        assert lines[loc.line - 1][loc.column - 1:].startswith(doc.text[b.start:b.end][:5])


def test_gb18030_work_reports_decode_without_replacement_characters():
    files = sorted(shared("work-reports-gb18030").glob("*.txt"))
    assert len(files) == 16
    for f in files:
        doc = read(f)
        assert doc.source.encoding == "gb18030", f.name
        assert "\ufffd" not in doc.text, f.name
        assert "政府工作报告" in doc.text[:200] or "政府工作" in doc.text, f.name
        # Character for character: re-encoding gives the file's bytes back.
        assert doc.text.encode("gb18030") == f.read_bytes(), f.name
