"""Entity mentions in hand-written sentences: gazetteer names, rule-found organisations,
persons, programmes and documents, acronyms, coreference, bylines and datelines."""
import pytest

from labourgraph.gazetteer import Gazetteer, fold, is_case_sensitive
from labourgraph.mentions import build_entities, find_candidates
from labourgraph.text import parse

GAZ = Gazetteer.from_entries([
    {"key": "country-id", "type": "Country", "label": "Indonesia", "labels": ["RI", "Pemerintah Indonesia"]},
    {"key": "country-vn", "type": "Country", "label": "Vietnam", "labels": ["Viet Nam", "Việt Nam"]},
    {"key": "country-kh", "type": "Country", "label": "Kamboja", "labels": ["Cambodia"]},
    {"key": "org-asean", "type": "Organization", "label": "ASEAN", "labels": []},
    {"key": "org-kemnaker", "type": "Organization", "label": "Kementerian Ketenagakerjaan",
     "labels": ["Kemnaker"], "country": "country-id"},
    {"key": "org-kemendagri", "type": "Organization", "label": "Kementerian Dalam Negeri",
     "labels": ["Kemendagri"], "country": "country-id"},
    {"key": "org-moha-vn", "type": "Organization", "label": "Ministry of Home Affairs",
     "labels": ["Kementerian Dalam Negeri"], "country": "country-vn"},
    {"key": "org-ilo", "type": "Organization", "label": "International Labour Organization", "labels": ["ILO"]},
    {"key": "place-phnom-penh", "type": "Place", "label": "Phnom Penh", "labels": []},
])


def entities(text, gazetteer=GAZ, publisher=None, authors=()):
    doc = parse(text)
    cands = find_candidates(doc, gazetteer, article_text=text, publisher=publisher, authors=authors)
    return {e.label: e for e in build_entities(cands, gazetteer)}


def test_fold_ignores_case_and_accents():
    assert fold("Việt Nam") == fold("viet nam") == "viet nam"


@pytest.mark.parametrize("label, sensitive", [("RI", True), ("ILO", True), ("SLOM+3", True), ("ALM-WP", True),
                                              ("Kemnaker", False), ("Viet Nam", False)])
def test_acronyms_match_case_sensitively(label, sensitive):
    assert is_case_sensitive(label) is sensitive


@pytest.mark.parametrize("text, label, key", [
    ("Delegasi KEMENTERIAN KETENAGAKERJAAN hadir.", "KEMENTERIAN KETENAGAKERJAAN", "org-kemnaker"),
    ("Delegasi dari Việt Nam hadir.", "Việt Nam", "country-vn"),
    ("Tenaga kerja RI diakui.", "RI", "country-id"),
])
def test_gazetteer_names_are_found(text, label, key):
    assert entities(text)[label].key == key


def test_short_acronym_does_not_match_lower_case_word():
    assert "ri" not in {k.lower() for k in entities("Mereka bekerja sendiri di sana.")}


def test_longest_gazetteer_name_wins():
    found = entities("Pemerintah Indonesia menyambut baik kerja sama itu.")
    assert [(e.key, [m.text for m in e.mentions]) for e in found.values()] == [("country-id", ["Pemerintah Indonesia"])]


@pytest.mark.parametrize("text, key", [
    ("Di Hanoi, Vietnam menyiapkan rencana. Kementerian Dalam Negeri menyelenggarakan lokakarya.", "org-moha-vn"),
    ("Kementerian Dalam Negeri menyelenggarakan rapat di Jakarta.", "org-kemendagri"),
])
def test_shared_name_resolved_by_countries_in_context(text, key):
    assert entities(text)["Kementerian Dalam Negeri"].key == key


@pytest.mark.parametrize("text, label", [
    ("Kegiatan itu didukung Konfederasi Serikat Buruh Sejahtera Nusantara dan mitra lain.",
     "Konfederasi Serikat Buruh Sejahtera Nusantara"),
    ("Wakil dari Thai Labour Solidarity Committee turut hadir.", "Thai Labour Solidarity Committee"),
    ("Hal itu dibahas oleh Direktorat Bina Kelembagaan kemarin.", "Direktorat Bina Kelembagaan"),
])
def test_organisations_found_by_their_head_word(text, label):
    assert entities(text)[label].type == "Organization"


