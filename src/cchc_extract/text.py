"""Text normalization that keeps a map back to the original characters.

``normalize`` turns raw article text into the form every later stage matches against:

* HTML character references left in the text (``&nbsp;``, ``&amp;``, ``&#7901;``) are decoded
  (every output character maps to the start of its reference);
* Unicode NFC (NFD input is composed cluster by cluster; every output character maps to the start
  of the source cluster it came from);
* ``\\r\\n`` and lone ``\\r`` (and the other Unicode line separators) become ``\\n``;
* tabs and Unicode space separators (U+00A0, U+2007, U+202F, ...) become ``' '``;
* zero-width and invisible characters (U+200B..U+200F, U+2060..U+2064, U+2066..U+2069, U+FEFF,
  U+00AD, U+202A..U+202E, U+180E) are removed;
* old-style tone placement at the end of a syllable (``hoà``, ``Uỷ``, ``thuỷ``) is rewritten to the
  one canonical form (``hòa``, ``Ủy``, ``thủy``); ``quý`` keeps its tone on ``y``.

Case and runs of spaces are kept, so lengths stay simple. The work is linear: str methods and one
regex pass per stage, with a fast path when a stage has nothing to do.
"""

from __future__ import annotations

import html
import html.entities
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import regex

__all__ = ["NormalizedText", "normalize"]


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text plus, for every character, its index in the original string."""

    original: str
    text: str
    offsets: tuple[int, ...]
    """``len(text) + 1`` entries; ``offsets[len(text)] == len(original)``."""
    identity: bool = field(default=False, compare=False, repr=False)
    """True only when ``offsets`` is ``0, 1, ..., len(text)`` (no stage changed a length)."""

    def to_original(self, i: int) -> int:
        """Index in ``original`` of normalized index ``i`` (clamped to ``0..len(text)``)."""
        n = len(self.text)
        return self.offsets[0 if i < 0 else n if i > n else i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map normalized ``[start, end)`` to original ``[s, e)`` covering whole source clusters."""
        n = len(self.text)
        start = 0 if start < 0 else n if start > n else start
        end = start if end < start else n if end > n else end
        if self.identity:
            # offs[i] == i: s == start; no offs[j] (j >= end) equals end - 1, so e == end, and
            # the trailing-invisible loop needs e - 1 > end - 1: it never runs.
            return start, end
        offs = self.offsets
        s = offs[start]
        if end == start:
            return s, s
        last = offs[end - 1]
        j = end
        while j < n and offs[j] == last:  # text[end] comes from the same source cluster
            j += 1
        e = offs[j]
        original = self.original
        while e - 1 > last and original[e - 1] in _REMOVED:  # drop trailing invisible characters
            e -= 1
        return s, e


# --- stage 0: HTML character references in plain text (pages copied as escaped source) ------

_HTML5 = html.entities.html5  # names with their ";", e.g. "nbsp;"
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _stage_entities(s: str) -> tuple[str, list[int] | None]:
    """Decode ``&nbsp;``-style references; map is None when there is none."""
    if "&" not in s or ";" not in s:
        return s, None
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _ENTITY_RE.finditer(s):
        ref = m.group()
        if ref[1] != "#" and ref[1:] not in _HTML5:  # "&notanentity;" is not "¬anentity;"
            continue
        decoded = html.unescape(ref)
        if decoded == ref:
            continue
        a = m.start()
        parts.append(s[pos:a])
        offs.extend(range(pos, a))
        parts.append(decoded)
        offs.extend([a] * len(decoded))
        pos = m.end()
    if not parts:
        return s, None
    parts.append(s[pos:])
    offs.extend(range(pos, len(s) + 1))
    return "".join(parts), offs


# --- stage A: line breaks, spaces, invisible characters -------------------------------------

_REMOVED = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff"
)
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"
_REPLACE = tuple((c, " ") for c in _SPACES) + tuple((c, "\n") for c in _BREAKS)
_REPLACEMENT = dict(_REPLACE)
_REMOVED_CLASS = "[" + re.escape("".join(sorted(_REMOVED))) + "]"
_STAGE_A_RE = re.compile("[" + re.escape(_SPACES + _BREAKS + "".join(sorted(_REMOVED))) + "]")
_DELETE_RE = re.compile("(?<=\r)\n|" + _REMOVED_CLASS)


def _stage_a(s: str) -> tuple[str, list[int] | None]:
    """Fold spaces and line breaks, drop invisible characters; map is None when lengths agree."""
    present = set(_STAGE_A_RE.findall(s))  # which of these characters occur, in one pass
    if not present:
        return s, None
    offs: list[int] | None = None
    if ("\r" in present and "\r\n" in s) or not _REMOVED.isdisjoint(present):
        parts: list[str] = []
        offs = []
        pos = 0
        for m in _DELETE_RE.finditer(s):
            a = m.start()
            parts.append(s[pos:a])
            offs.extend(range(pos, a))
            pos = a + 1
        parts.append(s[pos:])
        offs.extend(range(pos, len(s) + 1))
        s = "".join(parts)
    # the deletions above removed none of these; each becomes ' ' or '\n', which none of the others
    # is: in any order the same text
    for c in present:
        r = _REPLACEMENT.get(c)
        if r is not None:
            s = s.replace(c, r)
    return s, offs


# --- stage B: NFC --------------------------------------------------------------------------

_CLUSTER_RE = regex.compile(r"\P{M}?\p{M}+")
_GRAPHEME_RE = regex.compile(r"\X", regex.DOTALL)


