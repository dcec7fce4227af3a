"""Figures in Vietnamese administrative-reform prose: read printed numbers, find every quantity.

Vietnamese prints thousands with dots and decimals with commas ("10.392", "11,80"); writers mix in
English forms ("14.3%", "10,392 hồ sơ"), decided here from context. Dates, times, years, phone and
document numbers, and numbers that are names or ordinals ("Phường 9", "mức độ 4") are not figures.
Every word list lives in ``lexicons/numbers.toml``.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from dataclasses import dataclass
from operator import add, itemgetter
from types import SimpleNamespace
from typing import Any, Iterator, Literal, NamedTuple

import regex

from .lexicon import _FOLD_ODD, fold, load

__all__ = ["Unit", "Qualifier", "Kind", "NumberParseError", "Quantity", "parse_number", "find_quantities"]

Unit = Literal["count", "percent"]
Qualifier = Literal["exact", "more_than", "less_than", "about", "nearly", "at_least", "at_most"]
Kind = Literal["number", "fraction", "range", "words"]

_SP = r"[^\S\n]"  # horizontal white space, U+00A0 included
_CORE = r"\d++(?:[.,]\d++)*+"
_MAX_CORE = 32
_WINDOW = 160  # chars after a number that its context may span


class NumberParseError(ValueError):
    """A string that is not one printed number."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure found in a text; offsets index the text given to find_quantities."""

    value: float
    raw: str
    unit: Unit
    qualifier: Qualifier
    low: float
    high: float
    start: int
    end: int
    expr_start: int
    expr_end: int
    resolution: float
    total: float | None = None
    total_raw: str | None = None
    target: float | None = None
    kind: Kind = "number"

    def shifted(self, by: int) -> Quantity:
        """The same figure with its offsets moved by ``by`` (cheaper than dataclasses.replace)."""
        return _new_quantity(self.value, self.raw, self.unit, self.qualifier, self.low, self.high, self.start + by,
                             self.end + by, self.expr_start + by, self.expr_end + by, self.resolution, self.total,
                             self.total_raw, self.target, self.kind)


_QUANTITY_SETTERS = tuple(getattr(Quantity, f.name).__set__ for f in dataclasses.fields(Quantity))
(_set_value, _set_raw, _set_unit, _set_qualifier, _set_low, _set_high, _set_start, _set_end, _set_expr_start,
 _set_expr_end, _set_resolution, _set_total, _set_total_raw, _set_target, _set_kind) = _QUANTITY_SETTERS


def _new_quantity(value: float, raw: str, unit: Unit, qualifier: Qualifier, low: float, high: float, start: int,
                  end: int, expr_start: int, expr_end: int, resolution: float, total: float | None,
                  total_raw: str | None, target: float | None, kind: Kind) -> Quantity:
    """Quantity(...), every field given in order, built without the frozen dataclass __init__
    (which goes through object.__setattr__ for each field): the same object, in about half the time."""
    q = object.__new__(Quantity)
    _set_value(q, value)
    _set_raw(q, raw)
    _set_unit(q, unit)
    _set_qualifier(q, qualifier)
    _set_low(q, low)
    _set_high(q, high)
    _set_start(q, start)
    _set_end(q, end)
    _set_expr_start(q, expr_start)
    _set_expr_end(q, expr_end)
    _set_resolution(q, resolution)
    _set_total(q, total)
    _set_total_raw(q, total_raw)
    _set_target(q, target)
    _set_kind(q, kind)
    return q


@functools.cache
def _lex() -> dict[str, Any]:
    return load("numbers")


def _alt(phrases: Any) -> str:
    """Regex alternation of phrases, longest first, any horizontal space between words."""
    keys = sorted({str(p) for p in phrases}, key=len, reverse=True)
    return "|".join((_SP + "+").join(regex.escape(w) for w in k.split()) for k in keys)


def _after(phrases: Any, unless: Any = (), alt: Any = _alt) -> regex.Pattern[str]:
    """Pattern for one of phrases after optional space, not where one of unless starts."""
    neg = rf"(?!(?:{alt(unless)})(?!\p{{L}}))" if unless else ""
    return regex.compile(rf"{_SP}*{neg}(?:{alt(phrases)})(?!\p{{L}})", regex.I)


