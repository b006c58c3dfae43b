"""Turn extraction records into RDF, as ``docs/model.md`` describes.

:func:`article_quads` writes what one article says into its own named graph
(``lgr:graph-<article id>``): the article, its evidence spans and mentions, and every fact
with its provenance. :func:`describe_entities` writes the default graph: one description
per entity (types, one ``skos:prefLabel`` per language, the other names as
``skos:altLabel``), merged over all articles, plus the reference data of the entities and
concepts used. No blank nodes: every IRI is built from content, so output is deterministic.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox

from labourgraph import __version__
from labourgraph.articles import Article
from labourgraph.namespaces import PREFIXES, DCAT, DCTERMS, FOAF, LG, LGC, LGR, OA, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, XSD, slug
from labourgraph.records import Entity, Evidence, Extraction, Span
from labourgraph.relations import chair_theme
from labourgraph.store import KnowledgeGraph

#: extract type -> classes (docs/model.md)
ENTITY_CLASSES: dict[str, tuple[str, ...]] = {
    "Person": (SCHEMA.Person, FOAF.Person),
    "Organization": (ORG.Organization,),
    "Country": (LG.Country,),
    "Place": (SCHEMA.Place,),
    "Event": (LG.Meeting,),
    "Programme": (LG.Programme,),
    "Document": (LG.Document,),
    "Theme": (LG.EventTheme,),
}
MODE_INDIVIDUALS = {
    "online": SCHEMA.OnlineEventAttendanceMode,
    "in-person": SCHEMA.OfflineEventAttendanceMode,
    "hybrid": SCHEMA.MixedEventAttendanceMode,
}
#: relation predicates whose property points the other way (meeting -> agent)
REVERSED_PREDICATES = {"hosts", "chairs", "organises"}
#: relation predicate of `extract` -> property (docs/model.md)
RELATION_PROPERTIES = {
    "hosts": LG.host, "chairs": LG.chair, "organises": SCHEMA.organizer,
    "memberOf": ORG.memberOf, "reportsTo": LG.reportsTo,
    "initiated": LG.initiated, "drafts": LG.drafted, "presents": LG.presented, "adopts": LG.adopted,
    "implements": LG.implements, "supports": LG.supports, "signs": LG.signed,
    "cooperatesWith": LG.cooperatesWith, "signsMoUWith": LG.cooperatesWith, "funds": LG.funds,
    "replaces": DCTERMS.replaces, "represents": LG.represents, "adoptedAt": LG.adoptedAt,
}
PARTICIPATION_PREDICATES = {"attends": "delegate", "observes": "observer", "speaksAt": "speaker",
                            "presentsAt": "presenter", "meets": "participant"}
PRIORITY_PREDICATES = {"prioritises": "priority", "proposes": "proposal", "discusses": "discussion",
                       "plans": "plan"}
QUOTE_CONTEXT = 32
AGENT = ox.NamedNode(LGR["agent-labourgraph"])


def node(key: str) -> ox.NamedNode:
    """The IRI of an entity or concept key (``theme-``/``role-``/``status-`` keys are concepts)."""
    if key.startswith(("theme-", "role-", "status-")) and not key.startswith("role-of-"):
        return ox.NamedNode(LGC[key])
    return ox.NamedNode(LGR[key])


def _nn(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def typed_date(value: str) -> ox.Literal:
    """``2025-10-24`` -> xsd:date, ``2025-10`` -> xsd:gYearMonth, ``2025`` -> xsd:gYear."""
    dt = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.string)
    return ox.Literal(value, datatype=_nn(dt))


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.2f}", datatype=_nn(XSD.decimal))


def _int(value: int, dt=XSD.integer) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_nn(dt))


def role_iris(role) -> tuple[ox.NamedNode, ox.NamedNode | None, ox.NamedNode | None]:
    """The post holding, post and role nodes of a role record (no post without a title)."""
    person, org = role.person.split("-", 1)[-1], role.organization.split("-", 1)[-1]
    title = (role.role or "").strip()
    if not title:
        return _nn(LGR[f"holding-{person}-{org}"]), None, None
    return (_nn(LGR[f"holding-{person}-{org}-{slug(title)}"]), _nn(LGR[f"post-{org}-{slug(title)}"]),
            _nn(LGR[f"role-of-{slug(title)}"]))


class _ArticleWriter:
    """Collects the quads of one article's named graph."""

    def __init__(self, article: Article, extraction: Extraction):
        self.article = article
        self.ex = extraction
        self.graph = _nn(LGR[f"graph-{article.id}"])
        self.article_node = _nn(LGR[f"article-{article.id}"])
        self.activity = _nn(LGR[f"extraction-{article.id}"])
        self.quads: list[ox.Quad] = []
        self.lang = extraction.language or "und"

    def add(self, s, p, o) -> None:
        if not isinstance(s, (ox.NamedNode, ox.BlankNode)):
            s = _nn(s)
        if not isinstance(p, ox.NamedNode):
            p = _nn(p)
        if not isinstance(o, (ox.NamedNode, ox.BlankNode, ox.Literal)):
            o = _nn(o)
        self.quads.append(ox.Quad(s, p, o, self.graph))

    # -- provenance ---------------------------------------------------------------------

    def span(self, span: Span) -> ox.NamedNode:
        """The evidence node of a stretch of text (its selectors included)."""
        base = f"span-{self.article.id}-{span.start}-{span.end}"
        iri = _nn(LGR[base])
        pos, quote = _nn(LGR[base + "-position"]), _nn(LGR[base + "-quote"])
        text = self.article.text
        self.add(iri, RDF.type, OA.SpecificResource)
        self.add(iri, RDF.type, PROV.Entity)
        self.add(iri, OA.hasSource, self.article_node)
        self.add(iri, OA.hasSelector, pos)
        self.add(iri, OA.hasSelector, quote)
        self.add(pos, RDF.type, OA.TextPositionSelector)
        self.add(pos, OA.start, _int(span.start, XSD.nonNegativeInteger))
        self.add(pos, OA.end, _int(span.end, XSD.nonNegativeInteger))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, ox.Literal(text[span.start:span.end]))
        self.add(quote, OA.prefix, ox.Literal(text[max(0, span.start - QUOTE_CONTEXT):span.start]))
        self.add(quote, OA.suffix, ox.Literal(text[span.end:span.end + QUOTE_CONTEXT]))
        return iri

    def evidence(self, subject, evidence: Evidence | None, status: str | None = None) -> None:
        """Attach provenance (and modality) to a fact node."""
        if evidence is not None:
            self.add(subject, PROV.wasDerivedFrom, self.span(evidence.sentence))
            self.add(subject, LG.extractionRule, ox.Literal(evidence.rule))
            self.add(subject, LG.confidence, _decimal(evidence.confidence))
        self.add(subject, PROV.wasGeneratedBy, self.activity)
        if status:
            self.add(subject, LG.status, node(f"status-{slug(status)}"))

    def statement(self, s, p, o, evidence: Evidence | None, status: str | None = None) -> ox.NamedNode:
        """A binary fact: the triple itself plus an rdf:Statement carrying its evidence."""
        s, p, o = (x if isinstance(x, (ox.NamedNode, ox.Literal)) else _nn(x) for x in (s, p, o))
        self.add(s, p, o)
        digest = hashlib.sha1(f"{s} {p} {o}".encode()).hexdigest()[:16]
        st = _nn(LGR[f"statement-{digest}"])
        self.add(st, RDF.type, RDF.Statement)
        self.add(st, RDF.subject, s)
        self.add(st, RDF.predicate, p)
        self.add(st, RDF.object, o)
        self.evidence(st, evidence, status)
        return st

    def period(self, text: str) -> ox.NamedNode:
        """A period node from ``2020/2022`` (or a single year)."""
        start, _, end = text.partition("/")
        iri = _nn(LGR[f"period-{slug(text)}"])
        self.add(iri, RDF.type, DCTERMS.PeriodOfTime)
        self.add(iri, RDF.type, TIME.ProperInterval)
        self.add(iri, DCAT.startDate, typed_date(start))
        self.add(iri, DCAT.endDate, typed_date(end or start))
        return iri

    # -- the article's content ------------------------------------------------------------

    def write(self) -> list[ox.Quad]:
        a, ex, art = self.article_node, self.ex, self.article
        self.add(a, RDF.type, SCHEMA.NewsArticle)
        self.add(a, RDF.type, PROV.Entity)
        self.add(a, DCTERMS.identifier, ox.Literal(art.id))
        self.add(a, SCHEMA.inLanguage, ox.Literal(self.lang))
        if ex.title:
            self.add(a, SCHEMA.headline, ox.Literal(ex.title, language=self.lang))
        if ex.published:
            self.add(a, SCHEMA.datePublished, typed_date(ex.published))
        if ex.publisher:
            self.add(a, SCHEMA.publisher, node(ex.publisher))
        for author in ex.authors:
            self.add(a, SCHEMA.author, node(author))
        if art.url:
            self.add(a, SCHEMA.url, ox.Literal(art.url, datatype=_nn(XSD.anyURI)))
        self.add(self.activity, RDF.type, PROV.Activity)
        self.add(self.activity, PROV.used, a)
        self.add(self.activity, PROV.wasAssociatedWith, AGENT)

        for entity in ex.entities:
            self._entity(entity)
        for role in ex.roles:
            self._role(role)
        for event in ex.events:
            self._event(event)
        for rel in ex.relations:
            self._relation(rel)
        for theme in ex.themes:
            self._theme(theme)
        return self.quads

    def _entity(self, e: Entity) -> None:
        iri = node(e.key)
        if not e.mentions and e.rule == "metadata":
            return              # named by the metadata sidecar (the publisher), not by the text
        self.add(self.article_node, SCHEMA.mentions, iri)
        for span in e.mentions:
            ann = _nn(LGR[f"mention-{self.article.id}-{span.start}-{span.end}"])
            self.add(ann, RDF.type, OA.Annotation)
            self.add(ann, OA.motivatedBy, OA.identifying)
            self.add(ann, OA.hasBody, iri)
            self.add(ann, OA.hasTarget, self.span(span))

    def _role(self, role) -> None:
        person, org = node(role.person), node(role.organization)
        title = (role.role or "").strip()
        holding, post, role_node = role_iris(role)
        self.add(holding, RDF.type, LG.PostHolding)
        self.add(holding, ORG.member, person)
        self.add(holding, ORG.organization, org)
        if self.ex.published:
            self.add(holding, LG.attestedOn, typed_date(self.ex.published))
        if title:
            self.add(holding, LG.roleTitle, ox.Literal(title, language=self.lang))
            self.add(holding, ORG.role, role_node)
            self.add(holding, LG.post, post)
            self.add(post, RDF.type, ORG.Post)
            self.add(post, ORG.postIn, org)
            self.add(post, ORG.role, role_node)
            self.add(post, ORG.heldBy, person)
            self.add(person, ORG.holds, post)
            self.add(role_node, RDF.type, ORG.Role)
        self.evidence(holding, role.evidence, role.status)

    def _event(self, ev) -> None:
        m = node(ev.key)
        if ev.series_key:
            self.add(m, SCHEMA.superEvent, node(ev.series_key))
        if ev.edition:
            self.add(m, LG.editionNumber, _int(ev.edition, XSD.positiveInteger))
        if ev.date or getattr(ev, "approx_date", None):
            self.add(m, SCHEMA.startDate, typed_date(ev.date or ev.approx_date))
        if ev.end_date:
            self.add(m, SCHEMA.endDate, typed_date(ev.end_date))
        if ev.date_text:
            self.add(m, LG.dateText, ox.Literal(ev.date_text, language=self.lang))
        if ev.place:
            self.add(m, SCHEMA.location, node(ev.place))
        if ev.mode in MODE_INDIVIDUALS:
            self.add(m, SCHEMA.eventAttendanceMode, _nn(MODE_INDIVIDUALS[ev.mode]))
        for prop, value in ((LG.host, ev.host), (LG.chair, ev.chair), (SCHEMA.organizer, ev.organizer),
                            (LG.eventTheme, ev.theme)):
            if value:
                self.add(m, prop, node(value))
        self.evidence(m, ev.evidence, ev.status)
        for p in ev.participants:
            self._participation(ev.key, p.key, p.role, p.mode, p.represented_by, p.evidence or ev.evidence)

    def _participation(self, event_key, agent_key, role, mode, represented_by, evidence, status=None):
        iri = _nn(LGR[f"participation-{event_key.split('-', 1)[-1]}-{agent_key}"])
        self.add(iri, RDF.type, LG.Participation)
        self.add(iri, LG.event, node(event_key))
        self.add(iri, LG.participant, node(agent_key))
        self.add(iri, LG.participationRole, node(f"role-{slug(role or 'participant')}"))
        if mode in MODE_INDIVIDUALS:
            self.add(iri, LG.attendanceMode, _nn(MODE_INDIVIDUALS[mode]))
        if represented_by:
            self.add(iri, LG.representedBy, node(represented_by))
        self.evidence(iri, evidence, status)

    def _priority(self, actor, theme, evidence, rank=None, period=None, kind="priority", status=None):
        iri = _nn(LGR[f"priority-{actor}-{theme}"])
        self.add(iri, RDF.type, LG.Priority)
        self.add(iri, LG.actor, node(actor))
        self.add(iri, LG.theme, node(theme))
        self.add(iri, LG.priorityType, ox.Literal(kind))
        if rank:
            self.add(iri, LG.rank, _int(rank, XSD.positiveInteger))
        if period:
            self.add(iri, LG.period, self.period(period))
        self.evidence(iri, evidence, status)
        self.statement(node(actor), LG.prioritises, node(theme), evidence, status)

    def _relation(self, rel) -> None:
        pred = rel.predicate
        subj, obj = rel.subject, rel.object
        if pred in PARTICIPATION_PREDICATES:
            self._participation(obj, subj, PARTICIPATION_PREDICATES[pred], None, None, rel.evidence, rel.status)
            return
        if pred in PRIORITY_PREDICATES and obj.startswith("theme-"):
            self._priority(subj, obj, rel.evidence, period=rel.time if rel.time and "/" in rel.time else None,
                           kind=PRIORITY_PREDICATES[pred], status=rel.status)
            return
        if pred == "signs" and obj.startswith("document-"):
            self._agreement_party(obj, subj, rel)
        if pred == "signsMoUWith":
            for signed in self.ex.relations:
                if signed.predicate == "signs" and signed.subject == subj and signed.object.startswith("document-"):
                    self._agreement_party(signed.object, obj, rel)
        if pred in ("chairs", "willChair") and not obj.startswith("meeting-"):
            self._chairmanship(subj, obj, rel, planned=pred == "willChair")
            return
        if pred in ("locatedIn", "heldIn"):
            prop = SCHEMA.location if subj.startswith("meeting-") else SCHEMA.containedInPlace
        elif pred == "partOf":
            prop = ORG.unitOf if subj.startswith("org-") and obj.startswith("org-") and self._is_unit(subj) \
                else ORG.subOrganizationOf if subj.startswith("org-") else DCTERMS.isPartOf
        else:
            prop = RELATION_PROPERTIES.get(pred)
        if prop is None:
            prop = LG.relatedTo
        if pred in REVERSED_PREDICATES:
            subj, obj = obj, subj
        st = self.statement(node(subj), prop, node(obj), rel.evidence, rel.status)
        if prop == LG.relatedTo:
            self.add(st, LG.relationType, ox.Literal(pred))
        if pred == "represents":
            self._represented_by(subj, obj, rel)

    def _represented_by(self, person: str, party: str, rel) -> None:
        """"X mewakili Y" at a meeting: Y's participation there is lg:representedBy X. The
        meeting is the one named in the sentence, else the one meeting of the article where Y
        or X takes part (or the article's only meeting); without one, only lg:represents."""
        sent = rel.evidence.sentence
        events = [ev for ev in self.ex.events if any(sent.start <= m.start and m.end <= sent.end for m in ev.mentions)]
        if len(events) != 1:
            events = [ev for ev in self.ex.events if self._takes_part(ev.key, party) or self._takes_part(ev.key, person)]
        if len(events) != 1:
            events = self.ex.events if len(self.ex.events) == 1 else []
        if len(events) != 1:
            return
        key = events[0].key
        iri = _nn(LGR[f"participation-{key.split('-', 1)[-1]}-{party}"])
        if not self._takes_part(key, party):
            self.add(iri, RDF.type, LG.Participation)
            self.add(iri, LG.event, node(key))
            self.add(iri, LG.participant, node(party))
            self.add(iri, LG.participationRole, node("role-delegate"))
        self.add(iri, LG.representedBy, node(person))
        self.evidence(iri, rel.evidence)

    def _takes_part(self, event_key: str, agent: str) -> bool:
        return any(p.key == agent for ev in self.ex.events if ev.key == event_key for p in ev.participants) or any(
            r.subject == agent and r.object == event_key for r in self.ex.relations if r.predicate in PARTICIPATION_PREDICATES)

    def _agreement_party(self, document: str, party: str, rel) -> None:
        """A signed (or to-be-signed) document is an lg:Agreement with its parties."""
        doc = node(document)
        self.add(doc, RDF.type, LG.Agreement)
        self.statement(doc, LG.party, node(party), rel.evidence, rel.status)
        if rel.status:
            self.add(doc, LG.status, node(f"status-{slug(rel.status)}"))
        if rel.predicate == "signs" and rel.time and rel.status in ("planned", "upcoming"):
            self.add(doc, LG.plannedSigning, typed_date(rel.time[:10]))

    def _is_unit(self, key: str) -> bool:
        e = self.ex.entity(key)
        return bool(e and "org:OrganizationalUnit" in e.classes) or key.startswith(("org-biro", "org-direktorat", "org-departemen", "org-department"))

    def _chairmanship(self, member, body, rel, planned: bool) -> None:
        period = rel.time
        local = f"chairmanship-{member}-{body}" + (f"-{slug(period)}" if period else "")
        iri = _nn(LGR[local])
        self.add(iri, RDF.type, LG.Chairmanship)
        self.add(iri, ORG.member, node(member))
        self.add(iri, ORG.organization, node(body))
        self.add(iri, ORG.role, node("role-chair"))
        if period:
            self.add(iri, ORG.memberDuring, self.period(period))
        theme = chair_theme(self.article.body, self.ex.sentences, self.ex.entities, self.ex.events, member)
        if theme is not None:                # "... dengan tema "..."": the chairmanship's theme
            self.add(iri, LG.eventTheme, node(theme[0]))
            self.add(iri, PROV.wasDerivedFrom, self.span(theme[1]))
        self.evidence(iri, rel.evidence, "planned" if planned else rel.status)

    def _theme(self, t) -> None:
        self.statement(self.article_node, DCTERMS.subject, node(t.theme), t.evidence)
        if t.actor:
            self._priority(t.actor, t.theme, t.evidence, rank=t.rank, period=t.period)


