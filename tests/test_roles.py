"""Person - post - organisation statements in hand-written sentences (one pattern per case)."""
import pytest

from labourgraph.gazetteer import Gazetteer
from labourgraph.mentions import build_entities, find_candidates
from labourgraph.roles import find_roles
from labourgraph.text import parse, sentences

GAZ = Gazetteer.from_entries([
    {"key": "country-id", "type": "Country", "label": "Indonesia", "labels": ["RI"]},
    {"key": "country-vn", "type": "Country", "label": "Vietnam", "labels": ["Viet Nam"]},
    {"key": "country-sg", "type": "Country", "label": "Singapore", "labels": ["Singapura"]},
    {"key": "org-kemnaker", "type": "Organization", "label": "Kementerian Ketenagakerjaan",
     "labels": ["Kemnaker"], "country": "country-id"},
    {"key": "org-biro-kerja-sama-kemnaker", "type": "Organization", "label": "Biro Kerja Sama Kemnaker",
     "labels": [], "country": "country-id", "parent": "org-kemnaker"},
    {"key": "org-ksbsi", "type": "Organization", "label": "Konfederasi Serikat Buruh Sejahtera Indonesia",
     "labels": ["KSBSI"], "country": "country-id"},
    {"key": "org-moha-vn", "type": "Organization", "label": "Kementerian Dalam Negeri", "labels": [],
     "country": "country-vn"},
])


def roles(text):
    return roles_with(GAZ, text)


def roles_with(gaz, text):
    doc = parse(text)
    ents = build_entities(find_candidates(doc, gaz, article_text=text), gaz)
    found = find_roles(text, sentences(doc), ents, gaz)
    label = {e.key: e.label for e in ents}
    return [(label[r.person], r.role, label.get(r.organization, r.organization)) for r in found]


@pytest.mark.parametrize("text, expected", [
    # TITLE ORG NAME
    ("Sekretaris Jenderal Kemnaker Rudi Hartono membuka acara.",
     ("Rudi Hartono", "Sekretaris Jenderal", "Kemnaker")),
    # TITLE ORG, NAME,
    ("Sekretaris Jenderal Kemnaker, Rudi Hartono, menyampaikan bahwa pelatihan penting.",
     ("Rudi Hartono", "Sekretaris Jenderal", "Kemnaker")),
    # TITLE ORG (ABBR) NAME
    ("Presiden Konfederasi Serikat Buruh Sejahtera Indonesia (KSBSI) Elly Rosita hadir.",
     ("Elly Rosita", "Presiden", "Konfederasi Serikat Buruh Sejahtera Indonesia")),
    # English title of ORG
    ("President of KSBSI Elly Rosita Silaban menerima tamu.",
     ("Elly Rosita Silaban", "President", "KSBSI")),
])
def test_title_org_name(text, expected):
    assert roles(text) == [expected]


def test_title_org_abbr_comma_names_in_a_list_of_guests():
    # the full gazetteer: a country name closes an organisation's name
    from labourgraph.gazetteer import default_gazetteer

    assert roles_with(default_gazetteer(), "Turut hadir Ketua Umum Federasi Buruh Pelabuhan Malaysia (FBPM), Siti Rahmah Abdullah Karim, "
                 "serta Wakil Ketua Serikat Guru Kamboja (SGK), Sok Pisey Chan.") == [
        ("Siti Rahmah Abdullah Karim", "Ketua Umum", "Federasi Buruh Pelabuhan Malaysia"),
        ("Sok Pisey Chan", "Wakil Ketua", "Serikat Guru Kamboja")]


def test_unit_named_with_parent_gives_the_parent_and_keeps_the_unit_in_the_title():
    assert roles("Kepala Biro Kerja Sama Kemnaker Sinta Dewi menekankan pentingnya K3.") == [
        ("Sinta Dewi", "Kepala Biro Kerja Sama", "Kemnaker")]


def test_name_comma_title_unit_parent_in_parentheses():
    assert roles("Dr. Tran Van Long, Wakil Direktur Departemen Hukum ( Kementerian Dalam Negeri ), berbicara.") == [
        ("Tran Van Long", "Wakil Direktur Departemen Hukum", "Kementerian Dalam Negeri")]


