"""Tests for pipeline.model: the IO-corpus reader and a tiny end-to-end training.

The training test uses the same ``train_model`` code path as ``make model``,
shrunk through spaCy config overrides, on a corpus written here; nothing reads
/work/shared or the network.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from pipeline.model import corpus as C
from pipeline.model import lexicon as L
from pipeline.model.cli import configure_parser, run

# A dozen hand-written Swedish sentences, IO-tagged; mixed tab/space separators
# as in the real files.
TINY = [
    [("Anna", "PER"), ("Svensson", "PER"), ("arbetar", "0"), ("på", "0"),
     ("Malmö", "ORG"), ("stad", "ORG"), (".", "0")],
    [("Kommunen", "0"), ("öppnar", "0"), ("en", "0"), ("ny", "0"), ("skola", "0"),
     ("i", "0"), ("Göteborg", "LOC"), (".", "0")],
    [("Migrationsverket", "ORG"), ("meddelade", "0"), ("att", "0"), ("Erik", "PER"),
     ("Lind", "PER"), ("får", "0"), ("stanna", "0"), ("i", "0"), ("Sverige", "LOC"), (".", "0")],
    [("Projektet", "0"), ("Välkommen", "MISC"), ("Hit", "MISC"), ("startade", "0"),
     ("i", "0"), ("Umeå", "LOC"), (".", "0")],
    [("Arbetsförmedlingen", "ORG"), ("och", "0"), ("Region", "ORG"), ("Skåne", "ORG"),
     ("samarbetar", "0"), (".", "0")],
    [("Fatima", "PER"), ("Ali", "PER"), ("bor", "0"), ("i", "0"), ("Rinkeby", "LOC"), (".", "0")],
    [("Svenska", "ORG"), ("kyrkan", "ORG"), ("ordnar", "0"), ("språkcafé", "0"),
     ("i", "0"), ("Uppsala", "LOC"), (".", "0")],
    [("Johan", "PER"), ("Berg", "PER"), ("är", "0"), ("chef", "0"), ("för", "0"),
     ("Röda", "ORG"), ("Korset", "ORG"), (".", "0")],
    [("Det", "0"), ("regnade", "0"), ("hela", "0"), ("dagen", "0"), (".", "0")],
    [("Lena", "PER"), ("flyttade", "0"), ("från", "0"), ("Syrien", "LOC"), ("till", "0"),
     ("Norrköping", "LOC"), (".", "0")],
    [("Länsstyrelsen", "ORG"), ("i", "0"), ("Stockholm", "LOC"), ("ger", "0"),
     ("stöd", "0"), ("till", "0"), ("SFI", "MISC"), (".", "0")],
    [("Maria", "PER"), ("och", "0"), ("Ahmed", "PER"), ("läser", "0"), ("svenska", "0"),
     ("i", "0"), ("Luleå", "LOC"), (".", "0")],
]


def _write_corpus(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    lines = []
    for i, sent in enumerate(TINY):
        for token, tag in sent:
            sep = "\t" if i % 2 == 0 else " "
            lines.append(f"{token}{sep}{tag.strip()}")
        lines.append("")
    text = "\n".join(lines) + "\n"
    (directory / C.TRAIN_FILE).write_text(text, encoding="utf-8")
    (directory / C.TEST_FILE).write_text(text, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    "tags, spans",
    [
        ([], []),
        (["0", "0"], []),
        (["PER"], [(0, 1, "PER")]),
        (["PER", "PER", "0", "LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["ORG", "LOC", "LOC"], [(0, 1, "ORG"), (1, 3, "LOC")]),
        (["0", "MISC", "MISC", "MISC"], [(1, 4, "MISC")]),
        (["O", "PER", "O"], [(1, 2, "PER")]),  # letter O also means outside
    ],
)
def test_io_to_spans(tags, spans):
    assert C.io_to_spans(tags) == spans


@pytest.mark.parametrize(
    "lines, expected",
    [
        # tab and space separators, blank-line sentence breaks, repeated blanks
        (["Anna\tPER", "Lind PER", "bor\t0", "", "", "i 0", "Lund\tLOC", ""],
         [(["Anna", "Lind", "bor"], [(0, 2, "PER")]), (["i", "Lund"], [(1, 2, "LOC")])]),
        # no trailing blank line; CRLF; a token without a tag counts as outside
        (["Region\tORG\r\n", "Skåne\tORG\r\n", "bn\r\n"],
         [(["Region", "Skåne", "bn"], [(0, 2, "ORG")])]),
        # an unknown tag is treated as outside
        (["Volvo\tB-ORG", "säljer\t0"], [(["Volvo", "säljer"], [])]),
    ],
)
def test_parse_io_lines(lines, expected):
    stats = C.ReadStats()
    sents = C.parse_io_lines(lines, stats)
    assert [(s.tokens, s.spans) for s in sents] == expected
    assert stats.sentences == len(expected)


def test_make_doc_keeps_corpus_tokens():
    import spacy

    sent = C.Sentence(["Hej", "Malmö-bor", ",", "sa", "Anna", "Lind", "."],
                      ["0", "0", "0", "0", "PER", "PER", "0"])
    doc = C.make_doc(spacy.blank("sv").vocab, sent)
    assert [t.text for t in doc] == sent.tokens  # not re-tokenised
    assert [(e.text, e.label_) for e in doc.ents] == [("Anna Lind", "PER")]


def test_split_is_reproducible_and_disjoint():
    sents = [C.Sentence([f"w{i}"], ["0"]) for i in range(50)]
    train, dev = C.split_train_dev(sents, 0.1, seed=3)
    assert len(dev) == 5 and len(train) == 45
    assert {s.tokens[0] for s in train}.isdisjoint({s.tokens[0] for s in dev})
    assert C.split_train_dev(sents, 0.1, seed=3)[1] == dev


def test_mention_replacement_draws_from_training_mentions_and_gazetteers():
    train = [C.Sentence(["Anna", "Lind", "bor", "i", "Växjö", "."], ["PER", "PER", "0", "0", "LOC", "0"]),
             C.Sentence(["Ingen", "har", "namn", "."], ["0", "0", "0", "0"])]
    extra = C.gazetteer_names(train)
    assert ["Addis", "Abeba"] in extra["LOC"] and all(p[1] == "Lind" for p in extra["PER"])
    augmented = C.augment_mentions(train, copies=40, seed=1, extra_names=extra)
    assert len(augmented) == 40  # only the sentence with entities is copied
    for sent in augmented:  # the context and the labels stay, the names change
        assert sent.tokens[-4:] == ["bor", "i"] + sent.tokens[-2:] and sent.tokens[-1] == "."
        assert [lab for _, _, lab in sent.spans] == ["PER", "LOC"]
    places = {" ".join(sent.tokens[s:e]) for sent in augmented for s, e, lab in sent.spans if lab == "LOC"}
    gazetteer_places = {" ".join(p) for p in extra["LOC"]}
    assert "Växjö" in places and places - {"Växjö"} and places - {"Växjö"} <= gazetteer_places


def test_resolve_corpus_dir(tmp_path, monkeypatch):
    monkeypatch.delenv(C.ENV_VAR, raising=False)
    corpus = _write_corpus(tmp_path / "c")
    assert C.resolve_corpus_dir(corpus) == (corpus, "argument")
    monkeypatch.setenv(C.ENV_VAR, str(corpus))
    assert C.resolve_corpus_dir(None) == (corpus, C.ENV_VAR)
    monkeypatch.delenv(C.ENV_VAR)
    with pytest.raises(C.CorpusError, match="--corpus"):
        C.resolve_corpus_dir(None, cache_dir=tmp_path / "empty", download=False)
    with pytest.raises(C.CorpusError):
        C.resolve_corpus_dir(tmp_path / "empty")


def test_download_error_is_clear(tmp_path):
    # A file: URL that does not exist fails like an offline machine, without network.
    with pytest.raises(C.CorpusError, match="offline"):
        C.download_corpus(tmp_path / "cache", base_url=(tmp_path / "nowhere").as_uri() + "/")
    assert not list((tmp_path / "cache").glob("*.part"))


def test_download_from_local_url(tmp_path):
    src = _write_corpus(tmp_path / "src")
    dest = C.download_corpus(tmp_path / "cache", base_url=src.as_uri() + "/")
    assert C.has_corpus(dest)
    assert (dest / C.TRAIN_FILE).read_bytes() == (src / C.TRAIN_FILE).read_bytes()


# Shrinks the real config so that training takes seconds; same code path as make model.
TINY_OVERRIDES = {
    "training.max_steps": 6,
    "training.eval_frequency": 3,
    "components.tok2vec.model.encode.width": 32,
    "components.tok2vec.model.embed.*.mix.layer.nO": 32,
    "components.ner.model.tok2vec.width": 32,
    "components.tok2vec.model.encode.depth": 2,
    "components.tok2vec.model.embed.*.features.*.hashed.rows": [500, 100, 200, 50],
    "components.ner.model.hidden_width": 16,
}


def _small_lexicon(monkeypatch):
    """A few forms instead of the full-form lexicon's 700,000, to keep the run short."""
    monkeypatch.setattr(L, "swedish_full_forms", lambda: ["arbetar", "bor", "stad", "Lund", "Lunds", "Anna"])


