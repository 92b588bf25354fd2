"""Concepts: a stable id for the fiscal item a label names, so one item compares across reports.

The vocabulary lives in ``reportparse/data/concepts.yaml`` (id → Chinese name, synonyms, and the
kinds of quantity it applies to).  Ids are ASCII snake_case (``three_public``, ``basic_expenditure``):
stable across reports and languages, easy to use as column names in a batch store.

Matching: the label is width-folded, quotes and spaces removed, brackets unified to ``()``; the
LONGEST synonym contained in it wins; of equally long ones a specific item beats a funding source
or generic amount (``priority: 0`` in the YAML: 三公经费财政拨款预算 is three_public), then the last (``工资福利支出`` → wages_welfare, not expenditure;
``三公经费支出`` → three_public); when that concept is for another kind of figure (执行率 names a
percent), a money figure gets none.  A table cell whose row header is generic (合计, 小计, 总计) takes
the concept of its column header (the 基本支出 column of the 合计 row is basic_expenditure).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..text.normalize import fold

_STRIP = re.compile(r"[\s“”\"'‘’「」『』《》]")
_GENERIC_ROWS = {"合计", "小计", "总计", "本年合计", "合  计", "共计", "总额"}
_DEFAULT_KINDS = ("money",)


def normalize_label(label: str) -> str:
    return _STRIP.sub("", fold(label)).replace("（", "(").replace("）", ")")


def _load_yaml(data: bytes) -> dict:
    """concepts.yaml, parsed; a JSON copy keyed by the file's hash is cached beside the jieba lexicon.

    Why: importing PyYAML costs ~40 ms of a 0.5 s cold ``reportparse parse``, and the file rarely
    changes; the JSON copy loads with the stdlib in ~1 ms.  Any edit changes the hash and the name.
    """
    import hashlib
    import json
    import os
    import tempfile

    from ..text.words import cache_dir

    name = f"concepts-{hashlib.sha256(data).hexdigest()[:16]}.json"
    for folder in (cache_dir(), tempfile.gettempdir()):
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                return json.load(fh)
        except (OSError, ValueError):
            continue
    import yaml

    raw = yaml.safe_load(data.decode("utf-8"))
    for folder in (cache_dir(), tempfile.gettempdir()):
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".concepts-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(raw, fh, ensure_ascii=False)
            os.replace(tmp, os.path.join(folder, name))
            break
        except OSError:
            continue
    return raw


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict]:
    """The concept table: id → {name, synonyms, kinds}."""
    raw = _load_yaml((resources.files("reportparse") / "data" / "concepts.yaml").read_bytes())
    out: dict[str, dict] = {}
    for cid, entry in (raw.get("concepts") or {}).items():
        out[str(cid)] = {
            "name": str(entry["name"]),
            "synonyms": [str(s) for s in entry.get("synonyms") or []] + [str(entry["name"])],
            "kinds": tuple(entry.get("kinds") or _DEFAULT_KINDS),
            "priority": int(entry.get("priority", 1)),
        }
    return out


@lru_cache(maxsize=1)
def _index() -> list[tuple[str, str, tuple[str, ...], int]]:
    pairs = {}
    for cid, entry in vocabulary().items():
        for syn in entry["synonyms"]:
            pairs.setdefault(normalize_label(syn), (cid, entry["kinds"], entry["priority"]))
    return sorted(((s, c, k, p) for s, (c, k, p) in pairs.items()), key=lambda t: (-len(t[0]), t[0]))


@lru_cache(maxsize=65536)
def _match(label: str, kind: str) -> str | None:
    norm = normalize_label(label)
    if not norm:
        return None
    found = []
    for syn, cid, kinds, priority in _index():
        i = norm.rfind(syn)
        if i != -1:
            found.append(((len(syn), priority, i + len(syn)), cid, kinds))
    if not found:
        return None
    # the longest term decides, and of equally long ones the last: the head of a Chinese noun
    # phrase is at its end (部门整体支出绩效自我评价 is a 自我评价, not a 整体支出)
    (length, _priority, end), cid, kinds = max(found, key=lambda t: t[0])
    if kind in kinds:
        return cid
    # a term for another kind of figure: a term of the right kind AFTER it is the head
    # (预算执行率满分10分 is a 满分); a shorter word inside it is not (预算执行率 as money is not 预算数)
    after = [t for t in found if t[0][2] > end and kind in t[2]]
    return max(after, key=lambda t: t[0])[1] if after else None


@lru_cache(maxsize=65536)
def concept_of(label: str | None, column_header: str | None = None, kind: str = "money") -> str | None:
    """Concept id of a figure from its label (or, for a generic table row, its column header)."""
    if label and normalize_label(label) not in _GENERIC_ROWS:
        found = _match(label, kind)
        if found or column_header is None:
            return found
        return None
    if column_header:
        return _match(column_header, kind)
    return None
