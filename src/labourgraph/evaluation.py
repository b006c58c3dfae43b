"""Measure extraction against gold annotations with the shared scorer, and explain the errors.

    labourgraph evaluate GOLD_DIR ARTICLES_DIR [--per-article] [--json] [--keep DIR] [--scorer score.py] [--explain]
    python -m labourgraph.evaluation ...        (the same command)

:func:`run` extracts every article of ``ARTICLES_DIR`` that has a gold file, in this one
process (spaCy and the gazetteer are loaded once), writes the JSON predictions into a folder
named as the scorer expects (``NN.json``; seeds ``seed-NNN.json`` when the gold files are
named so) and scores them with the shared scorer (``score.py``, found as
``<shared>/eval/score.py`` above the gold folder unless given).

:func:`explain` lists every miss (a gold item the scorer did not match) and every false find
(a predicted item it did not match) for entities, roles, events and themes, and the event
date/place/host/mode mismatches on matched events. The pairs come from the scorer itself: its
``score_article`` is run with its ``greedy_match`` recorded, so a miss here is exactly what
the scorer counts. Each finding carries the article, the sentence it sits in, a category and
the extraction rule that fired (false finds) or the nearest one (misses).

Categories (first that applies; ``CATEGORIES`` lists them all):

entities (miss)
    wrong type: the extractor has the same name with another type; name boundary: a
    prediction of the same type covers part of the gold name's first occurrence (or the
    reverse); not in text as written: no name of the item occurs in the article; numbered
    meeting, known series / numbered meeting, unknown series (an ordinal in the name; the
    series is known when the gazetteer has it) / unnumbered meeting (Event); lowercase
    descriptive name: the name starts lowercase; acronym only: every name is one capitalised
    token; quoted title (Theme); post after name / post before name / name without post
    (Person: a post word within the few words after or before the name); unknown
    organisation, unknown place, unknown country, unknown programme, unknown document.
entities (false find)
    wrong type, name boundary, lowercase descriptive name, acronym only, meeting not in
    gold (Event), else ``<type> not in gold``.
roles (miss)
    person not found, organisation not found (no predicted entity of that name), wrong
    organisation (a predicted role joins the person to another organisation), no post named
    (gold role is null), post after name, post before name, post apart from name.
roles (false find)
    wrong organisation (the gold joins the person to another one), person holds no post in
    gold.
events (miss / false find)
    wrong edition (same series, other edition), numbered meeting, known series / unknown
    series, unnumbered meeting (miss: the extractor has an unnumbered event at the same
    place → "unnumbered meeting, date disagrees"; no place in gold → "unnumbered meeting,
    no place"), and for false finds numbered/unnumbered meeting not in gold.
any
    no article: the gold file has no article in ARTICLES_DIR (scored as an empty prediction).
role posts (matched roles)
    post missing, post differs (the scorer's ``roles.title``).
event attributes (matched events)
    date missing, date wrong, place missing, place wrong, host missing, host wrong, mode
    missing, mode wrong.
themes
    theme not triggered (miss: no label of the theme in the scheme occurs in the text), theme
    trigger not counted (miss: one occurs, and the theme rule did not count it), theme not in
    gold (false find).
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import sys
import tempfile
from bisect import bisect_right
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from labourgraph.errors import LabourgraphError

MEASURES = ("entities", "roles", "events", "themes")

#: Post words (English and Indonesian, with the usual abbreviations) used to tell "post after
#: name" from "post before name". A heuristic for error analysis only; the extractor keeps its own.
POST_WORDS = frozenset("""
minister menteri menaker wamenaker vice wakil deputy secretary sekretaris sekjen general jenderal
director direktur dirjen head kepala kabiro chair chairman chairperson chairwoman ketua president
presiden delegate delegasi ambassador dubes duta permanent representative perwakilan watap
undersecretary under-secretary commissioner komisioner officer chief executive coordinator
koordinator adviser advisor penasihat spokesperson deputi asdep governor gubernur founder pendiri
""".split())

ORDINAL_NAME = re.compile(
    r"\bke[\s-]*\d+\b|\b\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|pertama|kedua|ketiga|keempat|kelima)\b|"
    r"(?-i:\b[IVXL]{2,}\b)", re.IGNORECASE)


class EvaluationError(LabourgraphError):
    """The gold or article folder, or the scorer, cannot be used."""


# --- the scorer --------------------------------------------------------------------------

def find_scorer(gold_dir: str | Path) -> Path:
    """``eval/score.py`` in the shared folder that holds ``gold_dir`` (or, for a folder of
    links to gold files, the folder that holds their targets)."""
    gold_dir = Path(gold_dir)
    starts = [gold_dir.resolve()] + [f.resolve().parent for f in sorted(gold_dir.glob("*.json"))[:1]]
    for start in starts:
        for parent in start.parents:
            candidate = parent / "eval" / "score.py"
            if candidate.is_file():
                return candidate
    raise EvaluationError("no eval/score.py in any folder above it; give one with --scorer", gold_dir)


def _load_scorer(path: str | Path):
    path = Path(path)
    if not path.is_file():
        raise EvaluationError("scorer not found", path)
    spec = importlib.util.spec_from_file_location("labourgraph_gold_scorer", path.resolve())
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as err:  # a broken scorer is bad input, reported in one line
        raise EvaluationError(f"the scorer does not load: {err}", path) from None
    if not all(hasattr(module, name) for name in ("score_article", "greedy_match", "add", "prf")):
        raise EvaluationError("not the shared scorer (no score_article/greedy_match/add/prf)", path)
    return module


load_scorer = _load_scorer


def prediction_name(article_stem: str, gold_dir: Path) -> str:
    """The file name the scorer looks for: ``seed-001`` for seed ``001_…`` under seed gold."""
    if (gold_dir / f"{article_stem}.json").exists():
        return article_stem
    prefix = article_stem.split("_", 1)[0]
    if (gold_dir / f"seed-{prefix}.json").exists():
        return f"seed-{prefix}"
    return article_stem


# --- running -----------------------------------------------------------------------------

@dataclass
class ArticleRun:
    """One gold file, its article and prediction, and the scorer's view of them."""

    name: str                                   # the gold file's stem
    gold: dict
    pred: dict
    text: str = ""                              # the article's text ("" when there is no article)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    part: dict = field(default_factory=dict)    # the scorer's figures for this article
    matched: dict = field(default_factory=dict)  # measure -> (gold items, predicted items, pairs)


