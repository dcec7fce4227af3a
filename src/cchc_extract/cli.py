"""The command line: ``cchc-extract extract PATH...``. Thin over ``extract`` and ``Report``."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from importlib.metadata import version as _version
from .errors import CchcExtractError
from .models import Claim, Report
from .pipeline import coerce_text, extract

__all__ = ["main"]

_SUFFIXES = {".txt", ".html", ".htm"}
_RECORD_FIELDS = {"source", "url", "published", "title", "claims", "findings", "coverage", "warnings"}


def _inputs(paths: Sequence[str]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in _SUFFIXES)
        else:
            yield p


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CchcExtractError(f"{path}: cannot read the file ({exc.strerror or exc}); check the path") from None
    return coerce_text(data, name=str(path))


def _record(report: Report, full: bool) -> dict:
    return report.model_dump(mode="json", include=None if full else _RECORD_FIELDS)


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


def _summary(reports: list[Report], failures: int, out: TextIO) -> None:
    metrics = Counter(c.metric for r in reports for c in r.claims)
    total = sum(metrics.values())
    out.write(f"\n{len(reports)} articles read, {total} claims")
    if failures:
        out.write(f", {failures} failed")
    out.write("\n")
    for m, n in metrics.most_common():
        out.write(f"   {m:40s} {n}\n")


def _cmd_extract(args: argparse.Namespace) -> int:
    out: TextIO = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    reports: list[Report] = []
    failures = 0
    records: list[dict] = []
    try:
        paths = list(_inputs(args.paths))
        if not paths:
            print(f"cchc-extract: no article files (.txt, .html, .htm) under {' '.join(args.paths)}", file=sys.stderr)
            return 2
        for path in paths:
            try:
                report = extract(_read(path), source=str(path))
            except CchcExtractError as exc:
                failures += 1
                print(f"cchc-extract: error: {exc}", file=sys.stderr)
                if args.strict:
                    return 1
                if args.format in ("json", "jsonl"):
                    rec = {"source": str(path), "error": str(exc), "claims": [], "findings": [], "warnings": []}
                    records.append(rec)
                    if args.format == "jsonl":
                        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                continue
            reports.append(report)
            if args.format == "jsonl":
                out.write(json.dumps(_record(report, args.full), ensure_ascii=False) + "\n")
            elif args.format == "json":
                records.append(_record(report, args.full))
            else:
                _human(report, out)
        if args.format == "json":
            json.dump(records, out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif args.format == "text":
            _summary(reports, failures, out)
    finally:
        if out is not sys.stdout:
            out.close()
    if failures:
        print(f"cchc-extract: {failures} of {len(paths)} inputs failed", file=sys.stderr)
    return 1 if failures else 0


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
        description="Read articles (files, or folders of .txt/.html files) and print every figure found.",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH", help="article file or folder")
    ex.add_argument(
        "--format", choices=["text", "jsonl", "json"], default="text",
        help="text: each claim under its sentence (default); jsonl: one JSON record per article; json: one list",
    )
    ex.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    ex.add_argument("--full", action="store_true", help="JSON records carry the whole report (text, segments, sentences)")
    ex.add_argument("--strict", action="store_true", help="stop at the first input that fails")
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
