"""Every component factory of the project, registered by importing this module.

spaCy finds them by name through the ``spacy_factories`` entry points declared in
pyproject.toml (so ``spacy.load`` of a saved pipeline works in a fresh process); the
project itself imports this module, which also works from an uninstalled checkout.
"""
from pipeline.nlp.dates import make_date_finder
from pipeline.nlp.entities import make_entity_merger
from pipeline.nlp.grants import make_grant_finder
from pipeline.nlp.initiatives import make_initiative_finder
from pipeline.nlp.money import make_money_finder
from pipeline.nlp.organisations import make_gazetteer
from pipeline.nlp.people import make_people_finder
from pipeline.nlp.places import make_place_finder
from pipeline.nlp.sentences import make_sentences
from pipeline.nlp.topics import make_topics

__all__ = ["make_date_finder", "make_entity_merger", "make_gazetteer", "make_grant_finder",
           "make_initiative_finder", "make_money_finder", "make_people_finder", "make_place_finder", "make_sentences", "make_topics"]
