"""Custom attributes on spaCy objects, registered once.

Every normalised value travels on the entity span itself (``span._.amount_sek``),
the spaCy way, so that components and the dataset stage share one vocabulary.
Values are JSON-like (dates as ISO strings) so Docs serialise to worker processes.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

SPAN_ATTRIBUTES = (
    "normalized", "amount_sek", "qualifier", "date", "date_end", "date_granularity",
    "date_relative", "role", "affiliation", "org_type", "canonical", "municipality_code", "county_code",
    "owner",
)
DOC_ATTRIBUTES = {
    "doc_id": None,
    "published": None,     # ISO date string or None: the reference for relative dates
    "publisher": None,
    "county_code": None,   # the county the text is about, when it names exactly one
    "county_board": None,  # its board: what a bare "Länsstyrelsen" names (set with county_code)
    "home_municipality": None,  # the municipality the text is about: what "kommunen" names
    "home_body": None,     # the organisation the text is about: what "projektet", "vi" stand for
    "grants": None,        # list of dicts, set by the grants component
    "is_integration": None,  # the relevance classifier's decision (its probability: doc.cats)
    "themes": None,        # codes of the annotation guide, set by the topics component
    "target_groups": None,
}


TEXT_KEY = "pressmine.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per document: spaCy rebuilds the string on every
    access, which several components would otherwise pay for in turn. The last
    component calls :func:`forget_text` so the copy is not serialised with the Doc."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Tell the components the text a Doc was made from (it equals ``doc.text``)."""
    doc.user_data[TEXT_KEY] = text


def span_text(span: Span) -> str:
    """``span.text`` by slicing the cached document text (spaCy joins token by token)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def written_name(span: Span) -> str:
    """A name as written, on one line: whitespace runs (a line break inside a name) become one space."""
    return " ".join(span_text(span).split())


def word_after(span: Span) -> str | None:
    """The word right after a span: "" when none follows (the end of the text, a
    punctuation mark, a line break), None for a number ("kommunens 290 anställda" may
    go on). The context that tells a genitive from a name ending in -s."""
    if span.end >= len(span.doc):
        return ""
    following = span.doc[span.end]
    if following.like_num:
        return None
    return following.text if following.is_alpha else ""


TABLE_KEY = "pressmine.tokens"


@dataclass(frozen=True)
class TokenTable:
    """Plain Python lists of what the components ask of every token.

    Iterating a Doc creates a Token object per token per pass; with several
    components making several passes that dominated the pipeline's time. The table
    is built once per document (after sentence boundaries are set) from
    ``Doc.to_array``, and rule loops index into it.
    """

    texts: list[str]
    lowers: list[str]
    sent_starts: list[bool]
    newline_before: list[bool]  # a line break between this token and the previous one
    sentence_starts: list[int]  # the token index of each sentence's first token, in order

    @classmethod
    def of(cls, texts: list[str], newline_before: list[bool], sentence_starts: list[int]) -> "TokenTable":
        """The table of token texts, their line breaks and the sorted sentence starts."""
        sent_starts = [False] * len(texts)
        for i in sentence_starts:
            sent_starts[i] = True
        return cls(texts, [LOWER[t] for t in texts], sent_starts, newline_before, sentence_starts)

    @functools.cached_property
    def lower_case_words(self) -> frozenset[str]:
        """The words the text writes in lower case: a capitalised word that is also one
        of them is a common noun put first, not a name."""
        return frozenset(t for t in self.texts if t[:1].islower())


class WordTest(dict):
    """A test (or any function) of a word, remembered per distinct word. ``test[word]``
    is then a dict lookup at C speed, which is what comprehensions over every token of
    every document need (an ``lru_cache`` call costs several times more). Cleared past
    ``limit`` words."""

    def __init__(self, test: Callable[[str], object], limit: int = 200_000) -> None:
        super().__init__()
        self.test, self.limit = test, limit

    def __missing__(self, word: str):
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.test(word)
        return value


def store_token_table(doc: Doc, table: TokenTable) -> None:
    doc.user_data[TABLE_KEY] = table


# String id -> string of the last vocabulary seen: a StringStore lookup, a Token object
# or a slice of the text per token all cost several times more than a dict lookup.
_strings: tuple[object, WordTest] | None = None
LOWER = WordTest(str.lower)  # a token's text -> its lower case, remembered per word


def token_strings(doc: Doc) -> tuple[list[str], list[bool]]:
    """Each token's text, and whether a line break comes between it and the previous one.

    Texts are read from the ORTH column. spaCy keeps one plain space after a token as
    that token's whitespace and makes every other run of whitespace a token of its own,
    so a line break before token i is a line break inside token i - 1."""
    global _strings
    if _strings is None or _strings[0] is not doc.vocab.strings:
        _strings = (doc.vocab.strings, WordTest(doc.vocab.strings.__getitem__))
    strings = _strings[1]
    texts = [strings[orth] for orth in doc.to_array("ORTH").tolist()]
    return texts, [False] + ["\n" in text for text in texts[:-1]]


def token_table(doc: Doc) -> TokenTable:
    """The document's token table (built by the sentence component, or here if absent)."""
    table = doc.user_data.get(TABLE_KEY)
    if table is None:
        texts, newline = token_strings(doc)
        starts = [i for i, v in enumerate(doc.to_array("SENT_START").tolist()) if v == 1 or i == 0]  # as doc.sents
        table = doc.user_data[TABLE_KEY] = TokenTable.of(texts, newline, starts)
    return table