def test_second_post_after_the_first():
    got = roles("Tran Van Long, Kepala Departemen Hukum (Kementerian Dalam Negeri), Kepala delegasi Vietnam menekankan hal itu.")
    assert ("Tran Van Long", "Kepala delegasi", "Vietnam") in got


def test_unit_alone_is_the_organisation():
    assert roles("Kepala Direktorat Bina Kelembagaan Ani Suryani membuka rapat.") == [
        ("Ani Suryani", "Kepala", "Direktorat Bina Kelembagaan")]


@pytest.mark.parametrize("text, expected", [
    ("Chaired by Ms. Lee Mei Ling, Singapore’s Deputy Secretary for Workplaces, the meeting ended.",
     ("Lee Mei Ling", "Deputy Secretary for Workplaces", "Singapore")),
    ("It was opened by Singapore’s Minister of Manpower, His Excellency Tan Ah Kow.",
     ("Tan Ah Kow", "Minister of Manpower", "Singapore")),
])
def test_possessive_country_posts(text, expected):
    assert roles(text) == [expected]


def test_concurrent_post():
    got = roles("Presiden Kemnaker Andi Wijaya hadir. Andi Wijaya yang juga menjabat sebagai Presiden KSBSI menegaskan hal itu.")
    assert ("Andi Wijaya", "Presiden", "KSBSI") in got


def test_member_from_an_organisation_has_no_post():
    assert roles("Turut hadir Bui Thi Lan dari Kemnaker dalam pertemuan itu.") == [("Bui Thi Lan", None, "Kemnaker")]


def test_no_role_without_a_title():
    assert roles("Rudi Hartono bertemu Kemnaker kemarin.") == []


def test_side_named_before_a_list_of_units():
    got = roles("Sementara dari pihak KSBSI turut hadir Deputy Director Legal Department Nguyen Thi Ha.")
    assert got == [("Nguyen Thi Ha", "Deputy Director Legal Department", "KSBSI")]


@pytest.mark.parametrize("text, expected", [
    ("KSBSI president Elly Rosita welcomed the move.", ("Elly Rosita", "president", "KSBSI")),
    ("Singapore's Manpower Minister Tan See Leng said so.", ("Tan See Leng", "Manpower Minister", "Singapore")),
])
def test_english_org_title_name(text, expected):
    assert roles(text) == [expected]


def test_title_naming_its_unit_in_plain_words():
    got = roles("Ia didampingi Direktur Jenderal Pembinaan Hubungan Industrial Kemnaker, Indah Putri Anggoro, kemarin.")
    assert got == [("Indah Putri Anggoro", "Direktur Jenderal Pembinaan Hubungan Industrial", "Kemnaker")]


def test_hyphenated_english_title_before_of_the():
    got = roles("Also present was the Director-General of the Department of Labour Sabah, Ahmad Zaki Yusof.")
    assert got == [("Ahmad Zaki Yusof", "Director-General", "Department of Labour Sabah")]


@pytest.mark.parametrize("text, expected", [
    ("Duta Besar Singapura untuk Indonesia Lim Wei Ming hadir.", ("Lim Wei Ming", "Duta Besar", "Singapura")),
    ("Direktur KSBSI untuk Vietnam, Tran Thi Mai, menambahkan bahwa proyek berjalan.",
     ("Tran Thi Mai", "Direktur", "KSBSI")),
])
def test_country_after_untuk_qualifies_the_post(text, expected):
    assert roles(text) == [expected]


def test_title_with_abbreviation_in_brackets_before_the_ministry():
    got = roles("Direktur Jenderal Pengawasan Ketenagakerjaan (Dirjen Binwasnaker) Kemnaker, Rudi Hartono, mengatakan hal itu.")
    assert got == [("Rudi Hartono", "Direktur Jenderal Pengawasan Ketenagakerjaan (Dirjen Binwasnaker)", "Kemnaker")]


