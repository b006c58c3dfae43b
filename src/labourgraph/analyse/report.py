"""``labourgraph report``: one self-contained HTML page with every analysis.

The page holds the four plots (PNG, embedded as ``data:`` URIs), the top rows of the main
tables, and links from every actor, country and meeting into the HTML graph view
(``labourgraph export --format html``), which opens on the entity named after ``#``. It
needs no network and no other file, apart from the graph view its links point to, so it
can be sent as it is. The same data gives the same bytes.
"""
from __future__ import annotations

import base64
import html
import urllib.parse

from labourgraph import __version__
from labourgraph.analyse.data import AnalysisData
from labourgraph.analyse.output import caption
from labourgraph.analyse.plot import plot_bytes
from labourgraph.analyse.topics import Analysis, analyse

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #222; max-width: 1080px; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
h3 { font-size: 1em; color: #444; margin-bottom: .3em; }
p.meta, p.caption, p.note { color: #555; font-size: .9em; }
nav a { margin-right: 1em; }
figure { margin: .8em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: .85em; color: #555; }
table { border-collapse: collapse; font-size: .88em; margin: .4em 0 1em; }
th, td { border-bottom: 1px solid #e5e5e5; padding: .2em .6em .2em 0; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; }
dl.summary dt { color: #555; } dl.summary dd { margin: 0; font-weight: 600; }
"""


def _link(view_href: str, iri: str, label: str) -> str:
    href = f"{view_href}#{urllib.parse.quote(iri, safe='')}"
    return f'<a href="{html.escape(href)}">{html.escape(label)}</a>'


def _table(rows: list[list], header: list[str], numeric: set[int]) -> str:
    out = ["<table>", "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"]
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            if isinstance(value, float):
                value = f"{value:.4f}"
            text = value if isinstance(value, _Html) else html.escape(str(value))
            cells.append(f'<td class="n">{text}</td>' if i in numeric else f"<td>{text}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


class _Html(str):
    """Markup already escaped."""


def _figure(analysis: Analysis, alt: str) -> str:
    data = base64.b64encode(plot_bytes(analysis, "png")).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" width="1000" height="700" alt="{html.escape(alt)}">'
            f"<figcaption>{html.escape(caption(analysis))}</figcaption></figure>")


def _notes(analysis: Analysis) -> str:
    return "".join(f'<p class="note">{html.escape(n)}</p>' for n in analysis.notes)


def render_report(data: AnalysisData, view_href: str = "labourgraph.html", top: int = 10) -> bytes:
    """The report page for ``data``; entity links point into the graph view at ``view_href``."""
    actors = analyse("actors", data)
    coop = analyse("cooperation", data)
    comms = analyse("communities", data)
    times = analyse("timeline", data)
    link = lambda iri, label: _Html(_link(view_href, iri, label))  # noqa: E731
    meetings = {r[1] for r in times.table("meetings-per-year").rows}
    n_meetings = sum(r[2] for r in times.table("meetings-per-year").rows)
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             f"<link rel=\"icon\" href=\"data:,\">\n<title>labourgraph report</title>\n<style>{_STYLE}</style>\n"
             f"</head>\n<body>\n<h1>ASEAN labour cooperation: who meets whom</h1>",
             f'<p class="meta">A labourgraph {html.escape(__version__)} report on {html.escape(data.source)}: '
             f"{len(data.articles)} articles. Every name links into the "
             f'<a href="{html.escape(view_href)}">graph view</a>, where each fact shows the sentence it came from.</p>',
             '<nav><a href="#actors">Actors</a><a href="#cooperation">Cooperation</a>'
             '<a href="#communities">Communities</a><a href="#timeline">Timeline</a></nav>',
             '<dl class="summary">'
             f"<dt>articles</dt><dd>{len(data.articles)}</dd>"
             f"<dt>meetings</dt><dd>{n_meetings} (in {len(meetings)} series or none)</dd>"
             f"<dt>actors who take part in meetings</dt><dd>{actors.graph.number_of_nodes()}</dd>"
             f"<dt>countries that cooperate</dt><dd>{coop.graph.number_of_nodes()}</dd>"
             f"<dt>communities</dt><dd>{len(comms.table('communities').rows)}</dd></dl>"]

    parts.append('<h2 id="actors">Actors: who is central</h2>'
                 "<p>Two actors are linked when they take part in the same meeting (as delegate, speaker, "
                 "host, chair, organiser or representative). <b>Degree</b>: the share of all actors one meets; "
                 "<b>betweenness</b>: how often one lies on the shortest path between two others (a broker); "
                 "<b>eigenvector</b>: being linked to actors who are themselves central.</p>")
    parts.append(_figure(actors, "co-participation network"))
    rows = [[i + 1, link(r[2], r[0]), r[1], r[3], r[4], r[5], r[6], r[7]]
            for i, r in enumerate(actors.table("actors").rows[:top])]
    parts.append(_table(rows, ["#", "actor", "kind", "meetings", "partners", "degree", "betweenness", "eigenvector"],
                        {0, 3, 4, 5, 6, 7}) + _notes(actors))

    parts.append('<h2 id="cooperation">Cooperation: which states work together</h2>'
                 "<p>Two countries are linked by the meetings both take part in (directly, through their "
                 "ministries and bodies, or through their officials), the meetings one hosted or chaired while "
                 "the other took part, and the agreements between their parties. The weight is the sum.</p>")
    parts.append(_figure(coop, "cooperation network of countries"))
    rows = [[link(r[7], r[0]), link(r[8], r[1]), r[2], r[3], r[4], r[5], r[6]]
            for r in coop.table("pairs").rows[:top]]
    parts.append("<h3>Strongest pairs</h3>" + _table(rows, ["country", "partner", "weight", "meetings", "hosted",
                                                            "chaired", "agreements"], {2, 3, 4, 5, 6}))
    rows = [[link(r[1], r[0]), r[2], r[3], r[4], r[5], r[6], r[7]] for r in coop.table("countries").rows[:top]]
    parts.append("<h3>Countries</h3>" + _table(rows, ["country", "strength", "partners", "meetings", "hosted",
                                                      "chaired", "agreements"], {1, 2, 3, 4, 5, 6}) + _notes(coop))

    parts.append('<h2 id="communities">Communities: which groups form</h2>'
                 f"<p>Louvain communities of the co-participation network (networkx, seed {comms.extra['seed']}, "
                 f"modularity {comms.extra['modularity']}): actors that meet more among themselves than with "
                 "the rest, with the meetings that bind them.</p>")
    parts.append(_figure(comms, "communities"))
    members = comms.table("members").rows
    binding = comms.table("binding-meetings").rows
    rows = []
    for c in comms.table("communities").rows[:top]:
        who = [link(r[3], r[1]) for r in members if r[0] == c[0]][:6]
        where = [link(r[2], r[1]) + (f" ({r[3]})" if r[3] else "") for r in binding if r[0] == c[0]][:3]
        rows.append([c[0], c[1], _Html(", ".join(who)), _Html("; ".join(where))])
    parts.append(_table(rows, ["#", "size", "central members", "meetings that bind it"], {0, 1}) + _notes(comms))

    parts.append('<h2 id="timeline">Timeline: meetings, posts and themes over time</h2>')
    parts.append(_figure(times, "timeline"))
    rows = [[r[0] or "—", r[1], r[2]] for r in times.table("meetings-per-year").rows]
    parts.append("<h3>Meetings per year, by series</h3>" + _table(rows[-top:] if top else rows,
                                                                  ["year", "series", "meetings"], {2}))
    rows = [[r[0], link(r[6], r[1]), r[2] or "—", r[3] or "—", r[4]] for r in times.table("posts").rows[:top]]
    parts.append("<h3>Posts: who held which post (first and last attested)</h3>"
                 + _table(rows, ["post", "person", "first", "last", "articles"], {4}) + _notes(times))
    parts.append(f'<p class="caption">{html.escape(caption(times))}</p>\n</body>\n</html>\n')
    return "\n".join(parts).encode("utf-8")


__all__ = ["render_report"]
