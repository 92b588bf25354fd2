"""PDF with a text layer: every page's text in reading order, repaired, with page/line/bbox.

Two libraries, each where it is strong (figures measured by bench/bench_readers.py):
- pypdfium2 gives the text, its line structure and character boxes, an order of magnitude faster
  than pdfminer (pdfplumber's engine), with the same characters;
- pdfplumber's table finder turns ruling lines into cells.  The lines are read from pdfium's path
  objects (13x faster than letting pdfminer parse the page; identical tables on the shared corpus),
  with pdfplumber itself as the fallback for pages drawn through form XObjects.  Only pages with
  drawn lines and at most MAX_OBJECTS_FOR_TABLES objects are asked, and any exception costs that
  page its table structure, never the text.

What is repaired (see ../shared/docs/domain.md §5):
- page numbers (``- 14 -``, ``第 3 页``) and running headers/footers leave the body flow and become
  Document.furniture;
- lines of one paragraph are joined without a separator (Chinese wraps anywhere), and a break
  that falls inside a figure (``139.3`` / ``8万元``, ``0万`` / ``元``) always joins, also across a
  page break (``21`` / ``- 14 -`` / ``场``);
- letter-spaced headings (``新 田 县``) lose their spaces; characters doubled by faux bold (the same
  glyph drawn twice at almost the same place) are read once.

Document.text: paragraphs and table cells joined by "\\n"; each visual line of a paragraph is its
own Block (kind paragraph/heading, page, 1-based line within the page, bbox in PDF points with the
origin at the page's top-left, like pdfplumber), adjacent to the next line of the same paragraph
with no separator; ``paragraph`` is the paragraph's 0-based index.  Each table cell is a
table_cell Block with table/row/col and the cell's bbox.
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass, field

from ..errors import ReadError
from ..model import Block, Cell, Document, Furniture, SourceInfo, Table

MAX_PAGES = 2000
MIN_PATHS_FOR_TABLES = 4  # fewer drawn lines than this: no ruled table on the page
MAX_OBJECTS_FOR_TABLES = 20000  # pdfminer gets slow on huge pages; their text still reads
HEADER_ZONE = 0.075  # fraction of page height at the top/bottom where furniture lives

_PAGE_NUMBER = re.compile(
    r"^[-—–－_~·\s]*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?\s*(?:[/／]\s*(?:共\s*)?[0-9０-９]{1,4}\s*页?|共\s*[0-9０-９]{1,4}\s*页)?[-—–－_~·\s]*$"
)
_STRICT_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*[0-9０-９]{1,4}\s*[-—–－]|第\s*[0-9０-９]{1,4}\s*页.*)\s*$")
_NUMBERING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百]+(?:部分|章|节|条)|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]"
    r"|[0-9]{1,2}[、.．](?![0-9])|[（(][0-9]{1,2}[）)])"
)
_HEADING_LEVELS = [
    (re.compile(r"^\s*第[一二三四五六七八九十百]+(?:部分|章)"), 1),
    (re.compile(r"^\s*[一二三四五六七八九十]+[、.．]"), 1),
    (re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^\s*[0-9]{1,2}[、.．](?![0-9])"), 3),
    (re.compile(r"^\s*[（(][0-9]{1,2}[）)]"), 4),
]
_FIG_END = re.compile(r"(?:[0-9０-９][.,．，]?|[0-9０-９] ?[万亿千百]|[.．])$")
# After a digit, a line that starts with a unit or measure word continues the figure: `10|篇`,
# `1170|户`, `98|分`, `2021|年` (a page break may fall there as well as a line wrap).
_FIG_START = re.compile(r"^(?:[0-9０-９.．%％‰]|[万亿]?元|万|亿|[户人名场期次篇个块条册套只盒支份种台辆所家件批分年月日号天周岁项])")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Characters a Chinese report's text layer is made of.  A layer where a third of the characters
# fall outside is not text: glyph ids read as code points (a font without ToUnicode), or UTF-8
# bytes drawn through a Western font (mojibake).
_EXPECTED = re.compile(
    r"[\u0020-\u007e\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2100-\u22ff\u2460-\u24ff\u2500-\u26ff"
    r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\s]"
)
_LATIN_JUNK = re.compile(r"[\u00c0-\u024f\u0080-\u009f\u02c0-\u02ff\u0192\ufb01\ufb02]")
_LETTER_SPACED = re.compile(r"^\s*(?:\S\s+){2,}\S\s*$")
_TWO_SPACED = re.compile(r"^\s*[\u3400-\u9fff]\s+[\u3400-\u9fff]\s*$")  # 目 录, 说 明


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    number: int = 0  # 1-based line number within the page, top to bottom
    kind: str = "body"  # body | furniture | table

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass(slots=True)
class _PageTable:
    bbox: tuple[float, float, float, float]
    cells: list[tuple[int, int, int, int, tuple[float, float, float, float]]]  # row, col, rowspan, colspan, bbox
    texts: dict[int, list[tuple[float, float, str, float, float]]] = field(default_factory=dict)  # cell → (top, x0, ch, x1, bottom)
    first_line: int = 10**9


def _open(name: str, data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == 4 or "password" in str(exc).lower():
            raise ReadError(name, "PDF 已加密，需要密码才能打开；请用密码打开后另存为未加密的 PDF") from None
        if code == 6 or "security" in str(exc).lower():
            raise ReadError(name, "PDF 使用了不支持的加密/安全处理方式，无法读取") from None
        raise ReadError(name, "不是有效的 PDF 文件（文件损坏、被截断或只是改了扩展名）") from None


def dedupe_faux_bold(chars: list[tuple[str, tuple[float, float, float, float]]]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Drop a character drawn again at (almost) the same place: how faux bold is printed.

    ``chars`` are (char, (x0, y0, x1, y1)).  Faux bold draws each glyph twice, either glyph by
    glyph (``合合计计``) or run by run (``部门概况部门概况``); a character is a copy when the same
    character was already kept at a box shifted by less than a third of the glyph's width and
    height.  Two real identical neighbours (``人人``) stand a whole glyph apart and are kept, and
    so are two characters of one wide glyph (LibreOffice draws ``——`` as one two-em glyph, and
    pdfium gives both dashes that one box).
    """
    out: list[tuple[str, tuple[float, float, float, float]]] = []
    seen: dict[str, list[tuple[float, float, float, float]]] = {}
    for ch, box in chars:
        if not ch.isspace():
            earlier = seen.setdefault(ch, [])
            dup = False
            for pbox in earlier[-8:]:
                w = max(pbox[2] - pbox[0], box[2] - box[0], 0.1)
                h = max(pbox[3] - pbox[1], box[3] - box[1], 0.1)
                if abs(box[0] - pbox[0]) < w / 3 and abs(box[1] - pbox[1]) < h / 3 and w < 1.6 * h:
                    dup = True
                    break
            if dup:
                continue
            earlier.append(box)
        out.append((ch, box))
    return out


