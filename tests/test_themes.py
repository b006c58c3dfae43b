"""Labour themes: triggers from the SKOS scheme, names discounted, priorities with actor and rank."""
import re
from pathlib import Path

import pytest

from labourgraph.articles import Article, blank_chrome
from labourgraph.records import Entity, Span
from labourgraph.text import sentences
from labourgraph.themes import find_themes, load_concepts

DATA = Path(__file__).parent / "data"
CONCEPTS = load_concepts(str(DATA / "themes-mini.ttl"))
NAMES = {
    "Kementerian Ketenagakerjaan": ("org-kemnaker", "Organization"),
    "Indonesia": ("country-id", "Country"),
    "Anwar Sanusi": ("person-anwar-sanusi", "Person"),
    "Deklarasi ASEAN tentang Pelindungan Pekerja Migran": ("document-deklarasi", "Document"),
}


def _themes(text: str):
    article = Article(id="t", path=Path("t.txt"), text=text, body=blank_chrome(text))
    entities = []
    for surface, (key, typ) in NAMES.items():
        spans = [Span(m.start(), m.end(), surface) for m in re.finditer(re.escape(surface), text)]
        if spans:
            entities.append(Entity(key=key, label=surface, type=typ, mentions=spans))
    return find_themes(article, sentences(article.body), entities, concepts=CONCEPTS)


def _labels(text: str) -> list[str]:
    return sorted({t.label for t in _themes(text)})


def test_scheme_file_loads_every_theme_with_english_label():
    concepts = load_concepts()
    labels = {c.label for c in concepts}
    assert len(concepts) >= 30 and {"occupational safety and health", "migrant workers", "decent work"} <= labels
    assert all(c.key.startswith("theme-") for c in concepts)


def test_triggers_in_both_languages_and_acronyms_as_written():
    assert _labels("Penegakan K3 menjadi prioritas. Pelatihan vokasi diperluas.") == [
        "occupational safety and health", "vocational training"]
    assert _labels("Para pejabat membahas k3 dan hal lain.") == []          # "K3" only as written


def test_reduplicated_plural_and_plural_marker_match_the_base_form():
    assert "workers' rights" in _labels("Mereka memperjuangkan hak para pekerja di kawasan.")
    assert "migrant workers" in _labels("Pemerintah melindungi hak-hak pekerja migran.")


def test_overlapping_triggers_longest_wins_but_its_head_counts():
    from labourgraph.themes import Concept
    concepts = (Concept("theme-a", "a", ("pelatihan vokasi",)), Concept("theme-b", "b", ("vokasi",)),
                Concept("theme-c", "c", ("pelatihan",)))
    text = "Pemerintah memperluas pelatihan vokasi."
    article = Article(id="t", path=Path("t.txt"), text=text, body=text)
    got = sorted(t.label for t in find_themes(article, sentences(text), [], concepts=concepts))
    assert got == ["a", "c"]      # "vokasi" is swallowed; "pelatihan" heads the longer phrase
    # rights of migrant workers are workers' rights too
    assert _labels("Pemerintah melindungi hak-hak pekerja migran.") == ["migrant workers", "workers' rights"]


def test_words_inside_a_ministry_name_do_not_make_a_theme():
    assert _labels("Kementerian Ketenagakerjaan menerima tamu dari Indonesia.") == []


def test_document_titles_do_count():
    assert "migrant workers" in _labels("Indonesia mendukung Deklarasi ASEAN tentang Pelindungan Pekerja Migran.")


def test_domain_wide_word_counts_only_when_repeated():
    assert _labels("Kerja sama ketenagakerjaan kedua negara terus berjalan.") == []
    assert _labels("Isu ketenagakerjaan dibahas. Kebijakan ketenagakerjaan diperbarui. "
                   "Data ketenagakerjaan dirilis.") == ["employment"]


def test_priority_list_gives_actor_rank_and_period():
    text = ("Indonesia menetapkan prioritas untuk periode 2020-2022.\n"
            "Pertama, memperluas pelatihan vokasi yang menjadi prioritas Indonesia.\n"
            "Kedua, pentingnya jaminan sosial bagi pekerja di Indonesia.\n")
    ranked = {t.label: (t.actor, t.rank) for t in _themes(text) if t.actor}
    assert ranked == {"vocational training": ("country-id", 1), "social protection": ("country-id", 2)}


def test_speaker_is_the_actor():
    text = "“Kesetaraan gender adalah prioritas utama kami,” ujar Anwar Sanusi di Jakarta."
    [actor] = [t.actor for t in _themes(text) if t.actor]
    assert actor == "person-anwar-sanusi"


def test_each_theme_is_listed_once_without_actor():
    themes = _themes("Pelatihan vokasi penting. Pelatihan vokasi diperluas lagi.")
    assert [(t.label, t.actor) for t in themes] == [("vocational training", None)]


