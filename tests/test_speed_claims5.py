"""Round 5 shortcuts of claims.py, scope.py and indexes.py find exactly what the plain ways find.

A block is folded once and its sentences read their part of it; the paragraph's three scope scans
share that fold (lexicon.scan_folded); the unit pattern's prefilter asks for the space after the
unit word (lexicon.phrase_prefilter_then); the noun after a figure is looked up by the folded
sentence's characters; the families' noun_before prefilters are tried only where their union
finds a place; the goal cues' first place is searched up to the last figure. No timings: speed
is measured by hand.
"""

from __future__ import annotations

import random
import tomllib
from functools import cache
from pathlib import Path

import regex

from cchc_extract import claims as C
from cchc_extract import indexes as IX
from cchc_extract import lexicon as L
from cchc_extract import scope as SC
from cchc_extract import segment as S
from cchc_extract.numbers import find_quantities
from cchc_extract.text import normalize

from _texts import all_chars, fixture_texts

LEXICONS = Path(L.__file__).parent / "lexicons"


@cache
def _articles() -> list[tuple[str, list[tuple[int, int]], list[tuple[int, int, int]]]]:
    """(normalized text, block spans, sentence spans with their block) of every fixture."""
    out = []
    for t in fixture_texts():
        nt = normalize(t)
        art = S.segment(nt)
        out.append((nt.text, [(b.start, b.end) for b in art.blocks], [(s.start, s.end, s.block) for s in art.sentences]))
    return out


def _noise(words: list[str], n: int, seed: int, size: tuple[int, int] = (0, 60)) -> list[str]:
    rng = random.Random(seed)
    pieces = [*words, "10.392", "85,6", "15", "9", "(", ")", ",", ".", ";", ":", "-", "/", "\n", " ", "  ",
              "\u00a0", "\x1c", "\t", "x", "A", "Phụng", "Hiệp", "Cần", "Thơ", "İ", "ſ", "Σ", "ς", "_", "²"]
    out = []
    for _ in range(n):
        t = "".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(*size)))
        out.append(t.upper() if rng.random() < 0.2 else t)
    return out


def _strings(x) -> list[str]:
    if isinstance(x, str):
        return [x]
    if isinstance(x, dict):
        return [s for k, v in x.items() for s in (k, *_strings(v))]
    if isinstance(x, list):
        return [s for v in x for s in _strings(v)]
    return []


def test_fold_works_character_by_character_but_for_sigma_which_no_lexicon_holds():
    chars = all_chars()
    folded = L.fold(chars)
    for i in range(0, len(chars), 1):
        if chars[i] != "\u03a3":
            assert folded[i] == L.fold(chars[i]), hex(ord(chars[i]))
    rng = random.Random(3)
    texts = [t for a in _articles()[:40] for t in (a[0],)] + _noise(["ΑΣ", "Σ", "ΣΑ", "xã"], 300, 4)
    for t in texts:
        whole = L.fold(t)
        for _ in range(20):
            a = rng.randint(0, len(t))
            b = rng.randint(a, len(t))
            part = L.fold(t[a:b])
            assert [c for c, d in zip(whole[a:b], part) if c != d] == [] or "\u03a3" in t[a:b]
            assert whole[a:b].replace("ς", "σ") == part.replace("ς", "σ")
    for path in LEXICONS.rglob("*.toml"):
        for s in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            assert not {"σ", "ς", "\u03a3"} & set(L.fold(s)), (path, s)


