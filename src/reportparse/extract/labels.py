"""Labels: the thing a figure quantifies, read from the words around it.

    工资福利支出：50.12万元         → 工资福利支出       (before the figure)
    共发放慰问金126600元           → 慰问金             (before; 共/发放 are not part of it)
    走访慰问198户计生困难家庭       → 计生困难家庭       (a count: the noun after its measure word)
    “三公经费”2021年度三公经费支出 1.91万元 → 三公经费支出
    因公出国（境）支出0万元         → 因公出国（境）支出  (brackets stay with their word)

How: the clause before the figure (back to the nearest ，。；、 or line break, at most 24 characters,
never outside the figure's table cell) is segmented with jieba and the domain user dictionary
(text/words.py).  Walking from the figure leftwards, filler words next to the number are skipped
(共计, 累计, 全年, 价值, 情况, 为, 达到, 减少, 比上年 …); then words are collected until a verb,
preposition, number, time word or punctuation (走访, 发放, 为, 在, 2021, 年度, ：).  For a count whose
measure word is directly followed by a noun (``198户计生困难家庭``), the words after it are read the
same way rightwards and win.  Money with nothing before it may also take the words after it.
A percent with no words of its own (``占55.10%``, ``增长12.08%``) takes the label of the amount
just before it in the same sentence: it is that amount's share or change rate.
Quote marks are dropped from labels (“三公”经费 → 三公经费); the label is otherwise the text as printed.
Figures whose label a table gives (row header) keep it.
"""

from __future__ import annotations

import re

from ..text.words import cut as _cut

_MAX_LEFT = 24
_MAX_RIGHT = 16
_MAX_LABEL = 20
_ORG_SUFFIXES = ("协会", "委员会", "局", "办公室", "政府", "中心", "公司", "学校", "医院", "办事处", "委", "厅", "部")
_PLACE_SUFFIXES = ("县", "市", "省", "区", "镇", "乡", "村", "街道")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_DELIMS = re.compile(r"[，。；;！？!?\n\r、,|]")
_QUOTES = str.maketrans("", "", "“”\"‘’「」『』")
_OPEN = {"）": "（", ")": "(", "》": "《", "】": "【", "”": "“", "」": "「", "』": "『"}
_CLOSE = {v: k for k, v in _OPEN.items()}

# Words next to the number that are not part of the label (skipped, left side).
FILLERS = frozenset(
    """共计 合计 累计 总计 总共 一共 共 计 共有 有 为 是 达 达到 达到了 约 近 将近 接近 超 超过 逾 价值 总价值 金额 总额
    全年 当年 本年 今年 年度 全年度 情况 了 的 得到 得 获得 占 占比 其中 分别 各 总 合 实际 实现 仅 只 均 平均 人均 户均
    增加 减少 增长 下降 上升 提高 降低 节约 减 增 同比 环比 比 较 比上年 较上年 比去年 较去年 上年 去年 比上年度 较上年度
    已 已经 再次 先后 还 又 也 都 还有 以及 及时 全部 全面 完成 完成了 数 额 量 规模 达成 为止 止 至 到 即 再 等 等等
    不低于 不少于 不小于 高于 不高于 不超过 不多于 不大于 低于 少于 多于 大于 小于 超过
    上年末 比上年末 较上年末 比年初 较年初 年初 上年同期 同期 比上年同期 上涨 回落 加快 放缓 回升 扩大 缩小""".split()
)
# Words that end a label (verbs, prepositions, pronouns, places of the reporting body).
STOPS = frozenset(
    """发放 走访 慰问 走访慰问 开展 举办 组织 参加 参与 购买 申请 申请到 划拨 拨付 下达 安排 投入 落实 实施 表彰 印发 编辑 印刷
    编印 摆放 悬挂 答复 免费 送 送去 捐赠 提供 获得 取得 支付 收到 使用 用于 进行 退还 约谈 移交 召开 聘请 打造 成立 协助
    看望 帮扶 理赔 及时 接待 完善 整改 反馈 交办 涉及 覆盖 惠及 受益 帮助 资助 救助 补助了 发放了 开展了 举办了 组织了 参加了
    为 向 对 在 从 于 给 由 将 把 按 按照 根据 通过 经过 自 以 与 同 跟 被 让 使 用 至 到 及其 其 其中 即 等 以来 以上 以下 左右 以内
    我 我会 我县 我局 我单位 本单位 本部门 全县 全市 全省 全区 全国 全镇 全乡 各级 各 各类 各项 共 累计 共计 合计 总计
    今年 去年 上年 本年 当年 全年 年度 年 月 日 期间 其中 同时 并 并且 而 但 及 了 的 是 有 达 达到 占 比 较 增加 减少 增长 下降
    上升 提高 降低 完成 实现 支出了 退还了 收到了 新增 新建 建成 改造 维修 购置 给予 为期 因 因为 致 由于 每 每周 每月 每年 每天
    每人 现已 基本 均 都 全部 全程 一直 共同 分别 先后 再次 拟 要 需 须 应 可 能 会 上半年 下半年
    比上年 较上年 比上年末 较上年末 上年末 比年初 较年初 比上年同期 上年同期 比去年 较去年""".split()
)
# jieba may glue these onto a noun (为全县, 在县); we only test whole words, so keep the list of words.
_KEEP_IN_LABEL = frozenset({"和", "与", "及"})  # inside a label: 失独和伤残家庭, 慰问金及物资
_QUOTE_TOKENS = frozenset("“”\"‘’「」『』")
_CN_NUM = set("一二两三四五六七八九十百千万亿")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")


