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
    # stands for the scope key (equal keys, equal numbers). A claim alone in its scope, metric and
    # unit is alone in its group: it gives no pair, and leaving it out moves no other group.
    groups: dict[tuple, list[int]] = {}
    metrics, sids, fields = art.metric, art.scope_ids, art.fields
    for i in art.sharing():
        metric, f = metrics[i], fields[i]
        label = f["label"]
        if metric == "other" and (not label or label.endswith("_target")):
            continue
        groups.setdefault((sids[i], metric, f["unit"], f["total"], f["of"], label), []).append(i)
    out: list[Finding] = []
    value = art.value
    for members in groups.values():
        if len(members) == 1:
            continue  # no pair: the loop below would not run
        for a, b in zip(members, members[1:]):
            fa, fb = fields[a], fields[b]
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
