"""HTML documentation of the ontology, rendered by pyLODE: one page in English, one in Indonesian.

pyLODE shows every label it finds, so each page is rendered from a copy of the ontology that
keeps, for every subject and property, only the literals in that page's language (falling
back to the other language, then to untagged text).

pyLODE lists terms in the order of rdflib's in-memory sets, which follows Python's string
hashing; so the pages are rendered in a child process with ``PYTHONHASHSEED=0``, which makes
them byte-identical from run to run.
"""
from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import rdflib
from rdflib import Literal
from rdflib.namespace import OWL, RDF

from labourgraph.errors import ExportError
from labourgraph.export.view import LANGUAGES
from labourgraph.namespaces import bind_prefixes
from labourgraph.store import write_atomically

#: page file name per language
PAGES = {"en": "index.html", "id": "id.html"}
_SWITCH = {"en": "Bahasa Indonesia", "id": "English"}
#: files of ontology/ that are data or checks, not the vocabulary
SKIPPED_FILES = {"shapes.ttl", "entities.ttl", "schemes.ttl"}


def ontology_sources(folder: Path | None = None) -> list[Path]:
    """The Turtle files of the ontology folder that declare an ``owl:Ontology``, sorted.

    The SKOS schemes, reference entities and shapes are left out: merged in, pyLODE would
    read the schemes' titles as the ontology's.
    """
    import pyoxigraph as ox

    from labourgraph.resources import ontology_dir

    folder = Path(folder) if folder else ontology_dir()
    found = []
    for path in sorted(folder.glob("*.ttl")):
        if path.name in SKIPPED_FILES:
            continue
        try:
            store = ox.Store()
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        except (SyntaxError, OSError):
            found.append(path)  # let load_ontology report the error with its place
            continue
        if store.query(f"ASK {{ ?o a <{OWL.Ontology}> }}"):
            found.append(path)
    return found


def load_ontology(paths: list[Path]) -> rdflib.Graph:
    """The union of ``paths`` as one rdflib graph; errors name the file, line and column."""
    from labourgraph.store import KnowledgeGraph

    if not paths:
        raise ExportError("no ontology files to document")
    return KnowledgeGraph.from_files(*paths).to_rdflib(union=True)


def in_language(graph: rdflib.Graph, lang: str) -> rdflib.Graph:
    """A copy of ``graph`` keeping, per subject and property, only the literals in ``lang``
    (else the other language, else untagged ones)."""
    order = [lang, *[code for code in LANGUAGES if code != lang], None]
    out = bind_prefixes(rdflib.Graph())
    groups: dict[tuple, list] = {}
    for s, p, o in sorted(graph, key=lambda t: tuple(term.n3() for term in t)):
        if isinstance(o, Literal) and o.language:
            groups.setdefault((s, p), []).append(o)
        else:
            out.add((s, p, o))
    for (s, p), literals in groups.items():
        untagged = [o for o in graph.objects(s, p) if isinstance(o, Literal) and not o.language]
        for code in order:
            chosen = [o for o in literals if o.language == code] if code else []
            if chosen:
                break
        else:
            chosen = [] if untagged else literals
        for o in chosen:
            out.add((s, p, o))
    return out


def render_page(graph: rdflib.Graph, lang: str) -> str:
    """One pyLODE page for ``graph`` in language ``lang``."""
    try:
        from pylode import OntPub
    except ImportError as err:  # pragma: no cover - pylode is a dependency
        raise ExportError(f"pyLODE is not available: {err}") from None
    if (None, RDF.type, OWL.Ontology) not in graph:
        raise ExportError("the ontology files declare no owl:Ontology, so there is nothing to document")
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)  # pyLODE logs its progress on the root logger
    try:
        html = OntPub(ontology=in_language(graph, lang)).make_html()
    except Exception as err:  # pyLODE raises many kinds
        raise ExportError(f"pyLODE could not render the ontology: {' '.join(str(err).split())}") from None
    finally:
        root.setLevel(level)
    other = next(code for code in LANGUAGES if code != lang)
    switch = (f'<p style="text-align:right;margin:.5em 1em"><a href="{PAGES[other]}" hreflang="{other}">'
              f"{_SWITCH[lang]}</a></p>")
    html = re.sub(r"<html([^>]*)>", lambda m: f'<html lang="{lang}"' + re.sub(r'\slang="[^"]*"', "", m.group(1)) + ">",
                  html, count=1)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + switch, html, count=1)


def render_docs(out_dir: str | Path, sources: list[Path] | None = None) -> list[Path]:
    """Write the English and Indonesian pages to ``out_dir``; returns their paths."""
    sources = sources if sources is not None else ontology_sources()
    if os.environ.get("PYTHONHASHSEED") != "0":
        return _render_in_child(out_dir, sources)
    graph = load_ontology(sources)
    pages = {lang: render_page(graph, lang) for lang in LANGUAGES}  # render both before writing either
    return [write_atomically(Path(out_dir) / PAGES[lang], pages[lang]) for lang in sorted(pages, key=PAGES.get)]


def _render_in_child(out_dir: str | Path, sources: list[Path]) -> list[Path]:
    """Run :func:`render_docs` in a child Python with a fixed string hash seed."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, "-m", "labourgraph.export.docs", str(out_dir), *map(str, sources)],
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        message = lines[-1] if lines else f"exit code {done.returncode}"
        raise ExportError(message.removeprefix("Error: ")) from None
    return [Path(line) for line in done.stdout.splitlines() if line.strip()]


def _main(argv: list[str]) -> int:
    from labourgraph.errors import LabourgraphError

    try:
        for path in render_docs(argv[0], [Path(a) for a in argv[1:]]):
            print(path)
    except LabourgraphError as err:
        print(f"Error: {err}", file=sys.stderr)
        return err.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))


__all__ = ["render_docs", "render_page", "in_language", "ontology_sources", "load_ontology", "PAGES"]
