"""Averages match each other (average_matches_total): monthly ~ daily x working days (22 stated;
20 to 23 accepted). Depends on an assumption, so a mismatch is at most a warning."""

from __future__ import annotations

from ..models import Finding
from ._data import rules
from ._interval import judge
from ._say import finding, num
from ._scope import Article

__all__ = ["check_averages"]


def check_averages(art: Article) -> list[Finding]:
    r = rules()
    lo, hi = r.working_days_range
    out: list[Finding] = []
    for monthly, daily in r.averages:
        for m in art.of_metric(monthly, "count"):
            d = art.nearest(m, daily, "count")
            if d is None:
                continue
            computed = art.strict(d).scale(lo, hi)
            computed_l = art.loose(d).scale(lo, hi)
            stated = art.strict(m)
            status, severity, _ = judge(computed, stated, computed_l, art.loose(m), True)
            value = art.value[d] * r.working_days
            out.append(finding(
                "average_matches_total", status, severity, [m, d], art.sentence, status,
                {"daily": art.fig(d), "monthly": art.fig(m), "days": str(r.working_days), "computed": num(value)},
                expected=value, actual=art.value[m], tolerance=(computed.width + stated.width) / 2,
            ))
    return out
