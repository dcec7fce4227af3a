"""The shortcuts that make segment fast find exactly what the plain patterns find.

Each prefilter of ``cchc_extract.segment`` (the beginnings and needed words ``_shape`` reads off the
lexicon's patterns, the gates and joined patterns built from them, the searches from the end or from
a '…', the Punkt loop's skips) is compared with the plain search it stands in for, on the fixtures
and on random text built from the patterns' own words. No timings: speed is measured by hand.
"""

from __future__ import annotations

import dataclasses
import functools
import random
from functools import cache
from pathlib import Path

import pytest
import regex

from cchc_extract import lexicon as L
from cchc_extract import segment as S
from cchc_extract.text import normalize

from _texts import all_chars as _all_chars, fixture_texts as _fixture_texts


@cache
def _fixture_lines() -> list[str]:
    return [ln.strip() for t in _fixture_texts() for ln in normalize(t).text.split("\n") if ln.strip()]


def _sources() -> list[str]:
    """Every pattern source of the furniture lexicon that segment searches with a prefilter."""
    data = L.load("furniture")
    out = [e["pattern"] for kind in ("furniture", "dateline", "byline") for e in data[kind]]
    return out + list(data["caption"]["cues"]) + list(data["caption"]["anti_cues"])


def _noise(n: int, seed: int) -> list[str]:
    """Lines of the patterns' words and marks, often starting the way a pattern starts."""
    words = [w for src in _sources() for w in regex.findall(r"\p{L}+", src)]
    marks = ["©", ">", ">>", "»", "›", "|", " | ", ":", ",", ".", "/", "-", "(", ")", "(c)", "10:30", "05/10/2021",
             "2023", "1", "12", "7.221", "Ảnh:", "İ", "ſ", "K", "\u00a0", "\x1c", "  ", "…", "\"", "“"]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        size = rng.randint(1, 14)
        t = "".join(rng.choice(words + marks) + rng.choice(["", " ", " ", " "]) for _ in range(size)).strip()
        if rng.random() < 0.3:
            t = t.upper()
        elif rng.random() < 0.3:
            t = t[:1].upper() + t[1:]
        out.append(t)
    return out


@cache
def _lines() -> list[str]:
    return _fixture_lines() + _noise(6000, seed=21)


# --- what _shape reads -------------------------------------------------------------------------


def _literals(shape: S._Shape) -> set[str]:
    chars = {c for words in shape.needs for w in words for c in w}
    return chars | {c for b, _ in shape.starts or () for c in b}


def test_every_prefilter_literal_is_found_in_the_fold_where_it_matches():
    chars = _all_chars()
    folded = L.fold(chars)
    literals = set().union(*(_literals(S._shape(a)) for src in _sources() for a in S._alternatives(src) or [src]))
    assert literals
    for c in sorted(literals):
        for m in regex.finditer(regex.escape(c), chars, regex.IGNORECASE):
            assert folded[m.start()] == c, (hex(ord(m.group())), c)


def _check_shape(shape: S._Shape, pattern: regex.Pattern[str], line: str, *, anchored: bool) -> None:
    m = pattern.match(line) if anchored else pattern.search(line)
    if m is None:
        return
    got = L.fold(line)[m.start() : m.end()]
    assert got or shape.nullable, (pattern.pattern, line)
    if got and shape.starts is not None:
        assert any(got.startswith(b) and (not whole or got == b) for b, whole in shape.starts), (pattern.pattern, line)
    for words in shape.needs:
        assert any(w in got for w in words), (pattern.pattern, line, words)
    if shape.exact is not None:
        assert got == shape.exact, (pattern.pattern, line)


@pytest.mark.parametrize("k", range(len(_sources())))
def test_shape_of_every_lexicon_alternative_holds_on_its_matches(k):
    src = _sources()[k]
    for alt in S._alternatives(src) or [src]:
        anchored = alt.startswith("^")
        shape = S._shape(alt[1:] if anchored else alt)
        pattern = regex.compile(alt, S._FLAGS)
        for line in _lines():
            _check_shape(shape, pattern, line, anchored=anchored)


