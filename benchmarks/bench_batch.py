"""Benchmark: cchc-extract over a generated archive, against two baselines on the same texts.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/bench_batch.py                 # 10,000 articles, the full run (~15 min)
    .venv/bin/python benchmarks/bench_batch.py --quick         # 1,000 articles, a smoke run

What it does, in one run:

1. generates an archive (JSONL: id, text) of ``--articles`` articles from
   tests/fixtures/seeds/*.txt: each article keeps a seed's opening lines, a random subset of its
   paragraphs (in order), sometimes a paragraph of another seed, and every figure changed digit by
   digit (dates and years kept; X in "X/Y" redrawn at most Y; shares kept under 100%), so that no
   two articles are the same text;
2. in this process, on the same texts (``--sample`` of them, default all): ``extract`` alone, one
   process; underthesea ``word_tokenize`` (what an NLP pipeline spends before it has found a single
   number); ``regex.findall(r"\\d+", text)`` (the floor). Interleaved in chunks of 250 texts, the
   order rotating, so that load drift weighs on all three alike. Articles per second by the clock
   and CPU time per article (``time.process_time``: what the process itself spent, which other
   processes on a shared machine do not inflate), and the ratios by both;
3. the real batch path, ``cchc-extract extract ARCHIVE --format jsonl -o OUT --workers N --quiet``
   as a subprocess, for N = 1 and 2 on the full archive (``--repeat`` tries each, default 3,
   interleaved; the fastest kept, and the median ratio of the back-to-back pairs) and for N = 2 on
   the first 1,000 / 5,000 / all articles: wall-clock articles per second, and peak memory of the process tree (the sum of
   the RSS of the CLI and its workers, sampled every 20 ms with psutil; plus the largest single
   process, ru_maxrss), to show that memory stays flat in the archive's size; it also checks that
   --workers 1 and 2 wrote the same bytes.

Results are printed as Markdown tables (and written as JSON with ``--json PATH``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import statistics
import threading
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")
_YEAR = regex.compile(r"(?:19|20)\d\d")
_FRACTION = regex.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})*)/(\d{1,3}(?:\.\d{3})*)(?![\d/])")
REGEX = "regex.findall(r'\\d+')"


# ---------------------------------------------------------------- the archive


def _split(text: str) -> tuple[list[str], list[str], list[str]]:
    """Opening lines (title, dateline), body paragraphs, closing lines (byline, related news)."""
    lines = text.split("\n")
    body_idx = [i for i, ln in enumerate(lines) if len(ln) >= 120]
    if not body_idx:
        return lines, [], []
    first, last = body_idx[0], body_idx[-1]
    return lines[:first], [ln for ln in lines[first : last + 1] if ln.strip()], lines[last + 1 :]


def _vi(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _new_figures(text: str, rng: random.Random) -> str:
    def fraction(m: regex.Match) -> str:
        x, y = (int(g.replace(".", "")) for g in m.groups())
        if x <= 31 and y <= 12 or y == 0:
            return m.group()  # a day/month date
        return f"{_vi(rng.randint(max(1, y // 2), y))}/{m.group(2)}"  # X of Y: X changes, stays <= Y

    text = _FRACTION.sub(fraction, text)

    def change(m: regex.Match) -> str:
        s, e = m.span()
        tok = m.group()
        before, after = text[s - 1 : s], text[e : e + 1]
        if before in "/:-" and before or after in "/:-" and after or _YEAR.fullmatch(tok):
            return tok  # dates, times, X/Y (changed above), years: kept
        if text[e : e + 2].strip().startswith("%"):  # a share stays a share
            decimals = len(regex.split(r"[.,]", tok)[1]) if regex.search(r"[.,]", tok) else 0
            sep = "," if "," in tok else "."
            return f"{rng.uniform(50, 100):.{decimals}f}".replace(".", sep)
        out = []
        for i, ch in enumerate(tok):
            if ch.isdigit():
                lead = i == 0 and len([c for c in tok if c.isdigit()]) > 1
                out.append(str(rng.randint(1, 9) if lead else rng.randint(0, 9)))
            else:
                out.append(ch)
        return "".join(out)

    return _NUMBER.sub(change, text)


def generate(n: int, seed: int = 20240601) -> list[str]:
    """``n`` articles recombined from the seeds, with changed figures (deterministic for ``seed``)."""
    rng = random.Random(seed)
    seeds = [_split(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    out = []
    for i in range(n):
        head, body, tail = seeds[i % len(seeds)]
        keep = [p for p in body if rng.random() < 0.75] or body[:1]
        if rng.random() < 0.3:
            other = seeds[rng.randrange(len(seeds))][1]
            if other:
                keep.insert(rng.randrange(len(keep) + 1), rng.choice(other))
        text = "\n".join(head + [p + "\n" for p in keep] + tail)
        out.append(_new_figures(text, rng))
    return out


def write_archive(texts: list[str], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": f"gen-{i:05d}", "text": t}, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- in-process rates


def baselines(texts: list[str], chunk: int = 250) -> dict[str, dict[str, float]]:
    """Articles per second of each method on the same texts, measured interleaved: the texts go in
    chunks, and each chunk is run by every method in turn (the order rotating from chunk to chunk),
    so that a change in the machine's load during the run weighs on all of them alike."""
    from cchc_extract import extract

    t0 = time.perf_counter()
    from underthesea import word_tokenize

    wt_import = time.perf_counter() - t0
    pattern = regex.compile(r"\d+")
    methods = [(REGEX, pattern.findall), ("extract", extract), ("underthesea.word_tokenize", word_tokenize)]
    for _, fn in methods:
        fn(texts[0])  # warm: imports, lexicons, models
    secs = dict.fromkeys((name for name, _ in methods), 0.0)
    cpu = dict.fromkeys((name for name, _ in methods), 0.0)
    for k, i in enumerate(range(0, len(texts), chunk)):
        part = texts[i : i + chunk]
        for name, fn in methods[k % 3 :] + methods[: k % 3]:
            t, c = time.perf_counter(), time.process_time()
            for x in part:
                fn(x)
            secs[name] += time.perf_counter() - t
            cpu[name] += time.process_time() - c
    res = {}
    for name, s in secs.items():
        rate = len(texts) / s
        res[name] = {"articles_per_s": rate, "seconds": s, "ms_per_article": 1000 / rate,
                     "cpu_seconds": cpu[name], "cpu_ms_per_article": 1000 * cpu[name] / len(texts)}
    res["underthesea.word_tokenize"]["import_s"] = wt_import
    return res


