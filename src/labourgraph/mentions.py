"""Find the entity mentions of an article and cluster them into entities.

Three sources of mentions:

* the gazetteer (reference entities, matched with spaCy's ``PhraseMatcher``: folded text
  for long names, exact text for acronyms);
* rules for entities the gazetteer does not know: a *chunk* of capitalised words (joined
  by connectors such as "dan", "of") is cut into post title, organisation, person,
  programme or document by the words that head such names (:mod:`labourgraph.lexicon`);
  persons are also found next to honorifics and attribution verbs; "Long Name (ABBR)" and
  "ABBR (Long Name)" give acronyms; datelines, bylines and photo credits give publishers
  and authors;
* coreference: short names ("Cris", the middle token "Uta", "Andi Gani", the typo "Khan"),
  acronyms and short forms the article defines ("… (Kemnaker)"), names joined by "atau",
  and shorter forms of a title join the entity they stand for.

Short forms an article defines are known in a second pass over the chunks, so that
"Kepala Biro Kerja Sama Kemnaker Purwanti Uta Djara" is cut right even when the gazetteer
does not know "Kemnaker".

:func:`build_entities` clusters the mentions into :class:`~labourgraph.records.Entity`
records: the label is the fullest form, the aliases every other form in the article.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from labourgraph import lexicon as lx
from labourgraph.gazetteer import Gazetteer, fold
from labourgraph.records import Entity, Span, slug

KEY_KINDS = {"Person": "person", "Organization": "org", "Country": "country", "Place": "place",
             "Event": "meeting", "Programme": "programme", "Document": "document", "Theme": "eventtheme"}


@dataclass
class Candidate:
    """A typed stretch of text that names an entity (before clustering)."""

    start: int
    end: int
    type: str
    text: str
    rule: str
    keys: list[str] = field(default_factory=list)     # gazetteer candidates
    key: str | None = None                            # resolved reference key
    alias_of: "Candidate | None" = None               # acronym/short form -> long form
    unit: bool = False                                # an organisational unit


def _is_cap(text: str) -> bool:
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and any(c.isupper() for c in text)))


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(letters) >= 2 and upper >= 2 and upper >= len(letters) - 1 and len(text) <= 12


def _name_like(text: str) -> bool:
    """A token that may be part of a person's name."""
    low = text.lower()
    return (_is_cap(text) and not lx.is_org_word(low) and low not in lx.ORG_HEADS and low not in lx.TITLE_WORDS
            and low not in lx.MEETING_WORDS
            and low not in lx.NON_NAME_WORDS and not _is_acronym(text) and not any(c.isdigit() for c in text)
            and (low not in lx.STOP_WORDS or len(low) > 5 and low not in {"seluruh", "sementara"}))


# --------------------------------------------------------------------------- gazetteer


class _GazetteerMatcher:
    """PhraseMatchers for one gazetteer: folded names on NORM, acronyms on ORTH."""

    def __init__(self, gazetteer: Gazetteer, nlp):
        self.gazetteer = gazetteer
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="NORM")
        for name, case_sensitive in gazetteer.names():
            doc = nlp.make_doc(name)
            if case_sensitive:
                self.exact.add("G", [doc])
            else:
                _fold_norms(doc)
                self.folded.add("G", [doc])

    def __call__(self, doc: Doc) -> list[tuple[int, int]]:
        _fold_norms(doc)
        spans = {(s, e) for _, s, e in self.exact(doc)} | {(s, e) for _, s, e in self.folded(doc)}
        return sorted(spans)


def _fold_norms(doc: Doc) -> None:
    for t in doc:
        t.norm_ = fold(t.text)


_MATCHERS: dict[int, _GazetteerMatcher] = {}


def gazetteer_matches(doc: Doc, gazetteer: Gazetteer) -> list[Candidate]:
    """Longest non-overlapping gazetteer matches in ``doc`` (keys not yet resolved)."""
    from labourgraph.text import pipeline
    lang = doc.lang_ if doc.lang_ in ("id", "en") else "id"
    cache_key = id(gazetteer) * 10 + (lang == "en")
    if cache_key not in _MATCHERS:
        _MATCHERS[cache_key] = _GazetteerMatcher(gazetteer, pipeline(lang))
    matcher = _MATCHERS[cache_key]
    spans = sorted(matcher(doc), key=lambda se: (-(se[1] - se[0]), se[0]))
    taken: set[int] = set()
    out = []
    for s, e in spans:
        if any(i in taken for i in range(s, e)):
            continue
        span = doc[s:e]
        if (e < len(doc) and doc[e].text in ("-", "+") and not doc[e - 1].whitespace_ and e + 1 < len(doc)
                and not doc[e].whitespace_ and doc[e + 1].text[:1].isalnum()) or (
                s >= 2 and doc[s - 1].text == "-" and not doc[s - 1].whitespace_ and not doc[s - 2].whitespace_):
            continue            # "ALM" inside "ALM-WP"
        keys = gazetteer.candidates(span.text)
        if not keys:
            continue
        # a lower-case word matching a long name by folding must itself look like a name
        if not any(_is_cap(t.text) for t in span):
            continue
        taken.update(range(s, e))
        types = {gazetteer.get(k).type for k in keys}
        ctype = sorted(types)[0] if len(types) == 1 else gazetteer.get(keys[0]).type
        out.append(Candidate(span.start_char, span.end_char, ctype, span.text, "gazetteer", keys=keys))
    return sorted(out, key=lambda c: c.start)


# --------------------------------------------------------------------------- chunks


@dataclass
class _Unit:
    start: int          # token index
    end: int
    kind: str           # "word" | "gaz" | "conn"
    text: str
    cand: Candidate | None = None

    @property
    def low(self) -> str:
        return self.text.lower()


def _chunks(doc: Doc, gaz: list[Candidate]) -> list[list[_Unit]]:
    """Runs of capitalised words and gazetteer names joined by connectors, per sentence."""
    gaz_at = {}
    for c in gaz:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is not None:
            gaz_at[span.start] = (span.end, c)
    chunks: list[list[_Unit]] = []
    current: list[_Unit] = []
    pending: list[_Unit] = []

    def close():
        nonlocal current, pending
        if current:
            chunks.append(current)
        current, pending = [], []

    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if tok.is_sent_start and current:
            close()
        if i in gaz_at:
            end, cand = gaz_at[i]
            if current:
                current.extend(pending)
            pending = []
            current.append(_Unit(i, end, "gaz", doc[i:end].text, cand))
            i = end
            continue
        text = tok.text
        glued_number = (text.isdigit() and pending and pending[-1].text == "-" and not doc[i - 1].whitespace_
                        and not doc[i - 2].whitespace_)            # "COVID-19"
        if pending and pending[-1].low in ("dan", "serta", "and") and text.lower() in lx.TITLE_STARTS:
            close()         # "… Ida Fauziyah dan Menteri Tenaga Kerja Malaysia …": a new list item
        month_in_name = (text.lower() in lx.MONTH_WORDS and current and current[-1].kind == "word" and not pending
                         and i + 1 < n and not doc[i + 1].text[:1].isdigit())     # "Lee Mei Ling"
        if (_is_cap(text) and text.lower() not in lx.NON_NAME_WORDS
                and (text.lower() not in lx.MONTH_WORDS or month_in_name)) or glued_number:
            if current:
                current.extend(pending)
            pending = []
            current.append(_Unit(i, i + 1, "word", text))
        elif text in ("'s", "’s") and current and current[-1].kind == "gaz" and current[-1].cand is not None \
                and current[-1].cand.type == "Country" and not doc[i - 1].whitespace_:
            close()         # "Malaysia's Ministry of …": the country and what it owns are two names
        elif current and (not pending or (len(pending) == 1 and text.lower() in ("the", "para", "a", "an"))) \
                and not current[-1].kind == "conn" and (
                text.lower() in lx.CONNECTORS
                or (text in ("-", "’", "'", "'s", "’s") and not doc[i - 1].whitespace_)):
            pending.append(_Unit(i, i + 1, "conn", text))
        else:
            close()
        if tok.whitespace_ and "\n" in tok.whitespace_:
            close()
        i += 1
    close()
    return chunks


_HEAD_INDEX: dict[tuple, dict[str, list[tuple[str, ...]]]] = {}


def _head_index(heads) -> dict[str, list[tuple[str, ...]]]:
    """``heads`` by their first word (built once per list of heads)."""
    key = tuple(heads)
    index = _HEAD_INDEX.get(key)
    if index is None:
        index = _HEAD_INDEX[key] = {}
        for head in key:
            index.setdefault(head[0], []).append(head)
    return index


def _match_head(units: list[_Unit], pos: int, heads) -> int:
    """Length (in units) of the programme/document head starting at ``pos``, 0 if none."""
    if pos >= len(units) or units[pos].kind != "word":
        return 0
    best = 0
    for head in _head_index(heads).get(units[pos].low, ()):
        if pos + len(head) <= len(units) and all(
                units[pos + k].kind == "word" and units[pos + k].low == head[k] for k in range(len(head))):
            best = max(best, len(head))
    return best


def _title_type(units: list[_Unit], pos: int) -> str | None:
    if pos + 1 < len(units) and units[pos].low in ("convention", "konvensi") \
            and units[pos + 1].low in ("centre", "center", "hall"):
        return None         # "National Convention Centre": a venue
    if _match_head(units, pos, lx.PROGRAMME_HEADS):
        return "Programme"
    if _match_head(units, pos, lx.DOCUMENT_HEADS):
        return "Document"
    return None


def _title_run_end(units: list[_Unit], pos: int) -> int:
    t = pos + 1
    while t < len(units) and units[t].kind == "word" and units[t].low in lx.TITLE_WORDS:
        t += 1
    return t


def _english_head(units: list[_Unit], k: int) -> bool:
    """Whether the programme/document head at ``k`` is English (heads come last in English)."""
    n = max(_match_head(units, k, lx.PROGRAMME_HEADS), _match_head(units, k, lx.DOCUMENT_HEADS))
    return " ".join(u.low for u in units[k:k + n]) in lx.ENGLISH_TITLE_HEADS


def _title_end(units: list[_Unit], head: int) -> int:
    """End of a programme/document title starting at ``head``: the chunk's end, or a connector
    that introduces another titled name ("Regional Action Plan dari Declaration on …")."""
    k = head + max(1, _match_head(units, head, lx.PROGRAMME_HEADS + lx.DOCUMENT_HEADS))
    while k < len(units):
        if units[k].kind == "conn" and units[k].low in ("dari", "from", "dan", "and", "serta") \
                and k + 1 < len(units) and _title_type(units, k + 1):
            return k
        k += 1
    return len(units)


def _is_org_head(word: str) -> bool:
    """"Council", "Councils", "Kementerian" ..."""
    return word in lx.ORG_HEADS or (word.endswith("s") and word[:-1] in lx.ORG_HEADS)


