"""The review page: one self-contained HTML file showing the document with its figures and findings.

Why it is built this way:
- Self-contained: CSS and JS are inlined from package data (data/html/), fonts are the system's, and a
  Content-Security-Policy allows nothing from the network.  The CSP also names the inline script and
  style by their SHA-256, so even a mistake in escaping could not run injected script or handlers.
- Every character of the report goes through ``html.escape``; the per-figure data the tooltips show
  travels as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
  written as ``\\u003c`` etc., and the script only ever writes it with ``textContent``.
- The text is cut into flat segments at every boundary of a figure, a date or a finding member, so
  overlapping mentions never need nested tags: each segment lists the figures (data-q) and the
  findings (data-f) it belongs to.
- Deterministic: no clock, everything sorted; the same input gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from pathlib import PurePath

from ..model import CheckResult, DateMention, Document, Finding, Quantity, Report

KIND_ZH = {
    "money": "金额",
    "count": "数量",
    "percent": "百分比",
    "score": "得分",
    "rate": "单价/比率",
    "ordinal": "序数",
    "duration": "时长",
    "date": "日期",
}
LEGEND_ORDER = ["money", "count", "percent", "date", "score", "rate", "ordinal", "duration"]
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
APPROX_ZH = {"approx": "约数（±末位一个单位）", "at_least": "不少于（余/多/以上）", "at_most": "不超过（近）"}
ROLE_ZH = {
    "total": "合计", "part": "分项", "whole": "总体", "subset": "其中", "this_year": "本年", "last_year": "上年",
    "change": "增减额", "pct_change": "增减率", "rate": "单价/比率", "count": "数量", "score": "得分",
    "grade": "等级", "share": "占比", "budget": "预算数", "actual": "执行数", "income": "收入",
    "expense": "支出", "balance": "结余", "repeat": "重复出现", "first": "首次出现",
    "list": "所列项目", "item": "项目",
    # roles the rules give that the page showed in English (found on the real corpus, 2026-11)
    "again": "再次出现", "text": "正文", "table": "表格", "table_a": "表格（甲）", "table_b": "表格（乙）",
    "restated": "复述", "heading": "标题", "placeholder": "模板占位", "instruction": "模板说明",
    "alternative": "二选一措辞", "blank": "空白", "weight": "分值", "range": "范围",
    "income_total": "收入总计", "expense_total": "支出总计", "basic": "基本支出", "project": "项目支出",
    "personnel": "人员经费", "public": "公用经费", "abroad": "因公出国（境）", "reception": "公务接待",
    "car": "公务用车", "car_running": "公车运行维护", "car_purchase": "公车购置", "difference": "差额",
    "execution": "执行率", "anniversary": "周年", "term": "比例项", "culprit": "可疑数字", "phrase": "措辞",
    "start": "起", "end": "止", "date": "日期", "weekday": "星期", "compared_year": "对比年份",
}
FORMAT_ZH = {"txt": "文本", "docx": "Word 文档", "pdf": "PDF"}


def _asset(name: str) -> str:
    return (resources.files("reportparse") / "data" / "html" / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _json_for_script(obj) -> str:
    """JSON that cannot close its <script> element or open a comment, whatever the strings hold."""
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _where(loc) -> str:
    """A Location in words: 第3页第12行第5列, 表1第2行第3列, 第12行第23列."""
    if loc is None:
        return ""
    parts = []
    if loc.page is not None:
        parts.append(f"第{loc.page}页")
    if loc.table is not None:
        parts.append(f"表{loc.table + 1}第{(loc.row or 0) + 1}行第{(loc.col or 0) + 1}列")
    else:
        parts.append(f"第{loc.line}行第{loc.column}列")
    return "".join(parts)


def _sorted_findings(result: CheckResult) -> tuple[list[tuple[str, Finding]], list[tuple[str, Finding]]]:
    """(failures errors first, passes), each with its stable id f1.. / p1.."""

    def key(f: Finding):
        first = f.members[0].span if f.members else (0, 0)
        return (SEVERITY_ORDER.get(f.severity, 3), not f.decision, tuple(first), f.rule, f.message)

    fails = sorted((f for f in result.findings if f.status == "fail"), key=key)
    passes = sorted((f for f in result.findings if f.status == "pass"), key=lambda f: (key(f)[2], f.rule, f.message))
    return [(f"f{i}", f) for i, f in enumerate(fails, 1)], [(f"p{i}", f) for i, f in enumerate(passes, 1)]


def _figure_data(document: Document, quantities: list[Quantity], dates: list[DateMention]) -> dict:
    data: dict[str, dict] = {}
    for q in quantities:
        lo, hi = q.interval
        item = {
            "kind": q.kind,
            "kindName": KIND_ZH.get(q.kind, q.kind),
            "text": q.text,
            "value": f"{q.value} {q.unit}".strip() + (f"/{q.per}" if q.per and "/" not in q.unit else ""),
            "normalized": f"{q.normalized} {q.normalized_unit}" if (q.normalized, q.normalized_unit) != (q.value, q.unit) else "",
            "interval": f"[{lo}, {hi}] {q.normalized_unit}",
            "approx": APPROX_ZH.get(q.approx, ""),
            "label": q.label or (q.column_header or ""),
            "concept": q.concept or "",
            "where": _where(q.location),
        }
        data[q.id] = item
    for d in dates:
        data[d.id] = {
            "kind": "date",
            "kindName": KIND_ZH["date"],
            "text": d.text,
            "value": d.value + (f" {d.time}" if d.time else "") + ("（年份按报告年度推定）" if d.year_inferred else ""),
            "normalized": "",
            "interval": "",
            "approx": "",
            "label": "",
            "concept": "",
            "where": _where(d.location),
        }
    return data


def _markers(document: Document) -> dict[int, list[str]]:
    """Page markers (PDF) and table markers (DOCX tables) at the offsets where they begin."""
    out: dict[int, list[str]] = {}
    page = None
    seen_tables: set[int] = set()
    for b in document.blocks:
        if b.page is not None and b.page != page:
            page = b.page
            out.setdefault(b.start, []).append(f'<span class="mark page" data-page="{b.page}" aria-hidden="true"></span>')
        if b.kind == "table_cell" and b.table is not None and b.table not in seen_tables:
            seen_tables.add(b.table)
            out.setdefault(b.start, []).append(
                f'<span class="mark table" data-table="{b.table + 1}" aria-hidden="true"></span>'
            )
    return out


def _table_layout(document: Document, markers: dict[int, list[str]]):
    """Tables that can be drawn as a grid: (opens, closes, css) keyed by offsets in Document.text.

    A table is laid out only when its cells are one contiguous stretch of the text in row-major order
    with nothing else inside (the readers build them so); otherwise its cells stay lines of text.
    The "\n" between cells stays in the page (so the text is still the document's text), and a CSS grid
    does not render white-space-only text between its items.
    """
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    css: set[str] = set()
    taken: list[tuple[int, int]] = []
    for table in document.tables:
        cells = sorted((c for c in table.cells if c.end > c.start), key=lambda c: c.start)
        if not cells:
            continue
        lo, hi = cells[0].start, max(c.end for c in cells)
        if [(c.row, c.col) for c in cells] != sorted((c.row, c.col) for c in cells):
            continue
        if any(lo <= b.start < hi and b.kind != "table_cell" for b in document.blocks):
            continue
        if any(lo < m < hi for m in markers) or any(a < hi and lo < b for a, b in taken):
            continue
        if any(a.end > b.start for a, b in zip(cells, cells[1:])):
            continue
        taken.append((lo, hi))
        ncols = max(table.n_cols, 1)
        css.add(f".tcols-{ncols}{{grid-template-columns:repeat({ncols},minmax(3em,max-content))}}")
        opens.setdefault(lo, []).append(f'<span class="tbl tcols-{ncols}" data-table="{table.index + 1}">')
        closes.setdefault(hi, []).append("</span>")
        for c in cells:
            rs, cs = max(c.rowspan, 1), max(c.colspan, 1)
            css.add(f".gr{c.row}-{rs}{{grid-row:{c.row + 1}/span {rs}}}")
            css.add(f".gc{c.col}-{cs}{{grid-column:{c.col + 1}/span {cs}}}")
            opens.setdefault(c.start, []).append(f'<span class="cell gr{c.row}-{rs} gc{c.col}-{cs}">')
            closes.setdefault(c.end, []).insert(0, "</span>")
    return opens, closes, "".join(sorted(css))


def _render_text(
    document: Document, report: Report, fails: list[tuple[str, Finding]], passes: list[tuple[str, Finding]]
) -> tuple[str, str]:
    """The document's text as HTML, and the extra CSS its table grids need."""
    text = document.text
    n = len(text)

    def clip(span) -> tuple[int, int] | None:
        s, e = max(0, int(span[0])), min(n, int(span[1]))
        return (s, e) if e > s else None

    # (start, end, id, kind) of figures; (start, end, finding id, severity) of finding members
    figs = []
    for q in report.quantities:
        sp = clip(q.span)
        if sp:
            figs.append((*sp, q.id, q.kind))
    for d in report.dates:
        sp = clip(d.span)
        if sp:
            figs.append((*sp, d.id, "date"))
    members = []
    for fid, f in fails + passes:
        sev = "pass" if f.status == "pass" else f.severity
        for m in f.members:
            sp = clip(m.span)
            if sp:
                members.append((*sp, fid, sev))
    markers = _markers(document)
    opens, closes, grid_css = _table_layout(document, markers)

    points = {0, n, *markers, *opens, *closes}
    for s, e, *_ in figs + members:
        points.add(s)
        points.add(e)
    cuts = sorted(p for p in points if 0 <= p <= n)

    starts: dict[int, list] = {}
    for is_fig, group in ((True, figs), (False, members)):
        for item in group:
            starts.setdefault(item[0], []).append((is_fig, item))
    active_figs: list = []
    active_members: list = []
    out: list[str] = []
    for i, p in enumerate(cuts[:-1]):
        q = cuts[i + 1]
        active_figs = [x for x in active_figs if x[1] > p]
        active_members = [x for x in active_members if x[1] > p]
        for is_fig, item in starts.get(p, ()):
            (active_figs if is_fig else active_members).append(item)
        out.extend(closes.get(p, ()))
        out.extend(markers.get(p, ()))
        out.extend(opens.get(p, ()))
        seg = _e(text[p:q])
        if not active_figs and not active_members:
            out.append(seg)
            continue
        # The innermost (shortest, then earliest) figure gives the colour; all are in the tooltip.
        ordered = sorted(active_figs, key=lambda x: (x[1] - x[0], x[0], x[2]))
        classes = ["fig"]
        if ordered:
            classes.append(f"k-{_e(ordered[0][3])}")
        if active_members:
            classes.append("member")
            worst = min(active_members, key=lambda x: SEVERITY_ORDER.get(x[3], 3))[3]
            classes.append(f"m-{worst}")
        attrs = [f'id="s{p}"', f'class="{" ".join(classes)}"']
        if ordered:
            attrs.append(f'data-q="{_e(" ".join(x[2] for x in ordered))}" tabindex="0"')
        if active_members:
            fids = sorted({x[2] for x in active_members}, key=lambda s: (s[0], int(s[1:])))
            attrs.append(f'data-f="{" ".join(fids)}"')
        out.append(f"<span {' '.join(attrs)}>{seg}</span>")
    out.extend(closes.get(n, ()))
    out.extend(markers.get(n, ()))
    return "".join(out), grid_css


def _finding_item(document: Document, fid: str, f: Finding) -> str:
    sev = "pass" if f.status == "pass" else f.severity
    sev_zh = "通过" if sev == "pass" else SEVERITY_ZH.get(sev, sev)
    first = f.members[0].span[0] if f.members else None
    href = f' href="#s{first}"' if first is not None else ""
    badges = f'<span class="badge {sev}">{_e(sev_zh)}</span>'
    if f.decision and sev != "pass":
        badges += '<span class="badge decision">影响结论</span>'
    members = []
    for m in f.members:
        loc = m.location or document.locate(m.span[0])
        members.append(
            f'<li><a href="#s{m.span[0]}" data-goto="{fid}">“{_e(m.text)}”</a> '
            f"<span class=\"role\">{_e(ROLE_ZH.get(m.role, m.role))}</span> {_e(_where(loc))}</li>"
        )
    extra = []
    bits = [f"{word} {_e(v)}" for word, v in (("应为", f.expected), ("实为", f.actual), ("容差", f.tolerance)) if v]
    if bits and (f.expected or f.actual):
        extra.append("，".join(bits))
    cls = "finding pass" if sev == "pass" else f"finding sev-{sev}"
    return (
        f'<li class="{cls}" id="{fid}" data-rule="{_e(f.rule)}">'
        f'<a class="jump"{href} data-goto="{fid}">{badges}<code>{_e(f.rule)}</code> {_e(f.name)}</a>'
        f'<p class="msg">{_e(f.message)}</p>'
        + (f'<p class="members">{"；".join(extra)}</p>' if extra else "")
        + (f'<ul class="members">{"".join(members)}</ul>' if members else "")
        + "</li>"
    )


def render_html(document: Document, report: Report, result: CheckResult) -> str:
    """The whole review page as a string (UTF-8 when written); same input, same bytes."""
    css, js = _asset("review.css"), _asset("review.js")
    fails, passes = _sorted_findings(result)
    title = report.document.title or PurePath(document.source.path).name
    s = result.summary

    body_text, grid_css = _render_text(document, report, fails, passes)
    css = css + grid_css

    kind_counts: dict[str, int] = {}
    for q in report.quantities:
        kind_counts[q.kind] = kind_counts.get(q.kind, 0) + 1
    if report.dates:
        kind_counts["date"] = len(report.dates)
    legend = "".join(
        f'<label><input type="checkbox" checked data-kind="{k}"> <span class="sw k-{k}">{KIND_ZH[k]}</span> {kind_counts[k]}</label>'
        for k in LEGEND_ORDER
        if kind_counts.get(k)
    )
    meta_bits = [f"文件：{_e(document.source.path)}", f"格式：{FORMAT_ZH.get(document.source.format, document.source.format)}"]
    if document.source.pages:
        meta_bits.append(f"共 {document.source.pages} 页")
    doc_meta = report.document
    if doc_meta.organization:
        meta_bits.append(f"单位：{_e(doc_meta.organization)}")
    if doc_meta.fiscal_year:
        meta_bits.append(f"年度：{doc_meta.fiscal_year}")
    counts = (
        f'<span class="n-error">错误 {s.errors}</span><span class="n-warning">警告 {s.warnings}</span>'
        f'<span class="n-info">提示 {s.infos}</span><span class="n-pass">通过 {s.passed}</span>'
        f"<span>数字 {len(report.quantities)} 个，日期 {len(report.dates)} 个</span>"
    )
    if fails:
        findings_html = f'<ol class="findings">{"".join(_finding_item(document, fid, f) for fid, f in fails)}</ol>'
    else:
        findings_html = '<p class="empty">没有发现问题。</p>'
    if passes:
        passed_html = (
            f'<details class="passed"><summary>通过的核对（{len(passes)} 项）</summary>'
            f'<ol class="findings">{"".join(_finding_item(document, fid, f) for fid, f in passes)}</ol></details>'
        )
    elif s.passed:
        passed_html = f'<details class="passed"><summary>通过的核对（{s.passed} 项，未列出明细）</summary></details>'
    else:
        passed_html = ""
    csp = (
        f"default-src 'none'; script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
        "img-src data:; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    figs_json = _json_for_script(_figure_data(document, report.quantities, report.dates))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="reportparse">\n'
        f"<title>审阅：{_e(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<header class="top"><h1>{_e(title)}</h1><div class="meta">{" · ".join(meta_bits)}</div>'
        f'<div class="counts">{counts}</div><div class="legend">{legend}</div></header>\n'
        f'<main>\n<article class="doc" id="doc">{body_text}</article>\n'
        f'<aside class="side" id="side"><h2>发现的问题（{len(fails)}）</h2>{findings_html}{passed_html}</aside>\n</main>\n'
        '<div id="tip" role="tooltip" hidden></div>\n'
        f'<script type="application/json" id="figs">{figs_json}</script>\n'
        f"<script>{js}</script>\n</body>\n</html>\n"
    )
