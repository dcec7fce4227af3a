"""Index figures: PAR Index and SIPAS scores and ranks (and other indexes' figures, labelled).

"Chỉ số CCHC (PAR Index) năm 2022 đạt 87,75 điểm, xếp thứ 12/63" gives ``par_index_score`` 87.75
and ``par_index_rank`` 12 of 63. Which index comes from the nearest index name before the figure in
its clause; rank or score from the words right before it (``lexicons/metrics/indexes.toml``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .lexicon import PhraseMatcher, load, phrase_prefilter, phrase_source
from .numbers import Quantity, parse_number

__all__ = ["IndexFigure", "index_figure"]


@dataclass(frozen=True, slots=True)
class IndexFigure:
    """What an index figure is: its metric (``other:<label>`` for labelled ones), where its
    evidence starts and ends, and the total a rank names in words ("thứ 12 trên 63 tỉnh")."""

    metric: str
    start: int
    end: int
    total: float | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    names: PhraseMatcher
    names_at: re.Pattern[str]  # where a name may begin, in folded text (lexicon.phrase_prefilter)
    owner: tuple[dict, ...]
    rank: regex.Pattern[str]
    rank_at: re.Pattern[str]  # where a rank cue may begin, in folded text
    score_link: regex.Pattern[str]
    score_noun: regex.Pattern[str]
    component: PhraseMatcher
    rank_total: regex.Pattern[str]
    about: regex.Pattern[str]


@functools.cache
def _lexicon() -> _Lexicon:
    lex = load("metrics/indexes")
    names: list[str] = []
    owner: list[dict] = []
    for spec in lex["indexes"].values():
        for n in spec["names"]:
            names.append(n)
            owner.append(spec)
    return _Lexicon(
        names=PhraseMatcher(names),
        names_at=phrase_prefilter(names),
        owner=tuple(owner),
        rank=regex.compile("(?:" + phrase_source(lex["rank_cues"]) + r")\s*$", regex.IGNORECASE),
        rank_at=phrase_prefilter(lex["rank_cues"]),
        score_link=regex.compile("(?:" + phrase_source(lex["score_links"]) + r")\s*$", regex.IGNORECASE),
        score_noun=regex.compile(r"\s*(?:" + phrase_source(lex["score_nouns"]) + ")", regex.IGNORECASE),
        component=PhraseMatcher(lex["component_words"]),
        about=regex.compile(
            r"\s*(?:\S+\s+){0,4}?(?:" + phrase_source(lex["rank_about"]) + r")\s*", regex.IGNORECASE
        ),
        rank_total=regex.compile(
            r"\s*(?:" + phrase_source(lex["rank_total_links"]) + r")\s*(\d{1,3})(?![\d.,/])",
            regex.IGNORECASE,
        ),
    )


def index_figure(text: str, q: Quantity, clause_start: int, clause_end: int,
                 folded: tuple[str, int] | None = None, name_places: Sequence[int] | None = None,
                 ) -> IndexFigure | None:
    """The index figure ``q`` is, or None when no index name stands before it in its clause.

    ``folded``: the folded text of a span that holds the clause (``lexicon.fold``, which keeps
    offsets), and the span's start in ``text``; ``name_places``: the places of that span where an
    index name may begin (``name_places(folded)``). Where these prefilters find no place, the
    patterns they guard are not searched."""
    lex = _lexicon()
    if name_places is not None:
        i = bisect.bisect_left(name_places, clause_start)
        if i == len(name_places) or name_places[i] >= q.expr_start:
            # no name begins in the clause before the figure, so none ends by it: i < 0 below
            return _rank_named_after(text, q, clause_start, clause_end, folded)
    names = _spans(lex.names, text, clause_start, clause_end)
    i = bisect.bisect_right(names.ends, q.expr_start) - 1
    if i < 0:
        return _rank_named_after(text, q, clause_start, clause_end, folded)
    last_start, last_end, last_text = names.items[i]
    spec = lex.owner[lex.names.index_of(last_text)]
    window = max(last_end, q.expr_start - _CUE_WINDOW)  # the cues stand right before the figure
    rank = lex.rank.search(text, window, q.expr_start)
    if rank and q.unit == "count":
        total = q.total
        end = q.expr_end
        if total is None:
            t = lex.rank_total.match(text, q.expr_end, clause_end)
            if t:
                total, end = parse_number(t.group(1)), t.end()
        return IndexFigure(spec["rank"], rank.start(), end, total)
    noun = lex.score_noun.match(text, q.expr_end, clause_end)
    linked = lex.score_link.search(text, window, q.expr_start)
    if not (q.unit == "percent" or noun or linked):
        return None
    components = _spans(lex.component, text, clause_start, clause_end)
    metric = spec["component"] if components.ends and components.ends[0] <= q.expr_start else spec["score"]
    if q.expr_start - last_start <= _NEAR:
        start = last_start
    else:  # a long name far before: the evidence starts at "đạt"
        start = linked.start() if linked else q.expr_start
    return IndexFigure(metric, start, noun.end() if noun else q.expr_end, q.total)


def name_places(folded: tuple[str, int]) -> list[int]:
    """The places of a span of text where an index name may begin, in order: every place where
    the names' prefilter (``lexicon.phrase_prefilter``, one character wide) finds one in the folded
    span (``folded``: the span folded and its start in the text). A name that matches in the span
    begins at one of these places."""
    low, off = folded
    return [off + m.start() for m in _lexicon().names_at.finditer(low)]


# Rank and score cues ("xếp thứ", "đạt") are looked for in this many characters before the figure:
# a fixed window keeps a clause with thousands of figures linear.
_CUE_WINDOW = 120


@dataclass(frozen=True, slots=True)
class _Spans:
    items: tuple[tuple[int, int, str], ...]
    ends: tuple[int, ...]


@functools.lru_cache(maxsize=8)
def _spans(pattern: PhraseMatcher, text: str, start: int, end: int) -> _Spans:
    """Every match of ``pattern`` in one clause, found once per clause (not once per figure: a
    clause with n figures would cost n scans of the clause)."""
    items = tuple((m.start(), m.end(), m.group(0)) for m in pattern.finditer(text, start, end))
    return _Spans(items, tuple(e for _, e, _ in items))


_NEAR = 60


def _rank_named_after(text: str, q: Quantity, clause_start: int, clause_end: int,
                      folded: tuple[str, int] | None = None) -> IndexFigure | None:
    """"Gia Lai xếp thứ 9/34 về Chỉ số cải cách hành chính": a rank whose index is named after it."""
    lex = _lexicon()
    a = max(clause_start, q.expr_start - 40)
    if folded is not None and lex.rank_at.search(folded[0], a - folded[1], q.expr_start - folded[1]) is None:
        return None  # no rank cue begins in the span: lex.rank.search finds none there
    rank = lex.rank.search(text, a, q.expr_start)
    if rank is None or q.unit != "count":
        return None
    after = lex.names.search(text, q.expr_end, min(clause_end, q.expr_end + _AFTER))
    if after is None or not lex.about.match(text, q.expr_end, after.start()):
        return None
    spec = lex.owner[lex.names.which(after)]
    return IndexFigure(spec["rank"], rank.start(), q.expr_end, q.total)


_AFTER = 60
