"""Meetings found in hand-written news sentences: series, edition, date, place, mode, host,
chair, participants, status, and one event per meeting."""
import re
from pathlib import Path

import pytest

from conftest import entities_named
from labourgraph.articles import Article, blank_chrome
from labourgraph.events import find_events, parse_ordinal, theme_entities
from labourgraph.gazetteer import Gazetteer
from labourgraph.records import Entity, Span
from labourgraph.text import sentences

GAZETTEER = Gazetteer.from_entries([
    {"key": "series-slom", "type": "Series", "label": "Pertemuan Pejabat Senior Perburuhan ASEAN",
     "labels": ["SLOM", "ASEAN Senior Labour Officials Meeting", "Senior Labour Officials Meeting"]},
    {"key": "series-slom-plus-3", "type": "Series", "label": "SLOM Plus Tiga", "labels": ["SLOM+3"]},
    {"key": "series-almm", "type": "Series", "label": "Pertemuan Menteri Tenaga Kerja ASEAN",
     "labels": ["ALMM", "ASEAN Labour Ministers' Meeting"]},
    {"key": "series-afml", "type": "Series", "label": "ASEAN Forum on Migrant Labour", "labels": ["AFML"]},
])

#: surface -> (key, type) of the entities the hand-written texts name
NAMES = {
    "Vietnam": ("country-vn", "Country"), "Indonesia": ("country-id", "Country"),
    "Thailand": ("country-th", "Country"), "Malaysia": ("country-my", "Country"),
    "Timor-Leste": ("country-tl", "Country"), "Kamboja": ("country-kh", "Country"),
    "Hanoi": ("place-hanoi", "Place"), "Bangkok": ("place-bangkok", "Place"), "Jakarta": ("place-jakarta", "Place"),
    "Phnom Penh": ("place-phnom-penh", "Place"),
    "Kemnaker": ("org-kemnaker", "Organization"), "Sekretariat ASEAN": ("org-asean-secretariat", "Organization"),
    "Budi Santoso": ("person-budi-santoso", "Person"),
    "Ministry of Human Resources": ("org-mohr-my", "Organization"),
}


def _article(text: str, language: str = "id") -> tuple[Article, list[Span], list[Entity]]:
    article = Article(id="t", path=Path("t.txt"), text=text, body=blank_chrome(text), language=language)
    entities = entities_named(text, NAMES)
    return article, sentences(article.body, language), entities


def _events(text: str, published: str | None = None, language: str = "id"):
    article, sents, entities = _article(text, language)
    return find_events(article, sents, entities, published, gazetteer=GAZETTEER)


@pytest.mark.parametrize("text, number", [
    ("ke-21", 21), ("ke 7", 7), ("ke-XXI", 21), ("pertama", 1), ("ke sebelas", 11), ("kesebelas", 11),
    ("kedua belas", 12), ("kedua puluh satu", 21), ("21st", 21), ("Thirteenth", 13), ("twenty-first", 21),
])
def test_parse_ordinal(text, number):
    assert parse_ordinal(text) == number


def test_numbered_meeting_with_date_place_and_canonical_alias():
    [ev] = _events("Pertemuan Pejabat Senior Perburuhan ASEAN (SLOM) ke-19 digelar di Hanoi, Vietnam "
                   "pada 5-6 Oktober 2023.", published="2023-10-10")
    assert (ev.key, ev.series, ev.edition) == ("meeting-slom-19", "SLOM", 19)
    assert (ev.date, ev.end_date, ev.place, ev.status) == ("2023-10-05", "2023-10-06", "place-hanoi", "held")
    assert "SLOM ke-19" in ev.aliases
    assert ev.label.startswith("Pertemuan Pejabat Senior Perburuhan ASEAN (SLOM)")


def test_english_ordinal_before_the_name_host_and_range():
    [ev] = _events("The 12th ASEAN Labour Ministers' Meeting was hosted by Thailand in Bangkok on "
                   "October 21-23, 2025.", published="2025-11-01", language="en")
    assert (ev.series, ev.edition, ev.host, ev.place) == ("ALMM", 12, "country-th", "place-bangkok")
    assert (ev.date, ev.end_date) == ("2025-10-21", "2025-10-23")
    assert "12th ALMM" in ev.aliases


def test_mentions_of_the_same_meeting_are_one_event():
    events = _events("Indonesia menghadiri SLOM ke-19 di Hanoi. Pertemuan SLOM ini dihadiri oleh Vietnam "
                     "selaku tuan rumah dan Sekretariat ASEAN sebagai pendukung.", published="2023-10-10")
    [ev] = events
    assert ev.host == "country-vn"
    roles = {p.key: p.role for p in ev.participants}
    assert roles["country-vn"] == "host" and roles["org-asean-secretariat"] == "secretariat-support"
    assert len(ev.mentions) == 2


def test_a_body_named_without_a_meeting_cue_is_not_an_event():
    assert _events("Hasil pertemuan akan dilaporkan kepada para menteri dalam ALMM.", published="2023-10-10") == []


def test_unnumbered_series_with_upcoming_marker_and_place_is_an_event():
    events = _events("Kemnaker menyiapkan bahan untuk SLOM dan SLOM+3 mendatang di Kamboja.",
                     published="2025-10-17")
    assert sorted((e.series, e.edition, e.place, e.status) for e in events) == [
        ("SLOM", None, "country-kh", "upcoming"), ("SLOM+3", None, "country-kh", "upcoming")]


