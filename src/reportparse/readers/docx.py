"""Word .docx: the body as the reader of the printed page sees it, with every block's place.

We open the package with python-docx (parts, styles, headers, footers) but walk the body XML
ourselves, in document order, because ``Paragraph.text`` is not what a reviewer sees in a real
draft: it drops tracked insertions (w:ins) and keeps nothing of tables in order.  The rules:

- w:t inside w:r, also inside w:ins / w:hyperlink / w:smartTag / w:sdt / w:fldSimple: kept, so
  a number split over runs (``139`` ``.3`` ``8万元``) reads whole;
- w:del / w:moveFrom / w:delText (tracked deletions): dropped;
- w:instrText (field-code instructions such as ``TOC \\o "1-3"`` or ``PAGE``): dropped, the
  field's cached result is kept; bookmarks carry no text and leave none;
- drawings, text boxes and embedded objects: skipped (not part of the body flow);
- tables: one table_cell block per cell with table/row/col (grid column, counting gridBefore and
  gridSpan); a vertically merged cell (vMerge) once, with its rowspan;
- headers and footers go to Document.furniture, never into Document.text.

Document.text is the blocks' text joined with "\\n".  ``paragraph`` is the 0-based index of the
paragraph among the body's paragraphs in document order (tables not counted), which is
python-docx's ``Document.paragraphs`` index when the body has no content controls.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import ReadError
from ..model import Block, Cell, Document, Furniture, SourceInfo, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Zip-bomb guard, checked on the zip directory before anything is inflated.
MAX_DOCUMENT_XML = 100 * 1024 * 1024  # word/document.xml uncompressed
MAX_TOTAL_UNCOMPRESSED = 400 * 1024 * 1024  # all parts together
MAX_RATIO = 200  # uncompressed / compressed, for parts large enough to matter
RATIO_MIN_SIZE = 5 * 1024 * 1024

# Subtrees whose text is not body text (tracked deletions, field instructions, drawings).
_SKIP = {
    W + "del", W + "moveFrom", W + "delText", W + "instrText", W + "pPr", W + "rPr",
    W + "drawing", W + "pict", W + "object", W + "fldData", W + "sectPr", W + "tblPr",
    W + "trPr", W + "tcPr", W + "tblGrid", MC + "AlternateContent", W + "footnoteReference",
    W + "endnoteReference", W + "commentReference", W + "annotationRef",
}

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def _guard_zip(name: str, data: bytes) -> None:
    """Refuse non-zips, non-Word zips and zips that would inflate past sane limits."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(name, "不是有效的 DOCX 文件（zip 结构损坏或文件被截断）") from None
    except Exception as exc:  # zipfile raises a few others (ValueError, OverflowError) on junk
        raise ReadError(name, f"不是有效的 DOCX 文件（zip 结构损坏：{type(exc).__name__}）") from None
    with zf:
        names = set(zf.namelist())
        if "word/document.xml" not in names:
            if "xl/workbook.xml" in names:
                raise ReadError(name, "这是 Excel（.xlsx）文件，不是 Word 文档；目前只支持 .txt、.docx、.pdf")
            if "ppt/presentation.xml" in names:
                raise ReadError(name, "这是 PowerPoint（.pptx）文件，不是 Word 文档")
            if "content.xml" in names:
                raise ReadError(name, "这是 OpenDocument（.odt）文件，请先另存为 .docx")
            raise ReadError(name, "zip 压缩包中没有 word/document.xml，不是 Word 文档")
        total = 0
        for info in zf.infolist():
            total += info.file_size
            if info.filename == "word/document.xml" and info.file_size > MAX_DOCUMENT_XML:
                raise ReadError(
                    name,
                    f"word/document.xml 解压后有 {info.file_size // (1024 * 1024)} MB，超过上限 "
                    f"{MAX_DOCUMENT_XML // (1024 * 1024)} MB，疑似 zip 炸弹，拒绝读取",
                )
            if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise ReadError(name, f"{info.filename} 压缩比异常（{ratio}:1），疑似 zip 炸弹，拒绝读取")
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise ReadError(name, f"解压后总大小 {total // (1024 * 1024)} MB 超过上限，疑似 zip 炸弹，拒绝读取")


