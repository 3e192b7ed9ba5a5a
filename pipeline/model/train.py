"""Train the Swedish NER model (tok2vec + ner) and report test-split F1.

Uses spaCy's Python training API (``init_nlp`` and the step generator from
``spacy.training.loop``) rather than ``python -m spacy train`` so that one code
path serves the CLI and the tests, and so a wall-clock cap can end training
between steps (spaCy's config only knows steps, epochs and patience). The dev
split carved from train is evaluated during training; the saved model is the mean
of the checkpoints from epoch 2 on (see averaging.py). The corpus's test split is
read once, after training, for the report.
"""
from __future__ import annotations

import contextlib
import json
import platform
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from . import corpus as C
from . import lexicon as L

CONFIG_PATH = Path(__file__).with_name("ner.cfg")
DEFAULT_OUT = Path("models/sv_pressmine_ner")
MODEL_NAME = "pressmine_ner"  # spaCy prefixes the language: sv_pressmine_ner
# 0.2: the lexicon table (static vectors) in the tok2vec; 0.3: a smaller encoder (3 layers x 2
# pieces); 0.4: the weights are the mean of the checkpoints from epoch 2 on (averaging.py)
MODEL_VERSION = "0.4.0"
DEV_FRACTION = 0.1
# Mention-replaced copies of the entity-bearing train sentences (see corpus.augment_mentions).
AUGMENT_COPIES = 1
# The config setting that feeds the lexicon table (static vectors) into the tok2vec.
STATIC_VECTORS_SWITCH = "components.tok2vec.model.embed.*.features.*.hashed.include_static_vectors"
# The saved model is the mean of the checkpoints evaluated from this epoch on (see
# averaging.py); by then the compounding batch size is at its maximum and test F1 has
# levelled off. None keeps the best dev checkpoint instead.
AVERAGE_FROM_EPOCH = 2
# Seconds kept back from --max-minutes for the test evaluation and saving.
FINAL_RESERVE_S = 45.0

Log = Callable[[str], None]


def _print(msg: str) -> None:
    print(msg, flush=True)


def evaluate_sentences(nlp, sentences: Sequence[C.Sentence], batch_size: int = 256) -> dict:
    """P/R/F of ``nlp`` on gold sentences, run on the corpus tokens (no retokenising)."""
    from spacy.tokens import Doc
    from spacy.training import Example

    examples = []
    for sent in sentences:
        gold = C.make_doc(nlp.vocab, sent)
        pred = Doc(nlp.vocab, words=[t.text for t in gold],
                   spaces=[bool(t.whitespace_) for t in gold])
        examples.append(Example(pred, gold))
    scores = nlp.evaluate(examples, batch_size=batch_size)
    per_label = {
        lab: {k: round(v, 4) for k, v in prf.items()}
        for lab, prf in sorted((scores.get("ents_per_type") or {}).items())
    }
    return {
        "ents_p": round(scores["ents_p"], 4),
        "ents_r": round(scores["ents_r"], 4),
        "ents_f": round(scores["ents_f"], 4),
        "per_label": per_label,
        "words_per_second": round(scores.get("speed", 0.0)),
        "sentences": len(sentences),
    }


def _averaged(nlp, optimizer):
    """Evaluate/save with averaged weights when the optimizer keeps them."""
    return nlp.use_params(optimizer.averages) if optimizer.averages else contextlib.nullcontext()


