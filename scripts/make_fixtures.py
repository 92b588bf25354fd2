#!/usr/bin/env python3
"""Build the project's .docx and .pdf renditions of the seed report, the tracked-changes draft and
the committed bad-input PDFs.  Run from the repository root:

    .venv/bin/python scripts/make_fixtures.py

Needs python-docx (installed) and LibreOffice (`soffice`) with a CJK font (fonts-noto-cjk) for the
PDFs.  The outputs are committed, so tests and CI never need LibreOffice.

The seed .docx carries the quirks real drafts have, on purpose, each one something the readers
must undo:
- an amount split across runs (``139`` ``.3`` ``8万元``);
- a tracked deletion (``140.00``, dropped) next to a tracked insertion (``139.38``, kept);
- a real ``_GoBack`` bookmark where the seed .txt shows the residue ``[bookmark: _GoBack]``;
- heading styles (Heading 1/2) and a letter-spaced title (character spacing, not spaces);
- a table of the basic-expenditure figures with a ``单位：万元`` line and a merged title row;
- a running header and a ``- PAGE -`` field in the footer.
Everything else is the seed text unchanged, so the tests can compare the renditions with the .txt
exactly: the .txt minus the bookmark residue == the rendition's body minus the table and its unit
line, whitespace ignored.

The PDF is LibreOffice's rendering of that .docx (tracked changes accepted), with the right margin
tuned so that a line break falls inside an amount (``…0万`` / ``元``), the damage real PDFs do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
STEM = "新田县计划生育协会2021年度部门整体支出绩效评价报告"
SEED = ROOT / "corpus" / f"{STEM}.txt"
OUT_DOCX = ROOT / "corpus" / f"{STEM}.docx"
OUT_PDF = ROOT / "corpus" / f"{STEM}.pdf"
DRAFT = ROOT / "corpus" / "draft-tracked-changes.docx"
BAD = ROOT / "tests" / "fixtures" / "bad"

FONT = "Noto Sans CJK SC"
AUTHOR = "reportparse fixtures"
DATE = "2022-03-01T09:00:00Z"  # fixed: the outputs must not depend on the clock

# What the fixture adds to the seed text (the tests subtract exactly these).
TABLE_UNIT_LINE = "单位：万元"
TABLE_ROWS = [
    ("2021年基本支出构成", None),  # merged title row (gridSpan=2)
    ("项目", "金额"),
    ("工资福利支出", "50.12"),
    ("商品和服务支出", "41.72"),
    ("对个人和家庭的补助支出", "47.54"),
    ("合计", "139.38"),
]
DELETED_TEXT = "140.00"
RESIDUE = "[bookmark: _GoBack]"
BREAK_PARAGRAPH_PREFIX = "2021年各级财政划拨"  # the paragraph with the tracked change and split runs
BREAK_AT = re.compile(r"[0-9]\s*万$")  # a PDF line must end here, the next begin with 元


def _set_fonts(d: docx.document.Document) -> None:
    for style_name in ("Normal", "Heading 1", "Heading 2", "Title"):
        style = d.styles[style_name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts.get(qn(attr)) is not None:
                del fonts.attrib[qn(attr)]
    d.styles["Normal"].font.size = Pt(12)


def _run(text: str, tag: str = "w:t") -> OxmlElement:
    r = OxmlElement("w:r")
    t = OxmlElement(tag)
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def _tracked(kind: str, text: str, rev_id: int) -> OxmlElement:
    """A w:ins or w:del wrapper around one run, as Word writes it."""
    el = OxmlElement(f"w:{kind}")
    el.set(qn("w:id"), str(rev_id))
    el.set(qn("w:author"), AUTHOR)
    el.set(qn("w:date"), DATE)
    el.append(_run(text, "w:delText" if kind == "del" else "w:t"))
    return el


def _field(instr: str, cached: str) -> list[OxmlElement]:
    """A complex field (begin / instrText / separate / cached result / end)."""
    out = []
    for kind in ("begin", None, "separate", "result", "end"):
        if kind is None:
            out.append(_run(f" {instr} ", "w:instrText"))
        elif kind == "result":
            out.append(_run(cached))
        else:
            r = OxmlElement("w:r")
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r.append(fc)
            out.append(r)
    return out


def _bookmark(p, name: str) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), "0")
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), "0")
    p._p.insert(1 if p._p.pPr is not None else 0, end)
    p._p.insert(1 if p._p.pPr is not None else 0, start)


def _letter_spaced(run, twentieths: int) -> None:
    rpr = run._r.get_or_add_rPr()
    sp = OxmlElement("w:spacing")
    sp.set(qn("w:val"), str(twentieths))
    rpr.append(sp)


def _heading_level(line: str) -> int | None:
    if len(line) <= 30 and re.match(r"^[一二三四五六七八九十]+、", line):
        return 1
    if len(line) <= 30 and re.match(r"^（[一二三四五六七八九十]+）", line):
        return 2
    return None


def _add_table(d) -> None:
    unit = d.add_paragraph(TABLE_UNIT_LINE)
    unit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table = d.add_table(rows=len(TABLE_ROWS), cols=2)
    table.style = d.styles["Table Grid"]
    for i, (a, b) in enumerate(TABLE_ROWS):
        row = table.rows[i]
        if b is None:
            merged = row.cells[0].merge(row.cells[1])
            merged.text = a
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            row.cells[0].text = a
            row.cells[1].text = b
            row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _furniture(d) -> None:
    section = d.sections[0]
    header = section.header.paragraphs[0]
    header.text = STEM
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(_run("- "))
    for r in _field("PAGE", "1"):
        footer._p.append(r)
    footer._p.append(_run(" -"))


def build_seed_docx(accepted: bool = False, right_margin_extra_pt: float = 0.0) -> docx.document.Document:
    """The seed as a .docx; ``accepted`` renders the tracked changes as accepted (for the PDF)."""
    lines = [ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines()]
    d = docx.Document()
    _set_fonts(d)
    _furniture(d)
    section = d.sections[0]
    section.right_margin = section.right_margin + Pt(right_margin_extra_pt)
    rev = 1
    for i, line in enumerate(lines):
        if not line:
            continue
        if i == 0:  # the title: Heading 1, letter-spaced by character spacing (no space characters)
            p = d.add_paragraph(style="Heading 1")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _letter_spaced(p.add_run(line), 120)
            continue
        bookmark = line.startswith(RESIDUE)
        if bookmark:
            line = line[len(RESIDUE):]
        level = _heading_level(line)
        if level:
            p = d.add_paragraph(line, style=f"Heading {level}")
        elif line.startswith(BREAK_PARAGRAPH_PREFIX):
            # 共计139.38万元 as a tracked change (140.00 deleted, 139.38 inserted); then the second
            # 139.38 split across three runs, as Word does after an edit in the middle of a number.
            p = d.add_paragraph()
            first = line.index("139.38")
            second = line.index("139.38", first + 1)
            p._p.append(_run(line[:first]))
            if accepted:
                p._p.append(_run("139.38"))
            else:
                p._p.append(_tracked("del", DELETED_TEXT, rev))
                p._p.append(_tracked("ins", "139.38", rev + 1))
                rev += 2
            p._p.append(_run(line[first + 6:second] + "139"))
            p._p.append(_run(".3"))
            p._p.append(_run("8" + line[second + 6:]))
        else:
            p = d.add_paragraph(line)
            p.paragraph_format.first_line_indent = Pt(24)
        if bookmark:
            _bookmark(p, "_GoBack")
        if line.startswith("基本支出情况："):
            _add_table(d)
    return d


def save_docx(d, path: Path) -> None:
    """Save with fixed core-property dates and zip timestamps, so a re-run gives the same bytes."""
    import datetime
    import io
    import zipfile

    fixed = datetime.datetime(2022, 3, 1, 9, 0, 0)
    d.core_properties.created = fixed
    d.core_properties.modified = fixed
    d.core_properties.last_modified_by = AUTHOR
    d.core_properties.author = AUTHOR
    buf = io.BytesIO()
    d.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2022, 3, 1, 9, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    Path(path).write_bytes(out.getvalue())


def _fix_pdf_stamps(pdf: Path) -> None:
    """Blank LibreOffice's creation date, checksum and file ID in place (same length, so the xref stays valid)."""
    data = pdf.read_bytes()
    data = re.sub(rb"/CreationDate\(D:[^)]*\)", lambda m: re.sub(rb"\d", b"0", m.group(0)), data)
    data = re.sub(rb"(/DocChecksum /)([0-9A-Fa-f]+)", lambda m: m.group(1) + b"0" * len(m.group(2)), data)
    data = re.sub(rb"/ID *\[[^\]]*\]", lambda m: re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*>)", b"0", m.group(0)), data)
    pdf.write_bytes(data)