def test_coordinated_editions_share_place_and_relative_date():
    events = _events("Indonesia berpartisipasi dalam SLOM ke-21 dan SLOM+3 ke-23 yang diselenggarakan di "
                     "Phnom Penh pekan lalu.", published="2025-10-24")
    assert [(e.series, e.edition, e.place, e.date, e.date_text) for e in events] == [
        ("SLOM", 21, "place-phnom-penh", None, "pekan lalu"),
        ("SLOM+3", 23, "place-phnom-penh", None, "pekan lalu")]
    # the JSON date stays null (corpus rule); the week before 2025-10-24 lies in October
    assert [e.approx_date for e in events] == ["2025-10", "2025-10"]


def test_a_delegations_online_attendance_is_not_the_meetings_mode():
    [ev] = _events("Delegasi Indonesia mengikuti SLOM ke-19 secara daring, meskipun pertemuan "
                   "diselenggarakan di Hanoi.", published="2023-10-10")
    assert ev.place == "place-hanoi" and ev.mode is None


@pytest.mark.parametrize("sentence, mode", [
    ("SLOM ke-19 diadakan secara virtual pada Kamis (5/10).", "online"),
    ("AFML ke-15 berlangsung di Phnom Penh, Kamboja dan secara virtual pada 19-20 Oktober 2022.", "hybrid"),
    ("SLOM ke-19 digelar secara tatap muka di Hanoi.", "in-person"),
])
def test_event_mode(sentence, mode):
    [ev] = _events(sentence, published="2023-10-10")
    assert ev.mode == mode


def test_weekday_date_takes_the_year_of_publication():
    [ev] = _events("Indonesia menghadiri SLOM ke-19 secara virtual pada Kamis (5/10).", published="2023-10-10")
    assert ev.date == "2023-10-05" and ev.date_text == "Kamis (5/10)"


def test_chair_is_not_host():
    [ev] = _events("ALMM ke-26 diadakan secara virtual dengan dipimpin oleh Indonesia.", published="2020-10-29")
    assert ev.chair == "country-id" and ev.host is None


def test_observers():
    [ev] = _events("SLOM ke-21 dihadiri seluruh negara anggota, dengan Timor-Leste berpartisipasi sebagai "
                   "pengamat.", published="2025-10-24")
    assert {p.key: p.role for p in ev.participants}["country-tl"] == "observer"


def test_unnamed_workshop_named_by_its_quoted_title():
    [ev] = _events('Pada tanggal 3 Mei, Kemnaker menyelenggarakan lokakarya "Masa Depan Pekerjaan di ASEAN" '
                   "di Jakarta.", published="2024-05-06")
    assert ev.label == "Masa Depan Pekerjaan di ASEAN" and ev.series is None
    assert (ev.host, ev.date, ev.place) == ("org-kemnaker", "2024-05-03", "place-jakarta")
    assert ev.key == "meeting-masa-depan-pekerjaan-di-asean"


def test_unnamed_meeting_with_a_person_and_a_date():
    [ev] = _events("Budi Santoso melakukan pertemuan tingkat tinggi dengan Menteri Tenaga Kerja Vietnam, "
                   "Senin (15/12) kemarin.", published="2025-12-16")
    assert ev.label == "pertemuan tingkat tinggi dengan Menteri Tenaga Kerja Vietnam"
    assert ev.date == "2025-12-15" and ev.status == "held"


def test_a_generic_forum_without_date_or_place_is_not_an_event():
    assert _events("Ini adalah sebuah forum untuk berbagi pengalaman.", published="2024-05-06") == []


def test_future_hosting_next_year_is_planned():
    [ev] = _events("Vietnam menyatakan kesiapannya menjadi tuan rumah SLOM tahun depan.", published="2025-12-16")
    assert (ev.host, ev.date, ev.status) == ("country-vn", "2026", "planned")


def test_date_after_publication_is_upcoming():
    [ev] = _events("ALMM ke-29 akan berlangsung pada 26 Oktober 2026 di Bangkok.", published="2026-10-01")
    assert ev.status == "upcoming" and ev.date == "2026-10-26"


def test_elliptic_editions_in_a_list():
    events = _events("Indonesia menjadi tuan rumah SLOM pertama pada tahun 2000 dan ke sebelas pada 2010.",
                     published="2019-03-26")
    assert sorted((e.edition, e.date) for e in events) == [(1, "2000"), (11, "2010")]


def test_meeting_theme_becomes_a_theme_entity():
    article, sents, entities = _article("AFML ke-15 mengangkat tema “Kerja Layak bagi Pekerja Migran” "
                                        "di Phnom Penh pada 19 Oktober 2022.")
    events = find_events(article, sents, entities, None, gazetteer=GAZETTEER)
    [theme] = theme_entities(article, sents, entities, events)
    assert theme.type == "Theme" and theme.label == "Kerja Layak bagi Pekerja Migran"
    assert events[0].theme == theme.key == "eventtheme-kerja-layak-bagi-pekerja-migran"


def test_output_is_deterministic():
    text = "SLOM ke-21 dan SLOM+3 ke-23 diselenggarakan di Phnom Penh, Kamboja pada 21 Oktober 2025."
    assert _events(text, "2025-10-24") == _events(text, "2025-10-24")


