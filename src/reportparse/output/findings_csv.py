"""CSV output of `reportparse check`: one row per finding, for Excel.

Excel opens a CSV as UTF-8 only when it starts with a byte order mark, so the text is written with
one (the caller writes BOM + this text); the columns have Chinese headers for the same readers.
"""

from __future__ import annotations

import csv
import io

from ..model import CheckResult

HEADER = ["文件", "页", "行", "列", "规则", "名称", "级别", "状态", "改变结论", "说明", "涉及数字", "应为", "实为", "容差"]
STATUS_ZH = {"fail": "不符", "pass": "相符"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}

BOM = "\ufeff"


def render_csv(rows: list[tuple[str, CheckResult]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    for path, result in rows:
        for f in result.findings:
            loc = f.location
            w.writerow([
                path,
                loc.page if loc and loc.page is not None else "",
                loc.line if loc else "",
                loc.column if loc else "",
                f.rule,
                f.name,
                SEVERITY_ZH[f.severity] if f.status == "fail" else "",
                STATUS_ZH[f.status],
                "是" if f.decision else "",
                f.message,
                "；".join(m.text for m in f.members),
                f.expected or "",
                f.actual or "",
                f.tolerance or "",
            ])
    return buf.getvalue()
