"""Does a text look Vietnamese? A count of letters only Vietnamese writes (``lexicons/language.toml``).

Cheap (one pass of ``str.count`` per letter on the lowercased text) and meant for one thing: telling
the user that a report with no claims came from a page in another language, not from a Vietnamese
page the extractor failed on.
"""

from __future__ import annotations

import functools

from .lexicon import load

__all__ = ["not_vietnamese"]


@functools.cache
def _rules() -> tuple[str, int, float]:
    lex = load("language")
    return lex["vietnamese_only"], int(lex["min_letters"]), float(lex["min_share"])


def not_vietnamese(text: str) -> str | None:
    """A warning when ``text`` has enough letters and almost none of them Vietnamese, else None."""
    only, min_letters, min_share = _rules()
    low = text.lower()
    vietnamese = sum(low.count(c) for c in only)
    if vietnamese >= min_share * len(text):  # then of the letters too (a Vietnamese text: at once)
        return None
    letters = sum(c.isalpha() for c in text)
    if letters < min_letters or vietnamese >= min_share * letters:
        return None
    return (
        f"the text does not look Vietnamese ({vietnamese} of {letters:,} letters are Vietnamese-only, "
        f"under {min_share:.0%}); cchc_extract reads Vietnamese reports"
    )
