"""Meetings in news text: series and edition, dates, place, mode, host, chair, participants.

The rules, in order:

1. **Series mentions.** Every name of a ``lg:MeetingSeries`` in the gazetteer is looked for in
   the article body; a name may have a parenthesised acronym inside it ("Konferensi Tingkat
   Tinggi (KTT) ASEAN") and an ordinal after its head noun ("Konferensi ke-26 Menteri Tenaga
   Kerja ASEAN"); head nouns are interchangeable (pertemuan / konferensi / meeting ...).
2. **Editions.** An ordinal before ("21st", "The Thirteenth"), inside, or after the name
   ("ke-21", "ke-XXI", "pertama", "ke sebelas"); an elliptic list continues the series
   ("CBM pertama pada tahun 2000 dan ke sebelas pada 2010").
3. **One event per meeting.** Mentions of the same series and edition are one event; an
   unnumbered mention joins the nearest numbered edition of its series in the article
   (not "the next ALMM", and not a body: "keketuaan ALMM", "Chair SLOM WG"); a series named
   without number in an article that numbers none is an event only when the text gives it
   a date, a place, a host or an upcoming marker ("SLOM+3 mendatang di Kamboja").
   A capitalised meeting name that is a series name in other words ("Pertemuan Tingkat
   Menteri Ketenagakerjaan ASEAN") joins that series.
4. **Unnamed events** (lokakarya, seminar, forum, pertemuan tingkat tinggi, launch, signing
   ceremony, penandatanganan, peluncuran ...) count
   when titled in quotes, met "dengan" someone, or given a date or a place; their label is the
   title, the noun phrase ("rapat koordinasi", "workshop on labour inspection"), or
   "<noun> di <place> (<date>)". A meeting about a meeting ("rapat koordinasi persiapan
   SLOM ke-20") is its own event.
5. **Demonstratives** ("pertemuan tersebut", "the meeting", "Pertemuan yang ... itu") point to
   the latest event: their sentences add attributes, not events.
6. **Attributes** are read in every sentence that mentions the event and go to the nearest
   event mention in that sentence (coordinated mentions "SLOM ke-21 dan SLOM+3 ke-23, yang
   diselenggarakan di Siem Reap" share them): dates (:mod:`labourgraph.dates`; never the
   report's dateline "Jakarta, 14 Maret 2024 -"), the place
   after "di"/"in" (the most specific), the mode (a delegation's own "mengikuti secara
   daring" at a meeting held somewhere is its participation mode, not the meeting's), host
   ("selaku tuan rumah", "menyelenggarakan", "hosted by", "X as host", "tuan rumah ... adalah X",
   "the host country, X"), chair ("dipimpin oleh",
   "memimpin", "chaired by"), participants and their roles, and the status (held, upcoming
   for a known later day, planned for a later year or an intention).

Each event keeps its mention spans and aliases (with the canonical alias "SERIES ke-N" in
Indonesian articles, "Nth SERIES" in English ones) for the Event entity.
"""
from __future__ import annotations

import dataclasses
import itertools
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import cache

from labourgraph import dates
from labourgraph.gazetteer import Gazetteer, default_gazetteer, fold, is_case_sensitive, reader
from labourgraph.records import Entity, Event, Evidence, Participant, Span, slug
from labourgraph.text import detect_language

# -- words ----------------------------------------------------------------------------------

#: Head nouns of meeting names; interchangeable when matching series names.
MEETING_HEADS = ("pertemuan", "konferensi", "rapat", "sidang", "forum", "meeting", "conference",
                 "konferensi tingkat tinggi", "summit")
#: Nouns of events that need not belong to a series.
EVENT_NOUNS = (r"pertemuan\s+tahunan\s+tingkat\s+tinggi|pertemuan\s+tingkat\s+tinggi|pertemuan\s+tahunan"
               r"|konferensi\s+tingkat\s+tinggi|forum\s+tingkat\s+tinggi|lokakarya|workshop|seminar|webinar"
               r"|simposium|symposium|konferensi|conference|pertemuan|rapat|sidang|forum|acara|peluncuran"
               r"|launch(?:ing)?|summit|KTT|FGD|diskusi\s+kelompok\s+terpumpun|meeting|gathering"
               r"|(?:dialog|dialogue)(?!\s+(?:sosial|social)\b)|consultation|konsultasi\s+regional|congress|kongres"
               r"|roundtable|round-table|retreat|colloquium|talks(?=\s+(?:in|at|on|with)\b)"
               r"|(?:upacara\s+|seremoni\s+)?penandatanganan|signing(?:\s+ceremony)?(?=\s+(?:of|ceremony|for|on)\b)"
               r"|signing\s+ceremony")
_EVENT_NOUN = re.compile(r"(?<![\w-])(?:" + EVENT_NOUNS + r")(?![\w-])", re.I)
_DEMONSTRATIVE_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:ini|tersebut|itu|dimaksud|kali\s+ini)\b", re.I)
_DEMONSTRATIVE_BEFORE = re.compile(r"\b(?:the|this|that|these)\s+(?:(?:major|regional|high-level|annual|two-day)\s+)*$", re.I)

_ID_UNITS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
             "sembilan": 9}
_ID_ORD = r"(?:pertama|kesatu|ke\s*-?\s*(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)" \
          r"(?:\s+(?:belas|puluh(?:\s+(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?))?)"