_LOOP = """
import json, sys, time
from cchc_extract import extract
texts = [json.loads(line)["text"] for _, line in zip(range(int(sys.argv[2])), open(sys.argv[1], encoding="utf-8"))]
extract(texts[0])
t = time.perf_counter()
for x in texts:
    extract(x)
print(len(texts) / (time.perf_counter() - t))
"""


def ceiling(archive: Path, n: int) -> dict[str, float]:
    """What two processes get on this machine: the one-process extract loop alone, then two copies
    of it at once (the most --workers 2 could give, before any batch overhead)."""
    cmd = [sys.executable, "-c", _LOOP, str(archive), str(n)]
    one = float(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    two = sum(float(p.communicate()[0]) for p in procs)
    return {"one_process_per_s": one, "two_processes_per_s": two, "ratio": two / one}


# ---------------------------------------------------------------- the batch path


class _TreeRss:
    """Peak of the summed RSS of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.02) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.peak = 0
        self.every = every
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                total = 0
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(self.every)

    def stop(self) -> int:
        self._stop.set()
        self._t.join()
        return self.peak


def run_cli(archive: Path, out: Path, workers: int, fmt: str = "jsonl") -> dict[str, float]:
    exe = Path(sys.executable).with_name("cchc-extract")
    cmd = [str(exe), "extract", str(archive), "--format", fmt, "-o", str(out), "--workers", str(workers), "--quiet"]
    if out.exists():
        shutil.rmtree(out) if out.is_dir() else out.unlink()
    # ru_maxrss of RUSAGE_CHILDREN is the largest descendant waited for: measure in a fresh child
    probe = (
        "import resource, subprocess, sys, json; r = subprocess.run(sys.argv[1:]).returncode; "
        "print(json.dumps({'rc': r, 'maxrss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"
    )
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", probe, *cmd], stdout=subprocess.PIPE, text=True)
    try:
        sampler = _TreeRss(proc.pid)
    except ImportError:
        sampler = None
    stdout, _ = proc.communicate()
    wall = time.perf_counter() - t
    peak = sampler.stop() if sampler else 0
    info = json.loads(stdout.strip().splitlines()[-1])
    if info["rc"] not in (0, 1):
        raise SystemExit(f"cchc-extract failed ({info['rc']}): {' '.join(cmd)}")
    n = sum(1 for _ in open(archive, encoding="utf-8"))
    return {"articles": n, "workers": workers, "format": fmt, "seconds": wall, "articles_per_s": n / wall,
            "peak_tree_rss_mb": peak / 2**20, "max_process_rss_mb": info["maxrss_kb"] / 1024}


# ---------------------------------------------------------------- report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000, help="size of the generated archive (default 10,000)")
    ap.add_argument("--sample", type=int, help="articles for the in-process comparison (default: all of them)")
    ap.add_argument("--quick", action="store_true", help="1,000 articles, for a smoke run")
    ap.add_argument("--workdir", type=Path, help="keep the archive and outputs here (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="also write the results here as JSON")
    ap.add_argument("--parquet", action="store_true", help="also time --format parquet at --workers 2")
    ap.add_argument("--repeat", type=int, default=3,
                    help="run each batch configuration N times, keep the fastest (and the highest memory); "
                         "default 3: one try of each moves by 10-20%% on a shared machine")
    args = ap.parse_args()
    n = 1_000 if args.quick else args.articles
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    t = time.perf_counter()
    texts = generate(n)
    archive = work / f"archive-{n}.jsonl"
    write_archive(texts, archive)
    sizes = sorted({s for s in (1_000, 5_000, n) if s <= n})
    for s in sizes:
        if s != n:
            write_archive(texts[:s], work / f"archive-{s}.jsonl")
    mb = archive.stat().st_size / 2**20
    print(f"archive: {n:,} articles, {mb:.1f} MB, {sum(map(len, texts)) / n:,.0f} characters per article "
          f"(generated in {time.perf_counter() - t:.1f} s) in {work}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")

    sample = texts[: args.sample] if args.sample else texts
    base = baselines(sample)
    ex = base["extract"]["articles_per_s"]
    print(f"## One process, the same {len(sample):,} texts\n")
    print("| | articles/s | ms/article | CPU ms/article | vs extract |")
    print("|---|---:|---:|---:|---:|")
    for name, r in base.items():
        print(f"| {name} | {r['articles_per_s']:,.0f} | {r['ms_per_article']:.2f} | {r['cpu_ms_per_article']:.2f} | "
              f"{r['articles_per_s'] / ex:.2f}x |")
    wt = base["underthesea.word_tokenize"]["articles_per_s"]
    floor = base[REGEX]["articles_per_s"]
    cpu_ratio = base["underthesea.word_tokenize"]["cpu_seconds"] / base["extract"]["cpu_seconds"]
    print(f"\nextract is {ex / wt:.1f}x faster than word_tokenize by the clock, {cpu_ratio:.1f}x by CPU time "
          f"(what the process itself spent: the same on a shared machine); the digit regex is {floor / ex:.0f}x "
          "faster than extract\n")

    ceil = ceiling(archive, min(n, 2_000))
    print(f"two processes at once (the extract loop, {min(n, 2_000):,} texts each): {ceil['two_processes_per_s']:,.0f}/s "
          f"vs {ceil['one_process_per_s']:,.0f}/s alone = {ceil['ratio']:.2f}x, the machine's ceiling for --workers 2\n")

    def best(results: list[dict]) -> dict:  # the fastest of the repeats; the highest memory of them
        r = dict(min(results, key=lambda x: x["seconds"]))
        r["articles_per_s"] = r["articles"] / r["seconds"]
        r["peak_tree_rss_mb"] = max(x["peak_tree_rss_mb"] for x in results)
        r["max_process_rss_mb"] = max(x["max_process_rss_mb"] for x in results)
        r["repeats"] = len(results)
        return r

    tries: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(args.repeat):  # interleaved, so that a noisy neighbour hurts both alike
        for w in (1, 2):
            tries[w].append(run_cli(archive, work / f"out-w{w}.jsonl", w))
    full = {w: best(rs) for w, rs in tries.items()}
    runs = list(full.values())
    same = (work / "out-w1.jsonl").read_bytes() == (work / "out-w2.jsonl").read_bytes()
    for s in sizes:
        if s != n:
            runs.append(best([run_cli(work / f"archive-{s}.jsonl", work / f"out-{s}-w2.jsonl", 2)
                              for _ in range(args.repeat)]))
    if args.parquet:
        runs.append(best([run_cli(archive, work / "out-parquet", 2, "parquet") for _ in range(args.repeat)]))
    print("## The batch path (cchc-extract extract ARCHIVE -o OUT --quiet), wall clock\n")
    print("| articles | format | --workers | seconds | articles/s | peak RSS, process tree | largest process |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in sorted(runs, key=lambda r: (r["format"], r["articles"], r["workers"])):
        print(f"| {r['articles']:,} | {r['format']} | {r['workers']} | {r['seconds']:.1f} | {r['articles_per_s']:,.0f} | "
              f"{r['peak_tree_rss_mb']:.0f} MB | {r['max_process_rss_mb']:.0f} MB |")
    speedup = full[2]["articles_per_s"] / full[1]["articles_per_s"]
    # each pair ran back to back: the median of their ratios is what a change of load over the
    # whole run moves least
    pairs = sorted(a["seconds"] / b["seconds"] for a, b in zip(tries[1], tries[2]))
    paired = statistics.median(pairs)
    print(f"\n--workers 2 vs 1: {speedup:.2f}x (best of {args.repeat} each); median of the {len(pairs)} "
          f"back-to-back pairs {paired:.2f}x ({', '.join(f'{x:.2f}' for x in pairs)}); same bytes: {same}")
    print(f"batch --workers 2 vs word_tokenize (one process): {full[2]['articles_per_s'] / wt:.1f}x")
    if args.json:
        args.json.write_text(json.dumps({"articles": n, "sample": len(sample), "baselines": base, "runs": runs,
                                         "all_tries": {str(w): rs for w, rs in tries.items()}, "ceiling": ceil,
                                         "speedup_2_vs_1": speedup,
                                         "speedup_2_vs_1_paired_median": paired, "same_bytes": same}, indent=2) + "\n")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