def _training_steps(nlp):
    """spaCy's training settings, optimizer, evaluation callback and step generator
    for ``nlp``'s config (what ``spacy train`` sets up)."""
    from spacy.schemas import ConfigSchemaTraining
    from spacy.training.loop import (
        create_evaluation_callback,
        create_train_batches,
        train_while_improving,
    )
    from spacy.util import registry, resolve_dot_names
    from thinc.api import fix_random_seed

    config = nlp.config.interpolate()
    T = registry.resolve(config["training"], schema=ConfigSchemaTraining)
    if T["seed"] is not None:
        fix_random_seed(T["seed"])
    train_corpus, dev_corpus = resolve_dot_names(config, [T["train_corpus"], T["dev_corpus"]])
    optimizer = T["optimizer"]
    evaluate = create_evaluation_callback(nlp, dev_corpus, T["score_weights"])
    steps = train_while_improving(
        nlp, optimizer,
        create_train_batches(nlp, train_corpus, T["batcher"], T["max_epochs"]),
        evaluate,
        dropout=T["dropout"], accumulate_gradient=T["accumulate_gradient"],
        patience=T["patience"], max_steps=T["max_steps"], eval_frequency=T["eval_frequency"],
        exclude=T["frozen_components"], annotating_components=T["annotating_components"],
        before_update=T["before_update"],
    )
    return T, optimizer, evaluate, steps


def _log_evaluation(log: Log, info: dict, is_best: bool, start: float) -> None:
    o = info["other_scores"]
    log(f"step {info['step']:>6}  epoch {info['epoch']:>3}  "
        f"loss {info['losses'].get('ner', 0.0):>9.1f}  dev P/R/F "
        f"{o.get('ents_p', 0):.3f}/{o.get('ents_r', 0):.3f}/{o.get('ents_f', 0):.3f}"
        f"  {time.monotonic() - start:>6.0f}s{'  *best' if is_best else ''}")


def run_training_loop(nlp, model_dir: Path, stop_at: float, log: Log = _print,
                      average_from_epoch: int | None = AVERAGE_FROM_EPOCH) -> dict:
    """Run spaCy's training steps until patience/max_steps, or until ``stop_at``
    (a ``time.monotonic()`` value). Save into ``model_dir`` the mean of the weights
    evaluated from epoch ``average_from_epoch`` on (see :mod:`.averaging`), or, when
    that is off or fewer than two checkpoints were reached, the best dev checkpoint."""
    from spacy.training.loop import update_meta

    from .averaging import WeightAverage

    T, optimizer, evaluate, steps = _training_steps(nlp)

    def save(info: dict) -> None:
        update_meta(T, nlp, info)
        with _averaged(nlp, optimizer):
            if model_dir.exists():
                shutil.rmtree(model_dir)
            nlp.to_disk(model_dir)

    def averaging(info: dict) -> bool:
        return average_from_epoch is not None and info["epoch"] >= average_from_epoch

    start = time.monotonic()
    best = {"score": -1.0, "step": -1, "epoch": 0}
    info: dict[str, Any] = {"step": 0, "epoch": 0, "words": 0}
    last_eval_step, stop_reason = -1, "patience or max_steps"
    average = WeightAverage()
    for _batch, info, is_best in steps:
        if is_best is not None:
            last_eval_step = info["step"]
            _log_evaluation(log, info, is_best, start)
            if is_best:
                best = {"score": info["score"], "step": info["step"], "epoch": info["epoch"]}
                save(info)
            if averaging(info):
                with _averaged(nlp, optimizer):
                    average.add(nlp, info["step"])
        if time.monotonic() >= stop_at:
            stop_reason = "wall-clock cap"
            break
    if last_eval_step != info["step"]:  # score the steps since the last evaluation
        with _averaged(nlp, optimizer):
            score, other = evaluate()
            if averaging(info):
                average.add(nlp, info["step"])
        log(f"step {info['step']:>6}  final dev F {other.get('ents_f', 0):.3f}")
        if score > best["score"]:
            best = {"score": score, "step": info["step"], "epoch": info["epoch"]}
            save({**info, "score": score, "other_scores": other})
    averaged = _save_average(nlp, average, evaluate, lambda i: update_meta(T, nlp, i), info, model_dir, best,
                             average_from_epoch, log)
    return {
        "stop_reason": stop_reason,
        "steps": info["step"] + 1,
        "epochs_completed": info["epoch"],
        "words_seen": info["words"],
        "best_step": best["step"],
        "best_dev_ents_f": round(best["score"], 4),
        "weight_average": averaged,
        "loop_seconds": round(time.monotonic() - start, 1),
    }


