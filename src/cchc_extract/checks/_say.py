"""Messages: figures as the article prints them (Vietnamese), English figures in English style."""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping, Sequence

from ..models import Claim, Finding, Severity, Status
from ._data import rules
from ._interval import decimals

__all__ = [
    "Pair", "fmt_vi", "fmt_en", "num", "fig", "fig_of", "with_percent", "name", "noun", "of_unit", "joined",
    "finding",
]

Pair = tuple[str, str]  # (vi, en)

_new_finding = Finding.__pydantic_validator__.validate_python


_SPECS = tuple(f",.{p}f" for p in range(16))  # the format spec of 0, 1, ... decimals, made once


@functools.lru_cache(maxsize=4096)  # a claim's figure is written in every finding it takes part in
def _fmt(x: float, places: int) -> Pair:
    """``x`` with ``places`` decimals, written once in English style and turned into Vietnamese."""
    en = format(abs(x), _SPECS[places] if 0 <= places < len(_SPECS) else f",.{max(places, 0)}f")
    # '.' and ',' trade places; without a ',' (below 1,000) that is one replace
    vi = en.replace(",", "\0").replace(".", ",").replace("\0", ".") if "," in en else en.replace(".", ",")
    # the test for a sign reads the same characters in both styles (only '.' and ',' trade places)
    sign = "-" if x < 0 and any(ch not in "0.," for ch in en) else ""
    return sign + vi, sign + en


def fmt_vi(x: float, places: int = 0) -> str:
    """10237 -> '10.237'; 85.667, 2 -> '85,67'."""
    return _fmt(x, places)[0]


def fmt_en(x: float, places: int = 0) -> str:
    return _fmt(x, places)[1]


def num(x: float, places: int = 0) -> Pair:
    return _fmt(x, places)


def fig(c: Claim, percent_sign: bool = False) -> Pair:
    """A stated figure: its qualifier and the number as printed ('hơn 15.600' / 'more than 15,600')."""
    f = fig_of(c.qualifier, c.raw, c.value, decimals(c))
    return with_percent(f) if percent_sign and c.unit == "percent" else f


def fig_of(qualifier: str, raw: str, value: float, places: int) -> Pair:
    """``fig`` without the percent sign, of a claim printed as ``raw`` with ``value`` and
    ``places`` decimals."""
    q_vi, q_en = _qualifier(qualifier)
    vi, en = _fmt(value, places)
    return q_vi + (raw.strip() or vi), q_en + en


@functools.cache  # the words of a qualifier never change (rules() is loaded once)
def _qualifier(qualifier: str) -> Pair:
    q = rules().qualifiers.get(qualifier, {"vi": "", "en": ""})
    return q["vi"], q["en"]


def with_percent(f: Pair) -> Pair:
    return f[0] + "%", f[1] + "%"


@functools.cache  # the words of a metric never change (rules() is loaded once)
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


@functools.cache
def noun(metric: str) -> Pair:
    nouns = rules().nouns
    key = metric.split("_", 1)[0]
    n = nouns.get(key, nouns["other"])
    return n["vi"], n["en"]


def joined(items: Sequence[Pair], sep: str = " + ") -> Pair:
    return sep.join([v for v, _ in items]), sep.join([e for _, e in items])


@functools.lru_cache(maxsize=1024)  # the same few sentence numbers come back in finding after finding
def _where(sentences: tuple[int, ...]) -> Pair:
    """The sentences (0-based, in any order, repeats allowed) named in both languages."""
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


@functools.lru_cache(maxsize=256)
def _template(rule: str, template: str) -> tuple[str, str, tuple[str, ...]] | None:
    """``messages.<rule>.<template>`` as two %-formats of ``%s`` (vi, en) and the field names they
    take in order, read once; None when the two languages name different fields in a different
    order, or a field has a format spec, a conversion or an index (then ``str.format`` fills it)."""
    t = rules().messages[rule][template]
    vi, en = _percent_format(t["vi"]), _percent_format(t["en"])
    if vi is None or en is None or vi[1] != en[1]:
        return None
    return vi[0], en[0], vi[1]


def _percent_format(template: str) -> tuple[str, tuple[str, ...]] | None:
    text: list[str] = []
    names: list[str] = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        text.append(literal.replace("%", "%%"))
        if field is not None:
            if spec or conversion or not field.isidentifier():
                return None
            text.append("%s")
            names.append(field)
    return "".join(text), tuple(names)


def _messages(rule: str, template: str, where: Pair, fields: Mapping[str, Pair | str]) -> Pair:
    """``messages.<rule>.<template>`` in both languages, ``format(where=..., **fields)`` with each
    pair's own language and doubled spaces made single. The values are strings, which ``%s``
    writes as ``format`` does: the same text, without parsing the template again."""
    parsed = _template(rule, template)
    if parsed is None:
        t = rules().messages[rule][template]
        vi = {k: (v if isinstance(v, str) else v[0]) for k, v in fields.items()}
        en = {k: (v if isinstance(v, str) else v[1]) for k, v in fields.items()}
        return (t["vi"].format(where=where[0], **vi).replace("  ", " "),
                t["en"].format(where=where[1], **en).replace("  ", " "))
    fmt_vi, fmt_en, names = parsed
    vi_values: list[str] = []
    en_values: list[str] = []
    for k in names:
        v = where if k == "where" else fields[k]
        if isinstance(v, str):
            vi_values.append(v)
            en_values.append(v)
        else:
            vi_values.append(v[0])
            en_values.append(v[1])
    return (fmt_vi % tuple(vi_values)).replace("  ", " "), (fmt_en % tuple(en_values)).replace("  ", " ")


def finding(
    rule: str,
    status: Status,
    severity: Severity,
    members: Sequence[int],
    sentence_of: Sequence[int],
    template: str,
    fields: Mapping[str, Pair | str],
    *,
    expected: float | None = None,
    actual: float | None = None,
    tolerance: float = 0.0,
) -> Finding:
    """A Finding with both messages filled from ``messages.<rule>.<template>``; ``sentence_of[i]``
    is the sentence of claim i."""
    message, message_en = _messages(rule, template, _where(tuple([sentence_of[i] for i in members])), fields)
    # a zero tolerance (0.0, -0.0 or 0) is what round(max(tolerance, 0.0), 9) makes of it: max keeps
    # the first of equal values and round keeps a zero as it is; round with places is slow
    tolerance = tolerance if tolerance == 0.0 else round(max(tolerance, 0.0), 9)
    # validated: pydantic-core checks these fields faster than model_construct copies them; the
    # validator called on the dict is what Finding(**fields) runs, without the keyword copy
    return _new_finding({
        "rule": rule,
        "status": status,
        "severity": severity,
        "claims": sorted(set(members)),
        "expected": expected,
        "actual": actual,
        "tolerance": tolerance,
        "message": message,
        "message_en": message_en,
    })
