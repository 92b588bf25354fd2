"""`reportparse ingest` (not built yet: see the open issues)."""

from __future__ import annotations

import argparse
import sys


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("reportparse：ingest 命令尚未实现", file=sys.stderr)
    return 2
