"""Read news articles from disk: text as stored, metadata from a sidecar, page chrome marked.

An :class:`Article` keeps the file's text exactly as stored, so every character offset in
the graph points into the file a person can open. Page chrome (related-headline lists,
"Baca juga" links, comment counters, advertisements) is not deleted but blanked out in
:attr:`Article.body`, a copy of the text of the same length, so offsets stay valid.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from labourgraph.errors import ArticleError

#: File name of the optional per-folder metadata sidecar: ``{"<file name>": {...}, ...}``.
METADATA_FILE = "metadata.json"
ARTICLE_SUFFIXES = (".txt",)

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

    ``id`` is the file stem; ``text`` the file's text; ``body`` the same text with page
    chrome replaced by spaces (same length, same offsets).
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


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ArticleError("article is empty", path)
    if b"\x00" in data[:8192]:
        raise ArticleError("article is a binary file, not text", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise ArticleError(f"article is not UTF-8 text (byte 0x{data[err.start]:02x})", path, line, col) from None
    if text.startswith("\ufeff"):
        text = text[1:]
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
    if not path.exists():
        raise ArticleError("no such file", path)
    if not path.is_file():
        raise ArticleError("not a file", path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ArticleError(f"cannot read: {err.strerror}", path) from None
    text = _decode(path, data)
    if metadata is None:
        metadata = load_metadata(path.parent).get(path.name, {})
    authors = metadata.get("authors") or ([metadata["author"]] if metadata.get("author") else [])
    known = {"published", "language", "title", "publisher", "authors", "author", "url"}
    return Article(
        id=path.stem,
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


def find_articles(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted, de-duplicated list of article files."""
    found: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found.update(f for f in p.iterdir() if f.is_file() and f.suffix in ARTICLE_SUFFIXES)
        elif p.exists():
            found.add(p)
        else:
            raise ArticleError("no such file or folder", p)
    return sorted(found, key=lambda f: (f.name, str(f)))
