"""Which figures are claims, and of what: metric recognition over the sentences of an article.

For each figure (``numbers.Quantity``) of a title, body or caption sentence:

1. its *family* comes from the noun that follows it ("10.392 hồ sơ" -> dossiers, "209 thủ tục" ->
   procedures, "104/128 ấp" + "Wifi" in the clause -> wifi), or from "số hồ sơ ... là N", or for a
   bare percentage from the nearest family noun before it in the clause;
2. its *metric* comes from the cue words in its window (the text back to the previous figure or
   the clause start, and its own noun phrase after it): the most specific metric wins (depth in
   the lexicon's ``parent`` chain), then the nearest cue. A figure with no cue either takes its
   family's default, shares the metric of the count it qualifies ("(đạt 85,6%)", "chiếm 93%"),
   continues an enumeration ("cấp huyện được 264 hồ sơ, cấp xã được 40 hồ sơ"), or is no claim;
3. changes ("tăng 22%"), reference values ("so với cùng kỳ"), starting values ("từ X xuống Y")
   are not claims; goals ("phấn đấu", "chỉ tiêu") become ``other`` claims labelled ``*_target``;
4. its level and locality come from ``scope``: the last level switch before it in its paragraph,
   else the article's subject; "cấp huyện, cấp xã đều đạt 98%" gives one claim per level.

All positions here are offsets into the normalized text; ``pipeline`` maps them to the original.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from .indexes import index_figure, name_places
from .lexicon import PhraseMatcher, fold, load, phrase_prefilter, phrase_source
from .numbers import Quantity, find_quantities
from .scope import Scope, Switch, is_distributive, switches_in

__all__ = ["Draft", "claims_in_sentences", "SentenceText"]

_FAMILY_FILES = ("metrics/dossiers", "metrics/procedures", "metrics/digital", "metrics/letters")
# metrics/indexes.toml is read by indexes.py: index figures are found by the index's name, not a noun
_CLAUSE_END = regex.compile(r"[;]")
_SPACES = regex.compile(r"\s*")
_RIGHT_STOP = regex.compile(r"[,;()\[\]:]|\s[-–—]\s|\.(?:\s|$)")
# regex's \s is a subset of str.isspace, none of which lies above U+3000 (tests/test_speed_claims5.py)
_REGEX_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and regex.fullmatch(r"\s", c))
# _RIGHT_STOP for ``re`` (a cheaper call): the same pattern, regex's \s spelled out
_RIGHT_STOP_RE = re.compile(_RIGHT_STOP.pattern.replace(r"\s", "[" + re.escape(_REGEX_SPACES) + "]"))
_RIGHT_MAX = 80
_PART_OF = regex.compile(r"(?<![\p{L}])(?:trong\s+đó|bao\s+gồm|gồm)(?![\p{L}])", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SentenceText:
    """A sentence as the claim finder sees it: offsets into the normalized text, and its block."""

    index: int
    start: int
    end: int
    block: int


@dataclass(slots=True)
class Draft:
    """A claim before its offsets are mapped back to the original text."""

    metric: str
    quantity: Quantity
    value: float
    unit: str
    start: int
    end: int
    sentence: int
    scope: Scope
    label: str | None = None
    of: str | None = None
    total: float | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Family:
    name: str
    nouns: PhraseMatcher
    noun_before: PhraseMatcher | None
    noun_before_at: re.Pattern[str] | None  # where a noun_before phrase may begin, in folded text
    context: PhraseMatcher | None
    default: str | None
    cues: PhraseMatcher
    cue_at: re.Pattern[str]  # where a cue may begin, in folded text (lexicon.phrase_prefilter)
    cue_metric: tuple[str, ...]
    depth: dict[str, int]
    of: dict[str, str]
    averages: dict | None
    count_only: frozenset[str]
    total: str | None
    noun_metric: dict[str, str]  # a noun that names its own metric whatever the cue ("giao dịch")
    # the metric and depth of each cue spelling met so far
    cue_memo: dict[str, tuple[str, int]] = field(default_factory=dict, hash=False, compare=False)
    # the lexicon spelling of each noun spelling met so far
    noun_memo: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


def _family(name: str, spec: dict) -> _Family:
    metrics = spec.get("metrics", {})
    parents = {m: v.get("parent", "") for m, v in metrics.items()}

    def depth(m: str) -> int:
        d = 0
        while parents.get(m):
            m, d = parents[m], d + 1
        return d

    phrases: list[str] = []
    owners: list[str] = []
    for metric, v in metrics.items():
        for cue in v.get("cues", []):
            phrases.append(cue)
            owners.append(metric)
    nouns = tuple(spec.get("nouns", []))
    return _Family(
        name=name,
        nouns=PhraseMatcher(nouns),
        noun_before=PhraseMatcher(spec["noun_before"]) if spec.get("noun_before") else None,
        noun_before_at=phrase_prefilter(spec["noun_before"]) if spec.get("noun_before") else None,
        context=PhraseMatcher(spec["context"]) if spec.get("context") else None,
        default=spec.get("default"),
        cues=PhraseMatcher(phrases),
        cue_at=phrase_prefilter(phrases),
        cue_metric=tuple(owners),
        depth={m: depth(m) for m in metrics},
        of={k.lower(): v for k, v in spec.get("of", {}).items()},
        averages=spec.get("averages"),
        count_only=frozenset(spec.get("count_only", [])),
        total=spec.get("total"),
        noun_metric={k.lower(): v for k, v in spec.get("noun_metric", {}).items()},
    )


@functools.cache
def _families() -> tuple[_Family, ...]:
    out: list[_Family] = []
    for file in _FAMILY_FILES:
        spec = load(file)
        if "families" in spec:
            out.extend(_family(n, s) for n, s in spec["families"].items())
        else:
            out.append(_family(spec["family"], spec))
    return tuple(out)


@functools.cache
def _rules():
    lex = load("claims")
    return {
        "target": PhraseMatcher(lex["target_cues"]),
        "change": regex.compile(
            "(?:" + phrase_source(lex["change_cues"]) + r")\s*(?:\S+\s+){0,1}$", regex.IGNORECASE
        ),
        "reference": PhraseMatcher(lex["reference_cues"]),
        "from": regex.compile(
            "(?:" + phrase_source(lex["from_to"]["from"]) + r")\s*$", regex.IGNORECASE
        ),
        "to": regex.compile(
            r"\s*(?:\S+\s+){0,%d}?(?:" % int(lex["from_to_gap"]) + phrase_source(lex["from_to"]["to"]) + ")",
            regex.IGNORECASE,
        ),
        "target_sentence": PhraseMatcher(lex["target_sentence_cues"]),
        "denominator": regex.compile(r"\s*(?:" + phrase_source(lex["denominator_words"]) + ")", regex.IGNORECASE),
        "cell": regex.compile(
            r"(?:^|[" + regex.escape("".join(lex["cell_separators"])) + r"]|\n)\s*"
            r"(?P<label>[^\d:|;\n]{2,80}?)\s*(?::|\|)\s*$"
        ),
        "cell_words": int(lex["cell_label_words"]),
        "cell_total": PhraseMatcher(lex["cell_total_words"]),
        "cell_heading": int(lex["cell_heading_chars"]),
        "share": regex.compile(
            "(?:" + phrase_source(lex["share_links"]) + r")\s*$", regex.IGNORECASE
        ),
        "rate": PhraseMatcher(lex["rate_words"]),
        "foreign": regex.compile(r"\s*(?:" + phrase_source(lex["foreign_nouns"]) + ")", regex.IGNORECASE),
        # where the phrases the rules above begin with may begin, in folded text: a span of the
        # folded sentence in which one finds no place holds no match of its rule
        "target_at": phrase_prefilter(lex["target_cues"]),
        "change_at": phrase_prefilter(lex["change_cues"]),
        "reference_at": phrase_prefilter(lex["reference_cues"]),
        "from_at": phrase_prefilter(lex["from_to"]["from"]),
        "share_at": phrase_prefilter(lex["share_links"]),
        "target_sentence_at": phrase_prefilter(lex["target_sentence_cues"]),
        # all four read in the text left of every figure: where this finds no place, none of them does
        "left_at": phrase_prefilter(
            [*lex["target_cues"], *lex["change_cues"], *lex["reference_cues"], *lex["from_to"]["from"]]
        ),
    }


@dataclass(slots=True)
class _Cue:
    metric: str
    depth: int
    distance: int
    start: int
    end: int


def _best_cue(fam: _Family, text: str, left: tuple[int, int], right: tuple[int, int],
              folded: tuple[str, int] | None = None) -> _Cue | None:
    """The cue of ``fam`` left of the figure or right of it that names the most specific metric,
    the nearest of those. ``folded``: the folded sentence that holds both windows, and its offset
    in the text (see _cue_matches)."""
    best: tuple[int, int, str, int, int] | None = None  # depth, -distance, metric, start, end
    memo = fam.cue_memo
    for is_left, (a, b) in ((True, left), (False, right)):
        if a >= b:
            continue
        if folded is None:
            found = fam.cues.pattern.finditer(text, a, b, overlapped=True)
        else:
            found = _cue_matches(fam, text, a, b, folded)
            if not found:
                continue
        for m in found:
            s, e = m.span()
            g = m.group()
            metric, depth = memo[g] if g in memo else _cue_of(fam, g)
            dist = (left[1] - e) if is_left else 2 * (s - right[0]) + 1
            if best is None or depth > best[0] or (depth == best[0] and -dist > best[1]):
                best = (depth, -dist, metric, s, e)
    return None if best is None else _Cue(best[2], best[0], -best[1], best[3], best[4])


def _cue_matches(fam: _Family, text: str, a: int, b: int, folded: tuple[str, int]) -> list[regex.Match[str]]:
    """``list(fam.cues.pattern.finditer(text, a, b, overlapped=True))``, the pattern tried only where
    its prefilter finds a place in the folded span: an overlapped finditer gives the match at each
    place where there is one, in order, and there is none where the prefilter finds no place."""
    low, off = folded
    match = fam.cues.pattern.match
    out = []
    for at in fam.cue_at.finditer(low, a - off, b - off):
        m = match(text, at.start() + off, b)
        if m is not None:
            out.append(m)
    return out


def _cue_of(fam: _Family, matched: str) -> tuple[str, int]:
    """The metric and depth of the cue that matched as ``matched`` (remembered per spelling)."""
    hit = fam.cue_memo.get(matched)
    if hit is None:
        metric = fam.cue_metric[fam.cues.index_of(matched)]
        hit = (metric, fam.depth[metric])
        if len(fam.cue_memo) < 4096:
            fam.cue_memo[matched] = hit
    return hit


def _noun_after(text: str, pos: int, end: int,
                folded: tuple[str, int]) -> tuple[_Family, int, str, list[_Family]] | None:
    """The family whose noun starts right after ``pos`` (longest noun wins), with the noun's end.
    ``folded``: the folded sentence that holds [pos, end), and its offset in the text."""
    at = _after_spaces(text, pos, end)
    # the folded first one and two characters there: only a family some noun of which begins so
    # can match (PhraseMatcher.may_match), found in one lookup per key (_noun_leads). A noun that
    # matches in [at, end) lies inside the sentence, so the folded sentence holds the characters
    # its lead is made of (a lead2 key has two: a shorter key finds nothing in by2)
    low, off = folded
    lead = low[at - off : at - off + 2]
    by1, by2 = _noun_leads()
    cands = by1.get(lead[:1], 0) | by2.get(lead, 0)
    if not cands:
        return None
    hits: list[tuple[int, _Family, str]] = []
    for fam in _families_in(cands):  # in the families' order: the first of the longest wins
        m = fam.nouns.pattern.match(text, at, end)  # (PhraseMatcher.match)
        if m:
            hits.append((m.end(), fam, _noun_of(fam, m.group())))
    if not hits:
        return None
    if len(hits) == 1:
        end1, fam, noun = hits[0]
        return fam, end1, noun, [fam]
    longest = max(h[0] for h in hits)
    best = [h for h in hits if h[0] == longest]
    return best[0][1], longest, best[0][2], [h[1] for h in best]


def _after_spaces(text: str, pos: int, end: int) -> int:
    r"""Where ``_SPACES.match(text, pos, end)`` ends (pos if it does not match), without the regex
    for no space or one: str.isspace holds for every regex \s."""
    if pos < end and not text[pos].isspace():
        return pos
    if pos + 1 < end and text[pos] == " " and not text[pos + 1].isspace():
        return pos + 1
    m0 = _SPACES.match(text, pos, end)
    return m0.end() if m0 else pos


@functools.cache
def _families_in(bits: int) -> tuple[_Family, ...]:
    """The families whose bits are set in ``bits`` (bit i: ``_families()[i]``), in their order."""
    return tuple(fam for i, fam in enumerate(_families()) if bits >> i & 1)


@functools.cache
def _noun_leads() -> tuple[dict[str, int], dict[str, int]]:
    """Folded first character (and first two characters) of the families' nouns -> a bit set of
    the families (bit i: ``_families()[i]``) that have a noun beginning so (``lead1`` / ``lead2``)."""
    by1: dict[str, int] = {}
    by2: dict[str, int] = {}
    for i, fam in enumerate(_families()):
        for c in fam.nouns.lead1:
            by1[c] = by1.get(c, 0) | 1 << i
        for c in fam.nouns.lead2:
            by2[c] = by2.get(c, 0) | 1 << i
    return by1, by2


def _noun_of(fam: _Family, matched: str) -> str:
    """The lexicon's spelling of the noun that matched as ``matched`` (remembered per spelling)."""
    hit = fam.noun_memo.get(matched)
    if hit is None:
        hit = fam.nouns.phrases[fam.nouns.index_of(matched)]
        if len(fam.noun_memo) < 4096:
            fam.noun_memo[matched] = hit
    return hit