def test_the_next_meeting_of_a_series_is_not_the_numbered_one():
    events = _events("The 28th ASEAN Labour Ministers' Meeting was held in Bangkok on 30 October 2024. "
                     "The next ALMM will be hosted by Thailand in 2026.", published="2024-10-31", language="en")
    by_edition = {e.edition: e for e in events}
    assert by_edition[28].host is None and by_edition[28].status == "held"
    assert (by_edition[None].host, by_edition[None].date, by_edition[None].status) == ("country-th", "2026", "planned")


def test_indonesian_ordinal_before_the_series_name():
    [ev] = _events("Indonesia menjadi tuan rumah Pertemuan ke-18 SLOM Plus Tiga (SLOM+3) pada 12 September 2024.",
                   published="2024-08-14")
    assert (ev.series, ev.edition, ev.host, ev.date) == ("SLOM+3", 18, "country-id", "2024-09-12")
    assert ev.label.startswith("Pertemuan ke-18 SLOM Plus Tiga")


def test_a_preparatory_meeting_is_its_own_event():
    events = _events("Kemnaker menggelar rapat koordinasi persiapan SLOM ke-20 di Jakarta, Selasa (13/8/2024). "
                     "SLOM ke-20 akan diselenggarakan di Hanoi pada 9-11 September 2024.", published="2024-08-14")
    by_label = {e.label: e for e in events}
    prep = by_label["rapat koordinasi persiapan SLOM ke-20"]
    assert (prep.series, prep.date, prep.place, prep.host) == (None, "2024-08-13", "place-jakarta", "org-kemnaker")
    [slom] = [e for e in events if e.series == "SLOM"]
    assert (slom.edition, slom.date, slom.place, slom.status) == (20, "2024-09-09", "place-hanoi", "upcoming")


def test_on_weekday_is_the_latest_such_day_before_publication():
    [ev] = _events("Ministers met in Bangkok on Thursday for the 28th ASEAN Labour Ministers' Meeting.",
                   published="2024-11-02", language="en")
    assert ev.date == "2024-10-31"


def test_coordinated_meetings_share_host_date_and_place():
    events = _events("Kemnaker will host the 22nd ASEAN Senior Labour Officials Meeting and the 24th SLOM+3 in Hanoi "
                     "on May 12 to 14, 2026.", language="en")
    assert [(e.edition, e.host, e.place, e.date, e.end_date) for e in events] == [
        (22, "org-kemnaker", "place-hanoi", "2026-05-12", "2026-05-14"),
        (24, "org-kemnaker", "place-hanoi", "2026-05-12", "2026-05-14")]


def test_the_person_leading_a_meeting_chairs_it():
    [ev] = _events("Budi Santoso memimpin ALMM ke-26 yang digelar secara virtual, Rabu (28/10/2020).",
                   published="2020-10-28")
    assert ev.chair == "person-budi-santoso" and ev.host is None


def test_a_sentence_opening_with_the_bare_noun_continues_the_last_meeting():
    [ev] = _events("ALMM ke-26 digelar di Jakarta pada 28 Oktober 2020. Pertemuan dihadiri oleh Vietnam dan "
                   "Thailand.", published="2020-10-29")
    assert {"country-vn", "country-th"} <= {p.key for p in ev.participants}


def test_english_workshop_named_by_its_topic():
    [ev] = _events("A regional workshop on labour inspection will be held in Jakarta in March 2026.",
                   language="en")
    assert (ev.label, ev.place, ev.date, ev.status) == ("workshop on labour inspection", "place-jakarta", "2026-03",
                                                         "planned")     # only the month is fixed


def test_a_place_in_a_quotes_attribution_does_not_make_a_noun_an_event():
    assert _events("“Kami membahas forum kerja sama,” ujar Budi Santoso di Jakarta, Jumat (24/10).",
                   published="2025-10-24") == []


def test_a_delegations_online_attendance_is_its_participation_mode():
    [ev] = _events("SLOM ke-21 diselenggarakan di Phnom Penh, Kamboja, pekan lalu. "
                   "Meskipun kami mengikuti secara daring, kontribusi Indonesia tetap besar.", published="2025-10-24")
    assert ev.mode is None and ev.place == "place-phnom-penh"
    parts = {p.key: (p.role, p.mode) for p in ev.participants}
    assert parts["country-id"] == ("delegate", "online") and "country-kh" not in parts


def test_a_series_named_in_other_words_with_a_roman_edition():
    [ev] = _events("Pertemuan Tingkat Menteri Tenaga Kerja ASEAN ke-XXVII dijadwalkan berlangsung pada "
                   "20 Oktober 2024 di Bangkok.", published="2024-06-03")
    assert (ev.series, ev.edition, ev.date, ev.place, ev.status) == ("ALMM", 27, "2024-10-20", "place-bangkok",
                                                                      "upcoming")


def test_chair_named_after_the_meeting():
    [ev] = _events("SLOM ke-16 digelar secara daring pada 9 s.d 10 September 2021 dengan Malaysia sebagai ketua.",
                   published="2021-09-12")
    assert (ev.chair, ev.mode, ev.date, ev.end_date) == ("country-my", "online", "2021-09-09", "2021-09-10")


def test_a_chair_of_the_body_is_not_a_mention_of_the_meeting():
    events = _events("SLOM ke-13 digelar di Hanoi pada 13 Oktober 2020. Malaysia sebelumnya menjadi Chair SLOM "
                     "periode 2018-2020.", published="2020-10-15")
    [ev] = events
    assert [m.text for m in ev.mentions] == ["SLOM ke-13"]


