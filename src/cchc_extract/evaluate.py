"""Score claims against a gold file, by the contract's rule (CONTRACT.md, "Gold files").

A predicted claim matches a gold claim when metric, unit and value agree (1e-6 relative), each gold
claim at most once, a gold claim of the same level preferred. Precision, recall and F1 count
non-optional gold claims whose metric is not ``other``; a predicted ``other``, or a prediction that
matches an optional or ``other`` gold claim, is neither right nor wrong. Level and qualifier are
accuracies over the matched pairs. Beyond the contract, where the gold gives them: period accuracy
(start and end dates equal) and locality accuracy (same name, case and spacing aside), over the
matched pairs whose gold claim carries the field.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CchcExtractError, GoldError
from .models import Claim, Report

__all__ = ["Score", "load_gold", "score_reports", "score_directory"]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    level_ok: int = 0
    qualifier_ok: int = 0
    matched: int = 0
    period_ok: int = 0
    period_n: int = 0
    locality_ok: int = 0
    locality_n: int = 0
    per_metric: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def level_accuracy(self) -> float:
        return self.level_ok / self.matched if self.matched else 0.0

    @property
    def qualifier_accuracy(self) -> float:
        return self.qualifier_ok / self.matched if self.matched else 0.0

    @property
    def period_accuracy(self) -> float | None:
        return self.period_ok / self.period_n if self.period_n else None

    @property
    def locality_accuracy(self) -> float | None:
        return self.locality_ok / self.locality_n if self.locality_n else None

    def summary(self) -> str:
        extra = "".join(
            f" {name}={acc:.3f} (of {n})"
            for name, acc, n in (("period_acc", self.period_accuracy, self.period_n),
                                 ("locality_acc", self.locality_accuracy, self.locality_n))
            if acc is not None
        )
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"level_acc={self.level_accuracy:.3f} qualifier_acc={self.qualifier_accuracy:.3f} "
            f"(tp={self.tp} fp={self.fp} fn={self.fn}){extra}"
        )

    def table(self) -> str:
        rows = [f"{'metric':40s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'P':>6s} {'R':>6s} {'F1':>6s}"]
        for m in sorted(self.per_metric):
            c = self.per_metric[m]
            p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            rows.append(f"{m:40s} {c['tp']:4d} {c['fp']:4d} {c['fn']:4d} {p:6.3f} {r:6.3f} {f:6.3f}")
        rows.append(self.summary())
        return "\n".join(rows)


def load_gold(path: str | Path) -> list[dict]:
    """The gold records of a JSONL file; a CchcExtractError naming the line when one is not JSON."""
    out: list[dict] = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{path}:{n}: not a JSON line ({exc.msg}); fix the gold file") from None
                if not isinstance(rec, dict) or "id" not in rec or "claims" not in rec:
                    raise GoldError(f"{path}:{n}: a gold line needs \"id\" and \"claims\"")
                out.append(rec)
    except OSError as exc:
        raise GoldError(f"{path}: cannot read the gold file ({exc.strerror or exc})") from None
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def score_reports(gold: list[dict], reports: dict[str, Report]) -> Score:
    """Score ``reports`` (by article id) against ``gold`` records."""
    s = Score()
    for art in gold:
        report = reports[art["id"]]
        golds = art["claims"]
        used: set[int] = set()
        for c in report.claims:
            if c.metric == "other":
                continue
            cands = [
                i for i, g in enumerate(golds)
                if i not in used and g["metric"] == c.metric and g["unit"] == c.unit and _close(c.value, g["value"])
            ]
            same_level = [i for i in cands if golds[i]["level"] == c.level]
            hit = (same_level or cands or [None])[0]
            if hit is None:
                s.fp += 1
                s.per_metric[c.metric]["fp"] += 1
                s.misses.append(f"FP {art['id']} {c.metric} {c.value:g} {c.unit}: {report.evidence(c)!r}")
                continue
            used.add(hit)
            g = golds[hit]
            if g.get("optional") or g["metric"] == "other":
                continue
            s.tp += 1
            s.per_metric[g["metric"]]["tp"] += 1
            s.matched += 1
            s.level_ok += c.level == g["level"]
            s.qualifier_ok += c.qualifier == g["qualifier"]
            if c.level != g["level"]:
                s.misses.append(f"LEVEL {art['id']} {g['metric']} {g['value']:g}: {c.level} != {g['level']}")
            _score_extras(s, art["id"], c, g)
        for i, g in enumerate(golds):
            if i not in used and not g.get("optional") and g["metric"] != "other":
                s.fn += 1
                s.per_metric[g["metric"]]["fn"] += 1
                s.misses.append(f"FN {art['id']} {g['metric']} {g['value']:g} {g['unit']}: {g['quote']!r}")
    return s


def _score_extras(s: Score, aid: str, c: Claim, g: dict) -> None:
    if "period" in g:
        s.period_n += 1
        gp = g["period"]
        want = (gp.get("start"), gp.get("end")) if gp else (None, None)
        got = (
            (c.period.start.isoformat() if c.period.start else None,
             c.period.end.isoformat() if c.period.end else None)
            if c.period else (None, None)
        )
        if got == want:
            s.period_ok += 1
        else:
            s.misses.append(f"PERIOD {aid} {g['metric']} {g['value']:g}: {got} != {want}")
    if "locality" in g:
        s.locality_n += 1
        want_l = " ".join((g["locality"] or "").split()).casefold()
        got_l = " ".join((c.locality or "").split()).casefold()
        if want_l == got_l:
            s.locality_ok += 1
        else:
            s.misses.append(f"LOCALITY {aid} {g['metric']} {g['value']:g}: {c.locality!r} != {g['locality']!r}")


def score_directory(gold_path: str | Path, articles: str | Path) -> Score:
    """Read each gold article's text from ``articles/<id>.txt|.html|.htm``, extract, and score."""
    from .pipeline import extract

    gold = load_gold(gold_path)
    reports: dict[str, Report] = {}
    for art in gold:
        for ext in (".txt", ".html", ".htm"):
            p = Path(articles) / f"{art['id']}{ext}"
            if p.exists():
                reports[art["id"]] = extract(p.read_text(encoding="utf-8"), source=p.name)
                break
        else:
            raise GoldError(f"gold article {art['id']!r} has no .txt/.html/.htm file in {articles}")
    return score_reports(gold, reports)
