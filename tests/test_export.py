"""Export: CSV that Excel opens as UTF-8 (BOM), JSON Lines, Parquet; exact values, stable order."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from conftest import SEED_TXT
from reportparse.cli import main
from reportparse.store.ingest import ingest


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    db = folder / "r.sqlite"
    (folder / "empty.txt").write_bytes(b"")
    ingest([str(SEED_TXT), str(folder / "empty.txt")], str(db), workers=1)
    return db


def rows_of(db, table):
    with sqlite3.connect(db) as conn:
        cur = conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        return names, cur.fetchall()


def test_csv_has_bom_header_and_every_row(store, tmp_path, capsys):
    out = tmp_path / "docs.csv"
    assert main(["export", "--db", str(store), "--format", "csv", "--table", "documents", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    names, rows = rows_of(store, "documents")
    with open(out, encoding="utf-8-sig", newline="") as f:
        got = list(csv.reader(f))
    assert got[0] == names
    assert len(got) == 1 + len(rows)
    assert "新田县计划生育协会" in raw.decode("utf-8-sig")
    assert "已导出 documents 表 2 行" in capsys.readouterr().err


def test_csv_and_jsonl_keep_decimals_exact(store, tmp_path):
    names, rows = rows_of(store, "quantities")
    if not rows:
        pytest.skip("extraction produced no quantities")
    out = tmp_path / "q.jsonl"
    assert main(["export", "--db", str(store), "--format", "jsonl", "--table", "quantities", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(rows)
    first = json.loads(lines[0])
    assert set(first) == set(names)
    by_id = {json.loads(line)["quantity_id"]: json.loads(line) for line in lines}
    for row in rows:
        rec = by_id[row[names.index("quantity_id")]]
        for col in ("value", "normalized", "interval_lo", "interval_hi", "text"):
            assert rec[col] == row[names.index(col)]  # text, never a float
    # the same export twice gives the same bytes (sorted, no clock)
    again = tmp_path / "q2.jsonl"
    main(["export", "--db", str(store), "--format", "jsonl", "--table", "quantities", str(again)])
    assert again.read_bytes() == out.read_bytes()


def test_parquet_types_and_values(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "errors.parquet"
    assert main(["export", "--db", str(store), "--format", "parquet", "--table", "errors", str(out)]) == 0
    table = pq.read_table(out)
    assert str(table.schema.field("doc_id").type) == "int64"
    assert str(table.schema.field("message").type) == "string"
    assert table.to_pylist() == [dict(zip(*[rows_of(store, "errors")[0], r])) for r in rows_of(store, "errors")[1]]
    # an empty table still writes a readable file with the schema
    out2 = tmp_path / "sections.parquet"
    main(["export", "--db", str(store), "--format", "parquet", "--table", "relation_members", str(out2)])
    assert pq.read_table(out2).num_rows == len(rows_of(store, "relation_members")[1])


def test_export_errors_are_one_chinese_line(store, tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "无.sqlite"), "--table", "documents", str(tmp_path / "o.csv")]) == 2
    assert "数据库文件不存在" in capsys.readouterr().err
    assert main(["export", "--db", str(store), "--table", "nope", str(tmp_path / "o.csv")]) == 2
    assert main(["export", "--db", str(store), "--format", "parquet", "--table", "documents", "-"]) == 2
    assert "不能写到标准输出" in capsys.readouterr().err


def test_parquet_without_pyarrow_says_how_to_install(store, tmp_path, capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # what an install without the extra looks like
    out = tmp_path / "d.parquet"
    assert main(["export", "--db", str(store), "--format", "parquet", "--table", "documents", str(out)]) == 2
    err = capsys.readouterr().err
    assert "未安装 pyarrow" in err and "reportparse[parquet]" in err and not out.exists()
