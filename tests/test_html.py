"""The self-contained review page (output/html.py), checked as text; the browser tests drive it live.

Reports and findings come from real parsed documents: quantities are the extractor's own; until the
extractor lands, the helper builds the figure from its exact span in Document.text (test data).
"""

from __future__ import annotations

import html as htmllib
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import CORPUS, SEED_TXT
from reportparse import api
from reportparse.model import CheckResult, Finding, FindingMember, Quantity, Summary
from reportparse.output.html import render_html

SEED_PDF = CORPUS / "新田县计划生育协会2021年度部门整体支出绩效评价报告.pdf"
SEED_DOCX = CORPUS / "新田县计划生育协会2021年度部门整体支出绩效评价报告.docx"

XSS_TEXT = (
    "某单位2021年度部门整体支出绩效评价报告\n"
    "一、基本情况 <script>window.__xss = 1; alert('脚本')</script> 共计139.38万元。\n"
    '二、说明 "><img src=x onerror="window.__xss = 2; alert(2)"> 自评得分98分，自评结果：良好。\n'
    "三、其他 </textarea></script><!-- <b>粗体</b> &amp; &lt; ' \" 累计23篇。\n"
)


def quantity(report, document, text: str, nth: int = 0, kind: str = "count") -> Quantity:
    """The nth extracted figure printed as ``text``; built from its span while extraction is a stub."""
    found = [q for q in report.quantities if q.text == text]
    if found:
        return found[nth]
    if report.quantities:
        raise AssertionError(f"extractor did not find {text!r}")
    i = find_figure(document.text, text, nth)
    num = re.match(r"[\d.]+", text).group()
    v = Decimal(num)
    return Quantity(
        id=f"q{i}", kind=kind, text=text, span=(i, i + len(text)), value=v, unit=text[len(num):],
        normalized=v, normalized_unit=text[len(num):], precision=0, interval=(v, v), location=document.locate(i),
    )


def find_figure(text: str, figure: str, nth: int = 0) -> int:
    """Offset of the nth ``figure`` standing alone (not the tail of a longer number: 1篇 in 11篇)."""
    hits = [m.start() for m in re.finditer(r"(?<![\d.])" + re.escape(figure), text)]
    return hits[nth]


def member(q: Quantity, role: str) -> FindingMember:
    return FindingMember(quantity=q.id, text=q.text, span=q.span, role=role, location=q.location)


def grade_word(document) -> FindingMember:
    i = document.text.index("良好")
    return FindingMember(text="良好", span=(i, i + 2), role="grade", location=document.locate(i))


def seed_case(path: Path = SEED_TXT):
    """Document, Report (with the figures the findings use) and a CheckResult with failures and passes."""
    document = api.read(path)
    report = api.parse_document(document)
    q98 = quantity(report, document, "98分", kind="score")
    q23 = quantity(report, document, "23篇")
    parts = [quantity(report, document, t) for t in ("1篇", "7篇", "10篇", "4篇")]
    q139 = [quantity(report, document, "139.38万元", n, kind="money") for n in range(2)]
    if not report.quantities:  # extraction not landed: the figures are the ones built above
        report = report.model_copy(update={"quantities": sorted({q.id: q for q in [q98, q23, *parts, *q139]}.values(),
                                                                key=lambda q: q.span)})
    findings = [
        Finding(rule="RP201", name="repeat-mismatch", severity="info", status="pass", message="139.38万元 两次出现，数值一致",
                members=[member(q139[0], "first"), member(q139[1], "repeat")]),
        Finding(rule="RP101", name="sum-mismatch", severity="error", message="分项 1+7+10+4=22篇，与合计23篇不符，相差1篇",
                members=[member(q23, "total"), *(member(p, "part") for p in parts)], expected="22", actual="23", tolerance="0"),
        Finding(rule="RP702", name="template-style", severity="info", message="写法提示", members=[member(q139[1], "repeat")]),
        Finding(rule="RP501", name="grade-mismatch", severity="error", decision=True,
                message="自评得分98分属于“优”（90-100分），但自评结果写作“良好”", members=[member(q98, "score"), grade_word(document)]),
        Finding(rule="RP301", name="yoy-direction", severity="warning", message="同比方向需要核实", members=[member(q139[0], "this_year")]),
    ]
    result = CheckResult(source=report.source, document=report.document, findings=findings,
                         summary=Summary(errors=2, warnings=1, infos=1, passed=1))
    return document, report, result


