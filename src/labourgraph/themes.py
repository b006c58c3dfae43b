"""Labour themes an article discusses, from the SKOS scheme ``lgc:themes``.

The triggers are the labels of each theme concept in ``ontology/schemes.ttl`` (prefLabel,
altLabel and hiddenLabel, Indonesian and English). Matching folds case and accents, reads
a reduplicated plural as its base word ("hak-hak pekerja" = "hak pekerja"), and keeps
acronyms ("K3", "SDM", "OSH") case-sensitive, and reads "kerja sama" as cooperation. A
theme is listed when a trigger occurs in the article's running text -- not only in a
headline, a person's or a ministry's name ("Kementerian Ketenagakerjaan", "Minister of
Labour and Vocational Training") -- or when such names spell it out twice or more; names of
declarations, programmes and meetings do count. Domain-wide words ("ketenagakerjaan",
"kerja sama regional") count only when the article keeps returning to them. Where triggers
of two themes overlap, the longest match wins, but a trigger that heads the longer phrase
counts too ("hak-hak pekerja" in "hak-hak pekerja migran"), as do two phrases that only
share a word ("pelindungan pekerja rentan") and a label listed under two themes ("collective
bargaining"). Broad themes that also occur in passing (employment, productivity, human
resources development, informal employment) need two mentions or a sentence about them.

Each :class:`ThemeMention` says who prioritises the theme when the sentence says so: the
speaker or the grammatical subject of a sentence with a priority cue ("menekankan
pentingnya", "prioritas", "fokus", "emphasised", "priorities"), with the rank of a
"Pertama, ... Kedua, ..." list and a period ("2020-2022") when one is stated.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from labourgraph.gazetteer import is_case_sensitive, reader
from labourgraph.records import Entity, Evidence, Span, ThemeMention

SCHEME_FILE = "schemes.ttl"

#: Words that mark a stated priority, commitment or focus in the sentence.
_PRIORITY = re.compile(
    r"\b(?:priorit\w*|fokus|focus\w*|menekankan|ditekankan|pentingnya|mengutamakan|menyasar|"
    r"emphasi[sz]\w*|stress(?:ed|es)|pointed\s+to|critical\s+need|key\s+areas?|focal\s+points?|"
    r"menjadi\s+kunci|bagian\s+penting|agenda\s+kerja)\b", re.I)
#: Entities that are not actors: the publisher and the authors of the page.
_NOT_ACTORS = ("dateline.publisher", "metadata", "byline", "caption")
_ORDINAL_MARK = re.compile(r"^\W*(pertama|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan|kesepuluh"
                           r"|first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?)\b\s*,", re.I)
_RANKS = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6, "ketujuh": 7,
          "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10, "first": 1, "firstly": 1, "second": 2, "secondly": 2,
          "third": 3, "thirdly": 3, "fourth": 4, "fourthly": 4, "fifth": 5, "fifthly": 5}
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\b")
_SPEECH = re.compile(r"\b(?:ujar|kata|tegas|jelas|ungkap|tambah|papar|tutup|sebut|terang|imbuh)(?:nya)?\b|"
                     r"\b(?:menyampaikan|mengatakan|menjelaskan|menekankan|menegaskan|menyatakan|menyebut|said|says|"
                     r"emphasi[sz]ed|stressed|noted|added|pointed)\b", re.I)
#: Names whose words do not make the article about a theme: people, and ministries (whose
#: portfolio words -- "Ketenagakerjaan", "Vocational Training" -- name an office, not a topic).
_NAME_TYPES = ("Organization", "Person")
_OFFICE_HEADS = re.compile(r"^(?:kementerian|kemeterian|ministry|minister|menteri|departemen|department|dinas|"
                           r"direktorat|directorate|biro|bureau|kantor|office)\b", re.I)
#: Domain-wide words that name the field rather than a theme in it: they count only when
#: an article keeps coming back to them (three times or more outside names).
GENERIC_TRIGGERS = frozenset({"ketenagakerjaan", "kerja sama regional", "kerja sama internasional", "produktif",
                              "berdaya saing", "pay", "peningkatan kapasitas", "integrasi ekonomi"})
_GENERIC_MIN = 3
#: Themes whose words also occur in passing ("employment figures", "productivity gains",
#: "SDM unggul", "sektor informal"):
#: listed only when discussed -- two mentions, or one in a sentence about it.
DISCUSSED_ONLY = frozenset({"theme-employment", "theme-productivity", "theme-human-resources-development",
                            "theme-informal-employment"})
#: Words that make a sentence about the topic that follows them.
_TOPIC_CUE = re.compile(
    r"\b(?:membahas|dibahas|pembahasan|mendiskusikan|didiskusikan|discuss\w*|isu|issues?|topik|topics?|tema|themes?|"
    r"agenda|address(?:ed|es|ing)?|tackl\w+|fokus|focus\w*|priorit\w*|menekankan|emphasi[sz]\w*|"
    r"meningkatkan|peningkatan|improv\w+|boost\w*|promot\w+|mendorong|memperluas|perluasan|menciptakan|"
    r"penciptaan|creat\w+|strategi\w*|strateg(?:y|ies)|kebijakan|polic(?:y|ies)|program\w*|upaya|efforts?|"
    r"memperkuat|penguatan|strengthen\w*|mewujudkan|menjamin|memastikan|ensur\w+|mencapai|achiev\w+|enhanc\w+|"
    r"expand\w*|mengembangkan|pengembangan|develop\w*|mengurangi|menurunkan|reduc\w+|tantangan|challenges?)\b", re.I)


@dataclass(frozen=True)
class Concept:
    """A theme concept: its key (``theme-...``), English label and trigger labels."""

    key: str
    label: str
    triggers: tuple[str, ...]
    broader: str | None = None


def _fold_keep_length(text: str) -> str:
    """Lower case without accents, one character for one (offsets stay valid)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)) or ch
        out.append(base[0] if len(base) >= 1 else ch)
    return "".join(out).replace("’", "'").lower()


