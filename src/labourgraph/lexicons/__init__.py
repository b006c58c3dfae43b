"""Word lists as data: ``<lang>/<name>.tsv``, one entry a line, ``#`` starts a comment.

The first column is the word or phrase; further tab-separated columns are the entry's
values (a role's kind, a theme label ...). Files are read once (:func:`functools.cache`).
"""
from __future__ import annotations

from functools import cache
from importlib import resources

LANGUAGES = ("id", "en")


@cache
def rows(lang: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``<lang>/<name>.tsv`` (an absent file has none)."""
    try:
        text = resources.files(__package__).joinpath(lang, f"{name}.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        out.append(tuple(c.strip() for c in line.split("\t")))
    return tuple(out)


@cache
def words(name: str, *langs: str) -> tuple[str, ...]:
    """First column of ``name`` in the given languages (all when none given), in file order."""
    return tuple(dict.fromkeys(r[0] for lang in (langs or LANGUAGES) for r in rows(lang, name)))
