"""Load the word lists in ``lexicons/`` and compile them into patterns, once per process.

Lexicons are TOML files of phrases. A phrase list becomes one alternation, longest phrase first,
matched case-insensitively, with any run of white space between words and whole-word edges
(a phrase never matches inside a longer word: "xã" does not match in "xã hội" only because the
caller asks for the right phrase, but it never matches in "xãy").
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import Any

import regex

__all__ = ["load", "phrase_pattern", "phrase_source", "phrase_prefilter", "PhraseMatcher", "LexiconError", "fold"]


class LexiconError(RuntimeError):
    """A lexicon file is missing or malformed: the package data is broken, reinstall the package."""


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed TOML lexicon ``lexicons/<name>.toml`` (name may contain a folder: 'metrics/dossiers')."""
    path = resources.files("cchc_extract").joinpath("lexicons", *f"{name}.toml".split("/"))
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - broken install
        raise LexiconError(f"cannot read lexicon {name!r} at {path}: {exc}; reinstall cchc_extract") from exc


# The two characters that ``regex.IGNORECASE`` matches to a letter that is not their ``str.lower()``:
# "İ" (whose lower() is two characters) to "i", and "ſ" to "s" (tests/test_speed_invariants.py
# checks this against every code point).
_FOLD_ODD = {"\u0130": "i", "\u017f": "s"}


def fold(text: str) -> str:
    """``text`` lowercased with the same length, offset for offset, such that wherever a lowercase
    phrase matches case-insensitively (``regex.IGNORECASE``), ``fold(text)`` holds the phrase itself.

    A cheap way to find where a phrase *may* match (``str.find`` or ``re`` on the folded text); the
    real pattern still decides at those places."""
    for odd, plain in _FOLD_ODD.items():
        if odd in text:
            text = text.replace(odd, plain)
    return text.lower()


_FOLDED: dict[int, tuple[str, str]] = {}  # id(text) -> (text, fold(text)), the last few texts
_FOLD_KEEP = 200_000  # longer texts are not kept


def _folded(text: str) -> str:
    """``fold(text)``, remembered for the last few texts (an article, its paragraph): the stages
    scan the same text for many phrase lists."""
    hit = _FOLDED.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    low = fold(text)
    if len(_FOLDED) >= 4:
        _FOLDED.clear()
    _FOLDED[id(text)] = (text, low)
    return low


def _fold_char(c: str) -> str:
    """``fold`` of one character."""
    return _FOLD_ODD.get(c, c).lower()


def _canonical(phrase: str) -> str:
    # Lexicon phrases go through the same normalization as the text they are matched against,
    # so a list may be written with either tone-mark style.
    from .text import normalize

    return normalize(phrase).text.strip()


