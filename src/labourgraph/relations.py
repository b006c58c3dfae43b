"""Binary facts between entities (and entity -> theme), read sentence by sentence.

Each rule is a cue phrase and where its two ends sit around it; a relation keeps the sentence
and the rule id as evidence. Predicates are those of ``docs/model.md``:

=================  ==========================================================================
rule               example
=================  ==========================================================================
event.*            the host, chair, organiser, participants and place of each event
located-in         "Siem Reap, Kamboja", "kota Bekasi, Jawa Barat"
part-of            "Biro Kerja Sama Kemnaker", "Departemen ... ( Kementerian Dalam Negeri )"
member-of          "bergabung kembali di ASEAN TUC", "aksesi Vietnam ke ASEAN"
initiated          "dokumen yang diinisiasi oleh Pemerintah Indonesia", "Kemnaker menginisiasi ..."
drafts             "Kemnaker dan BNSP ... berperan aktif dalam penyusunan Panduan ..."
presents           "yang dipresentasikan oleh Sekretariat ASEAN, menguraikan Rencana ..."
chairs / willChair "Indonesia ... menjabat sebagai Ketua ASEAN ... periode 2020-2022";
                   "kepemimpinan Vietnam dalam ... OSHNET pada tahun 2026" (planned)
reports-to         "hasil ... SLOM ... akan dibawa ke KTT ASEAN ke-47", "akan dilaporkan kepada"
signs / plans      "menandatangani nota kesepahaman (MoU) ... dengan KSPSI" (planned when future)
supports,          "mendukung", "implementasi"/"melaksanakan" + a programme or document
implements
adopts, adoptedAt  "Mereka juga mengesahkan Program Kerja ..., rencana kerja ...", "X was adopted at
                   the 26th ALMM": who adopted which works, and at which meeting
represents         "X mewakili Y", "Y diwakili oleh X", "X, head of the Y delegation"
prioritises        a theme an actor states as a priority (from :mod:`labourgraph.themes`)
=================  ==========================================================================
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from labourgraph import dates
from labourgraph.records import Entity, Event, Evidence, Relation, Span, ThemeMention

AGENTS = ("Country", "Organization", "Person")
WORKS = ("Programme", "Document")
_UNIT_HEAD = re.compile(r"^(?:biro|direktorat|departemen|department|bureau|directorate|divisi|division|bagian|"
                        r"sekretariat\s+jenderal|direktorat\s+jenderal|federasi|pusat|unit)\b", re.I)
_FUTURE = re.compile(r"\b(?:akan|dijadwalkan|berencana|rencana|mendatang|mempersiapkan|persiapan|tahun\s+depan|"
                     r"upcoming|will|plans?|planned|next\s+year|looking\s+ahead)\b", re.I)
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b(?:pada\s+)?(?:tahun\s+)((?:19|20)\d\d)\b|\bin\s+((?:19|20)\d\d)\b|\bfor\s+((?:19|20)\d\d)\b")


class _Index:
    """Entity mentions of one article, by position."""

    def __init__(self, entities: list[Entity]):
        self.items = sorted((m.start, m.end, e.key, e.type) for e in entities for m in e.mentions)
        self._starts = [x[0] for x in self.items]
        self.types = {e.key: e.type for e in entities}
        self.employer: dict[str, str] = {}
        self.labels = {e.key: e.label for e in entities}

    def within(self, start: int, end: int, types=AGENTS) -> list[tuple[int, int, str, str]]:
        # items are sorted by start: only those starting in [start, end] can lie within it.
        items = self.items
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [x for x in items[lo:hi] if x[1] <= end and x[3] in types]


def _evidence(sent: Span, rule: str, confidence: float = 0.7) -> Evidence:
    return Evidence(sent, rule, confidence)


def find_relations(article, sentences: list[Span], entities: list[Entity], events: list[Event],
                   themes: list[ThemeMention] | None = None, published: str | None = None,
                   roles: list | None = None) -> list[Relation]:
    """Every relation the rules read in the article, de-duplicated and sorted.

    ``roles`` (the article's :class:`~labourgraph.records.Role` records), when given, let a
    person who signs for an organisation stand for it as a party to an agreement.
    """
    body = article.body
    index = _Index(entities)
    index.employer = {r.person: r.organization for r in sorted(roles or [], key=lambda r: (r.person, r.organization))
                      if r.organization and not r.organization.startswith("country-")}
    reference = dates.reference_date(article, published or getattr(article, "published", None))
    out: list[Relation] = []
    out += _event_relations(events)
    for sent in sentences:
        out += _located_in(body, sent, index)
        out += _part_of(body, sent, index)
        out += _member_of(body, sent, index)
        out += _initiated_drafts_presents(body, sent, index)
        out += _chairs(body, sent, index, reference)
        out += _reports_to(body, sent, index)
        out += _mou(body, sent, index, reference)
        out += _supports_adopts_implements(body, sent, index)
        out += _cooperates(body, sent, index)
        out += _adoption(body, sent, index, events)
        out += _represents(body, sent, index)
    if themes is None:
        from labourgraph.themes import find_themes
        themes = find_themes(article, sentences, entities)
    for t in themes:
        if t.actor:
            out.append(Relation(t.actor, "prioritises", t.theme, t.evidence, time=t.period))
    seen: dict[tuple, Relation] = {}
    for r in out:
        k = (r.subject, r.predicate, r.object)
        if r.subject != r.object and k not in seen:
            seen[k] = r
    return sorted(seen.values(), key=lambda r: (r.evidence.sentence.start, r.subject, r.predicate, r.object))


def _event_relations(events: list[Event]) -> list[Relation]:
    out = []
    role_predicates = {"delegate": "attends", "participant": "attends", "observer": "observes",
                       "speaker": "speaksAt", "presenter": "presentsAt", "secretariat-support": "supports",
                       "dialogue-partner": "attends"}
    for ev in events:
        if ev.evidence is None:
            continue
        time = ev.date if not ev.end_date else f"{ev.date}/{ev.end_date}"
        status = "planned" if ev.status == "planned" else None
        if ev.host:
            out.append(Relation(ev.host, "hosts", ev.key, Evidence(ev.evidence.sentence, "event.host", 0.8), time, status))
        if ev.chair:
            out.append(Relation(ev.chair, "chairs", ev.key, Evidence(ev.evidence.sentence, "event.chair", 0.8), time))
        if ev.organizer:
            out.append(Relation(ev.organizer, "organises", ev.key, Evidence(ev.evidence.sentence, "event.organizer", 0.8), time))
        if ev.place:
            out.append(Relation(ev.key, "heldIn", ev.place, Evidence(ev.evidence.sentence, "event.place", 0.8), time))
        for p in ev.participants:
            pred = role_predicates.get(p.role)
            if pred is None:
                continue
            if p.evidence is not None and p.evidence.rule == "event.opened-by":
                pred = "opens"
            ev_sent = p.evidence.sentence if p.evidence else ev.evidence.sentence
            out.append(Relation(p.key, pred, ev.key, Evidence(ev_sent, p.evidence.rule if p.evidence else "event.participant",
                                                                0.6), time))
    return out


def _located_in(body: str, sent: Span, index: _Index) -> list[Relation]:
    out = []
    places = index.within(sent.start, sent.end, ("Place", "Country"))
    for a, b in zip(places, places[1:]):
        if a[3] == "Place" and re.fullmatch(r"\s*,\s*", body[a[1]:b[0]]):
            out.append(Relation(a[2], "locatedIn", b[2], _evidence(sent, "relation.located-in", 0.8)))
    return out


def _part_of(body: str, sent: Span, index: _Index) -> list[Relation]:
    out = []
    orgs = index.within(sent.start, sent.end, ("Organization",))
    for a, b in zip(orgs, orgs[1:]):
        text = body[a[0]:a[1]]
        if a[2] == b[2] or not _UNIT_HEAD.match(text.strip()):
            continue
        if re.fullmatch(r"\s*\(?\s*|\s+(?:of|dari|pada|di\s+bawah)\s+(?:the\s+)?", body[a[1]:b[0]]):
            out.append(Relation(a[2], "partOf", b[2], _evidence(sent, "relation.part-of-adjacent", 0.7)))
    # a unit whose own name ends with its parent's name ("Biro Kerja Sama Kemnaker")
    for s, e, key, typ in orgs:
        text = body[s:e]
        if not _UNIT_HEAD.match(text.strip()):
            continue
        for s2, e2, key2, _t in orgs:
            if key2 != key and s < s2 and e2 == e:
                out.append(Relation(key, "partOf", key2, _evidence(sent, "relation.part-of-suffix", 0.7)))
    return out


_MEMBER = re.compile(r"\b(?:bergabung(?:\s+kembali)?\s+(?:di|ke|dengan|dalam)|aksesi\s+(?P<acc>\S+(?:\s+\S+)?)\s+ke|"
                     r"(?:menjadi|merupakan|sebagai)\s+anggota|(?:re)?join(?:ed|s)?|became\s+a\s+member\s+of|"
                     r"member\s+of)\s+", re.I)


def _member_of(body: str, sent: Span, index: _Index) -> list[Relation]:
    out = []
    text, off = sent.text, sent.start
    for m in _MEMBER.finditer(text):
        after = index.within(off + m.end(), off + m.end() + 40, ("Organization",))
        if not after:
            continue
        if m.group("acc"):
            member = index.within(off + m.start("acc"), off + m.end("acc"), ("Country", "Organization"))
        else:
            member = index.within(sent.start, off + m.start(), ("Country", "Organization"))[-1:]
        for x in member:
            out.append(Relation(x[2], "memberOf", after[0][2], _evidence(sent, "relation.member-of", 0.6)))
    return out


def _nearest_work(index: _Index, start: int, end: int, forward: bool = True):
    works = index.within(start, end, WORKS)
    if not works:
        return None
    return works[0] if forward else works[-1]


def _initiated_drafts_presents(body: str, sent: Span, index: _Index) -> list[Relation]:
    out = []
    text, off = sent.text, sent.start
    # "<work> yang diinisiasi oleh X", "dipresentasikan oleh X"
    for m in re.finditer(r"\b(diinisiasi|diprakarsai|initiated|dipresentasikan|presented|disusun|drafted)\s+"
                         r"(?:oleh|by)\s+", text, re.I):
        agents = index.within(off + m.end(), off + m.end() + 60)
        if not agents:
            continue
        verb = m.group(1).lower()
        pred = "initiated" if verb in ("diinisiasi", "diprakarsai", "initiated") else \
            "presents" if verb in ("dipresentasikan", "presented") else "drafts"
        work = _nearest_work(index, sent.start, off + m.start(), forward=False) or \
            _nearest_work(index, off + m.end(), sent.end)
        if work:
            out.append(Relation(agents[0][2], pred, work[2], _evidence(sent, f"relation.{pred}-by")))
    # "X menginisiasi ... <work>", "X ... dalam penyusunan <work>"
    for m in re.finditer(r"\b(menginisiasi|memprakarsai|penyusunan|menyusun|perumusan|merumuskan|drafting)\b",
                         text, re.I):
        work = _nearest_work(index, off + m.end(), min(sent.end, off + m.end() + 160))
        if not work:
            continue
        before = index.within(sent.start, off + m.start())
        orgs = [x for x in before if x[3] == "Organization"] or [x for x in before if x[3] == "Country"]
        pred = "initiated" if m.group(1).lower() in ("menginisiasi", "memprakarsai") else "drafts"
        for x in orgs[-2:]:
            out.append(Relation(x[2], pred, work[2], _evidence(sent, f"relation.{pred}-verb", 0.6)))
    return out


_CHAIR_NOUN = r"(?:keketuaan|kepemimpinan|chairmanship|presidency|ketua|chair)"


def _time_of(text: str, reference: str | None) -> str | None:
    p = _PERIOD.search(text)
    if p and int(p.group(2)) > int(p.group(1)):
        return f"{p.group(1)}/{p.group(2)}"
    y = _YEAR.search(text)
    if y:
        return next(g for g in y.groups() if g)
    if reference and re.search(r"\btahun\s+ini\b|\bthis\s+year\b", text, re.I):
        return reference[:4]
    return None


def _chairs(body: str, sent: Span, index: _Index, reference: str | None) -> list[Relation]:
    out = []
    text, off = sent.text, sent.start
    for m in re.finditer(r"\b" + _CHAIR_NOUN + r"\b", text, re.I):
        after = text[m.end():]
        # "kepemimpinan Vietnam dalam <Org>", "chairmanship (kepemimpinan) Indonesia di ASEAN"
        agent = body_org = None
        seg = re.match(r"\s*(?:\([^)]*\)\s*)?", after)
        start = off + m.end() + seg.end()
        first = index.within(start, start + 40, ("Country", "Organization"))
        if first and first[0][0] == start and first[0][3] == "Country":
            agent = first[0][2]
            rest = index.within(first[0][1], min(sent.end, first[0][1] + 160), ("Organization",))
            if rest and re.match(r"\s*(?:di|dalam|pada|of|in)\s", body[first[0][1]:rest[0][0]]):
                body_org = rest[0][2]
        elif first and first[0][0] - start < 3 and first[0][3] == "Organization":
            # "Ketua ASEAN", "keketuaan ALMM": the agent is the country before the noun or the subject
            body_org = first[0][2]
            before = [x for x in index.within(sent.start, off + m.start(), ("Country",))]
            later = [x for x in index.within(first[0][1], sent.end, ("Country",))]
            if before:
                agent = before[-1][2]
            elif later and re.search(r"\bselama\b|\bduring\b", text[:m.start()], re.I):
                agent = later[0][2]
        if not agent or not body_org:
            continue
        clause = text[m.start():m.start() + 160]
        time = _time_of(clause, reference)
        future = bool(_FUTURE.search(text[max(0, m.start() - 40):m.end()])) or (
            time is not None and reference is not None and time[:4] > reference[:4])
        pred = "willChair" if future else "chairs"
        out.append(Relation(agent, pred, body_org, _evidence(sent, f"relation.{pred}"), time,
                            "planned" if future else None))
    return out


def _reports_to(body: str, sent: Span, index: _Index) -> list[Relation]:
    out = []
    text, off = sent.text, sent.start
    m = re.search(r"\b(?:akan\s+)?(?:dibawa|dilaporkan|disampaikan|dilaporkan)\s+(?:ke|kepada)\b|"
                  r"\breport(?:ed|s)?\s+to\b|\bsubmitted\s+to\b", text, re.I)
    if not m:
        return out
    subjects = index.within(sent.start, off + m.start(), ("Event",))
    targets = index.within(off + m.end(), sent.end, ("Event",)) or index.within(off + m.end(), sent.end, ("Organization",))
    if not subjects or not targets:
        return out
    target = next((t for t in targets if t[2] not in {s[2] for s in subjects}), None)
    if target is None:
        return out
    for s in dict.fromkeys(x[2] for x in subjects):
        out.append(Relation(s, "reportsTo", target[2], _evidence(sent, "relation.reports-to", 0.6)))
    return out


def _mou(body: str, sent: Span, index: _Index, reference: str | None) -> list[Relation]:
    out = []
    text, off = sent.text, sent.start
    if not re.search(r"\b(?:nota\s+kesepahaman|MoU|memorandum\s+of\s+understanding|perjanjian\s+kerja\s+sama)\b",
                     text, re.I):
        return out
    verb = re.search(r"\b(?:menandatangani|penandatanganan|ditandatangani|sign(?:ed|s|ing)?)\b", text, re.I)
    if not verb:
        return out
    future = bool(_FUTURE.search(text))
    status = "planned" if future else "signed"
    time = None
    for d in dates.find_dates(text, reference):
        if d.value.date:
            time = d.value.date
            break
    subject = [x for x in index.within(sent.start, off + verb.start())
               if not re.search(r"\b(?:mengunjungi|visit\w*|ke|to|di|in)\s+$", body[max(off, x[0] - 15):x[0]], re.I)]
    partners = [x for x in index.within(off + verb.end(), sent.end) if
                re.search(r"\b(?:dengan|with|bersama)\s+$", body[max(off, x[0] - 12):x[0]], re.I)]
    doc = index.within(off + verb.end(), sent.end, ("Document",))
    if subject:
        s = subject[-1][2]
        s = index.employer.get(s, s) if subject[-1][3] == "Person" else s
        for p in partners:
            out.append(Relation(s, "signsMoUWith", p[2], _evidence(sent, "relation.mou", 0.6), time, status))
        if doc:
            out.append(Relation(s, "signs", doc[0][2], _evidence(sent, "relation.mou", 0.6), time, status))
        if future:
            target = doc[0][2] if doc else (partners[0][2] if partners else None)
            if target:
                out.append(Relation(s, "plans", target, _evidence(sent, "relation.mou-planned", 0.5), time, "planned"))
    return out


def _cooperates(body: str, sent: Span, index: _Index) -> list[Relation]:
    """"Kerja sama ASEAN TUC dan VGCL", "cooperation between X and Y"; "dengan mitra dialog
    seperti Tiongkok, Jepang, dan Korea Selatan" (the sentence's own country works with each)."""
    out = []
    text, off = sent.text, sent.start
    for m in re.finditer(r"\b(?:kerja\s*sama|kemitraan|cooperation|partnership)\s+(?:antara\s+|between\s+)?", text, re.I):
        pair = index.within(off + m.end(), min(sent.end, off + m.end() + 80), ("Country", "Organization"))
        if len(pair) >= 2 and pair[0][0] == off + m.end() and re.fullmatch(r"\s*(?:dan|and|&|-|–)\s*",
                                                                           body[pair[0][1]:pair[1][0]]):
            out.append(Relation(pair[0][2], "cooperatesWith", pair[1][2], _evidence(sent, "relation.cooperation", 0.6)))
    for m in re.finditer(r"\bmitra\s+dialog\b|\bdialogue\s+partners?\b", text, re.I):
        partners = []
        for x in index.within(off + m.end(), sent.end, ("Country", "Organization")):
            gap = body[(partners[-1][1] if partners else off + m.end()):x[0]]
            if not re.fullmatch(r"\s*(?:seperti|yaitu|yakni|such\s+as|including|,|:|dan|and|serta|\s)*\s*", gap, re.I):
                break
            partners.append(x)
        own = [x for x in index.within(sent.start, off + m.start(), ("Country",))]
        if own and partners:
            for p in partners:
                out.append(Relation(own[-1][2], "cooperatesWith", p[2], _evidence(sent, "relation.dialogue-partner", 0.6)))
    return out


def _supports_adopts_implements(body: str, sent: Span, index: _Index) -> list[Relation]:
    out = []
    text, off = sent.text, sent.start
    cues = (("supports", r"\b(?:mendukung|dukungan\s+(?:terhadap|untuk)|support(?:s|ed|ing)?)\b"),
            ("implements", r"\b(?:implementasi|melaksanakan|pelaksanaan|menerapkan|penerapan|implement(?:s|ed|ing)?)\b"))
    for pred, rx in cues:
        for m in re.finditer(rx, text, re.I):
            work = _nearest_work(index, off + m.end(), min(sent.end, off + m.end() + 60))
            if not work:
                continue
            subj = index.within(sent.start, off + m.start(), AGENTS + ("Event",))
            if not subj or re.search(r"[,;:“”\"]", body[subj[-1][1]:off + m.start()]) \
                    or off + m.start() - subj[-1][1] > 80:
                continue
            out.append(Relation(subj[-1][2], pred, work[2], _evidence(sent, f"relation.{pred}", 0.5)))
    return out


# -- whose priorities: the holder named with the list, not the spokesman ------------------

#: a list's first item ("Pertama, ...", "First, ...")
_LIST_START = re.compile(r"^\W*(?:pertama|first(?:ly)?)\b\s*,", re.I)
#: a noun of what an actor holds -- its chairmanship, priorities, work programme -- right before
#: the actor ("program kerja Keketuaan Indonesia", "prioritas Vietnam", "the chairmanship of Laos")
_HELD_BEFORE = re.compile(
    r"\b(?:keketuaan|kepemimpinan|kepresidenan|prioritas|program\s+kerja|rencana\s+kerja|agenda|usulan|"
    r"chairmanship|presidency|priorities|work\s+(?:programme|plan)|agenda|proposals?)"
    r"(?:\s+(?:of|dari|the))*\s+$", re.I)
#: ... or after it ("Indonesia's chairmanship", "Viet Nam's priorities")
_HELD_AFTER = re.compile(r"^['’]s?\s+(?:\w+\s+){0,2}?(?:chairmanship|presidency|priorities|work\s+(?:programme|plan)|"
                         r"agenda|proposals?)\b", re.I)
_HOLDER_TYPES = ("Country", "Organization")


def priority_holders(body: str, sentences: list[Span], entities: list[Entity],
                     themes: list[ThemeMention]) -> list[ThemeMention]:
    """Give a ranked list of priorities to the actor that holds it, not to its spokesman.

    "Untuk itu, program kerja Keketuaan Indonesia ... lima aspek prioritas. Pertama, ... Kedua,
    ..." -- said by a ministry's secretary-general -- lists Indonesia's priorities. When a
    ranked priority's actor is a person and the sentences that introduce the list (up to three
    before "Pertama,"/"First,") name a country or organisation as the holder of the
    chairmanship, priorities or work programme, the priority is that holder's, with its rank
    and period. A person's own unranked priorities are left alone. One mention is kept per
    theme and actor (the ranked one).
    """
    types = {e.key: e.type for e in entities}
    holders_at = sorted((m.start, m.end, e.key) for e in entities if e.type in _HOLDER_TYPES
                        and e.rule not in ("dateline.publisher", "metadata", "byline", "caption") for m in e.mentions)
    order = sorted(sentences)
    position = {s.start: i for i, s in enumerate(order)}

    def holder_in(sent: Span) -> str | None:
        for start, end, key in holders_at:
            if not (sent.start <= start and end <= sent.end):
                continue
            if _HELD_BEFORE.search(body[max(sent.start, start - 60):start]) or _HELD_AFTER.match(body[end:end + 60]):
                return key
        return None

    def list_holder(sent: Span) -> str | None:
        i = position.get(sent.start)
        if i is None:
            return None
        first = next((j for j in range(i, max(-1, i - 12), -1) if _LIST_START.match(order[j].text)), None)
        if first is None:
            return None
        for j in range(first - 1, max(-1, first - 4), -1):
            found = holder_in(order[j])
            if found:
                return found
        return None

    out: list[ThemeMention] = []
    for t in themes:
        if t.actor and t.rank is not None and types.get(t.actor) == "Person":
            holder = list_holder(t.evidence.sentence)
            if holder:
                t = ThemeMention(theme=t.theme, label=t.label, evidence=Evidence(t.evidence.sentence, "theme.priority-holder",
                                                                                 t.evidence.confidence),
                                 actor=holder, rank=t.rank, period=t.period)
        out.append(t)
    # one mention per (theme, actor): the ranked one wins, then the first
    kept: dict[tuple, ThemeMention] = {}
    for t in out:
        k = (t.theme, t.actor) if t.actor else (t.theme, None, id(t))
        if k not in kept or (kept[k].rank is None and t.rank is not None):
            kept[k] = t
    return [t for t in out if kept.get((t.theme, t.actor) if t.actor else (t.theme, None, id(t))) is t]


_THEME_CUE = re.compile(r"\b(?:tema|bertema|bertajuk|themed?|under\s+the\s+theme)\s*[:\"“'‘]?\s*$", re.I)


def chair_theme(body: str, sentences: list[Span], entities: list[Entity], events: list[Event],
                chair: str) -> tuple[str, Span] | None:
    """The theme of a chairmanship: a quoted theme ("dengan tema "Mempromosikan ...""), not the
    theme of a meeting of the article, in a sentence that names the chair or its chairmanship.
    Returns the theme's key and the sentence (the evidence), or None. The graph writer puts it
    on the lg:Chairmanship node as lg:eventTheme."""
    index = _Index(entities)
    taken = {ev.theme for ev in events if ev.theme}
    for sent in sorted(sentences):
        themes = [x for x in index.within(sent.start, sent.end, ("Theme",)) if x[2] not in taken
                  and _THEME_CUE.search(body[max(sent.start, x[0] - 25):x[0]])]
        if not themes:
            continue
        if any(x[2] == chair for x in index.within(sent.start, sent.end, ("Country", "Organization"))) \
                or re.search(r"\b" + _CHAIR_NOUN + r"\b", sent.text, re.I):
            return themes[0][2], sent
    return None


# -- adoption: who adopted which programme or document, at which meeting ----------------------

#: (ratifying a convention is not adopting it at a meeting: not read here)
_ADOPT_ACTIVE = re.compile(r"\b(?:mengadopsi|mengesahkan|menyepakati|menyetujui|adopt(?:s|ed)?|"
                           r"endorse[sd]?|approve[sd]?)\b", re.I)
_ADOPT_PASSIVE = re.compile(r"\b(?:diadopsi|disahkan|disepakati|disetujui|"
                            r"(?:was|were|been|be)\s+(?:formally\s+)?(?:adopted|endorsed|approved))\b", re.I)
#: a pronoun or the meeting's members as subject: "Mereka", "Para menteri", "The ministers", "They"
_ANAPHOR = re.compile(r"(?:^|[\s,;])(?:mereka|para\s+(?:menteri|delegasi|peserta|pemimpin)|pertemuan\s+(?:ini|tersebut)|"
                      r"konferensi\s+(?:ini|tersebut)|they|the\s+(?:ministers|leaders|delegates|meeting|conference))\b",
                      re.I)
#: a modal right before the verb: "akan mengesahkan", "will adopt", "is expected to be adopted"
_WILL = re.compile(r"\b(?:akan|will|shall|would|berencana|dijadwalkan|hendak|plan(?:s|ned)?\s+to|expected\s+to|"
                   r"to\s+be|untuk)\s+(?:\w+\s+){0,2}$", re.I)
_AT_MEETING = re.compile(r"\b(?:pada|dalam|di|saat|at|during)\s+(?:the\s+)?$", re.I)
#: "pada pertemuan ini", "dalam konferensi tersebut", "at this meeting", "at the conference"
_AT_THIS_MEETING = re.compile(r"^\W*(?:pada|dalam|di|at|during)\s+(?:(?:pertemuan|konferensi|sidang|forum|KTT)\s+"
                              r"(?:ini|tersebut|itu)|(?:this|the)\s+(?:meeting|conference|summit|forum))\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:dan|serta|and)?|dan|serta|and|as\s+well\s+as|&)\s*(?:(?:the|juga)\s+)?", re.I)


def _works_from(body: str, start: int, end: int, index: _Index) -> list[tuple[int, int, str, str]]:
    """The programmes and documents listed from ``start``: the first within a few words, then
    each one joined by a comma or "dan"/"and" (works inside another one's name are skipped)."""
    works = [w for w in index.within(start, end, WORKS)]
    works = [w for w in works if not any(o is not w and o[0] <= w[0] and w[1] <= o[1] and (o[0], o[1]) != (w[0], w[1])
                                         for o in works)]
    out: list[tuple[int, int, str, str]] = []
    for w in works:
        gap = body[(out[-1][1] if out else start):w[0]]
        if out:
            if not _LIST_GAP.fullmatch(gap):
                break
        elif len(gap) > 40 or re.search(r"[.;:]", gap):
            break
        out.append(w)
    return out


def _adoption(body: str, sent: Span, index: _Index, events: list[Event]) -> list[Relation]:
    """"ALMM ke-26 mengesahkan X", "Para menteri mengadopsi X pada ALMM ke-26", "Mereka juga
    mengesahkan X, Y dan Z" (after a meeting's report: that meeting), "X was adopted at the
    26th ALMM". ``adopts``: agent -> work, when the agent is named; ``adoptedAt``: work ->
    meeting, when the meeting is named in the sentence, is the subject, or is the one meeting
    the article reports as held and the subject refers to its members ("Mereka", "para
    menteri"). Planned adoptions ("akan mengesahkan") are not adoptions."""
    text, off = sent.text, sent.start
    out: list[Relation] = []
    held = [ev for ev in events if ev.status == "held" or (ev.status is None and ev.edition)]
    for m in list(_ADOPT_ACTIVE.finditer(text)) + list(_ADOPT_PASSIVE.finditer(text)):
        passive = bool(_ADOPT_PASSIVE.match(m.group(0)))
        if _WILL.search(text[max(0, m.start() - 40):m.start()]):
            continue
        if passive:
            before = index.within(sent.start, off + m.start(), WORKS)
            works = before[-1:] if before and off + m.start() - before[-1][1] < 40 else []
            agent_zone = (off + m.end(), sent.end)
        else:
            works = _works_from(body, off + m.end(), sent.end, index)
            agent_zone = (sent.start, off + m.start())
        if not works:
            continue
        after_works = works[-1][1] if not passive else off + m.end()
        meeting = None
        for x in index.within(after_works, sent.end, ("Event",)):
            if _AT_MEETING.search(body[max(off, x[0] - 12):x[0]]):
                meeting = x[2]
                break
        agent = None
        lead = index.within(*agent_zone, AGENTS + ("Event",))
        if passive:
            by = re.match(r"\s*(?:oleh|by)\s+", body[off + m.end():sent.end])
            lead = index.within(off + m.end() + by.end(), off + m.end() + by.end() + 60, AGENTS) if by else []
            lead = lead[:1]
        else:
            lead = [x for x in lead if off + m.start() - x[1] <= 60 and not re.search(r"[;:“”\"]", body[x[1]:off + m.start()])][-1:]
        if lead and lead[0][3] == "Event":
            meeting = meeting or lead[0][2]
        elif lead:
            agent = lead[0][2]
        if meeting is None and len(held) == 1 and (_ANAPHOR.search(text[:m.start()]) or _AT_THIS_MEETING.search(
                body[after_works:sent.end])):
            meeting = held[0].key
        if agent is None and not passive and _ANAPHOR.search(text[:m.start()]) and meeting is not None:
            agent = _members_of(body, sent, index)
        for w in works:
            if agent:
                out.append(Relation(agent, "adopts", w[2], _evidence(sent, "relation.adopts", 0.6)))
            if meeting:
                out.append(Relation(w[2], "adoptedAt", meeting, _evidence(sent, "relation.adopted-at", 0.6)))
    return out


def _members_of(body: str, sent: Span, index: _Index) -> str | None:
    """Who "Mereka"/"para menteri" are: the body named as "para <X>" in this sentence or the
    two before it ("para Menteri Tenaga Kerja ASEAN": the ALMM)."""
    start = max(0, sent.start - 600)
    for x in reversed(index.within(start, sent.end, ("Organization",))):
        if re.search(r"\b(?:para|the)\s*$", body[max(0, x[0] - 6):x[0]], re.I) or \
                re.match(r"(?:para|the)\s", body[x[0]:x[1]], re.I):
            return x[2]
    return None


# -- representation: who stands for whom ----------------------------------------------------

_REPRESENTS = re.compile(r"\b(?:mewakili|representing|represented|on\s+behalf\s+of|atas\s+nama)\s+(?:the\s+)?", re.I)
_REPRESENTED_BY = re.compile(r"\b(?:diwakili\s+oleh|represented\s+by|diwakili)\s+", re.I)
_HEAD_OF_DELEGATION = re.compile(r"\b(?:kepala\s+delegasi|ketua\s+delegasi|head\s+of\s+(?:the\s+)?delegation\s+of|"
                                 r"memimpin\s+delegasi|led\s+the\s+delegation\s+of)\s+(?:the\s+)?", re.I)
_HEAD_OF_X_DELEGATION = re.compile(r"\b(?:head\s+of\s+the|led\s+the)\s+$", re.I)


def _represents(body: str, sent: Span, index: _Index) -> list[Relation]:
    """"X mewakili Y", "X, on behalf of Y", "Y diwakili oleh X", "Y, represented by X", "X,
    Kepala delegasi Y" / "head of the Y delegation": person X ``represents`` country or
    organisation Y (the graph writer puts it on Y's participation as lg:representedBy)."""
    text, off = sent.text, sent.start
    out: list[Relation] = []
    parties = ("Country", "Organization")

    def person_before(pos: int) -> str | None:
        people = [x for x in index.within(sent.start, pos, ("Person",)) if pos - x[1] <= 220]
        return people[-1][2] if people else None

    for m in _REPRESENTS.finditer(text):
        y = index.within(off + m.end(), off + m.end() + 80, parties)
        x = person_before(off + m.start())
        if y and y[0][0] - (off + m.end()) < 15 and x:
            out.append(Relation(x, "represents", y[0][2], _evidence(sent, "relation.represents", 0.7)))
    for m in _REPRESENTED_BY.finditer(text):
        x = index.within(off + m.end(), off + m.end() + 60, ("Person",))
        y = [p for p in index.within(sent.start, off + m.start(), parties) if off + m.start() - p[1] <= 40]
        if x and x[0][0] - (off + m.end()) < 40 and y:
            out.append(Relation(x[0][2], "represents", y[-1][2], _evidence(sent, "relation.represented-by", 0.7)))
    for m in _HEAD_OF_DELEGATION.finditer(text):
        y = index.within(off + m.end(), off + m.end() + 40, parties)
        if not y or y[0][0] - (off + m.end()) > 3:
            continue
        x = person_before(off + m.start())
        if x is None:
            after = index.within(y[0][1], min(sent.end, y[0][1] + 40), ("Person",))
            x = after[0][2] if after and re.fullmatch(r"\s*,?\s*", body[y[0][1]:after[0][0]]) else None
        if x:
            out.append(Relation(x, "represents", y[0][2], _evidence(sent, "relation.head-of-delegation", 0.7)))
    # "head of the Vietnamese delegation" / "led the Indonesian delegation"
    for y in index.within(sent.start, sent.end, parties):
        if _HEAD_OF_X_DELEGATION.search(body[max(off, y[0] - 20):y[0]]) and re.match(r"\s+delegation\b", body[y[1]:y[1] + 12], re.I):
            x = person_before(y[0])
            if x:
                out.append(Relation(x, "represents", y[2], _evidence(sent, "relation.head-of-delegation", 0.7)))
    return out
