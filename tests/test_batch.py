"""Batch runs: one row per input, deterministic bytes whatever --workers, resume after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from cchc_extract import batch
from cchc_extract.batch import Job, Options, ordered_results, process_chunk, run
from cchc_extract.cli import main
from cchc_extract.sources import Record

FIXTURES = Path(__file__).parent / "fixtures"
BATCH = FIXTURES / "batch"
SEEDS = FIXTURES / "seeds"
CLI = [sys.executable, "-m", "cchc_extract"]


def _articles() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) + sorted((BATCH / "articles").rglob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def _folder(root: Path, n: int) -> Path:
    """n article files in nested folders (the project's own texts, repeated)."""
    texts = _articles()
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = root / f"d{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"a{i:04d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return root


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _good_and_bad(root: Path) -> dict[str, str | None]:
    """A folder of good files and bad ones; returns id -> expected error kind (None: ok)."""
    root.mkdir()
    texts = _articles()
    (root / "good1.txt").write_text(texts[0], encoding="utf-8")
    (root / "good2_bom.txt").write_bytes(b"\xef\xbb\xbf" + texts[5].encode("utf-8"))
    (root / "sub").mkdir()
    (root / "sub" / "good3.txt").write_text(texts[6], encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (root / "empty.txt").write_bytes(b"")
    (root / "invalid_utf8.txt").write_bytes("Huyện A tiếp nhận 1.000 hồ sơ".encode("cp1252", "replace") + b"\xff\xfe\xfa")
    big = ("Huyện A tiếp nhận 1.000 hồ sơ, giải quyết 990 hồ sơ. " * 40 + "\n").encode("utf-8")
    (root / "huge.txt").write_bytes(big * (20_000_000 // len(big) + 1))  # 20 MB of text
    (root / "ignored.md").write_text("not an article", encoding="utf-8")
    return {"binary.txt": "binary", "empty.txt": "empty", "good1.txt": None, "good2_bom.txt": None,
            "huge.txt": "too_large", "invalid_utf8.txt": "undecodable", "sub/good3.txt": None}


# ---------------------------------------------------------------- nothing lost


def test_good_and_bad_files_one_row_each(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    from cchc_extract.tables import read_frame

    expected = _good_and_bad(tmp_path / "in")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "in"), "--format", "parquet", "-o", str(out), "--workers", "2"]) == 1
    arts = read_frame(out, "articles")
    assert sorted(arts["id"]) == sorted(expected)  # one row per input, the .md file is not an input
    for rid, kind in expected.items():
        row = arts[arts["id"] == rid].iloc[0]
        assert row["status"] == ("ok" if kind is None else "error"), rid
        assert (row["error_kind"] if kind else None) == kind, rid
        if kind:
            assert isinstance(row["error"], str) and row["error"], rid
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 5 and lines[-1] == "cchc-extract: 4 of 7 inputs failed"  # one line per failure
    assert "Traceback" not in err
    claims = read_frame(out, "claims")
    assert set(claims["article_id"]) == {"good1.txt", "good2_bom.txt", "sub/good3.txt"}
    assert (arts.set_index("id")["n_claims"] == claims.groupby("article_id").size().reindex(arts["id"]).fillna(0)
            .astype(int)).all()


def test_good_and_bad_files_jsonl(tmp_path, capsys):
    expected = _good_and_bad(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "in"), "--format", "jsonl", "-o", str(out), "--workers", "1"]) == 1
    rows = _jsonl(out)
    assert [r["id"] for r in rows] == sorted(expected, key=lambda i: i.split("/"))
    for r in rows:
        assert r["status"] == ("ok" if expected[r["id"]] is None else "error")
        assert ("error" in r) == (r["status"] == "error")  # ok records keep today's shape plus id, status
    assert "not UTF-8" in capsys.readouterr().err


def test_strict_stops_at_the_first_failure(tmp_path, capsys):
    _good_and_bad(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "in"), "--format", "jsonl", "-o", str(out), "--strict"]) == 1
    rows = _jsonl(out)
    assert [r["id"] for r in rows] == ["binary.txt"] and rows[0]["status"] == "error"
    assert "--strict" in capsys.readouterr().err


