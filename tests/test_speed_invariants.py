"""The shortcuts that make extract fast find exactly what the plain patterns find.

Each fast path (a folded-text scan for candidates, a cached first match, a reverse search, a
character test before a regex, a bisect instead of a loop) is compared here with the slow way it
replaces, on the fixtures and on random text built from the lexicons' own words; the Unicode facts
the shortcuts rest on are checked against every code point. No timings: speed is measured by hand
(benchmarks/).
"""

from __future__ import annotations

import random
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import regex

from cchc_extract import extract
from cchc_extract import claims as C
from cchc_extract import indexes as IX
from cchc_extract import lexicon as L
from cchc_extract import numbers as N
from cchc_extract import period as P
from cchc_extract import scope as SC
from cchc_extract import segment as S
from cchc_extract.checks._scope import Article
from cchc_extract.models import Report
from cchc_extract.text import normalize

from _texts import all_chars as _all_chars, fixture_texts as _fixture_texts

LEXICONS = Path(L.__file__).parent / "lexicons"


@cache
def _sentences() -> list[str]:
    out = []
    for t in _fixture_texts():
        nt = normalize(t)
        art = S.segment(nt)
        out += [nt.text[s.start : s.end] for s in art.sentences]
    return out


def _noise(words: list[str], n: int, seed: int, *, long: bool = False) -> list[str]:
    """Random texts of lexicon words, figures, spaces and odd characters, some upper-case."""
    rng = random.Random(seed)
    pieces = [*words, "10.392", "1,2", "85,6", "2022", "31/8/2022", "104/128", "7/9", "%", "(", ")", ",",
              ".", ";", ":", "-", "–", "/", "\n", " ", "  ", "\u00a0", "\x1c", "\t", "x", "A", "1", "²", "İ",
              "ſ", "Ⅻ"]
    out = []
    for _ in range(n):
        size = rng.randint(200, 600) if long else rng.randint(0, 30)
        t = "".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(size))
        out.append(t.upper() if rng.random() < 0.2 else t)
    return out


# --- the Unicode facts -------------------------------------------------------------------------


def test_fold_keeps_length_and_holds_every_case_insensitive_match_of_lexicon_letters():
    chars = _all_chars()
    assert len(L.fold(chars)) == len(chars)
    letters = set()
    for p in LEXICONS.rglob("*.toml"):
        letters |= set(normalize(p.read_text(encoding="utf-8").lower()).text)
    letters |= {unicodedata.normalize("NFC", c) for c in list(letters)}
    for letter in sorted(c for c in letters if len(c) == 1):
        for m in regex.finditer(regex.escape(letter), chars, regex.IGNORECASE):
            assert L.fold(m.group()) == letter, (hex(ord(m.group())), letter)


def test_python_character_tests_never_exceed_the_regex_classes():
    chars = _all_chars()
    letters_numbers = set(regex.findall(r"[\p{L}\p{N}]", chars))
    letters = set(regex.findall(r"\p{L}", chars))
    spaces = set(regex.findall(r"\s", chars))
    assert all(c in letters_numbers for c in chars if c.isalnum())  # scan_matches(after=str.isalnum)
    assert all(c in letters for c in chars if c.isalpha())  # (?<!\p{L}) tested with str.isalpha
    assert spaces <= {c for c in chars if c.isspace()}  # rstrip()/split() see every regex \s
    assert max(c for c in chars if c.isspace()) < "\u3001"  # numbers._GAP looks no further


# --- PhraseMatcher and scan_matches ------------------------------------------------------------


def _matchers() -> list[L.PhraseMatcher]:
    out = []
    for fam in C._families():
        out += [fam.nouns, fam.cues] + [m for m in (fam.noun_before, fam.context) if m is not None]
    rules = C._rules()
    out += [rules[k] for k in ("target", "reference", "target_sentence", "cell_total", "rate")]
    out += [SC._tables().switch, IX._lexicon().names, IX._lexicon().component]
    return out