@functools.cache
def _noun_before_any() -> re.Pattern[str]:
    """Where a noun_before phrase of any family may begin, in folded text (lexicon.phrase_prefilter)."""
    return phrase_prefilter([p for f in _families() if f.noun_before is not None for p in f.noun_before.phrases])


def _context_ok(fam: _Family, text: str, a: int, b: int) -> bool:
    return fam.context is None or fam.context.found_in(text, a, b)


def _nearest_family_noun(text: str, a: int, b: int) -> _Family | None:
    """The family of the last noun in text[a:b]; of two nouns ending together, the longer
    ("hồ sơ thủ tục hành chính" is dossiers, though "thủ tục hành chính" ends there too)."""
    best: tuple[int, int, _Family] | None = None
    for fam in _families():
        if fam.context is not None:
            continue
        for m in fam.nouns.finditer(text, a, b):
            key = (m.end(), -m.start())
            if best is None or key > best[:2]:
                best = (key[0], key[1], fam)
    return best[2] if best else None


_AVERAGED = ("dossiers_received", "dossiers_resolved")  # the metrics a family's averages apply to


def _average(fam: _Family, metric: str, text: str, left: tuple[int, int], right_end: int, clause_end: int,
             prev: Draft | None = None, clause_start: int = 0, folded: tuple[str, int] | None = None) -> str:
    """``folded``: the folded sentence that holds ``left`` to ``clause_end``, and its offset in the
    text: a phrase list is searched in a span only where its prefilter finds a place there."""
    avg = fam.averages
    if not avg or metric not in _AVERAGED:
        return metric
    daily, monthly, generic = (_avg_patterns(fam.name))
    daily_at, monthly_at, generic_at = _avg_prefilters(fam.name)

    def found(pat: PhraseMatcher, at: re.Pattern[str], a: int, b: int) -> bool:
        return (folded is None or _found(at, folded, a, b)) and pat.search(text, a, b) is not None

    window = (left[0], right_end)
    kind = None
    for k, pat, at in (("daily", daily, daily_at), ("monthly", monthly, monthly_at)):
        if found(pat, at, *window):
            kind = k
            break
    if kind is None and found(generic, generic_at, *left):
        for k, pat, at in (("daily", daily, daily_at), ("monthly", monthly, monthly_at)):
            if found(pat, at, left[1], clause_end):
                kind = k
                break
    if kind is None and prev is not None and prev.start >= clause_start:
        # "Bình quân mỗi ngày tiếp nhận 347 hồ sơ, giải quyết 352 hồ sơ": the average goes on
        prev_metric = prev.metric if prev.metric != "other" else f"other:{prev.label}"
        kind = next((k.split("_", 1)[0] for k, v in avg["metrics"].items() if v == prev_metric), None)
    if kind is None:
        return metric
    return avg["metrics"].get(f"{kind}_{metric}", metric)