@dataclass
class Evaluation:
    gold_dir: Path
    pred_dir: Path
    scorer: object
    runs: list[ArticleRun]
    micro: dict
    missing_articles: list[str]


def _check_dirs(gold_dir: Path, articles_dir: Path) -> list[Path]:
    for d in (gold_dir, articles_dir):
        if not d.is_dir():
            raise EvaluationError("no such folder" if not d.exists() else "not a folder", d)
    gold_files = sorted(gold_dir.glob("*.json"))
    if not gold_files:
        raise EvaluationError("no gold files (*.json) in this folder", gold_dir)
    return gold_files


def _micro(scorer, total: dict) -> dict:
    micro = {}
    for key, val in total.items():
        if "tp" in val:
            micro[key] = scorer.prf(val["tp"], val["gold"], val["pred"])
        else:
            micro[key] = {**val, "acc": round(val["right"] / val["known"], 3) if val["known"] else None}
    return micro


def score_with_pairs(scorer, gold: dict, pred: dict) -> tuple[dict, dict]:
    """The scorer's figures for one article and, per measure, the items it compared and the
    pairs it matched (its own ``greedy_match`` calls, recorded)."""
    calls: list = []
    original = scorer.greedy_match

    def recording(g, p, *oks):
        pairs = original(g, p, *oks)
        calls.append((list(g), list(p), list(pairs)))
        return pairs

    scorer.greedy_match = recording
    try:
        part = scorer.score_article(gold, pred)
    finally:
        scorer.greedy_match = original
    # score_article matches events first (entities need the event pairs), then entities,
    # roles and themes; check that against its own counts so a changed scorer fails loudly
    order = ("events", "entities", "roles", "themes")
    ok = len(calls) == len(order) and all(
        len(c[2]) == part[m]["tp"] and len(c[0]) == part[m]["gold"] and len(c[1]) == part[m]["pred"]
        for m, c in zip(order, calls))
    if not ok:
        raise EvaluationError("the scorer's matching is not the one --explain knows (events, entities, "
                              "roles, themes)", getattr(scorer, "__file__", "score.py"))
    return part, dict(zip(order, calls))


