"""Across articles (for archives): the same metric, level, locality and period reported with
different values by different articles.

The check reads of each claim only a few fields, its ``Entry``: ``entry`` takes them from a claim
once, ``entries_findings`` compares entries. ``cross_article_findings`` runs both over reports; a
batch over an archive keeps the entries alone (small, and plain data a worker can send), not the
claims."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from ..models import Claim, Finding, Report
from ._data import rules
from ._interval import Span, strict
from ._say import fig, name

__all__ = ["ArticleFinding", "Entry", "entry", "new_entry", "entries_findings", "cross_article_findings"]


@dataclass(frozen=True, slots=True)
class ArticleFinding:
    """A finding over several reports: ``refs`` are (report index, claim index) pairs;
    ``finding.claims`` are the report indexes, for a reader who only needs which articles."""

    finding: Finding
    refs: tuple[tuple[int, int], ...]


class Entry(NamedTuple):
    """What the across check reads of one claim: ``key``, the same for the claims it is compared
    with (made of metric, unit, level, casefolded locality, period start and end, total and of; any
    hashable value that is equal exactly when those are: a batch keeps it as JSON text); its
    rounding interval (``lo``, ``hi``); and what a message prints (metric, value, the figure as the
    article prints it in Vietnamese and in English, level, locality, period label). The fields after
    the key are plain data: they survive JSON."""

    key: Hashable
    metric: str
    lo: float
    hi: float
    value: float
    fig_vi: str
    fig_en: str
    level: str
    locality: str
    period: str


# Entry(*fields) from a sequence of its fields, without the Python-level __new__ of a NamedTuple (a
# batch makes one for every claim that takes part)
new_entry: Callable[[Sequence], Entry] = partial(tuple.__new__, Entry)


def entry(c: Claim) -> Entry | None:
    """The claim's entry, or None when it takes no part: without a named locality and a dated
    period two articles cannot be said to speak of the same thing; ``other`` is no metric."""
    p = c.period
    if not c.locality or p is None or not (p.start or p.end) or c.metric == "other":
        return None
    s = strict(c)
    start = p.start.isoformat() if p.start else None
    end = p.end.isoformat() if p.end else None
    key = (c.metric, c.unit, c.level, c.locality.casefold(), start, end, c.total, c.of)
    vi, en = fig(c)
    return Entry(key, c.metric, s.lo, s.hi, c.value, vi, en, c.level, c.locality, p.label)


def _lo(ref: tuple[int, int, Entry]) -> float:
    return ref[2].lo


def _hi(ref: tuple[int, int, Entry]) -> float:
    return ref[2].hi


def _scope_label(level: str, locality: str, period: str) -> str:
    return ", ".join(x for x in (locality, period) if x) or level


def entries_findings(
    entries: Iterable[tuple[int, int, Entry]], source: Callable[[int], str]
) -> list[ArticleFinding]:
    """One mismatch (severity warning) per key whose articles disagree. ``entries`` are
    (article, claim index, entry) in the articles' order; ``source(article)`` names an article in
    the message."""
    groups: dict[Hashable, list[tuple[int, int, Entry]]] = defaultdict(list)
    for r, i, e in entries:
        groups[e.key].append((r, i, e))
    msg = rules().messages["same_figure_twice"]["across"]
    out: list[ArticleFinding] = []
    for refs in groups.values():
        if refs[0][0] == refs[-1][0] and len({r for r, _, _ in refs}) < 2:
            continue
        # intervals on a line meet pairwise when the highest start meets the lowest end (linear, not
        # quadratic: a group can hold thousands of articles)
        top = max(refs, key=_lo)[2]
        bottom = min(refs, key=_hi)[2]
        if Span(top.lo, top.hi).meets(Span(bottom.lo, bottom.hi)):
            continue
        e0 = refs[0][2]
        scope = _scope_label(e0.level, e0.locality, e0.period)
        sources = [source(r) for r, _, _ in refs]
        figs_vi = "; ".join(f"{e.fig_vi} ({s})" for (_, _, e), s in zip(refs, sources))
        figs_en = "; ".join(f"{e.fig_en} ({s})" for (_, _, e), s in zip(refs, sources))
        nm = name(e0.metric)
        f = Finding(
            rule="same_figure_across_articles", status="mismatch", severity="warning",
            claims=sorted({r for r, _, _ in refs}),
            expected=e0.value, actual=refs[-1][2].value,
            message=msg["vi"].format(name=nm[0], scope=scope, figures=figs_vi),
            message_en=msg["en"].format(name=nm[1], scope=scope, figures=figs_en),
        )
        out.append(ArticleFinding(f, tuple((r, i) for r, i, _ in refs)))
    return out


def cross_article_findings(reports: Sequence[Report]) -> list[ArticleFinding]:
    """One mismatch (severity warning) per metric/level/locality/period whose articles disagree.

    Only claims with a named locality and a dated period take part: without them two articles
    cannot be said to speak of the same thing.
    """
    entries = ((r, i, e) for r, rep in enumerate(reports) for i, c in enumerate(rep.claims) if (e := entry(c)))
    return entries_findings(entries, lambda r: _source(reports[r], r))


def _source(rep: Report, r: int) -> str:
    return rep.source or rep.url or f"#{r}"
