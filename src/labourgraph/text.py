"""Split article text into sentences and tokens, keeping code-point offsets.

A spaCy blank pipeline (``id`` or ``en``) tokenises; its ``sentencizer`` splits sentences,
and two small rules fix what it gets wrong in news text: a line break always ends a
sentence, and a full stop after an honorific or an initial ("Dr.", "Ms.", "R.") does not.
Offsets are Python ``str`` indices into the text given, which is the article's ``body``
(the stored text with page chrome blanked), so they point into the file as stored.
"""
from __future__ import annotations

from functools import cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from labourgraph.records import Span

#: Abbreviations after which a full stop does not end a sentence (lower case, without ".").
ABBREVIATIONS = frozenset({
    "dr", "drs", "dra", "prof", "ir", "h", "hj", "mr", "mrs", "ms", "st", "no", "plt", "plh",
    "kol", "jend", "bpk", "sdr", "tn", "ny", "jl", "kav", "vol", "hal", "dll", "dsb", "a.n",
    "s.d", "sd", "u.p", "dkk", "lt", "gen", "col", "capt", "hon", "vs", "etc", "inc", "ltd", "co",
    "ma",           # Filipino "Ma." (Maria) before a given name
})


@Language.component("labourgraph_sentence_fixes")
def _sentence_fixes(doc: Doc) -> Doc:
    """Break sentences at line breaks; don't break after honorifics and initials.

    The flags are written once through an array: setting ``Token.is_sent_start`` checks the
    whole document's annotation each time, which is quadratic on a long article."""
    starts = doc.to_array([SENT_START])        # 1: starts a sentence, -1 (as uint64): does not
    changed = False
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in token.text_with_ws[len(token.text):] or (token.is_space and "\n" in token.text):
            starts[i + 1], changed = 1, True
            continue
        word = token.text.rstrip(".").lower()
        if token.text.endswith(".") and (word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            starts[i + 1], changed = _NOT_START, True
        elif token.text == "." and i > 0 and doc[i - 1].text.lower() in ABBREVIATIONS \
                and not doc[i - 1].whitespace_ and i + 1 < len(doc) and nxt.text[:1].isupper():
            starts[i + 1], changed = _NOT_START, True
    if changed:
        doc.from_array([SENT_START], starts)
    return doc


_NOT_START = numpy.uint64(2 ** 64 - 1)         # -1 in spaCy's uint64 attribute arrays


class LazySpecialCases:
    """spaCy's tokenizer for a language, with its special cases added when a text holds them.

    ``spacy.blank("id")`` spends seconds adding 16,000 special cases (mostly reduplicated
    words such as "anak-anak") to its tokenizer. A special case only changes the tokens of
    a text that contains its string, so this tokenizer adds, before tokenising a text, the
    special cases whose strings occur in it (once; they stay). The tokens are those of the
    tokenizer with every special case.
    """

    def __init__(self, tokenizer: Tokenizer, rules: dict[str, list[dict]]):
        self.tokenizer = tokenizer
        self.rules = dict(rules)            # the special cases not added yet
        self._spaced = [k for k in self.rules if len(k.split()) != 1 or k.strip() != k]
        self._lengths = sorted({len(k) for k in self.rules})
        self._checked: set[str] = set()    # words whose special cases were added

    def add_special_case(self, string: str, substrings: list[dict]) -> None:
        self.rules[string] = substrings
        if (len(string.split()) != 1 or string.strip() != string) and string not in self._spaced:
            self._spaced.append(string)
        if len(string) not in self._lengths:
            self._lengths = sorted({*self._lengths, len(string)})
        self._checked.clear()

    def _add(self, string: str) -> None:
        self.tokenizer.add_special_case(string, self.rules.pop(string))

    def _add_present(self, text: str) -> None:
        rules = self.rules
        if not rules:
            return
        for key in [k for k in self._spaced if k in rules and k in text]:
            self._add(key)
        lengths, checked = self._lengths, self._checked
        # a special case without white space lies inside one white-space-delimited word
        for word in set(text.split()):
            if word in checked:
                continue
            checked.add(word)
            n = len(word)
            for size in lengths:
                if size > n:
                    break
                for i in range(n - size + 1):
                    if word[i:i + size] in rules:
                        self._add(word[i:i + size])

    def __call__(self, text: str) -> Doc:
        self._add_present(text)
        return self.tokenizer(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


@spacy.registry.tokenizers("labourgraph.lazy_special_cases")
def _lazy_tokenizer_factory():
    """spaCy's default tokenizer factory, with the special cases left to :class:`LazySpecialCases`."""
    def factory(nlp: Language) -> LazySpecialCases:
        defaults = nlp.Defaults
        prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
        tokenizer = Tokenizer(
            nlp.vocab,
            rules={},
            prefix_search=spacy.util.compile_prefix_regex(prefixes).search if prefixes else None,
            suffix_search=spacy.util.compile_suffix_regex(suffixes).search if suffixes else None,
            infix_finditer=spacy.util.compile_infix_regex(infixes).finditer if infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        return LazySpecialCases(tokenizer, defaults.tokenizer_exceptions)
    return factory


@cache
def pipeline(language: str = "id") -> Language:
    """The blank spaCy pipeline for ``language`` ("id", "en"; others fall back to "id").

    It tokenises exactly as ``spacy.blank(language)`` does, with the special cases added
    when a text needs them (:class:`LazySpecialCases`), which makes it start in a fraction
    of the time.
    """
    lang = language if language in ("id", "en") else "id"
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "labourgraph.lazy_special_cases"}}})
    for abbr in ("Ms.", "Mr.", "Mrs.", "Dr.", "Prof.", "Plt.", "Plh.", "Drs.", "Ir.", "H.", "Hj.", "Ma."):
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("labourgraph_sentence_fixes")
    return nlp


def parse(text: str, language: str = "id") -> Doc:
    """Tokenise ``text`` and mark sentence starts."""
    return pipeline(language)(text)


def sentences(doc_or_text: Doc | str, language: str = "id") -> list[Span]:
    """The sentences of a text as :class:`Span` records (leading/trailing space trimmed).

    Blank stretches (blanked page chrome, empty lines) yield no sentence.
    """
    doc = doc_or_text if isinstance(doc_or_text, Doc) else parse(doc_or_text, language)
    text = doc.text
    out: list[Span] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Span(start, end, text[start:end]))
    return out


def sentence_at(sents: list[Span], offset: int) -> Span | None:
    """The sentence containing ``offset`` (None when it falls between sentences)."""
    lo, hi = 0, len(sents)
    while lo < hi:
        mid = (lo + hi) // 2
        if sents[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sents) and sents[lo].start <= offset < sents[lo].end:
        return sents[lo]
    return None


def detect_language(text: str) -> str:
    """"id" or "en", whichever language's common function words (lexicons
    ``function_words.tsv``) the text uses more; "id" on a tie. The one language detector."""
    from labourgraph.gazetteer import fold
    from labourgraph.lexicons import words

    tokens = fold(text).split()
    en, idn = set(words("function_words", "en")), set(words("function_words", "id"))
    return "en" if sum(w in en for w in tokens) > sum(w in idn for w in tokens) else "id"
