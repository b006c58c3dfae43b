"""``labourgraph additions list|remove``: see the additions and take one back out."""
from __future__ import annotations

from pathlib import Path

import click

from labourgraph.cli import cli
from labourgraph.cli.build import lock_timeout_option
from labourgraph.pipeline import DEFAULT_BUILD_DIR

_build = click.option("--build", "build_dir", type=click.Path(path_type=Path, file_okay=False),
                      default=DEFAULT_BUILD_DIR, show_default=True, help="Build folder.")
_folder = click.option("--additions", "additions_dir", type=click.Path(path_type=Path, file_okay=False),
                       help="Where additions are kept (default: additions/ beside the build folder).")


@cli.group("additions")
def additions_group() -> None:
    """The data merged with 'labourgraph add': list it, or take an addition back out."""


@additions_group.command("list")
@_build
@_folder
def list_command(build_dir: Path, additions_dir: Path | None) -> None:
    """One line per addition: id, date, who, triples, source file, and where it is.

    'kept' means its file is in additions/ (the next build merges it); 'in build' that the
    published build holds it.
    """
    from labourgraph.additions import list_additions

    found = list_additions(build_dir, additions_dir)
    for a in found:
        where = " and ".join(w for w, on in (("kept", a.path is not None), ("in build", a.in_build)) if on)
        click.echo(f"{a.id}  {a.when or '?':10}  {a.by or '?'}  {a.triples} triples  {a.source or '?'}  ({where})")
    click.echo(f"{len(found)} addition{'s' if len(found) != 1 else ''}", err=True)


@additions_group.command("remove")
@click.argument("ident", metavar="ID")
@_build
@_folder
@click.option("--shapes", type=click.Path(path_type=Path, dir_okay=False),
              help="SHACL shapes to check the republished build with (default: the project's).")
@lock_timeout_option
def remove_command(ident: str, build_dir: Path, additions_dir: Path | None, shapes: Path | None,
                   lock_timeout: float) -> None:
    """Take the addition ID (or a unique prefix of at least 4 characters) back out.

    The build is republished without the addition's named graph and its file is deleted
    from additions/, so the next build does not bring it back. Exit 1 if the build still
    does not conform to the shapes afterwards (it is published all the same).
    """
    from labourgraph.additions import remove_addition

    result = remove_addition(ident, build_dir, additions_dir, lock_timeout=lock_timeout, shapes=shapes)
    a = result.addition
    click.echo(f"Removed addition {a.id} ({a.source or 'unknown file'}, {a.triples} triples).")
    if result.written:
        click.echo("Republished " + ", ".join(map(str, result.written)) + " without it.")
    for path in result.removed:
        click.echo(f"Deleted {path}.")
    if result.report is not None and not result.report.conforms:
        click.echo(f"The build still does not conform to the shapes ({len(result.report.results)} results); "
                   f"run 'labourgraph validate {build_dir}'.", err=True)
        raise SystemExit(1)