@cache
def load_concepts(path: str | None = None) -> tuple[Concept, ...]:
    """The theme concepts of ``lgc:themes`` (from ``ontology/schemes.ttl`` unless ``path``)."""
    if path is None:
        from labourgraph.resources import ontology_file
        try:
            file = ontology_file(SCHEME_FILE)
        except FileNotFoundError:
            return ()
    else:
        file = Path(path)
    if not file.is_file():
        return ()
    return tuple(reader("theme_concepts")(file))


def _trigger_pattern(label: str) -> re.Pattern:
    return re.compile(_trigger_source(label))


def _trigger_first(label: str) -> str:
    """The text every match of the label's pattern starts with (its first word's base)."""
    words = (label if is_case_sensitive(label) else _fold_keep_length(label)).split()
    m = re.fullmatch(r"([\w']+)-\1", words[0])
    return m.group(1) if m else words[0]


def _trigger_source(label: str) -> str:
    sensitive = is_case_sensitive(label)
    words = (label if sensitive else _fold_keep_length(label)).split()
    parts = []
    for i, w in enumerate(words):
        # a reduplicated plural matches its base and vice versa: "hak-hak" ~ "hak"
        m = re.fullmatch(r"([\w']+)-\1", w)
        base = m.group(1) if m else w
        part = r"(?:" + re.escape(base) + r"-)?" + re.escape(base)
        if i and not sensitive:
            # plural markers between words: "hak kaum pekerja", "kualitas hidup para pekerja"
            part = r"(?:(?:para|kaum)\s+)?" + part
        parts.append(part)
    if len(parts) >= 2 and not sensitive:
        # a conjunct between the words shares them: "kesejahteraan dan keterampilan tenaga kerja"
        # (welfare of workers), "workers' rights and welfare" (workers' welfare)
        body = parts[0] + r"(?:[\s/]+|\s+(?:dan|and|serta|&)\s+[\w'’-]+\s+|\s+[\w'’-]+\s+(?:dan|and|serta|&)\s+)" \
            + r"[\s/]+".join(parts[1:])
    else:
        body = r"[\s/]+".join(parts)
    # "hubungan kerja sama" is cooperation, not "hubungan kerja" (employment relations)
    tail = r"(?!\s+sama\b)" if words[-1] == "kerja" else ""
    return r"(?<![\w-])" + body + r"(?![\w]|-\w)" + tail


