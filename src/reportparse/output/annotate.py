"""Word comments on the offending figures, written into a copy of the user's own .docx.

Why this module walks the XML itself: a Word comment can only start and end on run boundaries, and a
figure like ``139.38万元`` is often split over runs (``139`` ``.3`` ``8万元``) or shares a run with the
words around it.  So a span of ``Document.text`` is traced back to the runs (``w:r``) that printed it,
the runs at either edge are split exactly at the figure's first and last character (each half keeps a
copy of the run's ``w:rPr`` formatting), and python-docx 1.2's ``Document.add_comment`` anchors the
comment on the isolated runs.

The traversal follows the .docx reader's order: body paragraphs and tables in document order; table
cells row by row, a vertically merged cell once; runs inside ``w:ins`` (tracked insertions), hyperlinks,
simple fields and content controls are visible text; ``w:del``/``w:moveFrom`` runs (tracked deletions)
and field-code instructions are not.  Each body block of the Document is matched to one of these units
and its characters aligned to the unit's characters, so a small difference in how the reader joins or
trims text cannot put a comment on the wrong figure: an anchor is only placed where the characters
under it equal the figure's text.

Nothing here touches the source file: it is read into memory and the copy is written to a temporary
file beside the output and renamed into place.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import io
import os
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadError
from ..model import CheckResult, Document, Finding, FindingMember

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def _q(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# Containers inside a paragraph whose runs are visible text (tracked insertions, links, fields ...).
_PASS_THROUGH = {_q(t) for t in ("ins", "hyperlink", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo")}
_SDT, _SDT_CONTENT = _q("sdt"), _q("sdtContent")
_R, _P, _TBL, _TR, _TC, _T = _q("r"), _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("t")
# Run children that print one character each (w:br counts only as a line break, see _char_count).
_ONE_CHAR = {_q("tab"): "\t", _q("ptab"): "\t", _q("cr"): "\n", _q("noBreakHyphen"): "-"}
_BR = _q("br")

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
AUTHOR = "reportparse"
INITIALS = "RP"
# A fixed zip timestamp: the same draft and findings give the same bytes (no clock in the output).
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------------------------------------
# Traversal: units (a body paragraph, or a table cell's paragraphs) and their runs


def _char_count(child) -> int:
    """How many characters a run child prints: a w:t its text, a tab or line break one."""
    tag = child.tag
    if tag == _T:
        return len(child.text or "")
    if tag == _BR:
        # A page or column break is layout, not text (the reader reads it so too).
        return 1 if child.get(_q("type")) in (None, "textWrapping") else 0
    return 1 if tag in _ONE_CHAR else 0


def run_text(r) -> str:
    """The characters a run prints, counted exactly as the .docx reader counts them."""
    out = []
    for child in r:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif _char_count(child):
            out.append(_ONE_CHAR.get(tag, "\n"))
    return "".join(out)


def paragraph_runs(p) -> Iterator:
    """The visible ``w:r`` of a paragraph in order: inside w:ins/hyperlinks/fields, never w:del."""
    for child in p:
        tag = child.tag
        if tag == _R:
            yield child
        elif tag in _PASS_THROUGH:
            yield from paragraph_runs(child)
        elif tag == _SDT:
            for content in child.iter(_SDT_CONTENT):
                yield from paragraph_runs(content)
                break
        # w:del, w:moveFrom, w:pPr, bookmarks, range markers: no visible text


@dataclass
class Unit:
    """One body paragraph or one table cell: the runs that print its text, in order."""

    paragraphs: list  # w:p elements; a cell's paragraphs are joined by "\n" like the reader does
    paragraph: int | None = None  # body paragraph index (w:p at body level, in order)
    table: int | None = None
    row: int | None = None
    col: int | None = None
    pieces: list[tuple[object | None, str]] = field(default_factory=list)  # (w:r or None for "\n", text)

    def refresh(self) -> str:
        self.pieces = []
        first = True
        for p in self.paragraphs:
            runs = [(r, run_text(r)) for r in paragraph_runs(p)]
            if self.table is not None and not "".join(t for _, t in runs).strip():
                continue  # the reader leaves a cell's blank paragraphs out
            if not first:
                self.pieces.append((None, "\n"))
            first = False
            self.pieces.extend((r, t) for r, t in runs if t)
        return self.text

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.pieces)


def _cell_paragraphs(tc) -> list:
    """A cell's paragraphs, nested tables' paragraphs included in order."""
    out = []
    for child in tc:
        if child.tag == _P:
            out.append(child)
        elif child.tag == _TBL:
            out.extend(child.iter(_P))
        elif child.tag in (_SDT, _q("customXml")):
            out.extend(child.iter(_P))
    return out


def _grid_int(parent, path: str, default: int) -> int:
    el = parent.find(path) if parent is not None else None
    val = el.get(_q("val")) if el is not None else None
    return int(val) if val and val.isdigit() else default


def body_units(body) -> list[Unit]:
    """Body paragraphs and table cells in document order, numbered the way the .docx reader does.

    Paragraphs count in body order, tables not counted; a cell's column is its grid column
    (gridBefore and gridSpan counted); a vertically merged cell is one unit, where it starts.
    """
    units: list[Unit] = []
    counters = {"p": 0, "t": 0}
    wrappers = {_SDT, _SDT_CONTENT, _q("customXml"), _q("ins"), _q("moveTo")}

    def table(tbl) -> None:
        t = counters["t"]
        counters["t"] += 1
        open_merge: set[int] = set()
        ri = 0
        for tr in tbl.iter(_TR):
            if tr.getparent() is not tbl and tr.getparent().tag != _SDT_CONTENT:
                continue  # rows of a nested table are read as part of their cell
            col = _grid_int(tr.find(_q("trPr")), _q("gridBefore"), 0)
            for tc in tr.iter(_TC):
                if tc.getparent() is not tr and tc.getparent().tag != _SDT_CONTENT:
                    continue
                tcpr = tc.find(_q("tcPr"))
                width = max(1, _grid_int(tcpr, _q("gridSpan"), 1))
                vm = tcpr.find(_q("vMerge")) if tcpr is not None else None
                vmerge = None if vm is None else (vm.get(_q("val")) or "continue")
                if vmerge == "continue" and col in open_merge:
                    col += width
                    continue
                units.append(Unit(_cell_paragraphs(tc), table=t, row=ri, col=col))
                if vmerge == "restart":
                    open_merge.add(col)
                else:
                    open_merge.discard(col)
                col += width
            ri += 1

    def walk(container) -> None:
        for child in container:
            if child.tag == _P:
                units.append(Unit([child], paragraph=counters["p"]))
                counters["p"] += 1
            elif child.tag == _TBL:
                table(child)
            elif child.tag in wrappers:
                walk(child)  # content controls and tracked block insertions wrap real paragraphs

    walk(body)
    for u in units:
        u.refresh()
    return units


def traversal_text(units: list[Unit]) -> str:
    """The units' texts joined by "\n": what the .docx reader's Document.text is built from."""
    return "\n".join(u.text for u in units)


# ---------------------------------------------------------------------------------------------
# Splitting runs at a character, keeping formatting


def _split_run(r, k: int):
    """Split run ``r`` before its k-th printed character (0 < k < len); return the right half.

    Both halves keep the run's ``w:rPr`` (deep-copied), so the figure keeps its font, size and colour.
    Zero-width children (field chars, drawings, bookmarks) stay with the left half.
    """
    right = copy.deepcopy(r)
    left_children = [c for c in r if c.tag != _q("rPr")]
    right_children = [c for c in right if c.tag != _q("rPr")]
    pos = 0
    for lc, rc in zip(left_children, right_children):
        n = _char_count(lc)
        if pos + n <= k:  # wholly left
            right.remove(rc)
        elif pos >= k:  # wholly right
            r.remove(lc)
        else:  # a w:t cut in two
            cut = k - pos
            text = lc.text or ""
            lc.text, rc.text = text[:cut], text[cut:]
            for t in (lc, rc):
                t.set(f"{{{XML_NS}}}space", "preserve")
        pos += n
    r.addnext(right)
    return right


def isolate(unit: Unit, start: int, end: int) -> list:
    """Split runs so that unit.text[start:end] is printed by whole runs; return those runs."""
    pos = 0
    for r, t in list(unit.pieces):
        a, b = pos, pos + len(t)
        pos = b
        if r is None or b <= start or a >= end:
            continue
        if a < start:
            r = _split_run(r, start - a)
            a = start
        if b > end:
            _split_run(r, end - a)
    unit.refresh()
    runs, pos = [], 0
    for r, t in unit.pieces:
        a, b = pos, pos + len(t)
        pos = b
        if r is not None and a >= start and b <= end and b > a:
            runs.append(r)
    return runs


# ---------------------------------------------------------------------------------------------
# From Document spans to units


class SpanMapper:
    """Maps a span of Document.text to (unit, start, end) in that unit's own text."""

    def __init__(self, document: Document, units: list[Unit]) -> None:
        self.document = document
        self.units = units
        self.block_unit: dict[int, int] = {}
        self._match_blocks()

    @staticmethod
    def _squash(s: str) -> str:
        return "".join(s.split())

    def _match_blocks(self) -> None:
        doc = self.document
        by_para = {u.paragraph: i for i, u in enumerate(self.units) if u.paragraph is not None}
        by_cell = {(u.table, u.row, u.col): i for i, u in enumerate(self.units) if u.table is not None}
        squashed = [self._squash(u.text) for u in self.units]
        cursor = 0
        for bi, b in enumerate(doc.blocks):
            want = self._squash(doc.text[b.start : b.end])
            if b.kind == "table_cell":
                guess = by_cell.get((b.table, b.row, b.col))
            else:
                guess = by_para.get(b.paragraph)
            if guess is not None and squashed[guess] == want:
                self.block_unit[bi] = guess
                cursor = max(cursor, guess + 1)
                continue
            # The reader numbers blocks differently from the guess: take the next unit, in document
            # order, that prints the same characters.
            for ui in range(cursor, len(self.units)):
                if squashed[ui] == want and want:
                    self.block_unit[bi] = ui
                    cursor = ui + 1
                    break

    def locate(self, span: tuple[int, int]) -> tuple[Unit, int, int] | None:
        """The unit and the offsets inside it of a figure, or None if its characters are not found."""
        s, e = span
        doc = self.document
        block = doc.block_at(s)
        if block is None or e <= s:
            return None
        bi = doc.blocks.index(block)
        ui = self.block_unit.get(bi)
        if ui is None:
            return None
        unit = self.units[ui]
        btext = doc.text[block.start : block.end]
        utext = unit.text
        figure = doc.text[s:e]
        a, b = s - block.start, min(e, block.end) - block.start
        if b < len(figure) + a:  # a figure running past its block: anchor the part inside it
            figure = btext[a:b]
        if btext == utext:
            return unit, a, b
        # Align the block's characters to the unit's characters and read the figure's place off it.
        sm = difflib.SequenceMatcher(None, btext, utext, autojunk=False)
        for blk in sm.get_matching_blocks():
            if blk.a <= a and b <= blk.a + blk.size:
                ua = blk.b + (a - blk.a)
                if utext[ua : ua + len(figure)] == figure:
                    return unit, ua, ua + len(figure)
        # Last resort: the occurrence of the figure's text nearest its expected place.
        best = None
        i = utext.find(figure)
        while i != -1:
            if best is None or abs(i - a) < abs(best - a):
                best = i
            i = utext.find(figure, i + 1)
        if best is not None:
            return unit, best, best + len(figure)
        return None


