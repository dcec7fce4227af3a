"""HTML pages -> article text, through trafilatura (the ``html`` extra).

``extract()`` calls ``read_page`` when its input looks like HTML; the batch calls it for ``.html``
/ ``.htm`` files and for archive records that look like HTML. Nothing here touches the network:
the page is parsed as given, and the date comes from the page's own markup (htmldate, without
its extensive search of the text; our own segmenter reads datelines from the text).
"""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = ["Page", "available", "looks_like_html", "read_page", "NO_TRAFILATURA", "EXTRACTED", "NO_BODY"]

NO_TRAFILATURA = (
    "input looks like HTML; it was read as plain text (install the html extra, "
    "pip install 'cchc_extract[html]', to extract the article with trafilatura)"
)
EXTRACTED = (
    "input is HTML: the article text was extracted with trafilatura (page title as the first line); "
    "report.text is that text and every offset points into it"
)
NO_BODY = "input is HTML but trafilatura found no article body in it: nothing to read"

_LOOKS = regex.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<div[\s>]|<p[\s>]|<article[\s>]|<!--)",
    regex.IGNORECASE,
)
_SPACE = regex.compile(r"\s+")
_SENTENCE_END = regex.compile(r"[.!?…:;\"”')\]]\s*$")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` starts like an HTML document or fragment (a broader test than extract's)."""
    return bool(_LOOKS.match(text[:2048]))


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura read from a page. ``text`` is None when the page has no article body."""

    text: str | None
    title: str | None
    published: _dt.date | None
    warning: str


@lru_cache(maxsize=1)
def _trafilatura():
    try:
        import trafilatura
    except ImportError:  # also lxml without lxml_html_clean: "lxml.html.clean module is now a separate project"
        return None
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return trafilatura


def available() -> bool:
    """Whether trafilatura (and what it needs, lxml_html_clean) imports cleanly here."""
    return _trafilatura() is not None


def _same(a: str, b: str) -> bool:
    return _SPACE.sub(" ", a).strip().casefold() == _SPACE.sub(" ", b).strip().casefold()


def _prose(line: str) -> bool:
    """A line of article prose, not a menu or a list of links that trafilatura fell back to: at least
    eight words ending like a sentence, or at least twenty words."""
    words = len(line.split())
    return words >= 20 or (words >= 8 and bool(_SENTENCE_END.search(line)))


def read_page(html: str, url: str | None = None) -> Page | None:
    """The article of an HTML page: its title as the first line, then the main text.

    None when trafilatura is not installed. A page with no extractable body gives
    ``Page(text=None, ...)`` with the ``NO_BODY`` warning: trafilatura found nothing, or only lines
    that are not prose (menus, link lists: no line of eight words ending like a sentence, nor of
    twenty words).
    """
    traf = _trafilatura()
    if traf is None:
        return None
    params = {
        "original_date": True,
        "extensive_search": False,
        "max_date": _dt.date.today().isoformat(),
    }
    try:
        doc = traf.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
            date_extraction_params=params,
        )
    except Exception:  # trafilatura's parser on malformed input: treat as no body
        doc = None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = (getattr(doc, "title", None) or "").strip() or None if doc is not None else None
    published = None
    raw_date = getattr(doc, "date", None) if doc is not None else None
    if raw_date:
        try:
            published = _dt.date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            published = None
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and lines and _same(lines[0], title):
        lines = lines[1:]
    if not any(_prose(ln) for ln in lines):
        return Page(None, title, published, NO_BODY)
    first = text.split("\n", 1)[0]
    if title and not _same(first, title):
        text = f"{title}\n{text}"
    return Page(text, title, published, EXTRACTED)
