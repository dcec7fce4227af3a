"""Averages match each other (average_matches_total): monthly ~ daily x working days (22 stated;
20 to 23 accepted). Depends on an assumption, so a mismatch is at most a warning."""

from __future__ import annotations

from ..models import Finding
from ._data import rules
from ._interval import judge, loose, strict
from ._say import fig, finding, num
from ._scope import Article

__all__ = ["check_averages"]


def check_averages(art: Article) -> list[Finding]:
    r = rules()
    lo, hi = r.working_days_range
    out: list[Finding] = []
    cl = art.claims
    for monthly, daily in r.averages:
        for m, c in enumerate(cl):
            if c.metric != monthly or c.unit != "count":
                continue
            d = art.nearest(m, daily, "count")
            if d is None:
                continue
            computed = strict(cl[d]).scale(lo, hi)
            computed_l = loose(cl[d]).scale(lo, hi)
            status, severity, _ = judge(computed, strict(c), computed_l, loose(c), True)
            value = cl[d].value * r.working_days
            out.append(finding(
                "average_matches_total", status, severity, [m, d], cl, status,
                {"daily": fig(cl[d]), "monthly": fig(c), "days": str(r.working_days), "computed": num(value)},
                expected=value, actual=c.value, tolerance=(computed.width + strict(c).width) / 2,
            ))
    return out