_SMALL = [
    "ab", "a|bc", "(?:ab)?c", "[xy]+z", "x*y", "\\d{2}q", "(?-i:A)b", "x(?=y)y", "(?P<n>ab)c", "(?<!q)u[ý]",
    "a{0,2}b", "a{2}b", "(?:a|b|)c", "\\(c\\)", "[^a]b", "[a-c]d", "[-.]x", "[]a]b", "\\bab\\b", "a\\s+b",
    "(?:x|y\\d)+z", "đ(?:à|a)y", "a.b", "(ab|cd)(ef)?", "(?>ab)c", "a(?#c)b", "(?i)ab", "\\1a", "a{x",
    "(?:^|\\s)ảnh\\s*:", "t/h", "[|,-]\\s*", "(?:[ab][cd]){2,}e", "x\\p{Lu}y", "[\\p{L} .]{1,3},",
]


@pytest.mark.parametrize("src", _SMALL)
def test_shape_of_small_patterns_holds_on_random_text(src):
    shape = S._shape(src)
    try:
        pattern = regex.compile(src, S._FLAGS)
    except regex.error:
        return
    rng = random.Random(src)
    pieces = list("abcdefxyzquýđàAQUÝĐ(),.:|-/ ]") + ["ảnh", "Ảnh", "  ", "12", "t/h", "T/H", "\u00a0", "\n"]
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        _check_shape(shape, pattern, line, anchored=False)
        for start in range(len(line)):
            _check_shape(shape, pattern, line[start:], anchored=True)


def test_unreadable_sources_are_unknown():
    for src in ["(?i)ab", "\\1a", "a{x", "a(?#c)b", "(?(1)a|b)", "[[:alpha:]]", "a)"]:
        assert S._shape(src) == S._UNKNOWN, src


# --- the rule sets and the caption cues ---------------------------------------------------------


def test_rule_sets_pick_the_first_rule_a_plain_search_picks():
    lex = S._lexicon()
    for rs in (lex.furniture, lex.datelines, lex.bylines):
        assert rs.prefilter is not None
        for line in _lines():
            want = next((r for r in rs.rules if r.pattern.search(line)), None)
            assert rs.first(line) is want, line
            assert rs.first(line, L.fold(line)) is want, line


def test_caption_cues_find_what_the_joined_pattern_finds():
    lex = S._lexicon()
    for either in (lex.caption_cues, lex.caption_anti):
        assert either.gate.needs  # every cue needs some word: the gate is in use
        for line in _lines():
            want = either.pattern.search(line)
            got = either.search(line)
            assert (None if want is None else want.span()) == (None if got is None else got.span()), line


def test_segment_is_the_same_without_the_prefilters(monkeypatch):
    texts = list(_fixture_texts())
    benchmarks = Path(__file__).parents[1] / "benchmarks"
    if (benchmarks / "bench_batch.py").is_file():  # generated articles too
        monkeypatch.syspath_prepend(str(benchmarks))
        import bench_batch

        texts += bench_batch.generate(150)
    nts = [normalize(t) for t in texts]
    fast = [S.segment(nt) for nt in nts]
    lex = S._lexicon()
    plain = dataclasses.replace(
        lex,
        furniture=S._RuleSet(lex.furniture.rules, None),
        datelines=S._RuleSet(lex.datelines.rules, None),
        bylines=S._RuleSet(lex.bylines.rules, None),
        caption_cues=S._Either(lex.caption_cues.pattern, S._OPEN),
        caption_anti=S._Either(lex.caption_anti.pattern, S._OPEN),
    )
    monkeypatch.setattr(S, "_lexicon", lambda: plain)
    assert [S.segment(nt) for nt in nts] == fast


# --- searches from the end, from a '…', in steps ------------------------------------------------


