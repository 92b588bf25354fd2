"""Relations stated by the text: which figures the report itself says belong together.

Extraction found the figures; this module reads the words *between* them (其中, 共计, 减少, 占, 即,
元/户, 自评结果…) and records each relation with its members' roles.  It never decides whether a
relation holds: that is the rules' job, with printed-precision tolerance.

Precision before recall: a relation is recorded only when the wording is unambiguous, because a
wrong relation becomes a false error.  Each finder is a small function over one sentence (or the
whole report for relations that cross sentences: balances, repeats, 三公).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import chain

from ..model import DateMention, Document, DocumentMeta, Quantity, Relation, RelationMember
from ..model.trusted import trusted

# --- sentences ----------------------------------------------------------------------------------
_SENT_END = re.compile(r"[。！？!?\n]+")
# 其中 lists run over ；: "共计X，其中：A a；B b" — sentences are cut at 。 and line ends only.

_TOTAL_WORD = re.compile(r"(共计|合计|总计|累计|总共|一共|总额|共)")
_NEW_CLAUSE = re.compile(r"(共计|合计|总计|累计|总共|一共|另|此外|同时|以及|并且|期间|共)")
# words that start a new statement after a 其中 list: "其中A a，B b，已完成投资c" — c is not a part
_LIST_END = re.compile(r"(已|完成|实现|达到|用于|截至|截止|剩余|实际|预计|计划|拨付|支付|到位|结余|结转)")
_COUNTABLE = ("money", "count", "score")  # scores too: "自评得分92.5分，其中产出指标得分48分，……"
_SAME_COUNT_UNIT = {"名": "人", "位": "人"}


_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+(?:[、．]|\.(?!\d))|第[一二三四五六七八九十]+)")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentences end at 。！？ and at line ends, except a PDF line wrap: a long line that stops
    mid-sentence (no closing punctuation) and is followed by a line that is not a numbered heading."""
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        if m.group(0).startswith("\n") and m.group(0).strip("\n") == "":
            line_start = text.rfind("\n", 0, m.start()) + 1
            line = text[line_start : m.start()].rstrip()
            if len(line) >= 30 and line[-1:] not in "。！？!?；;：:" and not _MARKER.match(text[m.end() : m.end() + 8]):
                continue
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _unit_key(q: Quantity) -> tuple[str, str]:
    u = q.normalized_unit or q.unit
    return q.kind, _SAME_COUNT_UNIT.get(u, u)


def _compatible(a: Quantity, b: Quantity) -> bool:
    return a.kind in _COUNTABLE and _unit_key(a) == _unit_key(b)


def _summable(q: Quantity) -> bool:
    return q.kind in _COUNTABLE and not q.per


class _Builder:
    def __init__(self) -> None:
        self.items: list[tuple[str, tuple[int, int], list[RelationMember], dict[str, str]]] = []
        self._seen: set[tuple] = set()

    def add(self, kind: str, members: list[tuple[Quantity, str]], attrs: dict[str, str] | None = None) -> None:
        key = (kind, tuple((q.id, r) for q, r in members))
        if key in self._seen or len(members) < 1:
            return
        self._seen.add(key)
        start = min(q.span[0] for q, _ in members)
        end = max(q.span[1] for q, _ in members)
        for k in ("grade_start", "grade_end", "list_start", "list_end", "phrase_start", "phrase_end"):
            if attrs and k in attrs:
                v = int(attrs[k])
                start, end = min(start, v), max(end, v)
        self.items.append(
            (kind, (start, end), [trusted(RelationMember, quantity=q.id, role=r) for q, r in members], dict(attrs or {}))
        )

    def drop_sums_covered_by(self, kind: str) -> None:
        """A 三公 line is also a 其中 list; keep the specific relation (it knows the car sub-total)."""
        totals = {m.quantity for it in self.items if it[0] == kind for m in it[2] if m.role in ("total", "car")}
        self.items = [it for it in self.items if not (it[0] == "sum" and it[2][0].quantity in totals)]

    def relations(self) -> list[Relation]:
        self.items.sort(key=lambda it: (it[1][0], it[1][1], it[0], [m.quantity for m in it[2]]))
        # trusted (model/trusted.py): ids, kinds, spans (int tuples), members and str→str attrs are
        # built here with their exact types; validating them again cost a fifth of this stage
        return [trusted(Relation, id=f"r{i}", kind=k, span=s, members=m, attrs=a)
                for i, (k, s, m, a) in enumerate(self.items, 1)]


def find_relations(
    document: Document, quantities: list[Quantity], dates: list[DateMention], meta: DocumentMeta
) -> list[Relation]:
    text = document.text
    qs = sorted((q for q in quantities if not q.from_table), key=lambda q: q.span)
    starts = [q.span[0] for q in qs]
    b = _Builder()
    prev: list[Quantity] = []
    for s, e in _sentences(text):
        i, j = bisect_left(starts, s), bisect_left(starts, e)
        sent = qs[i:j]
        if not sent:
            prev = []
            continue
        _sums(text, sent, s, e, b)
        _sums_across_period(text, prev, sent, s, b)
        prev = sent
        _comparisons(text, sent, s, meta, b)
        _shares(text, sent, s, b)
        _rates(text, sent, s, b)
        _budget(text, sent, s, b)
        _grades(text, sent, e, b)
        _score_maxima(text, sent, b)
        _ratios(text, sent, s, b)
        _list_counts(text, sent, s, e, b)
    _over_under_numbers(text, qs, b)
    _far_grades(text, qs, b)
    _balances(text, qs, meta.fiscal_year, b)
    _sanggong(text, qs, meta.fiscal_year, b)
    _repeats(text, qs, b)
    b.drop_sums_covered_by("sanggong")
    return b.relations()


# --- sums and subsets: "X，其中A a，B b" -----------------------------------------------------------
def _growth(text: str, q: Quantity, prev_end: int) -> bool:
    """A growth rate (`同比增长6.2%`), as opposed to a share or a level."""
    return q.kind == "percent" and bool(_CHANGE_LEAD.search(text[max(prev_end, q.span[0] - 10) : q.span[0]]))