def test_a_bug_is_an_error_row_not_a_crash(monkeypatch):
    import cchc_extract.pipeline as pipeline

    def boom(*a, **k):
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(pipeline, "extract", boom)
    [res] = process_chunk([(0, Record("x", "x", text="Huyện A tiếp nhận 10 hồ sơ."))], Job())
    assert res["status"] == "error" and res["error_kind"] == "bug"
    assert res["error"] == "bug: ZeroDivisionError: division by zero second line"


class _Breaking:
    """An executor whose worker dies on the record with id 'poison' (as a segfault would)."""

    workers = 2

    def __init__(self) -> None:
        self.restarts = 0

    def submit(self, fn, chunk, job):
        fut: Future = Future()
        if any(rec.id == "poison" for _, rec in chunk):
            fut.set_exception(BrokenProcessPool("a worker died"))
        else:
            fut.set_result(fn(chunk, job))
        return fut

    def restart(self) -> None:
        self.restarts += 1


def test_a_dead_worker_costs_one_error_row():
    text = _articles()[6]
    recs = [(i, Record(f"r{i}" if i != 5 else "poison", "s", text=text)) for i in range(12)]
    chunks = [recs[i:i + 4] for i in range(0, 12, 4)]
    ex = _Breaking()
    results = [r for rs in ordered_results(ex, chunks, Job(), in_flight=3) for r in rs]
    assert [r["seq"] for r in results] == list(range(12))
    assert [r["status"] for r in results].count("error") == 1
    assert results[5]["error"].startswith("bug: the worker process died")
    assert ex.restarts >= 1


@pytest.mark.skipif(sys.platform == "win32", reason="no fork server on Windows: spawned workers")
def test_the_pool_forks_its_workers_from_a_warm_server_and_restarts():
    pool = batch._Pool(2, Job())
    try:
        assert pool.ex._mp_context.get_start_method() == "forkserver"
        pid = pool.submit(os.getpid).result(timeout=120)
        assert pid != os.getpid()
        os.kill(pid, signal.SIGKILL)  # a worker killed from outside: the pool is restarted
        pool.restart()
        rec = (0, Record("a", "s", text=_articles()[0]))
        [res] = pool.submit(process_chunk, [rec], Job()).result(timeout=120)
        assert res["status"] == "ok" and res["out"] == process_chunk([rec], Job())[0]["out"]
    finally:
        pool.close(cancel=True)


@pytest.mark.skipif(sys.platform == "win32", reason="no fork server on Windows: spawned workers")
def test_the_fork_server_starts_with_the_pool_not_at_its_first_task():
    # in a fresh interpreter: one fork server serves a whole process, and this one's may be up
    code = ("import multiprocessing.forkserver as fs; from cchc_extract import batch; "
            "assert fs._forkserver._forkserver_pid is None; pool = batch._Pool(2, batch.Job()); "
            "print(fs._forkserver._forkserver_pid is not None); pool.close()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    # warming up (about 0.7 s) while the CLI still reads and prepares, not after it submits
    assert out.stdout.strip() == "True", out.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="no fork server on Windows: spawned workers")
@pytest.mark.parametrize("html, preload", [
    (False, ["cchc_extract._warm"]),
    (True, ["cchc_extract._warm", "cchc_extract._warm_html"]),
])
def test_the_fork_server_preloads_trafilatura_only_for_html(html, preload):
    import multiprocessing.forkserver as fs

    before = list(fs._forkserver._preload_modules)
    try:
        batch._pool_context(html)
        assert fs._forkserver._preload_modules == preload
    finally:
        fs._forkserver._preload_modules = before