# A line worth checking for faux bold: a character or a run of characters repeated at once.
_REPEAT = re.compile(r"(\S{1,12}?)\1")


def unspace_letter_spaced(text: str) -> str:
    """``新 田 县`` → ``新田县``: only when every token is one character (a spaced-out heading)."""
    if _TWO_SPACED.match(text) or (_LETTER_SPACED.match(text) and len(_CJK.findall(text)) * 2 >= len(text.split())):
        return "".join(text.split())
    return text


def is_figure_break(before: str, after: str) -> bool:
    """Does a line break between ``before`` and ``after`` fall inside a figure?"""
    before = before.rstrip()
    after = after.lstrip()
    if not before or not after:
        return False
    if _FIG_END.search(before) is None or _FIG_START.match(after) is None:
        return False
    tail = before[-1]
    head = after[0]
    if tail.isdigit():  # 139.3|8万元, 0|万元, 12.08|%
        return True
    if tail in ".．,，" and head.isdigit():  # 139.|38
        return tail in ".．" or before[-2:-1].isdigit()
    if tail in "万亿千百":  # 0万|元 (only after a digit: 万|元 alone is not a figure)
        rest = before[:-1].rstrip(" ")  # 139.38 万|元: autospace may stand between number and unit
        return head == "元" and rest[-1:].isdigit()
    return False