def article_quads(article: Article, extraction: Extraction) -> list[ox.Quad]:
    """The quads of one article's named graph."""
    return _ArticleWriter(article, extraction).write()


def article_graph(extraction: Extraction, article: Article, reference: KnowledgeGraph | None = None) -> KnowledgeGraph:
    """One article as a graph: its named graph plus the descriptions of what it names."""
    kg = KnowledgeGraph()
    kg.add(article_quads(article, extraction))
    kg.add(describe_entities([extraction], reference))
    return kg


# -- the default graph: entity descriptions merged over articles -----------------------------

def _reference_subjects(reference: KnowledgeGraph | None) -> dict[str, list[ox.Quad]]:
    by_subject: dict[str, list[ox.Quad]] = defaultdict(list)
    if reference is not None:
        for q in reference.quads():
            if isinstance(q.subject, ox.NamedNode):
                by_subject[q.subject.value].append(q)
    return by_subject


def _pick_pref(counts: Counter) -> str:
    return sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


@cache
def _superclasses() -> dict[str, frozenset[str]]:
    """class IRI -> all its superclasses, from ontology/labourgraph.ttl."""
    from labourgraph.resources import ontology_file

    path = ontology_file("labourgraph.ttl")
    if not path.is_file():
        return {}
    parents: dict[str, set[str]] = defaultdict(set)
    for q in KnowledgeGraph.from_files(path).quads():
        if q.predicate.value == str(RDFS.subClassOf) and isinstance(q.object, ox.NamedNode):
            parents[q.subject.value].add(q.object.value)

    def closure(cls: str, seen: set[str]) -> set[str]:
        for parent in parents.get(cls, ()):
            if parent not in seen:
                seen.add(parent)
                closure(parent, seen)
        return seen

    return {cls: frozenset(closure(cls, set())) for cls in parents}