def _orgish(u: _Unit) -> bool:
    """A unit that may continue an organisation name while a person may follow it."""
    if u.kind == "conn":
        return u.low not in lx.WEAK_CONNECTORS
    if u.kind == "gaz":
        return u.cand.type in ("Organization", "Country")
    return (lx.is_org_word(u.low) or _is_org_head(u.low) or _is_acronym(u.text)
            or bool(re.fullmatch(r"[A-Z]+\d+", u.text)))


@dataclass
class _Piece:
    kind: str            # title | org | person | Programme | Document | gaz | other
    units: list[_Unit]


def _segment(units: list[_Unit], doc: Doc, person_context: bool) -> list[_Piece]:
    """Cut one chunk into title, organisation, person, programme and document pieces."""
    pieces: list[_Piece] = []
    n = len(units)
    pos = 0
    # sentence-initial function words ("Dalam", "Menurut", "According to", "Kemudian")
    expect_person = person_context
    while pos < n and units[pos].kind == "word" and (units[pos].low in lx.STOP_WORDS or units[pos].low in
                                                     lx.VERBS_BEFORE_NAME) \
            and units[pos].low not in lx.TITLE_STARTS and units[pos].low not in lx.ORG_HEADS:
        expect_person = expect_person or units[pos].low in lx.VERBS_BEFORE_NAME
        pos += 1
        while pos < n and units[pos].kind == "conn":
            pos += 1
    # honorific
    while pos < n and units[pos].kind == "word" and units[pos].low in lx.HONORIFICS:
        pieces.append(_Piece("honorific", [units[pos]]))
        expect_person = True
        pos += 1
    # post title
    start = pos
    while pos < n and ((units[pos].kind == "word" and units[pos].low in lx.TITLE_WORDS
                        and (pos > start or units[pos].low in lx.TITLE_STARTS))
                       or (pos > start and units[pos].text == "-" and pos + 1 < n
                           and units[pos + 1].low in lx.TITLE_WORDS)):     # "Director-General"
        pos += 1
    title_of = -1           # "Director of …": a name comes only after the organisation
    if pos > start:
        pieces.append(_Piece("title", units[start:pos]))
        expect_person = True
        if pos < n and units[pos].kind == "conn" and units[pos].low in ("of", "for", "dari"):
            pos += 1
            title_of = len(pieces)
    while pos < n:
        u = units[pos]
        if u.kind == "conn":
            pos += 1
            continue
        if u.kind == "word" and u.low in lx.HONORIFICS and pos + 1 < n:
            expect_person = True
            pos += 1
            continue
        if u.kind == "word" and u.low in lx.TITLE_STARTS and not _title_type(units, pos) and not all(
                x.low in lx.TITLE_MODIFIERS for x in units[pos:_title_run_end(units, pos)]):
            t = _title_run_end(units, pos)  # a post title inside the chunk: "Singapore's Manpower Minister Tan See Leng"
            pieces.append(_Piece("title", units[pos:t]))
            expect_person = True
            if t < n and units[t].kind == "conn" and units[t].low in ("of", "for", "dari"):
                title_of = len(pieces)
                t += 1
            pos = t
            continue
        ttype = _title_type(units, pos)
        if ttype:
            # "Visi Program Kerja 2021-2025": the later head names the thing
            skip = _match_head(units, pos, lx.DOCUMENT_HEADS) if ttype == "Document" else 0
            if skip and pos + skip < n and _match_head(units, pos + skip, lx.PROGRAMME_HEADS):
                pos += skip
                ttype = "Programme"
            end = _title_end(units, pos)
            known = next((k for k in range(pos, end) if units[k].kind == "gaz"
                          and units[k].cand.type in ("Programme", "Document")), None)
            if known is not None:
                end = known     # the gazetteer knows the title that follows: "Visi <Program Kerja 2021-2025>"
                if end - pos <= _match_head(units, pos, lx.PROGRAMME_HEADS + lx.DOCUMENT_HEADS):
                    pieces.append(_Piece("other", units[pos:end]))
                    pos = end
                    continue
            pieces.append(_Piece(ttype, units[pos:end]))
            pos = end
            continue
        # an English title with its head later: "Regional Action Plan", "ASEAN Roadmap on …"
        k = pos
        while k < n and k - pos <= 5 and not _title_type(units, k) and (
                units[k].kind == "conn" or (units[k].kind == "word" and units[k].low not in lx.ORG_HEADS
                                            and units[k].low not in lx.STOP_WORDS) or (k == pos and units[k].kind == "gaz")):
            k += 1
        if k > pos and k < n and _title_type(units, k) and _english_head(units, k):
            end = _title_end(units, k)
            pieces.append(_Piece(_title_type(units, k), units[pos:end]))
            pos = end
            continue
        if u.kind == "word" and _is_org_head(u.low):
            end = pos + 1
            closed = False      # a country or place closed the name: "Kongres Buruh Nasional Filipina"
            while end < n and (not expect_person or _orgish(units[end]) or (
                    units[pos].low in lx.REGIONAL_HEADS and units[end].kind == "gaz"
                    and units[end].cand.type == "Place") or (     # "Disnaker Kabupaten Karawang"
                    end == pos + 1 and units[pos].low in lx.UNIT_HEADS and units[end].kind == "gaz"
                    and units[end].cand.type == "Organization") or (
                    end == n - 1 and units[end].kind == "gaz" and units[end].cand.type == "Place") or (
                    units[end].kind == "word" and end + 1 < n and units[end + 1].kind == "word"
                    and lx.is_org_word(units[end + 1].low))):     # "Pusat Pasar Kerja": a word between org words
                if units[end].kind == "gaz" and expect_person:
                    if units[end].cand.type == "Organization" and end > pos + 1:
                        break       # "Biro Kerja Sama | Kemnaker | Purwanti …": the parent is its own mention
                    end += 1        # "… Seluruh Indonesia", then maybe its acronym ("… Indonesia KSPI")
                    closed = True
                    name = " ".join(x.text for x in units[pos:end])
                    while end < n and units[end].kind == "word" and _is_acronym(units[end].text) \
                            and _acronym_fits(units[end].text, name):
                        end += 1
                    break
                end += 1
            if expect_person:
                # words the lexicon does not know: the last two of a longer run are the name
                # ("Direktorat Bina Kelembagaan Ani Suryani"); a lone word before a bracket or
                # comma ends the organisation ("Departemen Hukum (…)")
                run = 0
                while end + run < n and units[end + run].kind == "word" and _name_like(units[end + run].text):
                    run += 1
                after = doc[units[-1].end].text if units[-1].end < len(doc) else ""
                english = any(x.kind == "conn" and x.low in ("of", "for") for x in units[pos:end])
                if run >= 4 and not closed and not english:     # English names end in org words
                    end += run - 2
                elif run == 1 and end + 1 == n and after in ("(", ")", ","):
                    end += 1
                elif run >= 1 and end + run + 1 == n and units[end + run].kind == "gaz" \
                        and units[end + run].cand.type in ("Country", "Place"):
                    end = n         # "Department of Labour Peninsular Malaysia"
            while end > pos + 1 and units[end - 1].kind == "conn":
                end -= 1
            pieces.append(_Piece("org", units[pos:end]))
            pos = end
            continue
        # "… serta Hoang Thu Hang dari General Affairs Department": a name before "dari ORG"
        if u.kind == "word" and _name_like(u.text) and not expect_person:
            end = pos
            while end < n and end - pos < 5 and units[end].kind == "word" and _name_like(units[end].text):
                end += 1
            if end - pos >= 2 and end + 1 < n and units[end].kind == "conn" and units[end].low in ("dari", "from") \
                    and (_orgish(units[end + 1]) or units[end + 1].low in lx.ORG_HEADS):
                pieces.append(_Piece("person", units[pos:end]))
                pos = end
                continue
        # head later in the run: "ASEAN Trade Union Council", "General Affairs Department"
        k = pos
        last_head = -1
        loose = False       # words before the head that are not organisation words ("Thai Labour … Committee")
        while k < n:
            unit = units[k]
            if not (_orgish(unit) or unit.kind == "conn" or (unit.kind == "word" and _title_type(units, k))):
                if last_head < 0 and k - pos < 6 and unit.kind == "word" and unit.low not in lx.TITLE_WORDS \
                        and unit.low not in lx.STOP_WORDS:
                    loose = True
                else:
                    break
            if loose and expect_person and last_head < 0 and unit.kind == "conn" and unit.low in ("of", "dari", "from") \
                    and k - pos >= 2 and all(x.kind == "word" and _name_like(x.text) and not _orgish(x)
                                             for x in units[pos:k]):
                break               # "Sutthasinee Kaewleklai | of the … Network": a name, then its body
            if unit.kind == "conn" and (unit.low in ("dan", "serta") or (unit.low == "and" and loose)) and (loose or (
                    k + 1 < n and units[k + 1].low in lx.ID_ORG_HEADS)):
                break               # "Kemnaker dan Badan …": a new name after "dan"
            if loose and unit.kind == "word" and unit.low in lx.ID_ORG_HEADS:
                break               # Indonesian names open with their head
            if unit.kind == "word" and (_is_org_head(unit.low) or _title_type(units, k)):
                if _title_type(units, k) and last_head >= 0:
                    break           # "Committee on … Declaration on …": the organisation's name
                last_head = k
                if _title_type(units, k):
                    if loose:
                        last_head = -1      # a headline's verbs before "Visi Program Kerja"
                    break
            k += 1
        if last_head >= pos and last_head + 1 < n and units[last_head + 1].kind == "word" \
                and units[last_head + 1].low in lx.MEETING_WORDS and not _title_type(units, last_head):
            pieces.append(_Piece("other", units[pos:last_head + 2]))
            pos = last_head + 2
            continue
        if last_head > pos and units[last_head].low in lx.ID_ORG_HEADS and not _title_type(units, last_head) \
                and all(x.kind == "word" for x in units[pos:last_head]):
            # Indonesian names open with their head: "Ketua Regional | Serikat Pekerja …"
            pieces.append(_Piece("other", units[pos:last_head]))
            pos = last_head
            continue
        if title_of == len(pieces) and last_head > pos and not _title_type(units, last_head):
            # "Undersecretary for Policy and … of the Department …": the portfolio, then the body
            cut = next((k for k in range(last_head - 1, pos, -1) if units[k].kind == "conn"
                        and units[k].low in ("of", "dari")), None)
            t = cut + 1 if cut is not None else last_head + 1
            while t < last_head and units[t].kind == "conn":
                t += 1
            if cut is not None and t <= last_head and _is_org_head(units[t].low):
                pieces.append(_Piece("other", units[pos:cut]))
                title_of = -1
                pos = t
                continue
        if last_head >= pos and (last_head > pos or u.kind != "gaz"):
            kind = _title_type(units, last_head) or "org"
            end = last_head + 1 + max(0, _match_head(units, last_head, lx.PROGRAMME_HEADS + lx.DOCUMENT_HEADS) - 1)
            if kind != "org":
                end = _title_end(units, last_head)
            else:
                # tail: "of Labor", "of the Philippines"
                if end < n and units[end].kind == "conn" and units[end].low in ("of", "for", "on") \
                        and not expect_person and end + 1 < n:
                    end = n         # "Committee on the Implementation of …" to the end of the chunk
                elif end < n and units[end].kind == "conn" and units[end].low in ("of", "for", "on"):
                    t = end + 1
                    while t < n and (_orgish(units[t]) or units[t].low == "the") and not (
                            expect_person and units[t].kind == "word" and _name_like(units[t].text)):
                        t += 1
                    if t > end + 1:
                        end = t
                if end + 1 < n and units[end].text == "-" and _orgish(units[end + 1]):
                    t = end + 1     # "Confederation-Asia Pacific"
                    while t < n and units[t].kind == "word" and _orgish(units[t]) and not _is_acronym(units[t].text):
                        t += 1
                    end = t
                if not expect_person:
                    name = " ".join(x.text for x in units[pos:end])
                    while end < n and units[end].kind == "word" and _is_acronym(units[end].text) \
                            and _acronym_fits(units[end].text, name):
                        end += 1
            while end > pos + 1 and units[end - 1].kind == "conn":
                end -= 1
            pieces.append(_Piece(kind, units[pos:end]))
            pos = end
            continue
        if u.kind == "gaz":
            pieces.append(_Piece("gaz", [u]))
            if u.cand.type in ("Organization", "Country", "Place") and any(p.kind == "title" for p in pieces):
                expect_person = True
            pos += 1
            continue
        # "Sekretaris Jenderal KSPSI Hermanto Ahmad": an unknown acronym after a post is its body
        if u.kind == "word" and _is_acronym(u.text) and pieces and pieces[-1].kind == "title":
            t = pos
            while t < n and units[t].kind == "word" and _is_acronym(units[t].text):
                t += 1
            if t < n and units[t].kind == "word" and _name_like(units[t].text):
                pieces.append(_Piece("org", units[pos:t]))
                pos = t
                continue
        # "Deputy Minister of Home Affairs Vu Chien Thang": the portfolio, then the name
        if title_of >= 0 and not any(p.kind in ("org", "gaz") for p in pieces[title_of:]) and _orgish(u):
            t = pos
            while t < n and (_orgish(units[t]) and units[t].kind != "gaz" or units[t].low in ("and", "dan")):
                t += 1
            pieces.append(_Piece("other", units[pos:t]))
            title_of = -1
            pos = t
            continue
        # "Menteri Sumber Daya Manusia Malaysia M. Saravanan": the portfolio, the country, the name
        if expect_person and u.kind == "word" and any(p.kind == "title" for p in pieces):
            g = next((k for k in range(pos + 1, n) if units[k].kind == "gaz"), None)
            if g is not None and g + 1 < n and all(
                    units[k].kind == "word" and (_name_like(units[k].text) or re.fullmatch(r"[A-Z]\.", units[k].text))
                    for k in range(g + 1, n)) and all(units[k].kind != "gaz" for k in range(pos, g)):
                pieces.append(_Piece("other", units[pos:g]))
                pos = g
                continue
        # a person's name: up to five name-like words
        if expect_person and _name_like(u.text) and not (
                title_of >= 0 and not any(p.kind in ("org", "gaz") for p in pieces[title_of:])):
            end = pos
            while end < n and end - pos < 6 and (units[end].kind == "word" or (
                    units[end].text == "-" and end + 1 < n and units[end + 1].kind == "word"
                    and _name_like(units[end + 1].text))) and (       # "Nakamura-Osaka"
                    units[end].text == "-" or _name_like(units[end].text) or re.fullmatch(r"[A-Z]\.", units[end].text)
                    or (end + 1 < n and units[end + 1].kind == "word" and _name_like(units[end + 1].text)
                        and units[end].low not in lx.TITLE_WORDS and not lx.is_org_word(units[end].low)
                        and not _is_org_head(units[end].low))):     # "Tan See Leng"
                end += 1
            followed_by_org_word = end < n and units[end].kind == "word" and (
                lx.is_org_word(units[end].low) or _is_org_head(units[end].low)) and not _is_acronym(units[end].text)
            if (end - pos > 1 or end == n) and not followed_by_org_word:
                pieces.append(_Piece("person", units[pos:end]))
            else:
                pieces.append(_Piece("other", units[pos:end]))   # "Penasihat Kapolri Bidang …"
            pos = end
            continue
        pieces.append(_Piece("other", [u]))
        pos += 1
    return pieces