# ---------------------------------------------------------------------------------------------
# Comment text


def _where(member: FindingMember, document: Document) -> str:
    loc = member.location or document.locate(member.span[0])
    if loc.table is not None:
        return f"表{loc.table + 1}第{(loc.row or 0) + 1}行第{(loc.col or 0) + 1}列"
    if loc.page is not None:
        return f"第{loc.page}页第{loc.line}行"
    if loc.paragraph is not None:
        return f"第{loc.paragraph + 1}段"
    return f"第{loc.line}行"


def comment_text(finding: Finding, document: Document) -> str:
    """`[RP501 grade-mismatch] 错误：message`, then the other figures of the finding by place."""
    sev = SEVERITY_ZH.get(finding.severity, finding.severity)
    if finding.decision:
        sev += "（影响结论）"
    lines = [f"[{finding.rule} {finding.name}] {sev}：{finding.message}"]
    others = finding.members[1:]
    if others:
        named = "、".join(f"“{m.text}”（{_where(m, document)}）" for m in others)
        lines.append(f"相关数字：{named}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The command's entry point


def _check_paths(source_path: str, out_path: str, force: bool) -> bytes:
    src, out = Path(source_path), Path(out_path)
    if not src.exists():
        raise ReadError(source_path, "文件不存在")
    if src.is_dir():
        raise ReadError(source_path, "这是一个目录，不是文件")
    if out.suffix.lower() != ".docx":
        raise ReadError(out_path, "批注后的副本应以 .docx 结尾")
    same = src.resolve() == out.resolve()
    if not same and out.exists():
        try:
            same = os.path.samefile(src, out)
        except OSError:
            same = False
    if same:
        raise ReadError(out_path, "输出文件就是原文件；原文件不会被修改，请另选一个输出路径")
    if out.exists() and not force:
        raise ReadError(out_path, "输出文件已存在，未覆盖（确需覆盖请加 --force）")
    if out.is_dir():
        raise ReadError(out_path, "输出路径是一个目录")
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise ReadError(source_path, f"无法读取文件（{exc.strerror or exc}）") from None
    # Decided by the content, like the readers: a Word file named .DOC or without a suffix still works.
    hint = "只能给 .docx 文件加批注；PDF 和文本文件请用 --html 生成审阅页面"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise ReadError(source_path, f"不是 .docx 文件（压缩包中没有 word/document.xml）；{hint}")
    except zipfile.BadZipFile:
        raise ReadError(source_path, f"不是 .docx 文件（不是 zip 压缩包，或已损坏）；{hint}") from None
    return data


def _deterministic_zip(data: bytes) -> bytes:
    """Re-pack with a fixed timestamp per entry, so the output has no clock in it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


def annotate_docx(source_path: str, out_path: str, document: Document, result: CheckResult, force: bool) -> None:
    """Write a copy of ``source_path`` to ``out_path`` with one Word comment per failed finding.

    ``document`` is what the .docx reader made of ``source_path``; each comment is anchored on the
    characters of the finding's first member (the main figure) and names the others.  Raises ReadError
    (Chinese message naming the file) when the input is not a .docx, the output is the input, or the
    output exists and ``force`` is false.  The source file is never opened for writing.
    """
    import docx
    from docx.text.run import Run

    data = _check_paths(source_path, out_path, force)
    # The spans index the text read from these very bytes; a file changed since then would put
    # comments on the wrong characters.
    if document.source.sha256 and hashlib.sha256(data).hexdigest() != document.source.sha256:
        raise ReadError(source_path, "文件在读取之后被修改过，请重新运行核对")
    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise ReadError(source_path, f"无法打开 .docx（{type(exc).__name__}）") from None
    units = body_units(word.element.body)
    mapper = SpanMapper(document, units)

    findings = [f for f in result.findings if f.status == "fail"]
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order.get(f.severity, 3), f.members[0].span if f.members else (0, 0), f.rule))
    for finding in findings:
        runs = []
        if finding.members:
            placed = mapper.locate(tuple(finding.members[0].span))
            if placed is not None:
                unit, a, b = placed
                runs = isolate(unit, a, b)
        text = comment_text(finding, document)
        if not runs:
            runs = _fallback_runs(mapper, finding)
        if not runs:
            # Nothing to point at (no members, or none found): keep the finding, on the first text.
            runs = next(([r for r, _ in u.pieces if r is not None] for u in units if u.text.strip()), [])
            text = "（未能定位到具体数字）" + text
        if not runs:
            continue
        comment = word.add_comment(
            [Run(r, word._body) for r in (runs[0], runs[-1])],
            text=text,
            author=AUTHOR,
            initials=INITIALS,
        )
        # Word shows the date when present; leaving it out keeps the output free of the clock.
        comment._comment_elm.attrib.pop(_q("date"), None)

    buf = io.BytesIO()
    word.save(buf)
    payload = _deterministic_zip(buf.getvalue())
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".reportparse-", suffix=".docx", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        # mkstemp creates the file 0600; the copy is the user's document, so give it the mode any new file gets
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _fallback_runs(mapper: SpanMapper, finding: Finding) -> list:
    """No member found in the runs: anchor on the whole paragraph or cell of the finding, if any."""
    doc = mapper.document
    offsets = [m.span[0] for m in finding.members]
    for off in offsets:
        block = doc.block_at(off)
        if block is None:
            continue
        ui = mapper.block_unit.get(doc.blocks.index(block))
        if ui is not None:
            runs = [r for r, _ in mapper.units[ui].pieces if r is not None]
            if runs:
                return runs
    return []