def _text_of(el, out: list[str]) -> None:
    """Append the visible text under ``el`` (runs, insertions, field results) in order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:  # comments / processing instructions
            continue
        if tag == W + "t":
            if child.text:
                out.append(child.text)
        elif tag == W + "tab" or tag == W + "ptab":
            out.append("\t")
        elif tag == W + "br":
            # A page or column break is layout, not text; a line break is a real break.
            if child.get(W + "type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == W + "cr":
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "softHyphen":
            continue
        else:
            _text_of(child, out)


def _paragraph_text(p) -> str:
    out: list[str] = []
    _text_of(p, out)
    return "".join(out)


class _Styles:
    """Style id → heading level, following basedOn, from the document's styles part."""

    def __init__(self, docx_document) -> None:
        self.levels: dict[str, int | None] = {}
        self._el = {}
        try:
            styles_el = docx_document.styles.element
        except Exception:  # a docx without a styles part is legal
            return
        for s in styles_el.iter(W + "style"):
            sid = s.get(W + "styleId")
            if sid:
                self._el[sid] = s

    def level(self, style_id: str | None, depth: int = 0) -> int | None:
        if not style_id or depth > 10:
            return None
        if style_id in self.levels:
            return self.levels[style_id]
        s = self._el.get(style_id)
        level = None
        if s is not None:
            name_el = s.find(W + "name")
            name = (name_el.get(W + "val") if name_el is not None else "") or ""
            m = _HEADING_NAME.match(name.strip())
            if m:
                level = int(m.group(1))
            elif name.strip().lower() == "title":
                level = 1
            else:
                olvl = s.find(f"{W}pPr/{W}outlineLvl")
                if olvl is not None and (olvl.get(W + "val") or "").isdigit() and int(olvl.get(W + "val")) < 9:
                    level = int(olvl.get(W + "val")) + 1
                else:
                    based = s.find(W + "basedOn")
                    if based is not None:
                        level = self.level(based.get(W + "val"), depth + 1)
        self.levels[style_id] = level
        return level


def _heading_level(p, styles: _Styles) -> int | None:
    ppr = p.find(W + "pPr")
    if ppr is None:
        return None
    olvl = ppr.find(W + "outlineLvl")
    if olvl is not None and (olvl.get(W + "val") or "").isdigit():
        v = int(olvl.get(W + "val"))
        return v + 1 if v < 9 else None
    ps = ppr.find(W + "pStyle")
    return styles.level(ps.get(W + "val")) if ps is not None else None