@cache
def _matchers(concepts: tuple[Concept, ...]) -> list[tuple[str, str, bool, str, int]]:
    """Per trigger: the text its matches start with, its pattern's source, whether it is
    case-sensitive, the theme, the label's length. Patterns are compiled when a sentence
    holds their first text (compiling all 550 costs half a second; running them all on
    every sentence dominated theme finding)."""
    out = []
    for c in concepts:
        for label in c.triggers:
            if len(label) < 2:
                continue
            out.append((_trigger_first(label), _trigger_source(label), is_case_sensitive(label), c.key, len(label)))
    return out


_COMPILED: dict[str, re.Pattern] = {}


def _compiled(source: str) -> re.Pattern:
    pattern = _COMPILED.get(source)
    if pattern is None:
        pattern = _COMPILED[source] = re.compile(source)
    return pattern


@dataclass
class _Hit:
    start: int
    end: int
    theme: str
    in_name: bool
    generic: bool = False


def _title_cased(text: str, start: int, end: int) -> bool:
    """A multiword match written In Title Case inside a sentence is part of a name
    ("Minister of Labour and Vocational Training")."""
    words = text[start:end].split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words if w.lower() not in ("and", "of", "dan")):
        return False
    before = text[:start].rstrip()
    if not before or before[-1] in ".:!?\"“":
        return False
    prev = before.split()[-1]
    line = text[text.rfind("\n", 0, start) + 1:]
    line = line[:line.find("\n")] if "\n" in line else line
    caps = [w for w in line.split() if w[:1].isalpha()]
    headline = caps and sum(w[:1].isupper() for w in caps) >= 0.7 * len(caps)
    return not headline and (prev[:1].isupper() or prev.lower() in ("of", "and", "dan", "for", "on"))


def _hits(text: str, concepts: tuple[Concept, ...], name_spans: list[tuple[int, int]]) -> list[_Hit]:
    folded = _fold_keep_length(text)
    raw: list[tuple[int, int, str]] = []
    conjuncts: list[tuple[int, int, str]] = []      # shared words: they overrule no other match
    for first, source, sensitive, key, _n in _matchers(concepts):
        target = text if sensitive else folded
        if first not in target:
            continue            # every match starts with `first`
        for m in _compiled(source).finditer(target):
            span = text[m.start():m.end()]
            if re.search(r"\s(?:dan|and|serta|&)\s", span):
                if not any(w[:1].isupper() for w in span.split()):   # not inside a name ("Pekerja Informal dan Migran")
                    conjuncts.append((m.start(), m.end(), key))
                continue
            raw.append((m.start(), m.end(), key))
    # the longest match wins where triggers of different themes overlap, except that the head
    # of a longer phrase still counts ("hak-hak pekerja" in "hak-hak pekerja migran")
    raw.sort(key=lambda h: (-(h[1] - h[0]), h[0], h[2]))
    kept: list[tuple[int, int, str]] = []
    for h in raw:
        # ... and two phrases that only share a word both count ("pelindungan pekerja rentan":
        # workers' protection and vulnerable workers)
        if any(h[0] < k[1] and k[0] < h[1] and k[2] != h[2] and not (h[0] == k[0] and h[1] <= k[1])
               and k[0] <= h[0] and h[1] <= k[1] for k in kept):
            continue
        if any(h[0] >= k[0] and h[1] <= k[1] and k[2] == h[2] for k in kept):
            continue
        kept.append(h)
    kept += [c for c in conjuncts if not any(c[2] == k[2] and c[0] < k[1] and k[0] < c[1] for k in kept)]
    out = []
    for s, e, k in sorted(kept):
        in_name = any(a <= s and e <= b for a, b in name_spans) or _title_cased(text, s, e)
        out.append(_Hit(s, e, k, in_name, _fold_keep_length(text[s:e]) in GENERIC_TRIGGERS))
    return out


