"""Options shared by the commands: format names from :mod:`labourgraph.formats`, ``--syntax``."""
from __future__ import annotations

import click

from labourgraph import formats


class FormatName(click.ParamType):
    """A format name, any case, any of its aliases; the value is the canonical name.

    ``rdf``: RDF formats; ``results``: SPARQL results formats and RDF formats (for
    CONSTRUCT); ``extra``: more names taken as they are (``graphml``, ``html`` ...).
    """

    name = "format"

    def __init__(self, rdf: bool = True, results: bool = False, extra: tuple[str, ...] = ()):
        self.rdf = rdf
        self.results = results
        self.extra = extra

    def accepted(self) -> str:
        parts = []
        if self.results:
            parts.append(formats.result_names())
        if self.rdf:
            parts.append(formats.rdf_names())
        parts.extend(self.extra)
        return ", ".join(parts)

    def get_metavar(self, param, ctx=None) -> str:   # click 8.1 and 8.2 signatures
        names = []
        if self.results:
            names += list(formats.RESULT_FORMATS)
        if self.rdf:
            names += [f.name for f in formats.RDF_FORMATS]
        return "[" + "|".join(names + list(self.extra)) + "]"

    def convert(self, value, param, ctx):
        if value is None:
            return None
        key = str(value).strip().lower()
        if key in self.extra:
            return key
        if self.results:
            found = formats.find_result_format(key)
            if found:
                return found
        if self.rdf:
            found = formats.find_rdf_format(key)
            if found:
                return found.name
        self.fail(f"unknown format {value!r}; use one of: {self.accepted()}", param, ctx)


def syntax_option(command):
    """``--syntax NAME``: the RDF format of the input (needed for a stream unless sniffed)."""
    return click.option("--syntax", "-s", "syntax", type=FormatName(), default=None, metavar="FORMAT",
                        help="RDF format of the input (riot's names: turtle/ttl, nt, nq, trig, jsonld, "
                             "rdfxml, n3); default: from the file suffix, or sniffed on standard input.")(command)