@pytest.mark.parametrize("text, edition", [("SLOM-21 digelar di Hanoi pada 21 Oktober 2025.", 21),
                                           ("SLOM yang ke-21 digelar di Hanoi pada 21 Oktober 2025.", 21)])
def test_more_edition_forms(text, edition):
    [ev] = _events(text, published="2025-10-24")
    assert (ev.series, ev.edition) == ("SLOM", edition)


def test_a_forum_is_not_a_meeting_of_the_same_name():
    gaz = Gazetteer.from_entries([{"key": "series-afml", "type": "Series", "label": "Forum ASEAN tentang Pekerja Migran",
                                   "labels": ["AFML"]}])
    article, sents, entities = _article("Indonesia menghadiri Pertemuan ASEAN tentang Pekerja Migran di Jakarta "
                                        "pada 3 Mei 2024. Forum ASEAN tentang Pekerja Migran ke-16 digelar di "
                                        "Hanoi pada 9 Mei 2024.")
    events = find_events(article, sents, entities, "2024-05-23", gazetteer=gaz)
    [afml] = [e for e in events if e.series]
    assert (afml.series, afml.edition, afml.place) == ("AFML", 16, "place-hanoi")


def test_a_workshop_announced_for_a_month():
    [ev] = _events("Indonesia juga akan mengadakan lokakarya regional mengenai penempatan pekerja migran "
                   "pada bulan Juli.", published="2024-05-23")
    assert (ev.label, ev.date, ev.host, ev.status) == (
        "lokakarya regional mengenai penempatan pekerja migran", "2024-07", "country-id", "planned")


def test_in_person_and_online_is_hybrid():
    [ev] = _events("The 18th AFML was held in Bangkok on Oct. 21 and 22, 2025, in person and online.",
                   published="2025-10-24", language="en")
    assert (ev.mode, ev.date, ev.end_date) == ("hybrid", "2025-10-21", "2025-10-22")


def test_unnamed_events_offer_their_other_descriptive_names():
    [ev] = _events("Isu ini dibahas dalam berbagai forum acara, terakhir pada Selasa 27 Oktober 2020 lalu, di Jakarta.",
                   published="2020-10-30")
    assert ev.label == "forum acara di Jakarta (27 Oktober 2020)"
    assert {"forum acara di Jakarta", "forum acara (27 Oktober 2020)"} <= set(ev.aliases)


def test_a_country_hosting_through_its_ministry():
    [ev] = _events("Indonesia melalui Kemnaker menyelenggarakan SLOM ke-19 di Jakarta pada 5 Oktober 2023.",
                   published="2023-10-10")
    assert (ev.host, ev.organizer) == ("country-id", "org-kemnaker")


def test_edition_between_the_head_noun_and_the_rest_of_the_name():
    gaz = Gazetteer.from_entries([{"key": "series-asean-summit", "type": "Series", "label": "KTT ASEAN",
                                   "labels": ["ASEAN Summit"]}])
    article, sents, entities = _article("KTT ke-47 ASEAN akan berlangsung pada 26 Oktober 2025 di Bangkok.")
    [ev] = find_events(article, sents, entities, "2025-10-24", gazetteer=gaz)
    assert (ev.edition, ev.date, ev.status) == (47, "2025-10-26", "upcoming")


def test_follow_up_plans_of_a_meeting_do_not_make_it_planned():
    [ev] = _events("ALMM ke-26 digelar di Jakarta, Selasa (13/10/2020). Ada dua rencana tindak lanjut hasil dari "
                   "ALMM ke-26 ini.")
    assert ev.status == "held"


def test_status_from_words_when_the_article_has_no_date():
    events = _events("Budi Santoso spoke after opening a seminar on workplace safety in Jakarta. The 26th ALMM "
                     "would be held in Bangkok in September 2026.", language="en")
    status = {e.series or e.label: e.status for e in events}
    assert status == {"seminar on workplace safety": "held", "ALMM": "planned"}


def test_plus_three_dialogue_partners_in_the_sentence_after_the_meeting():
    events = _events("Indonesia mengikuti SLOM ke-21 dan SLOM+3 ke-23 di Phnom Penh pekan lalu. "
                     "Kerja sama juga diperkuat dengan mitra dialog seperti Vietnam dan Thailand.",
                     published="2025-10-24")
    roles = {e.series: {p.key: p.role for p in e.participants} for e in events}
    assert roles["SLOM+3"]["country-vn"] == roles["SLOM+3"]["country-th"] == "dialogue-partner"
    assert "country-vn" not in roles["SLOM"]


def test_a_bilateral_meeting_on_the_sidelines_of_a_summit():
    gaz = Gazetteer.from_entries([{"key": "series-asean-summit", "type": "Series", "label": "KTT ASEAN",
                                   "labels": ["ASEAN Summit"]}])
    article, sents, entities = _article(
        "Budi Santoso melakukan pertemuan bilateral dengan Menteri Tenaga Kerja Malaysia V. Sivakumar di sela-sela "
        "KTT ASEAN ke-42 di Jakarta, Kamis (11/5/2023). Dalam pertemuan itu, Malaysia hadir.")
    events = find_events(article, sents, entities, "2023-05-12", gazetteer=gaz)
    by_series = {e.series: e for e in events}
    side = by_series[None]
    assert side.label == "pertemuan bilateral dengan Menteri Tenaga Kerja Malaysia V. Sivakumar"
    assert (side.date, side.place) == ("2023-05-11", "place-jakarta")
    # the day is the bilateral meeting's; the summit it was held beside ran over more days
    assert by_series["KTT ASEAN"].date == "2023-05"


