"""Across articles (for archives): the same metric, level, locality and period reported with
different values by different articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Finding, Report
from ._data import rules
from ._interval import strict
from ._say import fig, name

__all__ = ["ArticleFinding", "cross_article_findings"]


@dataclass(frozen=True, slots=True)
class ArticleFinding:
    """A finding over several reports: ``refs`` are (report index, claim index) pairs;
    ``finding.claims`` are the report indexes, for a reader who only needs which articles."""

    finding: Finding
    refs: tuple[tuple[int, int], ...]


def _scope_label(level: str, locality: str, period: str) -> str:
    return ", ".join(x for x in (locality, period) if x) or level


def cross_article_findings(reports: Sequence[Report]) -> list[ArticleFinding]:
    """One mismatch (severity warning) per metric/level/locality/period whose articles disagree.

    Only claims with a named locality and a dated period take part: without them two articles
    cannot be said to speak of the same thing.
    """
    groups: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for r, rep in enumerate(reports):
        for i, c in enumerate(rep.claims):
            p = c.period
            if not c.locality or p is None or not (p.start or p.end) or c.metric == "other":
                continue
            key = (c.metric, c.unit, c.level, c.locality.casefold(), p.start, p.end, c.total, c.of)
            groups[key].append((r, i))
    msg = rules().messages["same_figure_twice"]["across"]
    out: list[ArticleFinding] = []
    for key, refs in groups.items():
        if len({r for r, _ in refs}) < 2:
            continue
        claims = [reports[r].claims[i] for r, i in refs]
        spans = [strict(c) for c in claims]
        # intervals on a line meet pairwise when the highest start meets the lowest end (linear, not
        # quadratic: a group can hold thousands of articles)
        if max(spans, key=lambda s: s.lo).meets(min(spans, key=lambda s: s.hi)):
            continue
        c0 = claims[0]
        scope = _scope_label(c0.level, c0.locality or "", c0.period.label if c0.period else "")
        figs_vi = "; ".join(f"{fig(c)[0]} ({_source(reports[r], r)})" for (r, _), c in zip(refs, claims))
        figs_en = "; ".join(f"{fig(c)[1]} ({_source(reports[r], r)})" for (r, _), c in zip(refs, claims))
        nm = name(c0.metric)
        f = Finding(
            rule="same_figure_across_articles", status="mismatch", severity="warning",
            claims=sorted({r for r, _ in refs}),
            expected=claims[0].value, actual=claims[-1].value,
            message=msg["vi"].format(name=nm[0], scope=scope, figures=figs_vi),
            message_en=msg["en"].format(name=nm[1], scope=scope, figures=figs_en),
        )
        out.append(ArticleFinding(f, tuple(refs)))
    return out


def _source(rep: Report, r: int) -> str:
    return rep.source or rep.url or f"#{r}"
