"""The batch runner behind ``cchc-extract extract``: many inputs, a pool of workers, one article row
per input record, streaming output, ``--resume`` after any interruption, deterministic bytes.

    records (sources.iter_records, in input order)
      -> chunks of a few records -> worker processes (process_chunk: read, HTML, extract, rows)
      -> results in input order (bounded in-flight work: memory stays flat)
      -> a writer (text / jsonl / json / csv+parquet parts) and the across-articles check

Determinism: the workers are pure functions of a record, results are consumed in input order and
table parts hold fixed ranges of records, so the output bytes do not depend on ``--workers``, on the
engine, or on where a run was interrupted and resumed.

Resume: JSONL/JSON output is append-only with a flush per chunk; on ``--resume`` a trailing partial
line is cut off and the records already written are skipped (their ids checked against the inputs).
Tables are written as numbered Parquet parts in ``OUT/.parts`` (each made atomically: temporary
file, then rename), ``--part-size`` records each; ``--resume`` keeps the complete parts and redoes
the rest; at the end the parts are compacted into ``OUT/<table>.<format>`` and removed.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, groupby, islice
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from .errors import CchcExtractError, UsageError
from .sources import DEFAULT_MAX_CHARS, Columns, Record, RecordError, SourceError, count_records, iter_records

__all__ = ["Options", "Job", "UsageError", "run", "process_record", "process_chunk", "read_record", "default_workers"]

FORMATS = ("text", "jsonl", "json", "csv", "parquet")
TABLE_FORMATS = ("csv", "parquet")
RECORD_FIELDS = {"source", "url", "published", "title", "claims", "findings", "coverage", "warnings"}
_PARTS = ".parts"
_MANIFEST = "manifest.json"
_TABLES = ("articles", "claims", "findings")


def default_workers() -> int:
    """The machine's cores (those this process may use)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Job:
    """What a worker needs to know besides the record (small and picklable)."""

    format: str = "jsonl"
    full: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    html: bool = False  # the first records are HTML pages: load trafilatura before the first record


@dataclass
class Options:
    """Everything ``cchc-extract extract`` was asked to do."""

    paths: Sequence[str]
    format: str = "text"
    output: str | None = None
    workers: int | None = None
    full: bool = False
    strict: bool = False
    resume: bool = False
    quiet: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    columns: Columns = field(default_factory=Columns)
    engine: str = "local"
    scheduler: str | None = None
    part_size: int = 1000
    chunk_size: int = 16
    progress: bool | None = None  # None: a bar when standard error is a terminal and not quiet


# ---------------------------------------------------------------- the worker side


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _error_result(seq: int, rec: Record, kind: str, message: str, job: Job) -> dict[str, Any]:
    from .tables import article_row

    row = article_row(seq, rec.id, rec.source, url=rec.url, published=rec.published, error_kind=kind, error=message)
    out = None
    if job.format in ("jsonl", "json"):
        record = {
            "id": rec.id, "status": "error", "error_kind": kind, "error": message, "source": rec.source,
            "url": rec.url, "published": row["published"].isoformat() if row["published"] else None, "title": None,
            "claims": [], "findings": [], "coverage": {"checked": 0, "total": 0}, "warnings": [],
        }
        out = json.dumps(record, ensure_ascii=False)
    return {"seq": seq, "id": rec.id, "source": rec.source, "status": "error", "error_kind": kind, "error": message,
            "article": row, "out": out, "claims": [], "findings": [], "across": [], "metrics": {}}


def _is_page(rec: Record, text: str | None) -> bool:
    """Whether a record is an HTML page: a ``.html``/``.htm`` file, or a text that looks like one."""
    from .html import looks_like_html

    return rec.html or (text is not None and looks_like_html(text))


def read_record(rec: Record, job: Job):
    """The report of one record as the batch reads it (HTML through trafilatura, ``job.max_chars``
    as the size limit of files); raises ``RecordError`` with a one-line reason when it cannot."""
    from . import html as _html
    from .pipeline import _HTML_HINT, extract
    from .sources import read_text_file

    if rec.error is not None:
        raise RecordError(rec.error_kind or "unreadable", rec.error)
    text = rec.text if rec.text is not None else read_text_file(rec.path or "", job.max_chars)
    published: Any = rec.published
    before: list[str] = []
    if _is_page(rec, text):
        page = _html.read_page(text, rec.url)
        if page is None:
            if not _HTML_HINT.match(text):  # extract() says it itself when its own test matches
                before.append(_html.NO_TRAFILATURA)
        elif page.text is None:
            raise RecordError("html_without_body", "html without a body: trafilatura found no article text in the page")
        else:
            text, published = page.text, published or page.published
            before.append(page.warning)
    report = extract(text, url=rec.url, published=published, source=rec.source, max_chars=None)  # --max-chars gated it
    if before:
        report = report.model_copy(update={"warnings": before + list(report.warnings)})
    return report


