"""The ``labourgraph`` command line: a thin shell over the library.

Each sub-command lives in its own module of this package and registers itself on
:data:`cli`. Library errors (:class:`labourgraph.errors.LabourgraphError`) become one line on
stderr, ``Error: <file>:<line>:<col>: <message>``, and the error's exit code.

Exit codes: 0 success; 1 the data does not conform to the shapes (``build``, ``validate``,
``add``); 2 bad input (unreadable article or RDF, unknown query, query syntax error,
unreachable endpoint, bad option); 3 an internal error (``--debug`` shows the traceback).

Global options (before the command): ``-v``/``-vv`` say what is done, ``-q`` only errors (no
progress bars), ``--debug`` the traceback of an error.
"""
from __future__ import annotations

import sys
from importlib import import_module

import click

from labourgraph import __version__
from labourgraph.errors import LabourgraphError


#: The modules of this package that define sub-commands, and the commands each defines.
#: A module is imported when one of its commands runs (or the list of commands is needed),
#: so that `labourgraph query` does not pay for importing networkx, spaCy and pySHACL.
_MODULES = {
    "additions": ("additions",),
    "analyse": ("analyse", "report"),
    "build": ("build",),
    "evaluate": ("evaluate",),
    "export": ("export", "docs"),
    "extract": ("extract",),
    "query": ("queries", "query", "push", "serve"),
    "validate": ("validate", "add"),
}


class _LazyCommands(dict):
    """The group's commands, which imports the module of a command on first use."""

    _loaded: set[str]

    def _load(self, module: str) -> None:
        if module not in self._loaded:
            self._loaded.add(module)
            import_module(f"labourgraph.cli.{module}")

    def _load_all(self) -> None:
        for module in _MODULES:
            self._load(module)

    def get(self, name, default=None):
        if not dict.__contains__(self, name):
            owner = next((m for m, names in _MODULES.items() if name in names), None)
            self._load(owner) if owner else self._load_all()
        return dict.get(self, name, default)

    def __getitem__(self, name):
        value = self.get(name, self)
        if value is self:
            raise KeyError(name)
        return value

    def __contains__(self, name):
        return self.get(name) is not None

    def __iter__(self):
        self._load_all()
        return dict.__iter__(self)

    def __len__(self):
        self._load_all()
        return dict.__len__(self)

    def keys(self):
        self._load_all()
        return dict.keys(self)

    def values(self):
        self._load_all()
        return dict.values(self)

    def items(self):
        self._load_all()
        return dict.items(self)


_state = {"debug": False}


class _Group(click.Group):
    """A click group that turns errors into one line and an exit code (``--debug``: the traceback)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        commands = _LazyCommands(self.commands)
        commands._loaded = set()
        self.commands = commands

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """A bad top-level option is one line too (``labourgraph`` alone still shows the help)."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as err:
            if "--debug" in args or type(err).__name__ == "NoArgsIsHelpError":
                raise
            click.echo(f"Error: {' '.join(err.format_message().split())} (see 'labourgraph --help')", err=True)
            ctx.exit(err.exit_code)

    def invoke(self, ctx: click.Context):
        from labourgraph.cli._io import reset_stdin

        reset_stdin()
        _state["debug"] = False
        try:
            return super().invoke(ctx)
        except LabourgraphError as err:
            if _state["debug"]:
                raise
            click.echo(f"Error: {err}", err=True)
            context = getattr(err, "context", None)
            if context:
                click.echo(context, err=True)
            ctx.exit(err.exit_code)
        except click.UsageError as err:
            if _state["debug"]:
                raise
            where = err.ctx.command_path if err.ctx is not None else "labourgraph"
            click.echo(f"Error: {' '.join(err.format_message().split())} (see '{where} --help')", err=True)
            ctx.exit(err.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # the reader went away (`labourgraph export | head`): not an error
            import os
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except OSError as err:      # a path that cannot be read or written: the user's to fix, not a bug
            if _state["debug"]:
                raise
            where = err.filename or "labourgraph"
            click.echo(f"Error: {where}: {err.strerror or err}", err=True)
            ctx.exit(2)
        except Exception as err:  # noqa: BLE001 - a bug: still one line unless --debug
            if _state["debug"]:
                raise
            message = " ".join(str(err).split())
            click.echo(f"Error: internal error: {type(err).__name__}: {message} "
                       "(run 'labourgraph --debug ...' for the traceback)", err=True)
            ctx.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="labourgraph")
@click.option("--allow-remote", is_flag=True,
              help="Let local commands reach other hosts: a query's SERVICE, a JSON-LD file's remote @context. "
                   "Off by default.")
@click.option("-v", "--verbose", "verbosity", count=True,
              help="Say what is being done (-vv: debug messages).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors: no progress bars, no notes.")
@click.option("--debug", is_flag=True, help="Show the traceback of an error (and debug messages).")
def cli(allow_remote: bool, verbosity: int, quiet: bool, debug: bool) -> None:
    """Build, validate, query and export a knowledge graph of ASEAN labour cooperation.

    Exit codes: 0 success; 1 the graph or data does not conform to the SHACL shapes;
    2 bad input (unreadable file, unknown query, syntax error, unreachable endpoint);
    3 an internal error (a bug: --debug shows its traceback).

    Every file argument takes '-' for standard input (RDF: with --syntax, or sniffed) and
    every output file '-' for standard output.
    """
    from labourgraph import outbound
    from labourgraph.progress import configure_logging

    outbound.allow(allow_remote)
    click.get_current_context().call_on_close(lambda: outbound.allow(False))   # "no" again after the command
    _state["debug"] = debug
    configure_logging(verbosity, quiet, debug)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="labourgraph")


# Sub-commands register themselves on `cli` when their module is imported, one module per
# stage, which `cli.commands` does on first use (see _MODULES).

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
