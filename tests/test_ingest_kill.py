"""A run killed with SIGKILL mid-batch, then re-run, ends with exactly the rows of a clean run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, SEED_TXT
from reportparse.store import db as store_db
from reportparse.store.ingest import ingest

N_DOCS = 40


def make_batch(folder: Path) -> None:
    seed = SEED_TXT.read_text(encoding="utf-8")
    for i in range(N_DOCS):
        sub = folder / f"批{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        # each file differs (its own hash) and states one figure differently, so rows differ per file
        text = seed.replace("走访慰问", f"走访慰问（第{i}批）", 1) + f"\n附：本批共{i + 1}户。\n"
        (sub / f"报告{i:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "坏文件.txt").write_bytes(b"")  # a failed row must survive the kill and the resume too


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def run_and_kill(cmd: list[str], db: Path, at_least: int) -> int:
    """Start the ingest, SIGKILL its whole process group once ``at_least`` documents are stored."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while stored_count(db) < at_least:
            assert proc.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return stored_count(db)


def test_sigkill_then_rerun_gives_the_rows_of_a_clean_run(tmp_path):
    src = tmp_path / "in"
    make_batch(src)
    clean = tmp_path / "clean.sqlite"
    clean_summary = ingest([str(src)], str(clean), workers=1, recursive=True)
    assert (clean_summary.stored, clean_summary.failed) == (N_DOCS, 1)

    db = tmp_path / "killed.sqlite"
    cmd = [sys.executable, "-m", "reportparse", "ingest", str(src), "--db", str(db), "-r", "--workers", "2"]
    first = run_and_kill(cmd, db, 5)
    assert 5 <= first < N_DOCS + 1, "killed mid-batch"
    second = run_and_kill(cmd, db, first + 5)  # killed again, while resuming
    assert first < second < N_DOCS + 1

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert f"跳过 {second}（内容未变）" in done.stdout  # what survived the kills is not parsed again

    a, b = store_db.connect(clean), store_db.connect(db)
    try:
        assert store_db.dump(a) == store_db.dump(b)
        # nothing half-written: every ok document has its quantities, as many as it says
        assert b.execute(
            "SELECT count(*) FROM documents d WHERE status = 'ok' AND n_quantities != "
            "(SELECT count(*) FROM quantities q WHERE q.doc_id = d.doc_id)"
        ).fetchone()[0] == 0
    finally:
        a.close()
        b.close()
