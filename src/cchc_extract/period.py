"""When: the reporting period of each figure, as dates, with the words it was read from.

A small grammar (``lexicons/periods.toml``) finds period phrases: "8 tháng đầu năm 2022",
"quý I năm 2022", "từ ngày 01/1-21/10/2022", "từ đầu năm đến 31/8/2022", "năm 2022", "Qua hơn 01
năm hoạt động". Phrases without a year are dated by the article's own date: its dateline, else an
event date in the lead ("Sáng 7/9" with the year the lead or title names). Numeric dates are read
by the grammar itself; a date written in words that the grammar cannot read goes to dateparser
(``languages=['vi']``, day first). dateparser is never run over whole sentences: it reads "85,6%"
as a year.

A figure takes the period stated in its own sentence (the last one before it, else the first one
after it); with none there, the last period stated earlier in the article carries over. Horizons,
plans, comparisons and the names of laws ("đến năm 2025", "so với năm 2021", "Luật ... năm 2015")
are never a figure's period.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from .lexicon import _trie_source, fold, load, phrase_source
from .models import Period

__all__ = ["Mention", "find_periods", "periods_in", "article_date", "periods_for", "read_date"]

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DIGITS = regex.compile(r"\d+")


def _class_of(chars: Iterable[str]) -> str:
    """The characters as the inside of a ``[...]`` class of ``re``, in runs ("a-z")."""
    runs: list[list[int]] = []
    for x in sorted(map(ord, chars)):
        if runs and runs[-1][1] == x - 1:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs)


# Letters and digits, as they stand in fold(text), whose every original (each character that folds
# to one of them) is a letter or digit to the trigger's [\p{L}\d]: next to one of them no trigger
# word stands. The Latin blocks only (Vietnamese letters among them); tests/test_speed_checks.py
# checks the claim against every code point.
_WORD_CHARS = _class_of(
    c for c in map(chr, [*range(0x250), *range(0x1E00, 0x1F00)]) if regex.match(r"(?i)[\p{L}\d]", c)
)
_YEAR = regex.compile(r"(?<![\d/.,-])(?:19|20)\d{2}(?![\d/]|[.,]\d)")


@dataclass(frozen=True, slots=True)
class Mention:
    """A period phrase at ``text[start:end]`` (normalized offsets).

    ``reporting`` is False for horizons, plans, comparisons and law names: they are found so that
    they cannot be mistaken for anything else, but no figure takes them as its period.
    """

    start: int
    end: int
    kind: str
    period: Period
    reporting: bool
    carried: bool = True  # False: holds for its own sentence only ("Hiện ...")


@dataclass(frozen=True, slots=True)
class _Grammar:
    patterns: tuple[tuple[str, regex.Pattern[str]], ...]  # (kind, pattern) without the word edge before
    trigger: regex.Pattern[str]  # the first words patterns can begin with
    scan: re.Pattern[str]  # where a trigger may stand, in fold(text): a superset, checked by trigger
    by_word: dict[str, tuple[int, ...]]  # first word (casefolded, or "<count>") -> pattern indexes
    at_word: dict[str, tuple[tuple[str, regex.Pattern[str]], ...]]  # the same, as (kind, pattern)
    number_words: dict[str, int]
    veto: regex.Pattern[str]
    always: frozenset[str]
    not_carried: frozenset[str]
    event: tuple[regex.Pattern[str], ...]
    lead_chars: int
    running_start: tuple[regex.Pattern[str], ...]


@functools.cache
def _grammar() -> _Grammar:
    lex = load("periods")
    pieces = lex["pieces"]

    def expand(p: str) -> str:
        for name, piece in pieces.items():
            p = p.replace("{" + name + "}", piece)
        return p

    flags = regex.IGNORECASE | regex.VERSION1
    # Each pattern is tried only at a trigger, whose look-behind (?<![\p{L}\d]) is the pattern's own
    # (the same class, the same character before the same place: tests/test_speed_checks.py): it is
    # compiled without it, which regex runs faster (_edged_patterns has the whole form).
    patterns = tuple(
        (spec["kind"], regex.compile(r"(?:" + expand(spec["pattern"]) + r")(?![\p{L}])", flags))
        for spec in lex["period"]
    )
    by_word: dict[str, list[int]] = {}
    for i, spec in enumerate(lex["period"]):
        for w in spec["starts"]:
            by_word.setdefault(w.casefold(), []).append(i)
    words = sorted((w for w in by_word if w != "<count>"), key=len, reverse=True)
    counts = sorted(lex["number_words"], key=len, reverse=True)
    trigger = regex.compile(
        r"(?<![\p{L}\d])(?:(?P<count>\d{1,2}|" + "|".join(map(regex.escape, counts)) + r")(?=\s+tháng)|"
        + "|".join(map(regex.escape, words)) + r")(?![\p{L}\d])",
        regex.IGNORECASE,
    )
    # The trigger's words in the folded text: a C scan that finds every place the trigger can
    # match (and a few more), so that the slow trigger only runs there. Its matches consume whole
    # words, inside which (after a letter) no trigger starts. The digits of "<count>" stand before
    # "tháng", itself a trigger word: _triggers looks for them there. Any other word is only a
    # candidate where no letter or digit of _WORD_CHARS follows it (the trigger ends a word or
    # its first word there; a number word stands before white space). Nothing is asked of the
    # character before a word: a look-behind first would cost the scan its fast start.
    firsts = sorted({fold(w.split()[0]) for w in [*words, *counts, "tháng"]}, key=len, reverse=True)
    scan = re.compile(f"(?:{_trie_source(firsts)})(?:(?<={fold('tháng')})|(?![{_WORD_CHARS}]))")
    nr = lex["not_reporting"]
    veto = regex.compile(
        "(?:(?:" + phrase_source(nr["adjacent"]) + r")\s+"
        + "|(?:" + phrase_source(nr["nearby"]) + r")[\s,]+(?:[^\s,;.]+[\s,]+){0,%d})$" % int(nr["nearby_words"]),
        # matched right to left: it ends where the mention starts ("$"), where a reverse search
        # begins; a forward one would try every place of the window first (whether it is found
        # does not depend on the direction)
        regex.IGNORECASE | regex.REVERSE,
    )
    ev = lex["event_date"]
    # A number word that is also a trigger word ("năm": the year word and five) is tried as a count
    # by the trigger's first branch, "năm" (?=\s+tháng), and the "<count>" patterns begin with a
    # number word, white space and "tháng", or with "nửa": where that branch fails at the word, none
    # of them matches there (the trigger's flags and the patterns' read those letters and \s alike,
    # code point for code point, and no character stands for two of them:
    # tests/test_speed_segment3.py). So they are tried at "<count>" only, not at the word.
    at_word = {w: tuple(patterns[j] for j in idx) for w, idx in by_word.items()}
    return _Grammar(
        patterns=patterns,
        trigger=trigger,
        scan=scan,
        by_word={k: tuple(v) for k, v in by_word.items()},
        at_word=at_word,
        number_words={k.casefold(): int(v) for k, v in lex["number_words"].items()},
        veto=veto,
        always=frozenset(nr["always"]),
        not_carried=frozenset(nr["not_carried"]),
        event=tuple(regex.compile(expand(p), regex.IGNORECASE) for p in ev["patterns"]),
        lead_chars=int(ev["lead_chars"]),
        running_start=tuple(regex.compile(expand(p), regex.IGNORECASE) for p in lex["running_start"]["patterns"]),
    )


@functools.cache
def _edged_patterns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """The grammar's patterns with the word edge before them, as a search of their own would need
    it (the tests' plain search: a match anywhere, not at a trigger)."""
    return tuple((kind, regex.compile(r"(?<![\p{L}\d])" + p.pattern, p.flags)) for kind, p in _grammar().patterns)


# ---------------------------------------------------------------------------------------------
# dates


def _date(y: int | None, m: int | None, d: int | None) -> _dt.date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> _dt.date | None:
    if not 1 <= m <= 12:
        return None
    return _dt.date(y, m, calendar.monthrange(y, m)[1])


@functools.lru_cache(maxsize=1024)
def read_date(words: str, year: int | None = None) -> _dt.date | None:
    """A single date written out ("ngày 7 tháng 9 năm 2022", "7/9", "31/8/2022"), day first.

    Numeric forms are read directly; anything else goes to dateparser (``languages=['vi']``), which
    is slow (about half a millisecond), hence the cache. ``year`` completes a date without one.
    """
    m = regex.fullmatch(r"\s*(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\s*", words)
    if m:
        y = int(m[3]) if m[3] else year
        return _date(y, int(m[2]), int(m[1]))
    parser = _dateparser()
    if parser is None:
        return None
    try:
        data = parser.get_date_data(words)
    except Exception:  # noqa: BLE001 - dateparser raising on odd words is no reason to fail
        return None
    if data is None or data.date_obj is None:
        return None
    got = data.date_obj.date()
    if year is not None and not _YEAR.search(words):
        got = _date(year, got.month, got.day) or got
    return got


@functools.cache
def _dateparser():
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return DateDataParser(
        languages=["vi"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month"]},
    )


def article_date(text: str, lead: tuple[int, int] | None, published: _dt.date | None) -> tuple[_dt.date | None, str]:
    """The date that resolves periods without a year, and where it came from.

    ``published`` (the dateline, or the caller's) wins; else an event date in the lead ("Sáng 7/9",
    "Ngày 13/11/2019,"), completed with the first year the title or lead names.
    """
    if published is not None:
        return published, "the article's date"
    if lead is None:
        return None, "no date"
    g = _grammar()
    a, b = lead
    b = min(b, a + g.lead_chars)
    years = [int(m[0]) for m in _YEAR.finditer(text, 0, b)]
    lead_text = text[a:b]  # a slice, so that "^" in the patterns is the lead's start
    for pattern in g.event:
        m = pattern.search(lead_text)
        if not m:
            continue
        y = int(m["y1"]) if m["y1"] else (years[0] if years else None)
        d = _date(y, int(m["m1"]), int(m["d1"]))
        if d is not None:
            return d, f"the event date in the lead ({m[0].strip(' .,;:(')})"
    return None, "no date"


# ---------------------------------------------------------------------------------------------
# period phrases


def _int(m: regex.Match[str], name: str) -> int | None:
    v = m.group(name) if name in m.re.groupindex else None
    return int(v) if v else None


def _count(g: _Grammar, word: str) -> int | None:
    word = " ".join(word.split()).casefold()
    if word == "nửa":
        return 6
    if word.isdigit():
        return int(word)
    return g.number_words.get(word)


def _resolve(kind: str, m: regex.Match[str], ref: _dt.date | None, hint: int | None) -> tuple[_dt.date | None, _dt.date | None]:
    g = _grammar()
    ref_year = ref.year if ref else hint
    y = _int(m, "y") or ref_year
    if kind in ("first_months", "last_months"):
        n = _count(g, m["n"])
        if n is None or not 1 <= n <= 12 or y is None:
            return None, None
        if kind == "first_months":
            return _dt.date(y, 1, 1), _month_end(y, n)
        return _dt.date(y, 13 - n, 1), _dt.date(y, 12, 31)
    if kind == "quarter":
        q = _ROMAN.get(m["q"].upper())
        if q is None or y is None:
            return None, None
        return _dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    if kind == "quarters":
        q1, q2 = _ROMAN.get(m["q1"].upper()), _ROMAN.get(m["q2"].upper())
        if q1 is None or q2 is None or y is None or q2 < q1:
            return None, None
        return _dt.date(y, 3 * q1 - 2, 1), _month_end(y, 3 * q2)
    if kind == "month":
        mo = _int(m, "m")
        if mo is None or y is None or not 1 <= mo <= 12:
            return None, None
        return _dt.date(y, mo, 1), _month_end(y, mo)
    if kind == "year":
        return _dt.date(y, 1, 1), _dt.date(y, 12, 31)
    if kind == "years":
        y1, y2 = _int(m, "y1"), _int(m, "y2")
        if y1 is None or y2 is None or y2 < y1:
            return None, None
        return _dt.date(y1, 1, 1), _dt.date(y2, 12, 31)
    if kind == "range":
        y2 = _int(m, "y2") or _int(m, "y1") or ref_year
        y1 = _int(m, "y1") or y2
        if y1 is not None and not _int(m, "y1") and (_int(m, "m1") or 0, _int(m, "d1") or 0) > (
            _int(m, "m2") or 0, _int(m, "d2") or 0
        ):
            y1 -= 1  # "từ 15/12 đến 14/3/2023": the start is in the year before
        return _date(y1, _int(m, "m1"), _int(m, "d1")), _date(y2, _int(m, "m2"), _int(m, "d2"))
    if kind == "since":
        y1 = _int(m, "y1") or ref_year
        return _date(y1, _int(m, "m1") or 1, _int(m, "d1") or 1), ref
    if kind == "ytd":
        end = _end_of(m, ref, ref_year)
        year = _int(m, "y") or (end.year if end else ref_year)
        return (_dt.date(year, 1, 1) if year else None), end
    if kind == "until":
        return None, _end_of(m, ref, ref_year)
    if kind in ("running", "now"):
        return None, ref
    return None, None


def _end_of(m: regex.Match[str], ref: _dt.date | None, ref_year: int | None) -> _dt.date | None:
    """The end date of "đến 31/8/2022", "đến hết tháng 9", "đến nay"."""
    y2 = _int(m, "y2") or _int(m, "y") or ref_year
    if "d2" in m.re.groupindex and m["d2"]:
        return _date(y2, _int(m, "m2"), _int(m, "d2"))
    if "m2" in m.re.groupindex and m["m2"]:
        return _month_end(y2, int(m["m2"])) if y2 else None
    return ref


def find_periods(text: str, start: int = 0, end: int | None = None, *, ref: _dt.date | None = None) -> list[Mention]:
    """Every period phrase in ``text[start:end]``, left to right, none overlapping.

    ``ref`` (the article's date) dates phrases without a year; without it, a year in the span
    does (pass sentence-sized spans), else the period keeps only its words.
    """
    return periods_in(text, [(start, len(text) if end is None else end)], ref=ref)[0]


def periods_in(text: str, spans: Sequence[tuple[int, int]], *, ref: _dt.date | None = None) -> list[list[Mention]]:
    """``find_periods`` for many spans (an article's sentences, in order) at once.

    The trigger words are found over the text from the first span to the last in one scan (a call
    per sentence costs more than the scanning); a phrase belongs to the span that holds it whole.
    At one place the longest phrase wins (the first pattern tried, of equal ones); a phrase that
    starts inside one kept before it in its span is dropped.
    """
    out: list[list[Mention]] = [[] for _ in spans]
    if not spans:
        return out
    g = _grammar()
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    starts = [a for a, _ in spans]
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    sorted_starts = [starts[i] for i in order]
    last: dict[int, int] = {}  # span -> the end of the last phrase kept in it
    began: list[_dt.date] | None = None  # the dates the article says its work began, when needed
    hints: dict[int, int | None] = {}
    # triggers come left to right, so each span's phrases come in the order of their starts
    for tm in _triggers(g, text, lo, hi):
        a = tm.start()
        k = bisect.bisect_right(sorted_starts, a) - 1
        if k < 0:
            continue
        i = order[k]
        if a < last.get(i, -1):
            continue  # inside a phrase kept before: every phrase starting here would be dropped
        s0, s1 = spans[i]
        for kind, m in _phrases_at(g.at_word.get("<count>" if tm["count"] else tm[0].casefold(), ()), text, a, s1):
            if a < last.get(i, -1):
                continue
            b = last[i] = m.end()
            if ref is None and i not in hints:
                ys = _YEAR.findall(text, s0, s1)
                hints[i] = int(ys[0]) if ys else None
            p_start, p_end = _resolve(kind, m, ref, hints.get(i))
            if kind == "running" and p_end is not None:
                if began is None:  # read once: an article may repeat the phrase many times
                    began = _began(g, text, lo, hi)
                p_start = _running_start(g, m, p_end, began)
            if p_start and p_end and p_start > p_end:
                p_end = None  # "từ 1/7/2025 đến nay" in an article dated before it: the end is unknown
            label = " ".join(m[0].split())
            # the veto ends where the mention starts: matched from there (a search would also try every
            # earlier place, where "$" fails; the tests compare the two)
            reporting = kind in g.always or not g.veto.match(text, max(s0, a - 120), a)
            out[i].append(Mention(a, b, kind, Period(start=p_start, end=p_end, label=label), reporting,
                                  kind not in g.not_carried))
    return out


_BEGAN_MAX = 20  # distinct start dates kept: an article states one or two; a hostile text, thousands


def _began(g: _Grammar, text: str, lo: int, hi: int) -> list[_dt.date]:
    """The distinct dates ``text[lo:hi]`` says some work began on ("đi vào hoạt động từ ngày
    01/10/2018"), those with their year, by pattern and then in text order; the first _BEGAN_MAX."""
    out: dict[_dt.date, None] = {}
    for rx in g.running_start:
        for sm in rx.finditer(text, lo, hi):
            start = _date(_int(sm, "y1"), _int(sm, "m1"), _int(sm, "d1")) if sm["y1"] else None
            if start is not None:
                out[start] = None
                if len(out) >= _BEGAN_MAX:
                    return list(out)
    return list(out)


def _running_start(g: _Grammar, m: regex.Match[str], end: _dt.date, began: Sequence[_dt.date]) -> _dt.date | None:
    """When the work that "Qua hơn 01 năm hoạt động" (``m``, ending at ``end``) counts began: the
    first of ``began`` whose distance to ``end`` is within a year of the phrase's years, or within
    a month of its months ("Sau hơn 6 tháng vận hành"); else None."""
    n = _count(g, m["n"])
    if n is None:
        return None
    days = 30.44 if m["unit"].casefold() == "tháng" else 365.25
    return next((d for d in began if d <= end and n - 1 < (end - d).days / days < n + 1), None)


def _phrases_at(
    cands: Sequence[tuple[str, regex.Pattern[str]]], text: str, a: int, end: int
) -> list[tuple[str, regex.Match[str]]]:
    """(kind, match) of each of ``cands`` that matches ``text[a:end]`` from ``a``: the longest
    first, equal ends in the order of ``cands``."""
    found = []
    for kind, pattern in cands:
        m = pattern.match(text, a, end)
        if m is not None:
            found.append((kind, m))
    if len(found) > 1:
        found.sort(key=lambda f: -f[1].end())  # stable: equal ends keep their order
    return found


def _triggers(g: _Grammar, text: str, lo: int, hi: int) -> list[regex.Match[str]]:
    """``g.trigger.finditer(text, lo, hi)``, run only where ``g.scan`` finds a candidate."""
    out: list[regex.Match[str]] = []
    end = lo
    match = g.trigger.match
    low = fold(text[lo:hi])
    for c in g.scan.finditer(low):
        p = lo + c.start()
        if p < end:
            continue
        if low.startswith("tháng", c.start()):
            # "<count>" digits may end the white space before it: \d{1,2}\s+tháng (str.isspace
            # holds for every \s of regex)
            j = p
            while j > end and text[j - 1].isspace():
                j -= 1
            if j < p:
                for d in (j - 2, j - 1):
                    if d >= end and _DIGITS.fullmatch(text, d, j) is not None:
                        tm = match(text, d, hi)
                        if tm is not None:
                            out.append(tm)
                            end = tm.end()
                            break
                if p < end:
                    continue
        tm = match(text, p, hi)
        if tm is not None:
            out.append(tm)
            end = tm.end()
    return out


def periods_for(
    positions: Sequence[tuple[int, int]],
    mentions: Sequence[Sequence[Mention]],
    text: str | None = None,
) -> list[Period | None]:
    """The period of each figure: ``positions`` are (sentence index, offset) pairs,
    ``mentions[i]`` the period phrases of sentence i (from ``find_periods`` over that sentence).

    The last reporting period before the figure in its sentence, else the first after it in its
    clause, else the last one stated in an earlier sentence (carried over), else None. Clauses end
    at ";" (with ``text``, the text the offsets index): in "Đã giải quyết 4.750 hồ sơ ...; hiện còn
    112 hồ sơ đang giải quyết" the "hiện" is the period of the 112 alone.
    """
    carried: list[Period | None] = []
    current: Period | None = None
    for ms in mentions:
        carried.append(current)
        for mn in ms:
            if mn.reporting and mn.carried:
                current = mn.period
    out: list[Period | None] = []
    for s, pos in positions:
        own = [mn for mn in mentions[s] if mn.reporting] if 0 <= s < len(mentions) else []
        before = [mn for mn in own if mn.start < pos]
        after = [mn for mn in own if mn.start >= pos and (text is None or ";" not in text[pos : mn.start])]
        if before:
            out.append(before[-1].period)
        elif after:
            out.append(after[0].period)
        else:
            out.append(carried[s] if 0 <= s < len(carried) else None)
    return out
