"""``labourgraph validate`` and ``labourgraph add``: check data against the shapes, and add it."""
from __future__ import annotations

from pathlib import Path

import click

from labourgraph import additions, validation
from labourgraph.cli import cli
from labourgraph.cli.build import lock_timeout_option
from labourgraph.cli._io import as_files, is_stream, source_name
from labourgraph.cli._options import FormatName, syntax_option
from labourgraph.pipeline import DEFAULT_BUILD_DIR, built_graph_path


def shape_options(command):
    """``--shapes``, ``--lang`` and ``--inference``, shared by ``validate`` and ``add``."""
    for option in reversed([
        click.option("--shapes", type=click.Path(path_type=Path, dir_okay=False),
                     help="SHACL shapes file (default: labourgraph's ontology/shapes.ttl)."),
        click.option("--lang", type=click.Choice(validation.LANGUAGES), default="en", show_default=True,
                     help="Language of messages and labels (Indonesian: id)."),
        click.option("--inference", type=click.Choice(validation.INFERENCE_MODES),
                     default=validation.DEFAULT_INFERENCE, show_default=True,
                     help="subclass: ontology subclasses count for their superclasses; rdfs/owlrl: "
                          "full entailment, which can hide a wrong type; none: the data alone."),
    ]):
        command = option(command)
    return command


@cli.command("validate")
@click.argument("data", nargs=-1)
@syntax_option
@shape_options
@click.option("--format", "-f", "fmt", type=FormatName(extra=("text", "json")), default="text", show_default=True,
              help="text for people; json, or the standard SHACL report graph in an RDF format "
                   "(turtle, nt, jsonld, rdfxml ...), for programs.")
@click.option("--engine", type=click.Choice(validation.ENGINES), default="turbo", show_default=True,
              help="turbo (pyshacl-turbo: pySHACL's results, faster) or pyshacl (the reference).")
@click.option("--build", "build_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Check DATA in the context of this build folder, as 'labourgraph add --dry-run' does: "
                   "DATA may refer to what the build holds, and only the results DATA introduces count.")
def validate_command(data: tuple[str, ...], syntax: str | None, shapes: Path | None, lang: str, inference: str,
                     fmt: str, engine: str, build_dir: Path | None) -> None:
    """Check DATA files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD) against the shapes.

    DATA may be a build folder (its labourgraph.trig) or '-' for standard input (give its
    format with --syntax, or let it be sniffed); without DATA, the local build.

    All graphs of all files are validated as one union (named graphs included), with the
    ontology and reference entities of ontology/ as context. The text report groups the
    violations by shape and gives each focus node's label, file and line.

    Exit codes: 0 conforms; 1 violations; 2 unreadable input.

    With --build DIR, DATA is checked together with DIR's labourgraph.trig and the verdict is
    the one 'labourgraph add --dry-run --build DIR' gives (the same code): a reference to a
    person or meeting of the build is fine, and the build's own results are not reported.

    Examples: labourgraph validate my-meeting.ttl --lang id;
    labourgraph extract article.txt -f turtle | labourgraph validate -
    """
    from labourgraph import config
    from labourgraph.progress import stage

    if build_dir is not None:
        with as_files(data, syntax) as (files, names), stage("validating"):
            _validate_in_build(tuple(files), build_dir, shapes, lang, inference, fmt, names)
        return
    paths = [p if is_stream(p) else built_graph_path(p) if Path(p).is_dir() else Path(p) for p in data]
    if not paths:
        configured = config.build_dir()
        paths = [built_graph_path(configured if configured != DEFAULT_BUILD_DIR else None)]
    with as_files(paths, syntax) as (files, names), stage("validating"):
        report = validation.validate_files(files, shapes, inference=inference, lang=lang, engine=engine)
    if names:
        report = _renamed(report, names)
    if fmt == "json":
        click.echo(report.to_json(), nl=False)
    elif fmt == "turtle":
        click.echo(report.turtle(), nl=False)
    elif fmt == "text":
        click.echo(report.text(), nl=False)
    else:
        _write_report_graph(report, fmt)
    if not report.conforms:
        raise SystemExit(1)


def _write_report_graph(report, fmt: str) -> None:
    """The standard SHACL report graph in the RDF format ``fmt``."""
    import sys

    from labourgraph.formats import serialize
    from labourgraph.store import KnowledgeGraph
    kg = KnowledgeGraph()
    kg.add_rdflib(report.graph)
    sys.stdout.buffer.write(serialize(kg, fmt))


def _validate_in_build(data: tuple[Path, ...], build_dir: Path, shapes: Path | None, lang: str, inference: str,
                       fmt: str, names: dict[str, str] | None = None) -> None:
    if not data:
        raise click.UsageError("--build needs the DATA files to check")
    names = names or {}
    report, result = validation.validate_in_build(list(data), build_dir, shapes, inference=inference, lang=lang)
    if names:
        report = _renamed(report, names)
    if fmt == "json":
        click.echo(report.to_json(), nl=False)
    elif fmt == "turtle":
        click.echo(report.turtle(), nl=False)
    elif fmt != "text":
        _write_report_graph(report, fmt)
    else:
        click.echo(f"Validated {', '.join(names.get(str(d), str(d)) for d in data)} in the context of {build_dir / 'labourgraph.trig'} "
                   f"({result.existing_triples} triples); only what the data introduces is reported; "
                   f"shapes {report.shapes}; inference {report.inference}")
        for a in result.already_present:
            click.echo(f"{names.get(str(a.source), a.source)}: already in the graph as {_curie(a.graph_iri)}.")
        click.echo(report.summary())
        click.echo(report.body(), nl=False)
    if not report.conforms:
        raise SystemExit(1)


