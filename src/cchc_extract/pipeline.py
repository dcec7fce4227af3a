"""text -> segments -> numbers -> claims -> report: the one way through.

Every stage works on the normalized text; this module maps the offsets back to the original
string at the end, so that ``report.text[claim.start:claim.end]`` is the evidence as printed.
"""

from __future__ import annotations

import datetime as _dt

import regex
from pydantic import TypeAdapter

from .checks import run_checks
from .claims import Draft, SentenceText, claims_in_sentences
from .errors import InputError, UsageError
from .language import not_vietnamese
from .models import Claim, Period, Report, Segment, Sentence
from .period import article_date, periods_for, periods_in
from .scope import subject_of
from .segment import segment
from .text import NormalizedText, normalize

__all__ = ["extract", "coerce_text", "MAX_CHARS"]

_MINED = {"title", "body", "caption"}
_HTML_HINT = regex.compile(r"^\s*(?:<!doctype\s+html|<html|<body|<div|<p[\s>])", regex.IGNORECASE)
_TARGET_RAW = regex.compile(r"/\s*(\d[\d.,]*)")
MAX_CHARS = 1_000_000
# the records built from dicts by their validators: what Model(**fields) does for each, without the
# keywords, a whole list in one call; the Report's validator builds its segments from their dicts
_new_sentences = TypeAdapter(list[Sentence]).validator.validate_python
_new_claims = TypeAdapter(list[Claim]).validator.validate_python
_new_report = Report.__pydantic_validator__.validate_python


def coerce_text(text: object, *, name: str = "text") -> str:
    """The input as ``str``: UTF-8 bytes are decoded (BOM dropped); anything else is an InputError."""
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            return bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: bytes are not UTF-8 (byte {exc.start}: {bytes(text)[exc.start:exc.start + 4]!r}); "
                "decode them yourself (e.g. data.decode('cp1258')) and pass a str"
            ) from None
    raise InputError(f"{name}: expected the article as str (or UTF-8 bytes), got {type(text).__name__}")