def _text_noise(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["null", "NULL", "Null ", " ", "  ", ".", "…", "!", "?", "A", "a", "Tin", "hồ sơ", "\u00a0", "\x1c",
              "-", "»", "\"", "”", ")", "(", "Đ", "İ", "ſ", "10.392", "1", "TP.", "x" * 40, "\n", "“Ông"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(n)]


def test_title_key_is_the_plain_substitution():
    drop = regex.compile(r"^null\s+|[\s\p{P}]+$", S._FLAGS)
    for t in _fixture_lines() + _text_noise(20000, seed=5):
        assert S._title_key(t) == " ".join(drop.sub("", t).casefold().split()), t


def test_ellipsis_cuts_from_each_ellipsis_are_the_look_behind_cuts():
    cut = regex.compile(r"(?<=…[\"”’)\]»]*)\s+(?=[\"“(\[«]?\p{Lu})")
    for t in _fixture_lines() + _text_noise(20000, seed=6):
        assert [m.end() for m in S._ELLIPSIS_RUN.finditer(t)] == [m.end() for m in cut.finditer(t)], t


def test_long_token_test_is_the_plain_search():
    rng = random.Random(7)
    texts = _fixture_lines()
    for _ in range(3000):
        texts.append("".join(rng.choice(["x" * rng.randint(1, 130), " ", "\u3000", "\x1c", "a.b", "  "])
                             for _ in range(rng.randint(0, 12))))
    for t in texts:
        assert S._has_long_token(t) == (S._LONG_TOKEN.search(t) is not None), t


def test_punkt_cuts_are_the_pieces_found_back():
    fast = S._sent_tokenize()
    if not isinstance(fast, functools.partial):
        pytest.skip("underthesea's sent_tokenize is not the known version: it is called as it is")
    chunks = _fixture_lines() + _text_noise(5000, seed=8)

    def found_back(chunk: str) -> list[int] | None:  # _tokenizer_cuts for a tokenizer that is not the port
        original = S._sent_tokenize
        S._sent_tokenize = lambda: (lambda t: fast(t))  # type: ignore[assignment]
        try:
            return S._tokenizer_cuts(chunk)
        finally:
            S._sent_tokenize = original  # type: ignore[assignment]

    for chunk in chunks:
        assert S._tokenizer_cuts(chunk) == found_back(chunk), chunk


def test_title_key_tail_class_has_no_case():
    chars = _all_chars()
    plain = regex.findall(r"[\s\p{P}]", chars)
    assert regex.findall(r"[\s\p{P}]", chars, S._FLAGS) == plain


def test_trailing_marker_prefilter_passes_every_piece_the_marker_is_found_in():
    rng = random.Random(9)
    pieces = ["1.", "12.", "a)", "IV.", "x", "hồ sơ", ";", ":", "!", "…", " ", "  ", "\u00a0", "\x1c", "\n", "ſ.",
              "K)", "đ.", "٣.", "vii.", "x.", ". ", "; ", "…\n", "\u3000", "a", "IVXL."]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))).rstrip() for _ in range(20000)]
    texts += [s for s in _fixture_lines()]
    found = 0
    for piece in texts:
        if S._TRAILING_MARKER.search(piece) is None:
            continue
        found += 1
        assert S._may_end_with_marker(piece), piece
    assert found > 100


def test_inner_end_with_re_is_the_regex_pattern():
    chars = _all_chars()
    assert set(regex.findall(r"\s", chars)) == set(S.re.findall(r"[^\S\x1c-\x1f]", chars))
    plain = regex.compile(r"[.!?…][\"'”’)\]]*\s")
    for t in _fixture_lines() + _text_noise(20000, seed=10):
        assert (S._INNER_END.search(t) is None) == (plain.search(t) is None), t
        if ". " in t:  # _split_line's shortcut: then there is an inner end
            assert S._INNER_END.search(t) is not None, t


