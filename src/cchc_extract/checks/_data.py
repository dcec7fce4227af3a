"""The relations and words of ``lexicons/checks.toml``, loaded once."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ..lexicon import load

__all__ = ["SumRelation", "WholeRelation", "Rules", "rules"]


@dataclass(frozen=True, slots=True)
class SumRelation:
    name: str
    total: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    short: str
    percent: bool

    @property
    def parts(self) -> tuple[str, ...]:
        return self.required + self.optional


@dataclass(frozen=True, slots=True)
class WholeRelation:
    whole: tuple[str, ...]
    parts: frozenset[str]


@dataclass(frozen=True, slots=True)
class Rules:
    sums: tuple[SumRelation, ...]
    wholes: tuple[WholeRelation, ...]
    shares: dict[str, tuple[str, ...]]
    averages: tuple[tuple[str, str], ...]
    working_days: int
    working_days_range: tuple[float, float]
    near: int
    names: dict[str, dict[str, str]]
    nouns: dict[str, dict[str, str]]
    qualifiers: dict[str, dict[str, str]]
    units: dict[str, dict[str, str]]
    messages: dict[str, dict[str, dict[str, str]]]
    where: dict[str, dict[str, str]]


@functools.cache
def rules() -> Rules:
    d: dict[str, Any] = load("checks")
    lo, hi = d["working_days_range"]
    return Rules(
        sums=tuple(
            SumRelation(s["name"], s["total"], tuple(s["required"]), tuple(s.get("optional", ())),
                        s.get("short", "error"), bool(s.get("percent", False)))
            for s in d["sums"]
        ),
        wholes=tuple(WholeRelation(tuple(w["whole"]), frozenset(w["parts"])) for w in d["wholes"]),
        shares={k: tuple(v) for k, v in d["shares"].items()},
        averages=tuple((a["monthly"], a["daily"]) for a in d["averages"]),
        working_days=int(d["working_days_per_month"]),
        working_days_range=(float(lo), float(hi)),
        near=int(d["near_sentences_in_paragraph"]),
        names=d["names"],
        nouns=d["nouns"],
        qualifiers=d["qualifiers"],
        units=d.get("units", {}),
        messages=d["messages"],
        where=d["where"],
    )
