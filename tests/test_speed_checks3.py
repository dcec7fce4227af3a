"""The shortcuts of pipeline.py and checks/ (round 5) give what the plain way gives.

pipeline: spans of an identity-mapped text are checked instead of mapped one by one. checks/: a
Span is made by ``tuple.__new__``, a zero tolerance is not rounded, the digits of an ASCII figure are
its token without separators (and such a figure is its own token), a figure is formatted with a
ready spec, repeats group only the claims that share scope, metric and unit with another. No
timings: speed is measured by hand (benchmarks/).
"""

from __future__ import annotations

import math
import random

import regex

from cchc_extract import extract, pipeline
from cchc_extract import segment as S
from cchc_extract.checks import _interval as I
from cchc_extract.checks import _say
from cchc_extract.checks._scope import Article
from cchc_extract.checks.repeats import check_repeats
from cchc_extract.text import normalize

from _texts import all_chars as _all_chars, fixture_texts as _fixture_texts


def test_spans_made_by_tuple_new_are_spans():
    rng = random.Random(7)
    for _ in range(2000):
        low, high, value = (rng.choice([rng.uniform(-1e6, 1e6), 0.0, -0.0, math.inf, math.nan]) for _ in range(3))
        h = rng.choice([0.0, 0.5, 0.05, rng.uniform(0, 10)])
        lo, hi = (low, high) if low <= high else (high, low)
        if not (math.isfinite(lo) and math.isfinite(hi)):
            lo = hi = value
        strict = I.Span(lo - h, hi + h)
        want = (strict, I.Span(strict.lo, strict.hi + h))
        got = I.spans_of(low, high, value, h)
        assert type(got[0]) is I.Span and type(got[1]) is I.Span
        assert repr(got) == repr(want)
        parts = [I.Span(rng.uniform(0, 100), rng.uniform(100, 200)) for _ in range(rng.randint(0, 4))]
        assert repr(I.span_sum(parts)) == repr(sum(parts, I.Span(0.0, 0.0)))


def test_a_zero_tolerance_is_what_rounding_makes_of_it():
    for tol in (0.0, -0.0, 0, 0.5, -0.5, 1e-12, 0.1234567891, math.nan, math.inf, 3):
        f = _say.finding("same_figure_twice", "ok", "info", [0], [0], "ok",
                         {"name": ("a", "a"), "first": ("1", "1"), "second": ("1", "1")}, tolerance=tol)
        want = round(max(tol, 0.0), 9)
        assert repr(f.tolerance) == repr(float(want)), tol


def test_spans_of_an_identity_text_are_what_span_maps_them_to():
    texts = _fixture_texts() + ["", "a", "Tỉnh có 1.234 hồ sơ.\n\nQuý I.", "x&amp;y 12", "a\u00adb 3"]
    for t in texts:
        nt = normalize(t)
        art = S.segment(nt)
        n = len(nt.text)
        pairs = [(b.start, b.end) for b in art.blocks] + [(s.start, s.end) for s in art.sentences]
        pairs += [(0, n), (0, 0), (n, n), (3, 1), (-1, 2), (0, n + 5)]
        for group in (pairs, pairs[:-3], []):
            assert pipeline._spans(nt, list(group)) == [nt.span(s, e) for s, e in group], t


def test_an_ascii_digit_to_the_number_pattern_is_a_digit_to_isdigit():
    ascii_chars = "".join(map(chr, range(128)))
    assert "".join(regex.findall(r"\d", ascii_chars)) == "0123456789"
    assert "".join(c for c in ascii_chars if c.isdigit()) == "0123456789"


def _plain_digits(raw: str) -> tuple[int, int] | None:
    m = I._NUMBER.search(raw)
    if m is None:
        return None
    token = m.group(0).rstrip(".,")
    digits = "".join(ch for ch in token if ch.isdigit())
    cut = max(token.rfind("."), token.rfind(","))
    return int(digits), (len(token) - cut - 1 if cut >= 0 else 0)


