"""Batch ingest: discovery, counts, skip by content hash, replace on change, faithful rows, CLI."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import ROOT, SEED_TXT, shared
from reportparse.cli import main
from reportparse.store import db as store_db
from reportparse.store.ingest import discover, ingest

FIXTURES = ROOT / "tests" / "fixtures" / "crosscheck"


def variant(text: str, i: int) -> str:
    """The seed with one extra closing line: a distinct file (own hash) with the same figures."""
    return text + f"\n附：本文件为第{i}号归档副本。\n"


def build_mixed(root: Path) -> dict[str, int]:
    """Good reports, a duplicate, bad files, a nested folder, and files that must not be picked up."""
    seed = SEED_TXT.read_text(encoding="utf-8")
    shutil.copy(SEED_TXT, root / SEED_TXT.name)
    for f in sorted(FIXTURES.glob("*.txt")):
        shutil.copy(f, root / f.name)
    nested = root / "县直单位" / "2021"
    nested.mkdir(parents=True)
    (nested / "副本一.txt").write_text(variant(seed, 1), encoding="utf-8")
    shutil.copy(SEED_TXT, nested / "同内容.txt")  # same bytes as the seed: a duplicate
    (nested / "empty.txt").write_bytes(b"")  # unreadable: empty
    (root / "坏文件.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00\x01garbage" * 50)  # a broken PDF
    (root / "说明.md").write_text("不是报告", encoding="utf-8")  # unsupported suffix: not discovered
    hidden = root / ".cache"
    hidden.mkdir()
    (hidden / "x.txt").write_text(seed, encoding="utf-8")  # hidden folder: not discovered
    return {"files": 7, "ok": 4, "duplicate": 1, "failed": 2}


def statuses(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT status, count(*) FROM documents GROUP BY status"))


def dump(db: Path) -> dict[str, list[tuple]]:
    conn = store_db.connect(db)
    try:
        return store_db.dump(conn)
    finally:
        conn.close()


def test_discover_recursive_glob_and_hidden(tmp_path):
    build_mixed(tmp_path)
    flat = discover([str(tmp_path)])
    assert [Path(p).name for p in flat] == sorted(
        [SEED_TXT.name, "坏文件.pdf", *(f.name for f in FIXTURES.glob("*.txt"))]
    )
    deep = discover([str(tmp_path)], recursive=True)
    assert len(deep) == 7 and all(Path(p).is_absolute() for p in deep) and deep == sorted(deep)
    assert not any("/.cache/" in p or p.endswith(".md") for p in deep)
    assert [Path(p).name for p in discover([str(tmp_path)], recursive=True, glob="*.md")] == ["说明.md"]
    # a file named explicitly is taken whatever its suffix; the same file twice counts once
    md = str(tmp_path / "说明.md")
    assert discover([md, md]) == [md]


def test_mixed_folder_counts_then_second_run_skips_everything(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    expected = build_mixed(src)
    db = tmp_path / "r.sqlite"
    first = ingest([str(src)], str(db), workers=1, recursive=True)
    assert (first.files, first.stored, first.duplicates, first.failed, first.skipped) == (
        expected["files"], expected["ok"], expected["duplicate"], expected["failed"], 0
    )
    assert statuses(db) == {"ok": 4, "duplicate": 1, "failed": 2}
    with sqlite3.connect(db) as conn:
        errors = dict(conn.execute("SELECT path, message FROM errors"))
        dup = conn.execute("SELECT path, duplicate_of FROM documents WHERE status = 'duplicate'").fetchone()
    assert set(map(lambda p: Path(p).name, errors)) == {"empty.txt", "坏文件.pdf"}
    assert "空" in errors[str(src / "县直单位" / "2021" / "empty.txt")]
    assert all("Traceback" not in m for m in errors.values())
    # the duplicate points at the first path (sorted) holding the same bytes
    assert dup == (str(src / "县直单位" / "2021" / "同内容.txt"), str(src / SEED_TXT.name)) or dup == (
        str(src / SEED_TXT.name), str(src / "县直单位" / "2021" / "同内容.txt")
    )
    assert min(dup) == dup[1], "the original is the first path in sorted order"
    with sqlite3.connect(db) as conn:
        by_rule = dict(conn.execute("SELECT rule, count(*) FROM findings WHERE status = 'fail' GROUP BY rule"))
    assert dict(first.findings_by_rule) == by_rule  # the summary counts what was stored

    before = dump(db)
    second = ingest([str(src)], str(db), workers=1, recursive=True)
    assert (second.stored, second.failed, second.duplicates, second.skipped) == (0, 0, 0, 7)
    assert dump(db) == before


def test_changed_file_replaces_only_its_rows(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    build_mixed(src)
    db = tmp_path / "r.sqlite"
    ingest([str(src)], str(db), workers=1, recursive=True)
    before = dump(db)
    target = src / "县直单位" / "2021" / "副本一.txt"
    text = target.read_text(encoding="utf-8").replace("139.38万元", "149.38万元", 1)
    target.write_text(text, encoding="utf-8")
    summary = ingest([str(src)], str(db), workers=1, recursive=True)
    assert (summary.stored, summary.replaced, summary.skipped, summary.failed) == (1, 1, 6, 0)
    after = dump(db)
    doc_id = store_db.doc_id_for(str(target))
    for table in ("documents", "quantities", "findings"):
        others_before = [r for r in before[table] if r[0] != doc_id]
        others_after = [r for r in after[table] if r[0] != doc_id]
        assert others_before == others_after, table
    with sqlite3.connect(db) as conn:
        sha, = conn.execute("SELECT sha256 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        texts = [t for (t,) in conn.execute("SELECT text FROM quantities WHERE doc_id = ? ORDER BY seq", (doc_id,))]
    import hashlib

    assert sha == hashlib.sha256(target.read_bytes()).hexdigest()
    if texts:  # extraction is live: the new figure is stored, the old one is not
        assert "149.38万元" in texts


def test_rows_are_the_reports_figures_with_exact_spans(tmp_path):
    from reportparse.api import check_report, parse_document, read

    db = tmp_path / "r.sqlite"
    ingest([str(SEED_TXT)], str(db), workers=1)
    document = read(str(SEED_TXT.resolve()))
    report = parse_document(document)
    checked = check_report(report, document, show_passed=True)
    doc_id = store_db.doc_id_for(str(SEED_TXT.resolve()))
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT status, sha256, format, organization, fiscal_year, genre, n_quantities, n_dates, n_errors, n_passed "
            "FROM documents WHERE doc_id = ?", (doc_id,),
        ).fetchone()
        qs = conn.execute(
            "SELECT quantity_id, text, span_start, span_end, value, normalized, interval_lo, interval_hi, line, col "
            "FROM quantities WHERE doc_id = ? ORDER BY seq", (doc_id,),
        ).fetchall()
        n_dates = conn.execute("SELECT count(*) FROM dates WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        findings = conn.execute(
            "SELECT rule, status, message FROM findings WHERE doc_id = ? AND source = 'check' ORDER BY seq", (doc_id,)
        ).fetchall()
    assert row[:3] == ("ok", document.source.sha256, "txt")
    assert row[3:6] == (report.document.organization, report.document.fiscal_year, report.document.genre)
    assert row[6] == len(report.quantities) == len(qs) and row[7] == len(report.dates) == n_dates
    assert row[8] == checked.summary.errors and row[9] == checked.summary.passed
    for (qid, text, s, e, value, normalized, lo, hi, line, col), q in zip(qs, report.quantities):
        assert document.text[s:e] == text == q.text and qid == q.id
        assert (value, normalized) == (format(q.value, "f"), format(q.normalized, "f"))
        assert (lo, hi) == (format(q.interval[0], "f"), format(q.interval[1], "f"))
        assert (line, col) == (q.location.line, q.location.column)
    assert findings == [(f.rule, f.status, f.message) for f in checked.findings]


def test_process_pool_gives_the_same_store_as_in_process(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    build_mixed(src)
    serial, pooled = tmp_path / "serial.sqlite", tmp_path / "pooled.sqlite"
    ingest([str(src)], str(serial), workers=1, recursive=True)
    summary = ingest([str(src)], str(pooled), workers=2, recursive=True)
    assert (summary.stored, summary.failed) == (4, 2)
    assert dump(serial) == dump(pooled)


def test_shared_corpus_reports_and_negatives(tmp_path):
    negatives = shared("negatives")
    reports = shared("work-reports-gb18030")
    src = tmp_path / "in"
    (src / "negatives").mkdir(parents=True)
    for f in sorted(negatives.iterdir()):
        shutil.copy(f, src / "negatives" / f.name)
    picked = sorted(reports.glob("*.txt"))[:2]
    for f in picked:
        shutil.copy(f, src / f.name)
    db = tmp_path / "r.sqlite"
    summary = ingest([str(src)], str(db), workers=1, recursive=True)
    n_neg = len(list(negatives.iterdir()))
    assert summary.files == n_neg + 2
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT d.path, d.status, d.format, d.encoding, e.stage, e.message FROM documents d "
                            "LEFT JOIN errors e USING (doc_id) ORDER BY d.path").fetchall()
    by_name = {Path(r[0]).name: r[1:] for r in rows}
    for f in picked:
        status, fmt, encoding, stage, message = by_name[f.name]
        assert (status, fmt, encoding, stage) == ("ok", "txt", "gb18030", None)
    # A negative is a file that only pretends to be a PDF: each must be a failed row with one Chinese line.
    for f in negatives.iterdir():
        status, fmt, encoding, stage, message = by_name[f.name]
        assert status == "failed", f.name
        assert stage == "read" and message and "\n" not in message and "Traceback" not in message
    assert summary.failed == n_neg and summary.stored == 2


def test_cli_ingest_summary_progress_and_bad_paths(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    build_mixed(src)
    db = tmp_path / "r.sqlite"
    rc = main(["ingest", str(src), "--db", str(db), "--workers", "1", "-r", "--progress-interval", "0"])
    out, err = capsys.readouterr()
    assert rc == 0
    assert "文件 7 个：新入库 4，跳过 0（内容未变），重复 1（与已入库文件内容相同），失败 2" in out
    assert "个/秒" in out
    # not a terminal: plain progress lines, no carriage returns; one error line per bad file
    assert "已处理 6/6" in err and "\r" not in err
    assert err.count("reportparse：错误：") == 2 and "empty.txt：文件是空的" in err
    rc = main(["ingest", str(tmp_path / "没有这个文件夹"), "--db", str(db)])
    out, err = capsys.readouterr()
    assert rc == 2 and "没有这个文件夹：路径不存在" in err and "Traceback" not in err
    rc = main(["ingest", str(src), "--db", str(src)])  # a folder where the database should be
    out, err = capsys.readouterr()
    assert rc == 2 and "不是数据库文件" in err
    rc = main(["ingest", str(src), "--db", str(db), "--scheduler", "tcp://127.0.0.1:1"])
    out, err = capsys.readouterr()
    assert rc == 2 and "--executor dask" in err


def test_progress_bar_on_a_terminal():
    import io

    from reportparse.store.progress import Progress

    stream = io.StringIO()
    bar = Progress(3, stream, tty=True)
    for status in ("ok", "failed", "ok"):
        bar.advance(status)
    bar.close()
    text = stream.getvalue()
    assert text.startswith("\r入库 [") and "3/3 100%" in text and "失败1" in text and text.endswith("\n")
    last = text.rstrip("\n").split("\r")[-1]
    assert "░" not in last and "██████████" in last  # a full bar at the end
    from reportparse.store.progress import _display_width

    assert _display_width(last.replace("\x1b[K", "")) < 80  # fits an 80-column terminal: \r can redraw it


def test_doc_id_collision_stops_the_run(tmp_path, monkeypatch):
    from reportparse.store import ingest as ingest_mod

    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    monkeypatch.setattr(ingest_mod.store_db, "doc_id_for", lambda path: 1)  # force what 63 bits make unlikely
    with pytest.raises(ingest_mod.IngestError, match="冲突"):
        ingest([str(tmp_path)], str(tmp_path / "r.sqlite"), workers=1)


def crash_on_name(path: str):
    """Stands in for what no real report triggers on demand (a parsing library crashing, the OOM
    killer): the worker process dies without a Python exception on files named *crash*."""
    import os

    from reportparse.store.worker import process_file

    if "crash" in os.path.basename(path):
        os._exit(3)
    return process_file(path)


def test_a_file_that_kills_its_worker_is_failed_and_the_others_are_stored(tmp_path):
    from reportparse.store.ingest import run_pool

    seed = SEED_TXT.read_text(encoding="utf-8")
    paths = []
    for name in ("a.txt", "b_crash.txt", "c.txt", "d.txt", "e.txt"):
        (tmp_path / name).write_text(variant(seed, len(paths)), encoding="utf-8")
        paths.append(str(tmp_path / name))
    results = {Path(r["path"]).name: r for r in run_pool(paths, 2, fn=crash_on_name)}
    assert sorted(results) == ["a.txt", "b_crash.txt", "c.txt", "d.txt", "e.txt"]  # each exactly once
    crashed = results.pop("b_crash.txt")
    assert crashed["status"] == "failed" and crashed["error"][0] == "worker" and "意外退出" in crashed["error"][1]
    assert crashed["rows"]["errors"] == [(str(tmp_path / "b_crash.txt"), "worker", crashed["error"][1])]
    assert all(r["status"] == "ok" for r in results.values())


def test_retry_failed_and_force(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    build_mixed(src)
    db = tmp_path / "r.sqlite"
    ingest([str(src)], str(db), workers=1, recursive=True)
    before = dump(db)
    retried = ingest([str(src)], str(db), workers=1, recursive=True, retry_failed=True)
    assert (retried.stored, retried.failed, retried.skipped, retried.replaced) == (0, 2, 5, 2)
    forced = ingest([str(src)], str(db), workers=1, recursive=True, force=True)
    assert (forced.stored, forced.failed, forced.duplicates, forced.skipped, forced.replaced) == (4, 2, 1, 0, 6)
    assert dump(db) == before  # the same files give the same rows


def test_unreadable_folder_stops_instead_of_skipping_silently(tmp_path, capsys):
    """A folder that cannot be listed (here: its path exceeds PATH_MAX, which stops root too)."""
    import os

    src = tmp_path / "in"
    src.mkdir()
    fd = os.open(src, os.O_RDONLY)
    try:
        for _ in range(30):  # 30 × 181 bytes > 4096: made relative to a folder descriptor
            os.mkdir("深" * 60, dir_fd=fd)
            nxt = os.open("深" * 60, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
    finally:
        os.close(fd)
    rc = main(["ingest", str(src), "--db", str(tmp_path / "r.sqlite"), "-r"])
    err = capsys.readouterr().err
    assert rc == 2 and "无法读取文件夹" in err and "Traceback" not in err