_EN_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
             "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
             "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_EN_ORD = r"(?:(?:twenty|thirty|forty|fifty)[-\s](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|" \
          + "|".join(sorted(_EN_UNITS, key=len, reverse=True)) + ")"
_ROMAN = r"(?:[IVXL]{1,7})"
#: An ordinal written after a name: "ke-21", "ke 21", "ke-XXI", "ke sebelas", "pertama".
_ORD_AFTER = re.compile(r"^(?:-(?P<dash>\d{1,3})\b|\s*(?:yang\s+)?(?:ke\s*-?\s*(?P<num>\d{1,3})(?![\d/])"
                        r"|ke\s*-\s*(?P<roman>" + _ROMAN + r")\b|(?P<word>" + _ID_ORD + r")))(?![\w-])", re.I)
#: An ordinal written before a name: "21st", "The Thirteenth", "ke-26" (head noun first).
_ORD_BEFORE = re.compile(r"(?:\b(?P<num>\d{1,3})\s*(?:st|nd|rd|th)|\b(?P<word>" + _EN_ORD + r")"
                         r"|(?:\b(?:pertemuan|konferensi|rapat|sidang|forum|meeting|conference)\s+)?\bke\s*-\s*(?P<ke>\d{1,3}))"
                         r"\s+(?:ASEAN\s+)?(?:(?:meeting|session|conference)\s+of\s+(?:the\s+)?)?$", re.I)
#: A body holding a numbered meeting: "held its 18th meeting", "menggelar pertemuan ke-18".
_ORD_ITS = re.compile(r"^\s+(?:(?:held|convened|holds|convenes|will\s+(?:hold|convene))\s+its\s+(?P<en>"
                      r"\d{1,3}(?:st|nd|rd|th)|" + _EN_ORD + r")\s+(?:annual\s+|regular\s+|plenary\s+)?"
                      r"(?:meeting|session|conference|forum)"
                      r"|(?:menggelar|menyelenggarakan|mengadakan|akan\s+menggelar)\s+(?:pertemuan|rapat|sidang|konferensi"
                      r"|forum)(?:nya)?\s+(?:yang\s+)?(?P<id>ke\s*-?\s*\d{1,3}|" + _ID_ORD + r"))(?![\w-])", re.I)
_ORD_INSIDE = r"(?:ke\s*-?\s*\d{1,3}|ke\s*-\s*" + _ROMAN + r"|\d{1,3}(?:st|nd|rd|th))"
#: An elliptic next edition: "... dan ke sebelas", "..., ke-12".
_ORD_CONTINUES = re.compile(r"^(?P<gap>(?:\s+pada\s+(?:tahun\s+)?\d{4})?\s*(?:,|dan|serta|and|&)\s*(?:yang\s+)?)(?P<ord>"
                            r"ke\s*-?\s*\d{1,3}(?![\d/])|" + _ID_ORD + r")(?![\w-])", re.I)

_MODE_HYBRID = re.compile(r"\b(?:hybrid|hibrida|hibrid|bauran)\b", re.I)
_MODE_ONLINE = re.compile(r"\b(?:secara\s+(?:virtual|daring|online|dalam\s+jaringan)|virtually|virtual(?:\s+meeting)?"
                          r"|daring|online|video\s*conference|konferensi\s+video|telekonferensi|teleconference"
                          r"|melalui\s+(?:zoom|video)|via\s+(?:zoom|video(?:\s*link)?|webex)|video\s*link|secara\s+jarak\s+jauh|remotely)\b", re.I)
_MODE_OFFLINE = re.compile(r"\b(?:secara\s+(?:luring|tatap\s+muka|langsung|fisik)|luring|tatap\s+muka|in[-\s]person"
                           r"|offline|face[-\s]to[-\s]face)\b", re.I)
_PARTICIPATE_VERB = re.compile(r"\b(?:mengikuti|menghadiri|hadir|bergabung|berpartisipasi|ikut|attend(?:ed|ing)?|"
                               r"join(?:ed|ing)?|participat(?:ed|ing))\b", re.I)

_ATTENDED_BY = re.compile(r"\b(?:attended|joined|dihadiri|diikuti)\s+(?:\w+\s+)?$", re.I)

_UPCOMING = re.compile(r"\b(?:akan|dijadwalkan|mendatang|berikutnya|selanjutnya|upcoming|will|would|shall|next|"
                       r"scheduled|forthcoming)\b", re.I)
_PLANNED = re.compile(r"\b(?:berencana|rencananya|direncanakan|kesiapan(?:nya)?|siap|plans?\s+to|planned|"
                      r"intends?)\b", re.I)
_HELD = re.compile(r"\b(?:telah|sudah|berlangsung|digelar|dilangsungkan|diadakan|diselenggarakan|dihadiri|held|"
                   r"concluded|wrapped\s+up|took\s+place|membuka|dibuka|opened|opening|inaugurated)\b", re.I)

_HOST_AFTER_AGENT = re.compile(r"\b(?:(?:selaku|sebagai)\s+tuan\s+rumah|as\s+(?:the\s+)?host(?:\s+country)?|the\s+host\s+country(?=\s*,))\b", re.I)
#: The host named after the word: "tuan rumah AFML ke-18 adalah X", "the host country, X" (not
#: "menjadi tuan rumah", "as host", whose host comes before).
_HOST_NOUN = re.compile(r"(?<!menjadi\s)(?<!jadi\s)(?<!sebagai\s)(?<!selaku\s)(?<!as\s)(?<!as\sthe\s)"
                        r"\b(?:(?:negara\s+)?tuan\s+rumah|(?:the\s+)?host(?:\s+country)?)\b(?!\s+(?:by|oleh)\b)", re.I)
#: Between a host and "selaku tuan rumah": a comma, a parenthesised acronym ("(DOLE)").
_HOST_GAP = re.compile(r"[\s,]{0,3}(?:\([^()]{1,20}\)[\s,]{0,3})?")
_HOST_VERB = re.compile(r"\b(?:(?:menjadi|jadi|bertindak\s+sebagai)\s+tuan\s+rumah(?:\s+penyelenggaraan)?"
                        r"|menyelenggarakan|menggelar|mengadakan|hosted|hosts|hosting|organi[sz]ed|organi[sz]es"
                        r"|(?:will|to|would|shall|akan)\s+host)\b", re.I)
_CHAIR_VERB = re.compile(r"\b(?:memimpin|mengetuai|chaired|chairs|chairing|presided\s+over|will\s+chair)\b", re.I)
_HOST_BY = re.compile(r"\b(?:hosted\s+by|organi[sz]ed\s+by|diselenggarakan\s+oleh|digelar\s+oleh)\s+(?:the\s+)?"
                      r"(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?['’]s\s+)?$", re.I)     # "hosted by Malaysia's <ORG>"
_HOST_LEAD = re.compile(r"\bsebagai\s+tuan\s+rumah(?P<chair>\s+(?:dan|sekaligus)\s+ketua)?\s+", re.I)
_CHAIR_BY = re.compile(r"\b(?:dipimpin\s+oleh|diketuai\s+oleh|chaired\s+by|presided\s+over\s+by)\s+"
                       r"(?:(?:Ms|Mr|Mrs|Dr|H|Hj|Prof)\.?\s+)?$", re.I)
_CHAIR_TOO = re.compile(r"\btuan\s+rumah\s+(?:dan|sekaligus)\s+ketua\b", re.I)
_OPENED_BY = re.compile(r"\b(?:dibuka\s+oleh|opened\s+by|inaugurated\s+by)\s+(?:[\w’'.]+\s+){0,12}?$", re.I)

_QUOTE_OPEN = "\"“'‘«"
_QUOTE_CLOSE = {"\"": "\"", "“": "”", "'": "'", "‘": "’", "«": "»"}
_THEME_CUE = re.compile(r"(?:\b(?:bertajuk|bertema|berjudul|bertemakan|mengangkat\s+tema|dengan\s+tema|tema|sub-?tema"
                        r"|themed|titled|entitled|under\s+the\s+theme|the\s+theme|theme)\b(?:\s+[\w-]+){0,3}?\s*)$", re.I)


ID_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def parse_ordinal(text: str) -> int | None:
    """The number an ordinal stands for: "ke-21", "21st", "Thirteenth", "ke sebelas", "XXI"."""
    t = " ".join(text.lower().replace("-", " ").split())
    t = re.sub(r"^(?:yang|the)\s+", "", t)
    m = re.search(r"\d+", t)
    if m:
        return int(m.group(0))
    words = t.split()
    if words and words[0] == "ke":
        words = words[1:]
    elif words and words[0].startswith("ke") and words[0] not in ("ke",):
        words = [words[0][2:]] + words[1:]
    if len(words) == 1 and re.fullmatch(r"[ivxl]+", words[0]):
        return _roman(words[0].upper())
    if t in ("pertama", "kesatu"):
        return 1
    if words and words[0] in _EN_UNITS or (words and words[0] in _EN_TENS):
        if words[0] in _EN_TENS and len(words) > 1 and words[1] in _EN_UNITS:
            return _EN_TENS[words[0]] + _EN_UNITS[words[1]]
        return _EN_UNITS.get(words[0])
    # Indonesian cardinals after "ke": "sebelas", "dua belas", "dua puluh satu"
    if not words:
        return None
    if words == ["sepuluh"]:
        return 10
    if words == ["sebelas"]:
        return 11
    if len(words) >= 1 and words[0] in _ID_UNITS:
        n = _ID_UNITS[words[0]]
        if len(words) == 1:
            return n
        if words[1] == "belas":
            return 10 + n
        if words[1] == "puluh":
            return 10 * n + (_ID_UNITS.get(words[2], 0) if len(words) > 2 else 0)
    return None


def _roman(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total, prev = 0, 0
    for ch in reversed(text):
        v = values.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def ordinal_suffix(n: int) -> str:
    """English ordinal: 1 -> "1st", 13 -> "13th", 22 -> "22nd"."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


# -- series catalogue -----------------------------------------------------------------------

@dataclass(frozen=True)
class Series:
    """A meeting series of the gazetteer: key, canonical label, names to look for (``new``: a
    series found in the text, whose label is its name there)."""

    key: str
    label: str
    names: tuple[str, ...]
    new: bool = False


def _canonical(key: str, pref: str, names: list[str], notations: dict[str, str]) -> str:
    if key in notations:
        return notations[key]
    acronyms = [n for n in names if is_case_sensitive(n) and len(n) <= 12]
    if acronyms:
        return sorted(acronyms, key=lambda n: (len(n), n))[0]
    return pref


@cache
def _notations() -> dict[str, str]:
    """``skos:notation`` of the series in ``ontology/entities.ttl`` (the canonical labels)."""
    from labourgraph.resources import ontology_dir
    try:
        path = ontology_dir() / "entities.ttl"
    except FileNotFoundError:
        return {}
    if not path.is_file():
        return {}
    return dict(reader("series_notations")(path))


def series_catalogue(gazetteer: Gazetteer) -> list[Series]:
    """The meeting series the gazetteer names, sorted by key."""
    notations = _notations() if gazetteer is default_gazetteer() else {}
    out = []
    for ref in gazetteer.references.values():
        if ref.type != "Series":
            continue
        names = sorted({" ".join(n.split()) for n in [ref.label, *ref.labels] if n.strip()})
        out.append(Series(ref.key, _canonical(ref.key, ref.label, names, notations), tuple(names)))
    return sorted(out, key=lambda s: s.key)


def _name_pattern(name: str) -> tuple[str, bool]:
    """Regex for one series name, and whether it is case-sensitive."""
    words = name.split()
    sensitive = is_case_sensitive(name)
    gap = r"(?:\s*\([^()]{1,60}\))?[\s/]+"
    parts = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i == 0 and lw in MEETING_HEADS and lw != "forum":
            # meeting nouns translate one another; a forum or a summit stays what it is
            head = "|".join(h.replace(" ", r"\s+") for h in MEETING_HEADS if h not in ("summit", "forum"))
            parts.append(r"(?:" + head + r")(?:\s+(?P<inside>" + _ORD_INSIDE + r"))?")
            continue
        if i == 0 and len(words) > 1 and lw in ("ktt", "forum", "summit", "konferensi", "sidang"):
            # "KTT ke-47 ASEAN", "Forum ke-15 ASEAN ...": the edition after the head noun
            parts.append(re.escape(w) + r"(?:\s+(?P<inside>" + _ORD_INSIDE + r"))?")
            continue
        if i == 1 and lw == "asean" and len(words) > 2 and words[0].lower() in ("forum", "ktt", "summit", "konferensi",
                                                                                 "sidang"):
            # "Forum ASEAN ke-15 tentang Pekerja Migran": the edition after "ASEAN"
            parts.append(re.escape(w) + r"(?:\s+(?P<inside2>" + _ORD_INSIDE + r"))?")
            continue
        parts.append(re.escape(w))
    body = gap.join(parts)
    return r"(?<![\w+-])" + body + r"(?![\w+]|-[^\W\d])", sensitive


@cache
def _compiled(catalogue: tuple[Series, ...]) -> list[tuple[re.Pattern, str, int]]:
    out = []
    for s in catalogue:
        for name in s.names:
            if len(name) < 3:
                continue
            pattern, sensitive = _name_pattern(name)
            out.append((re.compile(pattern, 0 if sensitive else re.I), s.key, len(name)))
    return out


# -- mentions -------------------------------------------------------------------------------

@dataclass
class _Mention:
    start: int
    end: int
    kind: str                        # "series", "unnamed", "coref"
    series: str | None = None
    edition: int | None = None
    label: str = ""
    noun: str = ""
    title: bool = False              # named by a quoted title
    ordinal_text: str = ""
    qualifies: bool = False          # enough to stand as an event on its own
    event: int | None = None         # index of its event once clustered
    variants: tuple[str, ...] = ()   # other descriptive names of an unnamed event
    met: bool = False                # "pertemuan ... dengan X": a meeting with someone
    verb: bool = False               # found from a verb of meeting ("X bertemu Y di Hanoi")
    first: bool = False              # "its inaugural meeting": the series' first edition, by pointer


@dataclass
class _Found:
    mentions: list[_Mention] = field(default_factory=list)
    series: str | None = None
    edition: int | None = None
    label: str = ""
    unnamed_noun: str = ""


class _Index(list):
    """Entity mentions ``(start, end, key, type)`` sorted by start, looked up by position
    with bisection (a scan of the whole article's entities per sentence is quadratic)."""

    def __init__(self, items=()):
        super().__init__(items)
        self.starts = [x[0] for x in self]
        self._ends: tuple[list[int], list[tuple]] | None = None

    def ends(self) -> tuple[list[int], list[tuple]]:
        if self._ends is None:
            by_end = sorted(self, key=lambda x: x[1])
            self._ends = ([x[1] for x in by_end], by_end)
        return self._ends


def _between(index, lo: int, hi: int) -> list:
    """The items of ``index`` with ``lo <= start < hi``, in index order."""
    if isinstance(index, _Index):
        return index[bisect_left(index.starts, lo):bisect_left(index.starts, hi)]
    return [x for x in index if lo <= x[0] < hi]


def _from(index, lo: int):
    """The items of ``index`` with ``start >= lo``, in index order (lazily)."""
    if isinstance(index, _Index):
        return itertools.islice(index, bisect_left(index.starts, lo), None)
    return (x for x in index if x[0] >= lo)


def _ending_between(index, lo: int, hi: int) -> list:
    """The items of ``index`` with ``lo <= end <= hi`` (in no particular order)."""
    if isinstance(index, _Index):
        keys, items = index.ends()
        return items[bisect_left(keys, lo):bisect_right(keys, hi)]
    return [x for x in index if lo <= x[1] <= hi]


def _entity_index(entities: list[Entity]) -> _Index:
    idx = []
    for e in entities:
        for sp in e.mentions:
            idx.append((sp.start, sp.end, e.key, e.type))
    return _Index(sorted(idx))


def _series_mentions(body: str, catalogue: list[Series]) -> list[_Mention]:
    hits = []
    for pattern, key, _n in _compiled(tuple(catalogue)):
        for m in pattern.finditer(body):
            hits.append((m.start(), m.end(), key, m.groupdict().get("inside") or m.groupdict().get("inside2")))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), h[2]))
    chosen: list[tuple[int, int, str, str | None]] = []
    for h in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0], h[2])):
        if any(h[0] < c[1] and c[0] < h[1] for c in chosen):
            continue
        chosen.append(h)
    chosen.sort()
    out: list[_Mention] = []
    for start, end, key, inside in chosen:
        if out and out[-1].start <= start and end <= out[-1].end:
            continue            # inside the parenthetical of the mention before
        # extend over a parenthetical that follows: "... ASEAN (ASEAN Senior ... /SLOM)"
        m = re.match(r"\s*\([^()]{1,120}\)", body[end:])
        if m and not re.match(r"\s*\(\s*\d", body[end:]):
            end += m.end()
        # an acronym alone in parentheses: the name before it is the surface
        if start > 0 and body[start - 1] == "(" and body[end:end + 1] == ")":
            name_start = _title_phrase_before(body, start - 1)
            if name_start is not None and not (out and out[-1].end >= name_start):
                start = name_start
                end += 1
        out.append(_Mention(start, end, "series", series=key, edition=int(parse_ordinal(inside)) if inside else None,
                            ordinal_text=inside or ""))
    return out


_CONNECT = {"on", "the", "of", "and", "for", "to", "in", "dan", "tentang", "bagi", "untuk", "atau", "se"}


def _title_phrase_before(body: str, pos: int) -> int | None:
    """Start of the title-case phrase that ends at ``pos`` ("Forum ASEAN ke-15 tentang
    Migran Buruh" before "(AFML)"), or None when fewer than two capitalised words."""
    tokens = list(re.finditer(r"\S+", body[max(0, pos - 200):pos]))
    base = max(0, pos - 200)
    start, caps = None, 0
    for t in reversed(tokens):
        w = t.group(0).strip(",")
        if t.group(0).endswith(",") or t.group(0).endswith("."):
            break
        if w[:1].isupper() or re.fullmatch(r"ke-?\d+|\d+(?:st|nd|rd|th)|\([^()]*\)", w):
            caps += w[:1].isupper()
            start = base + t.start()
        elif w.lower() in _CONNECT:
            continue
        else:
            break
    if start is None or caps < 2:
        return None
    # do not start on a connector
    while True:
        m = re.match(r"(\S+)\s+", body[start:pos])
        if m and m.group(1).lower() in _CONNECT:
            start += m.end()
        else:
            break
    return start


def _attach_editions(body: str, mentions: list[_Mention]) -> list[_Mention]:
    extra = []
    for m in mentions:
        if m.kind != "series":
            continue
        if m.edition is None:
            after = _ORD_AFTER.match(body[m.end:m.end + 40])
            if after:
                n = parse_ordinal(after.group(0))
                if n:
                    m.edition, m.ordinal_text = n, after.group(0).strip()
                    m.end += after.end()
        if m.edition is None:
            before = _ORD_BEFORE.search(body[max(0, m.start - 40):m.start])
            if before:
                n = parse_ordinal(before.group("num") or before.group("word") or before.group("ke"))
                if n:
                    m.edition, m.ordinal_text = n, before.group(0).strip()
                    m.start -= len(before.group(0))
                    the = re.search(r"\bThe\s+$", body[max(0, m.start - 6):m.start])
                    if the:
                        m.start -= len(the.group(0))
        if m.edition is None:
            # "the ACMW held its 18th meeting", "ACMW menggelar pertemuan ke-18"
            its = _ORD_ITS.match(body[m.end:m.end + 80])
            its_ord = (its.group("en") or its.group("id")) if its else None
            if its:
                n = parse_ordinal(its_ord)
                if n:
                    m.edition, m.ordinal_text = n, its_ord
                    name = body[m.start:m.end]
                    m.label = f"{its_ord} {name}" if its.group("en") else f"{name} {its_ord}"
        if m.edition is not None:
            # "CBM pertama pada tahun 2000 dan ke sebelas pada 2010"
            pos = m.end
            while True:
                cont = _ORD_CONTINUES.match(body[pos:pos + 60])
                if not cont:
                    break
                n = parse_ordinal(cont.group("ord"))
                if not n:
                    break
                s = pos + cont.start("ord")
                e = pos + cont.end("ord")
                short = body[m.start:m.end]
                if m.ordinal_text and short.endswith(m.ordinal_text):
                    short = short[:-len(m.ordinal_text)].strip()
                extra.append(_Mention(s, e, "series", series=m.series, edition=n, ordinal_text=cont.group("ord"),
                                      label=f"{short} {cont.group('ord')}"))
                pos = e
    return sorted(mentions + extra, key=lambda x: (x.start, x.end))


def _quoted_after(body: str, pos: int) -> tuple[int, int] | None:
    """The quoted title starting at ``pos`` (after spaces): (start, end) of its inside."""
    m = re.match(r"\s{0,2}([" + _QUOTE_OPEN + r"])", body[pos:])
    if not m:
        return None
    q = m.group(1)
    start = pos + m.end()
    close = _QUOTE_CLOSE[q]
    end = body.find(close, start)
    alt = body.find("\"", start) if q != "\"" else -1
    if end < 0 or (0 <= alt < end):
        end = alt
    if end < 0 or end - start > 200 or "\n" in body[start:end]:
        return None
    return start, end


def _clean_title(text: str) -> str:
    return text.strip().strip(",.;:").strip()


