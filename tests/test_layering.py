"""The layers stay honest: heavy file libraries only where files are read or written."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "reportparse"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules():
    return sorted(p for p in SRC.rglob("*.py"))


def test_pdf_libraries_only_in_readers():
    offenders = [str(p.relative_to(SRC)) for p in _modules()
                 if _imports(p) & {"pdfplumber", "pypdfium2", "pdfminer"} and p.parent.name != "readers"]
    assert offenders == []


def test_python_docx_only_in_the_docx_reader_and_the_comment_writer():
    allowed = {"readers/docx.py", "readers/__init__.py", "output/annotate.py"}
    offenders = [str(p.relative_to(SRC)) for p in _modules()
                 if "docx" in _imports(p) and str(p.relative_to(SRC)) not in allowed]
    assert offenders == []


def test_model_does_no_io_and_no_regex():
    for p in (SRC / "model").glob("*.py"):
        assert not _imports(p) & {"re", "regex", "os", "pathlib", "sqlite3", "jieba"}, p


def test_rules_do_not_import_readers_or_jieba():
    for p in (SRC / "rules").glob("*.py"):
        imported = _imports(p)
        assert "jieba" not in imported, p
        text = p.read_text(encoding="utf-8")
        assert "from ..readers" not in text and "reportparse.readers" not in text, p
