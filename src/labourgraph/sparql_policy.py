"""What a SPARQL query may do here: no SPARQL Update, and no ``SERVICE`` unless allowed.

The decision is taken on the parsed query, never on its text: a keyword check on the text
can be fooled (a comment that ends in a carriage return hid ``SERVICE`` from the old one,
issue 11). rdflib's SPARQL parser (``rdflib.plugins.sparql.parser.parseQuery``) gives the
syntax tree; a ``ServiceGraphPattern`` anywhere in it is refused, and so is a query rdflib
cannot parse (its syntax error is reported, in Oxigraph's words where they can be had
without running the query). A text whose upper-cased form lacks ``SERVICE`` needs no parse:
Oxigraph, which runs it, reads keywords from the raw text, so it cannot find one there.

So that rdflib and Oxigraph read the same query, a text that is parsed is normalised first,
and the normalised text is what runs: ``\\uXXXX`` / ``\\UXXXXXXXX`` escapes are expanded as SPARQL 1.1
(section 19.2) says, before parsing (Oxigraph only expands them inside strings and IRIs,
rdflib everywhere), and a carriage return becomes a line feed (Oxigraph ends a comment at
either, rdflib only at a line feed). A text whose expansion makes another escape is refused.

``LOAD`` and every other update are refused because they are updates: Oxigraph's query
parser never accepts one, and :func:`refine_error` (rdflib's update parser) says why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from labourgraph.errors import QueryError

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")
_JUNK = "\n}"


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the policy: the text to run, and whether it uses ``SERVICE``."""

    text: str
    uses_service: bool


def normalise(text: str, source: str = "<query>") -> str:
    """``text`` with codepoint escapes expanded and carriage returns made line feeds."""
    def expand(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"SPARQL syntax error: invalid escape {match.group(0)}", source)
        return chr(code)

    expanded = _ESCAPE.sub(expand, text)
    if _ESCAPE.search(expanded):
        raise QueryError("SPARQL syntax error: an escape sequence expands to another escape sequence", source)
    return expanded.replace("\r\n", "\n").replace("\r", "\n")


def _syntax_error(text: str, source: str, fallback: Exception) -> QueryError:
    """The syntax error of a query rdflib rejects, as Oxigraph words it when it can be got
    without running the query, else as rdflib words it.

    Oxigraph parses the text with a line that cannot continue any query (``}``) appended,
    so it always stops with a syntax error before running anything; an error located
    before the end of the query's own text is the query's own."""
    from labourgraph.store import KnowledgeGraph
    lines = text.split("\n")
    end = (len(lines), len(lines[-1]) + 1)
    try:
        KnowledgeGraph().query(text + _JUNK, source=source, union_default_graph=False)
    except QueryError as err:
        if err.line is not None and (err.line, err.column or 0) < end:
            return err
    line = getattr(fallback, "lineno", None)
    column = getattr(fallback, "col", None)
    message = getattr(fallback, "msg", None) or str(fallback)
    return QueryError(f"SPARQL syntax error: {' '.join(str(message).split())}", source, line, column)


@lru_cache(maxsize=256)
def _rdflib_tree(text: str):
    from rdflib.plugins.sparql.parser import parseQuery
    return parseQuery(text)


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any failure means "not an update"
        return False
    return True


def _has_service(node) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                return True
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or type(item).__name__ == "ParseResults":
            stack.extend(item)
    return False


def check_query(text: str, source: str = "<query>", *, allow_service: bool = False) -> CheckedQuery:
    """Check a SPARQL query against the policy; raises :class:`QueryError` with the reason.

    Returns the text to run: the normalised text for a query that was parsed. A text without
    the letters of ``SERVICE`` cannot call another endpoint, so it is left as it is to
    Oxigraph, which reports its syntax errors (and refuses updates) when it runs it; see
    :func:`refine_error`.
    """
    # Oxigraph reads keywords from the raw text (it expands escapes only inside strings and
    # IRIs), so a text whose letters do not spell SERVICE, in any case, cannot call another
    # endpoint: it runs as written.
    if "SERVICE" not in text.upper():
        return CheckedQuery(text, False)
    norm = normalise(text, source)
    try:
        tree = _rdflib_tree(norm)
    except RecursionError:
        raise QueryError("the query policy's parser (rdflib) cannot read a query nested this deeply, so it "
                         "is not run (split its triple patterns into groups, or leave out the word SERVICE)",
                         source) from None
    except Exception as err:  # noqa: BLE001 - pyparsing's ParseException and friends
        if _is_update(norm):
            raise _update_refused(source) from None
        raise _syntax_error(norm, source, err) from None
    uses_service = _has_service(tree)
    if uses_service and not allow_service:
        raise QueryError("SERVICE is refused: queries here do not reach other endpoints", source)
    return CheckedQuery(norm, uses_service)


def _update_refused(source: str) -> QueryError:
    return QueryError("SPARQL Update (INSERT, DELETE, LOAD, DROP ...) is refused: queries here are read-only",
                      source)


def refine_error(text: str, err: QueryError) -> QueryError:
    """The error to report for a query Oxigraph could not parse: "read-only" for an update."""
    if err.message.startswith("SPARQL syntax error") and _is_update(text):
        return _update_refused(err.path)
    return err


def check_local(text: str, source: str = "<query>", allow_remote: bool | None = None) -> str:
    """The policy for local commands (``labourgraph query``): ``SERVICE`` only with
    ``allow_remote`` (None: as ``labourgraph --allow-remote`` says, :mod:`labourgraph.outbound`).
    Returns the text to run."""
    from labourgraph import outbound
    if allow_remote is None:
        allow_remote = outbound.allowed()
    try:
        return check_query(text, source, allow_service=allow_remote).text
    except QueryError as err:
        if err.message.startswith("SERVICE is refused"):
            err.message = f"SERVICE is refused: a local query makes no outbound request; {outbound.HINT}"
        raise


__all__ = ["check_query", "check_local", "refine_error", "normalise", "CheckedQuery"]
