"""Word knowledge for the NER model, given to spaCy as a small static-vectors table.

Pretrained word vectors cannot be downloaded here, and over half of the test names
never occur in the training corpus, so for an unseen word the model has only its
spelling. A lexicon adds what spelling cannot tell: whether a capitalised word is an
ordinary Swedish word at the start of a sentence ("Syftet"), a proper noun the
Swedish full-form lexicon knows ("Göteborgs"), a given name, or a word of a place,
an organisation or a title from the project's gazetteers.

Each word gets the binary features in :data:`FEATURES`. Words with the same features
share one row, so the table has a few dozen rows and only its key-to-row map grows
with the lexicon. spaCy's default vectors look up the exact spelling (ORTH), so a
word is keyed as written in lower case, Capitalised and UPPER case, except a word
known only as an ordinary word: it is keyed Capitalised only, the spelling that can
be mistaken for a name (opening a sentence, in a heading). That map is a Python dict
in every worker; this keeps it at about 0.8 million keys instead of 2.2 million.
The table is saved inside the trained model: using the model needs none of these sources.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

import numpy as np

# One column each, in this order; "known" is set for every word in the table, so a word
# the lexicon does not know (a zero row) differs from one with no other feature.
FEATURES = ("common_word", "proper_noun", "common_and_proper", "given_name",
            "place_word", "organisation_word", "role_word", "known")
BIT = {name: 1 << i for i, name in enumerate(FEATURES)}  # a word's features are a bit mask
LOOKUPS_PACKAGE = "spacy-lookups-data"
SOURCE = {
    "name": "Swedish lemma table of spacy-lookups-data (word forms only), and the project's gazetteers",
    "url": "https://github.com/explosion/spacy-lookups-data",
    "license": "MIT",
    "author": "Explosion; gazetteers: pressmine",
}


class LexiconUnavailable(RuntimeError):
    """The Swedish full-form lexicon (spacy-lookups-data) is not installed."""


def swedish_full_forms() -> list[str]:
    """Every word form (and lemma) of the Swedish lemma table in spacy-lookups-data,
    with its case: proper nouns are capitalised there, ordinary words are not."""
    from spacy.util import load_language_data, registry

    try:
        tables = registry.lookups.get("sv")
    except ValueError as error:  # catalogue.RegistryError: no Swedish tables registered
        raise LexiconUnavailable(
            f"the Swedish lexicon for the NER model comes from {LOOKUPS_PACKAGE}, which is not "
            f"installed: run `make model` (it installs it) or pip install 'pressmine[model]'; "
            f"or train without it with --no-lexicon") from error
    lemmas = load_language_data(tables["lemma_lookup"])
    return sorted(set(lemmas) | set(lemmas.values()))


def gazetteer_words() -> dict[str, set[str]]:
    """Lower-cased words of the project's gazetteers, by feature."""
    from pipeline import resources
    from pipeline.normalize.organisations import org_surface_forms, place_surface_forms

    def words(phrases: Iterable[str]) -> set[str]:
        return {w.strip(",.()").lower() for phrase in phrases for w in phrase.split()} - {""}

    return {
        "given_name": words(resources.first_names()),
        "place_word": words(form for form, _ in place_surface_forms()),
        "organisation_word": words(form for form, _ in org_surface_forms()),
        "role_word": words(resources.roles()),
    }


def word_features(full_forms: Iterable[str], gazetteers: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Each lower-cased word's features, as a bit mask over :data:`FEATURES`."""
    masks: dict[str, int] = {}
    for form in full_forms:
        word = form.lower()
        if word:
            masks[word] = masks.get(word, 0) | BIT["proper_noun" if form[:1].isupper() else "common_word"]
    for name, words in gazetteers.items():
        for word in words:
            masks[word.lower()] = masks.get(word.lower(), 0) | BIT[name]
    both = BIT["common_word"] | BIT["proper_noun"]
    return {word: mask | BIT["known"] | (BIT["common_and_proper"] if mask & both == both else 0)
            for word, mask in masks.items()}


def lexicon_vectors(vocab, features: Mapping[str, int]):
    """A spaCy ``Vectors`` table: one row per distinct feature mask, keyed by spelling."""
    from spacy.vectors import Vectors

    rows: dict[int, int] = {}
    for mask in features.values():
        rows.setdefault(mask, len(rows))
    data = np.zeros((len(rows), len(FEATURES)), dtype="float32")
    for mask, row in rows.items():
        data[row] = [bool(mask & BIT[name]) for name in FEATURES]
    vectors = Vectors(strings=vocab.strings, data=data, keys=[], name="pressmine_lexicon")
    ordinary_only = BIT["common_word"] | BIT["known"]
    for word, mask in features.items():
        row = rows[mask]
        capitalised = word[:1].upper() + word[1:]
        spellings = {capitalised} if mask == ordinary_only else {word, capitalised, word.upper()}
        for spelling in spellings:
            vectors.add(spelling, row=row)
    return vectors


def write_lexicon_pipeline(out_dir: Path, full_forms: Iterable[str] | None = None,
                           gazetteers: Mapping[str, Iterable[str]] | None = None) -> dict:
    """Save a blank Swedish pipeline holding the lexicon table, for spaCy's
    ``[initialize] vectors`` setting; returns counts for the training report."""
    import spacy

    forms = swedish_full_forms() if full_forms is None else list(full_forms)
    features = word_features(forms, gazetteer_words() if gazetteers is None else gazetteers)
    nlp = spacy.blank("sv")
    nlp.vocab.vectors = lexicon_vectors(nlp.vocab, features)
    nlp.to_disk(out_dir)
    return {"words": len(features), "full_forms": len(forms), "rows": nlp.vocab.vectors.shape[0],
            "keys": nlp.vocab.vectors.n_keys, "features": list(FEATURES)}
