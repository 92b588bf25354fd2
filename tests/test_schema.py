"""The published JSON Schemas: generated from the models, committed, and obeyed by every output.

- drift: schemas/*.json must be byte-identical to what scripts/gen_schemas.py writes today;
- contract: the field names of design.md ("The parse JSON") are in the schema;
- obedience: `reportparse parse --format json` on the project corpus (and a sample of the real
  reports in ../shared/corpus) validates against schemas/report.schema.json with `jsonschema`;
- teeth: the schema rejects a report that breaks the contract, so validation is not vacuous.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import CORPUS, ROOT, shared

SCHEMAS = ROOT / "schemas"
CLI = [sys.executable, "-m", "reportparse"]


def _gen_module():
    spec = importlib.util.spec_from_file_location("gen_schemas", ROOT / "scripts" / "gen_schemas.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(validator: Draft202012Validator, instance) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def _parse_json(paths: list[Path]) -> list[dict]:
    """Run the real CLI once over several files; it prints a JSON list for more than one file."""
    proc = subprocess.run(
        [*CLI, "parse", *map(str, paths), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    return out if isinstance(out, list) else [out]


# -- drift --------------------------------------------------------------------------------------


def test_committed_schemas_match_the_models():
    rendered = _gen_module().render()
    assert set(rendered) == {"report.schema.json", "findings.schema.json"}
    for name, text in rendered.items():
        committed = (SCHEMAS / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} 与模型不一致：运行 .venv/bin/python scripts/gen_schemas.py"


def test_generation_is_deterministic():
    gen = _gen_module()
    assert gen.render() == gen.render()


# -- contract: the names of design.md -----------------------------------------------------------


def test_report_schema_has_the_design_field_names():
    schema = json.loads((SCHEMAS / "report.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert {"schema_version", "source", "document", "sections", "quantities", "dates"} <= set(schema["properties"])
    assert {"path", "sha256", "format", "encoding", "pages"} <= set(defs["Source"]["properties"])
    assert {"title", "organization", "fiscal_year", "genre"} <= set(defs["DocumentMeta"]["properties"])
    assert {"id", "number", "title", "level", "span", "parent"} <= set(defs["Section"]["properties"])
    q = defs["Quantity"]["properties"]
    assert {
        "id", "kind", "text", "span", "value", "unit", "normalized", "normalized_unit",
        "approx", "interval", "label", "concept", "section", "location",
    } <= set(q)
    assert set(q["kind"]["enum"]) >= {"money", "count", "percent", "score", "rate", "ordinal", "duration"}
    assert set(q["approx"]["enum"]) == {"exact", "approx", "at_least", "at_most"}
    # Decimals travel as strings, never as JSON numbers (no float rounding on the way out)
    assert q["value"]["type"] == "string" and q["normalized"]["type"] == "string"
    d = defs["DateMention"]["properties"]
    assert {"id", "kind", "text", "span", "value", "time", "year_inferred", "location"} <= set(d)
    assert set(d["kind"]["enum"]) >= {"date", "range", "month", "year", "named_day", "relative"}


def test_findings_schema_has_the_design_field_names():
    schema = json.loads((SCHEMAS / "findings.schema.json").read_text(encoding="utf-8"))
    f = schema["$defs"]["Finding"]["properties"]
    assert {"rule", "name", "severity", "status", "decision", "message", "members", "expected", "actual",
            "tolerance", "location"} <= set(f)
    assert {"errors", "warnings", "infos", "passed"} <= set(schema["$defs"]["Summary"]["properties"])


# -- obedience: real outputs validate ------------------------------------------------------------


def _check_outputs(outputs: list[dict], paths: list[Path]) -> None:
    from reportparse import api

    v = _validator("report.schema.json")
    assert len(outputs) == len(paths)
    for path, out in zip(paths, outputs):
        errs = _errors(v, out)
        assert not errs, f"{path.name}: {errs[:5]}"
        # the span contract the schema cannot express: text is exactly the document's slice
        text = api.read(path).text
        for m in out["quantities"] + out["dates"]:
            s, e = m["span"]
            assert text[s:e] == m["text"], f"{path.name}: {m['id']} {m['text']!r} != {text[s:e]!r}"


def test_parse_json_of_project_corpus_validates():
    # every report the project ships, in each format (.txt, .docx, .pdf), subfolders included
    paths = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".docx", ".pdf"))
    assert len(paths) >= 2, "corpus/ 中没有报告"
    _check_outputs(_parse_json(paths), paths)


@pytest.mark.shared_corpus
def test_parse_json_of_real_reports_validates():
    pytest.importorskip("reportparse.readers.pdf", reason="PDF 读取模块尚未合入")
    # one of each kind of real input: GB18030 text, a budget PDF, a final-accounts PDF
    paths = [
        sorted(shared("work-reports-gb18030").glob("*.txt"))[-1],
        shared("pdf-budgets") / "上海市普陀区人民政府办公室25年预算.pdf",
        shared("pdf-final-accounts") / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",
    ]
    _check_outputs(_parse_json(paths), paths)


def test_check_result_of_seed_validates(seed_path):
    from reportparse import api

    document = api.read(seed_path)
    result = api.check_report(api.parse_document(document), document, show_passed=True)
    errs = _errors(_validator("findings.schema.json"), result.model_dump(mode="json"))
    assert not errs, errs[:5]


# -- teeth: the schema rejects broken output -----------------------------------------------------

_GOOD_QUANTITY = {
    "id": "q1", "kind": "money", "text": "139.38万元", "span": [10, 18], "value": "139.38", "unit": "万元",
    "normalized": "1393800", "normalized_unit": "元", "precision": -2, "approx": "exact",
    "interval": ["1393750", "1393850"], "location": {"line": 1, "column": 11},
}


def _report_with(quantity: dict) -> dict:
    return {
        "schema_version": "1",
        "source": {"path": "x.txt", "sha256": "0" * 64, "format": "txt"},
        "document": {"fiscal_year": 2021, "genre": "other"},
        "quantities": [quantity],
    }


def test_schema_accepts_a_well_formed_quantity():
    assert _errors(_validator("report.schema.json"), _report_with(_GOOD_QUANTITY)) == []


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "amount"},  # not one of the kinds
        {"normalized": 1393800.0},  # a float where a Decimal string is required
        {"span": [10]},  # a span is [start, end)
        {"approx": "about"},
        {"colour": "red"},  # no unknown fields
    ],
)
def test_schema_rejects_broken_quantities(change):
    q = copy.deepcopy(_GOOD_QUANTITY)
    q.update(change)
    assert _errors(_validator("report.schema.json"), _report_with(q))


def test_schema_rejects_a_quantity_without_location():
    q = copy.deepcopy(_GOOD_QUANTITY)
    del q["location"]
    assert _errors(_validator("report.schema.json"), _report_with(q))
