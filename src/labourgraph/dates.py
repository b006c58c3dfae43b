"""Dates in Indonesian and English news text: find them, resolve them, check the weekday.

A small rule set rather than ``dateparser``: the extractor must (1) find date phrases inside
running text with their offsets, (2) know when a phrase has no year (the gold keeps such
dates null unless the article prints a year), and (3) check a stated weekday against the
resolved date. ``dateparser`` fills a missing year silently, parses bare weekdays and
"tahun depan" to full days, and its ``search_dates`` also matches names such as
"ASEAN 2045", so it is not used here.

Resolution needs a *reference date*: the article's publication date, or when it has none, a
year (or full date) printed elsewhere in the article (:func:`reference_date`).

    >>> resolve("Kamis (9/9)", "2021-09-10").date
    '2021-09-09'
    >>> resolve("9 s.d 10 September 2021", None).end_date
    '2021-09-10'
    >>> resolve("tahun depan", "2025-12-16").date
    '2026'
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}
WEEKDAYS = {
    "senin": 0, "sen": 0, "monday": 0, "mon": 0,
    "selasa": 1, "sel": 1, "tuesday": 1, "tue": 1, "tues": 1,
    "rabu": 2, "rab": 2, "wednesday": 2, "wed": 2,
    "kamis": 3, "kam": 3, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "jumat": 4, "jum'at": 4, "jumát": 4, "jum’at": 4, "jum": 4, "friday": 4, "fri": 4,
    "sabtu": 5, "sab": 5, "saturday": 5, "sat": 5,
    "minggu": 6, "ahad": 6, "min": 6, "sunday": 6, "sun": 6,
}

_MONTH = r"(?P<{g}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY_FULL = ("senin|selasa|rabu|kamis|jum[a'’á]?at|jumat|sabtu|minggu|ahad|monday|tuesday|wednesday"
                 "|thursday|friday|saturday|sunday")
_WEEKDAY = r"(?P<wd>" + _WEEKDAY_FULL + r"|sen|sel|rab|kam|jum|sab|min|mon|tue|wed|thu|fri|sat|sun)"
_DASH = r"\s*(?:-|–|—|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga|to|until|and|dan)\s*"
_DAY = r"(?P<{g}>[0-3]?\d)"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"

# Ordered: the first pattern that matches at a position wins (longest forms first).
_PATTERNS: list[tuple[str, re.Pattern]] = [
    # "Kamis-Jumat (15-16/8)", "Senin - Selasa (9-10/9/2024)", "(9-10/9/2024)"
    ("paren-range", re.compile(
        r"(?:\b" + _WEEKDAY + r"\s*[-–—]\s*(?:" + _WEEKDAY_FULL + r"|sen|sel|rab|kam|jum|sab|min)\s*)?"
        r"\(\s*" + _DAY.format(g="d") + r"\s*[-–—]\s*" + _DAY.format(g="d_end") + r"\s*/\s*(?P<m>[01]?\d)"
        r"(?:\s*/\s*" + _YEAR.format(g="y") + r")?\s*\)", re.I)),
    # "Selasa (16/12/2025)", "Kamis (9/9)", "Minggu (28/7/2024)", "Rabu pagi (28 Oktober)"
    ("weekday-paren", re.compile(
        r"\b" + _WEEKDAY + r"\b(?:\s+(?:pagi|siang|sore|malam|lalu))?,?\s*\(\s*(?:"
        + _DAY.format(g="d") + r"\s*/\s*(?P<m>[01]?\d)(?:\s*/\s*" + _YEAR.format(g="y") + r")?"
        + r"|" + _DAY.format(g="d2") + r"\s+" + _MONTH.format(g="mn2") + r"(?:\s+" + _YEAR.format(g="y2") + r")?"
        + r")\s*\)", re.I)),
    # "9 s.d 10 September 2021", "19-20 Oktober 2022", "11-12 April"
    ("day-range", re.compile(
        r"\b" + _DAY.format(g="d") + r"(?:st|nd|rd|th)?" + _DASH + _DAY.format(g="d_end") + r"(?:st|nd|rd|th)?\s+"
        + r"(?:of\s+)?" + _MONTH.format(g="mn")
        + r"(?:,?\s+" + _YEAR.format(g="y") + r")?\b", re.I)),
    # "October 21-23, 2025"
    ("en-range", re.compile(
        r"\b" + _MONTH.format(g="mn") + r"\s+" + _DAY.format(g="d") + r"\s*(?:-|–|—|to|and|&)\s*"
        + _DAY.format(g="d_end") + r"(?:,?\s+" + _YEAR.format(g="y") + r")?\b", re.I)),
    # "Selasa 27 Oktober 2020", "JUMAT, 10 SEPTEMBER 2021", "26 Oktober 2025", "17 Oktober"
    ("day-month", re.compile(
        r"\b(?:" + _WEEKDAY + r",?\s+)?(?:tanggal\s+|the\s+)?" + _DAY.format(g="d") + r"(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MONTH.format(g="mn")
        + r"(?:,?\s+" + _YEAR.format(g="y") + r")?\b", re.I)),
    # "October 24, 2025", "Friday, October 24, 2025"
    ("month-day", re.compile(
        r"\b(?:" + _WEEKDAY + r",?\s+)?" + _MONTH.format(g="mn") + r"\s+" + _DAY.format(g="d")
        + r"(?:st|nd|rd|th)?(?:,?\s+" + _YEAR.format(g="y") + r")?\b", re.I)),
    # "13/10/2020"
    ("numeric", re.compile(r"\b" + _DAY.format(g="d") + r"/(?P<m>[01]?\d)/" + _YEAR.format(g="y") + r"\b")),
    # "Oktober 2020", "bulan Oktober 2020"
    ("month-year", re.compile(r"\b" + _MONTH.format(g="mn") + r"\s+" + _YEAR.format(g="y") + r"\b", re.I)),
    # a month of the reference year: "pada bulan Juli", "in July", "Oktober mendatang"
    ("month", re.compile(r"\b(?:(?:pada\s+)?bulan|pada|in|since|sejak|until|hingga)\s+" + _MONTH.format(g="mn")
                         + r"(?!\s*(?:\d|,\s*\d))"
                         + r"|\b" + _MONTH.format(g="mn2") + r"\s+(?P<rel2>mendatang|depan|nanti|ini|lalu|kemarin)\b", re.I)),
    # periods: "2020-2022", "2026–2030", "periode 2020 - 2022"
    ("period", re.compile(r"\b" + _YEAR.format(g="y") + r"\s*(?:-|–|—|/|s\.?d\.?|sampai|hingga|to)\s*"
                          + _YEAR.format(g="y_end") + r"\b", re.I)),
    # "tahun 2016", "pada 2010", "in 2019", "sejak tahun 2006"
    ("year", re.compile(r"\b(?:(?:pada\s+)?tahun|pada|in|since|sejak|during|selama)\s+" + _YEAR.format(g="y")
                        + r"\b(?!\s*(?:-|–|—)\s*\d)", re.I)),
    # relative phrases
    ("relative", re.compile(
        r"\b(?P<rel>(?:awal|akhir|pertengahan)\s+tahun\s+(?:depan|lalu)|tahun\s+(?:depan|lalu)"
        r"|early\s+next\s+year|next\s+year|last\s+year"
        r"|pekan\s+(?:lalu|depan)|minggu\s+(?:lalu|depan)|bulan\s+(?:lalu|depan)|last\s+week|next\s+week"
        r"|last\s+month|next\s+month"
        r"|kemarin|hari\s+ini|besok|yesterday|today|tomorrow"
        r"|baru-baru\s+ini|recently|beberapa\s+waktu\s+lalu)\b", re.I)),
    # a weekday alone: "diterima di Jakarta, Selasa."
    ("weekday", re.compile(r"(?<![\w-])(?P<wd>" + _WEEKDAY_FULL + r")\b(?!\s*\()", re.I)),
]

_YEAR_ANYWHERE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass(frozen=True)
class DateValue:
    """A resolved date: ISO ``date``/``end_date`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``),
    the phrase as written, and how sure the resolution is. ``date`` is None for a phrase that
    does not pin a date (no year known, "pekan lalu")."""

    text: str
    date: str | None = None
    end_date: str | None = None
    kind: str = ""                      # the pattern that read it: "weekday-paren", "relative", ...
    confidence: float = 0.0
    relative: bool = False
    weekday_ok: bool | None = None      # None when no weekday was stated


@dataclass(frozen=True)
class DateMatch:
    """A date phrase found in a text: offsets into that text and its resolution."""

    start: int
    end: int
    value: DateValue


def _parse_ref(reference: str | None) -> tuple[dt.date | None, int | None]:
    """The reference as a date (when a full date) and its year."""
    if not reference:
        return None, None
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", reference)
    if not m:
        return None, None
    year = int(m.group(1))
    if m.group(3):
        try:
            return dt.date(year, int(m.group(2)), int(m.group(3))), year
        except ValueError:
            return None, year
    return None, year


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _weekday(token: str | None) -> int | None:
    if not token:
        return None
    t = token.lower().replace("’", "'")
    if t in WEEKDAYS:
        return WEEKDAYS[t]
    if t.startswith("jum"):
        return 4
    return None


def _month(token: str | None) -> int | None:
    return MONTHS.get(token.lower().rstrip(".")) if token else None


def _infer_year(month: int, day: int, weekday: int | None, ref: dt.date | None,
                ref_year: int | None) -> tuple[int | None, bool | None]:
    """The year of a day-month with no year: the candidate nearest the reference date whose
    weekday agrees with a stated weekday; ``(None, None)`` when there is no reference."""
    if ref_year is None:
        return None, None
    if ref is None:
        cand = _mk(ref_year, month, day)
        if cand is None:
            return None, None
        return ref_year, (None if weekday is None else cand.weekday() == weekday)
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        cand = _mk(y, month, day)
        if cand is not None:
            options.append(cand)
    if not options:
        return None, None
    if weekday is not None:
        agreeing = [c for c in options if c.weekday() == weekday and abs((c - ref).days) <= 183]
        if agreeing:
            best = min(agreeing, key=lambda c: (abs((c - ref).days), c > ref))
            return best.year, True
    best = min(options, key=lambda c: (abs((c - ref).days), c > ref))
    return best.year, (None if weekday is None else best.weekday() == weekday)


def _day_value(text: str, kind: str, y: int | None, m: int, d: int, d_end: int | None,
               weekday: int | None, explicit_year: bool, ref: dt.date | None,
               ref_year: int | None) -> DateValue:
    weekday_ok: bool | None = None
    if y is None:
        y, weekday_ok = _infer_year(m, d, weekday, ref, ref_year)
        if y is None:
            return DateValue(text, None, None, kind, 0.3, False, None)
    start = _mk(y, m, d)
    if start is None:
        return DateValue(text, None, None, kind, 0.1, False, None)
    if weekday is not None and weekday_ok is None:
        weekday_ok = start.weekday() == weekday
    end = _mk(y, m, d_end) if d_end else None
    if end is not None and end < start:
        end = None
    confidence = 0.95 if explicit_year else 0.85
    if weekday_ok is False:
        # a stated weekday that disagrees: keep an explicit date but trust it less; drop an
        # inferred day to the month.
        if not explicit_year:
            return DateValue(text, f"{y:04d}-{m:02d}", None, kind, 0.4, False, False)
        confidence = 0.5
    return DateValue(text, start.isoformat(), end.isoformat() if end else None, kind, confidence, False, weekday_ok)


def _relative(text: str, phrase: str, ref: dt.date | None, ref_year: int | None) -> DateValue:
    p = " ".join(phrase.lower().split())
    if ref_year is not None and ("tahun depan" in p or "next year" in p):
        return DateValue(text, f"{ref_year + 1:04d}", None, "relative", 0.8, True, None)
    if ref_year is not None and ("tahun lalu" in p or "last year" in p):
        return DateValue(text, f"{ref_year - 1:04d}", None, "relative", 0.7, True, None)
    if ref is not None and p in ("bulan depan", "next month", "bulan lalu", "last month"):
        # "bulan depan" after "13 September 2023": October 2023
        step = 1 if p in ("bulan depan", "next month") else -1
        y, mo = divmod(ref.year * 12 + ref.month - 1 + step, 12)
        return DateValue(text, f"{y:04d}-{mo + 1:02d}", None, "relative", 0.7, True, None)
    if ref is not None and p in ("kemarin", "yesterday"):
        return DateValue(text, (ref - dt.timedelta(days=1)).isoformat(), None, "relative", 0.6, True, None)
    if ref is not None and p in ("hari ini", "today"):
        return DateValue(text, ref.isoformat(), None, "relative", 0.6, True, None)
    if ref is not None and p in ("besok", "tomorrow"):
        return DateValue(text, (ref + dt.timedelta(days=1)).isoformat(), None, "relative", 0.6, True, None)
    # "pekan lalu", "recently": no day can be pinned; keep the phrase only
    return DateValue(text, None, None, "relative", 0.5, True, None)


def _value(kind: str, m: re.Match, ref: dt.date | None, ref_year: int | None) -> DateValue | None:
    g = m.groupdict()
    text = m.group(0)
    if kind == "weekday-paren":
        wd = _weekday(g["wd"])
        if g.get("d"):
            year = int(g["y"]) if g.get("y") else None
            return _day_value(text, kind, year, int(g["m"]), int(g["d"]), None, wd, year is not None, ref, ref_year)
        year = int(g["y2"]) if g.get("y2") else None
        return _day_value(text, kind, year, _month(g["mn2"]), int(g["d2"]), None, wd, year is not None, ref, ref_year)
    if kind in ("day-range", "en-range", "day-month", "month-day", "numeric", "paren-range"):
        month = int(g["m"]) if kind in ("numeric", "paren-range") else _month(g["mn"])
        if month is None or not 1 <= month <= 12:
            return None
        year = int(g["y"]) if g.get("y") else None
        d_end = int(g["d_end"]) if g.get("d_end") else None
        if kind == "month-day" and year is None and not g.get("wd"):
            # "May 5" without a year is rare in dates and common in names; require a year
            pass
        return _day_value(text, kind, year, month, int(g["d"]), d_end, _weekday(g.get("wd")),
                          year is not None, ref, ref_year)
    if kind == "month":
        token = g.get("mn") or g.get("mn2")
        month = _month(token)
        if ref_year is None or month is None or (token.lower() in ("may", "mar", "jun", "jan", "des", "min", "sen")
                                                 and not token[0].isupper()):
            return None           # "may" the verb; no year to put it in
        year = ref_year
        rel = (g.get("rel2") or "").lower()
        if ref is not None and rel in ("mendatang", "depan", "nanti") and month < ref.month:
            year += 1             # "Januari mendatang" written in November
        elif ref is not None and rel in ("lalu", "kemarin") and month > ref.month:
            year -= 1
        return DateValue(text, f"{year:04d}-{month:02d}", None, kind, 0.6)
    if kind == "month-year":
        return DateValue(text, f"{int(g['y']):04d}-{_month(g['mn']):02d}", None, kind, 0.9)
    if kind == "period":
        y0, y1 = int(g["y"]), int(g["y_end"])
        if y1 <= y0 or y1 - y0 > 30:
            return None
        return DateValue(text, f"{y0:04d}", f"{y1:04d}", kind, 0.9)
    if kind == "year":
        return DateValue(text, g["y"], None, kind, 0.8)
    if kind == "relative":
        return _relative(text, g["rel"], ref, ref_year)
    if kind == "weekday":
        wd = _weekday(g["wd"])
        if ref is None or wd is None:
            return DateValue(text, None, None, kind, 0.2, True, None)
        back = (ref.weekday() - wd) % 7
        return DateValue(text, (ref - dt.timedelta(days=back)).isoformat(), None, kind, 0.6, True, True)
    return None


def find_dates(text: str, reference: str | None = None, kinds: tuple[str, ...] | None = None) -> list[DateMatch]:
    """Every date phrase in ``text``, left to right, longest form first, without overlaps.

    ``reference`` is the publication date (``YYYY-MM-DD``) or at least a year (``YYYY``).
    ``kinds`` limits the patterns used (e.g. leave out ``"weekday"``).
    """
    ref, ref_year = _parse_ref(reference)
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    for kind, pattern in _PATTERNS:
        if kinds is not None and kind not in kinds:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _value(kind, m, ref, ref_year)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMatch(m.start(), m.end(), value))
    return sorted(found, key=lambda x: (x.start, x.end))


def approximate(phrase: str, reference: str | None) -> str | None:
    """The coarsest-safe date of a vague relative phrase: "pekan lalu"/"last week" (the
    calendar week before ``reference``) and "pekan depan"/"next week" give ``YYYY-MM`` when
    that week lies in one month, else None. Other phrases give None."""
    ref, _year = _parse_ref(reference)
    if ref is None:
        return None
    p = " ".join(phrase.lower().split())
    if p in ("pekan lalu", "minggu lalu", "last week"):
        start = ref - dt.timedelta(days=ref.weekday() + 7)
    elif p in ("pekan depan", "minggu depan", "next week"):
        start = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=7)
    else:
        return None
    end = start + dt.timedelta(days=6)
    return f"{start.year:04d}-{start.month:02d}" if (start.year, start.month) == (end.year, end.month) else None


def resolve(text: str, published: str | None) -> DateValue:
    """Resolve one date phrase (the first date found in ``text``) against ``published``.

    A day with no year takes the year of ``published`` (the candidate nearest to it whose
    weekday agrees); with no reference it stays ``None``. A weekday alone is the most recent
    such day on or before ``published``. Vague relative phrases keep only their text.
    """
    matches = find_dates(text, published)
    if not matches:
        return DateValue(text.strip(), None, None, "", 0.0)
    return matches[0].value


_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][\w.'’]*(?:[ \t]+[A-Z][\w.'’]*){0,3}[ \t]*,[ \t]*)?"
                              r"(?:[A-Za-z]+,[ \t]*)?$")
_DATELINE_AFTER = re.compile(r"^[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[-–—|]")


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` is a dateline ("Jakarta, 14 Maret 2024 - ...",
    "MANILA, 3 November 2025 (PNA) – ..."): it dates the report, not what the report is about."""
    return bool(_DATELINE_BEFORE.search(text[max(0, start - 60):start])
                and _DATELINE_AFTER.match(text[end:end + 50]))


# --- publication dates -------------------------------------------------------------------

_HEADER_LINES = 15
_MASTHEAD = re.compile(
    r"^\W*(?:(?:[a-z_]+|published|diterbitkan|dipublikasikan|posted(?:\s+on)?|updated|diperbarui|tanggal|date)"
    r"\s*:?\s+)?(?:" + _WEEKDAY_FULL + r"|sen|sel|rab|kam|jum|sab|min|mon|tue|wed|thu|fri|sat|sun)?,?\s*"
    r"(?:\d{1,2}\s+[a-z]+\.?\s+\d{4}|[a-z]+\.?\s+\d{1,2},\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:[|,–-]|pukul)?\s*\d{1,2}[:.]\d{2}(?:\s*(?:wib|wita|wit|am|pm))?)?"
    r"(?:\s*[|–-].*)?$",
    re.I,
)


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def detect_published(article) -> str | None:
    """The publication date printed in the article's head, when the sidecar gives none.

    Looks at the first lines of ``article.body`` (page chrome blanked) for a masthead such
    as "JUMAT, 10 SEPTEMBER 2021 | 11:43 WIB", "calendar_month Jum, 24 Okt 2025",
    "Senin, 12 Juni 2023 10:15" or "October 24, 2025". Dates inside sentences (statements,
    events) and in "Populer"/"UPDATE" blocks are not publication dates.
    """
    body = getattr(article, "body", None) or getattr(article, "text", "")
    lines = [ln.strip(" -•*\t") for ln in body.splitlines() if ln.strip()]
    for line in lines[:_HEADER_LINES]:
        if len(line) > 90 or not _MASTHEAD.match(line):
            continue
        iso = _ISO_DAY.search(line)          # "date 2017-04-05 | Author |": a machine-written stamp
        if iso and _mk(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))) is not None:
            return iso.group(0)
        for match in find_dates(line, None, kinds=("day-month", "month-day", "numeric")):
            if match.value.date and len(match.value.date) == 10 and match.value.weekday_ok is not False:
                return match.value.date
    return None


def reference_date(article, published: str | None) -> str | None:
    """The date that anchors relative and year-less dates: ``published`` if known, else the
    latest full date printed in the article, else the most frequent year that dates something
    in it, else the most frequent year printed anywhere in it (not a period's bound)."""
    if published:
        return published
    body = getattr(article, "body", None) or getattr(article, "text", "")
    full = [m.value.date for m in find_dates(body, None, kinds=("weekday-paren", "day-range", "en-range",
                                                                 "day-month", "month-day", "numeric", "paren-range"))
            if m.value.date and len(m.value.date) == 10]
    if full:
        return max(full)
    # a year that dates something ("pada tahun 2020", "Oktober 2020"), not a period or a name
    years = [m.value.date[:4] for m in find_dates(body, None, kinds=("year", "month-year")) if m.value.date]
    if years:
        return max(sorted(set(years)), key=years.count)
    # any year printed in the article ("rencana kerja 2024"), not a period's bound ("2021-2025")
    years = [m.group(1) for m in _YEAR_ANYWHERE.finditer(body)
             if not re.match(r"\s*[-–—/]\s*\d", body[m.end():m.end() + 4])
             and not re.search(r"\d\s*[-–—/]\s*$", body[max(0, m.start() - 4):m.start()])]
    if years:
        return max(sorted(set(years)), key=years.count)
    return None
