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
from typing import Callable

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


# -- reference readers ------------------------------------------------------------------------
# The extraction modules read no RDF. Whoever assembles the package passes in the functions
# that turn the ontology's files into plain records (labourgraph/__init__.py passes those of
# labourgraph.reference, which reads Turtle with rdflib); a test (tests/test_extraction_boundary.py)
# keeps rdflib and pyoxigraph out of the extraction modules' imports.

#: name -> reader: "references" (files -> [Reference]), "series_notations" (file -> {key: notation}),
#: "theme_concepts" (file -> (Concept, ...)).
_READERS: dict[str, Callable] = {}


def use_reader(name: str, function: Callable) -> None:
    """Install the reader of one kind of reference data (see ``_READERS``)."""
    _READERS[name] = function
    _read_references.cache_clear()
    default_gazetteer.cache_clear()


def reader(name: str) -> Callable:
    """The installed reader ``name``; a LookupError says how to install one."""
    try:
        return _READERS[name]
    except KeyError:
        raise LookupError(f"no reader of reference data {name!r} installed: call "
                          f"labourgraph.gazetteer.use_reader({name!r}, function)") from None


@cache
def _read_references(files: tuple[Path, ...]) -> list[Reference]:
    if not files:
        return []
    return list(reader("references")(files))


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the installed ontology (loaded once)."""
    return Gazetteer.from_ontology()
