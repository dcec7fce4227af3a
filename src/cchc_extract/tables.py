"""Reports as tables: one Arrow schema per table, rows, pandas frames, CSV/Parquet files.

Four tables, with stable column names and types (the schemas below are the reference; the README
lists them too):

- ``articles``: one row per input record, ``status`` ``ok`` or ``error`` (with ``error_kind`` and
  the one-line ``error``), the counts and the warnings.
- ``claims``: one row per claim, with the article's ``article_seq``/``article_id`` and the claim's
  index ``claim`` in ``report.claims``; the period is flattened into three columns and the
  ``evidence`` (``report.text[start:end]``) is included.
- ``findings``: one row per finding of an article; ``claims`` are indexes into that article's
  claims (the ``claim`` column of the claims table).
- ``cross_findings``: the across-articles check, one row per finding; ``refs`` lists the
  (article_seq, article_id, claim) triples it compares.

``article_seq`` is the 0-based position of the record in the input (= the row of the articles
table); ids need not be unique, ``article_seq`` is.

pyarrow is needed for everything that builds a table (the ``frames`` extra); the row builders
(``article_row``, ``claim_rows``, ``finding_rows``) are plain Python and run in the workers.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from .errors import MissingDependency
from .models import Claim, Level, Period, Qualifier, Report, Severity, Status, Unit

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "TABLES",
    "FRAMES_EXTRA",
    "schema",
    "article_row",
    "claim_rows",
    "finding_rows",
    "claim_from_row",
    "to_table",
    "to_frame",
    "empty_frame",
    "articles_frame",
    "claims_frame",
    "findings_frame",
    "read_table",
    "read_frame",
    "write_table",
]

TABLES = ("articles", "claims", "findings", "cross_findings")
FRAMES_EXTRA = "pip install 'cchc_extract[frames]'"


def _pa():
    try:
        import pyarrow as pa
    except ImportError:
        raise MissingDependency("tables (pyarrow and pandas)", "frames") from None
    return pa


def _pd():
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependency("frames (pandas and pyarrow)", "frames") from None
    return pd


# ---------------------------------------------------------------- schemas


ERROR_KINDS = ("unreadable", "undecodable", "binary", "empty", "too_large", "no_text", "html_without_body", "bug")
# Closed vocabularies: pandas categories in this order, the same in every frame and partition
# (a value outside them, from a newer version, is appended rather than lost).
_VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("articles", "status"): ("ok", "error"),
    ("articles", "error_kind"): ERROR_KINDS,
    ("claims", "unit"): get_args(Unit),
    ("claims", "qualifier"): get_args(Qualifier),
    ("claims", "level"): get_args(Level),
    ("findings", "status"): get_args(Status),
    ("findings", "severity"): get_args(Severity),
    ("cross_findings", "status"): get_args(Status),
    ("cross_findings", "severity"): get_args(Severity),
}


def _schemas() -> dict[str, pa.Schema]:
    pa = _pa()
    dictionary = pa.dictionary(pa.int32(), pa.string())
    s, i32, i64, f64, d32 = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.date32()
    table = ""  # the table being built: cat() reads it when the field is made, in order

    def cat(name: str) -> pa.Field:  # a category column: its vocabulary, when closed, in the field's metadata
        values = _VOCABULARIES.get((table, name))
        meta = {b"categories": json.dumps(list(values)).encode()} if values else None
        return pa.field(name, dictionary, metadata=meta)

    def req(name: str, t: pa.DataType) -> pa.Field:
        if t is dictionary:
            return cat(name).with_nullable(False)
        return pa.field(name, t, nullable=False)

    def opt(name: str, t: pa.DataType) -> pa.Field:
        return cat(name) if t is dictionary else pa.field(name, t)

    table = "articles"
    articles = pa.schema([
        req("article_seq", i64),
        req("id", s),
        pa.field("source", s),
        pa.field("url", s),
        pa.field("published", d32),
        pa.field("title", s),
        req("status", dictionary),
        opt("error_kind", dictionary),
        pa.field("error", s),
        pa.field("chars", i64),
        req("n_claims", i32),
        req("n_findings", i32),
        req("n_mismatches", i32),
        req("n_checked", i32),
        req("n_warnings", i32),
        req("warnings", pa.list_(pa.field("item", s, nullable=False))),
    ])
    table = "claims"
    claims = pa.schema([
        req("article_seq", i64),
        req("article_id", s),
        req("claim", i32),
        req("metric", dictionary),
        pa.field("label", s),
        req("value", f64),
        req("raw", s),
        req("unit", dictionary),
        req("qualifier", dictionary),
        req("low", f64),
        req("high", f64),
        req("level", dictionary),
        pa.field("locality", s),
        pa.field("period_start", d32),
        pa.field("period_end", d32),
        pa.field("period_label", s),
        pa.field("total", f64),
        pa.field("of", s),
        req("start", i64),
        req("end", i64),
        req("sentence", i32),
        req("evidence", s),
    ])
    table = "findings"
    findings = pa.schema([
        req("article_seq", i64),
        req("article_id", s),
        req("finding", i32),
        req("rule", dictionary),
        req("status", dictionary),
        req("severity", dictionary),
        req("claims", pa.list_(pa.field("item", i32, nullable=False))),
        pa.field("expected", f64),
        pa.field("actual", f64),
        req("tolerance", f64),
        req("message", s),
        req("message_en", s),
    ])
    ref = pa.struct([req("article_seq", i64), req("article_id", s), req("claim", i32)])
    table = "cross_findings"
    cross = pa.schema([
        req("finding", i32),
        req("rule", dictionary),
        req("status", dictionary),
        req("severity", dictionary),
        pa.field("expected", f64),
        pa.field("actual", f64),
        req("tolerance", f64),
        req("message", s),
        req("message_en", s),
        req("refs", pa.list_(pa.field("item", ref, nullable=False))),
    ])
    return {"articles": articles, "claims": claims, "findings": findings, "cross_findings": cross}


_SCHEMAS: dict[str, Any] = {}


def schema(name: str) -> pa.Schema:
    """The Arrow schema of table ``name`` (one of ``TABLES``)."""
    if not _SCHEMAS:
        _SCHEMAS.update(_schemas())
    try:
        return _SCHEMAS[name]
    except KeyError:
        raise ValueError(f"no table {name!r}; the tables are {', '.join(TABLES)}") from None


# ---------------------------------------------------------------- rows (plain Python, no pyarrow)


def article_row(
    seq: int,
    id: str,
    source: str | None,
    report: Report | None = None,
    *,
    url: str | None = None,
    published: _dt.date | str | None = None,
    error_kind: str | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    """The articles-table row of one record: from its report, or from the error that stopped it."""
    if report is not None:
        return {
            "article_seq": seq, "id": id, "source": source, "url": report.url, "published": report.published,
            "title": report.title, "status": "ok", "error_kind": None, "error": None, "chars": len(report.text),
            "n_claims": len(report.claims), "n_findings": len(report.findings),
            "n_mismatches": sum(f.status == "mismatch" for f in report.findings),
            "n_checked": report.coverage.checked, "n_warnings": len(report.warnings),
            "warnings": list(report.warnings),
        }
    if isinstance(published, str):
        try:
            published = _dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            published = None
    return {
        "article_seq": seq, "id": id, "source": source, "url": url, "published": published, "title": None,
        "status": "error", "error_kind": error_kind, "error": error, "chars": None,
        "n_claims": 0, "n_findings": 0, "n_mismatches": 0, "n_checked": 0, "n_warnings": 0, "warnings": [],
    }


def claim_row(seq: int, id: str, index: int, c: Claim, evidence: str) -> dict[str, Any]:
    p = c.period
    return {
        "article_seq": seq, "article_id": id, "claim": index, "metric": c.metric, "label": c.label,
        "value": c.value, "raw": c.raw, "unit": c.unit, "qualifier": c.qualifier, "low": c.low, "high": c.high,
        "level": c.level, "locality": c.locality,
        "period_start": p.start if p else None, "period_end": p.end if p else None,
        "period_label": p.label if p else None,
        "total": c.total, "of": c.of, "start": c.start, "end": c.end, "sentence": c.sentence,
        "evidence": evidence,
    }


def claim_rows(seq: int, id: str, report: Report) -> list[dict[str, Any]]:
    """One claims-table row per claim of ``report``."""
    return [claim_row(seq, id, i, c, report.text[c.start : c.end]) for i, c in enumerate(report.claims)]


def claim_from_row(row: Mapping[str, Any]) -> Claim:
    """The Claim a claims-table row was made from (the inverse of ``claim_rows``)."""

    def day(v: Any) -> _dt.date | None:
        if v is None or v != v:
            return None
        return v if type(v) is _dt.date else _dt.date.fromisoformat(str(v)[:10])

    def opt(v: Any) -> Any:
        return None if v is None or (isinstance(v, float) and v != v) else v

    label = opt(row.get("period_label"))
    period = Period(start=day(row.get("period_start")), end=day(row.get("period_end")), label=label) if label is not None else None
    return Claim(
        metric=row["metric"], value=row["value"], raw=row["raw"], unit=row["unit"], qualifier=row["qualifier"],
        low=row["low"], high=row["high"], level=row["level"], locality=opt(row.get("locality")), period=period,
        total=opt(row.get("total")), of=opt(row.get("of")), start=int(row["start"]), end=int(row["end"]),
        sentence=int(row["sentence"]), label=opt(row.get("label")),
    )


def finding_rows(seq: int, id: str, report: Report) -> list[dict[str, Any]]:
    """One findings-table row per finding of ``report``."""
    return [
        {
            "article_seq": seq, "article_id": id, "finding": i, "rule": f.rule, "status": f.status,
            "severity": f.severity, "claims": list(f.claims), "expected": f.expected, "actual": f.actual,
            "tolerance": f.tolerance, "message": f.message, "message_en": f.message_en,
        }
        for i, f in enumerate(report.findings)
    ]


# ---------------------------------------------------------------- Arrow tables and pandas frames


def to_table(name: str, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Rows as an Arrow table of ``schema(name)``."""
    return _pa().Table.from_pylist(list(rows), schema=schema(name))