def _read_gold(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise EvaluationError(f"not JSON: {err.msg}", path, err.lineno, err.colno) from None
    except (OSError, UnicodeDecodeError) as err:
        raise EvaluationError(f"cannot read the gold file: {err}", path) from None
    if not isinstance(data, dict):
        raise EvaluationError("a gold file holds one JSON object", path, 1, 1)
    return data


def run(gold_dir: str | Path, articles_dir: str | Path, keep: str | Path | None = None,
        scorer_path: str | Path | None = None, progress: bool | None = None) -> Evaluation:
    """Extract every article that has a gold file, write the predictions, score them."""
    from tqdm import tqdm

    from labourgraph.articles import find_articles, read_article
    from labourgraph.extract import to_json
    from labourgraph.pipeline import extract_article

    gold_dir, articles_dir = Path(gold_dir), Path(articles_dir)
    gold_files = _check_dirs(gold_dir, articles_dir)
    scorer = _load_scorer(scorer_path if scorer_path else find_scorer(gold_dir))
    by_name = {}
    for path in find_articles([articles_dir]):
        by_name.setdefault(prediction_name(path.stem, gold_dir), path)
    wanted = [gf.stem for gf in gold_files]
    if not any(n in by_name for n in wanted):
        raise EvaluationError(f"no article here matches a gold file of {gold_dir}", articles_dir)

    tmp = None
    if keep:
        out = Path(keep)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise EvaluationError(f"cannot write the predictions here: {err.strerror}", out) from None
    else:
        tmp = tempfile.TemporaryDirectory(prefix="labourgraph-eval-")
        out = Path(tmp.name)
    runs, missing, total = [], [], {}
    disable = (not progress) if progress is not None else None
    for gf in tqdm(gold_files, desc="extracting", unit="article", disable=disable, leave=False):
        gold = _read_gold(gf)
        path = by_name.get(gf.stem)
        text, sents, pred = "", [], {}
        if path is None:
            missing.append(gf.stem)
        else:
            article = read_article(path)
            extraction = extract_article(article)
            pred = to_json(extraction)
            target = out / f"{gf.stem}.json"
            try:
                target.write_text(json.dumps(pred, ensure_ascii=False, indent=2), encoding="utf-8")
            except OSError as err:
                raise EvaluationError(f"cannot write the prediction: {err.strerror}", target) from None
            text, sents = article.text, [(s.start, s.end) for s in extraction.sentences]
        part, matched = score_with_pairs(scorer, gold, pred)
        scorer.add(total, part)
        runs.append(ArticleRun(gf.stem, gold, pred, text, sents, part, matched))
    evaluation = Evaluation(gold_dir, out, scorer, runs, _micro(scorer, total), missing)
    evaluation._tmp = tmp  # removed with the object
    return evaluation


def score(gold_dir: str | Path, articles_dir: str | Path, keep: str | Path | None = None,
          scorer_path: str | Path | None = None) -> dict:
    """Micro-averaged scores (the scorer's ``--json`` dict) of extraction on ``articles_dir``."""
    return run(gold_dir, articles_dir, keep=keep, scorer_path=scorer_path, progress=False).micro


def scorer_report(evaluation: Evaluation, per_article: bool = False, as_json: bool = False) -> str:
    """What the shared scorer prints for these predictions (its own ``main``)."""
    argv = [str(evaluation.gold_dir), str(evaluation.pred_dir)]
    argv += (["--per-article"] if per_article else []) + (["--json"] if as_json else [])
    scorer, runs = evaluation.scorer, iter(evaluation.runs)
    original = scorer.score_article

    def already_scored(gold, pred):
        """The scorer's main reads the gold files in the order run() scored them: reuse those figures."""
        r = next(runs, None)
        return r.part if r is not None and r.gold == gold else original(gold, pred)

    buf = io.StringIO()
    scorer.score_article = already_scored
    try:
        with contextlib.redirect_stdout(buf):
            code = scorer.main(argv)
    finally:
        scorer.score_article = original
    if code:
        raise EvaluationError(f"the scorer failed (exit {code})", evaluation.gold_dir)
    return buf.getvalue()


# --- explaining --------------------------------------------------------------------------

@dataclass
class Finding:
    """One miss, false find or attribute mismatch."""

    kind: str          # "miss", "false find", "mismatch"
    measure: str       # "entities.Organization", "roles", "events", "events.date", "themes"
    article: str
    item: str          # the item, as one line
    category: str
    sentence: str      # the sentence it sits in ("" when none is found)
    rule: str          # the rule that fired, or the nearest one ("" when none)


def _names(item) -> list[str]:
    if isinstance(item, str):
        return [item]
    if isinstance(item, list):
        return [x for x in item if x]
    out = [item.get(k) for k in ("surface", "label", "name") if item.get(k)]
    return out + [a for a in item.get("aliases", []) or [] if a]


def _pattern(name: str) -> re.Pattern | None:
    words = str(name).split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)