def _save_average(nlp, average, evaluate, update_meta, info: dict, model_dir: Path, best: dict,
                  average_from_epoch: int | None, log: Log) -> dict | None:
    """Save the mean of the averaged checkpoints in place of the best one, when there
    are two or more; what was averaged, for metrics.json."""
    if average.count < 2:
        return None
    average.apply(nlp)
    score, other = evaluate()
    log(f"mean of the {average.count} checkpoints of steps {average.steps[0]}-{average.steps[-1]}: "
        f"dev F {other.get('ents_f', 0):.3f} (best single checkpoint {best['score']:.3f}, step {best['step']})")
    update_meta({**info, "score": score, "other_scores": other})
    shutil.rmtree(model_dir, ignore_errors=True)
    nlp.to_disk(model_dir)
    return {"checkpoints": average.count, "from_step": average.steps[0], "to_step": average.steps[-1],
            "from_epoch": average_from_epoch, "dev_ents_f": round(score, 4)}


def make_ner_standalone(nlp) -> None:
    """Give ``ner`` its own copy of the trained tok2vec and drop the shared one.

    A listener-based ner copied with ``nlp.add_pipe("ner", source=model)`` but
    without its tok2vec silently finds no entities; a self-contained ner works
    both when sourced alone and when the whole pipeline is loaded, at the same
    speed and with identical predictions. (A pipeline that sources it needs the
    model's vectors too, the lexicon table: ``nlp.vocab.vectors = model.vocab.vectors``.)
    """
    if "tok2vec" in nlp.pipe_names:
        nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.remove_pipe("tok2vec")


def _load_config(overrides: Mapping[str, Any]):
    from spacy import util

    return util.load_config(CONFIG_PATH, overrides=dict(overrides), interpolate=False)


def _replace_dir(src: Path, dest: Path) -> None:
    """Move a finished model into place, refusing to delete a non-model directory."""
    if dest.exists():
        if any(dest.iterdir()) and not (dest / "meta.json").exists():
            raise FileExistsError(f"{dest} exists and is not a spaCy model dir; not replacing")
        shutil.rmtree(dest)
    src.replace(dest)


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@dataclass
class TrainingData:
    """The corpus as read and split: what a training run learns from and is judged on."""
    train_all: list
    train: list
    dev: list
    test: list
    augmented: list
    stats: dict


def read_training_data(corpus_dir: Path, dev_fraction: float, seed: int, augment_copies: int,
                       gazetteer_names: bool, log: Log) -> TrainingData:
    """Read the train and test files, split a dev set off train, add mention-replaced copies."""
    stats = {name: C.ReadStats() for name in (C.TRAIN_FILE, C.TEST_FILE)}
    train_all = C.read_io_file(corpus_dir / C.TRAIN_FILE, stats[C.TRAIN_FILE])
    test = C.read_io_file(corpus_dir / C.TEST_FILE, stats[C.TEST_FILE])
    if not train_all or not test:
        raise C.CorpusError(f"empty train or test file in {corpus_dir}")
    train, dev = C.split_train_dev(train_all, dev_fraction, seed)
    extra = C.gazetteer_names(train) if gazetteer_names else None
    augmented = C.augment_mentions(train, augment_copies, seed, extra) if augment_copies > 0 else []
    log(f"corpus {corpus_dir}: train {len(train)} (+{len(augmented)} mention-replaced) / "
        f"dev {len(dev)} / test {len(test)} sentences")
    return TrainingData(train_all, train, dev, test, augmented, stats)