def _is_word(tok: str) -> bool:
    return bool(_CJK.search(tok)) and not _DIGIT.search(tok)


def _clause_left(f: str, lo: int, end: int) -> str:
    start = max(lo, end - _MAX_LEFT)
    seg = f[start:end]
    m = None
    for d in _DELIMS.finditer(seg):
        # a 、 inside quotes belongs to a name (“双随机、一公开”检查186次), it does not end the clause
        if d.group() == "、" and seg.count("“", 0, d.start()) > seg.count("”", 0, d.start()):
            continue
        m = d
    if m is not None:
        seg = seg[m.end() :]
    return seg


def _clause_right(f: str, start: int, hi: int) -> str:
    seg = f[start : min(hi, start + _MAX_RIGHT)]
    m = _DELIMS.search(seg)
    return seg[: m.start()] if m else seg


def _collect_left(tokens: list[str]) -> str | None:
    i = len(tokens) - 1
    # skip fillers and spaces next to the number (and a colon: 工资福利支出：50.12万元)
    while i >= 0 and (tokens[i].strip() == "" or tokens[i] in FILLERS or tokens[i] in "：:"):
        i -= 1
    picked: list[str] = []
    while i >= 0:
        tok = tokens[i]
        if tok in _QUOTE_TOKENS:  # “三公”经费: quotes are transparent (and dropped at the end)
            picked.insert(0, tok)
            i -= 1
            continue
        if i > 0 and tok[0] in "年月日号" and _DIGIT.search(tokens[i - 1]):
            break  # 2021年本单位: jieba may glue 年 to the next word
        if tok in _OPEN:  # a closing bracket: take everything back to its opening one
            j = i - 1
            while j >= 0 and tokens[j] != _OPEN[tok]:
                j -= 1
            if j < 0 or i - j > 6:
                break
            picked[:0] = tokens[j : i + 1]
            i = j - 1
            continue
        if tok == "、" and picked.count("”") > picked.count("“"):
            picked.insert(0, tok)  # inside a quoted name: “双随机、一公开”
            i -= 1
            continue
        if tok in _KEEP_IN_LABEL and picked and i > 0 and _is_word(tokens[i - 1]) and tokens[i - 1] not in STOPS:
            picked.insert(0, tok)
            i -= 1
            continue
        if not _is_word(tok) or tok in STOPS:
            break
        picked.insert(0, tok)
        i -= 1
        if sum(map(len, picked)) >= _MAX_LABEL:
            break
    # 财政划拨新田县计划生育协会共计139.38万元: the recipient body is not what the money is
    while len(picked) > 1 and (picked[-1].endswith(_ORG_SUFFIXES) or picked[-1].endswith(_PLACE_SUFFIXES)):
        picked.pop()
    return _finish(picked)