@pytest.mark.parametrize("text, label, typ", [
    ("Para menteri mengesahkan Rencana Kerja Pengawasan Regional 2026-2030 pekan ini.",
     "Rencana Kerja Pengawasan Regional 2026-2030", "Programme"),
    ("Delegasi membahas Deklarasi Manila tentang Perlindungan Pekerja Rumah Tangga.",
     "Deklarasi Manila tentang Perlindungan Pekerja Rumah Tangga", "Document"),
    ("The officials reviewed the Regional Guidelines on Labour Inspection before noon.",
     "Regional Guidelines on Labour Inspection", "Document"),
    ("Mereka meninjau program kerja para Menaker ASEAN tahun 2016-2020 bersama.",
     "program kerja para Menaker ASEAN tahun 2016-2020", "Programme"),
    # two titles joined by "and the": each is its own entity
    ("They adopted the Regional Guidelines on Port Safety and the Hanoi Joint Statement on Care Work.",
     "Hanoi Joint Statement on Care Work", "Document"),
    ("They adopted the Regional Guidelines on Port Safety and the Hanoi Joint Statement on Care Work.",
     "Regional Guidelines on Port Safety", "Document"),
    ("The Regional Youth Skills Competition opens in May.", "Regional Youth Skills Competition", "Programme"),
    # an English title in lower case: qualifier, head, "on/for" and a topic
    ("Officials reviewed the ASEAN work plan on port safety 2021-2025 and agreed on next steps.",
     "ASEAN work plan on port safety 2021-2025", "Programme"),
    ("They drafted a regional action plan on home workers, which goes to the ministers.",
     "regional action plan on home workers", "Document"),
    # two bodies joined by "and the"
    ("The Dockers' Federation of Laos and the Association of Ferry Operators signed it.",
     "Association of Ferry Operators", "Organization"),
])
def test_programmes_and_documents_found_by_their_head(text, label, typ):
    assert entities(text)[label].type == typ


@pytest.mark.parametrize("text, person", [
    ("Direktur Jenderal Kemnaker Sri Wahyuni membuka rapat.", "Sri Wahyuni"),
    ("“Kami siap,” ujar Bambang Irawan di Jakarta.", "Bambang Irawan"),
    ("Menurut Dr. Le Van Thanh, kerja sama itu penting.", "Le Van Thanh"),
    ("Rapat dipimpin oleh His Excellency Sok Chenda kemarin.", "Sok Chenda"),
    ("Yanti Lestari mengatakan bahwa pelatihan berlanjut.", "Yanti Lestari"),
    # a nominalised unit after a post is no part of the name
    ("Kepala Pengembangan Kemnaker, Dr. Rina Sari, hadir.", "Rina Sari"),
    # a name between commas after a post; a name before "met"
    ("The Minister of Fisheries, Lim Wei Ming, opened the session.", "Lim Wei Ming"),
    ("Lim Wei Ming met the delegates on Monday.", "Lim Wei Ming"),
])
def test_persons_found_in_context(text, person):
    assert entities(text)[person].type == "Person"


def test_title_is_not_part_of_the_person():
    found = entities("Sekretaris Jenderal Kemnaker Sri Wahyuni membuka rapat.")
    assert "Sri Wahyuni" in found and not any(k.startswith("Sekretaris") for k in found)


@pytest.mark.parametrize("text, label, alias", [
    ("Forum itu digelar Serikat Pekerja Pelabuhan Nusantara (SPPN) di Jakarta. SPPN menyambut baik.",
     "Serikat Pekerja Pelabuhan Nusantara", "SPPN"),
    ("Anggota ACTU (Australian Council of Trade Unions) hadir. ACTU mendukung.",
     "Australian Council of Trade Unions", "ACTU"),
])
def test_acronym_definitions_become_aliases(text, label, alias):
    found = entities(text)
    assert alias in found[label].aliases and alias not in found
    assert len(found[label].mentions) == 3


