"""The click group: common options, the command list, and the error boundary."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path
from typing import Any

import click

from refs import __version__
from refs.cli.cmd_add import add_command
from refs.cli.cmd_check import check_command
from refs.cli.cmd_cite import cite_command
from refs.cli.cmd_dedupe import dedupe_command
from refs.cli.cmd_export import export_command
from refs.cli.cmd_import import import_command
from refs.cli.cmd_list import list_command
from refs.cli.cmd_rekey import rekey_command
from refs.cli.cmd_rename import rename_command
from refs.cli.cmd_render import render_command
from refs.cli.cmd_rm import rm_command
from refs.cli.cmd_search import search_command
from refs.cli.cmd_show import show_command
from refs.cli.cmd_sync import sync_command
from refs.cli.cmd_undo import undo_command
from refs.cli.options import Given
from refs.cli.status import ExitStatus
from refs.errors import RefsError
from refs.settings import DEFAULT_CATALOG, DEFAULT_STORE


class RefsGroup(click.Group):
    """A group whose `invoke` is the one place that turns errors into messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RefsError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(ExitStatus.FAILURE)
        except BrokenPipeError:  # the reader stopped reading (`refs render … | head`): fine
            _silence_stdout()
            ctx.exit(ExitStatus.OK)
        except OSError as error:  # a file we were asked to write or read, e.g. -o in a bad dir
            where = f"{error.filename}: " if error.filename else ""
            click.echo(f"Error: {where}{error.strerror or error}", err=True)
            ctx.exit(ExitStatus.FAILURE)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            # the last resort: input nobody foresaw must not end in a traceback (exit 2, with
            # what failed); REFS_DEBUG=1 shows the traceback, and the tests run with it set
            if os.environ.get("REFS_DEBUG"):
                raise
            name = type(error).__name__
            click.echo(
                f"Error: refs failed unexpectedly: {name}: {error} "
                "(please report it; REFS_DEBUG=1 shows where)",
                err=True,
            )
            ctx.exit(ExitStatus.FAILURE)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@click.group(cls=RefsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="refs")
@click.option(
    "--store",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="REFS_STORE",
    help=f"The BibTeX store (default ./{DEFAULT_STORE}); also $REFS_STORE. May also be given "
    "after the command name, where it wins.",
)
@click.option(
    "--catalog",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="REFS_CATALOG",
    help=f"The catalog of the documents' tables (default ./{DEFAULT_CATALOG}); also "
    "$REFS_CATALOG. May also be given after the command name, where it wins.",
)
@click.pass_context
def main(ctx: click.Context, store: Path | None, catalog: Path | None) -> None:
    """refs: survey READMEs -> a lossless BibTeX store, rendered in any CSL style.

    Example: refs --store references.bib export --format csl-json -o refs.json
    """
    # only what was given here: a --store / --catalog after the command name is parsed later,
    # and the settings are resolved from both when the command runs (`pass_settings`)
    ctx.obj = Given(store=store, catalog=catalog)


main.add_command(add_command)
main.add_command(check_command)
main.add_command(cite_command)
main.add_command(dedupe_command)
main.add_command(export_command)
main.add_command(import_command)
main.add_command(list_command)
main.add_command(render_command)
main.add_command(rename_command)
main.add_command(rekey_command)
main.add_command(rm_command)
main.add_command(search_command)
main.add_command(show_command)
main.add_command(sync_command)
main.add_command(undo_command)
