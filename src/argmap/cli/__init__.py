"""The `argmap` command: a thin layer that wires the stages together.

Each subcommand lives in its own module here and is imported only when it runs, so
`argmap --help` stays fast. `COMMANDS` maps a command's name to `module:function`.
"""

from __future__ import annotations

import importlib
import os
import re
import sys

import click

from argmap import __version__

# The format's models are argmap's own, which no pydantic plugin has a use for; looking for
# plugins reads every installed package's metadata, a good part of each command's start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

COMMANDS = {
    "check": "argmap.cli.check:check",
    "rules": "argmap.cli.check:rules",
    "schema": "argmap.cli.init:schema",
    "init": "argmap.cli.init:init",
    "solve": "argmap.cli.solve:solve",
    "evaluate": "argmap.cli.evaluate:evaluate",
    "explain": "argmap.cli.explain:explain",
    "add": "argmap.cli.add:add",
    "remove": "argmap.cli.edit:remove",
    "rename": "argmap.cli.edit:rename",
    "show": "argmap.cli.browse:show",
    "list": "argmap.cli.browse:list_claims",
    "stats": "argmap.cli.browse:stats",
    "diff": "argmap.cli.diff:diff",
    "import": "argmap.cli.interop:import_map",
    "export": "argmap.cli.interop:export_map",
    "lsp": "argmap.cli.lsp:lsp",
    "render": "argmap.cli.render:render",
    "serve": "argmap.cli.serve:serve",
    "doctor": "argmap.cli.doctor:doctor",
    "sources": "argmap.cli.sources:sources",
}


#: The end of a sentence (a full stop, not an ellipsis).
_SENTENCE_END = re.compile(r"(?<!\.)\.(?:\s|$)")


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (the pattern from click's docs)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name].split(":")
        command: click.Command = getattr(importlib.import_module(module), attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with the whole first sentence of its help: click's default cuts it at the width."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            first = ((command.help if command else None) or "").split("\n\n")[0]
            rows.append((name, _SENTENCE_END.split(" ".join(first.split()))[0]))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


START_HERE = """\b
Start here:
  argmap init mymap       write a small map to grow into your own
  argmap check mymap      its problems, each at file:line:col
  argmap render mymap     draw it, into output/ beside mymap
Without PATH, a command uses the map of the current folder (searched upward: map.yaml, or
arguments/map.yaml). Shell completion: see docs/authoring.md."""


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    epilog=START_HERE,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="argmap")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Map a debate as an argument graph, check it, and render it.

    A map is a folder of YAML files (default: arguments/): map.yaml declares authors, sources
    and positions; the other files hold claims and linked arguments.
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


def run() -> None:
    """The `argmap` program: `main`, then a quick exit.

    Once a command has finished and its output is flushed, nothing is left to do but free its
    objects one by one: for a map of 10,000 claims a few hundredths of a second, of 100,000
    claims a quarter of a second. The program keeps the map to the end (`kept_until_exit`) and
    leaves without that; every `with` and `finally` of the command has run by then. (Tests run
    `main` in-process, which frees what it made.) `argmap.__main__.main`, the program's entry,
    has paused the collector for the start-up before this module was imported."""
    from argmap.cli import common

    common.kept_until_exit = []
    try:
        main()
    except SystemExit as done:
        code = done.code
    else:
        code = None
    if not isinstance(code, int | None):
        sys.exit(code)  # a message: Python prints it and exits with status 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe, say: Python's own exit reports it
        sys.exit(code)
    if "logging" in sys.modules:
        import logging

        logging.shutdown()
    os._exit(code or 0)