def _sums(text: str, sent: list[Quantity], s: int, e: int, b: _Builder) -> None:
    for k, total in enumerate(sent):
        growth = _growth(text, total, sent[k - 1].span[1] if k else s)
        if not _summable(total) and not growth:
            continue
        after = text[total.span[1] : total.span[1] + 40]
        # the total's own noun may stand between it and 其中: "198户计生困难家庭，其中…"
        m = re.match(r"[^，,。；;：:\d０-９]{0,14}?[，,：:（(\s]*其中[\s，,：:]*", after)
        mainly = None
        if not m or "其中" not in m.group(0):
            # the 决算 template: "支出2940.05万元，主要用于以下方面：A支出X万元，占Y%；…".  "主要" may leave
            # items out, so only Σ ≤ total is checked (as with 等), but the shares get their whole
            m = mainly = re.match(r"[，,]\s*主要用于(?:以下方面|如下方面)?[：:]\s*", after)
            if not m:
                continue
        anchor = total.span[1] + m.end()  # where the list starts
        if growth or _is_change(text, total, sent[k - 1].span[1] if k else s):
            # "赤字1.2万亿元，比去年增加4000亿元，其中中央8500亿元，地方3500亿元" and "总值120.5亿元，
            # 同比增长6.2%，其中…": 其中 lists the level, not its change
            level = next((p for i, p in reversed(list(enumerate(sent[:k]))) if _summable(p)
                          and (growth or _compatible(total, p))
                          and not _is_change(text, p, sent[i - 1].span[1] if i else s)), None)
            if level is None or "。" in text[level.span[1] : total.span[0]]:
                continue
            total = level
        if _PER_HEAD.search(_lead(text, total, 16)):
            # "人均可支配收入26853元，其中城镇…38126元": averages are never summed, nor hold a 最高.  The
            # 其中 may still reach back past the average: "项目39个，平均得分99.33分（其中…项目39个"
            _indirect_subsets(text, sent, k, total, anchor, [], b)
            continue
        parts = _collect_parts(text, sent[k + 1 :], total, anchor, 1 if re.search(r"[（(]", m.group(0)) else 0)
        _indirect_subsets(text, sent, k, total, anchor, parts, b)
        if not parts:
            continue
        tail = text[parts[-1].span[1] : parts[-1].span[1] + 6]
        attrs = {"trigger": "主要用于" if mainly else "其中"}
        if re.match(r"[^，,。；;]{0,4}等", tail):
            attrs["open"] = "等"
        elif mainly:
            attrs["open"] = "主要"
        tw = _TOTAL_WORD.search(text[max(s, total.span[0] - 12) : total.span[0]])
        if tw:
            attrs["total_word"] = tw.group(1)
        if len(parts) == 1:
            b.add("subset", [(total, "whole"), (parts[0], "part")], attrs)
        else:
            b.add("sum", [(total, "total")] + [(p, "part") for p in parts], attrs)


def _collect_parts(text: str, cands: list[Quantity], total: Quantity, anchor: int, base: int) -> list[Quantity]:
    """The parts listed after 其中 (starting at ``anchor``): figures of the total's unit, up to the end of
    the list.  ``base`` is 1 when the list is in brackets ("（其中：购置费A，运行费B）")."""
    parts = _list_parts(text, cands, total, anchor, base)
    if parts and _unread_figure(text, cands, anchor, parts):
        return []  # a figure of the list was not read (`支持…发展180.00万`): its sum cannot be checked
    return parts


# a money figure as printed: digits with a money unit right after them
_MONEY_TOKEN = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:万元|亿元|万|元)")


def _unread_figure(text: str, cands: list[Quantity], anchor: int, parts: list[Quantity]) -> bool:
    """Is a money figure printed among the parts (or right after the last one, before the clause
    ends) without a quantity?  Then the list is incomplete and so is any sum of it."""
    last = parts[-1].span[1]
    stop = len(text)
    for c in "。；;\n":
        i = text.find(c, last)
        if i != -1:
            stop = min(stop, i)
    nxt = next((q.span[0] for q in cands if q.span[0] >= last), stop)
    stop = min(stop, nxt)
    covered = [q.span for q in cands] + [p.span for p in parts]
    for m in _MONEY_TOKEN.finditer(text, anchor, stop):
        if not any(a <= m.start() < b for a, b in covered):
            return True
    return False


# an average (per head, per household, mean) is not a whole: its "其中" figures are other averages
# or extremes (最高), never parts that add up to it
_PER_HEAD = re.compile(r"(人均|户均|平均|均价|每人|每户)")
# "收入总计X，其中：拨款收入a；事业收入b；上年结转c": a carry-over named as an item of an income or funds
# list is an ordinary part (收入 = 本年收入 + 上年结转), not a last-year figure nor the list's end
_CARRYOVER_ITEM = re.compile(r"(?:^|[，,、；;：:\s])(?:上年|上年度|年初|以前年度)结[转余](?:资金|收入|经费)?(?:为|是)?\s*$")
_EXPENSE_TOTAL = re.compile(r"支出")


def _list_parts(text: str, cands: list[Quantity], total: Quantity, anchor: int, base: int) -> list[Quantity]:
    parts: list[Quantity] = []
    pos = anchor
    depth = base
    nested = False
    sep = ""  # how the list joins its parts: "，" or "；" (fixed by the second part)
    carry_ok = not _EXPENSE_TOTAL.search(_lead(text, total, 16))
    for q in cands:
        glue = text[pos : q.span[0]]
        carry = carry_ok and bool(_CARRYOVER_ITEM.search(glue))
        depth += sum(glue.count(c) for c in "（(") - sum(glue.count(c) for c in "）)")
        pos = q.span[1]
        if depth < base:
            break
        if depth > base:  # a sub-item in brackets, "（其中：购置费A，运行费B）", belongs to its own line
            continue
        if parts and "其中" in glue:
            nested = True  # "运行费8万元，其中：购置费0万元，运行费8万元；接待费4万元": a sub-list up to the next ；
        if nested:
            if not re.search(r"[；;]", glue) or "其中" in glue.split("；")[-1].split(";")[-1]:
                continue
            nested = False
        semi = "；" in glue or ";" in glue
        if parts and semi and (len(glue) > 20 or _NEW_CLAUSE.search(glue) or sep == "，"):
            break  # a list whose parts are joined by ， ends at the first ；
        if q.kind == "percent":  # "A a，占X%；B b" — a share between parts does not end the list
            continue
        if not _compatible(total, q) or not _summable(q):
            if parts:
                break
            continue
        if parts and (_NEW_CLAUSE.search(glue) or _LIST_END.search(glue) and not carry):
            break
        if re.search(r"[由从][^，,；;]*$|(到|至)\s*$", glue):
            parts = []  # "补助标准由40元提高到80元": a from-to pair, not parts of a whole
            break
        change_end = re.search(r"(^|.)(?:增加(?!值)|减少|增长|下降)了?\s*$", glue)
        if not carry and re.search(r"(比|较|同比|持平|上年|去年)[^，,：:；;]*$", glue) or change_end and (
                change_end.group(1) in ("", "，", ",", "、", "；", ";", " ", "）", ")")
                or re.search(r"(比|较|同比|上年|去年|上一年)", glue)):
            # "财政拨款收入A，比上年增加B；事业收入C": B is a change, not a part.  A change word inside an
            # item's name is not one: "支持商销稳增长30.00万" is an item of the list
            continue
        if len(parts) == 1 and not sep:
            sep = "；" if semi else "，"
        parts.append(q)
    return parts


