"""`reportparse parse`: blocks with their locations (text), the Report (json), -o, --version, help."""

from __future__ import annotations

import json
import re

import pytest
from conftest import CORPUS, SEED_TXT

from reportparse import __version__
from reportparse.cli import main

SEED_PDF = CORPUS / (SEED_TXT.stem + ".pdf")
SEED_DOCX = CORPUS / (SEED_TXT.stem + ".docx")


def _parse(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(["parse", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_text_output_lists_blocks_with_locations(capsys):
    rc, out, err = _parse(capsys, str(SEED_TXT))
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith(f"== {SEED_TXT}  格式 txt  编码 utf-8")
    # The title is line 1 of the file; the bookmark residue line is line 11.
    assert f"[0:{len(SEED_TXT.stem)}] 段落 第1行  {SEED_TXT.stem}" in lines
    text = SEED_TXT.read_text(encoding="utf-8")
    start = text.index("[bookmark")
    assert any(line.startswith(f"[{start}:") and "第11行" in line for line in lines)


def test_text_output_for_pdf_shows_page_line_table_and_furniture(capsys):
    rc, out, _ = _parse(capsys, str(SEED_PDF))
    assert rc == 0
    assert re.search(r"^\[\d+:\d+\] 标题1 第1页 第\d+行  新田县计划生育协会", out, re.M)
    assert re.search(r"^\[\d+:\d+\] 表格 第\d+页 表1 第6行第2列 第\d+行  139\.38$", out, re.M)
    assert re.search(r"^   表1 第\d+页 6行×2列 11个非空单元格  单位：万元$", out, re.M)
    assert "   第1页 页码：- 1 -" in out


def test_text_output_for_docx_shows_paragraph_and_table_cells(capsys):
    rc, out, _ = _parse(capsys, str(SEED_DOCX))
    assert rc == 0
    assert re.search(r"^\[\d+:\d+\] 标题1 第1段  新田县计划生育协会", out, re.M)
    assert re.search(r"^\[\d+:\d+\] 表格 表1 第3行第2列  50\.12$", out, re.M)
    assert "页眉：新田县计划生育协会2021年度部门整体支出绩效评价报告" in out


def test_json_output_is_the_report(capsys):
    rc, out, _ = _parse(capsys, str(SEED_PDF), "--format", "json")
    assert rc == 0
    data = json.loads(out)
    assert data["schema_version"] == "1"
    assert data["source"]["format"] == "pdf" and data["source"]["pages"] >= 5
    assert re.fullmatch(r"[0-9a-f]{64}", data["source"]["sha256"])


def test_json_for_several_files_is_a_list_and_o_writes_a_file(tmp_path, capsys):
    out_path = tmp_path / "sub" / "out.json"
    rc, out, _ = _parse(capsys, str(SEED_TXT), str(SEED_DOCX), "--format", "json", "-o", str(out_path))
    assert rc == 0 and out == ""
    data = json.loads(out_path.read_text(encoding="utf-8"))
    assert [d["source"]["format"] for d in data] == ["txt", "docx"]


def test_output_is_deterministic(capsys):
    _, first, _ = _parse(capsys, str(SEED_DOCX))
    _, second, _ = _parse(capsys, str(SEED_DOCX))
    assert first == second


def test_version_and_chinese_help(capsys):
    with pytest.raises(SystemExit):
        from reportparse.cli import build_parser

        build_parser().parse_args(["--version"])
    assert capsys.readouterr().out.strip() == f"reportparse {__version__}"
    assert main(["parse", "--help"]) == 0
    help_text = capsys.readouterr().out
    assert "用法：" in help_text and "输出格式" in help_text and "写入文件" in help_text


def test_help_is_chinese_with_one_usage_prefix(capsys):
    from reportparse.cli import main

    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.count("用法：") == 1
    assert "选项" in out and "options:" not in out
