"""The store's schema: versioned, documented columns, refuses databases it did not create."""

from __future__ import annotations

import sqlite3

import pytest

from reportparse.store import db as store_db
from reportparse.store.schema import COLUMNS, PRIMARY_KEYS, SCHEMA_VERSION, TABLES, TIMING_COLUMNS


def test_new_store_has_version_meta_and_every_declared_column(tmp_path):
    conn = store_db.connect(tmp_path / "s.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    assert meta["report_schema_version"] == "1"
    for table, cols in COLUMNS.items():
        declared = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        assert tuple(declared) == cols, table
        assert set(PRIMARY_KEYS[table]) <= set(cols)
    assert set(TIMING_COLUMNS["documents"]) <= set(COLUMNS["documents"])
    assert set(TABLES) == {"meta", *COLUMNS}
    conn.close()
    # opening again neither recreates nor fails
    conn = store_db.connect(tmp_path / "s.sqlite")
    assert conn.execute("SELECT count(*) FROM meta").fetchone()[0] == 3
    conn.close()


def test_refuses_foreign_and_newer_databases(tmp_path):
    foreign = tmp_path / "other.sqlite"
    c = sqlite3.connect(foreign)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    with pytest.raises(store_db.StoreError, match="不是 reportparse 创建的"):
        store_db.connect(foreign)

    newer = tmp_path / "newer.sqlite"
    store_db.connect(newer).close()
    c = sqlite3.connect(newer)
    c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    c.close()
    with pytest.raises(store_db.StoreError, match="请升级"):
        store_db.connect(newer)

    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(store_db.StoreError, match="不是可用的 SQLite 数据库"):
        store_db.connect(junk)

    with pytest.raises(store_db.StoreError, match="不存在"):
        store_db.connect(tmp_path / "missing.sqlite", create=False)


def test_doc_id_is_stable_and_positive():
    a = store_db.doc_id_for("/data/报告/a.pdf")
    assert a == store_db.doc_id_for("/data/报告/a.pdf")
    assert a != store_db.doc_id_for("/data/报告/b.pdf")
    assert 0 <= a < 2**63


def test_write_document_replaces_all_rows_of_that_document(tmp_path):
    conn = store_db.connect(tmp_path / "s.sqlite")
    doc = (
        "/x/a.txt", "a.txt", "ab" * 32, 10, "txt", "utf-8", None, None, None, None, "other", "ok", None,
        1, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.2, 0.3,
    )
    conn_rows = {"documents": [doc], "sections": [("s1", 0, "一、", "概况", 1, 0, 5, None)]}
    store_db.write_document(conn, 7, conn_rows)
    store_db.write_document(conn, 8, {"documents": [doc[:0] + ("/x/b.txt",) + doc[1:]]})
    store_db.write_document(conn, 7, {"documents": [doc[:11] + ("failed",) + doc[12:]], "errors": [("/x/a.txt", "read", "坏")]})
    assert conn.execute("SELECT count(*) FROM sections").fetchone()[0] == 0
    assert conn.execute("SELECT doc_id, status FROM documents ORDER BY doc_id").fetchall() == [(7, "failed"), (8, "ok")]
    assert conn.execute("SELECT * FROM errors").fetchall() == [(7, "/x/a.txt", "read", "坏")]
    dumped = store_db.dump(conn)
    assert len(dumped["documents"][0]) == len(COLUMNS["documents"]) - 3  # the three timings are left out
    assert not {0.1, 0.2, 0.3} & set(dumped["documents"][0])
    assert store_db.dump(conn, with_timings=True)["documents"][0][-3:] == (0.1, 0.2, 0.3)
    conn.close()


def test_a_store_of_this_version_missing_a_column_is_refused_in_one_line(tmp_path, capsys):
    # A store made by a development build between versions: same user_version, one column fewer.
    import sqlite3

    from reportparse.cli import main
    from reportparse.store import db as store_db

    path = tmp_path / "old.sqlite"
    store_db.connect(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE quantities DROP COLUMN context")
    for argv in (["crosscheck", "--db", str(path)],
                 ["export", "--db", str(path), "--table", "documents", "--format", "csv", str(tmp_path / "d.csv")]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "缺少列 context" in err and "Traceback" not in err