_OPENS_WITH_QIZHONG = re.compile(r"\s*其中[，,：:\s]*")


def _sums_across_period(text: str, prev: list[Quantity], sent: list[Quantity], s: int, b: _Builder) -> None:
    """"总产值55.2亿元，增长3.5%。其中，农业产值30.1亿元，……": a sentence opening with 其中 lists the
    level figure that led the sentence before."""
    m = _OPENS_WITH_QIZHONG.match(text[s : s + 8])
    if not m or not prev:
        return
    first = next((q for q in sent if _summable(q)), None)
    if first is None:
        return
    total = next((p for i, p in enumerate(prev) if _compatible(first, p) and _summable(p)
                  and not _is_change(text, p, prev[i - 1].span[1] if i else 0)), None)
    if total is None or _PER_HEAD.search(_lead(text, total, 16)):
        return
    parts = _collect_parts(text, sent, total, s + m.end(), 0)
    if len(parts) >= 2:
        attrs = {"trigger": "其中", "across": "1"}
        tail = text[parts[-1].span[1] : parts[-1].span[1] + 6]
        if re.match(r"[^，,。；;]{0,4}等", tail):
            attrs["open"] = "等"
        b.add("sum", [(total, "total")] + [(p, "part") for p in parts], attrs)


def _indirect_subsets(text, sent, k, total, anchor, parts, b) -> None:
    """`走访130户……价值9万元，其中……走访8户……8000余元`: 其中 covers the whole clause, so the first
    figure after it in another unit is part of the last figure before it in that unit."""
    pos = anchor
    seen_units = {_unit_key(total)}
    for q in sent[k + 1 :]:
        if q in parts or not _summable(q) or _unit_key(q) in seen_units:
            continue
        if re.search(r"[；;]", text[pos : q.span[0]]):
            break
        seen_units.add(_unit_key(q))
        whole = next((p for i, p in reversed(list(enumerate(sent[:k]))) if _compatible(p, q) and _summable(p)
                      and not _is_change(text, p, sent[i - 1].span[1] if i else 0)), None)
        if whole is not None and whole.approx == "exact" and q.approx == "exact":
            b.add("subset", [(whole, "whole"), (q, "part")], {"trigger": "其中", "indirect": "1"})


# --- year on year --------------------------------------------------------------------------------
_DIRECTION = re.compile(r"(增加|减少|增长|下降|降低|上升|提高|减幅|增幅|节约|节省|超支|持平)了?(?:了|约|近)?\s*$")  # PDFs put a space before a digit
_UP = {"增加", "增长", "上升", "提高", "增幅", "超支"}
_DOWN = {"减少", "下降", "降低", "减幅", "节约", "节省"}
_LAST_YEAR = re.compile(r"(上年|去年|上一年|上年度|上年同期|同期)")
_YEAR_IN = re.compile(r"(\d{4})\s*年")


def direction_sign(word: str) -> int:
    """+1 for words meaning an increase, -1 for a decrease, 0 for 持平 (unchanged)."""
    if word in _UP:
        return 1
    if word in _DOWN:
        return -1
    return 0


def _basis(text: str, q: Quantity, s: int) -> str:
    """What kind of figure this is: 预算 (planned), 执行 (actual) or unknown — comparing a budget with
    last year's actual is a different 口径 from budget with budget."""
    lead = text[max(s, q.span[0] - 16) : q.span[0]]
    lead = lead[max(lead.rfind("，"), lead.rfind(","), lead.rfind("；")) + 1 :]
    if re.search(r"(执行|决算|实际)", lead):
        return "执行数"
    if "预算" in lead:
        return "预算数"
    return ""


_CHANGE_LEAD = re.compile(r"(增加|减少|增长|下降|降低|上升|提高|节约|超支|增幅|减幅)了?(?:约|近)?\s*$")


def _is_change(text: str, q: Quantity, prev_end: int) -> bool:
    """Is q itself a change (`比上年增加4000亿元`) rather than a level?"""
    return bool(_CHANGE_LEAD.search(text[max(prev_end, q.span[0] - 10) : q.span[0]]))


def _by_years(text: str, cands: list[Quantity], s: int) -> tuple[Quantity | None, Quantity | None]:
    """Without a known report year: two figures each led by a year one apart are this and last year."""
    dated = []
    for p in cands:
        lead = text[max(s, p.span[0] - 24) : p.span[0]]
        lead = lead[max(lead.rfind("，"), lead.rfind(","), lead.rfind("；")) + 1 :]
        years = _YEAR_IN.findall(lead)
        if years:
            dated.append((int(years[-1]), p))
    if len(dated) == 2 and abs(dated[0][0] - dated[1][0]) == 1:
        (y0, a), (y1, b) = dated
        return (a, b) if y0 > y1 else (b, a)
    return None, None


