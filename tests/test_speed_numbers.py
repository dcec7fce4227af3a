"""The shortcuts of numbers.py find exactly what the plain way finds.

Each fast path (a lowered text the words are read from, prefix tables before the patterns after a
number, gates before the blockers, a scan for number words with look-around, cheaper pattern
shapes, Quantity built without its __init__) is compared here with the slow way it replaces, on the
fixtures and on random text built from the lexicon's own words; the Unicode facts the shortcuts rest
on are checked against every code point. No timings: speed is measured by hand (benchmarks/).
"""

from __future__ import annotations

import dataclasses
import random
import re
from functools import cache
from pathlib import Path

import regex

from cchc_extract import lexicon as L
from cchc_extract import numbers as N
from cchc_extract import segment as S
from cchc_extract.text import normalize

from _texts import all_chars as _all_chars

FIXTURES = Path(__file__).parent / "fixtures"


@cache
def _sentences() -> list[str]:
    paths = sorted(FIXTURES.glob("seeds/*.txt")) + sorted(FIXTURES.glob("corpus/*/*.txt"))
    out = []
    for p in paths:
        nt = normalize(p.read_text(encoding="utf-8"))
        out += [nt.text[s.start : s.end] for s in S.segment(nt).sentences]
    return out


def _words() -> list[str]:
    lx = N._lex()
    w = lx["words"]
    out = [*w["start"], *w["after_ten"], *w["tens"], *w["after_zero"], *w["ten"], *w["zero"], *w["hundred"]]
    out += [*lx["scale"], *lx["nouns"]["count"], *lx["nouns"]["count_not"], *lx["nouns"]["decimal_hint"]]
    out += [*lx["names"]["before"], *lx["names"]["not_date_after"], *lx["dates"]["before"], *lx["dates"]["per"]]
    out += [*lx["dates"]["period_after"], *lx["phones"]["before"], *lx["percent_words"], *lx["scale_not_before"]]
    out += [x for v in lx["qualifiers"].values() if isinstance(v, list) for x in v]
    out += [x for v in lx["qualifiers"]["unless_after"].values() for x in v]
    out += ["0912 345 678", "(028) 3822 2222", "+84 912 345 678", "1900 1234", "1800.1234", "a@b.vn",
            "www.x.gov.vn", "https://dvc.gov.vn/a", "x.com.vn", "10:30", "03:55:00", "2016 - 2020", "2016–2020",
            "85/2019/NĐ-CP", "11,80/80", "10-20", "1.234,5", "22-10-2022", "21.03.2023", "31/8/2022", "01/1-21/10",
            "10/2022", "7/9", "từ", "đến", "tới", "HAI", "Năm", "ſáu", "İ", "Σ", "ΟΔΟΣ", "000", "012", "0,5", "12",
            "123", "2022", "10.392", "3.0", "²", "Ⅻ", "٣", "\U00010d41", "中文", "Ⓐ", "K", "hotel", "telex", "đt:",
            "Đt", "%", "phần  trăm", "hồ\u00a0sơ", "tháng\tđầu"]
    return out


def _noise(n: int, seed: int) -> list[str]:
    """Random texts of lexicon words, figures, spaces and odd characters, some upper-case."""
    rng = random.Random(seed)
    pieces = [*_words(), "10.392", "1,2", "85,6", "%", "(", ")", ",", ".", ";", ":", "-", "–", "—", "/", "\n",
              " ", "  ", "\u00a0", "\x1c", "\t", "x", "A", "1", "0", "+", "@", "www", "://", "./."]
    out = []
    for _ in range(n):
        t = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", " "]) for _ in range(rng.randint(0, 40)))
        out.append(t.upper() if rng.random() < 0.2 else t)
    return out


@cache
def _texts() -> list[str]:
    return _sentences() + _noise(3000, seed=11)


# --- the Unicode facts -------------------------------------------------------------------------


