"""Extract what one article states: entities, roles, events, relations and themes.

The stages (:data:`STAGES`) follow one protocol, in the style of spaCy components
(:class:`Stage`): each is called with the article's document (:class:`ArticleDoc`), reads
the layers of stages before it and returns its own layer; :func:`run_stages` runs them in one
loop, checks that no stage changed another's layer, and names the stage in any error::

    language, published -> doc -> sentences -> candidates -> entities -> roles
        -> events -> all_entities -> themes -> relations -> attribution

Events, relations, themes and the publication date come from :mod:`labourgraph.events`,
:mod:`labourgraph.relations`, :mod:`labourgraph.themes` and :mod:`labourgraph.dates`; a
stage whose module is absent yields nothing. :func:`to_json` gives the JSON that
``labourgraph extract --format json`` prints and the scorer reads.
"""
from __future__ import annotations

import copy
import dataclasses
import importlib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple, Protocol

from spacy.tokens import Doc

from labourgraph.articles import Article
from labourgraph.errors import LabourgraphError
from labourgraph.gazetteer import Gazetteer, default_gazetteer, fold
from labourgraph.lexicon import TITLE_WORDS
from labourgraph.mentions import build_entities, find_candidates, publisher_spans
from labourgraph.records import Entity, Event, Extraction, Role, Span, slug
from labourgraph.roles import find_roles
from labourgraph.text import detect_language, parse, sentences


_NOT_HEADLINE = re.compile(
    r"(?:\bfoto\s*:|\bphoto\s*:|/ist\b|\bwib\b|\bwita\b|\|\s*\d{1,2}:\d{2}|^(?:posted|diposting)\b|"
    r"^(?:laporan|penulis|reporter|editor|oleh|by)\s*:?\s)", re.IGNORECASE)


def _first_line(body: str) -> str | None:
    """The headline: the first line near the top that reads like one (four words or more,
    no full stop at the end, not a photo caption, masthead date or byline), before the
    first paragraph of running text."""
    for line in body.splitlines()[:15]:
        line = line.strip()
        if not line:
            continue
        if len(line) > 200:           # running text has begun: no headline in this file
            return None
        if len(line.split()) >= 4 and not line.endswith(".") and not _NOT_HEADLINE.search(line):
            return line
    return None


def _optional(module: str, name: str):
    """``module.name`` if the module exists (stages written separately), else None."""
    try:
        mod = importlib.import_module(f"labourgraph.{module}")
    except ModuleNotFoundError as err:
        if err.name == f"labourgraph.{module}":
            return None
        raise
    return getattr(mod, name, None)


# -- the stage protocol ------------------------------------------------------------------------

@dataclass
class ArticleDoc:
    """One article on its way through the stages: the article, the gazetteer, and the layers
    the stages have added so far (layer name -> value)."""

    article: Article
    gazetteer: Gazetteer
    layers: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.layers[name]


class Stage(Protocol):
    """One extraction stage, in the style of a spaCy component: called with the article's
    document, it reads the layers named in ``reads`` and returns its own layer, stored under
    ``name``. It changes no layer of another stage (the loop checks)."""

    name: str
    reads: tuple[str, ...]

    def __call__(self, doc: ArticleDoc) -> Any: ...


class StageError(LabourgraphError):
    """A stage failed, or changed a layer that is not its own."""

    def __init__(self, stage: str, message: str, path=None):
        super().__init__(f"extraction stage {stage!r}: {message}", path)
        self.stage = stage


@dataclass(frozen=True)
class FunctionStage:
    """A stage made of a function of the document."""

    name: str
    reads: tuple[str, ...]
    run: Callable[[ArticleDoc], Any]

    def __call__(self, doc: ArticleDoc) -> Any:
        return self.run(doc)


def _entity_order(e: Entity) -> tuple:
    return (e.mentions[0].start if e.mentions else 10**9, e.key)


class RoleLayer(NamedTuple):
    """The roles, and the entities with the parent organisations that only roles name
    ("Kemnaker" inside "Biro Kerja Sama Kemnaker"): new records, the entities layer unchanged."""

    roles: list[Role]
    entities: list[Entity]


