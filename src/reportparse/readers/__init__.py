"""File → Document.  The format is chosen by the file's content (magic bytes), not its name.

A name still matters in one direction: a file called ``x.pdf`` or ``x.docx`` whose bytes are not a
PDF or a zip is refused with a message that says so, instead of being read as text (a Git LFS
pointer or an HTML error page saved as .pdf would otherwise "succeed" as a one-line report).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import ReadError
from ..model import Document

MAX_FILE_BYTES = 200 * 1024 * 1024  # larger files are refused, never half-read
# A report runs to tens of thousands of characters (the longest here, a 政府工作报告: under 25 000).  Checking
# grows faster than linearly with length (5 MB of text: 27 s and 450 MB RSS; 150 MB: over 4.6 GB RSS and
# minutes of silence), so a text this long is refused at once instead of working unseen for an hour.
MAX_TEXT_CHARS = 2_000_000

# Formats we recognise only to refuse them with a useful message.
_FOREIGN = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "这是旧版 Office 文件（.doc / .xls / .wps），请先另存为 .docx 或 .pdf"),
    (b"\x89PNG\r\n\x1a\n", "这是 PNG 图片，不是报告文本；图片需要先 OCR"),
    (b"\xff\xd8\xff", "这是 JPEG 图片，不是报告文本；图片需要先 OCR"),
    (b"GIF8", "这是 GIF 图片，不是报告文本"),
    (b"Rar!", "这是 RAR 压缩包，请先解压"),
    (b"\x1f\x8b", "这是 gzip 压缩文件，请先解压"),
    (b"7z\xbc\xaf\x27\x1c", "这是 7z 压缩包，请先解压"),
    (b"{\\rtf", "这是 RTF 文件，请先另存为 .docx"),
]


def sniff(head: bytes) -> str | None:
    """'pdf', 'docx' or 'txt' from the first bytes; None for a known format we do not read."""
    # Some producers put junk (or a BOM) before the header; PDF readers accept it within 1 KB.
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if any(head.startswith(magic) for magic, _ in _FOREIGN):
        return None
    return "txt"


def _foreign_problem(head: bytes) -> str:
    for magic, problem in _FOREIGN:
        if head.startswith(magic):
            return problem
    return "无法识别的文件格式"


def _mismatch_problem(suffix: str, head: bytes) -> str:
    """Why a file named .pdf/.docx is not one, in the user's terms."""
    text = head.lstrip()
    if text.startswith(b"version https://git-lfs"):
        return f"扩展名是 {suffix}，但这是 Git LFS 指针文件，不是真正的文件内容（请先执行 git lfs pull 取回文件）"
    if text[:15].lower().startswith((b"<!doctype html", b"<html")):
        return f"扩展名是 {suffix}，但内容是 HTML 网页（可能是下载失败时保存的错误页）"
    want = "PDF" if suffix == ".pdf" else "DOCX（zip 压缩包）"
    return f"扩展名是 {suffix}，但文件内容不是 {want}（文件损坏、下载不完整或只是改了扩展名）"


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
    return read_bytes(name, data)


def read_bytes(name: str, data: bytes) -> Document:
    """Read a report already in memory; ``name`` is what messages and SourceInfo.path show."""
    if not data.strip():
        raise ReadError(name, "文件是空的")
    head = data[:2048]
    kind = sniff(head)
    if kind is None:
        raise ReadError(name, _foreign_problem(head))
    suffix = Path(name).suffix.lower()
    if suffix in (".pdf", ".docx") and kind == "txt":
        raise ReadError(name, _mismatch_problem(suffix, head))
    sha = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        from .pdf import read_pdf

        document = read_pdf(name, data, sha)
    elif kind == "docx":
        from .docx import read_docx

        document = read_docx(name, data, sha)
    else:
        from .txt import read_txt

        document = read_txt(name, data, sha)
    if len(document.text) > MAX_TEXT_CHARS:
        raise ReadError(
            name,
            f"文字过多（约 {len(document.text) // 10000} 万字，上限 {MAX_TEXT_CHARS // 10000} 万字）："
            "一份报告通常只有几万字，这可能是多份报告合并成的文件，请拆分后分别处理",
        )
    return document


__all__ = ["ReadError", "read", "read_bytes", "sniff"]
