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
from dataclasses import dataclass
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
class _RuleSet:
    rules: tuple[_Rule, ...]
    # per rule: None, search it on every line; else the folded words one of which each of its
    # alternatives not anchored at the line's start begins with (none: it has no such alternative)
    needs: tuple[tuple[str, ...] | None, ...]
    any_anchored: regex.Pattern[str] | None  # every anchored alternative of every rule, joined

    def first(self, line: str) -> _Rule | None:
        """The first rule whose pattern is found in ``line``.

        Most alternatives are anchored at the line's start: one match of all of them joined tells
        whether any can match (usually none does); then a rule is only searched when it may match
        elsewhere (its unanchored alternatives' first words are in the line), in order. Joined
        whole, the rules would be tried at every position of the line."""
        skip = self.any_anchored is not None and self.any_anchored.match(line) is None
        low = None
        for r, need in zip(self.rules, self.needs):
            if skip and need is not None:
                if not need:
                    continue
                if low is None:
                    low = fold(line)
                if not any(w in low for w in need):
                    continue
            if r.pattern.search(line) is not None:
                return r
        return None


def _leading_literal(alt: str) -> str:
    """The literal characters a regex alternative begins with ("" when it begins otherwise)."""
    out: list[str] = []
    i = 0
    while i < len(alt):
        c = alt[i]
        if c == "\\" and i + 1 < len(alt) and not alt[i + 1].isalnum() and not alt[i + 1].isspace():
            out.append(alt[i + 1])  # an escaped punctuation mark: "\(" is "("
            i += 2
            continue
        if c in "\\.^$*+?{}[]|()" or c.isspace():
            break
        out.append(c)
        i += 1
    if i < len(alt) and alt[i] in "?*{" and out:
        out.pop()  # the last character is optional or repeated from zero
    return "".join(out)


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
    furniture: _RuleSet
    datelines: _RuleSet
    bylines: _RuleSet
    dates: tuple[regex.Pattern[str], ...]
    caption_max_words: int
    caption_max_numbers: int
    caption_paren: regex.Pattern[str]
    caption_cues: regex.Pattern[str]
    caption_anti: regex.Pattern[str]
    abbreviations: frozenset[str]
    list_marker: regex.Pattern[str]
    word_cap: int  # no word count limit is above this


def _ruleset(entries: list[dict[str, Any]]) -> _RuleSet:
    rules = tuple(_Rule(e["name"], regex.compile(e["pattern"], _FLAGS), int(e.get("priority", 0))) for e in entries)
    needs: list[tuple[str, ...] | None] = []
    anchored: list[str] = []
    for e in entries:
        alts = _alternatives(e["pattern"])
        if not alts:
            needs.append(None)
            continue
        anchored.extend(a for a in alts if a.startswith("^"))
        words = [_leading_literal(a) for a in alts if not a.startswith("^")]
        needs.append(None if not all(words) else tuple(fold(w) for w in words))
    # Alternatives that do not stand alone when joined (a back-reference counts groups, an inline
    # flag applies to the whole pattern): no prefilter, every rule is searched.
    if any(_NOT_JOINABLE.search(a) for a in anchored):
        return _RuleSet(rules, tuple(None for _ in rules), None)
    try:
        joined = regex.compile("|".join(f"(?:{a})" for a in anchored), _FLAGS) if anchored else None
    except regex.error:
        return _RuleSet(rules, tuple(None for _ in rules), None)
    return _RuleSet(rules, tuple(needs), joined)


_NOT_JOINABLE = regex.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?[aiLmsuxfwrbe0-9V]+\)")


def _either(patterns: list[str]) -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)