def find_name(text: str, names: list[str]) -> tuple[int, int] | None:
    """The first occurrence in ``text`` of the first name (in the order given) that occurs."""
    for name in names:
        pat = _pattern(name)
        m = pat.search(text) if pat else None
        if m:
            return m.start(), m.end()
    return None


def _sentence(run: ArticleRun, span: tuple[int, int] | None) -> str:
    if span is None or not run.text:
        return ""
    start, end = span
    i = bisect_right([s for s, _ in run.sentences], start) - 1
    if i >= 0 and start < run.sentences[i][1]:
        a, b = run.sentences[i][0], max(run.sentences[i][1], min(end, len(run.text)))
    else:  # no sentence record here: the line around the span
        a = run.text.rfind("\n", 0, start) + 1
        b = run.text.find("\n", end)
        b = len(run.text) if b < 0 else b
    text = " ".join(run.text[a:b].split())
    return text if len(text) <= 400 else text[:397] + "..."


def _overlaps(a: tuple[int, int], b: list) -> bool:
    return bool(b) and a[0] < b[1] and b[0] < a[1]


def _first_mention(item: dict) -> tuple[int, int] | None:
    m = item.get("mentions") or []
    return tuple(m[0]) if m else None


def _evidence(item: dict) -> tuple[int, int] | None:
    ev = item.get("evidence")
    return tuple(ev) if ev else None


_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9]*[A-Z0-9](?:[-+/&][A-Za-z0-9+]+)*$")


def _acronym_only(names: list[str]) -> bool:
    return bool(names) and all(" " not in n.strip() and _ACRONYM.match(n.strip()) and sum(c.isupper() for c in n) >= 2
                               for n in names)


def _lowercase(names: list[str]) -> bool:
    return bool(names) and names[0][:1].islower()


def _post_near(text: str, span: tuple[int, int]) -> str | None:
    """"after" when a post word follows the name within six words of its clause (", the
    Minister of ..."), "before" when one precedes it within ten words of its sentence
    ("Deputy Minister of Labour, Ms X"), else None."""
    tail = re.split(r"[.;:\n]", text[span[1]:span[1] + 80], maxsplit=1)[0]
    head = re.split(r"[.;:\n]", text[max(0, span[0] - 120):span[0]])[-1]
    after = re.findall(r"[\w-]+", tail)[:6]
    before = re.findall(r"[\w-]+", head)[-10:]
    if any(w.casefold() in POST_WORDS for w in after):
        return "after"
    if any(w.casefold() in POST_WORDS for w in before):
        return "before"
    return None


_BYLINE = re.compile(r"(?i)\b(?:by|oleh|penulis|reporter|editor|pewarta|foto|photo|laporan)\s*:?\s*$")
_PUBLISHER = re.compile(r"(?i)\.(?:co|com|id|net|org)\b|\bonline\b")


def _byline(text: str, span: tuple[int, int]) -> bool:
    """A credit: the name right after "by", "oleh", "Penulis:", "Foto:" ..."""
    return bool(_BYLINE.search(text[max(0, span[0] - 20):span[0]]))


def _dateline(text: str, span: tuple[int, int], names: list[str]) -> bool:
    """A publisher's name: a web address or "... Online", or a name that opens a line and is
    followed by a dash or comma ("VOICE.CO, Kuala Lumpur –", "Jenewa, NU Online")."""
    if any(_PUBLISHER.search(n) for n in names):
        return True
    line_start = text.rfind("\n", 0, span[0]) + 1
    before = text[line_start:span[0]]
    after = text[span[1]:span[1] + 3]
    return (not before.strip() and re.match(r"\s*[-–—,(]", after) is not None) or \
        (len(before.split()) <= 2 and re.match(r"\s*(?:\n|$)", after) is not None)


