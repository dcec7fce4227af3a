"""The command line: ``cchc-extract extract PATH...``. Thin over ``extract`` and ``Report``."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from importlib.metadata import version as _version
from typing import TYPE_CHECKING, TextIO

from .errors import CchcExtractError, MissingDependency, UsageError

if TYPE_CHECKING:  # pragma: no cover
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


_FORMAT_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
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
        paths=args.paths, format=args.format or _format_of(args.output), output=args.output, workers=args.workers, full=args.full,
        strict=args.strict, resume=args.resume, quiet=args.quiet, max_chars=args.max_chars, columns=columns,
        engine=args.engine, scheduler=args.scheduler, part_size=args.part_size,
    ))


def _format_of(output: str | None) -> str:
    """The format an output file's name asks for when --format is not given ("out.jsonl" is JSON
    Lines, not the human text); anything else gets the default, text."""
    suffix = os.path.splitext(output or "")[1].lower()
    return _FORMAT_BY_SUFFIX.get(suffix, "text")


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


# ---------------------------------------------------------------- report, check, serve


def _read_one(path: str, max_chars: int):
    """The report of one article file (.txt, or .html/.htm through trafilatura), as the batch reads
    it; raises ``sources.RecordError`` with a one-line reason when it cannot."""
    from pathlib import Path

    from .batch import Job, read_record
    from .sources import HTML_SUFFIXES, Record

    rec = Record(id=Path(path).name, source=path, path=path, html=Path(path).suffix.lower() in HTML_SUFFIXES)
    return read_record(rec, Job(format="text", max_chars=max_chars))


def _cmd_report(args: argparse.Namespace) -> int:
    from .render import report_html
    from .sources import RecordError

    try:
        report = _read_one(args.file, args.max_chars)
    except RecordError as exc:
        print(f"cchc-extract: error: {args.file}: {exc}", file=sys.stderr)
        return 1
    page = report_html(report, lang=args.lang)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(page)
    else:
        sys.stdout.write(page)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from .render import _date, _sorted_findings, format_number, metric_name, printed, ui, verdict
    from .sources import RecordError

    t = ui(args.lang)
    tty = sys.stdout.isatty()
    if args.color == "always":
        tty = True
    elif args.color == "never":
        tty = False
    console = Console(force_terminal=tty, no_color=not tty, highlight=False, emoji=False, soft_wrap=False,
                      width=None if tty else 110)
    styles = {"error": "bold white on red", "warning": "bold black on yellow", "info": "bold white on blue",
              "ok": "bold white on green", "unverifiable": "bold black on white"}
    errors = failed = 0
    for path in args.files:
        try:
            report = _read_one(path, args.max_chars)
        except RecordError as exc:
            print(f"cchc-extract: error: {path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        sev = {s: sum(f.status == "mismatch" and f.severity == s for f in report.findings) for s in ("error", "warning", "info")}
        errors += sev["error"]
        date = _date(report.published, args.lang) if report.published else t["no_date"]
        console.print()
        console.rule(Text(path, style="bold") if tty else Text(f"== {path}"), align="left",
                     characters="─" if tty else "=")
        console.print(Text(report.title or t["no_title"], style="bold"))
        console.print(f"{escape(t['published'])}: {escape(date)}" if report.published else escape(date))
        summary = t["check"]["summary"].format(claims=len(report.claims), checked=f"{report.coverage.checked}/{report.coverage.total}",
                                               errors=sev["error"], warnings=sev["warning"], notes=sev["info"])
        console.print(Text(summary, style="bold red" if sev["error"] else "bold yellow" if sev["warning"] else "bold"))
        for w in report.warnings:
            console.print(Text(f"! {w}", style="yellow"))
        if report.claims:
            c_ = t["check"]
            table = Table(box=box.SIMPLE_HEAD if tty else box.ASCII2, show_edge=tty, pad_edge=False, expand=False,
                          header_style="bold" if tty else "")
            table.add_column(c_["col_n"], justify="right")
            table.add_column(c_["col_metric"], overflow="fold")
            table.add_column(c_["col_value"], justify="right", no_wrap=True)
            table.add_column(c_["col_qualifier"], overflow="fold")
            table.add_column(c_["col_level"])
            table.add_column(c_["col_locality"], overflow="fold")
            table.add_column(c_["col_period"], overflow="fold")
            for i, c in enumerate(report.claims):
                q = t["qualifier"].get(c.qualifier, c.qualifier)
                if c.qualifier != "exact":
                    q += f" {format_number(c.low, args.lang)}..{format_number(c.high, args.lang)}"
                value = printed(c) + (f"/{format_number(c.total, args.lang)}" if c.total is not None else "")
                table.add_row(str(i), metric_name(c, args.lang), value, q, t["level"].get(c.level, c.level),
                              c.locality or "", c.period.label if c.period else "")
            console.print(table)
        if report.findings:
            console.print(Text(t["check"]["findings"], style="bold"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for _, f in _sorted_findings(report):
                v = verdict(f)
                tag = Text(f" {t['verdict'][v]} " if tty else f"{t['verdict'][v]}", style=styles[v] if tty else "")
                line = Text()
                line.append(t["rule"].get(f.rule, f.rule) + ": ", style="bold")
                line.append(f.message if args.lang == "vi" else f.message_en,
                            style={"error": "red", "warning": "yellow"}.get(v, ""))
                grid.add_row(tag, line)
            console.print(grid)
    if failed:
        print(f"cchc-extract: {t['check']['files_failed'].format(n=failed)}", file=sys.stderr)
        return 2
    return 1 if errors else 0


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        from .serve import run_server
    except ImportError as exc:  # flask missing
        print(f"cchc-extract: error: serve needs Flask ({exc}); pip install 'cchc_extract[serve]'", file=sys.stderr)
        return 2
    return run_server(host=args.host, port=args.port, max_bytes=args.max_bytes)


def _add_surfaces(sub) -> None:
    rp = sub.add_parser(
        "report",
        help="write the fact-check page (HTML) of one article",
        description="Read one article (.txt, or .html/.htm: the article is extracted with trafilatura) and write a "
        "self-contained HTML page: the text with every figure highlighted (hover, click or Tab for its details), "
        "the checks with links to the sentences involved, a chart of the dossier flow. No network at view time. "
        "Exit status: 0 written, 1 the file could not be read (the reason on standard error), 2 usage error.",
    )
    rp.add_argument("file", metavar="FILE", help="the article: .txt, .html or .htm (UTF-8)")
    rp.add_argument("-o", "--output", metavar="OUT.html", help="write the page here (default: standard output)")
    rp.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the page and the messages (default vi)")
    rp.add_argument("--max-chars", type=int, default=2_000_000, metavar="N", help=argparse.SUPPRESS)
    rp.set_defaults(func=_cmd_report)

    ck = sub.add_parser(
        "check",
        help="print a terminal summary of the figures and checks of articles",
        description="For each FILE: a header (title, date, counts), a table of the figures (metric, the number as "
        "printed, qualifier, level, place, period), then the checks, mismatches first, coloured by verdict. "
        "Colours and box drawing only on a terminal; plain text when the output is a file or a pipe. "
        "Exit status: 0 when no check found a mismatch of severity error (warnings and notes do not fail), "
        "1 when at least one did, 2 when a file could not be read (its reason on standard error) or usage error.",
    )
    ck.add_argument("files", nargs="+", metavar="FILE", help="article files: .txt, .html, .htm (UTF-8)")
    ck.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the labels and messages (default vi)")
    ck.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                    help="auto: colours on a terminal only (default)")
    ck.add_argument("--max-chars", type=int, default=2_000_000, metavar="N", help=argparse.SUPPRESS)
    ck.set_defaults(func=_cmd_check)

    sv = sub.add_parser(
        "serve",
        help="a local web page to paste an article into and get its fact-check page",
        description="Start a small local web server (Flask's built-in server: meant for one person on this "
        "machine, not for the internet) with a form to paste an article or drop a .txt/.html/.htm file; it "
        "answers with the fact-check page. Uploads are read in memory and never saved. Listens on 127.0.0.1 "
        "unless --host says otherwise (then it warns: anyone who can reach the port can use it). Stop with Ctrl-C.",
    )
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    sv.add_argument("--max-bytes", type=int, default=2 * 1024 * 1024, metavar="N",
                    help="largest request accepted, in bytes (default 2 MB); larger ones get a 413 page")
    sv.set_defaults(func=_cmd_serve)


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
        "--format", choices=["text", "jsonl", "json", "csv", "parquet"],
        help="text: each claim under its sentence (default); jsonl: one JSON record per article; json: one list; "
        "csv, parquet: a folder OUT of tables (articles, claims, findings, cross_findings). Without --format, "
        "-o OUT ending in .jsonl/.ndjson or .json picks that format",
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
    _add_surfaces(sub)
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
    except CchcExtractError as exc:  # raised on purpose: its message names the input and what to do
        print(f"cchc-extract: error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, (UsageError, MissingDependency)) else 1
    except OSError as exc:  # -o into a folder that does not exist, a full disk ...
        print(f"cchc-extract: error: {exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}; "
              "check the path and the space left", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, and how to see the whole story
        if os.environ.get("CCHC_DEBUG"):
            raise
        print(f"cchc-extract: internal error ({type(exc).__name__}: {exc}); this is a bug: run again with "
              "CCHC_DEBUG=1 for the traceback and report it with the input", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
