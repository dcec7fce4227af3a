"""Input readers for batch runs: files, folders and archives of records, as a stream of ``Record``.

Every input record becomes exactly one ``Record``, in a deterministic order, whatever happens to
it: a record that cannot be read carries ``error_kind``/``error`` instead of text, so that the
batch writes one article row for it (nothing is lost, nothing raises per record).

- A file: one record; its id is its name. It is read by the worker (``Record.path``), with the
  ``max_chars`` limit applied while decoding, so a 20 MB file is never read past the limit.
- A folder: every ``.txt``, ``.html``, ``.htm`` file under it, recursively, in sorted order (by
  path component, like ``sorted(Path.rglob())``); ids are paths relative to the folder, with ``/``.
- An archive of records: ``.jsonl``/``.ndjson`` (optionally ``.gz``), ``.csv`` (optionally ``.gz``),
  ``.parquet``/``.pq``; one record per line / row, with the text in ``text_column`` and optional id,
  URL and date columns. Missing id -> ``"<archive name>:<n>"`` (n: 1-based line for JSONL, 1-based
  data row for CSV and Parquet).

Error kinds (``Record.error_kind``): ``unreadable``, ``undecodable``, ``binary``, ``empty``,
``too_large``, ``no_text``; the batch adds ``html_without_body`` and ``bug``.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import CchcExtractError, RecordError, SourceError

__all__ = [
    "ARTICLE_SUFFIXES",
    "Columns",
    "DEFAULT_MAX_CHARS",
    "Record",
    "RecordError",
    "SourceError",
    "archive_kind",
    "check_text",
    "count_records",
    "iter_records",
    "read_text_file",
    "records_from_rows",
]

ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
DEFAULT_MAX_CHARS = 2_000_000
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Record:
    """One input record. Exactly one of ``text``, ``path`` or ``error`` says what to do with it."""

    id: str
    source: str
    text: str | None = None
    path: str | None = None
    html: bool = False
    url: str | None = None
    published: str | None = None
    error_kind: str | None = None
    error: str | None = None


# ---------------------------------------------------------------- text checks


def check_text(text: str, max_chars: int) -> None:
    """Raise ``RecordError`` when decoded text is too large, empty, or binary (NUL characters)."""
    if len(text) > max_chars:
        raise RecordError("too_large", f"too large: {len(text):,} characters, more than --max-chars {max_chars:,}")
    if not text.strip():
        raise RecordError("empty", "empty: no text" if not text else "empty: only white space")
    nul = text.find("\x00")
    if nul >= 0:
        raise RecordError(
            "binary",
            f"binary: NUL character at {nul}, not UTF-8 text (a binary file, or UTF-16 without a BOM?)",
        )


def _decode_error(data: bytes, exc: UnicodeDecodeError, offset: int = 0) -> RecordError:
    at = offset + exc.start
    snippet = exc.object[exc.start : exc.start + 4]
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) and offset == 0:
        return RecordError("undecodable", "undecodable: UTF-16 text (it starts with a UTF-16 BOM), not UTF-8; convert it to UTF-8")
    if b"\x00" in data[:8192]:
        return RecordError("binary", f"binary: not UTF-8 text (NUL bytes; byte {at}: {snippet!r})")
    return RecordError(
        "undecodable",
        f"undecodable: bytes are not UTF-8 (byte {at}: {snippet!r}); convert the text to UTF-8",
    )


def decode_bytes(data: bytes, max_chars: int) -> str:
    """UTF-8 (BOM dropped) or a ``RecordError``; then the checks of ``check_text``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _decode_error(data, exc) from None
    check_text(text, max_chars)
    return text


