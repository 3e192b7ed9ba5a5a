"""Sentence boundaries for press releases.

spaCy's rule-based sentencizer splits on final punctuation only, but a headline, a
caption or a contact line ends at a line break with no full stop. This component
adds a boundary after every line break so that such lines never run into the next
sentence (which would hand a grant in the lead to the headline's subject). It also
builds the per-document token table the other components read.
"""
from __future__ import annotations

import functools
import unicodedata

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.extensions import TokenTable, store_token_table, token_strings

PUNCT_CHARS = frozenset({".", "!", "?", "…"})


@Language.factory("pressmine_sentences", assigns=["token.is_sent_start"], default_config={})
def make_sentences(nlp: Language, name: str) -> "LineAwareSentencizer":
    return LineAwareSentencizer(name)


@functools.lru_cache(maxsize=50_000)
def _is_punct(text: str) -> bool:
    return all(unicodedata.category(ch).startswith("P") for ch in text)


class LineAwareSentencizer:
    """spaCy's sentencizer rule (a sentence ends after final punctuation and the
    punctuation that trails it), plus a boundary at every line break; computed over
    plain strings and written with one ``Doc.from_array`` call."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        texts, newline = token_strings(doc)
        starts = {0}
        starts.update(i for i in [i for i, after_break in enumerate(newline) if after_break] if not texts[i].isspace())
        # After final punctuation, the sentence ends at the first token that is neither
        # space nor trailing punctuation (a closing quote or bracket), or at a line break.
        for final in [i for i, token in enumerate(texts) if token in PUNCT_CHARS and i > 0]:
            nxt = final + 1
            while nxt < n and (texts[nxt].isspace() or (not newline[nxt] and _is_punct(texts[nxt]))):
                nxt += 1
            if nxt < n:
                starts.add(nxt)
        values = numpy.full(n, -1, dtype="int64")
        values[list(starts)] = 1
        doc.from_array(["SENT_START"], values.astype("uint64").reshape(-1, 1))
        store_token_table(doc, TokenTable.of(texts, newline, sorted(starts)))
        return doc
