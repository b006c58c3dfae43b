"""``labourgraph queries``, ``query``, ``push`` and ``serve``: SPARQL for people and tools."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

import click

from labourgraph.cli import cli
from labourgraph.cli._io import is_stream, load_data, read_stream, source_name, stdout_is_terminal
from labourgraph.cli._options import FormatName, syntax_option
from labourgraph.errors import LabourgraphError, QueryError
from labourgraph.queries import find_query, load_queries, parse_query_text, with_prologue


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param takes KEY=VALUE, not {item!r}")
        out[key.strip().lstrip("?$")] = value
    return out


def _origin(value: str) -> str:
    """A web origin ``scheme://host[:port]``, as browsers send it in ``Origin``."""
    import urllib.parse
    url = urllib.parse.urlsplit(value.strip())
    if url.scheme not in ("http", "https") or not url.hostname or url.path not in ("", "/") or url.query \
            or url.fragment or url.username or url.password:
        raise click.BadParameter(f"{value!r} is not an origin such as https://example.org or http://localhost:3000",
                                 param_hint="--cors")
    return f"{url.scheme}://{url.netloc.lower()}"


def queries_dir_option(command):
    """``--queries-dir DIR`` (repeatable): folders of .rq files added to the library."""
    return click.option("--queries-dir", "queries_dirs", multiple=True,
                        type=click.Path(path_type=Path, file_okay=False, exists=True), metavar="DIR",
                        help="Folder of .rq files added to the library (repeatable; default: the "
                             "'queries' of labourgraph.toml, and the installed library).")(command)


def library(queries_dirs: tuple[Path, ...] = ()) -> dict:
    """The installed library, then the configured query folders, then --queries-dir (later wins)."""
    from labourgraph.config import query_dirs

    out = dict(load_queries())
    for folder in (*query_dirs(), *queries_dirs):
        if not Path(folder).is_dir():
            raise QueryError("no such query folder", folder)
        out.update(load_queries(folder))
    return out


def lookup_query(ref: str, queries_dirs: tuple[Path, ...] = ()):
    """A query by name in :func:`library`, or a .rq file by path."""
    path = Path(ref)
    if path.suffix == ".rq" or path.is_file():
        return find_query(ref)
    found = library(queries_dirs)
    if ref in found:
        return found[ref]
    close = [n for n in found if ref in n] or sorted(found)[:5]
    raise QueryError(f"no query named {ref!r}; try: {', '.join(close)} (labourgraph queries lists them all)")


@cli.command("queries")
@queries_dir_option
def queries_command(queries_dirs: tuple[Path, ...]) -> None:
    """List the named queries: name, title and parameters (with defaults)."""
    library_ = library(queries_dirs)
    for name, q in library_.items():
        click.echo(f"{name}\n    {q.title}")
        for p in q.params:
            default = f" (default: {p.default})" if p.default is not None else " (default: none)"
            click.echo(f"    --param {p.name}=...  {p.description}{default}")
    click.echo(f"{len(library_)} queries", err=True)


@cli.command("query")
@click.argument("ref", required=False)
@click.option("-e", "--expression", "text", help="Run this SPARQL text instead of a named query or file.")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a parameter: an IRI (<...> or lgr:org-kemnaker), a literal (\"text\"@id, 2025) or text.")
@click.option("--format", "--results", "-f", "fmt", type=FormatName(results=True), default="text",
              show_default=True,
              help="Results format, arq's names: text (a table; alias table), csv, tsv, json, xml. "
                   "CONSTRUCT/DESCRIBE: an RDF format (turtle, nt, jsonld, rdfxml ...; text gives Turtle, "
                   "json JSON-LD, xml RDF/XML).")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Label language of the query's labels (falls back to the other language).")
@click.option("--data", default=None, metavar="PATH",
              help="RDF file, build folder or '-' (standard input) to query (default: the build folder).")
