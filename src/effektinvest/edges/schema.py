"""The JSON Schema of the scenario format, generated from the pydantic models, as draft-07.

Draft-07 is what yaml-language-server (VS Code's YAML extension) supports, so
definitions live under "definitions" rather than 2020-12's "$defs".
"""

from __future__ import annotations

from effektinvest.model import Scenario

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _tidy(node):
    """Drop pydantic's auto-titles and null defaults, which mean nothing to an editor."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "title" and isinstance(value, str):
                continue
            if key == "default" and value in (None, (), []):
                continue
            out[key] = _tidy(value)
        return out
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    return node


def scenario_schema() -> dict:
    schema = Scenario.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = schema.pop("$defs", {})
    schema = _tidy(schema)
    return {
        "$schema": DRAFT_07,
        "title": "effektinvest scenario (formats 1 to 1.2)",
        **schema,
        "definitions": _tidy(definitions),
    }


def schema_text() -> str:
    import json

    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