#: Words that introduce a list of people or things ("antara lain", "including", "seperti").
_LIST_INTRO = re.compile(r"\b(?:antara\s+lain|di\s*antaranya|termasuk|seperti|yakni|yaitu|including|included|includes"
                         r"|such\s+as|namely|among\s+them)\s*:?\s*$", re.I)
_LIST_INTRO_IN = re.compile(r"\b(?:antara\s+lain|di\s*antaranya|termasuk|including|included|includes|such\s+as"
                            r"|among\s+them)\b", re.I)
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:(?:dan|and|serta)\s+)?|(?:dan|and|serta)\s+)")


def _names_only(units: list[_Unit]) -> bool:
    """A chunk that opens with two or more name-like words joined only by "dan"/"and" (a list
    of names), maybe followed by "dari/from ORG"."""
    k = 0
    while k < len(units) and ((units[k].kind == "word" and _name_like(units[k].text))
                              or (units[k].kind == "conn" and units[k].low in ("dan", "and", "serta"))):
        k += 1
    if k < len(units) and not (units[k].kind == "conn" and units[k].low in ("dari", "from", "of")):
        return False
    return sum(u.kind == "word" for u in units[:k]) >= 2


_DOC_TEXT: list = [None, ""]


def _doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy joins anew from the tokens on every access (cached for the last doc)."""
    if _DOC_TEXT[0] is not doc:
        _DOC_TEXT[0], _DOC_TEXT[1] = doc, doc.text
    return _DOC_TEXT[1]


def _chunk_context(doc: Doc, units: list[_Unit]) -> bool:
    """Whether the words around a chunk say it names a person (attribution verbs)."""
    first, last = units[0].start, units[-1].end
    before = doc[first - 1].text.lower() if first > 0 else ""
    after = doc[last].text.lower() if last < len(doc) else ""
    after2 = doc[last + 1].text.lower() if last + 1 < len(doc) else ""
    if before in lx.VERBS_BEFORE_NAME:
        return True
    if before in lx.AGENT_BEFORE_NAME and _names_only(units):
        return True         # "dipimpin oleh Ramon Dizon Santiago"
    if _names_only(units) and _LIST_INTRO.search(_doc_text(doc), max(0, doc[first].idx - 25), doc[first].idx):
        return True         # "antara lain Kittipong Sirisombat dan …", "including Ramon Luis Bautista"
    if after in lx.VERBS_AFTER_NAME or (after in (",", "resmi", "kini", "juga", "telah", "also") and after2 in lx.VERBS_AFTER_NAME):
        return True
    if after == "yang" and after2 == "juga":
        return True
    names = [u for u in units if u.kind == "word" and _name_like(u.text)]
    if before == ")" and names and (units[0] is names[0] or (units[0].kind == "gaz" and units[0].cand.type == "Place")):
        return True         # "… (KSPSI) Idris Palar"
    if after == "," and after2 in lx.TITLE_STARTS and len(names) >= 2 and len(names) == len(units):
        return True         # "Tran Van Long, Kepala Departemen …": a name in apposition to a post
    if (after in ("selaku",) or (after == "," and after2 in ("who", "yang", "selaku"))) and len(names) >= 2 \
            and len(names) == len(units):
        return True         # "Pairoj Chotikasathien, who heads …", "Septo Kalnadi selaku Kepala …"
    if after == "," and after2 in ("a", "an", "the", "seorang", "salah") and len(names) >= 2 \
            and len(names) == len(units):
        return True         # "Thanaporn Srisuwannakul, a researcher at …": a name in apposition
    if before == "," and after == "," and len(names) >= 2 and len(names) == len(units) \
            and _title_shortly_before(doc, first - 1):
        return True         # "the Minister for Manpower, Tan See Leng, said": a name between commas after a post
    if after in ("dari", "from") and len(names) >= 2 and len(names) == len(units):
        return True         # "Hoang Thu Hang dari General Affairs Department"
    return False


def _title_shortly_before(doc: Doc, i: int, window: int = 15) -> bool:
    """Whether a post title opens the stretch of the sentence before token ``i``
    ("perwakilan International Organization for Migration (IOM) Indonesia, <name>")."""
    k = i - 1
    while k >= 0 and i - k <= window and not doc[k].is_sent_start:
        if doc[k].text.lower() in lx.TITLE_STARTS and doc[k].text.lower() not in lx.TITLE_MODIFIERS:
            return True
        k -= 1
    return k >= 0 and i - k <= window and doc[k].text.lower() in lx.TITLE_STARTS


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is a Title Case headline (most words capitalised)."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    words = [w for w in text[a:b if b >= 0 else len(text)].split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    caps = sum(w[0].isupper() for w in words)
    return caps >= 0.75 * len(words) and not text[a:b if b >= 0 else len(text)].rstrip().endswith(".")


def rule_candidates(doc: Doc, gaz: list[Candidate]) -> list[Candidate]:
    """Organisation, person, programme and document mentions found by the chunk rules."""
    out: list[Candidate] = []
    text = doc.text
    prev_end, prev_titled, listing = -1, False, False
    for units in _chunks(doc, gaz):
        if not units:
            continue
        start = doc[units[0].start].idx
        person_ctx = _chunk_context(doc, units)
        names = [u for u in units if u.kind == "word" and _name_like(u.text)]
        after_chunk = doc[units[-1].end].text if units[-1].end < len(doc) else ""
        # ", " or "(ABBR), " between a titled organisation and a name
        if re.fullmatch(r"\)?\s*,", text[prev_end:start].strip()) and len(names) == len(units) and (
                (len(names) >= 2 and (prev_titled or _title_shortly_before(doc, units[0].start)))
                or (prev_titled and after_chunk == ",")):
            person_ctx = True       # "Direktur Jenderal … Kemnaker, Agung Nur Rohmad, serta …", "…, Suhartono, di …"
        if _names_only(units) and ((listing and _LIST_JOIN.fullmatch(text[prev_end:start])) or (
                re.search(r"(?:,|\b(?:dan|and|serta))\s*$", text[max(0, start - 6):start])
                and _LIST_INTRO_IN.search(text, max(0, start - 200), start)
                and "." not in text[_LIST_INTRO_IN.search(text, max(0, start - 200), start).end():start])):
            person_ctx = True       # the next names of a list of people
        listing = person_ctx and _names_only(units)
        pieces = _segment(units, doc, person_ctx)
        last = doc[units[-1].end - 1]
        prev_end, prev_titled = last.idx + len(last.text), any(p.kind == "title" for p in pieces)
        headline = _title_case_line(text, start)
        bracketed = units[0].start > 0 and doc[units[0].start - 1].text == "(" and units[-1].end < len(doc) \
            and doc[units[-1].end].text == ")"
        for p in pieces:
            if p.kind in ("title", "honorific", "gaz", "other"):
                continue
            if bracketed and p.kind == "person":
                continue            # "(Dirjen Binwasnaker)": an abbreviated post, not a name
            if headline and (p.kind in ("person", "org") or not any(c.isdigit() for u in p.units for c in u.text)):
                continue            # capitalised headline words: verbs look like names
            s = doc[p.units[0].start].idx
            last = doc[p.units[-1].end - 1]
            e = last.idx + len(last.text)
            ctype = {"org": "Organization", "person": "Person"}.get(p.kind, p.kind)
            surface = text[s:e]
            if ctype == "Person" and not re.search(r"[a-z]", surface) and len(p.units) == 1 and len(surface) <= 4:
                continue
            if ctype == "Person" and re.search(r"\w\.(?:com|co|id|net|org|news)\b", surface, re.I):
                continue            # a site name glued to the dateline ("Kabarkerja.id-Kemnaker")
            if ctype == "Organization" and len(p.units) == 1 and p.units[0].low in lx.ORG_HEADS:
                continue            # "Kementerian" alone: a reference, not a name
            if ctype in ("Programme", "Document") and len(p.units) == 1 and not _year_after(text, e):
                continue            # "Deklarasi" alone
            cand = Candidate(s, e, ctype, surface, f"chunk.{p.kind}")
            cand.unit = ctype == "Organization" and p.units[0].low in lx.UNIT_HEADS or (
                ctype == "Organization" and p.units[-1].low in lx.UNIT_HEADS)
            if ctype in ("Programme", "Document"):
                _extend_title(cand, text)
                # "the 1st ASEAN-OSHNET Awards", "Lomba ... ke-3": the edition is part of the name
                ordinal = _ORDINAL_BEFORE.search(text, max(0, cand.start - 12), cand.start)
                if ordinal and cand.type == "Programme":
                    cand.start = ordinal.start()
                    cand.text = text[cand.start:cand.end]
            out.append(cand)
    return out


_ORDINAL_BEFORE = re.compile(r"(?<![\w-])\d{1,3}(?:st|nd|rd|th)\s+$")


_YEAR_TAIL = re.compile(r"\s*(?:(?:tahun|tahap|periode|untuk\s+periode|for|for\s+the\s+period)\s+)?"
                        r"(?:19|20)\d\d(?:\s*[-–—/]\s*(?:19|20)\d\d)?\b")
_LIST_TAIL = re.compile(r",\s+(?:[A-Z][\w’'-]*\s+)*?[A-Z][\w’'-]*\s+(?:dan|and)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")


def _year_after(text: str, end: int) -> bool:
    return bool(_YEAR_TAIL.match(text, end))


def _extend_title(cand: Candidate, text: str) -> None:
    """Extend a programme/document title over "…, X dan Y" lists and a year or period."""
    m = _LIST_TAIL.match(text, cand.end)
    heads = {h[0] for h in lx.PROGRAMME_HEADS + lx.DOCUMENT_HEADS}
    if m and "\n" not in m.group(0) and not any(w.lower().strip(",") in heads for w in m.group(0).split()):
        cand.end = m.end()
    m = _YEAR_TAIL.match(text, cand.end)
    if m and "\n" not in m.group(0):
        cand.end = m.end()
    cand.text = text[cand.start:cand.end]


_MOU_ABOUT = re.compile(r"\b(?P<head>MoU|MOU|[Nn]ota [Kk]esepahaman|[Mm]emorandum of [Uu]nderstanding)\s+"
                        r"(?:tentang|mengenai|on)\s+(?:[\w-]+\s+){0,5}?[\w-]+(?=\s+(?:antara|between|dengan|with|yang|di|pada|pekan|minggu|bulan|tahun|hari|kemarin|"
                        r"sejak|last|next|this|on|in|at)\b|[.,;\n])")
_LOWER_TITLE = re.compile(
    r"\b(?P<head>program kerja|rencana kerja|rencana aksi|nota kesepahaman|visi|piagam|program|proyek|project"
    r"|kampanye|campaign|[Pp]asar tunggal|[Ss]ingle market)"
    r"(?P<rest>(?:\s+(?:para|pelaksanaan|bersama))?(?:\s+[A-Z][\w’'+-]*(?:\s+(?:dan|untuk|tentang|bagi|of|and|for)"
    r"(?=\s+[A-Z]))?)+|(?=\s*\())")


_LOWER_PROGRAMME = re.compile(
    r"\b(?P<head>program|programme|proyek|project|pilot project|kampanye|campaign)\s+"
    r"(?P<rest>(?:[a-z]+\s+){0,3}?(?:[A-Z][\w’'-]*\s+){1,6}[A-Z][\w’'-]*"
    r"|[\"“][^\"”\n]{2,30}[\"”](?:\s+(?:dan|and)\s+[\"“][^\"”\n]{2,30}[\"”])?)")
_NESTED_TITLE = re.compile(
    r"\b(?:of|for|dari)\s+(?:the\s+)?(?P<title>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*?\s*"
    r"(?P<head>Program|Programme|Work Plan|Work Programme|Action Plan|Framework|Roadmap|Declaration)"
    r"(?:\s+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?)")


def nested_title_candidates(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A titled name inside another's title: "Monitoring … Framework of the <ALM’ Program 2018-2020>"."""
    out = []
    for c in cands:
        if c.type not in ("Programme", "Document"):
            continue
        for m in _NESTED_TITLE.finditer(text, c.start, c.end):
            s, e = m.span("title")
            if s <= c.start or e > c.end:
                continue
            head = m.group("head").lower()
            ctype = "Programme" if head in ("program", "programme", "work plan", "work programme") else "Document"
            out.append(Candidate(s, e, ctype, text[s:e], "nested-title"))
    return out