def process_record(seq: int, rec: Record, job: Job) -> dict[str, Any]:
    """Read, extract and shape one record; never raises (a bug becomes an error row)."""
    try:
        report = read_record(rec, job)
    except RecordError as exc:
        return _error_result(seq, rec, exc.kind, _one_line(str(exc)), job)
    except Exception as exc:  # a bug in our code or a library, caught per record
        return _error_result(seq, rec, "bug", _one_line(f"bug: {type(exc).__name__}: {exc}"), job)
    try:
        return _ok_result(seq, rec, report, job)
    except Exception as exc:  # pragma: no cover - shaping a valid report should not fail
        return _error_result(seq, rec, "bug", _one_line(f"bug: {type(exc).__name__}: {exc}"), job)


def _ok_result(seq: int, rec: Record, report, job: Job) -> dict[str, Any]:
    """The result of a record read: its output line (jsonl, json, text) or its table rows (csv,
    parquet: the articles row, claim and finding rows), and its across-check entries."""
    from .tables import article_row, claim_rows, finding_rows

    out = article = None
    claims: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    if job.format in ("jsonl", "json"):
        record = {"id": rec.id, "status": "ok"}
        record.update(report.model_dump(mode="json", include=None if job.full else RECORD_FIELDS))
        out = json.dumps(record, ensure_ascii=False)
    elif job.format == "text":
        from .cli import _human

        buf = io.StringIO()
        _human(report, buf)
        out = buf.getvalue()
    else:
        article = article_row(seq, rec.id, rec.source, report)
        claims = claim_rows(seq, rec.id, report)
        findings = finding_rows(seq, rec.id, report)
    across = _across_entries(report.claims)
    metrics = dict(Counter(c.metric for c in report.claims)) if job.format == "text" else {}
    return {"seq": seq, "id": rec.id, "source": rec.source, "status": "ok", "error_kind": None, "error": None,
            "article": article, "out": out, "claims": claims, "findings": findings, "across": across,
            "metrics": metrics}


def _across_entries(claims: Sequence, start: int = 0) -> list[tuple[int, str, tuple]]:
    """(claim index, key JSON, the entry's other fields) of the claims that take part in the across
    check: the key says which claims are compared with each other, and two keys' JSON texts are
    equal exactly when the keys are (strings, None, and figures read from digits: never NaN or
    -0.0). The other fields are strings and finite floats, which SQLite keeps as they are."""
    from .checks.across import entry

    out = []
    for i, c in enumerate(claims, start):
        e = entry(c)
        if e is not None:
            out.append((i, json.dumps(e.key, ensure_ascii=False), e[1:]))
    return out


def process_chunk(items: Sequence[tuple[int, Record]], job: Job) -> list[dict[str, Any]]:
    """``process_record`` over a chunk; what a pool worker or a Dask task runs."""
    return [process_record(seq, rec, job) for seq, rec in items]


def warm_up(job: Job | None = None) -> None:
    """Import the pipeline and compile its lexicons and patterns (the first extract() does), and
    what ``job`` needs besides (the text format's renderer; trafilatura, 0.1 s, when the first
    records are HTML; without a job, both): what a worker does once, before its first record."""
    from .pipeline import extract

    extract("UBND huyện A đã tiếp nhận 1.000 hồ sơ, giải quyết đúng hạn 98%.", published="2024-01-01")
    if job is None or job.format == "text":
        from . import cli  # noqa: F401
    if job is None or job.html:
        from . import html as _html

        _html.available()


def _init_worker(job: Job) -> None:
    """Pool initializer: Ctrl-C is the parent's business; import and warm up the pipeline once
    (forked from the warm fork server, this finds everything done)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up(job)


def _pool_context(html: bool = False):
    """Where the platform has it, ``forkserver`` with ``cchc_extract._warm`` preloaded (and
    ``_warm_html``, trafilatura, when ``html``): the server process imports and warms the pipeline
    once and forks each worker from itself, warm (spawned workers each import and compile
    everything again: about a second of CPU apiece, which a short run feels). The server is a
    single-threaded process of its own, so none of fork's trouble with a parent's threads.
    Elsewhere (Windows), spawn.

    One server serves a process's every pool: what it preloaded first stays (a worker loads
    trafilatura itself at its first HTML record when the server has not)."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["cchc_extract._warm", *(["cchc_extract._warm_html"] if html else [])])
    return ctx


# ---------------------------------------------------------------- executors and ordered results


class _Done(Future):
    def __init__(self, fn: Callable, *args: Any) -> None:
        super().__init__()
        try:
            self.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through result()
            if isinstance(exc, KeyboardInterrupt):
                raise
            self.set_exception(exc)


class _Inline:
    """One worker: run in this process (no pool, no pickling)."""

    def __init__(self) -> None:
        self.workers = 1

    def submit(self, fn: Callable, *args: Any) -> Future:
        return _Done(fn, *args)

    def restart(self) -> None:  # pragma: no cover - nothing to restart
        pass

    def close(self, cancel: bool = False) -> None:
        pass