@functools.cache
def _avg_patterns(name: str):
    fam = next(f for f in _families() if f.name == name)
    avg = fam.averages
    return PhraseMatcher(avg["daily"]), PhraseMatcher(avg["monthly"]), PhraseMatcher(avg["generic"])


@functools.cache
def _avg_prefilters(name: str):
    """The prefilters (lexicon.phrase_prefilter) of ``_avg_patterns(name)``."""
    fam = next(f for f in _families() if f.name == name)
    avg = fam.averages
    return phrase_prefilter(avg["daily"]), phrase_prefilter(avg["monthly"]), phrase_prefilter(avg["generic"])


def _levels(switches: Sequence[Switch], block_start: int, lo: int, pos: int, subject: Scope, text: str,
            starts: Sequence[int] | None = None) -> list[Scope]:
    """Scopes for a figure at ``pos``: the last switch before it, or several when distributive.

    ``starts``: the switches' starts, in order; a switch that starts after ``pos`` ends after it
    too, so only those that start by ``pos`` are looked at."""
    if starts is not None:
        switches = switches[: bisect.bisect_right(starts, pos - block_start)]
    before = [s for s in switches if s.end + block_start <= pos]
    if not before:
        return [subject]
    recent = [s for s in before if s.start + block_start >= lo]
    if len(recent) >= 2:
        tail = text[recent[-1].end + block_start : pos]
        levels = list(dict.fromkeys(s.scope.level for s in recent))
        if len(levels) >= 2 and is_distributive(tail):
            return [next(s.scope for s in reversed(recent) if s.scope.level == lv) for lv in levels]
    return [before[-1].scope]


