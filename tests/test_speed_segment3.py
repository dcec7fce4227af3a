"""The shortcuts of round 5 in period.py and segment.py find exactly what the plain way finds.

period.py: at a trigger word that is also a number word ("năm"), the "<count>" patterns are not
tried: the trigger's count branch already says where they could match. segment.py: a block's line
is split by _block_spans, which knows it stripped, as _split_line splits it. No timings.
"""

from __future__ import annotations

import random
from functools import cache

import regex

from cchc_extract import period as P
from cchc_extract import segment as S
from cchc_extract.text import normalize

from _texts import all_chars as _all_chars, fixture_texts as _fixture_texts


def _count_patterns() -> list[regex.Pattern[str]]:
    g = P._grammar()
    return [g.patterns[j][1] for j in g.by_word["<count>"]]


def test_count_words_read_alike_under_the_trigger_flags_and_the_patterns():
    # The trigger (IGNORECASE, simple case folding) and the patterns (IGNORECASE|VERSION1, full case
    # folding) read each letter of the number words, "nửa" and "tháng", and \s, as the same set of
    # code points; and no code point stands for two letters under full case folding. Then where
    # the trigger's count branch, number word (?=\s+tháng), fails at a word, so does every
    # "<count>" pattern (a number word, \s+ and "tháng"; or "nửa", which differs from it).
    g = P._grammar()
    words = [*g.number_words, "nửa", "tháng"]
    chars = _all_chars()
    v0, v1 = regex.IGNORECASE | regex.V0, regex.IGNORECASE | regex.V1
    letters = sorted(set("".join(words).replace(" ", "")), key=ord)
    any_letter = "[" + "".join(map(regex.escape, letters)) + "]"
    found = set(regex.findall(any_letter, chars, v0))
    assert found == set(regex.findall(any_letter, chars, v1))
    for c in found:  # each of them stands for the same letters under both
        for letter in letters:
            lit = regex.escape(letter)
            assert (regex.fullmatch(lit, c, v0) is None) == (regex.fullmatch(lit, c, v1) is None), (c, letter)
    assert set(regex.findall(r"\s", chars, v0)) == set(regex.findall(r"\s", chars, v1))
    pairs = {regex.escape(w[k : k + 2]) for w in words for k in range(len(w) - 1)}
    assert regex.search("|".join(sorted(pairs)), "\0".join(chars), v1) is None  # apart, no two make a pair
    # every "<count>" pattern begins with a number word or with "nửa", then \s+ and "tháng"
    for p in _count_patterns():
        assert regex.match(r"\(\?:\(\?P<n>(?:\\d\{1,2\}\||nửa\))", p.pattern), p.pattern
    for w in set(g.by_word) & set(g.number_words):
        assert g.trigger.match(w + " tháng")["count"] == w  # the count branch comes first


def test_count_patterns_never_match_where_the_trigger_reads_a_plain_word():
    g = P._grammar()
    rng = random.Random(3)
    pieces = [*g.number_words, "năm", "NĂM", "Năm", "tháng", "THÁNG", "thÁng", "nửa", "đầu", "cuối", "2022",
              "1", " ", "  ", "\u00a0", "\n", "\t", "\u2028", "ǅ", "\u212a", "İ", "ſ", "ﬅ", ",", "."]
    texts = ["".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 30)))
             for _ in range(4000)]
    texts += [normalize(x).text for x in _fixture_texts()]
    counts = _count_patterns()
    for t in texts:
        for tm in g.trigger.finditer(t):
            if tm["count"] is None and tm[0].casefold() in g.number_words:
                for end in (len(t), tm.end() + 8):
                    assert all(p.match(t, tm.start(), end) is None for p in counts), t


@cache
def _block_lines() -> list[str]:
    """Stripped lines of the fixtures and of sentence ends, list numbers, '…', odd white space."""
    lines = [ln.strip() for t in _fixture_texts() for ln in normalize(t).text.split("\n") if ln.strip()]
    rng = random.Random(11)
    pieces = ["Một câu", "hai", "TP.", "Th.", "v.v.", "gov.vn", "10.392", "./.", "…", "...", ".", "!", "?", ";", ":",
              "1.", "2)", "a)", "IV.", "(", ")", "\"", "”", "»", "Ông", "A.", "-", "/", "x" * 130, "\x1c", "\u00a0",
              "\t", "  ", " ", " ", " "]
    for _ in range(6000):
        t = "".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(1, 20))).strip()
        if t:
            lines.append(t)
    return lines


def test_block_spans_are_split_line():
    lex = S._lexicon()
    for body in _block_lines():
        text = "x\n" + body + "\ny"
        a, b = 2, 2 + len(body)
        assert S._block_spans(text, a, b, body, lex) == S._split_line(text, a, b, lex), repr(body)


def test_rule_sets_try_only_the_lengths_of_known_beginnings():
    lex = S._lexicon()
    for rs in (lex.furniture, lex.datelines, lex.bylines):
        pre = rs.prefilter
        assert pre is not None
        assert set(pre.begin_sizes) == {len(b) for b in pre.anchored_by_begin}
        assert list(pre.begin_sizes) == sorted(pre.begin_sizes, reverse=True)
        assert max(pre.begin_sizes) <= S._START_LEN


def test_lines_count_words_as_split_does():
    lex = S._lexicon()
    cap = lex.word_cap
    assert all(v < cap for k, v in lex.limits.items() if k.endswith("_words"))  # short_line_words too
    lines = _block_lines()
    texts = [normalize(t).text for t in _fixture_texts()] + ["\n".join(lines[k : k + 9]) for k in range(0, len(lines), 9)]
    texts += [" ".join(["từ"] * n) + tail for n in (cap - 1, cap, cap + 1, cap + 5) for tail in ("", "  x", "\tx", "\x1c x")]
    for text in texts:
        spans, lines, words, plain = S._lines(text, cap)
        assert lines == [ln.strip() for ln in text.split("\n") if ln.strip()]
        assert [text[a:b] for a, b in spans] == lines
        for line, w, p in zip(lines, words, plain):
            assert w == len(line.split(None, cap)), repr(line)
            if p:
                assert "  " not in line and line.isprintable() and w == min(line.count(" ") + 1, cap + 1), repr(line)