@pytest.mark.parametrize("text, expected", [
    ("The meeting was chaired by Ngo Van Binh, Minister of Labour and Social Affairs of Vietnam.",
     ("Ngo Van Binh", "Minister of Labour and Social Affairs", "Vietnam")),
    ("Singapore's Deputy Minister of Home Affairs Lim Boon Keng also attended.",
     ("Lim Boon Keng", "Deputy Minister of Home Affairs", "Singapore")),
    ("The Konfederasi Serikat Buruh Sejahtera Indonesia (KSBSI) Regional Director for Vietnam, Ana Lopez, spoke.",
     ("Ana Lopez", "Regional Director", "Konfederasi Serikat Buruh Sejahtera Indonesia")),
])
def test_english_posts_with_portfolio_or_region(text, expected):
    assert roles(text) == [expected]


def test_portfolio_and_country_between_title_and_name():
    got = roles("Malaysia diwakili Menteri Sumber Daya Manusia Singapura M. Rahman kepada Indonesia.")
    assert got == [("M. Rahman", "Menteri Sumber Daya Manusia", "Singapura")]


def test_person_who_now_holds_a_post():
    got = roles("Elly Rosita Silaban resmi menjabat sebagai Presiden KSBSI sejak Senin.")
    assert got == [("Elly Rosita Silaban", "Presiden", "KSBSI")]


def test_post_in_brackets_then_second_post():
    got = roles("Tran Van Long, Kepala Departemen Hukum (Kementerian Dalam Negeri, Urusan Veteran dan Sosial), "
                "Kepala delegasi Vietnam menekankan hal itu.")
    assert ("Tran Van Long", "Kepala delegasi", "Vietnam") in got


def test_post_of_the_next_person_in_a_list_is_not_taken():
    got = roles("Hadir pula Presiden KSBSI Elly Rosita, Sekretaris Jenderal Kemnaker Rudi Hartono.")
    assert sorted(got) == [("Elly Rosita", "Presiden", "KSBSI"), ("Rudi Hartono", "Sekretaris Jenderal", "Kemnaker")]


def test_sub_organisation_is_not_a_unit():
    gaz = Gazetteer.from_entries([
        {"key": "org-un", "type": "Organization", "label": "United Nations", "labels": ["UN"]},
        {"key": "org-ilo", "type": "Organization", "label": "International Labour Organization", "labels": ["ILO"]},
        {"key": "country-id", "type": "Country", "label": "Indonesia", "labels": []},
    ])
    doc = parse("Direktur ILO Indonesia Simrin Singh hadir.")
    ents = build_entities(find_candidates(doc, gaz, article_text=doc.text), gaz)
    got = find_roles(doc.text, sentences(doc), ents, gaz)
    assert [(r.role, r.organization) for r in got] == [("Direktur", "org-ilo")]


@pytest.mark.parametrize("text, expected", [
    ("According to Nguyen Thi Ha, Vice President of the KSBSI, the union will send delegates.",
     ("Nguyen Thi Ha", "Vice President", "KSBSI")),
    ("It was attended by Singapore's Permanent Secretary Haji Zainal Abidin.",
     ("Zainal Abidin", "Permanent Secretary", "Singapore")),
])
def test_more_english_orders(text, expected):
    assert roles(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Sementara itu, Ketua KSBSI Bidang Ketenagakerjaan Bob Azam menilai upah terlalu tinggi.",
     ("Bob Azam", "Ketua", "KSBSI")),
    ("Hal ini disampaikan Plt Dirjen Binapenta Kemnaker, Suhartono, di Jakarta.",
     ("Suhartono", "Plt Dirjen Binapenta", "Kemnaker")),
])
def test_field_of_a_post_and_one_word_names(text, expected):
    assert roles(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # a national post with no ministry named: the country holds it
    ("Indonesia menyiapkan pelatihan. Menteri Ketenagakerjaan Andi Wirawan membuka acara itu.",
     ("Andi Wirawan", "Menteri Ketenagakerjaan", "Indonesia")),
    # a nationality adjective names the country
    ("Vietnam will host the forum. Vietnamese Labour Minister Tran Quoc Bao opened the session.",
     ("Tran Quoc Bao", "Labour Minister", "Vietnam")),
])
def test_national_post_takes_the_country(text, expected):
    assert expected in roles(text)


def test_national_post_needs_the_country_in_the_article():
    assert roles("Menteri Ketenagakerjaan Andi Wirawan membuka acara itu.") == []


