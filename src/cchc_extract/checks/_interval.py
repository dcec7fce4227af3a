"""Intervals and tolerances from the figures as printed.

A claim stands for every value its qualifier and its printed precision allow:
``strict`` is the qualifier interval widened by half a unit of the last printed digit (the
rounding); ``loose`` also allows the writer to have truncated instead of rounded (up to one
unit above). Whole counts printed in full ("10.392 hồ sơ") are exact: no rounding slack.
"""

from __future__ import annotations

import functools
import math

import regex
from dataclasses import dataclass

from ..models import Claim

__all__ = ["Span", "half_unit", "decimals", "strict", "loose", "approximate", "judge", "EPS"]

EPS = 1e-9
_NUMBER = regex.compile(r"\d[\d.,]*")


@dataclass(frozen=True, slots=True)
class Span:
    """A closed interval of values."""

    lo: float
    hi: float

    def __add__(self, other: Span) -> Span:
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


@functools.lru_cache(maxsize=8192)
def _digits(raw: str) -> tuple[int, int] | None:
    """(the printed digits as an integer, how many digits follow the last separator)."""
    m = _NUMBER.search(raw)
    if m is None:
        return None
    token = m.group(0).rstrip(".,")
    digits = "".join(ch for ch in token if ch.isdigit())
    cut = max(token.rfind("."), token.rfind(","))
    return int(digits), (len(token) - cut - 1 if cut >= 0 else 0)


def decimals(claim: Claim) -> int:
    """How many decimals the printed figure shows ('85,6' -> 1, '10.392' -> 0)."""
    parsed = _digits(claim.raw)
    if parsed is None:
        return 0
    n, k = parsed
    if k and math.isclose(n / 10**k, claim.value, rel_tol=1e-9, abs_tol=1e-12):
        return k
    return 0


def half_unit(claim: Claim) -> float:
    """Half a unit of the last printed digit; 0 for a whole count printed in full."""
    parsed = _digits(claim.raw)
    if parsed is None or parsed[0] == 0 or claim.value == 0:
        return 0.0 if claim.unit == "count" else 0.5
    unit = abs(claim.value) / parsed[0]
    if claim.unit == "count" and unit <= 1.0 + EPS:
        return 0.0  # counts of files are whole numbers: "10.392" means exactly 10392
    return unit / 2


def approximate(claim: Claim) -> bool:
    return claim.qualifier != "exact" or claim.low != claim.high


def strict(claim: Claim) -> Span:
    h = half_unit(claim)
    lo, hi = (claim.low, claim.high) if claim.low <= claim.high else (claim.high, claim.low)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo = hi = claim.value
    return Span(lo - h, hi + h)


def loose(claim: Claim) -> Span:
    s = strict(claim)
    return Span(s.lo, s.hi + half_unit(claim))


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