def test_tiny_training_run(tmp_path, monkeypatch):
    import spacy

    monkeypatch.delenv(C.ENV_VAR, raising=False)
    _small_lexicon(monkeypatch)
    corpus = _write_corpus(tmp_path / "corpus")
    out = tmp_path / "models" / "sv_pressmine_ner"
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    argv = ["--corpus", str(corpus), "--out", str(out), "--max-minutes", "2", "--seed", "1",
            "--gpu", "none", "--no-download"]
    argv += [x for k, v in TINY_OVERRIDES.items() for x in ("--set", f"{k}={v}")]
    assert run(parser.parse_args(argv)) == 0

    nlp = spacy.load(out)
    # ner carries its own copy of the tok2vec, so it also works when sourced alone
    assert nlp.pipe_names == ["ner"]
    assert "Tok2VecListener" not in nlp.config.to_str()
    assert nlp.lang == "sv"
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC", "MISC"}
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "pressmine_ner" and meta["license"] == "CC BY 4.0"
    assert "klintan/swedish-ner-corpus" in meta["sources"][0]["name"]
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert set(metrics["test"]) >= {"ents_p", "ents_r", "ents_f", "per_label"}
    assert metrics["training"]["steps"] == 7  # steps 0..max_steps
    assert metrics["corpus"]["train"]["sentences"] == len(TINY)
    assert not (out.parent / ".sv_pressmine_ner.work").exists()
    # the lexicon table travels inside the model: no path to it, its features by spelling
    assert metrics["corpus"]["lexicon"]["features"] == list(L.FEATURES)
    assert nlp.config["paths"]["vectors"] is None and nlp.vocab.vectors.shape[1] == len(L.FEATURES)
    lund = nlp.vocab.vectors.data[nlp.vocab.vectors.find(key="Lund")]
    assert lund[L.FEATURES.index("proper_noun")] == 1 and lund[L.FEATURES.index("place_word")] == 1
    assert any("spacy-lookups-data" in source["url"] for source in meta["sources"])
    text = "Anna Lind bor i Lund och arbetar på Malmö stad."
    doc = nlp(text)  # runs on raw text with the default Swedish tokenizer
    other = spacy.blank("sv")
    other.vocab.vectors = nlp.vocab.vectors  # the lexicon table goes along with the component
    other.add_pipe("ner", source=nlp)
    assert [(e.start, e.end, e.label_) for e in other(text).ents] == [
        (e.start, e.end, e.label_) for e in doc.ents]
    # non-vacuous even if the tiny model finds no entities: same token features
    feats = [p.get_pipe("ner").model.get_ref("tok2vec").predict([p.make_doc(text)])
             for p in (nlp, other)]
    assert abs(feats[0]).sum() > 0 and (abs(feats[0] - feats[1]) < 1e-6).all()
    _build_with_trained_model(tmp_path, out)


