"""`reportparse check` and `reportparse rules` end to end through cli.main (no subprocess: fast)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reportparse.cli import main

from conftest import SEED_TXT

SEED = str(SEED_TXT)


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_seed_text_output_lists_exactly_the_two_errors(capsys):
    rc, out, err = run(capsys, "check", SEED)
    assert rc == 1 and err == ""
    heads = [line for line in out.splitlines() if not line.startswith("    ")]
    assert len(heads) == 3, out
    assert heads[0].startswith(f"{SEED}:18:21  RP501 error")
    assert "98分" in heads[0] and "良好" in heads[0] and "【结论改变】" in heads[0]
    assert heads[1].startswith(f"{SEED}:30:38  RP101 error") and "22篇" in heads[1]
    # the source line under each finding, figures marked
    assert "得到【98分】，自评结果：【良好】" in out
    assert "累计【23篇】，其中在国家级媒体上稿【1篇】" in out
    assert heads[2] == f"{SEED}：2 个错误，0 个警告，0 个提示；32 项核对相符"
    assert "\x1b[" not in out  # not a terminal: no colour


def test_show_passed_lists_the_relations_that_hold(capsys):
    rc, out, _ = run(capsys, "check", SEED, "--show-passed")
    assert rc == 1
    passes = [line for line in out.splitlines() if " pass " in line and not line.startswith("    ")]
    assert len(passes) >= 30
    for needle in ("139.38万元 = 50.12万元 + 41.72万元 + 47.54万元", "139.38万元 = 139.38万元 + 0万元",
                   "0.22万元 = 1.91万元 − 2.13万元", "“减少”与 1.91万元", "151场 = 5场 + 16场 + 130场",
                   "35100元 = 30元/户 × 1170户", "部分 77户 不大于整体 198户", "130户 与前文 130户", "9万元 与前文 9万元"):
        assert any(needle in p for p in passes), needle


def test_fail_on_levels_and_exit_codes(capsys, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("共开展活动151场，其中县级5场，乡镇16场，村居130场。\n", encoding="utf-8")
    assert run(capsys, "check", str(clean))[0] == 0
    warn = tmp_path / "warn.txt"
    warn.write_text("本年项目支出20万元，上年项目支出0万元，增加20万元，增长100%。\n", encoding="utf-8")
    assert run(capsys, "check", str(warn))[0] == 0
    assert run(capsys, "check", str(warn), "--fail-on", "warning")[0] == 1
    info = tmp_path / "info.txt"
    info.write_text("本年支出合计581.45万元，其中：基本支出390.55万元，项目支出190.89万元。\n", encoding="utf-8")
    assert run(capsys, "check", str(info), "--fail-on", "warning")[0] == 0
    assert run(capsys, "check", str(info), "--fail-on", "info")[0] == 1


def test_unusable_input_is_one_chinese_line_and_exit_2(capsys, tmp_path):
    rc, out, err = run(capsys, "check", str(tmp_path / "没有这个文件.txt"))
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and "没有这个文件.txt" in err and "文件不存在" in err and "Traceback" not in err
    # a bad file among good ones: the good one is still checked, exit 2
    rc, out, err = run(capsys, "check", SEED, str(tmp_path / "缺失.txt"))
    assert rc == 2 and "RP501" in out


def test_select_and_ignore(capsys):
    rc, out, _ = run(capsys, "check", SEED, "--select", "RP5")
    assert rc == 1 and "RP501" in out and "RP101" not in out
    rc, out, _ = run(capsys, "check", SEED, "--ignore", "RP501,sum-mismatch")
    assert rc == 0 and "RP501" not in out and "RP101" not in out
    rc, out, err = run(capsys, "check", SEED, "--select", "RP999")
    assert rc == 2 and "RP999" in err


def test_json_output_is_the_findings_model(capsys):
    rc, out, _ = run(capsys, "check", SEED, "--format", "json")
    data = json.loads(out)
    assert rc == 1 and data["summary"] == {"errors": 2, "warnings": 0, "infos": 0, "passed": 32}
    assert [f["rule"] for f in data["findings"]] == ["RP501", "RP101"]
    grade = data["findings"][0]
    assert grade["decision"] is True and grade["status"] == "fail"
    assert grade["members"][0]["text"] == "98分" and grade["members"][1]["text"] == "良好"
    text = SEED_TXT.read_text("utf-8")
    for f in data["findings"]:
        for m in f["members"]:
            assert text[m["span"][0] : m["span"][1]] == m["text"]
    # deterministic: the same bytes twice
    assert run(capsys, "check", SEED, "--format", "json")[1] == out


def test_json_validates_against_the_committed_schema(capsys):
    jsonschema = pytest.importorskip("jsonschema")
    from conftest import ROOT

    schema = json.loads((ROOT / "schemas" / "findings.schema.json").read_text("utf-8"))
    _, out, _ = run(capsys, "check", SEED, "--format", "json", "--show-passed")
    jsonschema.validate(json.loads(out), schema)


def test_csv_has_bom_and_opens_with_chinese_intact(capsys, tmp_path):
    out_path = tmp_path / "结果.csv"
    rc, out, _ = run(capsys, "check", SEED, "--format", "csv", "-o", str(out_path))
    raw = out_path.read_bytes()
    assert rc == 1 and out == "" and raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["文件", "页", "行", "列", "规则"]
    assert rows[1][4] == "RP501" and rows[1][6] == "错误" and rows[1][8] == "是" and "良好" in rows[1][9]
    assert rows[2][4] == "RP101" and rows[2][11] == "22篇" and rows[2][12] == "23篇"
    assert len(rows) == 3


def test_colour_only_on_a_terminal_without_no_color(capsys, monkeypatch):
    import sys

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    _, out, _ = run(capsys, "check", SEED)
    assert "\x1b[31m" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "check", SEED)
    assert "\x1b[" not in out


def test_annotate_refuses_text_input(capsys, tmp_path):
    rc, out, err = run(capsys, "check", SEED, "--annotate", str(tmp_path / "out.docx"))
    assert rc == 2 and "docx" in err and "Traceback" not in err
    assert not (tmp_path / "out.docx").exists()


def test_html_gets_passed_checks_even_without_show_passed(capsys, tmp_path, monkeypatch):
    seen = {}

    def fake_render(document, report, result):  # the review page module is another engineer's; spy on the call
        seen["passed"] = sum(f.status == "pass" for f in result.findings)
        return "<html></html>"

    import reportparse.output.html as html

    monkeypatch.setattr(html, "render_html", fake_render)
    rc, out, _ = run(capsys, "check", SEED, "--html", str(tmp_path / "审阅.html"))
    assert rc == 1 and seen["passed"] >= 30 and (tmp_path / "审阅.html").exists()
    assert " pass " not in out  # the terminal output still lists failures only


def test_rules_command_lists_the_catalogue(capsys):
    rc, out, _ = run(capsys, "rules")
    lines = out.splitlines()
    assert rc == 0
    assert any(line.startswith("RP101  sum-mismatch") and "错误" in line for line in lines)
    assert any(line.startswith("RP501") and "等级" in line for line in lines)
    rc, out, _ = run(capsys, "rules", "--format", "json")
    ids = [r["id"] for r in json.loads(out)]
    assert ids == sorted(ids, key=lambda i: (i[:3], i)) or "RP901" in ids
    assert "RP101" in ids and "RP901" in ids


def test_several_files_get_a_total_line(capsys, tmp_path):
    other = tmp_path / "另一份.txt"
    other.write_text("共开展活动151场，其中县级5场，乡镇16场，村居130场。\n", encoding="utf-8")
    rc, out, _ = run(capsys, "check", SEED, str(other))
    assert rc == 1
    assert out.splitlines()[-1] == "共 2 个文件：2 个错误，0 个警告，0 个提示；33 项核对相符"
