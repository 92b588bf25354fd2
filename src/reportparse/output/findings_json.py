"""JSON output of `reportparse check`: the CheckResult model (design.md "Findings").

Decimals are strings, keys in model order, no clock: the same input gives the same bytes.
"""

from __future__ import annotations

import json

from ..model import CheckResult


def result_dict(result: CheckResult) -> dict:
    return result.model_dump(mode="json")


def render_json(results: list[CheckResult], single: bool) -> str:
    payload = result_dict(results[0]) if single and len(results) == 1 else [result_dict(r) for r in results]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
