"""`reportparse crosscheck --db reports.sqlite [--show-passed]`.

Compares what each report says of the year before with that year's own report of the same
organization (rules RP950, RP951), stores the results in `findings` (source 'crosscheck') and
lists the failures.  Exit codes: 0 all agree, 1 some figure disagrees, 2 the store is unusable.
"""

from __future__ import annotations

import argparse
import sys


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, metavar="DB", help="ingest 生成的 SQLite 数据库")
    p.add_argument("--show-passed", action="store_true", help="同时列出核对一致的项")
    p._positionals.title = "位置参数"  # argparse's own titles are English
    p._optionals.title = "选项"
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..store.crosscheck import run_crosscheck
    from ..store.db import StoreError, connect

    try:
        conn = connect(args.db, create=False)
    except StoreError as err:
        print(f"reportparse：错误：{err.path}：{err.problem}", file=sys.stderr)
        return 2
    try:
        summary, results = run_crosscheck(conn)
        paths = dict(conn.execute("SELECT doc_id, path FROM documents"))
    finally:
        conn.close()
    for doc_id, finding, _ in results:
        if finding.status == "fail" or args.show_passed:
            loc = finding.location
            where = f"{paths[doc_id]}:{loc.line}:{loc.column}" if loc else paths[doc_id]
            mark = finding.severity if finding.status == "fail" else "pass"
            print(f"{where}: {finding.rule} {mark} {finding.message}")
    print(
        f"跨报告核对：{summary.documents} 份报告引用了上年数且找到了上年报告，核对 {summary.checked} 项，"
        f"不一致 {summary.failed} 项（结果已写入 findings 表，source = 'crosscheck'）"
    )
    return 1 if summary.failed else 0