def test_scan_folded_is_finditer_with_a_fold_of_the_text_or_of_a_longer_text():
    t = SC._tables()
    words = [w for u in t.unit_level for w in u.split()] + [w for p in t.switch.phrases for w in p.split()]
    words += [*SC.load("scope")["counted_after"], "các", "những", "TP.", "Tp.", "sở", "xở"]
    cases = [(t.switch.pattern, t.switch._scan, t.switch._after), (t.counted, t.counted_scan, None),
             (t.unit, t.unit_scan, str.isalpha)]
    texts = _noise(words, 300, 5) + _noise(words, 30, 6, (200, 500)) + [a[0] for a in _articles()[:30]]
    for text in texts:
        outer = "Σx " + text + " ΣΑ"
        low_outer = L.fold(outer)
        for pattern, scan, after in cases:
            want = [(m.span(), m.group()) for m in pattern.finditer(text)]
            for low in (L.fold(text), low_outer[3 : 3 + len(text)]):
                got = [(m.span(), m.group()) for m in L.scan_folded(pattern, scan, text, low, after=after)]
                assert got == want, (pattern.pattern[:40], text)
            n = len(text)
            for a, b in ((2, n), (0, max(0, n - 4)), (n // 3, n // 2 + 30)):
                if a <= b:
                    want = [(m.span(), m.group()) for m in pattern.finditer(text, a, b)]
                    got = [(m.span(), m.group()) for m in L.scan_folded(pattern, scan, text, L.fold(text), a, b,
                                                                         after=after)]
                    assert got == want


def test_unit_prefilter_finds_every_unit_match_and_its_space():
    t = SC._tables()
    words = [w for u in t.unit_level for w in u.split()] + ["TP.", "Tp.", "tp.", "TP", "9", "Cần", "Thơ", "x"]
    for text in _noise(words, 1500, 8, (0, 30)):
        low = L.fold(text)
        for m in t.unit.finditer(text, overlapped=True):
            assert t.unit_scan.match(low, m.start(), m.end()), (text, m)


def test_phrase_prefilter_then_finds_every_phrase_followed_by_then():
    rng = random.Random(9)
    vocab = ["a", "ab", "abc", "b", "xã", "thị xã", "thị", "tp", "tp.", "đặc khu", "Sở", "İa"]
    for k in range(200):
        phrases = rng.sample(vocab, rng.randint(1, 5))
        at = L.phrase_prefilter_then(phrases, r"\s")
        pattern = regex.compile("(?:" + L.phrase_pattern(phrases).pattern + r")\s", regex.IGNORECASE)
        for text in _noise([*phrases, *(p.upper() for p in phrases)], 20, 100 + k, (0, 12)):
            low = L.fold(text)
            for m in pattern.finditer(text, overlapped=True):
                assert at.match(low, m.start(), m.end()), (phrases, text, m)


def test_switches_in_with_the_block_fold_is_switches_in():
    subjects = [SC.UNKNOWN, SC.Scope("agency", "Sở Tư pháp", "x"), SC.Scope("district", "huyện X", "x")]
    for text, blocks, _ in _articles():
        low = L.fold(text)
        for b0, b1 in blocks:
            block = text[b0:b1]
            for subject in subjects:
                want = SC.switches_in(block, subject)
                assert SC.switches_in(block, subject, low[b0:b1]) == want
                assert SC.switches_in(block, subject, L.fold(block)) == want


def _figures():
    for text, _, sentences in _articles():
        low = L.fold(text)
        for a, b, _ in sentences:
            for q in find_quantities(text[a:b]):
                yield text, low, a, b, q.shifted(a)


def test_index_figure_with_the_block_fold_is_the_full_scan():
    for text, low, a, b, q in _figures():
        marks = [a] + [i + 1 for i in range(a, b) if text[i] == ";"] + [b]
        for c0, c1 in zip(marks, marks[1:]):
            if c0 <= q.expr_start < c1:
                break
        want = IX.index_figure(text, q, c0, c1)
        for folded in ((low[a:b], a), (L.fold(text[a:b]), a)):
            assert IX.index_figure(text, q, c0, c1, folded, IX.name_places(folded)) == want
            # the places up to the sentence's last figure (any at or after this one)
            for last in (q.expr_start, q.expr_end, b):
                places = IX.name_places((folded[0][: last - a], a))
                assert IX.index_figure(text, q, c0, c1, folded, places) == want


def test_noun_after_is_every_family_tried():
    def plain(text, pos, end):
        m0 = C._SPACES.match(text, pos, end)
        at = m0.end() if m0 else pos
        hits = [(m.end(), f, C._noun_of(f, m.group())) for f in C._families()
                if (m := f.nouns.pattern.match(text, at, end))]
        if not hits:
            return None
        longest = max(h[0] for h in hits)
        best = [h for h in hits if h[0] == longest]
        return best[0][1], longest, best[0][2], [h[1] for h in best]

    nouns = [w for f in C._families() for p in f.nouns.phrases for w in (p, p.upper())]
    texts = [(text, low, a, b, q.expr_end) for text, low, a, b, q in _figures()]
    for t in _noise(nouns, 400, 12):
        low = L.fold(t)
        texts += [(t, low, 0, len(t), p) for p in range(0, len(t) + 1, 3)]
    for text, low, a, b, pos in texts:
        for end in (b, min(b, pos + 4), pos):
            assert C._noun_after(text, pos, end, (low[a:b], a)) == plain(text, pos, end), (text[pos:end],)


def test_the_noun_before_union_finds_a_place_wherever_a_family_prefilter_does():
    fams = [f for f in C._families() if f.noun_before is not None]
    words = [w for f in fams for p in f.noun_before.phrases for w in (*p.split(), p, p.upper())]
    for t in _noise(words, 1500, 13, (0, 20)):
        low = L.fold(t)
        n = len(t)
        for a, b in ((0, n), (1, n), (0, max(0, n - 2)), (n // 2, n)):
            if a <= b and C._noun_before_any().search(low, a, b) is None:
                assert all(f.noun_before_at.search(low, a, b) is None for f in fams), t


def test_goal_cues_before_a_figure_read_from_the_bounded_first_place():
    rules = C._rules()
    words = [w for p in L.load("claims")["target_sentence_cues"] for w in (*p.split(), p, p.upper())]
    texts = [t for text, _, sents in _articles() for t in (text[a:b] for a, b, _ in sents)]
    texts += _noise(words, 600, 14, (0, 30))
    for t in texts:
        low = L.fold(t)
        first = rules["target_sentence_at"].search(low)
        for x in range(0, len(t) + 1, 2):
            want = rules["target_sentence"].pattern.search(t, 0, x) is not None
            for last in (x, len(t)):
                bounded = rules["target_sentence_at"].search(low, 0, last)
                goals_from = len(t) if bounded is None else bounded.start()
                sent = C.SentenceText(0, 0, len(t), 0)
                q = type("Q", (), {"expr_start": x})()
                assert C._goal_before(t, q, sent, rules, goals_from) == want, (t, x)
            assert (first is not None and first.start() < x) or not want


def test_regex_white_space_is_str_isspace_below_u3001_and_right_stop_re_is_right_stop():
    chars = all_chars()
    spaces = [c for c in chars if regex.fullmatch(r"\s", c)]
    assert all(c.isspace() and c <= "\u3000" for c in spaces)
    assert "".join(spaces) == C._REGEX_SPACES
    rng = random.Random(15)
    pieces = [*chars[::4093], *C._REGEX_SPACES, "\x1c", "\x1d", "\x1e", "\x1f", ".", ".", "-", "–", "—", ",", ";",
              "(", ")", "[", "]", ":", "\n", "\r\n", "a", "hồ sơ", "10.392", " - ", ". ", ".\n", "İ", "ſ"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(4000)]
    texts += [t for text, _, sents in _articles()[:60] for t in (text[a:b] for a, b, _ in sents)]
    for t in texts:
        n = len(t)
        for a in range(0, n + 1, max(1, n // 12)):
            for b in (n, max(a, n - 1), min(n, a + 3), a):
                want = C._RIGHT_STOP.search(t, a, b)
                got = C._RIGHT_STOP_RE.search(t, a, b)
                assert (want and want.span()) == (got and got.span()), (t, a, b)