# -- the real gazetteer: series in translation, datelines, signings, modes, hosts -------------

def _real_events(text: str, language: str = "id"):
    from labourgraph.extract import extract
    article = Article(id="t", path=Path("t.txt"), text=text, body=blank_chrome(text), language=language)
    return extract(article).events


def test_series_in_indonesian_translation_with_edition_before_the_name_and_dateline_skipped():
    evs = _real_events(
        "Jakarta, 20 Mei 2024 - Indonesia mengikuti Pertemuan ke-9 Kelompok Kerja Pejabat Senior "
        "Ketenagakerjaan ASEAN yang diselenggarakan di Hanoi, Vietnam, pada 15-16 Mei 2024.\n\n"
        "Sebelumnya, SLOM-WG ke-8 tahun lalu di Bangkok membahas hal serupa.")
    by_edition = {e.edition: e for e in evs if e.series == "SLOM-WG"}
    assert set(by_edition) == {8, 9}
    assert (by_edition[9].date, by_edition[9].end_date) == ("2024-05-15", "2024-05-16")
    assert by_edition[8].date == "2023"              # "tahun lalu": the year before publication
    assert by_edition[8].place != by_edition[9].place


@pytest.mark.parametrize("name, series", [
    ("Pertemuan Menteri-Menteri Ketenagakerjaan ASEAN yang ke-31", "ALMM"),
    ("Forum ASEAN tentang Tenaga Kerja Migran ke-21", "AFML"),
    ("Pertemuan Komite ASEAN tentang Tenaga Kerja Migran ke-40", "ACMW"),
    ("Rapat Dewan Koordinasi Jaringan K3 ASEAN ke-30", "ASEAN-OSHNET CBM"),
    ("Forum ASEAN ke-15 tentang Tenaga Kerja Migran", "AFML"),
    ("Pertemuan Kelompok Kerja Pejabat Senior Ketenagakerjaan ASEAN yang ke-18", "SLOM-WG"),
    ("Pertemuan ke-28 Menteri-Menteri Ketenagakerjaan ASEAN", "ALMM"),
])
def test_translated_series_names_with_edition_after(name, series):
    evs = _real_events(f"{name} berlangsung di Jakarta pada 2 Juli 2024.")
    edition = int(re.search(r"ke-(\d+)", name).group(1))
    assert [(e.series, e.edition) for e in evs] == [(series, edition)]


@pytest.mark.parametrize("text, language, date, place", [
    ("Kedua menteri menyaksikan penandatanganan Nota Kesepahaman tentang Pelatihan Vokasi "
     "di Hanoi pada 8 Agustus 2024.", "id", "2024-08-08", None),
    ("After the talks, the signing of the MoU on skills training took place in Hanoi on 8 August 2024.",
     "en", "2024-08-08", "place-hanoi"),
    ("The two ministers witnessed the signing ceremony in Hanoi on 8 August 2024.", "en", "2024-08-08",
     "place-hanoi"),
    ("The launch of the regional guidelines took place in Hanoi on 8 August 2024.", "en", "2024-08-08",
     "place-hanoi"),
])
def test_signings_and_launches_are_events_with_date_and_place(text, language, date, place):
    [ev] = _real_events(text, language)
    assert ev.series is None and ev.date == date
    if place:
        assert ev.place == place


def test_signing_as_a_verb_is_no_event():
    assert _real_events("After signing the MoU in Hanoi on 8 August 2024, the minister flew home.", "en") == []


@pytest.mark.parametrize("phrase, mode", [
    ("was held in a hybrid format", "hybrid"), ("was held in hybrid mode", "hybrid"),
    ("took place both in person and online", "hybrid"), ("was held in-person and virtual", "hybrid"),
    ("was convened via videoconference", "online"), ("was held via video link", "online"),
])
def test_meeting_modes_in_english(phrase, mode):
    [ev] = _real_events(f"The 12th ACMW Meeting {phrase} on 3 May 2024.", "en")
    assert ev.mode == mode


@pytest.mark.parametrize("phrase, mode", [
    ("digelar secara hibrida", "hybrid"), ("digelar secara luring dan daring", "hybrid"),
    ("digelar melalui konferensi video", "online"),
])
def test_meeting_modes_in_indonesian(phrase, mode):
    [ev] = _real_events(f"Pertemuan ACMW ke-12 {phrase} pada 3 Mei 2024.")
    assert ev.mode == mode


def test_attended_virtually_by_is_the_delegations_mode_not_the_meetings():
    [ev] = _real_events("The 12th ACMW Meeting was held in Jakarta on 3 May 2024 and attended virtually "
                        "by Cambodia.", "en")
    assert ev.mode is None
    assert [(p.key, p.mode) for p in ev.participants if p.mode] == [("country-kh", "online")]


@pytest.mark.parametrize("text, language", [
    ("The 12th ACMW Meeting, hosted by the Department of Labor and Employment (DOLE), was held in Manila "
     "on 3 May 2024.", "en"),
    ("The 12th ACMW Meeting was held in Manila on 3 May 2024 with the Department of Labor and Employment "
     "(DOLE) as host.", "en"),
    ("Pertemuan ACMW ke-12 digelar di Manila pada 3 Mei 2024 dengan DOLE Filipina sebagai tuan rumah.", "id"),
])
def test_host_is_the_organisation_named_with_its_acronym_or_country(text, language):
    [ev] = _real_events(text, language)
    assert ev.host and ev.host.startswith("org-") and ev.host != "country-ph"