def extract(
    text: str | bytes,
    url: str | None = None,
    published: _dt.date | str | None = None,
    *,
    source: str | None = None,
    max_chars: int | None = MAX_CHARS,
) -> Report:
    """Read one article (plain text) and return every claim it makes, located in ``text``.

    Never raises on odd text: an empty or foreign article gives a Report with warnings. Raises
    ``InputError`` only when ``text`` is not text at all (None, a number, bytes that are not UTF-8).

    ``max_chars`` (default 1,000,000, some 200 times a long news article): past it only the first
    ``max_chars`` characters of the article (of its text, for an HTML page) are read (cut at the last line break before the limit, if any) and a
    warning says so; ``report.text`` is still the whole input. ``None`` reads everything: every stage
    is linear in the text, so that costs time in proportion, never minutes per page.
    """
    original = coerce_text(text, name=source or url or "text")
    warnings: list[str] = []
    said_empty = False  # an HTML page without a body has said so
    if isinstance(published, str):
        published = _parse_date(published, warnings)
    if _HTML_HINT.match(original):
        from .html import NO_TRAFILATURA, read_page

        page = read_page(original, url)  # None without trafilatura
        if page is None:
            warnings.append(NO_TRAFILATURA)
        else:  # from here on the article is trafilatura's text: report.text and every offset
            warnings.append(page.warning)
            original = page.text or ""
            said_empty = page.text is None
            published = published or page.published
    if max_chars is not None and len(original) > max_chars:
        if max_chars < 1:
            raise UsageError(f"max_chars={max_chars!r}: give a positive number of characters, or None for no limit")
        whole, original = original, _prefix(original, max_chars)
        warnings.append(
            f"text too long: {len(whole):,} characters, more than max_chars={max_chars:,}; only the first "
            f"{len(original):,} were read (pass max_chars=None to read everything)"
        )
    else:
        whole = None
    nt = normalize(original)
    article = segment(nt)
    blocks = article.blocks
    block_spans = [(b.start, b.end) for b in blocks]
    segments = [
        {"kind": b.kind, "start": s, "end": e, "reason": b.reason}
        for b, (s, e) in zip(blocks, _spans(nt, block_spans))
    ]
    mined = [span for span in article.sentences if blocks[span.block].kind in _MINED]
    views = [SentenceText(i, span.start, span.end, span.block) for i, span in enumerate(mined)]
    sentence_spans = [(v.start, v.end) for v in views]
    sentences: list[Sentence] = _new_sentences([
        {"index": v.index, "start": s, "end": e, "text": original[s:e], "segment": v.block}
        for v, (s, e) in zip(views, _spans(nt, sentence_spans))
    ])
    title = article.title
    body = [b for b in blocks if b.kind == "body"]
    subject = subject_of(title, [nt.text[b.start : b.end] for b in body[:2]])
    drafts = claims_in_sentences(nt.text, views, block_spans, subject, warnings)
    ref, ref_reason = article_date(nt.text, (body[0].start, body[-1].end) if body else None,
                                   published or article.published)
    # a figure's period comes from its own sentence or one before it: later sentences need no reading
    last = max([d.sentence for d in drafts], default=-1)
    mentions = periods_in(nt.text, sentence_spans[: last + 1], ref=ref)
    mentions += [[] for _ in views[last + 1 :]]
    periods = periods_for([(d.sentence, d.quantity.expr_start) for d in drafts], mentions, nt.text)
    undated = sorted({p.label for p in periods if p is not None and p.start is None and p.end is None})
    if undated:
        warnings.append(
            f"period without a year: {', '.join(repr(u) for u in undated)}; the article gives no date "
            "(pass published= to extract)"
        )
    # sorted as fields (the same values the claims get: a stable sort, the same order)
    claim_spans = _spans(nt, [(d.start, d.end) for d in drafts])
    fields = sorted([_claim(d, nt, p, s, e) for d, p, (s, e) in zip(drafts, periods, claim_spans)],
                    key=lambda c: (c["start"], c["end"]))
    claims: list[Claim] = _new_claims(fields)
    findings, coverage = run_checks(claims, sentences)
    if not original.strip():
        if not said_empty:
            warnings.append("empty text: nothing to read")
    elif not sentences:
        warnings.append("no article body found: every line looked like site furniture, a dateline or a byline")
    elif not claims:
        foreign = not_vietnamese(nt.text)
        warnings.append(foreign or "no figures about administrative reform were recognised in this text")
    lost = original.count("\ufffd")
    if lost:
        near = sum(1 for c in claims if "\ufffd" in sentences[c.sentence].text)
        warnings.append(
            f"{lost:,} replacement character{'s' if lost > 1 else ''} (U+FFFD) in the text: part of it was lost "
            "before it was read (bytes that were not UTF-8, decoded with errors='replace'); "
            + (f"{near} claim{'s' if near > 1 else ''} stand{'s' if near == 1 else ''} in a sentence with one: "
               "check those figures against the source" if near else "no claim stands in a sentence with one")
        )
    unknown = [f["level"] for f in fields].count("unknown")
    if unknown:
        warnings.append(
            f"level unknown for {unknown} of {len(claims)} claims: {subject.reason}"
        )
    return _new_report({
        "source": source,
        "url": url,
        "published": published or article.published,
        "title": title,
        "text": original if whole is None else whole,
        "segments": segments,
        "sentences": sentences,
        "claims": claims,
        "findings": findings,
        "coverage": coverage,
        "warnings": warnings,
    })


def _spans(nt: NormalizedText, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``nt.span(start, end)`` of each span. When no stage changed a length (``nt.identity``),
    ``span`` gives back a span that lies in order inside the text as it is: those are only checked."""
    n = len(nt.text)
    if nt.identity and all(0 <= s <= e <= n for s, e in spans):
        return spans
    span = nt.span
    return [span(s, e) for s, e in spans]


def _claim(d: Draft, nt: NormalizedText, period: Period | None, start: int, end: int) -> dict[str, object]:
    """The fields of the claim of draft ``d``, at ``start:end`` in the original text."""
    q = d.quantity
    raw = q.raw
    low, high = q.low, q.high
    if d.label and d.label.endswith("_target") and q.target is not None and d.value == q.target:
        m = _TARGET_RAW.search(nt.text, q.end, q.expr_end)
        raw = m.group(1) if m else raw
        low = high = d.value
    return {
        "metric": d.metric,
        "value": d.value,
        "raw": raw,
        "unit": d.unit,
        "qualifier": q.qualifier,
        "low": low,
        "high": high,
        "level": d.scope.level,
        "locality": d.scope.locality,
        "period": period,
        "total": d.total,
        "of": d.of,
        "start": start,
        "end": end,
        "sentence": d.sentence,
        "label": d.label,
    }


def _prefix(text: str, limit: int) -> str:
    """The first ``limit`` characters, ending at the last line break among them when there is one
    in their second half (so that no sentence is read cut in two)."""
    cut = text.rfind("\n", limit // 2, limit)
    return text[: cut + 1] if cut >= 0 else text[:limit]


def _parse_date(value: str, warnings: list[str]) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError:
        warnings.append(f"published={value!r} is not an ISO date (YYYY-MM-DD); ignored")
        return None
