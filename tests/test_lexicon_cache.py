"""The jieba lexicon cache (text/words.py) stores words as one string and counts as an int64 array:
unpacking must give back exactly the dictionary that was packed (keys, values, order)."""

from __future__ import annotations

import pytest

from reportparse.text import words


def test_packed_lexicon_unpacks_to_the_same_dictionary():
    tok = words.tokenizer(False)
    freq, total = tok.FREQ, tok.total
    packed = words._pack_lexicon(freq, total)
    assert packed is not None
    again, again_total = words._unpack_lexicon(packed)
    assert again_total == total
    assert again == freq
    assert list(again) == list(freq)  # same order too
    assert all(type(v) is int for v in list(again.values())[:1000])


def test_a_word_with_a_line_break_is_not_cached():
    assert words._pack_lexicon({"甲": 1, "乙\n丙": 2}, 3) is None


def test_a_damaged_cache_is_refused_so_the_lexicon_is_rebuilt():
    import marshal

    with pytest.raises(ValueError):
        words._unpack_lexicon(marshal.dumps(("甲\n乙", b"\0" * 8, 1)))  # two words, one count
