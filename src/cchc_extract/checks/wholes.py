"""A part never above its whole (part_not_above_whole): online, direct, postal, resolved, late <=
received (+ carried over); a level's procedures <= all procedures; X <= Y in 'X/Y' figures."""

from __future__ import annotations

from collections.abc import Set

from ..models import Finding
from ._data import rules
from ._interval import Span, approximate, strict
from ._say import fig, finding, joined, name, num, of_unit
from ._scope import Article

__all__ = ["check_wholes", "check_fraction_totals"]


def check_wholes(art: Article, paired: Set[tuple[int, int]]) -> list[Finding]:
    """``paired``: (part, whole) pairs an equality check already covered; not repeated here."""
    out: list[Finding] = []
    cl = art.claims
    for rel in rules().wholes:
        for p, c in enumerate(cl):
            if c.metric not in rel.parts or c.unit != "count" or c.total is not None:
                continue
            w = art.nearest(p, rel.whole[0], "count")
            if w is None or (p, w) in paired:
                continue
            whole = [w] + [j for m in rel.whole[1:] if (j := art.nearest(w, m, "count")) is not None]
            out.append(_finding(art, p, whole))
    return out


def _finding(art: Article, p: int, whole: list[int]) -> Finding:
    cl = art.claims
    part = strict(cl[p])
    total = sum((strict(cl[j]) for j in whole), Span(0.0, 0.0))
    ok = part.at_most(total)
    approx = any(approximate(cl[j]) for j in (p, *whole))
    status = "ok" if ok else "mismatch"
    severity = "info" if ok else ("warning" if approx else "error")
    wv = sum(cl[j].value for j in whole)
    return finding(
        "part_not_above_whole", status, severity, [p, *whole], cl, status,
        {
            "part": fig(cl[p]), "name": name(cl[p].metric),
            "whole": joined([fig(cl[j]) for j in whole]),
            "whole_name": joined([name(cl[j].metric) for j in whole], " + "),
            "diff": num(max(cl[p].value - wv, 0.0)),
        },
        expected=wv, actual=cl[p].value, tolerance=(part.width + total.width) / 2,
    )


def check_fraction_totals(art: Article) -> list[Finding]:
    """'104/128 ấp': 104 <= 128."""
    out: list[Finding] = []
    for i, c in enumerate(art.claims):
        if c.total is None or c.unit != "count":
            continue
        ok = strict(c).at_most(Span(c.total, c.total))
        status = "ok" if ok else "mismatch"
        severity = "info" if ok else ("warning" if approximate(c) else "error")
        unit = of_unit(c.of)
        label = name(c.metric)
        out.append(finding(
            "part_not_above_whole", status, severity, [i], art.claims, status + "_of",
            {"part": fig(c), "whole": num(c.total), "name": (f"{unit[0]} {label[0]}".strip(), f"{unit[1]} {label[1]}".strip()),
             "diff": num(max(c.value - c.total, 0.0))},
            expected=c.total, actual=c.value,
        ))
    return out
