"""The notebooks, executed on a fixture build as `make notebooks` runs them, and the
one-page summary; the presentation helpers they share."""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import REPORTS_CORPUS, build_with_cli, run_cli

from pipeline import resources
from pipeline.reports.figures import msek, sek, swedish_number
from pipeline.reports.notebooks import notebook_paths, run_notebooks
from pipeline.reports.pages import searchable_table
from pipeline.reports.tables import (
    boundaries,
    distinct_grants,
    funder_kinds,
    money_flows,
    read_table,
)

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
EMBEDDED_PNG = re.compile(r"<img[^>]+src=\"data:image/png;base64,")
# The fixture corpus's grants in releases about integration, each once: 2,4 MSEK to Kalmar (stated by the county
# board and by the municipality), 0,8 to Nybro, 1,2 to Västervik, 6,5 to Umeå (its copy elsewhere not again), 0,45
# to Malmö; the 3 MSEK for a cycle path is not about integration.
INITIATIVE_MONEY = 2_400_000 + 800_000 + 1_200_000 + 6_500_000 + 450_000


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
    assert [p.stem for p in paths][:4] == ["01-overview", "02-funding", "03-map", "04-initiatives"]
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
        assert imported <= {"pipeline.reports.figures", "pipeline.reports.tables", "pipeline.reports.pages"}, (path.name, imported)
        assert "to_parquet" not in source and "open(" not in source


def test_every_notebook_runs_on_the_fixture_build_into_a_report_with_figures(notebook_reports, reports_build):
    out, runs = notebook_reports
    assert {stem: run.error for stem, run in runs.items()} == dict.fromkeys(runs)
    figures = {stem: len(EMBEDDED_PNG.findall(run.report.read_text(encoding="utf-8"))) for stem, run in runs.items()}
    assert figures == {stem: run.n_figures for stem, run in runs.items()}
    assert figures == {"01-overview": 6, "02-funding": 5, "03-map": 2, "04-initiatives": 2}
    pages = {stem: run.report.read_text(encoding="utf-8") for stem, run in runs.items()}
    for stem, run in runs.items():
        assert run.report == out / f"{stem}.html"
        assert "Question:" in pages[stem] and "read_table(" not in pages[stem]  # the text, not the code
    assert "9 releases" in pages["01-overview"] and "tom_fil.txt" in pages["01-overview"]  # the headline, the file set aside
    assert "8 about integration" in pages["01-overview"] and "1 copy</strong>" in pages["01-overview"]
    # Whether or not the build names initiatives (INITIATIVE entities), the money is the same.
    initiatives = read_table("initiatives", reports_build)
    n = len(initiatives)
    assert "Nothing to show" not in pages["02-funding"]
    assert f"{n} initiatives, 5 of them with an amount, worth {msek(INITIATIVE_MONEY)}" in pages["02-funding"]
    assert f"On the maps: {n} of {n} initiatives ({msek(INITIATIVE_MONEY)};" in pages["03-map"]


def test_the_initiatives_report_lists_every_initiative_in_a_table_to_filter(notebook_reports, reports_build):
    page = notebook_reports[1]["04-initiatives"].report.read_text(encoding="utf-8")
    initiatives = read_table("initiatives", reports_build)
    named = initiatives.name.dropna()
    assert ("No named initiative in this build" in page) == named.empty
    assert all(html.escape(name, quote=False) in page for name in named)
    table = page[page.index("class=\"pm-search\""):]
    assert f"{len(initiatives)} of {len(initiatives)} shown" in table
    assert table.count("<tr>") == len(initiatives) + 1  # the head and a row each
    assert re.findall(r"<label>(\w+) <input", table) == ["initiative", "owner", "municipality", "county"]
    for place in ("Umeå", "Västerbottens län", "Västervik", "Kalmar län", "Malmö", "Skåne län"):
        assert f"<td>{place}</td>" in table
    assert "6\u00a0500\u00a0000\u00a0kr" in table and "arbetssokande; kvinnor; utrikes_fodda" in table


def test_notebooks_on_a_build_without_money_say_so_instead_of_failing(reports_of_a_build_without_money):
    pages = reports_of_a_build_without_money
    assert "Nothing to show for the largest grants" in pages["01-overview"]
    assert len(EMBEDDED_PNG.findall(pages["01-overview"])) == 5  # releases, relevance, entities, organisations, people
    assert "Nothing to show for money per year" in pages["02-funding"]
    assert "Nothing to show for the county map" in pages["03-map"]
    assert "Nothing to show for the initiatives table" in pages["04-initiatives"]
    assert not EMBEDDED_PNG.search(pages["02-funding"] + pages["03-map"] + pages["04-initiatives"])