def _comparisons(text: str, sent: list[Quantity], s: int, meta: DocumentMeta, b: _Builder) -> None:
    fy = meta.fiscal_year
    for k, q in enumerate(sent):
        if q.kind not in ("money", "count", "percent") or q.per:
            continue
        prev_end = sent[k - 1].span[1] if k else s
        before = text[max(prev_end, q.span[0] - 8) : q.span[0]]
        m = _DIRECTION.search(before)
        if not m:
            continue
        word = m.group(1)
        if q.kind == "percent":
            continue  # percentages are attached to the amount change they follow, below
        change = q
        # "从A增加到B，平均每年增加C" and "年均增长": averages and from-to spans are not this − last
        if re.search(r"(平均|年均|每年|累计)[^，,；;]{0,4}$", before) or re.search(r"(到|至)[^，,；;]{0,6}$", before):
            continue
        # this year / last year: compatible figures earlier in the same ；-clause that are not changes
        c0 = max(text.rfind("；", s, change.span[0]), text.rfind(";", s, change.span[0])) + 1 or s
        cands = [p for i, p in enumerate(sent[:k]) if _compatible(change, p) and p.span[0] >= c0
                 and not _is_change(text, p, sent[i - 1].span[1] if i else s)]
        this_q = last_q = None
        for p in cands:
            lead = text[max(s, p.span[0] - 24) : p.span[0]]
            lead = lead[max(lead.rfind("，"), lead.rfind(","), lead.rfind("；")) + 1 :]
            years = [int(y) for y in _YEAR_IN.findall(lead)]
            if _LAST_YEAR.search(lead) or (fy and years and years[-1] == fy - 1):
                last_q = p
            elif re.search(r"(本年|今年|当年|本年度)", lead) or (fy and years and years[-1] == fy):
                this_q = p
        if this_q is None or last_q is None:
            t2, l2 = _by_years(text, cands, s)
            if t2 is not None:
                this_q, last_q = t2, l2
        if last_q is not None and this_q is None:
            # "项目管理费38.9万元，上年同类项目管理费为45.2万元，减少6.3万元": the one level before 上年's
            others = [p for p in cands if p is not last_q]
            if len(others) == 1 and others[0].span[0] < last_q.span[0]:
                this_q = others[0]
        if this_q is None and last_q is None and len(cands) == 1 and re.search(
            r"(比|较|同比|与)(上年|去年|上一年|上年度|同期)", text[cands[0].span[1] : change.span[0]]
        ):
            this_q = cands[0]  # "支出100万元，比上年增加10万元"
        pct = None
        nxt = sent[k + 1] if k + 1 < len(sent) else None
        if nxt is not None and nxt.kind == "percent":
            glue = text[change.span[1] : nxt.span[0]]
            pm = re.fullmatch(r"[，,、\s]*(?:同比)?(增长|下降|减少|增加|降低|上升|增幅为?|减幅为?|降幅为?)了?\s*", glue)
            if pm:
                pct = (nxt, pm.group(1)[:2])
        members: list[tuple[Quantity, str]] = []
        if this_q is not None:
            members.append((this_q, "this_year"))
        if last_q is not None:
            members.append((last_q, "last_year"))
        members.append((change, "change"))
        attrs = {"direction": word}
        if this_q is not None and last_q is not None and _basis(text, this_q, s) != _basis(text, last_q, s):
            attrs["basis_differs"] = f"{_basis(text, this_q, s)}/{_basis(text, last_q, s)}"
        if pct:
            members.append((pct[0], "pct_change"))
            attrs["pct_direction"] = pct[1]
        if len(members) >= 2:
            b.add("comparison", members, attrs)
    # "与上年持平" beside two figures, or a bare % change with both years and no amount change
    for k, q in enumerate(sent):
        if q.kind != "percent":
            continue
        before = text[max(sent[k - 1].span[1] if k else s, q.span[0] - 8) : q.span[0]]
        m = _DIRECTION.search(before)
        # "比上年增加10万元，增长5%": the % belongs to the amount change (the loop above); after a level
        # ("本年支出95.20万元，上年支出102.40万元，增长7.03%") it compares the two years itself
        if not m or k == 0 or sent[k - 1].kind == "money" and text[sent[k - 1].span[1] : q.span[0]].strip("，, ").startswith(
                ("增长", "下降", "减少", "增加")) and _is_change(text, sent[k - 1], sent[k - 2].span[1] if k > 1 else s):
            continue
        if re.search(r"(可比价|不变价|可比口径|同口径|扣除价格)", text[s : q.span[0]]):
            continue  # a real growth rate (at comparable prices) is not the nominal change of the two levels
        c0 = max(text.rfind("；", s, q.span[0]), text.rfind(";", s, q.span[0])) + 1 or s
        cands = [p for i, p in enumerate(sent[:k]) if p.kind in _COUNTABLE and not p.per and p.span[0] >= c0
                 and not _is_change(text, p, sent[i - 1].span[1] if i else s)]
        this_q = last_q = None
        for p in cands:
            lead = text[max(s, p.span[0] - 24) : p.span[0]]
            lead = lead[max(lead.rfind("，"), lead.rfind(","), lead.rfind("；")) + 1 :]
            years = [int(y) for y in _YEAR_IN.findall(lead)]
            if _LAST_YEAR.search(lead) or (meta.fiscal_year and years and years[-1] == meta.fiscal_year - 1):
                last_q = p
            elif re.search(r"(本年|今年|当年|本年度)", lead) or (meta.fiscal_year and years and years[-1] == meta.fiscal_year):
                this_q = p
        if this_q is None or last_q is None:
            t2, l2 = _by_years(text, cands, s)
            if t2 is not None:
                this_q, last_q = t2, l2
        if this_q is not None and last_q is not None and _compatible(this_q, last_q):
            attrs = {"pct_direction": m.group(1)}
            if _basis(text, this_q, s) != _basis(text, last_q, s):
                attrs["basis_differs"] = f"{_basis(text, this_q, s)}/{_basis(text, last_q, s)}"
            b.add("comparison", [(this_q, "this_year"), (last_q, "last_year"), (q, "pct_change")], attrs)


    # "比重由上年的70.2%提高到72.5%，提高2.5个百分点": a change of a share in percentage points
    for k, q in enumerate(sent):
        if q.kind != "percent" or k < 2 or "百分点" not in q.text:
            continue
        m = _DIRECTION.search(text[max(sent[k - 1].span[1], q.span[0] - 8) : q.span[0]])
        a, bq = sent[k - 2], sent[k - 1]
        if not m or "百分点" in a.text or "百分点" in bq.text or a.kind != "percent" or bq.kind != "percent":
            continue
        if not re.search(r"由(?:上年|去年|上年度|上一年)的?\s*$", text[max(s, a.span[0] - 8) : a.span[0]]):
            continue
        if not re.fullmatch(r"\s*(?:提高|上升|增加|增长|下降|降低|减少)(?:到|至)\s*", text[a.span[1] : bq.span[0]]):
            continue
        if not re.fullmatch(r"[，,、\s]*(?:同比)?", text[bq.span[1] : max(sent[k - 1].span[1], q.span[0] - len(m.group(0)))]):
            continue
        b.add("comparison", [(bq, "this_year"), (a, "last_year"), (q, "change")],
              {"direction": m.group(1), "unit": "百分点"})

    # "本年支出12.00万元，上年支出12.00万元，与上年持平": the two years must then agree
    for m in re.finditer(r"持平", text[s : sent[-1].span[1] + 12]):
        at = s + m.start()
        c0 = max(text.rfind("；", s, at), text.rfind(";", s, at)) + 1 or s
        cands = [p for p in sent if c0 <= p.span[0] and p.span[1] <= at and p.kind in _COUNTABLE and not p.per]
        this_q, last_q = _by_years(text, cands, s)
        if this_q is None:
            lasts = [p for p in cands if _LAST_YEAR.search(_lead(text, p, 12))]
            others = [p for p in cands if p not in lasts]
            if len(lasts) == 1 and len(others) == 1:
                this_q, last_q = others[0], lasts[0]
        if this_q is not None and _compatible(this_q, last_q):
            b.add("comparison", [(this_q, "this_year"), (last_q, "last_year")], {"direction": "持平"})