@pytest.mark.parametrize("text, expected", [
    # an English post with its portfolio before the body and the name
    ("Undersecretary for Skills and Overseas Employment of the Department of Migrant Workers "
     "Carlos Miguel Reyes Santos spoke first.",
     ("Carlos Miguel Reyes Santos", "Undersecretary for Skills and Overseas Employment", "Department of Migrant Workers")),
    # the name first, then the post and its body
    ("The talk was given by Teresa Anne Lim Ocampo, Undersecretary for Labour Relations of the Department of Labor.",
     ("Teresa Anne Lim Ocampo", "Undersecretary for Labour Relations", "Department of Labor")),
])
def test_long_english_posts(text, expected):
    assert expected in roles(text)


def test_english_apposition_with_the():
    assert ("Miguel Santos Ramos", "president", "Federation of Free Workers") in roles(
        '"We will keep pushing," said Miguel Santos Ramos, the president of the Federation of Free Workers.')


def test_government_unit_before_its_parent_takes_the_parent():
    assert ("Dewi Lestari", "Kepala Badan Perencanaan dan Pengembangan", "Kemnaker") in roles(
        "Kepala Badan Perencanaan dan Pengembangan Kemnaker Dewi Lestari memaparkan data.")


def test_union_federation_before_its_confederation_stays_its_own_body():
    found = roles("Ketua Umum Federasi Serikat Pekerja Logam KSBSI Rudi Hartono hadir.")
    assert not any(org == "KSBSI" for _, _, org in found)


def test_portfolio_before_the_post_stays_in_the_title():
    assert ("Nguyen Van Hai", "Labour Minister", "Vietnam") in roles(
        "The talks were chaired by Labour Minister of Vietnam Nguyen Van Hai.")


def _probe(name):
    from pathlib import Path

    from labourgraph.articles import read_article
    from labourgraph.extract import extract
    from labourgraph.gazetteer import default_gazetteer
    return extract(read_article(Path(__file__).parent / "data" / "probes" / name), default_gazetteer())


def test_probe_articles_roles():
    en = _probe("fishers-dialogue-en.txt")
    label = {e.key: e.label for e in en.entities}
    got = {(label[r.person], label.get(r.organization)) for r in en.roles}
    assert {("Patricia Yvonne Caunan", "Department of Migrant Workers"), ("Pairoj Chotikasathien", "Thailand"),
            ("Phiphat Ratchakitprakarn", "Thailand"), ("Julius Cainglet", "Federation of Free Workers")} <= got
    idn = _probe("pelatihan-vokasi-banten-id.txt")
    label = {e.key: e.label for e in idn.entities}
    got = {(label[r.person], label.get(r.organization)) for r in idn.roles}
    assert ("Septo Kalnadi", "Dinas Tenaga Kerja dan Transmigrasi Provinsi Banten") in got


def test_probe_foreign_posts_written_in_indonesian():
    ex = _probe("serikat-buruh-asean-id.txt")
    label = {e.key: e.label for e in ex.entities}
    got = {(label[r.person], label.get(r.organization)) for r in ex.roles}
    assert {("Josua Mata", "Konfederasi Buruh Nasional Filipina"), ("Chalee Loysung", "Kongres Buruh Thailand"),
            ("Immanuel Ebenezer", "Indonesia"), ("Indah Anggoro Putri", "Kemnaker")} <= got


def test_field_after_for_does_not_replace_the_body():
    gaz = Gazetteer.from_entries([
        {"key": "org-asean", "type": "Organization", "label": "ASEAN", "labels": []},
        {"key": "org-ascc", "type": "Organization", "label": "ASEAN Socio-Cultural Community", "labels": []}])
    text = "Deputy Secretary-General of ASEAN for ASEAN Socio-Cultural Community Ekkaphab Phanthavong spoke."
    doc = parse(text)
    ents = build_entities(find_candidates(doc, gaz, article_text=text), gaz)
    found = find_roles(text, sentences(doc), ents, gaz)
    assert [(r.person.startswith("person-"), r.organization) for r in found] == [(True, "org-asean")]


def test_title_name_of_org():
    assert ("Rudi Hartono", "Sekretaris Jenderal", "KSBSI") in roles(
        "Indonesia hadir. Sekretaris Jenderal Rudi Hartono dari KSBSI menyampaikan pandangan.")


