"""Plain text: UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030.

Document.text is the decoded file, character for character: no newline translation, so a span
indexes the user's text exactly (a BOM is dropped and counts as nothing).  One Block per non-blank
line; its ``line`` is the 1-based line number in the file.
"""

from __future__ import annotations

import re

from ..errors import ReadError
from ..model import Block, Document, SourceInfo

# C0 controls other than tab, LF, VT, FF, CR, plus DEL.  Real reports have none; binary data
# that happens to decode (GB18030 accepts many byte sequences) is full of them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise ReadError(name, "文件以 UTF-8 BOM 开头，但内容不是有效的 UTF-8") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ReadError(name, "文件以 UTF-16 BOM 开头，但内容不是有效的 UTF-16") from None
    # UTF-8 first: valid UTF-8 Chinese is almost never valid GB18030 of the same meaning, while
    # GB18030 bytes are rarely valid UTF-8.  Strict decoding: a replacement character would move
    # every later span, so we refuse instead of guessing.
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise ReadError(name, "无法识别文本编码（不是 UTF-8 或 GB18030），可能不是文本文件")


def read_txt(name: str, data: bytes, sha256: str) -> Document:
    text, encoding = decode(name, data)
    controls = len(_CONTROL.findall(text, 0, 65536))
    if "\x00" in text or controls > max(2, len(text[:65536]) // 200):
        raise ReadError(name, "文件含有二进制内容，不是文本报告，也不是可识别的 PDF 或 DOCX")
    if not text.strip():
        raise ReadError(name, "文件是空的（只有空白字符）")
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