def test_a_country_hosting_the_next_edition():
    [ev] = _real_events("The Philippines will host the 19th AFML in 2026.", "en")
    assert (ev.host, ev.edition, ev.date) == ("country-ph", 19, "2026")


def test_previous_edition_in_the_same_sentence_keeps_its_own_year_and_place():
    evs = {e.edition: e for e in _real_events(
        "SLOM-WG ke-9 yang digelar di Hanoi pada 15 Mei 2024 melanjutkan hasil SLOM-WG ke-8 tahun lalu di Bangkok.")}
    assert (evs[9].date, evs[9].place) == ("2024-05-15", "place-hanoi")
    assert (evs[8].date, evs[8].place) == ("2023", "place-bangkok")


def test_a_day_without_year_takes_a_year_printed_elsewhere_in_the_article():
    [ev] = _real_events("SLOM-WG ke-9 digelar di Hanoi pada 15 Mei. Para delegasi menyepakati rencana kerja 2024 "
                        "dan program 2021-2025.")
    assert ev.date == "2024-05-15"


@pytest.mark.parametrize("text, language", [
    ("The ACMW held its 9th meeting in Hanoi on 15 May 2024.", "en"),
    ("ACMW menggelar pertemuan ke-9 di Hanoi pada 15 Mei 2024.", "id"),
])
def test_a_body_holding_its_numbered_meeting(text, language):
    """A body's meeting numbered through the verb that holds it."""
    [ev] = _real_events(text, language)
    assert (ev.series, ev.edition, ev.date) == ("ACMW", 9, "2024-05-15")


def test_after_the_forum_points_back_to_it_not_a_new_event():
    evs = _real_events("AFML ke-17 digelar di Hanoi pada 23 Oktober 2024. Usai forum, delegasi mengunjungi "
                       "pusat pelatihan di Hanoi.")
    assert [(e.series, e.edition) for e in evs] == [("AFML", 17)]


@pytest.mark.parametrize("text, language, host", [
    ("Tuan rumah AFML ke-18 adalah Thailand.", "id", "country-th"),
    ("The host of the 18th AFML, Thailand, opened it in Bangkok on 3 May 2024.", "en", "country-th"),
    ("The 18th AFML was held in Bangkok on 3 May 2024. Thailand, the host country, opened the forum.", "en",
     "country-th"),
])
def test_host_named_after_the_word_host(text, language, host):
    [ev] = _real_events(text, language)
    assert ev.host == host


def test_a_description_of_an_organisation_by_its_country_points_back_to_it():
    evs = _real_events("Presiden ASEAN TUC bertemu pimpinan VGCL di Hanoi pada 3 Mei 2024.\n\n"
                       "Serikat buruh Vietnam itu siap menjadi tuan rumah Pertemuan Tahunan ASEAN TUC tahun depan.")
    [ev] = [e for e in evs if e.series == "ASEAN TUC annual meeting"]
    assert ev.host == "org-vgcl"


@pytest.mark.parametrize("name, series, edition", [
    ("The 28th Meeting of ASEAN Labour Ministers", "ALMM", 28),
    ("The 18th Meeting of the SLOM Working Group", "SLOM-WG", 18),
    ("The 10th Meeting of the ACMW", "ACMW", 10),
])
def test_nth_meeting_of_a_series(name, series, edition):
    [ev] = _real_events(f"{name} was held in Jakarta on 2 July 2024.", "en")
    assert (ev.series, ev.edition) == (series, edition)


def test_a_previous_meeting_keeps_its_own_place_and_a_label_without_time_words_or_verbs():
    evs = _real_events("SLOM-WG ke-9 digelar di Hanoi pada 15 Mei 2024. Pertemuan serupa tahun lalu digelar di "
                       "Bangkok.", "id")
    current = [e for e in evs if e.series == "SLOM-WG"][0]
    assert current.place == "place-hanoi"
    others = [e for e in evs if e.series is None]
    assert all("tahun" not in e.label and "digelar" not in e.label for e in others)
    evs = _real_events("The 9th SLOM-WG was held in Hanoi on 15 May 2024. The previous meeting took place in "
                       "Bangkok in 2023.", "en")
    assert all("took" not in e.label for e in evs)


@pytest.mark.parametrize("text, language", [
    ("SLOM-WG ke-9, yang melanjutkan hasil pertemuan ke-8 di Bangkok pada Mei 2023, digelar di Hanoi pada "
     "15 Mei 2024.", "id"),
    ("The 9th SLOM-WG, which follows the 8th meeting in Bangkok in May 2023, was held in Hanoi on 15 May 2024.",
     "en"),
])
def test_a_numbered_meeting_noun_is_the_series_edition_and_an_aside_keeps_its_own_date(text, language):
    evs = {e.edition: e for e in _real_events(text, language)}
    assert evs[8].series == evs[9].series == "SLOM-WG"
    assert (evs[9].date, evs[9].place) == ("2024-05-15", "place-hanoi")
    assert (evs[8].date, evs[8].place) == ("2023-05", "place-bangkok")


