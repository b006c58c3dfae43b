"""Cross-article resolution: an announced meeting and the numbered edition it became are one node."""
from __future__ import annotations

import pytest

from labourgraph.records import Entity, Event, Evidence, Extraction, Relation, Span
from labourgraph.resolution import resolve_meetings

EV = Evidence(Span(0, 4, "text"), "test")
COUNTRIES = {"place-siem-reap": "country-kh", "country-kh": "country-kh", "place-hanoi": "country-vn"}


def _article(aid, published, events):
    ex = Extraction(article_id=aid, published=published, language="id")
    ex.events = events
    ex.entities = [Entity(e.key, e.label, "Event", mentions=[Span(0, 4, "SLOM")]) for e in events]
    ex.relations = [Relation("country-id", "attends", e.key, EV) for e in events]
    return ex


def _unnumbered(place="country-kh", date=None):
    return Event("meeting-slom", "SLOM mendatang", series="SLOM", series_key="series-slom", place=place, date=date)


def _numbered(edition=21, place="place-siem-reap", date=None):
    return Event(f"meeting-slom-{edition}", f"SLOM ke-{edition}", series="SLOM", series_key="series-slom",
                 edition=edition, place=place, date=date)


def test_resolution_announced_meeting_becomes_the_numbered_edition():
    before = _article("a", "2025-10-17", [_unnumbered()])
    after = _article("b", "2025-10-24", [_numbered()])
    assert resolve_meetings([before, after], COUNTRIES.get) == 1
    assert [e.key for e in before.events] == ["meeting-slom-21"]
    assert [e.key for e in before.entities] == ["meeting-slom-21"]
    assert before.relations[0].object == "meeting-slom-21"
    # the article said "di Kamboja": its graph keeps Cambodia, not the other article's city
    assert before.events[0].place == "country-kh"


@pytest.mark.parametrize("later, reason", [
    ([_numbered(place="place-hanoi")], "another country"),
    ([_numbered(date="2025-03-01")], "months apart"),
    ([_numbered(21), _numbered(22)], "two editions fit"),
])
def test_resolution_leaves_doubtful_meetings_alone(later, reason):
    before = _article("a", "2025-10-17", [_unnumbered()])
    after = _article("b", "2025-10-24", later)
    assert resolve_meetings([before, after], COUNTRIES.get) == 0, reason
    assert before.events[0].key == "meeting-slom"


def test_resolution_never_merges_within_one_article():
    ex = _article("a", "2025-10-24", [_unnumbered(), _numbered()])
    assert resolve_meetings([ex], COUNTRIES.get) == 0


def test_resolution_agreements_named_by_their_kind_are_keyed_by_parties():
    from labourgraph.resolution import scope_generic_documents

    ex = Extraction(article_id="004_x", published="2025-12-16", language="id")
    ex.entities = [Entity("document-nota-kesepahaman", "nota kesepahaman", "Document", aliases=["MoU"])]
    ex.relations = [Relation("org-vgcl", "signs", "document-nota-kesepahaman", EV),
                    Relation("org-vgcl", "signsMoUWith", "org-kspsi", EV)]
    assert scope_generic_documents(ex) == 1
    assert ex.entities[0].key == "document-mou-org-kspsi-org-vgcl"
    assert ex.relations[0].object == "document-mou-org-kspsi-org-vgcl"


@pytest.mark.parametrize("label, generic", [
    ("nota kesepahaman", True), ("MoU", True), ("Memorandum of Understanding", True),
    ("Nota Kesepahaman tentang Penempatan Pekerja Migran", False), ("ASEAN Consensus", False),
])
def test_resolution_knows_which_document_names_are_only_a_kind(label, generic):
    from labourgraph.resolution import is_generic_agreement

    assert is_generic_agreement(label) is generic
