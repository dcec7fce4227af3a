"""The shortcuts of claims.py and indexes.py find exactly what the plain patterns find.

The phrase prefilters (``lexicon.phrase_prefilter``: a ``re`` trie run on the folded sentence
before a ``regex`` pattern is searched) are checked against the patterns they guard, and the
whole claim reading is compared with a run in which every prefilter finds a place everywhere
(the patterns then run as they did without prefilters). No timings: speed is measured by hand.
"""

from __future__ import annotations

import random
import re
from functools import cache

import pytest

from cchc_extract import claims as C
from cchc_extract import extract
from cchc_extract import indexes as IX
from cchc_extract import lexicon as L
from cchc_extract import scope as SC
from cchc_extract import segment as S
from cchc_extract.text import normalize

from _texts import all_chars, fixture_texts

EVERYWHERE = re.compile("")  # a prefilter that finds a place at every position: no shortcut


@cache
def _sentences() -> list[str]:
    out = []
    for t in fixture_texts():
        nt = normalize(t)
        out += [nt.text[s.start : s.end] for s in S.segment(nt).sentences]
    return out


def _noise(words: list[str], n: int, seed: int) -> list[str]:
    """Random texts of lexicon words, figures, spaces and odd characters, some upper-case."""
    rng = random.Random(seed)
    pieces = [*words, "10.392", "85,6", "2022", "104/128", "%", "(", ")", ",", ".", ";", ":", "-", "/",
              "\n", " ", "  ", "\u00a0", "\x1c", "\t", "x", "A", "1", "²", "İ", "ſ", "Σ", "ς"]
    out = []
    for _ in range(n):
        t = "".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 40)))
        out.append(t.upper() if rng.random() < 0.2 else t)
    return out


def _guarded() -> list[tuple[str, list[str], object, re.Pattern[str]]]:
    """(name, phrases, the pattern searched, its prefilter) for every prefilter in use."""
    lex = L.load("claims")
    rules = C._rules()
    ix = IX._lexicon()
    rule = {
        "target": (lex["target_cues"], rules["target"].pattern),
        "change": (lex["change_cues"], rules["change"]),
        "reference": (lex["reference_cues"], rules["reference"].pattern),
        "from": (lex["from_to"]["from"], rules["from"]),
        "share": (lex["share_links"], rules["share"]),
        "target_sentence": (lex["target_sentence_cues"], rules["target_sentence"].pattern),
    }
    out = [(k, phrases, pattern, rules[f"{k}_at"]) for k, (phrases, pattern) in rule.items()]
    for k in ("target", "change", "reference", "from"):  # the union guards each of the four
        out.append((f"left:{k}", *rule[k], rules["left_at"]))
    out.append(("index names", ix.names.phrases, ix.names.pattern, ix.names_at))
    out.append(("rank", L.load("metrics/indexes")["rank_cues"], ix.rank, ix.rank_at))
    for fam in C._families():
        out.append((f"cues:{fam.name}", fam.cues.phrases, fam.cues.pattern, fam.cue_at))
        if fam.noun_before is not None:
            out.append((f"noun_before:{fam.name}", fam.noun_before.phrases, fam.noun_before.pattern,
                        fam.noun_before_at))
        if fam.averages:
            for m, at in zip(C._avg_patterns(fam.name), C._avg_prefilters(fam.name)):
                out.append((f"averages:{fam.name}", m.phrases, m.pattern, at))
    return out