def test_the_job_says_html_when_the_first_records_are_pages(tmp_path):
    page = "<!DOCTYPE html><html><body><p>UBND huyện A tiếp nhận 10 hồ sơ.</p></body></html>"
    opts = Options(paths=[str(tmp_path)], format="jsonl")
    text = [(0, Record("a", "a", text=_articles()[0]))]
    assert batch._job(opts, text) == Job(format="jsonl", html=False)
    assert batch._job(opts, text + [(1, Record("b", "b", text=page))]).html
    assert batch._job(opts, [(0, Record("c", "c.html", path="c.html", html=True))]).html
    assert not batch._job(opts, [(0, Record("d", "d", error_kind="empty", error="empty: no text"))]).html


def test_warm_up_loads_trafilatura_only_when_the_job_asks(monkeypatch):
    from cchc_extract import html

    calls = []
    monkeypatch.setattr(html, "available", lambda: calls.append(1) or True)
    batch.warm_up(Job())
    assert calls == []
    batch.warm_up(Job(html=True))
    batch.warm_up()
    assert calls == [1, 1]


def test_only_the_known_cancelled_future_race_is_kept_quiet(monkeypatch):
    import threading
    from concurrent.futures import InvalidStateError
    from concurrent.futures.process import _ExecutorManagerThread

    seen = []
    monkeypatch.setattr(batch, "_hook_before", seen.append)
    manager = object.__new__(_ExecutorManagerThread)  # the pool's thread (never started)

    def args(exc, thread):
        return threading.ExceptHookArgs((type(exc), exc, None, thread))

    batch._quiet_cancelled_race(args(InvalidStateError("CANCELLED: <Future>"), manager))
    assert seen == []
    for other in (args(ValueError("a bug"), manager), args(InvalidStateError("x"), threading.Thread())):
        batch._quiet_cancelled_race(other)
    assert len(seen) == 2


# ---------------------------------------------------------------- determinism


def test_same_bytes_whatever_the_workers(tmp_path):
    src = _folder(tmp_path / "in", 40)
    outs = []
    for w in ("1", "2", "3"):
        out = tmp_path / f"w{w}.jsonl"
        assert main(["extract", str(src), "--format", "jsonl", "-o", str(out), "--workers", w, "--quiet"]) == 0
        outs.append(out.read_bytes() + (tmp_path / f"w{w}.jsonl.cross_findings.jsonl").read_bytes())
    assert outs[0] == outs[1] == outs[2]
    assert len(outs[0].splitlines()) > 40
    for w in ("1", "2"):
        assert main(["extract", str(src), "--format", "json", "-o", str(tmp_path / f"w{w}.json"), "--workers", w]) == 0
    assert (tmp_path / "w1.json").read_bytes() == (tmp_path / "w2.json").read_bytes()
    assert len(json.loads((tmp_path / "w1.json").read_text(encoding="utf-8"))) == 40


def test_tables_same_bytes_whatever_the_workers(tmp_path):
    pytest.importorskip("pyarrow")
    src = _folder(tmp_path / "in", 50)
    for fmt in ("parquet", "csv"):
        for w in ("1", "2"):
            assert main(["extract", str(src), "--format", fmt, "-o", str(tmp_path / f"{fmt}{w}"), "--workers", w,
                         "--part-size", "16"]) == 0
        for t in ("articles", "claims", "findings", "cross_findings"):
            a, b = (tmp_path / f"{fmt}{w}" / f"{t}.{fmt}" for w in ("1", "2"))
            assert a.read_bytes() == b.read_bytes(), (fmt, t)
        assert not (tmp_path / f"{fmt}1" / ".parts").exists()


def test_tables_read_back_with_their_schema(tmp_path):
    pytest.importorskip("pyarrow")
    from cchc_extract.tables import read_table, schema

    src = _folder(tmp_path / "in", 8)
    for fmt in ("parquet", "csv"):
        assert main(["extract", str(src), str(BATCH / "archive.jsonl"), "--format", fmt, "-o", str(tmp_path / fmt)]) == 1
    for t in ("articles", "claims", "findings", "cross_findings"):
        a, b = read_table(tmp_path / "parquet", t), read_table(tmp_path / "csv", t)
        assert a.schema == b.schema == schema(t)
        assert a.to_pylist() == b.to_pylist(), t  # CSV keeps nulls, empty strings, lists and dates