def _local_acronyms(body: str, mentions: list[_Mention], catalogue: list[Series]) -> list[_Mention]:
    """Acronyms an article defines inside a series name ("Coordinating Board Meeting (CBM)")
    name that series elsewhere in the same article ("CBM pertama")."""
    known = {n for s in catalogue for n in s.names}
    local: dict[str, str] = {}
    for m in mentions:
        for acr in re.findall(r"\(\s*([A-Z][A-Z0-9+-]{1,9})\s*\)", body[m.start:m.end]):
            if acr not in known:
                local.setdefault(acr, m.series)
    extra = []
    # "Coordinating Board Meeting (CBM)": the words before an acronym spell it and begin a
    # series name
    starts = {}
    for s in catalogue:
        for n in s.names:
            starts.setdefault(fold(n), s.key)
    for d in re.finditer(r"\(\s*([A-Z][A-Z0-9]{1,7})\s*\)", body):
        acr = d.group(1)
        words = list(re.finditer(r"[\w’'-]+", body[max(0, d.start() - 120):d.start()]))[-len(acr):]
        if len(words) != len(acr) or "".join(w.group(0)[0] for w in words).upper() != acr:
            continue
        phrase = fold(" ".join(w.group(0) for w in words))
        key = next((k for n, k in sorted(starts.items()) if n.startswith(phrase + " ") or n == phrase), None)
        if key is None:
            continue
        local.setdefault(acr, key)
        start = max(0, d.start() - 120) + words[0].start()
        if not any(start < t.end and t.start < d.end() for t in mentions + extra):
            extra.append(_Mention(start, d.end(), "series", series=key))
    for acr, key in sorted(local.items()):
        for hit in re.finditer(r"(?<![\w+-])" + re.escape(acr) + r"(?![\w+]|-\w)", body):
            if any(hit.start() < t.end and t.start < hit.end() for t in mentions + extra):
                continue
            extra.append(_Mention(hit.start(), hit.end(), "series", series=key))
    return sorted(mentions + extra, key=lambda x: (x.start, x.end))


_FILLER = frozenset("tingkat para se the of on for ke dan and tentang bagi untuk asean".split())
_HEAD_WORDS = frozenset(w for h in MEETING_HEADS for w in h.split())


def _name_tokens(text: str) -> frozenset[str]:
    words = re.findall(r"[\w+]+", fold(text))
    return frozenset(w for w in words if w not in _FILLER and w not in _HEAD_WORDS
                     and not re.fullmatch(r"\d+|[ivxl]+|\d+(?:st|nd|rd|th)", w))


def _fuzzy_series(body: str, m: _Mention, catalogue: list[Series]) -> _Mention | None:
    """A capitalised meeting name that is a series name in other words ("Pertemuan Tingkat
    Menteri Ketenagakerjaan ASEAN" for "Pertemuan Menteri Ketenagakerjaan ASEAN")."""
    if m.kind != "unnamed" or not body[m.start:m.start + 1].isupper():
        return None
    phrase = re.match(r"(?:\s+(?:[A-Z][\w’'+-]*|ASEAN|ke-?\s*[IVXL\d]+|dan|and|of|on|the|for|tentang|bagi|untuk|se-?))+",
                      body[m.end:m.end + 120])
    if not phrase:
        return None
    text = body[m.start:m.end + phrase.end()].rstrip()
    while True:       # do not end on a connector or an ordinal
        cut = re.search(r"\s+(?:dan|and|of|on|the|for|tentang|bagi|untuk|se-?|ke-?\s*[IVXL\d]+)$", text)
        if not cut:
            break
        text = text[:cut.start()]
    tokens = _name_tokens(text)
    if len(tokens) < 2:
        return None
    head = _NOUN_CLASS.get(fold(text).split()[0])
    for series in catalogue:
        for name in series.names:
            other = _name_tokens(name)
            if _NOUN_CLASS.get(fold(name).split()[0]) != head:
                continue          # a forum is not a meeting of the same name
            if len(other) >= 2 and (tokens == other or (len(tokens & other) / len(tokens | other) >= 0.8)):
                return _Mention(m.start, m.start + len(text), "series", series=series.key)
    return None


_QUOTED = re.compile(r"[“\"]([^“”\"\n]{8,200})[”\"]")


def _quoted_event_titles(body: str, taken: list[_Mention]) -> list[_Mention]:
    """A quoted title-case name with an event noun in it ("“Breaking Barriers: ASEAN Regional
    Dialogue on ...” event", "“Forum Dialog Sosial Nasional 2024”"): an event of that title."""
    heads = {fold(h) for h in _event_heads() if " " not in h}
    out = []
    for q in _QUOTED.finditer(body):
        inner = q.group(1).strip()
        words = re.findall(r"[\w’'-]+", inner)
        content = [w for w in words if fold(w) not in _CONNECT and fold(w) not in _TITLE_CONNECTORS]
        if not content or not any(fold(w) in heads and w[:1].isupper() for w in words):
            continue
        if sum(w[:1].isupper() or w[:1].isdigit() for w in content) < 0.8 * len(content) or re.search(r"[.!?]$", inner):
            continue            # a quoted sentence, not a title
        if any(q.start() < t.end and t.start < q.end() for t in taken):
            continue
        out.append(_Mention(q.start(1), q.end(1), "unnamed", noun="event", title=True, label=inner, qualifies=True))
    return out


_TITLE_CONNECTORS = frozenset("of on the for and to in a an dan untuk bagi tentang di ke dari yang dalam menuju "
                              "with dengan".split())


class _SpanIndex:
    """Mentions (anything with ``start`` and ``end``) by position: which overlap a range, which
    start in one, by bisection instead of a scan of the whole article's mentions."""

    def __init__(self, spans):
        self.items = sorted(spans, key=lambda t: t.start)      # stable: equal starts keep their order
        self.starts = [t.start for t in self.items]
        self.reach: list[int] = []                               # widest end among items[:i + 1]
        top = None
        for t in self.items:
            top = t.end if top is None else max(top, t.end)
            self.reach.append(top)

    def overlaps(self, a: int, b: int) -> bool:
        """Whether some span has ``start < b`` and ``end > a``."""
        i = bisect_left(self.starts, b)
        return i > 0 and self.reach[i - 1] > a

    def starting(self, lo: int, hi: int) -> list:
        """The spans with ``lo <= start <= hi``, in their given order."""
        return self.items[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]


def _unnamed_mentions(body: str, taken: list[_Mention], sentences: list[Span]) -> list[_Mention]:
    out: list[_Mention] = _quoted_event_titles(body, taken)
    quoted = list(out)
    taken_and_quoted = _SpanIndex(taken + quoted)
    taken_at = _SpanIndex(taken)
    series_left = sum(t.kind == "series" for t in taken)     # a series mention may become "inner" below
    for m in _EVENT_NOUN.finditer(body):
        if taken_and_quoted.overlaps(m.start(), m.end()):
            continue
        noun = m.group(0)
        if noun.isupper() and noun not in ("KTT", "FGD"):
            continue
        start = m.start()
        # a compound of event nouns ("forum acara") is one mention
        if out and out[-1].kind in ("unnamed", "coref") and re.fullmatch(r"\s+", body[out[-1].end:m.start()]):
            start = out.pop().start
        after = body[m.end():m.end() + 60]
        before = body[max(0, start - 40):start]
        # "pertemuan SLOM dan SLOM+3": the noun belongs to the series name that follows
        if taken_at.starting(m.end(), m.end() + 2):
            continue
        # "rapat koordinasi persiapan SLOM ke-20": a meeting about another meeting
        prep = re.match(r"(?:\s+[a-z][a-z-]*){0,2}?\s+(?:persiapan|menjelang|jelang|menuju|pra|preparatory\s+(?:meeting\s+)?for"
                        r"|in\s+preparation\s+for)\s+(?:the\s+)?", body[m.end():m.end() + 60], re.I)
        if prep:
            inner = [t for t in taken_at.starting(m.end() + prep.end(), m.end() + prep.end())
                     if t.kind == "series" and t.start == m.end() + prep.end()]
            if inner:
                inner[0].kind = "inner"
                series_left -= 1
                out.append(_Mention(start, inner[0].end, "unnamed", noun=noun.lower(), title=True,
                                    label=" ".join(body[start:inner[0].end].split())))
                continue
        si = _sentence_of(sentences, start)
        sentence_initial = si is not None and not body[sentences[si].start:start].strip(" \"“'")
        # "the signing of the MoU", "the launch of ...": a definite article, not a pointer back
        ceremony = re.match(r"(?:signing|launch|penandatanganan|peluncuran)", noun, re.I)
        definite_only = ceremony and re.search(r"\bthe\s+$", before, re.I)
        # "meresmikan forum pada ...", "opened the meeting on ...": a bare noun after a verb of
        # opening or attending is the event being reported
        opened_bare = re.search(r"\b(?:meresmikan|membuka|menutup|menghadiri|mengikuti|opened|closed|attended|joined)"
                                r"\s+$", before, re.I) and not re.match(r"\s+[A-Za-z]*[A-Z]", after) \
            and not re.match(r"\s+(?:dengan|with|bilateral|tentang|on|mengenai)\b", after, re.I) \
            and series_left > 0
        # "Usai forum, ...", "After meeting, ...": the event just reported, named no further
        time_ref = re.search(r"\b(?:usai|seusai|setelah|sesudah|selepas|sebelum|after|before|following)\s+$", before,
                             re.I) and re.match(r"\s*[,;.]", after)
        if _DEMONSTRATIVE_AFTER.match(after) or (_DEMONSTRATIVE_BEFORE.search(before) and not definite_only) \
                or time_ref or opened_bare \
                or (sentence_initial and re.match(r"\s+(?:yang|juga|akan|telah|sudah|was|is|will|has|"
                                                  r"(?:di|ber|ter|me)[a-z]{3,})\b", after)):
            # "pertemuan tersebut", "the meeting", "Pertemuan yang diselenggarakan ... itu"
            out.append(_Mention(start, m.end(), "coref", noun=noun.lower()))
            continue
        noun_text = " ".join(body[start:m.end()].lower().split())
        if noun[:1].isupper() and noun not in ("KTT", "FGD"):
            # "ASEAN Regional Conference on ...": capitalised words before the noun name it too
            lead = _NAME_BEFORE_NOUN.search(body[max(0, start - 80):start])
            if lead and not taken_at.overlaps(lead.start() + max(0, start - 80), start):
                start = max(0, start - 80) + lead.start()
        out.append(_Mention(start, m.end(), "unnamed", noun=noun_text))
    return out


#: Capitalised words (not "The") right before a capitalised event noun: part of its name.
_NAME_BEFORE_NOUN = re.compile(r"(?<![\w’'-])(?!(?:The|A|An|This|That|Para|Dalam|Pada|Di)\b)"
                               r"(?:(?:[A-Z][\w’'&+-]*|\d{4})\s+){1,6}$")


# -- numbered events of any series ----------------------------------------------------------

_TITLE_CONN = r"(?:of|on|the|for|and|&|tentang|dan|untuk|bagi|mengenai|se-?)"
_TITLE_WORD = (r"(?!(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
               r"|Sunday|Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
               r"|January|February|March|May|June|July|August|October|December|The)\b)"
               r"(?:[A-Z][\w’'&+.-]*|\d{4}(?:-\d{2,4})?)")
_TITLE_PAREN = r"\([A-Z][\w+&/.-]{1,15}\)"
_TITLE_RUN = _TITLE_WORD + r"(?:\s+(?:" + _TITLE_WORD + "|" + _TITLE_CONN + "|" + _TITLE_PAREN + r"))*"
_TRAILING_CONN = re.compile(r"(?:\s+" + _TITLE_CONN + r")+$")


@cache
def _event_heads() -> tuple[str, ...]:
    from labourgraph.lexicons import words
    return tuple(sorted(words("event_nouns"), key=lambda w: (-len(w), w)))


@cache
def _numbered_patterns() -> tuple[re.Pattern, ...]:
    heads = "|".join(h.replace(" ", r"\s+") for h in _event_heads())
    ordinal_before = r"(?P<ord>\d{1,3}(?:st|nd|rd|th)|(?i:" + _EN_ORD + r"))"
    ordinal_after = (r"(?P<ord>ke\s*-?\s*\d{1,3}(?![\d/])|ke\s*-\s*" + _ROMAN + r"\b|(?i:" + _ID_ORD + r"))(?![\w-])")
    return (
        # "The 5th ASEAN Workshop on ...", "Twelfth ASEAN ... Conference"
        re.compile(r"(?<![\w-])(?:(?:[Tt]he)\s+)?" + ordinal_before + r"\s+(?P<name>" + _TITLE_RUN + ")"),
        # "the 18th meeting of the ASEAN Committee on ..."
        re.compile(r"(?<![\w-])(?:(?:[Tt]he)\s+)?" + ordinal_before + r"\s+(?P<head>(?i:meeting|session|conference|"
                   r"forum|summit|workshop|dialogue|congress|assembly))\s+of\s+(?:the\s+)?(?P<name>" + _TITLE_RUN + ")"),
        # "Lokakarya Regional ASEAN ke-3 tentang Perlindungan Sosial", "Konferensi ke-12 Menteri ..."
        re.compile(r"(?<![\w-])(?P<name>(?:" + heads + r")(?:\s+(?:" + _TITLE_WORD + "|" + _TITLE_CONN + "|"
                   + _TITLE_PAREN + r")){0,10}?)\s+" + ordinal_after
                   + r"(?P<tail>(?:\s+(?:tentang|mengenai|bagi|untuk|on|about))?\s+" + _TITLE_RUN + ")?"),
        # "pertemuan referensi kualifikasi ASEAN ke-7": lower-case words with an acronym among them
        re.compile(r"(?<![\w-])(?P<name>(?:pertemuan|konferensi|rapat|sidang|forum|lokakarya|seminar|dialog)"
                   r"(?:\s+[\w’'&+-]+){1,7}?)\s+(?P<ord>ke\s*-?\s*\d{1,3}(?![\d/]))(?![\w-])"),
    )


