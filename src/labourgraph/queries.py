"""The named query library: SPARQL files with a header, safe parameters, result formats.

A library query is a ``.rq`` file in ``queries/`` whose header names and documents it::

    # title: Which meetings did an organisation attend?
    # description: One row per meeting, with its date, place and the attendance mode.
    # param: agent  the organisation or country (default: lgr:org-kemnaker)
    # param: lang   label language, id or en (default: en)

Parameters are SPARQL variables of the query. They are bound by a ``VALUES`` block placed
first in the query's ``WHERE`` group (the values written as RDF terms by pyoxigraph, never
spliced as text), so the same query text runs on the local graph and on any SPARQL 1.1
endpoint and gives the same rows. A parameter without a default is left unbound unless
given, which matches anything. Because the ``VALUES`` block joins the top-level group, a
query should use its parameters in that group, its ``OPTIONAL``\\s and ``FILTER``\\s, not
inside sub-selects or ``UNION`` branches.

Results are kept as SPARQL 1.1 JSON results (rows) or triples, and written by pyoxigraph in
the SPARQL 1.1 results formats (json, xml, csv, tsv), as a plain text table for people, or
as Turtle for ``CONSTRUCT``/``DESCRIBE``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from labourgraph import resources
from labourgraph.errors import QueryError
from labourgraph.namespaces import PREFIXES

#: output formats of ``labourgraph query`` for SELECT and ASK
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: SPARQL results formats as pyoxigraph names them
_OX_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
XSD = "http://www.w3.org/2001/XMLSchema#"

# -- tokenizing ------------------------------------------------------------------------

# Enough of the SPARQL grammar to know where strings, IRIs, comments, variables and group
# braces are, so keywords and braces inside them are never mistaken for syntax.
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<word>[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\-.\u00B7\u00C0-\uFFFF]*(?::[^\s{}()\[\],;"'<>]*)?|:[^\s{}()\[\],;"'<>]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


@dataclass(frozen=True)
class Token:
    """One lexical token of a SPARQL text: kind, text, offset, and group depth before it."""

    kind: str
    text: str
    start: int
    depth: int


def tokenize(text: str) -> list[Token]:
    """The tokens of a SPARQL query or update, whitespace and comments left out."""
    tokens, depth = [], 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("ws", "comment"):
            continue
        if kind == "close":
            depth = max(depth - 1, 0)
        tokens.append(Token(kind, match.group(), match.start(), depth))
        if kind == "open":
            depth += 1
    return tokens


def query_form(text: str) -> str:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE``, ``ASK``, or ``UPDATE`` (a SPARQL Update)."""
    for tok in tokenize(text):
        if tok.kind == "word":
            word = tok.text.upper()
            if word in QUERY_FORMS:
                return word
            if word in UPDATE_KEYWORDS:
                return "UPDATE"
    return "UNKNOWN"


def uses_keyword(text: str, keyword: str) -> bool:
    """Whether ``keyword`` occurs as a keyword (not in a string, IRI, name or comment)."""
    keyword = keyword.upper()
    return any(t.kind == "word" and t.text.upper() == keyword for t in tokenize(text))


def variables(text: str) -> set[str]:
    """Names of the variables a query mentions (without ``?``)."""
    return {t.text[1:] for t in tokenize(text) if t.kind == "var"}


# -- terms -----------------------------------------------------------------------------

