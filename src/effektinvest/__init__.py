"""effektinvest: financing calculator for municipal social impact investments."""

__version__ = "0.1.0"


def main() -> None:
    """The console script. `--version` is answered before the CLI framework is imported, with the same care for
    its streams as every command (`streams.guard`, `streams.finish`): a full disk or a closed standard output
    is exit 2 and one line, a reader that has gone is no error, never a traceback."""
    import os
    import sys

    if sys.argv[1:] == ["--version"]:
        from effektinvest.edges.streams import EXIT_WRITE, cannot_write, finish, guard, quiet_stdout

        guard()
        code = 0
        try:
            sys.stdout.write(f"effektinvest {__version__}\n")
        except BrokenPipeError:
            quiet_stdout()
        except OSError as exc:
            quiet_stdout()
            cannot_write(exc)
            code = EXIT_WRITE
        os._exit(finish(code))
    from effektinvest.cli import main as cli_main

    cli_main()
