"""argparse's own messages in Chinese (`缺少必需的参数：--db`, not `the following arguments are required`).

argparse looks each message up through its module-level ``_`` and ``ngettext`` (gettext) at the moment
it prints it, so replacing those two names translates every usage error and nothing else: the parsing
itself is untouched.  A message not listed here stays as argparse wrote it.
"""

from __future__ import annotations

import argparse

ZH = {
    "usage: ": "用法：",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的取值 %(value)r（应为 %(type)s 类型的数）",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
}


def _zh(message: str) -> str:
    return ZH.get(message, message)


def _nzh(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "需要 %s 个值"
    return singular if n == 1 else plural


def install() -> None:
    """Make argparse speak Chinese in this process (idempotent)."""
    argparse._ = _zh  # type: ignore[attr-defined]
    argparse.ngettext = _nzh  # type: ignore[attr-defined]