def test_cross_findings_table(tmp_path):
    pytest.importorskip("pyarrow")
    from cchc_extract.tables import read_frame

    out = tmp_path / "out"
    assert main(["extract", str(BATCH / "articles"), "--format", "parquet", "-o", str(out)]) == 0
    cross = read_frame(out, "cross_findings")
    assert len(cross) == 1
    row = cross.iloc[0]
    assert row["rule"] == "same_figure_across_articles" and row["status"] == "mismatch"
    refs = [(r["article_id"], r["claim"]) for r in row["refs"]]
    claims = read_frame(out, "claims").set_index(["article_id", "claim"])
    assert sorted(claims.loc[refs, "value"]) == [8240.0, 8420.0]
    assert "8.240" in row["message"] and "8.420" in row["message"]


def test_text_and_jsonl_show_the_cross_findings(tmp_path, capsys):
    assert main(["extract", str(BATCH / "articles")]) == 0
    out = capsys.readouterr().out
    assert "3 articles read" in out and "across articles: 1 findings" in out
    jl = tmp_path / "o.jsonl"
    assert main(["extract", str(BATCH / "articles"), "--format", "jsonl", "-o", str(jl)]) == 0
    [cross] = _jsonl(tmp_path / "o.jsonl.cross_findings.jsonl")
    assert {r["article_id"] for r in cross["refs"]} == {"an_phu.txt", "2023/an_phu_bao_khac.txt"}


def test_archives_in_a_batch(tmp_path, capsys):
    out = tmp_path / "o.json"
    code = main(["extract", str(BATCH / "archive.jsonl"), str(BATCH / "articles" / "long_hoa.txt"),
                 "--format", "json", "-o", str(out)])
    assert code == 1
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ["an-phu", "archive.jsonl:2", "no-text", "archive.jsonl:5", "null-text",
                                       "thoi-binh-page", "17", "long_hoa.txt"]
    assert rows[0]["url"] == "https://example.org/an-phu" and rows[0]["published"] == "2023-10-06"
    assert "3 of 8 inputs failed" in capsys.readouterr().err


# ---------------------------------------------------------------- usage


@pytest.mark.parametrize("argv, message", [
    (["--format", "csv"], "-o OUT"),
    (["--format", "jsonl", "--resume"], "--resume needs -o OUT"),
    (["--workers", "0"], "--workers"),
    (["--scheduler", "tcp://x:1"], "--engine dask"),
])
def test_usage_errors_exit_2(argv, message, capsys):
    assert main(["extract", str(BATCH / "articles"), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_tables_without_pyarrow_name_the_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert main(["extract", str(BATCH / "articles"), "--format", "parquet", "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "cchc_extract[frames]" in err and len(err.strip().splitlines()) == 1


def test_archive_without_its_text_column_is_a_usage_error(capsys):
    assert main(["extract", str(BATCH / "archive.csv")]) == 2
    assert "--text-column" in capsys.readouterr().err
    assert main(["extract", str(BATCH / "archive.csv"), "--text-column", "body", "--format", "jsonl"]) == 1


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path, capsys):
    src = _folder(tmp_path / "in", 3)
    assert run(Options(paths=[str(src)], format="jsonl", output=str(tmp_path / "a.jsonl"))) == 0
    assert capsys.readouterr().err == ""  # not a terminal: quiet
    assert run(Options(paths=[str(src)], format="jsonl", output=str(tmp_path / "b.jsonl"), progress=True)) == 0
    err = capsys.readouterr().err
    assert "3/3" in err and "article" in err


# ---------------------------------------------------------------- resume


def _cut_jsonl(path: Path, keep_lines: int, extra: bytes) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:keep_lines]) + extra)