# --- shares: "A a，占X%" -----------------------------------------------------------------------------
def _shares(text: str, sent: list[Quantity], s: int, b: _Builder) -> None:
    for k, q in enumerate(sent):
        if q.kind != "percent" or k == 0:
            continue
        j = k - 1
        # "第一产业增加值20.1亿元，增长3.5%，占…的比重为16.7%": step back over the growth rate
        while j > 0 and _growth(text, sent[j], sent[j - 1].span[1]) and not re.search(r"[；;。]", text[sent[j].span[1] : q.span[0]]):
            j -= 1
        lead = text[sent[k - 1].span[1] : q.span[0]]
        if (k >= 2 and re.fullmatch(r"的?(?:比重|比例)?(?:为|达)?\s*", lead) and _compatible(sent[k - 2], sent[k - 1])
                and re.fullmatch(r"[，,、（(\s]*(?:约)?占[^，,。；;\d]{0,12}", text[sent[k - 2].span[1] : sent[k - 1].span[0]])):
            # "基本支出800万元，占支出合计1180万元的67.80%": the whole is written inside the phrase
            b.add("share", [(sent[k - 2], "part"), (sent[k - 1], "whole"), (q, "share")], {"sentence": str(s)})
            continue
        if not re.fullmatch(r"[，,、（(\s]*(?:约)?占[^，,。；;\d]{0,16}?(?:的|比|比重|比例)?(?:为|达)?\s*", lead):
            continue
        part = sent[j]
        if part.kind not in _COUNTABLE:
            continue
        b.add("share", [(part, "part"), (q, "share")], {"sentence": str(s)})


_AVERAGE_BEFORE = re.compile(r"(户均|人均|平均每户|平均每人|每户平均|每人平均)(?:发放|补助|补贴|获得|为|达)?\s*$")
_EACH_BEFORE = re.compile(r"每(户|人|名)([^，,。；;：:\d]{0,12})$")


# --- rate × count = total: "为1170户购买健康保险35100元（30元/户）" -----------------------------
def _rates(text: str, sent: list[Quantity], s: int, b: _Builder) -> None:
    for k, r in enumerate(sent):
        if r.kind != "rate" or not r.per or r.normalized_unit not in ("元",) and not (r.unit or "").startswith(("元", "万元")):
            continue
        per = _SAME_COUNT_UNIT.get(r.per, r.per)
        c0 = max(text.rfind(c, s, r.span[0]) for c in "；;") + 1 or s
        c1 = min((i for i in (text.find(c, r.span[1]) for c in "；;") if i != -1), default=len(text))
        clause = [q for q in sent if c0 <= q.span[0] and q.span[1] <= c1]
        counts = [q for q in clause if q.kind == "count" and _SAME_COUNT_UNIT.get(q.normalized_unit, q.normalized_unit) == per]
        totals = [q for q in clause if q.kind == "money" and not q.per]
        if len(counts) != 1 or not totals:
            continue
        count = counts[0]
        # the total is the money figure between the count and the rate, or right before the rate
        between = [t for t in totals if count.span[1] <= t.span[0] <= r.span[0]]
        if not between and r.span[1] <= count.span[0]:
            # the standard first: "按120元/人的标准，为846名…投保，支出保费10.25万元" (the only money after the count)
            between = [t for t in totals if t.span[0] >= count.span[1]]
            if [t for t in totals if t.span[0] < count.span[0]]:
                continue
        if len(between) != 1:
            continue
        b.add("rate", [(between[0], "total"), (r, "rate"), (count, "count")])
    # "发放补贴资金2300万元，惠及农户1.2万户，户均1916.67元": an average is the same identity
    for k, avg in enumerate(sent):
        if avg.kind != "money" or avg.per:
            continue
        m = _AVERAGE_BEFORE.search(text[max(sent[k - 1].span[1] if k else s, avg.span[0] - 10) : avg.span[0]])
        if not m:
            continue
        per = "户" if "户" in m.group(1) else "人"
        c0 = max(text.rfind(c, s, avg.span[0]) for c in "；;") + 1 or s
        clause = [q for q in sent[:k] if q.span[0] >= c0]
        counts = [q for q in clause if q.kind == "count" and _SAME_COUNT_UNIT.get(q.normalized_unit, q.normalized_unit) == per]
        totals = [q for q in clause if q.kind == "money" and not q.per]
        if len(counts) == 1 and len(totals) == 1:
            b.add("rate", [(totals[0], "total"), (avg, "rate"), (counts[0], "count")], {"form": "average"})
    # "为1350户脱贫户每户发放产业奖补资金2000元，合计发放280万元": a standard per head written in words
    for k, each in enumerate(sent):
        if each.kind != "money" or each.per:
            continue
        lead = text[max(sent[k - 1].span[1] if k else s, each.span[0] - 18) : each.span[0]]
        m = _EACH_BEFORE.search(lead)
        if not m or re.search(r"(均|月|季|天|日|次|提高|增加|上调|达到)", m.group(2)) or re.search(r"(户均|人均|平均)", lead):
            continue  # 每人每月 is a monthly rate (the total needs the months); 每人每年提高30元 is a change
        if not re.search(r"(发放|补助|补贴|奖励|奖补|慰问|资助|支付|救助|缴纳|给予)", m.group(2)):
            continue  # only a payment per head multiplies into a total
        per = "户" if m.group(1) == "户" else "人"
        counts = [q for q in sent if q.kind == "count" and q.span[1] <= each.span[0]
                  and _SAME_COUNT_UNIT.get(q.normalized_unit, q.normalized_unit) == per]
        totals = [q for q in sent if q.kind == "money" and not q.per and q is not each]
        if len(counts) == 1 and len(totals) == 1 and totals[0].span[0] > each.span[1]:
            b.add("rate", [(totals[0], "total"), (each, "rate"), (counts[0], "count")], {"form": "each"})


# --- budget execution ----------------------------------------------------------------------------
# `完成年初预算100%` is written without 的 too; `决算为年初预算的104.66%` states the same rate
_EXEC_RATE = re.compile(r"(完成(?:年初|全年|调整后)?预算(?:数)?的?|为(?:年初|全年|调整后)预算(?:数)?的|预算执行率(?:为|达)?"
                        r"|执行率(?:为|达)?|完成率(?:为|达)?)\s*$")
_OVER_UNDER = re.compile(r"决算数?(大于|小于|超过|低于)(?:年初)?预算数?\s*$")


def _budget(text: str, sent: list[Quantity], s: int, b: _Builder) -> None:
    for k, q in enumerate(sent):
        prev_end = sent[k - 1].span[1] if k else s
        before = text[max(prev_end, q.span[0] - 14) : q.span[0]]
        if q.kind == "percent" and _EXEC_RATE.search(before):
            money = [p for p in sent[:k] if p.kind == "money" and not p.per]
            budget = actual = None
            for p in money:
                lead = text[max(s, p.span[0] - 14) : p.span[0]]
                lead = lead[max(lead.rfind("，"), lead.rfind(","), lead.rfind("；")) + 1 :]
                if "预算" in lead and "执行" not in lead and "决算" not in lead:
                    budget = p
                elif re.search(r"(决算|执行数|实际执行|已执行|执行金额|实际支出|支出|完成)", lead):
                    actual = p
            members = [(q, "rate")]
            if budget is not None:
                members.append((budget, "budget"))
            if actual is not None:
                members.append((actual, "actual"))
            b.add("budget", members, {"form": "rate"})
        if q.kind == "money":
            m = _OVER_UNDER.search(before)
            if m:
                b.add("budget", [(q, "difference")], {"form": "over_under", "direction": m.group(1)})