def _trie_source(phrases: list[str]) -> str:
    """One regex for many phrases, shaped as a trie (shared prefixes merged), so the engine does
    not try every phrase at every position. A space in a phrase matches any run of white space."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p.lower():
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [(r"\s+" if ch == " " else regex.escape(ch)) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + ("?" if ends else "")

    return walk(trie)


def _edges(phrase: str) -> tuple[bool, bool]:
    return bool(regex.match(r"[\p{L}\p{N}]", phrase)), bool(regex.search(r"[\p{L}\p{N}]$", phrase))


def _phrase_source(canon: list[str]) -> str:
    """The ``regex`` source (for IGNORECASE) matching any of ``canon`` (canonical phrases, none
    empty), longest first, whole words."""
    groups: dict[tuple[bool, bool], list[str]] = {}
    for c in canon:
        groups.setdefault(_edges(c), []).append(c)
    parts = []
    for (head, tail), items in sorted(groups.items(), reverse=True):
        parts.append(
            (r"(?<![\p{L}\p{N}])" if head else "")
            + "(?:" + _trie_source(items) + ")"
            + (r"(?![\p{L}\p{N}])" if tail else "")
        )
    # a trie takes the longest phrase at a position only within one edge group; put the groups
    # in one alternation and let the longest overall win by trying words-edged first
    return "|".join(parts) or r"(?!)"


class PhraseMatcher:
    """Finds any of a list of phrases; ``which(match)`` tells the index of the phrase that matched."""

    def __init__(self, phrases: Iterable[str]):
        self.phrases = [p for p in phrases if p and p.strip()]
        canon = [" ".join(_canonical(p).split()) for p in self.phrases]
        self._index: dict[str, int] = {}
        for i, c in enumerate(canon):
            self._index.setdefault(c.lower(), i)
        self.pattern = regex.compile(_phrase_source(canon), regex.IGNORECASE)
        # How a match can begin, folded: its first two characters, or its first one when the second
        # is a space (any white space there) or there is none. may_match() tests these first.
        lead1: set[str] = set()
        lead2: set[str] = set()
        for c in canon:
            f = fold(c)
            if len(f) == 1 or f[1] == " ":
                lead1.add(f[0])
            else:
                lead2.add(f[:2])
        self.lead1, self.lead2 = frozenset(lead1), frozenset(lead2)
        self.last_chars = frozenset(fold(c)[-1] for c in canon)
        # every phrase begins with a letter or digit, so matches only where none stands before
        self._after = str.isalnum if all(_edges(c)[0] for c in canon) else None

    @functools.cached_property
    def _scan(self) -> re.Pattern[str]:
        """Every place where a match may begin, in folded text (phrase_prefilter; compiled when a
        long text is first searched: many matchers only ever see short windows)."""
        return phrase_prefilter(self.phrases)

    def may_match(self, text: str, pos: int) -> bool:
        """False when no phrase can match at ``pos`` (a test much cheaper than ``match``)."""
        c = text[pos : pos + 1]
        if not c:
            return False
        c = _fold_char(c)
        if c in self.lead1:
            return True
        d = text[pos + 1 : pos + 2]
        return bool(d) and c + _fold_char(d) in self.lead2

    def which(self, m: regex.Match[str]) -> int:
        return self.index_of(m.group(0))

    def index_of(self, matched: str) -> int:
        """The index of the phrase that matched as ``matched``."""
        return self._index[" ".join(matched.split()).lower()]

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        if 0 <= pos and end <= len(text) <= _FOLD_KEEP and end - pos >= SCAN_MIN:
            return next(scan_matches(self.pattern, self._scan, text, pos, end, after=self._after), None)
        return self.pattern.search(text, pos, end)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, *, overlapped: bool = False):
        """Matches in order; with ``overlapped`` also those starting inside an earlier match
        ("số hồ sơ tiếp nhận mới": both "số hồ sơ tiếp nhận" and "tiếp nhận mới")."""
        return scanned(self.pattern, self._scan, text, pos, endpos, overlapped=overlapped, after=self._after)

    def found_in(self, text: str, start: int, end: int) -> bool:
        """``self.search(text, start, end) is not None``, searched once per span and remembered
        (several figures of one clause ask the same question)."""
        return _first_end(self, text, start, end) >= 0

    def found_before(self, text: str, start: int, x: int, end: int) -> bool:
        """``self.search(text, start, x) is not None``, for many ``x`` of one span [start, end).

        The span's first match, searched once and remembered, settles most ``x``: one that ends by
        ``x`` is found in [start, x) too; with none in the whole span, a match of [start, x) has to
        end right at ``x`` (only there can it see less than the whole span does)."""
        first = _first_end(self, text, start, end)
        if 0 <= first <= x:
            return True
        if first < 0 and (x <= start or x > len(text) or _fold_char(text[x - 1]) not in self.last_chars):
            return False
        return self.search(text, start, x) is not None

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)


@functools.lru_cache(maxsize=8)  # the sentences in progress (a key holds its whole text alive)
def _first_end(matcher: PhraseMatcher, text: str, start: int, end: int) -> int:
    """The end of ``matcher``'s first match in text[start:end], -1 when none."""
    m = matcher.search(text, start, end)
    return -1 if m is None else m.end()


# Below this many characters a pattern scans a span faster than scan_matches finds its candidates.
SCAN_MIN = 200


def scan_matches(pattern: regex.Pattern[str], scan: re.Pattern[str], text: str, pos: int, endpos: int,
                 *, overlapped: bool = False, after: Callable[[str], bool] | None = None,
                 ) -> Iterator[regex.Match[str]]:
    r"""``pattern.finditer(text, pos, endpos, overlapped=...)``, trying ``pattern`` only where
    ``scan`` finds a candidate in the folded text (see phrase_prefilter): the same matches, in order.

    ``scan`` must find every place where ``pattern`` can match, and consume no place where it can
    start. ``after``: a test of the text's character before a candidate that, when true, means
    the pattern cannot match there (``str.isalnum`` for a pattern that begins with "not after a
    letter or digit": str.isalnum never holds where regex's \p{L}\p{N} does not)."""
    if 512 <= len(text) <= _FOLD_KEEP:  # an article or a paragraph, scanned again and again
        found, off = scan.finditer(_folded(text), pos, endpos), 0
    else:  # a short text (a window) or a huge one (not kept): fold the span alone
        found, off = scan.finditer(fold(text[pos:endpos])), pos
    return _matched_at(pattern, text, found, off, pos, endpos, overlapped, after)


def _matched_at(pattern: regex.Pattern[str], text: str, found: Iterator[re.Match[str]], off: int, pos: int,
                endpos: int, overlapped: bool, after: Callable[[str], bool] | None) -> Iterator[regex.Match[str]]:
    """``pattern``'s matches in text[pos:endpos] at the places ``found`` (candidates in folded
    text, ``off`` characters before the text's): see scan_matches."""
    last = pos
    match = pattern.match
    for c in found:
        p = off + c.start()
        if p < last:
            continue
        if after is not None and p > 0 and after(text[p - 1]):
            continue
        m = match(text, p, endpos)
        if m is not None:
            yield m
            if not overlapped:
                last = m.end()


