"""Intervals and tolerances from the figures as printed.

A claim stands for every value its qualifier and its printed precision allow:
``strict`` is the qualifier interval widened by half a unit of the last printed digit (the
rounding); ``loose`` also allows the writer to have truncated instead of rounded (up to one
unit above). Whole counts printed in full ("10.392 hồ sơ") are exact: no rounding slack.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from typing import NamedTuple

import regex

from ..models import Claim

__all__ = [
    "Span", "half_unit", "half_unit_of", "decimals", "decimals_of", "strict", "loose", "spans_of", "span_sum",
    "approximate", "judge", "EPS",
]

EPS = 1e-9
_NUMBER = regex.compile(r"\d[\d.,]*")
_ASCII_DIGITS = frozenset("0123456789")


class Span(NamedTuple):
    """A closed interval of values (a tuple: made much more often than any other object here, and
    a tuple is made faster than a frozen dataclass; no rule compares one with a plain tuple)."""

    lo: float
    hi: float

    def __add__(self, other: Span) -> Span:  # type: ignore[override]  # the sum, not the concatenation
        return Span(self.lo + other.lo, self.hi + other.hi)

    def meets(self, other: Span) -> bool:
        tol = EPS * max(1.0, abs(self.lo), abs(self.hi), abs(other.lo), abs(other.hi))
        return self.lo <= other.hi + tol and other.lo <= self.hi + tol

    def at_most(self, other: Span) -> bool:
        """Some value of self is <= some value of other."""
        tol = EPS * max(1.0, abs(self.lo), abs(other.hi))
        return self.lo <= other.hi + tol

    def ratio(self, whole: Span) -> Span | None:
        """100 * self / whole, or None when the whole may be zero."""
        if whole.lo <= 0:
            return None
        return Span(100.0 * self.lo / whole.hi, 100.0 * self.hi / whole.lo)

    def scale(self, lo: float, hi: float) -> Span:
        return Span(self.lo * lo, self.hi * hi)

    @property
    def width(self) -> float:
        return self.hi - self.lo

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2


# Span((lo, hi)) without the Python-level __new__ of a NamedTuple: the same tuple of the same class,
# for the places that make one for every claim or finding
_new_span = functools.partial(tuple.__new__, Span)


@functools.lru_cache(maxsize=8192)
def _digits(raw: str) -> tuple[int, int] | None:
    """(the printed digits as an integer, how many digits follow the last separator)."""
    if raw[:1] in _ASCII_DIGITS and not raw.strip("0123456789.,"):
        token = raw.rstrip(".,")  # raw is what _NUMBER matches in it: a digit, then digits and separators
    else:
        m = _NUMBER.search(raw)
        if m is None:
            return None
        token = m.group(0).rstrip(".,")
    # the token is \d and separators; an ASCII \d is 0-9, which isdigit() keeps (\d is not isdigit()
    # for every other character: the regex module knows digits of a newer Unicode than str does)
    if token.isascii():
        digits = token.replace(".", "").replace(",", "")
    else:
        digits = "".join(ch for ch in token if ch.isdigit())
    cut = max(token.rfind("."), token.rfind(","))
    return int(digits), (len(token) - cut - 1 if cut >= 0 else 0)


def decimals(claim: Claim) -> int:
    """How many decimals the printed figure shows ('85,6' -> 1, '10.392' -> 0)."""
    return decimals_of(claim.raw, claim.value)


def decimals_of(raw: str, value: float) -> int:
    """``decimals`` of a claim printed as ``raw`` with ``value``."""
    parsed = _digits(raw)
    if parsed is None:
        return 0
    n, k = parsed
    if k and math.isclose(n / 10**k, value, rel_tol=1e-9, abs_tol=1e-12):
        return k
    return 0


def half_unit(claim: Claim) -> float:
    """Half a unit of the last printed digit; 0 for a whole count printed in full."""
    return half_unit_of(claim.raw, claim.value, claim.unit)


def half_unit_of(raw: str, value: float, unit: str) -> float:
    """``half_unit`` of a claim printed as ``raw`` with ``value`` in ``unit``."""
    parsed = _digits(raw)
    if parsed is None or parsed[0] == 0 or value == 0:
        return 0.0 if unit == "count" else 0.5
    step = abs(value) / parsed[0]
    if unit == "count" and step <= 1.0 + EPS:
        return 0.0  # counts of files are whole numbers: "10.392" means exactly 10392
    return step / 2


def approximate(claim: Claim) -> bool:
    return claim.qualifier != "exact" or claim.low != claim.high


def strict(claim: Claim) -> Span:
    return spans_of(claim.low, claim.high, claim.value, half_unit(claim))[0]


def loose(claim: Claim) -> Span:
    return spans_of(claim.low, claim.high, claim.value, half_unit(claim))[1]


def spans_of(low: float, high: float, value: float, h: float) -> tuple[Span, Span]:
    """(strict, loose) of a claim with these bounds and value, ``h`` its half unit: the bounds
    widened by ``h``, and loose also by another ``h`` above."""
    lo, hi = (low, high) if low <= high else (high, low)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo = hi = value
    hi += h
    return _new_span((lo - h, hi)), _new_span((lo - h, hi + h))


def span_sum(spans: Iterable[Span]) -> Span:
    """The sum of ``spans``: ``sum(spans, Span(0.0, 0.0))``, adding the ends in the same order
    without a Span for every partial sum."""
    lo = hi = 0.0
    for s_lo, s_hi in spans:
        lo += s_lo
        hi += s_hi
    return _new_span((lo, hi))


def judge(
    computed: Span, stated: Span, computed_loose: Span, stated_loose: Span, approx: bool
) -> tuple[str, str, bool]:
    """(status, severity, truncated): ok when the rounding intervals meet; a mismatch that only
    truncation explains is a warning; beyond that an error, or a warning for approximate figures."""
    if computed.meets(stated):
        return "ok", "info", False
    if computed_loose.meets(stated_loose):
        return "mismatch", "warning", True
    return "mismatch", ("warning" if approx else "error"), False