@cli.command("add")
@click.argument("data", nargs=-1, required=True)
@syntax_option
@click.option("--build", "build_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Build folder holding labourgraph.trig and labourgraph.ttl [default: build, or as "
                   "LABOURGRAPH_HOME or labourgraph.toml say].")
@click.option("--additions", "additions_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where additions are kept (default: additions/ beside the build folder, or as "
                   "labourgraph.toml says).")
@click.option("--force", is_flag=True, help="Merge even if the data introduces violations.")
@click.option("--dry-run", is_flag=True, help="Validate only; change nothing.")
@click.option("--by", help="Who adds the data (default: $USER).")
@click.option("--when", help="Date of the addition, YYYY-MM-DD (default: today, UTC).")
@shape_options
@lock_timeout_option
def add_command(data: tuple[str, ...], syntax: str | None, build_dir: Path | None, additions_dir: Path | None,
                force: bool, dry_run: bool, by: str | None, when: str | None, shapes: Path | None, lang: str,
                inference: str, lock_timeout: float) -> None:
    """Add DATA files to the built graph if they conform to the shapes.

    The data is validated together with the build; only the violations it introduces are
    reported. If there are none (or with --force) each file is merged as its own named graph
    lgr:graph-addition-<sha1>, with provenance (who, which file, when), kept in additions/
    so that 'labourgraph build' includes it again. A rejected add changes nothing.

    Exit codes: 0 merged (or nothing to do); 1 rejected, nothing changed; 2 unreadable input.

    DATA may be '-' for standard input (its format from --syntax, or sniffed; kept as stdin.ttl).

    Example: labourgraph add corrections.ttl --by alice
    """
    from labourgraph import config
    from labourgraph.progress import stage

    where = config.places()
    if build_dir is None:
        build_dir = where.build
    if additions_dir is None and build_dir == where.build:
        additions_dir = where.additions      # else additions/ beside the --build folder
    with as_files(data, syntax) as (files, names), stage("adding: validating with the build"):
        result = additions.add(list(files), build_dir, force=force, additions_dir=additions_dir, by=by, when=when,
                               shapes=shapes, inference=inference, lang=lang, dry_run=dry_run,
                               lock_timeout=lock_timeout)
    report = result.report
    click.echo(f"Checked {', '.join(source_name(d) for d in data)} with {build_dir / 'labourgraph.trig'} "
               f"({result.existing_triples} triples); inference {report.inference}.")
    for a in result.already_present:
        click.echo(f"{names.get(str(a.source), a.source)}: already in the graph as {_curie(a.graph_iri)}; skipped.")
    for path in result.repaired:
        click.echo(f"Repaired {path}: it did not hold the same triples as the .trig (an interrupted older write).")
    if result.new_results:
        n = len(result.new_violations)
        click.echo(f"The new data introduces {n} violation{'s' if n != 1 else ''}"
                   + (f" and {len(result.new_results) - n} other result(s)" if len(result.new_results) > n else "")
                   + ":")
        click.echo(_results_text(_renamed_results(result.new_results, names)), nl=False)
    else:
        click.echo("The new data introduces no violation.")
    if result.resolved:
        click.echo(f"It resolves {len(result.resolved)} existing result(s).")
    if result.merged:
        verb = "Merged despite the violations (--force)" if result.new_violations else "Merged"
        for a in result.additions:
            click.echo(f"{verb}: {names.get(str(a.source), a.source)} as {_curie(a.graph_iri)} ({a.triples} triples).")
        click.echo("Wrote " + ", ".join(map(str, result.written)) + ".")
    elif dry_run:
        would = "be rejected" if result.additions and not result.conforms else "merge"
        click.echo(f"Dry run: nothing changed (without --dry-run it would {would}).")
        if would != "merge":
            raise SystemExit(1)
    elif result.additions and not result.conforms:
        click.echo("Rejected: nothing changed (use --force to merge anyway).")
        raise SystemExit(1)


def _renamed_results(results, names: dict[str, str]) -> list:
    from dataclasses import replace

    return [replace(r, source_file=names.get(r.source_file, r.source_file)) for r in results]


def _renamed(report, names: dict[str, str]):
    """The report with temporary copies of streams named as the user knows them (<stdin>)."""
    from dataclasses import replace

    return replace(report, results=_renamed_results(report.results, names),
                   files=[names.get(f, f) for f in report.files])


def _results_text(results) -> str:
    """The results grouped by shape, as in the validate report."""
    return validation.ValidationReport(conforms=False, results=list(results), graph=None).body()


def _curie(iri: str) -> str:
    return validation.curie(iri)
