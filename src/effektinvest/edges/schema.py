"""The JSON Schema of the scenario format, generated from the pydantic models, as draft-07.

Draft-07 is what yaml-language-server (VS Code's YAML extension) supports, so
definitions live under "definitions" rather than 2020-12's "$defs".

The schema takes what the loader takes, where a JSON Schema can say it (docs/cli.md, `effektinvest schema`;
tests/acceptance/test_schema_agrees.py holds them to it): text written as a number is text, as the models'
`coerce_numbers_to_str` reads it, and a unit is any spelling `parse_unit` knows.
"""

from __future__ import annotations

import json

from pydantic.json_schema import GenerateJsonSchema

from effektinvest.model import Scenario
from effektinvest.model.units import SPELLINGS

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


class _AsLoaded(GenerateJsonSchema):
    """Pydantic's draft of the models, with text as the models read it: `name: 2024` is the name "2024"."""

    def str_schema(self, schema):
        out = super().str_schema(schema)
        if Scenario.model_config.get("coerce_numbers_to_str"):  # (every model's: model/scenario.py `_FROZEN`)
            out["type"] = ["string", "number"]  # minLength and pattern apply to text only
        return out


def _letter(letter: str, others: dict[str, list[str]]) -> str:
    """A regular expression of the characters that lower-case to LETTER: k is k, K and the Kelvin sign, written
    \\u212a (ECMA and Python regular expressions both read it), as it looks like K."""
    same = [letter, *({letter.upper()} - {letter}), *others.get(letter, ())]
    return "[" + "".join(c if c.isascii() else f"\\u{ord(c):04x}" for c in same) + "]" if len(same) > 1 else letter


def unit_pattern() -> str:
    """Every spelling of a unit `parse_unit` takes: a known one, in any case, with any spaces and dots."""
    others: dict[str, list[str]] = {}
    for c in map(chr, range(0x80, 0x10000)):  # (15 ms)
        if c.lower().isascii() and len(c.lower()) == 1:
            others.setdefault(c.lower(), []).append(c)
    gap = "[ .]*"
    spellings = sorted(gap.join(_letter(c, others) for c in spelling) for spelling in SPELLINGS)
    return f"^{gap}(?:{'|'.join(spellings)}){gap}$"


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
    schema = Scenario.model_json_schema(
        ref_template="#/definitions/{model}", mode="validation", schema_generator=_AsLoaded
    )
    definitions = schema.pop("$defs", {})
    schema = _tidy(schema)
    schema["properties"]["unit"]["pattern"] = unit_pattern()
    return {
        "$schema": DRAFT_07,
        "title": "effektinvest scenario (formats 1 to 1.3)",
        **schema,
        "definitions": _tidy(definitions),
    }


def schema_text() -> str:
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