class _Builder:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.n_paragraphs = 0
        self.pending_caption: str | None = None

    def _emit(self, text: str, block: Block) -> None:
        if self.parts:
            self.parts.append("\n")
            self.pos += 1
        block.start = self.pos
        block.end = self.pos + len(text)
        self.parts.append(text)
        self.pos = block.end
        self.blocks.append(block)

    def body(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "ins", W + "moveTo"):
                self.body(child)  # content controls and tracked block insertions wrap real paragraphs

    def paragraph(self, p) -> None:
        index = self.n_paragraphs
        self.n_paragraphs += 1
        text = _paragraph_text(p)
        if not text.strip():
            return
        level = _heading_level(p, self.styles)
        kind = "heading" if level is not None else "paragraph"
        self._emit(text, Block(kind, 0, 0, paragraph=index, level=level))
        # A short unit line just before a table (单位：万元) is its caption.
        stripped = text.strip()
        self.pending_caption = stripped if len(stripped) <= 40 else None

    def table(self, tbl) -> None:
        index = len(self.tables)
        table = Table(index=index, cells=[], caption=self.pending_caption)
        self.pending_caption = None
        self.tables.append(table)
        open_merge: dict[int, Cell] = {}  # grid column → the cell a vMerge continues
        row_index = 0
        for tr in tbl.iter(W + "tr"):
            if tr.getparent() is not tbl and tr.getparent().tag != W + "sdtContent":
                continue  # rows of nested tables are read as part of their cell's text
            col = 0
            trpr = tr.find(W + "trPr")
            if trpr is not None:
                gb = trpr.find(W + "gridBefore")
                if gb is not None and (gb.get(W + "val") or "").isdigit():
                    col = int(gb.get(W + "val"))
            for tc in tr.iter(W + "tc"):
                if tc.getparent() is not tr and tc.getparent().tag != W + "sdtContent":
                    continue
                span = 1
                vmerge = None
                tcpr = tc.find(W + "tcPr")
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    if gs is not None and (gs.get(W + "val") or "").isdigit():
                        span = max(1, int(gs.get(W + "val")))
                    vm = tcpr.find(W + "vMerge")
                    if vm is not None:
                        vmerge = vm.get(W + "val") or "continue"
                if vmerge == "continue" and col in open_merge:
                    open_merge[col].rowspan += 1  # the merged cell is read once, where it starts
                    col += span
                    continue
                text = self._cell_text(tc)
                cell = Cell(row=row_index, col=col, text=text, start=self.pos, end=self.pos, colspan=span)
                if text.strip():
                    self._emit(text, Block("table_cell", 0, 0, table=index, row=row_index, col=col))
                    cell.start, cell.end = self.blocks[-1].start, self.blocks[-1].end
                table.cells.append(cell)
                if vmerge == "restart":
                    open_merge[col] = cell
                else:
                    open_merge.pop(col, None)
                col += span
            row_index += 1

    def _cell_text(self, tc) -> str:
        lines: list[str] = []
        for child in tc:
            if child.tag == W + "p":
                t = _paragraph_text(child)
                if t.strip():
                    lines.append(t)
            elif child.tag == W + "tbl":  # a nested table: its text, row by row
                for p in child.iter(W + "p"):
                    t = _paragraph_text(p)
                    if t.strip():
                        lines.append(t)
            elif child.tag in (W + "sdt", W + "customXml"):
                for p in child.iter(W + "p"):
                    t = _paragraph_text(p)
                    if t.strip():
                        lines.append(t)
        return "\n".join(lines)


def _furniture(docx_document) -> list[Furniture]:
    out: list[Furniture] = []
    seen: set[tuple[str, str]] = set()
    for section in docx_document.sections:
        for attr, kind in (
            ("header", "header"), ("first_page_header", "header"), ("even_page_header", "header"),
            ("footer", "footer"), ("first_page_footer", "footer"), ("even_page_footer", "footer"),
        ):
            try:
                part = getattr(section, attr)
                if part.is_linked_to_previous:
                    continue
                el = part._element
            except Exception:  # a broken header relationship must not stop the body
                continue
            has_page_field = any(
                "PAGE" in (i.text or "").upper().split() for i in el.iter(W + "instrText")
            ) or any("PAGE" in (f.get(W + "instr") or "").upper().split() for f in el.iter(W + "fldSimple"))
            texts = [t for t in (_paragraph_text(p).strip() for p in el.iter(W + "p")) if t]
            text = " ".join(texts)
            if not text and not has_page_field:
                continue
            k = "page_number" if has_page_field and kind == "footer" else kind
            if (k, text) not in seen:
                seen.add((k, text))
                out.append(Furniture(k, text))
    return out


def read_docx(name: str, data: bytes, sha256: str) -> Document:
    _guard_zip(name, data)
    try:
        import docx  # python-docx

        d = docx.Document(io.BytesIO(data))
        body = d.element.body
    except ReadError:
        raise
    except Exception as exc:
        kind = type(exc).__name__
        if "XMLSyntaxError" in kind:
            raise ReadError(name, "DOCX 内容损坏（XML 无法解析）") from None
        if isinstance(exc, zipfile.BadZipFile) or kind == "error":  # zlib.error: a damaged deflate stream
            raise ReadError(name, "DOCX 压缩数据损坏（校验失败或数据不完整）") from None
        if isinstance(exc, KeyError):
            raise ReadError(name, "DOCX 缺少必需的部件（文件不完整）") from None
        raise ReadError(name, "DOCX 文件结构损坏，无法打开（文件不完整或被改动过）") from None
    builder = _Builder(_Styles(d))
    builder.body(body)
    text = "".join(builder.parts)
    if not text.strip():
        raise ReadError(name, "Word 文档正文是空的（没有文字）")
    furniture = _furniture(d)
    return Document(SourceInfo(name, sha256, "docx"), text, builder.blocks, builder.tables, furniture)
