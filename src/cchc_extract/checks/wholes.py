"""A part never above its whole (part_not_above_whole): online, direct, postal, resolved, late <=
received (+ carried over); a level's procedures <= all procedures; X <= Y in 'X/Y' figures."""

from __future__ import annotations

from collections.abc import Set

from ..models import Finding
from ._data import rules
from ._interval import Span, span_sum
from ._say import finding, joined, name, num, of_unit
from ._scope import Article

__all__ = ["check_wholes", "check_fraction_totals"]


def check_wholes(art: Article, paired: Set[tuple[int, int]]) -> list[Finding]:
    """``paired``: (part, whole) pairs an equality check already covered; not repeated here."""
    out: list[Finding] = []
    metric = art.metric
    # the claims that may be a part: plain counts (not X/Y), in reading order
    counts = [p for p, (u, t) in enumerate(zip(art.unit, art.total)) if u == "count" and t is None]
    for rel in rules().wholes:
        for p in counts:
            if metric[p] not in rel.parts:
                continue
            w = art.nearest(p, rel.whole[0], "count")
            if w is None or (p, w) in paired:
                continue
            whole = [w] + [j for m in rel.whole[1:] if (j := art.nearest(w, m, "count")) is not None]
            out.append(_finding(art, p, whole))
    return out


def _finding(art: Article, p: int, whole: list[int]) -> Finding:
    value, metric = art.value, art.metric
    part = art.strict(p)
    total = span_sum([art.strict(j) for j in whole])
    ok = part.at_most(total)
    status = "ok" if ok else "mismatch"
    # approximate figures make a mismatch a warning (read only for a mismatch)
    severity = "info" if ok else ("warning" if any(art.approximate(j) for j in (p, *whole)) else "error")
    wv = sum([value[j] for j in whole])
    return finding(
        "part_not_above_whole", status, severity, [p, *whole], art.sentence, status,
        {
            "part": art.fig(p), "name": name(metric[p]),
            "whole": joined([art.fig(j) for j in whole]),
            "whole_name": joined([name(metric[j]) for j in whole], " + "),
            "diff": num(max(value[p] - wv, 0.0)),
        },
        expected=wv, actual=value[p], tolerance=(part.width + total.width) / 2,
    )


def check_fraction_totals(art: Article) -> list[Finding]:
    """'104/128 ấp': 104 <= 128."""
    out: list[Finding] = []
    for i, (u, t) in enumerate(zip(art.unit, art.total)):
        if t is None or u != "count":
            continue
        c = art.claims[i]
        ok = art.strict(i).at_most(Span(t, t))
        status = "ok" if ok else "mismatch"
        severity = "info" if ok else ("warning" if art.approximate(i) else "error")
        unit = of_unit(c.of)
        label = name(c.metric)
        out.append(finding(
            "part_not_above_whole", status, severity, [i], art.sentence, status + "_of",
            {"part": art.fig(i), "whole": num(t), "name": (f"{unit[0]} {label[0]}".strip(), f"{unit[1]} {label[1]}".strip()),
             "diff": num(max(c.value - t, 0.0))},
            expected=t, actual=c.value,
        ))
    return out