@syntax_option
@queries_dir_option
@click.option("--endpoint", default=None, metavar="URL", help="Run on this SPARQL 1.1 query endpoint instead.")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds to wait for an endpoint.")
@click.option("--show", is_flag=True, help="Print the query with its parameters bound, and do not run it.")
@click.option("--allow-remote", is_flag=True, default=None,
              help="Let a local query call other endpoints with SERVICE (off by default: a local query "
                   "makes no outbound request; the same as labourgraph --allow-remote query ...).")
def query_command(ref: str | None, text: str | None, params: tuple[str, ...], fmt: str, lang: str | None,
                  data: str | None, syntax: str | None, queries_dirs: tuple[Path, ...], endpoint: str | None,
                  timeout: float, show: bool, allow_remote: bool | None) -> None:
    """Run a query: REF is a library name (see `labourgraph queries`), a .rq file, or '-' to
    read the query from standard input; or use -e TEXT.

    Parameters are bound with a VALUES clause, never spliced into the text, and the same
    query runs locally and on --endpoint. Exit 2 on an unknown query, a syntax error or an
    unreachable endpoint.

    Examples: labourgraph query post-holders-over-time; labourgraph query - < q.rq;
    labourgraph export -f nt | labourgraph query --data - --syntax nt -e 'ASK { ?s ?p ?o }'
    """
    if (ref is None) == (text is None):
        raise click.UsageError("give a query NAME or FILE, or -e TEXT (one of them)")
    added = 0
    source = "-e"
    if ref is not None and is_stream(ref):
        if data is not None and is_stream(data) and source_name(data) == source_name(ref):
            raise click.UsageError("the query and --data cannot both come from standard input")
        raw = read_stream(ref, "query")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise QueryError("the query is not UTF-8 text", source_name(ref)) from None
        source = "stdin" if source_name(ref) == "<stdin>" else source_name(ref)
    if text is not None:
        full = with_prologue(text)
        added = full.count("\n") - text.count("\n")
        query = parse_query_text(full, source)
    else:
        query = lookup_query(ref, queries_dirs)
    values = _params(params)
    _check_lang(values, lang, query)
    bound = query.bind(values, lang=lang)
    if show:
        click.echo(bound)
        return
    try:
        if endpoint:
            from labourgraph.remote import Endpoint
            result = Endpoint(endpoint, timeout=timeout).query(bound, source=query.source)
        else:
            from labourgraph.progress import stage
            from labourgraph.queries import run_local
            sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))   # the SERVICE check's parser recurses
            with stage("loading the graph"):
                graph = load_data(data, syntax)
            with stage("querying"):
                result = run_local(graph, bound, source=query.source, allow_remote=allow_remote or None)
    except QueryError as err:
        from labourgraph.queries import explain_syntax_error
        explained = explain_syntax_error(err, query.text, bound, added)
        if explained is not err:
            raise explained from None
        if added and err.line is not None and err.line > added:
            err.line -= added       # point at the line as the user typed it
        raise
    out = _serialize(result, fmt)
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    if result.kind == "solutions" and fmt == "text":
        click.echo(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}", err=True)


def _configured_queries() -> bool:
    from labourgraph.config import query_dirs
    return bool(query_dirs())


#: the languages labourgraph's labels and messages are written in
LANGUAGES = ("en", "id")


def _check_lang(values: dict[str, str], lang: str | None, query) -> None:
    """-p lang=xx must be a language the labels are in, and agree with --lang."""
    if "lang" not in values:
        return
    given = values["lang"].strip()
    code = re.sub(r'^"(.*)"(?:\^\^\S+)?$', r"\1", given).strip().lower()
    if code not in LANGUAGES:
        raise QueryError(f"-p lang={given}: labourgraph's labels are in {', '.join(LANGUAGES)} only; "
                         f"use -p lang=en or -p lang=id (or --lang)", query.source)
    if lang is not None and lang != code:
        raise QueryError(f"-p lang={given} and --lang {lang} disagree; give the language once", query.source)
    values["lang"] = code