def claims_in_sentences(
    text: str,
    sentences: Sequence[SentenceText],
    block_spans: Sequence[tuple[int, int]],
    subject: Scope,
    warnings: list[str] | None = None,
) -> list[Draft]:
    """Every claim in ``sentences`` of the normalized ``text``, in reading order.

    A sentence that trips a bug is skipped with a line in ``warnings``, never lost silently.
    """
    drafts: list[Draft] = []
    switch_cache: dict[int, tuple[list[Switch], list[int] | None, str]] = {}
    statement: list[Draft] = []  # the drafts read together: a sentence, or a run of table lines
    for sent in sentences:
        # the last claim, when it is at most _CONTEXT_SENTENCES before: "... đã giải quyết 14.510
        # hồ sơ. Tỷ lệ giải quyết trước và đúng hạn đạt 99,2%." rates dossiers without naming them
        last = drafts[-1] if drafts and sent.index - drafts[-1].sentence <= _CONTEXT_SENTENCES else None
        try:
            got = _claims_in_sentence(text, sent, block_spans, subject, switch_cache, last)
        except Exception as exc:  # noqa: BLE001 - one bad sentence must not sink the article
            got = []
            if warnings is not None:
                warnings.append(
                    f"sentence {sent.index} skipped after an internal error ({type(exc).__name__}: {exc}); "
                    "please report it with the article"
                )
        if statement and not (got and _all_cells(got) and _all_cells(statement)
                              and got[0].sentence == statement[-1].sentence + 1):
            _close_statement(statement, drafts)  # (an empty statement: nothing to close)
            statement = []
        statement.extend(got)
        drafts.extend(got)
    _close_statement(statement, drafts)
    return drafts


