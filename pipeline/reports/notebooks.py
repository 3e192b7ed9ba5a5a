"""``python -m pipeline notebooks``: execute every notebook on a build into ``reports/``.

Each ``notebooks/*.ipynb`` runs top to bottom in a fresh kernel whose working folder
is ``notebooks/`` and whose ``PRESSMINE_PROCESSED`` names the build, then becomes
``reports/<name>.html`` with its figures embedded as images (one file to mail or
open offline) and its code left out (the notebook holds the code). The notebooks in
the repository stay without outputs; only the reports hold them. A notebook that
fails writes no report and is named with the failing cell's error; the others still
run.
"""
from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

from pipeline.reports.output import write_text_into_place
from pipeline.reports.tables import PROCESSED_ENV, require_build

NOTEBOOK_DIR = Path("notebooks")
CELL_TIMEOUT_S = 600


@dataclass
class NotebookRun:
    notebook: Path
    report: Path | None  # None when the notebook failed
    error: str | None = None
    n_figures: int = 0


def notebook_paths(folder: Path) -> list[Path]:
    """The notebooks to run, in their numbered order."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if not p.name.startswith("."))


def _client(path: Path) -> NotebookClient:
    notebook = nbformat.read(path, as_version=4)
    return NotebookClient(notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                          extra_arguments=["--IPKernelApp.log_level=ERROR"],  # not its note on local TCP
                          resources={"metadata": {"path": str(path.parent.resolve())}})


def _kernel_env(processed: Path) -> dict[str, str]:
    return {**os.environ, PROCESSED_ENV: str(Path(processed).resolve()),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline"}


def execute(path: Path, processed: Path) -> nbformat.NotebookNode:
    """The notebook executed on the build in ``processed`` (raises CellExecutionError)."""
    client = _client(path)
    client.execute(env=_kernel_env(processed))
    return client.nb


async def _execute_all(paths: list[Path], processed: Path, jobs: int) -> list[nbformat.NotebookNode | CellExecutionError]:
    """Every notebook executed, ``jobs`` kernels at a time; a failure is returned, not raised."""
    slots = asyncio.Semaphore(jobs)

    async def one(path: Path):
        async with slots:
            client = _client(path)
            try:
                await client.async_execute(env=_kernel_env(processed))
            except CellExecutionError as error:
                return error
            return client.nb

    return await asyncio.gather(*(one(path) for path in paths))


def count_figures(notebook: nbformat.NotebookNode) -> int:
    """Images among the outputs of an executed notebook."""
    return sum("image/png" in output.get("data", {})
               for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", []))


def to_html(notebook: nbformat.NotebookNode) -> str:
    """One self-contained page: Markdown, tables and figures; no code, no prompts."""
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.log.setLevel(logging.ERROR)  # its note that figures lack alt text: each carries its caption in the image
    body, _resources = exporter.from_notebook_node(notebook)
    return body


def run_notebooks(processed: Path, out: Path, folder: Path = NOTEBOOK_DIR, jobs: int | None = None) -> list[NotebookRun]:
    """Execute every notebook in ``folder`` on ``processed`` (as many at once as there
    are cores: most of a run is starting a kernel and importing); write the reports into ``out``."""
    require_build(processed)
    paths = notebook_paths(folder)
    if not paths:
        raise FileNotFoundError(f"no notebooks in {folder}")
    out.mkdir(parents=True, exist_ok=True)
    results = asyncio.run(_execute_all(paths, processed, jobs or os.cpu_count() or 1))
    runs = []
    for path, result in zip(paths, results):
        if isinstance(result, CellExecutionError):
            runs.append(NotebookRun(path, None, error=str(result).strip().splitlines()[-1]))
            continue
        report = out / f"{path.stem}.html"
        write_text_into_place(report, to_html(result))
        runs.append(NotebookRun(path, report, n_figures=count_figures(result)))
    return runs