def _name_language(name: str) -> str:
    """"id" when a name has an Indonesian event noun or connector, else "en"."""
    from labourgraph.lexicons import words
    id_words = {fold(w) for w in words("event_nouns", "id")} | {"tentang", "dan", "untuk", "bagi", "mengenai", "atau"}
    return "id" if any(w in id_words for w in fold(name).split()) else "en"


def _shortened_known_edition(label: str, edition: int, taken: list[_Mention],
                              catalogue: list[Series]) -> Series | None:
    """"Konferensi Tingkat Tinggi ke-31" in an article that also names "KTT ASEAN ke-31": some
    words of a known series' name, with an edition the article gives that series."""
    editions = {t.series for t in taken if t.kind == "series" and t.edition == edition}
    words = set(fold(label).split())
    for series in catalogue:
        if series.key in editions and len(words) >= 2 and any(words < set(fold(name).split()) for name in series.names):
            return series
    return None


def _series_in_other_words(label: str, catalogue: list[Series]) -> Series | None:
    """A known series whose name has the same content words ("Pertemuan Tingkat Menteri Tenaga
    Kerja ASEAN" for "Pertemuan Menteri Tenaga Kerja ASEAN"), with the same kind of head noun."""
    tokens = _name_tokens(label)
    if len(tokens) < 2:
        return None
    head = _NOUN_CLASS.get(fold(label).split()[0])
    for series in catalogue:
        for name in series.names:
            other = _name_tokens(name)
            if _NOUN_CLASS.get(fold(name).split()[0]) != head:
                continue
            if len(other) >= 2 and (tokens == other or len(tokens & other) / len(tokens | other) >= 0.8):
                return series
    return None


def _is_head(word: str) -> bool:
    return any(fold(word) == fold(h) for h in _event_heads() if " " not in h)


def _squashed(name: str) -> str:
    """A name folded with its spaces dropped, to compare names whose words a scrape glued."""
    return re.sub(r"\s+", "", fold(name))


def _named_numbered(body: str, taken: list[_Mention], catalogue: list[Series]) -> list[Series]:
    """Numbered events whose series the gazetteer does not know: an event noun in a name with
    an ordinal ("the 5th ASEAN Workshop on ...", "Lokakarya Regional ASEAN ke-3 tentang ...").
    The series is the name without its ordinal; a new one is added to ``catalogue`` and the
    mentions to ``taken``."""
    # a name is known with its spaces dropped too: scraped text glues words
    # ("Regional TripartiteSocial Dialogue Conference" is the "Tripartite Social" one)
    known = {_squashed(n): s for s in catalogue for n in s.names}
    found: list[_Mention] = []
    for kind, pattern in enumerate(_numbered_patterns()):
        for m in pattern.finditer(body):
            start, end = m.start(), m.end()
            if any(start < t.end and t.start < end for t in taken + found):
                continue
            name = m.group("name")
            tail = (m.groupdict().get("tail") or "")
            trimmed = _TRAILING_CONN.sub("", name + tail)
            end -= len(name + tail) - len(trimmed) if m.end("name") == end or tail else 0
            words = re.findall(r"[\w’'&+-]+", name)
            if kind == 0:
                name = _TRAILING_CONN.sub("", name)
                if not any(_is_head(w) for w in words):
                    continue
                end = m.start("name") + len(name)
                label = name
            elif kind == 1:
                name = _TRAILING_CONN.sub("", name)
                end = m.start("name") + len(name)
                label = f"{name} {m.group('head').lower()}"
            elif kind == 2:
                tail = _TRAILING_CONN.sub("", tail)
                end = m.end("ord") + len(tail)
                label = " ".join(f"{_TRAILING_CONN.sub('', name)}{tail}".split())
            else:
                rest = words[1:]
                if not any(re.fullmatch(r"[A-Z][A-Z0-9+-]+", w) for w in rest) or any(
                        (w.lower() in _FUNCTION_WORDS and w.lower() not in ("atau", "dan", "tentang")) or (re.match(r"(?:mem|men|meng|meny|ber|ter|di)", w) and len(w) > 5
                                                          and w.lower() not in _NOUN_LIKE) for w in rest):
                    continue
                label = " ".join(name.split())
            label = " ".join(re.sub(r"\s*" + _TITLE_PAREN, "", label).split())
            if len(label.split()) < 2:
                continue
            n = parse_ordinal(m.group("ord"))
            if not n:
                continue
            series = known.get(_squashed(label)) or _series_in_other_words(label, catalogue) \
                or _shortened_known_edition(label, n, taken, catalogue)
            if series is None:
                series = Series(f"series-{slug(label)}", label, (label,), new=True)
                catalogue.append(series)
                known[_squashed(label)] = series
            found.append(_Mention(start, end, "series", series=series.key, edition=n,
                                  ordinal_text=" ".join(m.group("ord").split())))
    return found


# -- meetings told by a verb ----------------------------------------------------------------

@cache
def _meeting_verbs() -> re.Pattern:
    from labourgraph.lexicons import words
    verbs = sorted(words("meeting_verbs"), key=lambda w: (-len(w), w))
    return re.compile(r"\b(?P<verb>" + "|".join(v.replace(" ", r"\s+") for v in verbs) + r")\s+(?:dengan\s+|with\s+)?", re.I)


def _verb_meetings(body: str, taken: list[_Mention], sentences: list[Span], index, reference,
                   language: str) -> list[_Mention]:
    """"Menaker bertemu dengan Menteri ... di Hanoi pada Selasa (5/3)", "X met his counterpart Y
    in Kuala Lumpur on Friday": a meeting, when the sentence names no other event and says where
    or when. Its name is built from the text ("pertemuan dengan Y", "meeting with Y")."""
    out: list[_Mention] = []
    # starts of the event mentions so far (taken and found here), sorted
    event_starts = sorted(t.start for t in taken if t.kind in ("series", "unnamed"))
    for v in _meeting_verbs().finditer(body):
        si = _sentence_of(sentences, v.start())
        if si is None:
            continue
        sent = sentences[si]
        if bisect_left(event_starts, sent.end) > bisect_left(event_starts, sent.start):
            continue
        clause = body[v.end():sent.start + len(sent.text)]
        clause = clause[:_clause_end(clause, 0)]
        # whom: up to the place, the date or the end of the clause
        stop = re.search(r"\s+(?:di|in|at|pada|on|untuk|to|guna|dalam|during|yang|who|and\s+(?:discussed|agreed))\s|[,;(]",
                         clause)
        whom_end = v.end() + (stop.start() if stop else len(clause))
        if not any(v.end() <= s0 < whom_end and t in ("Person", "Organization", "Country")
                   for s0, _e, _k, t in _between(index, v.end(), whom_end)):
            continue
        place = _place_in(body, v.end(), v.end() + len(clause), index)
        found_dates = [d for d in dates.find_dates(clause, reference) if d.value.date]
        if not place and not found_dates:
            continue
        whom = " ".join(body[v.end():whom_end].split())
        noun = "meeting" if language == "en" else "pertemuan"
        label = f"{noun} with {whom}" if language == "en" else f"{noun} dengan {whom}"
        out.append(_Mention(v.start(), whom_end, "unnamed", noun=noun, label=label, qualifies=True, met=True,
                            verb=True))
        insort(event_starts, v.start())
    return out


# -- sentences ------------------------------------------------------------------------------

_SENTENCE_STARTS: list = [None, None, None]      # sentences, their count, their starts (or None: not ordered)


def _sentence_of(sentences: list[Span], pos: int) -> int | None:
    """The index of the (first) sentence holding ``pos``; by bisection when the sentences are
    in order and do not overlap (as the segmenter gives them)."""
    cache = _SENTENCE_STARTS
    if cache[0] is not sentences or cache[1] != len(sentences):
        ordered = all(a.end <= b.start and a.start <= a.end for a, b in zip(sentences, sentences[1:]))
        cache[:] = [sentences, len(sentences), [s.start for s in sentences] if ordered else None]
    starts = cache[2]
    if starts is None:
        for i, s in enumerate(sentences):
            if s.start <= pos < s.end:
                return i
        return None
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < sentences[i].end:
        return i
    return None


def _clause_end(text: str, pos: int) -> int:
    """End of the clause that starts at ``pos`` (a full stop, semicolon or end of sentence);
    the full stop of an initial or a title ("V. Sivakumar", "Dr. Ha") ends nothing."""
    for m in re.finditer(r"[.;!?](?:\s|$)", text[pos:]):
        word = re.search(r"(\S+)$", text[pos:pos + m.start()])
        if m.group(0)[0] == "." and word and re.fullmatch(r"[A-Z]|Dr|Drs|Ir|Prof|H|Hj|Mr|Mrs|Ms|St|Plt|No",
                                                           word.group(1)):
            continue
        return pos + m.start()
    return len(text)


# -- the main function ----------------------------------------------------------------------

def find_events(article, sentences: list[Span], entities: list[Entity], published: str | None,
                gazetteer: Gazetteer | None = None) -> list[Event]:
    """The meetings an article reports, one :class:`Event` each (sorted by first mention)."""
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    body = article.body
    reference = dates.reference_date(article, published)
    language = getattr(article, "language", None) or detect_language(getattr(article, "body", "") or "")
    index = _entity_index(entities)
    by_key = {e.key: e for e in entities}
    catalogue = series_catalogue(gaz)

    mentions = _series_mentions(body, catalogue)
    mentions = _attach_editions(body, _local_acronyms(body, mentions, catalogue))
    known_series = len(catalogue)
    mentions += _named_numbered(body, mentions, catalogue)
    if len(catalogue) > known_series:
        # the new series named elsewhere without its ordinal
        named = _SpanIndex(mentions)
        mentions += [m for m in _series_mentions(body, catalogue[known_series:])
                     if not named.overlaps(m.start, m.end)]
    mentions.sort(key=lambda m: (m.start, m.end))
    unnamed = _unnamed_mentions(body, mentions, sentences)
    unnamed += _verb_meetings(body, mentions + unnamed, sentences, _entity_index(entities), reference, language)
    unnamed.sort(key=lambda m: (m.start, m.end))
    _numbered_meeting_nouns(body, unnamed, mentions)
    fuzzy = [m for m in (_fuzzy_series(body, u, catalogue) for u in unnamed) if m is not None]
    fuzzy = _attach_editions(body, fuzzy)
    covered = _SpanIndex(fuzzy)
    unnamed = [u for u in unnamed if not covered.overlaps(u.start, u.start + 1)]
    mentions += fuzzy + unnamed
    mentions.sort(key=lambda m: (m.start, m.end))
    # mentions outside any sentence (blank chrome) are ignored
    mentions = [m for m in mentions if _sentence_of(sentences, m.start) is not None]

    org_spans = {(s, e) for s, e, _k, t in index if t == "Organization"}
    # entity mentions inside a meeting's own name ("SLOM" in "SLOM ke-17") are not agents
    series_spans = [(m.start, m.end) for m in mentions if m.kind in ("series", "inner")]
    index = _Index(x for x in index if not _covered(x[0], x[1], series_spans))
    series_starts = sorted(m.start for m in mentions if m.kind == "series")   # no kind becomes "series" below
    # a mention's clause: attributes it may take on its own
    for m in mentions:
        si = _sentence_of(sentences, m.start)
        sent = sentences[si]
        local = sent.text[m.end - sent.start:]
        if m.kind == "unnamed" and m.verb:
            pass                    # qualified where found
        elif m.kind == "unnamed" and m.title:
            m.qualifies = True
        elif m.kind == "unnamed":
            _qualify_unnamed(m, body, sent, local, index, reference, language)
            if not m.title and not m.met and \
                    bisect_left(series_starts, sent.end) > bisect_left(series_starts, sent.start):
                m.kind, m.qualifies = "coref", False
            elif not m.qualifies and not m.title and not m.met and not m.label \
                    and m.noun in ("pertemuan", "meeting", "forum", "konferensi", "conference", "rapat", "sidang"):
                # a bare "pertemuan" that is no event of its own: the meeting being reported
                m.kind = "coref"
        elif m.kind == "series" and m.edition is None:
            m.qualifies = _has_event_cue(sent, m, index, reference)

    # "the two-day meeting in Putrajaya" before any event is named: the event being reported
    first_event = min((m.start for m in mentions if m.kind in ("series", "unnamed")), default=len(body))
    for m in mentions:
        if m.kind == "coref" and m.start < first_event and _DEMONSTRATIVE_BEFORE.search(body[max(0, m.start - 40):m.start]):
            si = _sentence_of(sentences, m.start)
            sent = sentences[si]
            trial = _Mention(m.start, m.end, "unnamed", noun=m.noun)
            _qualify_unnamed(trial, body, sent, sent.text[m.end - sent.start:], index, reference, language)
            if trial.qualifies:
                m.__dict__.update(trial.__dict__)
    events = _cluster(mentions, body)
    _merge_bare_into_specific(events)
    out: list[Event] = []
    for ev_i, found in enumerate(events):
        ev = _describe(found, ev_i, mentions, body, sentences, index, by_key, reference, language, catalogue,
                       published or (article.published if getattr(article, "published", None) else None), events)
        if ev is not None:
            # a span the text uses for the body ("Ketua ASEAN SLOM-WG") stays the body's mention
            ev.mentions = [sp for sp in ev.mentions if (sp.start, sp.end) not in org_spans
                           or not _BODY_CONTEXT.search(body[max(0, sp.start - 40):sp.start])]
            out.append(ev)
    _dateline_place(out, body, sentences, index)
    # stable keys: a second event with the same key is merged into the first
    merged: dict[str, Event] = {}
    for ev in out:
        if ev.key in merged:
            first = merged[ev.key]
            first.aliases = sorted(set(first.aliases) | set(ev.aliases) | ({ev.label} - {first.label}))
            first.mentions = sorted(set(first.mentions) | set(ev.mentions))
            for attr in ("date", "end_date", "date_text", "place", "mode", "host", "chair", "theme", "status"):
                if getattr(first, attr) is None:
                    setattr(first, attr, getattr(ev, attr))
            continue
        merged[ev.key] = ev
    events = list(merged.values())
    theme_entities(article, sentences, entities, events)      # sets Event.theme
    return events


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether some span ``(a, b)`` of ``spans`` (sorted) holds ``[start, end]``: the widest
    end among the spans that start by ``start`` reaches ``end``."""
    key = id(spans)
    cached = _COVER_CACHE.get(key)
    if cached is None or cached[0] is not spans or cached[1] != len(spans):
        ordered = sorted(spans)
        reach, top = [], -1
        for _a, b in ordered:
            top = max(top, b)
            reach.append(top)
        _COVER_CACHE.clear()
        cached = _COVER_CACHE[key] = (spans, len(spans), [a for a, _b in ordered], reach)
    i = bisect_right(cached[2], start) - 1
    return i >= 0 and cached[3][i] >= end


_COVER_CACHE: dict = {}


def _numbered_meeting_nouns(body: str, unnamed: list[_Mention], series: list[_Mention]) -> None:
    """"pertemuan ke-17", "the 17th meeting" after a series is named: another edition of that
    series (the one named last before it), not an unnamed event nor the series' own meeting."""
    for m in unnamed:
        if m.kind == "coref" or m.noun not in ("pertemuan", "meeting", "rapat", "sidang", "konferensi", "conference"):
            continue
        before = [x for x in series if x.kind == "series" and x.end <= m.start and x.series]
        if not before:
            continue
        after = _ORD_AFTER.match(body[m.end:m.end + 30])
        lead = re.search(r"\b(?P<ord>\d{1,3}(?:st|nd|rd|th)|" + _EN_ORD + r")\s+$", body[max(0, m.start - 20):m.start],
                         re.I)
        n = parse_ordinal(after.group(0)) if after else (parse_ordinal(lead.group("ord")) if lead else None)
        if not n:
            continue
        m.kind, m.series, m.edition = "series", before[-1].series, n
        if after:
            m.ordinal_text = after.group(0).strip()
            m.end += after.end()
        else:
            m.ordinal_text = lead.group("ord")
            m.start -= len(lead.group(0))
        m.label = " ".join(body[m.start:m.end].split())