def test_resume_after_a_torn_jsonl_is_byte_identical(tmp_path):
    src = _folder(tmp_path / "in", 40)
    clean, torn = tmp_path / "clean.jsonl", tmp_path / "torn.jsonl"
    assert main(["extract", str(src), "--format", "jsonl", "-o", str(clean), "--workers", "1"]) == 0
    torn.write_bytes(clean.read_bytes())
    _cut_jsonl(torn, 17, b'{"id": "d2/a0017.txt", "status": "ok", "sou')  # killed mid-line
    assert main(["extract", str(src), "--format", "jsonl", "-o", str(torn), "--resume", "--workers", "2"]) == 0
    assert torn.read_bytes() == clean.read_bytes()
    # resuming a finished run changes nothing
    assert main(["extract", str(src), "--format", "jsonl", "-o", str(torn), "--resume"]) == 0
    assert torn.read_bytes() == clean.read_bytes()


def test_resume_a_json_list(tmp_path):
    src = _folder(tmp_path / "in", 12)
    clean, torn = tmp_path / "clean.json", tmp_path / "torn.json"
    assert main(["extract", str(src), "--format", "json", "-o", str(clean)]) == 0
    data = clean.read_bytes()
    assert len(json.loads(data)) == 12
    for keep in (0, 1, 5, 11):
        lines = data.splitlines(keepends=True)  # "[\n", then one record per line
        torn.write_bytes(b"".join(lines[: 1 + keep]) + lines[1 + keep][:30])
        assert main(["extract", str(src), "--format", "json", "-o", str(torn), "--resume"]) == 0
        assert torn.read_bytes() == data, keep
    assert main(["extract", str(src), "--format", "json", "-o", str(torn), "--resume"]) == 0  # finished: unchanged
    assert torn.read_bytes() == data


def test_resume_refuses_other_inputs(tmp_path, capsys):
    src = _folder(tmp_path / "in", 6)
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(src), "--format", "jsonl", "-o", str(out)]) == 0
    _cut_jsonl(out, 3, b"")
    assert main(["extract", str(BATCH / "articles"), "--format", "jsonl", "-o", str(out), "--resume"]) == 2
    assert "other inputs" in capsys.readouterr().err


def test_resume_table_parts(tmp_path):
    pytest.importorskip("pyarrow")
    src = _folder(tmp_path / "in", 45)
    clean, torn = tmp_path / "clean", tmp_path / "torn"
    args = ["--format", "parquet", "--part-size", "10", "--workers", "1"]
    assert main(["extract", str(src), "-o", str(clean), *args]) == 0
    # an interrupted run: parts 0 and 1 complete, part 2 half written, a temporary file left behind
    assert run(Options(paths=[str(src)], format="parquet", output=str(torn), part_size=10, workers=1)) == 0
    parts = torn / ".parts"
    parts.mkdir()
    (parts / "manifest.json").write_text('{"part_size": 10, "version": 1}\n')
    saved = tmp_path / "saved"
    assert main(["extract", str(src), "-o", str(saved), *args]) == 0
    for p in torn.iterdir():
        if p.is_file():
            p.unlink()
    import pyarrow.parquet as pq

    from cchc_extract.tables import read_table, to_table

    full = {t: read_table(saved, t).to_pylist() for t in ("articles", "claims", "findings")}
    for k in range(2):
        for t in ("articles", "claims", "findings"):
            rows = [r for r in full[t] if k * 10 <= r["article_seq"] < (k + 1) * 10]
            pq.write_table(to_table(t, rows), parts / f"{t}-{k:06d}.parquet", compression="zstd")
    rows = [r for r in full["claims"] if 20 <= r["article_seq"] < 30]
    pq.write_table(to_table("claims", rows), parts / "claims-000002.parquet")
    (parts / "articles-000002.parquet.tmp").write_bytes(b"PAR1 half")
    assert main(["extract", str(src), "-o", str(torn), "--resume", *args[:-2], "--workers", "2"]) == 0
    for t in ("articles", "claims", "findings", "cross_findings"):
        assert (torn / f"{t}.parquet").read_bytes() == (clean / f"{t}.parquet").read_bytes(), t
    assert not parts.exists()


