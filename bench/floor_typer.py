"""The price of the framework: a minimal Typer app with effektinvest's dependencies that loads a scenario
file and prints a 10-row Rich table. `effektinvest gap scenarios/2024.yaml` is measured against it."""

import typer
import yaml
from rich.console import Console
from rich.table import Table

app = typer.Typer(pretty_exceptions_enable=False, add_completion=False)


@app.command()
def gap(path: str) -> None:
    with open(path, "rb") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    table = Table(title=str(data.get("scenario")))
    for column in ("", "2024", "2025", "I alt"):
        table.add_column(column)
    for i in range(10):
        table.add_row(f"row {i}", "1,00", "2,00", "3,00")
    Console().print(table)


if __name__ == "__main__":
    app()