def find_themes(article, sentences: list[Span], entities: list[Entity],
                concepts: tuple[Concept, ...] | None = None) -> list[ThemeMention]:
    """The themes the article discusses, one :class:`ThemeMention` per theme and actor."""
    concepts = concepts if concepts is not None else load_concepts()
    if not concepts:
        return []
    by_key = {c.key: c for c in concepts}
    name_spans = sorted((m.start, m.end) for e in entities if e.type in _NAME_TYPES for m in e.mentions
                        if e.type == "Person" or _OFFICE_HEADS.match(m.text.strip()))
    index = sorted((m.start, m.end, e.key, e.type) for e in entities for m in e.mentions
                   if e.rule not in _NOT_ACTORS)
    body = article.body
    counts: dict[str, list[tuple[Span, _Hit]]] = {}
    headlines = _headlines(body, sentences)
    for sent in sentences:
        for hit in _hits(body[sent.start:sent.end], concepts, [(a - sent.start, b - sent.start)
                                                                for a, b in name_spans if sent.start <= a < sent.end]):
            if sent in headlines:
                hit.in_name = True        # a headline names the story; the body must discuss it
            counts.setdefault(hit.theme, []).append((sent, hit))
    out: list[ThemeMention] = []
    rank_state: dict[int, int | None] = _ranks(sentences)
    list_actors = _list_actors(body, sentences, rank_state, index)
    list_periods = _list_periods(sentences, rank_state)
    for key in sorted(counts):
        occurrences = counts[key]
        free = [(s, h) for s, h in occurrences if not h.in_name]
        specific = [(s, h) for s, h in free if not h.generic]
        if not specific and len(free) < _GENERIC_MIN:
            free = []
        if not free and len(occurrences) < 2:
            continue
        if not free and all(h.generic for _s, h in occurrences):
            continue
        if key in DISCUSSED_ONLY and free and len(free) < 2 and not _about(free[0][0], free[0][1]):
            continue          # a word in passing, not a topic of the article
        chosen = free or occurrences
        concept = by_key[key]
        first_sent = chosen[0][0]
        confidence = 0.8 if free else 0.5
        out.append(ThemeMention(theme=key, label=concept.label,
                                evidence=Evidence(first_sent, "theme.trigger" if free else "theme.trigger-in-name",
                                                  confidence)))
        # stated priorities: one mention per actor
        actors: dict[str | None, ThemeMention] = {}
        for sent, hit in chosen:
            ranked = rank_state.get(sent.start) is not None
            if not ranked and not _PRIORITY.search(sent.text):
                continue
            actor = _actor(body, sent, index, sentences)
            if actor is None and ranked:
                actor = list_actors.get(sent.start)
            if actor is None or actor in actors:
                continue
            period = _period(sent, sentences)
            if period is None and ranked:
                period = list_periods.get(sent.start)
            actors[actor] = ThemeMention(theme=key, label=concept.label,
                                         evidence=Evidence(sent, "theme.priority", 0.6),
                                         actor=actor, rank=rank_state.get(sent.start), period=period)
        out.extend(actors[a] for a in sorted(actors, key=str))
    return out


def _about(sent: Span, hit: _Hit) -> bool:
    """Whether the sentence is about the theme ``hit`` names: a topic, priority or policy word
    ("membahas", "meningkatkan", "strategi", "focus") in the clause before the trigger."""
    lead = sent.text[:hit.start]
    lead = re.split(r"[;:]|,\s+(?:but|while|sedangkan|namun)\b", lead)[-1]
    return bool(_TOPIC_CUE.search(lead[-120:]))


