"""Shell completion (typer's --install-completion / --show-completion) works for bash and zsh."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = str(Path(sys.executable).parent)
ENV = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}


def shell(name: str, script: str) -> str:
    # `; true` keeps the shell as the parent process, so typer detects it
    result = subprocess.run([name, "-c", script + "; true"], capture_output=True, text=True, env=ENV, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bash_completes_commands_and_options():
    script = 'eval "$(effektinvest --show-completion; true)"; COMP_WORDS=(effektinvest {words}); COMP_CWORD={n}; ' \
        '_effektinvest_completion effektinvest; echo "${{COMPREPLY[@]}}"'
    assert shell("bash", script.format(words="g", n=1)).split() == ["gap"]
    assert shell("bash", script.format(words="check --s", n=2)).split() == ["--strict"]
    assert shell("bash", script.format(words="gap --fo", n=2)).split() == ["--format"]


def test_zsh_backend_answers():
    env = {**ENV, "_EFFEKTINVEST_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "effektinvest gap --fa"}
    out = subprocess.run([os.path.join(BIN, "effektinvest")], capture_output=True, text=True, env=env).stdout
    assert "--fail-on-gap" in out and "_arguments" in out


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed (.ci/run installs it)")
def test_zsh_script_loads_and_defines_the_completer():
    script = shell("zsh", "effektinvest --show-completion")
    assert script.startswith("#compdef effektinvest")
    defined = shell("zsh", 'autoload -U compinit; compinit -u; eval "$(effektinvest --show-completion; true)"; '
                           "print -r -- ${+functions[_effektinvest_completion]}")
    assert defined.strip() == "1"
