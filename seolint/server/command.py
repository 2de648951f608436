"""The `seolint server` subcommand, registered on the CLI's app by cli.py.

pygls is an optional dependency (`pip install 'seolint[server]'`): without it the command says
how to install it and exits 2, and `seolint check` never imports it.
"""

from __future__ import annotations

from typing import Annotated

import typer

INSTALL_HINT = "seolint server needs pygls: pip install 'seolint[server]'"


def server(
    stdio: Annotated[bool, typer.Option(
        "--stdio", help="Speak LSP over stdin and stdout (the default and only transport; "
        "accepted because editors pass it).")] = True,
) -> None:
    """Run the language server over stdio, for editors (see docs/editors.md)."""
    try:
        from seolint.server.lsp import run
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        # Said here, not through seolint.cli's helpers: the server sits below the CLI that
        # registers it and never imports it back.
        typer.echo(f"seolint: error: {INSTALL_HINT} (missing: {exc.name})", err=True)
        raise typer.Exit(2) from None  # the CLI's usage/config error code
    run()