def test_demonym_with_a_secretary_post():
    gaz = Gazetteer.from_entries([{"key": "country-ph", "type": "Country", "label": "Philippines", "labels": []}])
    text = "The Philippines sent a team. Philippine Labor Secretary Ramon Cruz Lopez led it."
    doc = parse(text)
    ents = build_entities(find_candidates(doc, gaz, article_text=text), gaz)
    found = find_roles(text, sentences(doc), ents, gaz)
    assert [(r.role, r.organization) for r in found] == [("Labor Secretary", "country-ph")]


def test_embassy_with_its_city_holds_the_post():
    gaz = Gazetteer.from_entries([{"key": "place-kl", "type": "Place", "label": "Kuala Lumpur", "labels": []}])
    text = "Atase Ketenagakerjaan KBRI Kuala Lumpur Sari Wulandari menjelaskan data."
    doc = parse(text)
    ents = build_entities(find_candidates(doc, gaz, article_text=text), gaz)
    label = {e.key: e.label for e in ents}
    found = [(label[r.person], r.role, label[r.organization]) for r in find_roles(text, sentences(doc), ents, gaz)]
    assert found == [("Sari Wulandari", "Atase Ketenagakerjaan", "KBRI Kuala Lumpur")]


# Post lexicon and patterns that generalise (sentences written for these tests).
def _full(text):
    from labourgraph.gazetteer import default_gazetteer
    return roles_with(default_gazetteer(), text)


@pytest.mark.parametrize("text, expected", [
    # COUNTRY's TITLE (portfolio with a comma) PERSON, no comma before the name
    ("Vietnam's Deputy Minister of Labour, Invalids and Social Affairs Tran Minh Khoa opened the talks.",
     ("Tran Minh Khoa", "Deputy Minister of Labour, Invalids and Social Affairs", "Vietnam")),
    # an ambassador / permanent representative: TITLE COUNTRY untuk ORG, PERSON
    ("Turut hadir Watap RI untuk ASEAN, Rina Kartika, dalam acara itu.",
     ("Rina Kartika", "Watap", "RI")),
    # the head of a country's delegation
    ("The Lao delegation, led by Director General Somsak Vongsa, presented its report.",
     ("Somsak Vongsa", "Director General", "Lao")),
    # a unit "of the" its ministry: the ministry is the organisation, the unit stays in the title
    ("Chan Dara, the Director of the Department of Employment of the Ministry of Labour and Vocational Training, "
     "spoke first.",
     ("Chan Dara", "Director of the Department of Employment", "Ministry of Labour and Vocational Training")),
    # PERSON, TITLE for the ORG
    ("Nguyen Thu Ha, deputy secretary-general for the ASEAN Socio-Cultural Community, spoke.",
     ("Nguyen Thu Ha", "deputy secretary-general", "ASEAN Socio-Cultural Community")),
    # TITLE UNIT ORG, honorific PERSON; a nominalised unit ("Penjaminan Mutu") is no name
    ("Hal itu disampaikan Direktur Penjaminan Mutu Kemenristekdikti, Prof Budi Wiryawan.",
     ("Budi Wiryawan", "Direktur Penjaminan Mutu", "Kemenristekdikti")),
    # a minister of a portfolio whose ministry the text names
    ("The Ministry of Labour and Social Welfare hosted the talks. Deputy Minister of Labour and Social Welfare, "
     "Ms Vanida Phommachanh, opened them.",
     ("Vanida Phommachanh", "Deputy Minister of Labour and Social Welfare", "Ministry of Labour and Social Welfare")),
    # a national post with a portfolio, then the country
    ("Menaker bertemu Menteri Sumber Manusia Malaysia, Ahmad Zulkifli, di Putrajaya.",
     ("Ahmad Zulkifli", "Menteri Sumber Manusia", "Malaysia")),
    # COUNTRY's TITLE, PERSON, (the name found between the commas)
    ("Singapore's Minister for Manpower, Lim Wei Ming, met the press.",
     ("Lim Wei Ming", "Minister for Manpower", "Singapore")),
])
def test_posts_that_generalise(text, expected):
    assert expected in _full(text)