_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_\-]*)?:([A-Za-z0-9_\-.%]*)$")
_QUOTED = re.compile(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?$', re.DOTALL)
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def expand_iri(value: str, source: str = "<param>") -> ox.NamedNode:
    """An IRI written ``<...>`` or as a CURIE with one of labourgraph's prefixes."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
    else:
        match = _CURIE.match(value)
        if not match or (match.group(1) or "") not in PREFIXES:
            raise QueryError(f"not an IRI: {value!r} (write <http://...> or a CURIE such as lgr:org-kemnaker; "
                             f"prefixes: {', '.join(sorted(PREFIXES))})", source)
        iri = str(PREFIXES[match.group(1)]) + match.group(2)
    try:
        return ox.NamedNode(iri)
    except ValueError as err:
        raise QueryError(f"not a valid IRI <{iri}>: {err}", source) from None


def parse_term(value: str, source: str = "<param>"):
    """The RDF term a parameter value stands for.

    ``<http://...>`` and ``prefix:local`` (a known prefix; others are an error) are IRIs; ``"text"``,
    ``"text"@id`` and ``"2025"^^xsd:gYear`` are literals as in Turtle; integers, decimals
    and ``true``/``false`` are typed literals; anything else is a plain string literal.
    """
    text = value.strip()
    if text.startswith("<") or re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]*:\S*", text):
        return expand_iri(text, source)      # a CURIE with an unknown prefix is an error, not text
    match = _QUOTED.match(text)
    if match:
        lexical = re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), match.group(1))
        if match.group(2):
            return ox.Literal(lexical, language=match.group(2).lower())
        if match.group(3):
            return ox.Literal(lexical, datatype=expand_iri(match.group(3), source))
        return ox.Literal(lexical)
    if re.fullmatch(r"[+-]?\d+", text):
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "integer"))
    if re.fullmatch(r"[+-]?\d*\.\d+", text):
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "decimal"))
    if text in ("true", "false"):
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "boolean"))
    return ox.Literal(value)


def bind_parameters(text: str, bindings: dict[str, object], source: str = "<query>") -> str:
    """``text`` with a ``VALUES`` block binding ``bindings`` (name -> RDF term) placed first
    in the ``WHERE`` group. Terms are written by pyoxigraph (N-Triples syntax, escaped)."""
    if not bindings:
        return text
    names = sorted(bindings)
    present = variables(text)
    missing = [n for n in names if n not in present]
    if missing:
        raise QueryError(f"the query has no variable ?{missing[0]} to bind", source)
    tokens = tokenize(text)
    form_at = next((i for i, t in enumerate(tokens) if t.kind == "word" and t.text.upper() in QUERY_FORMS
                    and t.depth == 0), None)
    if form_at is None:
        raise QueryError("parameters can only be bound in a SELECT, CONSTRUCT, DESCRIBE or ASK query", source)
    where_at = next((i for i in range(form_at, len(tokens)) if tokens[i].depth == 0
                     and tokens[i].kind == "word" and tokens[i].text.upper() == "WHERE"), None)
    if tokens[form_at].text.upper() == "CONSTRUCT" and where_at is None:
        raise QueryError("parameters need a CONSTRUCT ... WHERE { } query", source)
    start = where_at if where_at is not None else form_at
    brace = next((t for t in tokens[start:] if t.kind == "open" and t.depth == 0), None)
    if brace is None:
        raise QueryError("parameters need a WHERE { } group to bind them in", source)
    if (tokens[form_at].text.upper() == "CONSTRUCT" and where_at is not None
            and tokens[where_at - 1].text.upper() == "CONSTRUCT"):
        raise QueryError("parameters cannot be bound in the short form CONSTRUCT WHERE { }", source)
    values = " ".join(str(bindings[n]) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }}"
    at = brace.start + 1
    return text[:at] + block + text[at:]


# -- the library -----------------------------------------------------------------------

@dataclass(frozen=True)
class Param:
    """A parameter a named query declares: its variable, meaning and default value."""

    name: str
    description: str
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query of the library (or given on the command line), with its header."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None

    @property
    def source(self) -> str:
        return str(self.path) if self.path else f"<{self.name}>"

    @property
    def form(self) -> str:
        return query_form(self.text)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def bind(self, values: dict[str, str] | None = None, lang: str | None = None) -> str:
        """The query text with parameters bound: given ``values`` (strings, see
        :func:`parse_term`), ``lang`` for a ``lang`` parameter, then declared defaults."""
        values = dict(values or {})
        declared = {p.name for p in self.params}
        present = variables(self.text)
        for name in values:
            if self.params and name not in declared:
                raise QueryError(f"unknown parameter {name!r}; {self.name} takes "
                                 + (", ".join(sorted(declared)) or "none"), self.source)
        if lang is not None and "lang" not in values and ("lang" in declared or "lang" in present):
            values["lang"] = lang
        for p in self.params:
            if p.name not in values and p.default is not None:
                values[p.name] = p.default
        bindings = {name: parse_term(value, f"{self.source}: parameter {name}") for name, value in values.items()}
        return bind_parameters(self.text, bindings, self.source)


_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^\??([A-Za-z_][A-Za-z0-9_]*)\s+(.*?)(?:\s*\(default:\s*(.*)\))?$")


def parse_query_text(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """A :class:`NamedQuery` from a query's text, reading the ``# title:`` header if any."""
    title = description = ""
    params: list[Param] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _HEADER.match(stripped)
        if not match:
            continue
        key, value = match.groups()
        if key == "title":
            title = value
        elif key == "description":
            description = (description + " " + value).strip()
        else:
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError("a param line reads '# param: NAME description (default: VALUE)'",
                                 path or name, lineno)
            default = pm.group(3)
            if default is not None and re.match(r"(?i)none\b", default.strip()):
                default = None      # "(default: none, ...)": unbound, matches anything
            params.append(Param(pm.group(1), pm.group(2), default.strip() if default is not None else None))
    return NamedQuery(name, title, description, tuple(params), text, path)


def load_queries(directory: str | Path | None = None) -> dict[str, NamedQuery]:
    """The library: every ``*.rq`` under ``directory`` (``queries/`` by default), by name.

    A query's name is its path relative to the folder without ``.rq``
    (``meetings-attended-by``, ``checks/fact-without-evidence-violation``).
    """
    root = Path(directory) if directory is not None else resources.queries_dir()
    library = {}
    for path in sorted(root.rglob("*.rq")):
        name = path.relative_to(root).with_suffix("").as_posix()
        library[name] = parse_query_text(path.read_text(encoding="utf-8"), name, path)
    return library


def _query_file_text(path: Path) -> str:
    """The text of a query file; a binary or non-UTF-8 file is refused with one line."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise QueryError(f"cannot read the query file: {err.strerror or err}", path) from None
    if b"\x00" in data[:8192]:
        raise QueryError("the query file is a binary file, not SPARQL text", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise QueryError(f"the query file is not UTF-8 text (byte 0x{data[err.start]:02x})", path, line, col) from None


def find_query(ref: str, directory: str | Path | None = None) -> NamedQuery:
    """A library query by name, or a ``.rq`` file by path."""
    path = Path(ref)
    if path.suffix == ".rq" or path.is_file():
        if not path.is_file():
            raise QueryError("no such query file", path)
        return parse_query_text(_query_file_text(path), path.stem, path)
    library = load_queries(directory)
    if ref in library:
        return library[ref]
    close = [n for n in library if ref in n] or sorted(library)[:5]
    raise QueryError(f"no query named {ref!r}; try: {', '.join(close)} (labourgraph queries lists them all)")


# -- results ---------------------------------------------------------------------------

@dataclass
class QueryResult:
    """What a query returned: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: str                                  # "solutions" | "boolean" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)
    truncated: bool = False

    @classmethod
    def from_pyoxigraph(cls, result, limit: int | None = None, check=None) -> QueryResult:
        """Collect pyoxigraph results (``check()`` is called between rows, e.g. for a timeout)."""
        if isinstance(result, ox.QueryBoolean):
            return cls("boolean", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows, truncated = [], False
            for solution in result:
                if check:
                    check()
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(solution[n] for n in names))
            return cls("solutions", variables=names, rows=rows, truncated=truncated)
        triples, truncated = [], False
        for triple in result:
            if check:
                check()
            if limit is not None and len(triples) >= limit:
                truncated = True
                break
            triples.append(triple)
        return cls("graph", triples=triples, truncated=truncated)

    @classmethod
    def from_results_document(cls, data: bytes, fmt: str = "json") -> QueryResult:
        """Parse a SPARQL results document (as an endpoint returns it)."""
        return cls.from_pyoxigraph(ox.parse_query_results(data, _OX_FORMATS[fmt]))

    def to_json(self) -> bytes:
        """SPARQL 1.1 JSON results, keys in a fixed order."""
        if self.kind == "boolean":
            return json.dumps({"head": {}, "boolean": self.boolean}).encode()
        bindings = []
        for row in self.rows:
            binding = {}
            for name, term in zip(self.variables, row):
                if term is not None:
                    binding[name] = _json_term(term)
            bindings.append(binding)
        doc = {"head": {"vars": self.variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def serialize(self, fmt: str = "table", lang: str | None = None) -> bytes:
        """The result written as ``table``, ``json``, ``xml``, ``csv``, ``tsv`` (SELECT/ASK)
        or Turtle / N-Triples (``turtle``, ``nt``; CONSTRUCT/DESCRIBE)."""
        if self.kind == "graph":
            return self.graph_bytes("nt" if fmt in ("nt", "ntriples", "n-triples") else "turtle")
        if fmt in ("table", "text"):        # arq calls the table "text"
            return self.table().encode("utf-8")
        if fmt not in _OX_FORMATS:
            raise QueryError(f"unknown results format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
        if fmt == "json":
            return self.to_json()
        parsed = ox.parse_query_results(self.to_json(), ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=_OX_FORMATS[fmt])

    def graph_bytes(self, fmt: str = "turtle") -> bytes:
        from labourgraph.store import KnowledgeGraph
        kg = KnowledgeGraph()
        kg.add(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in self.triples)
        return kg.serialize(fmt)

    def table(self, max_width: int | None = None) -> str:
        """A plain text table: CURIEs for IRIs, literals as their text.

        With ``max_width`` (a terminal's width) the widest columns are narrowed until the
        table fits, and cut cells end in ``…``; without it every cell is whole."""
        if self.kind == "boolean":
            return ("yes" if self.boolean else "no") + "\n"
        cells = [[display(t) for t in row] for row in self.rows]
        widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(self.variables)]
        if max_width is not None:
            widths = _fit(widths, max_width, [min(_width(v), 8) for v in self.variables])
            cells = [[_cut(c, w) for c, w in zip(r, widths)] for r in cells]
        heads = [_cut(v, w) for v, w in zip(self.variables, widths)]
        lines = ["  ".join(_pad(v, w) for v, w in zip(heads, widths)).rstrip(),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
        return "\n".join(lines) + "\n"

    def row_keys(self) -> list[tuple[str, ...]]:
        """Rows as tuples of N-Triples strings (for comparing results across stores)."""
        return [tuple("" if t is None else str(t) for t in row) for row in self.rows]


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def compact(iri: str) -> str:
    """``lgr:org-kemnaker`` for ``https://w3id.org/labourgraph/id/org-kemnaker``, when valid."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        ns = str(ns)
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z0-9_\-.]*", iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def display(term) -> str:
    """How a term shows in a table cell."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return " ".join(term.value.split())


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _fit(widths: list[int], total: int, floors: list[int]) -> list[int]:
    """Column widths that fit ``total`` characters (two between columns): the widest column
    gives way first, none below its floor (at least 4)."""
    widths = list(widths)
    floors = [max(4, f) for f in floors]
    while sum(widths) + 2 * (len(widths) - 1) > total:
        i = max(range(len(widths)), key=lambda k: (widths[k] - floors[k] > 0, widths[k]))
        if widths[i] <= floors[i]:
            break
        widths[i] -= 1
    return widths


def _cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` display columns, ending in ``…`` when cut."""
    if _width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


# -- running locally -------------------------------------------------------------------

def run_local(graph, text: str, source: str = "<query>", limit: int | None = None, check=None,
              allow_remote: bool | None = None) -> QueryResult:
    """Run a (bound) query on a :class:`~labourgraph.store.KnowledgeGraph`, with set semantics:
    the default graph is the union of all graphs with each triple once, as on a store that
    ``labourgraph push`` loaded (:meth:`~labourgraph.store.KnowledgeGraph.query_store`).
    ``SERVICE`` runs only if remote access is allowed (:func:`labourgraph.sparql_policy.check_local`)."""
    if query_form(text) == "UPDATE":
        raise QueryError("SPARQL Update is not run here; labourgraph queries are read-only", source)
    from labourgraph.sparql_policy import check_local
    text = check_local(text, source, allow_remote)
    return QueryResult.from_pyoxigraph(graph.query(text, source=source), limit=limit, check=check)


def with_prologue(text: str) -> str:
    """``text`` preceded by ``PREFIX`` lines for labourgraph's prefixes it does not declare."""
    declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([A-Za-z0-9_\-]*):", text)}
    lines = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared)
    return lines + text


__all__ = ["SparqlSyntaxError", "explain_syntax_error", "NamedQuery", "Param", "QueryResult", "load_queries", "find_query", "parse_query_text",
           "parse_term", "expand_iri", "bind_parameters", "run_local", "query_form", "uses_keyword",
           "tokenize", "variables", "with_prologue", "display", "compact", "RESULT_FORMATS"]


# -- syntax errors in plain words ------------------------------------------------------

class SparqlSyntaxError(QueryError):
    """A SPARQL syntax error said in a few words, with the line and a caret under the column
    (:attr:`context`, printed after the one-line message)."""

    def __init__(self, message: str, path, line: int | None, column: int | None, context: str = ""):
        super().__init__(message, path, line, column)
        self.context = context


_RDF_STAR = {"{|", "|}", "~", "<<", ">>"}
_FUNCTIONS = {"ABS", "STR", "STRSTARTS", "NOW", "MD5", "IRI", "URI", "isLITERAL", "isNUMERIC", "DAY", "SUM"}
_QUERY_START = set(QUERY_FORMS) | set(UPDATE_KEYWORDS) | {"PREFIX", "BASE"}


def _expected(message: str) -> tuple[list[str], list[str], bool]:
    """The punctuation and keywords an ``expected one of ...`` message lists, and whether it
    lists string escapes (an unclosed string)."""
    body = re.sub(r"^.*?expected (?:one of )?", "", message, count=1, flags=re.S)
    punct, words, escapes = [], [], False
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"|\[[^\]]*\]|([A-Za-z][A-Za-z ]*[A-Za-z]|[A-Za-z])', body):
        if m.group(1) is not None:
            tok = m.group(1).encode().decode("unicode_escape") if "\\" in m.group(1) else m.group(1)
            if tok in ('"', "\\", "\\U", "\\u"):
                escapes = True
            elif tok not in _RDF_STAR and tok not in punct:
                punct.append(tok)
        elif m.group(2):
            if m.group(2) not in words:
                words.append(m.group(2))
    return punct, words, escapes


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _found(text: str, index: int) -> str:
    rest = text[index:]
    if not rest.strip():
        return "the end of the query"
    token = re.match(r"\s*(\S+)", rest).group(1)
    if len(token) > 20:
        token = token[:19] + "…"
    return f'"{token}"'


def _plain_words(message: str, text: str, index: int) -> tuple[str, int]:
    """What a pyoxigraph SPARQL parse error means, in a few words, and where it is."""
    punct, words, escapes = _expected(message)
    line_start = text.rfind("\n", 0, index) + 1
    undeclared = _undeclared_prefix(text)
    if undeclared is not None:
        prefix, at = undeclared
        return f'unknown prefix "{prefix}" (declare it: PREFIX {prefix} <...>)', at
    if "Prefix not found" in words:
        names = list(re.finditer(r"(?<![\w?$:<])([A-Za-z][\w.\-]*)?:(?:[\w.%\-]|\\.)*", text[line_start:index + 1]))
        if names:
            name = names[-1]
            prefix = (name.group(1) or "") + ":"
            return f'unknown prefix "{prefix}" (declare it: PREFIX {prefix} <...>)', line_start + name.start()
        return "unknown prefix", index
    if escapes:
        quote = max(text.rfind('"', line_start, index), text.rfind("'", line_start, index))
        return "a string is not closed", quote if quote >= 0 else index
    tokens = [t for t in tokenize(text) if t.kind == "word"]
    i = 0
    while i < len(tokens) and tokens[i].text.upper() in ("PREFIX", "BASE"):
        i += 2 if tokens[i].text.upper() == "PREFIX" else 1
    if i < len(tokens) and tokens[i].text.upper() not in _QUERY_START and tokens[i].start <= index:
        return (f'a query starts with SELECT, CONSTRUCT, DESCRIBE or ASK, not "{tokens[i].text}"', tokens[i].start)
    if words == ["BY"]:
        before = [t for t in tokens if t.text.upper() in ("GROUP", "ORDER") and t.start < index]
        if before:
            return f'"{before[-1].text}" must be followed by "BY"', before[-1].start + len(before[-1].text)
    unclosed = _unclosed(text)
    if unclosed is not None:
        return f'this "{text[unclosed]}" is never closed', unclosed
    found = _found(text, index)
    keywords = [w for w in words if w.isupper() and w not in ("LATERAL", "SERVICE")]
    if sum(1 for w in words if w in _FUNCTIONS) >= 3:
        expected = "an expression"
    else:
        shown = [f'"{p}"' for p in punct] + keywords
        if len(shown) > 5:
            shown = shown[:4] + ["…"]
        if not shown and words:
            expected = "a term (a variable, an IRI or a literal)"
        else:
            expected = _or(shown) if shown else ""
    # pyoxigraph reports the furthest point it reached; rdflib's parser the start of the
    # clause it could not read, which is nearer the mistake when they differ
    start = _rdflib_error_at(text)
    if start is not None and start < index and start < len(text.rstrip()):
        token = _found(text, start)
        before = text[:start].rstrip()[-1:]
        if before and before not in ".{;,(" and re.match(r'"(?:[?$<]|[A-Za-z_][\w.\-]*:)', token):
            return f'a "." is missing before {token}', start
        return f"cannot read the query from {token} on", start
    if found == "the end of the query":
        return "the query ends too early" + (f"; expected {expected}" if expected else ""), index
    return f"unexpected {found}" + (f"; expected {expected}" if expected else ""), index


def _undeclared_prefix(text: str) -> tuple[str, int] | None:
    """The first prefixed name whose prefix the query does not declare, and its offset."""
    declared = {m.group(1) for m in re.finditer(r"(?i)\bPREFIX\s+([A-Za-z][\w.\-]*)?:", text)}
    tokens = tokenize(text)
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or ":" not in tok.text or tok.text.startswith("_:"):
            continue
        if i and tokens[i - 1].kind == "word" and tokens[i - 1].text.upper() == "PREFIX":
            continue
        prefix = tok.text.split(":", 1)[0]
        if prefix not in declared:
            return prefix + ":", tok.start
    return None


def _unclosed(text: str) -> int | None:
    """The offset of the first "{" or "(" that is never closed (strings, IRIs, comments skipped)."""
    stack: list[tuple[str, int]] = []
    for tok in tokenize(text):
        if tok.text in ("{", "("):
            stack.append((tok.text, tok.start))
        elif tok.text in ("}", ")"):
            want = "{" if tok.text == "}" else "("
            if stack and stack[-1][0] == want:
                stack.pop()
            else:
                return None            # mismatched: leave it to the parser's message
    return stack[0][1] if stack else None


def _rdflib_error_at(text: str) -> int | None:
    """Where rdflib's SPARQL parser stops reading ``text`` (an offset), or None."""
    try:
        from rdflib.plugins.sparql.parser import parseQuery
        parseQuery(text)
    except Exception as err:  # noqa: BLE001 - pyparsing's ParseException, or anything else
        loc = getattr(err, "loc", None)
        return loc if isinstance(loc, int) else None
    return None


def _caret(line_text: str, column: int) -> str:
    """The line, and a caret under ``column`` (1-based); long lines are cut around it."""
    shown = line_text.replace("\t", " ").rstrip()
    col = column - 1
    if len(shown) > 100:
        start = max(0, min(col - 50, len(shown) - 100))
        shown = ("…" if start else "") + shown[start:start + 100] + ("…" if start + 100 < len(shown) else "")
        col = col - start + (1 if start else 0)
    return f"  {shown}\n  {' ' * max(col, 0)}^"


def explain_syntax_error(err: QueryError, text: str, bound: str | None = None, line_offset: int = 0) -> QueryError:
    """``err`` (a pyoxigraph parse error on ``bound``, the query with its parameters bound) said
    in plain words about ``text``, the query as written; ``line_offset`` lines of ``text``
    were added before what the user typed (the prologue of ``-e``). Other errors are returned
    unchanged."""
    message = err.message
    if not message.startswith("SPARQL syntax error") or err.line is None:
        return err
    parsed = bound if bound is not None else text
    lines = parsed.split("\n")
    line = min(max(err.line, 1), len(lines))
    index = sum(len(x) + 1 for x in lines[:line - 1]) + max((err.column or 1) - 1, 0)
    if bound is not None and bound != text:
        # the VALUES block was inserted at the first difference: map the place back
        at = next((i for i, (a, b) in enumerate(zip(text, bound)) if a != b), len(text))
        extra = len(bound) - len(text)
        if index >= at + extra:
            index -= extra
        elif index > at:
            index = at
    index = min(index, len(text))
    words, index = _plain_words(message, text, index)
    if index >= len(text.rstrip()) and text.strip():
        index = len(text.rstrip())           # the end: point just after the last character
    line = text.count("\n", 0, index) + 1
    line_start = text.rfind("\n", 0, index) + 1
    column = index - line_start + 1
    line_text = text[line_start:].split("\n", 1)[0]
    return SparqlSyntaxError(f"SPARQL syntax error: {words}", err.path, line - line_offset, column,
                             _caret(line_text, column))
