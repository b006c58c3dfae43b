"""Binary relations read from hand-written sentences, each with its sentence and rule."""
import re
from pathlib import Path

from conftest import entities_named
from labourgraph.articles import Article, blank_chrome
from labourgraph.records import Entity, Event, Evidence, Participant, Span, ThemeMention
from labourgraph.relations import find_relations
from labourgraph.text import sentences

NAMES = {
    "Siem Reap": ("place-siem-reap", "Place"), "Kamboja": ("country-kh", "Country"),
    "Vietnam": ("country-vn", "Country"), "Indonesia": ("country-id", "Country"),
    "Biro Kerja Sama": ("org-biro-kerja-sama", "Organization"), "Kemnaker": ("org-kemnaker", "Organization"),
    "BNSP": ("org-bnsp", "Organization"), "ASEAN TUC": ("org-asean-tuc", "Organization"),
    "TUCP": ("org-tucp", "Organization"), "ALMM": ("org-almm", "Organization"),
    "Jaringan K3 ASEAN": ("org-oshnet", "Organization"), "KSPSI": ("org-kspsi", "Organization"),
    "VGCL": ("org-vgcl", "Organization"), "Sekretariat ASEAN": ("org-asean-secretariat", "Organization"),
    "Panduan Sertifikasi Pekerja": ("document-panduan", "Document"),
    "Deklarasi Daya Saing": ("document-deklarasi", "Document"),
    "Rencana Kerja 2026-2030": ("programme-rencana-kerja", "Programme"),
    "nota kesepahaman": ("document-mou", "Document"),
    "SLOM ke-21": ("meeting-slom-21", "Event"), "KTT ASEAN ke-47": ("meeting-asean-summit-47", "Event"),
}


def _relations(text: str, events=(), published="2025-10-24", themes=()):
    article = Article(id="t", path=Path("t.txt"), text=text, body=blank_chrome(text), published=published)
    entities = entities_named(text, NAMES)
    rels = find_relations(article, sentences(article.body), entities, list(events), themes=list(themes),
                          published=published)
    return {(r.subject, r.predicate, r.object, r.time, r.status) for r in rels}, rels


def test_located_in_from_place_comma_country():
    got, _ = _relations("Pertemuan diselenggarakan di Siem Reap, Kamboja.")
    assert ("place-siem-reap", "locatedIn", "country-kh", None, None) in got


def test_unit_is_part_of_the_organisation_that_follows():
    got, _ = _relations("Kepala Biro Kerja Sama Kemnaker hadir.")
    assert ("org-biro-kerja-sama", "partOf", "org-kemnaker", None, None) in got


def test_rejoining_a_confederation_is_membership():
    got, _ = _relations("TUCP bergabung kembali di ASEAN TUC.")
    assert ("org-tucp", "memberOf", "org-asean-tuc", None, None) in got


def test_initiated_by_and_drafting():
    got, _ = _relations("Deklarasi Daya Saing merupakan dokumen yang diinisiasi oleh Indonesia. "
                        "Kemnaker dan BNSP berperan aktif dalam penyusunan Panduan Sertifikasi Pekerja.")
    assert ("country-id", "initiated", "document-deklarasi", None, None) in got
    assert {("org-kemnaker", "drafts", "document-panduan", None, None),
            ("org-bnsp", "drafts", "document-panduan", None, None)} <= got


def test_presented_by():
    got, _ = _relations("Sesi 2, yang dipresentasikan oleh Sekretariat ASEAN, menguraikan Rencana Kerja 2026-2030.")
    assert ("org-asean-secretariat", "presents", "programme-rencana-kerja", None, None) in got


def test_chair_for_a_period_and_planned_chairmanship():
    got, _ = _relations("Selama menjadi keketuaan ALMM periode 2020-2022, Indonesia menyusun agenda. "
                        "Mereka mempersiapkan kepemimpinan Vietnam dalam Jaringan K3 ASEAN pada tahun 2026.")
    assert ("country-id", "chairs", "org-almm", "2020/2022", None) in got
    assert ("country-vn", "willChair", "org-oshnet", "2026", "planned") in got