def _qualify_unnamed(m: _Mention, body: str, sent: Span, local: str, index, reference,
                     language: str = "id") -> None:
    q = _quoted_after(body, m.end)
    if q and q[0] - m.end <= 3:
        m.title = True
        m.label = _clean_title(body[q[0]:q[1]])
        m.qualifies = True
        return
    clause = local[:_clause_end(local, 0)]
    quote_end = re.search(r"[”\"]", clause)
    if quote_end:
        clause = clause[:quote_end.start()]           # the rest is the attribution of a quote
    # lower-case modifiers make a compound noun: "rapat koordinasi", "pertemuan bilateral"
    modifiers = _modifiers(clause)
    if modifiers:
        m.end += modifiers
        local = local[modifiers:]
        clause = clause[modifiers:]
        m.noun = " ".join(body[m.start:m.end].lower().split())
    with_ = re.match(r"\s+(?:dengan|with|bersama)\s+", clause)
    if with_ and m.noun.startswith("pertemuan") or (with_ and m.noun in ("meeting", "dialog")):
        stop = re.search(r",|\s+(?:di|pada|yang|untuk|on|in|at)\s", clause[with_.end():])
        end = with_.end() + (stop.start() if stop else len(clause[with_.end():]))
        m.label = " ".join((body[m.start:m.end] + clause[:end]).split())
        m.qualifies = any(s >= m.end and s < m.end + end for s, _e, _k, _t in _between(index, m.end, m.end + end))
        phrase = " ".join(body[m.start:m.end].split())
        m.variants = (phrase,) if len(phrase.split()) >= 2 else ()
        m.met = m.qualifies
        if m.met:
            m.end += len(clause[:end].rstrip())      # the mention covers whom it was held with
        return
    # named after the noun: "workshop on Labour Migration", "Forum Ketenagakerjaan ASEAN"
    named = re.match(r"\s+((?:(?:on|tentang|mengenai|of)\s+)?(?:[A-Z][\w’'&-]*|ASEAN|dan|and|of|on|the|for|untuk)"
                     r"(?:\s+(?:[A-Z][\w’'&-]*|\d{4}|dan|and|of|on|the|for|untuk|tentang|to(?=\s+(?:the\s+)?[A-Z])))*)",
                     local)
    if named and re.search(r"[A-Z]", named.group(1)) and len(named.group(1).split()) >= 2:
        m.label = " ".join((body[m.start:m.end] + " " + named.group(1)).split()).rstrip(" ,")
        m.label = re.sub(r"\s+(?:dan|and|of|on|the|for|untuk|tentang)$", "", m.label)
    topic = re.match(r"\s+((?:on|tentang|mengenai)\s+[\w'’ -]{3,60}?)(?=\s+(?:will|was|is|are|akan|telah|di|pada|in|at|"
                     r"on|yang|which|that|for|untuk|by|oleh)\b|\s*[,.;(]|$)", clause)
    if not m.label and topic:
        m.label = " ".join((body[m.start:m.end] + " " + topic.group(1)).split())
    found_dates = [d for d in dates.find_dates(clause, reference) if d.value.date and len(d.value.date) == 10
                   and d.start < 80]
    place = _place_in(body, m.end, m.end + len(clause), index)
    held = re.search(r"\b(?:will\s+be\s+held|was\s+held|took\s+place|digelar|diselenggarakan|berlangsung|"
                     r"dilaksanakan|diadakan)\b", clause, re.I)
    any_date = any(d.value.date and d.value.kind not in ("period",) for d in dates.find_dates(clause, reference))
    organised = re.search(r"\b(?:mengadakan|menggelar|menyelenggarakan|melaksanakan|hold|holds|held|organi[sz]e[sd]?|"
                          r"hosts?|hosted|convene[sd]?)\s+(?:(?:a|an|the|sebuah|suatu)\s+)?$",
                          body[max(sent.start, m.start - 40):m.start], re.I)
    if m.label and (organised or held) and any_date:
        m.qualifies = True
    if named and m.label and body[m.start:m.start + 1].isupper() and any_date:
        m.qualifies = True         # a capitalised title with a date: "the Special Meeting of ... in May 2020"
    if found_dates or place:
        m.qualifies = bool(found_dates) or bool(m.label) or (bool(place) and (any_date or bool(held)))
        phrase = " ".join(body[m.start:m.end].split())
        noun = phrase.lower() if not m.label else m.label
        where = (f" in {place[1]}" if language == "en" else f" di {place[1]}") if place else ""
        when = f" ({_format_date(found_dates[0].value.date, language)})" if found_dates else ""
        if not m.label:
            m.label = noun + where + ("" if modifiers else when)
        # a descriptive name may be written several ways: offer the others as aliases
        m.variants = tuple(v for v in dict.fromkeys([noun, noun + where, noun + when, noun + where + when])
                           if v != m.label and len(v.split()) >= 2)


_FUNCTION_WORDS = frozenset("""
di ke dari pada yang dengan untuk dan atau serta ini itu tersebut secara oleh bersama antara guna akan telah sudah
adalah merupakan juga pun saat ketika selama sebagai selaku dalam tentang mengenai bagi kali lalu kemarin
the of and in on at for with to by from this that which was were is are be has have had will
tahun bulan pekan minggu hari sebelumnya berikutnya mendatang nanti kemudian
took held opened closed ended began started concluded convened also last next previous
""".split())
_NOUN_LIKE = frozenset("""
diskusi dialog bilateral multilateral koordinasi teknis tahunan regional nasional internasional tripartit tingkat
tinggi menteri pejabat senior pers virtual daring kerja persiapan pleno puncak kelompok konsultasi evaluasi
""".split())


def _modifiers(clause: str) -> int:
    """Length of the lower-case modifiers after an event noun (up to three words)."""
    pos = 0
    for _ in range(3):
        w = re.match(r"\s+([a-z][a-z-]*)\b", clause[pos:])
        if not w:
            break
        word = w.group(1)
        verb_like = re.match(r"(?:mem|men|meng|meny|ber|ter|di)", word) and len(word) > 5
        if word in _FUNCTION_WORDS or (verb_like and word not in _NOUN_LIKE):
            break
        pos += w.end()
    return pos


def _format_date(iso: str, language: str = "id") -> str:
    y, mo, d = iso.split("-")
    months = ID_MONTHS if language == "id" else EN_MONTHS
    return f"{int(d)} {months[int(mo) - 1]} {y}"


def _place_in(body: str, start: int, end: int, index) -> tuple[str, str] | None:
    """The first place after "di"/"in"/"at" between ``start`` and ``end``: (key, text as written
    with the enclosing place, e.g. "Denpasar, Bali")."""
    for s, e, key, typ in _between(index, start, end):
        if s < start or s >= end or typ not in ("Place", "Country"):
            continue
        before = body[max(start, s - 40):s]
        if not re.search(r"(?:\b(?:di|in|at|ke)\s+(?:(?:kota|ibukota|ibu\s+kota|provinsi|city\s+of"
                         r"|the\s+(?:[A-Z]\w+\s+)?(?:capital|city|province)(?:\s+(?:city|of))?)\s+)?"
                         r"(?:[A-Z][\w-]*,\s+)?|\bheld\s+in\s+)$", before, re.I):
            continue
        if re.search(r"\b(?:kawasan|wilayah|region|negara|countries)\s*$", before, re.I) or \
                re.match(r"(?:kawasan|wilayah|the\s+region)\b", body[s:e], re.I):
            continue
        text = body[s:e]
        nxt = re.match(r",\s*([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)", body[e:e + 40])
        if nxt and any(s2 == e + nxt.start(1) and t2 in ("Place", "Country")
                       for s2, _e2, _k2, t2 in _between(index, e + nxt.start(1), e + nxt.start(1) + 1)):
            text = body[s:e + nxt.end(1)]
        return key, text
    return None


def _has_event_cue(sent: Span, m: _Mention, index, reference) -> bool:
    """An unnumbered series mention is a meeting when its clause dates, places or hosts it."""
    rel = m.end - sent.start
    after = sent.text[rel:]
    clause = after[:_clause_end(after, 0)]
    window = clause[:90]
    if re.match(r"\s*(?:(?:[\w-]+\s+){0,2}(?:mendatang|berikutnya|upcoming|next))\b", window, re.I):
        return True
    if re.search(r"\b(?:tahun\s+depan|next\s+year)\b", window, re.I):
        return True
    if re.match(r"[^.;]{0,20}?\b(?:will\s+be\s+(?:hosted|held|convened)|(?:akan\s+)?(?:digelar|diselenggarakan|"
                r"berlangsung|dilaksanakan)\s+(?:di|pada|oleh)|hosted\s+by|was\s+held|took\s+place)\b", window, re.I):
        return True
    if re.search(r"\b(?:next|upcoming|forthcoming)\s+(?:ASEAN\s+)?$", sent.text[:m.start - sent.start], re.I):
        return True
    # the sentence's own entities, in its coordinates (_place_in looks no further than the text)
    if _place_in(sent.text, rel, rel + min(len(clause), 120),
                 _Index((s - sent.start, e - sent.start, k, t)
                        for s, e, k, t in _between(index, sent.start, sent.start + len(sent.text)))):
        return True
    if any(d.value.date and d.value.kind not in ("period", "year", "weekday") and d.start < 60
           for d in dates.find_dates(clause, reference)):
        return True
    before = sent.text[:m.start - sent.start]
    if re.search(r"\btuan\s+rumah(?:\s+(?:dan|sekaligus)\s+ketua)?\s+$|\b(?:menyelenggarakan|menggelar|membuka|"
                 r"menghadiri|hosting|hosted|opened|attended)\s+(?:the\s+)?$", before, re.I):
        return True
    return False


