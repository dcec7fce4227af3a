"""Messages: figures as the article prints them (Vietnamese), English figures in English style."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence

from ..models import Claim, Finding, Severity, Status
from ._data import rules
from ._interval import decimals

__all__ = ["Pair", "fmt_vi", "fmt_en", "num", "fig", "name", "noun", "of_unit", "joined", "finding"]

Pair = tuple[str, str]  # (vi, en)


@functools.lru_cache(maxsize=4096)  # a claim's figure is written in every finding it takes part in
def _fmt(x: float, places: int, thousands: str, point: str) -> str:
    s = f"{abs(x):,.{max(places, 0)}f}"
    s = s.replace(",", "\0").replace(".", point).replace("\0", thousands)
    return ("-" if x < 0 and any(ch not in "0.," for ch in s) else "") + s


def fmt_vi(x: float, places: int = 0) -> str:
    """10237 -> '10.237'; 85.667, 2 -> '85,67'."""
    return _fmt(x, places, ".", ",")


def fmt_en(x: float, places: int = 0) -> str:
    return _fmt(x, places, ",", ".")


def num(x: float, places: int = 0) -> Pair:
    return fmt_vi(x, places), fmt_en(x, places)


def fig(c: Claim, percent_sign: bool = False) -> Pair:
    """A stated figure: its qualifier and the number as printed ('hơn 15.600' / 'more than 15,600')."""
    q = rules().qualifiers.get(c.qualifier, {"vi": "", "en": ""})
    raw = c.raw.strip() or fmt_vi(c.value, decimals(c))
    sign = "%" if percent_sign and c.unit == "percent" else ""
    return q["vi"] + raw + sign, q["en"] + fmt_en(c.value, decimals(c)) + sign


def name(metric: str) -> Pair:
    n = rules().names.get(metric)
    if n:
        return n["vi"], n["en"]
    return metric, metric.replace("_", " ")


def of_unit(of: str | None) -> Pair:
    """What an X/Y figure counts: 'hamlet' -> ('ấp', 'hamlets')."""
    if not of:
        return "", ""
    u = rules().units.get(of)
    return (u["vi"], u["en"]) if u else (of, of)


def noun(metric: str) -> Pair:
    nouns = rules().nouns
    key = metric.split("_", 1)[0]
    n = nouns.get(key, nouns["other"])
    return n["vi"], n["en"]


def joined(items: Sequence[Pair], sep: str = " + ") -> Pair:
    return sep.join(v for v, _ in items), sep.join(e for _, e in items)


def _where(sentences: Iterable[int]) -> Pair:
    nums = sorted({s + 1 for s in sentences})  # counted from 1, as a reader counts
    w = rules().where
    if not nums:
        return "", ""
    if len(nums) == 1:
        t, f = w["one"], {"a": nums[0]}
    elif len(nums) == 2:
        t, f = w["two"], {"a": nums[0], "b": nums[1]}
    else:
        t, f = w["many"], {"list": ", ".join(map(str, nums))}
    return t["vi"].format(**f), t["en"].format(**f)


def finding(
    rule: str,
    status: Status,
    severity: Severity,
    members: Sequence[int],
    claims: Sequence[Claim],
    template: str,
    fields: Mapping[str, Pair | str],
    *,
    expected: float | None = None,
    actual: float | None = None,
    tolerance: float = 0.0,
) -> Finding:
    """A Finding with both messages filled from ``messages.<rule>.<template>``."""
    t = rules().messages[rule][template]
    where = _where(claims[i].sentence for i in members)
    vi = {k: (v if isinstance(v, str) else v[0]) for k, v in fields.items()}
    en = {k: (v if isinstance(v, str) else v[1]) for k, v in fields.items()}
    message = t["vi"].format(where=where[0], **vi).replace("  ", " ")
    message_en = t["en"].format(where=where[1], **en).replace("  ", " ")
    return Finding(  # validated: pydantic-core checks these fields faster than model_construct copies them
        rule=rule,
        status=status,
        severity=severity,
        claims=sorted(set(members)),
        expected=expected,
        actual=actual,
        tolerance=round(max(tolerance, 0.0), 9),
        message=message,
        message_en=message_en,
    )
