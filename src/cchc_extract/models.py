"""The public records of the contract (../shared/spec/CONTRACT.md), as pydantic v2 models.

Every offset in these records points into the ORIGINAL input text: ``text[claim.start:claim.end]``
is the evidence, whatever normalization happened on the way. The models are frozen: a Report is
a finished answer, not a work area. JSON round-trips are lossless
(``Report.model_validate_json(r.model_dump_json()) == r``).
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Unit",
    "Qualifier",
    "Level",
    "SegmentKind",
    "Period",
    "Segment",
    "Sentence",
    "Claim",
    "Finding",
    "Coverage",
    "Report",
]

Unit = Literal["count", "percent"]
Qualifier = Literal["exact", "more_than", "less_than", "about", "nearly", "at_least", "at_most"]
Level = Literal["national", "province", "district", "commune", "agency", "unknown"]
SegmentKind = Literal["title", "dateline", "body", "caption", "byline", "furniture"]
Status = Literal["ok", "mismatch", "unverifiable"]
Severity = Literal["error", "warning", "info"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Period(_Record):
    """A reporting period: dates plus the words it was read from."""

    start: _dt.date | None = None
    end: _dt.date | None = None
    label: str


class Segment(_Record):
    """A block of the article (a line or paragraph) with its role."""

    kind: SegmentKind
    start: int
    end: int
    reason: str | None = Field(default=None, description="why the block got its kind")


class Sentence(_Record):
    """A sentence of a title, body or caption block; claims point at these by index."""

    index: int
    start: int
    end: int
    text: str
    segment: int = Field(description="index into Report.segments")


class Claim(_Record):
    """One numeric statement of the article."""

    metric: str
    value: float
    raw: str = Field(description="the number exactly as printed, e.g. '11,80'")
    unit: Unit
    qualifier: Qualifier = "exact"
    low: float
    high: float
    level: Level = "unknown"
    locality: str | None = None
    period: Period | None = None
    total: float | None = None
    of: str | None = None
    start: int
    end: int
    sentence: int
    label: str | None = None


class Finding(_Record):
    """One consistency check over claims."""

    rule: str
    status: Status
    severity: Severity
    claims: list[int]
    expected: float | None = None
    actual: float | None = None
    tolerance: float = 0.0
    message: str
    message_en: str


class Coverage(_Record):
    """How many claims took part in at least one check, of how many."""

    checked: int = 0
    total: int = 0

    @property
    def ratio(self) -> float:
        return self.checked / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.checked}/{self.total}"


class Report(_Record):
    """Everything cchc_extract found in one article."""

    source: str | None = None
    url: str | None = None
    published: _dt.date | None = None
    title: str | None = None
    text: str = Field(description="the original input text; all offsets point into it")
    segments: list[Segment] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    coverage: Coverage = Field(default_factory=Coverage)
    warnings: list[str] = Field(default_factory=list)

    def evidence(self, claim: Claim) -> str:
        """The text a claim was read from."""
        return self.text[claim.start : claim.end]

    def to_frame(self, what: Literal["claims", "findings"] = "claims"):
        """This report's claims (or findings) as a pandas DataFrame, one row each.

        The columns and dtypes are those of ``claims_frame`` / ``findings_frame`` (categories for
        metric, unit, qualifier, level; nullable integers; datetime64 period dates); ``article_id`` is
        the report's source, else its url, else ``"article"``. Needs pandas and pyarrow
        (``pip install 'cchc_extract[frames]'``)."""
        from . import tables

        name = self.source or self.url or "article"
        if what == "claims":
            return tables.claims_frame({name: self})
        if what == "findings":
            return tables.findings_frame({name: self})
        raise ValueError(f"to_frame({what!r}): choose 'claims' or 'findings'")

    def _repr_html_(self) -> str:
        """The fact-check page as a notebook fragment (Jupyter shows it for a Report)."""
        from . import render

        return render.report_html(self, compact=True)

    def __repr__(self) -> str:
        name = self.source or self.title or "article"
        return (
            f"<Report {name!r}: {len(self.claims)} claims, {len(self.findings)} findings, "
            f"{len(self.warnings)} warnings>"
        )