def test_punkt_dot_finds_what_punkt_end_finds_in_texts_without_question_or_exclamation_marks():
    found = 0
    for t in _fixture_lines() + _text_noise(20000, seed=41) + [t.replace(".", " 1.2 .") for t in _text_noise(3000, 42)]:
        if "?" in t or "!" in t:
            continue
        want = [m.span() for m in S._PUNKT_END.finditer(t)]
        found += len(want)
        assert [m.span() for m in S._PUNKT_DOT.finditer(t)] == want, t
        for i in range(0, len(t), 7):  # and from any position, as _punkt_spans searches
            a, b = S._PUNKT_END.search(t, i), S._PUNKT_DOT.search(t, i)
            assert (a and a.span()) == (b and b.span()), (t, i)
    assert found > 1000


# --- normalize ---------------------------------------------------------------------------------

from cchc_extract import text as TX  # noqa: E402


def _stage_a_plain(s: str) -> tuple[str, list[int] | None]:
    """_stage_a as it was: a search, then every character tested in the text."""
    if TX._STAGE_A_RE.search(s) is None:
        return s, None
    offs: list[int] | None = None
    if "\r\n" in s or regex.search(TX._REMOVED_CLASS, s):
        parts: list[str] = []
        offs = []
        pos = 0
        for m in TX._DELETE_RE.finditer(s):
            parts.append(s[pos : m.start()])
            offs.extend(range(pos, m.start()))
            pos = m.start() + 1
        parts.append(s[pos:])
        offs.extend(range(pos, len(s) + 1))
        s = "".join(parts)
    for c, r in TX._REPLACE:
        if c in s:
            s = s.replace(c, r)
    return s, offs


def _normalize_noise(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    special = list(TX._SPACES + TX._BREAKS + "".join(TX._REMOVED)) + ["\r\n", "\n", "&nbsp;", "&amp;"]
    toned = list(TX._TONED_OA_OE + TX._TONED_OA_OE.upper() + TX._TONED_UY + TX._TONED_UY.upper())
    pieces = special + toned + list("oOuUqQyYaA _1") + ["\u0301", "ng", "hoà", "quý", "Uỷ", "thuỷ", "Hòa"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 16))) for _ in range(n)]


def test_stage_a_is_the_plain_stage_a():
    for t in _normalize_noise(30000, seed=11) + _fixture_texts():
        assert TX._stage_a(t) == _stage_a_plain(t), repr(t)


def test_tone_pairs_from_candidates_are_the_plain_matches():
    for t in _normalize_noise(30000, seed=12) + [normalize(t).text for t in _fixture_texts()]:
        assert [m.span() for m in TX._pair_matches(t)] == [m.span() for m in TX._PAIR_RE.finditer(t)], repr(t)


# --- round 2: line features computed once, rules told apart by the joined match ----------------


def test_printable_strings_hold_no_white_space_but_space():
    chars = _all_chars()
    assert [c for c in chars if c.isspace() and c.isprintable()] == [" "]
    # _lines counts the words of a line without "  " that is printable as its spaces plus one
    assert all(len(c.split()) == 1 for c in chars if not c.isspace())


def _plain_lines(text: str, cap: int) -> tuple[list[tuple[int, int]], list[str], list[int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        body = line.strip()
        if body:
            a = pos + len(line) - len(line.lstrip())
            spans.append((a, a + len(body)))
        pos += len(line) + 1
    lines = [text[a:b] for a, b in spans]
    return spans, lines, [len(s.split(None, cap)) for s in lines]


def test_lines_and_word_counts_are_the_plain_split():
    rng = random.Random(31)
    pieces = ["a", "hồ sơ", " ", "  ", "\n", "\n\n", " \n ", "\t", "\u00a0", "\x1c", "\x1f", "\u3000", "\u2028",
              "x" * 30, ".", "İ", "ſ"]
    texts = [normalize(t).text for t in _fixture_texts()] + _fixture_texts()
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 80))) for _ in range(4000)]
    for text in texts:
        for cap in (61, 3, 1, 10**9):
            spans, lines, words, plain = S._lines(text, cap)
            assert (spans, lines, words) == _plain_lines(text, cap), (text, cap)
            for s, p in zip(lines, plain):  # plain: its words are its spaces plus one, and so of its pieces
                assert not p or ("  " not in s and len(s.split()) == s.count(" ") + 1), s


