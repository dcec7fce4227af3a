"""The command line: ``cchc-extract extract PATH...``. Thin over ``extract`` and ``Report``."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from typing import TextIO

from importlib.metadata import version as _version
from .errors import CchcExtractError
from .models import Claim, Report

__all__ = ["main"]

# Inputs, workers, output formats and --resume live in batch.py (sources.py reads the inputs);
# this module parses the options and renders the human-readable text of one report (_human).


def _fmt_value(c: Claim) -> str:
    shown = f"{c.raw}%" if c.unit == "percent" else c.raw
    if c.total is not None:
        shown += f" of {c.total:g}"
    return shown


def _human(report: Report, out: TextIO) -> None:
    width = 100
    title = report.title or "(no title found)"
    out.write(f"\n== {report.source or 'article'}\n   {title}\n")
    meta = [f"published {report.published}" if report.published else "no date found"]
    meta.append(f"{len(report.claims)} claims, {len(report.sentences)} sentences")
    out.write("   " + "; ".join(meta) + "\n")
    for w in report.warnings:
        out.write(f"   ! {w}\n")
    by_sentence: dict[int, list[tuple[int, Claim]]] = {}
    for i, c in enumerate(report.claims):
        by_sentence.setdefault(c.sentence, []).append((i, c))
    for s_idx, items in by_sentence.items():
        sent = report.sentences[s_idx]
        marked = _mark(report, sent.start, sent.end, [c for _, c in items])
        out.write("\n" + textwrap.fill(marked, width=width, initial_indent="   | ", subsequent_indent="   | ") + "\n")
        for i, c in items:
            qual = "" if c.qualifier == "exact" else f" ({c.qualifier} {c.low:g}..{c.high:g})"
            where = c.level + (f", {c.locality}" if c.locality else "")
            name = c.metric if c.metric != "other" else f"other:{c.label}"
            out.write(f"   #{i:<3} {name:38s} {_fmt_value(c):>16s} = {c.value:<12g}{qual}  [{where}]\n")
    _findings(report, out)


_VERDICT = {("mismatch", "error"): "ERROR", ("mismatch", "warning"): "WARN", ("mismatch", "info"): "NOTE",
            ("ok", "info"): "ok", ("unverifiable", "info"): "?"}


def _findings(report: Report, out: TextIO) -> None:
    if not report.findings:
        return
    c = report.coverage
    out.write(f"\n   checks: {len(report.findings)} findings; {c.checked} of {c.total} claims checked\n")
    order = {"mismatch": 0, "unverifiable": 2, "ok": 1}
    for f in sorted(report.findings, key=lambda f: order[f.status]):
        tag = _VERDICT.get((f.status, f.severity), f.status)
        out.write(textwrap.fill(f"{tag:5s} {f.rule}: {f.message}", width=100, initial_indent="   ",
                                subsequent_indent="         ") + "\n")


def _mark(report: Report, start: int, end: int, claims: list[Claim]) -> str:
    """The sentence with each claim's evidence between « »."""
    spans = sorted({(max(c.start, start), min(c.end, end)) for c in claims})
    out, pos = [], start
    for a, b in spans:
        if a < pos:
            continue
        out += [report.text[pos:a], "«", report.text[a:b], "»"]
        pos = b
    out.append(report.text[pos:end])
    return " ".join("".join(out).split())


