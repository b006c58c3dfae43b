"""The ontology, the reference entities and the concept schemes of ontology/.

These files are data the rest of labourgraph trusts: the extractor links names to the
entities, the graph writer copies their descriptions, the shapes and queries use the terms.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from labourgraph.namespaces import LG, LGC, LGR, ORG, PREFIXES, SCHEMA, slug

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
CORPUS_README = ROOT.parent / "shared" / "corpus" / "README.md"

#: Wikidata items checked by hand (the [V] entries of the design brief); nothing else may be linked.
VERIFIED_WIKIDATA = {
    "country-bn": "Q921", "country-kh": "Q424", "country-id": "Q252", "country-la": "Q819",
    "country-my": "Q833", "country-mm": "Q836", "country-ph": "Q928", "country-sg": "Q334",
    "country-th": "Q869", "country-vn": "Q881", "country-tl": "Q574", "country-cn": "Q148",
    "country-jp": "Q17", "country-kr": "Q884", "org-asean": "Q7768", "place-kuala-lumpur": "Q1865",
    "place-hanoi": "Q1858", "place-ho-chi-minh-city": "Q1854", "place-jakarta": "Q3630",
    "place-bandung": "Q10389",
}
#: Names deliberately shared by several entities: the extractor must choose by context.
AMBIGUOUS_NAMES = {
    "kementerian dalam negeri": {"org-kemendagri", "org-moha-vn"},
    "ministry of home affairs": {"org-kemendagri", "org-moha-vn"},
    "ministry of manpower": {"org-kemnaker", "org-mom-sg"},
}
KINDS = {"country": {LG.Country}, "org": {ORG.Organization}, "place": {SCHEMA.Place},
         "series": {LG.MeetingSeries}, "programme": {LG.Programme}, "document": {LG.Document}}
ASEAN_MEMBERS = ["bn", "kh", "id", "la", "my", "mm", "ph", "sg", "th", "vn", "tl"]


@cache
def graph(name: str) -> Graph:
    return Graph().parse(ONTOLOGY / name)


@cache
def everything() -> Graph:
    g = Graph()
    for name in ("labourgraph.ttl", "entities.ttl", "schemes.ttl"):
        for t in graph(name):
            g.add(t)
    return g


def local(node) -> str:
    return str(node).rsplit("/", 1)[-1]


def fold(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


# -- files ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(p.name for p in ONTOLOGY.glob("*.ttl")))
def test_ontology_file_parses(name):
    assert len(graph(name)) > 0


def test_context_declares_exactly_the_project_prefixes():
    context = json.loads((ONTOLOGY / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert context == {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def test_ontology_header():
    g = graph("labourgraph.ttl")
    onto = URIRef("https://w3id.org/labourgraph/ns")
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionInfo) is not None
    assert g.value(onto, URIRef("http://purl.org/dc/terms/license")) is not None
    assert {lit.language for lit in g.objects(onto, URIRef("http://purl.org/dc/terms/title"))} >= {"en", "id"}


# -- terms --------------------------------------------------------------------------------

def used_lg_terms() -> dict[str, set[str]]:
    """lg: local names used in the model, the ontology files, the shape examples and the code."""
    used: dict[str, set[str]] = defaultdict(set)
    texts = [ROOT / "docs" / "model.md", *ONTOLOGY.glob("*.ttl"), *(ROOT / "tests" / "shapes").glob("*.ttl"),
             *(ROOT / "queries").glob("**/*.rq")]
    for path in texts:
        for name in re.findall(r"(?<![\w/])lg:([A-Za-z][A-Za-z0-9]*)", path.read_text(encoding="utf-8")):
            used[name].add(path.name)
    for path in (ROOT / "src" / "labourgraph").rglob("*.py"):
        for name in re.findall(r"\bLG\.([A-Za-z][A-Za-z0-9]*)", path.read_text(encoding="utf-8")):
            used[name].add(path.name)
    return used


def test_every_lg_term_used_anywhere_is_declared():
    g = graph("labourgraph.ttl")
    declared = {local(s).split("#")[-1] for s in g.subjects(RDFS.isDefinedBy, None)}
    missing = {name: sorted(files) for name, files in used_lg_terms().items() if name not in declared}
    assert not missing, missing


def test_every_lg_term_is_typed_labelled_in_english_and_indonesian_and_defined():
    g = graph("labourgraph.ttl")
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    terms = sorted({s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(LG))})
    assert len(terms) > 40
    for term in terms:
        assert set(g.objects(term, RDF.type)) & kinds, term
        assert (term, RDFS.isDefinedBy, URIRef("https://w3id.org/labourgraph/ns")) in g, term
        labels = {lit.language for lit in g.objects(term, RDFS.label)}
        assert labels == {"en", "id"}, (term, labels)
        definitions = {lit.language for lit in g.objects(term, SKOS.definition)}
        assert "en" in definitions, term


def test_classes_are_aligned_to_reused_vocabularies():
    g = graph("labourgraph.ttl")
    for cls, parent in [(LG.Country, SCHEMA.Country), (LG.Meeting, SCHEMA.Event),
                        (LG.MeetingSeries, SCHEMA.EventSeries), (LG.PostHolding, ORG.Membership),
                        (LG.Chairmanship, ORG.Membership), (LG.WorkProgramme, LG.Programme),
                        (LG.Agreement, LG.Document), (LG.Declaration, LG.Document)]:
        assert (cls, RDFS.subClassOf, parent) in g, cls


# -- concepts -------------------------------------------------------------------------------

def concepts() -> list[URIRef]:
    return sorted(graph("schemes.ttl").subjects(RDF.type, SKOS.Concept))


def test_every_concept_has_one_english_and_one_indonesian_preflabel_one_scheme_and_a_definition():
    g = graph("schemes.ttl")
    assert len(concepts()) >= 50
    for c in concepts():
        langs = [lit.language for lit in g.objects(c, SKOS.prefLabel)]
        assert sorted(langs) == ["en", "id"], c
        assert len(list(g.objects(c, SKOS.inScheme))) == 1, c
        assert {lit.language for lit in g.objects(c, SKOS.definition)} >= {"en"}, c
        assert str(c).startswith(str(LGC))


def test_concept_iris_are_the_slug_of_their_english_label_within_their_scheme():
    g = graph("schemes.ttl")
    prefix = {LGC.themes: "theme-", LGC.participationRoles: "role-", LGC.statuses: "status-"}
    for c in concepts():
        en = next(str(lit) for lit in g.objects(c, SKOS.prefLabel) if lit.language == "en")
        assert local(c) == prefix[g.value(c, SKOS.inScheme)] + slug(en), c


def test_theme_scheme_holds_exactly_the_controlled_theme_labels():
    if not CORPUS_README.is_file():
        pytest.skip("shared corpus README not available")
    text = CORPUS_README.read_text(encoding="utf-8")
    block = text.split("**Themes**", 1)[1].split("- A theme is listed", 1)[0]
    block = re.sub(r"^\s*- English labels from a controlled list.*?§2\.5:\s*$", "", block, flags=re.M | re.S)
    labels = {" ".join(part.split()).strip(" -") for part in re.split(r"·|\n\s+- ", block)}
    labels = {label for label in labels if label}
    g = graph("schemes.ttl")
    themes = {str(lit) for c in g.subjects(SKOS.inScheme, LGC.themes)
              for lit in g.objects(c, SKOS.prefLabel) if lit.language == "en"}
    assert themes == labels


def test_participation_roles_and_statuses_cover_the_model():
    g = graph("schemes.ttl")
    roles = {local(c) for c in g.subjects(SKOS.inScheme, LGC.participationRoles)}
    assert roles >= {f"role-{r}" for r in ("host", "chair", "delegate", "head-of-delegation", "observer",
                                            "dialogue-partner", "secretariat-support", "presenter",
                                            "organizer", "speaker", "participant")}
    statuses = {local(c) for c in g.subjects(SKOS.inScheme, LGC.statuses)}
    assert statuses >= {f"status-{s}" for s in ("planned", "upcoming", "held", "under-discussion", "adopted",
                                                  "signed", "in-force", "cancelled")}


def test_broader_concepts_stay_in_their_scheme():
    g = graph("schemes.ttl")
    for c, broader in g.subject_objects(SKOS.broader):
        assert g.value(c, SKOS.inScheme) == g.value(broader, SKOS.inScheme), c


# -- labels of everything labelled ----------------------------------------------------------

@pytest.mark.parametrize("name", ["entities.ttl", "schemes.ttl"])
def test_labels_are_pairwise_disjoint_and_one_preflabel_per_language(name):
    g = graph(name)
    for s in set(g.subjects(SKOS.prefLabel, None)):
        pref = set(g.objects(s, SKOS.prefLabel))
        alt = set(g.objects(s, SKOS.altLabel))
        hidden = set(g.objects(s, SKOS.hiddenLabel))
        assert not (pref & alt or pref & hidden or alt & hidden), s
        langs = [lit.language for lit in pref]
        assert len(langs) == len(set(langs)), s


# -- reference entities -------------------------------------------------------------------

def entities() -> list[URIRef]:
    """The named reference entities (periods have no names)."""
    return sorted({s for s in graph("entities.ttl").subjects(SKOS.prefLabel, None) if str(s).startswith(str(LGR))})


def test_every_unnamed_reference_node_is_a_period():
    g = graph("entities.ttl")
    unnamed = {s for s in g.subjects() if str(s).startswith(str(LGR))} - set(entities())
    assert unnamed
    for node in unnamed:
        assert local(node).startswith("period-"), node
        assert (node, RDF.type, URIRef("http://purl.org/dc/terms/PeriodOfTime")) in g, node


def test_every_entity_has_a_type_matching_its_iri_and_english_and_indonesian_preflabels():
    g = everything()
    assert len(entities()) >= 150
    for e in entities():
        kind, _, rest = local(e).partition("-")
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rest), e
        types = set(g.objects(e, RDF.type))
        closure = set(types)
        for t in types:
            closure |= set(g.transitive_objects(t, RDFS.subClassOf))
        assert KINDS[kind] <= closure, (e, types)
        assert sorted(lit.language for lit in g.objects(e, SKOS.prefLabel)) == ["en", "id"], e


def test_every_entity_the_reference_data_points_to_is_described():
    g = graph("entities.ttl")
    described = {s for s in g.subjects() if str(s).startswith(str(LGR))}
    for s, p, o in g:
        if isinstance(o, URIRef) and str(o).startswith(str(LGR)):
            assert o in described, (s, p, o)


def test_countries_have_their_iso_code_as_notation():
    g = graph("entities.ttl")
    countries = sorted(g.subjects(RDF.type, LG.Country))
    assert len(countries) >= 25
    for c in countries:
        assert [str(n) for n in g.objects(c, SKOS.notation)] == [local(c).removeprefix("country-").upper()], c


def test_asean_member_states_are_members_of_asean():
    g = graph("entities.ttl")
    members = {local(s) for s in g.subjects(ORG.memberOf, LGR["org-asean"])}
    assert members == {f"country-{code}" for code in ASEAN_MEMBERS}


def test_every_government_body_union_and_publisher_names_its_country():
    g = graph("entities.ttl")
    national = {SCHEMA.GovernmentOrganization, SCHEMA.NewsMediaOrganization, ORG.OrganizationalUnit}
    for e in entities():
        if set(g.objects(e, RDF.type)) & national:
            assert (e, LG.country, None) in g, e


def test_every_meeting_series_has_a_canonical_notation_and_a_body():
    g = graph("entities.ttl")
    series = sorted(g.subjects(RDF.type, LG.MeetingSeries))
    notations = {str(g.value(s, SKOS.notation)) for s in series}
    assert {"SLOM", "SLOM+3", "SLOM-WG", "ALMM", "ALMM+3", "ACMW", "AFML", "ASEAN-OSHNET CBM",
            "ASEAN-OSHNET Conference", "ASEAN Summit", "ASEAN TUC annual meeting"} <= notations
    for s in series:
        assert len(list(g.objects(s, SKOS.notation))) == 1, s
        body = g.value(s, LG.seriesOf)
        assert body is not None and (body, RDF.type, ORG.Organization) in g, s


def test_every_wikidata_link_is_a_verified_one():
    g = graph("entities.ttl")
    links = {local(s): str(o).rsplit("/", 1)[-1] for s, o in g.subject_objects(SCHEMA.sameAs)}
    assert links == VERIFIED_WIKIDATA


def test_no_two_entities_of_one_kind_share_a_preferred_label():
    g = graph("entities.ttl")
    seen: dict[tuple[str, str], URIRef] = {}
    for e in entities():
        kind = local(e).split("-", 1)[0]
        for lit in g.objects(e, SKOS.prefLabel):
            key = (kind, fold(str(lit)))
            assert key not in seen or seen[key] == e, (e, seen.get(key), str(lit))
            seen[key] = e


def test_names_shared_by_two_entities_are_a_body_and_its_series_or_declared_ambiguous():
    g = graph("entities.ttl")
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entities():
        for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for lit in g.objects(e, p):
                owners[fold(str(lit))].add(local(e))
    series_of = {local(s): local(o) for s, o in g.subject_objects(LG.seriesOf)}
    for name, keys in sorted(owners.items()):
        if len(keys) < 2:
            continue
        if len(keys) == 2:
            a, b = sorted(keys)
            if series_of.get(b) == a or series_of.get(a) == b:
                continue
        assert AMBIGUOUS_NAMES.get(name) == keys, (name, sorted(keys))


def test_ambiguous_ministry_names_are_both_kept_with_their_countries():
    g = graph("entities.ttl")
    countries = {local(g.value(LGR[key], LG.country)) for key in AMBIGUOUS_NAMES["kementerian dalam negeri"]}
    assert countries == {"country-id", "country-vn"}


@pytest.mark.parametrize("surface, key", [
    ("Kemnaker", "org-kemnaker"), ("Kementerian Ketenagakerjaan Republik Indonesia", "org-kemnaker"),
    ("Ministry of Manpower of Indonesia", "org-kemnaker"), ("ATUC", "org-asean-tuc"),
    ("ASETUC", "org-asetuc"), ("Organisasi Buruh Internasional", "org-ilo"), ("Tiongkok", "country-cn"),
    ("Korea Selatan", "country-kr"), ("Swiss", "country-ch"), ("Asia Tenggara", "place-southeast-asia"),
    ("SLOM Plus Tiga", "org-slom-plus-3"), ("Jaringan Keselamatan dan Kesehatan Kerja ASEAN", "org-asean-oshnet"),
    ("ALM-WP 2021-2025", "programme-alm-work-programme-2021-2025"), ("Piagam ASEAN", "document-asean-charter"),
    ("Visi Komunitas ASEAN 2045", "document-asean-community-vision-2045"),
])
def test_surface_forms_of_the_press_name_their_entity(surface, key):
    g = graph("entities.ttl")
    names = {fold(str(lit)) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
             for lit in g.objects(LGR[key], p)}
    assert fold(surface) in names
