"""Which claims may be compared: same level, locality, period and unit; and which are near.

The rules ask the same few questions of the same claims many times (a claim's metric, its
interval, its figure as printed, the nearest claim of a metric): ``Article`` reads each claim once
and works each answer out once per article.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from typing import Any

from ..models import Claim, Period, Sentence
from ._interval import Span, decimals_of, half_unit_of, spans_of
from ._say import Pair, fig_of, with_percent

__all__ = ["ScopeKey", "scope_key", "Article"]

ScopeKey = tuple[str, str, object]


def scope_key(claim: Claim) -> ScopeKey:
    """Level, locality and period of a claim (None == None: an unstated period is one period)."""
    return (claim.level, (claim.locality or "").casefold(), _period_key(claim.period))


def _period_key(p: Period | None) -> object:
    return None if p is None else ((p.start, p.end) if (p.start or p.end) else p.label)


def _scopes(fields: list[Mapping[str, Any]]) -> tuple[list[ScopeKey], list[int]]:
    """``scope_key`` of each claim (given by its field values), and a number for it: equal keys,
    equal numbers, counted in reading order. The claims of an article share a few levels,
    localities and period objects: a key is worked out once for each of their combinations."""
    seen: dict[tuple[str, str | None, int], tuple[ScopeKey, int]] = {}  # id of a period: alive in its claim
    numbers: dict[ScopeKey, int] = {}
    scopes: list[ScopeKey] = []
    ids: list[int] = []
    for f in fields:
        level, loc, p = f["level"], f["locality"], f["period"]
        hit = seen.get((level, loc, id(p)))
        if hit is None:
            key = (level, (loc or "").casefold(), _period_key(p))
            hit = seen[level, loc, id(p)] = (key, numbers.setdefault(key, len(numbers)))
        scopes.append(hit[0])
        ids.append(hit[1])
    return scopes, ids


class Article:
    """Claims indexed by scope and metric, with the sentence layout, for the rules to query.

    ``metric``, ``unit``, ``total``, ``value`` and ``sentence`` hold each claim's field, read once
    (an attribute of a model costs more than an item of a list); ``fields`` each claim's field
    values by name and ``scope_ids`` each claim's ``scope_id`` (read them, never change them)."""

    __slots__ = (
        "claims", "sentences", "near_span", "metric", "unit", "total", "value", "sentence",
        "fields", "scope_ids", "_scopes", "_segments", "_keyed", "_of_metric", "_spans", "_figs",
        "_places",
    )

    def __init__(self, claims: list[Claim], sentences: list[Sentence], near_span: int = 3) -> None:
        self.claims = claims
        self.sentences = sentences
        self.near_span = near_span
        # a model keeps its field values in __dict__: one read per claim, then plain lookups
        self.fields = fields = [c.__dict__ for c in claims]
        self.metric = [f["metric"] for f in fields]
        self.unit = [f["unit"] for f in fields]
        self.total = [f["total"] for f in fields]
        self.value = [f["value"] for f in fields]
        self.sentence = sent = [f["sentence"] for f in fields]
        n = len(sentences)
        segment_of: dict[int, int | None] = {}  # a sentence's segment, read once for its claims
        for s in sent:
            if s not in segment_of:
                segment_of[s] = sentences[s].segment if 0 <= s < n else None
        self._segments = [segment_of[s] for s in sent]
        # equal scopes share a number: a small int hashes faster than a scope key in every lookup
        self._scopes, sids = _scopes(fields)
        self.scope_ids = sids
        # per (scope number, metric, unit): its claims ordered by sentence, and those sentences
        # (for bisect in nearest); claims come in reading order, so a key rarely needs sorting
        keyed: dict[tuple[int, str, str], tuple[list[int], list[int]]] = {}
        unsorted: set[tuple[int, str, str]] = set()
        of_metric: dict[tuple[str, str], list[int]] = {}
        for i, (sid, m, u, s) in enumerate(zip(sids, self.metric, self.unit, sent)):
            key = (sid, m, u)
            entry = keyed.get(key)
            if entry is None:
                keyed[key] = ([i], [s])
            else:
                if s < entry[1][-1]:
                    unsorted.add(key)
                entry[0].append(i)
                entry[1].append(s)
            of_metric.setdefault((m, u), []).append(i)
        for key in unsorted:
            order = sorted(keyed[key][0], key=sent.__getitem__)  # stable: reading order within a sentence
            keyed[key] = (order, [sent[j] for j in order])
        self._keyed = keyed
        self._of_metric = of_metric
        self._spans: dict[int, tuple[Span, Span]] = {}  # claim -> (strict, loose)
        self._figs: dict[int, Pair] = {}
        self._places: dict[int, int] = {}

    def scope(self, i: int) -> ScopeKey:
        return self._scopes[i]

    def scope_id(self, i: int) -> int:
        """A number for claim i's scope, shared by the claims of equal scope."""
        return self.scope_ids[i]

    def segment(self, i: int) -> int | None:
        return self._segments[i]

    def near(self, i: int, j: int) -> bool:
        a, b = self.sentence[i], self.sentence[j]
        d = abs(a - b)
        if d <= 1:
            return True
        seg = self._segments[i]
        return d <= self.near_span and seg is not None and seg == self._segments[j]

    def in_scope(self, i: int, metric: str, unit: str) -> list[int]:
        """Every other claim of ``metric`` in the scope of claim i, near it or not."""
        hit = self._keyed.get((self.scope_ids[i], metric, unit))
        return [] if hit is None else [j for j in hit[0] if j != i]

    def sharing(self) -> list[int]:
        """The claims that share their scope, metric and unit with another claim, in index order."""
        return sorted([j for order, _ in self._keyed.values() if len(order) > 1 for j in order])

    def of_metric(self, metric: str, unit: str) -> list[int]:
        """Every claim of ``metric`` in ``unit``, in reading order (whatever its scope)."""
        return self._of_metric.get((metric, unit), [])

    def stated(self, i: int, metrics: Iterable[str], unit: str) -> list[str]:
        """Those of ``metrics`` (in their order) with a claim in ``unit`` in the scope of claim i:
        for any other, ``nearest`` is None."""
        sid, keyed = self.scope_ids[i], self._keyed
        return [m for m in metrics if (sid, m, unit) in keyed]

    def nearest(self, i: int, metric: str, unit: str, exclude: Iterable[int] = ()) -> int | None:
        """The claim of ``metric`` in the scope of claim i nearest to it (earlier wins ties)."""
        hit = self._keyed.get((self.scope_ids[i], metric, unit))
        if hit is None:
            return None
        skip = set(exclude) if exclude else ()
        best: tuple[int, int, int] | None = None
        # only claims within near_span sentences (or one) can be near: look at those alone
        order, sents = hit
        sent, segments, span = self.sentence, self._segments, self.near_span
        s = sent[i]
        seg = segments[i]
        if len(order) == 1:  # the common case: the loop below over one claim
            j = order[0]
            d = abs(sents[0] - s)
            if j == i or j in skip or (d > 1 and not (d <= span and seg is not None and seg == segments[j])):
                return None
            return j
        reach = max(1, span)
        lo, hi = bisect.bisect_left(sents, s - reach), bisect.bisect_right(sents, s + reach)
        for j in order[lo:hi]:
            if j == i or j in skip:
                continue
            d = abs(sent[j] - s)
            if d > 1 and not (d <= span and seg is not None and seg == segments[j]):
                continue  # not near (see ``near``)
            key = (d, abs(j - i), j)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]

    # --- a claim's facts, worked out once per article -------------------------------------

    def _spans_of(self, i: int) -> tuple[Span, Span]:
        f = self.fields[i]
        h = half_unit_of(f["raw"], f["value"], f["unit"])
        s = self._spans[i] = spans_of(f["low"], f["high"], f["value"], h)
        return s

    # strict, loose and fig ask their dict first: worked out once, read many times

    def strict(self, i: int) -> Span:
        """``strict(claims[i])``."""
        return (self._spans.get(i) or self._spans_of(i))[0]

    def loose(self, i: int) -> Span:
        """``loose(claims[i])``."""
        return (self._spans.get(i) or self._spans_of(i))[1]

    def fig(self, i: int, percent_sign: bool = False) -> Pair:
        """``fig(claims[i], percent_sign)``."""
        f = self._figs.get(i)
        if f is None:
            c = self.fields[i]
            f = self._figs[i] = fig_of(c["qualifier"], c["raw"], c["value"], self.decimals(i))
        return with_percent(f) if percent_sign and self.unit[i] == "percent" else f

    def approximate(self, i: int) -> bool:
        """``approximate(claims[i])``."""
        f = self.fields[i]
        return f["qualifier"] != "exact" or f["low"] != f["high"]

    def decimals(self, i: int) -> int:
        """``decimals(claims[i])``."""
        d = self._places.get(i)
        if d is None:
            f = self.fields[i]
            d = self._places[i] = decimals_of(f["raw"], f["value"])
        return d