_OVER_UNDER_ANY = re.compile(r"决算数?(大于|小于|超过|低于)(?:年初)?预算数?")


def _over_under_numbers(text: str, qs: list[Quantity], b: _Builder) -> None:
    """`年初预算为2.85万元，支出决算为0.39万元，…决算数小于预算数`: the phrase against the two figures the
    paragraph gave (the budget-rate relation found before it)."""
    by_id = {q.id: q for q in qs}
    rate_rels = [it for it in b.items if it[0] == "budget" and it[3].get("form") == "rate"]
    for m in _OVER_UNDER_ANY.finditer(text):
        para = text.rfind("\n", 0, m.start()) + 1
        best = None
        for kind, span, members, attrs in rate_rels:
            roles = {mm.role: by_id.get(mm.quantity) for mm in members}
            if roles.get("budget") and roles.get("actual") and para <= span[0] and span[1] <= m.start():
                best = roles
        if best is None:
            continue
        diff = next((q for q in qs if m.end() <= q.span[0] <= m.end() + 2 and q.kind == "money"), None)
        members = [(best["budget"], "budget"), (best["actual"], "actual")] + ([(diff, "difference")] if diff else [])
        b.add("budget", members, {"form": "over_under_numbers", "direction": m.group(1),
                                  "phrase_start": str(m.start()), "phrase_end": str(m.end())})


# --- score → grade -------------------------------------------------------------------------------
_GRADE = re.compile(
    r"(?:等级|结果|结论|档次|评价|评定|等次|评级|级别)(?:为|是|：|:|\s|“|\"|「)*"
    r"(优秀|良好|不合格|合格|中等|较差|(?:优|良|中|差)(?=[级等，,。；;、\s”\"」）)]|$))"
)


def _score_maxima(text: str, sent: list[Quantity], b: _Builder) -> None:
    """"产出指标得分52分（满分50分）": a score and its weight written side by side in the text."""
    for k, q in enumerate(sent[:-1]):
        w = sent[k + 1]
        if q.kind != "score" or w.kind != "score":
            continue
        if re.fullmatch(r"\s*[（(]\s*(?:满分|分值|权重|标准分)(?:为|是|：|:)?\s*", text[q.span[1] : w.span[0]]) and \
                re.match(r"\s*[)）]", text[w.span[1] : w.span[1] + 2]):
            b.add("score_weight", [(q, "score"), (w, "weight")])


# "三次产业结构为17.2:36.4:46.4": the terms of a structure are shares of one whole
_RATIO_SEP = re.compile(r"\s*[:：∶︰]\s*")


def _ratios(text: str, sent: list[Quantity], s: int, b: _Builder) -> None:
    k = 0
    while k < len(sent):
        run = [sent[k]]
        while k + len(run) < len(sent) and _RATIO_SEP.fullmatch(text[run[-1].span[1] : sent[k + len(run)].span[0]]):
            run.append(sent[k + len(run)])
        k += len(run)
        if len(run) < 2 or any(q.kind != "percent" or q.text.endswith("%") for q in run):
            continue
        lead = text[max(s, run[0].span[0] - 30) : run[0].span[0]]
        if not re.search(r"(结构|构成)", lead):
            continue  # "男女比例1.05:1" is a ratio, not a partition of 100
        total_pt = sum((q.value for q in run), start=run[0].value * 0)
        if not 50 <= total_pt <= 150:
            continue
        b.add("ratio", [(q, "term") for q in run])


def _grades(text: str, sent: list[Quantity], e: int, b: _Builder) -> None:
    for q in sent:
        if q.kind != "score":
            continue
        window = text[q.span[1] : min(len(text), q.span[1] + 30)]
        m = _GRADE.search(window)
        if not m:
            continue
        # the grade must follow the score within the same sentence or the next clause
        g0 = q.span[1] + m.start(1)
        g1 = q.span[1] + m.end(1)
        if "。" in text[q.span[1] : g0]:
            continue
        b.add("grade", [(q, "score")], {"grade": m.group(1), "grade_start": str(g0), "grade_end": str(g1)})


_TOTAL_SCORE_LEAD = re.compile(r"(自评得分|综合得分|总得分|总分|综合评分|评价得分|自评分|得到|得分为?)[为：:]?\s*$")


def _far_grades(text: str, qs: list[Quantity], b: _Builder) -> None:
    """"自评得分92.5分，其中：产出指标得分48分……。评价等级为“优”": a grade stated after a list of
    sub-scores belongs to the total score that opened the paragraph."""
    graded = {it[2][0].quantity for it in b.items if it[0] == "grade"}
    scores = [q for q in qs if q.kind == "score"]
    for m in _GRADE.finditer(text):
        # far from its score only an explicit grade phrase counts: "群众评价良好" is praise, not a grade
        if not re.search(r"(等级|等次|档次|评级|自评结果|评价结果|评价结论|自评结论|评定|考评结果|绩效评价结果)", text[m.start() : m.start(1)]):
            continue
        para = text.rfind("\n", 0, m.start()) + 1
        cands = [q for q in scores if para <= q.span[0] < m.start() and q.normalized <= 100]
        if not cands or any(q.id in graded for q in cands):
            continue
        total = next((q for q in cands if _TOTAL_SCORE_LEAD.search(text[max(para, q.span[0] - 8) : q.span[0]])), None)
        if total is None:
            continue
        b.add("grade", [(total, "score")], {"grade": m.group(1), "grade_start": str(m.start(1)),
                                            "grade_end": str(m.end(1)), "far": "1"})


# --- "N个，即A、B、C" and "A、B、C等N个X" ---------------------------------------------------------
_OPEN = "《“\"（(【「"
_CLOSE = "》”\"）)】」"


def _split_items(s: str) -> list[str]:
    """Split a list at 、 (and a final 和/及) outside brackets and quotes."""
    items, depth, cur = [], 0, []
    for ch in s:
        if ch in _OPEN and not (ch == '"' and depth):
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch == "、" and depth == 0:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [x.strip() for x in items if x.strip()]


def _count_alternatives(items: list[str]) -> set[int]:
    """The item count, and one more when the last item may be two joined by 和/及 (`A、B和C`);
    `自然资源和生态环境处` is one item, so both readings are kept and either may match."""
    n = len(items)
    if n >= 2 and re.match(r"^(.{2,}?)(?:和|及|以及)(.{2,})$", items[-1]):
        return {n, n + 1}
    return {n}


_LIST_AFTER = re.compile(r"[^，,。；;：:]{0,8}?[，,：:]?\s*(即|分别是|分别为|包括)[：:]?")