@functools.cache
def _lexicon() -> _Lexicon:
    """Read and compile ``lexicons/furniture.toml`` (once per process)."""
    data = load("furniture")
    cap = data["caption"]
    return _Lexicon(
        limits={k: float(v) for k, v in data["limits"].items()},
        tail_markers=frozenset(_marker_key(m) for m in data["tail"]["markers"]),
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
_PUNKT_END = re.compile(r"[.?!]")


def _punkt_sentences(text: str, abbrev: frozenset[str]) -> list[str]:
    """underthesea 9.5's ``PunktSentenceTokenizer.sentences_from_text``, step for step, but going
    from one '.', '?', '!' to the next with a search instead of a Python loop over every character."""
    if not text or not text.strip():
        return []
    sentences: list[str] = []
    start = 0
    i = 0
    n = len(text)
    search = _PUNKT_END.search
    while i < n:
        m = search(text, i)
        if m is None:
            break
        i = m.start()
        if text[i] == ".":
            dot_end = i
            while dot_end < n and text[dot_end] == ".":
                dot_end += 1
            if dot_end - i >= 3:  # an ellipsis: a boundary at the end or before an upper-case letter
                after = dot_end
                while after < n and text[after] in " \t":
                    after += 1
                if after >= n or text[after].isupper():
                    sentence = text[start:dot_end].strip()
                    if sentence:
                        sentences.append(sentence)
                    while dot_end < n and text[dot_end] in " \t\n\r":
                        dot_end += 1
                    start = dot_end
                i = dot_end
                continue
        if _punkt_boundary(text, i, abbrev):
            end = i + 1
            while end < n and text[end] in ".?!":
                end += 1
            sentence = text[start:end].strip()
            if sentence:
                sentences.append(sentence)
            while end < n and text[end] in " \t\n\r":
                end += 1
            start = end
            i = end
            continue
        i += 1
    final = text[start:].strip()
    if final:
        sentences.append(final)
    return sentences


def _punkt_boundary(text: str, pos: int, abbrev: frozenset[str]) -> bool:
    """``_is_sentence_boundary``: every end character is one, but a '.' between digits or after an
    abbreviation (the word before it: letters, digits and dots)."""
    if text[pos] == ".":
        if pos > 0 and text[pos - 1].isdigit() and pos + 1 < len(text) and text[pos + 1].isdigit():
            return False
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
_ELLIPSIS_CUT = regex.compile(r"(?<=…[\"”’)\]»]*)\s+(?=[\"“(\[«]?\p{Lu})")  # underthesea ignores '…'
_CLOSERS = frozenset("”’\")]»")
_TRAILING_MARKER = regex.compile(r"(?<=[.!?…;:]\s+)(?:\d{1,2}|[a-zđ]|[IVX]{1,5})[.)]$")
_LONG_TOKEN = re.compile(r"\S{120}")


_INNER_END = regex.compile(r"[.!?…][\"'”’)\]]*\s")


def _has_alnum(s: str) -> bool:
    return any(map(str.isalnum, s))


def _tokenizer_cuts(chunk: str) -> list[int] | None:
    """Sentence starts in ``chunk`` from underthesea, found back by searching in order."""
    tok = _sent_tokenize()
    if tok is None or _LONG_TOKEN.search(chunk):  # underthesea is quadratic in long dotted tokens
        return None
    try:
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
        # the marker ends the piece ("$") and is at most six characters long: search only there
        m = _TRAILING_MARKER.search(piece, max(0, len(piece) - 6))
        if m is not None:
            fixed[k] = fixed[k - 1] + m.start()
    out: list[int] = [0]
    marker = lex.list_marker.match
    prev_alnum = _has_alnum(chunk[: fixed[1]]) if len(fixed) > 1 else True
    for k in range(1, len(fixed)):
        c, nxt = fixed[k], fixed[k + 1] if k + 1 < len(fixed) else n
        cur = chunk[c:nxt].strip()
        cur_alnum = _has_alnum(cur)
        last_word = (chunk[max(out[-1], c - 24) : c].split() or [""])[-1]  # only pieces, never the glued whole
        if (
            not prev_alnum  # "-", "…" alone: glue forward
            or not cur_alnum  # "/.", "…": glue back
            or (cur[:1].islower() and not marker((cur.split() or [""])[0]))
            or last_word in lex.abbreviations
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
    cuts = _tokenizer_cuts(chunk) if _INNER_END.search(chunk.rstrip()) else [0]
    if cuts is None:
        cuts = [0] + [m.end() for m in _REGEX_CUT.finditer(chunk)]
    elif "…" in chunk:
        cuts = sorted(set(cuts).union(m.end() for m in _ELLIPSIS_CUT.finditer(chunk)))
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
    if len(spans) == 1 and lex.list_marker.match(text[spans[0][0] : spans[0][1]]):
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
_TITLE_KEY_DROP = regex.compile(r"^null\s+|[\s\p{P}]+$", _FLAGS)


def _title_key(s: str) -> str:
    return " ".join(_TITLE_KEY_DROP.sub("", s).casefold().split())


def _all_caps(s: str) -> bool:
    if len(s) > 400:
        return False
    upper, lower = sum(map(str.isupper, s)), sum(map(str.islower, s))
    return upper >= 8 and lower <= 0.25 * upper


def _is_prose(s: str, words: int, lim: dict[str, float]) -> bool:
    if _PROSE_END.search(s) is not None:
        return words >= lim["prose_min_words"]
    return words >= lim["prose_long_words"] and ("," in s or ". " in s) and not _all_caps(s)


def _caption_reason(s: str, words: int, lex: _Lexicon) -> str | None:
    if words <= 2 * lex.caption_max_words and lex.caption_paren.match(s):
        return "line wholly in parentheses"
    if words > lex.caption_max_words or s.endswith(":") or lex.list_marker.match(s.split()[0]):
        return None
    if len(_NUMBER.findall(s)) > lex.caption_max_numbers or _SENTENCE_BREAK.search(s.rstrip(".…!? ")):
        return None
    cue = lex.caption_cues.search(s)
    if cue is None or lex.caption_anti.search(s):
        return None
    return f"short line with caption cue '{cue.group().strip(' (:')}'"


def _name_like(s: str, words: int, lex: _Lexicon) -> bool:
    lim = lex.limits
    if words > lim["trailing_names_max_words"] or len(s) > lim["trailing_names_max_chars"]:
        return False
    if not s[0].isupper() or s[-1] in ".!?:;,…" or any(c.isdigit() for c in s) or lex.caption_cues.search(s):
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


def _lines(text: str) -> list[tuple[int, int]]:
    """Stripped spans of the non-blank lines."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        body = line.strip()
        if body:
            a = pos + len(line) - len(line.lstrip())
            spans.append((a, a + len(body)))
        pos += len(line) + 1
    return spans


def segment(nt: NormalizedText) -> Article:
    """Split ``nt.text`` into typed blocks and sentences; never raises."""
    text, lex = nt.text, _lexicon()
    lim = lex.limits
    spans = _lines(text)
    lines = [text[a:b] for a, b in spans]
    # words per line, counted up to one more than any limit they are compared with (a long
    # paragraph need not be split whole to know it is longer than 60 words)
    cap = lex.word_cap
    words = [len(s.split(None, cap)) for s in lines]
    n = len(lines)
    kinds: list[SegmentKind | None] = [None] * n
    reasons = [""] * n
    priority: dict[int, int] = {}

    def put(i: int, kind: SegmentKind, reason: str) -> None:
        kinds[i], reasons[i] = kind, reason

    # 1. Lines recognised by their own shape.
    for i, s in enumerate(lines):
        if words[i] > lim["short_line_words"]:
            continue
        if _marker_key(s) in lex.tail_markers:
            put(i, "furniture", f"related-news marker '{s}'")
        elif rule := lex.furniture.first(s):
            put(i, "furniture", f"furniture pattern '{rule.name}'")
        elif words[i] <= lim["dateline_max_words"] and (rule := lex.datelines.first(s)):
            put(i, "dateline", f"dateline pattern '{rule.name}'")
            priority[i] = rule.priority
        elif words[i] <= lim["byline_max_words"] and (rule := lex.bylines.first(s)):
            if words[i] <= lim["credit_max_words"] or not lex.caption_cues.search(s):  # else "Ảnh: <caption>"
                put(i, "byline", f"byline pattern '{rule.name}'")

    # 2. The body begins at the first paragraph of prose; a related-news marker after it ends it.
    first = next((i for i in range(n) if kinds[i] is None and _is_prose(lines[i], words[i], lim)), n)
    tail = next((i for i in range(first + 1, n) if reasons[i].startswith("related-news marker")), n)
    for i in range(tail + 1, n):
        put(i, "furniture", f"after marker '{lines[tail]}'")

    # 3. The headline: the first substantial line above the body.
    title = next(
        (i for i in range(first) if kinds[i] is None and lim["title_min_words"] <= words[i] <= lim["title_max_words"]),
        None,
    )
    if title is not None:
        put(title, "title", "all-caps headline" if _all_caps(lines[title]) else "first headline line")
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
        if i <= first or not _name_like(lines[i], words[i], lex):
            continue
        if k and lines[content[k - 1]].endswith("/."):
            put(i, "byline", "names line after a './.' ending")
        elif k == len(content) - 1:
            put(i, "byline", "names line closing the article")

    # 5. Captions and body; after a byline that no long paragraph follows, the site footer.
    long_prose = lim["footer_prose_min_words"]
    last_prose = max(
        (i for i in range(tail) if kinds[i] is None and words[i] >= long_prose and _is_prose(lines[i], words[i], lim)),
        default=-1,
    )
    footer = False
    for i in range(tail):
        if kinds[i] == "byline" and first < i > last_prose:
            footer = True
        elif kinds[i] is None and footer:
            put(i, "furniture", "site footer after byline")
        elif kinds[i] is None and (reason := _caption_reason(lines[i], words[i], lex)):
            put(i, "caption", reason)
        elif kinds[i] is None:
            put(i, "body", "article text")

    blocks = tuple(Block(k or "body", a, b, r or "article text") for k, (a, b), r in zip(kinds, spans, reasons))
    sentences: list[SentenceSpan] = []
    for bi, blk in enumerate(blocks):
        if blk.kind in ("body", "caption"):
            sentences.extend(SentenceSpan(a, b, bi) for a, b in split_sentences(text, blk.start, blk.end))
        elif blk.kind == "title":
            sentences.extend(SentenceSpan(a, b, bi) for a, b in _title_sentences(text, blk))
    dated = sorted((i for i in priority if kinds[i] == "dateline"), key=lambda i: (-priority[i], i))
    published = next((d for i in dated if (d := _date(lines[i], lex)) is not None), None)
    return Article(
        text=nt,
        blocks=blocks,
        sentences=tuple(sentences),
        title=lines[title] if title is not None else None,
        published=published,
    )


def _title_sentences(text: str, blk: Block) -> list[tuple[int, int]]:
    """A headline is one sentence unless it clearly holds several full ones."""
    spans = split_sentences(text, blk.start, blk.end)
    if len(spans) > 1 and all(
        len(text[a:b].split()) >= 4 and (k == len(spans) - 1 or text[b - 1] in ".!?…") for k, (a, b) in enumerate(spans)
    ):
        return spans
    return [(blk.start, blk.end)]