def test_digits_of_a_figure_are_the_plain_ones():
    rng = random.Random(5)
    nd = [c for c in regex.findall(r"\d", _all_chars()) if c.isdigit()]
    pieces = [*"0123456789", *rng.sample(nd, 40), ".", ",", " ", "a", "%", "-", "\u00a0"]
    raws = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    raws += ["10.392", "85,6", "1.234,5", "7,", "0", "", "x", "١٢٣.٤", "12.", ",5", "1\U00010d405"]
    for raw in raws:
        try:
            want = _plain_digits(raw)
        except ValueError:  # no digit str knows of: the plain way fails, and so must the short one
            want = ValueError
        try:
            got = I._digits.__wrapped__(raw)
        except ValueError:
            got = ValueError
        assert got == want, raw


def _plain_fmt(x: float, places: int) -> tuple[str, str]:
    en = f"{abs(x):,.{max(places, 0)}f}"
    vi = en.replace(",", "\0").replace(".", ",").replace("\0", ".")
    sign = "-" if x < 0 and any(ch not in "0.," for ch in en) else ""
    return sign + vi, sign + en


def test_figures_are_written_as_the_plain_format_writes_them():
    rng = random.Random(11)
    xs = [0.0, -0.0, 1.0, -1.0, 999.5, 1000.0, -0.0004, 0.05, 1e21, -1e21, math.inf, -math.inf, math.nan, 123456789.125]
    xs += [rng.choice([1, -1]) * rng.uniform(0, 10 ** rng.randint(0, 12)) for _ in range(3000)]
    xs += [float(rng.randint(-10**7, 10**7)) for _ in range(1000)]
    for x in xs:
        for places in (-2, -1, 0, 1, 2, 3, 6, 15, 16, 20):
            assert _say._fmt.__wrapped__(x, places) == _plain_fmt(x, places), (x, places)


def test_a_figure_of_ascii_digits_and_separators_is_its_own_token():
    rng = random.Random(13)
    pieces = [*"0123456789", ".", ",", " ", "a", "%", "\u0663", "-"]
    raws = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(30000)]
    for raw in raws:
        m = I._NUMBER.search(raw)
        if raw[:1] in I._ASCII_DIGITS and not raw.strip("0123456789.,"):
            assert m is not None and m.group(0) == raw, raw


def _plain_repeat_groups(art: Article) -> list[list[int]]:
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(art.claims):
        if c.metric == "other" and (not c.label or c.label.endswith("_target")):
            continue
        groups.setdefault((art.scope_id(i), c.metric, c.unit, c.total, c.of, c.label), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def test_repeats_read_only_the_claims_sharing_scope_metric_and_unit():
    rng = random.Random(17)
    for t in _fixture_texts() + _generated(300):
        r = extract(t)
        claims = list(r.claims)
        shuffled = claims[:]
        rng.shuffle(shuffled)
        for order in (claims, claims[::-1], shuffled, claims + claims[:3]):
            art = Article(order, list(r.sentences))
            sharing = art.sharing()
            assert sharing == sorted(set(sharing))
            alone = set(range(len(order))) - set(sharing)
            groups = _plain_repeat_groups(art)
            assert not alone.intersection(i for g in groups for i in g)
            assert [f.model_dump() for f in check_repeats(art)] == [f.model_dump() for f in _plain_repeats(art, groups)]


def _plain_repeats(art: Article, groups: list[list[int]]) -> list:
    out = []
    for members in groups:
        for a, b in zip(members, members[1:]):
            ca, cb = art.claims[a], art.claims[b]
            if ca.sentence == cb.sentence and ca.raw == cb.raw and ca.start == cb.start:
                continue
            same = I.strict(ca).meets(I.strict(cb))
            status = "ok" if same else "mismatch"
            template = "rounded" if same and ca.value != cb.value else status
            out.append(_say.finding(
                "same_figure_twice", status, "info", [a, b], art.sentence, template,
                {"name": _say.name(ca.metric), "first": _say.fig(ca, True), "second": _say.fig(cb, True)},
                expected=ca.value, actual=cb.value,
            ))
    return out


def _generated(n: int) -> list[str]:
    import sys
    from pathlib import Path

    bench = str(Path(__file__).resolve().parents[1] / "benchmarks")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    import bench_batch

    return bench_batch.generate(n)
