"""The same metric, scope and period stated twice (same_figure_twice).

Equal figures confirm each other (ok). Different figures are a mismatch of severity ``info``:
the article may describe two things the extractor could not tell apart ("trên hệ thống" and
"trên thực tế"; the service centre and the portal), so it is shown, not alarmed.
"""

from __future__ import annotations

from ..models import Finding
from ._say import finding, name
from ._scope import Article

__all__ = ["check_repeats"]


def check_repeats(art: Article) -> list[Finding]:
    # grouped by scope number, metric, unit, total, what an X/Y counts and label: the scope number
    # stands for the scope key (equal keys, equal numbers)
    groups: dict[tuple, list[int]] = {}
    for i, metric in enumerate(art.metric):
        f = art.fields_of(i)
        if metric == "other" and (not f["label"] or f["label"].endswith("_target")):
            continue
        groups.setdefault((art.scope_id(i), metric, f["unit"], f["total"], f["of"], f["label"]), []).append(i)
    out: list[Finding] = []
    value = art.value
    for members in groups.values():
        for a, b in zip(members, members[1:]):
            fa, fb = art.fields_of(a), art.fields_of(b)
            if fa["sentence"] == fb["sentence"] and fa["raw"] == fb["raw"] and fa["start"] == fb["start"]:
                continue
            same = art.strict(a).meets(art.strict(b))
            status = "ok" if same else "mismatch"
            template = "rounded" if same and value[a] != value[b] else status
            out.append(finding(
                "same_figure_twice", status, "info", [a, b], art.sentence, template,
                {"name": name(art.metric[a]), "first": art.fig(a, True), "second": art.fig(b, True)},
                expected=value[a], actual=value[b],
            ))
    return out