def _cluster(mentions: list[_Mention], body: str) -> list[_Found]:
    """Group mentions into events (see the module docstring, rule 3 and 5)."""
    events: list[_Found] = []
    numbered: dict[tuple[str, int], int] = {}
    series_unnumbered: dict[str, int] = {}
    # numbered editions first, so unnumbered mentions can join them
    for m in mentions:
        if m.kind == "series" and m.edition is not None:
            k = (m.series, m.edition)
            if k not in numbered:
                numbered[k] = len(events)
                events.append(_Found(series=m.series, edition=m.edition))
            m.event = numbered[k]
            events[m.event].mentions.append(m)
    last_event: int | None = None
    coref_state = _CorefState(body)
    for m in mentions:
        if m.kind == "series" and m.edition is not None:
            last_event = m.event
            continue
        if m.kind == "series":
            same = [(abs(x.start - m.start) + (0 if x.start < m.start else 10_000), x.event)
                    for x in mentions if x.kind == "series" and x.edition is not None and x.series == m.series
                    and not x.first]
            if _NEXT_ONE.search(body[max(0, m.start - 25):m.start]) or _NEXT_ONE.match(body[m.end:m.end + 25]):
                same = []          # "the next ALMM", "ALMM berikutnya": another meeting
            if _BODY_CONTEXT.search(body[max(0, m.start - 40):m.start]) and not m.qualifies:
                continue           # "keketuaan ALMM", "Chair SLOM WG": the body, not a meeting
            if same:
                m.event = min(same)[1]
            elif m.series in series_unnumbered:
                m.event = series_unnumbered[m.series]
            elif m.qualifies:
                series_unnumbered[m.series] = len(events)
                events.append(_Found(series=m.series))
                m.event = series_unnumbered[m.series]
            if m.event is not None:
                events[m.event].mentions.append(m)
                last_event = m.event
            continue
        if m.kind in ("unnamed", "coref") and last_event is not None and events[last_event].series \
                and _FIRST_ONE.search(body[max(0, m.start - 30):m.start]):
            # "the 28th ALMM ... since its inaugural meeting in 1975": the series' first edition
            k = (events[last_event].series, 1)
            if k not in numbered:
                numbered[k] = len(events)
                events.append(_Found(series=k[0], edition=1))
            m.kind, m.series, m.edition, m.event, m.first = "series", k[0], 1, numbered[k], True
            m.label = m.label or " ".join(body[max(0, m.start - 30):m.end].split()[-2:])
            events[m.event].mentions.append(m)
            continue
        if m.kind == "unnamed" and m.qualifies:
            match = None
            for i, ev in enumerate(events):
                if ev.series is None and ev.label and _similar_titles(ev.label, m.label):
                    match = i
                    break
            if match is None:
                match = len(events)
                events.append(_Found(label=m.label, unnamed_noun=m.noun))
            m.event = match
            events[match].mentions.append(m)
            last_event = match
            continue
        if m.kind == "coref" and last_event is not None:
            m.event = _coref_target(m, events, last_event, body, coref_state)
            events[m.event].mentions.append(m)
    return events


_SIDELINES = re.compile(r"\b(?:di\s*sela-sela|di\s+sela|disela-sela|on\s+the\s+(?:sidelines|margins?)\s+of)\s+"
                        r"(?:the\s+)?(?:[^\s,.;()]+[\s/]+){0,6}$",
                        re.I)
_PLACE_AFTER_NAME = re.compile(r"\s*(?:\([^()]{1,40}\))?\s*,\s*")
_DATE_AFTER_PLACE = re.compile(r"\s*,\s*(?:(?:on|pada)\s+)?(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Monday|Tuesday|Wednesday|"
                               r"Thursday|Friday|Saturday|Sunday|\d)", re.I)
_NAME_BEFORE_SLASH = re.compile(r"(?<![\w/])((?:[A-Z][\w’'-]*)(?:\s+(?:[A-Z][\w’'-]*|of|on|for|and|tentang|dan|untuk)){1,7})/$")
#: An ordinal adjective that makes a pointer back name the series' first edition.
_FIRST_ONE = re.compile(r"\b(?:its|their)\s+(?:inaugural|first|very\s+first)\s+$", re.I)
_NEXT_ONE = re.compile(r"\b(?:next|following|subsequent)\s+(?:ASEAN\s+)?$|^\s*(?:berikutnya|selanjutnya)\b", re.I)
_BODY_CONTEXT = re.compile(r"\b(?:ketua|chair|chairman|chairmanship|keketuaan|kepemimpinan|anggota|members?|"
                           r"sekretariat|secretariat|kegiatan|activities|work\s+plans?|rencana\s+kerja)\s+(?:ASEAN\s+)?$",
                           re.I)
_NOUN_CLASS = {"pertemuan": "meeting", "meeting": "meeting", "rapat": "meeting", "sidang": "meeting",
               "konferensi": "conference", "conference": "conference", "forum": "forum", "lokakarya": "workshop",
               "workshop": "workshop", "seminar": "workshop", "summit": "summit", "ktt": "summit"}
_FUTURE_CUE = re.compile(r"\b(?:tahun\s+depan|akan|mendatang|dijadwalkan|next\s+year|will|upcoming)\b", re.I)


def _merge_bare_into_specific(events: list[_Found]) -> None:
    """A bare event noun ("pertemuan di Jenewa, Kamis (6/6)" in a photo caption) and one more
    specific unnamed event of the same noun ("pertemuan bilateral dengan ...") in the article
    are one meeting: the bare one's mentions join the specific one (which keeps its name).
    With two or more specific ones, which is meant is unknown and nothing is merged."""
    for i, bare in enumerate(events):
        if bare.series or not bare.unnamed_noun or len(bare.unnamed_noun.split()) != 1 or not bare.mentions:
            continue
        specific = [j for j, ev in enumerate(events) if j != i and not ev.series and ev.mentions
                    and len(ev.unnamed_noun.split()) > 1 and ev.unnamed_noun.split()[0] == bare.unnamed_noun]
        if len(specific) != 1:
            continue
        target = events[specific[0]]
        for m in bare.mentions:
            m.event = specific[0]
            target.mentions.append(m)
        target.mentions.sort(key=lambda m: m.start)
        bare.mentions = []


class _CorefState:
    """What :func:`_coref_target` needs of each event's named (non-coref) mentions, kept up to
    date as mentions are appended (events' mention lists only grow while clustering), so
    that each pointer back costs the number of events, not of all mentions in the article."""

    def __init__(self, body: str):
        self.body = body
        self.done: list[int] = []               # per event: how many of its mentions are read
        self.starts: list[list[int]] = []       # per event: sorted starts of its named mentions
        self.classes: list[set] = []            # per event: noun classes of words in them
        self.future: list[bool] = []            # per event: a future cue after one of them

    def update(self, events: list[_Found]) -> None:
        body = self.body
        while len(self.done) < len(events):
            self.done.append(0)
            self.starts.append([])
            self.classes.append(set())
            self.future.append(False)
        for i, ev in enumerate(events):
            for x in ev.mentions[self.done[i]:]:
                if x.kind == "coref":
                    continue
                insort(self.starts[i], x.start)
                self.classes[i].update(_NOUN_CLASS.get(w.lower()) for w in re.findall(r"\w+", body[x.start:x.end]))
                if not self.future[i] and _FUTURE_CUE.search(body[x.end:x.end + 60]):
                    self.future[i] = True
            self.done[i] = len(ev.mentions)


def _coref_target(m: _Mention, events: list[_Found], last: int, body: str,
                  state: _CorefState | None = None) -> int:
    """The event a demonstrative points to: the latest with the same kind of noun
    ("Konferensi tahun ini" -> the latest conference), else the latest not announced as
    future, else the latest."""
    if state is not None:
        state.update(events)
        latest = {}
        for i in range(len(events)):
            k = bisect_left(state.starts[i], m.start)
            if k:
                latest[i] = state.starts[i][k - 1]
        seen = sorted(set(latest), key=lambda i: latest[i])
        if not seen:
            return last
        cls = _NOUN_CLASS.get(m.noun.split()[0]) if m.noun else None
        if cls:
            same = [i for i in seen if cls in state.classes[i]]
            if same:
                return same[-1]
        settled = [i for i in seen if not state.future[i]]
        return settled[-1] if settled else seen[-1]
    seen = sorted({x.event for e in events for x in e.mentions if x.kind != "coref" and x.start < m.start
                   and x.event is not None}, key=lambda i: max(x.start for x in events[i].mentions
                                                               if x.kind != "coref" and x.start < m.start))
    if not seen:
        return last
    cls = _NOUN_CLASS.get(m.noun.split()[0]) if m.noun else None
    if cls:
        same = [i for i in seen if any(cls == _NOUN_CLASS.get(w.lower())
                                       for x in events[i].mentions if x.kind != "coref"
                                       for w in re.findall(r"\w+", body[x.start:x.end]))]
        if same:
            return same[-1]
    settled = [i for i in seen if not any(_FUTURE_CUE.search(body[x.end:x.end + 60])
                                          for x in events[i].mentions if x.kind != "coref")]
    return settled[-1] if settled else seen[-1]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(text)) if len(w) > 2}


