"""Parts that add up to their total: counts (parts_sum_to_total) and shares (percents_sum_to_100)."""

from __future__ import annotations

from collections.abc import Callable

from ..models import Finding
from ._data import SumRelation, rules
from ._interval import Span, judge, span_sum
from ._say import finding, joined, name, noun, num, with_percent
from ._scope import Article

__all__ = ["check_sums"]

_HUNDRED = Span(100.0, 100.0)

# A finding still to be written: (whether it is "unverifiable", its total, how to write it). The
# status is known before the messages are: a "cannot check" that another relation's check of the
# same total makes redundant is never written.
_Pending = tuple[bool, int, Callable[[], Finding]]


def check_sums(art: Article) -> list[Finding]:
    found: list[_Pending] = []
    for rel in rules().sums:
        found.extend(_count_sums(art, rel))
        if rel.percent:
            found.extend(_percent_sums(art, rel))
    # a total that one relation checked in full needs no "cannot check" from another
    done = {t for unverifiable, t, _ in found if not unverifiable}
    return [write() for unverifiable, t, write in found if not unverifiable or t not in done]


def _parts_near(art: Article, anchor: int, rel: SumRelation, unit: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for m in art.stated(anchor, rel.parts, unit):  # the others have no claim to be nearest
        j = art.nearest(anchor, m, unit, exclude=found.values())
        if j is not None:
            found[m] = j
    return found


def _count_sums(art: Article, rel: SumRelation) -> list[_Pending]:
    totals = art.of_metric(rel.total, "count")
    if not totals:
        return []
    candidates: list[tuple[int, int, dict[str, int]]] = []
    sent = art.sentence
    for t in totals:
        if art.total[t] is not None:
            continue
        parts = _parts_near(art, t, rel, "count")
        if parts:
            reach = max(abs(sent[j] - sent[t]) for j in parts.values())
            candidates.append((reach, t, parts))
    out: list[_Pending] = []
    used: set[int] = set()
    for _, t, parts in sorted(candidates):
        if used.intersection(parts.values()):
            continue  # a nearer total already took these parts
        used.update(parts.values())
        missing = [m for m in rel.required if m not in parts]
        if missing:
            if any(m in parts for m in rel.required):
                out.append((True, t, lambda t=t, parts=parts, missing=missing: _missing(art, rel, t, parts, missing)))
            continue
        out.append((False, t, lambda t=t, parts=parts: _sum_finding(art, rel, t, sorted(parts.values()))))
    return out


def _sum_finding(art: Article, rel: SumRelation, t: int, parts: list[int]) -> Finding:
    computed = span_sum([art.strict(j) for j in parts])
    computed_l = span_sum([art.loose(j) for j in parts])
    approx = any(art.approximate(j) for j in (t, *parts))
    stated = art.strict(t)
    status, severity, _ = judge(computed, stated, computed_l, art.loose(t), approx)
    value = sum([art.value[j] for j in parts])
    if status == "mismatch" and severity == "error" and computed.hi < stated.lo:
        severity = rel.short  # parts short of the total: a channel or level may be unlisted
    places = max([art.decimals(j) for j in parts])
    total = art.value[t]
    return finding(
        "parts_sum_to_total", status, severity, [t, *parts], art.sentence, status,
        {
            "parts": joined([art.fig(j) for j in parts]),
            "sum": num(value, places),
            "total": art.fig(t),
            "noun": noun(rel.total),
            "diff": num(abs(total - value), places),
        },
        expected=value, actual=total, tolerance=(computed.width + stated.width) / 2,
    )


def _missing(art: Article, rel: SumRelation, t: int, parts: dict[str, int], missing: list[str]) -> Finding:
    names = [name(m) for m in missing]
    return finding(
        "parts_sum_to_total", "unverifiable", "info", [t, *parts.values()], art.sentence, "unverifiable",
        {"total": art.fig(t), "noun": noun(rel.total), "missing": joined(names, ", ")},
        actual=art.value[t],
    )


def _percent_sums(art: Article, rel: SumRelation) -> list[_Pending]:
    first = rel.required[0]
    firsts = art.of_metric(first, "percent")
    if not firsts:
        return []
    candidates: list[tuple[int, int, list[int]]] = []
    sent = art.sentence
    for a in firsts:
        parts = _parts_near(art, a, rel, "percent")
        parts[first] = a
        if any(m not in parts for m in rel.required):
            continue
        if any(m not in parts and art.nearest(a, m, "count") is not None for m in rel.optional):
            continue  # a part stated as a count but not as a share: the shares cannot be complete
        members = sorted(parts[m] for m in rel.parts if m in parts)
        reach = max(abs(sent[j] - sent[a]) for j in members)
        candidates.append((reach, a, members))
    out: list[_Pending] = []
    used: set[int] = set()
    for _, _, members in sorted(candidates):
        if used.intersection(members):
            continue
        used.update(members)
        out.append((False, -1, lambda members=members: _percent_finding(art, rel, members)))
    return out


def _percent_finding(art: Article, rel: SumRelation, parts: list[int]) -> Finding:
    computed = span_sum([art.strict(j) for j in parts])
    computed_l = span_sum([art.loose(j) for j in parts])
    approx = any(art.approximate(j) for j in parts)
    status, severity, _ = judge(computed, _HUNDRED, computed_l, _HUNDRED, approx)
    if status == "mismatch" and severity == "error" and computed.hi < 100.0:
        severity = rel.short
    value = sum([art.value[j] for j in parts])
    places = max([art.decimals(j) for j in parts])
    pct = [with_percent(art.fig(j)) for j in parts]
    return finding(
        "percents_sum_to_100", status, severity, parts, art.sentence, status,
        {"parts": joined(pct), "sum": num(value, places), "whole": name(rel.total),
         "diff": num(abs(100.0 - value), places)},
        expected=100.0, actual=value, tolerance=computed.width / 2,
    )
