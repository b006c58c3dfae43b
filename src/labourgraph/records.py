"""Plain data passed between the extraction stages (no rdflib here).

The stages are ``article -> mentions -> entities -> assertions``; :class:`Extraction`
holds what one article yields. Entities are referred to by their ``key``: the local name of
their IRI in the ``lgr:`` namespace (``"person-cris-kuntadi"``, ``"org-kemnaker"``,
``"country-vn"``); themes by the local name of their concept in ``lgc:``
(``"theme-social-protection"``). ``docs/model.md`` says how each record becomes RDF.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

ENTITY_TYPES = ("Person", "Organization", "Country", "Place", "Event", "Programme", "Document", "Theme")
MODES = ("online", "in-person", "hybrid")


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of article text: code-point offsets (end exclusive) and the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: the sentence that states it, and the rule that read it."""

    sentence: Span
    rule: str
    confidence: float = 0.8


@dataclass
class Mention:
    """A surface form in the text that names an entity (``key`` once linked)."""

    span: Span
    type: str
    key: str | None = None
    rule: str = ""


@dataclass
class Entity:
    """An entity named in an article, with every surface form it takes there."""

    key: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    reference: bool = False          # True when linked to ontology/entities.ttl
    classes: list[str] = field(default_factory=list)   # extra CURIEs, e.g. "org:OrganizationalUnit"
    rule: str = ""


@dataclass
class Role:
    """A person holding a post in an organisation (``role`` as written)."""

    person: str
    role: str | None
    organization: str
    evidence: Evidence
    status: str | None = None


@dataclass
class Participant:
    """An agent at an event, in a role (host, delegate, ...) and, if said, a mode."""

    key: str
    role: str = "participant"
    mode: str | None = None
    represented_by: str | None = None
    evidence: Evidence | None = None


@dataclass
class Event:
    """A meeting (an edition of a series, or a one-off)."""

    key: str
    label: str
    series: str | None = None          # canonical series label: "SLOM", "SLOM+3", "ALMM", ...
    series_key: str | None = None      # "series-slom"
    series_named_in: str | None = None  # a series the gazetteer does not know: the language of its name
    edition: int | None = None
    date: str | None = None            # YYYY-MM-DD, YYYY-MM or YYYY
    end_date: str | None = None
    date_text: str | None = None
    #: a coarser date the text supports but the corpus rule keeps out of ``date`` ("pekan lalu"
    #: in an article of 2025-10-24: the week before fell in October, so ``2025-10``); the graph
    #: carries it, the JSON ``date`` stays null
    approx_date: str | None = None
    place: str | None = None           # entity key
    mode: str | None = None            # online | in-person | hybrid
    host: str | None = None
    chair: str | None = None
    organizer: str | None = None
    theme: str | None = None           # entity key of an EventTheme
    status: str | None = None          # held | upcoming | planned
    participants: list[Participant] = field(default_factory=list)
    evidence: Evidence | None = None
    aliases: list[str] = field(default_factory=list)   # other surface forms, incl. the canonical alias
    mentions: list[Span] = field(default_factory=list)  # where the text names this event


@dataclass
class Relation:
    """A binary fact: ``subject predicate object`` (predicates as in ``docs/model.md``)."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    time: str | None = None
    status: str | None = None


@dataclass
class ThemeMention:
    """A labour theme the article discusses, with the actor who prioritises it if any."""

    theme: str                          # "theme-social-protection"
    label: str                          # English label: "social protection"
    evidence: Evidence
    actor: str | None = None
    rank: int | None = None
    period: str | None = None           # "2020/2022"


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    published: str | None
    language: str
    title: str | None = None
    publisher: str | None = None       # entity key
    authors: list[str] = field(default_factory=list)   # entity keys
    entities: list[Entity] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    themes: list[ThemeMention] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)

    def entity(self, key: str) -> Entity | None:
        """The entity with this key, if the article names it."""
        for e in self.entities:
            if e.key == key:
                return e
        return None


def slug(text: str) -> str:
    """ASCII lower-case slug for IRIs: ``"SLOM+3 ke-23"`` -> ``"slom-plus-3-ke-23"``.

    >>> slug("Việt Nam General Confederation of Labour")
    'viet-nam-general-confederation-of-labour'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("+", " plus ").replace("&", " and ").replace("đ", "d").replace("Đ", "d")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text or "x"