_CONTEXT_SENTENCES = 2


def _all_cells(drafts: list[Draft]) -> bool:
    return all("table cell" in d.notes for d in drafts)


def _close_statement(drafts: list[Draft], before: list[Draft]) -> None:
    """Conventions that need the whole statement: "đúng hạn" alone, "tiếp nhận mới" beside a total
    (in the statement, or in the two sentences before it: "tổng số hồ sơ tiếp nhận là 24.516 ...
    Kết quả cụ thể như sau: Tiếp nhận mới: 22.578 | ...")."""
    if not drafts:
        return
    _on_time_alone(drafts)
    first = drafts[0].sentence
    near = []
    for d in reversed(before):  # drafts come in reading order: look back two sentences, not at all of them
        if d.sentence < first - 2:
            break
        if d.sentence < first and d.scope.level == drafts[0].scope.level:
            near.append(d)
    near.reverse()
    _new_beside_total(drafts, near)


def _claims_in_sentence(
    text: str, sent: SentenceText, block_spans: Sequence[tuple[int, int]], subject: Scope,
    switch_cache: dict[int, tuple[list[Switch], list[int] | None, str]], before: Draft | None = None,
) -> list[Draft]:
    rules = _rules()
    local = find_quantities(text[sent.start : sent.end])
    if not local:
        return []
    b0, b1 = block_spans[sent.block]
    if sent.block not in switch_cache:
        block = text[b0:b1]
        low_block = fold(block)  # folded once: for its switches, and its sentences' prefilters
        found = switches_in(block, subject, low_block)
        starts: list[int] | None = [s.start for s in found]
        # (the switches come in order)
        switch_cache[sent.block] = (found, starts if starts == sorted(starts) else None, low_block)
    switches, starts, low_block = switch_cache[sent.block]
    qs = [q.shifted(sent.start) for q in local]
    if text.find(";", sent.start, sent.end) < 0:  # _CLAUSE_END is [;]: no ";" there, no match
        clause_marks = [sent.start, sent.end]
    else:
        clause_marks = [sent.start] + [m.end() for m in _CLAUSE_END.finditer(text, sent.start, sent.end)] + [sent.end]
    # fold keeps offsets and works character by character (but for "Σ", which no prefilter reads:
    # see lexicon.scan_folded): the sentence's part of its folded block is the folded sentence
    if b0 <= sent.start and sent.end <= b1:
        folded = (low_block[sent.start - b0 : sent.end - b0], sent.start)
    else:
        folded = (fold(text[sent.start : sent.end]), sent.start)
    # no sentence-wide goal cue that ends by the last figure begins before this place (its
    # prefilter's first place in the sentence up to that figure; _goal_before asks no more)
    last = max(q.expr_start for q in qs)
    first_goal = rules["target_sentence_at"].search(folded[0], 0, last - sent.start)
    goals_from = sent.end if first_goal is None else sent.start + first_goal.start()
    # where an index name may begin in the sentence up to its last figure: a name that ends by a
    # figure begins at one of these places (index_figure asks no more)
    names = _Once(lambda: name_places((folded[0][: last - sent.start], sent.start)))
    sent_drafts: list[Draft] = []
    prev_end = consumed = sent.start
    for i, q in enumerate(qs):
        x = q.expr_start
        if sent_drafts and x < sent_drafts[-1].end:
            continue  # read as part of the claim before it ("xếp thứ 5 trên 63 tỉnh")
        k = bisect.bisect_right(clause_marks, x)  # clause_marks is sorted, [0] <= expr_start
        c0, c1 = clause_marks[k - 1], clause_marks[k] if k < len(clause_marks) else sent.end
        nxt = qs[i + 1].expr_start if i + 1 < len(qs) else sent.end
        if prev_end > consumed:
            consumed = prev_end
        lo = c0 if c0 > consumed else consumed  # min(max(c0, consumed), x)
        left = (lo if lo < x else x, x)
        made = _classify(text, q, left, nxt if nxt < c1 else c1, c1, c0, sent, sent_drafts, rules, folded, goals_from,
                         names, before)
        if made is None:
            continue
        prev_end = q.expr_end
        if not made:
            continue
        for d in made:
            if d.end > consumed:
                consumed = d.end
        # (with no switch in the paragraph, _levels gives the subject alone)
        scopes = _levels(switches, b0, left[0], x, subject, text, starts) if switches else [subject]
        if len(scopes) == 1:
            for d in made:
                d.scope = scopes[0]
            sent_drafts.extend(made)
        else:
            sent_drafts.extend(dataclasses.replace(d, scope=sc) for d in made for sc in scopes)
    return sent_drafts


