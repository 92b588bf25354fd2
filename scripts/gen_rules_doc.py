#!/usr/bin/env python
"""Write docs/rules.md from the rule classes (ALL_RULES and their docstrings).

    .venv/bin/python scripts/gen_rules_doc.py          # rewrite docs/rules.md
    .venv/bin/python scripts/gen_rules_doc.py --check  # exit 1 when docs/rules.md is out of date

tests/test_rules_doc.py runs the --check comparison, so a rule changed without its page fails CI.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reportparse.rules.registry import ALL_RULES  # noqa: E402

OUT = ROOT / "docs" / "rules.md"
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
FAMILY_ZH = {
    "1": "合计与分项、包含关系、列举个数、收支平衡、三公经费",
    "2": "同一数字的多次出现",
    "3": "同比增减、预算执行、占比、单价×数量",
    "4": "日期与期间",
    "5": "得分与等级、评分表",
    "6": "决算/预算表格",
    "7": "模板残留",
    "8": "疑似笔误（综合其他核对结果）",
    "9": "无法核对",
}
SECTION_ZH = [("Why", "为什么"), ("Bad", "有问题的写法"), ("Good", "正确的写法"), ("Tolerance", "容差"), ("Limits", "局限")]


def _join(lines: list[str]) -> str:
    """Re-join a wrapped docstring paragraph: no space between Chinese lines, one between Latin words."""
    out = ""
    for line in (x.strip() for x in lines):
        if out and out[-1].isascii() and out[-1].isalnum() and line[:1].isascii() and line[:1].isalnum():
            out += " "
        out += line
    return out


def render() -> str:
    lines = [
        "# 核对规则",
        "",
        "<!-- 本文件由 scripts/gen_rules_doc.py 从规则类自动生成，请勿手工修改；改规则后重新运行该脚本。 -->",
        "",
        "每条规则有固定编号（RP + 三位数字，百位表示类别，编号永不复用）、英文短名、默认级别和一句中文说明。",
        "级别：**错误**＝超出印刷精度的不相等；**警告**＝很可能有误，但口径不同也可能解释；**提示**＝仅由四舍五入或截断造成的差异。",
        "“改变结论”的错误（等级档次、增加与减少、超支与结余）在输出中标为【结论改变】。",
        "“有问题的写法”和“正确的写法”中的示例会作为测试运行：前者必须报告该规则的问题，后者不得报告。",
        "",
        "用 `reportparse check 文件 --select RP1,RP501 --ignore RP201` 选择规则（编号、编号前缀或短名）。",
        "",
        "| 编号 | 短名 | 级别 | 说明 |",
        "|---|---|---|---|",
    ]
    for r in ALL_RULES:
        lines.append(f"| [{r.id}](#{r.id.lower()}) | `{r.name}` | {SEVERITY_ZH[r.severity]} | {r.summary} |")
    family = None
    for r in ALL_RULES:
        fam = r.id[2]
        if fam != family:
            family = fam
            lines += ["", f"## {fam}xx　{FAMILY_ZH.get(fam, '')}"]
        lines += ["", f"### {r.id}", "", f"`{r.name}` · 默认级别：{SEVERITY_ZH[r.severity]}", "", f"**{r.summary}**"]
        sections = r.doc_sections()
        intro = (r.__doc__ or "").strip().split("\n\n")[0].strip()
        if intro:
            lines += ["", _join(intro.splitlines())]
        for key, zh in SECTION_ZH:
            body = sections.get(key)
            if not body:
                continue
            lines += ["", f"*{zh}*", ""]
            if key in ("Bad", "Good"):
                lines += ["```text", body, "```"]
            else:
                lines.append(_join(body.splitlines()))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUT.read_text("utf-8") if OUT.exists() else ""
        if current != text:
            print("docs/rules.md 与规则类不一致：请运行 .venv/bin/python scripts/gen_rules_doc.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"已写入 {OUT.relative_to(ROOT)}（{len(ALL_RULES)} 条规则）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