@pytest.mark.parametrize("text, full, short", [
    ("Kepala Biro Kemnaker Dewi Sartika Putri hadir. “Kami siap,” jelas Dewi.", "Dewi Sartika Putri", "Dewi"),
    ("Kepala Biro Kemnaker Dewi Sartika Putri hadir. “Kami siap,” jelas Sartika.", "Dewi Sartika Putri", "Sartika"),
    ("Presiden Kemnaker Andi Budi Nena Wea hadir. Andi Budi menyampaikan salam.", "Andi Budi Nena Wea", "Andi Budi"),
    ("President of ILO Tran Quoc Thanh hadir. Sebagai tindak lanjut, Thang dijadwalkan datang.", "Tran Quoc Thanh",
     "Thang"),
])
def test_short_names_and_typos_join_the_full_name(text, full, short):
    found = entities(text)
    assert short in found[full].aliases and short not in found


def test_label_is_the_fullest_form_and_key_is_its_slug():
    found = entities("Kepala Biro Kemnaker Dewi Sartika Putri hadir. Dewi menyampaikan salam.")
    assert found["Dewi Sartika Putri"].key == "person-dewi-sartika-putri"


def test_reference_entities_keep_their_gazetteer_key():
    assert entities("Kemnaker terus bekerja sama.")["Kemnaker"].key == "org-kemnaker"


@pytest.mark.parametrize("text, label, typ", [
    ("WARTAKERJA.COM – Pemerintah menambah pelatihan.\n", "WARTAKERJA.COM", "Organization"),
    ("Bandung (KABARBURUH) - Pemerintah menambah pelatihan.\n", "KABARBURUH", "Organization"),
    ("Isi berita.\n- Penulis: rina marlina\n", "rina marlina", "Person"),
    ("Isi berita. - Foto: KBN/Agus Salim\n", "Agus Salim", "Person"),
])
def test_bylines_credits_and_datelines_are_entities(text, label, typ):
    assert entities(text)[label].type == typ


def test_all_caps_byline_gets_a_normal_case_alias():
    found = entities("JUMAT, 10 MEI 2024 | LAPORAN: RINA MARLINA\n\nIsi berita.")
    assert "Rina Marlina" in found["RINA MARLINA"].aliases


@pytest.mark.parametrize("text, place", [
    ("Pertemuan digelar di kota Bekasi pekan lalu.", "Bekasi"),
    ("Rapat itu diadakan di Siem Reap, Kamboja, pekan lalu.", "Siem Reap"),
    ("Forum dibuka di Surakarta, Senin (3/6).", "Surakarta"),
])
def test_places_named_by_context(text, place):
    assert entities(text)[place].type == "Place"


def test_quoted_meeting_theme_is_a_theme_entity():
    found = entities("Pertemuan itu bertema “Pekerja Tangguh untuk Masa Depan” dan dihadiri menteri.")
    assert found["Pekerja Tangguh untuk Masa Depan"].type == "Theme"


def test_headline_capitals_do_not_make_names():
    found = entities("Menaker Budiman Dorong Kerja Sama Pelatihan di ASEAN\n\nIsi berita pendek.")
    assert not [e for e in found.values() if e.type == "Person"]


@pytest.mark.parametrize("text, label", [
    ("Mereka meluncurkan proyek Safe and Fair di Jakarta.", "proyek Safe and Fair"),
    ("Pasar tunggal ASEAN membuka kesempatan kerja.", "Pasar tunggal ASEAN"),
])
def test_lower_case_programme_heads(text, label):
    assert entities(text)[label].type == "Programme"


def test_organisation_words_after_a_title_are_not_a_name():
    found = entities("Direktur Jenderal Pembinaan Penempatan dan Perluasan Kesempatan Kerja hadir kemarin.")
    assert not [e for e in found.values() if e.type == "Person"]