def _build_with_trained_model(tmp_path, model_dir):
    """The build runs with a trained model as its base, in this process and in workers."""
    from pipeline.build import build_dataset
    from pipeline.config import BuildConfig

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(3):
        (raw / f"r{i}.txt").write_text(
            f"Stöd till integration {i}\n\n2019-05-0{i + 1}\n\nMora kommun får {i + 1} miljoner kronor från "
            "Länsstyrelsen i Dalarnas län. – Det är bra, säger Karin Lindqvist, projektledare i Mora kommun.\n",
            encoding="utf-8")
    for n_process in (1, 2):
        out = tmp_path / f"out{n_process}"
        summary = build_dataset(BuildConfig(raw_dir=raw, out_dir=out, model=str(model_dir), n_process=n_process,
                                            batch_size=1, use_cache=False, show_progress=False))
        assert summary.base.startswith("trained:") and summary.documents == 3 and not summary.rejected
        assert summary.entities["MONEY"] == 3 and summary.entities["PERSON"] >= 3


def test_training_without_the_lexicon(tmp_path, monkeypatch):
    import spacy

    from pipeline.model.train import train_model

    def unavailable():
        raise AssertionError("the lexicon must not be read")

    monkeypatch.setattr(L, "swedish_full_forms", unavailable)
    out = tmp_path / "m"
    metrics = train_model(_write_corpus(tmp_path / "corpus"), out, lexicon=False, log=lambda msg: None,
                          overrides={**TINY_OVERRIDES, "training.max_steps": 2})
    assert metrics["corpus"]["lexicon"] is None
    nlp = spacy.load(out)
    assert nlp.vocab.vectors.shape[0] == 0 and "static_vectors" not in [n.name for n in nlp.get_pipe("ner").model.walk()]


