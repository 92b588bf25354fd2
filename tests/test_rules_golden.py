"""Goldens of the findings on corpus/checks documents of families 1xx/2xx/3xx/5xx (and the seed).

Each document with a planted inconsistency (…-有误.txt) has a consistent twin (…-无误.txt); the golden
lists every finding, failed and passed.  After a deliberate change, regenerate and REVIEW the diff:

    .venv/bin/python tests/test_rules_golden.py --update && git diff tests/fixtures/golden
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
DOCS = sorted((ROOT / "corpus" / "checks").glob("RP[1235]-*.txt")) + [
    ROOT / "corpus" / "新田县计划生育协会2021年度部门整体支出绩效评价报告.txt"
]


def findings(path: Path) -> list[dict]:
    from reportparse.api import check_report, parse_document, read

    document = read(path)
    result = check_report(parse_document(document), document, show_passed=True)
    return [
        {
            "rule": f.rule,
            "status": f.status,
            "severity": f.severity,
            "decision": f.decision,
            "line": f.location.line if f.location else None,
            "figures": [m.text for m in f.members],
            "expected": f.expected,
            "actual": f.actual,
            "message": f.message,
        }
        for f in result.findings
    ]


def golden_path(doc: Path) -> Path:
    return GOLDEN / (doc.stem + ".findings.json")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_findings_match_golden(doc):
    golden = golden_path(doc)
    assert golden.exists(), f"运行 .venv/bin/python tests/test_rules_golden.py --update 生成 {golden.name}"
    assert findings(doc) == json.loads(golden.read_text("utf-8"))


@pytest.mark.parametrize("doc", [d for d in DOCS if d.stem.endswith("有误")], ids=lambda p: p.stem)
def test_planted_document_fails_and_its_twin_does_not(doc):
    bad = [f for f in findings(doc) if f["status"] == "fail" and f["severity"] in ("error", "warning")]
    twin = doc.with_name(doc.name.replace("有误", "无误"))
    good = [f for f in findings(twin) if f["status"] == "fail"]
    family = doc.name[:3]
    assert any(f["rule"].startswith(family) for f in bad)
    assert good == []


if __name__ == "__main__":
    if "--update" not in sys.argv:
        sys.exit("用法：python tests/test_rules_golden.py --update")
    sys.path.insert(0, str(ROOT / "src"))
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for d in DOCS:
        golden_path(d).write_text(json.dumps(findings(d), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("写入", golden_path(d).relative_to(ROOT))
