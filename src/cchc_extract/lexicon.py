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

__all__ = ["load", "phrase_pattern", "PhraseMatcher", "LexiconError"]


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


def _trie_source(phrases: list[str]) -> str:
    """One regex for many phrases, shaped as a trie (shared prefixes merged), so the engine does
    not try every phrase at every position. A space in a phrase matches any run of white space."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p.lower():
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [(r"\s+" if ch == " " else regex.escape(ch)) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + ("?" if ends else "")

    return walk(trie)


def _edges(phrase: str) -> tuple[bool, bool]:
    return bool(regex.match(r"[\p{L}\p{N}]", phrase)), bool(regex.search(r"[\p{L}\p{N}]$", phrase))


class PhraseMatcher:
    """Finds any of a list of phrases; ``which(match)`` tells the index of the phrase that matched."""

    def __init__(self, phrases: Iterable[str]):
        self.phrases = [p for p in phrases if p and p.strip()]
        canon = [" ".join(_canonical(p).split()) for p in self.phrases]
        self._index: dict[str, int] = {}
        for i, c in enumerate(canon):
            self._index.setdefault(c.lower(), i)
        groups: dict[tuple[bool, bool], list[str]] = {}
        for c in canon:
            groups.setdefault(_edges(c), []).append(c)
        parts = []
        for (head, tail), items in sorted(groups.items(), reverse=True):
            parts.append(
                (r"(?<![\p{L}\p{N}])" if head else "")
                + "(?:" + _trie_source(items) + ")"
                + (r"(?![\p{L}\p{N}])" if tail else "")
            )
        # a trie takes the longest phrase at a position only within one edge group; put the groups
        # in one alternation and let the longest overall win by trying words-edged first
        self.pattern = regex.compile("|".join(parts) or r"(?!)", regex.IGNORECASE)

    def which(self, m: regex.Match[str]) -> int:
        return self._index[" ".join(m.group(0).split()).lower()]

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, *, overlapped: bool = False):
        """Matches in order; with ``overlapped`` also those starting inside an earlier match
        ("số hồ sơ tiếp nhận mới": both "số hồ sơ tiếp nhận" and "tiếp nhận mới")."""
        return self.pattern.finditer(text, pos, len(text) if endpos is None else endpos, overlapped=overlapped)

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)


def phrase_pattern(phrases: Iterable[str]) -> regex.Pattern[str]:
    """One compiled pattern matching any of ``phrases`` (longest first, case-insensitive, whole words)."""
    return PhraseMatcher(phrases).pattern