def _serialize(result, fmt: str) -> bytes:
    """The result in ``fmt``: a results format for rows and booleans, an RDF format for triples."""
    from labourgraph import formats

    if result.kind == "graph":
        rdf = formats.find_rdf_format({"text": "turtle", "json": "jsonld", "csv": "turtle",
                                       "tsv": "turtle"}.get(fmt, fmt))
        return formats.serialize_triples(result.triples, rdf)
    if formats.find_result_format(fmt) is None:
        raise QueryError(f"{fmt} is an RDF format, for CONSTRUCT and DESCRIBE; a SELECT or ASK result is "
                         f"written as {formats.result_names()}")
    if fmt == "text":
        # a terminal gets a table that fits it; a pipe or file every cell whole
        width = shutil.get_terminal_size().columns if stdout_is_terminal() else None
        return result.table(max_width=width).encode("utf-8")
    return result.serialize(fmt)


@cli.command("push")
@click.option("--endpoint", "store_url", default=None, metavar="URL",
              help="SPARQL 1.1 Graph Store Protocol URL (Oxigraph: http://host:7878/store; Fuseki: http://host:3030/DS/data).")
@click.option("--update", "update_url", default=None, metavar="URL",
              help="SPARQL 1.1 Update URL, for stores without the Graph Store Protocol.")
@click.option("--data", default=None, metavar="PATH",
              help="RDF file, build folder or '-' (standard input) to push (default: the build folder).")
@syntax_option
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds to wait per request.")
@click.option("--resume", is_flag=True,
              help="After a push that failed partway: send only the graphs it did not replace (the build "
                   "must be the same).")
@click.option("--lock-timeout", type=click.FloatRange(min=0), default=120.0, show_default=True, metavar="SECONDS",
              help="Wait this long for a command writing the build folder before reading it.")
def push_command(store_url: str | None, update_url: str | None, data: str | None, syntax: str | None,
                 timeout: float, resume: bool, lock_timeout: float) -> None:
    """Load the built graph into a triple store, named graphs kept.

    Pushing again replaces what the last push put there (each graph is replaced whole). A
    push is not one transaction: if a request fails partway, the error names the graphs
    already replaced, and pushing again, or with --resume, is safe.
    """
    if (store_url is None) == (update_url is None):
        raise click.UsageError("give --endpoint URL (Graph Store Protocol) or --update URL (SPARQL Update)")
    from labourgraph.pipeline import built_graph_path, load_built_graph
    from labourgraph.progress import stage
    from labourgraph.publish import build_lock
    from labourgraph.remote import PartialPush, push_graph_store, push_update
    state_file = None
    if data is not None and (is_stream(data) or syntax):
        if resume:
            raise click.UsageError("--resume needs a build folder or file, not standard input or --syntax")
        with stage("loading the graph"):
            graph = load_data(data, syntax)
        version = None
    else:
        from labourgraph.config import build_dir
        folder = Path(data) if data is not None else build_dir()
        if not folder.is_dir():
            folder = folder.parent
        with build_lock(folder, shared=True, timeout=lock_timeout), stage("loading the graph"):
            source = built_graph_path(data if data is not None else folder)
            version = hashlib.sha1(source.read_bytes()).hexdigest()
            graph = load_built_graph(source)
        state_file = folder / ".push-state.json"
    url = store_url or update_url
    done = _resume_state(state_file, url, version) if resume else None
    try:
        with stage(f"pushing to {url}"):
            if store_url:
                sent = push_graph_store(graph, store_url, timeout=timeout, resume_from=done)
            else:
                requests = push_update(graph, update_url, timeout=timeout, resume_from=done)
    except PartialPush as err:
        if state_file is not None:
            _save_state(state_file, url, version, err.replaced)
        raise
    if state_file is not None:
        state_file.unlink(missing_ok=True)
    skipped = f" ({len(done)} already replaced by the earlier push)" if done else ""
    if store_url:
        click.echo(f"pushed {sum(sent.values())} triples in {len(sent) - 1} named graphs and the default graph "
                   f"to {store_url}{skipped}")
    else:
        click.echo(f"pushed {len(graph.named_graphs())} named graphs and the default graph to {update_url} "
                   f"in {requests} update requests{skipped}")