def test_letters_of_the_word_scan_are_letters_in_the_text():
    letter = regex.compile(r"\p{L}")
    assert all(letter.match(c) for c in N._LETTERS)
    chars = _all_chars()
    folded = L.fold(chars)
    letters = set(N._LETTERS)
    for t, f in zip(chars, folded):
        if f in letters:
            assert letter.match(t), hex(ord(t))  # fold(t) is one of _LETTERS: t is a letter
    p = N._pats()
    lx = N._lex()
    w = lx["words"]
    numwords = [*w["start"], *w["after_ten"], *w["after_tens"], *w["after_zero"], *w["ten"], *w["tens"],
                *w["zero"], *w["hundred"], *lx["scale"]]
    assert set("".join(numwords)) <= letters
    assert p.single_ok <= set(numwords)


def test_lowering_keeps_letters_and_gaps_and_length():
    letter = regex.compile(r"\p{L}")
    gap = set(N._GAP)
    chars = _all_chars()
    assert [c for c in chars if len(c.lower()) != 1] == ["\u0130"]
    for c in chars:
        lc = c.lower()
        if lc != c and len(lc) == 1:
            assert bool(letter.match(c)) == bool(letter.match(lc)), hex(ord(c))
            assert (c in gap) == (lc in gap), hex(ord(c))


def test_decimal_characters_are_regex_digits_and_none_sorts_before_zero():
    digit = regex.compile(r"\d")
    chars = _all_chars()
    assert all(digit.match(c) for c in chars if c.isdecimal())  # _read: isdecimal() is a _CORE fullmatch
    assert min(regex.findall(r"\d", chars)) == "0"  # blocker_gates: min(raws) < "1"


# --- the shortcuts, against the plain way -------------------------------------------------------


def test_lowercase_slices_are_the_slices_lowercased():
    for t in _texts() + ["ΟΔΟΣ ΟΔΟΣ", "Lİnh 5", "ſáu 5", "ÀB Σ"]:
        low, lowered = N._lowercase(t)
        assert low == t.lower()
        assert N._fold_lowered(t, low) == L.fold(t)
        if lowered is None:
            continue
        n = len(t)
        for a in range(0, n + 1, 3):
            for b in range(a, min(n, a + 30) + 1, 2):
                assert lowered[a:b] == t[a:b].lower(), (t, a, b)


def test_words_before_on_the_lowered_text_is_the_same():
    for t in _texts():
        _, lowered = N._lowercase(t)
        for pos in range(0, len(t) + 1):
            want = N._words_before_slow(t, pos, 4)
            assert N._words_before(t, pos) == want, (t, pos)
            if lowered is not None:
                assert N._words_before(t, pos, 4, lowered) == want, (t, pos)


def test_tails_with_last_words_are_the_same():
    p = N._pats()
    for t in _texts()[:1500]:
        for pos in range(0, len(t) + 1, 2):
            words = N._words_before(t, pos)
            for table, lasts in ((p.qual, p.qual_lasts), (p.names, p.name_lasts), (p.dates, p.date_lasts)):
                assert N._tail(words, table, lasts) == N._tail(words, table), (t, pos)
            last = words[-1][0] if words else None
            if last not in p.name_date_lasts:
                assert not N._is_name(words) and not N._is_date_part(words, 5)
            if last not in p.qual_skip_lasts:
                assert N._qualifier(words, pos) == ("exact", pos)


def test_trie_patterns_tell_the_same_as_the_alternations():
    lx = N._lex()
    nouns, dates = lx["nouns"], lx["dates"]
    pairs = [(N._pats().noun.rx, N._after(nouns["count"], nouns["count_not"])),
             (N._pats().hint.rx, N._after(nouns["decimal_hint"])),
             (N._pats().period.rx, N._after(dates["period_after"]))]
    for t in _texts():
        for pos in range(len(t) + 1):
            for fast, plain in pairs:
                assert (fast.match(t, pos, pos + N._WINDOW) is None) == (plain.match(t, pos, pos + N._WINDOW) is None)


def test_follows_never_rules_out_a_pattern_that_matches():
    p = N._pats()
    leads = [(N._SCALE, p.scale), (N._PERCENT, p.percent), (N._NOUN, p.noun), (N._HINT, p.hint),
             (N._PERIOD, p.period), (N._SLASH, p.slash), (N._DASH, p.dash), (N._UPTO, p.upto)]
    for t in _texts():
        folded = L.fold(t)
        for pos in range(len(t) + 1):
            may = N._follows(folded, pos)
            for bit, lead in leads:
                if lead.rx.match(t, pos, pos + N._WINDOW) is not None:
                    assert may & bit, (t, pos, lead.rx.pattern[:40])


