"""Parts that add up to their total: counts (parts_sum_to_total) and shares (percents_sum_to_100)."""

from __future__ import annotations

from ..models import Finding
from ._data import SumRelation, rules
from ._interval import Span, approximate, decimals, judge, loose, strict
from ._say import fig, finding, joined, name, noun, num
from ._scope import Article

__all__ = ["check_sums"]

_HUNDRED = Span(100.0, 100.0)


def check_sums(art: Article) -> list[Finding]:
    found: list[tuple[Finding, int]] = []
    for rel in rules().sums:
        found.extend(_count_sums(art, rel))
        if rel.percent:
            found.extend((f, -1) for f in _percent_sums(art, rel))
    # a total that one relation checked in full needs no "cannot check" from another
    done = {t for f, t in found if f.status != "unverifiable"}
    return [f for f, t in found if f.status != "unverifiable" or t not in done]


def _parts_near(art: Article, anchor: int, rel: SumRelation, unit: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for m in rel.parts:
        j = art.nearest(anchor, m, unit, exclude=found.values())
        if j is not None:
            found[m] = j
    return found


def _count_sums(art: Article, rel: SumRelation) -> list[tuple[Finding, int]]:
    candidates: list[tuple[int, int, dict[str, int]]] = []
    for t, c in enumerate(art.claims):
        if c.metric != rel.total or c.unit != "count" or c.total is not None:
            continue
        parts = _parts_near(art, t, rel, "count")
        if parts:
            reach = max(abs(art.claims[j].sentence - c.sentence) for j in parts.values())
            candidates.append((reach, t, parts))
    out: list[tuple[Finding, int]] = []
    used: set[int] = set()
    for _, t, parts in sorted(candidates):
        if used.intersection(parts.values()):
            continue  # a nearer total already took these parts
        used.update(parts.values())
        missing = [m for m in rel.required if m not in parts]
        if missing:
            if any(m in parts for m in rel.required):
                out.append((_missing(art, rel, t, parts, missing), t))
            continue
        out.append((_sum_finding(art, rel, t, sorted(parts.values())), t))
    return out


def _sum_finding(art: Article, rel: SumRelation, t: int, parts: list[int]) -> Finding:
    cl = art.claims
    total = cl[t]
    computed = sum((strict(cl[j]) for j in parts), Span(0.0, 0.0))
    computed_l = sum((loose(cl[j]) for j in parts), Span(0.0, 0.0))
    approx = any(approximate(cl[j]) for j in (t, *parts))
    status, severity, _ = judge(computed, strict(total), computed_l, loose(total), approx)
    value = sum(cl[j].value for j in parts)
    if status == "mismatch" and severity == "error" and computed.hi < strict(total).lo:
        severity = rel.short  # parts short of the total: a channel or level may be unlisted
    places = max(decimals(cl[j]) for j in parts)
    return finding(
        "parts_sum_to_total", status, severity, [t, *parts], cl, status,
        {
            "parts": joined([fig(cl[j]) for j in parts]),
            "sum": num(value, places),
            "total": fig(total),
            "noun": noun(rel.total),
            "diff": num(abs(total.value - value), places),
        },
        expected=value, actual=total.value, tolerance=(computed.width + strict(total).width) / 2,
    )


def _missing(art: Article, rel: SumRelation, t: int, parts: dict[str, int], missing: list[str]) -> Finding:
    cl = art.claims
    names = [name(m) for m in missing]
    return finding(
        "parts_sum_to_total", "unverifiable", "info", [t, *parts.values()], cl, "unverifiable",
        {"total": fig(cl[t]), "noun": noun(rel.total), "missing": joined(names, ", ")},
        actual=cl[t].value,
    )


def _percent_sums(art: Article, rel: SumRelation) -> list[Finding]:
    candidates: list[tuple[int, int, list[int]]] = []
    first = rel.required[0]
    for a, c in enumerate(art.claims):
        if c.metric != first or c.unit != "percent":
            continue
        parts = _parts_near(art, a, rel, "percent")
        parts[first] = a
        if any(m not in parts for m in rel.required):
            continue
        if any(m not in parts and art.nearest(a, m, "count") is not None for m in rel.optional):
            continue  # a part stated as a count but not as a share: the shares cannot be complete
        members = sorted(parts[m] for m in rel.parts if m in parts)
        reach = max(abs(art.claims[j].sentence - c.sentence) for j in members)
        candidates.append((reach, a, members))
    out: list[Finding] = []
    used: set[int] = set()
    for _, _, members in sorted(candidates):
        if used.intersection(members):
            continue
        used.update(members)
        out.append(_percent_finding(art, rel, members))
    return out


def _percent_finding(art: Article, rel: SumRelation, parts: list[int]) -> Finding:
    cl = art.claims
    computed = sum((strict(cl[j]) for j in parts), Span(0.0, 0.0))
    computed_l = sum((loose(cl[j]) for j in parts), Span(0.0, 0.0))
    approx = any(approximate(cl[j]) for j in parts)
    status, severity, _ = judge(computed, _HUNDRED, computed_l, _HUNDRED, approx)
    if status == "mismatch" and severity == "error" and computed.hi < 100.0:
        severity = rel.short
    value = sum(cl[j].value for j in parts)
    places = max(decimals(cl[j]) for j in parts)
    pct = [(v + "%", e + "%") for v, e in (fig(cl[j]) for j in parts)]
    return finding(
        "percents_sum_to_100", status, severity, parts, cl, status,
        {"parts": joined(pct), "sum": num(value, places), "whole": name(rel.total),
         "diff": num(abs(100.0 - value), places)},
        expected=100.0, actual=value, tolerance=computed.width / 2,
    )
