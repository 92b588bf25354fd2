"""Word segmentation for labels: a private ``jieba.Tokenizer`` with the domain user dictionary.

Why private: ``jieba.lcut`` uses a module-global tokenizer that other code may configure; ours is our
own object, built once, lazily, the first time a label is needed (plain ``import reportparse`` does
not load jieba).  jieba's "Building prefix dict…" chatter goes to its logger, which we raise to WARNING.

The user dictionary ``reportparse/data/userdict.txt`` keeps fiscal items whole (工资福利支出,
公务用车购置及运行维护费, 三公经费, 计生困难家庭 …), so a label is never cut inside a term.

Only short clauses around figures are segmented (labels.py), never the whole document, and results
are memoized per clause: reports repeat the same clauses (``其中：``, ``支出：``) many times.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from importlib import resources

_lock = threading.Lock()
_tokenizer = None


def userdict_path() -> str:
    return str(resources.files("reportparse") / "data" / "userdict.txt")


def tokenizer():
    """The shared private Tokenizer, built on first use (thread-safe)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                tok.load_userdict(userdict_path())
                _tokenizer = tok
    return _tokenizer


def warm() -> None:
    """Load the tokenizer now (batch workers call this in their initializer)."""
    cut("预热")


@lru_cache(maxsize=65536)
def _cut_cached(text: str) -> tuple[str, ...]:
    return tuple(tokenizer().lcut(text, HMM=True))


def cut(text: str) -> list[str]:
    """Words of ``text`` in order; ``"".join(cut(t)) == t``."""
    if not text:
        return []
    return list(_cut_cached(text))
