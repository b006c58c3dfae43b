"""Date phrases in Indonesian and English news: resolution rules and publication mastheads."""
from pathlib import Path

import pytest

from labourgraph.articles import Article, blank_chrome
from labourgraph.dates import detect_published, find_dates, reference_date, resolve


def _article(text: str) -> Article:
    return Article(id="t", path=Path("t.txt"), text=text, body=blank_chrome(text))


@pytest.mark.parametrize("phrase, published, date, end", [
    ("Pada tanggal 17 Oktober", "2025-10-17", "2025-10-17", None),      # year from publication
    ("Jumat (24/10)", "2025-10-24", "2025-10-24", None),
    ("pada Kamis (9/9).", "2021-09-10", "2021-09-09", None),
    ("Selasa (16/12/2025)", None, "2025-12-16", None),                   # day/month order
    ("26 Oktober 2025", None, "2025-10-26", None),
    ("9 s.d 10 September 2021", None, "2021-09-09", "2021-09-10"),
    ("9-10 September 2021", None, "2021-09-09", "2021-09-10"),
    ("pada 19-20 Oktober 2022", None, "2022-10-19", "2022-10-20"),
    ("21 October 2025", None, "2025-10-21", None),
    ("October 21-23, 2025", None, "2025-10-21", "2025-10-23"),
    ("tahun depan", "2025-12-16", "2026", None),
    ("awal tahun depan", "2025-12-16", "2026", None),
    ("bulan depan", "2025-12-16", "2026-01", None),                       # a month, as "tahun depan" a year
    ("next month", "2023-09-13", "2023-10", None),
    ("bulan lalu", "2024-01-05", "2023-12", None),
    ("periode 2020-2022", None, "2020", "2022"),
    ("2026–2030", None, "2026", "2030"),
    ("pada tahun 2000", None, "2000", None),
])
def test_resolves_date_phrases(phrase, published, date, end):
    value = resolve(phrase, published)
    assert (value.date, value.end_date) == (date, end)


def test_weekday_alone_is_the_latest_such_day_on_or_before_publication():
    # 2020-12-08 is a Tuesday; 2020-12-10 a Thursday
    assert resolve("diterima di Jakarta, Selasa.", "2020-12-08").date == "2020-12-08"
    assert resolve("diterima di Jakarta, Selasa.", "2020-12-10").date == "2020-12-08"


def test_day_without_year_stays_null_without_a_reference():
    value = resolve("Rabu pagi (28 Oktober)", None)
    assert value.date is None and value.text == "Rabu pagi (28 Oktober)"


def test_vague_relative_dates_keep_only_their_text():
    value = resolve("pekan lalu", "2025-10-24")
    assert value.date is None and value.relative and value.text == "pekan lalu"


def test_weekday_that_disagrees_drops_the_day_and_lowers_confidence():
    agreeing = resolve("Kamis (23/10)", "2025-10-24")     # 2025-10-23 is a Thursday
    wrong = resolve("Jumat (23/10)", "2025-10-24")
    assert agreeing.date == "2025-10-23" and agreeing.weekday_ok
    assert wrong.date == "2025-10" and wrong.weekday_ok is False
    assert wrong.confidence < agreeing.confidence


def test_explicit_date_with_wrong_weekday_is_kept_but_trusted_less():
    value = resolve("Senin (13/10/2020)", None)           # a Tuesday
    assert value.date == "2020-10-13" and value.weekday_ok is False and value.confidence <= 0.5


def test_names_that_look_like_dates_are_not_dates():
    assert find_dates("dalam Konteks Integrasi ASEAN 2025 menuju Visi ASEAN 2045") == []


def test_find_dates_gives_offsets_into_the_text():
    text = "Konferensi diadakan pada Rabu (28/10/2020) di Jakarta."
    [match] = find_dates(text)
    assert text[match.start:match.end] == "Rabu (28/10/2020)"


@pytest.mark.parametrize("head, published", [
    ("Judul\n\nJUMAT, 10 SEPTEMBER 2021 | 11:43 WIB | LAPORAN: A\n\nIsi berita.", "2021-09-10"),
    ("Judul\n- account_circle a\n- calendar_month Jum, 24 Okt 2025\n\nIsi.", "2025-10-24"),
    ("Judul\nSenin, 12 Juni 2023 10:15\nIsi berita.", "2023-06-12"),
    ("Headline\nOctober 24, 2025\nBody text.", "2025-10-24"),
    ("Headline\nPublished: 24 Oct 2025 10:15 AM\nBody text.", "2025-10-24"),
    ("Judul\nDiterbitkan: Selasa, 16 Desember 2025 | 09:00 WIB\nIsi.", "2025-12-16"),
    # a machine-written stamp in the page head, with the byline beside it
    (" date 2019-08-14 | Nama Penulis |\n\nBody text yesterday.", "2019-08-14"),
])
def test_detects_masthead_dates(head, published):
    assert detect_published(_article(head)) == published