class _Once:
    """A value of the sentence made on first use, if any (``make()``: not None)."""

    __slots__ = ("make", "value")

    def __init__(self, make):
        self.make, self.value = make, None

    def __call__(self):
        if self.value is None:
            self.value = self.make()
        return self.value


def _classify(text, q: Quantity, left, right_limit, clause_end, clause_start, sent, previous, rules,
              folded, goals_from, names, before=None) -> list[Draft] | None:
    """What the figure ``q`` claims: drafts, [] for none, None for the starting value of "từ X
    xuống Y". ``folded``: the sentence folded and its offset in ``text`` (for the prefilters);
    ``goals_from``: no target_sentence cue begins before this offset; ``names()``: the places of
    the sentence where an index name may begin (indexes.name_places); ``before``: the claim
    before this sentence, if close to it, whose family a percentage that names none takes when it
    has a cue of that family ("Tỷ lệ giải quyết trước và đúng hạn đạt 99,2%")."""
    left_text = text[left[0] : left[1]]
    # a rule whose prefilter finds no place in left_text has no match there (lexicon.phrase_prefilter)
    target_at = False
    low, off = folded
    if rules["left_at"].search(low, left[0] - off, left[1] - off) is not None:  # (_found: else none of
        # from, change, reference, target is there). Not claims: a change, a comparison's
        # reference, a starting value.
        if (_found(rules["from_at"], folded, *left) and rules["from"].search(left_text)
                and rules["to"].match(text, q.expr_end, right_limit)):
            return None  # the starting value of "từ X xuống Y": Y reads its cue words across X
        if ((_found(rules["change_at"], folded, *left) and rules["change"].search(left_text))
                or (_found(rules["reference_at"], folded, *left) and rules["reference"].search(left_text))):
            return []
        target_at = _found(rules["target_at"], folded, *left)
    noun = _noun_after(text, q.expr_end, right_limit, folded)
    fam: _Family | None = None
    noun_end = q.expr_end
    noun_word = None
    if noun:
        # noun[0] first, then the other families whose noun is as long (noun[3] is [noun[0]] when alone)
        tried = [noun[0]] + [f for f in noun[3] if f is not noun[0]] if len(noun[3]) > 1 else noun[3]
        for cand in tried:
            if cand.context is None or _context_ok(cand, text, clause_start, clause_end):
                fam, noun_end, noun_word = cand, noun[1], noun[2]
                break
        if fam is None:
            # a noun of a context-bound family without its context ("trường" of "trường hợp" with
            # no Wi-Fi in sight): try the others, else read the figure as if no noun followed it
            at = _after_spaces(text, q.expr_end, right_limit)
            others = [f for f in _families() if f.context is None and f.nouns.match(text, at, right_limit)]
            fam = others[0] if others else None
    if fam is None:
        made = _index_claim(text, q, clause_start, clause_end, left_text, sent, rules, target_at, folded,
                            goals_from, names)
        if made:
            return made
        made = _table_cell(text, q, left, sent, rules)
        if made is not None:
            return made
    stop = _RIGHT_STOP_RE.search(text, noun_end, right_limit)  # (_RIGHT_STOP)
    r = stop.start() if stop else right_limit
    right = (noun_end, r if r < noun_end + _RIGHT_MAX else noun_end + _RIGHT_MAX)
    prev = previous[-1] if previous else None

    if fam is None:
        if q.unit == "count":
            # (where the prefilter of all the families' noun_before phrases finds no place, none
            # of the families' own prefilters finds one)
            for f in _families() if _found(_noun_before_any(), folded, *left) else ():
                if f.noun_before is not None and _found(f.noun_before_at, folded, *left) and f.noun_before.search(
                        left_text):
                    fam = f
                    break
            if fam is None:
                return []
        else:
            if rules["foreign"].match(text, q.expr_end, right_limit):
                return []
            if _is_share(left_text, prev, sent, rules, _found(rules["share_at"], folded, *left)):
                fam = _family_of(prev.metric)
                # "đạt tỷ lệ 100% đúng hạn", "đúng hạn đạt tỷ lệ 99,8%": a cue right after the share,
                # or between the count and the share, names the share's own metric; but words after
                # "tổng số" name the whole it is a share of ("chiếm 0,35% tổng số hồ sơ đã giải quyết")
                own = fam is not None and (
                    (not rules["denominator"].match(text, q.expr_end, right[1])
                     and _best_cue(fam, text, (q.expr_start, q.expr_start), right) is not None)
                    or _best_cue(fam, text, left, (q.expr_start, q.expr_start)) is not None
                )
                if not own:
                    return _share_of(prev, q, text, sent)
            last = prev if prev is not None else before
            fam = fam or _nearest_family_noun(text, clause_start, q.expr_start) or (
                _family_of(last.metric) if last is not None else None
            )
            if fam is None:
                return []

    cue = _best_cue(fam, text, left, right, folded)
    metric = cue.metric if cue else None
    start = min(q.expr_start, cue.start) if cue and cue.start < q.expr_start else q.expr_start
    end = max(noun_end, cue.end if cue and cue.end > q.expr_end else q.expr_end)
    if metric is None:
        if q.unit == "percent" and _is_share(left_text, prev, sent, rules, _found(rules["share_at"], folded, *left)):
            return _share_of(prev, q, text, sent)
        if q.unit == "count" and fam.default:
            metric = fam.default
        elif (
            q.unit == "count"
            and prev is not None
            and _family_of(prev.metric) is fam
            and prev.unit == "count"
            and not _PART_OF.search(left_text)
        ):
            metric = prev.metric  # an enumeration: "cấp huyện được 264 hồ sơ, cấp xã được 40 hồ sơ"
        else:
            return []
    if noun_word and fam.noun_metric:
        metric = fam.noun_metric.get(" ".join(noun_word.lower().split()), metric)
    if q.unit == "percent" and metric in fam.count_only:
        return []  # "100% thủ tục ..." with no level: a share of what?
    if fam.averages and metric in _AVERAGED:  # (else _average gives the metric back)
        metric = _average(fam, metric, text, left, right[1], clause_end, prev, clause_start, folded)
    of = fam.of.get(noun_word.lower()) if noun_word else None
    # (positional, cheaper on this path: metric, quantity, value, unit, start, end, sentence, scope,
    # label, of, total)
    base = Draft(metric, q, q.value, q.unit, start, end, sent.index, None, None, of, q.total)  # type: ignore[arg-type]
    if metric.startswith("other:"):  # a figure the vocabulary has no name for: labelled `other`
        base.metric, base.label = "other", metric.split(":", 1)[1]
        return [base]
    if (target_at and rules["target"].search(left_text)) or _goal_before(text, q, sent, rules, goals_from):
        base.label, base.metric = f"{metric}_target", "other"
        return [base]
    return [base, _target_of(base)] if q.target is not None else [base]