def scanned(pattern: regex.Pattern[str], scan: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None,
            *, overlapped: bool = False, after: Callable[[str], bool] | None = None) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, pos, endpos, overlapped=...)``, through ``scan_matches`` where that
    pays: a span of at least SCAN_MIN characters of a text short enough to keep folded."""
    end = len(text) if endpos is None else endpos
    if 0 <= pos and end <= len(text) <= _FOLD_KEEP and end - pos >= SCAN_MIN:
        return scan_matches(pattern, scan, text, pos, end, overlapped=overlapped, after=after)
    return pattern.finditer(text, pos, end, overlapped=overlapped)


def phrase_prefilter(phrases: Iterable[str]) -> re.Pattern[str]:
    r"""A ``re`` pattern for folded text (``fold``) that matches the first character of every place
    where ``PhraseMatcher(phrases)`` -- or a pattern that begins with ``phrase_pattern(phrases)`` --
    may begin a match: the matcher's trie of the lowercased canonical phrases, the rest of each
    phrase in a lookahead (so no place is stepped over), found case-sensitively (``fold(text)``
    holds a phrase itself wherever it matches), with ``re``'s ``\s`` between words (``str.isspace``:
    every regex ``\s`` and more) and no word edges. It reads nothing outside the span it is given,
    so where it finds no place in a span of the folded text, the matcher finds no match in that
    span of the text (by positions or in a slice); ``re`` runs it several times faster than
    ``regex`` runs the matcher."""
    lowered = [" ".join(_canonical(p).split()).lower() for p in phrases if p and p.strip()]
    if "" in lowered:
        return re.compile("")  # an empty phrase matches anywhere
    rests: dict[str, list[str]] = {}
    for p in lowered:
        rests.setdefault(p[0], []).append(p[1:])
    parts = []
    for first, tails in sorted(rests.items()):
        tail = _trie_source(tails)  # (a space in a phrase: \s+, as in the matcher)
        parts.append(re.escape(first) + (f"(?={tail})" if tail else ""))
    return re.compile("|".join(parts) or "(?!)")


def phrase_pattern(phrases: Iterable[str]) -> regex.Pattern[str]:
    """One compiled pattern matching any of ``phrases`` (longest first, case-insensitive, whole words)."""
    return regex.compile(phrase_source(phrases), regex.IGNORECASE)


def phrase_source(phrases: Iterable[str]) -> str:
    """``phrase_pattern(phrases).pattern`` without compiling it: for a pattern that holds it (and is
    compiled with IGNORECASE); a long list costs tens of milliseconds to compile."""
    return _phrase_source([" ".join(_canonical(p).split()) for p in phrases if p and p.strip()])


def phrase_prefilter_then(phrases: Iterable[str], then: str) -> re.Pattern[str]:
    r"""``phrase_prefilter(phrases)`` that also asks for ``then`` (``re`` source for folded text)
    right after the phrase: for a pattern that begins with one of ``phrases`` and goes on with what
    ``then`` finds ("huyện" then ``\s``: a unit word, then the space before its name). Like
    phrase_prefilter it consumes only the first character of a place; where it finds no place in a
    span, such a pattern matches nowhere in the span that ``then`` can also see."""
    lowered = [" ".join(_canonical(p).split()).lower() for p in phrases if p and p.strip()]
    rests: dict[str, list[str]] = {}
    for p in lowered:
        rests.setdefault(p[0], []).append(p[1:])
    parts = []
    for first, tails in sorted(rests.items()):
        tail = _trie_source(tails)  # (an empty tail, a phrase of one character: made optional)
        parts.append(re.escape(first) + f"(?=(?:{tail}){then})")
    return re.compile("|".join(parts) or "(?!)")


def scan_folded(pattern: regex.Pattern[str], scan: re.Pattern[str], text: str, low: str, pos: int = 0,
                endpos: int | None = None, *, overlapped: bool = False,
                after: Callable[[str], bool] | None = None) -> list[regex.Match[str]]:
    """``list(scanned(pattern, scan, text, pos, endpos, ...))`` for a caller that has ``low``, the
    folded ``text``, and scans it for several patterns: the same steps as scan_matches on ``low``,
    so the same matches, in order, as ``pattern.finditer``.

    ``low`` may be ``fold(text)`` or the span of a longer folded text that ``text`` is: fold works
    character by character, but for "Σ", whose lower case (σ or ς) depends on its neighbours;
    no lexicon phrase holds either, so a prefilter reads them alike."""
    end = len(text) if endpos is None else endpos
    return list(_matched_at(pattern, text, scan.finditer(low, pos, end), 0, pos, end, overlapped, after))