def _types_mapper():
    pa, pd = _pa(), _pd()
    mapping = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    return mapping.get


def to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table of ours as pandas: category for dictionary columns (metric, unit, level, ...),
    nullable Int32/Int64 for integers, float64, datetime64 for dates, lists as object.

    Categories are strings; closed vocabularies (unit, qualifier, level, status, severity,
    error_kind) have all their values as categories, in a fixed order, so frames made from different
    batches or Dask partitions concatenate without surprises."""
    pd = _pd()
    df = table.to_pandas(types_mapper=_types_mapper(), date_as_object=False)
    for f in table.schema:
        if f.name not in df.columns or not isinstance(df[f.name].dtype, pd.CategoricalDtype):
            continue
        present = [str(c) for c in df[f.name].cat.categories]
        fixed = json.loads(f.metadata[b"categories"]) if f.metadata and b"categories" in f.metadata else []
        cats = fixed + sorted(set(present) - set(fixed))
        df[f.name] = df[f.name].cat.set_categories(pd.Index(cats, dtype=str)) if fixed or present else \
            df[f.name].astype(pd.CategoricalDtype(pd.Index([], dtype=str)))
    return df


def empty_frame(name: str) -> pd.DataFrame:
    """An empty frame with the pandas dtypes of table ``name`` (a Dask ``meta``)."""
    return to_frame(schema(name).empty_table())


def _numbered(reports: Iterable[Report] | Mapping[str, Report], ids: Iterable[str] | None):
    if isinstance(reports, Mapping):
        pairs = list(reports.items())
    else:
        reps = list(reports)
        names = list(ids) if ids is not None else [r.source or r.url or f"#{i}" for i, r in enumerate(reps)]
        if len(names) != len(reps):
            raise ValueError(f"{len(names)} ids for {len(reps)} reports")
        pairs = list(zip(names, reps))
    return [(seq, rid, rep) for seq, (rid, rep) in enumerate(pairs)]


def articles_frame(reports: Iterable[Report] | Mapping[str, Report], ids: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per report: id, source, url, published, title, status, counts, warnings.

    ``reports``: a list of Reports (ids: ``ids``, else each report's source or url, else ``#i``) or
    a mapping id -> Report. The columns and dtypes are those of the batch's articles table.
    """
    rows = [article_row(seq, rid, rep.source, rep) for seq, rid, rep in _numbered(reports, ids)]
    return to_frame(to_table("articles", rows))