class _Explainer:
    """The findings of one article."""

    TYPE_WORDS = {"Organization": "organisation", "Place": "place", "Country": "country", "Programme": "programme",
                  "Document": "document", "Person": "person", "Event": "meeting", "Theme": "title"}

    def __init__(self, scorer, run: ArticleRun, known_series: list[str], triggers: dict | None = None):
        self.s, self.run, self.known_series = scorer, run, known_series
        self.triggers = triggers or {}
        self.out: list[Finding] = []
        self.g_ents = scorer.dedupe_entities(run.gold.get("entities", []))
        self.p_ents = scorer.dedupe_entities(run.pred.get("entities", []))
        g_lex, p_lex = scorer.Lexicon(self.g_ents), scorer.Lexicon(self.p_ents)
        self._expand = lambda n: g_lex.expand(n) + p_lex.expand(n)

    # the scorer's own entity comparison (score_article's same_entity)
    def same_entity(self, a: str, b: str) -> bool:
        return self.s.same_name(self._expand(a), self._expand(b))

    def same_surface(self, a: list[str], b: list[str]) -> bool:
        """The same name, word for word (after the scorer's normalisation): a type question, not
        a name that merely contains another."""
        return any(self.s.norm(x) == self.s.norm(y) or self.s.tokens(x) == self.s.tokens(y) != set()
                   for x in a for y in b)

    def add(self, kind, measure, item, category, span, rule):
        if not self.run.text and not self.run.pred:
            category, rule = "no article", "no article in ARTICLES_DIR for this gold file"
        self.out.append(Finding(kind, measure, self.run.name, item, category, _sentence(self.run, span), rule or ""))

    def series_known(self, series: str | None) -> bool:
        return bool(series) and any(self.s.same_series(series, k) for k in self.known_series)

    # -- entities
    def entities(self):
        g_items, p_items, pairs = self.run.matched["entities"]
        gm, pm = {g for g, _ in pairs}, {p for _, p in pairs}
        for gi, g in enumerate(g_items):
            if gi not in gm:
                self.entity_miss(g)
        for pi, p in enumerate(p_items):
            if pi not in pm:
                self.entity_false(p)

    def _entity_line(self, e: dict) -> str:
        names = _names(e)
        more = [a for a in names[1:] if a != names[0]][:3]
        return f"{e.get('type')} {names[0]!r}" + (f" (also {', '.join(map(repr, more))})" if more else "")

    def entity_miss(self, g: dict):
        names, typ = _names(g), g["type"]
        span = find_name(self.run.text, names)
        other = [p for p in self.p_ents if p["type"] != typ and self.same_surface(names, _names(p))]
        over = sorted((p for p in self.p_ents if span and any(_overlaps(span, m) for m in p.get("mentions") or [])),
                      key=lambda p: -max(min(span[1], m[1]) - max(span[0], m[0]) for m in p["mentions"]))
        same_type_over = [p for p in over if p["type"] == typ]
        rule = ""
        if other:
            category, rule = "wrong type", f"{other[0].get('rule') or '?'} found it as {other[0]['type']} {_names(other[0])[0]!r}"
        elif span is None:
            category = "not in text as written"
        elif same_type_over:
            p = same_type_over[0]
            category, rule = "name boundary", f"{p.get('rule') or '?'} took {_names(p)[0]!r}"
        else:
            category = self._gold_category(g, names, typ, span)
            if over:
                p = over[0]
                rule = f"nearest: {p.get('rule') or '?'} took {_names(p)[0]!r} as {p['type']}"
            else:
                rule = "no rule fired on this span"
        self.add("miss", f"entities.{typ}", self._entity_line(g), category, span, rule)

    def _gold_category(self, g: dict, names: list[str], typ: str, span) -> str:
        if typ == "Event":
            keys = [k for k in map(self.s.event_key, names) if k]
            if keys or any(ORDINAL_NAME.search(n) for n in names):
                return ("numbered meeting, known series" if any(self.series_known(k[0]) for k in keys)
                        else "numbered meeting, unknown series")
            return "unnumbered meeting"
        if typ == "Theme":
            return "quoted title"
        if _lowercase(names):
            return "lowercase descriptive name"
        if typ == "Person" and _byline(self.run.text, span):
            return "byline or credit"
        if typ == "Organization" and _dateline(self.run.text, span, names):
            return "publisher or dateline"
        if typ == "Person":
            where = _post_near(self.run.text, span)
            return {"after": "post after name", "before": "post before name"}.get(where, "name without post")
        if _acronym_only(names):
            return "acronym only"
        return f"unknown {self.TYPE_WORDS.get(typ, typ.lower())}"

    def entity_false(self, p: dict):
        names, typ = _names(p), p["type"]
        span = _first_mention(p)
        other = [g for g in self.g_ents if g["type"] != typ and self.same_surface(names, _names(g))]
        gold_spans = [(g, find_name(self.run.text, _names(g))) for g in self.g_ents if g["type"] == typ]
        over = [g for g, gs in gold_spans if gs and span and _overlaps(span, list(gs))]
        if other:
            category = "wrong type"
            rule = f"{p.get('rule') or '?'} (gold: {other[0]['type']})"
        elif over:
            category, rule = "name boundary", f"{p.get('rule') or '?'} (gold: {_names(over[0])[0]!r})"
        else:
            rule = p.get("rule") or "?"
            if typ == "Event":
                category = ("numbered meeting not in gold" if p.get("edition") or any(ORDINAL_NAME.search(n) for n in names)
                            else "unnumbered meeting not in gold")
            elif _lowercase(names):
                category = "lowercase descriptive name"
            elif _acronym_only(names) and typ != "Person":
                category = "acronym only"
            else:
                category = f"{self.TYPE_WORDS.get(typ, typ.lower())} not in gold"
        self.add("false find", f"entities.{typ}", self._entity_line(p), category, span, rule)

    # -- roles
    def roles(self):
        g_items, p_items, pairs = self.run.matched["roles"]
        gm, pm = {g for g, _ in pairs}, {p for _, p in pairs}
        for gi, g in enumerate(g_items):
            if gi not in gm:
                self.role_miss(g)
        for pi, p in enumerate(p_items):
            if pi not in pm:
                self.role_false(p, g_items)
        for gi, pi in pairs:
            g, p = g_items[gi], p_items[pi]
            if not self.s.same_title(g.get("role", ""), p.get("role", "")):
                category = "post missing" if not p.get("role") else "post differs"
                item = f"{self._role_line(g)}: predicted post {p.get('role')!r}"
                span = _evidence(p) or find_name(self.run.text, self._expand(g["person"]))
                self.add("mismatch", "roles.title", item, category, span, p.get("rule") or "?")

    @staticmethod
    def _role_line(r: dict) -> str:
        return f"{r.get('person')!r} — {r.get('role') or '(no post)'} — {r.get('organization')!r}"

    def _has_entity(self, name: str) -> bool:
        return any(self.same_entity(name, _names(p)[0]) for p in self.p_ents)

    def role_miss(self, g: dict):
        person, org = g["person"], g["organization"]
        pspan = find_name(self.run.text, self._expand(person))
        same_person = [p for p in self.run.pred.get("roles", []) if p.get("person") and self.same_entity(person, p["person"])]
        rule = ""
        if not self._has_entity(person):
            category = "person not found"
        elif not self._has_entity(org):
            category = "organisation not found"
        elif same_person:
            p = same_person[0]
            category, rule = "wrong organisation", f"{p.get('rule') or '?'} gave {p.get('organization')!r}"
        elif not g.get("role"):
            category = "no post named"
        else:
            where = _post_near(self.run.text, pspan) if pspan else None
            category = {"after": "post after name", "before": "post before name"}.get(where, "post apart from name")
        if not rule:
            rule = "no role rule fired for this person"
        self.add("miss", "roles", self._role_line(g), category, pspan, rule)

    def role_false(self, p: dict, g_items: list):
        same_person = [g for g in g_items if self.same_entity(p["person"], g["person"])]
        if same_person:
            category = "wrong organisation"
            rule = f"{p.get('rule') or '?'} (gold: {same_person[0]['organization']!r})"
        else:
            category, rule = "person holds no post in gold", p.get("rule") or "?"
        span = _evidence(p) or find_name(self.run.text, [p["person"]])
        self.add("false find", "roles", self._role_line(p), category, span, rule)

    # -- events
    @staticmethod
    def _numbered(e: dict) -> bool:
        return bool(e.get("series") and e.get("edition"))

    @staticmethod
    def _event_line(e: dict) -> str:
        bits = [repr(_names(e)[0]) if _names(e) else "(unnamed)"]
        if e.get("series"):
            bits.append(f"series {e['series']} #{e.get('edition')}")
        bits += [f"{k} {e[k]}" for k in ("date", "place") if e.get(k)]
        return ", ".join(bits)

    def _event_span(self, e: dict, pred: bool) -> tuple[int, int] | None:
        if pred:
            span = _evidence(e) or _first_mention(e)
            if span:
                return span
        span = find_name(self.run.text, _names(e))
        if span is None and e.get("place"):
            span = find_name(self.run.text, self._expand(e["place"]))
        return span

    def events(self):
        g_items, p_items, pairs = self.run.matched["events"]
        gm, pm = {g for g, _ in pairs}, {p for _, p in pairs}
        for gi, g in enumerate(g_items):
            if gi not in gm:
                self.event_miss(g, p_items)
        for pi, p in enumerate(p_items):
            if pi not in pm:
                self.event_false(p, g_items)
        for gi, pi in pairs:
            self.event_attributes(g_items[gi], p_items[pi])

    def event_miss(self, g: dict, p_items: list):
        rule = ""
        if self._numbered(g):
            same = [p for p in p_items if p.get("series") and self.s.similar(g["series"], p["series"])]
            if same:
                category = "wrong edition"
                rule = f"{same[0].get('rule') or '?'} gave {same[0]['series']} #{same[0].get('edition')}"
            else:
                category = ("numbered meeting, known series" if self.series_known(g["series"])
                            else "numbered meeting, unknown series")
        elif not g.get("place"):
            category = "unnumbered meeting, no place"
        else:
            here = [p for p in p_items if not self._numbered(p) and p.get("place")
                    and self.same_entity(g["place"], p["place"])]
            if here:
                category = "unnumbered meeting, date disagrees"
                rule = f"{here[0].get('rule') or '?'} dated it {here[0].get('date')}"
            else:
                category = "unnumbered meeting"
        if not rule:
            span = self._event_span(g, pred=False)
            near = [p for p in p_items if span and any(_overlaps(span, m) for m in p.get("mentions") or [])]
            rule = (f"nearest: {near[0].get('rule') or '?'} found {_names(near[0])[0]!r}" if near
                    else "no event rule fired")
        self.add("miss", "events", self._event_line(g), category, self._event_span(g, pred=False), rule)

    def event_false(self, p: dict, g_items: list):
        if self._numbered(p):
            same = [g for g in g_items if g.get("series") and self.s.similar(g["series"], p["series"])]
            category = "wrong edition" if same else "numbered meeting not in gold"
        else:
            category = "unnumbered meeting not in gold"
        self.add("false find", "events", self._event_line(p), category, self._event_span(p, pred=True),
                 p.get("rule") or "?")

    def event_attributes(self, g: dict, p: dict):
        for attr in ("date", "place", "host", "mode"):
            gv, pv = g.get(attr), p.get(attr)
            if not gv:
                continue
            if attr == "date":
                right = bool(pv) and str(pv)[:10] == str(gv)[:10]
            elif attr == "mode":
                right = bool(pv) and self.s.mode(pv) == self.s.mode(gv)
            else:
                right = bool(pv) and self.same_entity(gv, pv)
            if not right:
                category = f"{attr} missing" if not pv else f"{attr} wrong"
                item = f"{self._event_line(g)}: gold {attr} {gv!r}, predicted {pv!r}"
                self.add("mismatch", f"events.{attr}", item, category, self._event_span(p, pred=True),
                         p.get("rule") or "?")

    # -- themes
    def themes(self):
        g_items, p_items, pairs = self.run.matched["themes"]
        gm, pm = {g for g, _ in pairs}, {p for _, p in pairs}
        evidence = {t.get("label"): t for t in self.run.pred.get("theme_evidence", []) or []}
        for gi, g in enumerate(g_items):
            if gi not in gm:
                label = _names(g)[0]
                triggers = self.triggers.get(self.s.norm(label), [label])
                hit = None
                for t in sorted(triggers, key=len, reverse=True):
                    span = find_name(self.run.text, [t])
                    if span and (hit is None or span[0] < hit[1][0]):
                        hit = (t, span)
                if hit is None:
                    self.add("miss", "themes", label, "theme not triggered", None, "no trigger word in the text")
                else:
                    self.add("miss", "themes", label, "theme trigger not counted", hit[1],
                             f"trigger {self.run.text[hit[1][0]:hit[1][1]]!r} occurs; the theme rule did not count it")
        for pi, p in enumerate(p_items):
            if pi not in pm:
                label = _names(p)[0]
                ev = evidence.get(label, {})
                self.add("false find", "themes", label, "theme not in gold", _evidence(ev), ev.get("rule") or "?")


