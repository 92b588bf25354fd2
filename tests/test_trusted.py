"""Models built without validation (model/trusted.py) are exactly what validation would build.

Extraction builds Quantity, DateMention, Relation, RelationMember and Location with ``trusted`` for
speed.  Each one, dumped and validated again, must give the same repr: same field order, same
values, same types (a Decimal that became an int, or a tuple that became a list, shows in repr).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportparse import read
from reportparse.build import build_report
from reportparse.model import Location, Quantity
from reportparse.model.trusted import trusted

from conftest import CORPUS, SEED_TXT

# the seed (plain text), a .docx with tables (Location with table/row/col) and a PDF (pages)
FILES = [
    SEED_TXT,
    CORPUS / "checks" / "RP6-决算表-有误.docx",
    CORPUS / "澄溪县教育局2024年部门预算公开说明.pdf",
]


def _same_as_validated(model) -> None:
    again = type(model).model_validate(model.model_dump())
    assert repr(again) == repr(model)
    assert again == model
    assert model.model_dump_json() == again.model_dump_json()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_extracted_models_equal_validated_ones(path):
    report = build_report(read(path))
    assert report.quantities and report.dates and report.relations
    for q in report.quantities:
        _same_as_validated(q)
        assert type(q.value) is Decimal and type(q.interval) is tuple and type(q.span) is tuple
    for d in report.dates:
        _same_as_validated(d)
    for r in report.relations:
        _same_as_validated(r)
        for m in r.members:
            _same_as_validated(m)
    _same_as_validated(report)


def test_trusted_location_is_hashable_and_frozen_like_a_validated_one():
    a = trusted(Location, page=2, paragraph=None, table=1, row=3, col=0, line=5, column=7)
    b = Location(page=2, table=1, row=3, col=0, line=5, column=7)
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
    with pytest.raises(Exception):
        a.line = 9  # frozen, as pydantic makes it


def test_trusted_skips_validation_so_callers_must_pass_exact_types():
    # the contract in one line: nothing is converted (why callers pass Decimal, never int or str)
    q = trusted(Quantity, value="1")
    assert q.value == "1"
