"""The shortcuts in period.py and checks/ find exactly what the plain way finds.

period.py: the trigger scan skips words that a letter follows (the class of letters is checked
against every code point), the patterns tried at a trigger leave out the look-behind the trigger
has passed, the veto is matched at the mention instead of searched for, and
periods_in tries no pattern inside a phrase it kept. checks/: ``Article.stated`` leaves out only
metrics ``nearest`` finds nothing of. No timings: speed is measured by hand (benchmarks/).
"""

from __future__ import annotations

import bisect
import random
from functools import cache

import regex

from cchc_extract import extract
from cchc_extract import lexicon as L
from cchc_extract import period as P
from cchc_extract import segment as S
from cchc_extract.checks._data import rules
from cchc_extract.checks._scope import Article
from cchc_extract.models import Period
from cchc_extract.text import normalize

from _texts import all_chars as _all_chars, fixture_texts as _fixture_texts


def _noise(words: list[str], n: int, seed: int) -> list[str]:
    """Random texts of the words, glued to letters, digits and marks, or spaced, some upper-case."""
    rng = random.Random(seed)
    pieces = [*words, "chính", "khai", "quan", "ban", "hiện", "x", "Đ", "đ", "ǅ", "\u212a", "İ", "ſ", "²", "_",
              "٣", "Ⅻ", "ⓐ", "\u0345", "2022", "31/8/2022", "7/9", "1-2", "12", "3", ",", ".", ";", "\n", " ",
              "\u00a0", "\t", "–", "(", "so với", "Luật", "phấn đấu"]
    out = []
    for _ in range(n):
        t = "".join(rng.choice(pieces) + rng.choice(["", "", " "]) for _ in range(rng.randint(0, 40)))
        out.append(t.upper() if rng.random() < 0.2 else t)
    return out


def _words() -> list[str]:
    g = P._grammar()
    return [w for w in [*g.by_word, *g.number_words, "tháng", "đầu năm", "cuối năm", "đến nay", "ngày", "quý I"]
            if w != "<count>"]


@cache
def _texts() -> list[str]:
    return _noise(_words(), 3000, seed=21) + [normalize(x).text for x in _fixture_texts()]


# --- period.py ----------------------------------------------------------------------------------


def test_word_chars_stand_only_for_letters_and_digits_to_the_trigger():
    word_chars = set(regex.findall("[" + P._WORD_CHARS + "]", _all_chars()))
    letter_or_digit = regex.compile(r"[\p{L}\d]", regex.IGNORECASE)  # the trigger's edges
    g = P._grammar()
    for c in _all_chars():
        if L.fold(c) in word_chars:  # the scan sees fold(c)
            assert letter_or_digit.match(c), hex(ord(c))
            assert g.trigger.match("qua" + c) is None and g.trigger.match(c + "qua", 1) is None, hex(ord(c))


def test_trigger_scan_finds_every_trigger_next_to_any_character():
    g = P._grammar()
    for t in _texts():
        for lo, hi in ((0, len(t)), (1, len(t))):
            want = [(m.span(), m["count"]) for m in g.trigger.finditer(t, lo, hi)]
            assert [(m.span(), m["count"]) for m in P._triggers(g, t, lo, hi)] == want, t


def test_veto_matched_at_the_mention_is_the_veto_searched_for():
    g = P._grammar()
    for t in _texts():
        for a in range(0, len(t) + 1, 3):
            lo = max(0, a - 120)
            assert (g.veto.match(t, lo, a) is None) == (g.veto.search(t, lo, a) is None), (t, a)


def test_at_a_trigger_the_patterns_look_behind_is_passed():
    # at_word's patterns leave out the look-behind (?<![\p{L}\d]) that the trigger, matched at the
    # same place, has passed: under the trigger's flags and the patterns' it is the same test
    trigger_edge = regex.compile(r"(?<![\p{L}\d])x", regex.IGNORECASE)
    pattern_edge = regex.compile(r"(?<![\p{L}\d])x", regex.IGNORECASE | regex.VERSION1)
    for c in _all_chars():
        assert (trigger_edge.match(c + "x", 1) is None) == (pattern_edge.match(c + "x", 1) is None), hex(ord(c))
    g = P._grammar()
    assert g.trigger.pattern.startswith(r"(?<![\p{L}\d])")
    assert all(p.pattern.startswith(r"(?<![\p{L}\d])(?:") for _, p in P._edged_patterns())
    with_edge = {p.pattern for _, p in P._edged_patterns()}
    for cands in g.at_word.values():
        assert all(r"(?<![\p{L}\d])" + p.pattern in with_edge for _, p in cands)


def _plain_periods_in(text, spans, ref):
    """periods_in as it was: every candidate pattern at every trigger, sorted, then the longest
    at each place and none inside a phrase kept before it."""
    g = P._grammar()
    out = [[] for _ in spans]
    if not spans:
        return out
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    sorted_starts = [spans[i][0] for i in order]
    found = []
    for tm in g.trigger.finditer(text, lo, hi):
        k = bisect.bisect_right(sorted_starts, tm.start()) - 1
        if k < 0:
            continue
        i = order[k]
        key = "<count>" if tm["count"] else tm[0].casefold()
        cands = g.by_word.get(key, ())
        if key == "năm":
            cands = cands + g.by_word.get("<count>", ())
        for j in cands:
            kind, pattern = P._edged_patterns()[j]
            m = pattern.match(text, tm.start(), spans[i][1])
            if m:
                found.append((i, m.start(), -m.end(), kind, m))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    last, hints = {}, {}
    for i, a, neg_b, kind, m in found:
        b = -neg_b
        if a < last.get(i, -1):
            continue
        last[i] = b
        s0, s1 = spans[i]
        if ref is None and i not in hints:
            ys = P._YEAR.findall(text, s0, s1)
            hints[i] = int(ys[0]) if ys else None
        p_start, p_end = P._resolve(kind, m, ref, hints.get(i))
        if p_start and p_end and p_start > p_end:
            p_end = None
        reporting = kind in g.always or not g.veto.search(text, max(s0, a - 120), a)
        out[i].append(P.Mention(a, b, kind, Period(start=p_start, end=p_end, label=" ".join(m[0].split())),
                                reporting, kind not in g.not_carried))
    return out


def test_periods_in_is_the_plain_search():
    import datetime as dt

    for t in _texts():
        nt = normalize(t)
        spans = [(s.start, s.end) for s in S.segment(nt).sentences]
        for sp in (spans, [(0, len(nt.text))]):
            for ref in (None, dt.date(2023, 6, 30)):
                assert P.periods_in(nt.text, sp, ref=ref) == _plain_periods_in(nt.text, sp, ref), t


# --- checks -------------------------------------------------------------------------------------


def test_stated_leaves_out_only_metrics_nearest_finds_nothing_of():
    metrics = sorted({m for r in rules().sums for m in (r.total, *r.parts)})
    for t in _fixture_texts():
        r = extract(t)
        art = Article(list(r.claims), list(r.sentences))
        every = sorted({c.metric for c in r.claims} | set(metrics))
        for i in range(len(r.claims)):
            for unit in ("count", "percent"):
                stated = art.stated(i, every, unit)
                assert stated == [m for m in every if m in stated]  # in the order given
                for m in every:
                    if m not in stated:
                        assert art.nearest(i, m, unit) is None, (i, m, unit)
