"""A pure finder over the text as a component: the shape the money and date components share.

The finders in :mod:`pipeline.normalize` return mentions with character offsets and
values; a component of this kind marks each as a span in ``doc.spans[key]`` and
writes its values onto the span. Subclasses say what to find and what to write.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import set_spans


class MentionFinder:
    key: str    # the span group
    label: str  # the spans' label

    def __init__(self, name: str) -> None:
        self.name = name

    def find(self, doc: Doc) -> Iterable:
        """Mentions with ``start`` and ``end`` character offsets into the document's text."""
        raise NotImplementedError

    def annotate(self, span: Span, mention) -> None:
        """Write a mention's values onto its span."""
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for mention in self.find(doc):
            span = doc.char_span(mention.start, mention.end, label=self.label, alignment_mode="expand")
            if span is None:
                continue
            self.annotate(span, mention)
            spans.append(span)
        set_spans(doc, self.key, spans)
        return doc
