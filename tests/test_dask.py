"""Dask: a LocalCluster end to end gives the same store as the local run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_existing_cluster_started_with_the_dask_cli(tmp_path):
    """What docs/batch.md tells a user: `dask scheduler`, `dask worker`, then --scheduler ADDRESS."""
    import json
    import os
    import signal
    import time

    dask_cli = Path(sys.executable).with_name("dask")
    if not dask_cli.exists():
        pytest.skip("the dask command is not installed beside this Python")
    src = tmp_path / "in"
    src.mkdir()
    build_mixed(src)
    local, remote = tmp_path / "local.sqlite", tmp_path / "cluster.sqlite"
    ingest([str(src)], str(local), workers=1, recursive=True)
    sched_file = tmp_path / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}
    procs = [
        subprocess.Popen([str(dask_cli), "scheduler", "--scheduler-file", str(sched_file), "--host", "127.0.0.1",
                          "--port", "0", "--dashboard-address", ":0"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env),
    ]
    try:
        deadline = time.monotonic() + 60
        while not sched_file.exists() or not sched_file.read_text():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        procs.append(subprocess.Popen(
            [str(dask_cli), "worker", "--scheduler-file", str(sched_file), "--nthreads", "1", "--nworkers", "1",
             "--no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env,
        ))
        address = json.loads(sched_file.read_text())["address"]
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(1, timeout=60)
        done = subprocess.run(
            [sys.executable, "-m", "reportparse", "ingest", str(src), "-r", "--db", str(remote),
             "--executor", "dask", "--scheduler", address],
            capture_output=True, text=True, timeout=300, cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        assert "新入库 4" in done.stdout and "失败 2" in done.stdout
        assert dump(local) == dump(remote)
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def fail_on_crash(paths):
    """Stands in for a worker that dies (KilledWorker reaches the driver as an exception)."""
    from reportparse.store.worker import process_files

    if any("crash" in p for p in paths):
        raise RuntimeError("worker died")
    return process_files(paths)


def test_a_chunk_whose_worker_died_is_split_and_only_the_culprit_fails(tmp_path):
    from distributed import Client, LocalCluster

    from conftest import SEED_TXT
    from reportparse.store.ingest import run_dask

    seed = SEED_TXT.read_text(encoding="utf-8")
    paths = []
    for i in range(40):
        name = f"{i:02d}{'_crash' if i == 17 else ''}.txt"
        (tmp_path / name).write_text(seed + f"\n第{i}份\n", encoding="utf-8")
        paths.append(str(tmp_path / name))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        results = list(run_dask(paths, 1, client=client, fn=fail_on_crash))
    assert sorted(r["path"] for r in results) == paths  # each document exactly once
    failed = [r for r in results if r["status"] != "ok"]
    assert [(Path(r["path"]).name, r["error"][0]) for r in failed] == [("17_crash.txt", "worker")]
