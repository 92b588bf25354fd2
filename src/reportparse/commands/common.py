"""What every command shares: reading files with one clear error line each, writing output."""

from __future__ import annotations

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


def open_output(out: str | None):
    """stdout, or a file written as UTF-8."""
    if out is None or out == "-":
        return _NoClose(sys.stdout)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    return open(out, "w", encoding="utf-8", newline="")


class _NoClose:
    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc):
        self.stream.flush()
        return False