@pytest.mark.parametrize("k", range(len(_matchers())))
def test_scan_matches_finds_what_the_pattern_finds(k):
    m = _matchers()[k]
    words = [w for p in m.phrases for w in p.split()]
    texts = _noise(words, 300, seed=k) + _noise(words, 12, seed=100 + k, long=True)
    texts += [normalize(t).text for t in _fixture_texts()[:6]]
    for t in texts:
        n = len(t)
        for pos, end in ((0, n), (3, n), (0, max(0, n - 5)), (n // 3, n // 2 + 60)):
            if end < pos:
                continue
            for overlapped in (False, True):
                want = [(x.span(), x.group()) for x in m.pattern.finditer(t, pos, end, overlapped=overlapped)]
                got = [(x.span(), x.group()) for x in L.scan_matches(m.pattern, m._scan, t, pos, end,
                                                                      overlapped=overlapped, after=m._after)]
                assert got == want, (m.phrases[:3], t, pos, end, overlapped)
            first = m.pattern.search(t, pos, end)
            assert (None if first is None else first.span()) == (
                None if (s := m.search(t, pos, end)) is None else s.span())
        for start in (0, 2):
            for x in range(0, n + 1, max(1, n // 40)):
                assert m.found_before(t, start, x, n) == (m.pattern.search(t, start, x) is not None), (t, start, x)
        for at in range(0, n + 1, max(1, n // 40)):
            if m.pattern.match(t, at) is not None:
                assert m.may_match(t, at)


def test_unit_scan_finds_what_the_unit_pattern_finds():
    t = SC._tables()
    words = [w for u in t.unit_level for w in u.split()]
    words += ["Phụng", "Hiệp", "9", "TP.", "Cần", "Thơ", "tại", "UBND"]
    for text in _noise(words, 200, seed=7, long=True):
        want = [x.span() for x in t.unit.finditer(text)]
        got = [x.span() for x in L.scan_matches(t.unit, t.unit_scan, text, 0, len(text), after=str.isalpha)]
        assert got == want, text


def test_counted_scan_finds_what_the_counted_pattern_finds():
    t = SC._tables()
    words = [*SC.load("scope")["counted_after"], "các", "những", "15", "xã", "phường", "thị trấn", "huyện",
             "thị xã", "sở", "nhà", "TẠI", "Ở", "xở", "đối", "với"]
    words = [w for p in words for w in p.split()]
    for text in _noise(words, 300, seed=11) + _noise(words, 40, seed=12, long=True):
        want = [x.span() for x in t.counted.finditer(text)]
        assert [x.span() for x in L.scanned(t.counted, t.counted_scan, text)] == want, text
        got = [x.span() for x in L.scan_matches(t.counted, t.counted_scan, text, 0, len(text))]
        assert got == want, text


# --- numbers -------------------------------------------------------------------------------------


def _number_words() -> list[str]:
    lx = N._lex()
    w = lx["words"]
    out = [*w["start"], *w["after_ten"], *w["tens"], *w["after_zero"], *w["ten"], *w["zero"], *w["hundred"]]
    out += [*lx["scale"], *lx["nouns"]["count"][:40], *lx["nouns"]["count_not"], *lx["names"]["before"][:30]]
    out += [*lx["dates"]["before"], *lx["dates"]["period_after"], *lx["phones"]["before"], "phần trăm"]
    out += [x for v in lx["qualifiers"].values() if isinstance(v, list) for x in v]
    out += ["0912 345 678", "1900 1234", "a@b.vn", "www.x.gov.vn", "10:30", "2016 - 2020", "85/2019/NĐ-CP",
            "11,80/80", "10-20", "1.234,5", "từ", "đến", "tới", "HAI", "Năm", "ſáu", "000", "12", "123"]
    return out


@cache
def _number_texts() -> list[str]:
    return _sentences() + _noise(_number_words(), 2500, seed=3)


def test_words_before_is_the_forward_walk():
    for t in _number_texts()[:1500]:
        for pos in range(0, len(t) + 1, 3):
            for n in (1, 3, 4):
                assert N._words_before(t, pos, n) == N._words_before_slow(t, pos, n), (t, pos, n)


def test_find_quantities_without_the_prefilters_is_the_same(monkeypatch):
    p = N._pats()
    fast = [[repr(q) for q in N.find_quantities(t)] for t in _number_texts()]

    def word_quantities_plain(text, folded=None):  # the loop before the folded-text scan: every run word_run finds
        out = []
        for run in p.word_run.finditer(text):
            toks = [(x.group().lower(), x.start(), x.end()) for x in p.word.finditer(text, *run.span())]
            if len(toks) > p.max_run:
                continue
            i = 0
            while i < len(toks):
                got, j = None, i
                for k in range(len(toks), i, -1):
                    if (got := N._words_value([x[0] for x in toks[i:k]])) is not None:
                        j = k
                        break
                seg, i = toks[i:j], max(j, i + 1)
                if got is None:
                    continue
                s, e = seg[0][1], seg[-1][2]
                ctx, words = N._context(text, e), N._words_before(text, s)
                if len(seg) == 1 and not (seg[0][0] in p.single_ok and ctx.noun and not ctx.percent):
                    continue
                if not ctx.percent and (N._is_name(words) or N._is_date_part(words, got[0])):
                    continue
                q, qs = N._qualifier(words, s)
                unit = "percent" if ctx.percent else "count"
                out.append(N._quantity(text, s, e, got[0], got[1], unit, q, qs, ctx.end, kind="words"))
        return out

    monkeypatch.setattr(N._Lead, "may", lambda self, c: True)  # every lookahead pattern runs
    monkeypatch.setattr(p, "blockers", [(rx, g, n, None) for rx, g, n, _ in p.blockers])  # every blocker runs
    monkeypatch.setattr(N, "_word_quantities", word_quantities_plain)
    slow = [[repr(q) for q in N.find_quantities(t)] for t in _number_texts()]
    assert fast == slow


# --- periods ---------------------------------------------------------------------------------------


def test_triggers_are_the_trigger_scan():
    g = P._grammar()
    words = [*g.by_word, *g.number_words, "tháng", "THÁNG", "12", "3", "312", "ngày", "2022", "mộtháng",
             "٣", "\U00016d74", "𝟙2"]  # decimal digits of other scripts, some newer than this Python
    for t in _noise([w for w in words if w != "<count>"], 3000, seed=5) + [normalize(x).text for x in _fixture_texts()]:
        for lo, hi in ((0, len(t)), (1, len(t)), (0, max(0, len(t) - 3))):
            want = [(m.span(), m["count"]) for m in g.trigger.finditer(t, lo, hi)]
            assert [(m.span(), m["count"]) for m in P._triggers(g, t, lo, hi)] == want, (t, lo, hi)


def test_reverse_searches_find_the_same_as_forward():
    g = P._grammar()
    veto_fwd = regex.compile(g.veto.pattern, g.veto.flags & ~regex.REVERSE)
    prose_fwd = regex.compile(S._PROSE_END.pattern, S._PROSE_END.flags & ~regex.REVERSE)
    words = regex.findall(r"\p{L}+", g.veto.pattern) + ["Luật", "năm 2022", ".", "./.", "…", "”", ")", "1"]
    for t in _noise(words, 3000, seed=9) + _sentences():
        for a in (0, len(t) // 2):
            assert (g.veto.search(t, a, len(t)) is None) == (veto_fwd.search(t, a, len(t)) is None), t
        assert (S._PROSE_END.search(t) is None) == (prose_fwd.search(t) is None), t


# --- segment ---------------------------------------------------------------------------------------


def test_rule_sets_pick_the_first_rule_a_plain_search_picks():
    lex = S._lexicon()
    lines = [ln.strip() for t in _fixture_texts() for ln in normalize(t).text.split("\n") if ln.strip()]
    data = L.load("furniture")
    entries = [*data["furniture"], *data["dateline"], *data["byline"]]
    words = [w for e in entries for w in regex.findall(r"\p{L}+", e["pattern"])]
    lines += _noise(words + ["©", ">", "»", "|", "2023", "10:30", "05/10/2021", "(", "Ảnh:"], 3000, seed=11)
    for rs in (lex.furniture, lex.datelines, lex.bylines):
        for line in lines:
            want = next((r for r in rs.rules if r.pattern.search(line)), None)
            assert rs.first(line) is want, line


def test_trailing_marker_search_from_the_end_is_the_whole_search():
    for t in _noise(["1.", "12.", "a)", "IV.", "x", "hồ sơ", ";", ":", "!", "…"], 3000, seed=13) + _sentences():
        piece = t.rstrip()
        whole = S._TRAILING_MARKER.search(piece)
        tail = S._TRAILING_MARKER.search(piece, max(0, len(piece) - 6))
        assert (None if whole is None else whole.span()) == (None if tail is None else tail.span()), piece


def test_capped_word_counts_classify_lines_alike(monkeypatch):
    texts = [normalize(t) for t in _fixture_texts()]
    capped = [S.segment(nt) for nt in texts]
    import dataclasses

    uncapped_lex = dataclasses.replace(S._lexicon(), word_cap=10**9)
    monkeypatch.setattr(S, "_lexicon", lambda: uncapped_lex)
    assert [S.segment(nt) for nt in texts] == capped


def test_fast_punkt_is_underthesea_sent_tokenize():
    fast = S._sent_tokenize()
    if not isinstance(fast, __import__("functools").partial):
        pytest.skip("underthesea's sent_tokenize is not the known version: it is called as it is")
    from underthesea.pipeline.sent_tokenize import sent_tokenize as slow

    lines = [ln for t in _fixture_texts() for ln in t.split("\n")]
    lines += _noise([".", "..", "...", "?", "!", "TP", "tp", "Th", "e.g", "10", "Ông", "…", "000"], 5000, seed=17)
    for line in lines:
        assert fast(line) == slow(line), line


# --- checks and the models -------------------------------------------------------------------


def test_nearest_by_sentence_window_is_the_scan_over_all_claims():
    for t in _fixture_texts():
        r = extract(t)
        claims = list(r.claims)
        for order in (claims, claims[::-1]):
            art = Article(order, list(r.sentences))
            same: dict[tuple, list[int]] = {}  # (scope, metric, unit) -> the claims, in index order
            for j, c in enumerate(order):
                same.setdefault((art.scope(j), c.metric, c.unit), []).append(j)
            for i in range(len(order)):
                for metric in {c.metric for c in order}:
                    for unit in ("count", "percent"):
                        best = None
                        for j in same.get((art.scope(i), metric, unit), []):
                            if j == i or not art.near(i, j):
                                continue
                            key = (abs(order[j].sentence - order[i].sentence), abs(j - i), j)
                            best = key if best is None or key < best else best
                        assert art.nearest(i, metric, unit) == (None if best is None else best[2])


def test_every_fixture_report_validates_and_round_trips():
    for t in _fixture_texts():
        r = extract(t)
        assert Report.model_validate_json(r.model_dump_json()) == r
        assert Report.model_validate(r.model_dump()) == r


def test_phrase_source_is_the_phrase_patterns_source():
    # the uncompiled source that patterns holding a phrase list are built from (compiling it alone
    # first cost up to 18 ms a list at start-up)
    lists = [SC.load("scope")["agency_subjects"], SC.load("scope")["national_not_after"], list(SC._tables().district_names),
             ["hơn", "Hơn nữa", "x", "", "  ", "1/2", "TP. Hồ Chí Minh", "(đã)"]]
    for phrases in lists:
        assert L.phrase_source(phrases) == L.phrase_pattern(phrases).pattern == L.PhraseMatcher(phrases).pattern.pattern
        assert L.phrase_pattern(phrases).flags & regex.IGNORECASE
