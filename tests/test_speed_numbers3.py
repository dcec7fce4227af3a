"""Round 5 of numbers.py: the shortcuts find exactly what the plain way finds.

The gate before the number-word loop, the words before a figure read without their starts, the first
characters of the prefix tables and the common case of _skippable are compared here with the slow
way they replace, on the fixtures and on random text built from the lexicon's own words. No timings.
"""

from __future__ import annotations

import random

from cchc_extract import lexicon as L
from cchc_extract import numbers as N

from test_speed_numbers import _phone_texts, _texts, _windows_before_figures


def _numword_texts() -> list[str]:
    """Random runs of number words, with the letters, digits and marks that may stand around them."""
    rng = random.Random(7)
    lx = N._lex()
    w = lx["words"]
    words = [*w["start"], *w["after_ten"], *w["tens"], *w["after_zero"], *w["ten"], *w["zero"], *w["hundred"],
             *lx["scale"], "khai", "thai", "năms", "Mười", "HAI", "ſáu", "İ", "2", "(", "\n", "xã", "hồ sơ"]
    gaps = ["", " ", " ", "  ", "\u00a0", "\t", "\n", ",", "-"]
    return ["".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 8))) for _ in range(4000)]


def test_numword_gate_is_a_candidate_the_loop_looks_at():
    p = N._pats()
    for t in _texts() + _numword_texts():
        folded = L.fold(t)
        looked_at = False
        for cand in p.numword_scan.finditer(" " + folded):
            c, ce = cand.start(), cand.end() - 1
            if folded[c:ce] in p.single_ok or p.numword_next.match(folded, ce):
                looked_at = True
                break
        assert (p.numword_gate.search(folded) is not None) == looked_at, t


def test_words_of_and_start_of_are_words_before():
    for t in _texts() + _phone_texts() + _numword_texts()[:500]:
        _, lowered = N._lowercase(t)
        for pos in range(len(t) + 1):
            for low in {lowered, None}:
                want = N._words_before(t, pos, 4, low)
                words = N._words_of(t, pos, low)
                assert words == [w for w, _ in want], (t, pos)
                for k in range(-len(words), len(words)):
                    assert N._start_of(t, pos, low, words, k) == want[k][1], (t, pos, k)


def test_split_words_is_split_before_without_starts():
    for t, lowered, pos, lo in _windows_before_figures():
        got = N._split_before(lowered[lo:pos], lo)
        assert N._split_words(lowered[lo:pos]) == (None if got is None else [w for w, _ in got]), (t, pos)


def test_follows_with_first_characters_is_the_three_tables():
    h3, h2, h1, _ = N._pats().heads

    def plain(folded: str, pos: int) -> int:
        j = pos
        while folded[j:j + 1] == " ":
            j += 1
        c = folded[j:j + 1]
        if c.isspace():
            return N._ALL
        return h3.get(folded[j:j + 3], 0) | h2.get(folded[j:j + 2], 0) | h1.get(c, 0)

    for t in _texts():
        folded = L.fold(t)
        for pos in range(len(t) + 1):
            assert N._follows(folded, pos) == plain(folded, pos), (t, pos)


def test_skippable_common_case_is_the_plain_tests():
    p = N._pats()
    extra = ["1. a", " 1.\n2) b", "(12) x", "012 0123 0,5 00.1", "1² 2x 3/4 5-6 7) 8. 9%", "a 1" + "2" * 40]
    for t in _texts() + _phone_texts() + extra:
        for m in p.core.finditer(t):
            for second in (False, True):
                args = (t, m.start(), m.end(), m.group(), second)
                assert N._skippable(*args) == N._skippable_tests(*args), args


def test_blockers_with_listed_starts_match_only_there():
    p = N._pats()
    texts = _texts() + _phone_texts() + ["1/2/2022/3/4", "85/2019/NĐ-CP/5-A", "10:30:45:12", "12.5/3 1,2-AB 7/ 8 -9/",
                                         "01/1-21/10", "10/2022 và 7/9", "12-QĐ/UBND 3/CT-TTg"]
    for t in texts:
        cores = list(p.core.finditer(t))
        raws, starts = [m.group() for m in cores], [m.start() for m in cores]
        gates = p.blocker_gates(t, t.lower(), L.fold(t), raws, starts)
        for (rx, _, _, _), gate in zip(p.blockers, gates, strict=True):
            if type(gate) is list:
                assert rx in p.core_led and set(gate) <= set(starts)
                assert {m.start() for m in rx.finditer(t)} <= set(gate), (t, rx.pattern[:40])
