"""The batch driver: find files, hash them, decide what to (re)ingest, run the work, write the store.

Only this process writes the database, one transaction per document, as results arrive: a run
killed at any moment loses at most the documents in flight, and running the same command again
stores exactly those (unchanged files are skipped by content hash).  The per-document work runs
in-process, in a process pool or on Dask; each yields the same plain rows.
"""

from __future__ import annotations

import fnmatch
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from . import db as store_db
from .progress import Progress
from .rows import document_row
from .schema import COLUMNS
from .worker import hash_path, init_process_worker, process_file, process_files

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")
# Positions in a findings row as the worker builds it (schema column order, without doc_id).
_F_RULE, _F_NAME, _F_STATUS = (COLUMNS["findings"].index(c) - 1 for c in ("rule", "name", "status"))


class IngestError(Exception):
    """A problem with the command itself (no such path, unusable store): Chinese, names the path."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}：{problem}")


@dataclass
class Summary:
    files: int = 0
    stored: int = 0  # read, parsed and checked now (new or changed)
    skipped: int = 0  # same path, same content as already stored
    duplicates: int = 0  # same content as another stored path: recorded, not parsed again
    failed: int = 0
    replaced: int = 0  # of stored + failed: files whose earlier rows (older content) were replaced
    findings_by_rule: Counter = field(default_factory=Counter)  # failing findings of this run's documents
    rule_names: dict[str, str] = field(default_factory=dict)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, stage, message)
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        return self.stored + self.failed

    @property
    def docs_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0


def discover(
    paths: list[str], *, recursive: bool = False, glob: str | None = None, exclude: set[str] | None = None
) -> list[str]:
    """Absolute paths of the files to ingest, sorted and unique.

    A file named on the command line is always taken; in a folder, files matching ``glob`` (on the
    file name), or by default the supported suffixes, and with ``recursive`` its sub-folders too.
    Hidden files and folders (.git, .venv …) are passed over.
    """
    exclude = exclude or set()
    found: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise IngestError(raw, "路径不存在")
        if p.is_file():
            found.add(os.path.abspath(raw))
            continue
        if recursive:
            walker = os.walk(p, onerror=_unreadable_folder)  # os.walk would skip it silently otherwise
        else:
            try:
                walker = [(str(p), [], sorted(e.name for e in os.scandir(p) if e.is_file()))]
            except OSError as exc:
                _unreadable_folder(exc)
        for folder, dirs, files in walker:
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if name.startswith("."):
                    continue
                if glob is not None:
                    if not fnmatch.fnmatchcase(name, glob):
                        continue
                elif not name.lower().endswith(SUPPORTED_SUFFIXES):
                    continue
                full = os.path.abspath(os.path.join(folder, name))
                if os.path.isfile(full):
                    found.add(full)
    return sorted(found - exclude)


def _unreadable_folder(exc: OSError) -> None:
    raise IngestError(str(exc.filename), f"无法读取文件夹（{exc.strerror or exc}），为免漏掉其中的文件，已停止")


@dataclass
class Plan:
    todo: list[str]
    skipped: list[str]
    duplicates: list[tuple[str, str, str]]  # (path, sha256, stored or planned path with that content)
    replacing: set[str]


def plan(
    stored: dict[str, tuple[str | None, str]],
    current: dict[str, str | None],
    *,
    force: bool = False,
    retry_failed: bool = False,
) -> Plan:
    """Which files to process, given what is stored (path -> (sha, status)) and the hashes now.

    Deterministic in the sorted order of paths, so a resumed run decides as a clean run would: the
    first path with a given content is parsed, later ones are recorded as its duplicates.
    ``force`` re-processes every file given (after an upgrade of reportparse, say); ``retry_failed``
    re-processes the files stored as failed.
    """
    replaced_paths = set(stored)  # rows exist for these: processing one replaces them
    if force:
        stored = {p: v for p, v in stored.items() if p not in current}
    elif retry_failed:
        stored = {p: v for p, v in stored.items() if v[1] != "failed" or p not in current}
    # Stored content still valid as the original of a duplicate: its file is outside this run, or unchanged.
    originals: dict[str, str] = {}
    for path, (sha, status) in sorted(stored.items()):
        if sha and status in ("ok", "failed") and current.get(path, sha) == sha:
            originals.setdefault(sha, path)
    todo: list[str] = []
    skipped: list[str] = []
    duplicates: list[tuple[str, str, str]] = []
    replacing: set[str] = set()
    for path in sorted(current):
        sha = current[path]
        old = stored.get(path)
        if sha is not None and old is not None and old[0] == sha:
            skipped.append(path)
            continue
        original = originals.get(sha) if sha is not None else None
        if original is not None and original != path:
            duplicates.append((path, sha, original))
            continue
        if path in replaced_paths:
            replacing.add(path)
        todo.append(path)
        if sha is not None:
            originals.setdefault(sha, path)
    return Plan(todo, skipped, duplicates, replacing)


# ---- executors: each yields process_file results as they complete ------------------------------


def run_serial(paths: list[str]) -> Iterator[dict[str, Any]]:
    for path in paths:
        yield process_file(path)


def _crashed(path: str) -> dict[str, Any]:
    sha = hash_path(path)
    rows = {
        "documents": [
            document_row(path=path, name=os.path.basename(path), sha256=sha, size_bytes=_size(path), status="failed")
        ],
        "errors": [(path, "worker", _CRASH_MESSAGE)],
    }
    return {"path": path, "sha256": sha, "status": "failed", "rows": rows, "error": ("worker", _CRASH_MESSAGE)}


_CRASH_MESSAGE = "处理该文件时工作进程意外退出（可能是内存不足或解析库崩溃）"


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def start_forkserver():
    """Start the pool's forkserver now, warming up in it, so that happens while the driver hashes files."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["reportparse.store.preload"])
    import signal
    from multiprocessing import forkserver

    # Born with Ctrl-C ignored (a disposition a child inherits): a Ctrl-C in the first moments of a
    # batch otherwise reached the forkserver while Python was still importing and printed a traceback.
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to change
        previous = None
    try:
        forkserver.ensure_running()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return context