def _quiet_cancelled_race(args) -> None:  # a threading.excepthook
    """CPython gh-107219 (fixed in 3.12 by ignoring it; this machine's 3.11 has not): when a worker
    dies after the CLI cancelled the chunks still queued (a kill of the whole process group: the CLI
    stops, its workers die of the same signal), the pool's manager thread sets BrokenProcessPool on
    every pending future, raises InvalidStateError at the first cancelled one, and prints its
    traceback. Nothing is lost by then (the run is stopping, and --resume finishes it): that one
    exception of that one thread stays quiet; every other goes to the hook that was there before."""
    from concurrent.futures import InvalidStateError
    from concurrent.futures.process import _ExecutorManagerThread

    if not (args.exc_type is InvalidStateError and isinstance(args.thread, _ExecutorManagerThread)):
        import threading

        (_hook_before or threading.__excepthook__)(args)


_hook_before: Callable[[Any], None] | None = None


class _Pool:
    """A process pool whose workers import the pipeline once (forked from a warm fork server, else
    spawned: never forked from this process and its threads)."""

    def __init__(self, workers: int, job: Job) -> None:
        global _hook_before
        import threading

        if _hook_before is None:
            _hook_before, threading.excepthook = threading.excepthook, _quiet_cancelled_race
        self.workers, self.job = workers, job
        self._start()

    def _start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        ctx = _pool_context(self.job.html)
        self.ex = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=ctx,
            initializer=_init_worker, initargs=(self.job,),
        )
        if ctx.get_start_method() == "forkserver":
            # the server starts warming up now, on another core, rather than at the first submit
            # (which then waits for it): this process meanwhile gets on with its own start
            from multiprocessing import forkserver

            forkserver.ensure_running()

    def submit(self, fn: Callable, *args: Any) -> Future:
        return self.ex.submit(fn, *args)

    def restart(self) -> None:
        self.ex.shutdown(wait=False, cancel_futures=True)
        self._start()

    def close(self, cancel: bool = False) -> None:
        self.ex.shutdown(wait=True, cancel_futures=cancel)