def _roles_stage(doc: ArticleDoc) -> RoleLayer:
    entities = copy.deepcopy(doc["entities"])
    roles = find_roles(doc.article.body, doc["sentences"], entities, doc.gazetteer)
    return RoleLayer(roles, entities)


def _events_stage(doc: ArticleDoc) -> list[Event]:
    find_events = _optional("events", "find_events")
    if find_events is None:
        return []
    return list(find_events(doc.article, doc["sentences"], sorted(doc["roles"].entities, key=_entity_order),
                            doc["published"], gazetteer=doc.gazetteer))


def _themes_stage(doc: ArticleDoc) -> list:
    find_themes = _optional("themes", "find_themes")
    if find_themes is None:
        return []
    themes = list(find_themes(doc.article, doc["sentences"], doc["all_entities"]))
    holders = _optional("relations", "priority_holders")
    if holders is not None:
        themes = holders(doc.article.body, doc["sentences"], doc["all_entities"], themes)
    return themes


def _relations_stage(doc: ArticleDoc) -> list:
    find_relations = _optional("relations", "find_relations")
    if find_relations is None:
        return []
    return list(find_relations(doc.article, doc["sentences"], doc["all_entities"], doc["events"],
                               themes=doc["themes"], published=doc["published"], roles=doc["roles"].roles))


def _published_stage(doc: ArticleDoc) -> str | None:
    detect = _optional("dates", "detect_published")
    return doc.article.published or (detect(doc.article) if detect is not None else None)


#: The stages, in order. Each reads only layers of stages before it.
STAGES: tuple[Stage, ...] = (
    FunctionStage("language", (), lambda d: d.article.language or detect_language(d.article.body)),
    FunctionStage("published", (), _published_stage),
    FunctionStage("doc", ("language",), lambda d: parse(d.article.body, d["language"])),
    FunctionStage("sentences", ("doc",), lambda d: sentences(d["doc"])),
    FunctionStage("candidates", ("doc",), lambda d: find_candidates(
        d["doc"], d.gazetteer, article_text=d.article.text, publisher=d.article.publisher,
        authors=d.article.authors)),
    FunctionStage("entities", ("candidates",), lambda d: build_entities(d["candidates"], d.gazetteer)),
    FunctionStage("roles", ("sentences", "entities"), _roles_stage),
    FunctionStage("events", ("sentences", "roles", "published"), _events_stage),
    FunctionStage("all_entities", ("roles", "events"),
                  lambda d: _with_event_entities(d["roles"].entities, d["events"], d.article.body)),
    FunctionStage("themes", ("sentences", "all_entities"), _themes_stage),
    FunctionStage("relations", ("sentences", "all_entities", "events", "themes", "published", "roles"),
                  _relations_stage),
    FunctionStage("attribution", ("all_entities",), lambda d: _attribution(d["all_entities"], d.article, d.gazetteer)),
)


def _fingerprint(value: Any) -> int:
    """A hash of a layer's content, to see that a later stage left it as it was."""
    if isinstance(value, Doc):
        return hash((value.text, len(value), tuple(t.ent_type_ for t in value)))
    return hash(repr(value))


def run_stages(doc: ArticleDoc, stages: tuple[Stage, ...] = STAGES) -> ArticleDoc:
    """Run ``stages`` in order on ``doc``. A stage that raises, reads a layer not yet made or
    changes another stage's layer stops the run with a StageError that names it."""
    for stage in stages:
        missing = [r for r in stage.reads if r not in doc.layers]
        if missing:
            raise StageError(stage.name, f"reads {', '.join(missing)}, which no stage before it adds",
                             doc.article.path)
        if stage.name in doc.layers:
            raise StageError(stage.name, "its layer was already added by another stage", doc.article.path)
        before = {name: _fingerprint(value) for name, value in doc.layers.items()}
        try:
            layer = stage(doc)
        except LabourgraphError as err:      # a user-fixable problem keeps its kind and place
            err.message = f"{err.message} (in extraction stage {stage.name!r})"
            err.args = (err.message,)
            raise
        except Exception as err:
            raise StageError(stage.name, f"{type(err).__name__}: {err}", doc.article.path) from err
        changed = [name for name, print_ in before.items() if _fingerprint(doc.layers.get(name)) != print_]
        if changed or set(doc.layers) != set(before):
            raise StageError(stage.name, f"changed layers of other stages: {', '.join(changed) or 'added some'}",
                             doc.article.path)
        doc.layers[stage.name] = layer
    return doc


