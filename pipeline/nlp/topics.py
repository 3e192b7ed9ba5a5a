"""The topics component: is the release about integration, on which themes, for whom.

Runs after the entity components, so that organisation names are known and their
words are not taken for cues ("Rädda Barnen" is no mention of children). Sets
``doc.cats["integration"]`` (the calibrated probability, spaCy's place for text
categories), ``doc._.is_integration`` (the decision) and ``doc._.themes`` / ``doc._.target_groups`` (codes of the annotation
guide, empty for a text not about integration).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.extensions import doc_text, get_ents
from pipeline.topics import classify

CATEGORY = "integration"


@Language.factory("pressmine_topics", assigns=["doc.cats", "doc._.is_integration", "doc._.themes", "doc._.target_groups"],
                  requires=["doc.ents"], default_config={})
def make_topics(nlp: Language, name: str):
    return TopicsComponent(name)


class TopicsComponent:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        organisations = [(e.start_char, e.end_char) for e in get_ents(doc) if e.label_ == "ORG"]
        topics = classify(doc_text(doc), organisations)
        doc.cats[CATEGORY] = topics.relevance
        doc._.is_integration = topics.is_integration
        doc._.themes = list(topics.themes)
        doc._.target_groups = list(topics.target_groups)
        return doc
