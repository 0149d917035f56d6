"""``sgkg``: the command-line interface.

Each command lives in its own module under ``kg/commands/`` and registers itself on the app
through a ``register(app)`` function; add the command's name and its module to :data:`COMMANDS`
to add a command. :data:`app` has every command. The ``sgkg`` program (:func:`run`) imports only
the module of the command it is asked for: ``sgkg serve`` need not import the build's modules (the
loaders, the pipeline, pySHACL: about a second of its start).
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import typer

COMMANDS: dict[str, str] = {  # command -> the module that registers it
    "inspect": "kg.commands.inspect",
    "build": "kg.commands.build",
    "export": "kg.commands.export",
    "validate": "kg.commands.validate",
    "docs": "kg.commands.docs",
    "ingest": "kg.commands.ingest",
    "remove": "kg.commands.ingest",
    "serve": "kg.commands.serve",
    "coverage": "kg.commands.coverage",
    "audit": "kg.commands.audit",
}
COMMAND_MODULES: list[str] = list(dict.fromkeys(COMMANDS.values()))


def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what the loaders skip.")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def make_app(modules: list[str] = COMMAND_MODULES) -> typer.Typer:
    """The ``sgkg`` app with the commands of ``modules`` (all of them by default)."""
    made = typer.Typer(
        name="sgkg",
        help="Knowledge graph of China's 双高计划 vocational colleges, built from their reports.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    made.callback()(main)
    for module in modules:
        importlib.import_module(module).register(made)
    return made


def __getattr__(name: str) -> Any:  # ``app`` is made on first use, so that run() can do without it
    if name == "app":
        globals()["app"] = made = make_app()
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def requested_command(arguments: list[str]) -> str | None:
    """The command ``arguments`` name (the first that is not an option), when it is one of :data:`COMMANDS`."""
    first = next((argument for argument in arguments if not argument.startswith("-")), None)
    return first if first in COMMANDS else None


def run() -> None:
    """The ``sgkg`` program: an app with the requested command only (every command for ``--help`` or a name it
    does not know, so that the help and the error list them all), free to replace its own process (``sgkg build``
    writes the store in a fresh interpreter, see :func:`kg.outputs.finish_in_a_fresh_process`); the app invoked
    in-process never does."""
    command = requested_command(sys.argv[1:])
    program = make_app([COMMANDS[command]]) if command else make_app()
    if (build := sys.modules.get("kg.commands.build")) is not None:
        build.REPLACE_PROCESS = True
    program()
