"""`argmap lsp`: the language server, for editors."""

from __future__ import annotations

import click

from argmap.cli.common import UsageProblem


@click.command()
def lsp() -> None:
    """Run the language server on standard input and output: check's diagnostics as you type,
    go to definition, references, completion, hover and rename of ids. See docs/authoring.md
    for VS Code, Neovim and Helix."""
    try:
        from argmap.lsp import create_server
    except ImportError as exc:
        raise UsageProblem(
            f"argmap lsp needs the `lsp` extra ({exc.name} is missing): pip install 'argmap[lsp]'"
        ) from None
    from argmap import collector

    server = create_server()
    collector.end_start_up()  # it runs for long: its garbage is collected
    server.start_io()
