"""The identity fast path of ``NormalizedText.span`` agrees with the general path."""

from __future__ import annotations

import random
from pathlib import Path

from cchc_extract.text import NormalizedText, normalize

_FIXTURES = Path(__file__).parent / "fixtures"


def _slow(nt: NormalizedText) -> NormalizedText:
    return NormalizedText(original=nt.original, text=nt.text, offsets=nt.offsets)


def _texts() -> list[str]:
    paths = sorted(p for p in _FIXTURES.rglob("*") if p.is_file() and p.suffix in {".txt", ".htm", ".html"})
    texts = [p.read_text(encoding="utf-8") for p in paths]
    rng = random.Random(7)
    alphabet = "ab \n\t\r.,0123456789hoàUỷquý\u00a0\u200b\u00ad&amp;nbsp;\u0301"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))) for _ in range(400)]
    return texts


def test_identity_flag_only_when_offsets_are_identity() -> None:
    for t in _texts():
        nt = normalize(t)
        if nt.identity:
            assert nt.offsets == tuple(range(len(nt.text) + 1))
            assert len(nt.original) == len(nt.text)


def test_span_fast_path_matches_slow_path() -> None:
    rng = random.Random(11)
    for t in _texts():
        nt = normalize(t)
        slow = _slow(nt)
        n = len(nt.text)
        pairs = [(rng.randrange(-3, n + 4), rng.randrange(-3, n + 4)) for _ in range(40)]
        pairs += [(0, n), (n, n), (-1, 0), (n + 1, n + 2)]
        for a, b in pairs:
            assert nt.span(a, b) == slow.span(a, b)
