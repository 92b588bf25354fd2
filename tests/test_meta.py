"""Meta: title, organization, fiscal year and genre from the title page of every corpus report."""

from __future__ import annotations

import pytest

from conftest import SEED_TXT, shared
from reportparse.extract.meta import find_meta
from reportparse.model import Document, SourceInfo
from reportparse.readers import read


def meta_of(text: str):
    m = find_meta(Document(SourceInfo("t.txt", "0" * 64, "txt"), text))
    return m.title, m.organization, m.fiscal_year, m.genre


def test_seed():
    m = find_meta(read(SEED_TXT))
    assert (m.title, m.organization, m.fiscal_year, m.genre) == (
        "新田县计划生育协会2021年度部门整体支出绩效评价报告", "新田县计划生育协会", 2021, "performance_self_evaluation",
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("青禾县农业农村局2023年度高标准农田建设项目支出绩效自评报告\n\n一、基本情况",
         ("青禾县农业农村局2023年度高标准农田建设项目支出绩效自评报告", "青禾县农业农村局", 2023, "project_self_evaluation")),
        ("- 1 -\n某某县财政局\n2024 年度部门决算 目 录\n第一部分",
         ("某某县财政局2024 年度部门决算", "某某县财政局", 2024, "final_accounts")),
        ("某某区2025年区级部门预算\n预算主管部门：某某区卫生健康委员会目 录\n",
         ("某某区2025年区级部门预算", "某某区卫生健康委员会", 2025, "budget")),
        ("关于新田县2022年度三公经费支出情况的说明\n",
         ("关于新田县2022年度三公经费支出情况的说明", "新田县", 2022, "three_public")),
        ("二〇二三年国民经济和社会发展统计公报\n", ("二〇二三年国民经济和社会发展统计公报", None, 2023, "statistics_communique")),
        ("２００７年国务院政府工作报告\n各位代表：", ("２００７年国务院政府工作报告", "国务院", 2007, "work_report")),
        ("2017政府工作报告\n各位代表：\n现在，我代表国务院，向大会报告", ("2017政府工作报告", "国务院", 2017, "work_report")),
        ("某县2022年度财政预算执行审计工作报告\n", ("某县2022年度财政预算执行审计工作报告", "某县", 2022, "audit_report")),
        ("会议纪要\n时间：2021年5月", ("会议纪要", None, 2021, "other")),
        ("", (None, None, None, "other")),
    ],
)
def test_title_forms(text, expected):
    assert meta_of(text) == expected


def test_blank_template_has_no_organization():
    assert meta_of("上海市 XX 局\n2024 年度部门决算目 录\n")[1:] == (None, 2024, "final_accounts")


WORK_REPORTS = [f"{y}年国务院政府工作报告.txt" for y in range(2003, 2019) if y != 2011] + ["2011年国务院政府工作报告).txt"]


@pytest.mark.parametrize("name", WORK_REPORTS)
def test_gb18030_work_reports(name):
    d = read(shared("work-reports-gb18030") / name)
    m = find_meta(d)
    assert (m.fiscal_year, m.genre, m.organization) == (int(name[:4]), "work_report", "国务院")
    assert m.title and "政府工作报告" in m.title


PDFS = [
    ("pdf-final-accounts", "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf", "上海市普陀区规划和自然资源局", 2024, "final_accounts"),
    ("pdf-final-accounts", "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf", "中共上海市普陀区委社会工作部", 2024, "final_accounts"),
    ("pdf-final-accounts", "附件2：部门决算模板.pdf", None, 2024, "final_accounts"),
    ("pdf-budgets", "dept-budget-archive-1770007475548.pdf", "上海市普陀区人民政府万里街道办事处", 2023, "budget"),
    ("pdf-budgets", "unit-budget-archive-1769321433314.pdf", "上海市普陀区社会福利院", 2024, "budget"),
    ("pdf-budgets", "上海市普陀区人民政府万里街道办事处24年预算.pdf", "上海市普陀区人民政府万里街道办事处", 2024, "budget"),
    ("pdf-budgets", "上海市普陀区人民政府万里街道办事处25年预算.pdf", "上海市普陀区人民政府万里街道办事处", 2025, "budget"),
    ("pdf-budgets", "上海市普陀区人民政府办公室25年预算.pdf", "上海市普陀区人民政府办公室", 2025, "budget"),
    ("pdf-budgets", "上海市普陀区人民政府办公室单位25年预算.pdf", "上海市普陀区人民政府办公室", 2025, "budget"),
    ("pdf-budgets", "上海市普陀区商务委员会25年预算.pdf", "上海市普陀区商务委员会", 2025, "budget"),
    ("pdf-budgets", "上海市普陀区商务委员会单位25年预算.pdf", "上海市普陀区商务委员会", 2025, "budget"),
    ("pdf-budgets", "上海市普陀区财政局部门25年预算.pdf", "上海市普陀区财政局", 2025, "budget"),
    ("pdf-budgets", "上海市财政局25年预算.pdf", "上海市财政局", 2025, "budget"),
    ("pdf-budgets", "hzq2023_working.pdf", "洪泽区人民政府", 2023, "other"),
    ("pdf-budgets", "hzq2024_working.pdf", "淮安市洪泽区人民政府", 2024, "other"),
]


def _read_pdf(sub: str, name: str):
    path = shared(sub) / name
    try:
        return read(path)
    except Exception as exc:  # the PDF reader is another module; without it there is nothing to test here
        pytest.skip(f"PDF 读取器尚不可用：{exc}")


@pytest.mark.parametrize("sub, name, org, year, genre", PDFS)
def test_real_pdfs(sub, name, org, year, genre):
    m = find_meta(_read_pdf(sub, name))
    assert (m.organization, m.fiscal_year, m.genre) == (org, year, genre)
    assert m.title and str(year) in m.title and "目" not in m.title
