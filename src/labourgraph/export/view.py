"""The property-graph view of the knowledge graph, shared by the GraphML, GEXF, HTML and SVG exports.

RDF is turned into something Gephi, Cytoscape and yEd open well:

* one node per entity (persons, organisations, countries, places, meetings, series,
  programmes, documents, event themes) and per theme concept (``lgc:theme-*``) that some
  node links to; literals become node attributes, never nodes;
* one edge per relation between two nodes, labelled with the property's label and IRI;
* the n-ary facts (``lg:PostHolding``, ``lg:Participation``, ``lg:Priority``,
  ``lg:Chairmanship``) become direct edges carrying their attributes (role, mode, period) in
  the ``compact`` view (replacing the ``lg:prioritises`` shortcut they duplicate), and stay
  nodes (with posts, roles and periods) in the ``full`` view;
* provenance (articles, spans, selectors, mentions, statements, activities) is left out
  unless asked for.

Everything is sorted, so the same graph always gives the same view.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import networkx as nx
import pyoxigraph as ox

from labourgraph.namespaces import (DCAT, DCTERMS, FOAF, LG, LGC, LGR, OA, ORG, PREFIXES, PROV, RDF, RDFS,
                                    SCHEMA, SKOS, TIME)

LANGUAGES = ("id", "en")
VIEWS = ("compact", "full")


@dataclass(frozen=True)
class ExportOptions:
    """How an export looks: label language, compact or full view, provenance or not."""

    lang: str = "en"
    view: str = "compact"
    with_provenance: bool = False


# -- what a node is ---------------------------------------------------------------------

# (type name, classes, IRI kind prefix under lgr:), most specific first.
ENTITY_KINDS: list[tuple[str, tuple[str, ...], str]] = [
    ("Person", (SCHEMA.Person, FOAF.Person), "person-"),
    ("Country", (LG.Country, SCHEMA.Country), "country-"),
    ("Organization", (ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit), "org-"),
    ("Meeting", (LG.Meeting,), "meeting-"),
    ("MeetingSeries", (LG.MeetingSeries,), "series-"),
    ("Programme", (LG.Programme, LG.WorkProgramme), "programme-"),
    ("Document", (LG.Document, LG.Declaration, LG.Guideline, LG.Agreement, LG.Framework), "document-"),
    ("EventTheme", (LG.EventTheme,), "eventtheme-"),
    ("Place", (SCHEMA.Place, SCHEMA.City, SCHEMA.AdministrativeArea), "place-"),
]
FACT_KINDS: list[tuple[str, tuple[str, ...], str]] = [
    ("PostHolding", (LG.PostHolding,), "holding-"),
    ("Participation", (LG.Participation,), "participation-"),
    ("Priority", (LG.Priority,), "priority-"),
    ("Chairmanship", (LG.Chairmanship,), "chairmanship-"),
    ("Post", (ORG.Post,), "post-"),
    ("Role", (ORG.Role,), "role-"),
    ("Period", (DCTERMS.PeriodOfTime, TIME.ProperInterval), "period-"),
]
PROVENANCE_KINDS: list[tuple[str, tuple[str, ...], str]] = [
    ("Article", (SCHEMA.NewsArticle,), "article-"),
    ("Selector", (OA.TextPositionSelector, OA.TextQuoteSelector), "\0"),
    ("Span", (OA.SpecificResource,), "span-"),
    ("Mention", (OA.Annotation,), "mention-"),
    ("Statement", (RDF.Statement,), "statement-"),
    ("Activity", (PROV.Activity,), "extraction-"),
    ("Agent", (PROV.SoftwareAgent, PROV.Agent), "agent-"),
]
THEME_PREFIX = str(LGC) + "theme-"
ENTITY_TYPES = tuple(k for k, _, _ in ENTITY_KINDS) + ("Theme",)
PROVENANCE_TYPES = tuple(k for k, _, _ in PROVENANCE_KINDS)

#: n-ary fact class -> (property to the edge's source, property to its target, edge label en, id)
NARY: dict[str, tuple[str, str, str, str]] = {
    "PostHolding": (ORG.member, ORG.organization, "holds post in", "menjabat di"),
    "Participation": (LG.participant, LG.event, "takes part in", "berpartisipasi dalam"),
    "Priority": (LG.actor, LG.theme, "prioritises", "memprioritaskan"),
    "Chairmanship": (ORG.member, ORG.organization, "chairs", "mengetuai"),
}
#: n-ary fact class -> the binary shortcut property the graph also states for it (docs/model.md)
SHORTCUTS: dict[str, str] = {"Priority": str(LG.prioritises)}
NARY_CLASS = {name: str(classes[0]) for name, classes, _ in FACT_KINDS if name in NARY}

#: properties that say where a fact came from (left out unless provenance is asked for)
PROVENANCE_PROPERTIES = {str(p) for p in (PROV.wasDerivedFrom, PROV.wasGeneratedBy, LG.extractionRule,
                                           LG.confidence, PROV.used, PROV.wasAssociatedWith)}
LABEL_PROPERTIES = [str(p) for p in (SKOS.prefLabel, RDFS.label, SCHEMA.name, FOAF.name)]
OTHER_LABEL_PROPERTIES = [str(p) for p in (SKOS.altLabel, SCHEMA.headline, OA.exact, DCTERMS.identifier)]
RDF_TYPE = str(RDF.type)

#: colour (hex) and size hint by node type, so a tool shows something meaningful on first open.
#: Every type has its own colour, and any two differ clearly (CIELAB distance above 15; tested).
STYLE: dict[str, tuple[str, float]] = {
    "Person": ("#e15759", 20.0), "Organization": ("#4e79a7", 30.0), "Country": ("#59a14f", 40.0),
    "Place": ("#76b7b2", 20.0), "Meeting": ("#f28e2b", 35.0), "MeetingSeries": ("#edc948", 30.0),
    "Programme": ("#b07aa1", 25.0), "Document": ("#9c755f", 25.0), "EventTheme": ("#ff9da7", 15.0),
    "Theme": ("#17becf", 20.0),
    "PostHolding": ("#c5b0d5", 10.0), "Participation": ("#ffbb78", 10.0), "Priority": ("#98df8a", 10.0),
    "Chairmanship": ("#6b6ecf", 10.0), "Post": ("#8c6d31", 10.0), "Role": ("#bcbd22", 10.0),
    "Period": ("#7f7f7f", 10.0),
    "Article": ("#393b79", 15.0), "Span": ("#c7c7c7", 5.0), "Selector": ("#e7cb94", 3.0),
    "Mention": ("#dbdb8d", 5.0), "Statement": ("#637939", 5.0), "Activity": ("#843c39", 5.0),
    "Agent": ("#000000", 5.0),
}

#: English and Indonesian labels of reused properties, for when neither the data nor the ontology has one
REUSED_LABELS: dict[str, tuple[str, str]] = {str(p): labels for p, labels in {
    SCHEMA.location: ("location", "lokasi"),
    SCHEMA.containedInPlace: ("located in", "terletak di"),
    SCHEMA.superEvent: ("edition of", "edisi dari"),
    SCHEMA.organizer: ("organiser", "penyelenggara"),
    SCHEMA.publisher: ("publisher", "penerbit"),
    SCHEMA.author: ("author", "penulis"),
    SCHEMA.eventAttendanceMode: ("attendance mode", "cara kehadiran"),
    ORG.unitOf: ("unit of", "unit dari"),
    ORG.memberOf: ("member of", "anggota dari"),
    ORG.subOrganizationOf: ("sub-organisation of", "sub-organisasi dari"),
    ORG.hasSubOrganization: ("has sub-organisation", "memiliki sub-organisasi"),
    ORG.member: ("member", "anggota"),
    ORG.organization: ("organisation", "organisasi"),
    ORG.role: ("role", "peran"),
    ORG.memberDuring: ("period", "periode"),
    ORG.heldBy: ("held by", "dijabat oleh"),
    ORG.postIn: ("post in", "jabatan di"),
    DCTERMS.subject: ("subject", "subjek"),
    DCTERMS.temporal: ("period", "periode"),
    DCTERMS.replaces: ("replaces", "menggantikan"),
    PROV.wasDerivedFrom: ("derived from", "berasal dari"),
    PROV.wasGeneratedBy: ("generated by", "dihasilkan oleh"),
    PROV.used: ("used", "menggunakan"),
    PROV.wasAssociatedWith: ("associated with", "terkait dengan"),
    OA.hasBody: ("identifies", "mengidentifikasi"),
    OA.hasTarget: ("target", "sasaran"),
    OA.hasSource: ("source", "sumber"),
    OA.hasSelector: ("selector", "pemilih"),
    RDF.subject: ("subject", "subjek"),
    RDF.object: ("object", "objek"),
}.items()}

_INTEGER_TYPES = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in (
    "integer", "int", "long", "short", "byte", "positiveInteger", "nonNegativeInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("decimal", "double", "float")}
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


# -- reading the graph ------------------------------------------------------------------

class GraphIndex:
    """The union of a knowledge graph's triples, indexed by subject, with labels."""

    def __init__(self, kg, lang: str = "en"):
        self.lang = lang
        self.out: dict[str, dict[str, list]] = {}
        self.into: dict[str, list[tuple[str, str]]] = {}
        for s, p, o in kg.triples():
            if not isinstance(s, ox.NamedNode):
                continue
            self.out.setdefault(s.value, {}).setdefault(p.value, []).append(o)
            if isinstance(o, ox.NamedNode):
                self.into.setdefault(o.value, []).append((s.value, p.value))
        for props in self.out.values():
            for p, values in props.items():
                values.sort(key=_term_key)
        for links in self.into.values():
            links.sort()
        self._kinds: dict[str, str | None] = {}
        self._class_kind = {str(c): name for name, classes, _ in ENTITY_KINDS + FACT_KINDS + PROVENANCE_KINDS
                            for c in classes}
        self._order = {name: i for i, (name, _, _) in enumerate(ENTITY_KINDS + FACT_KINDS + PROVENANCE_KINDS)}
        self._prefix_kind = [(str(LGR) + prefix, name)
                             for name, _, prefix in ENTITY_KINDS + FACT_KINDS + PROVENANCE_KINDS]

    def objects(self, s: str, p: str) -> list:
        return self.out.get(s, {}).get(str(p), [])

    def iris(self, s: str, p: str) -> list[str]:
        return [o.value for o in self.objects(s, p) if isinstance(o, ox.NamedNode)]

    def classes(self, s: str) -> list[str]:
        return self.iris(s, RDF_TYPE)

    def kind(self, iri: str) -> str | None:
        """The node type of ``iri`` (``"Person"``, ``"Theme"``, ``"Span"`` ...), or None."""
        if iri in self._kinds:
            return self._kinds[iri]
        kinds = [self._class_kind[c] for c in self.classes(iri) if c in self._class_kind]
        if not kinds:  # a subclass the ontology knows, e.g. lg:JointStatement of lg:Document
            kinds = [self._class_kind[s] for c in self.classes(iri) for s in superclasses(c) if s in self._class_kind]
        kind = min(kinds, key=self._order.__getitem__) if kinds else None
        if kind is None and iri.startswith(THEME_PREFIX):
            kind = "Theme"
        if kind is None and iri.startswith(str(LGR)):
            kind = next((name for prefix, name in self._prefix_kind if iri.startswith(prefix)), None)
        self._kinds[iri] = kind
        return kind

    def label(self, iri: str) -> str:
        """The label of ``iri`` in the chosen language, then the other, then any label, then its local name.

        Facts, spans, mentions and statements have no labels of their own; they are named
        after what they say (``Cris Kuntadi holds post in Kemnaker``, the quoted text).
        """
        props = self.out.get(iri, {})
        if not any(p in props for p in LABEL_PROPERTIES):
            derived = self._derived_label(iri, self.kind(iri))
            if derived:
                return derived
        return label_of(props, iri, self.lang, self)

    def _derived_label(self, iri: str, kind: str | None) -> str | None:
        def first(values: list[str]) -> str | None:
            return self.label(values[0]) if values else None

        if kind in NARY:
            source_p, target_p, label_en, label_id = NARY[kind]
            source, target = first(self.iris(iri, source_p)), first(self.iris(iri, target_p))
            if source and target:
                return f"{source} {label_id if self.lang == 'id' else label_en} {target}"
        elif kind == "Statement":
            parts = [first(self.iris(iri, RDF.subject)), first(self.iris(iri, RDF.predicate)),
                     first(self.iris(iri, RDF.object))]
            predicate = self.iris(iri, RDF.predicate)
            if all(parts):
                return f"{parts[0]} {term_label(predicate[0], self)} {parts[2]}"
        elif kind == "Span":
            quotes = [v.value for sel in self.iris(iri, OA.hasSelector) for v in self.objects(sel, OA.exact)]
            if quotes:
                return _shorten(quotes[0])
        elif kind == "Mention":
            spans = self.iris(iri, OA.hasTarget)
            if spans:
                return f"“{first(spans)}”"
        elif kind == "Selector":
            start, end = self.objects(iri, OA.start), self.objects(iri, OA.end)
            if start and end:
                return f"{start[0].value}–{end[0].value}"
        return None


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def label_of(props: dict[str, list], iri: str, lang: str, index: GraphIndex | None = None) -> str:
    """A label from ``props`` (predicate -> values), by the fallback order of the exports."""
    other = [code for code in LANGUAGES if code != lang]
    for code in [lang, *other]:
        for p in LABEL_PROPERTIES:
            found = sorted(v.value for v in props.get(p, ()) if isinstance(v, ox.Literal) and v.language == code)
            if found:
                return found[0]
    for p in LABEL_PROPERTIES + OTHER_LABEL_PROPERTIES:
        found = sorted(v.value for v in props.get(p, ()) if isinstance(v, ox.Literal))
        if found:
            return found[0]
    if index is not None:
        start = [v.value for v in props.get(str(DCAT.startDate), ()) if isinstance(v, ox.Literal)]
        end = [v.value for v in props.get(str(DCAT.endDate), ()) if isinstance(v, ox.Literal)]
        if start or end:  # a period: an ISO 8601 interval
            return f"{min(start, default='..')}/{min(end, default='..')}"
    return local_name(iri)