def _known_series() -> list[str]:
    """The meeting series the extractor's gazetteer knows (labels and alternative labels)."""
    try:
        from labourgraph.gazetteer import default_gazetteer
        refs = default_gazetteer().references.values()
    except Exception:  # the gazetteer's shape is not this module's business
        return []
    out = []
    for ref in refs:
        if getattr(ref, "type", None) == "Series":
            out += [ref.label, *getattr(ref, "labels", [])]
    return out


def _theme_triggers(scorer) -> dict[str, list[str]]:
    """Normalised English theme label -> the words that trigger it (the theme scheme's labels)."""
    try:
        from labourgraph.themes import load_concepts
        concepts = load_concepts()
    except Exception:  # the theme stage's shape is not this module's business
        return {}
    out: dict[str, list[str]] = {}
    for c in concepts:
        out.setdefault(scorer.norm(c.label), []).extend([c.label, *c.triggers])
    return out


def explain(evaluation: Evaluation) -> list[Finding]:
    """Every miss, false find and event attribute mismatch, in article order."""
    series = _known_series()
    triggers = _theme_triggers(evaluation.scorer)
    findings: list[Finding] = []
    for r in evaluation.runs:
        ex = _Explainer(evaluation.scorer, r, series, triggers)
        ex.entities()
        ex.roles()
        ex.events()
        ex.themes()
        findings += ex.out
    return findings