@pytest.mark.parametrize("k", range(len(_guarded())))
def test_a_prefilter_finds_a_place_wherever_its_pattern_matches(k):
    name, phrases, pattern, at = _guarded()[k]
    words = [w for p in phrases for w in p.split()] + list(phrases) + [p.upper() for p in phrases]
    for t in _noise(words, 400, seed=k) + _sentences()[:400]:
        low = L.fold(t)
        n = len(t)
        for a, b in ((0, n), (2, n), (0, max(0, n - 3)), (n // 3, n // 2 + 20)):
            if b < a:
                continue
            # by positions: every match begins where the prefilter finds a place
            for m in pattern.finditer(t, a, b, overlapped=True):
                assert at.match(low, m.start(), b), (name, t, a, b, m)
            # in a slice (however the pattern is anchored after the phrase)
            if pattern.search(t[a:b]):
                assert at.search(low, a, b), (name, t, a, b)


def test_prefilters_read_the_lexicon_letters_as_fold_does():
    # the fact the prefilters rest on, for every character the text may hold
    chars = all_chars()
    assert len(L.fold(chars)) == len(chars)
    assert set(re.findall(r"\s", chars)) == {c for c in chars if c.isspace()}  # re's \s is str.isspace


def test_cue_matches_are_the_overlapped_finditer():
    for t in _sentences()[:600] + _noise([w for f in C._families() for p in f.cues.phrases for w in p.split()], 300, 5):
        folded = (L.fold(t), 0)
        n = len(t)
        for fam in C._families():
            for a, b in ((0, n), (1, n), (n // 4, n // 2 + 7), (0, max(0, n - 2))):
                if a >= b:
                    continue
                want = [(m.span(), m.group()) for m in fam.cues.pattern.finditer(t, a, b, overlapped=True)]
                got = [(m.span(), m.group()) for m in C._cue_matches(fam, t, a, b, folded)]
                assert got == want, (fam.name, t, a, b)


def test_after_spaces_is_the_spaces_regex():
    chars = all_chars()
    samples = [" " + c for c in chars[::97]] + [c for c in chars[::89]] + ["  x", " \u00a0x", "\x1c x", " \x1c", " ", ""]
    for t in samples + _sentences()[:200]:
        for pos in range(0, min(len(t), 6) + 1):
            for end in (len(t), max(pos, len(t) - 1), pos):
                m = C._SPACES.match(t, pos, end)
                assert C._after_spaces(t, pos, end) == (m.end() if m else pos), (t, pos, end)


def test_levels_from_the_sorted_starts_are_the_whole_scan():
    subject = SC.UNKNOWN
    for t in fixture_texts()[:80]:
        text = normalize(t).text
        switches = SC.switches_in(text, subject)
        starts = [s.start for s in switches]
        assert starts == sorted(starts)
        for pos in range(0, len(text) + 1, 7):
            for lo in (0, max(0, pos - 40)):
                assert C._levels(switches, 0, lo, pos, subject, text, starts) == C._levels(
                    switches, 0, lo, pos, subject, text)


def test_claims_with_and_without_prefilters_are_the_same(monkeypatch):
    words = [w for f in C._families() for p in (*f.cues.phrases, *f.nouns.phrases) for w in p.split()]
    words += [w for k in ("target_cues", "change_cues", "reference_cues", "share_links", "target_sentence_cues")
              for p in L.load("claims")[k] for w in p.split()]
    words += ["từ", "xuống", "cấp huyện", "cấp xã", "PAR Index", "Chỉ số", "xếp thứ", "điểm", "hồ sơ", "bình quân",
              "mỗi ngày", "mỗi tháng", "Tổng số hồ sơ:", "|", "Trực tuyến:"]
    texts = fixture_texts() + [". ".join(_noise(words, 6, seed=s)) for s in range(300)]
    fast = [extract(t).model_dump_json() for t in texts]

    # every prefilter finds a place everywhere: the patterns run wherever they ran before
    rules = C._rules()
    for k in [k for k in rules if k.endswith("_at")]:
        monkeypatch.setitem(rules, k, EVERYWHERE)
    monkeypatch.setattr(C, "_avg_prefilters", lambda name: (EVERYWHERE,) * 3)
    frozen = [(f, k) for f in C._families() for k in ("cue_at", "noun_before_at") if getattr(f, k) is not None]
    frozen += [(IX._lexicon(), "names_at"), (IX._lexicon(), "rank_at")]
    saved = [getattr(o, k) for o, k in frozen]
    try:
        for o, k in frozen:
            object.__setattr__(o, k, EVERYWHERE)
        slow = [extract(t).model_dump_json() for t in texts]
    finally:
        for (o, k), v in zip(frozen, saved):
            object.__setattr__(o, k, v)
    assert fast == slow
