"""The JSON Schema: generated from the model, committed for editors, and true of the shipped scenarios."""

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, invoke
from effektinvest.edges.load import load_path
from effektinvest.edges.schema import scenario_schema
from effektinvest.formats.json import dumps
from effektinvest.reader import read

COMMITTED = ROOT / "schema" / "scenario.schema.json"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def as_json(path: Path):
    """The file's data as an editor's YAML server sees it: JSON numbers, string keys."""
    return json.loads(dumps(read(path.read_bytes(), str(path)).data))


def test_committed_schema_equals_the_generated_one():
    printed = invoke("schema")
    assert printed.returncode == 0
    assert printed.stdout == COMMITTED.read_text(encoding="utf-8"), "run: effektinvest schema > " + str(COMMITTED)


def test_schema_is_draft_07_with_descriptions_and_no_extra_keys():
    schema = scenario_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    objects = [schema, *schema["definitions"].values()]
    for obj in objects:
        assert obj["additionalProperties"] is False
        for key, prop in obj["properties"].items():
            assert prop.get("description"), key


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_shipped_scenarios_validate_against_the_schema(path):
    data = as_json(path)
    jsonschema.Draft7Validator(json.loads(COMMITTED.read_text(encoding="utf-8"))).validate(data)
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/scenario.schema.json\n"
    )
    assert load_path(str(path)).diagnostics == []


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (lambda d: d.update(extra=1), "Additional properties"),
        (lambda d: d["projects"]["havnen"].update(cots={}), "Additional properties"),
        (lambda d: d.pop("budget_year"), "required"),
        (lambda d: d["financing"][0].update(share=d["financing"][0].pop("amount") and 60), "is not valid"),
        (lambda d: d["financing"][0].update(share="10%"), "is valid under each of"),  # two kinds
        (lambda d: d["financing"][0].update(cap=5), "'tariff' is a dependency of 'cap'"),
        (lambda d: d["financing"][0].update(share="+150%") or d["financing"][0].pop("amount"), "is not valid"),
    ],
)
def test_schema_rejects_what_the_model_rejects(mutation, message):
    data = as_json(ROOT / "scenarios" / "2024.yaml")
    mutation(data)
    with pytest.raises(jsonschema.ValidationError, match=message):
        jsonschema.Draft7Validator(scenario_schema()).validate(data)


# --- the schema and the loader agree, on every file the tests hold -------------------------------------------------

# Codes of problems a JSON Schema can see (a value's type, range or form, a key unknown or missing): where the
# loader reports one of them, the schema must reject the file too.
SCHEMA_CODES = {
    "unknown-key",
    "wrong-type",
    "invalid-year",
    "invalid-value",
    "negative-amount",
    "share-range",
    "share-percent",
    "not-a-number",
    "not-a-share",
    "invalid-count",
    "realisation-range",
    "amount-or-share",  # exactly one kind per line: the schema's oneOf and dependencies
    "missing-amount",  # an empty value, `amount: {}`, `outcomes: {}`: minProperties, and no null
}
FILES = sorted(
    [*(ROOT / "tests" / "corpus").glob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml"), *SCENARIOS]
)


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_the_schema_and_the_loader_agree(path):
    from effektinvest.edges.load import load_bytes

    result = read(path.read_bytes(), str(path))
    if result.data is None or result.diagnostics:
        return  # not data the schema could be asked about (YAML that does not parse, tags, duplicates, ...)
    try:
        data = json.loads(dumps(result.data))
    except ValueError:  # a number of thousands of digits, which no JSON reader takes
        return
    schema_errors = list(jsonschema.Draft7Validator(scenario_schema()).iter_errors(data))
    loaded = load_bytes(path.read_bytes(), str(path))
    if not loaded.errors:
        assert schema_errors == [], [e.message for e in schema_errors]  # what the loader accepts, the schema does
    if {d.code for d in loaded.errors} & SCHEMA_CODES:
        assert schema_errors, [(d.code, d.message) for d in loaded.errors]  # and rejects what it can see


def test_a_quoted_year_is_a_year_to_both():
    data = as_json(ROOT / "scenarios" / "2024.yaml")
    data["budget_year"] = "2025"
    data["price_level"] = "2024"
    jsonschema.Draft7Validator(scenario_schema()).validate(data)
    data["budget_year"] = "2025 "
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(scenario_schema()).validate(data)
