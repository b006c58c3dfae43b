"""Read who holds which post in which organisation (person - post - organisation).

Patterns, each over the entity mentions of one sentence (rule ids in brackets):

* ``TITLE ORG [,] PERSON``: "Sekretaris Jenderal Kemnaker, Cris Kuntadi" [role.title-org-name]
* ``TITLE UNIT ORG PERSON``: "Kepala Biro Kerja Sama Kemnaker Purwanti Uta Djara" - a unit named
  with its parent: the organisation is the parent, the unit stays in the title
* ``PERSON, TITLE ORG`` / ``PERSON, TITLE UNIT (ORG)``: "Dr. Ha Minh Duc, Wakil Direktur Departemen
  Kerja Sama Internasional (Kementerian Dalam Negeri)" [role.name-title-org]; a second
  ", TITLE ORG" after it is a second post ("…, Kepala delegasi Vietnam")
* ``PERSON, COUNTRY's TITLE`` and ``COUNTRY's TITLE, PERSON`` (English) [role.possessive]
* ``PERSON yang juga (menjabat sebagai) TITLE ORG`` [role.concurrent]

A unit named alone is the organisation, except in a sentence that opens with "dari pihak
ORG" (the side the people listed belong to), where ORG is. A post of a country names the
country ("Kepala delegasi Vietnam").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from labourgraph import lexicon as lx
from labourgraph.gazetteer import Gazetteer, fold
from labourgraph.records import Entity, Evidence, Role, Span
from labourgraph.text import sentence_at

TITLE_CONTINUATIONS = frozenset({"delegasi", "delegation", "bidang", "umum", "jenderal", "general", "negara",
                                 "tetap", "utama", "muda", "madya"})
_POST_BETWEEN = re.compile(r"(?:[’']s)?\s+(?P<title>(?:[A-Za-z][\w’'-]*\s+){0,8}?[A-Za-z][\w’'-]*)\s*,?\s*"
                           r"(?:(?:Mr|Ms|Mrs|Dr|H\.E|Hj)\.?\s+|(?:His|Her)\s+Excellency\s+|Datuk\s+|Dato'?\s+|Haji\s+)?")
_QUALIFIER = re.compile(r"\s+(?:untuk|for|di|in|to)\s+")
_PAREN_TITLE = re.compile(r"\(\s*[A-Z][A-Za-z.]{1,10}\s*\)")
_LONG_POST = re.compile(r"(?P<title>(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*)\s+(?:for|of|on)\s+[A-Z][\w’'-]*"
                        r"(?:\s+(?:(?:and|&)\s+)?[A-Z][\w’'-]*){0,6}\s+(?:of|at|in)(?:\s+the)?\s*$")
#: A national post right before a name, no organisation named: "Menteri Ketenagakerjaan X",
#: "Thai Labour Minister X" (the country is the organisation).
_NATIONAL_POST = re.compile(
    r"(?P<title>(?:[A-Z][\w’'-]*\s+){0,3}?(?:(?:Wakil|Deputy|Vice)\s+)?(?P<head>Menteri|Minister|Menaker|Wamenaker|Secretary)"
    r"(?:\s+(?:dan|and|of|for)?\s*[A-Z][\w’'-]*)*)\s*,?\s*$")


#: A minister's post that names the portfolio: "Deputy Minister of Labour and Social Welfare",
#: "Menteri Ketenagakerjaan" (the ministry is "Ministry of <portfolio>" / "Kementerian <portfolio>").
_PORTFOLIO_POST = re.compile(
    r"(?P<title>(?:(?:Deputy|Vice|Wakil|Senior)\s+)?(?:Minister|Menteri|Secretary)\s+(?:of\s+|for\s+)?(?:the\s+)?"
    r"(?P<portfolio>[A-Z][\w’'-]*(?:(?:\s+(?:and|&|dan)\s+|\s+|,\s+)[A-Z][\w’'-]*)*))\s*,?\s*$")

#: "led by", "dipimpin oleh" right before a delegation head (and the post, if any).
_LED_BY = re.compile(r"(?:\b(?:led|headed)\s+by|\b(?:dipimpin|diketuai|dikepalai)(?:\s+(?:langsung\s+)?oleh)?)\s+"
                     r"(?:(?:Mr|Ms|Mrs|Dr|H\.E|Hj|H)\.?\s+)?$", re.I)
_DELEGATION = re.compile(r"\b(?:delegation|delegasi|rombongan)\b", re.I)


def _delegation_country(body: str, floor: int, pos: int, mentions, countries: dict) -> "Entity | None":
    """The country whose delegation is led: "Thai delegation", "the delegation of Laos",
    "Delegasi RI", "delegasi Indonesia yang", just before ``pos``."""
    seg = body[floor:pos]
    hits = list(_DELEGATION.finditer(seg))
    if not hits:
        return None
    d = hits[-1]
    if re.search(r"[.;]", seg[d.end():]) or len(seg) - d.end() > 60:
        return None
    dem = re.search(r"(\w+)\s+$", seg[:d.start()])
    if dem and dem.group(1).lower() in lx.DEMONYMS:
        return countries.get(lx.DEMONYMS[dem.group(1).lower()])
    for x in mentions:
        if x.entity.type != "Country":
            continue
        before = floor + d.start() - x.end
        after = x.start - (floor + d.end())
        if 0 <= before <= 3 and re.fullmatch(r"[\s’']*s?\s*", body[x.end:floor + d.start()]):
            return x.entity
        if 0 <= after <= 12 and re.fullmatch(r"\s+(?:(?:of|from|dari)\s+)?(?:the\s+)?", body[floor + d.end():x.start]):
            return x.entity
    return None


@dataclass(frozen=True)
class _M:
    start: int
    end: int
    entity: Entity


def _is_title_word(word: str, first: bool) -> bool:
    w = word.lower()
    if "-" in w.strip("-"):                 # "Director-General", "Secretary-General"
        parts = w.split("-")
        return all(_is_title_word(p, first and i == 0) for i, p in enumerate(parts))
    if first:
        return w in lx.TITLE_STARTS
    return w in lx.TITLE_WORDS or w in TITLE_CONTINUATIONS


def _title_before(text: str, pos: int, floor: int) -> int | None:
    """Start of the post title that ends at ``pos`` (an "of" may stand between), or None."""
    seg = text[floor:pos]
    words = list(re.finditer(r"\([^()]*\)|[\w.’'-]+", seg))
    k = len(words) - 1
    end = len(seg)
    if k >= 0 and not seg[words[k].end():end].strip() and words[k].group(0).lower() == "the":
        end = words[k].start()
        k -= 1
    if k >= 0 and not seg[words[k].end():end].strip() and words[k].group(0).lower() in ("of", "for"):
        end = words[k].start()
        k -= 1
    starts: list[int] = []
    while k >= 0:
        w = words[k]
        if seg[w.end():end].strip():
            break
        token = w.group(0)
        if not (_PAREN_TITLE.fullmatch(token) or _is_title_word(token, False)):
            break
        starts.append(w.start())
        end = w.start()
        k -= 1
    for start in reversed(starts):          # the leftmost word that can open a title
        word = re.match(r"[\w.’'-]+", seg[start:])
        if word and _is_title_word(word.group(0), True):
            # a portfolio before it: "Labour Minister", "Human Resources Minister"
            before = re.search(r"(?:\b[A-Z][\w-]*\s+){1,2}$", seg[:start])
            if before and all(w.lower() in lx.ORG_WORDS for w in before.group(0).split()):
                return floor + before.start()
            return floor + start
    # an English post with its portfolio, then the body: "Undersecretary for Policy and
    # International Cooperation of the Department …"
    long_post = _LONG_POST.search(seg)
    if long_post:
        for w in re.finditer(r"[\w.’'-]+", long_post.group("title")):
            if _is_title_word(w.group(0), True):
                return floor + long_post.start("title") + w.start()
    # a title naming its unit in words the entity rules did not take:
    # "Direktur Jenderal Pembinaan Pelatihan Vokasi dan Produktivitas Kemnaker"
    tokens = list(re.finditer(r"\([^()]*\)|[\w.’'-]+", seg))
    if not tokens or seg[tokens[-1].end():].strip() or not tokens[-1].group(0)[:1].isupper() and \
            not tokens[-1].group(0).startswith("("):
        return None
    run_start = len(tokens)
    while run_start > 0 and len(tokens) - run_start < 12:
        tok = tokens[run_start - 1].group(0)
        if tok[:1].isupper() or tok.startswith("(") or tok.lower() in ("dan", "and", "of", "untuk", "for"):
            run_start -= 1
        else:
            break
    for k in range(run_start, len(tokens) - 1):
        if _is_title_word(tokens[k].group(0), True):
            return floor + tokens[k].start()
    return None


def _title_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """(start, end) of a post title starting at ``pos`` (after spaces), with an English
    "of/for X Y" tail ("Minister of Labour and Vocational Training"), or None."""
    m = re.match(r"\s*", text[pos:limit])
    start = pos + m.end()
    words = list(re.finditer(r"\([^()]*\)|[\w.’'-]+", text[start:limit]))
    if not words or not _is_title_word(words[0].group(0), True):
        return None
    end = start + words[0].end()
    k = 1
    while k < len(words):
        w = words[k]
        gap = text[end:start + w.start()]
        if gap.strip():
            break
        token = w.group(0)
        if _is_title_word(token, False) or _PAREN_TITLE.fullmatch(token):
            end = start + w.end()
            k += 1
            continue
        break
    # English tail: "of Labour and Vocational Training", "for Workplaces"
    tail = re.match(r"\s+(?:of|for)\s+(?:[A-Z][\w’'-]*)(?:(?:\s+(?:and|&|of)?\s*|,\s+(?=(?:[A-Z][\w’'-]*\s+)+(?:and|&)\s))"
                    r"[A-Z][\w’'-]*)*", text[end:limit])
    if tail:
        end += tail.end()
    return start, end


def _english_title(title: str) -> bool:
    """"president", "Human Resources Minister", "Deputy Minister of Home Affairs": up to four
    words ending in a title word, then an optional "of/for" portfolio in capitals."""
    parts = re.split(r"\s+(?:of|for)\s+", title, maxsplit=1)
    head, tail = parts[0], (parts[1] if len(parts) > 1 else "")
    words = head.split()
    if not words or len(words) > 4 or not _is_title_word(words[-1], False):
        return False
    if not all(_is_title_word(w, False) or w[:1].isupper() for w in words):
        return False
    tail_words = tail.split()
    return len(tail_words) <= 6 and all(w[:1].isupper() or w in ("and", "&", "the") for w in tail_words)


def _is_unit(e: Entity, gazetteer: Gazetteer) -> bool:
    if "org:OrganizationalUnit" in e.classes:
        return True
    ref = gazetteer.get(e.key) if e.reference else None
    if ref is not None:
        return bool(ref.parent) or any(c.endswith("OrganizationalUnit") for c in ref.classes)
    words = e.label.lower().split()
    return bool(words) and (words[0] in lx.UNIT_HEADS or words[-1] in lx.UNIT_HEADS)


def _named_parent(m: "_M", body: str, gazetteer: Gazetteer) -> tuple[Entity, int] | None:
    """For a reference unit written with its parent's name ("Biro Kerja Sama Kemnaker"):
    the parent (as an entity named at the end of the mention) and where the unit part ends."""
    ref = gazetteer.get(m.entity.key) if m.entity.reference else None
    if ref is None or not ref.parent or gazetteer.get(ref.parent) is None:
        return None
    parent = gazetteer.get(ref.parent)
    surface = body[m.start:m.end]
    for label in sorted({parent.label, *parent.labels}, key=len, reverse=True):
        if len(label) < len(surface) and surface.endswith(" " + label):
            start = m.end - len(label)
            entity = Entity(key=parent.key, label=label, type=parent.type, mentions=[Span(start, m.end, label)],
                            reference=True, rule="role.unit-parent")
            return entity, start - 1
    return None


_HONORIFIC_END = re.compile(r"(?<=[\s,])(?:" + "|".join(re.escape(h.rstrip(".")) for h in sorted(
    lx.HONORIFICS, key=len, reverse=True)) + r")\.?\s+$", re.I)


def _gap_ok(gap: str) -> bool:
    """Only spaces, brackets and one comma, or a field of the post ("Ketua Apindo Bidang
    Ketenagakerjaan Bob Azam")."""
    gap = _HONORIFIC_END.sub("", gap)          # "…, Prof Aris Junaidi", "…, Dr. Ha"
    return (re.fullmatch(r"[\s,()]*", gap) is not None and gap.count(",") <= 1) or \
        re.fullmatch(r"\s+(?:Bidang|Divisi|Urusan)(?:\s+(?:[A-Z][\w-]*|dan))+\s*,?\s*", gap) is not None


def find_roles(body: str, sents: list[Span], entities: list[Entity], gazetteer: Gazetteer) -> list[Role]:
    """Every person-post-organisation statement in the article.

    A parent organisation named only inside a unit's name ("Kemnaker" in "Biro Kerja Sama
    Kemnaker") is added to ``entities`` (or gets that mention) when a role needs it.
    """
    mentions = sorted((_M(m.start, m.end, e) for e in entities if e.type in ("Person", "Organization", "Country", "Place")
                       for m in e.mentions), key=lambda m: (m.start, m.end))
    roles: list[Role] = []
    seen: set[tuple[str, str]] = set()

    def add(person: Entity, title: str | None, org: Entity, sent: Span, rule: str) -> None:
        if (person.key, org.key) in seen or person.key == org.key:
            return
        seen.add((person.key, org.key))
        if org.rule == "role.unit-parent":          # named only inside its unit's name
            existing = next((e for e in entities if e.key == org.key), None)
            if existing is None:
                entities.append(org)
            else:
                existing.mentions = sorted(set(existing.mentions) | set(org.mentions))
                if org.label != existing.label and org.label not in existing.aliases:
                    existing.aliases.append(org.label)
        title = re.sub(r"\s+(?:of|for|dari)(?:\s+the)?$", "", " ".join(title.split())) if title else None
        roles.append(Role(person=person.key, role=title, organization=org.key, evidence=Evidence(sent, rule)))

    def in_sentence(i: int, sent: Span) -> bool:
        return 0 <= i < len(mentions) and sent.start <= mentions[i].start and mentions[i].end <= sent.end

    def side_org(sent: Span, before: int) -> Entity | None:
        """The organisation of "dari pihak ORG" earlier in the sentence."""
        m = re.search(r"\bpihak\s+", body[sent.start:before])
        if not m:
            return None
        pos = sent.start + m.end()
        for x in mentions:
            if x.start == pos and x.entity.type == "Organization":
                return x.entity
        return None

    def pick(chain: list[_M], title_start: int, sent: Span) -> tuple[Entity, str] | None:
        """The organisation of a title + chain of organisation mentions, and the full title."""
        orgs = [c for c in chain if c.entity.type in ("Organization", "Country")]
        if not orgs:
            return None
        parents = [c for c in orgs if not _is_unit(c.entity, gazetteer)]
        units = [c for c in orgs if _is_unit(c.entity, gazetteer)]
        if parents and units and units[0].start < parents[0].start:
            title = body[title_start:units[-1].end if units[-1].end < parents[0].start else units[0].end]
            return parents[0].entity, title.replace("(", " ").strip()
        if len(parents) >= 2 and not parents[0].entity.reference and parents[1].entity.reference \
                and parents[0].entity.label.split()[0].lower() in lx.GOVERNMENT_UNIT_HEADS \
                and parents[1].entity.type == "Organization" and not body[parents[0].end:parents[1].start].strip():
            # "Kepala Badan Perencanaan dan Pengembangan Kemnaker": an unknown body written
            # with a known parent is its unit
            return parents[1].entity, body[title_start:parents[0].end]
        if parents:
            return parents[0].entity, None
        side = side_org(sent, title_start)
        if side is not None:
            return side, body[title_start:units[-1].end]
        parent = _named_parent(units[0], body, gazetteer)
        if parent is not None:
            parent_entity, unit_end = parent
            return parent_entity, body[title_start:unit_end]
        return units[0].entity, None

    for i, m in enumerate(mentions):
        if m.entity.type != "Person":
            continue
        sent = sentence_at(sents, m.start) or Span(0, len(body), body)
        # TITLE ORG [,] PERSON
        chain: list[_M] = []
        j = i - 1
        nxt = m.start
        while in_sentence(j, sent) and mentions[j].entity.type in ("Organization", "Country", "Place"):
            gap = body[mentions[j].end:nxt]
            if chain and re.fullmatch(r"\s+(?:of|dari)(?:\s+the)?\s+", gap) and _is_unit(mentions[j].entity, gazetteer) \
                    and chain[0].entity.type == "Organization" and not _is_unit(chain[0].entity, gazetteer):
                # "Director of the Department of Employment of the Ministry of ...": a unit of its parent
                chain.insert(0, mentions[j])
                nxt = mentions[j].start
                j -= 1
                continue
            if not _gap_ok(gap):
                # "Direktur ILO untuk Indonesia", "Duta Besar Australia untuk Indonesia": the
                # country after "untuk/for" qualifies the post; the organisation comes before it
                if not (chain and _QUALIFIER.fullmatch(gap) and (chain[0].entity.type in ("Country", "Place") or (
                        re.fullmatch(r"\s+(?:for|untuk)\s+", gap) and mentions[j].entity.type in ("Organization",
                                                                                                   "Country")))):
                    break           # "Deputy Secretary-General of ASEAN for <ASCC>": the post's field
                chain.pop(0)
            chain.insert(0, mentions[j])
            nxt = mentions[j].start
            j -= 1
        while chain and chain[0].entity.type == "Place":
            chain.pop(0)
        qualified = chain and chain[0].entity.type in ("Country", "Place") and re.search(
            r"\s(?:for|untuk)\s+$", body[max(sent.start, chain[0].start - 8):chain[0].start])
        if chain and not qualified:
            floor = mentions[j].end if in_sentence(j, sent) else sent.start
            tstart = _title_before(body, chain[0].start, floor)
            if tstart is not None:
                got = pick(chain, tstart, sent)
                if got:
                    org, title = got
                    add(m.entity, title or body[tstart:chain[0].start], org, sent, "role.title-org-name")
                    continue
        # ORG['s] TITLE [for PLACE] [,] PERSON (English): "MTUC president X", "Malaysia's Human
        # Resources Minister X", "ILO (ILO) Regional Director for Asia and the Pacific, X"
        j = i - 1
        qualifier_start = None
        if in_sentence(j, sent) and mentions[j].entity.type in ("Country", "Place") and in_sentence(j - 1, sent) \
                and re.search(r"\s(?:for|untuk|in|di)\s+$", body[mentions[j - 1].end:mentions[j].start]) \
                and re.fullmatch(r"\s*,?\s*", body[mentions[j].end:m.start]):
            qualifier_start = mentions[j].start
            j -= 1
        while in_sentence(j - 1, sent) and mentions[j - 1].entity.key == mentions[j].entity.key \
                and re.fullmatch(r"\s*\(\s*", body[mentions[j - 1].end:mentions[j].start]):
            j -= 1          # "International Labour Organization (ILO)"
        if in_sentence(j, sent) and mentions[j].entity.type in ("Organization", "Country"):
            prev = mentions[j]
            last_same = j
            while last_same + 1 < i and mentions[last_same + 1].entity.key == prev.entity.key:
                last_same += 1
            prev_end = mentions[last_same].end
            if qualifier_start is not None:
                gap = body[prev_end:qualifier_start]
                gap = re.sub(r"^\s*\)", "", gap)
                post = re.fullmatch(r"(?:[’']s)?\s+(?P<title>.+?)\s+(?:for|untuk|in|di)\s+", gap)
            else:
                gap = re.sub(r"^\s*\)", "", body[prev_end:m.start])
                post = _POST_BETWEEN.fullmatch(gap)
            if post and _english_title(post.group("title")):
                add(m.entity, post.group("title"), prev.entity, sent, "role.org-title-name")
                continue
        # PERSON, TITLE [UNIT] [(] ORG [)] (, TITLE ORG)*
        pos = m.end
        k = i + 1
        while True:
            rest = body[pos:sent.end]
            comma = re.match(r"\s*,\s*(?:the\s+)?", rest)
            if not comma:
                break
            after = pos + comma.end()
            # PERSON, COUNTRY's TITLE
            if in_sentence(k, sent) and mentions[k].start == after and mentions[k].entity.type in ("Country", "Organization"):
                poss = re.match(r"\s*[’']s\s+", body[mentions[k].end:sent.end])
                if poss:
                    t = _title_after(body, mentions[k].end + poss.end(), sent.end)
                    if t:
                        add(m.entity, body[t[0]:t[1]], mentions[k].entity, sent, "role.possessive")
                        pos, k = t[1], k + 1
                        continue
                break
            limit = mentions[k].start if in_sentence(k, sent) else sent.end
            t = _title_after(body, after, limit)
            if not t or not in_sentence(k, sent):
                break
            chain = []
            nxt_end = t[1]
            while in_sentence(k, sent) and mentions[k].entity.type in ("Organization", "Country") \
                    and (re.fullmatch(r"[\s()]*", body[nxt_end:mentions[k].start])
                         or ((not chain or (_is_unit(chain[-1].entity, gazetteer)
                                            and mentions[k].entity.type == "Organization"))
                             and re.fullmatch(r"\s+(?:(?:of|at)(?:\s+the)?|dari|pada)\s+",
                                              body[nxt_end:mentions[k].start]))
                         # "X, deputy secretary-general for the ASEAN Socio-Cultural Community"
                         or (not chain and mentions[k].entity.type == "Organization"
                             and re.fullmatch(r"\s+for\s+the\s+", body[nxt_end:mentions[k].start]))):
                chain.append(mentions[k])
                nxt_end = mentions[k].end
                k += 1
            if not chain:
                break
            if in_sentence(k, sent) and mentions[k].entity.type == "Person" \
                    and not body[nxt_end:mentions[k].start].strip(" "):
                break           # "…, Sekretaris Jenderal KSPSI Hermanto Ahmad": the next person's post
            got = pick(chain, t[0], sent)
            if not got:
                break
            org, title = got
            add(m.entity, title or body[t[0]:t[1]], org, sent, "role.name-title-org")
            close = re.match(r"\s*\)", body[nxt_end:sent.end])
            if close:
                pos = nxt_end + close.end()
            elif body.rfind("(", t[0], nxt_end) > body.rfind(")", t[0], nxt_end):
                # inside brackets that go on: "(Kementerian Tenaga Kerja, Prajurit …)"
                closing = body.find(")", nxt_end, sent.end)
                pos = closing + 1 if closing >= 0 else nxt_end
                while in_sentence(k, sent) and mentions[k].start < pos:
                    k += 1
            else:
                pos = nxt_end
        # PERSON dari [UNIT] ORG: a member, no post named
        frm = re.match(r"\s+(?:dari|from)\s+", body[m.end:sent.end])
        if frm and in_sentence(i + 1, sent) and mentions[i + 1].start == m.end + frm.end():
            chain = []
            k2, nxt_end = i + 1, m.end + frm.end()
            while in_sentence(k2, sent) and mentions[k2].entity.type == "Organization" \
                    and not body[nxt_end:mentions[k2].start].strip():
                chain.append(mentions[k2])
                nxt_end = mentions[k2].end
                k2 += 1
            if chain:
                units = [c for c in chain if _is_unit(c.entity, gazetteer)]
                parents = [c for c in chain if not _is_unit(c.entity, gazetteer)]
                org = (parents or units)[0].entity
                floor = mentions[i - 1].end if in_sentence(i - 1, sent) else sent.start
                tstart = _title_before(body, m.start, floor)
                title = body[tstart:m.start].strip(" ,") if tstart is not None else None
                add(m.entity, title or None, org, sent, "role.member-of")
        # PERSON yang juga (menjabat sebagai) TITLE ORG
        conc = re.match(r"(?:\s*,)?\s+(?P<yang>yang\s+)?(?:(?:juga|kini|saat\s+ini|resmi|telah|masih)\s+)*"
                        r"(?P<verb>menjabat(?:\s+sebagai)?\s+|selaku\s+|merupakan\s+|sebagai\s+|adalah\s+)?",
                        body[m.end:sent.end])
        if conc and (conc.group("yang") or (conc.group("verb") or "").startswith(("menjabat", "selaku"))):
            t = _title_after(body, m.end + conc.end(), sent.end)
            if t:
                for x in mentions[i + 1:]:
                    if x.start < t[1]:
                        continue
                    if x.start == t[1] + (len(body[t[1]:x.start]) - len(body[t[1]:x.start].lstrip())) \
                            and x.entity.type in ("Organization", "Country") and x.end <= sent.end:
                        add(m.entity, body[t[0]:t[1]], x.entity, sent, "role.concurrent")
                    break
    # [DEMONYM] NATIONAL-POST PERSON, no organisation named: the country holds the post
    with_role = {r.person for r in roles}
    countries = {e.key: e for e in entities if e.type == "Country"}
    for i, m in enumerate(mentions):
        if m.entity.type != "Person" or m.entity.key in with_role:
            continue
        sent = sentence_at(sents, m.start) or Span(0, len(body), body)
        floor = mentions[i - 1].end if i > 0 and mentions[i - 1].end > sent.start else sent.start
        after = re.match(r"(?:\s*,)?\s+(?:of|dari)\s+(?:the\s+)?", body[m.end:sent.end])
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if after and nxt is not None and nxt.start == m.end + after.end() and nxt.entity.type == "Organization" \
                and nxt.end <= sent.end:
            tstart = _title_before(body, m.start, floor)
            if tstart is not None and body[tstart:m.start].strip():
                # "General Secretary Josua Mata of Sentro"
                add(m.entity, body[tstart:m.start].strip(" ,"), nxt.entity, sent, "role.title-name-of-org")
                with_role.add(m.entity.key)
                continue
        post = _NATIONAL_POST.search(body, floor, m.start)
        if not post:
            continue
        title = post.group("title")
        first = title.split()[0]
        country = lx.DEMONYMS.get(first.lower())
        if country:
            title = title[len(first):].strip()
        elif post.group("head") in ("Menteri", "Menaker", "Wamenaker"):
            country = "country-id"
        org = countries.get(country)
        before_head = title[:title.find(post.group("head"))].split()
        if post.group("head") == "Secretary" and not (before_head or re.search(r"Secretary\s+(?:of|for)\s", title)):
            continue                # "Secretary" alone is no national post
        if org is not None and all(w.lower() in lx.ORG_WORDS or w.lower() in lx.TITLE_WORDS for w in before_head):
            add(m.entity, title, org, sent, "role.national-post")
            with_role.add(m.entity.key)
    # "Deputy Minister of Labour and Social Welfare, Ms X": the ministry of that portfolio,
    # when the article names it ("the Ministry of Labour and Social Welfare")
    ministries = {}
    for e in entities:
        if e.type == "Organization":
            for name in (e.label, *e.aliases):
                port = re.match(r"(?:ministry\s+of|kementerian|department\s+of)\s+(?:the\s+)?(.+)$", fold(name))
                if port:
                    ministries.setdefault(port.group(1), e)
    for i, m in enumerate(mentions):
        if m.entity.type != "Person" or m.entity.key in with_role or not ministries:
            continue
        sent = sentence_at(sents, m.start) or Span(0, len(body), body)
        floor = mentions[i - 1].end if i > 0 and mentions[i - 1].end > sent.start else sent.start
        seg = _HONORIFIC_END.sub("", body[floor:m.start])
        post = _PORTFOLIO_POST.search(seg)
        if not post:
            continue
        org = ministries.get(fold(post.group("portfolio")))
        if org is not None:
            add(m.entity, post.group("title"), org, sent, "role.portfolio-ministry")
            with_role.add(m.entity.key)
    # "the Thai delegation, led by TITLE PERSON", "delegasi Vietnam dipimpin oleh TITLE PERSON":
    # the head of a country's delegation holds the post (if named) for that country
    for i, m in enumerate(mentions):
        if m.entity.type != "Person" or m.entity.key in with_role:
            continue
        sent = sentence_at(sents, m.start) or Span(0, len(body), body)
        floor = mentions[i - 1].end if i > 0 and mentions[i - 1].end > sent.start else sent.start
        tstart = _title_before(body, m.start, floor)
        lead_end = tstart if tstart is not None else m.start
        led = _LED_BY.search(body[sent.start:lead_end])
        if not led:
            continue
        country = _delegation_country(body, sent.start, sent.start + led.start(), mentions, countries)
        if country is None:
            continue
        title = body[tstart:m.start].strip(" ,") if tstart is not None else None
        add(m.entity, title or None, country, sent, "role.delegation-head")
        with_role.add(m.entity.key)
    # COUNTRY's TITLE, [honorific] PERSON
    for i, m in enumerate(mentions):
        if m.entity.type not in ("Country", "Organization"):
            continue
        poss = re.match(r"[’']s\s+", body[m.end:m.end + 4])
        if not poss:
            continue
        sent = sentence_at(sents, m.start) or Span(0, len(body), body)
        t = _title_after(body, m.end + poss.end(), sent.end)
        if not t:
            continue
        # no comma: "Vietnam's Deputy Minister of Labour, Invalids and Social Affairs Le Van Thanh"
        inside = next((x for x in mentions[i + 1:] if x.entity.type == "Person" and t[0] < x.start <= t[1] + 1
                       and body[x.start - 1].isspace()), None)
        if inside is not None and not re.search(r"[.;]", body[t[0]:inside.start]):
            title = re.sub(r"[\s,]+$", "", body[t[0]:inside.start])
            if len(title.split()) >= 1:
                add(inside.entity, title, m.entity, sent, "role.possessive")
                continue
        follow = re.match(r"\s*,\s*(?:(?:His|Her)\s+Excellency\s+|H\.E\.\s+|(?:Mr|Ms|Mrs|Dr)\.\s+)?", body[t[1]:sent.end])
        if not follow:
            continue
        at = t[1] + follow.end()
        for x in mentions[i + 1:]:
            if x.start == at and x.entity.type == "Person":
                add(x.entity, body[t[0]:t[1]], m.entity, sent, "role.possessive")
                break
            if x.start > at:
                break
    return roles
