"""The per-document work: read + parse + check one file into plain rows.  Never writes, never raises.

The same function runs in-process (``--workers 1``), in a process pool and on Dask workers; its
result is a plain dict of tuples (picklable), written by the driver.  Heavy state (the jieba
dictionary, compiled patterns) is loaded once per worker process by ``warm()``.
"""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from .rows import document_row, finding_rows, report_rows

_WARM = False

# A tiny report in the genre's own words: enough to touch every extractor, the tokenizer and the rules.
_WARM_TEXT = (
    "示例县示例局2021年度部门整体支出绩效自评报告\n"
    "一、基本情况\n2021年收入共计139.38万元，其中：工资福利支出50.12万元，商品和服务支出41.72万元。\n"
    "2021年三公经费支出1.91万元，2020年2.13万元，减少0.22万元，下降10.33%。走访198户，其中77户。\n"
    "二、自评结论\n2021年5月13日完成自评，自评得分98分，自评结果：优。\n"
)


def warm() -> None:
    """Load the tokenizer dictionary and every lazy module once in this process."""
    global _WARM
    if _WARM:
        return
    _WARM = True
    from ..api import check_report, parse_document
    from ..readers.txt import read_txt

    try:  # the tokenizer module, when it exists, is what holds jieba's dictionary
        from ..text import words  # type: ignore[attr-defined]

        for name in ("warm", "load", "tokenizer", "get_tokenizer"):
            fn = getattr(words, name, None)
            if callable(fn):
                fn()
                break
    except Exception:  # noqa: BLE001 - warming is an optimization; parsing below loads it anyway
        pass
    try:
        data = _WARM_TEXT.encode("utf-8")
        document = read_txt("warmup.txt", data, "0" * 64)
        check_report(parse_document(document), document, show_passed=True)
    except Exception:  # noqa: BLE001 - a bug here shows up again, with its file name, in process_file
        pass


def init_process_worker() -> None:
    """ProcessPoolExecutor initializer: Ctrl-C is the driver's business; then warm up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm()


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}：{text}" if text else type(exc).__name__


def process_file(path: str) -> dict[str, Any]:
    """Read, parse and check ``path``.  Returns {path, sha256, status, rows, error, stage}."""
    from ..api import check_report, parse_document, read
    from ..errors import ReadError

    warm()
    name = os.path.basename(path)
    try:
        size: int | None = os.stat(path).st_size
    except OSError:
        size = None
    t0 = time.perf_counter()
    stage = "read"
    report = checked = None
    sha = None
    try:
        document = read(path)
        sha = document.source.sha256
        t1 = time.perf_counter()
        stage = "parse"
        report = parse_document(document)
        t2 = time.perf_counter()
        stage = "check"
        # Passed checks are stored too: a reviewer sees what was verified, not only what broke.
        checked = check_report(report, document, show_passed=True)
        t3 = time.perf_counter()
    except ReadError as err:
        return _failed(path, name, size, sha, err.stage or "read", err.problem)
    except MemoryError:
        return _failed(path, name, size, sha, stage, "内存不足，文件过大")
    except RecursionError as exc:
        return _failed(path, name, size, sha, stage, f"处理时出错（{_one_line(exc)}）")
    except Exception as exc:  # noqa: BLE001 - a bug in one stage must not stop the batch
        what = {"read": "无法读取", "parse": "解析时出错", "check": "核对时出错"}[stage]
        return _failed(path, name, size, sha, stage, f"{what}（{_one_line(exc)}）")
    rows = report_rows(report, document.text)
    rows["findings"] = finding_rows(checked)
    rows["documents"] = [
        document_row(
            path=path, name=name, sha256=sha, size_bytes=size, status="ok",
            report=report, checked=checked, timings=(t1 - t0, t2 - t1, t3 - t2),
        )
    ]
    return {"path": path, "sha256": sha, "status": "ok", "rows": rows, "error": None}


def process_files(paths: list[str]) -> list[dict[str, Any]]:
    """Several documents in one task (Dask: fewer scheduler round trips)."""
    return [process_file(path) for path in paths]


def _failed(path: str, name: str, size: int | None, sha: str | None, stage: str, message: str) -> dict[str, Any]:
    if sha is None:  # the reader failed before hashing: hash here so an unchanged bad file is skipped next time
        sha = hash_path(path)
    rows = {
        "documents": [document_row(path=path, name=name, sha256=sha, size_bytes=size, status="failed")],
        "errors": [(path, stage, message)],
    }
    return {"path": path, "sha256": sha, "status": "failed", "rows": rows, "error": (stage, message)}


def hash_path(path: str) -> str | None:
    """sha256 of the file's bytes, streamed; None when it cannot be read."""
    import hashlib

    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()
