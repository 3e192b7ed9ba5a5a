"""Command line: ``python -m pipeline {build,scrape,model,classifiers,schema,export,report,notebooks} --help``."""
from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import signal
import sys
import threading
from pathlib import Path

from pipeline import __version__


def _add_build(sub) -> None:
    from pipeline.config import DEFAULT_MODEL_DIR  # the one place defaults are written
    from pipeline.config import BuildConfig as Defaults

    p = sub.add_parser("build", help="build data/processed from data/raw",
                       description="Parse every .txt/.html/.htm file under --raw, extract entities and grants, "
                                   "and write the Parquet dataset to --out (atomically).")
    p.add_argument("--raw", type=Path, default=Defaults.raw_dir, help=f"folder of raw press releases, searched recursively (default: {Defaults.raw_dir})")
    p.add_argument("--out", type=Path, default=Defaults.out_dir, help=f"output folder for the Parquet tables (default: {Defaults.out_dir})")
    p.add_argument("--model", default=None,
                   help="NLP base: 'auto' (default; a pretrained sv_core_news_* pipeline if installed, else the trained "
                        "model in --model-dir if present, else rules only), 'rules', a spaCy package name or a model folder. "
                        "Also settable with PRESSMINE_MODEL.")
    p.add_argument("--model-dir", type=Path, default=None, help=f"where `make model` put the trained model (default: {DEFAULT_MODEL_DIR})")
    p.add_argument("--entities", choices=("all", "rules", "model"), default=Defaults.entity_sources,
                   help="which finders decide PERSON/ORG/LOC: all (default: rules, then filtered model entities), "
                        "or rules / model alone, for comparing them")
    p.add_argument("--batch-size", type=int, default=Defaults.batch_size, help=f"documents per nlp.pipe batch (default: {Defaults.batch_size})")
    p.add_argument("--processes", type=int, default=Defaults.n_process,
                   help="worker processes for parsing and spaCy; 0 = auto: one per core, as many as the free memory "
                        "holds, for builds of 400 files or more (default)")
    p.add_argument("--max-file-mb", type=float, default=Defaults.max_file_bytes / 2**20,
                   help=f"files larger than this are set aside (default: {Defaults.max_file_bytes / 2**20:g})")
    p.add_argument("--max-text-chars", type=int, default=Defaults.max_text_chars,
                   help=f"texts longer than this after cleaning are set aside (default: {Defaults.max_text_chars})")
    p.add_argument("--redact-contacts", action="store_true",
                   help="mask phone numbers and e-mail addresses in the stored text (see README, Personal data)")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not update the per-document result cache")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_run_build)


