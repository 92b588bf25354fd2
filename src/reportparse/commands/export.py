"""`reportparse export --db reports.sqlite --format csv|jsonl|parquet --table TABLE OUT`."""

from __future__ import annotations

import argparse
import sys


def register(p: argparse.ArgumentParser) -> None:
    from ..store.schema import TABLES

    p.add_argument("out", metavar="OUT", help="输出文件（csv / jsonl 可用 - 表示标准输出）")
    p.add_argument("--db", required=True, metavar="DB", help="ingest 生成的 SQLite 数据库")
    p.add_argument("--format", choices=["csv", "jsonl", "parquet"], default="csv", help="输出格式（默认 csv，带 BOM 的 UTF-8）")
    p.add_argument("--table", required=True, choices=TABLES, metavar="TABLE", help=f"要导出的表：{'、'.join(TABLES)}")
    p._positionals.title = "位置参数"  # argparse's own titles are English
    p._optionals.title = "选项"
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..store.export import ExportError, export_table

    try:
        n = export_table(args.db, args.table, args.format, args.out)
    except ExportError as err:
        print(f"reportparse：错误：{err.path}：{err.problem}", file=sys.stderr)
        return 2
    if args.out != "-":
        print(f"已导出 {args.table} 表 {n} 行到 {args.out}", file=sys.stderr)
    return 0
