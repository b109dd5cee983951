"""The `argmap` command: a thin layer that wires the stages together.

Each subcommand lives in its own module here and is imported only when it runs, so
`argmap --help` stays fast. `COMMANDS` maps a command's name to `module:function`.
"""

from __future__ import annotations

import importlib

import click

from argmap import __version__

COMMANDS = {
    "check": "argmap.cli.check:check",
    "rules": "argmap.cli.check:rules",
    "schema": "argmap.cli.init:schema",
    "init": "argmap.cli.init:init",
    "solve": "argmap.cli.solve:solve",
    "evaluate": "argmap.cli.evaluate:evaluate",
    "explain": "argmap.cli.explain:explain",
    "add": "argmap.cli.add:add",
    "show": "argmap.cli.browse:show",
    "list": "argmap.cli.browse:list_claims",
    "stats": "argmap.cli.browse:stats",
    "diff": "argmap.cli.diff:diff",
    "import": "argmap.cli.interop:import_map",
    "export": "argmap.cli.interop:export_map",
    "render": "argmap.cli.render:render",
    "doctor": "argmap.cli.doctor:doctor",
    "sources": "argmap.cli.sources:sources",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (the pattern from click's docs)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def main() -> None:
    """Map a debate as an argument graph, check it, and render it.

    A map is a folder of YAML files (default: arguments/): map.yaml declares authors, sources
    and positions; the other files hold claims and linked arguments.
    """
