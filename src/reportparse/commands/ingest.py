"""`reportparse ingest PATH... --db reports.sqlite [--workers N] [--recursive] [--glob PATTERN]
[--executor process|dask] [--scheduler ADDRESS]`.

Exit codes: 0 when the batch ran to its end (bad files are rows in `errors`, listed on stderr and
counted in the summary: a batch never stops for one file); 2 when the command cannot run at all
(a path that does not exist, a store that cannot be opened, an unknown Dask scheduler).
"""

from __future__ import annotations

import argparse
import sys


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="路径", help="报告文件或文件夹（文件夹中默认取 .txt/.docx/.pdf）")
    p.add_argument("--db", required=True, metavar="DB", help="SQLite 数据库文件（不存在则新建）")
    p.add_argument("--workers", type=int, metavar="N", help="并行进程数（默认：CPU 核数；1 表示在本进程中顺序处理）")
    p.add_argument("--recursive", "-r", action="store_true", help="同时处理子文件夹")
    p.add_argument("--glob", metavar="PATTERN", help="只取文件名匹配该模式的文件，如 '*决算*.pdf'")
    p.add_argument(
        "--executor", choices=["process", "dask"], default="process",
        help="process：本机进程池（默认）；dask：dask.distributed 集群",
    )
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask 调度器地址，如 tcp://10.0.0.5:8786（不给则启动本机 LocalCluster）")
    p.add_argument("--retry-failed", action="store_true", help="重新处理上次失败的文件（默认内容未变就跳过）")
    p.add_argument("--force", action="store_true", help="重新处理给出的全部文件（如升级 reportparse 之后）")
    p.add_argument("--connect-timeout", type=float, default=20.0, metavar="秒", help="连接 Dask 调度器的超时（默认 20 秒）")
    p.add_argument("--progress-interval", type=float, default=5.0, help=argparse.SUPPRESS)
    p._positionals.title = "位置参数"  # argparse's own titles are English
    p._optionals.title = "选项"
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..store.ingest import IngestError, format_summary, ingest

    if args.workers is not None and args.workers < 1:
        print("reportparse：错误：--workers 必须是正整数", file=sys.stderr)
        return 2
    if args.scheduler and args.executor != "dask":
        print("reportparse：错误：--scheduler 只能与 --executor dask 一起使用", file=sys.stderr)
        return 2
    try:
        summary = ingest(
            args.paths,
            args.db,
            workers=args.workers,
            recursive=args.recursive,
            glob=args.glob,
            executor=args.executor,
            scheduler=args.scheduler,
            connect_timeout=args.connect_timeout,
            force=args.force,
            retry_failed=args.retry_failed,
            progress=sys.stderr,
            progress_interval=args.progress_interval,
        )
    except IngestError as err:
        print(f"reportparse：错误：{err.path}：{err.problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # Ctrl-C: each document is one transaction, so what is stored is whole; say how to go on.
        print(f"reportparse：已中断。已处理完的文件都完整保存在 {args.db} 中，正在处理的文件不留任何行；"
              "重新运行同一条命令即可接着处理其余文件", file=sys.stderr)
        return 130
    for path, stage, message in sorted(summary.failures):
        print(f"reportparse：错误：{path}：{message}", file=sys.stderr)
    if summary.files == 0:
        # an empty folder, a folder of subfolders without -r, or a --glob that matches nothing
        hint = "" if args.recursive else "；子文件夹中的文件需加 -r"
        what = f"文件名匹配 {args.glob} 的报告文件" if args.glob else "报告文件（.txt / .docx / .pdf）"
        print(f"reportparse：提示：给出的路径中没有找到{what}{hint}", file=sys.stderr)
    sys.stdout.write(format_summary(summary))
    return 0
