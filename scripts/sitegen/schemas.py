"""JSON Schemas for the data files, written from the pydantic models, so editors check as you type.

``scripts/tools/write_schemas.py`` writes them; a test checks the committed ones are current.
To add a schema, add one line to SCHEMAS: file name -> model.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from sitegen import checklists, rules, situations, templates
from sitegen.project import ROOT

SCHEMA_DIR = ROOT / "schemas"

SCHEMAS: dict[str, type[BaseModel]] = {
    "checklist": checklists.Checklist,
    "template": templates.Template,
    "fields": templates.FieldCatalogue,
    "situation": situations.Situation,
    "rules": rules.RuleFile,
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


def write_all() -> list[Path]:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, model in SCHEMAS.items():
        schema_path(name).write_text(schema_text(model), encoding="utf-8")
    return [schema_path(name) for name in SCHEMAS]
