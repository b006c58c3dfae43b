"""Names found by description or by context: documents and programmes named by a lower-case
description beside a verb that makes, adopts or signs them (lexicons descriptive_titles.tsv
and document_verbs.tsv), an ordinal before a programme title, and the town after a venue."""
import pytest

from labourgraph.mentions import descriptive_title_candidates


@pytest.mark.parametrize("sentence, found", [
    ("Kementerian itu akan menyusun rencana aksi untuk melaksanakan kesepakatan tersebut.",
     [("rencana aksi", "Document")]),
    ("Para menteri menyepakati pula rencana aksi regional untuk periode 2026-2030 tentang pelatihan.",
     [("rencana aksi regional untuk periode 2026-2030", "Document")]),
    ("Kedua negara menandatangani nota kesepahaman di Bangkok.", [("nota kesepahaman", "Document")]),
    ("Dalam rapat itu ditetapkan rencana kerja tahun 2024-2026.", [("rencana kerja tahun 2024-2026", "Programme")]),
    ("The ministry has drafted a rural skills and training programme until 2030.",
     [("rural skills and training programme until 2030", "Programme")]),
    ("A joint statement was adopted at the close of the forum.", [("joint statement", "Document")]),
    ("The delegates endorsed the action plan for 2025-2027.", [("action plan for 2025-2027", "Document")]),
    # no verb of making or adopting: a description, not a name
    ("Rencana aksi sering dibicarakan di kantor itu.", []),
    ("The programme ran for three weeks in the city.", []),
    # "an outline of the programme": the words before the head are not one name
    ("They will prepare an outline of the programme.", []),
])
def test_descriptive_titles(sentence, found):
    assert [(c.text, c.type) for c in descriptive_title_candidates(sentence)] == found


@pytest.mark.parametrize("sentence", [
    "The programme is developing the skills of young workers.",   # a progressive, not a passive
    "The programme was launched last year.",                        # a bare general head
])
def test_not_descriptive_titles(sentence):
    assert descriptive_title_candidates(sentence) == []


@pytest.mark.parametrize("sentence, name", [
    ("The ministers presented the 2nd Regional Skills Awards to young workers.", "2nd Regional Skills Awards"),
    ("Winners of the 4th Youth Safety Competition were announced in Hanoi.", "4th Youth Safety Competition"),
])
def test_an_ordinal_before_a_programme_title_is_part_of_its_name(sentence, name):
    from pathlib import Path

    from labourgraph.articles import Article
    from labourgraph.extract import extract
    ex = extract(Article(id="t", path=Path("t.txt"), text=sentence, body=sentence, language="en"))
    assert name in [e.label for e in ex.entities if e.type == "Programme"]


@pytest.mark.parametrize("sentence, town", [
    ("The forum opened yesterday at the Riverside Grand Hotel in Kampong Ayer.", "Kampong Ayer"),
    ("Rapat digelar di Hotel Cendana Indah di Tuban pada Senin.", "Tuban"),
])
def test_the_town_after_a_venue_is_a_place(sentence, town):
    from labourgraph.mentions import venue_candidates
    found = [(c.text, c.rule) for c in venue_candidates(sentence, [])]
    assert (town, "place.venue-town") in found
