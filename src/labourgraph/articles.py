"""Read news articles from disk: text as stored, metadata from a sidecar, page chrome marked.

An :class:`Article` keeps the file's text exactly as stored, so every character offset in
the graph points into the file a person can open. Page chrome (related-headline lists,
"Baca juga" links, comment counters, advertisements) is not deleted but blanked out in
:attr:`Article.body`, a copy of the text of the same length, so offsets stay valid.
"""
from __future__ import annotations

import codecs
import errno
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from labourgraph.errors import ArticleError

#: File name of the optional per-folder metadata sidecar: ``{"<file name>": {...}, ...}``.
METADATA_FILE = "metadata.json"
#: Suffixes of article files in a folder, compared without case (``.txt``, ``.TXT``).
ARTICLE_SUFFIXES = (".txt",)
#: The longest article read, in characters (spaCy's default ``max_length`` is the same).
#: A longer file is refused with one line; split it into articles.
MAX_ARTICLE_CHARS = 1_000_000
# UTF-8 takes at most 4 bytes a character (UTF-16 too): a bigger file is too long unread
_MAX_ARTICLE_BYTES = 4 * MAX_ARTICLE_CHARS + 4
# An HTML page, not text: a doctype or <html> first, or markup throughout
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(r"</?(?:html|head|body|div|p|span|script|style|a|br|meta|link|article|section|ul|li|h[1-6])"
                       r"\b[^<>]{0,500}>", re.I)

