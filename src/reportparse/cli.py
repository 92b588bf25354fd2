"""argv → api → output.  Exit codes: 0 clean, 1 findings at or above --fail-on, 2 unusable input.

Each subcommand lives in reportparse.commands.<name> with ``register(subparsers)``; it is imported
only when named, so `reportparse --version` and `parse` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import ReadError

# name -> (module, Chinese one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("reportparse.commands.parse", "读取报告，列出文本块及其位置、提取出的数字"),
    "check": ("reportparse.commands.check", "核对报告中的数字：合计与分项、同比、比率、得分与等级等"),
    "rules": ("reportparse.commands.rules", "列出全部核对规则"),
    "ingest": ("reportparse.commands.ingest", "批量解析、核对报告并存入 SQLite 数据库"),
    "export": ("reportparse.commands.export", "从数据库导出一张表（CSV / JSONL / Parquet）"),
    "crosscheck": ("reportparse.commands.crosscheck", "在数据库中跨报告核对（上年数、历年同口径）"),
}


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix="" when it builds a subcommand's prog: keep that one bare.
        return super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportparse",
        description="读取中文政府报告（绩效自评、预算、决算、三公经费、统计公报），提取金额、户数人数、"
        "百分比、得分和日期，并核对数字之间的关系。",
        formatter_class=ChineseHelpFormatter,
        add_help=False,
    )
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument("--version", action="version", version=f"reportparse {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令")
    for name, (module, help_text) in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name, help=help_text, add_help=False)
            continue
        mod = importlib.import_module(module)
        p = sub.add_parser(name, help=help_text, description=help_text, formatter_class=ChineseHelpFormatter, add_help=False)
        p._positionals.title = "位置参数"
        p._optionals.title = "选项"
        p.add_argument("-h", "--help", action="help", help="显示帮助并退出")
        mod.register(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from .commands.zh_argparse import install

    install()  # argparse's usage errors in Chinese
    only = next((a for a in argv if a in COMMANDS), None)
    parser = build_parser(only)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("reportparse：已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except ReadError as err:  # an output file that cannot be written: one Chinese line, no traceback
        print(f"reportparse：错误：{err.path}：{err.problem}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