def test_summary_page(reports_build, notebook_reports):
    out, _runs = notebook_reports
    code, _printed, said = run_cli("report", "--processed", reports_build, "--out", out)
    assert code == 0, said
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "<td>NLP base</td><td>rules</td>" in page
    assert "tom_fil.txt" in page and "the file is empty" in page
    assert "<td>releases about integration</td><td class=num>8</td>" in page
    assert "<td>copies of a release published elsewhere</td><td class=num>1</td>" in page
    assert f"<td>money in initiatives (each grant once)</td><td class=num>{sek(INITIATIVE_MONEY)}</td>" in page
    largest = page[page.index("largest initiatives"):]
    assert "<td>Europeiska socialfonden</td><td class=num>6\u00a0500\u00a0000\u00a0kr</td><td class=num>2022</td>" in largest
    for stem in ("01-overview", "02-funding", "03-map", "04-initiatives"):
        assert f"<a href='{stem}.html'>" in page


def test_map_boundaries_join_on_the_scb_codes_the_dataset_carries():
    counties, municipalities = boundaries("lan"), boundaries("kommun")
    assert set(counties.lan_kod) == {c.code for c in resources.counties()}
    assert set(municipalities.kommun_kod) == {m.code for m in resources.municipalities()}
    assert counties.crs.to_epsg() == 3006


def test_funder_kinds_give_each_initiative_one_kind(reports_build):
    actors = read_table("actors", reports_build)
    initiatives = read_table("initiatives", reports_build)
    kinds = dict(zip(initiatives.recipients.map(lambda r: r[0] if len(r) else None), funder_kinds(initiatives, actors)))
    assert kinds["Kalmar kommun"] == kinds["Nybro kommun"] == "county_board"
    assert kinds["Umeå kommun"] == "eu_fund" and kinds["Malmö stad"] == "agency"
    board, fund = (actors[actors.name == name].actor_id.iloc[0] for name in ("Länsstyrelsen i Kalmar län", "Europeiska socialfonden"))
    mixed = pd.DataFrame({"funder_actor_ids": [[board, fund], [board, board], [], ["0000000000000000"]]})
    assert funder_kinds(mixed, actors).tolist() == ["several kinds", "county_board", "funder not named", "type unknown"]


def test_money_flows_share_an_initiative_between_its_funders_and_recipients():
    initiatives = pd.DataFrame({
        "initiative_id": ["two-funders", "no-recipient", "no-amount"],
        "funders": [["Europeiska socialfonden", "Region Exempel"], ["Länsstyrelsen i Kalmar län"], ["Arvsfonden"]],
        "recipients": [["Umeå kommun"], [], ["Hylte kommun"]],
        "amount_sek": pd.array([1_000_000, 300_000, None], dtype="Int64"),
    })
    flows = money_flows(initiatives)
    flows = flows.astype(object).where(flows.notna(), None)  # None where no recipient is named
    assert list(flows.itertuples(index=False, name=None)) == [
        ("two-funders", "Europeiska socialfonden", "Umeå kommun", 500_000.0),
        ("two-funders", "Region Exempel", "Umeå kommun", 500_000.0),
        ("no-recipient", "Länsstyrelsen i Kalmar län", None, 300_000.0)]


def test_distinct_grants_count_the_same_money_once(reports_build):
    grants = read_table("grants", reports_build)
    distinct = distinct_grants(grants)
    assert len(grants) == 8 and sorted(distinct.amount_sek) == [450_000, 800_000, 1_200_000, 2_400_000, 6_500_000]
    assert distinct.amount_sek.sum() == read_table("initiatives", reports_build).amount_sek.sum() == INITIATIVE_MONEY
    assert set(distinct.funder) == {"Länsstyrelsen i Kalmar län", "Europeiska socialfonden", "Statens kulturråd"}


def test_searchable_table_escapes_cells_and_names_the_columns_it_filters():
    frame = pd.DataFrame({"initiative": ["Språk & <jobb>", None], "owner": ["Hylte kommun", "Exempel AB"],
                          "amount": ["400 000 kr", "–"]})
    page = searchable_table(frame, search=("initiative", "owner"), numeric=("amount",))
    assert "Språk &amp; &lt;jobb&gt;" in page and "<jobb>" not in page
    assert re.findall(r"<label>(\w+) <input type='search' data-column='(\d)'>", page) == [("initiative", "0"), ("owner", "1")]
    assert "2 of 2 shown" in page and page.count("<tr>") == 3 and "<td>–</td>" in page
    assert "<td class=num>400 000 kr</td>" in page
    with pytest.raises(KeyError, match="county"):
        searchable_table(frame, search=("county",))


def test_swedish_number_formats():
    assert swedish_number(1234567.5, 1) == "1\u00a0234\u00a0567,5"
    assert swedish_number(2.50, 2) == "2,5" and swedish_number(3.0, 2) == "3"
    assert sek(2_400_000) == "2\u00a0400\u00a0000\u00a0kr" and sek(None) == "–"
    assert msek(2_400_000) == "2,4\u00a0MSEK" and msek(12_500_000_000) == "12\u00a0500\u00a0MSEK"
