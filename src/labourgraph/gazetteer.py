"""The gazetteer: names of the reference entities in ``ontology/entities.ttl``.

Every ``skos:prefLabel``, ``skos:altLabel`` and ``skos:hiddenLabel`` of a reference entity is
a name the extractor looks for. Long names match without regard to case or accents
("kementerian ketenagakerjaan" = "Kementerian Ketenagakerjaan"); short acronyms and
all-capital codes match only as written, so "RI" is not "ri" and "ILO" is not "ilo".
A name shared by several entities ("Kementerian Dalam Negeri": Indonesia's and Viet Nam's)
is resolved by the countries the article mentions near it (:meth:`Gazetteer.resolve`).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

#: Extract type of a reference entity, from the kind prefix of its key (``org-kemnaker``).
KIND_TYPES = {
    "person": "Person", "org": "Organization", "country": "Country", "place": "Place",
    "meeting": "Event", "programme": "Programme", "document": "Document", "eventtheme": "Theme",
    "series": "Series",
}
#: Extract type from rdf:type local names, when the key says nothing.
CLASS_TYPES = {
    "Person": "Person", "Organization": "Organization", "FormalOrganization": "Organization",
    "OrganizationalUnit": "Organization", "Country": "Country", "Place": "Place", "City": "Place",
    "AdministrativeArea": "Place", "Meeting": "Event", "Event": "Event", "MeetingSeries": "Series",
    "Programme": "Programme", "WorkProgramme": "Programme", "Document": "Document",
    "Declaration": "Document", "Guideline": "Document", "Agreement": "Document", "Framework": "Document",
    "EventTheme": "Theme",
}
ENTITY_FILES = ("entities.ttl",)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: ``"Việt Nam"`` -> ``"viet nam"``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("đ", "d").replace("Đ", "D").replace("’", "'").casefold()


def is_case_sensitive(label: str) -> bool:
    """Short acronyms and all-capital codes match only as written ("RI", "ILO", "SLOM+3")."""
    letters = [c for c in label if c.isalpha()]
    if not letters:
        return True
    if " " not in label.strip() and sum(c.isupper() for c in letters) >= max(2, len(letters) - 2):
        return True      # "ASEAN", "KSPSI", "ALM-WP", "VGCL", "SLOM+3", "ITUC-AP"
    return len(label) <= 3


@dataclass
class Reference:
    """One reference entity: its key, extract type, labels and the country it belongs to."""

    key: str
    type: str
    label: str
    labels: list[str] = field(default_factory=list)
    country: str | None = None          # key of the entity's country ("country-vn"), if any
    parent: str | None = None           # key of the organisation it is a unit of (org:unitOf), if any
    classes: list[str] = field(default_factory=list)
    prefs: list[str] = field(default_factory=list)      # the skos:prefLabels (every language)


class Gazetteer:
    """Names -> candidate reference entities."""

    def __init__(self, references: list[Reference]):
        self.references: dict[str, Reference] = {r.key: r for r in sorted(references, key=lambda r: r.key)}
        self.by_name: dict[str, list[str]] = {}        # fold(label) -> keys (case-insensitive names)
        self.by_exact: dict[str, list[str]] = {}       # label -> keys (case-sensitive names)
        for ref in self.references.values():
            for label in dict.fromkeys([ref.label, *ref.labels]):
                label = " ".join(label.split())
                if not label:
                    continue
                table, name = (self.by_exact, label) if is_case_sensitive(label) else (self.by_name, fold(label))
                keys = table.setdefault(name, [])
                if ref.key not in keys:
                    keys.append(ref.key)

    @classmethod
    def from_entries(cls, entries: list[dict]) -> "Gazetteer":
        """Build from plain dicts ``{"key", "type", "label", "labels", "country"}`` (tests, data)."""
        refs = []
        for e in entries:
            kind = e["key"].split("-", 1)[0]
            refs.append(Reference(key=e["key"], type=e.get("type") or KIND_TYPES.get(kind, "Organization"),
                                  label=e["label"], labels=list(e.get("labels", [])),
                                  country=e.get("country"), parent=e.get("parent")))
        return cls(refs)

    @classmethod
    def from_ontology(cls, folder: str | Path | None = None) -> "Gazetteer":
        """Load the reference entities from ``ontology/entities.ttl`` (empty if it is absent)."""
        from labourgraph.resources import ontology_dir
        try:
            folder = Path(folder) if folder is not None else ontology_dir()
        except FileNotFoundError:
            return cls([])
        files = [folder / name for name in ENTITY_FILES if (folder / name).is_file()]
        return cls(_read_references(tuple(files)))

    def __len__(self) -> int:
        return len(self.references)

    def names(self) -> list[tuple[str, bool]]:
        """Every name with whether it matches case-sensitively, sorted."""
        return sorted([(n, False) for n in self.by_name] + [(n, True) for n in self.by_exact])

    def candidates(self, surface: str) -> list[str]:
        """Keys of the entities a surface form may name (exact, then folded)."""
        surface = " ".join(surface.split())
        return list(dict.fromkeys(self.by_exact.get(surface, []) + self.by_name.get(fold(surface), [])))

    def get(self, key: str) -> Reference | None:
        return self.references.get(key)

    def country_of(self, key: str) -> str | None:
        """The country an entity belongs to (itself for a country)."""
        ref = self.references.get(key)
        if ref is None:
            return None
        if ref.type == "Country":
            return ref.key
        if ref.country:
            return ref.country
        if ref.parent and ref.parent != key:
            return self.country_of(ref.parent)
        return None

    def resolve(self, keys: list[str], nearby_countries: list[str], article_countries: list[str]) -> str:
        """Pick one of several candidate keys for a name.

        The candidate whose country is mentioned nearest wins (``nearby_countries`` in order
        of distance, then ``article_countries`` by frequency); otherwise an Indonesian one
        (the corpus is Indonesian news), otherwise the first key.
        """
        if len(keys) == 1:
            return keys[0]
        for countries in (nearby_countries, article_countries):
            for country in countries:
                for key in keys:
                    if self.country_of(key) == country:
                        return key
        for key in keys:
            if self.country_of(key) == "country-id":
                return key
        return sorted(keys)[0]


@cache
def _read_references(files: tuple[Path, ...]) -> list[Reference]:
    if not files:
        return []
    from rdflib import RDF, Graph
    from rdflib.namespace import SKOS

    from labourgraph.errors import RdfSyntaxError
    from labourgraph.namespaces import LG, LGR, ORG, SCHEMA

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


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the installed ontology (loaded once)."""
    return Gazetteer.from_ontology()