def _cmd_extract(args: argparse.Namespace) -> int:
    from .batch import Options, run
    from .sources import Columns

    given = {name: getattr(args, f"{name}_column") for name in ("url", "date")}
    columns = Columns(
        text=args.text_column, id=args.id_column, url=given["url"] or "url", published=given["date"] or "published",
        explicit=frozenset(v for v in given.values() if v),
    )
    return run(Options(
        paths=args.paths, format=args.format, output=args.output, workers=args.workers, full=args.full,
        strict=args.strict, resume=args.resume, quiet=args.quiet, max_chars=args.max_chars, columns=columns,
        engine=args.engine, scheduler=args.scheduler, part_size=args.part_size,
    ))


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import score_directory

    try:
        score = score_directory(args.gold, args.articles)
    except CchcExtractError as exc:
        print(f"cchc-extract: error: {exc}", file=sys.stderr)
        return 2
    print(score.table())
    if args.verbose:
        for line in score.misses:
            print("  " + line)
    low = []
    if args.min_f1 is not None and score.f1 < args.min_f1:
        low.append(f"F1 {score.f1:.3f} < {args.min_f1}")
    if args.min_level is not None and score.level_accuracy < args.min_level:
        low.append(f"level accuracy {score.level_accuracy:.3f} < {args.min_level}")
    if low:
        print("cchc-extract: below the floor: " + "; ".join(low), file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="cchc-extract",
        description="Extract and check the figures in Vietnamese administrative-reform (CCHC) reports.",
    )
    ap.add_argument("--version", action="version", version=f"%(prog)s {_version('cchc_extract')}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    ex = sub.add_parser(
        "extract",
        help="read articles and print their claims",
        description="Read articles (files, folders of .txt/.html/.htm files, or archives of records: JSONL, CSV, "
        "Parquet) and print every figure found. Every input record gives exactly one article: ok, or an error "
        "with its reason (one line on standard error). Exit status: 0 all ok, 1 some failed, 2 usage error.",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH",
                    help="article file, folder (recursively), or archive (.jsonl, .ndjson, .csv, optionally .gz; .parquet)")
    ex.add_argument(
        "--format", choices=["text", "jsonl", "json", "csv", "parquet"], default="text",
        help="text: each claim under its sentence (default); jsonl: one JSON record per article; json: one list; "
        "csv, parquet: a folder OUT of tables (articles, claims, findings, cross_findings)",
    )
    ex.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output (a folder for csv/parquet)")
    ex.add_argument("--full", action="store_true", help="JSON records carry the whole report (text, segments, sentences)")
    ex.add_argument("--strict", action="store_true", help="stop at the first input that fails")
    ex.add_argument("--workers", type=int, metavar="N", help="worker processes (default: the machine's cores)")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar (there is none when standard error is not a terminal)")
    ex.add_argument("--resume", action="store_true",
                    help="continue an interrupted run into the same OUT: records already written are skipped")
    ex.add_argument("--max-chars", type=int, default=2_000_000, metavar="N",
                    help="a record longer than N characters is an error row 'too large' (default 2,000,000)")
    ex.add_argument("--text-column", default="text", metavar="NAME", help="archives: the column holding the article (default text)")
    ex.add_argument("--id-column", default="id", metavar="NAME",
                    help="archives: the record id (default id; absent: '<archive name>:<line or row number>')")
    ex.add_argument("--url-column", metavar="NAME", help="archives: the page URL, passed to extract (default url, when present)")
    ex.add_argument("--date-column", metavar="NAME",
                    help="archives: the publication date (YYYY-MM-DD), passed to extract (default published, when present)")
    ex.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="local: a process pool (default); dask: tasks on a Dask cluster")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="with --engine dask: the scheduler (tcp://host:8786); without it a LocalCluster of --workers")
    ex.add_argument("--part-size", type=int, default=1000, metavar="N",
                    help="csv/parquet: records per part file, the unit --resume keeps (default 1000)")
    ex.set_defaults(func=_cmd_extract)
    ev = sub.add_parser(
        "eval",
        help="score the extractor against a gold file",
        description="Extract every article of a gold file (GOLD.jsonl, one {id, claims} record per line) from "
        "ARTICLES_DIR/<id>.txt|.html|.htm and print precision, recall and F1 per metric, level and "
        "qualifier accuracy (the contract's scoring rule), and period and locality accuracy where the gold "
        "gives them.",
    )
    ev.add_argument("gold", metavar="GOLD.jsonl")
    ev.add_argument("articles", metavar="ARTICLES_DIR")
    ev.add_argument("--verbose", "-v", action="store_true", help="list every false positive, miss and wrong level/period")
    ev.add_argument("--min-f1", type=float, metavar="X", help="exit 1 when F1 is below X")
    ev.add_argument("--min-level", type=float, metavar="X", help="exit 1 when level accuracy is below X")
    ev.set_defaults(func=_cmd_eval)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    ap = _parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help()
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("cchc-extract: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
