"""The ``labourgraph`` command line: a thin shell over the library.

Each sub-command lives in its own module of this package and registers itself on
:data:`cli`. Library errors (:class:`labourgraph.errors.LabourgraphError`) become one line on
stderr, ``Error: <file>:<line>:<col>: <message>``, and the error's exit code.

Exit codes: 0 success; 1 the data does not conform to the shapes (``build``, ``validate``,
``add``); 2 bad input (unreadable article or RDF, unknown query, query syntax error,
unreachable endpoint, bad option).
"""
from __future__ import annotations

import sys

import click

from labourgraph import __version__
from labourgraph.errors import LabourgraphError


class _Group(click.Group):
    """A click group that turns library errors into one line and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except LabourgraphError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(err.exit_code)
        except BrokenPipeError:
            raise
        except OSError as err:      # a path that cannot be read or written: the user's to fix, not a bug
            where = err.filename or "labourgraph"
            click.echo(f"Error: {where}: {err.strerror or err}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="labourgraph")
@click.option("--allow-remote", is_flag=True,
              help="Let local commands reach other hosts: a query's SERVICE, a JSON-LD file's remote @context. "
                   "Off by default.")
def cli(allow_remote: bool) -> None:
    """Build, validate, query and export a knowledge graph of ASEAN labour cooperation.

    Exit codes: 0 success; 1 the graph or data does not conform to the SHACL shapes;
    2 bad input (unreadable file, unknown query, syntax error, unreachable endpoint).
    """
    from labourgraph import outbound
    outbound.allow(allow_remote)
    click.get_current_context().call_on_close(lambda: outbound.allow(False))   # "no" again after the command


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="labourgraph")


# Sub-commands register themselves on `cli` when imported, one module per stage.
from labourgraph.cli import additions, analyse, build, evaluate, export, extract, query, validate  # noqa: E402,F401

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