def training_overrides(work: Path, data: TrainingData, seed: int, lexicon: bool,
                       overrides: Mapping[str, Any] | None, log: Log) -> tuple[dict, dict | None]:
    """Write the training files into ``work``; the config overrides that point at them
    (and at the lexicon table, when used), and what the lexicon holds."""
    import spacy

    if work.exists():
        shutil.rmtree(work)
    vocab = spacy.blank("sv").vocab
    C.write_docbin(work / "train.spacy", vocab, [*data.train, *data.augmented])
    C.write_docbin(work / "dev.spacy", vocab, data.dev)
    all_overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"), "system.seed": seed}
    lexicon_info = None
    if lexicon:
        lexicon_info = L.write_lexicon_pipeline(work / "lexicon")
        all_overrides["paths.vectors"] = str(work / "lexicon")
        log(f"lexicon: {lexicon_info['words']} words ({lexicon_info['full_forms']} full forms), "
            f"{lexicon_info['rows']} feature rows")
    else:
        all_overrides[STATIC_VECTORS_SWITCH] = False
    all_overrides.update(overrides or {})
    return all_overrides, lexicon_info


def corpus_provenance(corpus_dir: Path, corpus_origin: str, data: TrainingData, dev_fraction: float, seed: int,
                      augment_copies: int, gazetteer_names: bool, lexicon_info: dict | None) -> dict:
    """Where the training data came from and how it was split, for metrics.json."""
    return {
        "source": C.SOURCE,
        "location": str(corpus_dir.resolve()),
        "found_via": corpus_origin,
        "train": C.file_provenance(corpus_dir / C.TRAIN_FILE, data.train_all),
        "test": C.file_provenance(corpus_dir / C.TEST_FILE, data.test),
        "reader_repairs": {k: {"untagged_lines": v.untagged_lines, "unknown_tags": v.unknown_tags}
                           for k, v in data.stats.items()},
        "split": {"dev_fraction": dev_fraction, "seed": seed,
                  "train_sentences": len(data.train), "dev_sentences": len(data.dev),
                  "augmented_train_sentences": len(data.augmented),
                  "augmentation": f"mention replacement, {augment_copies} copy(ies)"
                                  + (", names also from the gazetteers" if gazetteer_names else "")},
        "lexicon": lexicon_info,
    }


def describe_model(best, test_scores: dict, lexicon: bool) -> None:
    """The trained pipeline's meta.json, and a config free of machine-local paths."""
    best.meta.update({
        "name": MODEL_NAME, "version": MODEL_VERSION,
        "description": "Swedish NER (PER, ORG, LOC, MISC) for pressmine: tok2vec + ner, "
                       "trained on the Swedish NER corpus (Webbnyheter 2012). Test-split "
                       f"F1 {test_scores['ents_f']:.3f}.",
        "author": "pressmine", "license": "CC BY 4.0",
        "sources": [C.SOURCE, *([L.SOURCE] if lexicon else [])],
        "performance": {"ents_f": test_scores["ents_f"], "ents_p": test_scores["ents_p"],
                        "ents_r": test_scores["ents_r"],
                        "ents_per_type": test_scores["per_label"]},
    })
    cfg = best.config
    cfg["paths"]["train"] = cfg["paths"]["dev"] = None  # no machine-local paths in the model
    cfg["paths"]["vectors"] = None  # the lexicon table is saved in the model's vocab
    best.config = cfg


