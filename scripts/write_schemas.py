"""Write the JSON Schemas in schemas/ from the pydantic models, so editors check data files as you type.

Usage: python scripts/write_schemas.py          (rewrite schemas/*.schema.json)
       python scripts/write_schemas.py --check  (exit 1 if a committed schema is out of date)
To add a schema, add one line to SCHEMAS: file name -> model.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import BaseModel

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen import checklists, templates  # noqa: E402  (needs the line above when run as a script)

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = ROOT / "schemas"

SCHEMAS: dict[str, type[BaseModel]] = {
    "checklist": checklists.Checklist,
    "template": templates.Template,
    "fields": templates.FieldCatalogue,
}


def schema_text(model: type[BaseModel]) -> str:
    """The schema file's exact text: stable key order and a final newline, so diffs stay small."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def stale() -> list[Path]:
    """Committed schema files that differ from what the models generate now."""
    return [
        schema_path(name)
        for name, model in SCHEMAS.items()
        if not schema_path(name).exists() or schema_path(name).read_text(encoding="utf-8") != schema_text(model)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if a schema is out of date")
    args = parser.parse_args(argv)
    if args.check:
        for path in stale():
            print(f"{path.relative_to(ROOT)} is out of date: run python scripts/write_schemas.py", file=sys.stderr)
        return 1 if stale() else 0
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, model in SCHEMAS.items():
        schema_path(name).write_text(schema_text(model), encoding="utf-8")
        print(f"wrote {schema_path(name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
