"""Article structure (title, dateline, body, captions, byline, site furniture) and sentences.

``segment`` works on a :class:`~cchc_extract.text.NormalizedText`: every non-blank line is one
block (these pages put one paragraph per line) and gets a kind with a short reason. Sentences are
cut only in title, body and caption blocks. All offsets point into ``NormalizedText.text``.
The words and patterns that decide what is furniture live in ``lexicons/furniture.toml``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import importlib.util
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal

import regex

from .lexicon import fold, load

from .text import NormalizedText

__all__ = ["SegmentKind", "Block", "SentenceSpan", "Article", "segment", "split_sentences"]

SegmentKind = Literal["title", "dateline", "body", "caption", "byline", "furniture"]


@dataclass(frozen=True, slots=True)
class Block:
    """One non-blank line of the text with its role; offsets into ``NormalizedText.text``."""

    kind: SegmentKind
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A sentence of a title, body or caption block; ``block`` indexes ``Article.blocks``."""

    start: int
    end: int
    block: int


# segment makes a Block per line and a SentenceSpan per sentence. Their generated __init__ stores
# each field with object.__setattr__ (they are frozen), which ends in the field's slot descriptor:
# these store through the descriptors directly, and make the same objects (checked in
# tests/test_speed_segment.py).
_new_object = object.__new__
_SET_BLOCK = tuple(getattr(Block, f.name).__set__ for f in fields(Block))
_SET_SPAN = tuple(getattr(SentenceSpan, f.name).__set__ for f in fields(SentenceSpan))


def _block(kind: SegmentKind, start: int, end: int, reason: str) -> Block:
    """``Block(kind, start, end, reason)``."""
    blk = _new_object(Block)
    set_kind, set_start, set_end, set_reason = _SET_BLOCK
    set_kind(blk, kind)
    set_start(blk, start)
    set_end(blk, end)
    set_reason(blk, reason)
    return blk


def _sentence_spans(spans: list[tuple[int, int]], block: int) -> list[SentenceSpan]:
    """``[SentenceSpan(a, b, block) for a, b in spans]``."""
    set_start, set_end, set_block = _SET_SPAN
    out = []
    for a, b in spans:
        span = _new_object(SentenceSpan)
        set_start(span, a)
        set_end(span, b)
        set_block(span, block)
        out.append(span)
    return out


@dataclass(frozen=True, slots=True)
class Article:
    """The structure of one article."""

    text: NormalizedText
    blocks: tuple[Block, ...]
    sentences: tuple[SentenceSpan, ...]
    title: str | None
    published: _dt.date | None


# --- lexicon ---------------------------------------------------------------------------------

_FLAGS = regex.IGNORECASE | regex.V0


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: regex.Pattern[str]
    priority: int = 0


@dataclass(frozen=True, slots=True)
class _Gate:
    """What a pattern needs of a line, tested on the line's fold: one word of each entry."""

    words: tuple[tuple[str, ...], ...]  # one word of each entry is needed (none: always open)
    needs: tuple[str | tuple[str, ...], ...]  # the entries: one word, or several

    def open(self, low: str) -> bool:
        for words in self.needs:
            if isinstance(words, str):
                if words not in low:
                    return False
            elif not _holds_any(low, words):
                return False
        return True