@pytest.mark.parametrize("text, person", [
    ("The Regional Director, Kaori Tanaka-Sato, welcomed the outcome.", "Kaori Tanaka-Sato"),
    ("Vietnam's Deputy Minister of Home Affairs Vu Chien Thang also attended.", "Vu Chien Thang"),
    ("Singapore's Manpower Minister Tan See Leng said so.", "Tan See Leng"),
])
def test_english_names_after_posts(text, person):
    assert entities(text)[person].type == "Person"


def test_name_after_atau_is_another_name_of_the_same_body():
    found = entities("Kongres Buruh Nusantara (KBN) atau Nusantara Labour Congress bergabung kembali.")
    orgs = [e for e in found.values() if e.type == "Organization"]
    assert len(orgs) == 1
    assert {orgs[0].label, *orgs[0].aliases} == {"Kongres Buruh Nusantara", "KBN", "Nusantara Labour Congress"}


def test_short_form_defined_in_brackets_is_known_in_later_chunks():
    gaz = Gazetteer.from_entries([{"key": "country-id", "type": "Country", "label": "Indonesia", "labels": []}])
    text = ("Kementerian Pelindungan Pekerja (Kemlindung) hadir. "
            "Kepala Biro Umum Kemlindung Siti Rahayu Putri membuka acara.")
    found = entities(text, gazetteer=gaz)
    assert found["Siti Rahayu Putri"].type == "Person"
    assert "Kemlindung" in found["Kementerian Pelindungan Pekerja"].aliases


def test_place_where_something_is_held():
    assert entities("Pertemuan itu diselenggarakan di Luang Prabang pada pekan lalu.")["Luang Prabang"].type == "Place"


@pytest.mark.parametrize("text, label", [
    ('Pekerja difasilitasi dengan program "reskilling" dan "upskilling" tahun ini.', 'program "reskilling" dan "upskilling"'),
    ("BNSP mengikuti pilot project trilateral implementasi ASEAN Guiding Principles kemarin.",
     "pilot project trilateral implementasi ASEAN Guiding Principles"),
])
def test_programmes_after_lower_case_heads(text, label):
    assert entities(text)[label].type == "Programme"


def test_clause_after_proyek_is_not_a_programme():
    assert not [e for e in entities("Ia mengatakan proyek ini mendukung pelaksanaan Konsensus ASEAN.").values()
                if e.type == "Programme"]


def test_nested_programme_inside_a_document_title():
    found = entities("Keempat, pelaporan Monitoring and Evaluation Framework of the ALM Program 2018-2020.")
    assert found["ALM Program 2018-2020"].type == "Programme"


def test_known_title_followed_by_more_title_words_is_a_longer_title():
    gaz = Gazetteer.from_entries([{"key": "document-vientiane-declaration", "type": "Document",
                                   "label": "Vientiane Declaration", "labels": []}])
    found = entities("Ministers adopted the Vientiane Declaration on Green Jobs today.", gazetteer=gaz)
    assert found["Vientiane Declaration on Green Jobs"].key != "document-vientiane-declaration"


def test_name_after_a_titled_stretch_and_a_comma():
    found = entities("Ia didampingi perwakilan International Labour Organization (ILO) Indonesia, Jeffrey Lubis.")
    assert found["Jeffrey Lubis"].type == "Person"


def test_regional_office_keeps_its_province():
    gaz = Gazetteer.from_entries([{"key": "place-jawa-barat", "type": "Place", "label": "Jawa Barat", "labels": []}])
    found = entities("Kepala Dinas Tenaga Kerja Jawa Barat, Rina Wulandari, membuka acara.", gazetteer=gaz)
    assert found["Dinas Tenaga Kerja Jawa Barat"].type == "Organization"


def test_site_name_after_a_dateline_place():
    assert entities("BANDUNG, KABARKERJA.ID - Pelatihan dibuka.\n")["KABARKERJA.ID"].type == "Organization"


