"""Reading the ontology's reference data into plain records (the one place that does).

The extraction modules (mentions, events, themes, ...) read no RDF: they call the readers
installed with :func:`labourgraph.gazetteer.use_reader`. This module is those readers, with
rdflib; ``labourgraph/__init__.py`` installs them.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Graph
from rdflib.namespace import SKOS

from labourgraph.errors import RdfSyntaxError
from labourgraph.gazetteer import CLASS_TYPES, KIND_TYPES, Reference
from labourgraph.namespaces import LG, LGC, LGR, ORG, SCHEMA


def read_references(files) -> list[Reference]:
    """The reference entities of Turtle ``files`` as plain records."""
    if not files:
        return []
    graph = Graph()
    for f in files:
        try:
            graph.parse(f, format="turtle")
        except Exception as err:  # rdflib raises several parser error types
            raise RdfSyntaxError(f"cannot parse reference entities: {err}", f) from None
    prefix = str(LGR)

    def key_of(node) -> str | None:
        text = str(node)
        return text[len(prefix):] if text.startswith(prefix) else None

    refs = []
    for subject in sorted(set(graph.subjects(SKOS.prefLabel, None)), key=str):
        key = key_of(subject)
        if not key:
            continue
        classes = sorted(str(c) for c in graph.objects(subject, RDF.type))
        ctype = KIND_TYPES.get(key.split("-", 1)[0])
        if ctype is None:
            for c in classes:
                local = c.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                if local in CLASS_TYPES:
                    ctype = CLASS_TYPES[local]
                    break
        if ctype is None:
            continue
        prefs = sorted(graph.objects(subject, SKOS.prefLabel), key=lambda l: (l.language != "id", l.language or "", str(l)))
        alts = sorted({str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                       for o in graph.objects(subject, p)})
        country = None
        for prop in (LG.country, SCHEMA.containedInPlace, SCHEMA.addressCountry):
            for o in sorted(graph.objects(subject, prop), key=str):
                k = key_of(o)
                if k and k.startswith("country-"):
                    country = k
                    break
            if country:
                break
        parent = None       # only units (org:unitOf): a sub-organisation is a body of its own
        for o in sorted(graph.objects(subject, ORG.unitOf), key=str):
            if key_of(o):
                parent = key_of(o)
                break
        refs.append(Reference(key=key, type=ctype, label=str(prefs[0]), labels=alts, country=country,
                              parent=parent, classes=classes, prefs=sorted({str(p) for p in prefs})))
    return refs


def series_notations(path: Path) -> dict[str, str]:
    """``skos:notation`` of the series (``series-...``) in the Turtle file ``path``."""
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception:  # a broken file is reported by the gazetteer loader
        return {}
    out = {}
    for s, o in g.subject_objects(SKOS.notation):
        key = str(s)[len(str(LGR)):] if str(s).startswith(str(LGR)) else None
        if key and key.startswith("series-"):
            out[key] = str(o)
    return out


def theme_concepts(file: Path) -> tuple:
    """The concepts of ``lgc:themes`` in the Turtle file ``file``."""
    from labourgraph.themes import Concept

    g = Graph()
    try:
        g.parse(file, format="turtle")
    except Exception as err:  # rdflib raises several parser error types
        raise RdfSyntaxError(f"cannot parse the theme scheme: {err}", file) from None
    scheme = LGC.themes
    out = []
    for concept in sorted(set(g.subjects(SKOS.inScheme, scheme)), key=str):
        key = str(concept)[len(str(LGC)):]
        en = [str(o) for o in g.objects(concept, SKOS.prefLabel) if o.language == "en"]
        if not en:
            continue
        labels = sorted({str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                         for o in g.objects(concept, p)})
        broader = next((str(b)[len(str(LGC)):] for b in sorted(g.objects(concept, SKOS.broader), key=str)), None)
        out.append(Concept(key, en[0], tuple(labels), broader))
    return tuple(out)


def install() -> None:
    """Install these readers for the extraction modules."""
    from labourgraph.gazetteer import use_reader

    use_reader("references", read_references)
    use_reader("series_notations", series_notations)
    use_reader("theme_concepts", theme_concepts)
