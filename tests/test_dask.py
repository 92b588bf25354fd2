"""Dask: a LocalCluster end to end gives the same store as the local run."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from reportparse.store import db as store_db
from reportparse.store.ingest import ingest
from test_ingest import build_mixed

pytest.importorskip("distributed")


def dump(db):
    conn = store_db.connect(db)
    try:
        return store_db.dump(conn)
    finally:
        conn.close()


def test_local_cluster_threads_same_store_as_local_run(tmp_path):
    from distributed import Client, LocalCluster

    src = tmp_path / "in"
    src.mkdir()
    build_mixed(src)
    local, remote = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    ingest([str(src)], str(local), workers=1, recursive=True)
    # processes=False keeps the test light: the scheduler and one worker run in this process
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster, Client(cluster) as client:
        summary = ingest([str(src)], str(remote), executor="dask", client=client, recursive=True)
    assert (summary.stored, summary.failed, summary.duplicates) == (4, 2, 1)
    assert dump(local) == dump(remote)


def test_cli_executor_dask_starts_a_local_cluster_of_processes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    build_mixed(src)
    local, remote = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    ingest([str(src)], str(local), workers=1, recursive=True)
    cmd = [sys.executable, "-m", "reportparse", "ingest", str(src), "-r", "--db", str(remote),
           "--executor", "dask", "--workers", "1"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "新入库 4" in done.stdout and "失败 2" in done.stdout
    assert "Traceback" not in done.stderr
    assert dump(local) == dump(remote)
    # a scheduler that is not there: one Chinese line, exit 2
    bad_cmd = [sys.executable, "-m", "reportparse", "ingest", str(src), "-r", "--db", str(tmp_path / "bad.sqlite"),
               "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9", "--connect-timeout", "2"]
    bad = subprocess.run(bad_cmd,
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert bad.returncode == 2 and "无法连接 Dask 调度器" in bad.stderr and "Traceback" not in bad.stderr
