"""Sentence boundaries for press releases.

spaCy's rule-based sentencizer splits on final punctuation only, but a headline, a
caption or a contact line ends at a line break with no full stop. This component
adds a boundary after every line break so that such lines never run into the next
sentence (which would hand a grant in the lead to the headline's subject).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

PUNCT_CHARS = [".", "!", "?", "…"]


@Language.factory("pressmine_sentences", assigns=["token.is_sent_start"], default_config={})
def make_sentences(nlp: Language, name: str) -> "LineAwareSentencizer":
    return LineAwareSentencizer(name)


class LineAwareSentencizer:
    def __init__(self, name: str) -> None:
        self.name = name
        self._punct = Sentencizer(punct_chars=PUNCT_CHARS)

    def __call__(self, doc: Doc) -> Doc:
        if any(token.is_sent_start is None for token in doc[1:]) or len(doc) < 2:
            doc = self._punct(doc)
        for token in doc[:-1]:
            if "\n" in token.text or "\n" in token.whitespace_:
                nxt = doc[token.i + 1]
                if not nxt.is_space:
                    nxt.is_sent_start = True
        return doc
