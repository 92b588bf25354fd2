"""Properties: extraction never raises on any text, and every span slices out exactly its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportparse.extract.numbers import parse_number
from reportparse.extract.quantities import find_quantities
from reportparse.model import Cell, Document, DocumentMeta, Table
from reportparse.model.document import SourceInfo
from reportparse.text.normalize import fold

# Characters the patterns care about, so random text often looks like figures, plus anything at all.
FIGURE_ALPHABET = (
    "0123456789０１２３９.．,，%％‰-－−+≥≤<>=:∶︰/／ \t\n\u3000"
    "万亿千百十元户人次个名场期篇块条册套只盒支份种台辆所家件批项分钟周年月日天小时第余多近约超以上左右以下"
    "一二两三四五六七八九十零〇点得分值率（）()“”、。：；其中共计合计单位"
)
texts = st.one_of(
    st.text(alphabet=FIGURE_ALPHABET, max_size=60),
    st.text(max_size=40),
)


def _check(text: str) -> None:
    d = Document(source=SourceInfo(path="t.txt", sha256="0", format="txt"), text=text)
    qs = find_quantities(d, [], DocumentMeta())
    last_end = -1
    for i, q in enumerate(qs, 1):
        assert q.id == f"q{i}"
        assert text[q.span[0] : q.span[1]] == q.text
        assert q.span[0] >= last_end  # in text order, never overlapping
        last_end = q.span[1]
        assert q.interval[0] <= q.interval[1]
        assert q.kind != "count" or q.approx != "exact" or q.normalized == q.normalized.to_integral_value() or "." in fold(q.text)  # ０．１人 too


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_never_raises_and_spans_exact(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_fold_keeps_length(text):
    assert len(fold(text)) == len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,万亿一二两三四五六七八九十百千零〇点", max_size=12))
def test_number_parsers_never_raise(text):
    parse_number(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=3))
def test_printed_money_roundtrips(n, decimals):
    printed = f"{n / 10**decimals:.{decimals}f}" if decimals else str(n)
    text = f"支出{printed}万元。"
    (q,) = find_quantities(
        Document(source=SourceInfo(path="t", sha256="0", format="txt"), text=text), [], DocumentMeta()
    )
    assert str(q.value) == printed
    assert q.precision == -decimals
    assert q.interval[0] <= q.normalized <= q.interval[1]


cell_texts = st.one_of(
    st.sampled_from(["", "项目", "合计", "金额（元）", "单位：万元", "执行率", "得分", "科目编码", "01", "2024", "-19.57", "1,200.50", "98%", "30", "人"]),
    st.text(alphabet=FIGURE_ALPHABET, max_size=8),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell_texts, min_size=1, max_size=4), min_size=1, max_size=5), st.text(max_size=12))
def test_tables_never_raise_and_spans_exact(rows, before):
    text = before
    cells = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text += "\t" if c else ""
            cells.append(Cell(row=r, col=c, text=value, start=len(text), end=len(text) + len(value)))
            text += value
        text += "\n"
    d = Document(source=SourceInfo(path="t", sha256="0", format="txt"), text=text, tables=[Table(index=0, cells=cells)])
    for q in find_quantities(d, [], DocumentMeta()):
        assert text[q.span[0] : q.span[1]] == q.text
        assert q.interval[0] <= q.interval[1]