def _table_cell(text: str, q: Quantity, left: tuple[int, int], sent: SentenceText, rules) -> list[Draft] | None:
    """A cell of a flattened statistics table: "Trực tuyến: 17.934", "- Đã giải quyết: 14,203", or a
    row of two columns, "Đã giải quyết | 3.150" (with "|": text.normalize has made tabs spaces, so
    tab-separated columns cannot be told from prose).

    None when the figure is not in a "Label: figure" cell; [] when it is, but the label names
    nothing of ours."""
    window = text[left[0] : left[1]]
    if not window.rstrip().endswith((":", "|")):
        return None  # the pattern ends in ":" or "|", then \s*$ (str.isspace covers every \s)
    m = rules["cell"].search(window)  # a slice: "^" is where the window starts
    if m is None or len(m["label"].split()) > rules["cell_words"]:
        return None
    a, b = (left[0] + x for x in m.span("label"))
    fam = _nearest_family_noun(text, a, b) or _nearest_family_noun(text, max(0, a - rules["cell_heading"]), a)
    if fam is None:
        return []
    cue = _best_cue(fam, text, (a, b), (q.expr_end, q.expr_end))
    if cue is not None:
        metric = cue.metric
    elif fam.total and rules["cell_total"].search(text, a, b):
        metric = fam.total  # "Tổng số hồ sơ: 15.482", "Tổng cộng: 1.930"
    elif fam.nouns.search(text, a, b) and fam.default:
        metric = fam.default
    else:
        return []
    if q.unit == "percent" and metric in fam.count_only:
        return []
    d = Draft(metric=metric, quantity=q, value=q.value, unit=q.unit, start=a, end=q.expr_end,
              sentence=sent.index, scope=None, total=q.total, notes=["table cell"])  # type: ignore[arg-type]
    if metric.startswith("other:"):
        d.metric, d.label = "other", metric.split(":", 1)[1]
    return [d]