def _segments(tp, page_no: int, page_h: float) -> list[tuple[str, tuple[float, float, float, float], int, int]]:
    """pdfium's lines: (text, bbox top-based, first char index, end char index)."""
    n = tp.count_chars()
    if n <= 0:
        return []
    text = tp.get_text_range()
    if len(text) != n:  # rare: pdfium's text view differs from its char list; rebuild 1:1
        import pypdfium2.raw as raw

        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i) or 0xFFFD) for i in range(n))
    out = []
    start = 0
    for m in re.finditer(r"\r\n|\n|\r", text + "\n"):
        a, b = start, min(m.start(), n)
        start = m.end()
        seg = text[a:b]
        if not seg.strip():
            continue
        k = tp.count_rects(a, b - a)
        x0 = y0 = float("inf")
        x1 = y1 = float("-inf")
        for r in range(k):
            left, bottom, right, top = tp.get_rect(r)
            x0, y0, x1, y1 = min(x0, left), min(y0, bottom), max(x1, right), max(y1, top)
        if k == 0:
            left, bottom, right, top = tp.get_charbox(a)
            x0, y0, x1, y1 = left, bottom, right, top
        out.append((seg, (x0, page_h - y1, x1, page_h - y0), a, b))
    return out


def _char_boxes(tp, a: int, b: int, text: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    # Loose boxes (font ascent to descent) share one top per line, whatever the glyph's shape:
    # tight boxes put 一 and 、 far below 年, which scrambles rows.
    return [(text[i - a], tp.get_charbox(i, loose=True)) for i in range(a, b)]


def _real_chars(tp, a: int, b: int, seg: str):
    """(index, (char, loose box)) of a segment, without line breaks and pdfium-generated spaces."""
    import pypdfium2.raw as raw

    kept = [(i, item) for i, item in enumerate(dedupe_faux_bold(_char_boxes(tp, a, b, seg)))]
    return [(i, (ch, bx)) for i, (ch, bx) in kept
            if ch not in "\r\n" and not (ch.isspace() and raw.FPDFText_IsGenerated(tp, a + i) == 1)]


# Characters a writer often sets in a fallback font.  pdfium lists a line's glyphs in content-stream
# order, and LibreOffice emits each font's run separately, so `三、“三公”经费` can come out as
# `三、 三公 经费 “ ”`.  Only lines holding one of these are checked (reading every glyph box of every
# line would cost the fast path its speed).
_FALLBACK_GLYPHS = re.compile(r"[“”‘’\"'《》〈〉「」『』·•…—–]")


def _in_reading_order(tp, seg: str, a: int, b: int) -> str:
    """The line's glyphs left to right, when the content stream drew them out of order."""
    chars = _real_chars(tp, a, b, seg)
    xs = [bx[0] for _, (_, bx) in chars]
    if all(x1 >= x0 - 1.0 for x0, x1 in zip(xs, xs[1:])):
        return seg
    ordered = sorted(chars, key=lambda item: item[1][1][0])
    return "".join(ch for _, (ch, _) in ordered)


def _clean_segment(tp, seg: str, a: int, b: int) -> str:
    """Repair one pdfium line: glyph order, faux-bold doubles, letter spacing, surrounding blanks."""
    if len(seg) == b - a and _FALLBACK_GLYPHS.search(seg):
        seg = _in_reading_order(tp, seg, a, b)
    if len(seg) == b - a and _REPEAT.search(seg):
        seg = "".join(ch for ch, _ in dedupe_faux_bold(_char_boxes(tp, a, b, seg)))
    return unspace_letter_spaced(seg.strip())


def _merge_visual_lines(items: list[_Line]) -> list[_Line]:
    """pdfium may cut one visual line into several; put pieces on the same baseline together."""
    items = sorted(items, key=lambda ln: (round(ln.top + ln.height / 2, 0), ln.x0))
    merged: list[_Line] = []
    for ln in items:
        if merged:
            cur = merged[-1]
            c1 = (cur.top + cur.bottom) / 2
            c2 = (ln.top + ln.bottom) / 2
            overlap_x = ln.x0 < cur.x1 - 1 and cur.x0 < ln.x1 - 1
            if abs(c1 - c2) < 0.45 * min(cur.height, ln.height) and not overlap_x and ln.x0 >= cur.x0:
                gap = ln.x0 - cur.x1
                sep = " " if gap > 0.6 * min(cur.height, ln.height) else ""
                cur.text = cur.text + sep + ln.text
                cur.x1 = max(cur.x1, ln.x1)
                cur.top = min(cur.top, ln.top)
                cur.bottom = max(cur.bottom, ln.bottom)
                continue
        merged.append(ln)
    return merged


def _edge(p0, p1, kind: str) -> dict:
    x0, x1 = min(p0[0], p1[0]), max(p0[0], p1[0])
    top, bottom = min(p0[1], p1[1]), max(p0[1], p1[1])
    o = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "width": x1 - x0, "height": bottom - top, "orientation": o}