def _list_counts(text: str, sent: list[Quantity], s: int, e: int, b: _Builder) -> None:
    for q in sent:
        if q.kind != "count" or q.approx != "exact":
            continue
        after = text[q.span[1] : e]
        m = _LIST_AFTER.match(after)
        if m:
            stop = re.search(r"[。；;，,]|$", after[m.end() :])
            body = after[m.end() : m.end() + stop.start()]
            items = _split_items(body)
            if len(items) >= 2:
                open_ = body.rstrip().endswith("等")
                alts = sorted(_count_alternatives(items))
                b.add("list_count", [(q, "count")],
                      {"items": str(alts[0]), "items_alt": str(alts[-1]), "open": "等" if open_ else "", "form": "after",
                       "list_start": str(q.span[1] + m.end()), "list_end": str(q.span[1] + m.end() + len(body))})
            continue
        before = text[s : q.span[0]]
        # "A、B、C等8个单位" / "A、B两个核酸检测点": the list ends right before the count.  Only
        # counts of 个/家/所/项 (units, sites, items): `省、市、县级……15户` qualifies what is counted.
        if (q.unit or "") not in ("个", "家", "所", "项", "类"):
            continue
        cut = max(before.rfind(c) for c in "，,：:；;（(")
        body = before[cut + 1 :]
        open_ = body.endswith("等")
        if open_:
            body = body[:-1]
        elif q.normalized > 5 or not re.match(r"[一二两三四五六七八九十]", q.text):
            continue  # without 等 only a small count in words ("两个") reliably closes a list
        if "、" not in body or "等" in body:
            continue
        body = _MARKER.sub("", body)
        items = _split_items(body)
        if len(items) < 2 or any(len(x) > 30 or len(x) < 2 or re.search(r"\d", x) for x in items):
            continue
        alts = sorted(_count_alternatives(items))
        b.add("list_count", [(q, "count")],
              {"items": str(alts[0]), "items_alt": str(alts[-1]), "open": "等" if open_ else "", "form": "before",
               "list_start": str(s + cut + 1), "list_end": str(q.span[0])})


# --- balances: 收入 = 支出 + 结余; 支出 = 基本 + 项目 --------------------------------------------------
# Greedy: matches up to the LAST clause mark of a lead, in one C call (was six rfind calls and a
# generator per figure, ~80k calls on 1 MB).
_UP_TO_LAST_MARK = re.compile(r".*[，,。；;\n]", re.S)


def _lead(text: str, q: Quantity, n: int = 16) -> str:
    """The ``n`` characters before ``q``, from the last clause mark (，。；, line end) on."""
    lead = text[max(0, q.span[0] - n) : q.span[0]]
    m = _UP_TO_LAST_MARK.match(lead)
    return lead[m.end() :] if m else lead


_NOT_EXPENSE = re.compile(r"(基本|项目|工资|商品|补助)")
_INCOME_WORD = re.compile(r"(收入|划拨|拨款|拨付|到位|共计|合计|总计|资金)")


def _balances(text: str, qs: list[Quantity], meta_year: int | None, b: _Builder) -> None:
    money = [q for q in qs if q.kind == "money" and not q.per]
    starts = [q.span[0] for q in money]  # sorted: qs is in text order
    for k, q in enumerate(money):
        lead = _lead(text, q)
        if not ("结余" in lead or "结转" in lead) or "上年" in lead or "年初" in lead:
            continue
        # look back within the same sentence for 支出 and an income figure
        s0 = max(text.rfind("。", 0, q.span[0]), text.rfind("\n", 0, q.span[0])) + 1
        if re.search(r"(年初|上年|以前年度)(结转|结余)", text[s0 : q.span[0]]):
            continue  # with a carry-over in, 收入 = 支出 + 结余 no longer holds: the table rules check that
        expense = income = None
        for p in reversed(money[:k]):
            if p.span[0] < s0:
                break
            pl = _lead(text, p)
            if expense is None and "支出" in pl and not _NOT_EXPENSE.search(pl):
                expense = p
            elif expense is not None and income is None and _INCOME_WORD.search(pl):
                income = p
        if expense is not None and income is not None:
            b.add("balance", [(income, "income"), (expense, "expense"), (q, "balance")], {"form": "income_expense"})
    # total = basic + project
    for k, q in enumerate(money):
        if "基本支出" not in _lead(text, q):
            continue
        project = next((p for p in money[k + 1 : k + 3] if "项目支出" in _lead(text, p)
                        and "。" not in text[q.span[1] : p.span[0]]), None)
        if project is None:
            continue
        total = None
        # the nearest total expenditure before 基本支出 (or else the first after it)
        # (the figures before q, nearest first, then those after project: slices found by bisection,
        # not two scans of every figure for each 基本支出)
        before_q = money[: bisect_left(starts, q.span[0])]
        after_q = money[bisect_right(starts, project.span[0]) :]
        for p in chain(reversed(before_q), after_q):
            pl = _lead(text, p)
            if p is q or p is project:
                continue
            if "总计" in pl:
                continue  # 支出总计 = 支出合计 + 年末结转和结余: not basic + project
            if "收入" in pl or "预算" in pl and "预算" not in _lead(text, q):
                continue  # 收入支出总计 includes carry-overs; a budget figure is another 口径
            if re.search(r"(三公|经费|上年|去年|同期)", pl) or any(
                meta_year is None or int(y) != meta_year for y in _YEAR_IN.findall(pl)
            ):
                continue  # "2022年度支出9.60万元": another year's (or another item's) spending
            if re.search(r"(支出总额|总支出|整体支出|支出合计|^支出[：:]?$|[，,]支出[：:]?$)", pl) or (
                re.search(r"支出[：:]?\s*$", pl) and not re.search(r"(基本|项目|工资|商品|补助|三公|接待|车|出国|经费)", pl)
            ):
                total = p
                break
        if total is not None:
            b.add("balance", [(total, "total"), (q, "basic"), (project, "project")], {"form": "basic_project"})


# --- 三公经费 = 因公出国(境) + 公务用车购置及运行维护 + 公务接待 ---------------------------------------------
_SG_ROLES = [
    ("car", re.compile(r"公务用车购置及运行|公务用车(?:费|支出)|车辆购置及运行")),
    ("car_running", re.compile(r"(公务用车运行|公车运行|运行维护费|运行费)")),
    ("car_purchase", re.compile(r"(公务用车购置费|车辆购置|购置费)")),
    ("abroad", re.compile(r"(因公出国|出国（境）|出国\(境\)|出国境)")),
    ("reception", re.compile(r"公务接待")),
]


_SG_NOT_THIS = re.compile(r"(上年|去年|同期|减少|增加|下降|增长)")  # another year's figure, or a change
_SG_ITEM_CUT = re.compile(r"：|:|、|（其中|\(其中")