class Stopped(BaseException):
    """Ctrl-C or a job scheduler's SIGTERM during a build; carries the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stop_on_signals():
    """While the build runs, Ctrl-C (SIGINT) and a job scheduler's SIGTERM stop it alike:
    workers stopped, nothing written. The first signal raises :class:`Stopped` and later
    ones are ignored, so the clean-up is not itself interrupted; an exception of our own
    rather than KeyboardInterrupt, so that the interpreter never turns a handled stop
    into a death by SIGINT on its way out. (Signal handlers belong to the main thread.)"""
    def stop(signum, frame):
        for name in (signal.SIGINT, signal.SIGTERM):
            signal.signal(name, signal.SIG_IGN)
        raise Stopped(signum)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {name: signal.signal(name, stop) for name in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(name, handler)


def _run_build(args) -> int:
    from pipeline.build import BuildError, build_dataset
    from pipeline.config import BuildConfig

    config = BuildConfig.from_env(raw_dir=args.raw, out_dir=args.out, model=args.model, model_dir=args.model_dir, entity_sources=args.entities,
                                  batch_size=args.batch_size, n_process=args.processes,
                                  max_file_bytes=int(args.max_file_mb * 1024 * 1024), max_text_chars=args.max_text_chars,
                                  redact_contacts=args.redact_contacts, use_cache=not args.no_cache,
                                  show_progress=not args.quiet)
    bar = None
    if config.show_progress and sys.stderr.isatty():
        from tqdm import tqdm
        bar = tqdm(unit="file", desc="build", leave=False)
    try:
        with _stop_on_signals():
            summary = build_dataset(config, progress=bar.update if bar else None)
    except (BuildError, FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # the file system said no: say what and where, without a traceback
        print(f"error: {error.strerror or error}{f': {error.filename}' if error.filename else ''}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Stopped) as stop:
        print(f"interrupted: nothing was written, {config.out_dir} is as it was", file=sys.stderr)
        return 128 + getattr(stop, "signum", signal.SIGINT)  # as shells report a death by the signal
    finally:
        if bar:
            bar.close()
    print("\n".join(summary.lines()))
    from pipeline.dataset.schema import SCHEMAS

    print(f"written to {config.out_dir}/ ({', '.join(SCHEMAS)} .parquet)")
    return 0


def _add_schema(sub) -> None:
    p = sub.add_parser("schema", help="print the data dictionary of the Parquet tables (Markdown)")
    p.add_argument("--update-readme", type=Path, metavar="README",
                   help="replace the data dictionary between the data-dictionary markers in this file")
    p.set_defaults(func=_run_schema)


def _run_schema(args) -> int:
    from pipeline.dataset.schema import data_dictionary_markdown

    markdown = data_dictionary_markdown()
    if not args.update_readme:
        print(markdown)
        return 0
    start_marker, end_marker = "<!-- data-dictionary:start -->", "<!-- data-dictionary:end -->"
    text = args.update_readme.read_text(encoding="utf-8")
    if start_marker not in text or end_marker not in text:
        print(f"error: {args.update_readme} has no {start_marker} ... {end_marker} markers", file=sys.stderr)
        return 2
    head, rest = text.split(start_marker, 1)
    tail = rest.split(end_marker, 1)[1]
    args.update_readme.write_text(f"{head}{start_marker}\n{markdown}\n{end_marker}{tail}", encoding="utf-8")
    print(f"updated the data dictionary in {args.update_readme}")
    return 0


def _add_plugin(sub, name: str, module: str, help_text: str) -> None:
    """Subcommands whose stage has its own CLI module (scrape, model, export, reports);
    ``module:Name`` names a class of the module that holds the two functions."""
    module, _, attribute = module.partition(":")
    try:
        cli = __import__(module, fromlist=["configure_parser", "run"])
        cli = getattr(cli, attribute) if attribute else cli
    except ImportError as error:
        p = sub.add_parser(name, help=f"{help_text} (unavailable: {error})")
        p.set_defaults(func=lambda args, e=error: print(f"error: {name} needs {e.name}: run `make install`", file=sys.stderr) or 2)
        return
    p = sub.add_parser(name, help=help_text, description=(cli.__doc__ or help_text).strip().splitlines()[0])
    cli.configure_parser(p)
    p.set_defaults(func=cli.run)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Text mining of Swedish press releases on integration initiatives.")
    parser.add_argument("--version", action="version", version=f"pressmine {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_build(sub)
    _add_plugin(sub, "scrape", "pipeline.scrape.cli", "fetch press releases from the sources in sources.toml into the raw folder")
    _add_plugin(sub, "model", "pipeline.model.cli", "train the Swedish NER model into models/")
    _add_plugin(sub, "classifiers", "pipeline.topics.cli",
                "train the relevance classifier on a labelled corpus and evaluate themes and target groups")
    _add_schema(sub)
    _add_plugin(sub, "notebooks", "pipeline.reports.cli:Notebooks", "execute the notebooks on a build into reports/<name>.html")
    _add_plugin(sub, "report", "pipeline.reports.cli:Report", "write a one-page summary of a build to reports/summary.html")
    _add_plugin(sub, "export", "pipeline.reports.cli:Export", "write every table as CSV (UTF-8 with BOM) and one Excel workbook with a data dictionary")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return int(args.func(args) or 0)


if __name__ == "__main__":
    code = main()
    # The process ends here. Its final garbage collection would walk every object left
    # (0.3 s after a large build, with spaCy loaded); frozen objects are skipped.
    gc.freeze()
    sys.exit(code)