class Collect(HTMLParser):
    """Tags, the figure segments' attributes and text, and every URL-bearing attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.segments: list[tuple[dict, str]] = []
        self.urls: list[str] = []
        self._open: dict | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        for k in ("src", "href", "action", "srcset", "poster", "data"):
            if k in a and not (a[k] or "").startswith("#"):
                self.urls.append(a[k])
        if tag == "span" and "fig" in (a.get("class") or "").split():
            self._open, self._buf = a, []

    def handle_endtag(self, tag):
        if tag == "span" and self._open is not None:
            self.segments.append((self._open, "".join(self._buf)))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._buf.append(data)


def parsed(page: str) -> Collect:
    c = Collect()
    c.feed(page)
    return c


def doc_text_of(page: str) -> str:
    """The article's text with tags removed and entities decoded."""
    body = page.split('<article class="doc" id="doc">', 1)[1].split("</article>", 1)[0]
    return htmllib.unescape(re.sub(r"<[^>]+>", "", body))


def test_seed_page_shows_whole_text_and_highlights_every_figure():
    document, report, result = seed_case()
    page = render_html(document, report, result)
    assert doc_text_of(page) == document.text.replace("\r", "")  # the whole text, nothing dropped or added
    c = parsed(page)
    by_q: dict[str, str] = {}
    for attrs, text in c.segments:
        for qid in (attrs.get("data-q") or "").split():
            by_q[qid] = by_q.get(qid, "") + text
    for q in report.quantities:
        assert by_q[q.id] == q.text, q.id
    for d in report.dates:
        assert by_q[d.id] == d.text, d.id
    kinds = {q.kind for q in report.quantities}
    for k in kinds:
        assert f"k-{k}" in page


def test_findings_errors_first_and_members_marked():
    document, report, result = seed_case()
    page = render_html(document, report, result)
    side = page.split('<aside class="side"', 1)[1]
    failed = side.split("<details", 1)[0]
    rules = re.findall(r'<li class="finding sev-(\w+)" id="(f\d+)" data-rule="(RP\d+)"', failed)
    assert [r[0] for r in rules] == ["error", "error", "warning", "info"]
    assert [r[2] for r in rules][:2] == ["RP501", "RP101"]  # the decision error comes first
    passed = side.split("<details", 1)[1]
    assert "<summary>通过的核对（1 项）</summary>" in passed and 'data-rule="RP201"' in passed
    c = parsed(page)
    fid_501 = next(fid for _, fid, rule in rules if rule == "RP501")
    marked = "".join(t for a, t in c.segments if fid_501 in (a.get("data-f") or "").split())
    assert marked == "98分良好"
    fid_101 = next(fid for _, fid, rule in rules if rule == "RP101")
    assert "".join(t for a, t in c.segments if fid_101 in (a.get("data-f") or "").split()) == "23篇1篇7篇10篇4篇"
    assert "应为 22，实为 23，容差 0" in page
    assert "影响结论" in page


def test_self_contained_and_deterministic():
    document, report, result = seed_case()
    page = render_html(document, report, result)
    assert page == render_html(document, report, result)
    c = parsed(page)
    assert c.urls == []  # no src/href leaving the page
    assert not re.search(r"url\(|@import|@font-face|https?://", page)
    assert "default-src 'none'" in page
    assert c.tags.count("script") == 2  # the figure data and the page script, nothing else


