"""Pages space their text every which way: the same article with other white space gives the same
claims (metric, value, unit, qualifier, level, locality, period, total) and the same findings.

Run over the development half of the corpus and the seeds (the evaluation half stays unseen).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cchc_extract import extract

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = sorted([*(FIXTURES / "corpus" / "dev").glob("*.txt"), *(FIXTURES / "seeds").glob("*.txt")])

RESPACED = {
    "two spaces": lambda t: t.replace(" ", "  "),
    "tabs": lambda t: t.replace(" ", "\t"),
    "no-break spaces": lambda t: t.replace(" ", "\u00a0"),
    "zero-width spaces": lambda t: t.replace(" ", " \u200b"),
    "CRLF": lambda t: t.replace("\n", "\r\n"),
    "no blank lines": lambda t: re.sub(r"\n+", "\n", t),
    "more blank lines": lambda t: t.replace("\n", "\n\n\n"),
    "indented lines": lambda t: re.sub(r"(?m)^", "   ", t),
}


def _read(text: str) -> tuple[list[tuple], list[tuple]]:
    r = extract(text)
    claims = sorted(
        (c.metric, c.value, c.unit, c.qualifier, c.level, c.locality or "",
         str(c.period.start if c.period else None), str(c.period.end if c.period else None), c.total or 0)
        for c in r.claims
    )
    return claims, sorted((f.rule, f.status) for f in r.findings)


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem[:24] for p in ARTICLES])
def test_white_space_does_not_change_what_is_read(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    want = _read(text)
    assert want[0], "the article gives claims"
    for name, respace in RESPACED.items():
        assert _read(respace(text)) == want, name
