"""The section tree of a report from its numbering: 第一部分, 一、, （一）, 1、, （1）, ①.

A heading is a line that starts (after whitespace and export junk such as `[bookmark: _GoBack]`)
with a marker.  Real files break the textbook nesting, so the tree is built from the *sequence*
of numbers, not from a fixed marker → level table:

- `二、` after `一、` of the same kind is its next sibling, however deep the `一、` sits;
- a `一、` right under a `一、` heading opens a nested list (the seed's `一、部门概况` then the
  indented `一、部门职责`), and the later `二、部门整体支出绩效情况` still finds its sibling by number;
- a `1` whose kind is already open higher up, under a heading of another kind, restarts that
  list (a table of contents followed by the body, page after page of `一、`);
- a `（一）` may start mid-line after a short unpunctuated lead (`…得到全面加强情况（一）以…`).

`level` is the depth in that tree (1 = top), so it equals the textbook level (一、 1, （一） 2,
1、 3, （1） 4) in a regularly numbered report.  Ids are paths of sibling positions: `s2`, `s2.1`,
`s2.1.3`; they depend only on the text, so they are stable between runs.  A section's span runs
from its marker to the next heading that is not inside it (or the end of the text).
Pure `re`, compiled once; never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..extract.chinese_numerals import SMALL_CHARS, small_int
from ..model import Document, Section

MAX_TITLE = 50  # characters: a numbered paragraph's "title" is its first clause, capped
MAX_LEAD = 40  # a mid-line （一） is a heading only after a short lead without sentence ends

_CN = f"[{SMALL_CHARS}]{{1,3}}"
# kind, pattern.  Kinds: part (第一部分), chapter (第一章), section (第一节), cn (一、),
# paren_cn (（一）), num (1、), paren_num (（1）), circled (①).
_MARKERS = (
    ("part", rf"第(?P<part>{_CN}|\d{{1,2}})部分"),
    ("chapter", rf"第(?P<chapter>{_CN}|\d{{1,2}})章"),
    ("section", rf"第(?P<section>{_CN}|\d{{1,2}})节"),
    ("cn", rf"(?P<cn>{_CN})\s*(?:、|[．.](?![\d０-９]))"),
    ("paren_cn", rf"[（(]\s*(?P<paren_cn>{_CN})\s*[）)]"),
    ("num", r"(?P<num>[0-9０-９]{1,2})\s*(?:[、]|[.．](?![0-9０-９]))"),
    ("paren_num", r"[（(]\s*(?P<paren_num>[0-9０-９]{1,2})\s*[）)]"),
    ("circled", r"(?P<circled>[①-⑳])"),
)
_HEADING = re.compile(
    r"^(?P<indent>[ \t\u3000\xa0]*(?:\[bookmark:[^\]\n]*\][ \t\u3000]*)?)(?P<marker>"
    + "|".join(p for _, p in _MARKERS)
    + r")[ \t\u3000]*(?P<rest>[^\n]*)",
    re.MULTILINE,
)
_MIDLINE = re.compile(rf"(?P<lead>[^\n。；;！？!?：:]{{2,{MAX_LEAD}}}?)(?P<marker>[（(]\s*(?P<paren_cn>一)\s*[）)])(?P<rest>[^\n]*)")
_LINE = re.compile(r"^[^\n]*", re.MULTILINE)
_TITLE_END = re.compile(r"[。；;：:！？!?\r]")
_TOC_LEADER = re.compile(r"[…\.·．]{4,}|…{2,}")
_KINDS = tuple(k for k, _ in _MARKERS)
_PROSE = re.compile(r"[，。；]")  # a line with clause punctuation is prose, whatever it ends with
# A numbered line that ends in a bare figure, or holds a second marker after a space, is a table
# row that a PDF flattened into text, not a heading.
_TABLE_ROW = re.compile(
    rf"(?:^|\s)-?[0-9０-９][0-9０-９,，.．]*\s*$|\s(?:{_CN}、|[（(]{_CN}[）)])\S"
)


@dataclass
class _Node:
    kind: str
    number: int
    start: int  # offset of the marker
    marker: str
    title: str
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    end: int = -1


def _title(rest: str) -> str:
    m = _TITLE_END.search(rest)
    t = (rest[: m.start()] if m else rest).strip()
    return t[:MAX_TITLE].rstrip()


def _wrapped(document: Document, start: int, rest: str) -> str:
    """The heading's text on, through the line breaks a PDF put inside its paragraph block."""
    if not rest or _TITLE_END.search(rest) or not document.blocks:
        return rest
    block = document.block_at(start)
    if block is None or block.kind == "table_cell" or block.end <= start + len(rest):
        return rest
    return document.text[start:min(block.end, start + 4 * MAX_TITLE)].replace("\r", "").replace("\n", "")


