"""Reading articles: text kept as stored, chrome blanked with offsets intact, bad files refused."""
from __future__ import annotations

import json

import pytest

from labourgraph.articles import blank_chrome, find_articles, read_article
from labourgraph.errors import ArticleError


def test_articles_text_is_kept_byte_for_byte(tmp_path):
    text = "Judul\n“Kutipan” – Cris Kuntadi berkata.\n"
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    article = read_article(f)
    assert article.text == text
    assert article.id == "a"
    assert article.text.index("Cris") == 18  # code points, not UTF-8 bytes (22)


@pytest.mark.parametrize("chrome", [
    "Baca juga: Menaker dorong peta jalan pascapandemi",
    "BERITA TERKAIT",
    "- comment 0 komentar",
    "Saat ini belum ada komentar",
    "Komentar (0)",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
])
def test_articles_chrome_lines_are_blanked_with_offsets_kept(chrome):
    text = f"Kalimat pertama.\n{chrome}\nKalimat kedua di Jakarta.\n"
    body = blank_chrome(text)
    assert len(body) == len(text)
    assert chrome.strip() not in body
    assert body.index("Jakarta") == text.index("Jakarta")


def test_articles_everything_after_a_popular_block_is_chrome():
    text = "Isi berita tentang SLOM.\n\nPopuler\n\nJudul lain\n\nKamis, 12 Februari 2026 | 02:33\n"
    body = blank_chrome(text)
    assert "SLOM" in body
    assert "Februari" not in body and "Judul lain" not in body


def test_articles_metadata_comes_from_the_sidecar(tmp_path):
    (tmp_path / "x.txt").write_text("Teks berita.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(json.dumps(
        {"x.txt": {"published": "2025-10-24", "language": "id", "publisher": "ANTARA", "authors": ["A B"]}}))
    article = read_article(tmp_path / "x.txt")
    assert (article.published, article.language, article.publisher, article.authors) == \
        ("2025-10-24", "id", "ANTARA", ("A B",))


@pytest.mark.parametrize("content, message", [
    (b"", "article is empty"),
    (b"   \n\t\n", "article is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"Berita\n\xff\xfe tidak UTF-8", "not UTF-8"),
])
def test_articles_bad_files_are_refused_with_one_line(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ArticleError) as info:
        read_article(f)
    assert message in str(info.value)
    assert str(info.value).startswith(str(f))
    assert "\n" not in str(info.value)


def test_articles_non_utf8_error_names_line_and_column(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes(b"baris satu\nbaris \xe9dua\n")
    with pytest.raises(ArticleError) as info:
        read_article(f)
    assert str(info.value).startswith(f"{f}:2:7: ")


def test_articles_missing_path_is_refused(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        find_articles([tmp_path / "nope"])


def test_articles_folders_expand_to_sorted_txt_files(tmp_path):
    for name in ("b.txt", "a.txt", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in find_articles([tmp_path, tmp_path / "a.txt"])] == ["a.txt", "b.txt"]


# -- input recognition ---------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("001_5484b95de033a829.txt", "001_5484b95de033a829"),     # the seeds keep their ids
    ("my article.txt", "my-article"),
    ("Kerja sama (ASEAN) 2024.txt", "Kerja-sama-ASEAN-2024"),
    ("Việt Nam.txt", "Viet-Nam"),
    ("???.txt", "article"),
])
def test_articles_ids_are_safe_in_iris(tmp_path, name, expected):
    from labourgraph.articles import article_id

    assert article_id(tmp_path / name) == expected


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_articles_text_with_a_byte_order_mark_is_decoded(tmp_path, encoding):
    text = "Menteri bertemu delegasi di Jakarta.\n"
    f = tmp_path / "a.txt"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    f.write_bytes(data)
    assert read_article(f).text == text


def test_articles_upper_case_suffixes_are_found_and_one_file_named_twice_is_one(tmp_path, monkeypatch):
    for name in ("a.txt", "B.TXT", "c.Txt", ".hidden.txt", "d.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = find_articles([tmp_path, "a.txt", tmp_path / "a.txt", "./B.TXT"])
    assert sorted(p.name for p in found) == ["B.TXT", "a.txt", "c.Txt"]


def test_articles_a_symlink_loop_is_named(tmp_path):
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    with pytest.raises(ArticleError, match="symbolic link loop"):
        read_article(tmp_path / "x.txt")
    with pytest.raises(ArticleError, match="symbolic link loop"):
        find_articles([tmp_path])


def test_articles_an_html_page_and_an_oversized_text_are_refused(tmp_path):
    from labourgraph.articles import MAX_ARTICLE_CHARS

    page = tmp_path / "page.txt"
    page.write_text("<html><body><p>Teks.</p></body></html>", encoding="utf-8")
    with pytest.raises(ArticleError, match="HTML page"):
        read_article(page)
    ok = tmp_path / "ok.txt"
    ok.write_text("Harga < 5 dan > 2 di <b>sini</b>.", encoding="utf-8")     # a few signs are not a page
    assert read_article(ok).text.startswith("Harga")
    limit = tmp_path / "limit.txt"
    limit.write_text("a" * MAX_ARTICLE_CHARS, encoding="utf-8")
    assert len(read_article(limit).text) == MAX_ARTICLE_CHARS
    limit.write_text("a" * (MAX_ARTICLE_CHARS + 1), encoding="utf-8")
    with pytest.raises(ArticleError, match="too long"):
        read_article(limit)