def test_list_of_titled_persons_is_cut_at_dan():
    found = entities("Menaker RI Budi Darmawan dan Menteri Tenaga Kerja Kamboja Sok Pheap menandatangani kesepakatan.")
    assert found["Budi Darmawan"].type == found["Sok Pheap"].type == "Person"


def test_mou_about_a_subject_is_a_document():
    found = entities("Kedua negara menandatangani MoU tentang penempatan pekerja domestik pekan lalu.")
    assert found["MoU tentang penempatan pekerja domestik"].type == "Document"


@pytest.mark.parametrize("text, label", [
    ("Kepala Pusat Pasar Kerja Kemnaker Surya Warman hadir.", "Pusat Pasar Kerja"),
    ("Balai Latihan Kerja (BLK) akan diperkuat.", "Balai Latihan Kerja"),
])
def test_centres_are_organisations(text, label):
    assert entities(text)[label].type == "Organization"


@pytest.mark.parametrize("text, persons", [
    ("Hadir antara lain Somchai Pornprasert dan Wirote Kaewmanee dari serikat pekerja.",
     {"Somchai Pornprasert", "Wirote Kaewmanee"}),
    ("The panel included Jose Antonio Ramos and Liza Marie Dizon from labour groups.",
     {"Jose Antonio Ramos", "Liza Marie Dizon"}),
])
def test_persons_listed_after_a_list_word(text, persons):
    found = entities(text)
    assert persons <= {label for label, e in found.items() if e.type == "Person"}


def test_country_closes_an_organisation_name_before_a_long_person_name():
    found = entities("Sekretaris Jenderal Konfederasi Buruh Nasional Filipina Ana Maria Santos Cruz hadir.",
                     Gazetteer.from_entries([{"key": "country-ph", "type": "Country", "label": "Filipina",
                                              "labels": []}]))
    assert found["Konfederasi Buruh Nasional Filipina"].type == "Organization"
    assert found["Ana Maria Santos Cruz"].type == "Person"


VENUE_GAZ = Gazetteer.from_entries([
    {"key": "place-jakarta", "type": "Place", "label": "Jakarta", "labels": []},
    {"key": "place-phnom-penh", "type": "Place", "label": "Phnom Penh", "labels": []},
])


@pytest.mark.parametrize("text, venue", [
    ("Rapat digelar di Hotel Sahid Jaya Jakarta pada Selasa.", "Hotel Sahid Jaya"),
    ("Acara itu berlangsung di Gedung Vokasi Nusantara, Jakarta.", "Gedung Vokasi Nusantara"),
    ("The training was held at the Riverside Phnom Penh Hotel.", "Riverside Phnom Penh Hotel"),
    ("Delegates gathered at the Mekong International Convention Centre.", "Mekong International Convention Centre"),
])
def test_named_venues_are_places(text, venue):
    assert entities(text, VENUE_GAZ)[venue].type == "Place"


@pytest.mark.parametrize("text, place", [
    ("Pelatihan digelar di Kecamatan Karang Tengah, Jakarta.", "Karang Tengah"),
    ("The office moved to Manila's Ermita district last year.", "Ermita"),
])
def test_districts_are_places(text, place):
    assert entities(text, VENUE_GAZ)[place].type == "Place"


REGION_GAZ = Gazetteer.from_entries([
    {"key": "place-kendal", "type": "Place", "label": "Kendal", "labels": ["Kabupaten Kendal"]},
    {"key": "place-jawa-tengah", "type": "Place", "label": "Jawa Tengah", "labels": ["Provinsi Jawa Tengah"]},
    {"key": "org-kemnaker", "type": "Organization", "label": "Kemnaker", "labels": []},
])


