"""Command-line options for training the NER model.

Kept separate from ``train`` so that building the parser (which the lead's
``python -m pipeline`` does for every command) does not import spaCy.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import corpus as C
from .train import AUGMENT_COPIES, AVERAGE_FROM_EPOCH, DEFAULT_OUT


def _gpu(value: str) -> int:
    """``none`` (CPU, the default) or a GPU id."""
    if value.lower() in {"none", "cpu", "-1"}:
        return -1
    try:
        gpu = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--gpu takes 'none' or a GPU id, not {value!r}")
    if gpu < -1:
        raise argparse.ArgumentTypeError("--gpu id must be >= 0")
    return gpu


def _epoch(value: str) -> int | None:
    """An epoch number, or ``none``."""
    if value.lower() == "none":
        return None
    try:
        epoch = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--average-from-epoch takes an epoch number or 'none', not {value!r}")
    if epoch < 0:
        raise argparse.ArgumentTypeError("--average-from-epoch must be >= 0")
    return epoch


def _override(text: str) -> tuple[str, object]:
    """``section.key=value``; the value is parsed as JSON when it can be."""
    key, sep, raw = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"--set expects KEY=VALUE, got {text!r}")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key.strip(), value


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the ``model`` command's options to ``parser``."""
    parser.add_argument(
        "--corpus", metavar="DIR", default=None,
        help=f"directory with {C.TRAIN_FILE} and {C.TEST_FILE} (default: ${C.ENV_VAR}, "
             "then the cache dir, then a download from the public repository)")
    parser.add_argument("--out", metavar="DIR", type=Path, default=DEFAULT_OUT,
                        help="model output directory (default: %(default)s)")
    parser.add_argument("--max-minutes", type=float, default=20.0,
                        help="wall-clock cap for the whole run (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--gpu", type=_gpu, default=-1, metavar="none|ID",
                        help="'none' trains on CPU (default); an id needs cupy")
    parser.add_argument("--augment", type=int, default=AUGMENT_COPIES, metavar="N",
                        help="mention-replaced copies of the train sentences with entities "
                             "(0 = none; default: %(default)s)")
    parser.add_argument("--gazetteer-names", action="store_true",
                        help="draw replacement names also from the project's gazetteers, not only "
                             "from the training mentions (off: it did not raise dev F1)")
    parser.add_argument("--no-lexicon", action="store_true",
                        help="train without the word-knowledge table (Swedish full-form lexicon and "
                             "gazetteers; on by default: it raised dev F1 from 0.77 to 0.80)")
    parser.add_argument("--average-from-epoch", type=_epoch, default=AVERAGE_FROM_EPOCH, metavar="N|none",
                        help="save the mean of the weights evaluated from epoch N on (default: "
                             "%(default)s); 'none' saves the checkpoint with the best dev F1")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help=f"download cache (default: {C.default_cache_dir()})")
    parser.add_argument("--no-download", action="store_true",
                        help="fail instead of downloading the corpus when it is not found")
    parser.add_argument("--set", dest="overrides", action="append", type=_override,
                        default=[], metavar="KEY=VALUE",
                        help="spaCy config override, e.g. training.max_steps=500 (repeatable)")


def run(args: argparse.Namespace) -> int:
    """Resolve the corpus, train, print the report; 0 on success, 2 on corpus errors."""
    try:
        corpus_dir, origin = C.resolve_corpus_dir(
            args.corpus, cache_dir=args.cache_dir, download=not args.no_download)
    except C.CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from .lexicon import LexiconUnavailable
    from .train import format_report, train_model

    if args.max_minutes <= 0:
        print("error: --max-minutes must be positive", file=sys.stderr)
        return 2
    try:
        metrics = train_model(
            corpus_dir, args.out, max_minutes=args.max_minutes, seed=args.seed,
            gpu_id=args.gpu, augment_copies=args.augment, gazetteer_names=args.gazetteer_names,
            lexicon=not args.no_lexicon, overrides=dict(args.overrides),
            average_from_epoch=args.average_from_epoch, corpus_origin=origin)
    except LexiconUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_report(metrics))
    print(f"model written to {args.out} (metrics in {args.out / 'metrics.json'})")
    return 0
