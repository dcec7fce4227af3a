"""Who a figure belongs to: administrative level and locality, from the article's own words.

The article has a subject (the body its headline or lead names: "UBND huyện Phụng Hiệp"). Inside a
paragraph, phrases such as "Cấp xã", "tại huyện", "Trung tâm Hành chính công tỉnh" switch the
level of the figures after them until the next switch; each paragraph starts again from the
subject. "cấp huyện, cấp xã đều đạt 98%" is one statement about two levels.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex

from .lexicon import (
    PhraseMatcher, fold, load, phrase_pattern, phrase_prefilter, phrase_prefilter_then, phrase_source, scan_folded,
)
from .models import Level
from .text import normalize

__all__ = ["Scope", "subject_of", "Switch", "switches_in", "UNKNOWN"]


@dataclass(frozen=True, slots=True)
class Scope:
    level: Level
    locality: str | None
    reason: str


_AT_PLACE = regex.compile(r"(?:tại|ở|của)\s*$")
_UNIT_NAME = regex.compile(r"^(?P<unit>thành phố|thị xã|quận|huyện)\s+(?P<name>.+)$")

UNKNOWN = Scope("unknown", None, "no subject or level words found")


@dataclass(frozen=True, slots=True)
class Switch:
    start: int
    end: int
    scope: Scope


@dataclass(frozen=True, slots=True)
class _Tables:
    agency: regex.Pattern[str]
    unit_level: dict[str, Level]
    cities: set[str]
    unit: regex.Pattern[str]
    unit_scan: re.Pattern[str]  # where `unit` may match, in folded text (lexicon.phrase_prefilter_then)
    prefix: regex.Pattern[str]
    province: PhraseMatcher
    switch: PhraseMatcher
    switch_levels: list[Level]
    distributive: regex.Pattern[str]
    aliases: dict[str, str]
    district: regex.Pattern[str]
    district_names: dict[str, str]
    national_not_after: regex.Pattern[str]
    agency_keeps: regex.Pattern[str]
    counted: regex.Pattern[str]
    counted_scan: re.Pattern[str]  # where `counted` may match, in folded text


@functools.cache
def _tables() -> _Tables:
    lex = load("scope")
    prov = load("provinces")
    unit_level: dict[str, Level] = {}
    for level, words in lex["unit_words"].items():
        for w in words:
            unit_level[w.lower().rstrip(".")] = level
    names = sorted(set(prov["before_2025"]) | set(prov["after_2025"]) | set(prov["aliases"]), key=len)
    cities = {c.lower() for c in prov["cities"]}
    alt_words = [w for w in sorted(unit_level, key=len, reverse=True) if w not in {"tp", "sở"}]
    unit_alt = "|".join(_spaced(w.split()) for w in alt_words)  # "công an": any white space
    # "huyện Phụng Hiệp", "phường 9", "HUYỆN THÁP MƯỜI", "thành phố Vũng Tàu": the unit word in any
    # case, then a name whose words start upper-case (or a number), matched case-sensitively.
    name = r"(?:[\p{Lu}\d][\p{L}\d]*)(?:[ \-]+[\p{Lu}\d][\p{L}\d]*){0,3}"
    unit_re = regex.compile(
        rf"(?<![\p{{L}}])(?i:(?P<unit>{unit_alt}|TP\.?))\s+(?P<name>{name})(?![\p{{L}}\d])"
    )
    # the unit words the pattern has, then the white space before the name (the dot of "TP." first)
    unit_scan = phrase_prefilter_then([*alt_words, "tp", "tp."], r"\s")
    prefix_re = phrase_pattern(lex["subject_prefixes"])
    province_re = PhraseMatcher(names)
    switch_phrases: list[str] = []
    switch_levels: list[Level] = []
    for level, words in lex["switches"].items():
        for w in words:
            switch_phrases.append(w)
            switch_levels.append(level)
    switch_re = PhraseMatcher(switch_phrases)
    distributive_re = phrase_pattern(lex["distributive"])
    aliases = prov["aliases"]
    agency_re = regex.compile(
        r"^\s*(?:" + phrase_source(lex["agency_subjects"]) + r")\s+\p{Lu}[^:\n]{0,80}?(?=\s*(?::|\s[-–]\s|$))",
        regex.IGNORECASE,
    )
    # districts before 2025, by their bare name: "Phụng Hiệp" -> "huyện Phụng Hiệp" (first one wins)
    district_names: dict[str, str] = {}
    for units in load("districts").values():
        for full in units:
            m = _UNIT_NAME.match(normalize(full).text)
            if m:
                district_names.setdefault(m["name"].casefold(), f"{m['unit']} {m['name']}")
    district_re = regex.compile(
        r"^\s*(?:" + phrase_source(sorted(district_names)) + r")(?![\p{L}\d])", regex.IGNORECASE
    )
    national_not_after = regex.compile(
        "(?:" + phrase_source(lex["national_not_after"]) + r")(?:\s+\S+)?\s*$", regex.IGNORECASE
    )
    agency_keeps = regex.compile("^(?:" + phrase_source(lex["agency_keeps"]) + ")", regex.IGNORECASE)
    # the place words (a space in one: \s+), then the rest of the pattern; counted_scan finds, in
    # folded text, every place where one of them may begin (lexicon.phrase_prefilter)
    after = "|".join(_spaced(w.split()) for w in lex["counted_after"])
    counted = regex.compile(f"(?:{after})" + lex["counted_units"], regex.IGNORECASE)
    counted_scan = phrase_prefilter(lex["counted_after"])
    return _Tables(agency_re, unit_level, cities, unit_re, unit_scan, prefix_re, province_re, switch_re,
                   switch_levels, distributive_re, aliases, district_re, district_names, national_not_after,
                   agency_keeps, counted, counted_scan)


def _unit_scope(m: regex.Match[str], reason: str, context: str = "") -> Scope:
    t = _tables()
    unit_level, cities = t.unit_level, t.cities
    unit = " ".join(m["unit"].lower().rstrip(".").split())
    nm = " ".join(m["name"].split())  # a locality is printed with single spaces, however the page spaced it
    if nm.isupper() and len(nm) > 3:
        nm = _caps_name(nm, context)
    level: Level = unit_level.get(unit, "unknown")
    if level == "agency":  # a body's proper name: as printed, or as the lead writes it in full
        said = " ".join(m["unit"].split())
        return Scope(level, _agency_in_full(said, nm, context) or f"{said} {nm}", reason)
    word = "thành phố" if unit == "tp" else unit
    if word == "thành phố" and nm.lower() in cities:
        level = "province"
    return Scope(level, f"{word} {nm}", reason)


def _agency_in_full(unit: str, name: str, context: str) -> str | None:
    """"Công an Hà Tĩnh" in a headline is "Công an tỉnh Hà Tĩnh" when the lead writes it so: the
    agency word, a province unit word ([unit_words] province), the same name."""
    if not context:
        return None
    provinces = [w for w, lv in _tables().unit_level.items() if lv == "province"]
    m = regex.search(
        rf"(?<![\p{{L}}])(?i:{_spaced(unit.split())})\s+(?i:{'|'.join(_spaced(p.split()) for p in provinces)})\s+"
        rf"{_spaced(name.split())}(?![\p{{L}}])", context)
    return " ".join(m.group(0).split()) if m else None


def _caps_name(name: str, context: str) -> str:
    """An ALL-CAPS headline does not show where a name ends ("THỊ XÃ NGÃ NĂM ĐẨY MẠNH ..."):
    keep the longest run of its words that the body writes in title case, else two words."""
    words = name.title().split()
    for n in range(len(words), 0, -1):
        if regex.search(rf"(?<![\p{{L}}]){_spaced(words[:n])}(?![\p{{L}}])", context):
            return " ".join(words[:n])
    return " ".join(words[:2])


def _spaced(words: list[str]) -> str:
    """A pattern for ``words`` as a page may space them: any white space between them."""
    return r"\s+".join(map(regex.escape, words))


def subject_of(title: str | None, lead: list[str]) -> Scope:
    """The article's subject: an agency or unit in the headline, else a province named in it, else the lead."""
    t = _tables()
    agency_re, unit_re, prefix_re, province_re, aliases = t.agency, t.unit, t.prefix, t.province, t.aliases
    context = "\n".join(lead)
    if title:
        a = agency_re.match(title)
        if a:
            name = " ".join(a.group(0).split())
            p = province_re.search(name)
            if p:  # "Sở Tư pháp Thanh Hóa tiếp nhận hơn 15 nghìn hồ sơ": the name ends with its province
                name = name[: p.end()]
            return Scope("agency", name, f"headline names the agency {name!r}")
        m = unit_re.search(title)
        if m:
            return _unit_scope(m, f"headline names {m.group(0)!r}", context)
        p = province_re.search(title)
        if p:  # the list's spelling: "BÌNH DƯƠNG:" in a headline in capitals is "tỉnh Bình Dương"
            listed = province_re.phrases[province_re.which(p)]
            name = aliases.get(listed, listed)
            return Scope("province", f"tỉnh {name}", f"headline names the province {p.group(0)!r}")
        d = t.district.match(title)
        if d:  # "Cư Jút tổng kết ...", "PHỤNG HIỆP SƠ KẾT ...": a district named without its unit word
            said = " ".join(d.group(0).split())  # the pattern takes any white space between words
            full = t.district_names[said.casefold()]
            return Scope("district", full, f"headline opens with the district {said!r}")
    for para in lead:
        best = None
        for m in unit_re.finditer(para):
            before = para[max(0, m.start() - 25) : m.start()]
            if prefix_re.search(before):  # "UBND huyện X" is the acting body
                best = m
                break
            best = best or m
        if best:
            return _unit_scope(best, f"lead names {best.group(0)!r}", context)
    return UNKNOWN


