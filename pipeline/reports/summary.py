"""``python -m pipeline report``: one page on a build, ``reports/summary.html``.

What a reader asks first: how much is in the build (rows per table, dated releases,
money), what it was built with (the NLP base, contract and pipeline versions from
``build_info.json``), which files were set aside and why, the largest grants and
initiatives, and where the notebook reports are (``make notebooks``). Plain HTML
with its own small style sheet: it opens offline and prints on one or two pages.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd

from pipeline.reports.figures import sek, swedish_number
from pipeline.reports.output import write_text_into_place
from pipeline.reports.pages import html_table, initiatives_for_reading
from pipeline.reports.tables import build_info, read_tables

SUMMARY = "summary.html"
TOP_N = 10
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0; }
th, td { text-align: left; padding: .25rem .6rem; border-bottom: 1px solid #eee; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; } .note { color: #666; font-size: .85rem; }
"""


def _counts(info: dict, t: dict[str, pd.DataFrame]) -> str:
    docs, grants, initiatives = t["documents"], t["grants"], t["initiatives"]
    rows = [(f"{name}.parquet", swedish_number(len(frame))) for name, frame in t.items()]
    rows += [("releases with a publication date", swedish_number(docs.published.notna().sum())),
             ("releases about integration", swedish_number(docs.is_integration.sum())),
             ("copies of a release published elsewhere", swedish_number(docs.duplicate_of.notna().sum())),
             ("named initiatives", swedish_number(initiatives.name.notna().sum())),
             ("money in grant statements", sek(grants.amount_sek.sum())),
             ("money in initiatives (each grant once)", sek(initiatives.amount_sek.sum()))]
    build = [("NLP base", info.get("nlp_pipeline")), ("data contract", info.get("contract_version")),
             ("pipeline", info.get("pipeline_version")), ("build fingerprint", info.get("fingerprint")),
             ("raw folder", info.get("raw_dir"))]
    return (html_table(pd.DataFrame(rows, columns=["what", "rows / amount"]), numeric=("rows / amount",))
            + html_table(pd.DataFrame(build, columns=["built with", "value"])))


def _set_aside(rejected: pd.DataFrame) -> str:
    by_reason = rejected.groupby("reason").size().sort_values(ascending=False)
    reasons = pd.DataFrame({"reason": by_reason.index, "files": [swedish_number(n) for n in by_reason]})
    listed = rejected.sort_values("source_file").head(50)[["source_file", "reason", "detail"]]
    more = f"<p class='note'>The first 50 of {swedish_number(len(rejected))}; all are in rejected.parquet.</p>" if len(rejected) > 50 else ""
    return html_table(reasons, numeric=("files",), empty="No file was set aside.") + (html_table(listed) + more if len(rejected) else "")


def _top_grants(grants: pd.DataFrame, docs: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    top = (grants.nlargest(TOP_N, "amount_sek").merge(docs[["doc_id", "title"]], on="doc_id", how="left")
           .merge(initiatives[["initiative_id", "name"]], on="initiative_id", how="left"))
    return pd.DataFrame({"amount": top.amount_sek.map(sek), "funder": top.funder, "recipient": top.recipient,
                         "year": top.year, "purpose": top.purpose, "initiative": top.name, "release": top.title})


def _top_initiatives(initiatives: pd.DataFrame) -> pd.DataFrame:
    readable = initiatives_for_reading(initiatives).head(TOP_N)
    return readable[["initiative", "owner", "funders", "amount", "years", "releases", "first published"]]


def _notebook_links(out: Path) -> str:
    reports = sorted(p for p in out.glob("*.html") if p.name != SUMMARY)
    if not reports:
        return "<p class='note'>No notebook reports yet: run <code>make notebooks</code>, then this again.</p>"
    items = "".join(f"<li><a href='{html.escape(p.name)}'>{html.escape(p.stem)}</a></li>" for p in reports)
    return f"<ul>{items}</ul>"


def summary_html(processed: Path, out: Path) -> str:
    """The page for the build in ``processed``, linking the notebook reports in ``out``."""
    info = build_info(processed)
    t = read_tables(processed)
    sections = [
        ("What is in the build", _counts(info, t)),
        ("Files set aside, and why", _set_aside(t["rejected"])),
        (f"The {TOP_N} largest grant statements", html_table(_top_grants(t["grants"], t["documents"], t["initiatives"]),
                                                         numeric=("amount", "year"))),
        (f"The {TOP_N} largest initiatives (named projects and grants, the same money counted once)",
         html_table(_top_initiatives(t["initiatives"]), numeric=("amount", "years", "releases"),
                empty="No initiative in this build: no release about integration states a grant or names a project.")),
        ("Notebook reports", _notebook_links(out)),
    ]
    body = "".join(f"<h2>{html.escape(title)}</h2>{content}" for title, content in sections)
    made = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>pressmine: build summary</title>"
            f"<style>{STYLE}</style></head><body><h1>pressmine: build summary</h1>"
            f"<p class='note'>{html.escape(str(processed))}, written {made}.</p>{body}</body></html>")


def write_summary(processed: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / SUMMARY
    write_text_into_place(path, summary_html(processed, out))
    return path