def _index_claim(text, q: Quantity, clause_start, clause_end, left_text, sent, rules, target_at=True,
                 folded=None, goals_from=0, names=None) -> list[Draft] | None:
    """A PAR Index / SIPAS score or rank, or another index's figure (labelled ``other``).

    ``target_at``: false when the target cues' prefilter finds no place in ``left_text``;
    ``folded``, ``names()``: the folded sentence and its offset, and where an index name may begin
    in it (for index_figure's prefilters); ``goals_from``: no target_sentence cue begins before
    this offset."""
    fig = index_figure(text, q, clause_start, clause_end, folded, names() if names is not None else None)
    if fig is None:
        return None
    d = Draft(
        metric=fig.metric, quantity=q, value=q.value, unit=q.unit, start=min(fig.start, q.expr_start),
        end=max(fig.end, q.expr_end), sentence=sent.index, scope=None, total=fig.total,  # type: ignore[arg-type]
    )
    if (target_at and rules["target"].search(left_text)) or _goal_before(text, q, sent, rules, goals_from):
        d.metric, d.label = "other", f"{fig.metric.removeprefix('other:')}_target"
    elif fig.metric.startswith("other:"):
        d.metric, d.label = "other", fig.metric.split(":", 1)[1]
    return [d]


def _found(prefilter: re.Pattern[str], folded: tuple[str, int], a: int, b: int) -> bool:
    """Does ``prefilter`` (lexicon.phrase_prefilter) find a place in text[a:b]? ``folded``: the
    folded sentence that holds the span, and its offset in the text."""
    low, off = folded
    return prefilter.search(low, a - off, b - off) is not None


def _goal_before(text: str, q: Quantity, sent: SentenceText, rules, goals_from: int) -> bool:
    """Does a goal cue of the whole sentence ("phấn đấu", "mục tiêu") stand before the figure?

    ``goals_from``: the first place of the sentence where such a cue that ends by the last
    figure may begin (its prefilter's, searched up to that figure); a match before the figure
    begins there or later, and before the figure."""
    return goals_from < q.expr_start and rules["target_sentence"].found_before(
        text, sent.start, q.expr_start, sent.end)


def _is_share(left_text: str, prev: Draft | None, sent: SentenceText, rules, link_at: bool = True) -> bool:
    """Is a bare percentage tied to the count before it ("(đạt 85,6%)", "chiếm 93%")?

    Not when a rate word stands before the link: "tỷ lệ đạt 98%" is a rate of something unsaid.
    ``link_at``: false when the share links' prefilter finds no place in ``left_text``.
    """
    if prev is None or prev.sentence != sent.index or not link_at:
        return False
    m = rules["share"].search(left_text)
    return bool(m) and not rules["rate"].search(left_text, 0, m.start())


def _share_of(prev: Draft, q: Quantity, text: str, sent: SentenceText) -> list[Draft]:
    """A percentage that qualifies the count before it takes that count's metric."""
    if prev.metric == "other":
        return []
    out = [Draft(
        metric=prev.metric, quantity=q, value=q.value, unit=q.unit, start=q.expr_start, end=q.expr_end,
        sentence=sent.index, scope=None, notes=["share of the count before it"],  # type: ignore[arg-type]
    )]
    if q.target is not None:
        out.append(_target_of(out[0]))
    return out


def _target_of(d: Draft) -> Draft:
    """"chiếm 11,80/80% chỉ tiêu": the 80 is the goal the 11,80 is measured against."""
    return Draft(
        metric="other", quantity=d.quantity, value=d.quantity.target, unit=d.unit, start=d.start, end=d.end,
        sentence=d.sentence, scope=None, label=f"{d.metric}_target",  # type: ignore[arg-type]
    )


def _family_of(metric: str) -> _Family | None:
    for fam in _families():
        if metric in fam.depth:
            return fam
    return None


def _on_time_alone(drafts: list[Draft]) -> None:
    """"đúng hạn" with no separate "trước hạn" figure in the statement means early-or-on-time."""
    if not any(d.metric == "dossiers_resolved_early" for d in drafts):
        for d in drafts:
            if d.metric == "dossiers_resolved_on_time":
                d.metric = "dossiers_resolved_early_or_on_time"


def _new_beside_total(drafts: list[Draft], near: Sequence[Draft] = ()) -> None:
    """"tiếp nhận mới" is the received figure, unless the statement also gives a total or a carry-over."""
    others = {d.metric for d in drafts} | {d.metric for d in near}
    beside = bool(others & {"dossiers_received", "dossiers_carried_over"})
    for d in drafts:
        if d.metric == "dossiers_received_new":
            if beside:
                d.metric, d.label = "other", "received_new"
            else:
                d.metric = "dossiers_received"