class _Dask:
    """Tasks on a Dask cluster: ``--scheduler ADDRESS``, or a LocalCluster of ``--workers`` processes."""

    def __init__(self, workers: int, scheduler: str | None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--engine dask needs dask.distributed; install it with: pip install 'cchc_extract[dask]'") from None
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler, set_as_default=False)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            self.client = Client(self.cluster, set_as_default=False)
        n = len(self.client.scheduler_info().get("workers", {})) or workers
        self.workers = max(1, n)

    def submit(self, fn: Callable, *args: Any) -> Future:
        return self.client.submit(fn, *args, pure=False)

    def restart(self) -> None:  # pragma: no cover - Dask reschedules lost tasks itself
        pass

    def close(self, cancel: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _chunks(items: Iterable[tuple[int, Record]], size: int, max_chars: int = 1_000_000,
            grow: int = 4) -> Iterator[list[tuple[int, Record]]]:
    """The records in chunks of ``size``, and of ``grow`` times ``size`` once ``32 * size`` records
    have gone (fewer hand-overs between processes on a long run: a chunk of 16 costs the parent
    about as much as one of 64; a short run still spreads over every worker), each chunk cut short
    at ``max_chars`` characters of text."""
    chunk: list[tuple[int, Record]] = []
    chars = sent = 0
    grown = False
    for item in items:
        chunk.append(item)
        chars += len(item[1].text or "")
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            sent += len(chunk)
            chunk, chars = [], 0
            if not grown and sent >= 32 * size:
                size, grown = size * grow, True
    if chunk:
        yield chunk


_DIED = "bug: the worker process died while reading this record (a crash in a native library, or out of memory)"


def ordered_results(executor, chunks: Iterable[list[tuple[int, Record]]], job: Job,
                    in_flight: int) -> Iterator[list[dict[str, Any]]]:
    """Results chunk by chunk in input order, with at most ``in_flight`` chunks submitted at once.

    A worker that dies (a crash, the OOM killer) breaks the pool: the pool is restarted, the chunk
    that was waited for is retried record by record (a record that kills its worker again gets an
    error row), and the chunks behind it are resubmitted.
    """
    pending: deque[tuple[list, Future]] = deque()
    source = iter(chunks)
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < in_flight:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append((chunk, executor.submit(process_chunk, chunk, job)))
            if not pending:
                return
            chunk, fut = pending.popleft()
            try:
                results = fut.result()
            except Exception as exc:  # a dead worker (the pool is broken), or the engine failed the task
                broken = isinstance(exc, BrokenProcessPool)
                if broken:
                    executor.restart()
                results = []
                for seq, rec in chunk:  # one by one: only a record that fails again gets an error row
                    try:
                        results += executor.submit(process_chunk, [(seq, rec)], job).result()
                    except BrokenProcessPool:
                        executor.restart()
                        broken = True
                        results.append(_error_result(seq, rec, "bug", _DIED, job))
                    except Exception as again:  # noqa: BLE001 - Dask: KilledWorker and the like
                        msg = _one_line(f"bug: the task failed ({type(again).__name__}: {again})")
                        results.append(_error_result(seq, rec, "bug", msg, job))
                if broken:  # what was in flight went down with the old pool
                    pending = deque((c, executor.submit(process_chunk, c, job)) for c, _ in pending)
            yield results
    finally:
        for _, fut in pending:
            fut.cancel()


# ---------------------------------------------------------------- across articles


def across_group(items: Sequence[tuple]) -> list[dict[str, Any]]:
    """The across-articles findings of one or more keys: ``items`` are (article_seq, article_id,
    claim index, key JSON, the entry's other fields...), in input order within a key; the rows of
    the cross_findings table."""
    from .checks.across import entries_findings, new_entry

    articles: list[tuple[int, str]] = []  # the distinct articles, in order
    at: dict[int, int] = {}
    entries = []
    for item in items:
        seq = item[0]
        r = at.get(seq)
        if r is None:
            r = at[seq] = len(articles)
            articles.append((seq, item[1]))
        entries.append((r, item[2], new_entry(item[3:])))
    rows = []
    for af in entries_findings(entries, lambda r: articles[r][1] or f"#{articles[r][0]}"):
        f = af.finding
        refs = [{"article_seq": articles[r][0], "article_id": articles[r][1], "claim": i} for r, i in af.refs]
        rows.append({"finding": 0, "rule": f.rule, "status": f.status, "severity": f.severity,
                     "expected": f.expected, "actual": f.actual, "tolerance": f.tolerance,
                     "message": f.message, "message_en": f.message_en, "refs": refs})
    return rows


# the fields of checks.across.Entry after its key, as columns (REAL keeps a finite float as it is)
_ENTRY_TYPES = {"metric": "TEXT", "lo": "REAL", "hi": "REAL", "value": "REAL", "fig_vi": "TEXT", "fig_en": "TEXT",
                "level": "TEXT", "locality": "TEXT", "period": "TEXT"}
_ENTRY_COLUMNS = ", ".join(f"{name} {kind}" for name, kind in _ENTRY_TYPES.items())
_ENTRY_FIELDS = ", ".join(f"c.{name}" for name in _ENTRY_TYPES)
_N_FIELDS = len(_ENTRY_TYPES)
_KEY = itemgetter(3)  # of a row of _batches


def _first_ref(row: dict[str, Any]) -> tuple[int, int]:
    ref = row["refs"][0]
    return ref["article_seq"], ref["claim"]


class Across:
    """The across-articles check over a whole run, with flat memory.

    Fed in input order with the entries (``checks.across.Entry``: the key as JSON, the other fields
    as columns) of the claims that take part; they wait in a temporary SQLite database on disk, not
    in memory. ``findings`` then runs ``checks.across.entries_findings`` one key (the claims that are
    compared with each other) at a time, or a few small keys at a time: the findings are those of
    one call over every report, and memory is bounded by the largest key.
    """

    _BATCH = 2_000  # entries checked at once (whole keys): what memory holds of them

    def __init__(self) -> None:
        self._db: Any = None
        self._pending = 0

    def _conn(self):
        if self._db is None:
            import sqlite3

            # "": SQLite's private temporary database, on disk past a small page cache, deleted by
            # SQLite itself (unlinked as soon as it is opened), even when the run is killed
            self._db = sqlite3.connect("")
            self._db.execute("PRAGMA journal_mode=OFF")
            self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute(f"CREATE TABLE c (k TEXT, seq INTEGER, rid TEXT, idx INTEGER, {_ENTRY_COLUMNS})")
            # indexed as rows come in, while the workers extract, rather than all at the end; lo and
            # hi in the index too, so that the keys worth reading are found from the index alone
            self._db.execute("CREATE INDEX k ON c (k, seq, idx, lo, hi)")
        return self._db

    def add(self, seq: int, rid: str, entries: Sequence[tuple[int, str, tuple]]) -> None:
        """A record's entries as the workers give them: (claim index, key JSON, other fields)."""
        if entries:
            self._conn().executemany(f"INSERT INTO c VALUES (?, ?, ?, ?{', ?' * _N_FIELDS})",
                                     [(kj, seq, rid, idx, *fields) for idx, kj, fields in entries])
            self._pending += len(entries)
            if self._pending >= 20_000:
                self._db.commit()
                self._pending = 0

    @staticmethod
    def load() -> None:
        """Import the check (the models, pydantic: 0.15-0.25 s) before the run rather than after its
        last record: a pool's fork server warms up on the other core meanwhile, while after the last
        record every core but this one's would wait."""
        from .checks import across  # noqa: F401

    def add_claim(self, seq: int, rid: str, idx: int, claim) -> None:
        self.add(seq, rid, _across_entries([claim], idx))

    def _batches(self) -> Iterator[list[tuple]]:
        """The entries of every key that may give a finding, ordered by key, then article and claim;
        cut into batches of whole keys, at least ``_BATCH`` entries each but the last.

        A key may give a finding when more than one article holds it and its intervals do not all
        meet: ``entries_findings`` finds a mismatch only where the highest ``lo`` is above the
        lowest ``hi`` (plus a tolerance >= 0), so the keys whose figures agree (an article
        republished by other sites) stay in SQLite and are never turned into Python objects."""
        batch: list[tuple] = []
        rows = self._db.execute(f"SELECT c.seq, c.rid, c.idx, c.k, {_ENTRY_FIELDS} FROM c JOIN "
                                "(SELECT k FROM c GROUP BY k HAVING COUNT(DISTINCT seq) > 1 AND MAX(lo) > MIN(hi)) "
                                "USING (k) ORDER BY c.k, c.seq, c.idx")
        for _, key_rows in groupby(rows, _KEY):
            batch += key_rows
            if len(batch) >= self._BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def findings(self) -> list[dict[str, Any]]:
        """Rows of the cross_findings table (``refs``: article_seq, article_id, claim), in the order
        of their first claim in the input. Here, in this process: the workers would only add the
        cost of sending them the entries (measured: 0.57 s on the workers against 0.43 s here, for
        10,000 articles)."""
        if self._db is None:
            return []
        self._db.commit()
        rows = [row for b in self._batches() for row in across_group(b)]
        rows.sort(key=_first_ref)  # a claim is in one key: no two findings share their first claim
        for n, row in enumerate(rows):
            row["finding"] = n
        return rows

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


# ---------------------------------------------------------------- writers


@dataclass
class Resumed:
    """What an interrupted run had already written."""

    done: int = 0
    failures: int = 0
    ids: Callable[[], Iterator[str]] = lambda: iter(())
    finished: bool = False  # a table output already compacted: nothing may be added


class _Writer:
    def open(self, resume: bool, across: Across) -> Resumed:
        return Resumed()

    def write(self, result: dict[str, Any]) -> None:
        raise NotImplementedError

    def checkpoint(self) -> None:
        pass

    def finish(self, cross: list[dict[str, Any]], stats: _Stats) -> None:
        pass

    def close(self) -> None:
        pass


class _TextWriter(_Writer):
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, result: dict[str, Any]) -> None:
        if result["out"]:
            self.out.write(result["out"])

    def finish(self, cross: list[dict[str, Any]], stats: _Stats) -> None:
        import textwrap

        out = self.out
        out.write(f"\n{stats.ok} articles read, {sum(stats.metrics.values())} claims")
        if stats.failures:
            out.write(f", {stats.failures} failed")
        out.write("\n")
        for m, n in stats.metrics.most_common():
            out.write(f"   {m:40s} {n}\n")
        if cross:
            out.write(f"\n   across articles: {len(cross)} findings\n")
            for row in cross:
                out.write(textwrap.fill(f"WARN  {row['rule']}: {row['message']}", width=100, initial_indent="   ",
                                        subsequent_indent="         ") + "\n")

    def close(self) -> None:
        if self.out is not sys.stdout:
            self.out.close()


