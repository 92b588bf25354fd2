"""A 1:1 width-folding view of a text: same length, so every offset into it is an offset into the original.

Why not NFKC: NFKC changes lengths (``㎡`` → ``m2``, ``½`` → ``1⁄2``) and would break the contract
``document.text[s:e] == quantity.text``.  Extraction runs its patterns over ``fold(text)`` and slices
the *original* text with the same offsets, so the stored text is never altered.

Folded: full-width ASCII (U+FF01..U+FF5E: ``１３９．３８``, ``％``, ``／``), the ideographic and
no-break spaces, the small percent sign, the ratio colons ``∶`` ``︰`` and minus signs.  The full-width comma ``，`` and
the full-width colon ``：`` are deliberately NOT folded: in Chinese prose they are clause punctuation,
and folding ``，`` to ``,`` would make ``3，5`` look like a thousands separator.  One exception: a
``，`` between full-width digits with exactly three full-width digits after it (``２，３４５．６０``) is
a thousands separator typed in full-width mode (the digits around it say so), and folds to ``,``;
otherwise the figure would read as ``３４５．６０``.
"""

from __future__ import annotations

import re

# Chinese clause punctuation that must keep its identity (see module docstring).
_KEEP = {"，", "：", "；", "（", "）", "！", "？"}

_TABLE: dict[int, int] = {}
for _cp in range(0xFF01, 0xFF5F):
    if chr(_cp) not in _KEEP:
        _TABLE[_cp] = _cp - 0xFEE0
_TABLE.update(
    {
        0x3000: 0x20,  # ideographic space
        0x00A0: 0x20,  # no-break space
        0xFE6A: ord("%"),  # small percent sign
        0x2236: ord(":"),  # ratio colon ∶
        0xFE30: ord(":"),  # presentation-form colon ︰
        0x2212: ord("-"),  # minus sign −
        0xFF0D: ord("-"),  # full-width hyphen-minus
    }
)

_NEEDS_FOLD = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")
# Runs of characters to fold.  Why not text.translate(_TABLE): a dict-table translate costs ~90 ns
# for every character of the text; translating only the runs that need it (a few hundred in a real
# report) gives the same string, one character for one, about 8 times faster.
_FOLD_RUN = re.compile(_NEEDS_FOLD.pattern + "+")


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_TABLE)


# The ， comes first (its lookbehind after it) so that `re` finds candidates by a literal scan.
_FULLWIDTH_THOUSANDS = re.compile("，(?<=[０-９]，)(?=[０-９]{3}(?![０-９]))")


def fold(text: str) -> str:
    """Width-folded copy of ``text`` with ``len(fold(text)) == len(text)``."""
    if _NEEDS_FOLD.search(text) is None:  # the common case costs one scan, no copy
        return text
    if "，" in text and _FULLWIDTH_THOUSANDS.search(text) is not None:
        text = _FULLWIDTH_THOUSANDS.sub(",", text)  # same length: one char for one
    return _FOLD_RUN.sub(_fold_run, text)
