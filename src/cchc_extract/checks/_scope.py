"""Which claims may be compared: same level, locality, period and unit; and which are near."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Claim, Sentence

__all__ = ["ScopeKey", "scope_key", "Article"]

ScopeKey = tuple[str, str, object]


def scope_key(claim: Claim) -> ScopeKey:
    """Level, locality and period of a claim (None == None: an unstated period is one period)."""
    p = claim.period
    period = None if p is None else ((p.start, p.end) if (p.start or p.end) else p.label)
    return (claim.level, (claim.locality or "").casefold(), period)


@dataclass(slots=True)
class Article:
    """Claims indexed by scope and metric, with the sentence layout, for the rules to query."""

    claims: list[Claim]
    sentences: list[Sentence]
    near_span: int = 3
    _index: dict[tuple[ScopeKey, str, str], list[int]] = field(default_factory=dict)
    _scopes: list[ScopeKey] = field(default_factory=list)
    _segments: list[int | None] = field(default_factory=list)
    # per index key: its claims ordered by sentence, and those sentences (for bisect in nearest)
    _by_sentence: dict[tuple[ScopeKey, str, str], tuple[list[int], list[int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[tuple[ScopeKey, str, str], list[int]] = defaultdict(list)
        self._scopes = [scope_key(c) for c in self.claims]
        n = len(self.sentences)
        self._segments = [
            self.sentences[c.sentence].segment if 0 <= c.sentence < n else None for c in self.claims
        ]
        for i, c in enumerate(self.claims):
            index[(self._scopes[i], c.metric, c.unit)].append(i)
        self._index = dict(index)
        for key, js in self._index.items():
            order = sorted(js, key=lambda j: self.claims[j].sentence)
            self._by_sentence[key] = (order, [self.claims[j].sentence for j in order])

    def scope(self, i: int) -> ScopeKey:
        return self._scopes[i]

    def segment(self, i: int) -> int | None:
        return self._segments[i]

    def near(self, i: int, j: int) -> bool:
        a, b = self.claims[i].sentence, self.claims[j].sentence
        d = abs(a - b)
        if d <= 1:
            return True
        seg = self.segment(i)
        return d <= self.near_span and seg is not None and seg == self.segment(j)

    def same(self, i: int, metric: str, unit: str) -> list[int]:
        """Claims of ``metric`` in ``unit`` within the scope of claim i."""
        return self._index.get((self.scope(i), metric, unit), [])

    def nearest(self, i: int, metric: str, unit: str, exclude: Iterable[int] = ()) -> int | None:
        """The claim of ``metric`` in the scope of claim i nearest to it (earlier wins ties)."""
        skip = set(exclude)
        best: tuple[int, int, int] | None = None
        # only claims within near_span sentences (or one) can be near: look at those alone
        order, sents = self._by_sentence.get((self.scope(i), metric, unit), ((), ()))
        s = self.claims[i].sentence
        reach = max(1, self.near_span)
        lo, hi = bisect.bisect_left(sents, s - reach), bisect.bisect_right(sents, s + reach)
        for j in order[lo:hi]:
            if j == i or j in skip or not self.near(i, j):
                continue
            key = (abs(self.claims[j].sentence - self.claims[i].sentence), abs(j - i), j)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]

    def elsewhere(self, i: int, metric: str, unit: str) -> bool:
        """Some claim of ``metric`` near claim i, but in another scope."""
        for j, c in enumerate(self.claims):
            if c.metric == metric and c.unit == unit and self.near(i, j) and self._scopes[j] != self._scopes[i]:
                return True
        return False