def _soffice_pdf(src: Path, outdir: Path, filter_options: str = "") -> Path:
    target = "pdf" + (f":writer_pdf_Export:{filter_options}" if filter_options else "")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
             "--outdir", str(outdir), str(src)],
            check=True, capture_output=True, timeout=180,
        )
    return outdir / (src.stem + ".pdf")


def _pdf_lines(pdf: Path) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    out = []
    for page in doc:
        out.extend(page.get_textpage().get_text_range().replace("\r\n", "\n").split("\n"))
    doc.close()
    return out


def _unit_breaks(pdf: Path) -> list[str]:
    """Lines after which the break falls between 万 and 元 of an amount (``0万`` / ``元``)."""
    lines = [ln.rstrip() for ln in _pdf_lines(pdf)]
    return [a for a, b in zip(lines, lines[1:]) if BREAK_AT.search(a) and b.lstrip().startswith("元")]


def build_seed_renditions() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / f"{STEM}.docx"
        # LibreOffice prints tracked deletions struck through, as Word does with markup shown;
        # the PDF is the document as finally printed, so it is rendered with the changes accepted.
        # The right margin is widened point by point until some line ends between 万 and 元 of an
        # amount (LibreOffice never breaks between digits, but it may break between 万 and 元).
        found = None
        for extra in [x * 0.5 for x in range(0, 80)]:
            save_docx(build_seed_docx(accepted=True, right_margin_extra_pt=extra), src)
            pdf = _soffice_pdf(src, tmpdir)
            breaks = _unit_breaks(pdf)
            if breaks:
                found = extra
                break
        if found is None:
            sys.exit("make_fixtures: could not make a line break fall inside an amount")
        _fix_pdf_stamps(pdf)
        shutil.copyfile(pdf, OUT_PDF)
        save_docx(build_seed_docx(right_margin_extra_pt=found), OUT_DOCX)
        print(f"wrote {OUT_DOCX.relative_to(ROOT)} and {OUT_PDF.relative_to(ROOT)} "
              f"(right margin +{found} pt; break after: {breaks[0][-12:]!r})")