def test_context_with_the_folded_text_is_the_plain_context(monkeypatch):
    cases = []
    for t in _texts():
        folded = L.fold(t)
        cases += [(t, pos, tuple(N._context(t, pos, folded))[:6]) for pos in range(len(t) + 1)]
    monkeypatch.setattr(N._Lead, "may", lambda self, c: True)  # every pattern runs
    for t, pos, fast in cases:
        assert fast == tuple(N._context(t, pos))[:6], (t, pos)


def _plain_blocked(text: str) -> bytearray:
    """_blocked as it was: every blocker behind its own test (the same tests, spelled out)."""
    p = N._pats()
    low = text.lower()
    phone = re.compile("|".join(re.escape(w.lower()) for w in N._lex()["phones"]["before"]))
    domain = regex.compile(r"\.(?:vn|com|net|org|gov|edu|info|io)(?!\w)", regex.I)
    domain_folded = re.compile(r"\.(?:vn|com|net|org|gov|edu|info|io)")
    guards = [
        "/" in text, "/" in text, regex.search(r"\d[-.]\d{1,2}[-.]\d{4}", text) is not None, "/" in text,
        ":" in text, "-" in text or "\u2013" in text or "\u2014" in text, "/" in text or "-" in text,
        regex.search(r"(?<![\d.,/])[0(+]", text) is not None, "00" in text, phone.search(low) is not None,
        "@" in text, "://" in text or "www." in low,
        domain_folded.search(L.fold(text)) is not None and domain.search(text) is not None,
    ]
    mask = bytearray(len(text) + 1)
    for (rx, grp, min_digits, _), ok in zip(p.blockers, guards, strict=True):
        if not ok:
            continue
        for m in rx.finditer(text):
            a, b = m.span(grp)
            if min_digits and not min_digits <= sum(c.isdigit() for c in m[grp]) <= 12:
                continue
            mask[a:b] = b"\x01" * (b - a)
    return mask


def test_blocker_gates_are_the_plain_guards():
    p = N._pats()
    for t in _texts():
        raws = p.core.findall(t)
        gates = p.blocker_gates(t, t.lower(), L.fold(t), raws)
        for (rx, _, _, _), may in zip(p.blockers, gates, strict=True):
            if rx.search(t) is not None and rx is not p.blockers[9][0]:
                assert may, (t, rx.pattern[:40])
        mask = N._blocked(t, t.lower(), L.fold(t), raws)
        assert (mask or bytearray(len(t) + 1)) == _plain_blocked(t), t


def test_word_scan_finds_every_run():
    p = N._pats()
    for t in _texts():
        starts = {m.start() for m in p.word_run.finditer(t)}
        found = {m.start() for m in p.numword_scan.finditer(" " + L.fold(t))}
        assert starts <= found, t


def test_quantity_without_init_is_the_same_object():
    values = (12.5, "12,5", "percent", "about", 11.25, 13.75, 3, 7, 0, 9, 0.1, None, None, 80.0, "fraction")
    q, r = N.Quantity(*values), N._new_quantity(*values)
    assert type(r) is N.Quantity and r == q and repr(r) == repr(q) and hash(r) == hash(q)
    assert dataclasses.astuple(r) == values
    assert r.shifted(5) == dataclasses.replace(q, start=8, end=12, expr_start=5, expr_end=14)
    for t in _sentences():
        for x in N.find_quantities(t):
            assert x == N.Quantity(*dataclasses.astuple(x))


# --- round 2: the reverse words read with rsplit, pairs of number words, the phone gate ---------


def test_unicode_facts_of_the_split_words_and_the_phone_gate():
    letter, space, sp = regex.compile(r"\p{L}"), regex.compile(r"\s"), regex.compile(r"[^\S\n]")
    chars = _all_chars()
    assert all(letter.match(c) for c in chars if c.isalpha())  # _split_before: an isalpha token is letters
    assert not any(letter.match(c) for c in chars if c.isspace())  # ... between non-letters
    gap = set(N._GAP)
    assert all(c in gap for c in chars if sp.match(c))  # numword_next: the SP of word_run is _GAP
    assert all(c in N._PHONE_GAP for c in chars if space.match(c))  # phone gate: \s of the phone blocker