@pytest.mark.parametrize("text, org", [
    ("Pelatihan las dibuka di Balai Latihan Kerja (BLK) Kendal pekan ini.", "Balai Latihan Kerja (BLK) Kendal"),
    ("Kepala Disnaker Kabupaten Kendal Sri Hartati membuka acara.", "Disnaker Kabupaten Kendal"),
    ("Pemerintah Provinsi Jawa Tengah menyiapkan anggaran pelatihan.", "Pemerintah Provinsi Jawa Tengah"),
    ("Humas Kemnaker menyampaikan keterangan tertulis.", "Humas Kemnaker"),
    ("Ketua Regional Serikat Pekerja Nasional Rudi Santoso hadir.", "Serikat Pekerja Nasional"),
])
def test_regional_offices_and_units_are_organisations(text, org):
    found = entities(text, REGION_GAZ)
    assert found[org].type == "Organization"


def test_province_alone_stays_a_place():
    assert entities("Pelatihan itu digelar di Provinsi Jawa Tengah.", REGION_GAZ)["Provinsi Jawa Tengah"].type == "Place"


@pytest.mark.parametrize("text, org, acronym", [
    ("Mekong Migrant Forum in Asia (MMFA) menyerukan ratifikasi.", "Mekong Migrant Forum in Asia", "MMFA"),
    ("The Domestic Workers Alliance (DWA) welcomed the plan.", "Domestic Workers Alliance", "DWA"),
])
def test_civil_society_bodies_with_their_acronym(text, org, acronym):
    found = entities(text)
    assert found[org].type == "Organization" and acronym in found[org].aliases


def test_forum_on_a_subject_is_not_a_body():
    found = entities("The Regional Forum on Labour Mobility (RFLM) closed on Friday.")
    assert not any(e.type == "Organization" and "Forum" in label for label, e in found.items())


@pytest.mark.parametrize("text, person", [
    ("Teresita Gomez Villanueva chaired the session on skills.", "Teresita Gomez Villanueva"),
    ("Kittisak Boonprasert, a researcher at the university, presented the study.", "Kittisak Boonprasert"),
    ("Khun Pornthip Sukjai presented the Thai experience.", "Pornthip Sukjai"),
    ("Sesi itu dipimpin oleh Ramon Dizon Santiago.", "Ramon Dizon Santiago"),
])
def test_persons_without_a_title(text, person):
    assert entities(text)[person].type == "Person"


def test_all_caps_dateline_place_gets_a_normal_case_alias():
    found = entities("PHNOM PENH - Pelatihan dibuka hari ini.\n")
    assert "Phnom Penh" in found["PHNOM PENH"].aliases


PROBES = __import__("pathlib").Path(__file__).parent / "data" / "probes"


def _probe(name):
    from labourgraph.articles import read_article
    from labourgraph.extract import extract
    from labourgraph.gazetteer import default_gazetteer
    return extract(read_article(PROBES / name), default_gazetteer())


def test_probe_english_article_finds_foreign_names_and_bodies():
    ex = _probe("fishers-dialogue-en.txt")
    found = {(e.type, e.label) for e in ex.entities}
    assert {("Person", "Patricia Yvonne Caunan"), ("Person", "Julius Cainglet"), ("Person", "Apinya Tajit"),
            ("Person", "Sutthasinee Kaewleklai"), ("Person", "Phiphat Ratchakitprakarn"),
            ("Organization", "Migrant Forum in Asia"), ("Organization", "Migrant Workers Rights Network"),
            ("Place", "Manila Marriott Hotel")} <= found


def test_probe_indonesian_article_finds_regional_bodies_and_places():
    ex = _probe("pelatihan-vokasi-banten-id.txt")
    found = {(e.type, e.label) for e in ex.entities}
    assert {("Organization", "Dinas Tenaga Kerja dan Transmigrasi Provinsi Banten"),
            ("Organization", "Balai Latihan Kerja (BLK) Sidoarjo"), ("Organization", "Humas Kemnaker"),
            ("Place", "Kepulauan Riau"), ("Place", "Jawa Timur"), ("Person", "Dedy Ardiansyah")} <= found
    assert not any(e.type == "Person" and "Serang" in e.label for e in ex.entities)