def _toy_entries(rng: random.Random) -> list[dict[str, str]]:
    """Rules whose alternatives overlap: anchored by their beginning, anchored but gated, unanchored."""
    alts = ["^ab", "^abc\\b", "^a", "^b[cd]e", "^x+y", "^[^|]{1,5}\\|", "^.{0,4}:\\s*\\d", "\\d{2}", "©", "^in$",
            "^(?:in|bản\\s+in)\\s*:?$", "^ab(?:c|d)?$", "q:", "^(?:ca|cb)x", "^đ[aà]", "^(?:ngày\\s+)?\\d"]
    if rng.random() < 0.3:  # named groups, one name in two alternatives (regex's lastgroup then names it)
        alts += ["^(?P<g>a)b", "^(?P<g>b)c", "^(?<h>x)+y", "^(?<=)ab"]
    size = rng.randint(2, 7)
    return [{"name": f"r{k}", "pattern": "|".join(rng.sample(alts, rng.randint(1, 3)))} for k in range(size)]


def test_joined_matches_tell_the_first_rule_of_overlapping_rule_sets():
    pieces = ["a", "b", "c", "d", "e", "x", "y", "|", ":", " ", "1", "23", "©", "in", "bản", "đa", "Đà", "ngày"]
    for seed in range(60):
        rng = random.Random(seed)
        entries = _toy_entries(rng)
        rs = S._ruleset(entries)
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(400)]
        for line in lines:
            want = next((r for r in rs.rules if r.pattern.search(line)), None)
            assert rs.first(line) is want, (entries, line)


def test_fast_blocks_and_sentence_spans_are_the_constructed_ones():
    for cls in (S.Block, S.SentenceSpan):
        assert not hasattr(cls, "__post_init__")
        assert cls.__slots__ == tuple(f.name for f in dataclasses.fields(cls))
    made = S._block("caption", 3, 9, "short line")
    assert made == S.Block("caption", 3, 9, "short line") and type(made) is S.Block
    assert S._sentence_spans([(1, 2), (4, 8)], 5) == [S.SentenceSpan(1, 2, 5), S.SentenceSpan(4, 8, 5)]
    assert hash(made) == hash(S.Block("caption", 3, 9, "short line"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 4  # type: ignore[misc]


def test_casefold_never_shortens_nor_makes_white_space():
    chars = _all_chars()
    for c in chars:
        folded = c.casefold()
        assert len(folded) >= 1, hex(ord(c))
        assert c.isspace() or not any(x.isspace() for x in folded), hex(ord(c))
    assert " ".casefold() == " "
    rng = random.Random(33)
    odd = [c for c in chars if len(c.casefold()) > 1 or c.casefold() != c.lower()][:400] + list("ΑΣσςİſ ab")
    for _ in range(3000):  # character by character, with no context (no final sigma)
        s = "".join(rng.choice(odd) for _ in range(rng.randint(0, 8)))
        assert s.casefold() == "".join(c.casefold() for c in s), s


def test_tail_marker_test_is_the_key_lookup():
    lex = S._lexicon()
    rng = random.Random(34)
    markers = list(L.load("furniture")["tail"]["markers"])
    trims = list(S._MARKER_TRIM) + ["  ", "\u00a0", "\x1c", "ß", "ẞ"]
    lines = _fixture_lines() + _noise(3000, seed=35)
    for _ in range(5000):
        m = rng.choice(markers)
        m = m.upper() if rng.random() < 0.3 else m
        head = "".join(rng.choice(trims) for _ in range(rng.randint(0, 4)))
        tail = "".join(rng.choice(trims) for _ in range(rng.randint(0, 30)))
        lines.append(head + m.replace(" ", rng.choice([" ", "  ", "\x1c"])) + tail)
    found = 0
    for s in lines:
        want = S._marker_key(s) in lex.tail_markers
        found += want
        assert S._is_tail_marker(s, lex) == want, s
        plain = "  " not in s and s.isprintable()
        assert S._is_tail_marker(s, lex, plain) == want, s
    assert found > 300