def _subpath_edges(pts: list[tuple[float, float]]) -> list[dict]:
    """One subpath as pdfminer/pdfplumber classify it: a line, a rectangle (4 edges) or a curve."""
    if len(pts) < 2:
        return []
    if len(pts) == 2:
        e = _edge(pts[0], pts[1], "line")
        return [e] if e["orientation"] else []
    if len(pts) in (4, 5) and len({round(p[0], 3) for p in pts}) == 2 and len({round(p[1], 3) for p in pts}) == 2:
        x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
        top, bottom = min(p[1] for p in pts), max(p[1] for p in pts)
        return [_edge((x0, top), (x1, top), "rect_edge"), _edge((x0, bottom), (x1, bottom), "rect_edge"),
                _edge((x0, top), (x0, bottom), "rect_edge"), _edge((x1, top), (x1, bottom), "rect_edge")]
    return [e for e in (_edge(p, q, "curve_edge") for p, q in zip(pts, pts[1:])) if e["orientation"]]


def pdfium_edges(page, page_h: float) -> list[dict] | None:
    """The ruling lines of a page as pdfplumber's ``page.edges``, read from pdfium's path objects.

    pdfplumber gets its edges by running pdfminer over the whole page (every glyph included),
    which is ~90% of the cost of finding tables; the path objects alone are cheap to read.  On the
    338 pages of ../shared/corpus the tables found from these edges equal pdfplumber's own to
    within 0.0001 pt (bench/bench_readers.py re-checks it).  None when the page draws through form
    XObjects (nested coordinate systems): the caller then asks pdfplumber itself.
    """
    import ctypes

    import pypdfium2.raw as raw

    edges: list[dict] = []
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            return None
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        subpaths: list[list[tuple[float, float]]] = []
        cur: list[tuple[float, float]] | None = None
        for s in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, s)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            pt = (a * x.value + c * y.value + e, page_h - (b * x.value + d * y.value + f))
            if cur is None or raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO:
                cur = [pt]
                subpaths.append(cur)
            else:
                cur.append(pt)
            if raw.FPDFPathSegment_GetClose(seg):
                cur.append(cur[0])
        for pts in subpaths:
            edges.extend(_subpath_edges(pts))
    return edges


class _EdgesPage:
    """What pdfplumber's TableFinder reads from a page under the default "lines" strategy."""

    def __init__(self, edges: list[dict], width: float, height: float) -> None:
        self.edges = edges
        self.bbox = (0, 0, width, height)


def tables_from_edges(edges: list[dict], width: float, height: float) -> list[_PageTable]:
    from pdfplumber.table import TableFinder, TableSettings

    found = TableFinder(_EdgesPage(edges, width, height), TableSettings.resolve(None)).tables
    return _find_tables(None, found)


def _find_tables(plumber_page, found=None) -> list[_PageTable]:
    out = []
    for t in (found if found is not None else plumber_page.find_tables()):
        rows = t.rows
        boxes = [(ri, ci, c) for ri, r in enumerate(rows) for ci, c in enumerate(r.cells) if c is not None]
        if len(rows) < 2 or len({ci for _, ci, _ in boxes}) < 2:
            continue  # a framed paragraph, not a table
        xs = sorted({round(c[0], 1) for _, _, c in boxes})
        ys = sorted({round(c[1], 1) for _, _, c in boxes})
        cells = []
        for ri, ci, c in boxes:
            colspan = max(1, sum(1 for x in xs if c[0] - 0.5 <= x < c[2] - 0.5))
            rowspan = max(1, sum(1 for y in ys if c[1] - 0.5 <= y < c[3] - 0.5))
            cells.append((ri, ci, rowspan, colspan, tuple(float(v) for v in c)))
        out.append(_PageTable(tuple(float(v) for v in t.bbox), cells))
    return out


def _inside(box, x: float, y: float, pad: float = 0.5) -> bool:
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


