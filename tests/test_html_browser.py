"""The review page in a real headless Chromium (Debian's /usr/bin/chromium through playwright).

Checks what a reviewer does: the findings are listed, activating one outlines its figures, hovering
a figure shows its parsed value, and a report full of markup shows that markup as text without
running any of it.  The page must make no request beyond its own file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportparse import api
from reportparse.model import CheckResult, Finding, Summary
from reportparse.output.html import render_html
from test_html import XSS_TEXT, member, quantity, seed_case

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="/usr/bin/chromium 未安装（CI 由 .ci/run 用 apt 安装）"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright 未安装")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser, html_path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    events = {"requests": [], "dialogs": [], "errors": []}
    page.on("request", lambda r: events["requests"].append(r.url))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))

    def on_dialog(d):
        events["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(html_path.as_uri())
    return page, events


def test_findings_render_and_activate(browser, tmp_path: Path):
    document, report, result = seed_case()
    out = tmp_path / "review.html"
    out.write_text(render_html(document, report, result), encoding="utf-8")
    page, events = open_page(browser, out)
    try:
        items = page.locator("#side ol.findings > li.finding")
        assert page.locator("#side > ol.findings > li.finding").count() == 4
        assert items.first.get_attribute("data-rule") == "RP501"
        assert page.locator("details.passed li.finding").count() == 1
        assert not page.locator("details.passed li.finding").first.is_visible()  # collapsed until opened

        # Activate the sum finding: its five figures are outlined, the grade finding's are not.
        page.click('#side li[data-rule="RP101"] a.jump')
        active = page.eval_on_selector_all("#doc .fig.active", "els => els.map(e => e.textContent)")
        assert active == ["23篇", "1篇", "7篇", "10篇", "4篇"]
        style = page.eval_on_selector(
            "#doc .fig.active", "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineColor]"
        )
        assert style == ["solid", "rgb(213, 0, 0)"]
        first = page.locator("#doc .fig.active").first
        assert first.is_visible() and page.evaluate(
            "() => { const r = document.querySelector('#doc .fig.active').getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= window.innerHeight; }"
        )  # scrolled into view
        assert page.locator('#side li[data-rule="RP101"]').get_attribute("class").split()[-1] == "current"

        # Activating another finding moves the highlight.
        page.click('#side li[data-rule="RP501"] a.jump')
        assert page.eval_on_selector_all("#doc .fig.active", "els => els.map(e => e.textContent)") == ["98分", "良好"]

        # Opening the passed checks and activating one works the same way.
        page.click("details.passed summary")
        page.click('details.passed li[data-rule="RP201"] a.jump')
        assert page.eval_on_selector_all("#doc .fig.active", "els => els.map(e => e.textContent)") == ["139.38万元"] * 2

        # Hovering a figure shows its parsed value and where it stands.
        q98 = quantity(report, document, "98分", kind="score")
        page.hover(f'#doc .fig[data-q~="{q98.id}"]')
        tip = page.locator("#tip")
        assert tip.is_visible()
        text = tip.inner_text()
        assert "98分" in text and f"解析值：{q98.value} {q98.unit}" in text and "指标：" in text and "口径：" in text

        # Turning a kind off removes its background.
        page.uncheck('.legend input[data-kind="score"]')
        bg = page.eval_on_selector(f'#doc .fig.k-score:not(.active)', "e => getComputedStyle(e).backgroundColor") \
            if page.locator("#doc .fig.k-score:not(.active)").count() else "rgba(0, 0, 0, 0)"
        assert bg == "rgba(0, 0, 0, 0)"

        assert events["errors"] == [] and events["dialogs"] == []
        assert events["requests"] == [out.as_uri()]  # nothing fetched besides the page itself
    finally:
        page.close()


def test_xss_document_shows_its_text_literally(browser, tmp_path: Path):
    src = tmp_path / "xss.txt"
    src.write_text(XSS_TEXT, encoding="utf-8")
    document = api.read(src)
    report = api.parse_document(document)
    q = quantity(report, document, "98分", kind="score")
    # a label carrying markup too: it travels in the page's JSON data and ends up in the tooltip
    q = q.model_copy(update={"label": "</script><script>alert(3)</script>"})
    report = report.model_copy(update={"quantities": [x for x in report.quantities if x.id != q.id] + [q]})
    finding = Finding(rule="RP501", name="grade-mismatch", severity="error",
                      message='"><img src=x onerror="window.__xss = 4; alert(4)"> 得分与等级不符', members=[member(q, "score")])
    result = CheckResult(source=report.source, document=report.document, findings=[finding], summary=Summary(errors=1))
    out = tmp_path / "xss.html"
    out.write_text(render_html(document, report, result), encoding="utf-8")
    page, events = open_page(browser, out)
    try:
        page.click("#side li.finding a.jump")
        page.hover(f'#doc .fig[data-q~="{q.id}"]')
        page.wait_for_timeout(100)
        assert events["dialogs"] == []
        assert page.evaluate("() => window.__xss") is None
        assert page.evaluate("() => document.querySelectorAll('#doc *:not(span), #side img, #side b').length") == 0
        assert page.evaluate("() => document.scripts.length") == 2
        shown = page.inner_text("#doc")
        for literal in ("<script>window.__xss = 1; alert('脚本')</script>", '"><img src=x onerror="window.__xss = 2; alert(2)">',
                        "</textarea></script><!-- <b>粗体</b> &amp; &lt;"):
            assert literal in shown
        assert '"><img src=x onerror="window.__xss = 4; alert(4)">' in page.inner_text("#side")
        assert page.is_visible("#tip") and "指标：</script><script>alert(3)</script>" in page.inner_text("#tip")
        assert events["requests"] == [out.as_uri()]  # the <img src=x> never became a request
    finally:
        page.close()


def test_docx_table_drawn_as_grid(browser, tmp_path: Path):
    from conftest import CORPUS

    src = CORPUS / "draft-tracked-changes.docx"
    if not src.exists():
        pytest.skip("corpus/draft-tracked-changes.docx 尚未生成")
    document = api.read(src)
    report = api.parse_document(document)
    out = tmp_path / "draft.html"
    out.write_text(render_html(document, report, CheckResult(source=report.source, document=report.document)),
                   encoding="utf-8")
    page, events = open_page(browser, out)
    try:
        assert page.eval_on_selector("#doc .tbl", "e => getComputedStyle(e).display") == "grid"
        # cells of one row stand side by side, rows one below the other
        boxes = page.eval_on_selector_all("#doc .tbl .cell", "els => els.map(e => [e.textContent, e.getBoundingClientRect().top, e.getBoundingClientRect().left])")
        first = next(c for c in document.tables[0].cells if c.end > c.start)
        assert boxes[0][0] == document.text[first.start:first.end]
        assert boxes[0][1] == boxes[1][1] and boxes[1][2] > boxes[0][2]  # same row, next column
        n_cols = document.tables[0].n_cols
        assert boxes[n_cols][1] > boxes[0][1]  # next row lower
        assert events["errors"] == []
    finally:
        page.close()
