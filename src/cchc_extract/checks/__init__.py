"""Consistency checks over an article's claims: what should add up, checked with intervals.

    findings, coverage = run_checks(report.claims, report.sentences)

Each rule gives ``ok``, ``mismatch`` or ``unverifiable``; ``coverage.checked`` counts the claims
that took part in at least one ``ok`` or ``mismatch`` finding. The relations are data in
``lexicons/checks.toml``; the modules here only know how to test each kind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..models import Claim, Coverage, Finding, Sentence
from ._data import rules
from ._scope import Article
from .across import cross_article_findings
from .averages import check_averages
from .percents import check_fractions, check_percents, unverifiable_percents
from .repeats import check_repeats
from .sums import check_sums
from .wholes import check_fraction_totals, check_wholes

__all__ = ["run_checks", "cross_article_findings"]

_log = logging.getLogger(__name__)
_EQUALITIES = {"parts_sum_to_total"}
_new_coverage = Coverage.__pydantic_validator__.validate_python  # Coverage(**fields), from a dict


def _safe(rule: Callable[..., list[Finding]], *args: Any) -> list[Finding]:
    """``rule(*args)``, or no findings when it raises (logged with the rule's name)."""
    try:
        return rule(*args)
    except Exception:  # a rule never takes the article down with it
        _log.exception("consistency rule %s failed", getattr(rule, "__name__", rule))
        return []


def run_checks(claims: list[Claim], sentences: list[Sentence]) -> tuple[list[Finding], Coverage]:
    """Every applicable rule over ``claims`` (reading order; ``claim.sentence`` indexes ``sentences``)."""
    claims = list(claims or [])
    try:
        art = Article(claims, list(sentences or []), near_span=rules().near)
    except Exception:
        _log.exception("consistency checks could not index the claims")
        return [], Coverage(checked=0, total=len(claims))
    findings: list[Finding] = []
    findings += _safe(check_sums, art)
    paired = {
        (p, t)
        for f in findings
        if f.rule in _EQUALITIES and f.status != "unverifiable"
        for t in f.claims
        for p in f.claims
        if p != t
    }
    findings += _safe(check_wholes, art, paired)
    findings += _safe(check_fraction_totals, art)
    findings += _safe(check_percents, art)
    findings += _safe(check_fractions, art)
    findings += _safe(check_averages, art)
    findings += _safe(check_repeats, art)
    checked = {i for f in findings if f.status != "unverifiable" for i in f.claims}
    findings += _safe(unverifiable_percents, art, checked)
    return findings, _new_coverage({"checked": len(checked), "total": len(claims)})