def _alt_trie(phrases: Any) -> str:
    """What _alt(phrases) matches, as a trie (shared beginnings merged, so that the engine tries
    only the phrases that start with what it has read), longer phrases of a branch first. For a
    pattern that only tells whether one of the phrases is there: which one it takes may differ."""
    trie: dict[str, Any] = {}
    for phrase in {" ".join(str(p).split()) for p in phrases}:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        branches = [(_SP + "+" if ch == " " else regex.escape(ch)) + walk(sub)
                    for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + ("?" if "" in node else "")

    return walk(trie)


class _Lead:
    """A pattern that starts with optional horizontal space and then one of ``phrases``:
    ``match`` runs it only when the first character after the spaces can start a phrase."""

    __slots__ = ("rx", "firsts", "starts")

    def __init__(self, rx: regex.Pattern[str], phrases: Any) -> None:
        self.rx = rx
        self.starts = frozenset(fold(str(p).strip()).split()[0] for p in phrases if str(p).strip())
        self.firsts = frozenset(w[0] for w in self.starts)

    def match(self, text: str, pos: int, endpos: int) -> regex.Match[str] | None:
        return self.rx.match(text, pos, endpos) if self.may(_lead(text, pos, endpos)) else None

    def may(self, c: str) -> bool:
        """Can a match start with ``c``, the first character after the spaces (see _lead)?"""
        # c may start a phrase (case-insensitively), or be some other space the pattern skips
        return bool(c) and (c in self.firsts or c.lower() in self.firsts or c.isspace() or c in _FOLD_ODD)


# The _Lead patterns that may follow a number, as bits of the mask _follows gives.
_SCALE, _PERCENT, _NOUN, _HINT, _PERIOD, _SLASH, _DASH, _UPTO = (1 << i for i in range(8))
_ALL = (1 << 8) - 1


def _heads(leads: list[tuple[int, _Lead]]) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """The first three letters (all, if fewer) of each phrase's first word -> bits of the patterns
    with such a phrase; one dict for each length, 3, 2, 1."""
    out: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
    for bit, lead in leads:
        for w in lead.starts:
            k = min(len(w), 3)
            out[3 - k][w[:k]] = out[3 - k].get(w[:k], 0) | bit
    return out


def _follows(folded: str, pos: int, heads: Any = None) -> int:
    """Bits of the _Lead patterns that may match at pos, ``folded`` being fold(text) (``heads``:
    _pats().heads, if the caller has it).

    Where a pattern matches, the folded text holds the phrase itself (see lexicon.fold) right after
    the run of " " at pos, so it holds the first letters of the phrase's first word; a pattern also
    skips any other horizontal space, and where one stands every pattern may match. (Where no
    phrase starts with the first character, none of the three tables has a key for it.)"""
    j = pos
    c = folded[j:j + 1]
    while c == " ":
        j += 1
        c = folded[j:j + 1]
    h3, h2, h1, firsts = heads or _pats().heads
    if c not in firsts:
        return _ALL if c.isspace() else 0
    return h3.get(folded[j:j + 3], 0) | h2.get(folded[j:j + 2], 0) | h1.get(c, 0)


def _lead(text: str, pos: int, endpos: int) -> str:
    """The first character after the run of " " at pos, before endpos ("" if none)."""
    n = min(len(text), endpos)
    j = pos
    while j < n and text[j] == " ":
        j += 1
    return text[j] if j < n else ""


@functools.cache
def _pats() -> SimpleNamespace:
    lx = _lex()
    q, w, names, dates = lx["qualifiers"], lx["words"], lx["names"], lx["dates"]
    q_unless = {k: set(v) for k, v in q.get("unless_after", {}).items()}
    qual = {p: (k, q_unless.get(p, set()))
            for k, v in q.items() if k not in ("skip", "unless_after") for p in v}
    numwords = [*w["start"], *w["after_ten"], *w["after_tens"], *w["after_zero"], *w["ten"],
                *w["tens"], *w["zero"], *w["hundred"], *lx["scale"]]
    wd = rf"(?:{_alt(numwords)})(?!\p{{L}})"
    sc = rf"(?:{_alt(lx['scale'])})(?!\p{{L}})"
    nouns = lx["nouns"]
    phone_ctx = _alt(lx["phones"]["before"])
    nd = r"(?<![\d.,/])"
    # (pattern, group, min digits); 0-6 and 8 start each match with a digit after no digit, "." or
    # ",", that is where a digit group starts (see _matches_at)
    blockers = [
        (rf"{nd}\d{{1,2}}/\d{{1,2}}/\d{{2,4}}(?![\d/])", 0, 0),  # 31/8/2022
        (rf"{nd}\d{{1,2}}/\d{{1,2}}(?={_SP}*[-–]{_SP}*\d{{1,2}}/\d{{1,2}})", 0, 0),  # 01/1-21/10
        (rf"(?<![\d.,/-])\d{{1,2}}([-.])\d{{1,2}}\1\d{{4}}(?![\d.,])", 0, 0),  # 22-10-2022, 21.03.2023
        (rf"{nd}(?:0?[1-9]|1[0-2])/(?:19|20)\d{{2}}(?![\d/])", 0, 0),  # 10/2022
        (r"(?<![\d.,:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])", 0, 0),  # 02:46, 03:55:00
        (rf"{nd}(?:19|20)\d{{2}}{_SP}*[-–—]{_SP}*(?:19|20)\d{{2}}(?![\d.,])", 0, 0),  # 2016 - 2020
        (rf"{nd}(?-i:\d++(?:/\d++)*+[/-]{_SP}?\p{{Lu}}[\p{{L}}\d]*+(?:[-/&.][\p{{L}}\d]++)*+)", 0, 0),
        (rf"{nd}(?:\+84|\(0\d{{1,3}}\)|0){_SP}?\d{{1,4}}(?:(?:{_SP}|[.\-])?\d{{2,4}}){{1,3}}(?!\d)", 0, 9),
        (rf"{nd}1[89]00[ .]?\d{{3,4}}(?:[ .]?\d{{2,4}})?(?!\d)", 0, 0),  # 1900 1234
        (rf"(?<!\p{{L}})(?:{phone_ctx})(?:{_SP}*[-–/]{_SP}*(?:{phone_ctx}))?(?!\p{{L}})[\s:.]*"
         rf"(?:số(?!\p{{L}})[\s:.]*)?(\+?\(?\d++\)?(?:(?:{_SP}|[.\-])\d++){{0,5}})", 1, 0),
        (r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++", 0, 0),  # e-mail
        (r"(?<![\w/])(?:https?://|www\.)[^\s<>\"]++", 0, 0),  # URL
        (r"(?<![\w.-])(?:[\w-]++\.)++(?:vn|com|net|org|gov|edu|info|io)(?!\w)(?:/[^\s<>\"]*+)?", 0, 0),
    ]
    # Cheap tests that must pass before the costly blockers run (most sentences have none of them):
    # each is a character, word or shape the blocker cannot match without.
    phone_words = _shortest([w.lower() for w in lx["phones"]["before"]])  # one of them is in s.lower()
    domain = regex.compile(r"\.(?:vn|com|net|org|gov|edu|info|io)(?!\w)", regex.I)
    domain_folded = re.compile(r"\.(?:vn|com|net|org|gov|edu|info|io)")  # on fold(s): no IGNORECASE needed
    day_month_year = regex.compile(r"\d[-.]\d{1,2}[-.]\d{4}")

    phone_lasts = tuple({fold(w).split()[-1] for w in lx["phones"]["before"]})
    phone_ends = frozenset(w[-1] for w in (*phone_lasts, "số"))  # the last letters of what it looks for

    def phone_before(folded: str, starts: list[int]) -> bool:
        """Does a phone word's last word end right before a digit group, past "số" and the marks
        that the phone blocker lets stand between them? (Its number starts with a digit after no
        digit, "." or ",", which starts a digit group; where the blocker matches, fold(s) holds the
        phone word, see lexicon.fold.)"""
        for j in starts:
            while j and folded[j - 1] in _PHONE_GAP:
                j -= 1
            if folded[j - 1:j] not in phone_ends:  # (so neither test below can pass)
                continue
            if folded.endswith(phone_lasts, 0, j):
                return True
            if folded.endswith("số", 0, j):
                j -= 2
                while j and folded[j - 1] in _PHONE_GAP:
                    j -= 1
                if folded.endswith(phone_lasts, 0, j):
                    return True
        return False

    def gates(s: str, low: str, folded: str, raws: list[str], starts: list[int] | None = None
              ) -> tuple[bool | list[int], ...]:
        """For each blocker, in order: may it match in s? For those that match only where a digit
        group followed by "/", ":" or "-" starts, the list of such starts instead (true if not
        empty). (low: s.lower(), folded: fold(s), raws: the digit groups of s, every _CORE match in
        order; starts: where each of them starts, if known)"""
        slash, dash, colon = "/" in s, "-" in s, ":" in s
        if starts is None:
            starts = [m.start() for m in regex.finditer(_CORE, s)]
        if slash or dash or colon:
            # The blockers that need a digit right before "/", ":" or "-" need a digit group right
            # before it: _CORE takes in every \d (it matches at each), and goes on past none of them.
            # They start with a run of digits that ends right before the mark, where a digit group
            # starts (see _matches_at): the whole group then, a run of digits ("." and "," followed by
            # a digit would be in it).
            after = [s[e:e + 1] for e in map(add, starts, map(len, raws))]  # (where each group ends)
            slashed = [a for a, c in zip(starts, after) if c == "/"] if slash else []
            coloned = [a for a, c in zip(starts, after) if c == ":"] if colon else []
            coded = [a for a, c in zip(starts, after) if c == "/" or c == "-"] if slash or dash else []
        else:
            slashed = coloned = coded = []
        return (
            slashed,  # \d{1,2}/
            slashed,  # \d{1,2}/
            # "22-10-2022"; "21.03.2023" lies inside one digit group (_CORE takes in ".03", ".2023")
            ((dash and day_month_year.search(s) is not None)
             or ("".join(raws).count(".") >= 2 and any(r.count(".") >= 2 for r in raws))),
            slashed,  # (?:0?[1-9]|1[0-2])/
            coloned,  # \d{1,2}:
            dash or "\u2013" in s or "\u2014" in s,
            coded,  # \d++(?:/\d++)*+[/-]
            # "+84", "(0" or a "0" after no digit, "." or ",": a digit group that starts with "0" (each
            # starts with a digit, and no digit sorts before "0": the least one starts with "0" then)
            ("+" in s and "+84" in s) or ("(" in s and "(0" in s) or (bool(raws) and min(raws) < "1"),
            "00" in s,
            phone_before(folded, starts) and any(map(low.__contains__, phone_words)),
            "@" in s,
            (colon and "://" in s) or ("w" in low and "www." in low),
            "." in s and domain_folded.search(folded) is not None and domain.search(s) is not None,
        )

    unless = {k: set(v) for k, v in names.get("unless_after", {}).items()}
    blocker_rxs = [regex.compile(p, regex.I) for p, _, _ in blockers]
    numword_firsts = {fold(w.split()[0]) for w in numwords}
    p = SimpleNamespace(
        core=regex.compile(_CORE),
        core_full=regex.compile(rf"(?:{_CORE})"),
        num_scale=regex.compile(rf"({_CORE})(?:\s+({sc}(?:\s+{sc})?))?", regex.I),
        # (pattern, group, min digits, whether blocker_gates tells when it may match)
        blockers=[(rx, g, n, True) for rx, (_, g, n) in zip(blocker_rxs, blockers)], blocker_gates=gates,
        core_led=frozenset(blocker_rxs[i] for i in (0, 1, 2, 3, 4, 5, 6, 8)),  # (tested)
        scale=_Lead(regex.compile(
            rf"{_SP}*({sc}(?:{_SP}+{sc})?)(?!{_SP}+(?:{_alt(lx['scale_not_before'])})(?!\p{{L}}))", regex.I),
            lx["scale"]),
        percent=_Lead(regex.compile(rf"{_SP}*(?:%|(?:{_alt(lx['percent_words'])})(?!\p{{L}}))", regex.I),
                      ["%", *lx["percent_words"]]),
        # noun, hint, period: yes/no tests (see _alt_trie)
        noun=_Lead(_after(nouns["count"], nouns["count_not"], _alt_trie), nouns["count"]),
        hint=_Lead(_after(nouns["decimal_hint"], alt=_alt_trie), nouns["decimal_hint"]),
        period=_Lead(_after(dates["period_after"], alt=_alt_trie), dates["period_after"]),
        glued=regex.compile(rf"(?:{_alt(nouns['count'])})(?!\p{{L}})|(?-i:\p{{Lu}}\p{{Ll}}+)(?![\p{{L}}\d])", regex.I),
        slash=_Lead(regex.compile(rf"{_SP}*/{_SP}*({_CORE})"), ["/"]),
        dash=_Lead(regex.compile(rf"{_SP}*[-–—]{_SP}*({_CORE})"), ["-", "–", "—"]),
        upto=_Lead(regex.compile(rf"{_SP}+(?:đến|tới){_SP}+({_CORE})", regex.I), ["đến", "tới"]),
        chain=regex.compile(rf"{_SP}*(?:,|;|và|hoặc|[-–]|đến|tới){_SP}*", regex.I),
        word_run=regex.compile(rf"(?<!\p{{L}}){wd}(?:{_SP}+{wd})*+", regex.I),
        # On " " + fold(text): a number word after and before no letter of _LETTERS (see _word_quantities)
        numword_scan=re.compile(f"[^{re.escape(_LETTERS)}](?:{_trie(numword_firsts)})(?![{re.escape(_LETTERS)}])"),
        # On fold(text), right after a number word: space and another one (see _word_quantities)
        numword_next=re.compile(f"[{re.escape(_GAP)}]+(?:{_trie(numword_firsts)})(?![{re.escape(_LETTERS)}])"),
        # On fold(text): a candidate of numword_scan that the loop of _word_quantities does not pass by
        numword_gate=_numword_gate(numword_firsts, set(w["single_ok"])),
        word=regex.compile(r"\p{L}+"),
        before=_before_pattern(),
        skip=set(q["skip"]), qual=qual, not_date=set(names["not_date_after"]), per=set(dates["per"]),
        names={p: unless.get(p, set()) for p in names["before"]},
        dates={p: int(v) for p, v in dates["before"].items()},
        # last words of the phrases of qual, names, dates (see _tail)
        qual_lasts=_last_words(qual), name_lasts=_last_words(names["before"]),
        date_lasts=_last_words(dates["before"]),
        name_date_lasts=_last_words([*names["before"], *dates["before"]]),
        qual_skip_lasts=_last_words([*qual, *q["skip"]]),  # a word _qualifier may look past or end at
        years=(int(dates["year_min"]), int(dates["year_max"])),
        scales={k: float(v) for k, v in lx["scale"].items()},
        words=w, single_ok=set(w["single_ok"]), max_run=int(w["max_run"]),
    )
    p.gated_blockers = p.blockers  # (each one gated: see _blocked)
    heads = _heads([(_SCALE, p.scale), (_PERCENT, p.percent), (_NOUN, p.noun), (_HINT, p.hint),  # _follows
                    (_PERIOD, p.period), (_SLASH, p.slash), (_DASH, p.dash), (_UPTO, p.upto)])
    p.heads = (*heads, frozenset(k[0] for h in heads for k in h))  # (and the first characters of their keys)
    return p


def _numword_gate(firsts: set[str], single_ok: set[str]) -> re.Pattern[str]:
    """On fold(text): a number word of ``firsts`` after and before no letter of _LETTERS that is in
    single_ok or has space and another such word after it (as numword_next finds): what a candidate
    of numword_scan must be for _word_quantities to look at it. A trie of first letters, each word's
    "after no letter" tested last, behind the word itself (a lookbehind over the word and the
    character before it), so that most places fail on their first letters alone."""
    letters, gap = re.escape(_LETTERS), re.escape(_GAP)
    by_first: dict[str, tuple[list[str], list[str]]] = {}
    for w in sorted(firsts, key=len, reverse=True):
        by_first.setdefault(w[0], ([], []))[w not in single_ok].append(
            f"{re.escape(w[1:])}(?<![{letters}]{re.escape(w)})")
    branches = []
    for first, (alone, paired) in by_first.items():
        tails = [f"(?:{'|'.join(alone)})(?![{letters}])"] if alone else []
        if paired:
            tails.append(f"(?:{'|'.join(paired)})[{gap}]+(?:{_trie(firsts)})(?![{letters}])")
        branches.append(f"{re.escape(first)}(?:{'|'.join(tails)})")
    return re.compile("|".join(branches))


def _last_words(phrases: Any) -> frozenset[str]:
    return frozenset(str(k).rsplit(" ", 1)[-1] for k in phrases)


def _shortest(words: list[str]) -> list[str]:
    """The words that hold none of the others: one of words is in a text iff one of these is."""
    return [w for w in words if not any(v != w and v in w for v in words)]


def _trie(words: Any) -> str:
    """``re`` alternation of words, longest first, written as a trie of first letters (each place
    is tried against the words that start there only): matches where the plain alternation does."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in by_first.items())


# Lowercase letters of the Latin scripts (Vietnamese among them) that fold to themselves: where
# fold(text) holds one, text holds a letter (\p{L}); tested against every code point.
_LETTERS = "".join(c for r in (range(0x250), range(0x1E00, 0x1F00)) for c in map(chr, r)
                   if c.isalpha() and fold(c) == c)


def _error(raw: object) -> NumberParseError:
    return NumberParseError(
        f"cannot read {raw!r} as a number: expected digits with '.' thousands and ',' decimals "
        "(e.g. '10.392', '11,80', '1.234,5', also '14.3' or '10,392'), optionally followed by a scale "
        "word ('1,2 triệu'), or Vietnamese number words ('hai trăm', 'mười lăm')")


def _grouped(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and groups[0][0] != "0" and all(len(g) == 3 for g in groups[1:])


def _read(core: str, *, percent: bool = False, count_noun: bool = False, hint: bool = False,
          scaled: bool = False, whole: bool = False) -> tuple[float, float]:
    """(value, resolution) of a digit group such as '10.392', '11,80', '1,234.5' read in context.

    ``whole``: core is known to be one whole _CORE match of at most _MAX_CORE characters (a digit
    group _digit_quantities kept), which the check below would pass."""
    if core.isdecimal() and len(core) <= _MAX_CORE:  # plain digits (each one a regex \d, tested)
        return float(int(core)), 1.0
    if not whole and (len(core) > _MAX_CORE or not _pats().core_full.fullmatch(core)):
        raise _error(core)
    return _read_whole(core, percent, count_noun, hint, scaled)


def _read_whole(core: str, percent: bool, count_noun: bool, hint: bool, scaled: bool) -> tuple[float, float]:
    """_read(core, whole=True, ...), its flags given in order (no keywords to sort out)."""
    if core.isdecimal() and len(core) <= _MAX_CORE:
        return float(int(core)), 1.0
    if not core.isascii() and not all(c.isdecimal() or c in ".," for c in core):
        raise _error(core)  # a digit that regex's \d knows and Python's int() does not (newer Unicode)
    dots, commas = "." in core, "," in core
    if not (dots or commas):
        return float(int(core)), 1.0
    last = max(core.rfind("."), core.rfind(","))
    if dots and commas:  # 1.234,5 or 1,234.5
        dec, head, frac = core[last], core[:last], core[last + 1:]
        groups = head.split("." if dec == "," else ",")
        if dec in head or not _grouped(groups):
            raise _error(core)
        return float("".join(groups) + "." + frac), 10.0 ** -len(frac)
    sep = "." if dots else ","
    groups = core.split(sep)
    if len(groups) > 2:
        if _grouped(groups):
            return float("".join(groups)), 1.0
        raise _error(core)
    head, frac = groups
    thousands = _grouped(groups)
    if thousands and sep == ",":
        thousands = not scaled and (count_noun or not (percent or hint))
    if thousands and percent and float(head + frac) > 100:
        thousands = False
    if thousands:
        return float(head + frac), 1.0
    return float(head + "." + frac), 10.0 ** -len(frac)


def _words_value(words: list[str]) -> tuple[float, float] | None:
    """(value, resolution) of lowercase Vietnamese number words, or None if they are not one number."""
    p = _pats()
    w, scales = p.words, p.scales
    total = group = last = 0.0
    pending, state, res = 0, "start", 1.0
    for word in words:
        res = 1.0
        if word in scales and state in ("unit", "hundred", "ten", "tens", "done"):
            group += pending if state == "unit" else 0
            m = res = scales[word]
            total = (total + group) * m if last and m >= last else total + group * m
            group, last, pending, state = 0.0, m, 0, "scale"
        elif word in scales and state == "scale" and scales[word] > last:
            total, last, res = total * scales[word], scales[word], scales[word]
        elif state in ("start", "scale", "hundred") and word in w["start"]:
            pending, state = w["start"][word], "unit" if state != "hundred" else "unit_h"
        elif state in ("start", "scale", "hundred") and word in w["ten"]:
            group, state = group + 10, "ten"
        elif state == "hundred" and word in w["zero"]:
            state = "zero"
        elif state == "unit" and word in w["hundred"]:
            group, pending, state = group + pending * 100, 0, "hundred"
        elif state in ("unit", "unit_h") and word in w["tens"] and pending >= w["tens"][word]:
            group, pending, state = group + pending * 10, 0, "tens"
        elif state in ("ten", "tens") and word in w["after_" + state]:
            group, state = group + w["after_" + state][word], "done"
        elif state == "zero" and word in w["after_zero"]:
            group, state = group + w["after_zero"][word], "done"
        else:
            return None
    if state == "unit" and not last:
        group += pending
    elif state in ("start", "unit", "unit_h", "zero"):
        return None
    return total + group, res


def parse_number(raw: str, *, unit: Unit | None = None, count_noun: bool = False) -> float:
    """Parse one printed number (digits with . and , or Vietnamese number words, optional scale word).

    Raises NumberParseError on anything else."""
    if not isinstance(raw, str):
        raise _error(raw)
    text = raw.strip()
    m = _pats().num_scale.fullmatch(text)
    if m:
        value, _ = _read(m[1], percent=unit == "percent", count_noun=count_noun, scaled=bool(m[2]))
        return value * (_scale_of(m[2]) if m[2] else 1.0)
    got = _words_value(text.lower().split()) if text else None
    if got is None:
        raise _error(raw)
    return got[0]


def _scale_of(words: str) -> float:
    return math.prod(_pats().scales[w] for w in words.lower().split())


def _interval(v: float, q: Qualifier, res: float, unit: Unit) -> tuple[float, float]:
    if q == "exact":
        return v, v
    s = max(res, 0.1 * abs(v))
    lo, hi = {"more_than": (v, v + s), "at_least": (v, v + s), "about": (v - s, v + s)}.get(q, (v - s, v))
    lo = min(v, max(lo, 0.0))
    if unit == "percent":
        hi = max(v, min(hi, 100.0))
    return lo, hi


# What may stand between two words of a phrase before a number: str.isspace() but a line break
# (every such character is below U+3001).
_GAP = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")


_GAP_SET = frozenset(_GAP)
_PHONE_GAP = frozenset(_GAP + "\n:.(+")  # what may stand between a phone word and its number (\s, tested)


def _words_before(text: str, pos: int, n: int = 4, lowered: str | None = None) -> list[tuple[str, int]]:
    """Up to n lowercase words right before pos, separated only by spaces; nearest last, with starts.

    One reverse match from pos: (word, space run) units, nearest first, at most four of them; read
    from str.rsplit instead where that tells the same (see _split_before). ``lowered``: text.lower()
    when it lowercases text character for character (see _lowercase), so that the match can run on
    it (lowering keeps letters and _GAP, tested on every code point)."""
    if n <= 4:
        if text[pos - 1:pos] not in _GAP_SET:  # no space run right before pos: no words
            return []
        lo = max(0, pos - 80)
        if lowered is not None and (words := _split_before(lowered[lo:pos], lo)) is not None:
            return words if n == 4 else words[::-1][:n][::-1]
        spans = _pats().before.match(lowered or text, lo, pos).regs[1:]
        if lowered is not None:
            words = [(lowered[a:b], a) for a, b in spans if a >= 0]
        else:
            words = [(text[a:b].lower(), a) for a, b in spans if a >= 0]
        return words if n == 4 else words[::-1][:n][::-1]  # (at most four)
    return _words_before_slow(text, pos, n)


def _split_before(seg: str, at: int) -> list[tuple[str, int]] | None:
    """What the reverse match of _words_before finds in seg (which ends with a space of _GAP and
    starts at offset ``at``), read from str.rsplit; None where only the match can tell.

    With no line break in seg, its white space runs are runs of _GAP (every str.isspace character
    but "\n"), and rsplit's last four pieces are the nearest space-free tokens. A token of letters
    (str.isalpha: each one a \\p{L}) between white space or seg's start is a whole \\p{L}++ run: one
    word, the walk going on past it. A token that ends with no letter (str.isalpha and \\p{L} both
    false) ends the walk; any other token is left to the match."""
    if "\n" in seg:
        return None
    words: list[tuple[str, int]] = []
    end = len(seg)
    for token in reversed(seg.rsplit(None, 4)[-4:]):
        if not token.isalpha():
            last = token[-1]
            if last.isalpha() or _LETTER.match(last):
                return None
            break
        end = seg.rfind(token, 0, end)  # (the token lies right before the white space that ends there)
        words.append((token, at + end))
    words.reverse()
    return words


_LETTER = regex.compile(r"\p{L}")


def _split_words(seg: str) -> list[str] | None:
    """The words of _split_before(seg, at), without their starts (see _start_of)."""
    if "\n" in seg:
        return None
    tokens = seg.rsplit(None, 4)[-4:]
    if "".join(tokens).isalpha():  # (each one a word, as _split_before reads it)
        return tokens
    words: list[str] = []
    for token in reversed(tokens):
        if not token.isalpha():
            last = token[-1]
            if last.isalpha() or _LETTER.match(last):
                return None
            break
        words.append(token)
    words.reverse()
    return words


def _words_of(text: str, pos: int, lowered: str | None) -> list[str]:
    """The words of _words_before(text, pos, 4, lowered), nearest last, without their starts."""
    if text[pos - 1:pos] not in _GAP_SET:  # no space run right before pos: no words
        return []
    if lowered is not None:
        lo = pos - 80 if pos > 80 else 0
        if (words := _split_words(lowered[lo:pos])) is not None:
            return words
    return [w for w, _ in _words_before(text, pos, 4, lowered)]


def _start_of(text: str, pos: int, lowered: str | None, words: list[str], k: int) -> int:
    """Where words[k] starts, words being _words_of(text, pos, lowered): the start _words_before
    gives it. On the lowered text each word is the last copy of itself that ends at or before the
    start of the word after it (pos for the nearest): only spaces lie between, and no letter."""
    if lowered is None:
        return _words_before(text, pos, 4, lowered)[k][1]
    end = pos
    for w in reversed(words[k:]):
        end = lowered.rfind(w, 0, end)
    return end


def _before_pattern() -> regex.Pattern[str]:
    """What ``(?r)(?:(\\p{L}++)[_GAP]++){0,4}`` matches, each of the four words in a group of its own
    (1: the farthest ... 4: the nearest; reading their spans is cheaper than captures())."""
    unit = r"(\p{L}++)[" + regex.escape(_GAP) + r"]++"
    rx = ""
    for _ in range(4):
        rx = f"(?:{rx}{unit})?"
    return regex.compile("(?r)" + rx)


def _lowercase(text: str, low: str | None = None) -> tuple[str, str | None]:
    """(text.lower(), the same if each of its characters is the lowercase of text's character at
    that offset, else None). Python lowers one character to two only for U+0130, and looks at the
    neighbours only for U+03A3 (final sigma). ``low``: text.lower(), if known."""
    low = text.lower() if low is None else low
    return low, (low if len(low) == len(text) and "\u03a3" not in text else None)


def _words_before_slow(text: str, pos: int, n: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    end = pos
    for m in reversed(list(_pats().word.finditer(text, max(0, pos - 80), pos))):
        gap = text[m.end():end]
        if not gap or "\n" in gap or not gap.isspace() or len(out) == n:
            break
        out.append((m.group().lower(), m.start()))
        end = m.start()
    return out[::-1]


def _tail(words: list[tuple[str, int]], table: dict[str, Any], lasts: frozenset[str] | None = None
          ) -> tuple[Any, int] | None:
    """Longest phrase of table ending at the last word: (its entry, index of its first word).

    ``lasts``: the last words of table's phrases, if known (no phrase ends elsewhere)."""
    return _tail_of([w for w, _ in words], table, lasts)


def _tail_of(words: list[str], table: dict[str, Any], lasts: frozenset[str] | None = None
             ) -> tuple[Any, int] | None:
    """_tail, of the words alone (nearest last)."""
    n = len(words)
    if not n or (lasts is not None and words[-1] not in lasts):
        return None
    if n >= 3 and (key := f"{words[-3]} {words[-2]} {words[-1]}") in table:
        return table[key], n - 3
    if n >= 2 and (key := f"{words[-2]} {words[-1]}") in table:
        return table[key], n - 2
    if (key := words[-1]) in table:
        return table[key], n - 1
    return None


def _qualifier(words: list[tuple[str, int]], pos: int) -> tuple[Qualifier, int]:
    q, k = _qualifier_of([w for w, _ in words])
    return (q, words[k][1]) if k >= 0 else (q, pos)


def _qualifier_of(words: list[str]) -> tuple[Qualifier, int]:
    """_qualifier of the words alone: (qualifier, index of the first word of its phrase, -1 if
    "exact")."""
    p = _pats()
    n = len(words)
    while n and words[n - 1] in p.skip:
        n -= 1
    hit = _tail_of(words[:n], p.qual, p.qual_lasts)
    if not hit or (hit[1] > 0 and words[hit[1] - 1] in hit[0][1]):
        return "exact", -1
    return hit[0][0], hit[1]


def _is_name(words: list[tuple[str, int]]) -> bool:
    return _is_name_of([w for w, _ in words])


def _is_name_of(words: list[str]) -> bool:
    """Is the number after words (nearest last) a name or ordinal ("Phường 9")?"""
    p = _pats()
    hit = _tail_of(words, p.names, p.name_lasts)
    return bool(hit) and not (hit[1] > 0 and words[hit[1] - 1] in hit[0])


def _is_date_part(words: list[tuple[str, int]], n: float | None) -> bool:
    """'ngày 09', 'tháng 3', 'năm 2022' (but not 'mỗi tháng 10')."""
    return _is_date_part_of([w for w, _ in words], n)


def _is_date_part_of(words: list[str], n: float | None) -> bool:
    """_is_date_part, of the words alone (nearest last)."""
    p = _pats()
    hit = _tail_of(words, p.dates, p.date_lasts)
    if n is None or not hit or n > hit[0]:
        return False
    before = words[:hit[1]]
    return not (before and (before[-1] in p.per or " ".join(before[-2:]) in p.per))


def _at(rx: regex.Pattern[str], text: str, pos: int) -> regex.Match[str] | None:
    """rx.match at pos within a bounded window (regex's literal prefilter would scan the whole text)."""
    return rx.match(text, pos, pos + _WINDOW)


class _Context(NamedTuple):
    """What follows a number: scale multiplier and where the scale word ends, percent sign, where
    the figure's expression ends, count noun, decimal hint ('điểm'), and the _Lead patterns that may
    match at that end (bits, see _follows)."""

    mult: float
    scale_end: int
    percent: bool
    end: int
    noun: bool
    hint: bool
    follows: int = _ALL


_new_context = functools.partial(tuple.__new__, _Context)  # _Context((...)) without the keyword handling


def _context(text: str, pos: int, folded: str | None = None) -> _Context:
    """What follows a number at pos: scale word, percent sign, count noun, 'điểm'.

    ``folded``, fold(text) if the caller has it, lets each pattern be skipped where none of its
    phrases' first letters stand (see _follows)."""
    if folded is None:
        return _context_plain(text, pos)
    return _new_context(_context_at(text, pos, folded, _pats()))


_NEAR = _SCALE | _PERCENT | _NOUN | _HINT  # the patterns _context reads


def _context_at(text: str, pos: int, folded: str, p: SimpleNamespace) -> tuple[float, int, bool, int, bool, bool, int]:
    """_context(text, pos, folded) as a plain tuple (``p``: _pats())."""
    heads = p.heads
    c = folded[pos:pos + 1]
    if c == " " or c in heads[3]:
        may = _follows(folded, pos, heads)
    else:  # what _follows tells where no space run or phrase starts at pos
        may = _ALL if c.isspace() else 0
    if not may & _NEAR:  # (none of the four patterns below may match)
        return 1.0, pos, False, pos, False, False, may
    sm = p.scale.rx.match(text, pos, pos + _WINDOW) if may & _SCALE else None
    if sm:
        mult, end = _scale_of(sm[1]), sm.end()
        may = _follows(folded, end, heads)
    else:
        mult, end = 1.0, pos
    if text[end:end + 1] == "%":  # (what the percent pattern matches there: no space, then "%")
        percent, pend = True, end + 1
    elif may & _PERCENT and (pm := p.percent.rx.match(text, end, end + _WINDOW)):
        percent, pend = True, pm.end()
    else:
        percent, pend = False, end
    if percent:
        may = _follows(folded, pend, heads)
    noun = bool(may & _NOUN) and p.noun.rx.match(text, pend, pend + _WINDOW) is not None
    hint = bool(may & _HINT) and p.hint.rx.match(text, pend, pend + _WINDOW) is not None
    return mult, end, percent, pend, noun, hint, may


def _context_plain(text: str, pos: int) -> _Context:
    """_context without fold(text): the first character after the spaces decides (_Lead.may)."""
    p = _pats()
    c = _lead(text, pos, pos + _WINDOW)  # shared by the four patterns while they start at pos
    sm = p.scale.rx.match(text, pos, pos + _WINDOW) if p.scale.may(c) else None
    if sm:
        mult, end = _scale_of(sm[1]), sm.end()
        c = _lead(text, end, end + _WINDOW)
    else:
        mult, end = 1.0, pos
    pm = p.percent.rx.match(text, end, end + _WINDOW) if p.percent.may(c) else None
    if pm:
        pend = pm.end()
        c = _lead(text, pend, pend + _WINDOW)
    else:
        pend = end
    noun = p.noun.may(c) and p.noun.rx.match(text, pend, pend + _WINDOW) is not None
    hint = p.hint.may(c) and p.hint.rx.match(text, pend, pend + _WINDOW) is not None
    return _new_context((mult, end, pm is not None, pend, noun, hint, _ALL))


def _fold_lowered(text: str, low: str) -> str:
    """fold(text), given low = text.lower() (the same unless text holds a character fold replaces)."""
    for odd in _FOLD_ODD:
        if odd in text:
            return fold(text)
    return low


_GATED = itemgetter(3)  # of a blocker: does blocker_gates tell when it may match?


def _blocked(text: str, low: str | None = None, folded: str | None = None, raws: list[str] | None = None,
             starts: list[int] | None = None) -> bytearray | None:
    """1 for every character inside a date, time, document number, phone number, e-mail or URL;
    None if there is none. ``low``, ``folded``, ``raws``, ``starts``: text.lower(), fold(text), every
    _CORE match of text and where each starts, if the caller has them."""
    p = _pats()
    low = text.lower() if low is None else low
    folded = fold(text) if folded is None else folded
    raws = p.core.findall(text) if raws is None else raws
    starts = _starts(text, raws) if starts is None else starts
    mask = None
    gates = p.blocker_gates(text, low, folded, raws, starts)
    # Only the blockers whose gate passes; where some blocker has no gate (a test takes them all
    # away) every blocker runs, those whose gate fails finding nothing (the gates are necessary)
    if p.blockers is p.gated_blockers or all(map(_GATED, p.blockers)):
        if not any(gates):
            return None  # (most sentences)
        # (a gate that is a list: the only digit-group starts where its blocker may match)
        runs = [(b, g if type(g) is list else starts) for b, g in zip(p.blockers, gates) if g]
    else:
        runs = [(b, starts) for b in p.blockers]
    core_led = p.core_led
    for (rx, grp, min_digits, _), where in runs:
        for m in (_matches_at(rx, text, where) if rx in core_led else rx.finditer(text)):
            a, b = m.span(grp)
            if min_digits and not min_digits <= sum(c.isdigit() for c in m[grp]) <= 12:
                continue
            if mask is None:
                mask = bytearray(len(text) + 1)
            mask[a:b] = b"\x01" * (b - a)
    return mask


def _matches_at(rx: regex.Pattern[str], text: str, starts: list[int]) -> Iterator[regex.Match[str]]:
    """rx.finditer(text), for a pattern each of whose matches starts where a digit group does
    (``starts``, in order): the match found from a place is the one at the first of starts there
    where rx matches (rx.match at a place sees the text before it, as the search does)."""
    pos = 0
    match = rx.match
    for a in starts:
        if a >= pos and (m := match(text, a)) is not None:
            yield m
            pos = m.end()


def _quantity(text: str, s: int, e: int, value: float, res: float, unit: Unit, q: Qualifier, xs: int,
              xe: int, kind: Kind = "number", total: float | None = None, total_raw: str | None = None,
              target: float | None = None, bounds: tuple[float, float] | None = None) -> Quantity:
    low, high = bounds or ((value, value) if q == "exact" else _interval(value, q, res, unit))
    return _new_quantity(value, text[s:e], unit, q, low, high, s, e, xs if xs < s else s, xe if xe > e else e,
                         res, total, total_raw, target, kind)


# What may follow a figure that none of _skippable's tests looks at: no digit, letter, "." or ")"
_PLAIN_NEXT = frozenset(c for c in map(chr, range(0x250)) if not (c.isdigit() or c.isalpha() or c in ".)")) | {""}


def _skippable(text: str, s: int, e: int, raw: str, second: bool = False) -> bool:
    """Codes, glued tokens, list markers and over-long digit strings (second: the Y of X/Y or X-Y)."""
    if (text[s - 1:s] == " " and text[e:e + 1] in _PLAIN_NEXT and not second and raw[0] != "0"
            and len(raw) <= _MAX_CORE):
        return False  # the common case, where every test of _skippable_tests fails
    return _skippable_tests(text, s, e, raw, second)


def _skippable_tests(text: str, s: int, e: int, raw: str, second: bool) -> bool:
    """_skippable, test by test."""
    prev, nxt = text[s - 1:s], text[e:e + 1]
    if second:
        if nxt == "/":
            return True
    elif (prev in ("/", "_", "@", "#") or prev.isalpha()
          or (prev in ("-", "–") and text[s - 2:s - 1].isalpha())):  # glued to a code
        return True
    if nxt.isdigit() or (nxt.isalpha() and not _at(_pats().glued, text, e)):
        return True
    if len(raw) > _MAX_CORE:
        return True
    if raw[0] == "0":  # raw is digits, "." and ","
        head = raw.split(".", 1)[0].split(",", 1)[0]
        if len(head) >= (4 if head == raw else 3):
            return True
    if prev == "(" and nxt == ")" and raw.isdigit() and len(raw) <= 2:
        return True
    # a list marker: "1." or "2)" alone at the start of a line
    if nxt not in (".", ")") or text[e + 1:e + 2] not in ("", " ", "\t", "\u00a0"):
        return False
    before = text[max(0, s - 80):s]
    return not before.rsplit("\n", 1)[-1].strip() and ("\n" in before or s <= 80)


def _starts(text: str, raws: list[str]) -> list[int]:
    """Where each of raws, the _CORE matches of text in order, starts: the first place at or after
    the end of the one before where it stands (a match starts at the first \\d there, and raw starts
    with that \\d: no copy of raw starts before it)."""
    out, pos = [], 0
    find, add = text.find, out.append
    for raw in raws:
        pos = find(raw, pos)
        add(pos)
        pos += len(raw)
    return out


def _digit_quantities(text: str, low: str | None = None, folded: str | None = None) -> list[Quantity]:
    """The figures written with digits (``low``, ``folded``: text.lower() and fold(text), if known)."""
    p = _pats()
    raws = p.core.findall(text)
    if not raws:
        return []
    starts = _starts(text, raws)
    low, lowered = _lowercase(text, low)
    folded = _fold_lowered(text, low) if folded is None else folded
    mask, out = _blocked(text, low, folded, raws, starts), []
    consumed, chain_end = 0, -1
    ylo, yhi = p.years
    name_date_lasts, qual_skip_lasts = p.name_date_lasts, p.qual_skip_lasts
    for s, raw in zip(starts, raws):
        e = s + len(raw)
        if s < consumed or (mask is not None and 1 in mask[s:e]) or _skippable(text, s, e, raw):
            continue
        mult, scale_end, percent, cend, noun, hint, may = _context_at(text, e, folded, p)
        plain = raw.isdigit() and len(raw) <= 9
        n = int(raw) if plain else None
        small = plain and len(raw) <= 3 and not noun and not percent
        if small and chain_end >= 0 and s - chain_end <= 16 and p.chain.fullmatch(text, chain_end, s):
            chain_end = e
            continue
        # a year or reporting period ("2022", "6 tháng đầu năm"; tested before the words that would
        # make it a name or date part, the outcome being the same)
        if (plain and len(raw) == 4 and ylo <= n <= yhi and mult == 1 and not noun
                and not percent) or (mult == 1 and not percent and may & _PERIOD and _at(p.period.rx, text, e)):
            chain_end = e
            continue
        words = _words_of(text, s, lowered)
        last = words[-1] if words else None  # (every phrase of names, dates, qual ends with a word)
        if (not percent and last in name_date_lasts
                and ((len(raw) <= 3 and _is_name_of(words)) or _is_date_part_of(words, n))):
            chain_end = e
            continue
        if len(raw) == 3 and raw[1:] == ".0" and not (percent or noun or hint):  # a version: "3.0" (raw[0] is \d)
            continue
        q, k = _qualifier_of(words) if last in qual_skip_lasts else ("exact", -1)
        qs = _start_of(text, s, lowered, words, k) if k >= 0 else s
        not_date = q != "exact" or last in p.not_date
        try:
            # (mult == 1 and not percent: cend is e, and ``may`` is what may match at e)
            fm = _at(p.slash.rx, text, e) if mult == 1 and not percent and may & _SLASH else None
            if fm and not ((mask is not None and 1 in mask[fm.start(1):fm.end(1)])
                           or _skippable(text, *fm.span(1), fm[1], True)):
                s2, e2 = fm.span(1)
                c2 = _context(text, e2, folded)
                consumed = e2
                if plain and fm[1].isdigit() and not (c2.noun or c2.percent or c2.hint or not_date):
                    a, b = n, int(fm[1][:9])
                    if 1 <= a <= 31 and 1 <= b <= 12 or 1 <= a <= 12 and len(fm[1]) == 4 and ylo <= b <= yhi:
                        continue  # a date: 7/9, 10/2022
                if c2.percent:  # 11,80/80%: achievement against a target
                    v, r = _read(raw, whole=True, percent=True)
                    out.append(_quantity(text, s, e, v, r, "percent", q, qs, c2.end, kind="fraction",
                                         target=_read(fm[1], whole=True, percent=True)[0]))
                else:
                    v, r = _read(raw, whole=True, count_noun=c2.noun, hint=c2.hint)
                    tot = _read(fm[1], whole=True, count_noun=c2.noun, hint=c2.hint)[0]
                    out.append(_quantity(text, s, e, v, r, "count", q, qs, e2, kind="fraction",
                                         total=tot, total_raw=fm[1]))
                continue
            frm = last == "từ"
            rm = ((may & _DASH and _at(p.dash.rx, text, cend))
                  or (_at(p.upto.rx, text, cend) if frm and may & _UPTO else None))
            if rm and not ((mask is not None and 1 in mask[rm.start(1):rm.end(1)])
                           or _skippable(text, *rm.span(1), rm[1], True)):
                c2 = _context(text, rm.end(1), folded)
                unit: Unit = "percent" if percent or c2.percent else "count"
                mult2 = mult if mult != 1 else c2.mult
                v1, r1 = _read(raw, whole=True, percent=unit == "percent", count_noun=c2.noun, scaled=mult2 != 1)
                v2, r2 = _read(rm[1], whole=True, percent=unit == "percent", count_noun=c2.noun, scaled=mult2 != 1)
                if v1 < v2:
                    lo, hi, end = v1 * mult2, v2 * mult2, c2.scale_end
                    consumed = rm.end(1)
                    out.append(_quantity(text, s, end, (lo + hi) / 2, max(r1, r2) * mult2, unit, "about",
                                         _start_of(text, s, lowered, words, -1) if frm else s, c2.end,
                                         kind="range", bounds=(lo, hi)))
                    continue
            unit = "percent" if percent else "count"
            # plain digits read the same whatever follows (see _read)
            v, r = (float(n), 1.0) if plain else _read_whole(raw, percent, noun, hint, mult != 1)
            if q == "exact":  # _quantity, spelled out (cend is at least scale_end)
                v *= mult
                out.append(_new_quantity(v, text[s:scale_end], unit, q, v, v, s, scale_end, qs if qs < s else s,
                                         cend, r * mult, None, None, None, "number"))
            else:
                out.append(_quantity(text, s, scale_end, v * mult, r * mult, unit, q, qs, cend))
        except NumberParseError:
            continue
    return out


def _word_quantities(text: str, folded: str | None = None) -> list[Quantity]:
    """The figures written in words (``folded``: fold(text), if known)."""
    p = _pats()
    out: list[Quantity] = []
    end = 0
    # A run of number words can only start at a number word that stands after and before no letter
    # of _LETTERS: find those in the folded text (one C scan, the character before each taken in, a
    # space put before the text for the first), and let word_run decide there, in order, as its
    # finditer would. A letter of _LETTERS in fold(text) is a letter (\p{L}) in text (tested on every
    # code point), so no run start is lost to the look-around; and a place inside a candidate follows
    # one of its letters, where no run starts.
    folded = fold(text) if folded is None else folded
    if p.numword_gate.search(folded) is None:
        return out  # no candidate below gets past its first tests (see _numword_gate)
    for cand in p.numword_scan.finditer(" " + folded):
        c, ce = cand.start(), cand.end() - 1  # the word's span in text
        if c < end or (c > 0 and text[c - 1].isalpha()):  # (a run starts after no letter: str.isalpha
            continue                                      # never holds where \p{L} does not)
        if folded[c:ce] not in p.single_ok and not p.numword_next.match(folded, ce):
            # Where a run starts, it starts with the scan's word (no longer one matches there, and no
            # letter follows it); with no space and number word after it (numword_next would find that
            # in the folded text, as the scan finds the first) the run is that word alone: a lone word
            # that is not single_ok (below; fold(w) not in single_ok holds then for w.lower() as well).
            # Passing it by leaves ``end`` behind it, where no later candidate starts.
            continue
        run = p.word_run.match(text, c)
        if run is None:
            continue
        end = run.end()
        one = text[c:end].split()
        if len(one) == 1 and one[0].lower() not in p.single_ok:
            continue  # a lone number word is a figure only if single_ok (below); it is its one token
        toks = [(t.group().lower(), t.start(), t.end()) for t in p.word.finditer(text, *run.span())]
        if len(toks) > p.max_run:
            continue
        i = 0
        while i < len(toks):
            got, j = None, i
            for k in range(len(toks), i, -1):
                if (got := _words_value([t[0] for t in toks[i:k]])) is not None:
                    j = k
                    break
            seg, i = toks[i:j], max(j, i + 1)
            if got is None:
                continue
            s, e = seg[0][1], seg[-1][2]
            if len(seg) == 1 and seg[0][0] not in p.single_ok:
                continue
            ctx = _context(text, e, folded)
            if len(seg) == 1 and not (ctx.noun and not ctx.percent):
                continue
            words = _words_before(text, s)
            if not ctx.percent and (_is_name(words) or _is_date_part(words, got[0])):
                continue
            q, qs = _qualifier(words, s)
            unit: Unit = "percent" if ctx.percent else "count"
            out.append(_quantity(text, s, e, got[0], got[1], unit, q, qs, ctx.end, kind="words"))
    return out


def _reading_order(x: Quantity) -> tuple[int, int]:
    return x.expr_start, x.start


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in a (NFC-normalized) sentence or paragraph, in order, non-overlapping.

    Never returns dates, times, years, phone numbers, document numbers, or numbers that are part of
    a name/ordinal. Never raises on any str input; linear time."""
    if not isinstance(text, str) or not text:
        return []
    low = text.lower()
    folded = _fold_lowered(text, low)  # (both passes read it)
    found = _digit_quantities(text, low, folded) + _word_quantities(text, folded)
    if len(found) < 2:
        return found  # nothing to order or merge
    found.sort(key=_reading_order)
    out: list[Quantity] = []
    for x in found:
        if not out or x.expr_start >= out[-1].expr_end:
            out.append(x)
    return out