def test_kerja_sama_is_cooperation_not_a_work_phrase():
    from labourgraph.themes import Concept
    concepts = (Concept("theme-social-dialogue-and-industrial-relations", "social dialogue and industrial relations",
                        ("hubungan kerja",)),)
    article = Article(id="t", path=Path("t.txt"), text="Hubungan kerja sama kedua negara erat.",
                      body="Hubungan kerja sama kedua negara erat.")
    assert find_themes(article, sentences(article.body), [], concepts=concepts) == []


def test_a_headline_alone_does_not_make_a_theme():
    text = "Indonesia Dorong Pelatihan Vokasi Dan Kesetaraan Gender\n\nPemerintah menekankan kesetaraan gender.\n"
    assert _labels(text) == ["gender equality"]


def test_list_items_take_the_period_stated_before_the_list():
    text = ("Indonesia menetapkan prioritas untuk periode 2020-2022.\n"
            "Pertama, memperluas pelatihan vokasi.\n")
    [item] = [t for t in _themes(text) if t.rank == 1]
    assert (item.actor, item.period) == ("country-id", "2020/2022")


# -- the real scheme: phrasings of under-detected themes, passing mentions -----------------------

def _real_labels(text: str) -> set[str]:
    article = Article(id="t", path=Path("t.txt"), text=text, body=blank_chrome(text))
    return {t.label for t in find_themes(article, sentences(article.body), [])}


@pytest.mark.parametrize("sentence, theme", [
    ("Para menteri membahas pelindungan bagi pekerja platform dan pekerja gig di kawasan.", "vulnerable workers"),
    ("Delegates discussed social protection for gig workers and platform workers.", "vulnerable workers"),
    ("Serikat pekerja mendesak pemerintah menjamin kebebasan berserikat di semua sektor.", "trade union rights"),
    ("The unions called for respect for freedom of association and collective bargaining.", "trade union rights"),
    ("Kedua negara sepakat memperkuat mobilitas tenaga kerja terampil di ASEAN.", "labour mobility"),
    ("Officials reviewed progress on skilled labour mobility under the MRA for engineers.", "labour mobility"),
    ("Pemerintah berkomitmen meratifikasi Konvensi ILO tentang kekerasan di tempat kerja.", "labour standards"),
    ("The forum discussed how to apply core labour standards in supply chains.", "labour standards"),
    ("The ministers pledged to promote decent employment for young people.", "decent work"),
    ("Pemerintah berupaya memastikan hak-hak tenaga kerja terpenuhi.", "workers' rights"),
    ("The union condemned union-busting practices at the factory.", "trade union rights"),
    ("The officials discussed the free movement of skilled workers within the region.", "labour mobility"),
])
def test_under_detected_themes_in_english_and_indonesian(sentence, theme):
    assert theme in _real_labels(sentence)


def test_a_trigger_shared_by_two_themes_counts_for_both():
    labels = _real_labels("The meeting discussed collective bargaining in the garment sector.")
    assert {"trade union rights", "social dialogue and industrial relations"} <= labels


@pytest.mark.parametrize("text, theme", [
    ("The forum closed with a dinner. Employment figures were mentioned briefly by the host.", "employment"),
    ("The delegates toured a factory. Its productivity was praised by the visitors.", "productivity"),
    ("Acara ditutup dengan makan malam bersama para pejabat SDM dari tiap negara.", "human resources development"),
])
def test_a_passing_mention_of_a_broad_theme_is_no_theme(text, theme):
    assert theme not in _real_labels(text)


@pytest.mark.parametrize("text, theme", [
    ("The ministers discussed job creation in the region.", "employment"),
    ("Unemployment rose in 2023. Unemployment among graduates is highest.", "employment"),
    ("Pemerintah berupaya meningkatkan produktivitas tenaga kerja.", "productivity"),
    ("Kedua negara sepakat memperkuat pengembangan SDM melalui pelatihan.", "human resources development"),
])
def test_a_broad_theme_discussed_is_a_theme(text, theme):
    assert theme in _real_labels(text)


def test_two_phrases_sharing_a_word_both_count():
    labels = _real_labels("Delegasi menekankan pentingnya pelindungan pekerja rentan di sektor domestik.")
    assert {"vulnerable workers", "workers' rights"} <= labels


@pytest.mark.parametrize("text, theme", [
    # a conjunct shares the words after it ("kesejahteraan [tenaga kerja]")
    ("Kedua negara sepakat meningkatkan kesejahteraan dan keterampilan tenaga kerja di kawasan.", "workers' welfare"),
    ("Kedua negara sepakat meningkatkan kesejahteraan dan keterampilan tenaga kerja di kawasan.", "skills development"),
])
def test_coordinated_words_share_their_complement(text, theme):
    assert theme in _full_labels(text)


def _full_labels(text: str) -> list[str]:
    article = Article(id="t", path=Path("t.txt"), text=text, body=text)
    return sorted({t.label for t in find_themes(article, sentences(text), [], concepts=load_concepts())})


def test_a_conjunct_inside_a_name_makes_no_theme():
    assert "migrant workers" not in _full_labels("Ketua Serikat Pekerja Informal dan Migran Rudi hadir di kantor.")