def switches_in(text: str, subject: Scope, low: str | None = None) -> list[Switch]:
    """Level switches in one paragraph, in order. A switch to the subject's level keeps its locality.

    ``low``: ``lexicon.fold(text)`` when the caller has it (the paragraph is folded once for the
    three scans)."""
    t = _tables()
    unit_re, prefix_re, switch_re, switch_levels = t.unit, t.prefix, t.switch, t.switch_levels
    if low is None:
        low = fold(text)
    found: list[Switch] = []
    for m in scan_folded(switch_re.pattern, switch_re._scan, text, low, after=switch_re._after):  # (.finditer)
        said = m.group(0)
        a, b = m.span()
        level = switch_levels[switch_re.index_of(said)]  # (switch_re.which(m))
        if level == "national" and t.national_not_after.search(text, max(0, a - 30), a):
            continue  # "dẫn đầu cả nước": a comparison
        if subject.level == "agency" and t.agency_keeps.match(said):
            continue  # the department's own counter at the service centre
        locality = subject.locality if level == subject.level else None
        found.append(Switch(a, b, Scope(level, locality, f"{said!r} before the figure")))
    for m in scan_folded(t.counted, t.counted_scan, text, low):  # (t.counted.finditer)
        if any(s.start <= m.start() < s.end for s in found):
            continue
        level = t.unit_level.get(" ".join(m["unit"].lower().split()), "unknown")
        found.append(Switch(m.start(), m.end(), Scope(level, None, f"{m.group(0)!r} before the figure")))
    for m in scan_folded(t.unit, t.unit_scan, text, low, after=str.isalpha):  # (t.unit.finditer; (?<![\p{L}]))
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if prefix_re.search(before) or _AT_PLACE.search(before):
            sc = _unit_scope(m, f"{m.group(0)!r} before the figure")
            if not any(s.start <= m.start() < s.end for s in found):
                found.append(Switch(m.start(), m.end(), sc))
    found.sort(key=lambda s: s.start)
    return found


def is_distributive(text: str) -> bool:
    """Does the text between two level words make one figure hold for each ("đều", "cùng")?"""
    return bool(_tables().distributive.search(text))
