"""Plain text: UTF-8, UTF-8 with BOM, GB18030.  Document.text is the decoded file, unchanged."""

from __future__ import annotations

from ..errors import ReadError
from ..model import Block, Document, SourceInfo


def decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise ReadError(name, "无法识别文本编码（不是 UTF-8 或 GB18030），可能不是文本文件")


def read_txt(name: str, data: bytes, sha256: str) -> Document:
    text, encoding = decode(name, data)
    if "\x00" in text:
        raise ReadError(name, "文件含有二进制内容，不是文本报告，也不是可识别的 PDF 或 DOCX")
    blocks: list[Block] = []
    pos = 0
    line_no = 1
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        content_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        if text[pos:content_end].strip():
            blocks.append(Block("paragraph", pos, content_end, paragraph=len(blocks), line=line_no))
        pos = end + 1
        line_no += 1
    return Document(SourceInfo(name, sha256, "txt", encoding), text, blocks)