class _JsonlWriter(_Writer):
    """One JSON record per line; append-only, flushed per chunk, resumable."""

    head = b""

    def __init__(self, path: str | None, full: bool) -> None:
        self.path = Path(path) if path else None
        self.full = full
        self.f: Any = None
        self.stdout = sys.stdout if path is None else None

    def _scan(self, f) -> Iterator[tuple[bytes, int]]:
        """The complete records of an interrupted output, each with the offset just after it.

        Sets ``self._cut`` (where writing resumes) and ``self._finished``."""
        self._cut, self._finished = 0, False
        pos = 0
        for raw in f:
            end = pos + len(raw)
            if not raw.endswith(b"\n"):
                break  # a line cut short by the interruption
            if raw.strip():
                yield raw[:-1], end
            self._cut = pos = end

    def _reopen(self) -> None:
        """Make a finished output ready for more records (JSON lists)."""

    def open(self, resume: bool, across: Across) -> Resumed:
        if self.path is None:
            return Resumed()
        if not resume or not self.path.exists():
            self.f = open(self.path, "wb")
            self.f.write(self.head)
            return Resumed()
        from .models import Claim

        state = Resumed()
        ids: list[str] = []
        with open(self.path, "rb") as f:
            for n, (line, _end) in enumerate(self._scan(f)):
                try:
                    rec = json.loads(line)
                except ValueError:
                    raise UsageError(f"--resume: record {n + 1} of {self.path} is not JSON; choose another OUT") from None
                if not isinstance(rec, dict) or "id" not in rec or "status" not in rec:
                    raise UsageError(f"--resume: {self.path} was not written by cchc-extract extract; choose another OUT")
                if rec["status"] == "ok" and ("text" in rec) != self.full:
                    raise UsageError("--resume: OUT was written " + ("with" if "text" in rec else "without")
                                     + " --full; use the same options")
                ids.append(str(rec["id"]))
                if rec["status"] != "ok":
                    state.failures += 1
                for i, c in enumerate(rec.get("claims") or []):
                    if c.get("locality") and c.get("period"):
                        across.add_claim(n, str(rec["id"]), i, Claim.model_validate(c))
        state.done = len(ids)
        state.ids = lambda: iter(ids)
        self.f = open(self.path, "r+b")
        self.f.truncate(self._cut)
        self.f.seek(self._cut)
        if self._finished:
            self._reopen()
        elif self._cut == 0:
            self.f.write(self.head)
        return state

    def write(self, result: dict[str, Any]) -> None:
        line = result["out"]
        if self.stdout is not None:
            self.stdout.write(line + "\n")
        else:
            self.f.write(line.encode("utf-8") + b"\n")

    def checkpoint(self) -> None:
        (self.stdout or self.f).flush()

    def finish(self, cross: list[dict[str, Any]], stats: _Stats) -> None:
        if self.path is not None:  # the across-articles findings beside OUT
            side = self.path.with_name(self.path.name + ".cross_findings.jsonl")
            _atomic_text(side, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in cross))

    def close(self) -> None:
        if self.f is not None:
            self.f.close()
        elif self.stdout is not None:
            self.stdout.flush()


