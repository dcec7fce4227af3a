"""The same metric, scope and period stated twice (same_figure_twice).

Equal figures confirm each other (ok). Different figures are a mismatch of severity ``info``:
the article may describe two things the extractor could not tell apart ("trên hệ thống" and
"trên thực tế"; the service centre and the portal), so it is shown, not alarmed.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Claim, Finding
from ._interval import strict
from ._say import fig, finding, name
from ._scope import Article, ScopeKey, scope_key

__all__ = ["check_repeats"]


def _key(c: Claim) -> tuple[ScopeKey, str, str, float | None, str | None, str | None]:
    return (scope_key(c), c.metric, c.unit, c.total, c.of, c.label)


def check_repeats(art: Article) -> list[Finding]:
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(art.claims):
        if c.metric == "other" and (not c.label or c.label.endswith("_target")):
            continue
        groups[_key(c)].append(i)
    out: list[Finding] = []
    cl = art.claims
    for members in groups.values():
        for a, b in zip(members, members[1:]):
            if cl[a].sentence == cl[b].sentence and cl[a].raw == cl[b].raw and cl[a].start == cl[b].start:
                continue
            same = strict(cl[a]).meets(strict(cl[b]))
            status = "ok" if same else "mismatch"
            template = "rounded" if same and cl[a].value != cl[b].value else status
            out.append(finding(
                "same_figure_twice", status, "info", [a, b], cl, template,
                {"name": name(cl[a].metric), "first": fig(cl[a], True), "second": fig(cl[b], True)},
                expected=cl[a].value, actual=cl[b].value,
            ))
    return out
