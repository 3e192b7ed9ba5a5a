"""Training of the topic classifiers (``make classifiers``): relevance, themes, target groups.

Labelled data is a folder of releases with a ``gold.jsonl`` (the dev corpus's format:
``file``, ``relevant``, ``themes``, ``target_groups``); each file is parsed by the
build's own parser, so the classifiers learn from exactly the text they will see.
Sentences of a general Swedish news corpus (token-per-line, like the CC BY NER corpus)
may be added as further negatives for relevance. Every model is evaluated by
cross-validation grouped by document, beside its rule baseline, before it is fitted
on all data and written as JSON weights (``pipeline/resources/topic_models.json``).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from pipeline.document import RejectedInput
from pipeline.parse import parse_file
from pipeline.topics.codes import named_codes
from pipeline.topics.cues import cue_vocabularies
from pipeline.topics.features import TextCues, relevance_features
from pipeline.topics.linear import LinearModel
from pipeline.topics.settings import DEFAULT_OUT, Settings

log = logging.getLogger(__name__)
@dataclass(frozen=True)
class LabelledText:
    name: str
    text: str
    relevant: bool
    themes: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    names: tuple[tuple[int, int], ...] = ()  # organisations named in the text (not cues)


def load_labelled(corpus: Path) -> list[LabelledText]:
    """The gold-annotated releases of ``corpus``, parsed and run through the rules
    pipeline as the build does; a file the parser sets aside is left out (the
    classifiers never see such files)."""
    from pipeline.build.extract import make_doc
    from pipeline.config import BuildConfig
    from pipeline.nlp import load_pipeline

    nlp = load_pipeline(BuildConfig(model="rules")).nlp
    out = []
    for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        if "relevant" not in gold:
            continue
        try:
            document = parse_file(corpus / gold["file"], corpus)
        except RejectedInput as error:
            log.warning("%s left out: %s", gold["file"], error)
            continue
        doc = nlp(make_doc(nlp, document))
        out.append(LabelledText(gold["file"], document.text, bool(gold["relevant"]),
                                frozenset(gold.get("themes", [])), frozenset(gold.get("target_groups", [])),
                                organisation_spans(doc)))
    return out


def organisation_spans(doc) -> tuple[tuple[int, int], ...]:
    return tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG")


def news_negatives(path: Path, sentences_per_text: int = 12) -> list[LabelledText]:
    """Texts of general news: runs of sentences of a token-per-line corpus, as negatives."""
    sentences, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.append(line.split("\t")[0])
        elif words:
            sentences.append(" ".join(words))
            words = []
    if words:
        sentences.append(" ".join(words))
    return [LabelledText(f"{path.name}:{i}", "\n".join(sentences[i:i + sentences_per_text]), False)
            for i in range(0, len(sentences), sentences_per_text)]


def make_estimator(c: float, seed: int) -> Pipeline:
    return Pipeline([("features", DictVectorizer(sparse=False)),
                     ("scale", StandardScaler()),
                     ("model", LogisticRegression(C=c, max_iter=5000, random_state=seed))])


def export(estimator: Pipeline, calibration: tuple[float, float] = (1.0, 0.0), threshold: float = 0.5) -> LinearModel:
    """The fitted pipeline as one linear model: scaler and Platt calibration folded in."""
    names = estimator.named_steps["features"].feature_names_
    scale = estimator.named_steps["scale"]
    model = estimator.named_steps["model"]
    a, b = calibration
    coef = model.coef_[0] / scale.scale_
    intercept = float(model.intercept_[0] - np.dot(coef, scale.mean_))
    weights = {name: float(a * w) for name, w in zip(names, coef) if w != 0.0}
    return LinearModel(weights, a * intercept + b, threshold)


def platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Sigmoid calibration of held-out decision scores: p = sigmoid(a * score + b)."""
    fit = LogisticRegression(C=1e6, max_iter=5000).fit(scores.reshape(-1, 1), y)
    return float(fit.coef_[0, 0]), float(fit.intercept_[0])


@dataclass
class Report:
    """F1 (cross-validated: mean and spread over repeats) beside the rule baseline."""
    name: str
    scores: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)

    def line(self) -> str:
        line = f"{self.name:15} F1 {np.mean(self.scores):.3f} ± {np.std(self.scores):.3f}"
        if self.baseline:
            line += f"   rule baseline {np.mean(self.baseline):.3f}"
        return line

    def as_dict(self) -> dict:
        out = {"f1_mean": round(float(np.mean(self.scores)), 4), "f1_std": round(float(np.std(self.scores)), 4)}
        if self.baseline:
            out["baseline_f1_mean"] = round(float(np.mean(self.baseline)), 4)
        return out


