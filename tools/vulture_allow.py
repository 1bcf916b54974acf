"""Names that vulture (dead-code finder, run by .ci/run) cannot see used, each with why it is used.

Run: .venv/bin/vulture src tools bench --min-confidence 60 (this file is in tools/, so it is read).
"""
# ruff: noqa: B018, F821

_root  # cli/app.py: the Typer callback that carries --version; Typer calls it
version  # cli/app.py: the --version option's parameter; its callback acts on it
_.width  # streams.py: Rich reads Console.width when it prints
init  # cli/files.py: a Typer command, called by Typer
ctx  # cli/app.py: typer's signature for display_type_rich, which the help overrides take
_.display_type_rich  # cli/app.py: typer calls it when it prints help
_._usage_display_name  # cli/app.py: typer calls it for the usage line
_._rich_display_name  # cli/app.py: typer calls it for the arguments panel
on_broken_pipe  # streams.py: Rich calls it when the reader of standard output has gone
_.reads  # locator.py: how many times a file was read again for its marks; read by tests/test_load.py
model_config  # model/scenario.py: pydantic reads each model's config
note  # model/scenario.py: a field of the format, validated by pydantic (free text, never computed with)
STOP  # model/values.py: a status of the format; chosen by name in scenario files
DECENTRAL  # model/values.py: the source kinds of the format; chosen by name in scenario files
NON_DECENTRAL
FUND
REFUND
EXTERNAL
