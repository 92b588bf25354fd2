"""The typed schema: what `parse --format json` prints and what the batch store holds.

Field names follow ../shared/docs/design.md ("The parse JSON"); they are the contract other tools
read.  Money and every other value is a Decimal, serialized as a string; spans are [start, end).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .document import Location

SCHEMA_VERSION = "1"

QuantityKind = Literal["money", "count", "percent", "score", "rate", "ordinal", "duration"]
Approx = Literal["exact", "approx", "at_least", "at_most"]
DateKind = Literal["date", "range", "month", "year", "named_day", "relative", "period"]
Genre = Literal[
    "performance_self_evaluation",  # 部门整体支出绩效评价/自评报告
    "project_self_evaluation",  # 项目支出绩效自评报告
    "final_accounts",  # 部门决算
    "budget",  # 部门预算
    "three_public",  # 三公经费说明
    "statistics_communique",  # 统计公报
    "work_report",  # 政府工作报告
    "audit_report",  # 审计报告
    "other",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    path: str
    sha256: str
    format: Literal["txt", "docx", "pdf"]
    encoding: str | None = None
    pages: int | None = None


class DocumentMeta(_Model):
    title: str | None = None
    organization: str | None = None
    fiscal_year: int | None = None
    genre: Genre = "other"


class Section(_Model):
    id: str  # "s1", "s1.2", ... stable within a report
    number: str  # as printed: "一、", "（一）", "1、", "（1）"
    title: str
    level: int  # 1 = 一、 ; 2 = （一）; 3 = 1、; 4 = （1）
    span: tuple[int, int]  # from the heading to the end of the section's content
    parent: str | None = None


class Quantity(_Model):
    id: str  # "q1", "q2", ... in text order
    kind: QuantityKind
    text: str  # exactly document.text[span[0]:span[1]]
    span: tuple[int, int]
    value: Decimal  # as printed, in `unit`
    unit: str  # as printed or inferred: 万元, 元, 户, %, 分, 元/户 ...
    normalized: Decimal  # in normalized_unit: money in 元; counts in units (万 multiplied out)
    normalized_unit: str
    precision: int  # exponent of the last printed digit IN THE UNIT OF value: 139.38万元 -> -2, 9 -> 0, 1.8万人 -> -1
    approx: Approx = "exact"
    interval: tuple[Decimal, Decimal]  # [lo, hi] in normalized_unit, from printed precision + approx
    label: str | None = None  # what is quantified: 工资福利支出, 计生困难家庭, 慰问金
    concept: str | None = None  # standard fiscal item id, comparable across reports
    section: str | None = None  # Section.id containing the figure
    location: Location
    per: str | None = None  # rates: the denominator (户, 人, 天)
    from_table: bool = False  # a bare table cell that took its unit from headers
    column_header: str | None = None  # table cells: the column header (label holds the row header)


class DateMention(_Model):
    id: str  # "d1", ...
    kind: DateKind
    text: str
    span: tuple[int, int]
    value: str  # ISO 8601 at the granularity written: 2021 | 2021-05 | 2021-05-13 | a/b
    time: str | None = None  # HH:MM when a time of day is written
    year_inferred: bool = False  # the year came from the report's fiscal year, not the text
    location: Location


class RelationMember(_Model):
    quantity: str  # Quantity.id
    role: str  # total | part | this_year | last_year | change | pct_change | rate | count | ...


class Relation(_Model):
    """A relation between figures stated by the text; the rules decide whether it holds."""

    id: str  # "r1", ...
    kind: str  # sum | subset | list_count | balance | comparison | share | rate | grade | repeat | ...
    span: tuple[int, int]
    members: list[RelationMember]
    attrs: dict[str, str] = Field(default_factory=dict)  # e.g. {"direction": "减少", "open": "等"}


class Report(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    document: DocumentMeta
    sections: list[Section] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


Severity = Literal["error", "warning", "info"]


class FindingMember(_Model):
    quantity: str | None = None
    text: str
    span: tuple[int, int]
    role: str
    location: Location | None = None


class Finding(_Model):
    rule: str  # RP101
    name: str  # sum-mismatch
    severity: Severity
    status: Literal["fail", "pass"] = "fail"
    decision: bool = False  # flips a conclusion: grade band, 增加 vs 减少, over vs under budget
    message: str  # Chinese, states both numbers, the computed value, difference and tolerance
    members: list[FindingMember] = Field(default_factory=list)  # first member is the main figure
    expected: str | None = None
    actual: str | None = None
    tolerance: str | None = None
    location: Location | None = None  # of the main member


class Summary(_Model):
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    passed: int = 0


class CheckResult(_Model):
    source: Source
    document: DocumentMeta
    findings: list[Finding] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