def claims_frame(reports: Iterable[Report] | Mapping[str, Report], ids: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per claim of every report, for notebooks.

    Columns: ``article_seq`` (position of the report), ``article_id``, ``claim`` (index in
    ``report.claims``), ``metric``, ``label``, ``value``, ``raw``, ``unit``, ``qualifier``, ``low``,
    ``high``, ``level``, ``locality``, ``period_start``, ``period_end``, ``period_label``, ``total``,
    ``of``, ``start``, ``end``, ``sentence``, ``evidence``. metric/unit/qualifier/level are
    categories, counts nullable Int32/Int64, values float64, period dates datetime64.

        >>> from cchc_extract import extract
        >>> from cchc_extract.tables import claims_frame
        >>> df = claims_frame({"a": extract(text_a), "b": extract(text_b)})
        >>> df.groupby(["metric", "level"], observed=True).value.sum()
    """
    rows = [r for seq, rid, rep in _numbered(reports, ids) for r in claim_rows(seq, rid, rep)]
    return to_frame(to_table("claims", rows))


def findings_frame(reports: Iterable[Report] | Mapping[str, Report], ids: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per finding of every report: ``article_seq``, ``article_id``, ``finding`` (index in
    ``report.findings``), ``rule``, ``status``, ``severity`` (categories), ``claims`` (indexes into
    that report's claims, i.e. the ``claim`` column of ``claims_frame``), ``expected``, ``actual``,
    ``tolerance``, ``message`` (Vietnamese), ``message_en``.

        >>> findings_frame(reports).query("status == 'mismatch'")[["article_id", "message_en"]]
    """
    rows = [r for seq, rid, rep in _numbered(reports, ids) for r in finding_rows(seq, rid, rep)]
    return to_frame(to_table("findings", rows))


# ---------------------------------------------------------------- files


def _is_nested(t: pa.DataType) -> bool:
    pa = _pa()
    return pa.types.is_list(t) or pa.types.is_struct(t) or pa.types.is_large_list(t)


def _csv_schema(sch: pa.Schema) -> pa.Schema:
    """The schema as CSV holds it: lists and structs as JSON text, categories as plain strings."""
    pa = _pa()
    fields = []
    for f in sch:
        t = f.type
        if _is_nested(t) or pa.types.is_dictionary(t):
            t = pa.string()
        fields.append(pa.field(f.name, t, nullable=f.nullable))
    return pa.schema(fields)


def _to_csv_table(table: pa.Table) -> pa.Table:
    pa = _pa()
    cols = []
    for f, col in zip(table.schema, table.columns):
        if _is_nested(f.type):
            col = pa.array([json.dumps(v, ensure_ascii=False, default=str) for v in col.to_pylist()], pa.string())
        elif pa.types.is_dictionary(f.type):
            col = col.cast(pa.string())
        cols.append(col)
    return pa.Table.from_arrays(cols, schema=_csv_schema(table.schema))


def _from_csv_table(table: pa.Table, sch: pa.Schema) -> pa.Table:
    pa = _pa()
    cols = []
    for f in sch:
        col = table.column(f.name)
        if _is_nested(f.type):
            col = pa.array([None if v is None else json.loads(v) for v in col.to_pylist()], f.type)
        elif pa.types.is_dictionary(f.type):
            col = col.cast(pa.string()).dictionary_encode().cast(f.type)
        cols.append(col)
    return pa.Table.from_arrays(cols, schema=sch)


def write_table(table: pa.Table, path: str | os.PathLike[str], fmt: str, *, header: bool = True) -> None:
    """Write ``table`` as Parquet or CSV (lists as JSON text). Not atomic: callers rename."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, path, compression="zstd")
    elif fmt == "csv":
        import pyarrow.csv as pcsv

        pcsv.write_csv(_to_csv_table(table), path, pcsv.WriteOptions(include_header=header))
    else:
        raise ValueError(f"no table format {fmt!r}")


def read_table(path: str | os.PathLike[str], name: str) -> pa.Table:
    """Table ``name`` of a batch output folder (``OUT/name.parquet`` or ``OUT/name.csv``), typed."""
    _pa()
    folder = Path(path)
    sch = schema(name)
    pq_path, csv_path = folder / f"{name}.parquet", folder / f"{name}.csv"
    if pq_path.exists():
        import pyarrow.parquet as pq

        return pq.read_table(pq_path, schema=sch)
    if csv_path.exists():
        import pyarrow.csv as pcsv

        cs = _csv_schema(sch)
        raw = pcsv.read_csv(
            csv_path,
            convert_options=pcsv.ConvertOptions(
                column_types=cs, strings_can_be_null=True, quoted_strings_can_be_null=False,
            ),
        )
        return _from_csv_table(raw.select(cs.names), sch)
    raise FileNotFoundError(f"{folder}: no {name}.parquet or {name}.csv")


def read_frame(path: str | os.PathLike[str], name: str) -> pd.DataFrame:
    """Table ``name`` of a batch output folder as a pandas frame with the documented dtypes."""
    return to_frame(read_table(path, name))
