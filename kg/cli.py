"""``sgkg``: the command-line interface.

Each command lives in its own module under ``kg/commands/`` and registers itself on
:data:`app` through a ``register(app)`` function; add a module name to :data:`COMMAND_MODULES`
to add a command.
"""

from __future__ import annotations

import importlib
import logging

import typer

app = typer.Typer(
    name="sgkg",
    help="Knowledge graph of China's 双高计划 vocational colleges, built from their reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES: list[str] = [
    "kg.commands.inspect",
    "kg.commands.build",
    "kg.commands.export",
    "kg.commands.validate",
    "kg.commands.docs",
    "kg.commands.ingest",
    "kg.commands.serve",
    "kg.commands.coverage",
    "kg.commands.audit",
]


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what the loaders skip.")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def run() -> None:
    """The ``sgkg`` program: :data:`app`, free to replace its own process (``sgkg build`` loads the store in a fresh
    interpreter, see :func:`kg.commands.build.finish_in_a_fresh_process`); the app invoked in-process never does."""
    importlib.import_module("kg.commands.build").REPLACE_PROCESS = True
    app()