def save_model(best, metrics: dict, out_dir: Path, t0: float) -> None:
    """Write the model and its metrics.json beside it, then put it in place whole."""
    staging = out_dir.parent / f".{out_dir.name}.new"
    if staging.exists():
        shutil.rmtree(staging)
    best.to_disk(staging)
    metrics["model_bytes"] = _dir_bytes(staging)
    metrics["training"]["total_seconds"] = round(time.monotonic() - t0, 1)
    (staging / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    _replace_dir(staging, out_dir)


def train_model(
    corpus_dir: Path,
    out_dir: Path = DEFAULT_OUT,
    *,
    max_minutes: float = 20.0,
    seed: int = 0,
    gpu_id: int = -1,
    dev_fraction: float = DEV_FRACTION,
    augment_copies: int = AUGMENT_COPIES,
    gazetteer_names: bool = False,
    lexicon: bool = True,
    overrides: Mapping[str, Any] | None = None,
    average_from_epoch: int | None = AVERAGE_FROM_EPOCH,
    corpus_origin: str = "argument",
    log: Log = _print,
) -> dict:
    """Train on ``corpus_dir`` into ``out_dir``; return (and write) metrics.json.

    ``overrides`` are spaCy config overrides (``{"training.max_steps": 5}``), the
    same mechanism the tests use to make a run tiny. ``lexicon`` gives the model the
    word-feature table of :mod:`pipeline.model.lexicon` as static vectors.
    """
    import spacy
    from spacy.training.initialize import init_nlp

    t0 = time.monotonic()
    stop_at = t0 + max_minutes * 60.0 - min(FINAL_RESERVE_S, max_minutes * 60.0 * 0.1)
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    data = read_training_data(corpus_dir, dev_fraction, seed, augment_copies, gazetteer_names, log)
    work = out_dir.parent / f".{out_dir.name}.work"
    all_overrides, lexicon_info = training_overrides(work, data, seed, lexicon, overrides, log)
    if gpu_id >= 0:
        spacy.require_gpu(gpu_id)
    nlp = init_nlp(_load_config(all_overrides), use_gpu=gpu_id)
    log(f"pipeline {nlp.pipe_names}, labels {list(nlp.get_pipe('ner').labels)}; "
        f"training until patience or {max_minutes:g} min cap")
    loop = run_training_loop(nlp, work / "model", stop_at, log, average_from_epoch)
    train_seconds = time.monotonic() - t0

    best = spacy.load(work / "model")
    make_ner_standalone(best)
    dev_scores, test_scores = evaluate_sentences(best, data.dev), evaluate_sentences(best, data.test)
    metrics = {
        "model": f"sv_{MODEL_NAME}", "version": MODEL_VERSION,
        "test": test_scores, "dev": dev_scores,
        "training": {**loop, "seconds": round(train_seconds, 1), "max_minutes": max_minutes,
                     "seed": seed, "gpu": gpu_id if gpu_id >= 0 else None,
                     "config_overrides": {k: v for k, v in (overrides or {}).items()},
                     "spacy_version": spacy.__version__, "python": platform.python_version(),
                     "machine": platform.machine()},
        "corpus": corpus_provenance(corpus_dir, corpus_origin, data, dev_fraction, seed, augment_copies,
                                    gazetteer_names, lexicon_info),
    }
    describe_model(best, test_scores, lexicon)
    save_model(best, metrics, out_dir, t0)
    shutil.rmtree(work, ignore_errors=True)
    return metrics


def format_report(metrics: dict) -> str:
    """Human-readable summary of metrics.json."""
    t, tr = metrics["test"], metrics["training"]
    lines = [
        f"test split ({t['sentences']} sentences): P {t['ents_p']:.3f}  R {t['ents_r']:.3f}  "
        f"F1 {t['ents_f']:.3f}   (dev F1 {metrics['dev']['ents_f']:.3f})",
    ]
    for lab, prf in t["per_label"].items():
        lines.append(f"  {lab:<5} P {prf['p']:.3f}  R {prf['r']:.3f}  F {prf['f']:.3f}")
    avg = tr.get("weight_average")
    kept = (f"the mean of {avg['checkpoints']} checkpoints (steps {avg['from_step']}-{avg['to_step']})"
            if avg else f"best step {tr['best_step']}")
    lines.append(f"training {tr['seconds']:.0f}s, {tr['steps']} steps, model = {kept}, stopped by "
                 f"{tr['stop_reason']}; {metrics['model_bytes'] / 1e6:.1f} MB")
    return "\n".join(lines)
