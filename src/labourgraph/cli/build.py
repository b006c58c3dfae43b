"""``labourgraph build``: articles -> validated graph files."""
from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import click

from labourgraph.cli import cli
from labourgraph.pipeline import build
from labourgraph.publish import DEFAULT_LOCK_TIMEOUT


def lock_timeout_option(command):
    """``--lock-timeout``: how long to wait for another command writing the same build."""
    return click.option("--lock-timeout", type=click.FloatRange(min=0), default=DEFAULT_LOCK_TIMEOUT,
                        show_default=True, metavar="SECONDS",
                        help="Wait this long for another labourgraph command that is writing the "
                             "build folder, then stop with exit 2 (0: do not wait).")(command)


@contextlib.contextmanager
def _streams_as_files(inputs):
    """The inputs, with '-' (an article on standard input) copied to a temporary file named
    like the id ``extract -`` gives it (stdin-<16 hex digits of its SHA-256>.txt)."""
    from labourgraph.cli._io import is_stream, read_stream, source_name
    from labourgraph.cli.extract import stdin_article_id
    from labourgraph.errors import LabourgraphError

    streams = [p for p in inputs if is_stream(p)]
    if not streams:
        yield list(inputs)
        return
    with tempfile.TemporaryDirectory(prefix="labourgraph-") as tmp:
        paths, names = [], {}
        for p in inputs:
            if not is_stream(p):
                paths.append(p)
                continue
            data = read_stream(p, "article")
            path = Path(tmp) / f"{stdin_article_id(data)}.txt"
            path.write_bytes(data)
            names[str(path)] = source_name(p)
            paths.append(path)
        try:
            yield paths
        except LabourgraphError as err:
            err.path = names.get(err.path, err.path)
            raise


@cli.command("build")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for labourgraph.ttl and labourgraph.trig [default: build, or as LABOURGRAPH_HOME "
                   "or labourgraph.toml say].")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: for 10+ articles on a terminal).")
@click.option("--lang", type=click.Choice(["en", "id"]), default="en", show_default=True,
              help="Language of validation messages.")
@lock_timeout_option
def build_command(inputs: tuple[Path, ...], out_dir: Path | None, progress: bool | None, lang: str,
                  lock_timeout: float) -> None:
    """Build the graph from ARTICLE files or folders (default: seeds/, or as LABOURGRAPH_HOME or
    labourgraph.toml say); '-' reads one article from standard input (its id as extract - gives it).

    Writes OUT/labourgraph.ttl (the whole graph) and OUT/labourgraph.trig (one named graph
    per article), validates them against the SHACL shapes and prints a summary. Output is
    byte-identical for identical input. A graph that does not conform goes to OUT/rejected/
    instead, and the command exits 1; unreadable input exits 2 and writes nothing.

    Both files are published together (OUT/current links to the new version), under a lock
    on OUT: a concurrent 'add' or 'build' waits for it (--lock-timeout).
    """
    from labourgraph import config

    places = config.places()
    if not inputs and places.origin != "default":
        inputs = (places.seeds,)
    out_dir = out_dir if out_dir is not None else places.build
    with _streams_as_files(inputs) as paths:
        result = build(list(paths) or None, out_dir, progress=progress, lock_timeout=lock_timeout)
    click.echo(result.summary())
    if not result.conforms:
        click.echo(result.report.text(lang=lang), err=True)
        if result.blamed_additions:
            from labourgraph.additions import additions_dir_for
            folder = additions_dir_for(out_dir)
            names = ", ".join(f"{i} ({folder / f'addition-{i}.trig'})" for i in result.blamed_additions)
            click.echo(f"The violations come from the addition(s) {names}; take one out with "
                       f"'labourgraph additions remove ID --build {out_dir}'.", err=True)
        raise SystemExit(1)
