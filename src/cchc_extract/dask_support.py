"""Past one machine: ``dask.dataframe.map_partitions`` over an archive of articles.

    import dask.dataframe as dd
    from dask.distributed import Client
    from cchc_extract.dask_support import extract_partition, meta

    client = Client("tcp://scheduler:8786")          # every worker has cchc_extract installed
    articles = dd.read_parquet("s3://bucket/articles/*.parquet")   # columns: id, text, url, published
    claims = articles.map_partitions(extract_partition, table="claims", meta=meta("claims"))
    claims.to_parquet("s3://bucket/out/claims/")

``extract_partition`` is a pure, picklable DataFrame -> DataFrame function: the rows of one of the
batch's tables (``articles``, ``claims``, ``findings``; see ``cchc_extract.tables``) for the records
of one partition, with the dtypes of ``meta(table)`` whatever the partition holds (an empty
partition gives an empty frame of the same schema). It runs the same per-record code as
``cchc-extract extract``, so the claims are the same whatever the engine. Records that cannot be
read are ``status == "error"`` rows of the articles table, as in the CLI.

``article_seq`` is the partition row's index label when the index is integral (give the frame a
unique integer index, e.g. ``dd.from_pandas(df)`` keeps the pandas one), else its position in the
partition; ``article_id`` is the ``id_column`` value, or the index label when there is none.
For the across-articles check, collect the claims and call ``across_findings(claims_frame)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .batch import Across, Job, process_record
from .sources import DEFAULT_MAX_CHARS, Columns, Record, records_from_rows
from .tables import claim_from_row, empty_frame, to_frame, to_table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["extract_partition", "meta", "across_findings"]

_TABLES = ("articles", "claims", "findings")


def meta(table: str = "claims") -> pd.DataFrame:
    """The empty frame that ``extract_partition(..., table=table)`` returns on an empty partition:
    the ``meta=`` of ``map_partitions``."""
    if table not in _TABLES:
        raise ValueError(f"table {table!r}: choose one of {', '.join(_TABLES)}")
    return empty_frame(table)


def _records(df: pd.DataFrame, cols: Columns, max_chars: int) -> Iterator[tuple[int, Record]]:
    names = list(df.columns)
    integral = df.index.dtype.kind in "iu"
    rows = (dict(zip(names, values)) for values in df.itertuples(index=False, name=None))
    numbered = ((pos, label, row) for pos, (label, row) in enumerate(zip(df.index, rows)))
    for pos, label, row in numbered:
        seq = int(label) if integral else pos
        if cols.id not in row or row[cols.id] is None:
            row = {**row, cols.id: str(label)}
        rec = next(records_from_rows([(pos + 1, row)], "partition", "partition", cols, max_chars))
        yield seq, rec


def extract_partition(
    df: pd.DataFrame,
    table: str = "claims",
    *,
    text_column: str = "text",
    id_column: str = "id",
    url_column: str | None = "url",
    date_column: str | None = "published",
    max_chars: int = DEFAULT_MAX_CHARS,
) -> pd.DataFrame:
    """The ``table`` rows (articles, claims or findings) of the articles in ``df``.

    ``df`` holds one article per row: text in ``text_column`` (str, or UTF-8 bytes), optional id,
    URL and date (ISO string or date) columns. Pure and picklable: pass it to ``map_partitions``
    with ``meta=meta(table)``.
    """
    if table not in _TABLES:
        raise ValueError(f"table {table!r}: choose one of {', '.join(_TABLES)}")
    if text_column not in df.columns and len(df.columns):
        raise KeyError(f"no column {text_column!r} for the text (columns: {', '.join(map(str, df.columns))})")
    cols = Columns(text=text_column, id=id_column, url=url_column, published=date_column)
    job = Job(format="parquet", max_chars=max_chars)
    rows: list[dict[str, Any]] = []
    for seq, rec in _records(df, cols, max_chars):
        res = process_record(seq, rec, job)
        if table == "articles":
            rows.append(res["article"])
        else:
            rows.extend(res[table])
    return to_frame(to_table(table, rows)) if rows else empty_frame(table)


def across_findings(claims: pd.DataFrame) -> pd.DataFrame:
    """The across-articles check over a claims frame (``extract_partition(..., table="claims")``
    computed, or ``tables.read_frame(OUT, "claims")``): the batch's ``cross_findings`` table."""
    across = Across()
    try:
        want = claims[claims["locality"].notna() & claims["period_label"].notna()]
        want = want.sort_values(["article_seq", "claim"], kind="stable")
        for row in want.to_dict("records"):
            across.add_claim(int(row["article_seq"]), str(row["article_id"]), int(row["claim"]), claim_from_row(row))
        return to_frame(to_table("cross_findings", across.findings()))
    finally:
        across.close()