class _JsonWriter(_JsonlWriter):
    """One JSON list, one record per line: ``[``, then ``rec,`` lines, the last record without its
    comma, then ``]``. The newest record is held back until the next arrives (or the end), so every
    line on disk is a complete ``rec,`` line and a resumed run writes the bytes of an uninterrupted one."""

    head = b"[\n"

    def __init__(self, path: str | None, full: bool) -> None:
        super().__init__(path, full)
        self.held: str | None = None

    def _scan(self, f) -> Iterator[tuple[bytes, int]]:
        self._cut, self._finished = 0, False
        first = f.readline()
        if not first:
            return
        if first != b"[\n":
            raise UsageError(f"--resume: {self.path} is not a JSON list written by cchc-extract extract; choose another OUT")
        self._cut = pos = 2
        self._last: bytes | None = None
        last: tuple[bytes, int] | None = None  # "rec\n": the last record, complete when "]" follows
        for raw in f:
            end = pos + len(raw)
            if raw == b"]\n":
                self._finished = True
                if last is not None:
                    yield last
                    self._last = last[0]  # held back again on reopening: written by the next write or finish
                return
            if last is not None or not raw.endswith(b"\n"):
                break
            if raw.endswith(b",\n"):
                yield raw[:-2], end
                self._cut = end
            else:
                last = (raw[:-1], end)
            pos = end

    def _reopen(self) -> None:
        if self._last is not None:
            self.held = self._last.decode("utf-8")

    def open(self, resume: bool, across: Across) -> Resumed:
        state = super().open(resume, across)
        if self.stdout is not None:
            self.stdout.write("[\n")
        return state

    def _emit(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)
        else:
            self.f.write(text.encode("utf-8"))

    def write(self, result: dict[str, Any]) -> None:
        if self.held is not None:
            self._emit(self.held + ",\n")
        self.held = result["out"]

    def finish(self, cross: list[dict[str, Any]], stats: _Stats) -> None:
        if self.held is not None:
            self._emit(self.held + "\n")
            self.held = None
        self._emit("]\n")
        super().finish(cross, stats)


