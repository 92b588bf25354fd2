"""Quantities in running text and tables (extract/quantities.py, extract/tables.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportparse.api import parse
from reportparse.extract.quantities import find_quantities
from reportparse.model import Block, Cell, Document, DocumentMeta, Section, Table
from reportparse.model.document import SourceInfo


def doc(text: str, **kw) -> Document:
    return Document(source=SourceInfo(path="t.txt", sha256="0", format="txt"), text=text, **kw)


def quantities(text: str, **kw):
    return find_quantities(doc(text, **kw), [], DocumentMeta())


def one(text: str):
    qs = quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


D = Decimal


@pytest.mark.parametrize(
    ("text", "figure", "kind", "value", "unit", "normalized", "approx", "lo", "hi"),
    [
        ("共计139.38万元，", "139.38万元", "money", "139.38", "万元", "1393800", "exact", "1393750", "1393850"),
        ("价值9万元", "9万元", "money", "9", "万元", "90000", "exact", "85000", "95000"),
        ("结余0万元", "0万元", "money", "0", "万元", "0", "exact", "0", "5000"),
        ("收入支出总计 9859.38 万元", "9859.38 万元", "money", "9859.38", "万元", "98593800", "exact", "98593750", "98593850"),
        ("基本支出2476260.58 元", "2476260.58 元", "money", "2476260.58", "元", "2476260.58", "exact", "2476260.575", "2476260.585"),
        ("合计1,133,753.33元", "1,133,753.33元", "money", "1133753.33", "元", "1133753.33", "exact", "1133753.325", "1133753.335"),
        ("全年１３９．３８万元", "１３９．３８万元", "money", "139.38", "万元", "1393800", "exact", "1393750", "1393850"),
        ("约6亿元", "约6亿元", "money", "6", "亿元", "600000000", "approx", "500000000", "700000000"),
        ("超45亿元", "超45亿元", "money", "45", "亿元", "4500000000", "at_least", "4500000000", "4600000000"),
        ("物资近3万元", "近3万元", "money", "3", "万元", "30000", "at_most", "27000", "30000"),
        ("价值30000余元", "30000余元", "money", "30000", "元", "30000", "at_least", "30000", "40000"),
        ("价值50万余元", "50万余元", "money", "50", "万元", "500000", "at_least", "500000", "510000"),
        ("物资4万多元", "4万多元", "money", "4", "万元", "40000", "at_least", "40000", "50000"),
        ("奖补资金一百二十万元，", "一百二十万元", "money", "120", "万元", "1200000", "exact", "1195000", "1205000"),
        ("补助两千元", "两千元", "money", "2000", "元", "2000", "exact", "1999.5", "2000.5"),
        ("申请到120万三年免息贷款", "120万", "money", "120", "万元", "1200000", "exact", "1195000", "1205000"),
        ("投入100万元以上", "100万元以上", "money", "100", "万元", "1000000", "at_least", "1000000", "2000000"),
        ("走访198户", "198户", "count", "198", "户", "198", "exact", "198", "198"),
        ("义诊1.8万人", "1.8万人", "count", "1.8", "万人", "18000", "exact", "17500", "18500"),
        ("印发3万余册", "3万余册", "count", "3", "万册", "30000", "at_least", "30000", "40000"),
        ("服务群众3万余人次", "3万余人次", "count", "3", "万人次", "30000", "at_least", "30000", "40000"),
        ("组织300余人", "300余人", "count", "300", "人", "300", "at_least", "300", "400"),
        ("咨询350余人", "350余人", "count", "350", "人", "350", "at_least", "350", "360"),
        ("检测21000多人", "21000多人", "count", "21000", "人", "21000", "at_least", "21000", "22000"),
        ("代表等近500人参加", "近500人", "count", "500", "人", "500", "at_most", "450", "500"),
        ("学习19 次", "19 次", "count", "19", "次", "19", "exact", "19", "19"),
        ("核酸检测点两个", "两个", "count", "2", "个", "2", "exact", "2", "2"),
        ("新建田间蓄水池120口。", "120口", "count", "120", "口", "120", "exact", "120", "120"),
        ("占26.79%", "26.79%", "percent", "26.79", "%", "26.79", "exact", "26.785", "26.795"),
        ("增长１２．０８％", "１２．０８％", "percent", "12.08", "%", "12.08", "exact", "12.075", "12.085"),
        ("下降3.3‰", "3.3‰", "percent", "3.3", "‰", "3.3", "exact", "3.25", "3.35"),
        ("提高0.3个百分点", "0.3个百分点", "percent", "0.3", "个百分点", "0.3", "exact", "0.25", "0.35"),
        ("目标值≥100%", "≥100%", "percent", "100", "%", "100", "at_least", "99.5", "100.5"),
        ("增长-5.2%", "-5.2%", "percent", "-5.2", "%", "-5.2", "exact", "-5.25", "-5.15"),
        ("自评得到98分，", "98分", "score", "98", "分", "98", "exact", "97.5", "98.5"),
        ("自评得分：96.5", "96.5", "score", "96.5", "分", "96.5", "exact", "96.45", "96.55"),
        ("购买保险（30元/户）", "30元/户", "rate", "30", "元/户", "30", "exact", "29.5", "30.5"),
        ("补贴1300元/人/月", "1300元/人/月", "rate", "1300", "元/人/月", "1300", "exact", "1299.5", "1300.5"),
        ("标准<=5300元/户", "<=5300元/户", "rate", "5300", "元/户", "5300", "at_most", "5299.5", "5300.5"),
        ("坚持学习（4小时/天）", "4小时/天", "rate", "4", "小时/天", "4", "exact", "3.5", "4.5"),
        ("农业转移人口8000多万人", "8000多万人", "count", "8000", "万人", "80000000", "at_least", "80000000", "90000000"),
        ("贫困人口减少6800多万，", "6800多万", "count", "6800", "万人", "68000000", "at_least", "68000000", "69000000"),
        ("出境旅游人次由8300万增加", "8300万", "count", "8300", "万人次", "83000000", "exact", "82995000", "83005000"),
        ("农村危房改造1万6千多户", "1万6千多户", "count", "16000", "户", "16000", "at_least", "16000", "17000"),
        ("人数增加到1亿3千多万。", "1亿3千多万", "count", "130000000", "人", "130000000", "at_least", "130000000", "140000000"),
        ("13亿多人口", "13亿多人", "count", "13", "亿人", "1300000000", "at_least", "1300000000", "1400000000"),
        ("减轻负担3万多亿元。", "3万多亿元", "money", "3", "万亿元", "3000000000000", "at_least", "3000000000000", "4000000000000"),
        ("国内生产总值82.7万亿元", "82.7万亿元", "money", "82.7", "万亿元", "82700000000000", "exact", "82650000000000", "82750000000000"),
        ("实际使用外资1363亿美元、", "1363亿美元", "money", "1363", "亿美元", "136300000000", "exact", "136250000000", "136350000000"),
        ("居民满意度不低于80%", "不低于80%", "percent", "80", "%", "80", "at_least", "79.5", "80.5"),
        ("专用设备818台/套（其中", "818台/套", "count", "818", "台/套", "818", "exact", "818", "818"),
        ("满意度达到百分之九十五以上", "百分之九十五以上", "percent", "95", "%", "95", "at_least", "95", "96"),
        ("参加培训千余人，", "千余人", "count", "1000", "人", "1000", "at_least", "1000", "2000"),
        ("慰问百余名老人", "百余名", "count", "100", "名", "100", "at_least", "100", "200"),
        ("筹集万余元", "万余元", "money", "1", "万元", "10000", "at_least", "10000", "20000"),
        ("接待十余人次", "十余人次", "count", "10", "人次", "10", "at_least", "10", "20"),
        ("服务群众近万人，", "近万人", "count", "1", "万人", "10000", "at_most", "9000", "10000"),
        ("参与群众上千人，", "上千人", "count", "1000", "人", "1000", "at_least", "1000", "2000"),
        ("合同金额￥1,234.50，", "￥1,234.50", "money", "1234.50", "元", "1234.5", "exact", "1234.495", "1234.505"),
        ("成立41周年", "41周年", "ordinal", "41", "周年", "41", "exact", "41", "41"),
        ("第23个会员活动日", "第23个", "ordinal", "23", "个", "23", "exact", "23", "23"),
        ("为期3个月的巡察", "3个月", "duration", "3", "个月", "3", "exact", "3", "3"),
        ("为期一个月的核查", "一个月", "duration", "1", "个月", "1", "exact", "1", "1"),
    ],
)
def test_figure(text, figure, kind, value, unit, normalized, approx, lo, hi):
    q = one(text)
    assert (q.text, q.kind, q.unit, q.approx) == (figure, kind, unit, approx)
    assert q.value == D(value) and str(q.value) == value  # as printed, precision kept
    assert q.normalized == D(normalized)
    assert q.interval == (D(lo), D(hi))
    assert text[q.span[0] : q.span[1]] == q.text


def test_normalized_units_and_precision():
    q = one("义诊1.8万人")
    assert (q.normalized_unit, q.precision) == ("人", -1)
    q = one("共计139.38万元")
    assert (q.normalized_unit, q.precision) == ("元", -2)
    assert str(q.normalized) == "1393800"  # no trailing .00 from the multiplication
    q = one("补贴140元/人的交通费")
    assert (q.kind, q.per, q.normalized_unit) == ("rate", "人", "元/人")
    q = one("标准为583元/人*月")
    assert (q.unit, q.per) == ("元/人*月", "人*月")


@pytest.mark.parametrize(
    "text",
    [
        "中国计生协成立41周年纪念日",
        "计生协第23个“会员活动日”",
        "今年是中国共产党建党 100 周年",
        "县委第五巡察组进驻",
        "驻粤流动人口计生协会成立十周年",
        "“三公”经费",
        "进一步增强“四个意识”、坚定“四个自信”，坚决做到“两个维护”",
        "“三重一大”事项",
        "开展青春健康教育“四进”活动",
        "2021年一对一助学活动",
        "全省唯一一个项目县",
        "走访慰问一户、温暖一片",
        "一、部门概况",
        "（二）全心全意服务",
        "1、坚持常态化",
        "(3)加强管理",
        "三井镇中心校",
        "2021年1月13日下午三点",
        "市计生协会三级调研员李双元",
        "为期一个月",
        "编印一本健康知识读本、开展一次健康医疗服务",
        "第三产业和三次产业",
        "党的十八大和十八届三中全会",
        "在6月5日下午4:30点开始",
        "部分资金分别用于分类管理，3分钟",
        "G20峰会，5G基站",
    ],
)
def test_never_a_count(text):
    assert [q.text for q in quantities(text) if q.kind == "count"] == []


def test_no_score_inside_words():
    assert [q.kind for q in quantities("学习30分钟，部分10分别")] == ["duration"]
    assert [q.text for q in quantities("8点30分开会") if q.kind == "score"] == []


def test_ratio_colons_are_percents():
    qs = quantities("三者比例为25.72:26.84:47.44，另21.9∶38.7∶39.4")
    assert [(q.kind, str(q.value)) for q in qs] == [
        ("percent", "25.72"), ("percent", "26.84"), ("percent", "47.44"),
        ("percent", "21.9"), ("percent", "38.7"), ("percent", "39.4"),
    ]  # fmt: skip
    assert quantities("时间4:30，比分3:2:1") == []  # times and ratios not summing to 100


def test_minus_sign_only_where_it_is_one():
    assert [str(q.value) for q in quantities("增长-5.2%，目标6.5%－7%，3万-5万元，1-2周")] == [
        "-5.2", "6.5", "7", "5", "2",
    ]  # fmt: skip


def test_paired_counts_and_ids_in_text_order():
    qs = quantities("涉及8461户、29100人，发放126600元")
    assert [(q.id, q.text) for q in qs] == [("q1", "8461户"), ("q2", "29100人"), ("q3", "126600元")]


def test_location_and_innermost_section():
    text = "一、概况\n（一）收支\n支出50.12万元\n二、其他\n走访8户"
    sections = [
        Section(id="s1", number="一、", title="概况", level=1, span=(0, 25), parent=None),
        Section(id="s1.1", number="（一）", title="收支", level=2, span=(5, 25), parent="s1"),
        Section(id="s2", number="二、", title="其他", level=1, span=(25, len(text)), parent=None),
    ]
    qs = find_quantities(doc(text), sections, DocumentMeta())
    assert [(q.text, q.section) for q in qs] == [("50.12万元", "s1.1"), ("8户", "s2")]
    assert (qs[0].location.line, qs[0].location.column) == (3, 3)


def _table_doc(before: str, rows: list[list[str]], caption: str | None = None) -> Document:
    """Lay a grid out as text (cells separated by tabs, rows by newlines), with cells and blocks."""
    text = before
    cells, blocks = [], []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if c:
                text += "\t"
            start = len(text)
            text += value
            cells.append(Cell(row=r, col=c, text=value, start=start, end=len(text)))
            if value:
                blocks.append(Block("table_cell", start, len(text), table=0, row=r, col=c, line=text.count("\n", 0, start) + 1))
        text += "\n"
    return doc(text, blocks=blocks, tables=[Table(index=0, cells=cells, caption=caption)])


def test_table_unit_from_line_before_and_headers():
    d = _table_doc(
        "表1 收支表\n单位：万元\n",
        [
            ["科目编码", "项目", "年度预算数", "执行率", "得分"],
            ["201", "工资福利支出", "50.12", "98.20", "9"],
            ["30201", "合计", "-19.57", "100.00%", "10"],
            ["", "公务接待费", "1,200.50", "", ""],
        ],
    )
    qs = find_quantities(d, [], DocumentMeta())
    got = [(q.text, q.kind, q.unit, str(q.normalized), q.label, q.column_header, q.from_table) for q in qs]
    assert got == [
        ("50.12", "money", "万元", "501200", "工资福利支出", "年度预算数", True),
        ("98.20", "percent", "%", "98.2", "工资福利支出", "执行率", True),
        ("9", "score", "分", "9", "工资福利支出", "得分", True),
        ("-19.57", "money", "万元", "-195700", "合计", "年度预算数", True),
        ("100.00%", "percent", "%", "100", "合计", "执行率", True),
        ("10", "score", "分", "10", "合计", "得分", True),
        ("1,200.50", "money", "万元", "12005000", "公务接待费", "年度预算数", True),
    ]
    assert qs[0].concept == "wages_welfare" and qs[6].concept == "reception"
    for q in qs:
        assert d.text[q.span[0] : q.span[1]] == q.text
        assert q.location.table == 0 and q.location.row is not None
    assert (qs[3].location.row, qs[3].location.col) == (2, 2)
    assert qs[3].interval == (D("-195750"), D("-195650"))


def test_table_unit_from_column_header_and_caption():
    d = _table_doc("", [["项目", "金额（元）", "人数(人)"], ["一、慰问", "126600", "77"]])
    qs = find_quantities(d, [], DocumentMeta())
    assert [(q.text, q.kind, q.unit, q.label) for q in qs] == [
        ("126600", "money", "元", "慰问"),
        ("77", "count", "人", "慰问"),
    ]
    d = _table_doc("", [["项目", "预算数"], ["合计", "139.38"]], caption="单位：万元")
    assert [str(q.normalized) for q in find_quantities(d, [], DocumentMeta())] == ["1393800"]
    # no unit anywhere: a bare number is not guessed
    d = _table_doc("", [["项目", "数"], ["合计", "139.38"]])
    assert find_quantities(d, [], DocumentMeta()) == []


def test_table_year_and_number_columns_are_not_amounts():
    d = _table_doc("单位：万元\n", [["序号", "年度", "年度预算数"], ["1", "2023", "139.38"], ["2", "2024", "150.00"]])
    assert [q.text for q in find_quantities(d, [], DocumentMeta())] == ["139.38", "150.00"]


def test_table_continued_on_next_page_keeps_headers_and_unit():
    d = _table_doc("单位：万元\n", [["科目编码", "科目名称", "合计"], ["208", "社会保障和就业支出", "754.75"]])
    first = d.tables[0]
    first.page = 8
    start = len(d.text)
    cells = []
    for col, value in enumerate(["212", "城乡社区支出", "3832.36"]):
        cells.append(Cell(row=0, col=col, text=value, start=len(d.text), end=len(d.text) + len(value)))
        d.text += value + "\t"
    d.tables.append(Table(index=1, cells=cells, page=9))
    assert start < len(d.text)
    got = [(q.text, q.unit, q.label, q.column_header) for q in find_quantities(d, [], DocumentMeta())]
    assert got == [("754.75", "万元", "社会保障和就业支出", "合计"), ("3832.36", "万元", "城乡社区支出", "合计")]


def test_table_repeating_its_headers_on_next_page_keeps_unit():
    d = _table_doc("单位：元\n", [["项目", "合计"], ["行政运行", "9,389,913.00"]])
    cells = []
    d.text += "……" * 200  # the 单位 line is far above the second part
    for r, row in enumerate([["项目", "合计"], ["事业运行", "2,901,820.00"]]):
        for col, value in enumerate(row):
            cells.append(Cell(row=r, col=col, text=value, start=len(d.text), end=len(d.text) + len(value)))
            d.text += value + "\t"
    d.tables.append(Table(index=1, cells=cells))
    got = [(q.text, q.unit, q.label) for q in find_quantities(d, [], DocumentMeta())]
    assert got == [("9,389,913.00", "元", "行政运行"), ("2,901,820.00", "元", "事业运行")]


def test_table_unit_never_taken_from_the_table_above():
    d = _table_doc("", [["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "7730.28"]])
    cells = []
    d.text += "三、收到和处理政府信息公开申请情况\n"
    for r, row in enumerate([["申请人情况", "自然人"], ["本年新收申请数量", "21"]]):
        for col, value in enumerate(row):
            cells.append(Cell(row=r, col=col, text=value, start=len(d.text), end=len(d.text) + len(value)))
            d.text += value + "\t"
    d.tables.append(Table(index=1, cells=cells))
    got = [(q.text, q.unit) for q in find_quantities(d, [], DocumentMeta())]
    assert got == [("7730.28", "万元")]  # 21 applications are not 21万元


def test_table_generic_column_takes_the_concept_of_the_header_above():
    rows = [
        ["“三公”经费预算数", "“三公”经费预算数", "“三公”经费预算数", "“三公”经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费"],
        ["合计", "因公出国(境)费", "公务接待费", "小计"],
        ["22.91", "0", "1.35", "21.56"],
    ]
    d = _table_doc("单位:万元\n", rows)
    got = [(q.text, q.column_header, q.concept) for q in find_quantities(d, [], DocumentMeta())]
    assert got == [
        ("22.91", "合计", "three_public"),
        ("0", "因公出国(境)费", "overseas_travel"),
        ("1.35", "公务接待费", "reception"),
        ("21.56", "小计", "vehicle"),
    ]


def test_table_cells_do_not_join():
    d = _table_doc("单位：万元\n", [["项目", "数量", "单位"], ["慰问", "30", "人"]])
    qs = find_quantities(d, [], DocumentMeta())
    assert all(q.text != "30\t人" for q in qs)
    assert [q.text for q in qs] == ["30"]  # the bare cell, in the table's 万元


def test_seed_figures(seed_path):
    report = parse(seed_path)
    text = seed_path.read_text(encoding="utf-8")
    by_text = {}
    for q in report.quantities:
        assert text[q.span[0] : q.span[1]] == q.text
        by_text.setdefault(q.text, []).append(q)
    assert len(by_text["139.38万元"]) == 4
    assert [q.concept for q in by_text["50.12万元"]] == ["wages_welfare"]
    assert by_text["1.91万元"][0].concept == "three_public"
    assert by_text["近3万元"][0].interval == (D(27000), D(30000))
    assert by_text["120万"][0].normalized == D(1200000)
    counts = {q.text for q in report.quantities if q.kind == "count"}
    for bad in ("41周年", "第23个", "100 周年", "十周年", "一户", "一次", "一场"):
        assert bad not in counts
    assert [q.id for q in report.quantities] == [f"q{i}" for i in range(1, len(report.quantities) + 1)]
    assert sorted(report.quantities, key=lambda q: q.span) == report.quantities
    # every figure survives a JSON round trip unchanged (Decimal strings, tuples, Location)
    for q in report.quantities:
        assert type(q).model_validate(q.model_dump()) == q
        assert type(q).model_validate_json(q.model_dump_json()) == q