def _holds_any(low: str, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` is in ``low``: a few ``in`` tests, each a fast search for a literal,
    beat one search for their alternation, which tries every position of the line."""
    for w in words:
        if w in low:
            return True
    return False


_OPEN = _Gate((), ())


@dataclass(frozen=True, slots=True)
class _Prefilter:
    """The rules' top-level alternatives sorted for ``_RuleSet.first`` (see ``_prefilter``)."""

    # the source of the anchored alternatives that may begin with these folded characters (up to
    # _START_LEN of them; fewer when that is a whole match) joined, with those that may begin with
    # any and need nothing in particular ("": none), in the order of their rules, each followed
    # by an empty group named for it; and the index of the rule of each group
    anchored_by_begin: dict[str, tuple[str, dict[str, int]]]
    begin_sizes: tuple[int, ...]  # the lengths of those beginnings, longest first
    anchored_else: tuple[str, dict[str, int]]  # for a line that begins with none of them
    # anchored alternatives that may begin with any character but need some words, in the order
    # of their rules, with the index of their rule: one by one
    anchored_gated: tuple[tuple[_Gate, regex.Pattern[str], int], ...]
    # the rules with alternatives not anchored at the start, in order, with the gates of those
    # alternatives (None: always searched)
    unanchored: tuple[tuple[_Rule, tuple[_Gate, ...] | None], ...]
    # the rules with alternatives not in the joined patterns (gated anchored or unanchored), in
    # order, with their index and the gates of those alternatives (None: always searched)
    others: tuple[tuple[int, _Rule, tuple[_Gate, ...] | None], ...]
    # the first needed words of all those gates: a line holding none opens no gate (None:
    # some gate is always open)
    any_gate: tuple[str, ...] | None

    def rule_by_start(self, line: str, low: str) -> int:
        """The index of the first rule with an anchored alternative that may begin as the line does
        and matches ``line`` (``low``: its fold), or -1: the joined alternatives are tried in the
        order of their rules, and the first that matches ends the match with its empty group."""
        by_begin = self.anchored_by_begin
        joined = None
        # the longest beginning of the line that is known (a shorter one is some whole match): only
        # a prefix of the length of one can be one
        for size in self.begin_sizes:
            joined = by_begin.get(low[:size])
            if joined is not None:
                break
        source, rule_of = joined or self.anchored_else
        if not source:
            return -1
        m = _compiled(source).match(line)
        return -1 if m is None else rule_of[m.lastgroup]  # type: ignore[index]

    def rule_by_words(self, line: str, low: str) -> int:
        """The index of the first rule with an anchored alternative that may begin with anything
        and matches ``line``, tried when the line holds the words it needs; or -1."""
        for gate, pattern, k in self.anchored_gated:
            if gate.open(low) and pattern.match(line) is not None:
                return k
        return -1

    def first_from(self, found: int, line: str, low: str, rules: tuple[_Rule, ...]) -> _Rule:
        """The first rule found in ``line``, given that rule ``found`` matches it and that no rule
        before it matches with an alternative of ``rule_by_start``: the first rule before it that
        matches with one of its other alternatives (when the line opens their gates), else it."""
        for k, r, gates in self.others:
            if k >= found:
                break
            if (gates is None or _any_open(gates, low)) and r.pattern.search(line) is not None:
                return r
        return rules[found]


@dataclass(frozen=True, slots=True)
class _RuleSet:
    rules: tuple[_Rule, ...]
    prefilter: _Prefilter | None  # None: every rule is searched on every line

    def first(self, line: str, low: str | None = None) -> _Rule | None:
        """The first rule whose pattern is found in ``line`` (``low``: ``fold(line)``, when known).

        Most alternatives are anchored at the line's start and begin with one of a few strings of
        three characters: one match of those that may begin with the line's first three, joined
        in the order of their rules, tells the first rule that can match so (usually none can);
        anchored alternatives that may begin with anything are tried when the line holds words
        they need. A rule before the one found then only matches with its other alternatives:
        it is searched when the line holds what one of them needs. If none matches, a rule is
        only searched when it may match elsewhere (the line holds what one of its unanchored
        alternatives needs), in order. Joined whole, the rules would be tried at every position
        of the line; and then the rule found would be searched for again."""
        pre = self.prefilter
        if pre is None:
            return next((r for r in self.rules if r.pattern.search(line) is not None), None)
        if low is None:
            low = fold(line)
        found = pre.rule_by_start(line, low)
        if found >= 0:
            return pre.first_from(found, line, low, self.rules)
        if pre.any_gate is not None and not _holds_any(low, pre.any_gate):
            return None  # no gated anchored alternative, no unanchored alternative can match
        found = pre.rule_by_words(line, low)
        if found >= 0:  # and no rule matches with an alternative of rule_by_start
            return pre.first_from(found, line, low, self.rules)
        for r, gates in pre.unanchored:
            if gates is not None and not _any_open(gates, low):
                continue  # the line lacks what each of its alternatives needs
            if r.pattern.search(line) is not None:
                return r
        return None


def _any_open(gates: tuple[_Gate, ...], low: str) -> bool:
    """Whether the line (``low``: its fold) opens one of ``gates``."""
    for gate in gates:
        if gate.open(low):
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Either:
    """Patterns joined in one alternation, searched only in lines holding a word one of them needs."""

    pattern: regex.Pattern[str]
    gate: _Gate

    def search(self, line: str, low: str | None = None) -> regex.Match[str] | None:
        """``pattern.search(line)`` (``low``: ``fold(line)``, when known)."""
        if self.gate.needs and not self.gate.open(fold(line) if low is None else low):
            return None
        return self.pattern.search(line)


def _alternatives(pattern: str) -> list[str] | None:
    """The top-level alternatives of a regex source, or None when it cannot tell."""
    out: list[str] = []
    depth, start, i, n = 0, 0, 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1  # "[]...]" / "[^]...]": a literal "]"
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth or in_class:
        return None
    out.append(pattern[start:])
    return out


@dataclass(frozen=True, slots=True)
class _Lexicon:
    limits: dict[str, float]
    tail_markers: frozenset[str]
    tail_marker_len: int  # the length of the longest tail marker key
    furniture: _RuleSet
    datelines: _RuleSet
    bylines: _RuleSet
    dates: tuple[regex.Pattern[str], ...]
    caption_max_words: int
    caption_max_numbers: int
    caption_paren: regex.Pattern[str]
    caption_cues: _Either
    caption_anti: _Either
    abbreviations: frozenset[str]
    list_marker: regex.Pattern[str]
    word_cap: int  # no word count limit is above this


def _ruleset(entries: list[dict[str, Any]]) -> _RuleSet:
    rules = tuple(_Rule(e["name"], regex.compile(e["pattern"], _FLAGS), int(e.get("priority", 0))) for e in entries)
    return _RuleSet(rules, _prefilter(rules, [e["pattern"] for e in entries]))


def _prefilter(rules: tuple[_Rule, ...], sources: list[str]) -> _Prefilter | None:
    """Sort the rules' top-level alternatives by what ``_shape`` reads in them: those anchored at the
    line's start by the folded characters they may begin with, the others by the words they need."""
    anchored: list[tuple[str, _Shape]] = []
    rule_of: list[int] = []  # the index of the rule of each anchored alternative
    unanchored: list[tuple[_Rule, tuple[_Gate, ...] | None]] = []
    gates_of: dict[int, list[_Gate]] = {}  # per rule, the gates of its alternatives not joined
    for k, (rule, src) in enumerate(zip(rules, sources)):
        alts = _alternatives(src)
        if not alts:
            unanchored.append((rule, None))
            gates_of[k] = [_OPEN]
            continue
        shapes = [(a, _shape(a[1:])) for a in alts if a.startswith("^")]
        anchored.extend(shapes)
        rule_of.extend([k] * len(shapes))
        gates = tuple(_gate(_shape(a)) for a in alts if not a.startswith("^"))
        if gates:
            unanchored.append((rule, None if _OPEN in gates else gates))
            gates_of[k] = list(gates)
    # Alternatives that do not stand alone when joined (a back-reference counts groups, an inline
    # flag applies to the whole pattern, a named group may be named like a tag of joined, or like a
    # group of another alternative, and then regex's lastgroup names it, not the tag): no
    # prefilter, every rule is searched.
    if any(_NOT_JOINABLE.search(a) for a, _ in anchored):
        return None
    starts = [_starts(s) for _, s in anchored]
    known = set().union(*(b for b in starts if b is not None))
    anywhere = [b is None and _gate(s) is _OPEN for b, (_, s) in zip(starts, anchored)]

    def joined(begin: str, everything: bool = False) -> tuple[str, dict[str, int]]:
        # the alternatives that may begin with ``begin`` or with a shorter beginning of it (a
        # whole match), and anywhere
        begins = {begin[:k] for k in range(1, len(begin) + 1)}
        picked = [
            (j, a)
            for j, ((a, _), b, any_start) in enumerate(zip(anchored, starts, anywhere))
            if everything or any_start or (b is not None and not begins.isdisjoint(b))
        ]
        source = "|".join(f"(?:{a})(?P<_a{j}>)" for j, a in picked)
        return source, {f"_a{j}": rule_of[j] for j, _ in picked}

    gated = [(_gate(s), a, k) for (a, s), b, k in zip(anchored, starts, rule_of) if b is None and _gate(s) is not _OPEN]
    gates = [g for g, _, _ in gated] + [g for _, gs in unanchored for g in gs or [_OPEN]]
    for g, _, k in gated:
        gates_of.setdefault(k, []).append(g)
    try:
        if anchored:
            regex.compile(joined("", everything=True)[0], _FLAGS)  # all of them join; then so do some
        return _Prefilter(
            anchored_by_begin={b: joined(b) for b in known},
            begin_sizes=tuple(sorted({len(b) for b in known}, reverse=True)),
            anchored_else=joined(""),
            anchored_gated=tuple((g, regex.compile(a, _FLAGS), k) for g, a, k in gated),
            unanchored=tuple(unanchored),
            others=tuple(
                (k, rules[k], None if _OPEN in gates_of[k] else tuple(gates_of[k])) for k in sorted(gates_of)
            ),
            any_gate=None if _OPEN in gates else tuple(sorted({w for g in gates for w in g.words[0]})),
        )
    except regex.error:
        return None


@functools.cache
def _compiled(source: str) -> regex.Pattern[str]:
    """A joined pattern of ``_Prefilter``, compiled when first needed (one per beginning)."""
    return regex.compile(source, _FLAGS)


_NOT_JOINABLE = regex.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?[aiLmsuxfwrbe0-9V]+\)|\(\?P?<(?![=!])")


def _either(patterns: list[str]) -> _Either:
    pattern = regex.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)
    # it matches where one of the patterns does: one of their best words is in the line
    shapes = [_shape(p) for p in patterns]
    if not all(s.needs for s in shapes):
        return _Either(pattern, _OPEN)
    words = tuple(sorted({w for s in shapes for w in _best(s.needs)}))
    return _Either(pattern, _Gate((words,), (_need(words),)))


def _gate(shape: _Shape) -> _Gate:
    """A gate from what ``shape`` needs: its entry with the longest words, and up to two entries of
    marks (":", "|", "»"), which letters rarely stand for."""
    if not shape.needs:
        return _OPEN
    chosen = [_best(shape.needs)]
    for entry in shape.needs:
        if len(chosen) < 3 and entry not in chosen and not any(map(str.isalnum, "".join(entry))):
            chosen.append(entry)
    return _Gate(tuple(chosen), tuple(_need(e) for e in chosen))


def _need(words: tuple[str, ...]) -> str | tuple[str, ...]:
    """What ``_Gate.open`` looks for: a single word itself, else the words."""
    return words[0] if len(words) == 1 else words


def _starts(shape: _Shape) -> frozenset[str] | None:
    """The folded strings, of one or two characters, one of which every match begins with (None:
    unknown, or it may be empty)."""
    if shape.nullable or not shape.starts:
        return None
    return frozenset(b for b, _ in shape.starts)


def _best(needs: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The entry most telling when found missing: longest shortest word, then fewest words."""
    return max(needs, key=lambda e: (min(map(len, e)), -len(e)))


# --- what a pattern needs of a line ---------------------------------------------------------------
# A small reader of regex sources, only as far as the prefilters need: literal characters, classes
# of literal characters, groups, alternation and quantifiers. Anything else is read as "unknown";
# what it cannot read at all (global inline flags, back-references, conditionals) makes the whole
# source unknown. The patterns are matched case-insensitively: a literal only tells something when
# it is its own fold, and then a line character matches it exactly when the character's fold is
# that literal (lexicon.fold's promise; tests/test_speed_segment.py checks it for these literals),
# so a literal string matched in the line is found in the line's fold at the same place.


class _Unreadable(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a piece of regex source tells of the text it matches."""

    # a non-empty match begins, folded, with one of these strings of at most _START_LEN characters
    # (None: unknown); with True when the string is the whole match
    starts: frozenset[tuple[str, bool]] | None
    needs: tuple[tuple[str, ...], ...]  # every match holds, folded, one of the words of each entry
    nullable: bool  # it may match the empty string (also said when unknown)
    exact: str | None = None  # every match is, folded, this string (None: unknown)


_UNKNOWN = _Shape(None, (), True)
_SOME_CHARACTER = _Shape(None, (), False)  # one character, nothing known of it
_START_LEN = 3  # a line's first three characters (folded) tell most lines from furniture's
_MAX_STARTS = 256  # more beginnings than this: unknown
_QUANTIFIER = regex.compile(r"\{(\d*)(?:,(\d*))?\}")
_SCOPED_FLAGS = regex.compile(r"\(\?[a-zA-Z]*(?:-[a-zA-Z]+)?:")


def _shape(src: str) -> _Shape:
    """The shape of a whole regex source (``_UNKNOWN`` when it cannot be read)."""
    try:
        shape, i = _read_alternation(src, 0)
    except (_Unreadable, IndexError):
        return _UNKNOWN
    return shape if i == len(src) else _UNKNOWN


def _read_alternation(src: str, i: int) -> tuple[_Shape, int]:
    """Alternatives up to a closing ')' or the end; returns the index of that ')' or the end."""
    alts: list[_Shape] = []
    while True:
        shape, i = _read_sequence(src, i)
        alts.append(shape)
        if i < len(src) and src[i] == "|":
            i += 1
            continue
        break
    if len(alts) == 1:
        return alts[0], i
    alt_starts = [a.starts for a in alts]
    starts = None if None in alt_starts else frozenset().union(*alt_starts)  # type: ignore[arg-type]
    if starts is not None and len(starts) > _MAX_STARTS:
        starts = None
    # one word of the best entry of every alternative is needed
    needs = (tuple(sorted({w for a in alts for w in _best(a.needs)})),) if all(a.needs for a in alts) else ()
    return _Shape(starts, needs, any(a.nullable for a in alts)), i


def _read_sequence(src: str, i: int) -> tuple[_Shape, int]:
    items: list[_Shape] = []
    while i < len(src) and src[i] not in "|)":
        atom, i = _read_atom(src, i)
        atom, i = _read_quantifier(src, i, atom)
        items.append(atom)
    needs: list[tuple[str, ...]] = []
    run: list[str] = []  # consecutive exact items: one word
    for item in items + [_UNKNOWN]:
        if item.exact is not None:
            run.append(item.exact)
            continue
        if "".join(run):
            needs.append(("".join(run),))
        run = []
        if not item.nullable:
            needs.extend(item.needs)
    exact = "".join(x.exact for x in items) if all(x.exact is not None for x in items) else None  # type: ignore[misc]
    shape = _Shape(_sequence_starts(items), tuple(needs), all(x.nullable for x in items), exact)
    return shape, i


def _sequence_starts(items: list[_Shape]) -> frozenset[tuple[str, bool]] | None:
    """The beginnings of a sequence's non-empty matches, item after item, each either still the
    whole match so far (it grows with the next item) or only its beginning."""
    state = {("", True)}
    for item in items:
        grown: set[tuple[str, bool]] = set()
        for begin, whole in state:
            if not whole or len(begin) >= _START_LEN:
                grown.add((begin, False))
                continue
            if item.nullable:
                grown.add((begin, True))  # the item matched nothing
            if item.starts is None:
                if not begin:
                    return None  # the match may begin with anything
                grown.add((begin, False))
                continue
            for more, more_whole in item.starts:
                b = begin + more
                grown.add((b[:_START_LEN], more_whole and len(b) < _START_LEN))
        if len(grown) > _MAX_STARTS:
            return None
        state = grown
    return frozenset((b, w) for b, w in state if b)


def _read_quantifier(src: str, i: int, atom: _Shape) -> tuple[_Shape, int]:
    if i >= len(src) or src[i] not in "?*+{":
        return atom, i
    if src[i] == "{":
        m = _QUANTIFIER.match(src, i)
        if m is None:
            raise _Unreadable(src)
        least, i = int(m[1] or 0), m.end()
    else:
        least, i = (1 if src[i] == "+" else 0), i + 1
    if i < len(src) and src[i] in "?+":  # lazy or possessive: the same texts
        i += 1
    starts = None if atom.starts is None else frozenset((b, False) for b, _ in atom.starts)  # then more
    return (_Shape(starts, atom.needs, atom.nullable) if least else _Shape(starts, (), True)), i


def _literal(c: str) -> _Shape:
    if fold(c) != c:
        return _SOME_CHARACTER
    return _Shape(frozenset({(c, True)}), ((c,),), False, c)


def _read_atom(src: str, i: int) -> tuple[_Shape, int]:
    c = src[i]
    if c == "(":
        return _read_group(src, i)
    if c == "[":
        return _read_class(src, i)
    if c == "\\":
        return _read_escape(src, i)
    if c == ".":
        return _SOME_CHARACTER, i + 1
    if c in "^$":
        return _UNKNOWN, i + 1
    if c in "*+?{}]":
        raise _Unreadable(src)
    return _literal(c), i + 1


def _read_escape(src: str, i: int) -> tuple[_Shape, int]:
    e = src[i + 1]
    if not e.isalnum() and not e.isspace():
        return _literal(e), i + 2  # an escaped punctuation mark
    if e.isdigit() or e in "gkL":
        raise _Unreadable(src)  # a back-reference, an octal escape, a named list
    i += 2
    if e in "pPNx" and src[i : i + 1] == "{":
        i = src.index("}", i) + 1
    elif e in "xuU":
        i += {"x": 2, "u": 4, "U": 8}[e]
    # a class of characters ("\s", "\d", "\p{Lu}"...) or one given by its code: something, unknown;
    # anything else (a word boundary "\b"...) may match nothing
    return (_SOME_CHARACTER if e in _CONSUMING_ESCAPES else _UNKNOWN), i


_CONSUMING_ESCAPES = frozenset("dDsSwWhHpPNxuUX")


def _read_group(src: str, i: int) -> tuple[_Shape, int]:
    if src[i + 1] != "?":
        inner, i = _read_alternation(src, i + 1)  # a capturing group
    elif src[i + 2] == ":":
        inner, i = _read_alternation(src, i + 3)
    elif src.startswith(("(?P<", "(?<"), i) and src[i + 3 if src[i + 2] == "<" else i + 4] not in "=!":
        inner, i = _read_alternation(src, src.index(">", i) + 1)  # a named group
    elif src.startswith(("(?=", "(?!", "(?<=", "(?<!", "(?>"), i):
        _, i = _read_alternation(src, i + (4 if src[i + 2] == "<" else 3))
        inner = _UNKNOWN  # a lookaround (nothing consumed) or an atomic group
    else:
        m = _SCOPED_FLAGS.match(src, i)
        if m is None:
            raise _Unreadable(src)  # global flags, a comment, a conditional, a recursion...
        _, i = _read_alternation(src, m.end())
        inner = _UNKNOWN  # the flags may change what its literals match
    if src[i] != ")":
        raise _Unreadable(src)
    return inner, i + 1


def _read_class(src: str, i: int) -> tuple[_Shape, int]:
    i += 1
    known = True
    if src[i] == "^":
        known, i = False, i + 1
    members: set[str] = set()
    if src[i] == "]":
        members.add("]")
        i += 1
    while src[i] != "]":
        c = src[i]
        if c == "[":
            raise _Unreadable(src)  # a nested set or a POSIX class
        if c == "\\":
            shape, i = _read_escape(src, i)
            if shape.exact is None:
                known = False
            else:
                members.add(shape.exact)
            continue
        if c == "-" and members and src[i + 1] != "]":
            known = False  # a range
        elif fold(c) != c:
            known = False
        else:
            members.add(c)
        i += 1
    if not known or not members:
        return _SOME_CHARACTER, i + 1
    if len(members) == 1:
        return _literal(members.pop()), i + 1
    return _Shape(frozenset((m, True) for m in members), (tuple(sorted(members)),), False), i + 1


@functools.cache
def _lexicon() -> _Lexicon:
    """Read and compile ``lexicons/furniture.toml`` (once per process)."""
    data = load("furniture")
    cap = data["caption"]
    return _Lexicon(
        limits={k: float(v) for k, v in data["limits"].items()},
        tail_markers=frozenset(_marker_key(m) for m in data["tail"]["markers"]),
        tail_marker_len=max((len(_marker_key(m)) for m in data["tail"]["markers"]), default=0),
        furniture=_ruleset(data["furniture"]),
        datelines=_ruleset(data["dateline"]),
        bylines=_ruleset(data["byline"]),
        dates=tuple(regex.compile(p, _FLAGS) for p in data["dates"]["patterns"]),
        caption_max_words=int(cap["max_words"]),
        caption_max_numbers=int(cap["max_numbers"]),
        caption_paren=regex.compile(cap["parenthesized"], _FLAGS | regex.DOTALL),
        caption_cues=_either(cap["cues"]),
        caption_anti=_either(cap["anti_cues"]),
        abbreviations=frozenset(data["sentences"]["abbreviations"]),
        list_marker=regex.compile(data["sentences"]["list_marker"], _FLAGS),
        word_cap=int(max(*(v for k, v in data["limits"].items() if k.endswith("_words")),
                         2 * int(cap["max_words"]))) + 1,
    )


_MARKER_TRIM = " \t:.…»>›-–—•*|"


def _marker_key(s: str) -> str:
    return " ".join(s.strip(_MARKER_TRIM).casefold().split())


def _is_tail_marker(s: str, lex: _Lexicon, plain: bool = False) -> bool:
    """``_marker_key(s) in lex.tail_markers``. Trimmed, a line without white space but single ' '
    (a printable string's only white space is ' ') keeps its length in its key, or grows:
    casefold never shortens a string nor makes white space (tests/test_speed_segment.py). Longer
    than every marker, it is none. ``plain``: the caller knows ``s`` is such a line (then so is
    every piece of it)."""
    trimmed = s.strip(_MARKER_TRIM)
    if len(trimmed) > lex.tail_marker_len and (plain or ("  " not in trimmed and trimmed.isprintable())):
        return False
    return " ".join(trimmed.casefold().split()) in lex.tail_markers


# --- sentence splitting ----------------------------------------------------------------------


@functools.cache
def _sent_tokenize() -> Callable[[str], list[str]] | None:
    """underthesea's sentence tokenizer, loaded on first use; None when unavailable."""
    return _load_punkt_module() or _import_underthesea()


def _load_punkt_module() -> Callable[[str], list[str]] | None:
    """Load underthesea's pure-Python Punkt module alone: no package init, no logging side effects."""
    try:
        spec = importlib.util.find_spec("underthesea")  # finds, does not import
        if spec is None or not spec.submodule_search_locations:
            return None
        path = Path(next(iter(spec.submodule_search_locations))) / "pipeline" / "sent_tokenize" / "__init__.py"
        mod_spec = importlib.util.spec_from_file_location("_cchc_extract_underthesea_sent_tokenize", path)
        if mod_spec is None or mod_spec.loader is None or not path.is_file():
            return None
        module = importlib.util.module_from_spec(mod_spec)
        mod_spec.loader.exec_module(module)
        fn: Callable[[str], list[str]] = module.sent_tokenize
        if fn("Một câu. Hai câu.") != ["Một câu.", "Hai câu."]:
            return None
        if hashlib.sha256(path.read_bytes()).hexdigest() in _PUNKT_KNOWN:
            module._load_model()
            fast = functools.partial(_punkt_sentences, abbrev=frozenset(module.sentence_tokenizer.abbrev_types))
            if all(fast(t) == fn(t) for t in _PUNKT_PROBES):
                return fast
        return fn
    except Exception:  # any layout change: use the public import instead
        return None


# underthesea's sent_tokenize module files whose PunktSentenceTokenizer _punkt_sentences repeats
# (sha256 of pipeline/sent_tokenize/__init__.py); any other version is called as it is.
_PUNKT_KNOWN = frozenset({"9fad5c8510a2bf9df2b94b59217d4351a5496eaa7210dd5e0ce610beddf6dab7"})  # 9.5.0
_PUNKT_PROBES = (
    "Một câu. Hai câu.", "Đã giải quyết 10.392 hồ sơ. TP. Cần Thơ... Tiếp theo! Hỏi? Đáp.",
    "a.b. C... d... E", "Ông Nguyễn Văn A. Trần B... ", "...", " . ", "1.500.000 đồng. Th. Cuối",
    "Xin chào.?! Tôi là Claude..",
)
# every '.', '?', '!' but a '.' between two ASCII digits, which is never a boundary (below: those
# are digits to str.isdigit too) and is passed over with no other effect
_PUNKT_END = re.compile(r"[.?!](?:(?<![0-9]\.)|(?![0-9]))")
# the same for a text without '?' and '!': there it finds what _PUNKT_END finds, and re looks for
# its literal first character much faster than for a class
_PUNKT_DOT = re.compile(r"\.(?:(?<![0-9]\.)|(?![0-9]))")


def _punkt_sentences(text: str, abbrev: frozenset[str]) -> list[str]:
    """underthesea 9.5's ``PunktSentenceTokenizer.sentences_from_text``: the pieces ``_punkt_spans``
    delimits, stripped, the blank ones left out."""
    return [s for a, b in _punkt_spans(text, abbrev) if (s := text[a:b].strip())]


def _punkt_spans(text: str, abbrev: frozenset[str]) -> list[tuple[int, int]]:
    """underthesea 9.5's ``PunktSentenceTokenizer.sentences_from_text``, step for step, but going
    from one '.', '?', '!' to the next with a search instead of a Python loop over every character,
    and giving where each sentence lies before it is stripped (blank ones included)."""
    if not text or not text.strip():
        return []
    sentences: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(text)
    search = _PUNKT_END.search if "?" in text or "!" in text else _PUNKT_DOT.search
    while i < n:
        m = search(text, i)
        if m is None:
            break
        i = m.start()
        if text.startswith("...", i):  # an ellipsis: a boundary at the end or before an upper-case letter
            dot_end = i + 3
            while dot_end < n and text[dot_end] == ".":
                dot_end += 1
            after = dot_end
            while after < n and text[after] in " \t":
                after += 1
            if after >= n or text[after].isupper():
                sentences.append((start, dot_end))
                while dot_end < n and text[dot_end] in " \t\n\r":
                    dot_end += 1
                start = dot_end
            i = dot_end
            continue
        if _punkt_boundary(text, i, abbrev):
            end = i + 1
            while end < n and text[end] in ".?!":
                end += 1
            sentences.append((start, end))
            while end < n and text[end] in " \t\n\r":
                end += 1
            start = end
            i = end
            continue
        i += 1
    sentences.append((start, n))
    return sentences


def _punkt_boundary(text: str, pos: int, abbrev: frozenset[str]) -> bool:
    """``_is_sentence_boundary``: every end character is one, but a '.' between digits or after an
    abbreviation (the word before it: letters, digits and dots)."""
    if text[pos] == ".":
        if pos > 0 and text[pos - 1].isdigit() and pos + 1 < len(text) and text[pos + 1].isdigit():
            return False
        # the word is usually all that follows the last ' ': then the walk back would stop at it
        # (an alphanumeric word holds no '.': it is its own replace)
        word = text[text.rfind(" ", 0, pos) + 1 : pos]
        if not word.isalnum() and not word.replace(".", "").isalnum():
            start = pos - 1
            while start >= 0 and (text[start].isalnum() or text[start] == "."):
                start -= 1
            word = text[start + 1 : pos]
        if word and word.lower() in abbrev:
            return False
    return True


def _import_underthesea() -> Callable[[str], list[str]] | None:
    """``from underthesea import sent_tokenize``, removing the root handlers its import adds."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from underthesea import sent_tokenize
    except Exception:
        return None
    finally:
        for h in list(root.handlers):
            if h not in handlers:
                root.removeHandler(h)
        root.setLevel(level)
    return sent_tokenize  # type: ignore[no-any-return]


_REGEX_CUT = regex.compile(r"(?<=[.!?…][\"”’)\]»]*)\s+(?=[\"“(\[«]?[\p{Lu}\d]|[a-zđ]\)\s)")
# underthesea ignores '…': a cut at the end of the white space after a '…' (and closing marks)
# before a capital; found from each '…' rather than by a look-behind tried at every space
_ELLIPSIS_RUN = regex.compile(r"…[\"”’)\]»]*\s+(?=[\"“(\[«]?\p{Lu})")
_CLOSERS = frozenset("”’\")]»")
_TRAILING_MARKER = regex.compile(r"(?<=[.!?…;:]\s+)(?:\d{1,2}|[a-zđ]|[IVX]{1,5})[.)]$")
_LONG_TOKEN_SIZE = 120
_LONG_TOKEN = re.compile(r"\S{%d}" % _LONG_TOKEN_SIZE)


# a sentence end, closing marks, white space (regex's \s: re's, which is str.isspace, but for
# U+001C..U+001F); re finds it faster
_INNER_END = re.compile(r"[.!?…][\"'”’)\]]*[^\S\x1c-\x1f]")


def _has_alnum(s: str) -> bool:
    return s[:1].isalnum() or any(map(str.isalnum, s))


def _has_long_token(chunk: str) -> bool:
    """Whether ``_LONG_TOKEN`` is found in ``chunk``. A window of that many characters holding a ' '
    holds no such token, nor does one begin before that ' ': jump from the last ' ' of each window
    to the next window, and search only from a window without one."""
    size, n, pos = _LONG_TOKEN_SIZE, len(chunk), 0
    while pos + size <= n:
        space = chunk.rfind(" ", pos, pos + size)
        if space < 0:
            return _LONG_TOKEN.search(chunk, pos) is not None
        pos = space + 1
    return False


def _tokenizer_cuts(chunk: str) -> list[int] | None:
    """Sentence starts in ``chunk`` from underthesea, found back by searching in order."""
    tok = _sent_tokenize()
    if tok is None or _has_long_token(chunk):  # underthesea is quadratic in long dotted tokens
        return None
    try:
        if isinstance(tok, functools.partial) and tok.func is _punkt_sentences:
            return _punkt_cuts(chunk, tok.keywords["abbrev"])
        pieces = [p.strip() for p in tok(chunk)]
    except Exception:
        return None
    pieces = [p for p in pieces if p]
    cuts, pos, missed = [0], 0, 0
    for p in pieces:
        i = chunk.find(p, pos)
        length = len(p)
        if i < 0:  # spacing changed: match the words with any white space between them
            m = regex.compile(r"\s*".join(regex.escape(w) for w in p.split())).search(chunk, pos)
            if m is None:
                missed += 1
                continue
            i, length = m.start(), m.end() - m.start()
        if i > cuts[-1]:
            cuts.append(i)
        pos = i + length
    return None if missed * 2 > len(pieces) else cuts


def _punkt_cuts(chunk: str, abbrev: frozenset[str]) -> list[int]:
    """What ``_tokenizer_cuts`` finds back for the pieces of ``_punkt_sentences``, without making
    them: a piece is found at its first non-space character, since only white space lies between
    it and the piece before, and it begins with none."""
    cuts = [0]
    for a, b in _punkt_spans(chunk, abbrev):
        while a < b and chunk[a].isspace():
            a += 1
        if a < b and a > cuts[-1]:
            cuts.append(a)
    return cuts


def _may_end_with_marker(piece: str) -> bool:
    """False when ``_TRAILING_MARKER`` cannot be found in ``piece``: its marker is the last word
    (one to five characters before a final '.' or ')'), and the words before end with a mark of
    _TRAILING_MARKER's look-behind (white space to regex is white space to str.rsplit)."""
    if not piece.endswith((".", ")")):
        return False
    words = piece[:-1].rsplit(None, 1)
    return len(words) == 2 and len(words[1]) <= 5 and words[0][-1] in ".!?…;:"


def _repair(chunk: str, cuts: list[int], lex: _Lexicon) -> list[int]:
    """Undo splits inside e-mails, URLs, numbers, abbreviations, './.' endings and list numbers."""
    n = len(chunk)
    fixed: list[int] = [0]
    for c in cuts[1:]:
        if c < n and chunk[c] in _CLOSERS and not chunk[c - 1].isspace():
            while c < n and chunk[c] in _CLOSERS:
                c += 1  # a closing quote or bracket belongs to the sentence before
            while c < n and chunk[c].isspace():
                c += 1
        if c >= n or c <= fixed[-1] or not chunk[c - 1].isspace():
            continue  # no white space at the cut: "gov.vn", "10.392", "./.", "v.v."
        fixed.append(c)
    # A list number left at the end of a sentence ("... hồ sơ... 2.") opens the next one.
    for k in range(1, len(fixed)):
        piece = chunk[fixed[k - 1] : fixed[k]].rstrip()
        if not _may_end_with_marker(piece):
            continue
        # the marker ends the piece ("$") and is at most six characters long: search only there
        m = _TRAILING_MARKER.search(piece, max(0, len(piece) - 6))
        if m is not None:
            fixed[k] = fixed[k - 1] + m.start()
    out: list[int] = [0]
    marker, abbreviations = lex.list_marker.match, lex.abbreviations
    prev_alnum = _has_alnum(chunk[: fixed[1]]) if len(fixed) > 1 else True
    for k in range(1, len(fixed)):
        c, nxt = fixed[k], fixed[k + 1] if k + 1 < len(fixed) else n
        cur = chunk[c:nxt].strip()
        cur_alnum = _has_alnum(cur)
        last_word = (chunk[max(out[-1], c - 24) : c].rsplit(None, 1) or [""])[-1]  # only pieces, never the glued whole
        if (
            not prev_alnum  # "-", "…" alone: glue forward
            or not cur_alnum  # "/.", "…": glue back
            or (cur[:1].islower() and not marker((cur.split(None, 1) or [""])[0]))
            or last_word in abbreviations
            or (c - out[-1] <= 16 and marker(chunk[out[-1] : c].strip()))  # "1." opens the next one
            or (nxt == n and marker(cur))  # a last "3." stays with what precedes it
        ):
            prev_alnum = prev_alnum or cur_alnum
            continue
        out.append(c)
        prev_alnum = cur_alnum
    return out


def _split_line(text: str, start: int, end: int, lex: _Lexicon) -> list[tuple[int, int]]:
    chunk = text[start:end]
    if not _has_alnum(chunk):
        return []  # "/.", "…", "----": nothing to say
    # no sentence end followed by white space inside the line: one sentence, no tokenizer needed
    # (". " inside the line is one: _INNER_END is searched for in lines without it)
    trimmed = chunk.rstrip()
    if ". " not in trimmed and _INNER_END.search(trimmed) is None:
        if "…" not in chunk:  # nor a cut after a '…': the line stripped, which needs no repair
            body = trimmed.lstrip()
            a = start + len(chunk) - len(chunk.lstrip())
            return [] if lex.list_marker.match(body) else [(a, a + len(body))]  # [] for a line "2."
        cuts: list[int] | None = [0]
    else:
        cuts = _tokenizer_cuts(chunk)
    return _spans_at_cuts(chunk, start, cuts, lex)


def _block_spans(text: str, start: int, end: int, body: str, lex: _Lexicon) -> list[tuple[int, int]]:
    """``_split_line(text, start, end, lex)`` for a stripped line ``body == text[start:end]``, step
    for step: its chunk, the chunk trimmed and the body stripped are all ``body``."""
    if not _has_alnum(body):
        return []
    if ". " not in body and _INNER_END.search(body) is None:
        if "…" not in body:
            return [] if lex.list_marker.match(body) else [(start, end)]
        cuts: list[int] | None = [0]
    else:
        cuts = _tokenizer_cuts(body)
    return _spans_at_cuts(body, start, cuts, lex)


def _spans_at_cuts(chunk: str, start: int, cuts: list[int] | None, lex: _Lexicon) -> list[tuple[int, int]]:
    """The rest of ``_split_line``: the sentences of ``chunk`` (at ``start`` in the text) from the
    tokenizer's ``cuts`` (None: it gave none), repaired, stripped."""
    if cuts is None:
        cuts = [0] + [m.end() for m in _REGEX_CUT.finditer(chunk)]
    elif "…" in chunk:
        cuts = sorted(set(cuts).union(m.end() for m in _ELLIPSIS_RUN.finditer(chunk)))
    if len(cuts) > 1:  # a single piece needs no repair: _repair(chunk, [0], lex) is [0]
        cuts = _repair(chunk, cuts, lex)
    spans: list[tuple[int, int]] = []
    for k, a in enumerate(cuts):
        b = cuts[k + 1] if k + 1 < len(cuts) else len(chunk)
        piece = chunk[a:b]
        stripped = piece.lstrip()
        a2 = a + len(piece) - len(stripped)
        b2 = a2 + len(stripped.rstrip())
        if b2 > a2:
            spans.append((start + a2, start + b2))
    if len(spans) == 1 and lex.list_marker.match(chunk[spans[0][0] - start : spans[0][1] - start]):
        return []  # a line that is only "2." or "a)"
    return spans


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets into ``text``) inside ``text[start:end]``; a line break always ends one."""
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    lex = _lexicon()
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if text[pos:stop].strip():
            spans.extend(_split_line(text, pos, stop, lex))
        pos = stop + 1
    return spans


# --- block classification --------------------------------------------------------------------

_PROSE_END = regex.compile(r"[.…](?:/\.)?[\"”’)\]]*$", regex.REVERSE)  # found or not: from the end
_SENTENCE_BREAK = regex.compile(r"[.!?…][\"”’)]*\s+[\"“(]?\p{Lu}")
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}\p{N}-]*")
# A title key drops "null " at the start and the run of spaces and marks at the end (found from
# the end; those characters have no case, and the run holds any final "\n" a "$" could stand before).
_TITLE_KEY_HEAD = regex.compile(r"null\s+", _FLAGS)
_TITLE_KEY_TAIL = regex.compile(r"[\s\p{P}]+\Z", regex.REVERSE)


def _title_key(s: str) -> str:
    """``s`` without "null " and final marks, casefolded, spaces folded."""
    head = _TITLE_KEY_HEAD.match(s)
    a = 0 if head is None else head.end()
    tail = _TITLE_KEY_TAIL.search(s, a)
    b = len(s) if tail is None else tail.start()
    return " ".join(s[a:b].casefold().split())


def _all_caps(s: str) -> bool:
    if len(s) > 400:
        return False
    lower = sum(map(str.islower, s))
    if 4 * lower > len(s):  # more than a quarter of any count of upper-case letters
        return False
    upper = sum(map(str.isupper, s))
    return upper >= 8 and lower <= 0.25 * upper


def _is_prose(s: str, words: int, lim: dict[str, float]) -> bool:
    if _PROSE_END.search(s) is not None:
        return words >= lim["prose_min_words"]
    return words >= lim["prose_long_words"] and ("," in s or ". " in s) and not _all_caps(s)


def _headline(kinds: list[SegmentKind | None], words: list[int], first: int, lim: dict[str, float]
              ) -> tuple[int | None, bool]:
    """Step 3 of ``segment``: the line of the headline among those of headline length above the
    body (``first``), and whether it was found right above a dateline. With more than one such
    line, the first dateline below the first of them decides; else the first line is taken."""
    lines = [i for i in range(first) if kinds[i] is None and lim["title_min_words"] <= words[i] <= lim["title_max_words"]]
    if len(lines) > 1:
        dateline = next((d for d in range(lines[0] + 1, first) if kinds[d] == "dateline"), None)
        if dateline is not None:
            above = dateline - 1
            while kinds[above] == "furniture":  # stops at lines[0] at the latest
                above -= 1
            if above in lines:
                return above, above != lines[0]
    return (lines[0] if lines else None), False


def _caption_reason(s: str, words: int, lex: _Lexicon, low: str | None = None) -> str | None:
    if words <= 2 * lex.caption_max_words and lex.caption_paren.match(s):
        return "line wholly in parentheses"
    if words > lex.caption_max_words or s.endswith(":") or lex.list_marker.match(s.split(None, 1)[0]):
        return None
    if len(_NUMBER.findall(s)) > lex.caption_max_numbers or _SENTENCE_BREAK.search(s.rstrip(".…!? ")):
        return None
    cue = lex.caption_cues.search(s, low)
    if cue is None or lex.caption_anti.search(s, low):
        return None
    return f"short line with caption cue '{cue.group().strip(' (:')}'"


def _name_like(s: str, words: int, lex: _Lexicon, low: str | None = None) -> bool:
    lim = lex.limits
    if words > lim["trailing_names_max_words"] or len(s) > lim["trailing_names_max_chars"]:
        return False
    if not s[0].isupper() or s[-1] in ".!?:;,…" or any(c.isdigit() for c in s) or lex.caption_cues.search(s, low):
        return False
    tokens = _WORD.findall(s)
    return bool(tokens) and sum(t[0].isupper() for t in tokens) >= lim["trailing_names_min_capitalized"] * len(tokens)


def _date(s: str, lex: _Lexicon) -> _dt.date | None:
    for pattern in lex.dates:
        for m in pattern.finditer(s):
            try:
                return _dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
    return None


def _lines(text: str, cap: int) -> tuple[list[tuple[int, int]], list[str], list[int], list[bool]]:
    """Stripped spans of the non-blank lines, the stripped lines, their words counted up to
    ``cap + 1`` (``len(line.split(None, cap))``: a long paragraph need not be split whole), and
    whether each is plain: printable, without "  " (its only white space is single ' ')."""
    spans: list[tuple[int, int]] = []
    lines: list[str] = []
    words: list[int] = []
    plain: list[bool] = []
    pos = 0
    for line in text.split("\n"):
        body = line.strip()
        if body:
            a = pos if len(body) == len(line) else pos + len(line) - len(line.lstrip())
            spans.append((a, a + len(body)))
            lines.append(body)
            # the only white space a printable string holds is ' ' (tests/test_speed_segment.py):
            # without "  " its words are the spaces plus one
            if "  " not in body and body.isprintable():
                w = body.count(" ") + 1
                words.append(w if w <= cap else cap + 1)
                plain.append(True)
            else:
                words.append(len(body.split(None, cap)))
                plain.append(False)
        pos += len(line) + 1
    return spans, lines, words, plain


def _line_shape(s: str, low: str, words: int, lex: _Lexicon) -> tuple[SegmentKind, str, int] | None:
    """Step 1 of ``segment`` for a short line ``s`` (``low``: its fold) other than a related-news
    marker: the kind, reason and dateline priority its own shape gives it, if any."""
    lim = lex.limits
    if rule := lex.furniture.first(s, low):
        return "furniture", f"furniture pattern '{rule.name}'", 0
    if words <= lim["dateline_max_words"] and (rule := lex.datelines.first(s, low)):
        return "dateline", f"dateline pattern '{rule.name}'", rule.priority
    if words <= lim["byline_max_words"] and (rule := lex.bylines.first(s, low)):
        if words <= lim["credit_max_words"] or not lex.caption_cues.search(s, low):  # else "Ảnh: <caption>"
            return "byline", f"byline pattern '{rule.name}'", 0
    return None


def segment(nt: NormalizedText) -> Article:
    """Split ``nt.text`` into typed blocks and sentences; never raises."""
    text, lex = nt.text, _lexicon()
    lim = lex.limits
    spans, lines, words, plain = _lines(text, lex.word_cap)
    n = len(lines)
    kinds: list[SegmentKind | None] = [None] * n
    reasons = [""] * n
    lows: list[str | None] = [None] * n  # fold of the lines step 1 looks at, for the prefilters
    priority: dict[int, int] = {}

    def put(i: int, kind: SegmentKind, reason: str) -> None:
        kinds[i], reasons[i] = kind, reason

    # 1. Lines recognised by their own shape; 2. the body begins at the first paragraph of prose
    # (a line step 1 left alone); a related-news marker after it ends it. In one pass: the lines
    # after that marker are furniture whatever their shape, so none is looked at.
    short_line = lim["short_line_words"]
    first = tail = n
    for i, s in enumerate(lines):
        w = words[i]
        if w <= short_line:
            lows[i] = low = fold(s)
            if _is_tail_marker(s, lex, plain[i]):
                put(i, "furniture", f"related-news marker '{s}'")
                if first < i:
                    tail = i
                    break
                continue
            if (shape := _line_shape(s, low, w, lex)) is not None:
                kinds[i], reasons[i], p = shape
                if kinds[i] == "dateline":
                    priority[i] = p
                continue
        if first == n and _is_prose(s, w, lim):
            first = i
    if tail + 1 < n:
        kinds[tail + 1 :] = ["furniture"] * (n - tail - 1)
        reasons[tail + 1 :] = [f"after marker '{lines[tail]}'"] * (n - tail - 1)

    # 3. The headline: the first substantial line above the body, or the one right above the
    # dateline over the body (past furniture) where there is one: many pages put the site's name
    # first ("BÁO GIA LAI ĐIỆN TỬ", a menu, the headline, "Thứ Tư, 20/05/2026 | 15:10").
    title, anchor = _headline(kinds, words, first, lim)
    if title is not None:
        put(title, "title", "headline right above the dateline" if anchor
            else "all-caps headline" if _all_caps(lines[title]) else "first headline line")
        key, size = _title_key(lines[title]), len(lines[title])
        for i in range(n):
            if i == title or kinds[i] not in (None, "furniture") or abs(len(lines[i]) - size) > 12:
                continue
            if _title_key(lines[i]) == key:
                put(i, "furniture", "duplicate of headline")
    above = title if title is not None else first if first < n else 0
    for i in range(above):
        if kinds[i] is None:
            put(i, "furniture", "above headline" if title is not None else "above first paragraph")

    # 4. A short line of names closing the article is a byline.
    content = [i for i in range(tail) if kinds[i] is None]
    for k, i in enumerate(content):
        if i <= first or not _name_like(lines[i], words[i], lex, lows[i]):
            continue
        if k and lines[content[k - 1]].endswith("/."):
            put(i, "byline", "names line after a './.' ending")
        elif k == len(content) - 1:
            put(i, "byline", "names line closing the article")

    # 5. Captions and body; after a byline that no long paragraph follows, the site footer.
    # (The last long paragraph, searched from the end: no line above the first paragraph of prose
    # that steps 1 to 4 left alone is prose.) In the same pass, the blocks and their sentences.
    long_prose = lim["footer_prose_min_words"]
    last_prose = next(
        (i for i in range(tail - 1, first - 1, -1)
         if kinds[i] is None and words[i] >= long_prose and _is_prose(lines[i], words[i], lim)),
        -1,
    )
    footer = False
    blocks: list[Block] = []
    sentences: list[SentenceSpan] = []
    for i, (a, b) in enumerate(spans):
        kind, reason = kinds[i], reasons[i]
        if kind is None:  # only lines above the tail are left
            if footer:
                kind, reason = "furniture", "site footer after byline"
            elif caption := _caption_reason(lines[i], words[i], lex, lows[i]):
                kind, reason = "caption", caption
            else:
                kind, reason = "body", "article text"
        elif kind == "byline" and first < i > last_prose:
            footer = True
        blk = _block(kind, a, b, reason)
        blocks.append(blk)
        # a block is one stripped non-blank line: split_sentences would hand it to _split_line whole
        if kind == "body" or kind == "caption":
            sentences.extend(_sentence_spans(_block_spans(text, a, b, lines[i], lex), i))
        elif kind == "title":
            sentences.extend(_sentence_spans(_title_sentences(text, blk, lex, lines[i]), i))
    dated = sorted((i for i in priority if kinds[i] == "dateline"), key=lambda i: (-priority[i], i))
    published = next((d for i in dated if (d := _date(lines[i], lex)) is not None), None)
    return Article(
        text=nt,
        blocks=tuple(blocks),
        sentences=tuple(sentences),
        title=lines[title] if title is not None else None,
        published=published,
    )


def _title_sentences(text: str, blk: Block, lex: _Lexicon, body: str | None = None) -> list[tuple[int, int]]:
    """A headline is one sentence unless it clearly holds several full ones (``body``: the line,
    ``text[blk.start:blk.end]``, stripped, when known)."""
    if body is None:
        spans = _split_line(text, blk.start, blk.end, lex)
    else:
        spans = _block_spans(text, blk.start, blk.end, body, lex)
    if len(spans) > 1 and all(
        len(text[a:b].split()) >= 4 and (k == len(spans) - 1 or text[b - 1] in ".!?…") for k, (a, b) in enumerate(spans)
    ):
        return spans
    return [(blk.start, blk.end)]