def describe_entities(extractions: Iterable[Extraction], reference: KnowledgeGraph | None = None) -> list[ox.Quad]:
    """Default-graph quads describing every entity, series and concept the extractions use."""
    extractions = sorted(extractions, key=lambda e: e.article_id)
    ref = _reference_subjects(reference)
    default = ox.DefaultGraph()
    out: set[ox.Quad] = set()

    def emit(s, p, o):
        out.add(ox.Quad(s if isinstance(s, ox.NamedNode) else _nn(s), _nn(p), o if isinstance(o, (ox.NamedNode, ox.Literal)) else _nn(o), default))

    labels: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    types: dict[str, set] = defaultdict(set)
    used: set[str] = {AGENT.value}
    for ex in extractions:
        lang = ex.language or "und"
        for e in ex.entities:
            iri = node(e.key).value
            used.add(iri)
            types[iri].update(_nn(c) for c in ENTITY_CLASSES.get(e.type, ()))
            for curie in e.classes:
                prefix, _, local = curie.partition(":")
                if prefix in PREFIXES:
                    types[iri].add(_nn(PREFIXES[prefix][local]))
            labels[iri][lang][e.label] += 2
            for alias in e.aliases:
                labels[iri][lang][alias] += 1
        for ev in ex.events:
            iri = node(ev.key).value
            used.add(iri)
            types[iri].add(_nn(LG.Meeting))
            labels[iri][lang][ev.label] += 2
            if ev.series_key:
                s_iri = node(ev.series_key).value
                used.add(s_iri)
                types[s_iri].add(_nn(LG.MeetingSeries))
                if ev.series:
                    labels[s_iri]["en"][ev.series] += 1
            for p in ev.participants:
                used.add(node(f"role-{slug(p.role or 'participant')}").value)
            if ev.status:
                used.add(node(f"status-{slug(ev.status)}").value)
        for t in ex.themes:
            used.add(node(t.theme).value)
        for r in ex.relations:
            used.update((node(r.subject).value, node(r.object).value))
            if r.predicate in PARTICIPATION_PREDICATES:
                used.add(node(f"role-{PARTICIPATION_PREDICATES[r.predicate]}").value)
            if r.predicate in ("chairs", "willChair"):
                used.add(node("role-chair").value)
            if r.predicate == "represents":       # may add a delegate's participation
                used.add(node("role-delegate").value)
            if r.status:
                used.add(node(f"status-{slug(r.status)}").value)
        for role in ex.roles:
            if role.status:
                used.add(node(f"status-{slug(role.status)}").value)
            _, post, role_node = role_iris(role)
            if post is not None:
                title = role.role.strip()
                org = ex.entity(role.organization)
                labels[role_node.value][lang][title] += 1
                labels[post.value][lang][f"{title}, {org.label}" if org else title] += 1

    # reference data of everything used, following links to other reference nodes (schemes,
    # parent organisations, containing places) so that the output is self-contained
    queue = sorted(used)
    seen: set[str] = set()
    while queue:
        iri = queue.pop()
        if iri in seen:
            continue
        seen.add(iri)
        for q in ref.get(iri, ()):
            out.add(ox.Quad(q.subject, q.predicate, q.object, default))
            if isinstance(q.object, ox.NamedNode) and q.object.value in ref and q.object.value not in seen:
                queue.append(q.object.value)

    ref_labels: dict[str, set[str]] = defaultdict(set)
    for iri in used:
        for q in ref.get(iri, ()):
            if q.predicate.value in (str(SKOS.prefLabel), str(SKOS.altLabel), str(SKOS.hiddenLabel)):
                ref_labels[iri].add(q.object.value.casefold())

    # every entity also carries its top-level class (lg:Document for an lg:Declaration ...),
    # so `?x a lg:Document` finds it without the ontology in the graph
    top = {_nn(c) for classes in ENTITY_CLASSES.values() for c in classes}
    supers = _superclasses()
    for iri in sorted(types):
        if iri in ref:   # the reference data's types win over the extractor's guess
            stated = {q.object for q in ref[iri] if q.predicate.value == str(RDF.type)}
        else:
            stated = set(types[iri])
        for cls in stated:
            for sup in supers.get(cls.value, ()):
                if _nn(sup) in top and _nn(sup) not in stated:
                    emit(iri, RDF.type, _nn(sup))

    for iri in sorted(set(types) | set(labels)):
        in_reference = iri in ref
        if not in_reference:
            for t in types[iri]:
                emit(iri, RDF.type, t)
        for lang, counts in sorted(labels[iri].items()):
            if in_reference:
                for label in sorted(counts):
                    if label.casefold() not in ref_labels[iri]:
                        emit(iri, SKOS.altLabel, ox.Literal(label, language=lang))
                        ref_labels[iri].add(label.casefold())
                continue
            pref = _pick_pref(counts)
            emit(iri, SKOS.prefLabel, ox.Literal(pref, language=lang))
            for label in sorted(counts):
                if label != pref:
                    emit(iri, SKOS.altLabel, ox.Literal(label, language=lang))

    emit(AGENT, RDF.type, PROV.SoftwareAgent)
    emit(AGENT, SKOS.prefLabel, ox.Literal("labourgraph", language="en"))
    emit(AGENT, SCHEMA.softwareVersion, ox.Literal(__version__))
    return sorted(out, key=str)
