"""Load the word lists in ``lexicons/`` and compile them into patterns, once per process.

Lexicons are TOML files of phrases. A phrase list becomes one alternation, longest phrase first,
matched case-insensitively, with any run of white space between words and whole-word edges
(a phrase never matches inside a longer word: "xã" does not match in "xã hội" only because the
caller asks for the right phrase, but it never matches in "xãy").
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import Any

import regex

__all__ = ["load", "phrase_pattern", "LexiconError"]


class LexiconError(RuntimeError):
    """A lexicon file is missing or malformed: the package data is broken, reinstall the package."""


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed TOML lexicon ``lexicons/<name>.toml`` (name may contain a folder: 'metrics/dossiers')."""
    path = resources.files("cchc_extract").joinpath("lexicons", *f"{name}.toml".split("/"))
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - broken install
        raise LexiconError(f"cannot read lexicon {name!r} at {path}: {exc}; reinstall cchc_extract") from exc


def _canonical(phrase: str) -> str:
    # Lexicon phrases go through the same normalization as the text they are matched against,
    # so a list may be written with either tone-mark style.
    from .text import normalize

    return normalize(phrase).text.strip()


def _phrase_source(phrase: str) -> str:
    words = _canonical(phrase).split()
    body = r"\s+".join(regex.escape(w) for w in words)
    head = r"(?<![\p{L}\p{N}])" if words and regex.match(r"[\p{L}\p{N}]", words[0]) else ""
    tail = r"(?![\p{L}\p{N}])" if words and regex.search(r"[\p{L}\p{N}]$", words[-1]) else ""
    return head + body + tail


def phrase_pattern(phrases: Iterable[str], *, group: bool = False) -> regex.Pattern[str]:
    """One compiled pattern matching any of ``phrases`` (longest first, case-insensitive).

    With ``group=True`` each phrase gets a named group ``p<i>`` (i = its index in the input), so
    the caller can tell which one matched via ``match.lastgroup``.
    """
    items = [p for p in phrases if p and p.strip()]
    order = sorted(range(len(items)), key=lambda i: -len(_canonical(items[i])))
    if group:
        source = "|".join(f"(?P<p{i}>{_phrase_source(items[i])})" for i in order)
    else:
        source = "|".join(f"(?:{_phrase_source(items[i])})" for i in order)
    return regex.compile(source or r"(?!)", regex.IGNORECASE)
