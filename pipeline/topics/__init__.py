"""Topics of a release: is it about the integration of immigrants (a learned
relevance classifier), and on which themes and for which target groups (a lexicon of
Swedish cue words). Pure functions of a text and the organisation names found in it;
the spaCy component ``pressmine_topics`` (``pipeline.nlp.topics``) applies them.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from pipeline import resources
from pipeline.topics.codes import named_codes
from pipeline.topics.features import TextCues, relevance_features
from pipeline.topics.linear import LinearModel

MODELS_FILE = "topic_models.json"


@dataclass(frozen=True)
class Topics:
    relevance: float  # probability that the text is about integration (calibrated)
    is_integration: bool
    themes: tuple[str, ...] = ()  # empty when the text is not about integration
    target_groups: tuple[str, ...] = ()


@functools.cache
def relevance_model() -> LinearModel:
    return LinearModel.from_dict(resources.read_json(MODELS_FILE)["relevance"])


def classify(text: str, organisations: list[tuple[int, int]] = ()) -> Topics:
    """The topics of a clean text; ``organisations`` are (start, end) of the organisation
    names in it, whose words are not cues ("Rädda Barnen")."""
    cues = TextCues.of(text, organisations)
    relevant, probability = relevance_model().decide(relevance_features(cues))
    if not relevant:
        return Topics(probability, False)
    return Topics(probability, True, tuple(named_codes(cues, "themes")), tuple(named_codes(cues, "target_groups")))
