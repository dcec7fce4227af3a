"""Benchmark: hostile inputs, seconds per MB across sizes (issue #7: every stage linear in its input).

Run by hand from the repository root (not part of the test suite; ~2-4 minutes):

    .venv/bin/python benchmarks/bench_adversarial.py             # every input at 1/8, 1/4, 1/2 and full size
    .venv/bin/python benchmarks/bench_adversarial.py --quick     # 1/64 .. 1/8 of full size, ~20 s
    .venv/bin/python benchmarks/bench_adversarial.py --only hon,newlines --json adv.json

Each input is run through ``extract`` with no size limit (``max_chars=None``) at four sizes, after a
warm-up; the time is this process's CPU time (``time.process_time``), so that other work on the
machine disturbs it less. The table gives seconds per MB of UTF-8 at each size and ``growth``, the
seconds per MB at the largest size over those at the smallest: about 1 for a linear stage, about 8
for a quadratic one over these sizes. A growth above 2 is flagged.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable

_WORDS = (
    "hồ sơ tiếp nhận giải quyết đúng hạn trước hạn trễ hạn xã huyện tỉnh trực tuyến dịch vụ công "
    "năm tháng cải cách hành chính người dân doanh nghiệp bộ phận một cửa"
).split()


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _line(n: int) -> str:
    rnd = random.Random(7)
    out, size = [], 0
    while size < n:
        w = rnd.choice(_WORDS) if rnd.random() > 0.1 else f"{rnd.randint(1, 99_999):,}".replace(",", ".")
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:n]


def _nested_html(n: int) -> str:
    depth = max(1, (n - 60) // 11)
    return "<html><body>" + "<div>" * depth + "<p>Xã A tiếp nhận 12 hồ sơ.</p>" + "</div>" * depth + "</body></html>"


def _running(n: int) -> str:
    """A start date that fits none of them, then "Qua hơn 01 năm hoạt động" with a figure, again and
    again: every phrase looks for the day the work began."""
    head = "Ngày 5/9/2022, xã tổng kết. Trung tâm đi vào hoạt động từ ngày 01/8/2015. "
    return head + _repeat("Qua hơn 01 năm hoạt động, xã tiếp nhận 12 hồ sơ. ")(max(0, n - len(head)))


def _dense(n: int) -> str:
    rnd = random.Random(3)
    lines = []
    size = 0
    while size < n:
        a = rnd.randint(100, 50_000)
        b = rnd.randint(1, a)
        s = (f"Xã {rnd.choice(_WORDS).title()} tiếp nhận {a:,} hồ sơ, đã giải quyết {b:,} hồ sơ, "
             f"đạt {100 * b / a:.1f}%.").replace(",", ".")
        lines.append(s)
        size += len(s) + 1
    return "\n".join(lines)[:n]


# name: (what it is, generator of about n characters, the full size in characters)
INPUTS: dict[str, tuple[str, Callable[[int], str], int]] = {
    "digits_dots": ("100,000 digits in groups with dots: 123.456.789...", _repeat("123."), 133_336),
    "digit_dot": ("1.1.1.1... (a dot after every digit)", _repeat("1."), 200_000),
    "hon": ('"hơn " repeated 50,000 times', _repeat("hơn "), 200_000),
    "hon_number": ('"hơn 12 " repeated: a qualifier and a figure, again and again', _repeat("hơn 12 "), 350_000),
    "tu_den": ('"từ 12 đến " repeated: an open range, again and again', _repeat("từ 12 đến "), 500_000),
    "long_line": ("one 5 MB line of words and figures, no punctuation", _line, 5_000_000),
    "newlines": ("1,000,000 newlines", _repeat("\n"), 1_000_000),
    "percent_signs": ('"%" repeated', _repeat("%"), 500_000),
    "fractions": ('"12/" repeated: X/Y with no end', _repeat("12/"), 500_000),
    "dense_sentences": ("short sentences, each with three figures", _dense, 1_000_000),
    "running_periods": ('"Qua hơn 01 năm hoạt động" with a figure, repeated after a start date that fits none',
                        _running, 400_000),
    "nested_html": ("<div> nested 100,000 deep around one paragraph (through trafilatura)", _nested_html, 1_100_060),
}


def run(names: list[str], fractions: list[float]) -> list[dict]:
    from cchc_extract import extract

    extract("Xã A tiếp nhận 1.234 hồ sơ, đạt 98,5%. <p>x</p>", max_chars=None)  # warm-up: lexicons, models
    rows = []
    for name in names:
        what, gen, full = INPUTS[name]
        sizes = []
        for frac in fractions:
            text = gen(int(full * frac))
            mb = len(text.encode("utf-8")) / 1e6
            t0 = time.process_time()
            report = extract(text, max_chars=None)
            dt = time.process_time() - t0
            sizes.append({"chars": len(text), "mb": mb, "seconds": dt, "s_per_mb": dt / mb if mb else 0.0,
                          "claims": len(report.claims), "warnings": len(report.warnings)})
            print(f"  {name:16s} {mb:8.3f} MB {dt:8.3f} s {sizes[-1]['s_per_mb']:8.3f} s/MB  "
                  f"{len(report.claims)} claims", file=sys.stderr, flush=True)
        growth = sizes[-1]["s_per_mb"] / sizes[0]["s_per_mb"] if sizes[0]["s_per_mb"] else float("nan")
        rows.append({"input": name, "what": what, "sizes": sizes, "growth": growth})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="1/64 .. 1/8 of the full sizes")
    ap.add_argument("--only", help="comma-separated input names: " + ", ".join(INPUTS))
    ap.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    names = args.only.split(",") if args.only else list(INPUTS)
    unknown = [n for n in names if n not in INPUTS]
    if unknown:
        ap.error(f"unknown input(s) {', '.join(unknown)}; choose from {', '.join(INPUTS)}")
    fractions = [1 / 64, 1 / 32, 1 / 16, 1 / 8] if args.quick else [1 / 8, 1 / 4, 1 / 2, 1.0]
    rows = run(names, fractions)
    head = " | ".join(f"s/MB at {f:g}" for f in fractions)
    print(f"\n| input | full size (MB) | {head} | growth | claims at full |")
    print("|---|---:|" + "---:|" * len(fractions) + "---:|---:|")
    for r in rows:
        cells = " | ".join(f"{s['s_per_mb']:.3f}" for s in r["sizes"])
        flag = " **superlinear**" if r["growth"] > 2 else ""
        print(f"| {r['input']} | {r['sizes'][-1]['mb']:.2f} | {cells} | {r['growth']:.2f}{flag} | {r['sizes'][-1]['claims']} |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, indent=1)
    return 1 if any(r["growth"] > 2 for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
