"""File → Document.  The format is chosen by the file's content (magic bytes), not its name."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import ReadError
from ..model import Document

MAX_FILE_BYTES = 200 * 1024 * 1024  # larger files are refused, never half-read


def sniff(head: bytes) -> str | None:
    """'pdf', 'docx' or 'txt' from the first bytes; None when it is none of them."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    return "txt"


def read(path: str | os.PathLike[str]) -> Document:
    """Read a report.  Raises ReadError with a Chinese message naming the file on any problem."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise ReadError(name, "文件不存在")
    if p.is_dir():
        raise ReadError(name, "这是一个目录，不是文件")
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(name, f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_FILE_BYTES // (1024 * 1024)} MB）")
        data = p.read_bytes()
    except PermissionError:
        raise ReadError(name, "没有读取权限") from None
    except OSError as exc:
        raise ReadError(name, f"无法读取文件（{exc.strerror or exc}）") from None
    if not data.strip():
        raise ReadError(name, "文件是空的")
    kind = sniff(data[:2048])
    sha = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(name, data, sha)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(name, data, sha)
    from .txt import read_txt

    return read_txt(name, data, sha)


__all__ = ["ReadError", "read", "sniff"]
