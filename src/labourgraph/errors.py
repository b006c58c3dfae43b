"""Errors raised by labourgraph.

Every error names the file (or endpoint) and, where it has one, the place in it, so the
command line can print it as one line: ``path:line:col: message``.

    LabourgraphError
    ├── ArticleError          an article cannot be read (missing, empty, binary, not UTF-8)
    ├── RdfSyntaxError        an RDF file does not parse (file, line, column)
    ├── QueryError            a SPARQL query is unknown or does not parse
    ├── EndpointError         a remote SPARQL endpoint is unreachable or answers with an error
    ├── ValidationError       data or shapes cannot be validated
    └── ExportError           an export format is unknown or cannot be written
"""
from __future__ import annotations

from pathlib import Path


class LabourgraphError(Exception):
    """Base class: a problem the user can fix, reported as one line."""

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None,
                 line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + " ".join(self.message.split())


class ArticleError(LabourgraphError):
    """An article file cannot be read as text."""


class RdfSyntaxError(LabourgraphError):
    """An RDF file does not parse."""


class QueryError(LabourgraphError):
    """A SPARQL query is unknown, has a bad parameter, or does not parse."""


class EndpointError(LabourgraphError):
    """A remote SPARQL endpoint cannot be reached or answers with an error."""


class ValidationError(LabourgraphError):
    """Data cannot be validated (unreadable shapes, validator failure)."""


class ExportError(LabourgraphError):
    """An export cannot be produced."""