@contextmanager
def _ctrl_c_held():
    """Hold a Ctrl-C back (delivered on exit) while the pool starts a worker: interrupted half-way,
    the driver forgets a worker the forkserver has already forked, which then fails to rebuild its
    queue lock once the driver is gone and prints a traceback.

    A Python-level handler, not a blocked signal mask: the pool's own threads do not block SIGINT,
    and the kernel may hand the signal to any of them; Python runs handlers in the main thread."""
    import signal

    caught: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    except ValueError:  # not the main thread: signals are not ours to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught and previous is not signal.SIG_IGN:
            if callable(previous):
                previous(signal.SIGINT, None)  # the default handler raises KeyboardInterrupt
            else:
                raise KeyboardInterrupt


def run_pool(
    paths: list[str],
    workers: int,
    max_in_flight: int | None = None,
    fn: Callable[[str], dict[str, Any]] = process_file,
) -> Iterator[dict[str, Any]]:
    """A process pool (forkserver: workers start clean, without the driver's open database).

    At most ``max_in_flight`` documents are submitted at once, so memory stays flat on any batch.
    If a worker dies (a crash in a parsing library, the OOM killer), the documents that were in
    flight are re-run one at a time: the one that kills a worker alone is recorded as failed.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    limit = max_in_flight or workers * 4
    context = start_forkserver()

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=init_process_worker)

    pending = deque(paths)
    suspects: deque[str] = deque()  # in flight when a worker died: re-run one at a time
    solo: str | None = None  # the suspect running alone now
    pool = new_pool()
    in_flight: dict[Any, str] = {}
    try:
        while pending or suspects or in_flight:
            if suspects or solo is not None:
                if not in_flight and suspects:
                    solo = suspects.popleft()
                    with _ctrl_c_held():
                        in_flight[pool.submit(fn, solo)] = solo
            else:
                while pending and len(in_flight) < limit:
                    path = pending.popleft()
                    with _ctrl_c_held():
                        in_flight[pool.submit(fn, path)] = path
            done, _ = wait(list(in_flight), return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                path = in_flight.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    if path == solo:  # it killed a worker on its own: this file is the cause
                        solo = None
                        yield _crashed(path)
                    else:
                        suspects.append(path)
                    continue
                if path == solo:
                    solo = None
                yield result
            if broken:
                suspects.extend(in_flight.values())
                in_flight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
    except BaseException:
        # Ctrl-C (or the caller stopping early): end the workers now.  Left alone, a worker still
        # starting when the driver exits fails to rebuild its queue lock and prints a traceback.
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


DASK_CHUNK = 16  # at most this many documents per Dask task: fewer round trips through the scheduler


def run_dask(
    paths: list[str],
    workers: int,
    scheduler: str | None = None,
    client: Any = None,
    max_in_flight: int | None = None,
    connect_timeout: float = 20.0,
    fn: Callable[[list[str]], list[dict[str, Any]]] = process_files,
) -> Iterator[dict[str, Any]]:
    """dask.distributed: an existing scheduler, a given Client, or a LocalCluster of ``workers`` processes.

    The workers only compute rows (they need reportparse installed and the files at the same
    paths); results come back as completed and the driver writes them.  Documents go out in small
    chunks, at most ``max_in_flight`` chunks at once.  A chunk whose worker died is split and its
    documents re-run one by one; a document that still kills its worker is recorded as failed.
    """
    try:
        import dask
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise IngestError(
            "--executor dask", "未安装 dask.distributed，请安装可选依赖 reportparse[dask]："
            "在 reportparse 源码目录中运行 bash scripts/setup dask"
        ) from None
    own_client = own_cluster = None
    if client is None:
        if scheduler:
            try:
                client = own_client = Client(scheduler, timeout=f"{connect_timeout}s")
            except (OSError, TimeoutError) as exc:
                raise IngestError(scheduler, f"无法连接 Dask 调度器（{exc}）") from None
        else:
            # Dask's sampling profiler (every 10 ms) holds the GIL often enough to halve the speed of
            # pure-Python work like ours: measured 38 → 120 docs/s on 2 workers with it off.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                own_cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            client = own_client = Client(own_cluster)
    try:
        client.run(warm_remote)  # jieba once per worker process, before the first document
        n_threads = sum(client.nthreads().values()) or workers
        limit = max_in_flight or max(4, n_threads * 4)
        # Bigger chunks for big batches (fewer round trips), never so big that a worker sits idle.
        chunk = max(1, min(DASK_CHUNK, len(paths) // (n_threads * 8)))
        pending: deque[list[str]] = deque(paths[i : i + chunk] for i in range(0, len(paths), chunk))
        futures: dict[Any, list[str]] = {}
        batch = as_completed()

        def submit() -> None:
            chunk = pending.popleft()
            future = client.submit(fn, chunk, pure=False)
            futures[future] = chunk
            batch.add(future)

        while pending and len(futures) < limit:
            submit()
        for future in batch:
            chunk = futures.pop(future)
            try:
                results = future.result()
            except Exception:  # noqa: BLE001 - KilledWorker and friends: a worker died with this chunk
                if len(chunk) > 1:
                    pending.extendleft([p] for p in reversed(chunk))
                    results = []
                else:
                    results = [_crashed(chunk[0])]
            future.release()
            yield from results
            while pending and len(futures) < limit:
                submit()
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()


def warm_remote() -> None:
    from .worker import warm

    warm()


# ---- the driver ----------------------------------------------------------------------------------


def ingest(
    paths: list[str],
    db_path: str,
    *,
    workers: int | None = None,
    recursive: bool = False,
    glob: str | None = None,
    executor: str = "process",
    scheduler: str | None = None,
    client: Any = None,
    connect_timeout: float = 20.0,
    force: bool = False,
    retry_failed: bool = False,
    progress: TextIO | None = None,
    progress_interval: float = 5.0,
) -> Summary:
    """Ingest ``paths`` into the store at ``db_path`` and return what happened."""
    started = time.perf_counter()
    db_abs = os.path.abspath(db_path)
    files = discover(paths, recursive=recursive, glob=glob, exclude={db_abs, db_abs + "-wal", db_abs + "-shm"})
    try:
        conn = store_db.connect(db_path)
    except store_db.StoreError as err:
        raise IngestError(err.path, err.problem) from None
    summary = Summary(files=len(files))
    n_workers = max(1, workers or _cpu_count())
    if executor == "process" and n_workers > 1 and len(files) > 1:
        start_forkserver()  # warms up in the background while files are hashed
    try:
        stored = store_db.stored_files(conn)
        _refuse_id_collisions([*stored, *files])
        current = {path: hash_path(path) for path in files}
        decided = plan(stored, current, force=force, retry_failed=retry_failed)
        summary.skipped = len(decided.skipped)
        summary.duplicates = len(decided.duplicates)
        store_db.write_many(
            conn,
            [
                (
                    store_db.doc_id_for(path),
                    {
                        "documents": [
                            document_row(
                                path=path, name=os.path.basename(path), sha256=sha, size_bytes=_size(path),
                                status="duplicate", duplicate_of=original,
                            )
                        ]
                    },
                )
                for path, sha, original in decided.duplicates
            ],
        )
        todo = decided.todo
        if not todo:  # nothing to do: no pool or cluster to start
            results: Iterator[dict[str, Any]] = iter(())
        elif executor == "dask":
            results = run_dask(todo, n_workers, scheduler=scheduler, client=client, connect_timeout=connect_timeout)
        elif n_workers == 1 or len(todo) <= 1:
            results = run_serial(todo)
        else:
            results = run_pool(todo, min(n_workers, len(todo)))
        bar = Progress(len(todo), progress, interval=progress_interval) if progress is not None else None
        try:
            for result in results:
                store_db.write_document(conn, store_db.doc_id_for(result["path"]), result["rows"])
                if result["path"] in decided.replacing:
                    summary.replaced += 1
                if result["status"] == "ok":
                    summary.stored += 1
                    for row in result["rows"].get("findings", []):
                        if row[_F_STATUS] == "fail":
                            summary.findings_by_rule[row[_F_RULE]] += 1
                            summary.rule_names[row[_F_RULE]] = row[_F_NAME]
                else:
                    summary.failed += 1
                    stage, message = result["error"]
                    summary.failures.append((result["path"], stage, message))
                if bar is not None:
                    bar.advance(result["status"])
        finally:
            if bar is not None:
                bar.close()
            close = getattr(results, "close", None)
            if close is not None:
                close()
    finally:
        conn.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _refuse_id_collisions(paths: list[str]) -> None:
    """doc_id is 63 bits of the path's sha256: a collision (odds ~1e-7 at a million files) would make
    one file's rows replace another's, so it stops the run instead of passing silently."""
    seen: dict[int, str] = {}
    for path in paths:
        other = seen.setdefault(store_db.doc_id_for(path), path)
        if other != path:
            raise IngestError(path, f"与 {other} 的文档编号（doc_id）冲突，请改名其中一个文件后再入库")


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def format_summary(summary: Summary) -> str:
    """The closing lines, in Chinese, deterministic except the time figures."""
    lines = [
        f"文件 {summary.files} 个：新入库 {summary.stored}，跳过 {summary.skipped}（内容未变），"
        f"重复 {summary.duplicates}（与已入库文件内容相同），失败 {summary.failed}"
        + (f"；其中替换旧内容 {summary.replaced}" if summary.replaced else ""),
    ]
    if summary.findings_by_rule:
        lines.append("发现的问题（按规则）：")
        for rule, n in sorted(summary.findings_by_rule.items()):
            lines.append(f"  {rule} {summary.rule_names.get(rule, '')}：{n}")
    else:
        lines.append("发现的问题：无")
    lines.append(f"用时 {summary.seconds:.2f} 秒，{summary.docs_per_second:.1f} 个/秒")
    return "\n".join(lines) + "\n"
