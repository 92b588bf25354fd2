"""Cross-report checks: a report's figure for last year against last year's own report."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

import pytest

from conftest import ROOT
from reportparse.cli import main
from reportparse.model import DocumentMeta, Location, Quantity, Relation, RelationMember, Report, Source
from reportparse.store import db as store_db
from reportparse.store.crosscheck import crosscheck, run_crosscheck
from reportparse.store.ingest import ingest
from reportparse.store.rows import document_row, report_rows

FIXTURES = ROOT / "tests" / "fixtures" / "crosscheck"


def money(qid: str, wan: str, start: int, label: str | None = None, concept: str | None = None) -> Quantity:
    """A figure printed in 万元 with two decimals: interval ±0.005 万元 = ±50 元."""
    value = Decimal(wan)
    n = value * 10000
    text = f"{wan}万元"
    return Quantity(
        id=qid, kind="money", text=text, span=(start, start + len(text)), value=value, unit="万元",
        normalized=n, normalized_unit="元", precision=-2, interval=(n - 50, n + 50),
        label=label, concept=concept, location=Location(line=3, column=start + 1),
    )


def put(conn, path: str, org: str | None, year: int | None, quantities, relations=(), status="ok",
        genre="performance_self_evaluation", text: str | None = None) -> int:
    report = Report(
        source=Source(path=path, sha256=path.encode().hex()[:64].ljust(64, "0"), format="txt"),
        document=DocumentMeta(organization=org, fiscal_year=year, genre=genre),
        quantities=list(quantities), relations=list(relations),
    )
    rows = report_rows(report, text)
    rows["documents"] = [document_row(path=path, name=path.rsplit("/", 1)[-1], sha256=report.source.sha256,
                                      size_bytes=1, status=status, report=report)]
    doc_id = store_db.doc_id_for(path)
    store_db.write_document(conn, doc_id, rows)
    return doc_id


def comparison(this: str, last: str, change: str, direction: str) -> Relation:
    return Relation(id="r1", kind="comparison", span=(0, 40), attrs={"direction": direction}, members=[
        RelationMember(quantity=this, role="this_year"), RelationMember(quantity=last, role="last_year"),
        RelationMember(quantity=change, role="change"),
    ])


@pytest.fixture
def conn(tmp_path):
    c = store_db.connect(tmp_path / "x.sqlite")
    yield c
    c.close()


def test_quoted_prior_year_figure_against_prior_report(conn):
    # 2020's own report: 三公经费 2.13万元 (and, in its own comparison, a 2019 figure that must not be used)
    put(conn, "/r/文化馆2020.txt", "示范县 文化馆", 2020, [
        money("q1", "2.13", 10, concept="three_public"),
        money("q2", "2.50", 30, concept="three_public"),
        money("q3", "0.37", 50),
    ], [comparison("q1", "q2", "q3", "减少")])
    # 2021 quotes 2020 as 2.31 (a transposition) and says 减少0.40
    later = put(conn, "/r/文化馆2021.txt", "示范县文化馆", 2021, [
        money("q1", "1.91", 10, concept="three_public"),
        money("q2", "2.31", 30, concept="three_public"),
        money("q3", "0.40", 50),
        money("q4", "90.20", 70, label="财政拨款收入"),
        money("q5", "86.40", 90, label="上年财政拨款收入"),
    ], [comparison("q1", "q2", "q3", "减少")])
    # another organization's 2020 report with 2.31 must not be taken as the prior report
    put(conn, "/r/图书馆2020.txt", "示范县图书馆", 2020, [money("q1", "2.31", 10, concept="three_public")])

    summary, results = crosscheck(conn)
    got = [(doc_id, f.rule, f.status, f.expected, f.actual) for doc_id, f, _ in results]
    assert got == [
        (later, "RP950", "fail", "21300.00", "23100.00"),  # 2.31 quoted, 2.13 printed by the 2020 report
        (later, "RP951", "fail", "-2200.00", "-4000.00"),  # 1.91 − 2.13 = −0.22, not −0.40
    ]
    f950 = results[0][1]
    assert "2.31万元" in f950.message and "2.13万元" in f950.message and "文化馆2020.txt" in f950.message
    assert "相差 0.18万元" in f950.message
    assert f950.severity == "warning" and f950.location.column == 31
    members = results[0][2]
    assert [(m["role"], m["text"], m["path"]) for m in members] == [
        ("last_year", "2.31万元", "/r/文化馆2021.txt"), ("prior_report", "2.13万元", "/r/文化馆2020.txt")
    ]
    assert (summary.documents, summary.checked, summary.failed) == (1, 2, 2)


def test_agreeing_figures_pass_and_labels_match_without_concepts(conn):
    put(conn, "/r/a2020.txt", "某局", 2020, [money("q1", "86.40", 10, label="财政拨款收入")])
    put(conn, "/r/a2021.txt", "某局", 2021, [
        money("q1", "90.20", 10, label="财政拨款收入"),
        money("q2", "86.4", 30),  # printed to one decimal: [86.35, 86.45) meets 86.40
        money("q3", "3.80", 50),
    ], [comparison("q1", "q2", "q3", "增加")])
    summary, results = crosscheck(conn)
    assert [(f.rule, f.status) for _, f, _ in results] == [("RP950", "pass"), ("RP951", "pass")]
    assert summary.failed == 0


def test_no_prior_report_or_no_year_means_nothing_checked(conn):
    put(conn, "/r/b2021.txt", "某局", 2021, [money("q1", "1", 0, concept="c"), money("q2", "2", 9, concept="c"),
                                            money("q3", "1", 19)], [comparison("q1", "q2", "q3", "减少")])
    put(conn, "/r/b2019.txt", "某局", 2019, [money("q1", "2", 0, concept="c")])  # two years back: not the prior
    put(conn, "/r/c.txt", "某局", None, [money("q1", "2", 0, concept="c")])
    put(conn, "/r/b2020bad.txt", "某局", 2020, [money("q1", "2", 0, concept="c")], status="failed")
    summary, results = crosscheck(conn)
    assert results == [] and summary.checked == 0


def test_run_crosscheck_replaces_its_rows_and_keeps_check_findings(conn):
    put(conn, "/r/a2020.txt", "某局", 2020, [money("q1", "86.40", 10, label="财政拨款收入")])
    later = put(conn, "/r/a2021.txt", "某局", 2021, [
        money("q1", "90.20", 10, label="财政拨款收入"), money("q2", "86.50", 30), money("q3", "3.70", 50),
    ], [comparison("q1", "q2", "q3", "增加")])
    conn.execute(
        "INSERT INTO findings (doc_id, source, seq, rule, name, severity, status, message, members) "
        "VALUES (?, 'check', 0, 'RP101', 'sum-mismatch', 'error', 'fail', 'x', '[]')", (later,)
    )
    run_crosscheck(conn)
    first = conn.execute("SELECT * FROM findings ORDER BY source, seq").fetchall()
    run_crosscheck(conn)
    assert conn.execute("SELECT * FROM findings ORDER BY source, seq").fetchall() == first
    rows = conn.execute("SELECT source, rule, status, members FROM findings ORDER BY source, seq").fetchall()
    assert [r[:3] for r in rows] == [("check", "RP101", "fail"), ("crosscheck", "RP950", "fail"), ("crosscheck", "RP951", "fail")]
    assert json.loads(rows[1][3])[1]["path"] == "/r/a2020.txt"


def test_fixture_reports_end_to_end(tmp_path, capsys):
    """The two fixture years through the real pipeline: 2.31 quoted for 2020, whose report says 2.13."""
    db = tmp_path / "r.sqlite"
    ingest([str(FIXTURES)], str(db), workers=1)
    with sqlite3.connect(db) as c:
        meta = c.execute("SELECT organization, fiscal_year FROM documents ORDER BY fiscal_year").fetchall()
    assert meta == [("示范县文化馆", 2020), ("示范县文化馆", 2021)]
    rc = main(["crosscheck", "--db", str(db), "--show-passed"])
    out = capsys.readouterr().out
    with sqlite3.connect(db) as c:
        rows = c.execute("SELECT rule, status, actual, expected FROM findings WHERE source = 'crosscheck' ORDER BY seq").fetchall()
    got = [(rule, status, Decimal(actual), Decimal(expected)) for rule, status, actual, expected in rows]
    assert got == [
        ("RP950", "pass", Decimal(864000), Decimal(864000)),  # 比上年86.40万元: the 2020 report says 86.40
        ("RP951", "pass", Decimal(38000), Decimal(38000)),  # 90.20 − 86.40 = 3.80
        ("RP950", "fail", Decimal(23100), Decimal(21300)),  # 2020年…2.31万元, but the 2020 report says 2.13
        ("RP951", "fail", Decimal(-4000), Decimal(-2200)),  # 减少0.40万元, but 1.91 − 2.13 = −0.22
    ], out
    assert rc == 1 and "RP950 warning" in out and "相差 0.18万元" in out and "之差为 -0.22万元" in out


def test_item_names_from_labels_or_the_words_before_a_figure():
    from reportparse.store.crosscheck import _fold
    from reportparse.store.rows import contexts

    assert _fold("2020年三公经费支出") == _fold("2021年度三公经费支出") == "三公经费支出"
    assert _fold("2021年财政拨款收入共计") == "财政拨款收入"
    assert _fold("其中：工资福利支出") == "工资福利支出"
    assert _fold("比上年") is None and _fold(None) is None
    text = "2021年三公经费支出1.91万元，2020年三公经费支出2.13万元，减少0.22万元。"
    qs = [money("q1", "1.91", text.index("1.91")), money("q2", "2.13", text.index("2.13")),
          money("q3", "0.22", text.index("0.22"))]
    report = Report(source=Source(path="x", sha256="0" * 64, format="txt"), document=DocumentMeta(), quantities=qs)
    assert contexts(report, text) == ["2021年三公经费支出", "2020年三公经费支出", "减少"]


def test_precision_guards_skip_what_cannot_be_matched_safely(conn):
    """Each guard met on real reports: a generic concept, an ambiguous prior figure, a change amount
    written after 比去年, a context that is only a movement word, a 政府工作报告."""
    # one concept id over different items: labels that do not contain each other do not match
    put(conn, "/g/2020.txt", "甲局", 2020, [money("q1", "804", 0, label="经常性建设投资", concept="budget_amount")])
    put(conn, "/g/2021.txt", "甲局", 2021, [
        money("q1", "2450", 0, label="赤字"), money("q2", "2950", 10, label="预算赤字", concept="budget_amount"),
        money("q3", "500", 20),
    ], [comparison("q1", "q2", "q3", "减少")])
    # the prior report gives the item two values that disagree: nothing safe to compare with
    put(conn, "/h/2020.txt", "乙局", 2020, [money("q1", "147", 0, label="国债资金"), money("q2", "98", 9, label="国债资金")])
    put(conn, "/h/2021.txt", "乙局", 2021, [money("q1", "160", 0, label="国债资金"), money("q2", "152", 9),
                                          money("q3", "8", 19)], [comparison("q1", "q2", "q3", "增加")])
    # 去年支出减少X is a change, not last year's figure; 增加 alone names no item
    text = "去年支出减少500万元，增加100万元"
    put(conn, "/k/2020.txt", "丙局", 2020, [money("q1", "400", 0, label="支出"), money("q2", "100", 9)],
        text="支出400万元，增加100万元")
    put(conn, "/k/2021.txt", "丙局", 2021, [money("q1", "500", text.index("500"), label="支出"),
                                          money("q2", "100", text.index("100"))], text=text)
    summary, results = crosscheck(conn)
    assert results == []
    # a 政府工作报告 is left out altogether, even when it quotes last year
    put(conn, "/w/2020.txt", "国务院", 2020, [money("q1", "100", 0, label="国债资金")], genre="work_report")
    put(conn, "/w/2021.txt", "国务院", 2021, [money("q1", "110", 0, label="国债资金"), money("q2", "90", 9),
                                            money("q3", "20", 19)], [comparison("q1", "q2", "q3", "增加")], genre="work_report")
    assert crosscheck(conn)[1] == []
    # control: the same 国务院 pair as self-evaluations is checked (the guard above is the genre)
    put(conn, "/w/2020.txt", "国务院", 2020, [money("q1", "100", 0, label="国债资金")])
    put(conn, "/w/2021.txt", "国务院", 2021, [money("q1", "110", 0, label="国债资金"), money("q2", "90", 9),
                                            money("q3", "20", 19)], [comparison("q1", "q2", "q3", "增加")])
    assert [(f.rule, f.status) for _, f, _ in crosscheck(conn)[1]] == [("RP950", "fail"), ("RP951", "fail")]


def test_a_figure_introduced_as_last_years_without_a_comparison(conn):
    text = "2020年三公经费支出2.31万元"
    put(conn, "/s/2020.txt", "丁局", 2020, [money("q1", "2.13", 0, label="三公经费支出", concept="three_public")])
    later = put(conn, "/s/2021.txt", "丁局", 2021, [money("q1", "2.31", text.index("2.31"), label="三公经费支出",
                                                        concept="three_public")], text=text)
    assert [(d, f.rule, f.status) for d, f, _ in crosscheck(conn)[1]] == [(later, "RP950", "fail")]
