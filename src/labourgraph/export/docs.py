"""HTML documentation of the ontology, rendered by pyLODE: one page in English, one in Indonesian.

pyLODE shows every label it finds, so each page is rendered from a copy of the ontology that
keeps, for every subject and property, only the literals in that page's language (falling
back to the other language, then to untagged text).
"""
from __future__ import annotations

import logging
import re
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
SKIPPED_FILES = {"shapes.ttl", "entities.ttl"}


def ontology_sources(folder: Path | None = None) -> list[Path]:
    """The Turtle files of the ontology folder that define the vocabulary, sorted."""
    from labourgraph.resources import ontology_dir

    folder = Path(folder) if folder else ontology_dir()
    return sorted(p for p in folder.glob("*.ttl") if p.name not in SKIPPED_FILES)


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
    for s, p, o in graph:
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
    graph = load_ontology(sources if sources is not None else ontology_sources())
    pages = {lang: render_page(graph, lang) for lang in LANGUAGES}  # render both before writing either
    return [write_atomically(Path(out_dir) / PAGES[lang], pages[lang]) for lang in sorted(pages, key=PAGES.get)]


__all__ = ["render_docs", "render_page", "in_language", "ontology_sources", "load_ontology", "PAGES"]