class _TableWriter(_Writer):
    """Numbered Parquet parts of ``part_size`` records in ``OUT/.parts``, compacted at the end."""

    def __init__(self, out: str, fmt: str, part_size: int) -> None:
        import pyarrow  # noqa: F401 - checked by the caller; fail here rather than after a long run

        self.out, self.fmt, self.part_size = Path(out), fmt, part_size
        self.parts = self.out / _PARTS
        self.buf: dict[str, list[dict[str, Any]]] = {t: [] for t in _TABLES}
        self.next_part = 0
        self.finished = False

    def _part(self, table: str, k: int) -> Path:
        return self.parts / f"{table}-{k:06d}.parquet"

    def _finals(self) -> list[Path]:
        return [self.out / f"{t}.{self.fmt}" for t in (*_TABLES, "cross_findings")]

    def open(self, resume: bool, across: Across) -> Resumed:
        if self.out.exists() and not self.out.is_dir():
            raise UsageError(f"-o {self.out}: --format {self.fmt} writes a folder (articles, claims, findings, "
                             "cross_findings), and this is a file")
        manifest = self.parts / _MANIFEST
        if resume and not self.parts.exists() and (self.out / f"articles.{self.fmt}").exists():
            return self._resume_finished()
        if not resume or not manifest.exists():
            if self.parts.exists():
                shutil.rmtree(self.parts)
            for p in self._finals():
                p.unlink(missing_ok=True)
            self.parts.mkdir(parents=True)
            _atomic_text(manifest, json.dumps({"part_size": self.part_size, "version": 1}) + "\n")
            return Resumed()
        try:
            self.part_size = int(json.loads(manifest.read_text(encoding="utf-8"))["part_size"])
        except (ValueError, KeyError, TypeError):
            raise UsageError(f"--resume: {manifest} is damaged; remove {self.parts} and run again") from None
        return self._resume_parts(across)

    def _resume_parts(self, across: Across) -> Resumed:
        import pyarrow.parquet as pq

        from .tables import claim_from_row, schema

        k = 0
        while all(self._part(t, k).exists() for t in _TABLES):
            k += 1
        for stray in self.parts.iterdir():  # half-written parts and temporary files
            if stray.name != _MANIFEST and not any(stray == self._part(t, j) for t in _TABLES for j in range(k)):
                stray.unlink()
        state = Resumed()
        done = 0
        for j in range(k):
            arts = pq.read_table(self._part("articles", j), columns=["status"]).column("status").to_pylist()
            done += len(arts)
            state.failures += sum(s != "ok" for s in arts)
            claims = pq.read_table(self._part("claims", j), schema=schema("claims"))
            mask = claims.column("locality").is_valid().to_pylist()
            labels = claims.column("period_label").is_valid().to_pylist()
            for row, a, b in zip(claims.to_pylist(), mask, labels):
                if a and b:
                    across.add_claim(row["article_seq"], row["article_id"], row["claim"], claim_from_row(row))
        self.next_part = k
        state.done = done
        parts = [self._part("articles", j) for j in range(k)]

        def ids() -> Iterator[str]:
            for p in parts:
                yield from pq.read_table(p, columns=["id"]).column("id").to_pylist()

        state.ids = ids
        return state

    def _resume_finished(self) -> Resumed:
        from .tables import read_table

        arts = read_table(self.out, "articles")
        self.finished = True
        statuses = arts.column("status").to_pylist()
        ids = arts.column("id").to_pylist()
        return Resumed(done=len(ids), failures=sum(s != "ok" for s in statuses), ids=lambda: iter(ids), finished=True)

    def write(self, result: dict[str, Any]) -> None:
        self.buf["articles"].append(result["article"])
        self.buf["claims"].extend(result["claims"])
        self.buf["findings"].extend(result["findings"])
        if len(self.buf["articles"]) >= self.part_size:
            self._flush()

    def _flush(self) -> None:
        from .tables import to_table, write_table

        k = self.next_part
        for t in ("claims", "findings", "articles"):  # articles last: its presence marks the part complete
            path = self._part(t, k)
            tmp = path.with_name(path.name + ".tmp")
            write_table(to_table(t, self.buf[t]), tmp, "parquet")
            os.replace(tmp, path)
            self.buf[t] = []
        self.next_part += 1

    def finish(self, cross: list[dict[str, Any]], stats: _Stats) -> None:
        if self.finished:
            return
        import pyarrow.parquet as pq

        from .tables import schema, to_table, write_table

        if self.buf["articles"]:
            self._flush()
        for t in _TABLES:
            sch = schema(t)
            final = self.out / f"{t}.{self.fmt}"
            tmp = final.with_name(final.name + ".tmp")
            if self.fmt == "parquet":
                with pq.ParquetWriter(tmp, sch, compression="zstd") as w:
                    for k in range(self.next_part):
                        w.write_table(pq.read_table(self._part(t, k), schema=sch))
            else:
                with open(tmp, "wb") as f:
                    write_table(sch.empty_table(), f, "csv")
                    for k in range(self.next_part):
                        part = pq.read_table(self._part(t, k), schema=sch)
                        if part.num_rows:
                            write_table(part, f, "csv", header=False)
            os.replace(tmp, final)
        final = self.out / f"cross_findings.{self.fmt}"
        tmp = final.with_name(final.name + ".tmp")
        write_table(to_table("cross_findings", cross), tmp, self.fmt)
        os.replace(tmp, final)
        shutil.rmtree(self.parts)


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# ---------------------------------------------------------------- the run


@dataclass
class _Stats:
    total: int = 0
    ok: int = 0
    failures: int = 0
    metrics: Counter = field(default_factory=Counter)


def _check(opts: Options) -> None:
    if opts.format not in FORMATS:
        raise UsageError(f"--format {opts.format}: choose one of {', '.join(FORMATS)}")
    if opts.format in TABLE_FORMATS:
        if not opts.output:
            raise UsageError(f"--format {opts.format} writes a folder of tables: give it with -o OUT")
        try:
            import pyarrow  # noqa: F401

            if importlib.util.find_spec("pandas") is None:  # needed to read the tables back, not to write them
                raise ImportError("pandas")
        except ImportError:
            raise UsageError(f"--format {opts.format} needs pyarrow and pandas; install them with: "
                             "pip install 'cchc_extract[frames]'") from None
        if opts.full:
            raise UsageError("--full applies to --format json and jsonl (tables have fixed columns)")
    if opts.resume and (not opts.output or opts.format == "text"):
        raise UsageError("--resume needs -o OUT with --format jsonl, json, csv or parquet")
    if opts.workers is not None and opts.workers < 1:
        raise UsageError("--workers must be at least 1")
    if opts.max_chars < 1:
        raise UsageError("--max-chars must be at least 1")
    if opts.part_size < 1:
        raise UsageError("--part-size must be at least 1")
    if opts.engine not in ("local", "dask"):
        raise UsageError(f"--engine {opts.engine}: choose local or dask")
    if opts.scheduler and opts.engine != "dask":
        raise UsageError("--scheduler goes with --engine dask")


def _writer(opts: Options) -> _Writer:
    if opts.format in TABLE_FORMATS:
        return _TableWriter(opts.output or "", opts.format, opts.part_size)
    if opts.format == "jsonl":
        return _JsonlWriter(opts.output, opts.full)
    if opts.format == "json":
        return _JsonWriter(opts.output, opts.full)
    out = open(opts.output, "w", encoding="utf-8") if opts.output else sys.stdout
    return _TextWriter(out)


