"""formats/json.py: `dumps` writes every number exactly, as the JSON reports need."""

import json
from decimal import Decimal

from effektinvest.formats.json import dumps


def test_json_numbers_are_exact_decimals():
    text = dumps({"a": Decimal("12345678901234567.89"), "b": [Decimal("0.1"), None, "x"], "c": {}})
    assert json.loads(text, parse_float=Decimal) == {
        "a": Decimal("12345678901234567.89"),
        "b": [Decimal("0.1"), None, "x"],
        "c": {},
    }
    assert "12345678901234567.89" in text
