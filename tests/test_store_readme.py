"""The three SQL queries of the README's batch section run on a real store and answer correctly."""

from __future__ import annotations

import re
import sqlite3

from conftest import ROOT, SEED_TXT
from reportparse.cli import main
from reportparse.store.ingest import ingest


def readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("<!-- section:batch -->") : text.index("<!-- /section:batch -->")]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_readme_queries(tmp_path, capsys):
    queries = readme_queries()
    assert len(queries) == 3
    db = tmp_path / "r.sqlite"
    ingest([str(SEED_TXT), str(ROOT / "tests" / "fixtures" / "crosscheck")], str(db), workers=1)
    main(["crosscheck", "--db", str(db)])
    capsys.readouterr()
    with sqlite3.connect(db) as conn:
        three_public, errors, share = (conn.execute(q).fetchall() for q in queries)
        n_ok = conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
        n_error_rows = conn.execute("SELECT count(*) FROM findings WHERE status = 'fail' AND severity = 'error'").fetchone()[0]
    # 三公 by organization and year: this year's figure of each report, never the quoted prior year (2.31)
    assert ("示范县文化馆", 2020, "2.13万元", 2.13) in three_public
    assert ("示范县文化馆", 2021, "1.91万元", 1.91) in three_public
    assert ("新田县计划生育协会", 2021, "1.91万元", 1.91) in three_public
    # every error with its file and line: the seed's 98分/良好 grade error is among them
    assert len(errors) == n_error_rows
    assert any(path == str(SEED_TXT.resolve()) and rule == "RP501" and line > 0 for path, line, _, rule, _ in errors)
    # the share that fully reconciles: the 2021 fixture quotes 2020 wrongly, the seed has errors
    (total, clean, pct), = share
    assert total == n_ok == 3 and clean <= 1 and pct == round(100.0 * clean / total, 1)