class _Progress:
    def __init__(self, opts: Options, initial: int) -> None:
        show = opts.progress if opts.progress is not None else (not opts.quiet and sys.stderr.isatty())
        self.bar = None
        if show:
            from tqdm import tqdm

            total = count_records(opts.paths)
            self.bar = tqdm(total=total, initial=initial, unit="article", file=sys.stderr, dynamic_ncols=True,
                            mininterval=0.5, smoothing=0.05, desc="cchc-extract")

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def say(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _skip(records: Iterator[tuple[int, Record]], state: Resumed) -> Iterator[tuple[int, Record]]:
    """The records after those already written, checking that the written ids are the inputs' own."""
    if state.done:
        done_ids = state.ids()
        for seq, rec in records:
            have = next(done_ids, None)
            if have != rec.id:
                raise UsageError(f"--resume: input record {seq + 1} is {rec.id!r}, but OUT has {have!r} there: OUT was "
                                 "written from other inputs; use the same PATHs and options, or another OUT")
            if seq + 1 == state.done:
                break
        else:
            raise UsageError(f"--resume: OUT holds {state.done} records, more than the inputs give; "
                             "use the same PATHs and options, or another OUT")
    for item in records:
        if state.finished:
            raise UsageError("--resume: OUT is a finished table output and the inputs give more records; "
                             "run without --resume, or use another OUT")
        yield item


def _terminate(signum, frame):  # SIGTERM (kill, timeout, a scheduler's stop): stop like Ctrl-C
    raise KeyboardInterrupt


def run(opts: Options) -> int:
    """Run a batch; return the exit status (0 all ok, 1 some failed, 2 usage, 130 interrupted)."""
    import signal
    import threading

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        _check(opts)
        return _run(opts)
    except (UsageError, SourceError) as exc:
        print(f"cchc-extract: error: {exc}", file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _job(opts: Options, head: Sequence[tuple[int, Record]]) -> Job:
    """What the workers need to know, ``html`` from the first records (``.html`` files, or
    archive texts that look like HTML)."""
    html = any(_is_page(rec, rec.text) for _, rec in head)
    return Job(format=opts.format, full=opts.full, max_chars=opts.max_chars, html=html)


def _run(opts: Options) -> int:
    records = enumerate(iter_records(opts.paths, columns=opts.columns, max_chars=opts.max_chars))
    head = list(islice(records, 2 * opts.chunk_size))
    if not head:
        print(f"cchc-extract: no article files (.txt, .html, .htm) under {' '.join(map(str, opts.paths))}", file=sys.stderr)
        return 2
    job = _job(opts, head)
    small = len(head) < 2 * opts.chunk_size
    records = chain(head, records)

    across = Across()
    writer = _writer(opts)
    stats = _Stats()
    executor: Any = None
    progress: _Progress | None = None
    stopped: str | None = None
    try:
        state = writer.open(opts.resume, across)
        resumed_failures = state.failures
        todo = _skip(records, state)
        workers = opts.workers or default_workers()
        if opts.engine == "dask":
            executor = _Dask(workers, opts.scheduler)
        elif workers == 1 or small:
            executor = _Inline()
        else:
            executor = _Pool(workers, job)
            across.load()
        progress = _Progress(opts, state.done)
        in_flight = max(2, 3 * executor.workers)
        for results in ordered_results(executor, _chunks(todo, opts.chunk_size), job, in_flight):
            for res in results:
                writer.write(res)
                stats.total += 1
                if res["status"] == "ok":
                    stats.ok += 1
                    stats.metrics.update(res["metrics"])
                    across.add(res["seq"], res["id"], res["across"])
                else:
                    stats.failures += 1
                    progress.say(f"cchc-extract: error: {res['source']}: {res['error']}")
                    if opts.strict:
                        stopped = "strict"
                        break
            writer.checkpoint()
            progress.update(len(results))
            if stopped:
                break
        done = state.done + stats.total
        failures = resumed_failures + stats.failures
        executor.close()  # the across check runs here, and idle workers hold memory too
        executor = None
        cross = across.findings()
        writer.finish(cross, stats)  # with --strict too: a well-formed output of what was read
        if stopped:
            progress.close()
            print("cchc-extract: stopped at the first failure (--strict)", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        if progress is not None:
            progress.close()
        try:
            writer.checkpoint()
        except Exception:  # noqa: BLE001 - nothing more to save
            pass
        if executor is not None:
            executor.close(cancel=True)
            executor = None
        hint = "; run the same command with --resume to finish" if opts.output and opts.format != "text" else ""
        print(f"cchc-extract: interrupted{hint}", file=sys.stderr)
        return 130
    finally:
        if progress is not None:
            progress.close()
        if executor is not None:
            executor.close()
        writer.close()
        across.close()
    if failures:
        print(f"cchc-extract: {failures} of {done} inputs failed", file=sys.stderr)
    return 1 if failures else 0