def test_xss_text_renders_as_text(tmp_path: Path):
    path = tmp_path / "xss.txt"
    path.write_text(XSS_TEXT, encoding="utf-8")
    document = api.read(path)
    report = api.parse_document(document)
    q = quantity(report, document, "98分", kind="score")
    if not report.quantities:
        report = report.model_copy(update={"quantities": [q.model_copy(update={"label": "</script><script>alert(3)</script>"})]})
    finding = Finding(rule="RP501", name="grade-mismatch", severity="error",
                      message='<img src=x onerror="alert(4)"> 得分与等级不符', members=[member(q, "score")])
    result = CheckResult(source=report.source, document=report.document, findings=[finding], summary=Summary(errors=1))
    page = render_html(document, report, result)
    c = parsed(page)
    assert c.tags.count("script") == 2 and "img" not in c.tags and "b" not in c.tags and "textarea" not in c.tags
    assert doc_text_of(page) == XSS_TEXT
    assert "&lt;script&gt;window.__xss = 1" in page
    assert "</script><script>alert(3)" not in page
    assert '<img src=x onerror="alert(4)">' not in page and "&lt;img src=x onerror=&quot;alert(4)&quot;&gt;" in page


def test_no_findings_page():
    document = api.read(SEED_TXT)
    report = api.parse_document(document)
    result = CheckResult(source=report.source, document=report.document)
    page = render_html(document, report, result)
    assert "没有发现问题。" in page and "<details" not in page


@pytest.mark.skipif(not SEED_PDF.exists(), reason="种子报告的 PDF 版本尚未生成（scripts/make_fixtures.py）")
def test_pdf_page_markers():
    document = api.read(SEED_PDF)
    report = api.parse_document(document)
    page = render_html(document, report, CheckResult(source=report.source, document=report.document))
    pages = sorted({b.page for b in document.blocks if b.page is not None})
    assert len(pages) >= 2
    assert re.findall(r'class="mark page" data-page="(\d+)"', page) == [str(p) for p in pages]
    assert doc_text_of(page) == document.text  # markers are drawn by CSS, not added to the text


@pytest.mark.skipif(not SEED_DOCX.exists(), reason="种子报告的 .docx 版本尚未生成（scripts/make_fixtures.py）")
def test_docx_page_has_table_marker():
    document, report, result = seed_case(SEED_DOCX)
    page = render_html(document, report, result)
    assert doc_text_of(page) == document.text
    assert document.tables
    assert 'class="mark table" data-table="1"' in page
    # the table is drawn as a grid: one cell element per non-empty cell, placed by row and column
    cells = [c for c in document.tables[0].cells if c.end > c.start]
    placed = re.findall(r'<span class="cell gr(\d+)-\d+ gc(\d+)-\d+">', page)
    assert [(int(r), int(c)) for r, c in placed[: len(cells)]] == [(c.row, c.col) for c in cells]


# ------------------------------------------------------------------------------------------------
# End to end through the CLI: `reportparse check FILE --html OUT.html`


@pytest.mark.parametrize("name", [SEED_TXT.name, SEED_DOCX.name, SEED_PDF.name])
def test_cli_check_html(name: str, tmp_path: Path, capsys):
    from reportparse.cli import main

    src = CORPUS / name
    if not src.exists():
        pytest.skip(f"corpus/{name} 尚未生成")
    out = tmp_path / "审阅.html"
    rc = main(["check", str(src), "--html", str(out)])
    if rc == 2 and "unrecognized arguments" in capsys.readouterr().err:
        pytest.skip("reportparse check 还没有 --html 选项")
    assert rc in (0, 1)
    page = out.read_text(encoding="utf-8")
    document = api.read(src)
    assert doc_text_of(page) == document.text.replace("\r", "")
    failed = page.split('<aside class="side"', 1)[1].split("<details", 1)[0]
    rules = re.findall(r'<li class="finding sev-(\w+)" id="f\d+" data-rule="(RP\d+)"', failed)
    sev = [s for s, _ in rules]
    assert sev == sorted(sev, key=["error", "warning", "info"].index)  # errors first
    assert {"RP501", "RP101"} <= {r for _, r in rules}  # the seed's grade and 23篇 errors
    assert "<summary>通过的核对（" in page  # passed checks listed, collapsed
    assert len(re.findall(r'class="finding pass"', page)) >= 5
    if document.source.format == "pdf":
        assert 'class="mark page" data-page="2"' in page
    out2 = tmp_path / "again.html"
    main(["check", str(src), "--html", str(out2)])
    assert out2.read_bytes() == out.read_bytes()  # deterministic