def test_a_bare_meeting_noun_points_to_the_reported_meeting_and_brings_its_host():
    [ev] = _real_events("SLOM-WG ke-9 digelar di Manila pada 15 Mei 2024.\n\nDepartment of Labor and Employment (DOLE) "
                        "Filipina selaku tuan rumah menyampaikan bahwa pertemuan membahas pekerja rentan.")
    assert ev.edition == 9 and ev.host and ev.host.startswith("org-")


def test_events_host_by_a_countrys_ministry_is_the_ministry():
    [ev] = _events("The 18th ASEAN Forum on Migrant Labour (AFML), hosted by Malaysia's Ministry of Human "
                   "Resources, opened in Kuala Lumpur on 30 September 2025.", language="en")
    assert ev.host == "org-mohr-my"


# A numbered event of a series the gazetteer does not know: the series is its name.
NUMBERED_UNKNOWN_SERIES = [
    ("The 5th ASEAN Workshop on Port Labour Standards opened in Hanoi on 14 March 2023.", "2023-03-15",
     "ASEAN Workshop on Port Labour Standards", 5),
    ("The Twelfth ASEAN Seafarers Welfare Conference will be held in Bangkok next year.", "2023-03-15",
     "ASEAN Seafarers Welfare Conference", 12),
    ("Kemnaker menyelenggarakan Lokakarya Regional ASEAN ke-3 tentang Pekerja Rumahan di Bali pada 11 Maret 2019.",
     "2019-03-12", "Lokakarya Regional ASEAN tentang Pekerja Rumahan", 3),
    ("Sidang ASEAN Board on Fisheries Work ke-2 akan digelar di Manila tahun depan.", "2019-03-12",
     "Sidang ASEAN Board on Fisheries Work", 2),
    ("Delegates met at the 18th meeting of the ASEAN Network of Dock Inspectors in Yangon on 2 May 2018.",
     "2018-05-03", "ASEAN Network of Dock Inspectors meeting", 18),
]


@pytest.mark.parametrize("text,published,series,edition", NUMBERED_UNKNOWN_SERIES)
def test_a_numbered_event_of_an_unknown_series(text, published, series, edition):
    [ev] = _events(text, published=published)
    assert (ev.series, ev.edition) == (series, edition)
    assert ev.series_key == "series-" + __import__("labourgraph.namespaces").namespaces.slug(series)


# A meeting told by a verb, or by a noun the text gives a place and a date.
UNNAMED_BY_VERB_OR_NOUN = [
    ("Budi Santoso bertemu dengan Menteri Tenaga Kerja Vietnam di Hanoi pada Selasa (5/3/2019).", "2019-03-06",
     "id", "2019-03-05", "place-hanoi"),
    ("Budi Santoso met officials of the Ministry of Human Resources in Bangkok on 9 March 2023.", "2023-03-12",
     "en", "2023-03-09", "place-bangkok"),
    ("Indonesia hosted a regional consultation on care work in Jakarta on 1 March 2023.", "2023-03-12",
     "en", "2023-03-01", "place-jakarta"),
    ("The two-day meeting in Phnom Penh ended on 3 May 2022 with a joint statement.", "2022-05-04",
     "en", "2022-05-03", "place-phnom-penh"),
]


@pytest.mark.parametrize("text,published,language,date,place", UNNAMED_BY_VERB_OR_NOUN)
def test_an_unnamed_meeting_from_a_verb_or_a_noun(text, published, language, date, place):
    [ev] = _events(text, published=published, language=language)
    assert (ev.series, ev.date, ev.place) == (None, date, place)


def test_a_verb_of_meeting_without_place_or_date_is_no_event():
    assert _events("Budi Santoso bertemu dengan Menteri Tenaga Kerja Vietnam.", published="2019-03-06") == []


def test_capitalised_words_before_an_event_noun_are_part_of_its_name():
    [ev] = _events("Thailand hosted the ASEAN Regional Conference on Care Work in Bangkok on 12 September 2023.",
                   published="2023-09-14", language="en")
    assert ev.label.startswith("ASEAN Regional Conference on Care Work")


@pytest.mark.parametrize("text, label", [
    ("The ILO concluded the “Jobs for Tomorrow: ASEAN Youth Dialogue on Care Work” event in the Thai capital "
     "Bangkok on 3 May 2023.", "Jobs for Tomorrow: ASEAN Youth Dialogue on Care Work"),
    ("Kemnaker menggelar “Forum Pengawas Ketenagakerjaan Nasional 2024” di Jakarta.",
     "Forum Pengawas Ketenagakerjaan Nasional 2024"),
])
def test_a_quoted_title_with_an_event_noun_is_an_event(text, label):
    [ev] = _events(text, published="2023-05-04", language="en" if "The ILO" in text else "id")
    assert ev.label == label


def test_a_quoted_sentence_with_an_event_noun_is_no_event():
    assert _events("“The forum will help us,” Budi Santoso said.", published="2023-05-04", language="en") == []


def test_the_place_after_in_the_capital():
    [ev] = _events("The ILO concluded the “Jobs for Tomorrow: ASEAN Youth Dialogue on Care Work” event in the Thai "
                   "capital Bangkok on 3 May 2023.", published="2023-05-04", language="en")
    assert ev.place == "place-bangkok"


def test_a_shortened_name_of_a_known_edition_is_that_edition():
    events = _events("ASEAN Forum on Migrant Labour ke-12 digelar di Hanoi. Forum ASEAN ke-12 itu dibuka pada "
                     "5 Mei 2019.", published="2019-05-06")
    assert [(ev.series, ev.edition) for ev in events] == [("AFML", 12)]


