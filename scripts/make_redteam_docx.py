#!/usr/bin/env python3
"""Build corpus/澄溪县水利局2023年度农村饮水安全巩固提升工程项目支出绩效自评报告.docx, a report written
for the extraction red team (a genre the corpus lacked: a 项目支出绩效自评表 in a real Word table).
Run from the repository root:

    .venv/bin/python scripts/make_redteam_docx.py

It also renders the red team's 部门预算公开说明 (.txt) as a PDF through LibreOffice (`soffice`, with
fonts-noto-cjk), so the same gold can score the PDF reader + extractor on a text nobody tuned them on:
the page's line breaks fall where they fall, inside sentences and next to figures.

The outputs are committed; its gold is tests/fixtures/gold/chengxi_water_selfeval_2023.yaml.  What it
carries on purpose, each a form real self-evaluation tables use:
- a ``单位：万元`` line above a budget table whose cells print bare numbers (``850.00``), with
  分值 / 执行率 / 得分 columns (scores and percents, not money);
- an indicator table whose cells spell their own units and targets (``≥95%``, ``<=5300元/户``,
  ``3.2万人以上``), a duration that is not a date or a count (``≥15年``, ``20年``), and a
  vertically merged 一级指标 column;
- full-width digits, Chinese-numeral counts (``四百份``, ``一名``), a Chinese-numeral date with a
  weekday, a mobile phone number.
Its figures agree by construction: 600 + 250 = 850, 670 + 250 = 920, 658.36 + 245.20 = 903.56,
903.56 / 920 = 98.21%, 920 − 903.56 = 16.44, weights 10 + 5×10 + 15 + 15 + 10 = 100, scores
9.82 + 10 + 10 + 10 + 9 + 10 + 15 + 14 + 9.5 = 97.32 (优), 131 / 136 = 96.32%.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpus" / "澄溪县水利局2023年度农村饮水安全巩固提升工程项目支出绩效自评报告.docx"
FONT = "Noto Sans CJK SC"

TITLE = "澄溪县水利局2023年度农村饮水安全巩固提升工程项目支出绩效自评报告"
BEFORE = [
    ("h", "一、项目概况"),
    ("p", "本项目为2023年度省级农村饮水安全巩固提升补助项目，覆盖三河镇等6个乡镇、47个行政村，"
          "受益人口３.４６万人。项目资金由省级补助资金和上年结转资金组成，年初预算850万元，"
          "年中追加70万元，全年预算920万元。"),
    ("h", "二、项目实施情况"),
    ("p", "项目于2023年3月15日开工，2023年11月30日全部完工，比计划工期（2023年3月—10月）延后1个月。"
          "建成集中供水工程12处，改造供水管网88.6公里，新增日供水能力0.86万吨。"
          "第二季度完成投资的45%左右，1-9月累计完成投资786.4万元。"),
    ("h", "三、绩效目标完成情况"),
    ("p", "全年执行数903.56万元，预算执行率98.21%，年度目标值为≥100%，未完全达到。"
          "结余资金16.44万元已于12月底按规定收回县财政。抽取水样检测136份，合格131份，合格率96.3%。"
          "发放问卷四百份，回收有效问卷386份，受益群众满意度93.5%。"),
    ("p", "项目支出绩效自评表如下。"),
    ("p", "单位：万元"),
]
BUDGET = [
    ["项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "850.00", "920.00", "903.56", "10", "98.21%", "9.82"],
    ["其中：省级补助资金", "600.00", "670.00", "658.36", "—", "98.26%", "—"],
    ["上年结转资金", "250.00", "250.00", "245.20", "—", "98.08%", "—"],
]
INDICATORS = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "新建集中供水工程", "12处", "12处", "10", "10"],
    ["产出指标", "数量指标", "改造供水管网", "≥85公里", "88.6公里", "10", "10"],
    ["产出指标", "质量指标", "水质达标率", "≥95%", "96.3%", "10", "10"],
    ["产出指标", "时效指标", "工程完工及时率", "100%", "91.7%", "10", "9"],
    ["产出指标", "成本指标", "户均改造成本", "<=5300元/户", "5186元/户", "10", "10"],
    ["效益指标", "社会效益指标", "受益人口", "3.2万人以上", "3.46万人", "15", "15"],
    ["效益指标", "可持续影响指标", "工程设计使用年限", "≥15年", "20年", "15", "14"],
    ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93.5%", "10", "9.5"],
    ["合计", "", "", "", "", "100", "97.32"],
]
AFTER = [
    ("h", "四、自评结论"),
    ("p", "经自评，本项目综合自评得分97.32分，自评等级为“优”。"),
    ("h", "五、存在问题及改进措施"),
    ("p", "一是个别水厂管护力量不足，每站仅配备一名专职管护员；二是部分村级管网老化，漏损率在12%以上。"
          "下一步，我局将按照“十四五”农村供水规划，争取在2024年6月底前完成剩余两处水厂的管网改造。"),
    ("p", "填报人：李某　联系电话：13907461234　填报日期：二〇二四年一月十七日（星期三）"),
]


def _fonts(d) -> None:
    st = d.styles["Normal"]
    st.font.name = FONT
    st.font.size = Pt(10.5)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _table(d, rows, merge_first_col: bool = False) -> None:
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    if merge_first_col:
        # real 自评表 merge the 一级指标 cells of one block vertically (w:vMerge): write the name once
        r = 1
        while r < len(rows):
            end = r
            while end + 1 < len(rows) and rows[end + 1][0] == rows[r][0]:
                end += 1
            if end > r:
                for k in range(r + 1, end + 1):
                    t.cell(k, 0).text = ""
                t.cell(r, 0).merge(t.cell(end, 0)).text = rows[r][0]
            r = end + 1


def build() -> docx.document.Document:
    d = docx.Document()
    _fonts(d)
    d.add_heading(TITLE, level=1)
    for kind, text in BEFORE:
        (d.add_heading(text, level=2) if kind == "h" else d.add_paragraph(text))
    _table(d, BUDGET)
    d.add_paragraph("")
    _table(d, INDICATORS, merge_first_col=True)
    for kind, text in AFTER:
        (d.add_heading(text, level=2) if kind == "h" else d.add_paragraph(text))
    # fixed core properties so the committed bytes do not change with the clock
    from datetime import datetime

    cp = d.core_properties
    cp.author = "reportparse fixtures"
    cp.created = cp.modified = datetime(2024, 1, 17)
    cp.last_modified_by = "reportparse fixtures"
    cp.revision = 1
    return d


EDU_TXT = ROOT / "corpus" / "澄溪县教育局2024年部门预算公开说明.txt"


def render_pdf(txt: Path) -> Path:
    """txt → docx (one paragraph per line, the first as the title) → PDF next to the txt."""
    import re
    import subprocess
    import tempfile

    d = docx.Document()
    _fonts(d)
    lines = [ln for ln in txt.read_text(encoding="utf-8").splitlines() if ln.strip()]
    d.add_heading(lines[0], level=1)
    for ln in lines[1:]:
        (d.add_heading(ln, level=2) if re.match(r"^[一二三四五六七八九十]+、", ln) else d.add_paragraph(ln))
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as profile:
        src = Path(tmp) / (txt.stem + ".docx")
        d.save(src)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=180,
        )
        data = (Path(tmp) / (txt.stem + ".pdf")).read_bytes()
    # no clock in the committed bytes: creation dates and document ids zeroed
    data = re.sub(rb"(/CreationDate|/ModDate) *\(D:[^)]*\)", lambda m: m.group(1) + b"(D:20240101000000Z)", data)
    data = re.sub(rb"/ID *\[[^\]]*\]", lambda m: re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*>)", b"0", m.group(0)), data)
    out = txt.with_suffix(".pdf")
    out.write_bytes(data)
    return out


def main() -> None:
    build().save(OUT)
    print(OUT)
    print(render_pdf(EDU_TXT))


if __name__ == "__main__":
    main()
