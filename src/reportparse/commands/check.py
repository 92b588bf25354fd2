"""`reportparse check FILE... [--format text|json|csv] [--show-passed] [--fail-on LEVEL] [--select RULES]
[--ignore RULES] [--annotate OUT.docx] [--force] [--html OUT.html] [-o OUT]`.

Exit codes: 0 clean, 1 a finding at or above --fail-on, 2 an unusable input or option.  The rules run
once per file with every passed check kept (the review page and the Word comments list them); this
command filters for its own output.
"""

from __future__ import annotations

import argparse
import os
import sys

LEVELS = {"info": 0, "warning": 1, "error": 2}


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="文件", help=".txt / .docx / .pdf 报告文件")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text", help="输出格式（默认 text）")
    p.add_argument("--show-passed", action="store_true", help="同时列出核对相符的关系")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default="error",
                   help="达到此级别的问题时退出码为 1（默认 error）")
    p.add_argument("--select", action="append", metavar="规则", help="只运行这些规则（编号、编号前缀如 RP1，或名称；可用逗号分隔）")
    p.add_argument("--ignore", action="append", metavar="规则", help="不运行这些规则（写法同 --select）")
    p.add_argument("--annotate", metavar="OUT.docx", help="把问题写成 Word 批注，另存为 OUT.docx（仅限 .docx 输入）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的 --annotate 输出文件")
    p.add_argument("--html", metavar="OUT.html", help="生成可在浏览器中查看的审阅页面")
    p.add_argument("-o", "--output", metavar="OUT", help="写入文件而不是标准输出")
    p.set_defaults(run=run)


def _use_colour(args: argparse.Namespace) -> bool:
    if args.output not in (None, "-") or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def run(args: argparse.Namespace) -> int:
    from ..api import check_report, parse_document
    from ..rules.registry import unknown_patterns
    from .common import read_each

    bad = unknown_patterns(args.select) + unknown_patterns(args.ignore)
    if bad:
        print(f"reportparse：错误：没有这样的规则：{'、'.join(bad)}（运行 reportparse rules 查看全部规则）", file=sys.stderr)
        return 2
    if (args.annotate or args.html) and len(args.files) > 1:
        print("reportparse：错误：--annotate 和 --html 一次只能处理一个文件", file=sys.stderr)
        return 2

    from .common import check_output, refuse_overwriting_inputs

    for out in (args.output, args.html):
        refuse_overwriting_inputs(out, args.files)
    check_output(args.output)  # an unwritable -o or --html fails now, not after every file is checked
    check_output(args.html)
    check_output(args.annotate)
    status = 0
    threshold = LEVELS[args.fail_on]
    done: list[tuple[str, object, object]] = []  # (path, document, filtered result)
    for path, document in read_each(args.files):
        if document is None:
            status = 2
            continue
        if args.annotate and document.source.format != "docx":
            print(f"reportparse：错误：{path}：只能给 .docx 文件加批注（--annotate）；"
                  "PDF 和文本文件请用 --html 生成审阅页面", file=sys.stderr)
            status = 2
            continue
        report = parse_document(document)
        full = check_report(report, document, select=args.select, ignore=args.ignore, show_passed=True)
        if not _side_outputs(args, path, document, report, full):
            status = 2
            continue
        shown = full if args.show_passed else full.model_copy(
            update={"findings": [f for f in full.findings if f.status == "fail"]})
        if any(f.status == "fail" and LEVELS[f.severity] >= threshold for f in full.findings) and status == 0:
            status = 1
        done.append((path, document, shown))

    _write(args, done)
    return status


def _side_outputs(args, path, document, report, result) -> bool:
    """--annotate and --html, whose modules are imported only when asked for."""
    from ..errors import ReadError
    from .common import error_line

    try:
        if args.annotate:
            from ..output.annotate import annotate_docx

            annotate_docx(path, args.annotate, document, result, args.force)
        if args.html:
            from ..output.html import render_html

            if os.path.exists(args.html) and os.path.isdir(args.html):
                raise ReadError(args.html, "输出路径是一个目录")
            page = render_html(document, report, result)
            with open(args.html, "w", encoding="utf-8", newline="") as fh:
                fh.write(page)
    except ReadError as err:
        print(error_line(err), file=sys.stderr)
        return False
    except OSError as exc:
        from .common import output_problem

        # the annotated copy is written through a temporary file: name the file the user asked for
        target = args.html if args.html and exc.filename == args.html else (args.annotate or args.html)
        print(f"reportparse：错误：{target}：{output_problem(exc)}", file=sys.stderr)
        return False
    return True


def _write(args, done) -> None:
    from .common import open_output

    if not done and args.output not in (None, "-"):
        return  # no input could be read: an earlier output file stays as it was, not emptied
    if args.format == "csv":
        from ..output.findings_csv import BOM, render_csv

        body = BOM + render_csv([(p, r) for p, _, r in done])
        if args.output in (None, "-"):
            sys.stdout.write(body)
            sys.stdout.flush()
        else:
            with open_output(args.output) as out:
                out.write(body)
        return
    with open_output(args.output) as out:
        if args.format == "json":
            from ..output.findings_json import render_json

            if done or len(args.files) > 1:
                out.write(render_json([r for _, _, r in done], single=len(args.files) == 1))
            return
        from ..output.findings_text import render_text

        colour = _use_colour(args)
        for path, document, result in done:
            out.write(render_text(path, document, result, colour))
        if len(done) > 1:
            sums = [sum(getattr(r.summary, k) for _, _, r in done) for k in ("errors", "warnings", "infos", "passed")]
            out.write(f"共 {len(done)} 个文件：{sums[0]} 个错误，{sums[1]} 个警告，{sums[2]} 个提示；{sums[3]} 项核对相符\n")