def _sanggong(text: str, qs: list[Quantity], fy: int | None, b: _Builder) -> None:
    money = [q for q in qs if q.kind == "money" and not q.per]
    done_paragraphs: set[int] = set()
    for k, q in enumerate(money):
        lead = _lead(text, q, 24)
        if "三公" not in lead or _SG_NOT_THIS.search(lead):
            continue
        years = [int(y) for y in _YEAR_IN.findall(lead)]
        if years and fy and years[-1] != fy:
            continue
        para_start = text.rfind("\n", 0, q.span[0]) + 1
        if para_start in done_paragraphs:  # the first 三公 total of a paragraph is the one itemised
            continue
        para_end = text.find("\n", q.span[1])
        para_end = len(text) if para_end == -1 else para_end
        parts: dict[str, Quantity] = {}
        for p in money[k + 1 :]:
            if p.span[0] >= para_end:
                break
            pl = _lead(text, p, 24)
            pl = _SG_ITEM_CUT.split(pl)[-1]  # "运行费12万元（其中：购置费" → "购置费"
            if "三公" in pl or _SG_NOT_THIS.search(pl):
                continue
            for role, rx in _SG_ROLES:
                if rx.search(pl):
                    if role not in parts:
                        parts[role] = p
                    break
        nxt = money[k + 1] if k + 1 < len(money) else None
        outturn_next = nxt is not None and bool(re.search(r"决算(数)?(为|是)?\s*$", _lead(text, nxt, 12)))
        if "预算" in lead and (outturn_next or any("决算" in _lead(text, p, 24) for p in parts.values())):
            # "三公经费年初预算为A，支出决算为B，（完成预算的X%，）其中：…": the items break down B, not A
            if not outturn_next:
                continue
            q = nxt
            parts = {r: p for r, p in parts.items() if p is not q}
        if "reception" in parts and ("abroad" in parts or "car" in parts or "car_running" in parts):
            done_paragraphs.add(para_start)
            order = ["abroad", "car", "car_purchase", "car_running", "reception"]
            b.add("sanggong", [(q, "total")] + [(parts[r], r) for r in order if r in parts])
            _sanggong_activity(text, qs, parts, para_start, b)


_ACTIVITY = [
    ("vehicles", re.compile(r"(保有|实有|车辆数|公务用车数)"), ("car_running", "car")),
    ("purchased", re.compile(r"购置.{0,6}车|购车"), ("car_purchase", "car")),
    ("trips", re.compile(r"(出国|出境|团组)"), ("abroad",)),
    ("receptions", re.compile(r"接待"), ("reception",)),
]


def _start(q: Quantity) -> int:
    return q.span[0]


def _sanggong_activity(text: str, qs: list[Quantity], parts: dict[str, Quantity], para_start: int, b: _Builder) -> None:
    """The counts a 三公 disclosure gives beside the money (团组, 人次, 批次, 台): spending 0 on an
    item with trips or vehicles counted (or the reverse) is worth a look."""
    # this paragraph and the next one
    end = text.find("\n", text.find("\n", para_start) + 1)
    end = len(text) if end == -1 else end
    # qs is in text order: bisection finds the figures of these paragraphs (was a scan of all of them)
    first = bisect_left(qs, para_start, key=_start)
    last = bisect_left(qs, end, key=_start)
    for c in qs[first:last]:
        if c.kind != "count" or c.approx != "exact":
            continue
        clause = _lead(text, c, 20)
        sent_start = max(text.rfind(x, 0, c.span[0]) for x in "。\n") + 1
        sentence = text[sent_start : c.span[0]]
        # the activity named nearest before the count: its clause first, else its sentence
        # ("全年国内公务接待12批次，共计86人次": 86人次 are receptions, not the vehicles named earlier)
        found = None
        for where in (clause, sentence):
            hits = [(max(m.end() for m in rx.finditer(where)), name, roles) for name, rx, roles in _ACTIVITY
                    if rx.search(where)]
            if hits:
                found = max(hits)
                break
        if found is not None:
            _, name, roles = found
            expense = next((parts[r] for r in roles if r in parts), None)
            if expense is not None:
                b.add("sanggong_activity", [(expense, "expense"), (c, "count")], {"item": name})


# --- repeated figures ------------------------------------------------------------------------------
_STOP_BIGRAMS = {"共计", "其中", "全年", "累计", "发放", "支出", "万元", "达到", "开展", "全县"}


_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]")
_CLAUSE_MARK = re.compile(r"[，,。；;、\n]")


def _bigrams(s: str) -> set[str]:
    s = _NOT_HAN.sub("", s)
    return {s[i : i + 2] for i in range(len(s) - 1)}


def _context(text: str, q: Quantity) -> set[str]:
    lead = _lead(text, q, 14)
    tail = text[q.span[1] : q.span[1] + 10]
    tail = _CLAUSE_MARK.split(tail, maxsplit=1)[0]
    return (_bigrams(lead) | _bigrams(tail)) - _STOP_BIGRAMS


def repeat_key(q: Quantity) -> tuple:
    return (q.kind, _unit_key(q)[1], q.concept or "")


def _distinctive(q: Quantity) -> bool:
    """Money with 4+ significant digits (139.38): repeated, it is the same figure."""
    return q.kind == "money" and len(q.value.normalize().as_tuple().digits) >= 4


def _repeats(text: str, qs: list[Quantity], b: _Builder) -> None:
    """Pairs of figures that name the same thing: equal concept, or shared words around them.

    Only later mentions are paired with an earlier one of equal value, so n mentions give n - 1
    relations.  Mentions are bucketed by (unit, value, approximation): linear, not quadratic.
    """
    # scores are left out: two indicators scoring 9分 each are not one figure restated
    cands = [q for q in qs if q.kind in ("money", "count") and not q.per and q.normalized != 0]
    ctx: dict[str, set[str]] = {}

    def context(q: Quantity) -> set[str]:
        if q.id not in ctx:
            ctx[q.id] = _context(text, q)
        return ctx[q.id]

    firsts: dict[tuple, list[Quantity]] = {}
    for q in cands:
        key = (_unit_key(q), q.normalized, q.approx)
        for f in firsts.get(key, ()):
            shared = context(f) & context(q)
            same_concept = bool(f.concept and f.concept == q.concept)
            # a figure with 4+ significant digits (139.38) repeated is the same figure; a round one
            # (9万元, 130户) only when the words around both mentions say so
            distinctive = _distinctive(f)
            if same_concept or len(shared) >= 2 or distinctive:
                basis = "concept" if same_concept else "words" if len(shared) >= 2 else "value"
                b.add("repeat", [(f, "first"), (q, "again")], {"basis": basis, "words": "、".join(sorted(shared))[:40]})
                break
        else:
            firsts.setdefault(key, []).append(q)
