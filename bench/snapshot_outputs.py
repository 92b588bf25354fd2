#!/usr/bin/env python3
"""Freeze and compare the outputs of `parse --format json` and `check --show-passed --format json`.

    .venv/bin/python bench/snapshot_outputs.py write /tmp/snap_before
    .venv/bin/python bench/snapshot_outputs.py compare /tmp/snap_before /tmp/snap_after

A speed change must leave every output byte-identical.  Inputs: every file under corpus/ (recursive,
checks/ and redteam/ included, golden files excepted), /work/shared/corpus/pdf-*/*.pdf and
work-reports-gb18030/*.txt.  Each command runs in this one process through `cli.main` (a fresh
process per file would take minutes on a shared machine); stdout, stderr and the exit code are stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
COMMANDS = {
    "parse": ["parse", "--format", "json"],
    "check": ["check", "--show-passed", "--format", "json"],
}


def inputs() -> list[Path]:
    files = [p for p in (ROOT / "corpus").rglob("*") if p.is_file() and not p.name.endswith(".golden.json")]
    files += SHARED.glob("pdf-*/*.pdf")
    files += (SHARED / "work-reports-gb18030").glob("*.txt")
    return sorted(files)


def name_of(path: Path) -> str:
    """A flat, stable file name for one input (the hash keeps names of different folders apart)."""
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:10]
    return f"{path.name}.{digest}"


def run(argv: list[str]) -> bytes:
    from reportparse.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return f"exit {code}\n--- stdout\n{out.getvalue()}--- stderr\n{err.getvalue()}".encode()


def write(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    files = inputs()
    for i, path in enumerate(files, 1):
        for cmd, args in COMMANDS.items():
            cmd_args = [args[0], str(path), *args[1:]]
            (folder / f"{name_of(path)}.{cmd}").write_bytes(run(cmd_args))
        print(f"\r{i}/{len(files)}", end="", file=sys.stderr, flush=True)
    print(f"\n{len(files)} files × {len(COMMANDS)} commands → {folder}")
    return 0


def compare(a: Path, b: Path) -> int:
    names_a = {p.name for p in a.iterdir()}
    names_b = {p.name for p in b.iterdir()}
    bad = sorted(names_a ^ names_b)
    for name in bad:
        print(f"only in one folder: {name}")
    differ = sorted(n for n in names_a & names_b if (a / n).read_bytes() != (b / n).read_bytes())
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names_a & names_b)} outputs compared, {len(differ)} differ, {len(bad)} missing on one side")
    return 1 if differ or bad else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "write":
        return write(Path(argv[1]))
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
