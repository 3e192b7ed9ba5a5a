"""The command lines of the reports and the export (``python -m pipeline notebooks |
report | export``), kept apart from their modules: building the parser, which every
``python -m pipeline`` command does, must not import pandas, matplotlib or nbconvert."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROCESSED_HELP = "built dataset folder (default: data/processed)"


def _call(what: str, *args):
    """Import ``module.function`` and call it with ``args``: (result, None), or (None, an
    exit status) after telling the user what is missing or not built."""
    module, _, function = what.rpartition(".")
    try:
        target = getattr(__import__(module, fromlist=[function]), function)
        from pipeline.reports.tables import NotBuilt
    except ImportError as error:
        print(f"error: this command needs {error.name}: run `make install`", file=sys.stderr)
        return None, 2
    try:
        return target(*args), None
    except (NotBuilt, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return None, 2


class Notebooks:
    """Execute the notebooks on a build into reports/<name>.html, figures embedded."""

    @staticmethod
    def configure_parser(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--processed", type=Path, default=Path("data/processed"), help=PROCESSED_HELP)
        parser.add_argument("--out", type=Path, default=Path("reports"), help="folder for the HTML reports (default: reports)")
        parser.add_argument("--notebooks", type=Path, default=Path("notebooks"), help="folder of the notebooks (default: notebooks)")
        parser.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: the number of cores)")

    @staticmethod
    def run(args) -> int:
        runs, failed = _call("pipeline.reports.notebooks.run_notebooks", args.processed, args.out, args.notebooks, args.jobs)
        if failed:
            return failed
        for r in runs:
            if r.report:
                print(f"wrote {r.report} ({r.n_figures} figures)")
            else:
                print(f"error: {r.notebook} failed: {r.error}", file=sys.stderr)
        return 1 if any(r.report is None for r in runs) else 0


class Report:
    """Write a one-page summary of a build to reports/summary.html."""

    @staticmethod
    def configure_parser(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--processed", type=Path, default=Path("data/processed"), help=PROCESSED_HELP)
        parser.add_argument("--out", type=Path, default=Path("reports"), help="folder of the reports (default: reports)")

    @staticmethod
    def run(args) -> int:
        path, failed = _call("pipeline.reports.summary.write_summary", args.processed, args.out)
        if failed:
            return failed
        print(f"wrote {path}")
        return 0


class Export:
    """Write every table as CSV (UTF-8 with BOM) and one Excel workbook with a data dictionary."""

    @staticmethod
    def configure_parser(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--processed", type=Path, default=Path("data/processed"), help=PROCESSED_HELP)
        parser.add_argument("--out", type=Path, default=Path("exports"),
                            help="folder for the CSV files and the workbook (default: exports)")
        parser.add_argument("--no-xlsx", action="store_true", help="write the CSV files only")

    @staticmethod
    def run(args) -> int:
        written, failed = _call("pipeline.export.export", args.processed, args.out, not args.no_xlsx)
        if failed:
            return failed
        for path in written:
            print(f"wrote {path} ({path.stat().st_size:,} bytes)")
        return 0
