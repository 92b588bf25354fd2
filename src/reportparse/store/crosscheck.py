"""Checks across reports in the store: what a report says of last year against last year's own report.

Rules (the 95x block of the 9xx family; `check` never emits them, so ids cannot clash):

- RP950 prior-year-mismatch: a figure the report gives for the year before (the ``last_year``
  member of a comparison, or a figure labelled 上年/去年/<year-1>年) against the same item in the
  same organization's report for that year.
- RP951 cross-year-change-mismatch: a stated change (``change`` member: 增加/减少 X) against the
  difference between this report's figure and the prior year's own report.

Both are ``warning``: a change of scope (口径) between two years can explain a difference.  Each
checked pair is stored, pass or fail, in ``findings`` with source 'crosscheck'; a run replaces
every crosscheck row in one transaction, so it can be re-run after each ingest.

Matching: organization (whitespace removed) and fiscal year from the documents rows; the item by
``concept`` when the extractor gave one, else by ``label``; the same normalized unit.  Two figures
agree when their intervals (from printed precision) meet: no float epsilon.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..model import Finding, Location
from .db import insert_sql
from .rows import dec, finding_row

_LAST_YEAR_LABEL = re.compile(r"上年|去年|上一年|上年度")
# Words that say which year or how a figure is stated, not what it is: dropped before comparing items.
_FOLD = re.compile(
    r"[0-9０-９]{4}\s*年度?|上年度|上一年|上年|去年|本年度|本年|今年|当年|全年|同期|^(?:比|较|与|同比|其中)"
    r"|(?:共计|合计|总计|累计|总额|为|是|达到|达|约|近|共|了|的)$|[\s“”\"'‘’（）()【】《》、：:]"
)
# Words that say how a figure moved, never what it is: a context made only of these names nothing.
_MOVE_WORDS = re.compile(r"^(?:同比|比|较)?(?:增加|减少|增长|下降|降低|上升|提高|减|增|降)(?:了|到|至|为)?$|^(?:其中|合计|共计|总计|累计|分别|约|近|达)$")
_MOVE_ANYWHERE = re.compile(r"增加|减少|增长|下降|降低|上升|提高|增减|变动|差额")
_MIN_CONTEXT = 3  # characters: shorter words before a figure (支出, 结余) name too many things to match on

# A 政府工作报告 of year Y reports Y−1's outcomes and Y's plans: its "fiscal year" is not the year
# its figures belong to, so comparing it with the report before gives plan-versus-outcome noise.
SKIPPED_GENRES = ("work_report",)
_DECREASE = ("减少", "下降", "降低", "减", "降")


@dataclass(frozen=True)
class Figure:
    doc_id: int
    quantity_id: str
    seq: int
    text: str
    span: tuple[int, int]
    unit: str
    normalized: Decimal
    lo: Decimal
    hi: Decimal
    label: str | None
    concept: str | None
    context: str | None
    location: Location
    value: Decimal  # as printed, in printed_unit
    printed_unit: str

    @property
    def keys(self) -> list[tuple[str, str]]:
        """What names the item, most trusted first: the concept id, the label, the words before it."""
        context = _fold(self.context)
        if context and (len(context) < _MIN_CONTEXT or _MOVE_WORDS.match(context)):
            context = None
        found = [("concept", self.concept), ("label", _fold(self.label)), ("context", context)]
        return [(kind, value) for kind, value in found if value]

    def mentions_year(self, year: int) -> bool:
        """Labelled or introduced as a figure of ``year`` (上年/去年 when ``year`` is the report's year − 1)."""
        words = f"{self.label or ''}|{self.context or ''}"
        return f"{year}年" in words.replace(" ", "")


@dataclass(frozen=True)
class Doc:
    doc_id: int
    path: str
    name: str
    organization: str
    year: int


@dataclass
class CrossSummary:
    checked: int = 0
    failed: int = 0
    documents: int = 0


def _fold(words: str | None) -> str | None:
    """`2020年三公经费支出` and `三公经费支出` name the same item; `比上年` names none."""
    if not words:
        return None
    previous = None
    while previous != words:
        previous, words = words, _FOLD.sub("", words)
    return words or None


def _org(name: str | None) -> str | None:
    if not name:
        return None
    folded = re.sub(r"\s+", "", name)
    return folded or None


def _load_docs(conn: sqlite3.Connection) -> dict[int, Doc]:
    docs: dict[int, Doc] = {}
    for doc_id, path, name, org, year in conn.execute(
        "SELECT doc_id, path, name, organization, fiscal_year FROM documents "
        f"WHERE status = 'ok' AND genre NOT IN ({', '.join(repr(g) for g in SKIPPED_GENRES)}) ORDER BY doc_id"
    ):
        o = _org(org)
        if o and year:
            docs[doc_id] = Doc(doc_id, path, name, o, int(year))
    return docs


def _load_figures(conn: sqlite3.Connection, doc_ids: list[int]) -> dict[int, dict[str, Figure]]:
    figures: dict[int, dict[str, Figure]] = defaultdict(dict)
    marks = ", ".join("?" * len(doc_ids))
    for row in conn.execute(
        "SELECT doc_id, quantity_id, seq, text, span_start, span_end, normalized_unit, normalized, "
        "interval_lo, interval_hi, label, concept, context, page, paragraph, table_index, table_row, table_col, "
        f"line, col, value, unit FROM quantities WHERE kind IN ('money', 'count') AND doc_id IN ({marks}) "
        "ORDER BY doc_id, seq",
        doc_ids,
    ):
        loc = Location(page=row[13], paragraph=row[14], table=row[15], row=row[16], col=row[17], line=row[18], column=row[19])
        figures[row[0]][row[1]] = Figure(
            row[0], row[1], row[2], row[3], (row[4], row[5]), row[6], Decimal(row[7]), Decimal(row[8]),
            Decimal(row[9]), row[10], row[11], row[12], loc, Decimal(row[20]), row[21],
        )
    return figures


def _load_comparisons(conn: sqlite3.Connection, doc_ids: list[int]) -> dict[int, list[tuple[dict[str, str], dict]]]:
    """doc_id -> [(role -> quantity_id, attrs)] of its comparison relations, in text order."""
    out: dict[int, dict[str, tuple[dict[str, str], dict]]] = defaultdict(dict)
    marks = ", ".join("?" * len(doc_ids))
    for doc_id, rel_id, rel_attrs, qid, role in conn.execute(
        "SELECT r.doc_id, r.relation_id, r.attrs, m.quantity_id, m.role FROM relations r "
        "JOIN relation_members m ON m.doc_id = r.doc_id AND m.relation_id = r.relation_id "
        f"WHERE r.kind = 'comparison' AND r.doc_id IN ({marks}) ORDER BY r.doc_id, r.seq, m.position",
        doc_ids,
    ):
        roles, _ = out[doc_id].setdefault(rel_id, ({}, json.loads(rel_attrs or "{}")))
        roles.setdefault(role, qid)
    return {doc_id: list(rels.values()) for doc_id, rels in out.items()}


def _meets(a_lo: Decimal, a_hi: Decimal, b_lo: Decimal, b_hi: Decimal) -> bool:
    return a_lo <= b_hi and b_lo <= a_hi


def _names_last_year(f: Figure, year: int) -> bool:
    """Introduced as last year's figure (`2020年三公经费支出X`, `上年支出X`), not as a change against it
    (`比去年减少X` is a change amount, not a figure of last year)."""
    lead = re.compile(rf"^(?:上年度?|去年|上一年|{year - 1}\s*年度?)")
    for words in (f.label, f.context):
        if words and lead.match(words.strip()) and not _MOVE_ANYWHERE.search(words):
            return True
    return False


def _is_quote_of_earlier_year(f: Figure, year: int) -> bool:
    words = f"{f.label or ''}|{f.context or ''}"
    return bool(_LAST_YEAR_LABEL.search(words)) or f.mentions_year(year - 1)


def _labels_compatible(a: str | None, b: str | None) -> bool:
    """One concept id can cover several items (a generic "budget amount"): when both figures carry a
    label, one label must contain the other (`三公经费` / `三公经费支出`) for the concept to count."""
    fa, fb = _fold(a), _fold(b)
    return not fa or not fb or fa in fb or fb in fa


def _prior_candidates(
    prior: Doc,
    prior_figs: dict[str, Figure],
    prior_last_year: set[str],
    keys: list[tuple[str, str]],
    unit: str,
    label: str | None = None,
) -> tuple[list[Figure], tuple[str, str] | None]:
    """The prior report's own figures for the item, in text order, by the most trusted key that finds any.

    Its quotes of *its* last year are left out.  A concept match wins over a label match, which wins
    over the words before the figure.  When the prior report gives the item several values that do
    not agree, nothing is returned: the check is skipped rather than guessed.
    """
    own = [
        f for qid, f in prior_figs.items()
        if f.unit == unit and qid not in prior_last_year and not _is_quote_of_earlier_year(f, prior.year)
    ]
    for key in keys:
        found = [f for f in own if key in f.keys and (key[0] != "concept" or _labels_compatible(f.label, label))]
        if found:
            # The prior report must state the item one way: figures for the same key that disagree
            # (a plan and an outcome, two sub-items under one word) leave nothing safe to compare with.
            if any(not _meets(a.lo, a.hi, b.lo, b.hi) for a in found for b in found):
                return [], None
            return found, key
    return [], None


def _fmt(value: Decimal, unit: str) -> str:
    return f"{dec(value.normalize())}{unit}"  # 1800.0000 -> 1800, -0.50 -> -0.5


def _difference(a: Figure, b: Figure) -> str:
    """a − b in the unit both were printed in (0.18万元), else in the normalized unit (1800元)."""
    if a.printed_unit == b.printed_unit:
        return _fmt(a.value - b.value, a.printed_unit)
    return _fmt(a.normalized - b.normalized, a.unit)


def _member(fig: Figure, role: str, doc: Doc) -> dict:
    return {
        "doc_id": fig.doc_id,
        "path": doc.path,
        "quantity": fig.quantity_id,
        "text": fig.text,
        "span": list(fig.span),
        "role": role,
        "location": fig.location.model_dump(mode="json", exclude_none=True),
    }


def crosscheck(conn: sqlite3.Connection) -> tuple[CrossSummary, list[tuple[int, Finding, list[dict]]]]:
    """Compute the cross-report findings (no writing).  Deterministic: documents and figures in id order.

    Figures are loaded one organization at a time, and only for organizations with reports of two
    consecutive years, so memory follows the largest organization, not the store.
    """
    docs = _load_docs(conn)
    by_org: dict[str, list[Doc]] = defaultdict(list)
    for d in docs.values():
        by_org[d.organization].append(d)
    out: list[tuple[int, Finding, list[dict]]] = []
    summary = CrossSummary()
    for org in sorted(by_org):
        org_docs = by_org[org]
        years = {d.year for d in org_docs}
        if not any(y - 1 in years for y in years):
            continue
        ids = [d.doc_id for d in org_docs]
        figures = _load_figures(conn, ids)
        comparisons = _load_comparisons(conn, ids)
        last_year_ids = {
            doc_id: {roles["last_year"] for roles, _ in rels if "last_year" in roles} for doc_id, rels in comparisons.items()
        }
        for doc in sorted(org_docs, key=lambda d: d.doc_id):
            priors = sorted((d for d in org_docs if d.year == doc.year - 1), key=lambda d: d.path)
            if priors:
                found = _check_doc(doc, priors, figures, comparisons, last_year_ids, out)
                summary.documents += found
    summary.checked = len(out)
    summary.failed = sum(f.status == "fail" for _, f, _ in out)
    return summary, out


def _check_doc(doc, priors, figures, comparisons, last_year_ids, out) -> bool:
    figs = figures.get(doc.doc_id, {})
    # What this report gives for last year: (figure, item keys, its this-year partner, change member, attrs).
    quoted: list[tuple[Figure, list[tuple[str, str]], Figure | None, Figure | None, dict]] = []
    seen: set[str] = set()
    for roles, rel_attrs in comparisons.get(doc.doc_id, []):
        last = figs.get(roles.get("last_year", ""))
        if last is None or last.quantity_id in seen:
            continue
        this = figs.get(roles.get("this_year", ""))
        change = figs.get(roles.get("change", ""))
        keys = _ordered_keys(last.keys + (this.keys if this else []))
        if keys:
            quoted.append((last, keys, this, change, rel_attrs))
            seen.add(last.quantity_id)
    in_comparison = {qid for roles, _ in comparisons.get(doc.doc_id, []) for qid in roles.values()}
    for f in figs.values():  # `上年…X` / `2020年…X` written without a comparison sentence
        if f.quantity_id not in seen and f.quantity_id not in in_comparison and f.keys and _names_last_year(f, doc.year):
            quoted.append((f, f.keys, None, None, {}))
            seen.add(f.quantity_id)
    quoted.sort(key=lambda item: item[0].seq)
    for last, keys, this, change, rel_attrs in quoted:
        for prior in priors:
            cands, key = _prior_candidates(
                prior, figures.get(prior.doc_id, {}), last_year_ids.get(prior.doc_id, set()), keys, last.unit,
                last.label or (this.label if this else None),
            )
            if not cands:
                continue
            out.append((doc.doc_id, _rp950(doc, prior, last, key, cands), _members(doc, prior, last, "last_year", cands)))
            if this is not None and change is not None and change.unit == last.unit:
                out.append((
                    doc.doc_id, _rp951(doc, prior, this, change, rel_attrs, cands),
                    _members(doc, prior, change, "change", cands, this),
                ))
            break  # one prior report is enough: the first (by path) that states the item
    return bool(quoted)


def _ordered_keys(keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Unique keys, concepts first, then labels, then context words."""
    rank = {"concept": 0, "label": 1, "context": 2}
    unique = list(dict.fromkeys(keys))
    return sorted(unique, key=lambda k: rank[k[0]])


def _members(doc: Doc, prior: Doc, main: Figure, role: str, cands: list[Figure], this: Figure | None = None) -> list[dict]:
    members = [_member(main, role, doc)]
    if this is not None:
        members.append(_member(this, "this_year", doc))
    members.append(_member(cands[0], "prior_report", prior))
    return members


def _rp950(doc: Doc, prior: Doc, last: Figure, key: tuple[str, str], cands: list[Figure]) -> Finding:
    match = next((c for c in cands if _meets(last.lo, last.hi, c.lo, c.hi)), None)
    ref = match or cands[0]
    status = "pass" if match else "fail"
    item = ref.label or _fold(ref.context) or key[1]
    if match:
        message = f"{item}：本报告引用的 {prior.year} 年数 {last.text} 与《{prior.name}》所载 {ref.text}（第{ref.location.line}行）一致"
    else:
        message = (
            f"{item}：本报告引用的 {prior.year} 年数 {last.text} 与《{prior.name}》所载 {ref.text}"
            f"（第{ref.location.line}行）不一致，相差 {_difference(last, ref)}；若两年统计口径相同，应为 {ref.text}"
        )
    return Finding(
        rule="RP950", name="prior-year-mismatch", severity="warning", status=status, message=message,
        expected=dec(ref.normalized), actual=dec(last.normalized), tolerance="按印刷精度的区间相交",
        location=last.location,
    )


def _rp951(doc: Doc, prior: Doc, this: Figure, change: Figure, rel_attrs: dict, cands: list[Figure]) -> Finding:
    sign = -1 if str(rel_attrs.get("direction", "")).startswith(_DECREASE) else 1
    stated_lo, stated_hi = (change.lo, change.hi) if sign > 0 else (-change.hi, -change.lo)
    match = None
    for c in cands:
        lo, hi = this.lo - c.hi, this.hi - c.lo
        if _meets(stated_lo, stated_hi, lo, hi):
            match = c
            break
    ref = match or cands[0]
    computed = this.normalized - ref.normalized
    word = rel_attrs.get("direction") or ("增加" if computed >= 0 else "减少")
    item = ref.label or _fold(ref.context) or (this.keys[0][1] if this.keys else "该项")
    if match:
        message = f"{item}：{word} {change.text} 与本年 {this.text} 减去《{prior.name}》所载 {ref.text} 相符"
    else:
        message = (
            f"{item}：报告称{word} {change.text}，但本年 {this.text} 与《{prior.name}》所载 {prior.year} 年 {ref.text}"
            f" 之差为 {_difference(this, ref)}"
        )
    return Finding(
        rule="RP951", name="cross-year-change-mismatch", severity="warning", status="pass" if match else "fail",
        message=message, expected=dec(computed), actual=dec(sign * change.normalized),
        tolerance="按印刷精度的区间相交", location=change.location,
    )


def run_crosscheck(conn: sqlite3.Connection) -> tuple[CrossSummary, list[tuple[int, Finding, list[dict]]]]:
    """Compute and store: every earlier crosscheck row is replaced, in one transaction."""
    summary, results = crosscheck(conn)
    seqs: dict[int, int] = defaultdict(int)
    rows = []
    for doc_id, finding, members in results:
        rows.append((doc_id, *finding_row(finding, "crosscheck", seqs[doc_id], extra_members=members)))
        seqs[doc_id] += 1
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM findings WHERE source = 'crosscheck'")
        conn.executemany(insert_sql("findings"), rows)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # a Ctrl-C just after COMMIT: stored, nothing to roll back
            conn.execute("ROLLBACK")
        raise
    return summary, results
