"""Texts the speed-invariant tests compare fast paths on: every code point, every fixture article."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


@cache
def all_chars() -> str:
    """Every code point but the surrogates, once."""
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@cache
def fixture_texts() -> list[str]:
    """The seeds, the corpus articles and every batch article file (text or HTML, as stored)."""
    paths = sorted(FIXTURES.glob("seeds/*.txt")) + sorted(FIXTURES.glob("corpus/*/*.txt"))
    paths += sorted(p for p in (FIXTURES / "batch" / "articles").rglob("*") if p.is_file())
    return [p.read_text(encoding="utf-8") for p in paths]
