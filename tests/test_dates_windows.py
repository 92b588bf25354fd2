"""The date scanners run each pattern only over the sentences holding one of its anchor characters
(extract/dates.py ``_Finder.finditer``): the matches must be those of the whole text, in order."""

from __future__ import annotations

import pytest

from conftest import CORPUS, SHARED_CORPUS
from reportparse import read
from reportparse.extract import dates as D
from reportparse.extract.chinese_numerals import ascii_digits

# matches at the edges of the windows: right after and right before a 。, at the text's ends, a
# line break inside a date, lookbehinds (每个月) and lookaheads (月份个) across a 。
EDGES = (
    "2021年5月3日。5月13日、14日至6月2日。今年3月以来，截至10月底。\n上半年。第一季度。近两年来。"
    "自2021年6月份开始。。“5.29”会员日。春节期间，下午4:30点开始；至14点。2023.01-2023.12。2023-05-13。"
    "2023年3、4月。每个月。3月。份个。5月\n13日。2021—2023年度。去年。明年5月。"
)


def _texts() -> list[str]:
    paths = sorted(p for p in CORPUS.rglob("*.txt"))
    paths += sorted((SHARED_CORPUS / "work-reports-gb18030").glob("*.txt"))[:6]
    return [EDGES, EDGES[:-1], "年月", ""] + [read(p).text for p in paths]


@pytest.mark.parametrize("rx", list(D._ANCHORS), ids=lambda rx: next(k for k, v in vars(D).items() if v is rx))
def test_windowed_matches_equal_whole_text_matches(rx):
    found = 0
    for text in _texts():
        t = ascii_digits(text)
        whole = [(m.span(), m.groups()) for m in rx.finditer(t)]
        windowed = [(m.span(), m.groups()) for m in D._Finder(t, 2021).finditer(rx)]
        assert windowed == whole
        found += len(whole)
    assert found > 0  # the texts exercise this pattern


def test_a_pattern_without_anchors_runs_over_the_whole_text():
    import re

    rx = re.compile("甲")
    assert [m.start() for m in D._Finder("甲。乙。甲", None).finditer(rx)] == [0, 4]
