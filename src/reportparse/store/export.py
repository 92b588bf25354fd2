"""One table of the store → CSV (UTF-8 with BOM, so Excel shows Chinese), JSON Lines or Parquet.

Rows come out in primary-key order (deterministic), streamed in batches so a table larger than
memory exports too.  Decimal columns stay exact text in every format.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from .schema import PRIMARY_KEYS, TABLES

FORMATS = ("csv", "jsonl", "parquet")
BATCH = 5000


class ExportError(Exception):
    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}：{problem}")


def _rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[str], Iterator[list[tuple]]]:
    info = conn.execute(f"PRAGMA table_info({table})").fetchall()
    names = [row[1] for row in info]
    types = [(row[2] or "").upper() for row in info]
    order = ", ".join(PRIMARY_KEYS[table])
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY {order}")

    def batches() -> Iterator[list[tuple]]:
        while True:
            chunk = cursor.fetchmany(BATCH)
            if not chunk:
                return
            yield chunk

    return names, types, batches()


def export_table(db_path: str, table: str, fmt: str, out: str) -> int:
    """Write ``table`` of the store at ``db_path`` to ``out`` ('-' = stdout for csv/jsonl); rows written."""
    from .db import StoreError, connect_for_reading

    if table not in TABLES:
        raise ExportError(table, f"没有这张表；可导出的表：{'、'.join(TABLES)}")
    if fmt not in FORMATS:
        raise ExportError(fmt, f"不支持的格式；可用：{'、'.join(FORMATS)}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ExportError(
                "--format parquet", "未安装 pyarrow，无法导出 Parquet；请安装可选依赖 reportparse[parquet]："
                "在 reportparse 源码目录中运行 bash scripts/setup parquet"
            ) from None
        if out == "-":
            raise ExportError(out, "Parquet 是二进制格式，请给出输出文件名，不能写到标准输出")
    if out != "-":  # before the work, and in Chinese (strerror is English)
        if Path(out).exists() and Path(db_path).exists() and os.path.samefile(out, db_path):
            # writing the export over the store it is read from would destroy the store
            raise ExportError(out, "输出文件就是数据库本身；数据库不会被覆盖，请另选一个输出路径")
        if Path(out).is_dir():
            raise ExportError(out, "输出路径是一个目录，请给出文件名")
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(out, _why(exc)) from None
    try:
        conn = connect_for_reading(db_path)
    except StoreError as err:
        raise ExportError(err.path, err.problem) from None
    try:
        names, types, batches = _rows(conn, table)
        if fmt == "parquet":
            return _parquet(names, types, batches, out)
        if out == "-":
            return _text(fmt, names, batches, sys.stdout)
        # utf-8-sig: the BOM tells Excel the file is UTF-8; JSON Lines stays plain UTF-8.
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        try:
            with open(out, "w", encoding=encoding, newline="") as stream:
                return _text(fmt, names, batches, stream)
        except OSError as exc:
            raise ExportError(out, _why(exc)) from None
    finally:
        conn.close()


def _why(exc: OSError) -> str:
    """Why ``out`` cannot be written, in Chinese: the OS's own words (and pyarrow's) are English."""
    if isinstance(exc, IsADirectoryError):
        return "输出路径是一个目录，请给出文件名"
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError, FileExistsError)):
        return "输出文件所在的文件夹无法创建或不存在"
    return f"无法写入（错误号 {exc.errno}）" if exc.errno else "无法写入"


def _text(fmt: str, names: list[str], batches: Iterator[list[tuple]], stream) -> int:
    n = 0
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\r\n")  # RFC 4180 line ends, as Excel writes them
        writer.writerow(names)
        for chunk in batches:
            writer.writerows(chunk)
            n += len(chunk)
        return n
    for chunk in batches:
        for row in chunk:
            stream.write(json.dumps(dict(zip(names, row)), ensure_ascii=False) + "\n")
        n += len(chunk)
    return n


def _parquet(names: list[str], types: list[str], batches: Iterator[list[tuple]], out: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(decl: str):
        if "INT" in decl:
            return pa.int64()
        if "REAL" in decl:
            return pa.float64()
        return pa.string()

    schema = pa.schema([pa.field(name, arrow_type(decl)) for name, decl in zip(names, types)])
    n = 0
    try:
        with pq.ParquetWriter(out, schema) as writer:
            for chunk in batches:
                columns = list(zip(*chunk))
                writer.write_table(pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema))
                n += len(chunk)
            if n == 0:
                writer.write_table(schema.empty_table())
    except OSError as exc:
        raise ExportError(out, _why(exc)) from None
    return n