def test_cli_reports_a_missing_lexicon(tmp_path, monkeypatch, capsys):
    def unavailable():
        raise L.LexiconUnavailable("spacy-lookups-data is not installed")

    monkeypatch.setattr(L, "swedish_full_forms", unavailable)
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    args = parser.parse_args(["--corpus", str(_write_corpus(tmp_path / "c")), "--out", str(tmp_path / "m"),
                              "--set", "training.max_steps=1"])
    assert run(args) == 2
    assert "spacy-lookups-data" in capsys.readouterr().err and not (tmp_path / "m").exists()


def test_cli_reports_missing_corpus(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(C.ENV_VAR, raising=False)
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    args = parser.parse_args(["--cache-dir", str(tmp_path / "none"), "--no-download",
                              "--out", str(tmp_path / "m")])
    assert run(args) == 2
    assert C.ENV_VAR in capsys.readouterr().err


def test_weight_average_is_the_mean_of_the_checkpoints_added():
    import numpy as np
    import spacy
    from spacy.training import Example

    from pipeline.model.averaging import WeightAverage, _params

    nlp = spacy.blank("sv")
    nlp.add_pipe("ner")
    doc = nlp.make_doc("Anna bor i Lund .")
    nlp.initialize(lambda: [Example.from_dict(doc, {"entities": [(0, 4, "PER"), (11, 15, "LOC")]})])
    first = {key: value.copy() for key, _node, value in _params(nlp)}
    assert first  # the component's weights are found
    average = WeightAverage()
    average.add(nlp, step=10)
    for key, node, value in _params(nlp):
        node.set_param(key[2], value + 1.0)
    average.add(nlp, step=20)
    average.apply(nlp)
    assert average.count == 2 and average.steps == [10, 20]
    for key, _node, value in _params(nlp):
        assert np.allclose(value, first[key] + 0.5)
    with pytest.raises(ValueError):
        WeightAverage().apply(nlp)


@pytest.mark.parametrize("average_from_epoch", [0, None])
def test_training_saves_the_mean_of_the_checkpoints_or_the_best_one(tmp_path, monkeypatch, average_from_epoch):
    from pipeline.model.train import train_model

    _small_lexicon(monkeypatch)
    metrics = train_model(_write_corpus(tmp_path / "corpus"), tmp_path / "m", log=lambda msg: None,
                          overrides=TINY_OVERRIDES, average_from_epoch=average_from_epoch)
    average = metrics["training"]["weight_average"]
    if average_from_epoch is None:
        assert average is None
    else:  # evaluations at steps 0, 3 and 6, and the model is their mean
        assert (average["checkpoints"], average["from_step"], average["to_step"]) == (3, 0, 6)
        assert metrics["dev"]["ents_f"] == pytest.approx(average["dev_ents_f"], abs=1e-4)
