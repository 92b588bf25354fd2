"""Word comments on the offending figures (output/annotate.py).

Each test reads the annotated copy back (python-docx, the raw comments.xml/document.xml, and where
installed LibreOffice) and checks that every comment's anchored characters are exactly the figure's.
The findings are built from real spans of the document as the reader read it: test data, not mocks.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from lxml import etree

from reportparse import api
from reportparse.errors import ReadError
from reportparse.model import CheckResult, Finding, FindingMember, Source, Summary
from reportparse.output.annotate import annotate_docx, body_units, traversal_text

from conftest import CORPUS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
SEED_DOCX = CORPUS / "新田县计划生育协会2021年度部门整体支出绩效评价报告.docx"
DRAFT_DOCX = CORPUS / "draft-tracked-changes.docx"


# ------------------------------------------------------------------------------------------------
# A draft made here, so the tricky parts are certainly present: a figure split over three runs with
# different formatting, a figure inside a tracked insertion next to a tracked deletion, a figure in a
# table cell, a header and a footer.


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _para(inner: str) -> object:
    return parse_xml(f'<w:p xmlns:w="{W}">{inner}</w:p>')


UNDERLINE = '<w:u w:val="single"/>'


def make_draft(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "测试县计划生育协会（页眉）"
    d.sections[0].footer.paragraphs[0].text = "第 1 页（页脚）"
    d.add_paragraph("测试县计划生育协会2021年度部门整体支出绩效评价报告")
    body = d.element.body
    sect = body[-1]  # w:sectPr stays last
    paras = [
        _para(_run("2021年各级财政划拨共计") + _run("139", "<w:b/>") + _run(".3", "<w:i/>")
              + _run("8万元", '<w:color w:val="FF0000"/>') + _run("，结余0万元。")),
        _para(_run("自评得分98分，自评结果：良好。", '<w:sz w:val="28"/>')),
        _para(_run("今年媒体上稿累计")
              + '<w:ins w:id="901" w:author="起草人" w:date="2022-01-05T00:00:00Z">' + _run("23篇", UNDERLINE) + "</w:ins>"
              + '<w:del w:id="902" w:author="起草人" w:date="2022-01-05T00:00:00Z"><w:r><w:delText>22篇</w:delText></w:r></w:del>'
              + _run("，其中国家级1篇，省级7篇，市级10篇，县级4篇。")),
        _para(_run("为1170户购买健康保险") + '<w:hyperlink w:anchor="_bx">' + _run("35100元", "<w:b/>") + "</w:hyperlink>"
              + _run("（30元/户）。")),
    ]
    for p in paras:
        sect.addprevious(p)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "金额（万元）"
    table.cell(1, 0).text = "工资福利支出"
    cell = table.cell(1, 1).paragraphs[0]
    cell.add_run("50.12").bold = True
    d.add_paragraph("以上为基本支出。")
    d.save(path)
    return path


def read_document(path: Path):
    """The Document as the reader makes it; before the .docx reader landed, the traversal's own."""
    try:
        return api.read(path)
    except ModuleNotFoundError:  # readers/docx.py not committed yet
        from reportparse.model import Block, Document, SourceInfo

        units = body_units(docx.Document(str(path)).element.body)
        blocks, pos = [], 0
        for u in units:
            kind = "table_cell" if u.table is not None else "paragraph"
            blocks.append(Block(kind, pos, pos + len(u.text), paragraph=u.paragraph, table=u.table, row=u.row, col=u.col))
            pos += len(u.text) + 1
        data = path.read_bytes()
        return Document(SourceInfo(str(path), hashlib.sha256(data).hexdigest(), "docx"), traversal_text(units), blocks)


def member(document, text: str, nth: int = 0, role: str = "part") -> FindingMember:
    """The nth occurrence of ``text`` in Document.text, as a finding member."""
    i = [m.start() for m in re.finditer(r"(?<![\d.])" + re.escape(text), document.text)][nth]
    return FindingMember(text=text, span=(i, i + len(text)), role=role, location=document.locate(i))


