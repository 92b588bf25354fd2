"""docs/rules.md is generated from the rule classes: it must match them (drift test)."""

import subprocess
import sys

from conftest import ROOT


def test_rules_doc_is_up_to_date():
    sys.path.insert(0, str(ROOT / "scripts"))
    import gen_rules_doc

    expected = gen_rules_doc.render()
    current = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert current == expected, "请运行 .venv/bin/python scripts/gen_rules_doc.py 重新生成 docs/rules.md"


def test_every_rule_is_documented_with_its_examples():
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    from reportparse.rules.registry import ALL_RULES

    for r in ALL_RULES:
        assert f"### {r.id}" in text and f"`{r.name}`" in text and r.summary in text
    assert "累计23篇" in text or "23篇" in text  # the Bad example of RP101 is on the page


def test_check_flag_reports_drift(tmp_path):
    rc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rules_doc.py"), "--check"], capture_output=True)
    assert rc.returncode == 0, rc.stderr.decode()
