"""Helpers for the rule tests of the 4xx/6xx/7xx/8xx families: run a short report text through the
whole pipeline (txt reader → build_report → run_rules) exactly as `reportparse check` would."""

from __future__ import annotations

import hashlib

from reportparse.build import build_report
from reportparse.readers.txt import read_txt
from reportparse.rules import run_rules


def check_text(text: str, select=None):
    data = text.encode("utf-8")
    doc = read_txt("示例.txt", data, hashlib.sha256(data).hexdigest())
    report = build_report(doc)
    return run_rules(report, doc, select=select), report, doc


def fails(text: str, rule_id: str):
    findings, _, _ = check_text(text, select=[rule_id])
    return [f for f in findings if f.rule == rule_id and f.status == "fail"]


def table_doc(parts, name="示例.pdf", fiscal_year=None):
    """A Document with real Table/Cell objects, for the 6xx rules without a PDF reader in the way.

    ``parts`` is a list of strings (paragraph lines) and lists of rows (a table: each row a list of
    cell texts, "" for an empty cell).  Cells get exact spans in Document.text, one line per row,
    cells separated by a tab, as a reader that flattens a table would write them.
    """
    from reportparse.model import Block, Cell, Document, SourceInfo, Table

    text = ""
    blocks, tables = [], []
    line = 1
    page = 1
    for part in parts:
        if isinstance(part, str):
            if part == "\f":
                page += 1
                continue
            blocks.append(Block("paragraph", len(text), len(text) + len(part), page=page, line=line))
            text += part + "\n"
            line += 1
            continue
        t = Table(index=len(tables), cells=[], page=page)
        for r, row in enumerate(part):
            for c, cell in enumerate(row):
                start = len(text)
                text += cell
                if cell:
                    t.cells.append(Cell(r, c, cell, start, start + len(cell)))
                    blocks.append(Block("table_cell", start, start + len(cell), page=page, table=t.index,
                                        row=r, col=c, line=line))
                text += "\t" if c < len(row) - 1 else "\n"
            line += 1
        tables.append(t)
    data = text.encode("utf-8")
    return Document(SourceInfo(name, hashlib.sha256(data).hexdigest(), "pdf", None, page), text, blocks, tables)


def check_document(doc, select=None):
    report = build_report(doc)
    return run_rules(report, doc, select=select), report


def example_parts(example: str):
    """A docstring example with `| a | b |` rows → table_doc parts (consecutive rows form one table)."""
    parts: list = []
    for line in example.splitlines():
        line = line.strip()
        if line.startswith("|"):
            row = [c.strip() for c in line.strip("|").split("|")]
            if parts and isinstance(parts[-1], list):
                parts[-1].append(row)
            else:
                parts.append([row])
        elif line:
            parts.append(line)
    return parts
