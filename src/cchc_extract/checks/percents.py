"""A stated percentage matches its counts (percent_matches_counts) and X/Y figures their stated
share (fraction_matches_percent)."""

from __future__ import annotations

from ..models import Finding
from ._data import rules
from ._interval import Span, judge
from ._say import finding, joined, name, num
from ._scope import Article

__all__ = ["check_percents", "check_fractions", "unverifiable_percents"]


def _compare(
    art: Article, rule: str, p: int, members: list[int], computed: Span, computed_l: Span,
    value: float, part: tuple[str, str], whole: tuple[str, str], cap_warning: bool,
) -> Finding:
    approx = any(art.approximate(j) for j in members)
    stated = art.strict(p)
    status, severity, truncated = judge(computed, stated, computed_l, art.loose(p), approx)
    if cap_warning and severity == "error":
        severity = "warning"
    places = art.decimals(p)
    shown = places + 1
    if round(round(value, shown), places) != round(value, places):
        shown += 1  # '0,505' would read as rounding up; show '0,5049'
    template = "truncated" if truncated else status
    actual = art.value[p]
    return finding(
        rule, status, severity, members, art.sentence, template,
        {"part": part, "whole": whole, "pct": num(value, shown), "rounded": num(round(value, places), places),
         "stated": art.fig(p), "diff": num(abs(value - actual), places + 1)},
        expected=value, actual=actual, tolerance=(computed.width + stated.width) / 2,
    )


def check_percents(art: Article) -> list[Finding]:
    out: list[Finding] = []
    shares = rules().shares
    total, value = art.total, art.value
    for p, (metric, unit) in enumerate(zip(art.metric, art.unit)):
        if unit != "percent" or metric not in shares:
            continue
        k = art.nearest(p, metric, "count")
        if k is None or total[k] is not None:
            continue
        for rank, wm in enumerate(shares[metric]):
            w = art.nearest(k, wm, "count")
            if w is None or total[w] is not None:
                continue
            computed = art.strict(k).ratio(art.strict(w))
            if computed is None:
                break
            computed_l = art.loose(k).ratio(art.loose(w)) or computed
            ratio = 100.0 * value[k] / value[w] if value[w] else 0.0
            out.append(_compare(art, "percent_matches_counts", p, [p, k, w], computed, computed_l,
                                ratio, art.fig(k), art.fig(w), cap_warning=rank > 0))
            break
    return out


def check_fractions(art: Article) -> list[Finding]:
    """'6.005/50.881 hộ ... chiếm 11,80%': 6005/50881 = 11,80%.

    A stated share is compared with one X/Y only, the nearest (earlier wins ties), and never with
    an X/Y of another kind of unit: in "Wi-Fi tại 112/126 thôn, đạt 92% và 3/5 chợ" the 92% is
    112/126, not 3/5."""
    total, claims, sentence = art.total, art.claims, art.sentence
    chosen: dict[int, tuple[tuple[int, int, int], int]] = {}  # a share -> (distance, its X/Y)
    for x, (metric, unit, t) in enumerate(zip(art.metric, art.unit, total)):
        if unit != "count" or not t or t <= 0:
            continue
        p = art.nearest(x, metric, "percent")
        if p is None or total[p] is not None:
            continue
        of_x, of_p = claims[x].of, claims[p].of
        if of_x and of_p and of_x != of_p:
            continue
        key = (abs(sentence[p] - sentence[x]), abs(p - x), x)
        if p not in chosen or key < chosen[p][0]:
            chosen[p] = (key, x)
    out: list[Finding] = []
    for p, (_, x) in sorted(chosen.items(), key=lambda kv: kv[1][1]):
        t = total[x]
        whole = Span(t, t)
        computed = art.strict(x).ratio(whole)
        computed_l = art.loose(x).ratio(whole)
        if computed is None or computed_l is None:
            continue
        ratio = 100.0 * art.value[x] / t
        out.append(_compare(art, "fraction_matches_percent", p, [p, x], computed, computed_l,
                            ratio, art.fig(x), num(t), cap_warning=False))
    return out


def unverifiable_percents(art: Article, checked: set[int]) -> list[Finding]:
    """A share no rule could check says so, and why (its count or its whole is not stated)."""
    out: list[Finding] = []
    shares = rules().shares
    for p, (metric, unit) in enumerate(zip(art.metric, art.unit)):
        if unit != "percent" or metric not in shares or p in checked:
            continue
        missing = []
        far: list[int] = []  # the same counts, stated too far away to be paired
        k = art.nearest(p, metric, "count")
        if k is None:
            missing.append(name(metric))
            far += art.in_scope(p, metric, "count")[:1]
        if all(art.nearest(k if k is not None else p, wm, "count") is None for wm in shares[metric]):
            missing.append(name(shares[metric][0]))
            far += next((js[:1] for wm in shares[metric] if (js := art.in_scope(p, wm, "count"))), [])
        if not missing:
            continue
        fields = {"stated": art.fig(p), "name": name(shares[metric][0]), "missing": joined(missing, ", ")}
        if len(far) == len(missing):  # every missing count is in the article, only further away
            fields["far"] = ", ".join(str(n) for n in sorted({art.sentence[j] + 1 for j in far}))
        out.append(finding(
            "percent_matches_counts", "unverifiable", "info", [p], art.sentence, "far" if "far" in fields else "unverifiable",
            fields, actual=art.value[p],
        ))
    return out