def group(findings: list[Finding], kind: str) -> list[tuple[str, list[Finding]]]:
    """Findings of one kind by category, the largest group first (ties by name)."""
    by_cat: dict[str, list[Finding]] = {}
    for f in findings:
        if f.kind == kind:
            by_cat.setdefault(f.category, []).append(f)
    return sorted(by_cat.items(), key=lambda kv: (-len(kv[1]), kv[0]))


KINDS = (("miss", "Misses (gold items the extractor did not find)"),
         ("false find", "False finds (predicted items not in the gold)"),
         ("mismatch", "Mismatches on matched items (event date/place/host/mode, role post)"))


def format_explain(findings: list[Finding]) -> str:
    """The findings as text: per kind, a table of categories with counts (largest first),
    then each category's items with article, sentence and rule."""
    lines: list[str] = []
    for kind, title in KINDS:
        groups = group(findings, kind)
        lines.append(f"{title}: {sum(len(v) for _, v in groups)}")
        for cat, items in groups:
            measures = Counter(f.measure for f in items)
            lines.append(f"  {len(items):4}  {cat:38} {', '.join(f'{m} {n}' for m, n in sorted(measures.items()))}")
        lines.append("")
    for kind, title in KINDS:
        for cat, items in group(findings, kind):
            lines.append(f"== {kind}: {cat} ({len(items)})")
            for f in sorted(items, key=lambda f: (f.measure, f.article)):
                lines.append(f"  [{f.article}] {f.measure}: {f.item}")
                if f.sentence:
                    lines.append(f"      sentence: {f.sentence}")
                if f.rule:
                    lines.append(f"      rule: {f.rule}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def explain_json(evaluation: Evaluation, findings: list[Finding]) -> dict:
    return {
        "figures": evaluation.micro,
        "categories": {kind: {cat: len(items) for cat, items in group(findings, kind)} for kind, _ in KINDS},
        "findings": [asdict(f) for f in findings],
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m labourgraph.evaluation``: the ``labourgraph evaluate`` command."""
    from labourgraph.cli import cli

    try:
        cli.main(args=["evaluate", *(sys.argv[1:] if argv is None else argv)],
                 prog_name="python -m labourgraph.evaluation", standalone_mode=True)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
