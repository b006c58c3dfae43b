"""Extract what one article states: entities, roles, events, relations and themes.

The stages run in order, each on the output of the one before::

    text (sentences, tokens) -> mentions -> entities -> roles
                                                     -> events -> relations, themes

Events, relations, themes and the publication date come from :mod:`labourgraph.events`,
:mod:`labourgraph.relations`, :mod:`labourgraph.themes` and :mod:`labourgraph.dates`; a
stage whose module is absent yields nothing. :func:`to_json` gives the JSON that
``labourgraph extract --format json`` prints and the scorer reads.
"""
from __future__ import annotations

import importlib
import re
from typing import Any

from labourgraph.articles import Article
from labourgraph.gazetteer import Gazetteer, default_gazetteer, fold
from labourgraph.lexicon import TITLE_WORDS
from labourgraph.mentions import build_entities, find_candidates, publisher_spans
from labourgraph.records import Entity, Event, Extraction, Span
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


def extract(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Run every stage on ``article``."""
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    language = article.language or detect_language(article.body)
    published = article.published
    detect = _optional("dates", "detect_published")
    if not published and detect is not None:
        published = detect(article)
    doc = parse(article.body, language)
    sents = sentences(doc)
    cands = find_candidates(doc, gazetteer, article_text=article.text, publisher=article.publisher,
                            authors=article.authors)
    entities = build_entities(cands, gazetteer)
    ex = Extraction(article_id=article.id, published=published, language=language,
                    title=article.title or _first_line(article.body), entities=entities, sentences=sents)
    ex.roles = find_roles(article.body, sents, entities, gazetteer)
    ex.entities.sort(key=lambda e: (e.mentions[0].start if e.mentions else 10**9, e.key))
    find_events = _optional("events", "find_events")
    if find_events is not None:
        ex.events = list(find_events(article, sents, entities, published, gazetteer=gazetteer))
        _add_event_entities(ex, article.body)
    find_themes = _optional("themes", "find_themes")
    if find_themes is not None:
        ex.themes = list(find_themes(article, sents, ex.entities))
        holders = _optional("relations", "priority_holders")
        if holders is not None:
            ex.themes = holders(article.body, sents, ex.entities, ex.themes)
    find_relations = _optional("relations", "find_relations")
    if find_relations is not None:
        ex.relations = list(find_relations(article, sents, ex.entities, ex.events, themes=ex.themes,
                                           published=published, roles=ex.roles))
    _mark_publisher_and_authors(ex, article)
    _sidecar_publisher(ex, article, gazetteer)
    return ex


def _add_event_entities(ex: Extraction, body: str) -> None:
    """Each event becomes an Event entity. Organisation mentions inside an event's name
    ("SLOM" in "SLOM ke-17", "KTT ASEAN" in "KTT ASEAN ke-47") belong to the event, unless a
    post title stands before them ("Ketua ASEAN SLOM-WG": the body)."""
    spans: list[tuple[int, int]] = []
    for ev in ex.events:
        mentions = list(ev.mentions)
        if not mentions and ev.label:
            start = body.find(ev.label)
            if start >= 0:
                mentions = [Span(start, start + len(ev.label), ev.label)]
        spans += [(m.start, m.end) for m in mentions]
        aliases = [a for a in dict.fromkeys([*ev.aliases, *(m.text for m in mentions)]) if a != ev.label]
        if ex.entity(ev.key) is None:
            ex.entities.append(Entity(key=ev.key, label=ev.label, type="Event", aliases=aliases,
                                      mentions=sorted(mentions), rule="event"))
    kept = []
    for e in ex.entities:
        if e.type == "Organization" and e.mentions:
            inside = [m for m in e.mentions if any(a <= m.start and m.end <= b for a, b in spans)
                      and not _after_title(body, m.start)]
            if inside:
                e.mentions = [m for m in e.mentions if m not in inside]
                if not e.mentions:
                    continue
                surfaces = list(dict.fromkeys(" ".join(m.text.split()) for m in e.mentions))
                if e.label not in surfaces:
                    e.label = sorted(surfaces, key=lambda s: (len(s.split()), len(s)))[-1]
                e.aliases = [s for s in surfaces if s != e.label]
        kept.append(e)
    ex.entities = sorted(kept, key=lambda e: (e.mentions[0].start if e.mentions else 10**9, e.key))


def _after_title(body: str, start: int) -> bool:
    """Whether a post title stands right before ``start`` ("Ketua ASEAN SLOM-WG"): the body, not a meeting."""
    words = body[max(0, start - 30):start].split()
    return bool(words) and (words[-1].lower() in TITLE_WORDS or words[-1].lower() in ("keketuaan", "kepemimpinan"))


def _mark_publisher_and_authors(ex: Extraction, article: Article) -> None:
    """The publisher (the organisation named in the dateline or the sidecar) and the authors."""
    datelines = publisher_spans(article.text)
    for e in ex.entities:
        if e.type == "Organization" and ex.publisher is None and (
                e.rule in ("dateline.publisher", "metadata")
                or any(a <= m.start < b for m in e.mentions for a, b in datelines)
                or (article.publisher and fold(article.publisher) in {fold(e.label), *map(fold, e.aliases)})):
            ex.publisher = e.key
        if e.rule in ("byline", "metadata") and e.type == "Person":
            ex.authors.append(e.key)


def _sidecar_publisher(ex: Extraction, article: Article, gazetteer: Gazetteer) -> None:
    """The publisher the metadata sidecar gives, when the text does not name it: the reference
    entity of that name if there is exactly one, else ``org-<slug>``. It is the article's
    publisher, not something the text mentions, so it has no mention span."""
    if ex.publisher is not None or not article.publisher:
        return
    from labourgraph.namespaces import slug

    name = " ".join(article.publisher.split())
    keys = [k for k in gazetteer.candidates(name) if k.startswith("org-")]
    key = keys[0] if len(keys) == 1 else f"org-{slug(name)}"
    ex.publisher = key
    if ex.entity(key) is None:
        ref = gazetteer.get(key)
        ex.entities.append(Entity(key=key, label=ref.label if ref else name, type="Organization",
                                  reference=ref is not None, rule="metadata"))


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