def _collect_right(tokens: list[str]) -> str | None:
    picked: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in _QUOTE_TOKENS:
            picked.append(tok)
            i += 1
            continue
        if tok in _CLOSE and picked:  # an opening bracket after a word: take it through its close
            j = i + 1
            while j < len(tokens) and tokens[j] != _CLOSE[tok]:
                j += 1
            if j >= len(tokens) or j - i > 6:
                break
            picked.extend(tokens[i : j + 1])
            i = j + 1
            continue
        if tok in _KEEP_IN_LABEL and picked and i + 1 < len(tokens) and _is_word(tokens[i + 1]):
            picked.append(tok)
            i += 1
            continue
        if not _is_word(tok) or tok in STOPS or tok in FILLERS:
            break
        picked.append(tok)
        i += 1
        if sum(map(len, picked)) >= _MAX_LABEL:
            break
    while picked and picked[-1] in _KEEP_IN_LABEL:
        picked.pop()
    return _finish(picked)


def _finish(picked: list[str]) -> str | None:
    label = "".join(picked).translate(_QUOTES).strip()
    while label[:1] in _CLOSE:  # （增长）27.78%: a bracketed aside before the number is no label
        close = label.find(_CLOSE[label[0]])
        if close == -1:
            break
        label = label[close + 1 :]
    # a bracket left unbalanced by the window is dropped: （境 → 境
    if label.count("（") != label.count("）"):
        label = label.replace("（", "").replace("）", "")
    if label.count("(") != label.count(")"):
        label = label.replace("(", "").replace(")", "")
    if len(label) < 2:
        return None
    return label


def label_for(
    f: str, start: int, unit_end: int, kind: str, lo: int = 0, hi: int | None = None, full: bool = False
) -> str | None:
    """The label of the figure at [start, unit_end) in the folded text ``f``.

    ``full`` segments with jieba's complete dictionary instead of the trimmed lexicon (tests only).
    """

    def cut(t: str) -> list[str]:
        return _cut(t, full)

    if hi is None:
        hi = len(f)
    if kind in ("count", "ordinal", "duration") or kind == "money":
        right_text = _clause_right(f, unit_end, hi)
        if right_text and _CJK.match(right_text.lstrip("“\"‘「『")) and kind == "count":
            right = _collect_right(cut(right_text))
            if right:
                return right
    left = _collect_left(cut(_clause_left(f, lo, start)))
    if left or kind != "money":
        return left
    right_text = _clause_right(f, unit_end, hi)
    if right_text and _CJK.match(right_text):
        toks = cut(right_text)
        while toks and (not _is_word(toks[0]) or _DIGIT.search(toks[0]) or toks[0][0] in _CN_NUM):
            toks.pop(0)  # 120万三年免息贷款: the term (三年) is not the thing paid
        return _collect_right(toks)
    return None


def attach_labels(text: str, f: str, raws: list, full: bool = False) -> None:
    """Fill ``label`` of every figure that has none yet (table cells may have their row header)."""
    prev_end = 0
    prev = None
    for r in raws:
        if r.label is not None or r.kind in ("ordinal", "duration"):
            prev_end = r.end
            prev = r
            continue
        # never reach back over the previous figure: 资料20余种5000余份 → 5000余份 has no label of its own
        lo = max(r.win_lo if r.win_lo is not None else 0, prev_end)
        prev_end = r.end
        hi = r.win_hi if r.win_hi is not None else len(f)
        try:
            r.label = label_for(f, r.start, r.unit_end, r.kind, lo, hi, full)
        except Exception:  # noqa: BLE001 - a label is a nicety; extraction must never raise
            r.label = None
        if r.label is None and r.kind == "percent" and prev is not None and r.win_lo is None:
            # 基本支出5377.64万元，占55.10% / 增加1062.85万元，增长12.08%: a share or a change
            # rate with no words of its own is about the amount just before it in the sentence
            between = f[prev.end : r.start]
            if prev.kind in ("money", "count") and prev.label and not _SENTENCE_END.search(between):
                r.label = prev.label
        prev = r
