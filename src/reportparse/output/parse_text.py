"""Human-readable `parse` output: the blocks with their locations, then the figures.

One line per block: its span in Document.text, its kind, and where it stands in the user's file
(page and line for a PDF, paragraph index for a DOCX, table/row/column for a table cell, line for
a text file), then the start of its text.  Deterministic: no clock, document order.
"""

from __future__ import annotations

from ..model import Block, Document, Report

KIND_ZH = {"heading": "标题", "paragraph": "段落", "table_cell": "表格"}
FURNITURE_ZH = {"header": "页眉", "footer": "页脚", "page_number": "页码"}

# the text is read by people: the schema's genre ids in the words of the reports themselves
GENRE_ZH = {
    "performance_self_evaluation": "部门整体支出绩效自评", "project_self_evaluation": "项目支出绩效自评",
    "final_accounts": "部门决算", "budget": "部门预算", "three_public": "三公经费说明",
    "statistics_communique": "统计公报", "work_report": "政府工作报告", "audit_report": "审计报告", "other": "其他",
}


def _clip(s: str, n: int = 60) -> str:
    s = s.replace("\r", "").replace("\n", "⏎").replace("\t", "→")
    return s if len(s) <= n else s[: n - 1] + "…"


def block_place(b: Block) -> str:
    """Where a block is, in the words a reader of the original file uses."""
    parts = []
    if b.page is not None:
        parts.append(f"第{b.page}页")
    if b.table is not None:
        parts.append(f"表{b.table + 1} 第{(b.row or 0) + 1}行第{(b.col or 0) + 1}列")
    elif b.paragraph is not None and b.page is None and b.line is None:
        parts.append(f"第{b.paragraph + 1}段")
    if b.line is not None:
        parts.append(f"第{b.line}行")
    return " ".join(parts) or "-"


def render_parse_text(document: Document, report: Report) -> str:
    src = document.source
    lines = [f"== {src.path}  格式 {src.format}" + (f"  编码 {src.encoding}" if src.encoding else "")
             + (f"  共 {src.pages} 页" if src.pages else "") + f"  {len(document.text)} 字符"]
    meta = report.document
    if meta.title or meta.organization or meta.fiscal_year:
        lines.append(f"   标题：{meta.title or '-'}  单位：{meta.organization or '-'}  年度：{meta.fiscal_year or '-'}  类型：{GENRE_ZH.get(meta.genre, meta.genre)}")
    lines.append(f"-- 文本块 {len(document.blocks)} 个（[起:止) 为在全文中的字符位置）")
    for b in document.blocks:
        kind = KIND_ZH.get(b.kind, b.kind)
        if b.kind == "heading" and b.level:
            kind += str(b.level)
        lines.append(f"[{b.start}:{b.end}] {kind} {block_place(b)}  {_clip(document.text[b.start:b.end])}")
    if document.tables:
        lines.append(f"-- 表格 {len(document.tables)} 个")
        for t in document.tables:
            where = f"第{t.page}页 " if t.page else ""
            caption = f"  {t.caption}" if t.caption else ""
            filled = sum(1 for c in t.cells if c.text)
            lines.append(f"   表{t.index + 1} {where}{t.n_rows}行×{t.n_cols}列 {filled}个非空单元格{caption}")
    if document.furniture:
        lines.append(f"-- 页眉页脚（不计入正文）{len(document.furniture)} 处")
        for f in document.furniture:
            page = f"第{f.page}页 " if f.page else ""
            lines.append(f"   {page}{FURNITURE_ZH.get(f.kind, f.kind)}：{_clip(f.text)}")
    if report.quantities:
        lines.append(f"-- 数字 {len(report.quantities)} 个")
        for q in report.quantities:
            extra = " ".join(x for x in (q.label and f"指标={q.label}", q.concept and f"口径={q.concept}") if x)
            lines.append(f"{q.id} [{q.span[0]}:{q.span[1]}] {q.location.short()}  {q.kind} {q.text} = {q.normalized}{q.normalized_unit} {q.approx} {extra}")
    if report.dates:
        lines.append(f"-- 日期 {len(report.dates)} 个")
        for d in report.dates:
            lines.append(f"{d.id} [{d.span[0]}:{d.span[1]}] {d.location.short()}  {d.kind} {d.text} = {d.value}" + (f" {d.time}" if d.time else ""))
    return "\n".join(lines) + "\n"
