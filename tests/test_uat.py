"""Rough edges found by user acceptance on a fresh clone, each pinned so it cannot come back."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reportparse.cli import main

from conftest import CORPUS, SEED_TXT

SEED = str(SEED_TXT)
SEED_DOCX = str(CORPUS / "新田县计划生育协会2021年度部门整体支出绩效评价报告.docx")


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("argv", [
    ("parse", SEED),
    ("parse", SEED, "--format", "json"),
    ("check", SEED),
    ("check", SEED, "--format", "csv"),
])
def test_output_to_a_folder_is_one_chinese_line_and_exit_2(capsys, tmp_path, argv):
    # `-o 结果/` (a folder) used to end in an IsADirectoryError traceback with exit code 1
    rc, _, err = run(capsys, *argv, "-o", str(tmp_path))
    assert rc == 2
    assert err == f"reportparse：错误：{tmp_path}：输出路径是一个目录，请给出文件名\n"


def test_output_under_a_file_is_one_chinese_line_and_exit_2(capsys, tmp_path):
    # the folder of -o cannot be created because a file stands in its way: NotADirectoryError before
    blocker = tmp_path / "a.txt"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "结果.txt"
    rc, _, err = run(capsys, "check", SEED, "-o", str(out))
    assert rc == 2
    assert err == f"reportparse：错误：{out}：输出文件所在的文件夹无法创建（路径上已有同名文件）\n"
    assert "Traceback" not in err


def test_html_to_an_unwritable_place_names_the_file_in_chinese(capsys, tmp_path):
    blocker = tmp_path / "a.txt"
    blocker.write_text("x", encoding="utf-8")
    page = blocker / "审阅.html"
    rc, out, err = run(capsys, "check", SEED, "--html", str(page))
    assert rc == 2 and out == ""
    # before: "无法写入输出文件（Not a directory）", English and without the file
    assert err == f"reportparse：错误：{page}：输出文件所在的文件夹无法创建（路径上已有同名文件）\n"


def test_annotated_copy_gets_the_mode_of_a_new_file(capsys, tmp_path):
    # mkstemp made the copy 0600: a colleague on a shared drive could not open the reviewed draft
    out = tmp_path / "草稿 批注.docx"
    old = os.umask(0o022)
    try:
        rc, _, err = run(capsys, "check", SEED_DOCX, "--annotate", str(out))
    finally:
        os.umask(old)
    assert rc == 1 and err == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_good_files_still_written_when_one_is_bad(capsys, tmp_path):
    out = tmp_path / "新 文件夹" / "结果.txt"
    rc, _, err = run(capsys, "check", SEED, str(tmp_path / "没有.txt"), SEED_DOCX, "-o", str(out))
    assert rc == 2
    assert "没有.txt：文件不存在" in err
    text = Path(out).read_text(encoding="utf-8")
    assert text.count("：2 个错误") == 2 and text.rstrip().endswith("共 2 个文件：4 个错误，0 个警告，0 个提示；64 项核对相符")


def test_a_text_far_longer_than_any_report_is_refused_at_once(capsys, tmp_path):
    # 150 MB of text ran for minutes in silence and grew past 4.6 GB RSS; now one line, before extraction
    seed = SEED_TXT.read_text(encoding="utf-8")
    big = tmp_path / "合并 报告.txt"
    big.write_text(seed * (2_000_000 // len(seed) + 1), encoding="utf-8")
    rc, out, err = run(capsys, "check", str(big))
    assert rc == 2 and out == ""
    assert err.startswith(f"reportparse：错误：{big}：文字过多（约 200 万字，上限 200 万字）")
    assert err.count("\n") == 1
