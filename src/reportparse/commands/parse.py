"""`reportparse parse FILE... [--format text|json] [-o OUT]`."""

from __future__ import annotations

import argparse
import json


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="文件", help=".txt / .docx / .pdf 报告文件")
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    p.add_argument("-o", "--output", metavar="OUT", help="写入文件而不是标准输出")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api import parse_document
    from ..output.parse_text import render_parse_text
    from .common import check_output, open_output, read_each, refuse_overwriting_inputs

    refuse_overwriting_inputs(args.output, args.files)
    check_output(args.output)  # an unwritable -o fails before the work
    to_file = args.output not in (None, "-")
    status = 0
    reports = []
    texts: list[str] = []  # for -o: held until one file is read, so a failed run leaves -o untouched
    with open_output(None) as stdout:
        for path, document in read_each(args.files):
            if document is None:
                status = 2
                continue
            report = parse_document(document)
            if args.format == "json":
                reports.append(report.model_dump(mode="json"))
            elif to_file:
                texts.append(render_parse_text(document, report))
            else:
                stdout.write(render_parse_text(document, report))
    if to_file and not (reports or texts):
        return status  # no input could be read: an earlier output file stays as it was
    with open_output(args.output) as out:
        for text in texts:
            out.write(text)
        if args.format == "json":
            payload = reports[0] if len(args.files) == 1 and reports else reports
            if reports or len(args.files) > 1:
                out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return status