def relevance_rows(texts: list[LabelledText]) -> tuple[list[dict], np.ndarray]:
    return [relevance_features(TextCues.of(t.text, t.names)) for t in texts], np.array([t.relevant for t in texts], dtype=int)


def keyword_baseline(texts: list[LabelledText]) -> np.ndarray:
    """The scrape stage's topic filter as a classifier: any topic keyword in the text."""
    from pipeline.scrape.topic import matching_keywords

    return np.array([bool(matching_keywords(t.text)) for t in texts], dtype=int)


def cross_validate_relevance(texts: list[LabelledText], extra: list[LabelledText], settings: Settings) -> Report:
    rows, y = relevance_rows(texts)
    extra_rows, extra_y = relevance_rows(extra)
    baseline = keyword_baseline(texts)
    report = Report("relevant")
    for repeat in range(settings.repeats):
        folds = StratifiedKFold(settings.folds, shuffle=True, random_state=settings.seed + repeat)
        predicted = np.zeros(len(y), dtype=int)
        for train, test in folds.split(rows, y):
            estimator = make_estimator(settings.relevance_c, settings.seed)
            estimator.fit([rows[i] for i in train] + extra_rows, np.concatenate([y[train], extra_y]))
            predicted[test] = estimator.predict([rows[i] for i in test])
        report.scores.append(f1_score(y, predicted))
        report.baseline.append(f1_score(y, baseline))
    return report


def fit_relevance(texts: list[LabelledText], extra: list[LabelledText], settings: Settings) -> LinearModel:
    rows, y = relevance_rows(texts)
    extra_rows, extra_y = relevance_rows(extra)
    all_rows, all_y = rows + extra_rows, np.concatenate([y, extra_y])
    held_out = np.zeros(len(all_y))
    folds = StratifiedKFold(settings.folds, shuffle=True, random_state=settings.seed)
    for train, test in folds.split(all_rows, all_y):
        estimator = make_estimator(settings.relevance_c, settings.seed).fit([all_rows[i] for i in train], all_y[train])
        held_out[test] = estimator.decision_function([all_rows[i] for i in test])
    estimator = make_estimator(settings.relevance_c, settings.seed).fit(all_rows, all_y)
    return export(estimator, platt(held_out, all_y))


def evaluate_codes(texts: list[LabelledText], vocabulary: str) -> Report:
    """F1 of the themes or groups found in the relevant texts, beside the same cue
    words matched as plain substrings (no word starts, no longest match, organisation
    names not left out). Nothing is fitted, so there is no fold."""
    relevant = [t for t in texts if t.relevant]
    gold = [(t, getattr(t, vocabulary)) for t in relevant]
    found = [set(named_codes(TextCues.of(t.text, t.names), vocabulary)) for t in relevant]
    report = Report(vocabulary)
    report.scores.append(micro_f1([g for _, g in gold], found))
    cues = cue_vocabularies()[vocabulary]
    plain = [{code for code, words in cues.items() if any(w.strip("*$") in t.text.lower() for w in words)}
             for t in relevant]
    report.baseline.append(micro_f1([g for _, g in gold], plain))
    return report


def micro_f1(gold: list[set[str]], found: list[set[str]]) -> float:
    tp = sum(len(g & f) for g, f in zip(gold, found))
    n_found, n_gold = sum(map(len, found)), sum(map(len, gold))
    return 2 * tp / (n_found + n_gold) if n_found + n_gold else 0.0


def train(corpus: Path, news: Path | None = None, out: Path = DEFAULT_OUT, settings: Settings = Settings(),
          evaluate: bool = True) -> dict:
    """Evaluate and fit the three classifiers; write them to ``out``; return the report."""
    texts = load_labelled(corpus)
    extra = news_negatives(news) if news else []
    if len({t.relevant for t in texts}) < 2:
        raise ValueError(f"{corpus} needs releases of both kinds (relevant true and false) to train on")
    reports = []
    if evaluate:
        reports = [cross_validate_relevance(texts, extra, settings),
                   evaluate_codes(texts, "themes"), evaluate_codes(texts, "target_groups")]
    document = {
        "_doc": "The relevance classifier of pressmine, written by `make classifiers` (pipeline/topics/train.py): "
                "a logistic regression over the features of pipeline/topics/features.py, scaler and Platt "
                "calibration folded into the weights. Do not edit by hand; retrain.",
        "trained_on": {"labelled_texts": len(texts), "relevant": sum(t.relevant for t in texts),
                       "news_negatives": len(extra)},
        "settings": settings.__dict__,
        "evaluation": {r.name: r.as_dict() for r in reports},
        "relevance": fit_relevance(texts, extra, settings).to_dict(),
    }
    out.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for r in reports:
        print(r.line())
    print(f"wrote {out}")
    return document
