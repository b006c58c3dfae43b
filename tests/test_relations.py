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


# -- adoption, representation, priority holders, chairmanship themes (own sentences) ---------

MORE = {
    **NAMES,
    "Rencana Aksi Migrasi": ("programme-rencana-aksi-migrasi", "Programme"),
    "Pedoman Pengawasan K3": ("document-pedoman-pengawasan-k3", "Document"),
    "Work Plan on Green Jobs": ("programme-work-plan-green-jobs", "Programme"),
    "ALMM ke-27": ("meeting-almm-27", "Event"), "27th ALMM": ("meeting-almm-27", "Event"),
    "Budi Santoso": ("person-budi-santoso", "Person"), "Siti Rahma": ("person-siti-rahma", "Person"),
    "Laos": ("country-la", "Country"), "the ministers of ALMM": ("org-almm", "Organization"),
    "Mempekerjakan Pemuda untuk Masa Depan": ("eventtheme-mempekerjakan-pemuda", "Theme"),
}
ALMM_27 = Event("meeting-almm-27", "ALMM ke-27", series="ALMM", series_key="series-almm", edition=27, status="held",
                evidence=Evidence(Span(0, 10, "ALMM ke-27"), "event.test"),
                mentions=[])


def _more(text: str, events=(), themes=()):
    article = Article(id="t", path=Path("t.txt"), text=text, body=text, published="2025-10-24")
    entities = entities_named(text, MORE)
    rels = find_relations(article, sentences(text), entities, list(events), themes=list(themes), published="2025-10-24")
    return {(r.subject, r.predicate, r.object) for r in rels}


ADOPTIONS = [
    # (sentence, expected relations, relations that must not be there)
    ("ALMM ke-27 mengesahkan Rencana Aksi Migrasi.",
     {("programme-rencana-aksi-migrasi", "adoptedAt", "meeting-almm-27")}, set()),
    ("Kemnaker mengadopsi Pedoman Pengawasan K3 pada ALMM ke-27.",
     {("org-kemnaker", "adopts", "document-pedoman-pengawasan-k3"),
      ("document-pedoman-pengawasan-k3", "adoptedAt", "meeting-almm-27")}, set()),
    ("Para menteri menyepakati Rencana Aksi Migrasi dan Pedoman Pengawasan K3 dalam ALMM ke-27.",
     {("programme-rencana-aksi-migrasi", "adoptedAt", "meeting-almm-27"),
      ("document-pedoman-pengawasan-k3", "adoptedAt", "meeting-almm-27")}, set()),
    ("Pedoman Pengawasan K3 disahkan pada ALMM ke-27.",
     {("document-pedoman-pengawasan-k3", "adoptedAt", "meeting-almm-27")}, set()),
    ("The Work Plan on Green Jobs was adopted at the 27th ALMM.",
     {("programme-work-plan-green-jobs", "adoptedAt", "meeting-almm-27")}, set()),
    ("Vietnam endorsed the Work Plan on Green Jobs at the 27th ALMM.",
     {("country-vn", "adopts", "programme-work-plan-green-jobs"),
      ("programme-work-plan-green-jobs", "adoptedAt", "meeting-almm-27")}, set()),
    # a plan to adopt is not an adoption
    ("Kemnaker akan mengesahkan Pedoman Pengawasan K3 pada ALMM ke-27.", set(),
     {("org-kemnaker", "adopts", "document-pedoman-pengawasan-k3"),
      ("document-pedoman-pengawasan-k3", "adoptedAt", "meeting-almm-27")}),
    # no work named after the verb: nothing
    ("Para menteri menyetujui usulan Vietnam pada ALMM ke-27.", set(),
     {("country-vn", "adoptedAt", "meeting-almm-27")}),
]


def test_adoption_table_of_sentences():
    for text, expected, forbidden in ADOPTIONS:
        got = _more(text)
        assert expected <= got, (text, expected - got)
        assert not (forbidden & got), (text, forbidden & got)


def test_adoption_at_this_meeting_is_the_articles_one_meeting_but_an_old_adoption_is_not():
    got = _more("Kemnaker mengesahkan Pedoman Pengawasan K3 dalam pertemuan tersebut.", events=[ALMM_27])
    assert ("document-pedoman-pengawasan-k3", "adoptedAt", "meeting-almm-27") in got
    old = _more("Rencana Aksi Migrasi yang disahkan tahun 2017 menjadi dasar pertemuan tersebut.", events=[ALMM_27])
    assert not any(p == "adoptedAt" for _, p, _ in old), old


