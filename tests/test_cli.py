"""The ``sgkg`` program: every command where :data:`kg.cli.COMMANDS` says, and only the asked command imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from kg.cli import COMMAND_MODULES, COMMANDS, make_app, requested_command

ROOT = Path(__file__).resolve().parents[1]


def _commands(modules: list[str]) -> set[str]:
    return set(get_command(make_app(modules)).commands)  # type: ignore[attr-defined]


def test_each_module_registers_the_commands_the_table_names_for_it() -> None:
    for module in COMMAND_MODULES:
        assert _commands([module]) == {name for name, owner in COMMANDS.items() if owner == module}, module
    assert _commands(COMMAND_MODULES) == set(COMMANDS)


@pytest.mark.parametrize(("arguments", "command"), [
    (["serve", "--port", "8001"], "serve"),
    (["-v", "build", "--reports", "x"], "build"),
    (["--help"], None),
    (["nosuch"], None),
    ([], None),
])
def test_the_command_asked_for_is_the_first_argument_that_is_not_an_option(arguments: list[str],
                                                                           command: str | None) -> None:
    assert requested_command(arguments) == command


def _modules_after(arguments: list[str]) -> tuple[int, str, set[str]]:
    code = ("import atexit, sys; atexit.register(lambda: print('MODULES', *sorted(sys.modules), file=sys.stderr)); "
            f"sys.argv = ['sgkg', *{arguments!r}]; from kg.cli import run; run()")
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    modules = next(line for line in ran.stderr.splitlines() if line.startswith("MODULES")).split()[1:]
    return ran.returncode, ran.stdout, set(modules)


def test_sgkg_serve_imports_none_of_the_builds_modules() -> None:
    """``sgkg serve`` imported every command's module, the build's (the loaders, the pipeline, pySHACL) with them:
    about a second of the server's start."""
    code, output, modules = _modules_after(["serve", "--help"])
    assert code == 0 and "--port" in output
    assert {m for m in modules if m.startswith("kg.commands.")} == {"kg.commands.serve"}
    assert not {"kg.pipeline", "loaders", "pyshacl"} & modules


def test_the_programs_help_and_its_unknown_command_error_list_every_command() -> None:
    code, output, _ = _modules_after(["--help"])
    assert code == 0 and all(name in output for name in COMMANDS)
    code, _, modules = _modules_after(["nosuch"])
    assert code == 2 and set(COMMAND_MODULES) <= modules
