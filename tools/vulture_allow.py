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
_.data_type  # render/xlsx.py: openpyxl's cell attributes, read when it writes the workbook
_.font
_._value  # render/xlsx.py: the exact digits of a number cell, written by openpyxl
_.creator  # render/xlsx.py: the workbook's properties, written by openpyxl
_.grouping  # render/xlsx.py: the chart's settings, written by openpyxl
_.overlap
_.numFmt
_.delete
_.paperSize  # formats/workbook.py: the sheet's page setup and print titles, written by openpyxl
_.fitToWidth
_.fitToHeight
_.pageSetUpPr
_.print_title_rows
_.reads  # locator.py: how many times a file was read again for its marks; read by tests/test_load.py
model_config  # model/scenario.py: pydantic reads each model's config
note  # model/scenario.py: a field of the format, validated by pydantic (free text, never computed with)
STOP  # model/values.py: a status of the format; chosen by name in scenario files
DECENTRAL  # model/values.py: the source kinds of the format; chosen by name in scenario files
NON_DECENTRAL
FUND
REFUND
EXTERNAL
_.justify  # render/table.py `savings`: a Rich column's alignment, read by Rich when it renders the table
_.no_wrap  # reports/followup/table.py: a Rich column's wrapping, read by Rich when it renders the table
net  # savings.py `Pocket`, `Column`: NamedTuple fields, read by name through `_asdict` and `getattr` (JSON, rows)
municipal_savings
_.author  # formats/docx.py: python-docx's document, section, paragraph and table properties, written to the XML
_.top_margin
_.bottom_margin
_.alignment
_.right_indent
_.autofit
_.orientation
_.space_after