def lowercase_programme_candidates(text: str) -> list[Candidate]:
    """Projects and programmes named after a lower-case head: "pilot project trilateral
    implementasi ASEAN Guiding Principles", 'program "reskilling" dan "upskilling"'."""
    out = []
    for m in _LOWER_PROGRAMME.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isalpha() or text[m.start()].isupper()):
            continue
        rest = m.group("rest")
        if not rest.startswith(("\"", "“")) and sum(w[:1].isupper() for w in rest.split()) < 2:
            continue
        lower = [w for w in rest.split() if w[:1].islower()] if not rest.startswith(("\"", "“")) else []
        if any(w in lx.STOP_WORDS or w.startswith(("me", "ber", "di", "ter")) for w in lower):
            continue            # "proyek ini mendukung …": a clause, not a name
        out.append(Candidate(m.start(), m.end(), "Programme", m.group(0), "lowercase-programme"))
    return out


#: An English title written in lower case: "the ASEAN work plan on labour inspection 2021-2025",
#: "a regional action plan on child labour" (a qualifier, the head, "on/for" and its topic).
_EN_LOWER_TITLE = re.compile(
    r"\b(?P<name>(?:ASEAN|[A-Z][a-z]+(?:-[A-Z][a-z]+)?|regional|national)\s+(?:[a-z]+\s+){0,2}?"
    r"(?P<head>work\s+plan|action\s+plan|work\s+programme|work\s+program|roadmap|guidelines|framework|strategy|"
    r"declaration|programme|campaign|project|fund|consensus|blueprint)"
    r"\s+(?:on|for)\s+(?:the\s+)?(?P<topic>[a-z][\w’'-]*(?:\s+(?:and\s+|of\s+)?[a-z][\w’'-]*){0,4}?)"
    r"(?:\s+(?P<years>(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?))?)(?=\s*[,.;:)]|\s+(?:and|which|that|to|was|is|"
    r"were|are|will|by|in|at|from|with|until)\b)")
_EN_TITLE_KIND = {"work plan": "Programme", "work programme": "Programme", "work program": "Programme",
                  "programme": "Programme", "campaign": "Programme", "project": "Programme", "fund": "Programme"}


def english_lowercase_titles(text: str) -> list[Candidate]:
    out = []
    for m in _EN_LOWER_TITLE.finditer(text):
        topic = m.group("topic").split()
        if any(w in lx.STOP_WORDS and w not in ("and", "of") for w in topic):
            continue
        head = " ".join(m.group("head").split())
        out.append(Candidate(m.start("name"), m.end("name"), _EN_TITLE_KIND.get(head, "Document"), m.group("name"),
                             "lowercase-title.en"))
    return out


@cache
def _descriptive_patterns() -> tuple[tuple[re.Pattern, dict[str, str]], ...]:
    """Per language: the pattern of a document or programme named by description around a
    verb of making or adopting it (lexicons ``descriptive_titles`` and ``document_verbs``)."""
    from labourgraph import lexicons
    out = []
    years = r"(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?"
    for lang in lexicons.LANGUAGES:
        kinds = {" ".join(r[0].lower().split()): r[1] for r in lexicons.rows(lang, "descriptive_titles")}
        verbs = lexicons.words("document_verbs", lang)
        if not kinds or not verbs:
            continue
        head = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(kinds, key=len, reverse=True))
        verb = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
        if lang == "id":
            # "menyepakati (pula) rencana aksi regional untuk periode 2010-2015"
            rx = (rf"\b(?:{verb})\s+(?:(?:pula|juga|sebuah|suatu)\s+)?"
                  rf"(?P<name>(?P<head>{head})(?:\s+(?:regional|nasional|bersama))?"
                  rf"(?:\s+(?:untuk\s+periode|periode|tahun|untuk\s+tahun)\s+{years})?)(?![\w-])")
        else:
            # "has identified a <mods> programme until 2025"; "a joint statement was approved"
            name = (rf"(?P<name>(?:[a-z][\w’'-]*\s+){{0,5}}?(?P<head>{head})"
                    rf"(?:\s+(?:until|for|to|from)\s+{years})?)(?![\w-])")
            rx = (rf"\b(?:(?:{verb})\s+(?:a|an|the)\s+{name}"
                  rf"|(?<![\w-])(?:[Aa]|[Aa]n|[Tt]he)\s+{name.replace('?P<name>', '?P<name2>').replace('?P<head>', '?P<head2>')}"
                  rf"\s+(?:was|were|has\s+been|had\s+been|is|are|will\s+be)\s+(?:also\s+)?(?:{verb})(?!ing))")
        out.append((re.compile(rx), kinds))
    return tuple(out)