def _headlines(body: str, sentences: list[Span]) -> set[Span]:
    """Headline-like lines: a short line of its own, without a full stop, In Title Case."""
    out = set()
    for sent in sentences:
        line_start = body.rfind("\n", 0, sent.start) + 1
        line_end = body.find("\n", sent.end)
        line = body[line_start:line_end if line_end >= 0 else len(body)].strip()
        if line != sent.text.strip() or len(line) > 160 or line.endswith((".", "!", "?", "”", '"', ",")):
            continue
        words = [w for w in line.split() if w[:1].isalpha()]
        if words and sum(w[:1].isupper() for w in words) >= 0.6 * len(words):
            out.add(sent)
    return out


def _ranks(sentences: list[Span]) -> dict[int, int | None]:
    """Rank of each sentence in a "Pertama, ... Kedua, ..." list (carried to the sentences
    that follow a marker until the next marker or the end of the paragraph)."""
    out: dict[int, int | None] = {}
    current, since = None, 0
    for s in sentences:
        m = _ORDINAL_MARK.match(s.text)
        if m:
            current, since = _RANKS[m.group(1).lower()], 0
        else:
            since += 1
            if since > 2:
                current = None
        out[s.start] = current
    return out


def _list_actors(body: str, sentences: list[Span], ranks: dict[int, int | None], index) -> dict[int, str]:
    """The actor of each ranked sentence: the actor of the sentence that introduces the list
    (the nearest sentence before "Pertama," that names one)."""
    out: dict[int, str] = {}
    actor = None
    for i, s in enumerate(sentences):
        if ranks.get(s.start) == 1 and (i == 0 or ranks.get(sentences[i - 1].start) is None):
            actor = None
            for prev in reversed(sentences[max(0, i - 3):i]):
                actor = _actor(body, prev, index, sentences)
                if actor:
                    break
        if ranks.get(s.start) is not None and actor:
            out[s.start] = actor
    return out


def _list_periods(sentences: list[Span], ranks: dict[int, int | None]) -> dict[int, str]:
    """The period of each ranked sentence: the last period stated before its list began."""
    out: dict[int, str] = {}
    period = None
    for i, s in enumerate(sentences):
        if ranks.get(s.start) == 1 and (i == 0 or ranks.get(sentences[i - 1].start) is None):
            period = None
            for prev in reversed(sentences[max(0, i - 6):i]):
                period = _period(prev, sentences)
                if period:
                    break
        if ranks.get(s.start) is not None and period:
            out[s.start] = period
    return out


def _period(sent: Span, sentences: list[Span]) -> str | None:
    m = _PERIOD.search(sent.text)
    if m and int(m.group(2)) > int(m.group(1)):
        return f"{m.group(1)}/{m.group(2)}"
    return None


def _actor(body: str, sent: Span, index, sentences: list[Span]) -> str | None:
    """Who states or holds the priority: the speaker named with a speech verb, else the
    first agent (country, organisation, person) in the sentence."""
    inside = [(s, e, k, t) for s, e, k, t in index if sent.start <= s < sent.end
              and t in ("Person", "Country", "Organization")]
    for s, e, k, t in inside:
        if t != "Person":
            continue
        near = body[max(sent.start, s - 25):s] + " " + body[e:min(sent.end, e + 25)]
        if _SPEECH.search(near):
            return k
    # the grammatical subject: an agent opening the sentence ("Indonesia ...", "Menurut X, ...")
    lead = re.match(r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s*(?:\([^)]{1,30}\))?\s*[-–—|]\s+)?"   # dateline
                    r"[\s\"“'‘(]*(?:(?:sebagai|selaku|as)\s+[^,]{0,80},\s*)?"
                    r"(?:(?:menurut|according\s+to|selain\s+itu|sementara\s+itu|dalam\s+\w+\s+ini)"
                    r",?\s+)?(?:(?:the|pemerintah|government\s+of|delegasi|sekjen|sekretaris\s+jenderal|"
                    r"menteri|minister)\s+)*", sent.text, re.I)
    start = sent.start + (lead.end() if lead else 0)
    for s, e, k, t in inside:
        if start <= s <= start + 40 and not re.search(r"[,;:]", body[start:s]):
            return k
    return None
