"""Write corpus/checks/RP6-决算表-有误.docx and RP6-决算表-无误.docx: a small 部门决算 written for the
project (invented figures), with a 说明 and three of the standard tables as real Word tables.

The 有误 twin plants one inconsistency per 6xx rule; the 无误 twin has the same text with every
identity holding.  Run from the project root:  .venv/bin/python scripts/make_table_checks.py
The output is deterministic (fixed core properties, no clock), so the committed files only change
when this script does.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpus" / "checks"

# (label, good value, bad value): one planted error per rule family member
TOTAL = [
    ["收入", "", "支出", ""],
    ["项目", "决算数", "项目", "决算数"],
    ["一、一般公共预算财政拨款收入", "1526.40", "一、一般公共服务支出", "1012.30"],
    ["二、事业收入", "60.00", "二、社会保障和就业支出", "318.75"],
    ["", "", "三、卫生健康支出", "96.05"],
    ["", "", "四、住房保障支出", "{s4}"],
    ["本年收入合计", "1586.40", "本年支出合计", "1590.40"],
    ["年初结转和结余", "24.00", "年末结转和结余", "20.00"],
    ["总计", "1610.40", "总计", "{grand}"],
]
EXPENSE = [
    ["功能分类科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
    ["合计", "", "1590.40", "1210.40", "380.00"],
    ["201", "一般公共服务支出", "1012.30", "702.30", "310.00"],
    ["20101", "人大事务", "{k1}", "702.30", "{p1}"],
    ["208", "社会保障和就业支出", "318.75", "288.75", "30.00"],
    ["20805", "行政事业单位养老支出", "318.75", "288.75", "30.00"],
    ["210", "卫生健康支出", "96.05", "96.05", "0.00"],
    ["221", "住房保障支出", "163.30", "123.30", "40.00"],
]
BASIC = [
    ["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"],
    ["301", "工资福利支出", "980.20", "302", "商品和服务支出", "150.10"],
    ["303", "对个人和家庭的补助", "60.10", "310", "资本性支出", "20.00"],
    ["人员经费合计", "", "1040.30", "公用经费合计", "", "{pub}"],
]
TEXT = [
    "湖滨区档案馆2024年度部门决算",
    "第三部分 2024年度部门决算情况说明",
    "一、收入支出决算总体情况说明",
    "湖滨区档案馆2024年度收入支出总计1610.40万元。",
    "二、支出决算情况说明",
    "本年支出合计1590.40万元，其中：基本支出{basic_text}万元，项目支出380.00万元。",
    "三、一般公共预算财政拨款基本支出决算情况说明",
    "一般公共预算财政拨款基本支出1210.40万元。其中：人员经费1040.30万元，公用经费170.10万元。",
]
GOOD = {"s4": "163.30", "grand": "1610.40", "k1": "1012.30", "p1": "310.00", "pub": "170.10",
        "basic_text": "1210.40"}
# 有误: 住房保障 163.03 (items ≠ 本年支出合计, RP602), 支出总计 1610.04 (RP601), 20101 项目支出 301.00
# (row total and code tree, RP603/RP604), 公用经费合计 107.10 (RP605), 基本支出 1201.40 in the text (RP606)
BAD = {"s4": "163.03", "grand": "1610.04", "k1": "1012.30", "p1": "301.00", "pub": "107.10",
       "basic_text": "1201.40"}


def _table(doc, rows, values):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text.format(**values)


def build(values) -> bytes:
    doc = Document()
    cp = doc.core_properties
    cp.author = "reportparse"
    cp.created = cp.modified = datetime.datetime(2025, 1, 1)
    cp.last_modified_by = "reportparse"
    cp.revision = 1
    for line in TEXT[:2]:
        doc.add_paragraph(line)
    doc.add_paragraph("收入支出决算总表")
    doc.add_paragraph("单位：万元")
    _table(doc, TOTAL, values)
    doc.add_paragraph("支出决算表")
    doc.add_paragraph("单位：万元")
    _table(doc, EXPENSE, values)
    doc.add_paragraph("一般公共预算财政拨款基本支出决算表")
    doc.add_paragraph("单位：万元")
    _table(doc, BASIC, values)
    for line in TEXT[2:]:
        doc.add_paragraph(line.format(**values))
    buf = io.BytesIO()
    doc.save(buf)
    # rewrite the zip with fixed timestamps so the same script gives the same bytes
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, values in (("RP6-决算表-有误.docx", BAD), ("RP6-决算表-无误.docx", GOOD)):
        (OUT / name).write_bytes(build(values))
        print(OUT / name)


if __name__ == "__main__":
    main()