def extract(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Run every stage on ``article``."""
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    doc = run_stages(ArticleDoc(article, gazetteer))
    publisher, authors, entities = doc["attribution"]
    return Extraction(article_id=article.id, published=doc["published"], language=doc["language"],
                      title=article.title or _first_line(article.body), publisher=publisher, authors=authors,
                      entities=entities, roles=doc["roles"].roles, events=doc["events"],
                      relations=doc["relations"], themes=doc["themes"], sentences=doc["sentences"])


def _with_event_entities(entities: list[Entity], events: list[Event], body: str) -> list[Entity]:
    """The entities with one Event entity per event. Organisation mentions inside an event's name
    ("SLOM" in "SLOM ke-17", "KTT ASEAN" in "KTT ASEAN ke-47") belong to the event, unless a
    post title stands before them ("Ketua ASEAN SLOM-WG": the body). New entity records: the
    entities layer stays as it was."""
    out = list(entities)
    keys = {e.key for e in out}
    spans: list[tuple[int, int]] = []
    for ev in events:
        mentions = list(ev.mentions)
        if not mentions and ev.label:
            start = body.find(ev.label)
            if start >= 0:
                mentions = [Span(start, start + len(ev.label), ev.label)]
        spans += [(m.start, m.end) for m in mentions]
        aliases = [a for a in dict.fromkeys([*ev.aliases, *(m.text for m in mentions)]) if a != ev.label]
        if ev.key not in keys:
            keys.add(ev.key)
            out.append(Entity(key=ev.key, label=ev.label, type="Event", aliases=aliases,
                              mentions=sorted(mentions), rule="event"))
    kept = []
    for e in out:
        if e.type == "Organization" and e.mentions:
            inside = [m for m in e.mentions if any(a <= m.start and m.end <= b for a, b in spans)
                      and not _after_title(body, m.start)]
            if inside:
                mentions = [m for m in e.mentions if m not in inside]
                if not mentions:
                    continue
                surfaces = list(dict.fromkeys(" ".join(m.text.split()) for m in mentions))
                label = e.label if e.label in surfaces else sorted(surfaces, key=lambda s: (len(s.split()), len(s)))[-1]
                e = dataclasses.replace(e, mentions=mentions, label=label,
                                        aliases=[s for s in surfaces if s != label])
        kept.append(e)
    return sorted(kept, key=_entity_order)


def _after_title(body: str, start: int) -> bool:
    """Whether a post title stands right before ``start`` ("Ketua ASEAN SLOM-WG"): the body, not a meeting."""
    words = body[max(0, start - 30):start].split()
    return bool(words) and (words[-1].lower() in TITLE_WORDS or words[-1].lower() in ("keketuaan", "kepemimpinan"))


def _publisher_and_authors(entities: list[Entity], article: Article) -> tuple[str | None, list[str]]:
    """The publisher (the organisation named in the dateline or the sidecar) and the authors."""
    datelines = publisher_spans(article.text)
    publisher, authors = None, []
    for e in entities:
        if e.type == "Organization" and publisher is None and (
                e.rule in ("dateline.publisher", "metadata")
                or any(a <= m.start < b for m in e.mentions for a, b in datelines)
                or (article.publisher and fold(article.publisher) in {fold(e.label), *map(fold, e.aliases)})):
            publisher = e.key
        if e.rule in ("byline", "metadata") and e.type == "Person":
            authors.append(e.key)
    return publisher, authors


def _attribution(entities: list[Entity], article: Article,
                 gazetteer: Gazetteer) -> tuple[str | None, list[str], list[Entity]]:
    """The publisher, the authors, and the entities with the sidecar's publisher added when the
    text does not name it: the reference entity of that name if there is exactly one, else
    ``org-<slug>``. It is the article's publisher, not something the text mentions, so it has
    no mention span. A new list: the all_entities layer stays as it was."""
    publisher, authors = _publisher_and_authors(entities, article)
    entities = list(entities)
    if publisher is None and article.publisher:
        name = " ".join(article.publisher.split())
        keys = [k for k in gazetteer.candidates(name) if k.startswith("org-")]
        publisher = keys[0] if len(keys) == 1 else f"org-{slug(name)}"
        if not any(e.key == publisher for e in entities):
            ref = gazetteer.get(publisher)
            entities.append(Entity(key=publisher, label=ref.label if ref else name, type="Organization",
                                   reference=ref is not None, rule="metadata"))
    return publisher, authors, entities


def _label(ex: Extraction, key: str | None) -> str | None:
    if key is None:
        return None
    e = ex.entity(key)
    return e.label if e is not None else key


def to_json(ex: Extraction) -> dict[str, Any]:
    """The ``labourgraph extract --format json`` document (key order fixed, lists ordered)."""
    # (a publisher known only from the metadata sidecar is not an entity the text names)
    entities = sorted((e for e in ex.entities if e.mentions or e.rule != "metadata"),
                      key=lambda e: (e.mentions[0].start if e.mentions else 10**9, e.key))
    out: dict[str, Any] = {
        "article": {"id": ex.article_id, "published": ex.published, "language": ex.language},
        "entities": [
            {"iri": f"https://w3id.org/labourgraph/id/{e.key}", "label": e.label, "type": e.type,
             "aliases": list(e.aliases), "mentions": [[m.start, m.end] for m in e.mentions], "rule": e.rule}
            for e in entities
        ],
        "roles": [
            {"person": _label(ex, r.person), "role": r.role, "organization": _label(ex, r.organization),
             **_evidence_json(r.evidence)}
            for r in ex.roles
        ],
        "events": [_event_json(ex, ev) for ev in ex.events],
        "relations": [
            {"subject": _label(ex, r.subject), "predicate": r.predicate, "object": _label(ex, r.object)}
            for r in ex.relations
        ],
        "themes": list(dict.fromkeys(t.label for t in ex.themes)),
        # why each theme was tagged: the rule and the sentence (offsets) of its first mention
        "theme_evidence": [{"label": label, **_evidence_json(t.evidence)} for label, t in _first_themes(ex).items()],
    }
    return out


def _first_themes(ex: Extraction) -> dict:
    first: dict = {}
    for t in ex.themes:
        first.setdefault(t.label, t)
    return first


def _evidence_json(evidence) -> dict[str, Any]:
    """The extraction rule that stated a fact and its sentence's offsets (``evaluate --explain``)."""
    if evidence is None:
        return {"rule": None, "evidence": None}
    return {"rule": evidence.rule, "evidence": [evidence.sentence.start, evidence.sentence.end]}


def _series_label(ev: Event) -> str | None:
    """The canonical series label. A series found only in the text has one when it is named in
    English (the corpus names series in English); an Indonesian name is no canonical label."""
    if ev.series_named_in and ev.series_named_in != "en":
        return None
    return ev.series


def _event_json(ex: Extraction, ev: Event) -> dict[str, Any]:
    return {
        "label": ev.label, "aliases": list(ev.aliases), "series": _series_label(ev), "edition": ev.edition,
        "date": ev.date, "end_date": ev.end_date, "date_text": ev.date_text,
        "place": _label(ex, ev.place), "mode": ev.mode, "host": _label(ex, ev.host), "chair": _label(ex, ev.chair),
        "status": ev.status, "theme": _label(ex, ev.theme),
        "participants": list(dict.fromkeys(_label(ex, p.key) for p in ev.participants)),
        "mentions": [[m.start, m.end] for m in ev.mentions], **_evidence_json(ev.evidence),
    }