def test_a_bare_noun_after_a_verb_of_opening_is_the_reported_event():
    events = _events("AFML ke-18 digelar di Kuala Lumpur. Menteri meresmikan forum pada 9 September 2025.",
                     published="2025-09-12")
    assert [(ev.series, ev.edition) for ev in events] == [("AFML", 18)]


def test_yesterday_resolves_against_a_stamped_publication_date():
    from labourgraph.dates import detect_published
    text = " date 2019-08-14 | Nama Penulis |\n\nThe 9th SLOM opened yesterday in Bangkok."
    article, _s, _e = _article(text, "en")
    [ev] = _events(text, published=detect_published(article), language="en")
    assert (ev.date, ev.place) == ("2019-08-13", "place-bangkok")


@pytest.mark.parametrize("text, date, place", [
    # a remark made on the sidelines of a meeting: the day is the remark's, the month the meeting's
    ("Hal itu disampaikan Budi Santoso di sela-sela SLOM, Bangkok, Kamis (6/6/2024).", "2024-06", "place-bangkok"),
    ("Budi Santoso said this on the sidelines of the SLOM, Bangkok, on 6 June 2024.", "2024-06", "place-bangkok"),
    # without the sidelines, the day is the meeting's
    ("SLOM digelar di Bangkok, Kamis (6/6/2024).", "2024-06-06", "place-bangkok"),
])
def test_sidelines_keep_only_the_month_and_the_place_after_the_name(text, date, place):
    [ev] = _events(text, published="2024-06-07", language="en" if "said" in text else "id")
    assert (ev.date, ev.place) == (date, place)


def test_the_most_specific_place_wins_over_the_country_given_first():
    [ev] = _events("SLOM ke-9 di Vietnam pada 2 Mei 2019 membahas pekerja migran. Pada SLOM ke-9 di Hanoi, "
                   "Vietnam, para pejabat sepakat.", published="2019-05-10")
    assert ev.place == "place-hanoi"


def test_editions_with_acronyms_in_parentheses_share_the_place():
    events = _events("Bangkok, 3 May 2019 – The 9th ASEAN Senior Labour Officials Meeting (9th SLOM) and 5th ASEAN "
                     "Forum on Migrant Labour (5th AFML) concluded today in Bangkok.", language="en")
    assert [(e.edition, e.place, e.date) for e in events] == [(9, "place-bangkok", "2019-05-03"),
                                                              (5, "place-bangkok", "2019-05-03")]


def test_its_inaugural_meeting_is_the_first_edition_of_the_series_just_named():
    events = _events("The 30th ASEAN Forum on Migrant Labour (30th AFML) was held in Bangkok on 3 May 2019. "
                     "The 30th AFML marked twenty years since its inaugural meeting in 1999. The AFML "
                     "chair thanked Thailand.", language="en")
    assert sorted((e.edition, e.date) for e in events) == [(1, "1999"), (30, "2019-05-03")]


@pytest.mark.parametrize("text, merged", [
    # a caption with a bare noun, then the one specific meeting of that noun: one meeting
    ("Budi Santoso pada pertemuan di Bangkok, Kamis (6/6/2024) (Foto: Kemnaker)\n\n"
     "Budi Santoso menyampaikan hal itu dalam pertemuan bilateral dengan Menteri Tenaga Kerja Thailand.", True),
    # two specific meetings of that noun: which one the bare noun means is unknown
    ("Budi Santoso pada pertemuan di Bangkok, Kamis (6/6/2024) (Foto: Kemnaker)\n\n"
     "Budi Santoso menyampaikan hal itu dalam pertemuan bilateral dengan Menteri Tenaga Kerja Thailand. "
     "Sehari sebelumnya ia memimpin pertemuan tripartit nasional di Jakarta pada 5 Juni 2024.", False),
])
def test_a_bare_event_noun_joins_the_one_specific_meeting_of_that_noun(text, merged):
    events = _events(text, published="2024-06-07")
    bilateral = [e for e in events if e.label.startswith("pertemuan bilateral")]
    assert len(bilateral) == 1
    assert ((bilateral[0].date, bilateral[0].place) == ("2024-06-06", "place-bangkok")) is merged


def test_a_name_with_glued_words_is_the_same_new_series():
    events = _events("The 4th ASEAN Regional Green Jobs Dialogue was held in Hanoi on 2 May 2019. Delegates at "
                     "the 4th ASEAN Regional GreenJobs Dialogue agreed on a plan.", language="en")
    assert [(e.edition, e.place) for e in events] == [(4, "place-hanoi")]


@pytest.mark.parametrize("text, label, date", [
    # a capitalised title with a date is a meeting, with no verb of holding
    ("A joint statement was adopted at the Special Meeting of ASEAN Labour Ministers on Green Jobs in May 2020.",
     "Special Meeting of ASEAN Labour Ministers on Green Jobs", "2020-05"),
    # "to the" before a capitalised word stays inside the title
    ("Officials met at the Special Meeting of ASEAN Labour Ministers on Response to the Floods in March this year.",
     "Special Meeting of ASEAN Labour Ministers on Response to the Floods", "2020-03"),
])
def test_a_capitalised_meeting_title_with_a_date_is_an_event(text, label, date):
    [ev] = _events(text, published="2020-12-18", language="en")
    assert (ev.label, ev.date) == (label, date)