def test_adoption_by_them_after_a_report_of_the_meeting_is_at_that_meeting():
    """"Mereka juga mengesahkan X, Y" in an article about one held meeting: adopted at it, by
    the body whose members "mereka" are."""
    text = ("Pada pertemuan itu, the ministers of ALMM membahas migrasi. "
            "Mereka juga mengesahkan Rencana Aksi Migrasi, Pedoman Pengawasan K3 dan Work Plan on Green Jobs.")
    got = _more(text, events=[ALMM_27])
    for work in ("programme-rencana-aksi-migrasi", "document-pedoman-pengawasan-k3", "programme-work-plan-green-jobs"):
        assert (work, "adoptedAt", "meeting-almm-27") in got, work
        assert ("org-almm", "adopts", work) in got, work


REPRESENTATIONS = [
    ("Budi Santoso mewakili Indonesia di ALMM ke-27.", ("person-budi-santoso", "represents", "country-id")),
    ("Indonesia diwakili oleh Budi Santoso dalam pertemuan itu.", ("person-budi-santoso", "represents", "country-id")),
    ("Laos, represented by Siti Rahma, attended the 27th ALMM.", ("person-siti-rahma", "represents", "country-la")),
    ("Siti Rahma spoke on behalf of Laos.", ("person-siti-rahma", "represents", "country-la")),
    ("Budi Santoso, Kepala delegasi Vietnam, menyampaikan pandangannya.", ("person-budi-santoso", "represents", "country-vn")),
]


def test_representation_table_of_sentences():
    for text, expected in REPRESENTATIONS:
        assert expected in _more(text), text
    assert not any(p == "represents" for _, p, _ in _more("Budi Santoso bertemu Siti Rahma di Laos."))


def test_ranked_priorities_belong_to_the_holder_named_with_the_list_not_to_the_spokesman():
    from labourgraph.relations import priority_holders

    text = ("Budi Santoso mengatakan bahwa program kerja Keketuaan Laos memuat dua prioritas. "
            "Pertama, memperkuat perlindungan sosial. Kedua, mendorong kesetaraan gender.")
    sents = sentences(text)
    entities = entities_named(text, MORE)
    first, second = sents[1], sents[2]
    themes = [ThemeMention("theme-social-protection", "social protection", Evidence(first, "theme.priority"),
                           actor="person-budi-santoso", rank=1, period="2020/2022"),
              ThemeMention("theme-gender-equality", "gender equality", Evidence(second, "theme.priority"),
                           actor="person-budi-santoso", rank=2),
              ThemeMention("theme-social-protection", "social protection", Evidence(sents[0], "theme.priority"),
                           actor="country-la")]
    got = priority_holders(text, sents, entities, themes)
    assert {(t.theme, t.actor, t.rank) for t in got} == {("theme-social-protection", "country-la", 1),
                                                         ("theme-gender-equality", "country-la", 2)}
    assert next(t for t in got if t.rank == 1).period == "2020/2022"
    # a person's own ranked list, with no holder named, stays theirs
    alone = "Budi Santoso menyebut dua soal penting. Pertama, memperkuat perlindungan sosial."
    s = sentences(alone)
    t = ThemeMention("theme-social-protection", "social protection", Evidence(s[1], "theme.priority"),
                     actor="person-budi-santoso", rank=1)
    assert priority_holders(alone, s, entities_named(alone, MORE), [t])[0].actor == "person-budi-santoso"


def test_a_chairmanship_takes_the_quoted_theme_said_with_it():
    from labourgraph.relations import chair_theme

    text = ('Laos menjabat sebagai Ketua ALMM. Laos mengusung tema "Mempekerjakan Pemuda untuk Masa Depan" '
            "selama keketuaannya.")
    sents = sentences(text)
    got = chair_theme(text, sents, entities_named(text, MORE), [], "country-la")
    assert got is not None and got[0] == "eventtheme-mempekerjakan-pemuda" and got[1] == sents[1]
    # the theme of one of the article's meetings is not the chairmanship's
    ev = Event("meeting-almm-27", "ALMM ke-27", theme="eventtheme-mempekerjakan-pemuda")
    assert chair_theme(text, sents, entities_named(text, MORE), [ev], "country-la") is None