def _wait_for(predicate, proc, limit=120.0) -> None:
    start = time.monotonic()
    while not predicate():
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() - start < limit, "no progress"
        time.sleep(0.01)


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.fixture(scope="module")
def big_run(tmp_path_factory):
    """240 articles and their uninterrupted jsonl output."""
    root = tmp_path_factory.mktemp("big")
    src = _folder(root / "in", 240)
    clean = root / "clean.jsonl"
    assert main(["extract", str(src), "--format", "jsonl", "-o", str(clean), "--workers", "2"]) == 0
    return src, clean


def _interrupt(argv: list[str], ready, sig) -> tuple[int, bytes]:
    """Start the CLI, wait until ``ready()``, send ``sig`` to it and its workers."""
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait_for(ready, proc)
        os.killpg(proc.pid, sig)  # the run and its workers: kill -9, or Ctrl-C on the terminal
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return proc.returncode, err


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_kill_then_resume_equals_a_clean_run_jsonl(tmp_path, big_run, sig):
    src, clean = big_run
    out = tmp_path / "out.jsonl"
    argv = [*CLI, "extract", str(src), "--format", "jsonl", "-o", str(out), "--workers", "2"]
    code, err = _interrupt(argv, lambda: _lines(out) >= 20, sig)
    if sig != signal.SIGKILL:  # Ctrl-C, or a polite kill: the run says how to go on
        assert code == 130 and b"--resume" in err and b"Traceback" not in err
    assert 20 <= _lines(out) < 240
    res = subprocess.run([*argv, "--resume"], capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == clean.read_bytes()


def test_kill_then_resume_equals_a_clean_run_parquet(tmp_path, big_run):
    pytest.importorskip("pyarrow")
    src, _ = big_run
    clean, out = tmp_path / "clean", tmp_path / "out"
    args = ["--format", "parquet", "--part-size", "20", "--workers", "2"]
    argv = [*CLI, "extract", str(src), "-o", str(out), *args]
    _interrupt(argv, lambda: (out / ".parts" / "articles-000001.parquet").exists(), signal.SIGKILL)
    assert not (out / "articles.parquet").exists()
    res = subprocess.run([*argv, "--resume"], capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert main(["extract", str(src), "-o", str(clean), *args]) == 0
    for t in ("articles", "claims", "findings", "cross_findings"):
        assert (out / f"{t}.parquet").read_bytes() == (clean / f"{t}.parquet").read_bytes(), t


def test_default_workers_is_the_machines_cores():
    assert batch.default_workers() == len(os.sched_getaffinity(0))


# ---------------------------------------------------------------- across articles, in batches


def _across_reports(n: int = 60, seed: int = 7) -> list:
    """Reports whose claims share metric, locality and period often, and their figures sometimes."""
    import datetime as dt
    import random

    from cchc_extract.models import Claim, Period, Report

    rng = random.Random(seed)
    periods = [Period(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), label="năm 2023"),
               Period(start=dt.date(2024, 1, 1), end=None, label="từ đầu năm 2024"), Period(label="hiện nay")]
    reports = []
    for r in range(n):
        claims = []
        for _ in range(rng.randint(0, 6)):
            raw = rng.choice(["1.200", "1.250", "hơn 1.200", "98,5", "98", "12"])
            unit = "percent" if "," in raw or raw == "98" else "count"
            value = float(raw.split()[-1].replace(".", "").replace(",", "."))
            claims.append(Claim(
                metric=rng.choice(["dossiers_received", "dossiers_on_time", "other"]), value=value,
                raw=raw.split()[-1], unit=unit, qualifier="more_than" if raw.startswith("hơn") else "exact",
                low=value, high=value * (1.2 if raw.startswith("hơn") else 1.0),
                level=rng.choice(["district", "province"]),
                locality=rng.choice(["huyện A", "Huyện A", "tỉnh B", None]), period=rng.choice(periods),
                start=0, end=1, sentence=0))
        reports.append(Report(text="", source=f"r{r}" if r % 9 else "", claims=claims))
    return reports


@pytest.mark.parametrize("size", [1, 3, 2_000])
def test_across_in_batches_equals_one_check_over_all_reports(size, monkeypatch):
    from cchc_extract.checks import cross_article_findings

    reports = _across_reports()
    expected = [(f.finding.message, f.finding.message_en, f.finding.expected, f.finding.actual,
                 [(r, i) for r, i in f.refs]) for f in cross_article_findings(reports)]
    assert len(expected) >= 5
    monkeypatch.setattr(batch.Across, "_BATCH", size)
    across = batch.Across()
    for seq, rep in enumerate(reports):
        if seq % 2:
            across.add(seq, rep.source, batch._across_entries(rep.claims))
        else:  # the resumed path: one claim at a time
            for i, c in enumerate(rep.claims):
                across.add_claim(seq, rep.source, i, c)
    rows = across.findings()
    across.close()
    got = [(row["message"], row["message_en"], row["expected"], row["actual"],
            [(x["article_seq"], x["claim"]) for x in row["refs"]]) for row in rows]
    assert [row["finding"] for row in rows] == list(range(len(rows)))
    assert sorted(got, key=lambda g: g[4]) == sorted(expected, key=lambda g: g[4])
    assert [g[4] for g in got] == sorted(g[4] for g in got)  # numbered in the order of their claims


def test_chunks_grow_once_a_long_run_is_under_way():
    recs = [(i, Record(f"r{i}", "s", text="x" * 10)) for i in range(1_000)]
    sizes = [len(c) for c in batch._chunks(iter(recs), 16)]
    assert sizes[:32] == [16] * 32 and set(sizes[32:-1]) == {64} and sum(sizes) == 1_000
    assert [seq for c in batch._chunks(iter(recs), 16) for seq, _ in c] == list(range(1_000))
    assert [len(c) for c in batch._chunks(iter(recs[:40]), 16)] == [16, 16, 8]  # a short run: small chunks
    big = [(i, Record(f"r{i}", "s", text="x" * 400_000)) for i in range(5)]
    assert [len(c) for c in batch._chunks(iter(big), 16)] == [3, 2]  # cut at a million characters


def test_across_columns_are_the_entry_fields():
    from cchc_extract.checks.across import Entry

    assert list(batch._ENTRY_TYPES) == list(Entry._fields[1:])


def test_across_reads_only_the_keys_whose_figures_may_disagree():
    # fields after the key: metric, lo, hi, value, fig_vi, fig_en, level, locality, period
    def fields(lo, hi):
        return ("dossiers_received", lo, hi, lo, f"{lo:g}", f"{lo:g}", "district", "huyện A", "năm 2023")

    across = batch.Across()
    across.add(0, "a", [(0, '"same"', fields(1200, 1200)), (1, '"differ"', fields(1200, 1200)),
                        (2, '"wide"', fields(1200, 1440))])
    across.add(1, "b", [(0, '"same"', fields(1200, 1200)), (1, '"differ"', fields(1250, 1250)),
                        (2, '"wide"', fields(1300, 1300))])
    across.add(2, "c", [(0, '"same"', fields(1200, 1200)), (1, '"alone"', fields(5, 5)), (2, '"alone"', fields(7, 7)),
                        (3, '"touch"', fields(10, 10))])
    across.add(3, "d", [(0, '"touch"', fields(10 + 1e-12, 10 + 1e-12))])  # apart by less than the tolerance
    read = {row[3] for rows in across._batches() for row in rows}
    assert read == {'"differ"', '"touch"'}  # agreeing keys ('wide' holds 1300) and one article's stay in SQLite
    rows = across.findings()
    across.close()
    assert [r["refs"] for r in rows] == [[{"article_seq": 0, "article_id": "a", "claim": 1},
                                          {"article_seq": 1, "article_id": "b", "claim": 1}]]
