"""`reportparse rules [--format text|json]`: the catalogue: id, name, default severity, summary."""

from __future__ import annotations

import argparse
import json

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    p.add_argument("-o", "--output", metavar="OUT", help="写入文件而不是标准输出")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..rules.registry import ALL_RULES
    from .common import open_output

    rows = [{"id": r.id, "name": r.name, "severity": r.severity, "summary": r.summary} for r in ALL_RULES]
    with open_output(args.output) as out:
        if args.format == "json":
            out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            return 0
        width = max(len(r["name"]) for r in rows)
        for r in rows:
            out.write(f"{r['id']}  {r['name']:<{width}}  {SEVERITY_ZH[r['severity']]}  {r['summary']}\n")
        out.write(f"共 {len(rows)} 条规则\n")
    return 0
