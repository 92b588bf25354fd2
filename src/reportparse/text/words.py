"""Word segmentation for labels: a private ``jieba.Tokenizer`` with the domain user dictionary.

Why private: ``jieba.lcut`` uses a module-global tokenizer that other code may configure; ours is our
own object, built once, lazily, the first time a label is needed (plain ``import reportparse`` does
not load jieba).  jieba's "Building prefix dict…" chatter goes to its logger, raised to WARNING.

The user dictionary ``reportparse/data/userdict.txt`` keeps fiscal items whole (工资福利支出,
公务用车购置及运行维护费, 三公经费, 计生困难家庭 …), so a label is never cut inside a term.

Why a hand-made lexicon cache: jieba's own start-up loads a 9 MB marshal of its 349k-word prefix
dictionary (0.6-1 s of CPU cold) — more than the whole rest of ``reportparse parse`` (0.3 s).
Labels only need word boundaries in short clauses, and the words that end a label (verbs,
prepositions, time words) are all common.  So we keep jieba's algorithm (DAG + max-probability route
+ HMM for unknown words) and its dictionary, but only the words with frequency ≥ ``MIN_FREQ``, plus
rarer words with noun endings labels are made of (``KEEP_SUFFIXES``), plus the user dictionary:
88k entries, built once from jieba's own dict.txt and cached as a marshal file (~1.5 MB) under
``$REPORTPARSE_CACHE`` or ``~/.cache/reportparse`` (the name carries a hash of jieba's version,
dict.txt and our user dictionary, so any change rebuilds it; if no folder is writable it is built
in memory).  Measured on the seed: 0.14 s of CPU instead of 0.7 s.  The price, measured on the
corpus (seed, project reports, 16 work reports, PDFs): about 1% of labels differ from those of the
full dictionary, neither side consistently better (full: 城镇居民人均可支配收入 vs 支配收入;
trimmed: 活动 vs 开展活动).  ``tokenizer(full=True)`` gives the full dictionary for comparison.

Only short clauses around figures are segmented (labels.py), never the whole document, and results
are memoized per clause: reports repeat the same clauses (``其中：``, ``支出：``) many times.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import tempfile
import sys
import threading
from array import array
from functools import lru_cache
from importlib import resources

MIN_FREQ = 30  # jieba dict.txt words at or above this frequency are kept (see module docstring)

# Rare words with these endings are kept anyway: they are the nouns labels are made of
# (可支配收入, 零售总额, 保有量, 扶贫资金), and cutting them would cut a label.
KEEP_SUFFIXES = (
    "收入", "支出", "总额", "资金", "经费", "费", "量", "额", "率", "数", "金", "款", "值", "户", "人员", "家庭",
    "单位", "资产", "基金", "项目", "工程", "设施", "物资", "资料",
)  # fmt: skip

_lock = threading.Lock()
_tokenizers: dict[bool, object] = {}


def userdict_path() -> str:
    return str(resources.files("reportparse") / "data" / "userdict.txt")


def cache_dir() -> str:
    """Folder for caches derived from package data (hash-named files, safe to delete)."""
    return _cache_dir()


def _cache_dir() -> str:
    env = os.environ.get("REPORTPARSE_CACHE")
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "reportparse")


def _cache_key(jieba_mod, dict_path: str) -> str:
    h = hashlib.sha256()
    h.update(str(getattr(jieba_mod, "__version__", "")).encode())
    st = os.stat(dict_path)
    h.update(f"{dict_path}|{st.st_size}|{int(st.st_mtime)}|{MIN_FREQ}|{KEEP_SUFFIXES}".encode())
    with open(userdict_path(), "rb") as fh:
        h.update(fh.read())
    return h.hexdigest()[:16]


def _build_trimmed(tok, dict_path: str) -> tuple[dict[str, int], int]:
    freq: dict[str, int] = {}
    total = 0
    with open(dict_path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) < 2:
                continue
            word, f = parts[0], int(parts[1])
            if f < MIN_FREQ and not word.endswith(KEEP_SUFFIXES):
                continue
            freq[word] = f
            total += f
            for i in range(1, len(word)):
                freq.setdefault(word[:i], 0)
    tok.FREQ, tok.total, tok.initialized = freq, total, True
    tok.load_userdict(userdict_path())
    return tok.FREQ, tok.total


# The cache file holds (all words joined by line breaks, their frequencies as int64 bytes, total).
# Why not the dict itself: unmarshalling 88k separate strings into a dict took ~130 ms of a 0.45 s
# cold parse; one string split at its line breaks and zipped with an array gives the same dict
# (same keys, values and order) in ~35 ms.  "v2" in the name keeps files of the old layout apart.
_LEXICON_LAYOUT = "v2"


def _pack_lexicon(freq: dict[str, int], total: int) -> bytes | None:
    words = list(freq)
    joined = "\n".join(words)
    if joined.count("\n") != len(words) - 1:
        return None  # a word with a line break (never in jieba's dict): do not cache
    try:
        counts = array("q", freq.values()).tobytes()
    except (TypeError, OverflowError):
        return None  # a frequency that is not a 64-bit int: do not cache
    return marshal.dumps((joined, counts, total))


def _unpack_lexicon(data: bytes) -> tuple[dict[str, int], int]:
    joined, counts, total = marshal.loads(data)
    values = array("q")
    values.frombytes(counts)
    words = joined.split("\n")
    if len(words) != len(values):
        raise ValueError("damaged lexicon cache")
    return dict(zip(words, values)), total


def _load_trimmed(tok, jieba_mod) -> None:
    dict_path = os.path.join(os.path.dirname(jieba_mod.__file__), "dict.txt")
    name = f"jieba-lexicon-{_LEXICON_LAYOUT}-{_cache_key(jieba_mod, dict_path)}.marshal"
    for folder in (_cache_dir(), tempfile.gettempdir()):
        path = os.path.join(folder, name)
        try:
            with open(path, "rb") as fh:
                freq, total = _unpack_lexicon(fh.read())
            tok.FREQ, tok.total, tok.initialized = freq, total, True
            return
        except (OSError, EOFError, ValueError, TypeError):
            continue
    freq, total = _build_trimmed(tok, dict_path)
    packed = _pack_lexicon(freq, total)
    if packed is None:
        return
    for folder in (_cache_dir(), tempfile.gettempdir()):
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".jieba-lexicon-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(packed)
            os.replace(tmp, os.path.join(folder, name))  # atomic: concurrent workers never see half a file
            _remove_stale(folder, "jieba-lexicon-", name)
            return
        except OSError:
            continue


def _remove_stale(folder: str, prefix: str, keep: str) -> None:
    """Drop caches of older dictionaries or layouts: each change of the user dictionary makes a new
    hash-named file, and without this a developer's cache folder grows by 1.5 MB per edit."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for other in names:
        if other.startswith(prefix) and other != keep and other.endswith(".marshal"):
            try:
                os.remove(os.path.join(folder, other))
            except OSError:
                pass  # another process may be reading it; a stale file is harmless


