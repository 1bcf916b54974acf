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
    # one shell: the script is loaded once, then asked three times (one line of answers each)
    script = (
        'eval "$(effektinvest --show-completion; true)"; '
        'ask() { COMP_WORDS=(effektinvest $1); COMP_CWORD=$2; _effektinvest_completion effektinvest; '
        'echo "${COMPREPLY[@]}"; }; '
        'ask g 1; ask "check --s" 2; ask "gap --form" 2'  # --fo: --format and --force
    )
    answers = [line.split() for line in shell("bash", script).splitlines()]
    assert answers == [["gap"], ["--strict"], ["--format"]]


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


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed (.ci/run installs it)")
def test_the_zsh_recipe_works_on_a_fresh_account(tmp_path):
    # docs/cli.md: `zsh -c 'effektinvest --install-completion; true'` with an empty home, then a new zsh
    home = {**ENV, "HOME": str(tmp_path), "ZDOTDIR": str(tmp_path)}
    subprocess.run(["zsh", "-c", "effektinvest --install-completion; true"], env=home, check=True, capture_output=True)
    assert (tmp_path / ".zfunc" / "_effektinvest").is_file()
    new_shell = subprocess.run(
        ["zsh", "-ic", "print -r -- ${_comps[effektinvest]}"], env=home, capture_output=True, text=True, timeout=60
    )
    assert new_shell.stdout.strip() == "_effektinvest"