def local_name(iri: str) -> str:
    """The part of an IRI after its namespace (``lgr:person-x`` -> ``person-x``)."""
    for ns in sorted((str(ns) for ns in PREFIXES.values()), key=len, reverse=True):
        if iri.startswith(ns) and len(iri) > len(ns):
            return iri[len(ns):]
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def curie(iri: str) -> str:
    """``lg:host`` for a known namespace, else the IRI."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return iri


def literal_value(lit: ox.Literal) -> Any:
    """A literal as a plain value: numbers as numbers, booleans as booleans, the rest (dates too) as ISO text."""
    dt = lit.datatype.value if lit.datatype else ""
    try:
        if dt in _INTEGER_TYPES:
            return int(lit.value)
        if dt in _FLOAT_TYPES:
            return float(lit.value)
    except ValueError:
        return lit.value
    if dt == _BOOLEAN:
        return lit.value in ("true", "1")
    return lit.value


def _term_key(term) -> tuple:
    if isinstance(term, ox.Literal):
        return (1, term.value, term.language or "", term.datatype.value if term.datatype else "")
    return (0, getattr(term, "value", str(term)), "", "")


# -- property labels from the ontology ----------------------------------------------------

@cache
def _ontology() -> tuple[dict[str, dict[str, list]], dict[str, list[str]]]:
    """Labels (term -> predicate -> values) and direct superclasses of the ontology's terms
    (``ontology/*.ttl`` but the shapes and reference entities)."""
    from labourgraph.resources import ontology_dir

    labels: dict[str, dict[str, list]] = {}
    supers: dict[str, list[str]] = {}
    try:
        files = sorted(ontology_dir().glob("*.ttl"))
    except FileNotFoundError:
        return labels, supers
    wanted = set(LABEL_PROPERTIES)
    subclass = str(RDFS.subClassOf)
    for path in files:
        if path.name in ("shapes.ttl", "entities.ttl"):
            continue
        try:
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                if not isinstance(t.subject, ox.NamedNode):
                    continue
                if t.predicate.value in wanted:
                    labels.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
                elif t.predicate.value == subclass and isinstance(t.object, ox.NamedNode):
                    supers.setdefault(t.subject.value, []).append(t.object.value)
        except (SyntaxError, OSError):
            continue
    return labels, {c: sorted(set(s)) for c, s in supers.items()}


def ontology_labels() -> dict[str, dict[str, list]]:
    """Labels of the ontology's terms, term -> predicate -> values."""
    return _ontology()[0]


def superclasses(cls: str) -> list[str]:
    """``cls`` and its superclasses in the ontology, nearest first."""
    seen, queue = [cls], [cls]
    while queue:
        for parent in _ontology()[1].get(queue.pop(0), []):
            if parent not in seen:
                seen.append(parent)
                queue.append(parent)
    return seen


def term_label(iri: str, index: GraphIndex) -> str:
    """The label of an ontology term (property or class): from the data, the ontology, or its local name."""
    props = index.out.get(iri) or ontology_labels().get(iri)
    if props and any(p in props for p in LABEL_PROPERTIES):
        return label_of(props, iri, index.lang)
    if iri in REUSED_LABELS:
        return REUSED_LABELS[iri][1 if index.lang == "id" else 0]
    name = local_name(iri)
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower() if name.isidentifier() else name


# -- building the view --------------------------------------------------------------------

def node_types(options: ExportOptions) -> set[str]:
    """The node types a view shows (themes are shown only where something links to them)."""
    types = {name for name, _, _ in ENTITY_KINDS} | {"Theme"}
    if options.view == "full":
        types |= {name for name, _, _ in FACT_KINDS}
    if options.with_provenance:
        types |= set(PROVENANCE_TYPES)
    return types


def build_view(kg, options: ExportOptions = ExportOptions(), index: GraphIndex | None = None) -> nx.MultiDiGraph:
    """The property graph of ``kg``: nodes keyed by IRI, edges keyed ``e<n>``, inserted in sorted order."""
    index = index or GraphIndex(kg, options.lang)
    shown = node_types(options)
    subjects = sorted(set(index.out) | set(index.into))
    candidates = {s for s in subjects if index.kind(s) in shown and index.kind(s) != "Theme"}
    facts = [s for s in subjects if index.kind(s) in NARY]
    linkers = candidates | set(facts)
    themes = {o.value for s in linkers for values in index.out.get(s, {}).values()
              for o in values if isinstance(o, ox.NamedNode) and index.kind(o.value) == "Theme"}
    nodes = sorted(candidates | themes)
    node_set = set(nodes)

    attr_names = _attribute_names(index, node_set, facts)
    graph = nx.MultiDiGraph()
    for iri in nodes:
        graph.add_node(iri, **_node_attributes(iri, index, node_set, attr_names, options))

    edges: list[tuple[str, str, dict]] = []
    for s in nodes:
        for p, values in sorted(index.out.get(s, {}).items()):
            if p == RDF_TYPE:
                continue
            for o in values:
                if isinstance(o, ox.NamedNode) and o.value in node_set:
                    edges.append((s, o.value, {"label": term_label(p, index), "iri": p}))
    if options.view == "compact":
        covered = set()
        for fact in facts:
            found = _nary_edges(fact, index, node_set, attr_names, options)
            shortcut = SHORTCUTS.get(index.kind(fact))
            covered.update((u, shortcut, v) for u, v, _ in found if shortcut)
            edges.extend(found)
        # a shortcut triple says again what a fact's edge already says: draw it once
        edges = [e for e in edges if (e[0], e[2]["iri"], e[1]) not in covered]
    edges.sort(key=lambda e: (e[0], e[1], e[2]["iri"], e[2].get("fact", "")))
    for n, (u, v, data) in enumerate(edges, start=1):
        graph.add_edge(u, v, key=f"e{n}", **data)
    _harmonise_types(graph)
    return graph


def _attribute_names(index: GraphIndex, nodes: set[str], facts: list[str]) -> dict[str, str]:
    """Attribute name per predicate: its local name, or ``prefix_local`` where two predicates share one."""
    preds = {p for s in list(nodes) + facts for p in index.out.get(s, {})}
    by_local: dict[str, set[str]] = {}
    for p in preds:
        by_local.setdefault(local_name(p), set()).add(p)
    names = {}
    for p in preds:
        name = local_name(p)
        if len(by_local[name]) > 1 or name in ("label", "type", "iri", "id", "color", "size", "r", "g", "b", "fact"):
            name = curie(p).replace(":", "_")
        names[p] = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return names


def _values(props: dict[str, list], skip: set[str], index: GraphIndex, node_set: set[str],
            names: dict[str, str], options: ExportOptions) -> dict[str, Any]:
    """Attributes from the properties of a node or fact: literals as values, other IRIs as their labels."""
    attrs: dict[str, Any] = {}
    for p, values in sorted(props.items()):
        if p in skip or (p in PROVENANCE_PROPERTIES and not options.with_provenance):
            continue
        literals = [v for v in values if isinstance(v, ox.Literal)]
        tagged = [v for v in literals if v.language]
        if tagged:
            for code in [options.lang, *[c for c in LANGUAGES if c != options.lang]]:
                chosen = [v for v in tagged if v.language == code]
                if chosen:
                    tagged = chosen
                    break
            literals = [v for v in literals if not v.language] + tagged
        found = [literal_value(v) for v in literals]
        found += [index.label(v.value) if v.value in index.out else term_label(v.value, index)
                  for v in values if isinstance(v, ox.NamedNode) and v.value not in node_set]
        if not found:
            continue
        if len(found) == 1:
            attrs[names[p]] = found[0]
        else:
            attrs[names[p]] = " | ".join(sorted({str(v) for v in found}))
    return attrs


def _node_attributes(iri: str, index: GraphIndex, node_set: set[str], names: dict[str, str],
                     options: ExportOptions) -> dict[str, Any]:
    kind = index.kind(iri)
    color, size = STYLE.get(kind, ("#cccccc", 10.0))
    attrs = {"label": index.label(iri), "type": kind, "iri": iri,
             "classes": " ".join(sorted(curie(c) for c in index.classes(iri))),
             "color": color, "size": size,
             "r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16)}
    # hidden labels are misspellings kept for matching text, not names to show
    skip = {RDF_TYPE, str(SKOS.prefLabel), str(SKOS.hiddenLabel)}
    attrs.update(_values(index.out.get(iri, {}), skip, index, node_set, names, options))
    return attrs


def _nary_edges(fact: str, index: GraphIndex, node_set: set[str], names: dict[str, str],
                options: ExportOptions) -> list[tuple[str, str, dict]]:
    kind = index.kind(fact)
    source_p, target_p, label_en, label_id = NARY[kind]
    sources = [s for s in index.iris(fact, source_p) if s in node_set]
    targets = [t for t in index.iris(fact, target_p) if t in node_set]
    attrs = _values(index.out.get(fact, {}), {RDF_TYPE, str(source_p), str(target_p)}, index, node_set,
                    names, options)
    label = label_id if options.lang == "id" else label_en
    return [(s, t, {"label": label, "iri": NARY_CLASS[kind], "fact": fact, **attrs})
            for s in sources for t in targets]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _harmonise_types(graph: nx.MultiDiGraph) -> None:
    """Give each attribute one type across all nodes (and all edges), as tools reject mixed keys,
    and replace characters XML 1.0 cannot hold (GraphML and GEXF are XML) with spaces."""
    for items in ([d for _, d in graph.nodes(data=True)], [d for _, _, d in graph.edges(data=True)]):
        kinds: dict[str, set[type]] = {}
        for data in items:
            for key, value in data.items():
                if isinstance(value, str) and _NOT_XML.search(value):
                    data[key] = value = _NOT_XML.sub(" ", value)
                kinds.setdefault(key, set()).add(type(value))
        for key, found in kinds.items():
            if len(found) <= 1:
                continue
            to = float if found <= {int, float} else str
            for data in items:
                if key in data:
                    data[key] = to(data[key])


def layout(view: nx.MultiDiGraph, spacing: float = 70.0) -> dict[str, tuple[float, float]]:
    """Node positions in pixels: a seeded spring layout per connected component, the components
    packed in rows (largest first), rounded, so the same view always gets the same positions.

    Meant for views of a few hundred nodes (the HTML page of a larger build starts from
    :func:`overview` and lays out the detail it opens in the browser)."""
    simple = nx.Graph(view.to_undirected())
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    width = spacing * 1.6 * max(4.0, simple.number_of_nodes() ** 0.5)
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component in components:
        sub = simple.subgraph(component)
        if len(component) == 1:
            local = {next(iter(component)): (0.0, 0.0)}
        else:
            # scipy (a dependency) lets networkx lay out components over 500 nodes too
            pos = nx.spring_layout(sub, seed=7, iterations=200)
            radius = spacing * 0.6 * len(component) ** 0.5
            local = {n: (float(p[0]) * radius, float(p[1]) * radius) for n, p in pos.items()}
        xs, ys = [p[0] for p in local.values()], [p[1] for p in local.values()]
        left, top = min(xs), min(ys)
        w, h = max(xs) - left + spacing, max(ys) - top + spacing
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in local.items():
            placed[n] = (round(x + px - left, 1), round(y + py - top, 1))
        x += w
        row_height = max(row_height, h)
    return placed


# -- the overview of a large graph ---------------------------------------------------------------

#: above this many nodes the HTML page starts from the overview (hubs), not from every node
OVERVIEW_THRESHOLD = 150
#: the node types that can be hubs of the overview, in the order a node prefers them
HUB_TYPES = ("Country", "MeetingSeries", "Organization")
OTHER_HUB = "hub:other"
_NATIONAL = {str(LG.country), str(ORG.unitOf)}


def hubs(view: nx.MultiDiGraph) -> list[str]:
    """The hubs of the overview: countries, meeting series, and bodies (organisations that
    belong to no country and are no unit of another, with at least three relations)."""
    found = []
    for node, data in view.nodes(data=True):
        if data["type"] in ("Country", "MeetingSeries"):
            found.append(node)
        elif data["type"] == "Organization" and view.degree(node) >= 3 and not any(
                d["iri"] in _NATIONAL for _, _, d in view.out_edges(node, data=True)):
            found.append(node)
    return sorted(found)


def overview(view: nx.MultiDiGraph, spacing: float = 200.0) -> dict[str, Any]:
    """The aggregate picture of a large view: every node belongs to its nearest hub (a country,
    a meeting series or a body; a meeting prefers its series, any other node a country, ties
    go to the busier hub), hubs are sized by the relations of their group (activity) and
    linked by the relations between their groups. Returns ``home`` (node -> hub), ``hubs``
    (with positions from a seeded spring layout) and ``links``; all sorted."""
    simple = nx.Graph(view.to_undirected())
    centres = hubs(view)
    home: dict[str, str] = {h: h for h in centres}
    types = {n: d["type"] for n, d in view.nodes(data=True)}
    degree = dict(simple.degree())

    def preference(node: str, hub: str) -> tuple:
        order = ("MeetingSeries", "Country", "Organization") if types[node] == "Meeting" else HUB_TYPES
        return (order.index(types[hub]), -degree[hub], hub)

    frontier = sorted(centres)
    while frontier:
        offers: dict[str, list[str]] = {}
        for node in frontier:
            for other in simple.neighbors(node):
                if other not in home:
                    offers.setdefault(other, []).append(home[node])
        for node, candidates in offers.items():
            home[node] = min(candidates, key=lambda hub: preference(node, hub))
        frontier = sorted(offers)
    for node in view:
        home.setdefault(node, OTHER_HUB)
    members: dict[str, int] = {}
    activity: dict[str, int] = {}
    for node, hub in home.items():
        members[hub] = members.get(hub, 0) + 1
        activity[hub] = activity.get(hub, 0) + degree.get(node, 0)
    links: dict[tuple[str, str], int] = {}
    for u, v in view.edges():
        a, b = home[u], home[v]
        if a != b:
            key = (a, b) if a < b else (b, a)
            links[key] = links.get(key, 0) + 1
    graph = nx.Graph()
    graph.add_nodes_from(sorted(members))
    for (a, b), w in sorted(links.items()):
        graph.add_edge(a, b, weight=w)
    pos = layout(graph, spacing=spacing)
    top = max(activity.values(), default=1) or 1
    hub_rows = []
    for hub in sorted(members):
        kind = types.get(hub, "Other")
        hub_rows.append({"id": hub, "type": kind, "members": members[hub], "activity": activity[hub],
                         "size": round(12 + 48 * (activity[hub] / top) ** 0.5, 1),
                         "x": pos[hub][0], "y": pos[hub][1]})
    return {"home": dict(sorted(home.items())), "hubs": hub_rows,
            "links": [{"source": a, "target": b, "weight": w} for (a, b), w in sorted(links.items())]}


# -- evidence ----------------------------------------------------------------------------------

def evidence_for(index: GraphIndex, iri: str) -> list[str]:
    """Span IRIs that support a node: its mentions' spans and the spans its facts were derived from."""
    spans = set(index.iris(iri, PROV.wasDerivedFrom))
    for s, p in index.into.get(iri, []):
        if p == str(OA.hasBody):
            spans.update(index.iris(s, OA.hasTarget))
    return sorted(spans)


def statement_evidence(index: GraphIndex, s: str, p: str, o: str) -> list[str]:
    """Span IRIs of the ``rdf:Statement`` nodes that reify the triple ``s p o``."""
    spans = set()
    for stmt, link in index.into.get(s, []):
        if link == str(RDF.subject) and index.iris(stmt, RDF.predicate) == [p] and o in index.iris(stmt, RDF.object):
            spans.update(index.iris(stmt, PROV.wasDerivedFrom))
    return sorted(spans)


def span_text(index: GraphIndex, span: str) -> dict[str, Any]:
    """A span's quote (prefix, exact, suffix), offsets and article (IRI, headline, date)."""
    out: dict[str, Any] = {"span": span, "exact": "", "prefix": "", "suffix": ""}
    for selector in index.iris(span, OA.hasSelector):
        for key in ("exact", "prefix", "suffix"):
            vals = index.objects(selector, OA[key])
            if vals:
                out[key] = vals[0].value
        for key in ("start", "end"):
            vals = index.objects(selector, OA[key])
            if vals:
                out[key] = literal_value(vals[0])
    sources = index.iris(span, OA.hasSource)
    if sources:
        article = sources[0]
        out["article"] = article
        out["headline"] = index.label(article)
        dates = index.objects(article, SCHEMA.datePublished)
        out["date"] = dates[0].value if dates else ""
        urls = index.objects(article, SCHEMA.url)
        out["url"] = urls[0].value if urls else ""
    return out


__all__ = ["ExportOptions", "GraphIndex", "build_view", "node_types", "label_of", "local_name", "curie",
           "literal_value", "term_label", "layout", "overview", "hubs", "OVERVIEW_THRESHOLD", "OTHER_HUB", "superclasses", "evidence_for", "statement_evidence", "span_text", "STYLE",
           "ENTITY_TYPES", "PROVENANCE_TYPES", "NARY", "LANGUAGES", "VIEWS"]
