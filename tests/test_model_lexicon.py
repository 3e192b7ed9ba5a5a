"""The NER model's word-knowledge table (pipeline.model.lexicon)."""
from __future__ import annotations

import pytest

from pipeline.model import lexicon as L

BIT = {name: 1 << i for i, name in enumerate(L.FEATURES)}


def has(mask: int, *names: str) -> bool:
    return all(mask & BIT[name] for name in names)


def test_word_features_combine_the_lexicon_and_the_gazetteers():
    forms = ["Stockholm", "Stockholms", "kommun", "kommunen", "Björk", "björk", "syftet"]
    gazetteers = {"given_name": ["Anna", "Björk"], "place_word": ["Växjö", "Stockholm"],
                  "organisation_word": ["Migrationsverket"], "role_word": ["projektledare"]}
    features = L.word_features(forms, gazetteers)
    assert set(features) == {"stockholm", "stockholms", "kommun", "kommunen", "björk", "syftet", "anna",
                             "växjö", "migrationsverket", "projektledare"}  # keyed in lower case
    assert has(features["stockholm"], "proper_noun", "place_word", "known")
    assert not has(features["stockholm"], "common_word")
    assert has(features["stockholms"], "proper_noun") and not has(features["stockholms"], "place_word")
    assert has(features["kommun"], "common_word") and not has(features["kommun"], "proper_noun")
    # a word the lexicon has as a common word and as a name ("björk", birch; Björk, a name)
    assert has(features["björk"], "common_word", "proper_noun", "common_and_proper", "given_name")
    assert not has(features["kommun"], "common_and_proper")
    # an ordinary word is known as one however it is spelt in a text ("Syftet" opening a sentence)
    assert has(features["syftet"], "common_word") and not has(features["syftet"], "proper_noun")
    assert features["anna"] == BIT["given_name"] | BIT["known"]
    assert has(features["projektledare"], "role_word") and has(features["migrationsverket"], "organisation_word")


def test_lexicon_vectors_share_rows_and_key_the_spellings_that_matter():
    import spacy

    features = L.word_features(["Lund", "skola", "skolan", "Björk", "björk"],
                               {"given_name": ["Karin"], "place_word": ["Lund"]})
    vocab = spacy.blank("sv").vocab
    vectors = L.lexicon_vectors(vocab, features)
    assert vectors.shape == (4, len(L.FEATURES))  # one row per distinct feature mask, not per word
    assert vectors.find(key="Skola") == vectors.find(key="Skolan")  # same features, same row
    for word in ("Lund", "lund", "LUND", "Karin", "karin", "Björk", "björk"):  # names: three spellings
        row = vectors.data[vectors.find(key=word)]
        assert [bool(x) for x in row] == [has(features[word.lower()], name) for name in L.FEATURES]
    # an ordinary word only where it could pass for a name: capitalised
    assert vectors.data[vectors.find(key="Skola")][L.FEATURES.index("common_word")] == 1
    assert vectors.find(key="skola") == -1 and vectors.find(key="SKOLA") == -1
    assert vectors.find(key="Okänt") == -1  # an unknown word has no row: spaCy gives it zeros
    assert vectors.find(key="lUnD") == -1  # only the usual spellings are keys


def test_gazetteer_words_come_from_the_project_resources():
    words = L.gazetteer_words()
    assert "växjö" in words["place_word"] and "kronobergs" in words["place_word"]
    assert "migrationsverket" in words["organisation_word"]
    assert "projektledare" in words["role_word"] and "anna" in words["given_name"]
    assert all(w == w.lower() and w for ws in words.values() for w in ws)


def test_swedish_full_forms_keep_the_case_of_proper_nouns():
    pytest.importorskip("spacy_lookups_data")  # installed with the model extra (make test installs it)
    forms = set(L.swedish_full_forms())
    assert len(forms) > 100_000
    assert {"kommun", "kommunen", "Stockholm", "Göteborg"} <= forms
    assert "stockholm" not in forms  # a proper noun only appears capitalised


def test_write_lexicon_pipeline_gives_spacy_a_vectors_table(tmp_path):
    import spacy

    info = L.write_lexicon_pipeline(tmp_path / "lexicon", ["Malmö", "stad"], {"place_word": ["Malmö"]})
    assert info["words"] == 2 and info["rows"] == 2 and info["keys"] == 4  # Malmö x3, Stad
    loaded = spacy.load(tmp_path / "lexicon")
    doc = loaded("Stad och Malmö stad växer.")
    assert [t.has_vector for t in doc] == [True, False, True, False, False, False]
    assert doc[2].vector[L.FEATURES.index("place_word")] == 1