def test_probe_meeting_article_venue_and_filipino_name():
    ex = _probe("almm-platform-work-en.txt")
    found = {(e.type, e.label) for e in ex.entities}
    assert {("Place", "National Convention Centre"), ("Person", "Ma. Carmela Torres"),
            ("Person", "Sinapan Samydorai")} <= found
    assert not any(e.type == "Document" and "Convention Centre" in e.label for e in ex.entities)


def test_probe_foreign_unions_in_indonesian():
    ex = _probe("serikat-buruh-asean-id.txt")
    found = {(e.type, e.label) for e in ex.entities}
    assert {("Organization", "Konfederasi Buruh Nasional Filipina"), ("Person", "Josua Mata"),
            ("Organization", "Kongres Buruh Thailand"), ("Person", "Chalee Loysung"),
            ("Place", "Hotel Aryaduta"), ("Person", "Mohd Effendy Abdul Ghani")} <= found


def test_network_set_up_as_a_project_is_a_programme():
    found = entities("Jaringan Data Pasar Kerja ASEAN dibentuk sebagai proyek percontohan. "
                     "Jaringan Data Pasar Kerja ASEAN akan dievaluasi tahun depan.")
    assert found["Jaringan Data Pasar Kerja ASEAN"].type == "Programme"
    assert entities("Jaringan Serikat Pekerja ASEAN menyerukan kenaikan upah.")[
        "Jaringan Serikat Pekerja ASEAN"].type == "Organization"


def test_capital_of_a_country_is_not_a_place_name():
    gaz = Gazetteer.from_entries([{"key": "country-la", "type": "Country", "label": "Laos", "labels": []},
                                  {"key": "place-vientiane", "type": "Place", "label": "Vientiane", "labels": []}])
    found = entities("Kesepakatan itu dibuat di Ibukota Laos, Vientiane.", gaz)
    assert found["Laos"].type == "Country" and found["Vientiane"].type == "Place"
    assert not any(label.lower().startswith("ibukota") for label in found)


def test_site_name_glued_to_a_dateline_is_not_a_person():
    found = entities("Bandung,Kabarkerja.id-Pelatihan dibuka hari ini.\n")
    assert not any(e.type == "Person" for e in found.values())


@pytest.mark.parametrize("text, person", [
    ("Pairoj Chotikasathien, who heads the ministry, welcomed the plan.", "Pairoj Chotikasathien"),
    ("Septo Kalnadi selaku kepala dinas membuka acara.", "Septo Kalnadi"),
])
def test_name_before_a_relative_clause(text, person):
    assert entities(text)[person].type == "Person"


def test_world_bank_after_seperti_is_not_a_person():
    found = entities("Lembaga donor seperti Bank Dunia mendukung program itu.")
    assert not any(e.type == "Person" for e in found.values())


def test_name_of_a_body_in_a_list_keeps_name_and_body_apart():
    found = entities("Speakers included Lina Marie Santos, Apinya Tajit and Sutthasinee Kaewleklai "
                     "of the Migrant Workers Rights Network.")
    assert {"Apinya Tajit", "Sutthasinee Kaewleklai"} <= {k for k, e in found.items() if e.type == "Person"}
    assert found["Migrant Workers Rights Network"].type == "Organization"


@pytest.mark.parametrize("text, person", [
    ("Thailand diwakili Suchart Pornchaiwiseskul dalam pertemuan itu.", "Suchart Pornchaiwiseskul"),
    ("The minister met Wiwat Kunakornpaiboonsiri on Monday.", "Wiwat Kunakornpaiboonsiri"),
])
def test_names_after_an_agent_word(text, person):
    assert entities(text)[person].type == "Person"


@pytest.mark.parametrize("text", [
    "The forum was hosted by Vietnam's General Department of Labour Inspection.",
    "The forum was hosted by Vietnam’s General Department of Labour Inspection.",
])
def test_a_countrys_possessive_separates_the_country_from_what_it_owns(text):
    found = entities(text)
    assert found["Vietnam"].type == "Country"
    assert found["General Department of Labour Inspection"].type == "Organization"
