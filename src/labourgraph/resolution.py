"""Cross-article resolution: one node for the same meeting named differently in several articles.

Entities already share IRIs across articles when their keys match (reference entities by
gazetteer key, others by the slug of their full name). Meetings need more: one article
announces "SLOM dan SLOM+3 mendatang di Kamboja" without a number, another reports the
"SLOM ke-21 ... di Siem Reap, Kamboja" a week later. :func:`resolve_meetings` gives an
unnumbered meeting the key of the numbered edition of the same series when exactly one
such edition, from another article, fits in time (within :data:`WINDOW_DAYS` of it) and
place (same country, or no place said). Anything less certain is left alone. Only the key
changes: every fact stays in the graph of the article that states it, with that article's
sentence as evidence (a place, date or status is never copied from another article).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from labourgraph.records import Extraction

WINDOW_DAYS = 45


def _day(value: str | None) -> date | None:
    if not value or len(value) < 7:
        return None
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 15)


def rename_key(ex: Extraction, old: str, new: str) -> None:
    """Replace every reference to entity ``old`` by ``new`` in one extraction."""
    def swap(key):
        return new if key == old else key

    for e in ex.entities:
        e.key = swap(e.key)
    for ev in ex.events:
        ev.key = swap(ev.key)
        for p in ev.participants:
            p.key = swap(p.key)
        ev.host, ev.chair, ev.organizer = swap(ev.host), swap(ev.chair), swap(ev.organizer)
    for r in ex.relations:
        r.subject, r.object = swap(r.subject), swap(r.object)
    for role in ex.roles:
        role.organization = swap(role.organization)
    ex.entities = _merge_entities(ex.entities)


def _merge_entities(entities):
    merged: dict[str, object] = {}
    for e in entities:
        if e.key in merged:
            kept = merged[e.key]
            names = [kept.label, *kept.aliases]
            kept.aliases = list(dict.fromkeys([*kept.aliases, *(n for n in [e.label, *e.aliases] if n not in names)]))
            kept.mentions = sorted(set(kept.mentions) | set(e.mentions))
        else:
            merged[e.key] = replace(e, aliases=list(e.aliases), mentions=list(e.mentions))
    return list(merged.values())


def resolve_meetings(extractions: list[Extraction], country_of: Callable[[str | None], str | None]) -> int:
    """Re-key unnumbered meetings to the one numbered edition they must be; returns how many.

    ``country_of`` maps a place or country key to its country key (None when unknown).
    """
    editions: dict[str, list[tuple[Extraction, object]]] = {}
    for ex in extractions:
        for ev in ex.events:
            if ev.series_key and ev.edition:
                editions.setdefault(ev.series_key, []).append((ex, ev))
    renamed = 0
    for ex in sorted(extractions, key=lambda e: e.article_id):
        for ev in list(ex.events):
            if not ev.series_key or ev.edition:
                continue
            when = _day(ev.date) or _day(ex.published)
            where = country_of(ev.place)
            fits: dict[str, object] = {}
            for other_ex, other in editions.get(ev.series_key, []):
                if other_ex is ex:
                    continue
                other_when = _day(other.date) or _day(other_ex.published)
                if when is None or other_when is None or abs((other_when - when).days) > WINDOW_DAYS:
                    continue
                other_where = country_of(other.place)
                if where and other_where and where != other_where:
                    continue
                fits[other.key] = other
            if len(fits) == 1:
                # only the key is shared: the article keeps its own facts (its place, date and
                # status), so "di Kamboja" stays Cambodia in its graph, never the other
                # article's "Siem Reap"
                (key, _other), = fits.items()
                rename_key(ex, ev.key, key)
                renamed += 1
    for ex in extractions:
        _merge_events(ex)
    return renamed


def _merge_events(ex: Extraction) -> None:
    """Two events of one article that now share a key become one (first one's values win)."""
    merged: dict[str, object] = {}
    for ev in ex.events:
        if ev.key not in merged:
            merged[ev.key] = ev
            continue
        kept = merged[ev.key]
        for attr in ("series", "series_key", "edition", "date", "end_date", "date_text", "place", "mode",
                     "host", "chair", "organizer", "theme", "status", "evidence"):
            if getattr(kept, attr) is None:
                setattr(kept, attr, getattr(ev, attr))
        seen = {(p.key, p.role) for p in kept.participants}
        kept.participants += [p for p in ev.participants if (p.key, p.role) not in seen]
    ex.events = list(merged.values())


#: a document named only by its kind ("nota kesepahaman (MoU)") is not one document across articles
_GENERIC_AGREEMENT = re.compile(
    r"^(?:(?:sebuah|suatu|the|an?)\s+)?(?:nota\s+kesepahaman|nota\s+kesepakatan|memorandum\s+saling\s+pengertian|"
    r"memorandum\s+of\s+understanding|mou|perjanjian(?:\s+kerja\s*sama)?|kesepakatan|agreement|"
    r"cooperation\s+agreement)(?:\s*\(\s*mou\s*\))?$", re.IGNORECASE)


def is_generic_agreement(label: str) -> bool:
    """Whether a document's name is only its kind ("nota kesepahaman", "MoU")."""
    return bool(_GENERIC_AGREEMENT.match(" ".join(label.split())))


def scope_generic_documents(ex: Extraction) -> int:
    """Give agreements named only by their kind a key of their own: by their parties when
    the article names them (``document-mou-org-kspsi-org-vgcl``), else by the article."""
    renamed = 0
    for e in list(ex.entities):
        if e.type != "Document" or not is_generic_agreement(e.label):
            continue
        parties = {r.subject for r in ex.relations if r.object == e.key and r.predicate == "signs"}
        parties |= {r.object for r in ex.relations if r.predicate == "signsMoUWith" and r.subject in parties}
        parties |= {r.subject for r in ex.relations if r.predicate == "signsMoUWith" and r.object in parties}
        if len(parties) >= 2:
            key = "document-mou-" + "-".join(sorted(parties))
        else:
            key = f"{e.key}-{ex.article_id.lower().replace('_', '-')}"
        if key != e.key:
            rename_key(ex, e.key, key)
            renamed += 1
    return renamed