def _phone_texts() -> list[str]:
    rng = random.Random(5)
    lx = N._lex()
    pieces = [*lx["phones"]["before"], "số", "Số", "SỐ", "ĐT", "Hotline", "0912 345 678", "(028) 3822", "+84 912",
              "1900 1234", "12", ":", ".", " ", "  ", "\n", "(", "+", "-", "/", "x", "\u00a0", "\t", "ſố"]
    return ["".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 12)))
            for _ in range(3000)]


def test_phone_gate_passes_wherever_the_phone_blocker_matches():
    p = N._pats()
    rx = p.blockers[9][0]
    for t in _texts() + _phone_texts():
        cores = list(p.core.finditer(t))
        raws, starts = [m.group() for m in cores], [m.start() for m in cores]
        gates = p.blocker_gates(t, t.lower(), L.fold(t), raws, starts)
        assert gates == p.blocker_gates(t, t.lower(), L.fold(t), raws), t
        if rx.search(t) is not None and any(w.lower() in t.lower() for w in N._lex()["phones"]["before"]):
            assert gates[9], t
        assert (N._blocked(t, t.lower(), L.fold(t), raws, starts) or bytearray(len(t) + 1)) == _plain_blocked(t), t


def _windows_before_figures():
    """(text, its lowered form, pos, lo) for every place right after a space run of the texts, with
    lo where the 80-character window before pos starts: what _split_before reads."""
    for t in _texts() + _phone_texts():
        _, lowered = N._lowercase(t)
        if lowered is None:
            continue
        for pos in range(1, len(t) + 1):
            if t[pos - 1] in N._GAP_SET:
                yield t, lowered, pos, max(0, pos - 80)


def test_split_words_before_is_the_reverse_match():
    p = N._pats()
    for t, lowered, pos, lo in _windows_before_figures():
        got = N._split_before(lowered[lo:pos], lo)
        if got is not None:
            spans = p.before.match(lowered, lo, pos).regs[1:]
            assert got == [(lowered[a:b], a) for a, b in spans if a >= 0], (t, pos)


def test_word_runs_of_two_or_more_words_start_where_a_number_word_follows():
    p = N._pats()
    for t in _texts():
        folded = L.fold(t)
        for run in p.word_run.finditer(t):
            if len(t[run.start():run.end()].split()) < 2:
                continue
            first = regex.match(r"\p{L}+", t[run.start():]).end() + run.start()
            assert p.numword_next.match(folded, first), (t, run.start())


def test_quantity_setters_are_named_for_their_fields():
    names = [f.name for f in dataclasses.fields(N.Quantity)]
    setters = [getattr(N, "_set_" + name) for name in names]
    assert [s.__self__.__name__ for s in setters] == names  # each one the slot descriptor of its field


# --- round 3: digit groups read with findall, blockers tried where digit groups start -----------


def test_starts_of_the_found_digit_groups_are_the_match_starts():
    p = N._pats()
    for t in _texts() + _phone_texts() + ["1 1 11 1.1 1,1 ١٢ 12", "0012 ١2 2١ 1\U00010d41"]:
        cores = list(p.core.finditer(t))
        assert N._starts(t, [m.group() for m in cores]) == [m.start() for m in cores], t


def test_digit_led_blockers_match_only_where_a_digit_group_starts():
    p = N._pats()
    texts = _texts() + _phone_texts() + ["1/2/2022/3/4", "85/2019/NĐ-CP/5-A", "10:30:45:12", "2016 - 2020 - 2024",
                                         "1900 1234 1800.1234", "22-10-2022-10-2022", "21.03.2023.04.2024"]
    for t in texts:
        starts = [m.start() for m in p.core.finditer(t)]
        for rx, _, _, _ in p.blockers:
            if rx not in p.core_led:
                continue
            want = [m.span() for m in rx.finditer(t)]
            assert {a for a, _ in want} <= set(starts), (t, rx.pattern[:40])
            assert [m.span() for m in N._matches_at(rx, t, starts)] == want, (t, rx.pattern[:40])