def _count_objects(page) -> tuple[int, int, int]:
    """(path objects, image objects, all objects) at the top level of the page."""
    import pypdfium2.raw as raw

    n = raw.FPDFPage_CountObjects(page)
    paths = images = 0
    for i in range(min(n, MAX_OBJECTS_FOR_TABLES + 1)):
        t = raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page, i))
        if t == raw.FPDF_PAGEOBJ_PATH:
            paths += 1
        elif t == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif t == raw.FPDF_PAGEOBJ_FORM:
            images += 0  # a form XObject may hold anything; counted as neither
    return paths, images, n


class _Plumber:
    """pdfplumber opened lazily, only if a page needs its table finder; failures disable it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf = None
        self.failed = False

    def tables(self, page_index: int) -> list[_PageTable]:
        if self.failed:
            return []
        try:
            if self.pdf is None:
                import logging

                import pdfplumber

                logging.getLogger("pdfminer").setLevel(logging.ERROR)
                self.pdf = pdfplumber.open(io.BytesIO(self.data))
            page = self.pdf.pages[page_index]
            try:
                return _find_tables(page)
            finally:
                page.close()
        except Exception:  # pdfminer is stricter than pdfium: no tables, the text stays
            if self.pdf is None:
                self.failed = True
            return []

    def close(self) -> None:
        if self.pdf is not None:
            try:
                self.pdf.close()
            except Exception:
                pass


def _drop_prose_rows(tp, page_h: float, table: _PageTable) -> _PageTable | None:
    """A frame around the page makes pdfplumber see prose as one-cell rows of a table: give
    full-width cells holding long text back to the body, and drop what is no longer a table."""
    width = table.bbox[2] - table.bbox[0]
    per_row: dict[int, int] = {}
    for row, *_ in table.cells:
        per_row[row] = per_row.get(row, 0) + 1
    lone: dict[int, int] = {}  # row → length of the text of its one full-width cell
    for row, _, _, _, (x0, top, x1, bottom) in table.cells:
        if per_row[row] == 1 and x1 - x0 >= 0.9 * width:
            text = tp.get_text_bounded(left=x0, bottom=page_h - bottom, right=x1, top=page_h - top)
            lone[row] = len("".join(text.split()))
    # Runs of consecutive such rows: prose if one of them is a long line or the run is long.
    prose: set[int] = set()
    run: list[int] = []
    for row in sorted(per_row) + [None]:
        if row is not None and row in lone and (not run or run[-1] == row - 1):
            run.append(row)
            continue
        if run and (max(lone[r] for r in run) > 20 or len(run) >= 3):
            prose.update(run)
        run = [row] if row is not None and row in lone else []
    keep = [c for c in table.cells if c[0] not in prose]
    if len(keep) == len(table.cells):
        return table
    if len({c[0] for c in keep}) < 2 or len({c[1] for c in keep}) < 2:
        return None
    boxes = [c[4] for c in keep]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return _PageTable(bbox, keep)


def _read_page(tp, page_no: int, page_h: float, tables: list[_PageTable]) -> list[_Line]:
    """All visual lines of one page (body and table rows), numbered top to bottom."""
    lines: list[_Line] = []
    table_lines: list[_Line] = []
    tables[:] = [t for t in (_drop_prose_rows(tp, page_h, t) for t in tables) if t is not None]
    for seg, box, a, b in _segments(tp, page_no, page_h):
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        owner = next((t for t in tables if any(_inside(c[4], cx, cy, 1.0) for c in t.cells)), None)
        if owner is None:
            text = _clean_segment(tp, seg, a, b)
            if text:
                lines.append(_Line(text, box[0], box[1], box[2], box[3], page_no))
            continue
        table_lines.append(_Line(seg.strip(), box[0], box[1], box[2], box[3], page_no, kind="table"))
        # Spaces the PDF really contains are kept; spaces pdfium generates for a gap are not
        # (justified cells spread their glyphs, and that is not a word break).
        chars = [(ch, bx) for i, (ch, bx) in _real_chars(tp, a, b, seg)]
        stray: list[tuple[str, tuple[float, float, float, float]]] = []
        for ch, (x0, y0, x1, y1) in chars:
            px, py = (x0 + x1) / 2, page_h - (y0 + y1) / 2
            for ci, (_, _, _, _, cb) in enumerate(owner.cells):
                if _inside(cb, px, py, 0.0):
                    owner.texts.setdefault(ci, []).append((page_h - y1, x0, ch, x1, page_h - y0))
                    break
            else:
                stray.append((ch, (x0, y0, x1, y1)))
        if stray:  # inside the table's frame but in no cell (a note line, a title): body text
            xs0, ys0, xs1, ys1 = zip(*(bx for _, bx in stray))
            lines.append(_Line("".join(ch for ch, _ in stray), min(xs0), page_h - max(ys1), max(xs1), page_h - min(ys0), page_no))
    allines = _merge_visual_lines(lines) + sorted(table_lines, key=lambda ln: ln.top)
    allines.sort(key=lambda ln: (ln.top, ln.x0))
    for i, ln in enumerate(allines, 1):
        ln.number = i
    for t in tables:
        t.first_line = min((ln.number for ln in allines if ln.kind == "table" and _inside(t.bbox, (ln.x0 + ln.x1) / 2, (ln.top + ln.bottom) / 2, 2.0)), default=10**9)
    return allines


def _cell_text(chars: list[tuple[float, float, str, float, float]]) -> str:
    """Characters of one cell in reading order: rows of glyphs top to bottom, left to right.

    Rows are joined with nothing (a cell wraps like a paragraph); runs of spaces become one.
    """
    if not chars:
        return ""
    chars = sorted(chars)
    rows: list[list[tuple[float, float, str, float, float]]] = []
    for c in chars:
        if rows and abs(c[0] - rows[-1][0][0]) < 2.0:
            rows[-1].append(c)
        else:
            rows.append([c])
    text = "".join(c[2] for r in rows for c in sorted(r, key=lambda c: c[1]))
    return " ".join(text.split())


def _mark_furniture(pages: list[list[_Line]], heights: list[float]) -> list[Furniture]:
    furniture: list[Furniture] = []
    n = len(pages)
    key = lambda s: re.sub(r"[0-9０-９\s]+", "#", s)  # noqa: E731 - running headers differ only in numbers
    zone_counts: dict[str, set[int]] = {}
    for p, lines in enumerate(pages):
        h = heights[p]
        for ln in lines:
            if ln.kind == "body" and (ln.bottom < h * HEADER_ZONE * 1.6 or ln.top > h * (1 - HEADER_ZONE * 1.6)):
                zone_counts.setdefault(key(ln.text), set()).add(p)
    repeated = {k for k, ps in zone_counts.items() if len(ps) >= max(2, (n + 2) // 3)}
    for p, lines in enumerate(pages):
        h = heights[p]
        body = [ln for ln in lines if ln.kind == "body"]
        lowest = max(body, key=lambda ln: ln.bottom, default=None)
        for ln in body:
            top_zone = ln.bottom < h * HEADER_ZONE * 1.6
            bottom_zone = ln.top > h * (1 - HEADER_ZONE * 1.6)
            kind = None
            if (top_zone or bottom_zone) and _PAGE_NUMBER.match(ln.text):
                kind = "page_number"
            elif ln is lowest and _STRICT_PAGE_NUMBER.match(ln.text):
                kind = "page_number"
            elif (top_zone or bottom_zone) and key(ln.text) in repeated:
                kind = "header" if top_zone else "footer"
            if kind:
                ln.kind = "furniture"
                furniture.append(Furniture(kind, ln.text, page=p + 1))
    return furniture


def _heading_level(text: str, height: float, typical: float, centered: bool) -> int | None:
    t = text.strip()
    if len(t) > 40 or t[-1:] in "。；;，,：:" and not re.match(r"^\s*[一二三四五六七八九十]+、", t):
        return None
    for pattern, level in _HEADING_LEVELS:
        if pattern.match(t):
            return level if len(t) <= 30 else None
    if height >= typical * 1.25 or (centered and height >= typical * 1.1):
        return 1
    return None


def _check_text_layer(name: str, text: str, images: int, pages: int) -> None:
    visible = "".join(text.split())
    if not visible:
        if images:
            raise ReadError(name, f"扫描件，没有文字层，需要先 OCR（共 {pages} 页，只有图片）")
        raise ReadError(name, f"PDF 中没有任何文字（共 {pages} 页，页面是空白的或只有图形）")
    n = len(visible)
    unexpected = n - len(_EXPECTED.findall(visible))
    cjk = len(_CJK.findall(visible))
    if unexpected * 3 >= n:
        junk = len(_LATIN_JUNK.findall(visible))
        if junk * 2 >= unexpected and cjk * 10 < n:
            raise ReadError(name, "文字层是乱码（中文被当作西文字体编码写入，如“æ”¿å”œ”），无法使用，需要先 OCR")
        raise ReadError(name, "字体缺少 ToUnicode 映射，文字层无法使用（提取出的是字形编号 (cid:…) 而不是文字），需要先 OCR")
    if cjk == 0:
        sample = " ".join(text.split())[:20]
        raise ReadError(name, f"PDF 文字层中没有中文（只读到 {n} 个字符：“{sample}”），不是中文报告")


def read_pdf(name: str, data: bytes, sha256: str) -> Document:
    doc = _open(name, data)
    plumber = _Plumber(data)
    try:
        n_pages = len(doc)
        if n_pages == 0:
            raise ReadError(name, "PDF 没有任何页面")
        if n_pages > MAX_PAGES:
            raise ReadError(name, f"PDF 共 {n_pages} 页，超过上限 {MAX_PAGES} 页")
        pages: list[list[_Line]] = []
        page_tables: list[list[_PageTable]] = []
        heights: list[float] = []
        total_images = 0
        for i in range(n_pages):
            try:
                page = doc[i]
            except Exception:
                raise ReadError(name, f"PDF 第 {i + 1} 页损坏，无法读取") from None
            try:
                w, h = page.get_size()
                paths, images, n_obj = _count_objects(page)
                total_images += images
                tables: list[_PageTable] = []
                if paths >= MIN_PATHS_FOR_TABLES and n_obj <= MAX_OBJECTS_FOR_TABLES:
                    edges = pdfium_edges(page, h)
                    try:
                        tables = plumber.tables(i) if edges is None else tables_from_edges(edges, w, h)
                    except Exception:  # the table finder failing costs the page its tables, not its text
                        tables = []
                tp = page.get_textpage()
                try:
                    lines = _read_page(tp, i + 1, h, tables)
                finally:
                    tp.close()
            finally:
                page.close()
            pages.append(lines)
            page_tables.append(tables)
            heights.append(h)
        raw_text = "".join(ln.text for lines in pages for ln in lines) + "".join(
            c[2] for ts in page_tables for t in ts for cs in t.texts.values() for c in cs
        )
        _check_text_layer(name, raw_text, total_images, n_pages)
        furniture = _mark_furniture(pages, heights)
        return _assemble(name, sha256, pages, page_tables, furniture, n_pages)
    finally:
        plumber.close()
        doc.close()


def _assemble(name, sha256, pages, page_tables, furniture, n_pages) -> Document:
    body = [ln for lines in pages for ln in lines if ln.kind == "body"]
    typical = statistics.median([ln.height for ln in body]) if body else 10.0
    lefts = [round(ln.x0) for ln in body]
    left = statistics.mode(lefts) if lefts else 0.0
    right = sorted(ln.x1 for ln in body)[int(len(body) * 0.9)] if body else 0.0
    mid = (left + right) / 2
    # Line pitch (top to top) of consecutive body lines: reports use 1.5-2x line spacing, so a
    # gap is judged against the document's own pitch, not the glyph height.
    pitches = []
    for lines in pages:
        bl = [ln for ln in lines if ln.kind == "body"]
        for a, b in zip(bl, bl[1:]):
            d = b.top - a.top
            if 0 < d < 4 * typical:
                pitches.append(d)
    pitch = statistics.median(pitches) if pitches else 1.5 * typical

    parts: list[str] = []
    blocks: list[Block] = []
    tables: list[Table] = []
    pos = 0
    paragraph_no = -1
    prev: _Line | None = None  # last body line emitted, if the flow may continue from it
    para_blocks: list[Block] = []
    prev_page_right = right
    prev_text: str | None = None  # the paragraph just emitted: a short one before a table is its caption

    def new_item() -> None:
        nonlocal pos
        if parts:
            parts.append("\n")
            pos += 1

    def close_paragraph() -> None:
        if not para_blocks:
            return
        if len(para_blocks) == 1:
            b = para_blocks[0]
            level = _heading_level(_texts[id(b)], b_heights[id(b)], typical, b_centered[id(b)])
            if level is not None:
                b.kind = "heading"
                b.level = level
        elif all(b_heights[id(b)] >= 1.1 * typical for b in para_blocks) and sum(b.end - b.start for b in para_blocks) <= 60:
            for b in para_blocks:  # a title set large and wrapped over lines
                b.kind = "heading"
                b.level = 1
        para_blocks.clear()

    _texts: dict[int, str] = {}
    b_heights: dict[int, float] = {}
    b_centered: dict[int, bool] = {}

    def margins(lines: list[_Line]) -> tuple[float, float]:
        """The page's own text edges (pages differ: a landscape table page, a shifted scan)."""
        bl = [ln for ln in lines if ln.kind == "body"]
        if len(bl) < 6:
            return left, right
        xs = sorted(ln.x1 for ln in bl)
        return min(left, statistics.mode(round(ln.x0) for ln in bl)), xs[int(len(xs) * 0.9)]

    for p, lines in enumerate(pages):
        page_left, page_right = margins(lines)
        items: list[tuple[int, object]] = [(ln.number, ln) for ln in lines if ln.kind == "body"]
        items += [(t.first_line, t) for t in page_tables[p] if t.texts]
        items.sort(key=lambda it: it[0])
        first_on_page = True
        for _, item in items:
            if isinstance(item, _PageTable):
                close_paragraph()
                prev = None
                index = len(tables)
                caption = prev_text.strip() if prev_text and len(prev_text.strip()) <= 40 else None
                table = Table(index=index, cells=[], page=p + 1, bbox=item.bbox, caption=caption)
                prev_text = None
                for ci, (row, col, rowspan, colspan, cbox) in enumerate(item.cells):
                    text = _cell_text(item.texts.get(ci, []))
                    cell = Cell(row, col, text, pos, pos, rowspan, colspan, cbox)
                    if text:
                        new_item()
                        line_no = min((ln.number for ln in lines if ln.kind == "table" and ln.bottom >= cbox[1] and ln.top <= cbox[3]), default=None)
                        blocks.append(Block("table_cell", pos, pos + len(text), page=p + 1, table=index, row=row, col=col, line=line_no, bbox=cbox))
                        parts.append(text)
                        cell.start, cell.end = pos, pos + len(text)
                        pos += len(text)
                    table.cells.append(cell)
                tables.append(table)
                first_on_page = False
                continue
            ln: _Line = item  # type: ignore[assignment]
            join = False
            if prev is not None:
                if is_figure_break(prev.text, ln.text):
                    join = True
                elif _NUMBERING.match(ln.text):
                    join = False
                else:
                    prev_right = page_right if prev.page == ln.page else prev_page_right
                    full = prev.x1 >= prev_right - 1.2 * typical
                    not_indented = ln.x0 <= page_left + 0.6 * typical
                    if prev.page == ln.page:
                        close = ln.top - prev.top <= pitch * 1.35
                    else:
                        close = first_on_page
                    join = full and not_indented and close
                    # A large title wrapped over two centred lines is one heading.
                    big = prev.height >= 1.1 * typical and ln.height >= 1.1 * typical
                    centred = all(abs((x.x0 + x.x1) / 2 - mid) < 2 * typical for x in (prev, ln))
                    if big and centred and prev.page == ln.page and abs(prev.height - ln.height) < 0.15 * typical:
                        join = join or ln.top - prev.top <= 2.0 * max(prev.height, ln.height)
            if join:
                sep = " " if prev.text[-1:].isascii() and prev.text[-1:].isalpha() and ln.text[:1].isascii() and ln.text[:1].isalpha() else ""
                if sep:
                    parts.append(sep)
                    pos += 1
            else:
                close_paragraph()
                paragraph_no += 1
                new_item()
            b = Block("paragraph", pos, pos + len(ln.text), page=ln.page, paragraph=paragraph_no, line=ln.number, bbox=(ln.x0, ln.top, ln.x1, ln.bottom))
            _texts[id(b)] = ln.text
            b_heights[id(b)] = ln.height
            b_centered[id(b)] = abs((ln.x0 + ln.x1) / 2 - mid) < typical and ln.x0 > left + 2 * typical
            blocks.append(b)
            para_blocks.append(b)
            parts.append(ln.text)
            pos += len(ln.text)
            prev = ln
            prev_text = ln.text if not join else (prev_text or "") + ln.text
            prev_page_right = page_right
            first_on_page = False
    close_paragraph()
    text = "".join(parts)
    return Document(SourceInfo(name, sha256, "pdf", pages=n_pages), text, blocks, tables, furniture)