# A line that is page chrome on its own.
_CHROME_LINE = re.compile(
    r"""^\s*(?:[-•*]\s*)?(?:
        baca\s+juga\b.*                                   # related link
      | (?:berita\s+terkait|artikel\s+terkait|read\s+also|also\s+read|related)\b.*
      | (?:comment\s+)?\d+\s+komentar\s*
      | komentar\s*\(\d+\)\s*
      | saat\s+ini\s+belum\s+ada\s+komentar.*
      | (?:scroll\s+to\s+continue|advertisement|iklan)(?:\s+with\s+content)?\s*
      | (?:share|bagikan|tags?|editor)\s*:.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A heading after which the rest of the page is other stories.
_TRAILER_HEADING = re.compile(
    r"^\s*(?:populer|terpopuler|update|berita\s+lainnya|terkini|baca\s+berita\s+lainnya|"
    r"most\s+popular|rekomendasi|pilihan\s+redaksi)\s*$",
    re.IGNORECASE,
)
# A heading of a related-links list: the bullet lines right after it are links too.
_LINK_LIST_HEADING = re.compile(r"^\s*(?:berita\s+terkait|artikel\s+terkait|related(?:\s+(?:news|articles|stories))?"
                                r"|baca\s+juga)\s*:?\s*$", re.IGNORECASE)
_BULLET_LINE = re.compile(r"^\s*[-•*]\s+\S")


@dataclass(frozen=True)
class Article:
    """One news article.

    ``id`` is the file stem, made safe for IRIs (see :func:`article_id`); ``text`` the file's text; ``body`` the same text with page chrome
    replaced by spaces (same length, same offsets).
    """

    id: str
    path: Path
    text: str
    body: str
    published: str | None = None
    language: str | None = None
    title: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def blank_chrome(text: str) -> str:
    """Return ``text`` with page chrome replaced by spaces (newlines kept)."""
    out: list[str] = []
    pos = 0
    trailer = False
    in_links = False
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if not trailer and _TRAILER_HEADING.match(content):
            trailer = True
        in_links = bool(_LINK_LIST_HEADING.match(content)) or (in_links and bool(_BULLET_LINE.match(content)))
        if trailer or in_links or _CHROME_LINE.match(content):
            out.append(" " * len(content) + line[len(content):])
        else:
            out.append(line)
        pos += len(line)
    return "".join(out)


def article_id(path: Path) -> str:
    """The id of the article in ``path``: its file name without the suffix, made safe for
    IRIs (``lgr:graph-<id>``; the shapes allow ``A-Z a-z 0-9 _ . -``): accents are dropped
    and every other run of characters becomes one ``-``.
    ``"ASEAN labour (2024).txt"`` -> ``"ASEAN-labour-2024"``. Two files whose names differ
    only there get the same id, which the build refuses with one line."""
    stem = unicodedata.normalize("NFKD", path.stem)
    stem = "".join(c for c in stem if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-") or "article"


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ArticleError("article is empty", path)
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):      # text with a byte-order mark, as Windows' Notepad saves it
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise ArticleError(f"article is not valid {codec.upper()} text (byte {err.start})", path) from None
            return _checked(path, text.removeprefix("\ufeff"))
    if b"\x00" in data[:8192]:
        raise ArticleError("article is a binary file, not text", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise ArticleError(f"article is not UTF-8 text (byte 0x{data[err.start]:02x})", path, line, col) from None
    return _checked(path, text.removeprefix("\ufeff"))


def _checked(path: Path, text: str) -> str:
    """Refuse text that is too long, or an HTML page.

    An HTML page is refused rather than stripped of its markup: every offset in the graph
    points into the file as stored, so a reader can open the file and find the sentence;
    the text of a page is not in the page's file. Save the page's text (a browser's reader
    view, ``html2text``, ``lynx -dump``) and build from that."""
    if not text.strip():
        raise ArticleError("article is empty", path)
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleError(f"article is too long: {len(text):,} characters, the limit is "
                           f"{MAX_ARTICLE_CHARS:,}; split it into smaller files", path)
    head = text[:65536]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 10:
        raise ArticleError("article is an HTML page, not plain text; save the page's text "
                           "(for example with html2text) and build from that", path)
    return text


def load_metadata(folder: Path) -> dict[str, dict]:
    """The sidecar metadata of the articles in ``folder`` (empty when there is none)."""
    sidecar = folder / METADATA_FILE
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        line = getattr(err, "lineno", None)
        col = getattr(err, "colno", None)
        raise ArticleError(f"metadata sidecar is not valid JSON: {getattr(err, 'msg', err)}", sidecar, line, col) from None
    if not isinstance(data, dict):
        raise ArticleError("metadata sidecar must be a JSON object keyed by file name", sidecar)
    return data


def read_article(path: str | Path, metadata: dict | None = None) -> Article:
    """Read one article; ``metadata`` defaults to its entry in the folder's sidecar.

    Raises :class:`ArticleError` for a missing, empty, binary or non-UTF-8 file.
    """
    path = Path(path)
    _check_exists(path, "no such file")
    if not path.is_file():
        raise ArticleError("not a file", path)
    try:
        if path.stat().st_size > _MAX_ARTICLE_BYTES:
            raise ArticleError(f"article is too long: {path.stat().st_size:,} bytes, more than "
                               f"{MAX_ARTICLE_CHARS:,} characters (the limit); split it into smaller files", path)
        data = path.read_bytes()
    except OSError as err:
        raise ArticleError(f"cannot read: {err.strerror}", path) from None
    text = _decode(path, data)
    if metadata is None:
        metadata = load_metadata(path.parent).get(path.name, {})
    authors = metadata.get("authors") or ([metadata["author"]] if metadata.get("author") else [])
    known = {"published", "language", "title", "publisher", "authors", "author", "url"}
    return Article(
        id=article_id(path),
        path=path,
        text=text,
        body=blank_chrome(text),
        published=metadata.get("published"),
        language=metadata.get("language"),
        title=metadata.get("title"),
        publisher=metadata.get("publisher"),
        authors=tuple(authors),
        url=metadata.get("url"),
        extra={k: v for k, v in metadata.items() if k not in known},
    )


def _check_exists(path: Path, missing: str = "no such file or folder") -> None:
    """Raise a one-line :class:`ArticleError` for a path that cannot be opened: missing, a
    link to nothing, a loop of symbolic links."""
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise ArticleError("symbolic link loop (too many levels of symbolic links)", path) from None
        if path.is_symlink():
            raise ArticleError("broken symbolic link (it points to nothing)", path) from None
        if err.errno in (errno.ENOENT, errno.ENOTDIR):
            raise ArticleError(missing, path) from None
        raise ArticleError(f"cannot read: {err.strerror or err}", path) from None


def is_article_file(path: Path) -> bool:
    """A ``.txt`` file (any case: ``.TXT`` too) that is not hidden."""
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")


def find_articles(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted, de-duplicated list of article files.

    Folders give their ``.txt`` files (any case). A file named twice (``a.txt`` and
    ``/abs/path/a.txt``, or through a link) counts once: files are compared by what they
    are (device and inode), not by how they are named. Links in a folder that point
    nowhere or loop are reported, not skipped.
    """
    found: dict[tuple[int, int], Path] = {}

    def keep(f: Path) -> None:
        st = f.stat()
        key = (st.st_dev, st.st_ino)
        if key not in found or (f.name, str(f)) < (found[key].name, str(found[key])):
            found[key] = f

    for p in map(Path, paths):
        _check_exists(p)
        if p.is_dir():
            for f in sorted(p.iterdir()):
                if is_article_file(f):
                    _check_exists(f)
                    if f.is_file():
                        keep(f)
        else:
            keep(p)
    return sorted(found.values(), key=lambda f: (f.name, str(f)))
