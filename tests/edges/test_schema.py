"""The JSON Schema: generated from the model, committed for editors, and true of the shipped scenarios. That it
agrees with `check` on every file the tests hold: acceptance/test_schema_agrees.py."""

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


def test_a_quoted_year_is_a_year_to_both():
    data = as_json(ROOT / "scenarios" / "2024.yaml")
    data["budget_year"] = "2025"
    data["price_level"] = "2024"
    jsonschema.Draft7Validator(scenario_schema()).validate(data)
    data["budget_year"] = "2025 "
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(scenario_schema()).validate(data)


@pytest.mark.parametrize(
    ("key", "value"),
    [("scenario", 10.35), ("scenario", 2024), ("unit", "Mio. Kr."), ("unit", "1.000 kr."), ("unit", "DKK")],
)
def test_the_schema_takes_what_the_loader_takes(key, value):
    data = as_json(ROOT / "scenarios" / "2024.yaml")
    data[key] = value
    jsonschema.Draft7Validator(scenario_schema()).validate(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(unit="mia. kr."), "does not match"),
        (lambda d: d.update(scenario=True), "is not of type"),
        (lambda d: d["projects"]["havnen"].pop("costs"), "'costs' is a required property"),
        (lambda d: d["projects"]["havnen"].update(costs={}), "should be non-empty|does not have enough"),
        (lambda d: d["projects"]["dialog_mod_vold"].pop("decide_at"), "'decide_at' is a required property"),
        (lambda d: d["financing"][0].update(projects=["a", "a"]), "non-unique elements"),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(change, message):
    data = as_json(ROOT / "scenarios" / "2024.yaml")
    change(data)
    with pytest.raises(jsonschema.ValidationError, match=message):
        jsonschema.Draft7Validator(scenario_schema()).validate(data)


def test_a_repayment_paid_by_no_pocket_is_refused_by_the_schema_as_by_check():
    """`by: {}` adds up to 0 %: `repay-shares` to check, too few properties to an editor."""
    data = as_json(ROOT / "scenarios" / "tilbagebetaling.yaml")
    lines = [line for project in data["projects"].values() for line in project.get("financing", [])]
    repay = next(line["repay"] for line in lines if "repay" in line)
    jsonschema.Draft7Validator(json.loads(COMMITTED.read_text(encoding="utf-8"))).validate(data)
    repay["by"] = {}
    with pytest.raises(jsonschema.ValidationError) as refused:
        jsonschema.Draft7Validator(json.loads(COMMITTED.read_text(encoding="utf-8"))).validate(data)
    assert refused.value.validator == "minProperties"
    assert list(refused.value.absolute_path)[-2:] == ["repay", "by"]