def test_results_carried_to_a_summit_report_to_it():
    got, _ = _relations("Hasil SLOM ke-21 akan dibawa ke KTT ASEAN ke-47 di Kuala Lumpur.")
    assert ("meeting-slom-21", "reportsTo", "meeting-asean-summit-47", None, None) in got


def test_planned_mou_signing():
    got, _ = _relations("VGCL dijadwalkan menandatangani nota kesepahaman dengan KSPSI tahun depan.",
                        published="2025-12-16")
    assert ("org-vgcl", "signsMoUWith", "org-kspsi", "2026", "planned") in got
    assert ("org-vgcl", "signs", "document-mou", "2026", "planned") in got


def test_event_facts_become_relations_with_the_event_date():
    sent = Span(0, 10, "SLOM ke-21")
    ev = Event(key="meeting-slom-21", label="SLOM ke-21", host="country-kh", chair="country-vn",
               place="place-siem-reap", date="2025-10-21", evidence=Evidence(sent, "event.series-edition"),
               participants=[Participant("country-id", "delegate", evidence=Evidence(sent, "event.participant"))])
    got, _ = _relations("SLOM ke-21 selesai.", events=[ev])
    assert {("country-kh", "hosts", "meeting-slom-21", "2025-10-21", None),
            ("country-vn", "chairs", "meeting-slom-21", "2025-10-21", None),
            ("meeting-slom-21", "heldIn", "place-siem-reap", "2025-10-21", None),
            ("country-id", "attends", "meeting-slom-21", "2025-10-21", None)} <= got


def test_stated_priorities_become_prioritises():
    sent = Span(0, 12, "Indonesia...")
    t = ThemeMention("theme-social-protection", "social protection", Evidence(sent, "theme.priority"),
                     actor="country-id", period="2020/2022")
    got, _ = _relations("Indonesia memprioritaskan perlindungan sosial.", themes=[t])
    assert ("country-id", "prioritises", "theme-social-protection", "2020/2022", None) in got


def test_every_relation_carries_its_sentence_and_rule():
    _, rels = _relations("Pertemuan diselenggarakan di Siem Reap, Kamboja. TUCP bergabung kembali di ASEAN TUC.")
    assert rels and all(r.evidence.rule.startswith("relation.") and r.evidence.sentence.text for r in rels)


def test_cooperation_between_two_parties_and_dialogue_partners():
    got, _ = _relations("Kerja sama KSPSI dan VGCL diperkuat. Indonesia bekerja sama dengan mitra dialog seperti "
                        "Vietnam dan Kamboja.")
    assert ("org-kspsi", "cooperatesWith", "org-vgcl", None, None) in got
    assert {("country-id", "cooperatesWith", "country-vn", None, None),
            ("country-id", "cooperatesWith", "country-kh", None, None)} <= got


def test_a_person_signs_for_the_organisation_they_hold_a_post_in():
    from labourgraph.records import Role
    text = "Budi dijadwalkan menandatangani nota kesepahaman dengan KSPSI tahun depan."
    NAMES["Budi"] = ("person-budi", "Person")
    try:
        article = Article(id="t", path=Path("t.txt"), text=text, body=text, published="2025-12-16")
        entities = [Entity(key=k, label=sf, type=t, mentions=[Span(m.start(), m.end(), sf)
                                                             for m in re.finditer(re.escape(sf), text)])
                    for sf, (k, t) in NAMES.items() if sf in text]
        role = Role("person-budi", "Presiden", "org-vgcl", Evidence(Span(0, len(text), text), "role.test"))
        rels = find_relations(article, sentences(text), entities, [], themes=[], published="2025-12-16", roles=[role])
    finally:
        del NAMES["Budi"]
    assert ("org-vgcl", "signsMoUWith", "org-kspsi") in {(r.subject, r.predicate, r.object) for r in rels}