SPANS_KEY = "pressmine.spans"


class KeptSpans(dict):
    """Span objects kept per span-group key for the components that follow. Spans
    cannot be copied or pickled, so a copy of the Doc starts without them (and reads
    its span groups instead)."""

    def __deepcopy__(self, memo) -> "KeptSpans":
        return KeptSpans()

    def __reduce__(self):
        return KeptSpans, ()


def _keep(doc: Doc, key: str, spans: list[Span]) -> None:
    doc.user_data.setdefault(SPANS_KEY, KeptSpans())[key] = list(spans)


def _kept(doc: Doc, key: str) -> list[Span] | None:
    kept = doc.user_data.get(SPANS_KEY, {}).get(key)
    return None if kept is None else list(kept)


def set_spans(doc: Doc, key: str, spans: list[Span]) -> None:
    """``doc.spans[key] = spans``, keeping the Span objects for the components that
    follow: reading a span group back builds every Span (and two Tokens) anew."""
    doc.spans[key] = spans
    _keep(doc, key, spans)


def get_spans(doc: Doc, key: str) -> list[Span]:
    """A new list of the spans in ``doc.spans[key]`` (the kept objects when there are)."""
    kept = _kept(doc, key)
    return kept if kept is not None else list(doc.spans.get(key, []))


ENTS_KEY = "doc.ents"


def set_ents(doc: Doc, spans: list[Span]) -> None:
    """``doc.ents = spans``, keeping the Span objects as :func:`set_spans` does."""
    doc.ents = spans
    _keep(doc, ENTS_KEY, spans)


def get_ents(doc: Doc) -> list[Span]:
    """A new list of ``doc.ents`` (the kept objects when there are)."""
    kept = _kept(doc, ENTS_KEY)
    return kept if kept is not None else list(doc.ents)


def replace_overlapped(ents: list[Span], new: list[Span]) -> list[Span]:
    """``ents`` with ``new`` in place of the entities they overlap, in order (``ents``
    itself when ``new`` is empty)."""
    if not new:
        return ents
    taken = {i for span in new for i in range(span.start, span.end)}
    kept = [e for e in ents if not any(i in taken for i in range(e.start, e.end))]
    return sorted(kept + new, key=lambda s: s.start)


def forget_text(doc: Doc) -> None:
    """Drop the per-document caches before the Doc leaves the pipeline."""
    doc.user_data.pop(TEXT_KEY, None)
    doc.user_data.pop(TABLE_KEY, None)
    doc.user_data.pop(SPANS_KEY, None)


def register_extensions() -> None:
    for name in SPAN_ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Span.has_extension("method"):
        Span.set_extension("method", default="rules")
    for name, default in DOC_ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
