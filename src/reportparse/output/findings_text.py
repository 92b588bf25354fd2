"""Lint-style text output of `reportparse check`.

    path:line:col  RP101 error  message
        …source line with the figures marked 【23篇】…

then one summary line per file.  Colour only when asked (the caller decides: a terminal and no
NO_COLOR); the figures are marked with 【】 either way, so the output survives copy and paste and
needs no guesswork about the display width of Chinese characters.
"""

from __future__ import annotations

from ..model import CheckResult, Document, Finding

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
_COLOURS = {"error": "31", "warning": "33", "info": "36", "pass": "32"}
_CONTEXT = 36  # characters of context kept on each side of the marked figures


def _c(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def marked_line(document: Document, finding: Finding, colour: bool = False) -> str | None:
    """The source line of the finding's main figure, clipped, with every member on it in 【】."""
    if not finding.members:
        return None
    text = document.text
    start = finding.members[0].span[0]
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    b = len(text) if b == -1 else b
    spans = sorted({tuple(m.span) for m in finding.members if a <= m.span[0] and m.span[1] <= b})
    # drop spans nested in another (a list span may contain a count)
    spans = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    if not spans:
        return None
    lo = max(a, spans[0][0] - _CONTEXT)
    hi = min(b, spans[-1][1] + _CONTEXT)
    out, pos = [], lo
    for s, e in spans:
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(_c(f"【{text[s:e]}】", "1", colour))
        pos = e
    out.append(text[pos:hi])
    line = "".join(out).replace("\r", "").replace("\t", " ").strip()
    return ("…" if lo > a else "") + line + ("…" if hi < b else "")


def render_finding(path: str, document: Document, f: Finding, colour: bool = False) -> str:
    loc = f.location
    where = f"{path}:{loc.line}:{loc.column}" if loc else f"{path}:1:1"
    if loc is not None and (loc.page is not None or loc.table is not None):
        extra = []
        if loc.page is not None:
            extra.append(f"第{loc.page}页")
        if loc.table is not None:
            extra.append(f"表{loc.table + 1}第{(loc.row or 0) + 1}行第{(loc.col or 0) + 1}列")
        where += f"（{' '.join(extra)}）"
    level = "pass" if f.status == "pass" else f.severity
    tag = _c(f"{level:<7}", _COLOURS[level], colour)
    decision = "【结论改变】" if f.decision and f.status == "fail" else ""
    lines = [f"{where}  {f.rule} {tag}  {decision}{f.message}"]
    src = marked_line(document, f, colour)
    if src:
        lines.append(f"    {src}")
    return "\n".join(lines)


def summary_line(path: str, result: CheckResult) -> str:
    s = result.summary
    return (f"{path}：{s.errors} 个错误，{s.warnings} 个警告，{s.infos} 个提示；"
            f"{s.passed} 项核对相符")


def render_text(path: str, document: Document, result: CheckResult, colour: bool = False) -> str:
    parts = [render_finding(path, document, f, colour) for f in result.findings]
    parts.append(summary_line(path, result))
    return "\n".join(parts) + "\n"
