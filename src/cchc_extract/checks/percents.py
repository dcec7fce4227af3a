"""A stated percentage matches its counts (percent_matches_counts) and X/Y figures their stated
share (fraction_matches_percent)."""

from __future__ import annotations

from ..models import Finding
from ._data import rules
from ._interval import Span, approximate, decimals, judge, loose, strict
from ._say import fig, finding, joined, name, num
from ._scope import Article

__all__ = ["check_percents", "check_fractions", "unverifiable_percents"]


def _compare(
    art: Article, rule: str, p: int, members: list[int], computed: Span, computed_l: Span,
    value: float, part: tuple[str, str], whole: tuple[str, str], cap_warning: bool,
) -> Finding:
    c = art.claims[p]
    approx = any(approximate(art.claims[j]) for j in members)
    status, severity, truncated = judge(computed, strict(c), computed_l, loose(c), approx)
    if cap_warning and severity == "error":
        severity = "warning"
    places = decimals(c)
    shown = places + 1
    if round(round(value, shown), places) != round(value, places):
        shown += 1  # '0,505' would read as rounding up; show '0,5049'
    template = "truncated" if truncated else status
    return finding(
        rule, status, severity, members, art.claims, template,
        {"part": part, "whole": whole, "pct": num(value, shown), "rounded": num(round(value, places), places),
         "stated": fig(c), "diff": num(abs(value - c.value), places + 1)},
        expected=value, actual=c.value, tolerance=(computed.width + strict(c).width) / 2,
    )


def check_percents(art: Article) -> list[Finding]:
    out: list[Finding] = []
    cl = art.claims
    shares = rules().shares
    for p, c in enumerate(cl):
        if c.unit != "percent" or c.metric not in shares:
            continue
        k = art.nearest(p, c.metric, "count")
        if k is None or cl[k].total is not None:
            continue
        for rank, wm in enumerate(shares[c.metric]):
            w = art.nearest(k, wm, "count")
            if w is None or cl[w].total is not None:
                continue
            computed = strict(cl[k]).ratio(strict(cl[w]))
            if computed is None:
                break
            computed_l = loose(cl[k]).ratio(loose(cl[w])) or computed
            value = 100.0 * cl[k].value / cl[w].value if cl[w].value else 0.0
            out.append(_compare(art, "percent_matches_counts", p, [p, k, w], computed, computed_l,
                                value, fig(cl[k]), fig(cl[w]), cap_warning=rank > 0))
            break
    return out


def check_fractions(art: Article) -> list[Finding]:
    """'6.005/50.881 hộ ... chiếm 11,80%': 6005/50881 = 11,80%."""
    out: list[Finding] = []
    cl = art.claims
    for x, c in enumerate(cl):
        if c.unit != "count" or not c.total or c.total <= 0:
            continue
        p = art.nearest(x, c.metric, "percent")
        if p is None or cl[p].total is not None:
            continue
        whole = Span(c.total, c.total)
        computed = strict(c).ratio(whole)
        computed_l = loose(c).ratio(whole)
        if computed is None or computed_l is None:
            continue
        value = 100.0 * c.value / c.total
        out.append(_compare(art, "fraction_matches_percent", p, [p, x], computed, computed_l,
                            value, fig(c), num(c.total), cap_warning=False))
    return out


def unverifiable_percents(art: Article, checked: set[int]) -> list[Finding]:
    """A share no rule could check says so, and why (its count or its whole is not stated)."""
    out: list[Finding] = []
    cl = art.claims
    shares = rules().shares
    for p, c in enumerate(cl):
        if c.unit != "percent" or c.metric not in shares or p in checked:
            continue
        missing = []
        k = art.nearest(p, c.metric, "count")
        if k is None:
            missing.append(name(c.metric))
        if all(art.nearest(k if k is not None else p, wm, "count") is None for wm in shares[c.metric]):
            missing.append(name(shares[c.metric][0]))
        if not missing:
            continue
        out.append(finding(
            "percent_matches_counts", "unverifiable", "info", [p], cl, "unverifiable",
            {"stated": fig(c), "name": name(shares[c.metric][0]), "missing": joined(missing, ", ")},
            actual=c.value,
        ))
    return out
