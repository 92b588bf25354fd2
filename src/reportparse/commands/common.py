"""What every command shares: reading files with one clear error line each, writing output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import ReadError
from ..model import Document


def error_line(err: ReadError) -> str:
    return f"reportparse：错误：{err.path}：{err.problem}"


def read_each(paths: list[str]) -> Iterator[tuple[str, Document | None]]:
    """Yield (path, Document) per file; on a bad file print one line to stderr and yield None."""
    from ..readers import read

    for path in paths:
        try:
            yield path, read(path)
        except ReadError as err:
            print(error_line(err), file=sys.stderr)
            yield path, None
        except MemoryError:
            print(f"reportparse：错误：{path}：文件过大，内存不足", file=sys.stderr)
            yield path, None
        except Exception as exc:  # a reader bug must still not show a traceback to the user
            print(f"reportparse：错误：{path}：无法读取（{type(exc).__name__}：{exc}）", file=sys.stderr)
            yield path, None


def output_problem(exc: OSError) -> str:
    """A Chinese reason for an output file that cannot be written (strerror is English)."""
    if isinstance(exc, IsADirectoryError):
        return "输出路径是一个目录，请给出文件名"
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return "输出文件所在的文件夹无法创建（路径上已有同名文件）"
    if isinstance(exc, FileNotFoundError):
        return "输出文件所在的文件夹不存在，且无法创建"
    return f"无法写入输出文件（错误号 {exc.errno}）"


def check_output(out: str | None) -> None:
    """Fail before the work, not after it: raise ReadError when ``out`` cannot be written."""
    if out is None or out == "-":
        return
    if os.path.isdir(out):
        raise ReadError(out, output_problem(IsADirectoryError()), stage="write")
    try:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReadError(out, output_problem(exc), stage="write") from None


def refuse_overwriting_inputs(out: str | None, inputs: list[str]) -> None:
    """-o or --html naming one of the reports being read would replace the user's report by our output."""
    if out is None or out == "-" or not os.path.exists(out):
        return
    for path in inputs:
        try:
            same = os.path.samefile(out, path)
        except OSError:  # the input does not exist: its own error line comes later
            continue
        if same:
            raise ReadError(out, "输出文件就是要读取的报告；原文件不会被覆盖，请另选一个输出路径", stage="write")


def open_output(out: str | None):
    """stdout, or a file written as UTF-8; ReadError (one Chinese line) when it cannot be opened."""
    if out is None or out == "-":
        return _NoClose(sys.stdout)
    check_output(out)
    try:
        return open(out, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise ReadError(out, output_problem(exc), stage="write") from None


class _NoClose:
    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc):
        self.stream.flush()
        return False