#: Heads too general to name anything without a modifier or a period.
_BARE_GENERIC = frozenset({"programme", "program"})


def descriptive_title_candidates(text: str) -> list[Candidate]:
    """Documents and programmes named by a lower-case description next to a verb that makes,
    adopts or signs them: "menyiapkan rencana aksi", "a joint statement was approved"."""
    out = []
    for rx, kinds in _descriptive_patterns():
        for m in rx.finditer(text):
            group = "name" if m.group("name") is not None else "name2"
            head = " ".join(m.group("head" if group == "name" else "head2").lower().split())
            words_before = text[m.start(group):m.start("head" if group == "name" else "head2")].split()
            if any(w.lower() in lx.STOP_WORDS and w.lower() not in ("and", "of") for w in words_before):
                continue           # "an outline of the ... programme": not one name
            s, e = m.span(group)
            if head in _BARE_GENERIC and " ".join(text[s:e].lower().split()) == head:
                continue           # "the programme was launched": which one, the text says elsewhere
            out.append(Candidate(s, e, kinds[head], text[s:e], "descriptive-title"))
    return out


def lowercase_title_candidates(text: str) -> list[Candidate]:
    """Programme/document titles with a lower-case head: "program kerja para Menaker ASEAN tahun 2021-2025",
    "MoU tentang penempatan pekerja domestik"."""
    out = [Candidate(m.start(), m.end(), "Document", m.group(0), "mou-about") for m in _MOU_ABOUT.finditer(text)]
    out += english_lowercase_titles(text)
    taken = [(c.start, c.end) for c in out]
    out += [c for c in descriptive_title_candidates(text)
            if not any(c.start < e and s < c.end for s, e in taken)]
    for m in _LOWER_TITLE.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isalpha():
            continue
        head = m.group("head").lower()
        if head == "program" and not _YEAR_TAIL.match(text, m.end()) and not text[m.end():m.end() + 2].strip().startswith('"'):
            if not m.group("rest").strip():
                continue
        ctype = "Document" if head in ("rencana aksi", "nota kesepahaman", "visi", "piagam") else "Programme"
        cand = Candidate(m.start(), m.end(), ctype, m.group(0), "lowercase-title")
        _extend_title(cand, text)
        rest = cand.text[len(head):].strip()
        if not rest and head != "nota kesepahaman":
            continue
        caps = [w for w in rest.split() if _is_cap(w)]
        if head in ("program kerja", "rencana kerja", "program", "proyek") and not re.search(r"\d", rest) \
                and len(caps) < 2 and not rest.startswith(("\"", "“", "(")):
            continue            # "program kerja ASEAN", "program Indonesia": a description, not a title
        if head == "visi" and not re.search(r"\d", cand.text):
            continue
        out.append(cand)
    return out


# --------------------------------------------------------------------------- acronyms


_PAREN = re.compile(r"\(\s*([^()\n]{1,160}?)\s*\)")


def _initials(text: str) -> str:
    words = [w for w in re.split(r"[\s\-/]+", fold(text)) if w and w not in lx.CONNECTORS]
    return "".join(w[0] for w in words if w[0].isalnum())


def _acronym_fits(abbr: str, long: str) -> bool:
    """Whether ``abbr`` can abbreviate ``long`` (its letters in order among the words' letters)."""
    a = re.sub(r"[^a-z0-9]", "", fold(abbr))
    if not a:
        return False
    ini = _initials(long)
    if a == ini or (len(a) >= 2 and a in ini):
        return True
    letters = re.sub(r"[^a-z0-9]", "", fold(long))
    it = iter(letters)
    return a[0] == letters[:1] and all(c in it for c in a)


_OR_BETWEEN = re.compile(r"\s*(?:\(\s*[^()\n]{1,20}\)\s*)?(?:atau|or|alias)\s+")


def link_alternative_names(text: str, cands: list[Candidate]) -> None:
    """"Trade Union Congress of the Philippines (TUCP) atau Konfederasi Buruh Filipina":
    two names of one organisation, programme or document."""
    ordered = sorted((c for c in cands if c.type in ("Organization", "Programme", "Document")), key=lambda c: c.start)
    for i, b in enumerate(ordered):
        for a in reversed(ordered[max(0, i - 3):i]):
            if a.type != b.type or a.alias_of is not None or b.alias_of is not None:
                continue
            if _OR_BETWEEN.fullmatch(text[a.end:b.start]):
                if b.keys and not a.keys:
                    a.alias_of = b
                elif not b.keys:
                    b.alias_of = a
                break


