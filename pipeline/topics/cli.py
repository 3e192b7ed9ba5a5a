"""``python -m pipeline classifiers``: train the relevance classifier and evaluate the
themes and target-group lexicon on a labelled corpus (``make classifiers``).

Kept apart from ``train`` so that building the command-line parser (which every
``python -m pipeline`` command does) does not import scikit-learn: the defaults live in
:mod:`pipeline.topics.settings`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure_parser(p: argparse.ArgumentParser) -> None:
    from pipeline.topics.settings import DEFAULT_OUT, FOLDS, REPEATS, SEED, Settings

    p.add_argument("--corpus", type=Path, required=True,
                   help="folder of labelled releases with a gold.jsonl (fields file, relevant, themes, target_groups)")
    p.add_argument("--news", type=Path, default=None,
                   help="optional token-per-line news corpus (e.g. the CC BY NER corpus's train_corpus.txt) "
                        "whose sentences serve as extra texts that are not about integration")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where to write the weights (default: {DEFAULT_OUT})")
    p.add_argument("--c", type=float, default=Settings.relevance_c, help="inverse regularisation strength of the logistic regression")
    p.add_argument("--folds", type=int, default=FOLDS, help=f"cross-validation folds (default: {FOLDS})")
    p.add_argument("--repeats", type=int, default=REPEATS, help=f"cross-validation repeats with other shuffles (default: {REPEATS})")
    p.add_argument("--seed", type=int, default=SEED, help=f"random seed (default: {SEED})")
    p.add_argument("--no-evaluate", action="store_true", help="fit and write the weights without cross-validation")


def run(args) -> int:
    from pipeline.topics.settings import Settings
    from pipeline.topics.train import train

    if not (args.corpus / "gold.jsonl").is_file():
        print(f"error: {args.corpus} has no gold.jsonl", file=sys.stderr)
        return 2
    if args.news is not None and not args.news.is_file():
        print(f"error: news corpus {args.news} not found", file=sys.stderr)
        return 2
    settings = Settings(relevance_c=args.c, seed=args.seed, folds=args.folds, repeats=args.repeats)
    try:
        train(args.corpus, args.news, args.out, settings, evaluate=not args.no_evaluate)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
