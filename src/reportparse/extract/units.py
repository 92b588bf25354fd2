"""Unit and measure-word tables: which printed unit makes which kind of quantity.

Kept as plain data so the extractor's patterns are generated from one place.  A unit not listed here
makes no quantity (亩, 吨, 公里 are measures an auditor of fiscal reports does not reconcile; 年 after a
number is a year or a span of years, handled by the date extractor).
"""

from __future__ import annotations

from decimal import Decimal

# Money: unit as printed → factor to 元.  A bare 万/亿 before a money noun is inferred as 万元/亿元.
MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(10**3),
    "万元": Decimal(10**4),
    "十万元": Decimal(10**5),
    "百万元": Decimal(10**6),
    "千万元": Decimal(10**7),
    "亿元": Decimal(10**8),
    "万亿元": Decimal(10**12),
}

# Counts: measure words (量词) that turn a number into a count of things or people.
# Longer words first where one is a prefix of another (人次 before 人, 批次 before 批).
MEASURE_WORDS: tuple[str, ...] = (
    "人次", "户次", "批次", "场次", "架次", "车次", "家次", "台次", "艘次", "班次", "轮次",
    "户", "人", "名", "位", "场", "期", "次", "篇", "个", "块", "条", "册", "套", "只", "盒", "支",
    "份", "种", "台", "辆", "所", "家", "件", "批", "项", "例", "处", "座", "间", "张", "本", "部",
    "起", "宗", "封", "幅", "副", "双", "袋", "箱", "瓶", "桶", "包", "对", "组", "队", "班", "节",
    "课", "届", "轮", "类", "床", "岗", "头", "株", "棵", "艘", "口", "眼", "栋", "幢", "笔",
)  # fmt: skip

# Measure words that also make fixed words after a Chinese numeral (三对, 两本账, 五位一体, 三家村);
# after a Chinese numeral they count only when the numeral has two characters or more (十二组, not 三对).
# 处 is not among them: 剩余两处水厂 is a count, and its one idiom (四处奔走) is a fixed term in
# quantities.FIXED_TERMS; 处长/处理/处室 are stopped by the character after 处.
WEAK_MEASURE_WORDS: frozenset[str] = frozenset({"口", "眼", "对", "组", "队", "班", "节", "课", "轮", "类", "头", "部", "起", "届", "本", "间", "位", "张", "家", "所", "双", "副", "包"})

PERCENT_UNITS: dict[str, str] = {"%": "%", "‰": "‰", "个百分点": "百分点", "百分点": "百分点"}

SCORE_UNIT = "分"
# 分 followed by one of these is another word (分钟, 分别, 部分 ...), never a score.
NOT_SCORE_NEXT: frozenset[str] = frozenset(
    "钟别类配工享析布期管会局级成项批散组值队解红为拣娩拨校院所行公支之数秒社站区部段摊担头化流档包"
    "享担离开散裂辨清明享歧岔"
)

# Durations: spans of time, never counts.
DURATION_UNITS: tuple[str, ...] = ("个多月", "个半月", "个月", "个工作日", "工作日", "小时", "分钟", "天", "周", "星期")

# Ordinal markers: 41周年, 第23个, 第五巡察组, 第三届.
ORDINAL_SUFFIXES: tuple[str, ...] = ("周年", "周岁")

# Rate denominators: 元/户, 元/人/月, 元/人*月, 小时/天, 万元/亩.
PER_UNITS: tuple[str, ...] = (
    "人次", "平方米", "公里", "人", "户", "月", "年", "天", "日", "次", "亩", "个", "名", "件", "台", "辆",
    "所", "场", "期", "小时", "吨", "公斤", "千克", "斤", "项", "课时", "学时", "床", "只", "套", "份", "块", "笔",
    "生", "学生", "村", "校", "座", "处", "家", "张", "册", "本",  # 1500元/生·年, 5万元/村, 20万元/座
)  # fmt: skip

# Approximation words, their meaning and where they stand.
APPROX_PREFIXES: dict[str, str] = {
    "将近": "at_most",
    "接近": "at_most",
    "近": "at_most",
    "不足": "at_most",
    "不到": "at_most",
    "大约": "approx",
    "约": "approx",
    "超过": "at_least",
    "超": "at_least",
    "逾": "at_least",
    "至少": "at_least",
    "不低于": "at_least",
    "不少于": "at_least",
    "不小于": "at_least",
    "高于": "at_least",
    "不高于": "at_most",
    "不超过": "at_most",
    "不多于": "at_most",
    "不大于": "at_most",
    "低于": "at_most",
    "≥": "at_least",
    ">=": "at_least",
    "≤": "at_most",
    "<=": "at_most",
    ">": "at_least",
    "<": "at_most",
}
APPROX_INFIXES: dict[str, str] = {"余": "at_least", "多": "at_least"}  # 3万余元, 2000多人
APPROX_SUFFIXES: dict[str, str] = {"以上": "at_least", "左右": "approx", "以下": "at_most", "以内": "at_most"}

# Nouns that make a bare 万/亿 money: 120万三年免息贷款, 资金500万.
MONEY_NOUNS: tuple[str, ...] = (
    "贷款", "资金", "经费", "奖金", "补贴", "补助", "投资", "收入", "支出", "拨款", "资助", "捐款", "善款",
    "现金", "慰问金", "奖励", "借款", "债务", "税", "费", "款", "金",
)  # fmt: skip

# Non-money measures after 万/亿 that must never be taken for a bare-万 amount (1.8万人 is handled as a count).
OTHER_MEASURES: tuple[str, ...] = ("亩", "吨", "公里", "千米", "米", "斤", "公斤", "千克", "平方", "立方", "千瓦", "度", "头", "册", "字")