def _resume_state(state_file: Path, url: str, version: str) -> list:
    """The graphs the failed push of this build to ``url`` replaced (see ``push --resume``)."""
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise LabourgraphError("nothing to resume: no push of this build failed partway", state_file) from None
    if state.get("url") != url or state.get("build") != version:
        raise LabourgraphError("nothing to resume: the push that failed was of another build or to another URL "
                               f"({state.get('url')}); push without --resume", state_file)
    return state.get("replaced", [])


def _save_state(state_file: Path, url: str, version: str, replaced: list) -> None:
    try:
        from labourgraph.store import write_atomically
        write_atomically(state_file, json.dumps({"url": url, "build": version, "replaced": replaced}, indent=1))
    except (LabourgraphError, OSError):
        pass            # --resume is a convenience: pushing again from the start is safe


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port (0 picks a free one).")
@click.option("--data", default=None, metavar="PATH",
              help="RDF file, build folder or '-' (standard input) to serve (default: the build folder).")
@syntax_option
@queries_dir_option
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              help="Seconds a query may run; past them it is stopped.")
@click.option("--limit", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Most rows (or triples) returned.")
@click.option("--workers", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Query worker processes: how many queries run at once.")
@click.option("--max-memory", "memory_mb", type=click.IntRange(0), default=512, show_default=True, metavar="MB",
              help="Memory a query may use, in MB, on top of its worker's graph (0: no bound).")
@click.option("--cors", default=None, metavar="ORIGIN",
              help="Let web pages of this one origin (e.g. https://example.org) read the answers; off by default.")
@click.option("--idle-timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds a connection may stay silent before it is closed.")
@click.option("--max-connections", type=click.IntRange(1), default=64, show_default=True,
              help="Connections served at once; more get 503.")
@click.option("--verbose", is_flag=True, help="Log every request.")
def serve_command(host: str, port: int, data: str | None, syntax: str | None, queries_dirs: tuple[Path, ...],
                  timeout: float, limit: int, workers: int, memory_mb: int, cors: str | None, idle_timeout: float,
                  max_connections: int, verbose: bool) -> None:
    """Serve the built graph: a read-only SPARQL 1.1 endpoint at /sparql and a query page at /.

    Queries run in worker processes: one past --timeout is stopped, one past --max-memory
    stops in its worker; SERVICE and updates are refused (docs/sparql.md).
    """
    from labourgraph.progress import stage
    from labourgraph.server import make_server
    if cors is not None:
        cors = _origin(cors)
    with stage("loading the graph"):
        graph = load_data(data, syntax)
    try:
        server = make_server(graph, host=host, port=port, timeout=timeout, limit=limit, verbose=verbose,
                             workers=workers, memory_mb=memory_mb or None, cors=cors, idle_timeout=idle_timeout,
                             max_connections=max_connections)
        if queries_dirs or _configured_queries():
            server.RequestHandlerClass.app.library = library(queries_dirs)
    except OSError as err:
        raise LabourgraphError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    bound_host, bound_port = server.server_address[:2]
    click.echo(f"labourgraph SPARQL endpoint: http://{bound_host}:{bound_port}/sparql "
               f"(page: http://{bound_host}:{bound_port}/); Ctrl-C stops", err=True)
    sys.stderr.flush()

    def stop(signum, frame):
        raise KeyboardInterrupt      # SIGTERM stops the server (and its workers) like Ctrl-C

    import signal
    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