def acronym_links(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Acronyms defined next to a typed long form; returns new acronym candidates (alias_of set).

    "Long Name (ABBR)", "Long Name ( ABBR )", "Indonesian Name (English Name/ABBR)" and
    "ABBR (Long Name)".
    """
    by_end = {}
    by_start = {}
    for c in cands:
        if c.type in ("Organization", "Programme", "Document", "Country", "Place"):
            by_end.setdefault(c.end, c)
            by_start.setdefault(c.start, c)
    out = []
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        parts = [p.strip() for p in inner.split("/")]
        abbr = parts[-1]
        # Long Name (ABBR)
        j = m.start()
        while j > 0 and text[j - 1] == " ":
            j -= 1
        long = by_end.get(j)
        short_form = (_is_acronym(abbr) or (re.fullmatch(r"[A-Z][\w+-]{2,11}", abbr) is not None
                                            and long is not None and _acronym_fits(abbr, long.text)))
        if long and short_form and len(abbr) <= 12:
            s = m.start(1) + inner.rfind(abbr)
            out.append(Candidate(s, s + len(abbr), long.type, abbr, "acronym.defined", alias_of=long))
            if len(parts) == 2 and _is_cap(parts[0]) and len(parts[0].split()) >= 2:
                s2 = m.start(1) + inner.find(parts[0])
                out.append(Candidate(s2, s2 + len(parts[0]), long.type, parts[0], "acronym.translation",
                                     alias_of=long))
            continue
        # ABBR (Long Name)
        inner_cand = by_start.get(m.start(1))
        if inner_cand and inner_cand.end <= m.end(1) + 1:
            am = re.search(r"([A-Z][A-Za-z0-9+\-]{1,11})$", text[max(0, j - 13):j])
            if am and _is_acronym(am.group(1)) and _acronym_fits(am.group(1), inner_cand.text):
                s = j - len(am.group(1))
                out.append(Candidate(s, j, inner_cand.type, am.group(1), "acronym.defined", alias_of=inner_cand))
    return out


_LISTED_ACRONYMS = re.compile(
    r"(?i:\b(?:organisasi|organization|organisation|lembaga|institutions?|badan|serikat(?:\s+pekerja)?|unions?)s?)"
    r"\b[^()\n]{0,30}\(\s*(?P<list>[A-Z][A-Za-z0-9-]*[A-Z](?:\s*(?:,|dan|and|&|serta)\s*[A-Z][A-Za-z0-9-]*[A-Z])+)\s*\)")


_NGO_NAME = re.compile(
    r"\b(?P<name>(?:[A-Z][\w’'-]*\s+){1,5}(?P<head>Forum|Network|Alliance|Coalition|Platform|Caucus)"
    r"(?:\s+(?P<tail>in|of|for|on)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})?)"
    r"(?=\s*\(\s*[A-Z][A-Za-z-]{1,10}\s*\))")


def ngo_candidates(text: str) -> list[Candidate]:
    """Civil-society bodies named "… Forum in Asia (MFA)", "… Workers Network (ABBR)", "… Alliance (ABBR)".
    A forum "on" a subject is a meeting, not a body."""
    out = []
    for m in _NGO_NAME.finditer(text):
        if m.group("head") == "Forum" and m.group("tail") not in ("in", "of"):
            continue
        s, e = m.span("name")
        while True:
            w = re.match(r"(\S+)\s+", text[s:e])
            if w and (w.group(1).lower() in lx.STOP_WORDS or w.group(1).lower() in lx.VERBS_BEFORE_NAME):
                s += w.end()
            else:
                break
        if len(text[s:e].split()) >= 2:
            out.append(Candidate(s, e, "Organization", text[s:e], "ngo-name"))
    return out


def listed_acronym_candidates(text: str) -> list[Candidate]:
    """Acronyms listed after "organisasi"/"organisations": "organisasi international (ILO, IALI dan APOSHO)"."""
    out = []
    for m in _LISTED_ACRONYMS.finditer(text):
        for a in re.finditer(r"[A-Z][A-Za-z0-9-]*[A-Z]", m.group("list")):
            s = m.start("list") + a.start()
            if _is_acronym(a.group(0)):
                out.append(Candidate(s, s + len(a.group(0)), "Organization", a.group(0), "acronym.listed"))
    return out


# --------------------------------------------------------------------------- persons in context


_NAME = r"(?:[A-Z][\w’'-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w’'-]+|[A-Z]\.)){0,4}"
_HONORIFIC_NAME = re.compile(r"\b(?:Dr|Drs|Prof|Ir|Mr|Mrs|Ms|H\.E|Hj?)\.\s*(?P<name>" + _NAME + r")"
                             r"|\b(?:Bapak|Ibu|Pak|Bu|Madam|His Excellency|Her Excellency|Khun)\s+(?P<name2>" + _NAME + r")")


def context_person_candidates(text: str, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Persons after honorifics ("Dr. Ha Minh Duc", "His Excellency Heng Sour")."""
    out = []
    for m in _HONORIFIC_NAME.finditer(text):
        g = "name" if m.group("name") else "name2"
        s, e = m.span(g)
        words = text[s:e].split()
        keep = []
        for w in words:
            if not _name_like(w.strip(",.")) and not re.fullmatch(r"[A-Z]\.", w):
                break
            keep.append(w)
        if not keep:
            continue
        e = s + len(" ".join(keep))
        if any(a <= s < b for a, b in taken):
            continue
        out.append(Candidate(s, e, "Person", text[s:e], "person.honorific"))
    return out


# --------------------------------------------------------------------------- bylines, credits, datelines


_BYLINE = re.compile(r"(?im)(?:^|[|\-–]\s*)(?:penulis|laporan|reporter|wartawan|oleh|by|pewarta|author)\s*:\s*"
                     r"(?P<name>[A-Za-z][A-Za-z.'’ -]{2,60}?)\s*$")
_CREDIT = re.compile(r"(?i)\bfoto\s*:\s*(?P<a>[\w.&' -]{2,40}?)\s*/\s*(?P<b>[\w.&' -]{2,40}?)\s*(?=[)\n]|$)")
_DATELINE = re.compile(
    r"(?m)^[ \t.]*(?:(?P<place>[A-Z][\w ]{1,30}?)\s*)?\((?P<agency>[A-Z][\w.]{1,30})\)\s*[-–—]"
    r"|^[ \t.]*(?:[A-Z][A-Za-z ]{1,30},\s*)?(?P<site>[A-Za-z][\w-]*(?:\.\s?(?:com|co\.id|id|org|net|biz\.id|COM|ID|ORG|NET))+)\s*[-–—|,]")
_CAPS_DATELINE = re.compile(r"(?m)^[ \t]*(?P<place>[A-Z][A-Z ]{2,30}[A-Z])\s*(?:,[^\n\-–—]{0,40})?[-–—]+\s")


def chrome_candidates(article_text: str, publisher: str | None, authors: tuple[str, ...]) -> list[Candidate]:
    """Publisher, dateline place, byline authors and photo credits (read from the stored text)."""
    text = article_text
    out = []
    for m in _BYLINE.finditer(text):
        name = m.group("name").strip(" .-")
        if len(name.split()) >= 2 or name.isupper():
            s = text.find(name, m.start("name"))
            out.append(Candidate(s, s + len(name), "Person", name, "byline"))
    for m in _CREDIT.finditer(text):
        a, b = m.group("a").strip(), m.group("b").strip()
        for part, grp in ((a, "a"), (b, "b")):
            if not part:
                continue
            s = m.start(grp) + m.group(grp).find(part)
            if _is_acronym(part) or part.lower() in ("ist", "istimewa", "net", "dok", "doc"):
                if _is_acronym(part) and part.lower() not in ("ist", "net", "dok"):
                    out.append(Candidate(s, s + len(part), "Organization", part, "photo-credit"))
            elif len(part.split()) >= 2 and all(_is_cap(w) for w in part.split()):
                out.append(Candidate(s, s + len(part), "Person", part, "photo-credit"))
    for m in _DATELINE.finditer(text):
        if m.start() > 1500:
            break
        if m.group("agency"):
            s, e = m.span("agency")
            out.append(Candidate(s, e, "Organization", text[s:e], "dateline.publisher"))
        elif m.group("site"):
            s, e = m.span("site")
            out.append(Candidate(s, e, "Organization", text[s:e], "dateline.publisher"))
    for name in (publisher, *authors):
        if not name:
            continue
        for m in re.finditer(re.escape(name), text, flags=re.I):
            kind = "Organization" if name == publisher else "Person"
            out.append(Candidate(m.start(), m.end(), kind, m.group(0), "metadata"))
    return out


def publisher_spans(article_text: str) -> list[tuple[int, int]]:
    """Where the text names its publisher: the agency or site of a dateline ("Jakarta (ANTARA) -",
    "JAMBISNIS.COM –") near the top."""
    out = []
    for m in _DATELINE.finditer(article_text):
        if m.start() > 1500:
            break
        group = "agency" if m.group("agency") else "site"
        out.append(m.span(group))
    return out


def caps_dateline_places(text: str, gaz: list[Candidate]) -> list[Candidate]:
    """"SIEM REAP – ..." at the start of a line: a place, unless the gazetteer knows it."""
    out = []
    for m in _CAPS_DATELINE.finditer(text):
        s, e = m.span("place")
        if m.start() > 1500 or any(c.start <= s < c.end for c in gaz):
            continue
        out.append(Candidate(s, e, "Place", text[s:e], "dateline.place"))
    return out


_ADMIN_WORDS = r"(?:[Kk]ota|[Pp]rovinsi|[Kk]abupaten|[Kk]ecamatan|[Kk]elurahan|[Dd]esa|[Dd]istrik|[Kk]awasan|[Ii]bu\s?[Kk]ota)"
_COMPASS = r"(?:\s+(?:Barat|Timur|Utara|Selatan|Tengah|Tenggara|Daya|Raya|Besar))?"
_PLACE_CONTEXT = re.compile(
    r"\b(?:" + _ADMIN_WORDS + r"|[Ii]bukota\s+\w+,|city\s+of|district\s+of)\s+"
    r"(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?" + _COMPASS + r")"
    r"|(?P<name2>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(?:district|sub-district|subdistrict|township)\b")
_HELD_IN = re.compile(r"\b(?:diselenggarakan|digelar|diadakan|berlangsung|dilaksanakan|bertempat|held|hosted|took\s+place"
                      r"|convened)\s+(?:di|in|at)\s+(?P<name>[A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*)?)")
_AT_PLACE = re.compile(r"\b(?:di|in|ke|dari|at)\s+(?P<name>[A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*)?)\s*,\s*"
                       r"(?P<next>[A-Z][\w-]*)")
#: Venues: a head noun before ("Hotel Mulia", "Gedung Tridharma", "Balai Sidang …") or after
#: ("Sokha Phnom Penh Hotel", "National Convention Centre") the name.
_VENUE_WORD = r"[A-Z][\w&’'-]*"
_VENUE = re.compile(
    r"\b(?P<pre>(?:Hotel|Gedung|Wisma|Graha|Balai\s+Sidang|Auditorium|Aula|Ruang)(?:[ \t]+" + _VENUE_WORD + r"){1,5})"
    r"|(?P<post>(?:" + _VENUE_WORD + r"[ \t]+){1,5}(?:Hotel|Resort|Convention\s+(?:Centre|Center|Hall)"
    r"|Exhibition\s+(?:Centre|Center)|Conference\s+(?:Centre|Center|Hall)|International\s+Convention\s+(?:Centre|Center)))\b")


def venue_candidates(text: str, gaz: list[Candidate]) -> list[Candidate]:
    """Named venues (schema:Place): "Hotel Borobudur", "Gedung Tridharma", "Sofitel Plaza Hotel".

    A known place closing a head-first name is the venue's city ("Hotel Borobudur | Jakarta").
    """
    out = []
    places = [c for c in gaz if c.type in ("Place", "Country")]
    for m in _VENUE.finditer(text):
        group = "pre" if m.group("pre") else "post"
        s, e = m.span(group)
        if group == "post":         # leading function words are not the name ("The Sofitel …")
            while True:
                w = re.match(r"\S+\s+", text[s:e])
                if w and w.group(0).strip().lower() in lx.STOP_WORDS | {"di", "at", "in"}:
                    s += w.end()
                else:
                    break
        else:
            tail = next((c for c in places if s < c.start < e and c.end >= e), None)
            if tail is not None and len(text[s:tail.start].split()) >= 2 \
                    and not re.match(_ADMIN_WORDS, tail.text) and not text[s:tail.start].rstrip().endswith("Pemerintah"):
                e = tail.start
                while text[e - 1] in " ,":
                    e -= 1
        while e > s and text[e - 1] in ".,’'":
            e -= 1
        if len(text[s:e].split()) >= 2:
            out.append(Candidate(s, e, "Place", text[s:e], "place.venue"))
            # "at the Centrepoint Hotel in Gadong", "di Hotel Mulia di Senayan": the venue's town
            town = _VENUE_TOWN.match(text, e)
            if town and not any(c.start == town.start("name") for c in gaz) \
                    and all(_name_like(w) for w in town.group("name").split()) \
                    and not re.match(_ADMIN_WORDS + r"\b", town.group("name")):
                out.append(Candidate(town.start("name"), town.end("name"), "Place", town.group("name"),
                                     "place.venue-town"))
    return out


_VENUE_TOWN = re.compile(r",?\s+(?:in|di)\s+(?P<name>[A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*)?)(?![\w-])")


def place_candidates(text: str, gaz: list[Candidate], weekdays: set[str]) -> list[Candidate]:
    """Places named by context: "kota Bekasi", "di Siem Reap, Kamboja", "di Yogyakarta, Minggu"."""
    out = []
    gaz_starts = {c.start: c for c in gaz}
    for m in _PLACE_CONTEXT.finditer(text):
        group = "name" if m.group("name") else "name2"
        s, e = m.span(group)
        words = text[s:e].split()
        if group == "name2" and (not all(_name_like(w) for w in words) or s in gaz_starts):
            continue
        if len(words) >= 2 and not _name_like(words[1]) and words[1] not in _COMPASS:
            e = s + len(words[0])
        out.append(Candidate(s, e, "Place", text[s:e], "place.context"))
    for m in _HELD_IN.finditer(text):
        s, e = m.span("name")
        if s in gaz_starts or not all(_name_like(w) for w in text[s:e].split()) \
                or re.match(_ADMIN_WORDS + r"\b", text[s:e]):
            continue
        out.append(Candidate(s, e, "Place", text[s:e], "place.held-in"))
    for m in _AT_PLACE.finditer(text):
        s, e = m.span("name")
        nxt = gaz_starts.get(m.start("next"))
        if (nxt and nxt.type in ("Country", "Place")) or m.group("next").lower() in weekdays:
            if not all(_name_like(w) for w in text[s:e].split()) or re.match(_ADMIN_WORDS + r"\b", text[s:e]):
                continue
            out.append(Candidate(s, e, "Place", text[s:e], "place.at"))
    return out + venue_candidates(text, gaz)


# --------------------------------------------------------------------------- themes


_THEME = re.compile(r"(?i)\b(?:bertajuk|bertema|bertemakan|tema|subtema|theme[d]?|titled|tajuk)\b[^\"“'‘\n]{0,40}?"
                    r"(?P<q>[\"“'‘])(?P<title>[^\"”'’\n]{6,200}?)[\"”'’]")
_THEME_MORE = re.compile(r"\s*(?:,|dan|and)\s*[\"“'‘](?P<title>[^\"”'’\n]{6,200}?)[\"”'’]")


def theme_candidates(text: str) -> list[Candidate]:
    """Quoted titles after "tema", "bertajuk", "theme" ... (lg:EventTheme)."""
    out = []
    for m in _THEME.finditer(text):
        s, e = m.span("title")
        out.append(Candidate(s, e, "Theme", text[s:e].strip(), "theme.quoted"))
        pos = m.end()
        while True:
            m2 = _THEME_MORE.match(text, pos)
            if not m2:
                break
            s, e = m2.span("title")
            out.append(Candidate(s, e, "Theme", text[s:e].strip(), "theme.quoted"))
            pos = m2.end()
    return out


# --------------------------------------------------------------------------- persons by name tokens


def _edit1(a: str, b: str) -> bool:
    """Whether two words differ by one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def short_name_candidates(doc: Doc, persons: list[Candidate], taken: list[tuple[int, int]]) -> list[Candidate]:
    """Later mentions of a person by part of the name ("Cris", "Uta", "Andi Gani", typo "Khan")."""
    full = [p for p in persons if len(p.text.split()) >= 2]
    token_owner: dict[str, set[str]] = {}
    for p in full:
        for w in p.text.split():
            if len(w) >= 3 and _name_like(w):
                token_owner.setdefault(w, set()).add(p.text)
    out = []
    occupied = sorted(taken)
    widest = max((b - a for a, b in occupied), default=0)

    def free(s, e):
        # only a span starting less than `widest` before s can reach it (occupied is sorted)
        lo = bisect.bisect_left(occupied, (s - widest,))
        hi = bisect.bisect_left(occupied, (e,))
        return not any(a < e and s < b for a, b in occupied[lo:hi])

    # the parts of the full names by first word, in the order the names are tried (a later
    # name with the same part never wins: only a longer part replaces the best so far)
    parts_at: dict[str, list[tuple[Candidate, list[str]]]] = {}
    seen_parts: set[tuple[str, ...]] = set()
    for p in full:
        words = p.text.split()
        for a in range(len(words)):
            for b in range(len(words), a, -1):
                if tuple(words[a:b]) not in seen_parts:
                    seen_parts.add(tuple(words[a:b]))
                    parts_at.setdefault(words[a], []).append((p, words[a:b]))
    text = _doc_text(doc)

    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        w = tok.text
        if not _is_cap(w) or not free(tok.idx, tok.idx + len(w)):
            i += 1
            continue
        # longest run of tokens that is a contiguous part of one full name
        best = None
        for p, part in parts_at.get(w, ()):
            if i + len(part) <= n and [t.text for t in doc[i:i + len(part)]] == part:
                if best is None or len(part) > len(best[1]):
                    best = (p, part)
        after = i + len(best[1]) if best else n
        if best and after < n and _name_like(doc[after].text) and doc[after - 1].whitespace_:
            best = None         # "Mohd" of an unknown "Mohd Asri Abd Wahab"
        if best:
            p, part = best
            if len(part) == 1 and len(token_owner.get(part[0], ())) > 1:
                i += 1
                continue
            if len(part) == 1 and (len(part[0]) < 3 or not _name_like(part[0])):
                i += 1
                continue
            s = tok.idx
            last = doc[i + len(part) - 1]
            e = last.idx + len(last.text)
            out.append(Candidate(s, e, "Person", text[s:e], "person.short-name", alias_of=p))
            bisect.insort(occupied, (s, e))
            widest = max(widest, e - s)
            i += len(part)
            continue
        # a one-letter typo of a distinctive name token ("Khan" for "Khang"), not sentence-initial words
        if len(w) >= 4 and _name_like(w) and w.lower() not in lx.STOP_WORDS:
            owners = [(t, o) for t, os in token_owner.items() for o in os if _edit1(w, t) and len(t) >= 4]
            nxt = doc[i + 1].text if i + 1 < n else ""
            if len({o for _, o in owners}) == 1 and not _is_cap(nxt):
                p = next(q for q in full if q.text == owners[0][1])
                out.append(Candidate(tok.idx, tok.idx + len(w), "Person", w, "person.typo", alias_of=p))
        i += 1
    return out


def link_partial_names(cands: list[Candidate]) -> None:
    """A person named by part of another person's name (or a one-letter typo of a part of
    it) is that person: "Andi Gani" -> "Andi Gani Nena Wea", "Khan" -> "Nguyen Dinh Khang"."""
    persons = [c for c in cands if c.type == "Person" and c.alias_of is None]
    for c in [p for p in persons if not p.keys]:
        words = c.text.split()
        owners = {}
        for p in persons:
            pw = p.text.split()
            if len(pw) <= len(words) or p is c:
                continue
            if any(pw[i:i + len(words)] == words for i in range(len(pw) - len(words) + 1)):
                owners.setdefault(p.text, p)
        if not owners and len(words) == 1 and len(words[0]) >= 4:
            for p in persons:
                if len(p.text.split()) >= 2 and any(_edit1(words[0], w) and len(w) >= 4 for w in p.text.split()):
                    owners.setdefault(p.text, p)
        if len(owners) == 1:
            c.alias_of = next(iter(owners.values()))
        elif len(owners) > 1:
            longest = sorted(owners, key=lambda t: (-len(t.split()), t))
            # all owners one name written more or less fully ("Andi Gani Nena Wea" ⊃ "Andi Gani Nena")
            if all(o in longest[0] for o in longest):
                c.alias_of = owners[longest[0]]


def acronym_uses(text: str, defined: list[Candidate], taken: list[tuple[int, int]]) -> list[Candidate]:
    """Later uses of an acronym the article defined."""
    forms: dict[str, Candidate] = {}
    for c in defined:
        forms.setdefault(c.text, c)
    out = []
    occupied = list(taken)
    for form, c in sorted(forms.items()):
        for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w+]|-\w)", text):
            s, e = m.span()
            if any(a < e and s < b for a, b in occupied):
                continue
            out.append(Candidate(s, e, c.type, form, "acronym.use", alias_of=c.alias_of))
            occupied.append((s, e))
    return out


# --------------------------------------------------------------------------- all together


_PRIORITY = {"gazetteer": 0, "theme.quoted": 0, "byline": 1, "photo-credit": 1, "dateline.publisher": 1,
             "metadata": 1, "acronym.defined": 2, "acronym.translation": 2, "place.venue": 2}
_NESTABLE = ("Programme", "Document")


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (programmes and documents may nest)."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), _PRIORITY.get(c.rule, 3), c.start, c.type))
    kept: list[Candidate] = []
    starts: list[tuple[int, int]] = []     # (start, index in kept), sorted: only kept candidates
    widest = 0                             # starting less than `widest` before c can overlap it
    for c in order:
        clash = False
        lo = bisect.bisect_left(starts, (c.start - widest, -1))
        hi = bisect.bisect_left(starts, (c.end, -1))
        for _, i in starts[lo:hi]:
            k = kept[i]
            if k.start < c.end and c.start < k.end:
                nested = (c.type in _NESTABLE and k.type in _NESTABLE and k.start <= c.start and c.end <= k.end
                          and c.text.split()[0].lower() != k.text.split()[0].lower())
                if not nested:
                    clash = True
                    break
        if not clash:
            bisect.insort(starts, (c.start, len(kept)))
            kept.append(c)
            widest = max(widest, c.end - c.start)
    return sorted(kept, key=lambda c: (c.start, c.end))


#: A known title followed by more title words names a longer, different title
#: ("Vientiane Declaration on Green Jobs …" is not the "Vientiane Declaration").
_TITLE_GOES_ON = re.compile(r"\s+(?:on|tentang|for|untuk|about|mengenai|of|bagi)\s+(?:the\s+|a\s+)?[A-Z]")
_GOVERNMENT = re.compile(r"(?:\b[Pp]emerintah(?:an)?|\b[Gg]overnment\s+of(?:\s+the)?)\s+$")


def find_candidates(doc: Doc, gazetteer: Gazetteer, article_text: str | None = None,
                    publisher: str | None = None, authors: tuple[str, ...] = ()) -> list[Candidate]:
    """Every entity mention in ``doc`` (the article body), overlaps resolved, keys resolved."""
    text = doc.text
    gaz = [c for c in gazetteer_matches(doc, gazetteer) if c.type not in ("Series", "Event")
           and not (c.type in ("Programme", "Document") and _TITLE_GOES_ON.match(text, c.end))]
    themes = theme_candidates(text)
    chrome = chrome_candidates(article_text if article_text is not None else text, publisher, authors)
    from labourgraph.dates import WEEKDAYS
    places = place_candidates(text, gaz, set(WEEKDAYS)) + caps_dateline_places(text, gaz)
    honorific = context_person_candidates(text, [(c.start, c.end) for c in gaz])
    listed = listed_acronym_candidates(text)
    others = themes + chrome + places + honorific + listed + lowercase_programme_candidates(text) + ngo_candidates(text)
    rules = rule_candidates(doc, gaz) + lowercase_title_candidates(text)
    rules += nested_title_candidates(text, rules)
    first = _select(others + gaz + rules)
    # second pass: short forms the article defines ("… (Kemnaker)", "… (ITUC AP)") are known
    # names when the chunks are cut again ("Kepala Biro Kerja Sama Kemnaker Purwanti …")
    defined = [a for a in acronym_links(text, first) if a.rule == "acronym.defined"]
    if defined:
        gaz_spans = [(c.start, c.end) for c in gaz]
        known = [a for a in defined if not any(x < a.end and a.start < y for x, y in gaz_spans)]
        known += acronym_uses(text, known, gaz_spans + [(a.start, a.end) for a in known])
        rules = rule_candidates(doc, sorted(gaz + known, key=lambda c: c.start)) + lowercase_title_candidates(text)
        rules += nested_title_candidates(text, rules)
        first = _select(others + gaz + rules)
    acr = acronym_links(text, first)
    # an acronym the gazetteer knows links its long form to the reference entity
    gaz_at = {(c.start, c.end): c for c in first if c.rule == "gazetteer"}
    for a in acr:
        g = gaz_at.get((a.start, a.end))
        if g is not None and a.alias_of is not None and a.alias_of.rule != "gazetteer":
            a.alias_of.keys = g.keys
            a.alias_of.type = g.type
    acr = [a for a in acr if (a.start, a.end) not in gaz_at]
    chosen = _select(first + acr)
    taken = [(c.start, c.end) for c in chosen]
    uses = acronym_uses(text, [a for a in acr if a.rule == "acronym.defined"], taken)
    chosen = _select(chosen + uses)
    persons = [c for c in chosen if c.type == "Person" and c.alias_of is None]
    shorts = short_name_candidates(doc, persons, [(c.start, c.end) for c in chosen])
    chosen = _select(chosen + shorts)
    link_partial_names(chosen)
    link_alternative_names(text, chosen)
    # "Pemerintah Indonesia": the government form is another name of the country
    for c in chosen:
        if c.type == "Country":
            m = _GOVERNMENT.search(text, max(0, c.start - 30), c.start)
            if m:
                c.start = m.start()
                c.text = text[c.start:c.end]
    chosen = _regional_seats(text, chosen)
    chosen = _split_coordinated_titles(chosen)
    # a "person" named exactly as a country or a place ("Menteri ASEAN-Jepang") is that place
    for c in chosen:
        if c.type == "Person" and c.rule != "gazetteer":
            refs = [gazetteer.get(k) for k in gazetteer.candidates(c.text)]
            places = [r for r in refs if r is not None and r.type in ("Country", "Place")]
            if places:
                c.type, c.keys = places[0].type, [places[0].key]
    projects = {fold(c.text) for c in chosen if c.type == "Organization" and c.rule.startswith(("chunk", "ngo"))
                and _SET_UP_AS_PROJECT.match(text, c.end)}
    for c in chosen:
        if c.type == "Organization" and not c.keys and fold(_root(c).text) in projects:
            c.type = "Programme"    # "Jaringan … dibentuk sebagai proyek": a network set up as a project
    _resolve_keys(chosen, gazetteer)
    return chosen


def _title_kind(words: list[str]) -> str | None:
    """"Document" or "Programme" by the title head among ``words`` (folded), else None."""
    for heads, kind in ((lx.DOCUMENT_HEADS, "Document"), (lx.PROGRAMME_HEADS, "Programme")):
        for head in heads:
            n = len(head)
            if any(tuple(words[i:i + n]) == head for i in range(len(words) - n + 1)):
                return kind
    return None


_COORDINATION = re.compile(r"\s+(?:and|dan|serta|as\s+well\s+as)\s+(?:the\s+)?(?=[A-Z])")


def _split_coordinated_titles(cands: list[Candidate]) -> list[Candidate]:
    """"the ASEAN Guidelines on X and the Vientiane Joint Statement on Y": two titles, when
    each side of "and/dan" has a title head of its own."""
    out = []
    for c in cands:
        if c.type not in ("Document", "Programme", "Organization") or c.keys or c.alias_of is not None:
            out.append(c)
            continue
        parts, pos = [], 0
        for m in _COORDINATION.finditer(c.text):
            left, right = c.text[pos:m.start()], c.text[m.end():]
            if c.type == "Organization":
                # "the Employers' Federation of X and the Association of Y": two bodies
                if re.search(r"\bthe\s+$", m.group(0)) and any(w in lx.ORG_HEADS for w in fold(left).split()) \
                        and any(w in lx.ORG_HEADS for w in fold(right).split()):
                    parts.append((pos, m.start()))
                    pos = m.end()
                continue
            if _title_kind(fold(left).split()) and _title_kind(fold(right).split()):
                parts.append((pos, m.start()))
                pos = m.end()
        if not parts:
            out.append(c)
            continue
        parts.append((pos, len(c.text)))
        for a, b in parts:
            piece = c.text[a:b]
            kind = c.type if c.type == "Organization" else (_title_kind(fold(piece).split()) or c.type)
            out.append(Candidate(c.start + a, c.start + b, kind, piece, c.rule + ".split"))
    return sorted(out, key=lambda x: (x.start, x.end))


_SET_UP_AS_PROJECT = re.compile(
    r"\s*(?:\(\s*[A-Z][\w-]{1,10}\s*\)\s*)?(?:yang\s+|which\s+|that\s+)?(?:(?:was|is|will\s+be|akan|telah)\s+)?"
    r"(?:dibentuk|didirikan|diluncurkan|dirancang|set\s+up|established|launched|designed)\s+(?:sebagai|as)\s+"
    r"(?:a\s+|an\s+|sebuah\s+)?(?:\w+\s+)?(?:proyek|program|project|programme|pilot)\b", re.I)


_ABBR_BETWEEN = re.compile(r"[ \t]*(?:\(\s*[A-Z][\w-]{1,10}\s*\)[ \t]*)?(?:(?:Provinsi|Kabupaten|Kota)[ \t]+)?")


def _regional_seats(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A regional office or training institution takes the place after it into its name:
    "Balai Latihan Kerja (BLK) | Sidoarjo", "BLK | Serang"; "Pemerintah Provinsi Jawa Tengah"
    is the provincial government (an organisation), not the province."""
    places = {c.start: c for c in cands if c.type == "Place"}
    dropped: set[int] = set()
    for c in cands:
        if c.type != "Organization" or id(c) in dropped:
            continue
        head = _root(c).text.split()[0].lower() if _root(c).text.split() else ""
        if head not in lx.REGIONAL_HEADS and c.text.split()[0].lower() not in lx.REGIONAL_HEADS:
            continue
        m = _ABBR_BETWEEN.match(text, c.end)
        seat = places.get(m.end())
        if seat is None or m.end() == c.end:
            continue
        c.end = seat.end
        c.text = text[c.start:c.end]
        dropped.add(id(seat))
    for c in cands:
        if c.type == "Place" and re.match(r"(?:Provinsi|Kabupaten|Kota)\s", c.text):
            g = re.search(r"\b[Pp]emerintah\s+$", text[max(0, c.start - 12):c.start])
            if g:
                c.start = c.start - len(g.group(0))
                c.text = text[c.start:c.end]
                c.type, c.keys, c.key, c.rule = "Organization", [], None, "regional-government"
    return [c for c in cands if id(c) not in dropped]


