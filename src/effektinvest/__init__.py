"""effektinvest: financing calculator for municipal social impact investments."""

__version__ = "0.1.0"


def main() -> None:
    """The console script. `--version` is answered before the CLI framework is imported."""
    import sys

    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"effektinvest {__version__}\n")
        return
    from effektinvest.cli import main as cli_main

    cli_main()