def _similar_titles(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.7


def _describe(found: _Found, ev_i: int, mentions: list[_Mention], body: str, sentences: list[Span], index,
              by_key: dict[str, Entity], reference: str | None, language: str,
              catalogue: list[Series], published: str | None = None,
              found_events: list[_Found] | None = None) -> Event | None:
    if not found.mentions:
        return None
    series = next((s for s in catalogue if s.key == found.series), None)
    own = sorted(found.mentions, key=lambda m: m.start)
    surfaces = []
    for m in own:
        if m.kind == "coref":
            continue
        text = " ".join(body[m.start:m.end].split())
        if m.kind == "series" and m.ordinal_text and not text.lower().endswith(m.ordinal_text.lower()) \
                and m.ordinal_text.lower() not in text.lower():
            text = f"{text} {m.ordinal_text}"
        if m.kind == "series" and m.label:
            # an elliptic edition, named with the series' short name ("CBM ke sebelas")
            text = m.label
        if m.kind == "unnamed" and m.title:
            surfaces.append(m.label)
            quoted = _quoted_text(body, m)
            text = " ".join(body[m.start:m.end].split()) + " " + quoted if quoted else m.label
        elif m.kind == "unnamed" and m.label:
            text = m.label
        surfaces.append(text.strip())
    if not surfaces:
        return None
    # "Konferensi Perburuhan International/International Labour Conference (ILC)": the name in
    # the other language, written before a slash, is the same event's name
    for m in own:
        other = _NAME_BEFORE_SLASH.search(body[max(0, m.start - 80):m.start])
        if other and m.kind == "series":
            surfaces.append(other.group(1))
    surfaces = list(dict.fromkeys(surfaces))
    variants = [v for m in own if m.kind == "unnamed" for v in m.variants]
    if found.unnamed_noun:
        label = found.label or surfaces[0]
    else:
        label = max(surfaces, key=lambda s: (len(s), s))
    aliases = [s for s in dict.fromkeys(surfaces + variants) if s != label]
    canonical = None
    if series is not None and found.edition is not None:
        canonical = f"{series.label} ke-{found.edition}" if language != "en" \
            else f"{ordinal_suffix(found.edition)} {series.label}"
        if canonical not in aliases and canonical != label:
            aliases.append(canonical)
        key = f"meeting-{slug(series.label)}-{found.edition}"
    else:
        key = f"meeting-{slug(label)}"
    ev = Event(key=key, label=label, series=series.label if series else None, series_key=series.key if series else None,
               edition=found.edition, aliases=aliases, series_named_in=_name_language(series.label) if series and series.new else None,
               mentions=sorted({Span(m.start, m.end, body[m.start:m.end]) for m in own if m.kind != "coref"}))
    _read_attributes(ev, found, ev_i, mentions, body, sentences, index, by_key, reference, published, found_events)
    return ev


def _quoted_text(body: str, m: _Mention) -> str:
    q = _quoted_after(body, m.end)
    return body[q[0] - 1:q[1] + 1] if q else ""


# -- attributes -----------------------------------------------------------------------------

_MENTION_STARTS: list = [None, None, None]      # mentions, their count, their starts (or None: not sorted)


def _mentions_in(sentence: Span, mentions: list[_Mention]) -> list[_Mention]:
    cache = _MENTION_STARTS
    if cache[0] is not mentions or cache[1] != len(mentions):
        starts = [m.start for m in mentions]
        cache[:] = [mentions, len(mentions), starts if all(a <= b for a, b in zip(starts, starts[1:])) else None]
    starts = cache[2]
    if starts is not None:
        mentions = mentions[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
    return [m for m in mentions if m.event is not None and sentence.start <= m.start < sentence.end]


def _group_of(m: _Mention, here: list[_Mention], body: str) -> list[int]:
    """The events of ``m`` and of the mentions coordinated with it ("A dan B")."""
    return _nearest(m.start, [x for x in here if x.start >= m.start] or [m], body) if m.event is not None else []


def _nearest(pos: int, cands: list[_Mention], body: str) -> list[int]:
    """Events of the mention(s) nearest to ``pos``, preferring a mention before it; a
    coordinated group ("A dan B, yang ...") is returned whole."""
    if not cands:
        return []

    def dist(m: _Mention) -> int:
        return pos - m.end if m.end <= pos else (m.start - pos) + 25

    def aside(m: _Mention) -> bool:
        """Inside a relative clause closed before ``pos``: "X, yang melanjutkan <m> ..., digelar"."""
        if m.end > pos:
            return False
        opening = body.rfind(",", 0, m.start)
        if opening < 0 or re.search(r"[.;]", body[opening:m.start]) \
                or not re.match(r",\s*(?:yang|which|who|that)\b", body[opening:opening + 12], re.I):
            return False
        return body.find(",", m.end, pos) >= 0
    best = min([m for m in cands if not aside(m)] or cands, key=dist)
    group = {best.event}
    ordered = sorted(cands, key=lambda m: m.start)
    i = ordered.index(best)
    # walk left/right over "dan"/","-joined neighbours
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(ordered):
            a, b = (ordered[j + step], ordered[j]) if step < 0 else (ordered[j], ordered[j + step])
            if re.fullmatch(r"(?:\s+pada\s+(?:tahun\s+)?\d{4})?\s*\)?\s*(?:,|dan|serta|and|&)\s*(?:yang\s+|the\s+)?"
                            r"|\s*(?:di\s*sela-sela|di\s+sela|on\s+the\s+sidelines\s+of)\s+(?:the\s+)?"
                            r"|\s*\(\s*",          # a name and its acronym: "Meeting (28th ALMM)"
                            body[a.end:b.start], re.I):
                group.add(ordered[j + step].event)
                j += step
            else:
                break
    return sorted(g for g in group if g is not None)


def _read_attributes(ev: Event, found: _Found, ev_i: int, mentions: list[_Mention], body: str,
                     sentences: list[Span], index, by_key, reference: str | None,
                     published: str | None = None, found_events: list[_Found] | None = None) -> None:
    found_events = found_events or []
    sent_ids = sorted({_sentence_of(sentences, m.start) for m in found.mentions} - {None})
    date_cands: list[tuple[tuple, dates.DateValue, Span]] = []
    place_cands: list[tuple[tuple, str, Span]] = []
    modes: list[tuple[str, Span]] = []
    held_votes, future_votes, planned_votes = 0, 0, 0
    participants: dict[str, Participant] = {}
    evidence_sent = sentences[sent_ids[0]] if sent_ids else None

    def add_part(key: str, role: str, sent: Span, rule: str, mode: str | None = None) -> None:
        old = participants.get(key)
        rank = ("participant", "delegate", "speaker", "presenter", "secretariat-support", "dialogue-partner",
                "observer", "organizer", "chair", "host")
        if old is None or rank.index(role if role in rank else "participant") > rank.index(
                old.role if old.role in rank else "participant"):
            participants[key] = Participant(key=key, role=role, mode=mode or (old.mode if old else None),
                                            evidence=Evidence(sent, rule, 0.6))
        elif mode and old.mode is None:
            old.mode = mode

    for order, si in enumerate(sent_ids):
        sent = sentences[si]
        here = _mentions_in(sent, mentions)
        mine = [m for m in here if m.event == ev_i]
        text = sent.text
        off = sent.start
        # dates
        for d in dates.find_dates(text, reference):
            if d.value.kind in ("period",) or (d.value.kind == "weekday" and not d.value.date):
                continue
            if dates.is_dateline(body, off + d.start, off + d.end):
                continue          # the report's dateline, not the meeting's date
            owners = _nearest(off + d.start, here, body)
            if ev_i not in owners:
                continue
            near = min(min(abs(off + d.start - m.end), abs(m.start - (off + d.end))) for m in mine)
            if d.value.kind == "year" and near > 40:
                continue
            if d.value.kind == "weekday" and not re.search(r"\b(?:on|pada|last|this)\s+$", text[:d.start], re.I):
                continue          # a bare weekday dates a statement more often than a meeting
            quality = 0 if d.value.date and len(d.value.date) == 10 else (1 if d.value.date else 2)
            if quality == 0 and any(_SIDELINES.search(body[max(0, m.start - 80):m.start]) for m in mine) \
                    and not any(m.start < off + d.start and not _SIDELINES.search(body[max(0, m.start - 80):m.start])
                                for m in mine if _sentence_of(sentences, m.start) == si):
                # "ujar X di sela-sela Konferensi ..., Jenewa, Kamis (6/6)": the day is the remark's;
                # the meeting it was made beside ran over more days, so only the month is its own
                d = dataclasses.replace(d, value=dataclasses.replace(d.value, date=d.value.date[:7], end_date=None))
                quality = 1
            if d.value.kind == "weekday":
                quality = 1
            if d.value.kind == "relative" and not d.value.date:
                quality = 3
            date_cands.append(((quality, order, near), d.value, sent))
        # place
        for s, e, key, typ in _between(index, sent.start, sent.end):
            if not (sent.start <= s < sent.end) or typ not in ("Place", "Country"):
                continue
            got = _place_in(body, max(sent.start, s - 60), e, [(s, e, key, typ)])
            if not got and not any(_PLACE_AFTER_NAME.fullmatch(body[m.end:s]) and
                                   _DATE_AFTER_PLACE.match(body[e:e + 20]) for m in mine if m.end <= s):
                continue          # "di sela-sela Konferensi X, Jenewa, Kamis (6/6)": the place right after the name
            if ev_i not in _nearest(s, here, body):
                continue
            near = min(abs(s - m.end) for m in mine) if mine else 999
            specificity = 0 if typ == "Place" else 1
            place_cands.append(((order, near // 60, specificity, near), key, sent))
        # mode
        for rx, mode in ((_MODE_HYBRID, "hybrid"), (_MODE_ONLINE, "online"), (_MODE_OFFLINE, "in-person")):
            for mm in rx.finditer(text):
                if ev_i not in _nearest(off + mm.start(), here, body):
                    continue
                modes.append((mode, sent, mm.start()))
        if re.search(r"\bdi\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}(?:,\s*[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})?"
                     r"\s+dan\s+secara\s+(?:virtual|daring|online)\b", text):
            modes.append(("hybrid", sent, 0))
        # status
        for m in mine:
            lead = text[max(0, m.start - off - 150):m.start - off]
            lead = re.split(r"[,;:.][\"”’']?\s", lead)[-1]
            window = lead + text[m.start - off:m.end - off + 80]
            if _PLANNED.search(window):
                planned_votes += 1
            if _UPCOMING.search(window):
                future_votes += 1
            if _HELD.search(re.sub(r"\b(?:will|akan|would|shall|to)\s+(?:also\s+|juga\s+)?(?:be\s+)?\w+", " ",
                                   window, flags=re.I)):
                held_votes += 1
        # host, chair
        _hosts_and_chairs(ev, ev_i, sent, here, body, index, add_part)
        # participants
        _participants(ev_i, sent, here, body, index, add_part)
    # date
    if date_cands:
        date_cands.sort(key=lambda c: c[0])
        best = date_cands[0][1]
        ev.date, ev.end_date = best.date, best.end_date
        ev.date_text = " ".join(best.text.split())        # the phrase as written, for audit
        if not ev.date:
            ev.approx_date = dates.approximate(ev.date_text, reference)
    if place_cands:
        place_cands.sort(key=lambda c: c[0])
        ev.place = place_cands[0][1]
        # the most specific place: a city stated elsewhere inside the country first given
        # ("KTT di Filipina" ... "KTT di Manila, Filipina")
        gaz = default_gazetteer()
        inside = [key for _k, key, _s in place_cands
                  if key != ev.place and gaz.country_of(key) == ev.place and gaz.country_of(ev.place) == ev.place]
        if inside:
            ev.place = inside[0]
    # mode: a participant's own online attendance at a meeting held somewhere is not the
    # meeting's mode
    for mode, sent, pos in modes:
        before = sent.text[max(0, pos - 80):pos]
        # "attended virtually by Cambodia", "dihadiri secara daring oleh Laos": those delegations' mode
        by = re.match(r"[\w ]{0,30}?\b(?:by|oleh)\s+", sent.text[pos:pos + 60])
        if mode != "hybrid" and by and _ATTENDED_BY.search(before[-40:]):
            names = [(s, k) for s, e, k, t in _between(index, sent.start + pos + by.end(),
                                                         sent.start + pos + by.end() + 80)
                     if t in ("Country", "Organization")
                     and sent.start + pos + by.end() <= s < sent.start + pos + by.end() + 80]
            for s, k in names:
                if re.fullmatch(r"[^.;()]*", body[sent.start + pos + by.end():s]):
                    add_part(k, "delegate", sent, "event.participant-mode-by", mode)
            if names:
                continue
        if mode != "hybrid" and ev.place and _PARTICIPATE_VERB.search(before):
            for s, e, k, t in _between(index, sent.start, sent.start + pos):
                if sent.start <= s < sent.start + pos and t in ("Country", "Organization"):
                    add_part(k, "delegate", sent, "event.participant-mode", mode)
            continue
        if ev.mode is None or mode == "hybrid":
            ev.mode = mode
        elif {ev.mode, mode} == {"online", "in-person"}:
            ev.mode = "hybrid"        # "in person or online", "luring dan daring"
    # "Meskipun kami mengikuti secara daring, ... Indonesia ...": a delegation's own mode in
    # the sentence after the meeting's, with no meeting named
    for si in sent_ids:
        if si + 1 >= len(sentences) or si + 1 in sent_ids:
            continue
        nxt = sentences[si + 1]
        if _mentions_in(nxt, mentions):
            continue
        pm = _MODE_ONLINE.search(nxt.text)
        if ev.place and pm and _PARTICIPATE_VERB.search(nxt.text[max(0, pm.start() - 40):pm.start()]):
            country = next((k for s, e, k, t in _between(index, nxt.start, nxt.end)
                            if nxt.start <= s < nxt.end and t == "Country"), None)
            if country:
                add_part(country, "delegate", nxt, "event.participant-mode", "online")
                # the delegation's own bodies attended the same way ("kami": Kemnaker for Indonesia)
                gaz = default_gazetteer()
                for key, part in sorted(participants.items()):
                    if key != country and part.role in ("delegate", "participant") and \
                            gaz.country_of(key) == country:
                        part.mode = part.mode or "online"
        # "... maupun dengan mitra dialog seperti Tiongkok, Jepang, dan Korea Selatan": partners
        # of the Plus Three meeting just named (of every meeting named when none is Plus Three)
        dm = re.search(r"\bmitra\s+dialog\b|\bdialogue\s+partners?\b", nxt.text, re.I)
        before = {m.event for m in _mentions_in(sentences[si], mentions)}
        plus_three = {i for i in before if i is not None and _plus_three(found_events[i])}
        if dm and ev_i in before and (not plus_three or ev_i in plus_three):
            last = nxt.start + dm.end()
            for s, e, k, t in _between(index, nxt.start, nxt.end):
                if s < last or not (nxt.start <= s < nxt.end) or t not in ("Country", "Organization"):
                    continue
                if not re.fullmatch(r"[\s,:]*(?:seperti|yaitu|yakni|such\s+as|including|dan|and|serta)?[\s,:]*",
                                    body[last:s], re.I):
                    break
                add_part(k, "dialogue-partner", nxt, "event.dialogue-partner")
                last = e
    # status
    ev.status = _status(ev, published, held_votes, future_votes, planned_votes)
    if ev.host and ev.host not in participants:
        participants[ev.host] = Participant(ev.host, "host", evidence=Evidence(evidence_sent, "event.host", 0.7))
    ev.participants = sorted(participants.values(), key=lambda p: p.key)
    if evidence_sent is not None:
        ev.evidence = Evidence(evidence_sent, "event.series-edition" if ev.edition else
                               ("event.series" if ev.series else "event.unnamed"), 0.85 if ev.edition else 0.7)


def _plus_three(found: _Found) -> bool:
    return bool(found.series) and bool(re.search(r"plus-3|\+3", found.series))


def _status(ev: Event, reference: str | None, held: int, future: int, planned: int) -> str:
    if ev.date and reference:
        n = min(len(ev.date), len(reference))
        if ev.date[:n] > reference[:n]:
            # upcoming: a known day after the article; planned: only a year or month is fixed
            return "upcoming" if len(ev.date) == 10 else "planned"
        if ev.date[:n] < reference[:n] or (len(ev.date) == 10 and not (future and not held)):
            return "held"
        # same year or month as the reference: undecided, fall through to the words
    if planned and not held:
        return "planned"
    if future and not held:
        return "planned" if ev.date and len(ev.date) < 10 else "upcoming"
    if ev.date and len(ev.date) == 4 and reference and ev.date > reference[:4]:
        return "planned"
    return "held"


def _subject_before(body: str, start: int, cue: int, index, types=("Country", "Organization")) -> str | None:
    """The agent of a verb at ``cue``: the last entity before it in the clause, skipping
    appositives (", sebagai Ketua ASEAN pada tahun 2022,"); "X melalui Y" gives X."""
    segment = body[start:cue]
    # blank out appositives
    masked = re.sub(r",\s*(?:sebagai|selaku|yang|as|which|who)\b[^,]*,", lambda m: " " * len(m.group(0)), segment)
    cands = [(s, e, k, t) for s, e, k, t in _between(index, start, cue + 1) if start <= s and e <= cue and t in types
             and masked[s - start:e - start].strip()]
    if not cands:
        return None
    last = cands[-1]
    via = [c for c in cands if re.fullmatch(r"\s+(?:melalui|lewat|through|via)\s+", body[c[1]:last[0]])]
    if via:
        return via[-1][2]
    # "serikat pekerja Vietnam itu menjadi tuan rumah": a description pointing back to the
    # organisation of that country last named before this clause, not the country itself
    if last[3] == "Country" and _ORG_DESCRIPTION.search(body[max(start, last[0] - 40):last[0]]) \
            and re.match(r"\s+(?:itu|tersebut|this|that)\b", body[last[1]:last[1] + 12], re.I):
        gaz = default_gazetteer()
        earlier = [k for s, e, k, t in _between(index, -1, start + 1)
                   if e <= start and t == "Organization" and gaz.country_of(k) == last[2]]
        if earlier:
            return earlier[-1]
    # "Sekjen Kemnaker Anwar Sanusi" before the verb: the organisation, not the person
    return last[2]


#: Nouns that describe an organisation by its kind: "serikat pekerja/buruh Vietnam itu".
_ORG_DESCRIPTION = re.compile(r"\b(?:serikat\s+(?:pekerja|buruh)(?:/buruh)?|konfederasi|federasi|kementerian|"
                              r"lembaga|organisasi|union|confederation|federation|ministry|organi[sz]ation)\s+$", re.I)


def _hosts_and_chairs(ev: Event, ev_i: int, sent: Span, here: list[_Mention], body: str, index, add_part) -> None:
    text, off = sent.text, sent.start
    # "Vietnam selaku tuan rumah"
    for cue in _HOST_AFTER_AGENT.finditer(text):
        named = list(itertools.islice((x for x in _from(index, off) if x[3] in ("Country", "Organization")
                                       and _HOST_GAP.fullmatch(body[x[1]:off + cue.start()])), 1))
        agent = named[0][2] if named else None
        if named and named[0][3] == "Country":
            # "DOLE Filipina selaku tuan rumah": the organisation, with its country after it
            owner = list(itertools.islice((k for s, e, k, t in _from(index, off) if t == "Organization"
                                           and re.fullmatch(r"\)?\s+(?:\([^()]{1,20}\)\s+)?", body[e:named[0][0]])), 1))
            agent = owner[0] if owner else agent
        if agent and ev_i in (_nearest(off + cue.start(), here, body) or [ev_i]):
            if ev.host is None:
                ev.host = agent
            add_part(agent, "host", sent, "event.host-selaku")
            if _CHAIR_TOO.search(text[cue.start():cue.end() + 20]):
                ev.chair = ev.chair or agent
    # "Sebagai tuan rumah (dan Ketua) <EVENT>, Kemnaker"
    for cue in _HOST_LEAD.finditer(text):
        target = [m for m in here if m.start >= off + cue.end() and m.start - (off + cue.end()) < 5]
        if not target or target[0].event != ev_i:
            continue
        after_ev = target[0].end
        agents = [(s, k) for s, e, k, t in _between(index, after_ev, after_ev + 40)
                  if after_ev <= s < after_ev + 40 and t in ("Country", "Organization")]
        if agents:
            agent = agents[0][1]
            ev.host = ev.host or agent
            add_part(agent, "host", sent, "event.host-lead")
            if cue.group("chair"):
                ev.chair = ev.chair or agent
    # "X menjadi tuan rumah <EVENT>", "X menyelenggarakan <EVENT>", "X hosted <EVENT>"
    for cue in _HOST_VERB.finditer(text):
        after = [m for m in here if m.start >= off + cue.end()]
        target = after[0] if after else None
        if target is None:
            refs = [m for m in here if m.kind == "coref" and m.start > off + cue.start()]
            target = refs[0] if refs else None
        if target is None or ev_i not in _group_of(target, here, body):
            continue
        agent = _subject_before(body, off, off + cue.start(), index)
        if agent:
            ev.host = ev.host or agent
            add_part(agent, "host", sent, "event.host-verb")
            if _CHAIR_TOO.search(text[cue.start():cue.end() + 30]):
                ev.chair = ev.chair or agent
            if re.match(r"menyelenggarakan|menggelar|mengadakan|organi[sz]", cue.group(0), re.I):
                # "Indonesia melalui Kemnaker menyelenggarakan ...": the ministry organises it
                doer = [k for s, e, k, t in _between(index, off, off + cue.start() + 1) if off <= s and e <= off + cue.start()
                        and t in ("Country", "Organization") and re.fullmatch(r"\s*", body[e:off + cue.start()])]
                if ev.organizer is None:
                    ev.organizer = doer[-1] if doer else agent
                    if ev.organizer != agent:
                        add_part(ev.organizer, "organizer", sent, "event.organizer")
    # "tuan rumah AFML ke-18 adalah Thailand", "dengan tuan rumah Kemnaker", "the host of the 18th AFML, Thailand"
    for cue in _HOST_NOUN.finditer(text):
        if ev.host is not None:
            break
        pos = off + cue.end()
        target = [m for m in here if 0 <= m.start - pos <= 8]
        if target:
            if target[0].event != ev_i:
                continue
            pos = target[0].end
        elif ev_i not in (_nearest(off + cue.start(), here, body) or [ev_i]):
            continue
        link = re.match(r"\s*(?:,|:|adalah|ialah|yakni|yaitu|is|was|will\s+be)?\s*", body[pos:pos + 20], re.I)
        agent = next((k for s, e, k, t in _between(index, pos + link.end(), pos + link.end() + 1)
                      if t in ("Country", "Organization") and s == pos + link.end()), None)
        if agent:
            ev.host = agent
            add_part(agent, "host", sent, "event.host-noun")
    # "... dengan Malaysia sebagai ketua": a chair named after the meeting, with no body named
    for cue in re.finditer(r"\b(?:sebagai|selaku|as)\s+(?:the\s+)?(?:ketua|chair(?:man|person)?)\b(?!\s+[A-Z])",
                           text, re.I):
        agent = next((k for s, e, k, t in _from(index, off) if t in ("Country", "Organization", "Person")
                      and off <= s and re.fullmatch(r"[\s,]{0,3}", body[e:off + cue.start()])), None)
        if agent and ev.chair is None and ev_i in (_nearest(off + cue.start(), here, body) or [ev_i]):
            ev.chair = agent
            add_part(agent, "chair", sent, "event.chair-selaku")
    # "X memimpin <EVENT>", "X chaired <EVENT>"
    for cue in _CHAIR_VERB.finditer(text):
        after = [m for m in here if m.start >= off + cue.end() and m.start - (off + cue.end()) < 40]
        if not after or after[0].event != ev_i:
            continue
        agent = _subject_before(body, off, off + cue.start(), index, types=("Person", "Country", "Organization"))
        if agent and ev.chair is None:
            ev.chair = agent
            add_part(agent, "chair", sent, "event.chair-verb")
    # "<EVENT> hosted by X", "diselenggarakan oleh X"
    for s, e, k, t in _between(index, sent.start, sent.end):
        if not (sent.start <= s < sent.end) or t not in ("Country", "Organization"):
            continue
        if t == "Country" and body[e:e + 2] in ("'s", "’s"):
            continue        # "hosted by Malaysia's Ministry of …": the ministry hosts
        before = body[max(off, s - 40):s]
        if _HOST_BY.search(before) and ev_i in _nearest(s, here, body):
            ev.host = ev.host or k
            add_part(k, "host", sent, "event.host-by")
        if _CHAIR_BY.search(before) and ev_i in (_nearest(s, here, body) or [ev_i]):
            ev.chair = ev.chair or k
            add_part(k, "chair", sent, "event.chair-by")
    # "Chaired by Ms. Joan Moh, ..." may name a person
    for s, e, k, t in _between(index, sent.start, sent.end):
        if not (sent.start <= s < sent.end) or t != "Person":
            continue
        before = body[max(off, s - 40):s]
        if _CHAIR_BY.search(before) and ev.chair is None and ev_i in (_nearest(s, here, body) or [ev_i]):
            ev.chair = k
            add_part(k, "chair", sent, "event.chair-by")
        if _OPENED_BY.search(body[max(off, s - 80):s]) and ev_i in (_nearest(s, here, body) or [ev_i]):
            add_part(k, "speaker", sent, "event.opened-by")


_ATTEND_CUE = re.compile(r"\b(?:dihadiri|hadir|menghadiri|mengikuti|berpartisipasi|partisipasi|participation|turut|didampingi|peserta|delegasi|"
                         r"attended|attending|participat\w*|delegates?|brought\s+together|membuka|opened|inaugurated|"
                         r"sambutan\w*|pidato\w*|speech|address)\b", re.I)


_OBSERVER_AFTER = re.compile(
    r"^(?:\s*(?:,|dan|and|serta|&)?\s*[A-Z][\w-]*)*\s*,?\s*(?:(?:berpartisipasi|participating|participated|hadir"
    r"|turut\s+serta|ikut|joined|attended)\s+)?(?:sebagai|as)\s+(?:an?\s+)?(?:pengamat|observers?)\b")


def _gap_start(body: str, pos: int) -> int:
    """Start of the run of spaces and commas that ends at ``pos``."""
    i = pos
    while i > 0 and (body[i - 1] == "," or body[i - 1].isspace()):
        i -= 1
    return i


def _participants(ev_i: int, sent: Span, here: list[_Mention], body: str, index, add_part) -> None:
    text, off = sent.text, sent.start
    if not _ATTEND_CUE.search(text):
        return
    if ev_i not in {m.event for m in here}:
        return
    events_here = {m.event for m in here}
    if len(events_here) > 1 and not any(set(_group_of(m, here, body)) >= events_here for m in here):
        return      # a sentence about several separate events: leave participants to clearer sentences
    for s, e, k, t in _between(index, sent.start, sent.end):
        if not (sent.start <= s < sent.end) or t not in ("Country", "Organization", "Person"):
            continue
        if any(m.start <= s < m.end for m in here):
            continue           # inside the event's own name
        if t == "Country" and (re.search(r"\b(?:di|in|at|ke|to|dari|from)\s+$", body[max(off, s - 8):s], re.I)
                               or any(e2 <= s and re.fullmatch(r"\s*,\s*", body[e2:s]) and t2 == "Place"
                                      for s2, e2, k2, t2 in _ending_between(index, _gap_start(body, s), s))):
            continue           # a venue ("di Siem Reap, Kamboja"), not a delegation
        after = body[e:min(sent.end, e + 120)]
        before = body[max(off, s - 60):s]
        role = "delegate" if t != "Person" else "participant"
        clause_after = re.split(r"[.;]", after, maxsplit=1)[0]
        if _OBSERVER_AFTER.match(clause_after):
            role = "observer"
        elif re.match(r"\s*,?\s*(?:sebagai|selaku|as)\s+(?:the\s+)?(?:pendukung|supporting|support)\b", clause_after, re.I):
            role = "secretariat-support"
        elif re.search(r"\bmitra\s+dialog\b|\bdialogue\s+partners?\b", before, re.I):
            role = "dialogue-partner"
        elif re.search(r"\bdipresentasikan\s+oleh\s+$|\bpresented\s+by\s+$", before, re.I):
            role = "presenter"
        elif t == "Person" and re.search(r"\b(?:sambutan|pidato|membuka|speech|address|opened|inaugurated|berbicara)",
                                         text, re.I):
            role = "speaker"
        add_part(k, role, sent, "event.participant")


def _dateline_place(events: list[Event], body: str, sentences: list[Span], index) -> None:
    """A report datelined "SIEM REAP –" places its main held event there when the text
    names no other place for it."""
    if not events or not sentences:
        return
    first = sentences[0]
    for s, e, k, t in index:
        if s < first.start:
            continue
        if s > first.start + 3:
            break
        if t in ("Place",) and re.match(r"\s*(?:[–—-]|\(|,\s*-)", body[e:e + 4]):
            main = events[0]
            if main.place is None and main.status == "held" and main.series is not None and main.mode != "online":
                main.place = k
            return


# -- meeting and chairmanship themes ----------------------------------------------------------

def theme_entities(article, sentences: list[Span], entities: list[Entity] | None = None,
                   events: list[Event] | None = None) -> list[Entity]:
    """Quoted theme titles of meetings and chairmanships ("bertajuk '...'", "dengan tema
    "..."", "dua subtema "..." dan "...""), as Theme entities; sets ``Event.theme`` on the
    event whose name comes right before the cue."""
    body = article.body
    found: dict[str, Entity] = {}
    for sent in sentences:
        text = sent.text
        for q in re.finditer(r"[" + _QUOTE_OPEN + r"]", text):
            cue = _THEME_CUE.search(text[max(0, q.start() - 60):q.start()])
            list_cue = re.search(r"[" + "".join(_QUOTE_CLOSE.values()) + r"]\s*(?:,|dan|and)\s*$",
                                 text[max(0, q.start() - 8):q.start()])
            if not cue and not (list_cue and found):
                continue
            inner = _quoted_after(body, sent.start + q.start())
            if not inner:
                continue
            title = _clean_title(body[inner[0]:inner[1]])
            if len(title.split()) < 2:
                continue
            key = f"eventtheme-{slug(title)}"
            ent = found.get(key)
            if ent is None:
                ent = Entity(key=key, label=title, type="Theme", rule="event.theme-quoted")
                found[key] = ent
            ent.mentions.append(Span(inner[0], inner[1], body[inner[0]:inner[1]]))
            if events and cue and not re.search(r"keketuaan|chairmanship|kepemimpinan|sub-?tema",
                                                cue.group(0), re.I):
                cue_pos = sent.start + q.start() - len(cue.group(0))
                best = None
                for ev in events:
                    for sp in ev.mentions:
                        if sent.start <= sp.start and sp.end <= cue_pos + 1 and cue_pos - sp.end < 80:
                            if best is None or sp.end > best[0]:
                                best = (sp.end, ev)
                if best is None:
                    # "Participants discussed the theme ...": the meeting of the sentences before
                    recent = [(sp.end, ev) for ev in events for sp in ev.mentions
                              if sent.start - 400 <= sp.end <= sent.start]
                    if recent:
                        best = max(recent, key=lambda x: x[0])
                if best and best[1].theme is None:
                    best[1].theme = key
    return [found[k] for k in sorted(found)]