def _import_jieba():
    """``import jieba`` without its ``import pkg_resources`` (80-190 ms, a third of a cold parse).

    jieba 0.42's ``_compat`` only uses pkg_resources to open its bundled files and falls back to a
    plain ``open`` beside its own ``__file__`` when the import fails; we make it fail for the
    duration of that one import when nothing else has loaded pkg_resources yet, and restore
    ``sys.modules`` afterwards so later imports of pkg_resources work normally.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import raise ImportError
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def tokenizer(full: bool = False):
    """The shared private Tokenizer, built on first use (thread-safe).

    ``full=True`` gives jieba's complete dictionary (slow start; used by tests to show that the
    trimmed lexicon yields the same labels).
    """
    tok = _tokenizers.get(full)
    if tok is None:
        with _lock:
            tok = _tokenizers.get(full)
            if tok is None:
                jieba = _import_jieba()
                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                if full:
                    tok.initialize()
                    tok.load_userdict(userdict_path())
                else:
                    _load_trimmed(tok, jieba)
                _tokenizers[full] = tok
    return tok


def warm() -> None:
    """Load the tokenizer now (batch workers call this in their initializer)."""
    cut("预热")


@lru_cache(maxsize=65536)
def _cut_cached(text: str, full: bool) -> tuple[str, ...]:
    return tuple(tokenizer(full).lcut(text, HMM=True))


def cut(text: str, full: bool = False) -> list[str]:
    """Words of ``text`` in order; ``"".join(cut(t)) == t``."""
    if not text:
        return []
    return list(_cut_cached(text, full))