def test_popular_block_dates_are_not_publication_dates():
    text = "Judul\n\nIsi berita pada Kamis (9/9).\n\nPopuler\n\nBerita lain\n\nKamis, 12 Februari 2026 | 02:33\n"
    assert detect_published(_article(text)) is None


def test_reference_date_falls_back_to_a_full_date_in_the_text():
    text = "Judul\n\nAcara berlangsung pada 28-29 Juli 2024 di Yogyakarta."
    assert reference_date(_article(text), None) == "2024-07-28"
    assert reference_date(_article(text), "2024-08-01") == "2024-08-01"


@pytest.mark.parametrize("phrase, date, end", [
    ("on the 9th of September 2021", "2021-09-09", None),
    ("from 21st to 23rd October 2025", "2025-10-21", "2025-10-23"),
    ("on Sept. 9, 2021", "2021-09-09", None),
])
def test_english_ordinal_days_and_abbreviated_months(phrase, date, end):
    value = resolve(phrase, None)
    assert (value.date, value.end_date) == (date, end)


def test_reference_date_falls_back_to_a_dating_year_but_not_to_periods():
    assert reference_date(_article("Judul\n\nPada tahun 2020 pertemuan digelar Rabu (28/10)."), None) == "2020"
    assert reference_date(_article("Judul\n\nProgram kerja tahap 2021-2025 disahkan Rabu (28 Oktober)."), None) is None
    # with only a year, a weekday-checked day-month resolves; a wrong weekday keeps only the month
    assert resolve("Rabu (28/10)", "2020").date == "2020-10-28"
    assert resolve("Kamis (28/10)", "2020").date == "2020-10"


def test_a_month_takes_the_reference_year():
    assert resolve("pada bulan Juli", "2024-05-23").date == "2024-07"
    assert resolve("in July", None).date is None
    assert find_dates("they may attend", "2024-05-23") == []


@pytest.mark.parametrize("phrase, published, date, end", [
    ("Kamis-Jumat (15-16/8)", "2024-08-20", "2024-08-15", "2024-08-16"),
    ("(9-10/9/2021)", None, "2021-09-09", "2021-09-10"),
    ("on Oct. 21 and 22, 2025", None, "2025-10-21", "2025-10-22"),
])
def test_day_ranges_in_parentheses_and_with_and(phrase, published, date, end):
    value = resolve(phrase, published)
    assert (value.date, value.end_date) == (date, end)


def test_month_with_upcoming_marker_rolls_into_next_year():
    assert resolve("Oktober mendatang", "2024-08-20").date == "2024-10"
    assert resolve("Januari mendatang", "2024-11-20").date == "2025-01"


@pytest.mark.parametrize("text, is_line", [
    ("Jakarta, 14 Maret 2024 - Delegasi Indonesia hadir.", True),
    ("MANILA, 3 November 2025 (PNA) – The forum opened.", True),
    ("Delegasi hadir di Jakarta, 14 Maret 2024 - dan pulang.", False),
    ("Pertemuan digelar pada 14 Maret 2024 di Jakarta.", False),
])
def test_dateline_dates_the_report_not_the_meeting(text, is_line):
    from labourgraph.dates import is_dateline
    [m] = find_dates(text)
    assert is_dateline(text, m.start, m.end) is is_line


def test_reference_year_from_any_year_printed_but_not_a_periods_bound():
    assert reference_date(_article("Rapat digelar 15 Mei. Rencana kerja 2024 dibahas."), None) == "2024"
    assert reference_date(_article("Rapat digelar 15 Mei. Program 2021-2025 dibahas."), None) is None


@pytest.mark.parametrize("phrase, reference, approx", [
    ("pekan lalu", "2025-10-24", "2025-10"),      # 13-19 October
    ("last week", "2024-03-05", None),            # 26 February - 3 March: two months
    ("last week", "2024-03-12", "2024-03"),
    ("minggu depan", "2023-01-27", None),         # 30 January - 5 February
    ("pekan depan", "2023-01-10", "2023-01"),
    ("recently", "2025-10-24", None),
    ("pekan lalu", None, None),
])
def test_vague_weeks_give_a_month_only_when_the_week_lies_in_one(phrase, reference, approx):
    from labourgraph.dates import approximate
    assert approximate(phrase, reference) == approx