def _compose(t: str, pattern: regex.Pattern[str]) -> tuple[str, list[int]]:
    """NFC each match of ``pattern`` on its own; every output char maps to the match start."""
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    seen: dict[str, str] = {}
    for m in pattern.finditer(t):
        a, b = m.span()
        if a > pos:
            parts.append(t[pos:a])
            offs.extend(range(pos, a))
        g = m.group()
        seg = seen.get(g)
        if seg is None:
            seg = seen[g] = unicodedata.normalize("NFC", g)
        parts.append(seg)
        if len(seg) == 1:
            offs.append(a)
        else:
            offs.extend([a] * len(seg))
        pos = b
    parts.append(t[pos:])
    offs.extend(range(pos, len(t) + 1))
    return "".join(parts), offs


def _stage_b(t: str) -> tuple[str, list[int] | None]:
    """NFC with a map; mark clusters first, graphemes if needed, whole lines as a last resort."""
    if unicodedata.is_normalized("NFC", t):
        return t, None
    out, offs = _compose(t, _CLUSTER_RE)
    if unicodedata.is_normalized("NFC", out):
        return out, offs
    out, offs = _compose(t, _GRAPHEME_RE)
    if unicodedata.is_normalized("NFC", out):
        return out, offs
    # Composition never crosses a line break: compose line by line.
    parts: list[str] = []
    offs = []
    pos = 0
    for line in t.split("\n"):
        seg = unicodedata.normalize("NFC", line)
        parts.append(seg)
        offs.extend([pos] * len(seg))
        pos += len(line) + 1
        offs.append(pos - 1)  # the '\n' (or the end, for the last line)
    return "\n".join(parts), offs


# --- stage C: tone placement ---------------------------------------------------------------

_TONED_OA_OE = "àáảãạèéẻẽẹ"
_TONED_UY = "ỳýỷỹỵ"
_PAIR_RE = re.compile(  # candidates; _stage_c also checks for a combining mark after the pair
    "[oOuU](?:(?<=[oO])[" + _TONED_OA_OE + _TONED_OA_OE.upper() + "]|(?<=[uU])(?<![qQ][uU])[" + _TONED_UY
    + _TONED_UY.upper() + r"])(?![^\W\d_])"
)

# Where _PAIR_RE may match: an 'o' or 'u' before a toned vowel it looks for, and no letter after
# them (_PAIR_RE's own look-ahead, at the same place), one pattern per first letter (a literal first
# character is found much faster than a class).
_PAIR_CANDIDATE_RES = tuple(
    re.compile(first + "[" + toned + toned.upper() + r"](?![^\W\d_])")
    for first, toned in (("o", _TONED_OA_OE), ("O", _TONED_OA_OE), ("u", _TONED_UY), ("U", _TONED_UY))
)


def _pair_matches(t: str) -> list[re.Match[str]]:
    """``list(_PAIR_RE.finditer(t))``: _PAIR_RE tried at each candidate pair, in order. Every match
    is such a pair, and the second character of a pair never begins one, so no match is missed
    and none overlaps another."""
    starts = sorted(m.start() for p in _PAIR_CANDIDATE_RES for m in p.finditer(t))
    return [m for a in starts if (m := _PAIR_RE.match(t, a)) is not None]


@cache
def _tone_table() -> dict[str, str]:
    """Old-style pair -> new-style pair, all case combinations (``oà`` -> ``òa``, ``UỶ`` -> ``ỦY``)."""
    table: dict[str, str] = {}
    for first, toned in (("o", _TONED_OA_OE), ("u", _TONED_UY)):
        for ch in toned:
            nfd = unicodedata.normalize("NFD", ch)
            base, mark = nfd[0], nfd[1:]
            for f in (first, first.upper()):
                for c, b in ((ch, base), (ch.upper(), base.upper())):
                    table[f + c] = unicodedata.normalize("NFC", f + mark) + b
    return table


def _stage_c(t: str) -> str:
    """Move syllable-final tone marks from the second vowel to the first (length-preserving)."""
    parts: list[str] = []
    pos = 0
    n = len(t)
    for m in _pair_matches(t):
        a, b = m.span()
        if b < n and (t[b].isalpha() or unicodedata.category(t[b])[0] == "M"):
            continue  # not the end of the syllable: "hoàn", "quyết"
        parts.append(t[pos:a])
        parts.append(_tone_table()[m.group()])
        pos = b
    if not parts:
        return t
    parts.append(t[pos:])
    return "".join(parts)


_IDENTITY: tuple[int, ...] = tuple(range(1 << 14))


def _identity(size: int) -> tuple[int, ...]:
    """``tuple(range(size))``, sliced from a cached tuple when possible."""
    global _IDENTITY
    if size > len(_IDENTITY):
        if size > 1 << 21:
            return tuple(range(size))
        _IDENTITY = tuple(range(min(max(size, 2 * len(_IDENTITY)), 1 << 21)))
    return _IDENTITY[:size]


def normalize(original: str) -> NormalizedText:
    """Normalize ``original`` (NFC, spaces, line breaks, invisibles, tone marks) keeping an offset map."""
    text_0, map_0 = _stage_entities(original)
    text_a, map_a = _stage_a(text_0)
    text_b, map_b = _stage_b(text_a)
    text = _stage_c(text_b)
    offs = None
    for m in (map_b, map_a, map_0):  # compose from the last stage back to the original
        if m is not None:
            offs = m if offs is None else [m[j] for j in offs]
    if offs is None:  # every stage kept every length: the map is the identity
        return NormalizedText(original=original, text=text, offsets=_identity(len(original) + 1), identity=True)
    return NormalizedText(original=original, text=text, offsets=tuple(offs))
