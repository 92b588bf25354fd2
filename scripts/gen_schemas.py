#!/usr/bin/env python3
"""Write schemas/report.schema.json and schemas/findings.schema.json from the pydantic models.

The JSON Schemas are the published contract of `reportparse parse/check --format json`; they are
generated, never edited by hand, and committed so that users (and other languages) can validate
output without installing reportparse.  tests/test_schema.py fails when the committed files drift
from the models, so a model change must be followed by::

    .venv/bin/python scripts/gen_schemas.py          # rewrite schemas/*.json
    .venv/bin/python scripts/gen_schemas.py --check  # exit 1 and name the file when out of date

Serialization mode is used because the schema describes the JSON the tool *prints* (Decimals are
strings there), not what the models accept.  Keys are sorted and the text ends with a newline so
the same models always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schemas"
BASE_ID = "https://reportparse.invalid/schemas/"  # a stable identifier, not a URL anyone fetches

# file name -> (model name in reportparse.model, Chinese description shown to schema readers)
TARGETS: dict[str, tuple[str, str]] = {
    "report.schema.json": ("Report", "reportparse parse --format json 的输出：一份报告提取出的章节、数字、日期和关系"),
    "findings.schema.json": ("CheckResult", "reportparse check --format json 的输出：一份报告的核对结果"),
}


def render() -> dict[str, str]:
    """File name -> exact file text, generated from the current models."""
    import reportparse.model as model

    out: dict[str, str] = {}
    for name, (model_name, description) in TARGETS.items():
        cls = getattr(model, model_name)
        schema = cls.model_json_schema(mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = BASE_ID + name
        schema["description"] = description
        schema["x-schema-version"] = model.SCHEMA_VERSION
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="由 pydantic 模型生成 schemas/*.json")
    ap.add_argument("--check", action="store_true", help="只检查已提交的文件是否与模型一致，不写文件")
    args = ap.parse_args(argv)
    stale = []
    for name, text in render().items():
        path = SCHEMA_DIR / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(name)
        else:
            SCHEMA_DIR.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"已写入 schemas/{name}")
    if stale:
        for name in stale:
            print(f"schemas/{name} 与模型不一致，请运行 python scripts/gen_schemas.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