def _resolve_keys(cands: list[Candidate], gazetteer: Gazetteer) -> None:
    countries = [c for c in cands if c.type == "Country" and len(c.keys) == 1]
    freq: dict[str, int] = {}
    for c in countries:
        freq[c.keys[0]] = freq.get(c.keys[0], 0) + 1
    article_countries = sorted(freq, key=lambda k: (-freq[k], k))
    # the countries within 400 characters, nearest first (ties in article order), found by
    # position rather than by sorting every country for every candidate
    by_start = sorted(range(len(countries)), key=lambda i: countries[i].start)
    starts = [countries[i].start for i in by_start]
    for c in cands:
        if not c.keys:
            continue
        keys = [k for k in c.keys if gazetteer.get(k) and gazetteer.get(k).type not in ("Series", "Event")] or c.keys
        window = by_start[bisect.bisect_right(starts, c.start - 400):bisect.bisect_left(starts, c.start + 400)]
        nearby = sorted(window, key=lambda i: (abs(countries[i].start - c.start), i))
        nearby_keys = list(dict.fromkeys(countries[i].keys[0] for i in nearby))
        c.key = gazetteer.resolve(keys, nearby_keys, article_countries)
        ref = gazetteer.get(c.key)
        if ref is not None and ref.type in KEY_KINDS:
            c.type = ref.type