def _in_table(document: Document, offset: int) -> bool:
    if not document.blocks:
        return False
    block = document.block_at(offset)
    return block is not None and block.kind == "table_cell"


def _candidates(document: Document) -> list[_Node]:
    text = document.text
    out: list[_Node] = []
    for m in _HEADING.finditer(text):
        kind = next(k for k in _KINDS if m.group(k) is not None)
        number = small_int(m.group(kind)) if kind != "circled" else ord(m.group(kind)) - ord("①") + 1
        rest = m.group("rest")
        if number is None or number == 0 or _TOC_LEADER.search(rest):
            continue  # table-of-contents lines with leader dots repeat the real headings
        if kind == "num" and not rest.strip():
            continue  # a bare `1.` line is a page or table number, not a heading
        if (_TABLE_ROW.search(rest) and not _PROSE.search(rest)) or _in_table(document, m.start("marker")):
            continue  # `一、一般公共预算财政拨款收入 9746.50 一、一般公共服务支出`: a flattened table row
        out.append(_Node(kind, number, m.start("marker"), m.group("marker").strip(),
                         _title(_wrapped(document, m.start("rest"), rest))))
    # A （一） that starts mid-line after a short heading-like lead.
    for line in _LINE.finditer(text):
        s = line.group()
        if "一" not in s or _HEADING.match(s):
            continue
        m = _MIDLINE.match(s)
        if m and m.group("lead").strip():
            out.append(_Node("paren_cn", 1, line.start() + m.start("marker"), m.group("marker"), _title(m.group("rest"))))
    out.sort(key=lambda n: n.start)
    return out


def _build(nodes: list[_Node]) -> list[_Node]:
    roots: list[_Node] = []
    stack: list[_Node] = []  # the open path from a root to the last heading

    def attach(node: _Node, depth: int) -> None:
        """Make ``node`` a child of stack[depth - 1] (a root when depth is 0)."""
        del stack[depth:]
        parent = stack[-1] if stack else None
        node.parent = parent
        (parent.children if parent else roots).append(node)
        stack.append(node)

    for node in nodes:
        # 1. the next number of an open list of the same kind: its sibling.
        sib = next((i for i in range(len(stack) - 1, -1, -1)
                    if stack[i].kind == node.kind and stack[i].number == node.number - 1), None)
        if sib is not None:
            attach(node, sib)
            continue
        same = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].kind == node.kind), None)
        if node.number == 1:
            # 2. a first item opens a list under the current heading, unless its kind is already
            #    open higher up under a heading of another kind, or the heading above is a later
            #    item of its kind (`第四部分` then `第一部分`: a contents page ends): that list restarts.
            if same is None or (stack[-1].kind == node.kind and stack[-1].number == 1):
                attach(node, len(stack))
            else:
                attach(node, same)
            continue
        # 3. a number far past its list (`十、` right after `二、`) is a flattened table row: dropped.
        if same is not None and node.number > stack[same].number + 2:
            continue
        # 4. a skipped or repeated number: sibling of the nearest list of its kind, else nested.
        attach(node, same if same is not None else len(stack))
    return roots


def find_sections(document: Document) -> list[Section]:
    """Every numbered heading as a Section, in text order.  Never raises."""
    try:
        text = document.text
        roots = _build(_candidates(document))
    except Exception:  # a report without a tree is still a report
        return []
    out: list[Section] = []

    def walk(nodes: list[_Node], prefix: str, parent_id: str | None, depth: int, limit: int) -> None:
        for i, node in enumerate(nodes):
            end = nodes[i + 1].start if i + 1 < len(nodes) else limit
            sid = f"{prefix}{i + 1}"
            out.append(Section(id=sid, number=node.marker, title=node.title, level=depth,
                               span=(node.start, end), parent=parent_id))
            walk(node.children, sid + ".", sid, depth + 1, end)

    walk(roots, "s", None, 1, len(text))
    out.sort(key=lambda s: (s.span[0], s.level))
    return out


def section_at(sections: list[Section], offset: int) -> str | None:
    """Id of the innermost section containing ``offset`` (for Quantity.section)."""
    best: Section | None = None
    for s in sections:
        if s.span[0] <= offset < s.span[1] and (best is None or s.level > best.level):
            best = s
    return best.id if best else None
