"""The notebooks, executed on a fixture build as `make notebooks` runs them, and the
one-page summary; the presentation helpers they share."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from pipeline import resources
from pipeline.reports.figures import msek, sek, swedish_number
from pipeline.reports.notebooks import notebook_paths, run_notebooks
from pipeline.reports.tables import boundaries, initiative_places, read_table

from conftest import REPORTS_CORPUS, build_with_cli, run_cli

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
EMBEDDED_PNG = re.compile(r"<img[^>]+src=\"data:image/png;base64,")


@pytest.fixture(scope="session")
def notebook_reports(reports_build, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("notebook-reports")
    runs = run_notebooks(reports_build, out, NOTEBOOKS)
    return out, {run.notebook.stem: run for run in runs}


@pytest.fixture(scope="session")
def reports_of_a_build_without_money(tmp_path_factory) -> dict[str, str]:
    """The notebooks on a build of one release that states no grant and no date."""
    root = tmp_path_factory.mktemp("no-money")
    (root / "raw").mkdir()
    (root / "raw" / "sprakcafe.txt").write_bytes((REPORTS_CORPUS / "sprakcafe.txt").read_bytes())
    processed = build_with_cli(root / "raw", root / "processed")
    runs = run_notebooks(processed, root / "reports", NOTEBOOKS)
    assert [r.error for r in runs if r.error] == []
    return {r.notebook.stem: r.report.read_text(encoding="utf-8") for r in runs}


def test_notebooks_are_stored_without_outputs_and_ask_one_question():
    paths = notebook_paths(NOTEBOOKS)
    assert [p.stem for p in paths][:3] == ["01-overview", "02-funding", "03-map"]
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert all(cell.outputs == [] and cell.execution_count is None for cell in code), f"{path.name}: clear its outputs"
        assert "**Question:**" in notebook.cells[0].source, path.name


def test_notebooks_only_read_the_build():
    """No pipeline logic in a notebook: from the project they import only the report helpers."""
    for path in notebook_paths(NOTEBOOKS):
        source = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
        imported = set(re.findall(r"^\s*(?:from|import) (pipeline[\w.]*)", source, flags=re.M))
        assert imported <= {"pipeline.reports.figures", "pipeline.reports.tables"}, (path.name, imported)
        assert "to_parquet" not in source and "open(" not in source


def test_every_notebook_runs_on_the_fixture_build_into_a_report_with_figures(notebook_reports):
    out, runs = notebook_reports
    assert {stem: run.error for stem, run in runs.items()} == dict.fromkeys(runs)
    figures = {stem: len(EMBEDDED_PNG.findall(run.report.read_text(encoding="utf-8"))) for stem, run in runs.items()}
    assert figures["01-overview"] == runs["01-overview"].n_figures == 5
    assert figures["02-funding"] == 4
    assert figures["03-map"] == 2
    for stem, run in runs.items():
        page = run.report.read_text(encoding="utf-8")
        assert run.report == out / f"{stem}.html"
        assert "Question:" in page and "read_table(" not in page  # the text, not the code
    overview = runs["01-overview"].report.read_text(encoding="utf-8")
    assert "6 releases" in overview and "tom_fil.txt" in overview  # the headline and the file set aside
    funding = runs["02-funding"].report.read_text(encoding="utf-8")
    assert "Nothing to show" not in funding
    assert "5 initiatives worth 11,35\u00a0MSEK" in funding  # 2,4 + 0,8 + 1,2 + 6,5 + 0,45: the shared grant once
    assert "On the maps: 5 of 5 initiatives" in runs["03-map"].report.read_text(encoding="utf-8")


def test_notebooks_on_a_build_without_money_say_so_instead_of_failing(reports_of_a_build_without_money):
    pages = reports_of_a_build_without_money
    assert "Nothing to show for the largest grants" in pages["01-overview"]
    assert len(EMBEDDED_PNG.findall(pages["01-overview"])) == 4  # releases, entities, organisations, people
    assert "Nothing to show for money per year" in pages["02-funding"]
    assert "Nothing to show for the county map" in pages["03-map"]
    assert not EMBEDDED_PNG.search(pages["02-funding"] + pages["03-map"])


def test_summary_page(reports_build, notebook_reports):
    out, _runs = notebook_reports
    code, _printed, said = run_cli("report", "--processed", reports_build, "--out", out)
    assert code == 0, said
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "<td>NLP base</td><td>rules</td>" in page
    assert "tom_fil.txt" in page and "the file is empty" in page
    assert "6\u00a0500\u00a0000\u00a0kr" in page and "Umeå kommun" in page  # the largest grant
    for stem in ("01-overview", "02-funding", "03-map"):
        assert f"<a href='{stem}.html'>" in page


def test_map_boundaries_join_on_the_scb_codes_the_dataset_carries():
    counties, municipalities = boundaries("lan"), boundaries("kommun")
    assert set(counties.lan_kod) == {c.code for c in resources.counties()}
    assert set(municipalities.kommun_kod) == {m.code for m in resources.municipalities()}
    assert counties.crs.to_epsg() == 3006


def test_initiatives_are_placed_at_the_recipient_else_the_funder(reports_build):
    actors = read_table("actors", reports_build)
    placed = initiative_places(read_table("initiatives", reports_build), actors)
    where = dict(zip(placed.recipient, zip(placed.municipality_code, placed.county_code)))
    assert where["Kalmar kommun"] == ("0880", "08") and where["Malmö stad"] == ("1280", "12")
    board = actors[actors.name == "Länsstyrelsen i Kalmar län"].actor_id.iloc[0]
    unnamed = pd.DataFrame({"initiative_id": ["x"], "funder_actor_id": [board], "recipient_actor_id": [None],
                            "amount_sek": [100_000]})
    only_funder = initiative_places(unnamed, actors).iloc[0]
    assert pd.isna(only_funder.municipality_code) and only_funder.county_code == "08"


def test_swedish_number_formats():
    assert swedish_number(1234567.5, 1) == "1\u00a0234\u00a0567,5"
    assert swedish_number(2.50, 2) == "2,5" and swedish_number(3.0, 2) == "3"
    assert sek(2_400_000) == "2\u00a0400\u00a0000\u00a0kr" and sek(None) == "–"
    assert msek(2_400_000) == "2,4\u00a0MSEK" and msek(12_500_000_000) == "12\u00a0500\u00a0MSEK"