def result_for(document, findings: list[Finding]) -> CheckResult:
    src = document.source
    return CheckResult(
        source=Source(path=src.path, sha256=src.sha256, format=src.format),
        document={},
        findings=findings,
        summary=Summary(errors=sum(f.severity == "error" for f in findings)),
    )


def finding(rule: str, name: str, members: list[FindingMember], message: str, severity: str = "error") -> Finding:
    return Finding(rule=rule, name=name, severity=severity, message=message, members=members,
                   location=members[0].location if members else None)


# ------------------------------------------------------------------------------------------------
# Reading the annotated copy back


def anchored_texts(docx_path: Path) -> dict[str, str]:
    """comment id -> the visible text between its commentRangeStart and commentRangeEnd in document.xml."""
    with zipfile.ZipFile(docx_path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    open_ids: list[str] = []
    out: dict[str, list[str]] = {}
    for el in root.iter():
        tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if tag == "commentRangeStart":
            cid = el.get(f"{{{W}}}id")
            open_ids.append(cid)
            out.setdefault(cid, [])
        elif tag == "commentRangeEnd":
            open_ids.remove(el.get(f"{{{W}}}id"))
        elif tag == "t" and open_ids:
            if any(etree.QName(a).localname in ("del", "moveFrom") for a in el.iterancestors()):
                continue
            for cid in open_ids:
                out[cid].append(el.text or "")
    return {k: "".join(v) for k, v in out.items()}


def comments(docx_path: Path) -> dict[str, tuple[str, str]]:
    """comment id -> (author, text) from word/comments.xml."""
    with zipfile.ZipFile(docx_path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return {
        c.get(f"{{{W}}}id"): (c.get(f"{{{W}}}author"), "\n".join("".join(p.itertext()) for p in c.iterfind("w:p", NS)))
        for c in root.iterfind("w:comment", NS)
    }


def assert_only_comment_parts_changed(before: Path, after: Path) -> None:
    """Headers, footers, styles, settings ... are byte for byte the draft's; only the body and the
    comment plumbing change."""
    with zipfile.ZipFile(before) as a, zipfile.ZipFile(after) as b:
        assert set(b.namelist()) - set(a.namelist()) <= {"word/comments.xml"}
        assert set(a.namelist()) <= set(b.namelist())
        changed = {n for n in a.namelist() if a.read(n) != b.read(n)}
    assert changed <= {"word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}


def anchored_by_rule(docx_path: Path) -> dict[str, str]:
    ranges, notes = anchored_texts(docx_path), comments(docx_path)
    return {text.split("]")[0].lstrip("[").split()[0]: ranges[cid] for cid, (_, text) in notes.items()}


# ------------------------------------------------------------------------------------------------


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    return make_draft(tmp_path / "草稿.docx")


def assert_traversal_matches_reader(path: Path):
    """The runs the annotator walks print exactly the reader's Document.text, block by block."""
    document = read_document(path)
    units = body_units(docx.Document(str(path)).element.body)
    assert [u.text for u in units if u.text.strip()] == [document.text[b.start:b.end] for b in document.blocks]
    keys = [(u.paragraph, u.table, u.row, u.col) for u in units if u.text.strip()]
    assert keys == [(b.paragraph, b.table, b.row, b.col) for b in document.blocks]
    return document


def test_traversal_reproduces_document_text(draft: Path):
    document = assert_traversal_matches_reader(draft)
    assert "23篇" in document.text and "22篇" not in document.text  # insertion kept, deletion dropped


@pytest.mark.parametrize("name", [SEED_DOCX.name, DRAFT_DOCX.name])
def test_traversal_reproduces_corpus_docx(name: str):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus/{name} 尚未生成（scripts/make_fixtures.py）")
    assert_traversal_matches_reader(path)


def test_comments_anchor_exact_figures(draft: Path, tmp_path: Path):
    document = read_document(draft)
    findings = [
        finding("RP501", "grade-mismatch", [member(document, "98分", role="score"), member(document, "良好", role="grade")],
                "自评得分98分属于“优”（90-100分），但自评结果写作“良好”"),
        finding("RP101", "sum-mismatch",
                [member(document, "23篇", role="total"), member(document, "1篇"), member(document, "7篇"),
                 member(document, "10篇"), member(document, "4篇")],
                "分项合计1+7+10+4=22篇，与总数23篇不符，相差1篇"),
        finding("RP201", "repeat-mismatch", [member(document, "139.38万元")], "同一数字前后不一致", severity="warning"),
        finding("RP601", "table-text-mismatch", [member(document, "50.12")], "表格数字与正文不一致", severity="info"),
        finding("RP303", "rate-mismatch", [member(document, "35100元")], "单价乘数量与总额不符", severity="warning"),
    ]
    out = tmp_path / "批注.docx"
    before = draft.read_bytes()
    annotate_docx(str(draft), str(out), document, result_for(document, findings), force=False)
    assert draft.read_bytes() == before  # the original is never modified

    assert anchored_by_rule(out) == {"RP501": "98分", "RP101": "23篇", "RP201": "139.38万元", "RP601": "50.12",
                                     "RP303": "35100元"}  # the last one inside a hyperlink
    notes = comments(out)
    assert {a for a, _ in notes.values()} == {"reportparse"}
    texts = sorted(t for _, t in notes.values())
    rp101 = next(t for t in texts if t.startswith("[RP101 sum-mismatch] 错误："))
    assert "相关数字：“1篇”" in rp101 and "“4篇”" in rp101  # the other figures are named
    rp501 = next(t for t in texts if t.startswith("[RP501"))
    assert "“良好”" in rp501

    # python-docx reads it back: the visible text is unchanged, comments are there with their author.
    back = docx.Document(str(out))
    assert len(back.comments._comments_elm.xpath("./w:comment")) == 5
    assert [p.text for p in back.paragraphs] == [p.text for p in docx.Document(str(draft)).paragraphs]
    assert back.sections[0].header.paragraphs[0].text == "测试县计划生育协会（页眉）"
    assert back.sections[0].footer.paragraphs[0].text == "第 1 页（页脚）"
    assert read_document(out).text == document.text
    assert_only_comment_parts_changed(draft, out)


def test_split_runs_keep_formatting_and_tracked_changes(draft: Path, tmp_path: Path):
    document = read_document(draft)
    findings = [
        finding("RP501", "grade-mismatch", [member(document, "98分")], "得分与等级不符"),
        finding("RP101", "sum-mismatch", [member(document, "23篇")], "合计不符"),
        finding("RP201", "repeat-mismatch", [member(document, "139.38万元")], "前后不一致"),
    ]
    out = tmp_path / "批注.docx"
    annotate_docx(str(draft), str(out), document, result_for(document, findings), force=False)
    with zipfile.ZipFile(out) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    runs = {"".join(r.xpath("./w:t/text()", namespaces=NS)): r for r in root.iter(f"{{{W}}}r")}
    # "98分" was cut out of one run: it and both neighbours keep the run's size.
    for piece in ("自评得分", "98分", "，自评结果：良好。"):
        assert runs[piece].xpath("./w:rPr/w:sz/@w:val", namespaces=NS) == ["28"], piece
    # the split figure keeps each run's own formatting
    assert runs["139"].xpath("./w:rPr/w:b", namespaces=NS)
    assert runs[".3"].xpath("./w:rPr/w:i", namespaces=NS)
    assert runs["8万元"].xpath("./w:rPr/w:color/@w:val", namespaces=NS) == ["FF0000"]
    # the tracked insertion and deletion survive, the comment range sits inside the insertion
    ins = root.xpath("//w:ins[@w:author='起草人']", namespaces=NS)
    assert len(ins) == 1 and ins[0].xpath("./w:commentRangeStart", namespaces=NS)
    assert root.xpath("//w:del/w:r/w:delText/text()", namespaces=NS) == ["22篇"]


def test_output_is_deterministic(draft: Path, tmp_path: Path):
    document = read_document(draft)
    result = result_for(document, [finding("RP501", "grade-mismatch", [member(document, "98分")], "得分与等级不符")])
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    annotate_docx(str(draft), str(a), document, result, force=False)
    annotate_docx(str(draft), str(b), document, result, force=False)
    assert a.read_bytes() == b.read_bytes()


def test_refusals(draft: Path, tmp_path: Path):
    document = read_document(draft)
    result = result_for(document, [])
    out = tmp_path / "out.docx"
    out.write_bytes(b"keep me")
    with pytest.raises(ReadError, match="已存在.*--force"):
        annotate_docx(str(draft), str(out), document, result, force=False)
    assert out.read_bytes() == b"keep me"
    annotate_docx(str(draft), str(out), document, result, force=True)
    assert zipfile.is_zipfile(out)
    with pytest.raises(ReadError, match="原文件") as err:
        annotate_docx(str(draft), str(draft), document, result, force=True)
    assert err.value.path == str(draft)
    txt = tmp_path / "报告.txt"
    txt.write_text("自评得分98分", encoding="utf-8")
    with pytest.raises(ReadError, match=r"不是 \.docx 文件.*只能给 \.docx 文件加批注"):
        annotate_docx(str(txt), str(tmp_path / "x.docx"), document, result, force=False)
    fake = tmp_path / "假的.docx"
    fake.write_bytes(b"not a zip at all")
    with pytest.raises(ReadError, match="不是 .docx 文件（不是 zip"):
        annotate_docx(str(fake), str(tmp_path / "y.docx"), document, result, force=False)
    assert not (tmp_path / "y.docx").exists()
    # a draft changed after it was read is refused: the spans would no longer fit
    changed = tmp_path / "改过.docx"
    make_draft(changed)
    d = docx.Document(str(changed))
    d.add_paragraph("追加一段")
    d.save(changed)
    with pytest.raises(ReadError, match="读取之后被修改"):
        annotate_docx(str(changed), str(tmp_path / "w.docx"), document, result, force=False)
    # a Word file is recognised by its content, not its name
    renamed = tmp_path / "草稿无后缀"
    renamed.write_bytes(draft.read_bytes())
    annotate_docx(str(renamed), str(tmp_path / "z.docx"), document, result, force=False)
    assert zipfile.is_zipfile(tmp_path / "z.docx")


def test_existing_comments_are_kept(draft: Path, tmp_path: Path):
    """A draft that already carries a reviewer's comment keeps it; ours get their own ids."""
    d = docx.Document(str(draft))
    d.add_comment(d.paragraphs[0].runs, text="请核实标题", author="审稿人", initials="SG")
    reviewed = tmp_path / "已有批注.docx"
    d.save(reviewed)
    document = read_document(reviewed)
    result = result_for(document, [finding("RP501", "grade-mismatch", [member(document, "98分")], "得分与等级不符")])
    out = tmp_path / "o.docx"
    annotate_docx(str(reviewed), str(out), document, result, force=False)
    notes = comments(out)
    assert sorted(a for a, _ in notes.values()) == ["reportparse", "审稿人"]
    ranges = anchored_texts(out)
    assert {notes[c][1].split("：")[0]: ranges[c] for c in notes} == {
        "请核实标题": "测试县计划生育协会2021年度部门整体支出绩效评价报告",
        "[RP501 grade-mismatch] 错误": "98分",
    }


def test_finding_without_figures_is_kept(draft: Path, tmp_path: Path):
    """A finding with no member (nothing to point at) still reaches the drafter, on the first paragraph."""
    document = read_document(draft)
    lone = Finding(rule="RP901", name="could-not-check", severity="warning", message="无法核对：缺少上年数")
    out = tmp_path / "o.docx"
    annotate_docx(str(draft), str(out), document, result_for(document, [lone]), force=False)
    (cid, (_, text)), = comments(out).items()
    assert text.startswith("（未能定位到具体数字）[RP901 could-not-check] 警告：无法核对")
    assert anchored_texts(out)[cid] == "测试县计划生育协会2021年度部门整体支出绩效评价报告"


def test_passed_findings_get_no_comment(draft: Path, tmp_path: Path):
    document = read_document(draft)
    ok = finding("RP301", "balance", [member(document, "139.38万元")], "收支平衡", severity="info")
    ok = ok.model_copy(update={"status": "pass"})
    bad = finding("RP501", "grade-mismatch", [member(document, "98分")], "得分与等级不符")
    out = tmp_path / "o.docx"
    annotate_docx(str(draft), str(out), document, result_for(document, [ok, bad]), force=False)
    assert list(anchored_by_rule(out)) == ["RP501"]


@pytest.mark.skipif(not SEED_DOCX.exists(), reason="种子报告的 .docx 版本尚未生成（scripts/make_fixtures.py）")
def test_seed_docx_rendition(tmp_path: Path):
    document = read_document(SEED_DOCX)
    units = body_units(docx.Document(str(SEED_DOCX)).element.body)
    assert "".join(traversal_text(units).split()) == "".join(document.text.split())
    findings = [
        finding("RP501", "grade-mismatch", [member(document, "98分"), member(document, "良好")], "得分与等级不符"),
        finding("RP101", "sum-mismatch", [member(document, "23篇"), member(document, "1篇")], "合计不符"),
        finding("RP201", "repeat-mismatch", [member(document, "139.38万元", nth=2)], "前后不一致", severity="warning"),
    ]
    out = tmp_path / "seed-批注.docx"
    annotate_docx(str(SEED_DOCX), str(out), document, result_for(document, findings), force=False)
    assert anchored_by_rule(out) == {"RP501": "98分", "RP101": "23篇", "RP201": "139.38万元"}
    assert read_document(out).text == document.text
    assert_only_comment_parts_changed(SEED_DOCX, out)


@pytest.mark.skipif(not SEED_DOCX.exists(), reason="种子报告的 .docx 版本尚未生成（scripts/make_fixtures.py）")
def test_seed_docx_every_extracted_figure(tmp_path: Path):
    """One comment on every figure the extractor finds in the seed's .docx: each anchored exactly."""
    document = read_document(SEED_DOCX)
    report = api.parse_document(document)
    assert len(report.quantities) > 50
    findings = [
        Finding(rule="RP900", name="figure", severity="info", message=q.id,
                members=[FindingMember(quantity=q.id, text=q.text, span=q.span, role="part", location=q.location)])
        for q in report.quantities
    ]
    out = tmp_path / "all.docx"
    annotate_docx(str(SEED_DOCX), str(out), document, result_for(document, findings), force=False)
    ranges, notes = anchored_texts(out), comments(out)
    got = {text.split("：", 1)[1]: ranges[cid] for cid, (_, text) in notes.items()}
    assert got == {q.id: q.text for q in report.quantities}
    assert read_document(out).text == document.text  # splitting runs changed no character


@pytest.mark.skipif(not DRAFT_DOCX.exists(), reason="corpus/draft-tracked-changes.docx 尚未生成")
def test_corpus_draft_with_tracked_changes(tmp_path: Path):
    document = read_document(DRAFT_DOCX)
    table_cells = [b for b in document.blocks if b.kind == "table_cell"]
    assert table_cells, "the draft has a table"
    cell = next(b for b in table_cells if re.search(r"\d", document.text[b.start:b.end]))
    m = re.search(r"\d+(\.\d+)?", document.text[cell.start:cell.end])
    s = cell.start + m.start()
    in_cell = FindingMember(text=m.group(), span=(s, s + len(m.group())), role="part")
    findings = [finding("RP601", "table-text-mismatch", [in_cell], "表格数字与正文不一致")]
    # figures printed across a tracked insertion and a plain run, and across split runs, if the draft has them
    for rule, text in (("RP301", "126.50万元"), ("RP302", "118.23万元")):
        if re.search(r"(?<![\d.])" + re.escape(text), document.text):
            findings.append(finding(rule, "budget-rate", [member(document, text)], "执行率与预算、执行数不符"))
    out = tmp_path / "draft-批注.docx"
    annotate_docx(str(DRAFT_DOCX), str(out), document, result_for(document, findings), force=False)
    assert anchored_by_rule(out) == {f.rule: f.members[0].text for f in findings}
    assert read_document(out).text == document.text
    with zipfile.ZipFile(DRAFT_DOCX) as z0, zipfile.ZipFile(out) as z1:
        before, after = z0.read("word/document.xml"), z1.read("word/document.xml")
    for tag in (b"<w:ins ", b"<w:del "):
        assert before.count(tag) == after.count(tag)
    assert_only_comment_parts_changed(DRAFT_DOCX, out)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) 未安装：CI 上不装，只在开发机上运行")
def test_libreoffice_reads_the_comments(draft: Path, tmp_path: Path):
    """A real consumer: LibreOffice imports the copy and writes it out again with the same anchors."""
    document = read_document(draft)
    findings = [
        finding("RP501", "grade-mismatch", [member(document, "98分")], "得分与等级不符"),
        finding("RP101", "sum-mismatch", [member(document, "23篇")], "合计不符"),
        finding("RP601", "table-text-mismatch", [member(document, "50.12")], "表格数字与正文不一致"),
    ]
    src = tmp_path / "批注.docx"
    annotate_docx(str(draft), str(src), document, result_for(document, findings), force=False)
    outdir = tmp_path / "lo"
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
         "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    back = outdir / src.name
    notes = comments(back)
    assert sorted(t.split("]")[0] for _, t in notes.values()) == ["[RP101 sum-mismatch", "[RP501 grade-mismatch", "[RP601 table-text-mismatch"]
    assert anchored_by_rule(back) == {"RP501": "98分", "RP101": "23篇", "RP601": "50.12"}


# ------------------------------------------------------------------------------------------------
# End to end through the CLI, once `reportparse check` has the --annotate flag


def _check_has(flag: str) -> bool:
    from reportparse.cli import build_parser

    return flag in build_parser("check").format_help() + "".join(
        a.format_help() for a in build_parser("check")._subparsers._group_actions[0].choices.values()
    )


@pytest.mark.skipif(not SEED_DOCX.exists(), reason="种子报告的 .docx 版本尚未生成")
def test_cli_check_annotate_seed(tmp_path: Path, capsys):
    if not _check_has("--annotate"):
        pytest.skip("reportparse check 还没有 --annotate 选项（规则工程师正在接入）")
    from reportparse.cli import main

    out = tmp_path / "seed-批注.docx"
    before = SEED_DOCX.read_bytes()
    rc = main(["check", str(SEED_DOCX), "--annotate", str(out)])
    assert rc in (0, 1)
    assert SEED_DOCX.read_bytes() == before
    notes, ranges = comments(out), anchored_texts(out)
    by_rule = {}
    for cid, (author, text) in notes.items():
        assert author == "reportparse"
        by_rule.setdefault(text.split()[0].lstrip("["), []).append(ranges[cid])
    anchored = [t for ts in by_rule.values() for t in ts]
    assert "98分" in anchored or "良好" in anchored  # the grade decision error
    assert "23篇" in anchored  # 1+7+10+4 = 22
    # the same findings as `check --format json`: one comment per failure
    capsys.readouterr()
    main(["check", str(SEED_DOCX), "--format", "json"])
    import json

    data = json.loads(capsys.readouterr().out)
    fails = [f for f in data["findings"] if f.get("status", "fail") == "fail"]
    assert len(notes) == len(fails)

    # an existing output is kept without --force; with --force it is replaced
    capsys.readouterr()
    assert main(["check", str(SEED_DOCX), "--annotate", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--force" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["check", str(SEED_DOCX), "--annotate", str(out), "--force"]) in (0, 1)


def test_cli_check_annotate_refuses_text_input(tmp_path: Path, capsys):
    if not _check_has("--annotate"):
        pytest.skip("reportparse check 还没有 --annotate 选项（规则工程师正在接入）")
    from reportparse.cli import main

    from conftest import SEED_TXT

    out = tmp_path / "x.docx"
    assert main(["check", str(SEED_TXT), "--annotate", str(out)]) == 2
    err = capsys.readouterr().err
    assert ".docx" in err and "Traceback" not in err
    assert not out.exists()
