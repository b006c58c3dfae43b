"""Sentences and tokens: code-point offsets, line breaks, honorifics and initials."""
import pytest

from labourgraph.text import parse, sentence_at, sentences


def test_offsets_are_code_points_into_the_text():
    text = "“Kami siap,” ujar Budi – Jumat.\nIa menambahkan bahwa kerja sama penting."
    for sent in sentences(text):
        assert text[sent.start:sent.end] == sent.text


@pytest.mark.parametrize("text, expected", [
    ("Pertemuan dibuka.\nMenteri hadir", ["Pertemuan dibuka.", "Menteri hadir"]),
    ("Menurut Dr. Siti Aminah, kerja sama penting. Ia berharap.", ["Menurut Dr. Siti Aminah, kerja sama penting.", "Ia berharap."]),
    ("Wapres KSPI R. Hidayat hadir. Rapat selesai.", ["Wapres KSPI R. Hidayat hadir.", "Rapat selesai."]),
    ("Chaired by Ms. Lee Ann, the meeting ended. Officials left.", ["Chaired by Ms. Lee Ann, the meeting ended.", "Officials left."]),
    ("Judul berita\n\n   \nIsi berita pertama.", ["Judul berita", "Isi berita pertama."]),
])
def test_sentence_boundaries(text, expected):
    assert [s.text for s in sentences(text)] == expected


def test_blank_stretches_give_no_sentence():
    assert sentences("   \n\n      \n") == []


def test_sentence_at_finds_the_sentence_holding_an_offset():
    text = "Satu dua.\nTiga empat."
    sents = sentences(text)
    assert sentence_at(sents, text.index("empat")).text == "Tiga empat."
    assert sentence_at(sents, text.index("\n")) is None


def test_english_pipeline_tokenises_too():
    doc = parse("The 21st meeting was chaired by Singapore.", "en")
    assert [t.text for t in doc][:3] == ["The", "21st", "meeting"]


@pytest.mark.parametrize("text, language", [
    ("Para menteri bertemu di Jakarta untuk membahas pelatihan yang baru.", "id"),
    ("The ministers met in Jakarta to discuss the new training scheme.", "en"),
    ("SLOM ke-9 dan 5th SLOM+3", "id"),          # no function word: Indonesian, the corpus' default
])
def test_one_language_detector(text, language):
    from labourgraph.text import detect_language
    assert detect_language(text) == language


def test_there_is_one_language_detector():
    import labourgraph.events
    import labourgraph.extract
    import labourgraph.text
    assert labourgraph.events.detect_language is labourgraph.extract.detect_language is labourgraph.text.detect_language
