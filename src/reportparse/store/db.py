"""Opening the store and writing one document per transaction.  Only the driver process writes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .. import __version__
from ..model import SCHEMA_VERSION as REPORT_SCHEMA_VERSION
from .schema import CHILD_TABLES, COLUMNS, DDL, PRIMARY_KEYS, SCHEMA_VERSION, TABLES, TIMING_COLUMNS


class StoreError(Exception):
    """A store that cannot be used: the message is Chinese and names the file."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}：{problem}")


def doc_id_for(path: str) -> int:
    """A stable 63-bit id from the absolute path, so ids never depend on the order of completion."""
    digest = hashlib.sha256(path.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def connect(db_path: str | os.PathLike[str], *, create: bool = True) -> sqlite3.Connection:
    """Open (and create or check) a store.  Raises StoreError with a Chinese message."""
    p = Path(db_path)
    if not create and not p.exists():
        raise StoreError(str(db_path), "数据库文件不存在")
    if p.is_dir():
        raise StoreError(str(db_path), "这是一个目录，不是数据库文件")
    # sqlite says only "unable to open database file" / "attempt to write a readonly database"
    if create and not p.exists() and p.parent.is_dir() and not os.access(p.parent, os.W_OK):
        raise StoreError(str(db_path), "无法在这个文件夹中新建数据库：没有写入权限")
    if p.exists() and not p.is_dir() and not os.access(p, os.W_OK):
        raise StoreError(str(db_path), "数据库文件是只读的（没有写入权限）；只导出可用 reportparse export")
    try:
        if create:
            p.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE … COMMIT), one per document.
        conn = sqlite3.connect(str(p), isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a committed document survives a killed process (only an OS crash or
        # power loss can drop the last transactions), at a fraction of FULL's fsync cost.
        conn.execute("PRAGMA synchronous=NORMAL")
        _ensure_schema(conn, str(db_path))
    except sqlite3.DatabaseError as exc:
        raise StoreError(str(db_path), f"不是可用的 SQLite 数据库（{exc}）") from None
    except OSError as exc:
        raise StoreError(str(db_path), f"无法打开数据库（{exc.strerror or exc}）") from None
    return conn


def connect_for_reading(db_path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open a store only to read it (export).  A store this user may not write (a colleague's copy,
    a read-only share) is read as immutable: WAL mode needs a writable -shm file beside the database,
    so the ordinary open failed with "attempt to write a readonly database" on a plain read."""
    p = Path(db_path)
    writable = os.access(p, os.W_OK) and os.access(p.parent if str(p.parent) else Path("."), os.W_OK)
    if writable or not p.exists() or p.is_dir():
        return connect(db_path, create=False)
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(str(db_path), f"不是可用的 SQLite 数据库（{exc}）") from None
    if version != SCHEMA_VERSION:
        conn.close()
        raise StoreError(str(db_path), f"数据库结构版本为 {version}，本程序需要 {SCHEMA_VERSION}；只读文件无法升级")
    _check_columns(conn, str(db_path))
    return conn


def _check_columns(conn: sqlite3.Connection, name: str) -> None:
    """A store that says it has this version must also have its columns: a store made by a
    development build between two versions would otherwise fail mid-batch with a raw SQL error."""
    for table, columns in COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        missing = [c for c in columns if c not in have]
        if missing:
            conn.close()
            raise StoreError(name, f"数据库结构与本程序不一致（表 {table} 缺少列 {', '.join(missing)}），"
                                   "可能由开发中的版本创建；请改用一个新的 --db 文件")


def _ensure_schema(conn: sqlite3.Connection, name: str) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        _check_columns(conn, name)
        return
    if version > SCHEMA_VERSION:
        raise StoreError(name, f"数据库结构版本为 {version}，高于本程序支持的 {SCHEMA_VERSION}，请升级 reportparse")
    n_tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if version == 0 and n_tables:
        raise StoreError(name, "这个 SQLite 数据库不是 reportparse 创建的（没有结构版本号），为免覆盖别的数据，拒绝写入")
    # executescript() would COMMIT on its own; plain statements keep creation in one transaction.
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:  # another process won
            conn.execute("COMMIT")
            return
        for statement in _statements(DDL):
            conn.execute(statement)
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("schema_version", str(SCHEMA_VERSION)),
                ("report_schema_version", REPORT_SCHEMA_VERSION),
                ("created_by", f"reportparse {__version__}"),
            ],
        )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # a Ctrl-C just after COMMIT: stored, nothing to roll back
            conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> Iterable[str]:
    """The DDL's statements: comments dropped first (they may hold ';'), then split on ';'."""
    lines = [line.split("--", 1)[0].rstrip() for line in script.splitlines()]
    for part in "\n".join(line for line in lines if line.strip()).split(";"):
        if part.strip():
            yield part.strip()


def stored_files(conn: sqlite3.Connection) -> dict[str, tuple[str | None, str]]:
    """path -> (sha256, status) of every document already in the store."""
    return {path: (sha, status) for path, sha, status in conn.execute("SELECT path, sha256, status FROM documents")}


def insert_sql(table: str) -> str:
    cols = COLUMNS[table]
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def write_document(conn: sqlite3.Connection, doc_id: int, rows: dict[str, list[tuple]]) -> None:
    """Replace everything stored for ``doc_id`` by ``rows`` (table -> rows without doc_id), atomically."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        _delete(conn, doc_id)
        for table in ("documents", *CHILD_TABLES):
            table_rows = rows.get(table)
            if table_rows:
                conn.executemany(insert_sql(table), [(doc_id, *row) for row in table_rows])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # a Ctrl-C just after COMMIT: stored, nothing to roll back
            conn.execute("ROLLBACK")
        raise


def write_many(conn: sqlite3.Connection, docs: list[tuple[int, dict[str, list[tuple]]]]) -> None:
    """Several small documents (duplicates found while planning) in one transaction."""
    if not docs:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for doc_id, rows in docs:
            _delete(conn, doc_id)
            for table in ("documents", *CHILD_TABLES):
                if rows.get(table):
                    conn.executemany(insert_sql(table), [(doc_id, *row) for row in rows[table]])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # a Ctrl-C just after COMMIT: stored, nothing to roll back
            conn.execute("ROLLBACK")
        raise


def _delete(conn: sqlite3.Connection, doc_id: int) -> None:
    for table in CHILD_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))


def dump(conn: sqlite3.Connection, *, with_timings: bool = False) -> dict[str, list[tuple]]:
    """Every table's rows in primary-key order, timing columns left out unless asked for.

    Two stores built from the same files compare equal with this, whatever the executor, the
    number of workers or the interruptions.
    """
    out: dict[str, list[tuple]] = {}
    for table in TABLES:
        cols = [c for c in _columns(conn, table) if with_timings or c not in TIMING_COLUMNS.get(table, ())]
        order = ", ".join(PRIMARY_KEYS[table])
        out[table] = conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()
    return out


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
