"""Helpers for the rule tests of the 4xx/6xx/7xx/8xx families: run a short report text through the
whole pipeline (txt reader → build_report → run_rules) exactly as `reportparse check` would."""

from __future__ import annotations

import hashlib

from reportparse.build import build_report
from reportparse.readers.txt import read_txt
from reportparse.rules import run_rules


def check_text(text: str, select=None):
    data = text.encode("utf-8")
    doc = read_txt("示例.txt", data, hashlib.sha256(data).hexdigest())
    report = build_report(doc)
    return run_rules(report, doc, select=select), report, doc


def fails(text: str, rule_id: str):
    findings, _, _ = check_text(text, select=[rule_id])
    return [f for f in findings if f.rule == rule_id and f.status == "fail"]
