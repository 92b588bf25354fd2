"""Human-readable `parse` output: the blocks with their locations, then the figures."""

from __future__ import annotations

from ..model import Document, Report

KIND_ZH = {"heading": "标题", "paragraph": "段落", "table_cell": "表格"}


def _clip(s: str, n: int = 60) -> str:
    s = s.replace("\r", "").replace("\n", "⏎")
    return s if len(s) <= n else s[: n - 1] + "…"


def render_parse_text(document: Document, report: Report) -> str:
    src = document.source
    lines = [f"== {src.path}  格式 {src.format}" + (f"  编码 {src.encoding}" if src.encoding else "")
             + (f"  共 {src.pages} 页" if src.pages else "")]
    meta = report.document
    if meta.title or meta.organization or meta.fiscal_year:
        lines.append(f"   标题：{meta.title or '-'}  单位：{meta.organization or '-'}  年度：{meta.fiscal_year or '-'}  类型：{meta.genre}")
    lines.append(f"-- 文本块 {len(document.blocks)} 个")
    for b in document.blocks:
        loc = document.locate(b.start)
        lines.append(f"[{b.start}:{b.end}] {KIND_ZH.get(b.kind, b.kind)} {loc.short()}  {_clip(document.text[b.start:b.end])}")
    if document.furniture:
        lines.append(f"-- 页眉页脚 {len(document.furniture)} 处")
        for f in document.furniture:
            lines.append(f"   第{f.page or '-'}页 {f.kind}：{_clip(f.text)}")
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