def _root(c: Candidate) -> Candidate:
    seen = set()
    while c.alias_of is not None and id(c) not in seen:
        seen.add(id(c))
        c = c.alias_of
    return c


def _label_order(surface: str) -> tuple:
    return (len(surface.split()), not surface.isupper(), not surface.islower(), len(surface), surface)


def build_entities(cands: list[Candidate], gazetteer: Gazetteer) -> list[Entity]:
    """Cluster mentions into entities: one per reference key, else per (type, folded name)."""
    groups: dict[tuple, list[Candidate]] = {}
    group_of: dict[int, tuple] = {}
    for c in sorted(cands, key=lambda c: (c.alias_of is not None, c.start)):
        root = _root(c)
        if root.key is None and root.keys:
            root.key = root.keys[0]
        if root.key:
            gk = ("ref", root.key)
        elif id(root) in group_of:
            gk = group_of[id(root)]
        else:
            gk = (root.type, fold(" ".join(root.text.split())))
        group_of[id(root)] = gk
        group_of[id(c)] = gk
        groups.setdefault(gk, []).append(c)
    entities = []
    for gk, members in groups.items():
        members = sorted(members, key=lambda c: (c.start, c.end))
        surfaces = list(dict.fromkeys(" ".join(m.text.split()) for m in members))
        ref = gazetteer.get(gk[1]) if gk[0] == "ref" else None
        etype = ref.type if ref is not None else _root(members[0]).type
        if etype not in KEY_KINDS:
            continue
        if etype == "Country":
            counts = {s: sum(1 for m in members if " ".join(m.text.split()) == s) for s in surfaces}
            plain = [s for s in surfaces if not _GOVERNMENT.search(s + " ") and not s.lower().startswith(("pemerintah", "government"))]
            label = sorted(plain or surfaces, key=lambda s: (-counts[s], surfaces.index(s)))[0]
        else:
            # "Kementerian Ketenagakerjaan (Kemnaker)" is labelled without its bracketed short form
            plain = list(dict.fromkeys(re.sub(r"\s*\(\s*[^()\s]{2,12}\s*\)$", "", s) for s in surfaces))
            named = [s for s in plain if s[:1].isupper() or s[:1].isdigit()] if ref is not None else []
            if ref is not None:     # the reference's own name when the article uses it ("ASEAN", not "ASEAN member states")
                prefs = {fold(p) for p in [ref.label, *ref.prefs]}
                named = [s for s in named if fold(s) in prefs] or named
            label = sorted(named or plain, key=_label_order)[-1]
        if ref is not None:
            key = ref.key
        else:
            key = f"{KEY_KINDS[etype]}-{slug(label)}"
        aliases = [s for s in surfaces if s != label]
        if etype in ("Person", "Place") and label.isupper() and len(label) > 3 and label.title() not in aliases:
            aliases.append(label.title())       # an all-caps dateline or byline also in normal case
        ent = Entity(key=key, label=label, type=etype, aliases=aliases,
                     mentions=[Span(m.start, m.end, m.text) for m in members], reference=ref is not None,
                     rule=_root(members[0]).rule)
        if etype == "Organization" and any(m.unit for m in members):
            ent.classes.append("org:OrganizationalUnit")
        entities.append(ent)
    # an unknown organisation named by the tail of another's name is that one
    # ("Affairs Department" after "General Affairs Department")
    by_label = sorted((e for e in entities if e.type == "Organization" and not e.reference),
                      key=lambda e: -len(e.label))
    for short in by_label:
        fs = fold(short.label)
        if len(fs.split()) < 2:
            continue
        for long_ in by_label:
            if long_ is not short and fold(long_.label).endswith(" " + fs):
                short.key = long_.key
                break
    # a programme or document named by fewer words of another's title (same first word,
    # same years, or no years and the start of the title) is that one:
    # "Deklarasi ASEAN" ⊂ "Deklarasi ASEAN tentang …", "program kerja X" < "Program Kerja X tahun 2021-2025"
    titles = sorted((e for e in entities if e.type in ("Programme", "Document")), key=lambda e: -len(e.label))
    for short in titles:
        sw = fold(short.label).split()
        if len(sw) < 2 or short.reference:
            continue
        for long_ in titles:
            lw = fold(long_.label).split()
            if long_ is short or long_.type != short.type or len(lw) <= len(sw) or lw[0] != sw[0]:
                continue
            same_years = re.findall(r"\d+", short.label) == re.findall(r"\d+", long_.label)
            undated_prefix = not re.search(r"\d", short.label) and lw[:len(sw)] == sw
            if (set(sw) <= set(lw) and same_years) or undated_prefix:
                short.key = long_.key
                break
    # two unknown entities with one key (same slug) are one entity
    merged: dict[str, Entity] = {}
    for e in sorted(entities, key=lambda e: (-len(e.label), e.mentions[0].start)):
        if e.key in merged:
            m = merged[e.key]
            m.mentions = sorted(m.mentions + e.mentions)
            for s in [e.label, *e.aliases]:
                if s != m.label and s not in m.aliases:
                    m.aliases.append(s)
        else:
            merged[e.key] = e
    return sorted(merged.values(), key=lambda e: (e.mentions[0].start, e.key))
