"""Make docs/review-seed.png: the seed report's review page in headless Chromium, first error selected.

    .venv/bin/python scripts/screenshot_review.py [--out docs/review-seed.png] [--html keep.html]

Uses the same pipeline as `reportparse check --html` (read → parse → check with passed checks → render),
then opens the page in /usr/bin/chromium through playwright, activates the first finding and saves
a 1400×900 screenshot.  Prints what it did.  Needs chromium; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "corpus/新田县计划生育协会2021年度部门整体支出绩效评价报告.txt"  # relative: the page shows the path as given
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="生成种子报告审阅页面的截图")
    ap.add_argument("--out", default="docs/review-seed.png")
    ap.add_argument("--html", default=None, help="同时保留生成的 HTML 文件")
    ap.add_argument("--source", default=SEED)
    args = ap.parse_args(argv)
    os.chdir(ROOT)

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # `bash scripts/demo` installs no extra; playwright comes with the test extra
        print("screenshot_review：需要 playwright（测试依赖的一部分）：先运行 bash scripts/setup test", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"screenshot_review：找不到 {CHROMIUM}（需要系统的 chromium，本脚本不下载浏览器）", file=sys.stderr)
        return 2

    from reportparse import api
    from reportparse.output.html import render_html

    document = api.read(args.source)
    report = api.parse_document(document)
    result = api.check_report(report, document, show_passed=True)
    page_html = render_html(document, report, result)
    with tempfile.TemporaryDirectory() as tmp:
        html_path = Path(args.html) if args.html else Path(tmp) / "review.html"
        html_path.write_text(page_html, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(html_path.resolve().as_uri())
            first = page.locator("#side > ol.findings > li.finding a.jump").first
            if first.count():
                first.click()
            fig = page.locator("#doc .fig[data-q]").first
            active = page.locator("#doc .fig.active[data-q]").first
            (active if active.count() else fig).hover()
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=args.out)
            browser.close()
    s = result.summary
    print(f"{args.out}: 错误 {s.errors} 警告 {s.warnings} 提示 {s.infos} 通过 {s.passed}；"
          f"数字 {len(report.quantities)} 个，日期 {len(report.dates)} 个；HTML {len(page_html.encode())} 字节")
    return 0


if __name__ == "__main__":
    sys.exit(main())