def build_draft() -> None:
    """A small draft as reviewers send it: tracked changes, a field, a figure in a table cell."""
    d = docx.Document()
    _set_fonts(d)
    _furniture(d)
    d.add_paragraph("某县卫生健康局2023年度项目支出绩效自评报告（征求意见稿）", style="Heading 1")
    p = d.add_paragraph()
    p._p.append(_run("2023年项目资金预算"))
    p._p.append(_tracked("del", "120.00", 1))
    p._p.append(_tracked("ins", "126.50", 2))
    p._p.append(_run("万元，实际支出"))
    p._p.append(_run("118"))
    p._p.append(_run(".2"))
    p._p.append(_run("3万元，执行率93.46%。"))
    p = d.add_paragraph()
    p._p.append(_run("本报告编制日期："))
    for r in _field('DATE \\@ "yyyy年M月d日"', "2024年3月15日"):
        p._p.append(r)
    p._p.append(_run("。"))
    d.add_paragraph("一、资金使用情况", style="Heading 2")
    d.add_paragraph("单位：万元")
    table = d.add_table(rows=4, cols=3)
    table.style = d.styles["Table Grid"]
    for r, row in enumerate([("项目", "预算数", "执行数"), ("慰问金", "60.00", "58.73"),
                             ("宣传费", "66.50", "59.50"), ("合计", "126.50", "118.23")]):
        for c, value in enumerate(row):
            table.rows[r].cells[c].text = value
    p = d.add_paragraph()
    p._p.append(_run("全年共走访慰问困难家庭"))
    p._p.append(_tracked("ins", "312户", 3))
    p._p.append(_tracked("del", "300户", 4))
    p._p.append(_run("，自评得分92分，自评结果：优。"))
    save_docx(d, DRAFT)
    print(f"wrote {DRAFT}")


def build_bad() -> None:
    """An encrypted PDF (user password) — needs LibreOffice, so it is committed."""
    BAD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        d = docx.Document()
        _set_fonts(d)
        d.add_paragraph("某县2023年部门预算：收入合计100.00万元。")
        src = tmpdir / "encrypted.docx"
        save_docx(d, src)
        opts = ('{"EncryptFile":{"type":"boolean","value":"true"},'
                '"DocumentOpenPassword":{"type":"string","value":"reportparse"}}')
        pdf = _soffice_pdf(src, tmpdir, opts)
        shutil.copyfile(pdf, BAD / "encrypted.pdf")  # encrypted: its ID keys the cipher, left as made
    print(f"wrote {(BAD / 'encrypted.pdf').relative_to(ROOT)}")


def main(argv: list[str]) -> int:
    what = set(argv) or {"seed", "draft", "bad"}
    if "draft" in what:
        build_draft()
    if "bad" in what:
        build_bad()
    if "seed" in what:
        build_seed_renditions()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
