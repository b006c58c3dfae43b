"""``labourgraph build``: articles -> validated graph files."""
from __future__ import annotations

from pathlib import Path

import click

from labourgraph.cli import cli
from labourgraph.pipeline import DEFAULT_BUILD_DIR, build


@cli.command("build")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_BUILD_DIR, show_default=True,
              help="Folder for labourgraph.ttl and labourgraph.trig.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: for 10+ articles on a terminal).")
@click.option("--lang", type=click.Choice(["en", "id"]), default="en", show_default=True,
              help="Language of validation messages.")
def build_command(inputs: tuple[Path, ...], out_dir: Path, progress: bool | None, lang: str) -> None:
    """Build the graph from ARTICLE files or folders (default: seeds/).

    Writes OUT/labourgraph.ttl (the whole graph) and OUT/labourgraph.trig (one named graph
    per article), validates them against the SHACL shapes and prints a summary. Output is
    byte-identical for identical input. A graph that does not conform goes to OUT/rejected/
    instead, and the command exits 1; unreadable input exits 2 and writes nothing.
    """
    result = build(list(inputs) or None, out_dir, progress=progress)
    click.echo(result.summary())
    if not result.conforms:
        click.echo(result.report.text(lang=lang), err=True)
        raise SystemExit(1)