def read_text_file(path: str | os.PathLike[str], max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The UTF-8 text of a file, never reading further than ``max_chars`` requires.

    A file of more than ``4 * max_chars`` bytes is too large without being read at all (a UTF-8
    character takes at most four bytes); a smaller one is decoded chunk by chunk and dropped as soon
    as it passes the limit. Raises ``RecordError`` for every per-record problem.
    """
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise RecordError("unreadable", f"unreadable: cannot read the file ({exc.strerror or exc}); check the path") from None
    with f:
        try:
            size = os.fstat(f.fileno()).st_size
            if size > 4 * max_chars + 3:
                raise RecordError("too_large", f"too large: {size:,} bytes, more than --max-chars {max_chars:,} characters")
            if size <= max_chars:
                return decode_bytes(f.read(), max_chars)
            decoder = codecs.getincrementaldecoder("utf-8-sig")()
            parts: list[str] = []
            chars = offset = 0
            head = b""
            while True:
                chunk = f.read(_CHUNK)
                if not head:
                    head = chunk[:8192]
                try:
                    part = decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError as exc:
                    raise _decode_error(head, exc, offset) from None
                chars += len(part)
                if chars > max_chars:
                    raise RecordError(
                        "too_large", f"too large: more than --max-chars {max_chars:,} characters (stopped reading there)"
                    )
                parts.append(part)
                offset += len(chunk)
                if not chunk:
                    break
        except OSError as exc:
            raise RecordError("unreadable", f"unreadable: cannot read the file ({exc.strerror or exc})") from None
    text = "".join(parts)
    check_text(text, max_chars)
    return text


# ---------------------------------------------------------------- files and folders


def archive_kind(path: Path) -> str | None:
    """``jsonl``, ``csv`` or ``parquet`` when the file name says it is an archive of records."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".parquet", ".pq")) and not path.name.lower().endswith(".gz"):
        return "parquet"
    return None


def _walk(root: Path) -> Iterator[Path]:
    """Article files under ``root``, depth first, each folder's entries sorted by name.

    This is the order of ``sorted(root.rglob('*'))`` (paths compare component by component) without
    holding the whole tree in memory.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        p = Path(e.path)
        try:
            if e.is_dir():
                yield from _walk(p)
            elif e.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES:
                yield p
        except OSError:
            continue


def _file_record(path: Path, rid: str) -> Record:
    return Record(id=rid, source=str(path), path=str(path), html=path.suffix.lower() in HTML_SUFFIXES)


# ---------------------------------------------------------------- archives


@dataclass(frozen=True, slots=True)
class Columns:
    """Which columns of an archive hold what. ``url``/``published`` are used when present."""

    text: str = "text"
    id: str = "id"
    url: str | None = "url"
    published: str | None = "published"
    explicit: frozenset[str] = frozenset()  # columns the user named: absent from a CSV/Parquet header -> usage error


def _missing(value: object) -> bool:
    """None, NaN, or pandas' NA / NaT."""
    return value is None or (isinstance(value, float) and value != value) or type(value).__name__ in ("NAType", "NaTType")


def _as_str(value: object) -> str | None:
    if _missing(value):
        return None
    if hasattr(value, "isoformat"):
        iso = value.isoformat()  # date, datetime, pandas Timestamp
        return iso[:10]
    text = str(value).strip()
    return text or None


def records_from_rows(
    rows: Iterable[tuple[int, object]], archive: str, name: str, cols: Columns, max_chars: int
) -> Iterator[Record]:
    """Records from ``(n, row)`` pairs of an archive (n: the 1-based line or row number); a row is a
    dict, or a ``RecordError`` when the archive's own framing failed for it (bad JSON, bad bytes)."""
    for n, row in rows:
        fallback = f"{name}:{n}"
        source = f"{archive}:{n}"
        if isinstance(row, RecordError):
            yield Record(fallback, source, error_kind=row.kind, error=str(row))
            continue
        if not isinstance(row, dict):
            yield Record(fallback, source, error_kind="no_text",
                         error=f"no text: line {n} is a JSON {type(row).__name__}, not an object")
            continue
        rid = _as_str(row.get(cols.id))
        rid = rid if rid not in (None, "") else fallback
        url = _as_str(row.get(cols.url)) if cols.url else None
        published = _as_str(row.get(cols.published)) if cols.published else None
        base = Record(rid, source, url=url, published=published)
        if cols.text not in row:
            yield replace(base, error_kind="no_text", error=f"no text: no field {cols.text!r} (pass --text-column)")
            continue
        value = row[cols.text]
        try:
            if _missing(value):
                raise RecordError("empty", f"empty: {cols.text!r} is null")
            if isinstance(value, (bytes, bytearray, memoryview)):
                text = decode_bytes(bytes(value), max_chars)
            elif isinstance(value, str):
                bad = _surrogate(value)
                if bad is not None:
                    raise RecordError("undecodable", f"undecodable: bytes are not UTF-8 (character {bad}); convert the archive to UTF-8")
                check_text(value, max_chars)
                text = value
            else:
                raise RecordError("no_text", f"no text: {cols.text!r} is a {type(value).__name__}, not a string")
        except RecordError as exc:
            yield replace(base, error_kind=exc.kind, error=str(exc))
            continue
        yield replace(base, text=text)


def _surrogate(text: str) -> int | None:
    """Index of the first lone surrogate (bytes decoded with surrogateescape), or None."""
    try:
        text.encode("utf-8")
        return None
    except UnicodeEncodeError as exc:
        return exc.start


def _open_binary(path: Path):
    f = open(path, "rb")
    if path.name.lower().endswith(".gz"):
        return gzip.open(f, "rb")
    return f


def _jsonl_rows(path: Path) -> Iterator[tuple[int, object]]:
    with _open_binary(path) as f:
        for n, line in enumerate(f, 1):
            if n == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[3:]
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield n, _decode_error(line, exc)
                continue
            try:
                yield n, json.loads(text.strip())
            except ValueError as exc:
                yield n, RecordError("undecodable", f"undecodable: line {n} is not JSON ({exc})")


def _csv_rows(path: Path, cols: Columns) -> Iterator[tuple[int, object]]:
    csv.field_size_limit(2**31 - 1)
    with _open_binary(path) as raw:
        f = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        _check_header(path, header, cols)
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                n += 1
                yield n, RecordError("undecodable", f"undecodable: CSV row {n} cannot be parsed ({exc})")
                continue
            n += 1
            yield n, row


def _check_header(path: Path, header: Sequence[str], cols: Columns) -> None:
    if cols.text not in header:
        raise SourceError(
            f"{path}: no column {cols.text!r} for the text (columns: {', '.join(map(str, header)) or 'none'}); "
            "pass --text-column"
        )
    for name in sorted(cols.explicit):
        if name not in header:
            raise SourceError(f"{path}: no column {name!r} (columns: {', '.join(map(str, header))})")


def _parquet_rows(path: Path, cols: Columns) -> Iterator[tuple[int, dict]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise SourceError(
            f"{path}: reading Parquet needs pyarrow; install it with: pip install 'cchc_extract[frames]'"
        ) from None
    pf = pq.ParquetFile(path)
    header = pf.schema_arrow.names
    _check_header(path, header, cols)
    wanted = [c for c in dict.fromkeys([cols.text, cols.id, cols.url, cols.published]) if c and c in header]
    n = 0
    for batch in pf.iter_batches(batch_size=256, columns=wanted):
        for row in batch.to_pylist():
            n += 1
            yield n, row


def _archive_records(path: Path, kind: str, cols: Columns, max_chars: int) -> Iterator[Record]:
    if kind == "jsonl":
        rows: Iterable[tuple[int, object]] = _jsonl_rows(path)
    elif kind == "csv":
        rows = _csv_rows(path, cols)
    else:
        rows = _parquet_rows(path, cols)
    return records_from_rows(rows, str(path), path.name, cols, max_chars)


# ---------------------------------------------------------------- the stream


def _opened(path: Path) -> None:
    """Fail early, as a usage error, for an archive that cannot be opened at all."""
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the archive ({exc.strerror or exc}); check the path") from None


def iter_records(
    paths: Sequence[str | os.PathLike[str]],
    *,
    columns: Columns | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Record]:
    """Every input record under ``paths``, in order. Raises ``SourceError`` only for usage problems
    (an archive without its text column, a Parquet archive without pyarrow); per-record problems are
    ``Record.error``. A path that does not exist is one record with an ``unreadable`` error."""
    cols = columns or Columns()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in _walk(p):
                yield _file_record(f, f.relative_to(p).as_posix())
            continue
        kind = archive_kind(p) if p.is_file() else None
        if kind is None:
            yield _file_record(p, p.name)
            continue
        _opened(p)
        try:
            yield from _archive_records(p, kind, cols, max_chars)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise SourceError(f"{p}: the archive cannot be read to the end ({exc}); records before the fault were read") from None
        except SourceError:
            raise
        except Exception as exc:  # a corrupt Parquet file, a CSV the csv module rejects as a whole
            raise SourceError(f"{p}: the archive cannot be read ({type(exc).__name__}: {exc})") from None


def count_records(paths: Sequence[str | os.PathLike[str]]) -> int | None:
    """How many records ``iter_records`` will give, for a progress bar; None when counting would
    mean parsing (CSV). Cheap: folders are walked, JSONL lines counted, Parquet metadata read."""
    total = 0
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            total += sum(1 for _ in _walk(p))
            continue
        kind = archive_kind(p) if p.is_file() else None
        if kind is None:
            total += 1
        elif kind == "jsonl":
            try:
                with _open_binary(p) as f:
                    total += sum(1 for line in f if line.strip())
            except (OSError, EOFError):
                return None
        elif kind == "parquet":
            try:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(p).metadata.num_rows
            except Exception:
                return None
        else:
            return None
    return total
