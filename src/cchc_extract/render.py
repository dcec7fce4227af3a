"""The fact-check page: one self-contained HTML page (or a notebook fragment) for a ``Report``.

    from cchc_extract import extract
    from cchc_extract.render import report_html
    page = report_html(extract(text), lang="en")      # a whole page: <!doctype html> ...
    frag = report_html(report, compact=True)           # a fragment for Jupyter (Report._repr_html_)

What the page shows: a summary (claims found, claims checked, mismatches by severity, warnings);
the article's whole text, block by block, with every claim's evidence highlighted in place and
coloured by metric family (``lexicons/families.toml``), site furniture greyed out; a claim's details
on hover, keyboard focus and click; the findings, mismatches first, linked to their sentences and
claims; a small SVG chart of the dossier flow when the article gives the figures.

Safety: every piece of text from the article (or the report) goes through ``html.escape``; the
only scripts are the page's own (``assets/report.js``, the same bytes every time) and one JSON data
block in which ``<``, ``>`` and ``&`` are \\u-escaped, so no ``</script>`` in an article can end it;
the whole page carries a Content-Security-Policy that allows nothing but that script and that
style (by hash), and no load from anywhere. Words shown are data (``lexicons/ui.toml``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .lexicon import load
from .models import Claim, Finding, Report

__all__ = [
    "LANGS",
    "report_html",
    "ui",
    "family_of",
    "families",
    "script_text",
    "csp",
    "report_csp",
    "verdict",
    "format_number",
    "printed",
    "period_text",
]

LANGS = ("vi", "en")

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_STATUS_ORDER = {"mismatch": 0, "ok": 1, "unverifiable": 2}


# ---------------------------------------------------------------- data: words, families, assets


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(base[k], v) if isinstance(v, dict) and isinstance(base.get(k), dict) else v
    return out


@functools.cache
def ui(lang: str = "vi") -> dict[str, Any]:
    """The words of the page in ``lang`` (``lexicons/ui.toml``; a key missing in English falls back
    to Vietnamese)."""
    if lang not in LANGS:
        raise ValueError(f"lang={lang!r}: choose one of {', '.join(LANGS)}")
    data = load("ui")
    return data["vi"] if lang == "vi" else _merge(data["vi"], data[lang])


@functools.cache
def families() -> tuple[dict[str, Any], ...]:
    """The colour families of ``lexicons/families.toml``, in order."""
    return tuple(load("families")["family"])


@functools.cache
def family_of(metric: str) -> str:
    """The colour family of a metric name: listed first, then by prefix, else ``other``."""
    fams = families()
    for f in fams:
        if metric in f.get("metrics", ()):
            return f["name"]
    for f in fams:
        if any(metric.startswith(p) for p in f.get("prefixes", ())):
            return f["name"]
    return "other"


@functools.cache
def _asset(name: str) -> str:
    return resources.files("cchc_extract").joinpath("assets", name).read_text(encoding="utf-8")


def script_text() -> str:
    """The page's only executable script (the same for every report)."""
    return _asset("report.js")


@functools.cache
def _css(compact: bool) -> str:
    rules = [_asset("report.css")]
    for f in families():
        rules.append(f".cx .cx-f-{f['name']} {{ --fb: {f['background']}; --fi: {f['ink']}; }}")
    if not compact:
        rules.append("html, body { margin: 0; padding: 0; background: #ffffff; }")
    return "\n".join(rules) + "\n"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(scripts: Sequence[str] = (), styles: Sequence[str] = (), *, form_action: str = "'none'",
        header: bool = False) -> str:
    """A Content-Security-Policy allowing exactly these inline scripts and styles (by hash), data:
    images, and nothing from anywhere else. ``header``: for an HTTP header (adds frame-ancestors,
    which a <meta> policy cannot carry)."""
    script_src = " ".join(_hash(s) for s in scripts) or "'none'"
    style_src = " ".join(_hash(s) for s in styles) or "'none'"
    return (
        f"default-src 'none'; script-src {script_src}; style-src {style_src}; img-src data:; "
        f"base-uri 'none'; form-action {form_action}"
        + ("; frame-ancestors 'none'" if header else "")
    )


def report_csp(*, compact: bool = False, header: bool = False) -> str:
    """The Content-Security-Policy of a report page (its one script and its style, by hash)."""
    return csp([script_text()], [_css(compact)], header=header)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("cchc_extract")
    except Exception:  # noqa: BLE001 - not installed (running from a source tree)
        return "?"


# ---------------------------------------------------------------- words for figures


def format_number(x: float, lang: str = "vi", places: int | None = None) -> str:
    """10392 -> '10.392' (vi) / '10,392' (en); 85.67 -> '85,67' / '85.67'."""
    if places is None:
        places = 0 if float(x).is_integer() else min(4, len(f"{x:.4f}".rstrip("0").split(".")[1]))
    s = f"{abs(x):,.{places}f}"
    if lang == "vi":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return ("-" if x < 0 else "") + s


def _unit_suffix(c: Claim) -> str:
    return "%" if c.unit == "percent" else ""


def printed(c: Claim) -> str:
    """The figure as the article prints it: the raw number, ``%`` for percents."""
    return c.raw + _unit_suffix(c)


def _read(c: Claim, lang: str) -> str:
    s = format_number(c.value, lang) + _unit_suffix(c)
    if c.total is not None:
        s += " / " + format_number(c.total, lang)
    if c.of:
        s += f" ({c.of})"
    return s


def _shown(c: Claim, lang: str) -> str:
    """Qualifier word and number, in the page's language ('hơn 33.000' / 'more than 33,000')."""
    t = ui(lang)
    q = "" if c.qualifier == "exact" else t["qualifier"].get(c.qualifier, c.qualifier) + " "
    num = printed(c) if lang == "vi" else format_number(c.value, lang) + _unit_suffix(c)
    return q + num


def _date(d, lang: str) -> str:
    return d.strftime("%d/%m/%Y") if lang == "vi" else d.isoformat()


def period_text(c: Claim, lang: str = "vi") -> str | None:
    """The period's words and dates: 'năm 2022 (01/01/2022 – 31/12/2022)'."""
    p = c.period
    if p is None:
        return None
    if p.start is None and p.end is None:
        return p.label
    a = _date(p.start, lang) if p.start else "…"
    b = _date(p.end, lang) if p.end else "…"
    return f"{p.label} ({a} – {b})"


def metric_name(c: Claim, lang: str) -> str:
    t = ui(lang)
    if c.metric == "other":
        return f"{t['metric']['other']}: {c.label or '?'}"
    return t["metric"].get(c.metric, c.metric)


def verdict(f: Finding) -> str:
    """``error`` / ``warning`` / ``info`` for mismatches, else ``ok`` / ``unverifiable``."""
    return f.severity if f.status == "mismatch" else f.status


def _sorted_findings(report: Report) -> list[tuple[int, Finding]]:
    return sorted(
        enumerate(report.findings),
        key=lambda p: (_STATUS_ORDER.get(p[1].status, 3), _SEVERITY_ORDER.get(p[1].severity, 3) if p[1].status == "mismatch" else 0, p[0]),
    )


# ---------------------------------------------------------------- the text with its highlights


@dataclass(eq=False)
class _Item:
    """Something drawn over a stretch of the text: a sentence (level 1) or a claim group (level 2)."""

    start: int
    end: int
    level: int
    opener: str  # the opening tag of the first piece
    again: str  # the opening tag of a continuation piece (after a split)
    closer: str
    after: str = ""  # written once, after the last piece
    opened: bool = False


def _inline(text: str, a: int, b: int, items: Sequence[_Item], out: list[str]) -> None:
    """``text[a:b]`` escaped, with the items' tags properly nested: an item that crosses another's
    end is closed there and opened again (split), so the markup is never broken."""
    esc = html.escape
    live = [it for it in items if it.start < b and it.end > a and it.end > it.start]
    bounds = {a, b}
    starts: dict[int, list[_Item]] = {}
    for it in live:
        s, e = max(it.start, a), min(it.end, b)
        bounds.update((s, e))
        starts.setdefault(s, []).append(it)
    stack: list[_Item] = []
    pos = a
    for p in sorted(bounds):
        if p > pos:
            out.append(esc(text[pos:p]))
            pos = p
        reopen: list[_Item] = []

        def ends_here(it: _Item) -> bool:
            return min(it.end, b) == p

        while any(ends_here(it) for it in stack):
            it = stack.pop()
            out.append(it.closer)
            if ends_here(it):
                if it.end == p:
                    out.append(it.after)
            else:
                reopen.append(it)
        for it in sorted(reopen + starts.get(p, []), key=lambda it: (it.level, -it.end)):
            if min(it.end, b) <= p:
                continue
            out.append(it.again if it.opened else it.opener)
            it.opened = True
            stack.append(it)
    while stack:  # nothing should be left (every item ends by b); close defensively
        out.append(stack.pop().closer)


@dataclass
class _Ctx:
    report: Report
    lang: str
    p: str  # id prefix
    t: dict[str, Any]
    anchor: dict[int, str] = field(default_factory=dict)  # claim index -> element id
    claim_verdicts: dict[int, list[tuple[int, Finding]]] = field(default_factory=dict)
    sentence_mis: dict[int, list[tuple[int, Finding]]] = field(default_factory=dict)


def _worst(fs: Sequence[tuple[int, Finding]]) -> str | None:
    mis = [f for _, f in fs if f.status == "mismatch"]
    if not mis:
        return None
    return min((f.severity for f in mis), key=lambda s: _SEVERITY_ORDER.get(s, 3))


def _items(ctx: _Ctx) -> list[_Item]:
    r, p, t = ctx.report, ctx.p, ctx.t
    esc = html.escape
    items: list[_Item] = []
    for s in r.sentences:
        mis = _worst(ctx.sentence_mis.get(s.index, []))
        cls = "cx-s" + (f" cx-mis-{mis}" if mis else "")
        flags = "".join(
            f'<a class="cx-flag cx-v-{f.severity}" href="#{p}f{j}" title="{esc(t["verdict"][f.severity])}: '
            f'{esc(t["rule"].get(f.rule, f.rule))}">{"!" if f.severity == "error" else "?" if f.severity == "warning" else "i"}</a>'
            for j, f in ctx.sentence_mis.get(s.index, [])
            if f.status == "mismatch"
        )
        items.append(_Item(
            s.start, s.end, 1,
            f'<span class="{cls}" id="{p}s{s.index}" data-n="{s.index + 1}">',
            f'<span class="{cls} cx-cont">', "</span>", flags,
        ))
    groups: dict[tuple[int, int], list[int]] = {}
    for i, c in enumerate(r.claims):
        groups.setdefault((c.start, c.end), []).append(i)
    for (s, e), idx in groups.items():
        fam = family_of(r.claims[idx[0]].metric)
        worst = _worst([pair for i in idx for pair in ctx.claim_verdicts.get(i, [])])
        cls = f"cx-m cx-f-{fam}" + (f" cx-x-{worst}" if worst else "")
        data_c = " ".join(map(str, idx))
        label = "; ".join(f"{metric_name(r.claims[i], ctx.lang)} {_shown(r.claims[i], ctx.lang)}" for i in idx)
        for i in idx:
            ctx.anchor[i] = f"{p}c{idx[0]}"
        items.append(_Item(
            s, e, 2,
            f'<mark class="{cls}" id="{p}c{idx[0]}" data-c="{data_c}" tabindex="0" role="button" '
            f'aria-expanded="false" aria-label="{esc(label)}">',
            f'<mark class="{cls} cx-cont" data-c="{data_c}">', "</mark>",
        ))
    return items


def _blocks(report: Report) -> list[tuple[str | None, int, int, str | None]]:
    """(kind, start, end, reason) covering the text: the segments, and the gaps between them."""
    out: list[tuple[str | None, int, int, str | None]] = []
    pos = 0
    for seg in sorted(report.segments, key=lambda s: (s.start, s.end)):
        if seg.start < pos:  # overlapping segments: keep the text once
            if seg.end <= pos:
                continue
            seg = seg.model_copy(update={"start": pos})
        if seg.start > pos:
            out.append((None, pos, seg.start, None))
        out.append((seg.kind, seg.start, seg.end, seg.reason))
        pos = seg.end
    if pos < len(report.text):
        out.append((None, pos, len(report.text), None))
    return out


_LABELLED = {"dateline", "caption", "byline"}


def _article(ctx: _Ctx, out: list[str]) -> None:
    r, t = ctx.report, ctx.t
    esc = html.escape
    items = _items(ctx)
    starts = sorted(it.start for it in items)
    in_furniture = False
    import bisect

    for kind, a, b, reason in _blocks(r):
        if kind is None:
            i = bisect.bisect_left(starts, a)
            has_item = i < len(starts) and starts[i] < b
            if not r.text[a:b].strip() and not has_item:
                continue
        if kind == "furniture" and not in_furniture:
            out.append(f'<div class="cx-furn"><p class="cx-furn-label">{esc(t["furniture_label"])}</p>')
            in_furniture = True
        elif kind != "furniture" and in_furniture:
            out.append("</div>")
            in_furniture = False
        k = kind or "gap"
        title = f' title="{esc(t["kind"].get(kind, kind))}: {esc(reason)}"' if kind and reason else ""
        data_k = f' data-k="{esc(t["kind"][kind])}"' if kind in _LABELLED else ""
        out.append(f'<p class="cx-seg cx-k-{k}"{data_k}{title}>')
        _inline(r.text, a, b, items, out)
        out.append("</p>")
    if in_furniture:
        out.append("</div>")


# ---------------------------------------------------------------- summary, findings, table


def _summary(ctx: _Ctx, out: list[str], back_href: str | None) -> None:
    r, t, p = ctx.report, ctx.t, ctx.p
    esc = html.escape
    if back_href:
        out.append(f'<a class="cx-back" href="{esc(back_href)}">{esc(t["back"])}</a>')
    out.append(f'<header class="cx-head"><p class="cx-kicker">{esc(t["page_title"])}</p>')
    out.append(f"<h1>{esc(r.title or t['no_title'])}</h1>")
    meta = [f"{esc(t['published'])}: {esc(_date(r.published, ctx.lang))}" if r.published else esc(t["no_date"])]
    if r.source or r.url:
        meta.append(f"{esc(t['source'])}: {esc(r.source or r.url or '')}")
    out.append(f'<p class="cx-meta">{" · ".join(meta)}</p>')
    sev = {s: sum(1 for f in r.findings if f.status == "mismatch" and f.severity == s) for s in ("error", "warning", "info")}
    n_mis = sum(sev.values())
    n_ok = sum(f.status == "ok" for f in r.findings)
    n_unv = sum(f.status == "unverifiable" for f in r.findings)
    bad = " cx-bad" if sev["error"] else " cx-meh" if sev["warning"] else ""
    by_sev = " · ".join(f"{esc(t['severity'][s])}: {sev[s]}" for s in ("error", "warning", "info"))
    out.append('<ul class="cx-cards">')
    out.append(f'<li class="cx-card"><b>{len(r.claims)}</b>{esc(t["claims_found"])}</li>')
    out.append(f'<li class="cx-card"><b>{r.coverage.checked}/{r.coverage.total}</b>{esc(t["claims_checked"])}</li>')
    out.append(f'<li class="cx-card{bad}"><a href="#{p}fh"><b>{n_mis}</b>{esc(t["mismatches"])}<small>{by_sev}</small></a></li>')
    out.append(f'<li class="cx-card"><b>{n_ok}</b>{esc(t["consistent"])}</li>')
    out.append(f'<li class="cx-card"><b>{n_unv}</b>{esc(t["unverifiable_n"])}</li>')
    out.append("</ul>")
    if r.warnings:
        out.append(f'<div class="cx-warnings"><b>{esc(t["warnings"])}</b><ul>')
        out.extend(f"<li>{esc(w)}</li>" for w in r.warnings)
        out.append("</ul></div>")
    out.append("</header>")


def _legend(ctx: _Ctx, out: list[str]) -> None:
    t = ctx.t
    esc = html.escape
    present = {family_of(c.metric) for c in ctx.report.claims}
    out.append(f'<ul class="cx-legend" aria-label="{esc(t["legend"])}">')
    for f in families():
        if f["name"] in present:
            out.append(f'<li><span class="cx-sw cx-f-{f["name"]}"></span>{esc(t["family"][f["name"]])}</li>')
    if ctx.sentence_mis:
        out.append(f'<li><span class="cx-sw cx-sw-mis"></span>{esc(t["in_mismatch"])}</li>')
    out.append("</ul>")


def _findings(ctx: _Ctx, out: list[str]) -> None:
    r, t, p, lang = ctx.report, ctx.t, ctx.p, ctx.lang
    esc = html.escape
    out.append(f'<section class="cx-findings" aria-labelledby="{p}fh"><h2 id="{p}fh">{esc(t["findings"])}</h2>')
    if not r.findings:
        out.append(f'<p class="cx-none">{esc(t["no_findings"])}</p></section>')
        return
    current = None
    for j, f in _sorted_findings(r):
        if f.status != current:
            if current is not None:
                out.append("</ol>")
            n = sum(g.status == f.status for g in r.findings)
            out.append(f'<h3>{esc(t["group"][f.status])} ({n})</h3><ol class="cx-fl">')
            current = f.status
        v = verdict(f)
        valid = [i for i in f.claims if 0 <= i < len(r.claims)]
        data_c = " ".join(map(str, valid))
        msg = f.message if lang == "vi" else f.message_en
        out.append(f'<li class="cx-fd cx-v-{v}" id="{p}f{j}" data-c="{data_c}">')
        out.append(f'<div class="cx-fd-h"><span class="cx-badge cx-v-{v}">{esc(t["verdict"][v])}</span>'
                   f'<span class="cx-rule">{esc(t["rule"].get(f.rule, f.rule))}</span></div>')
        out.append(f'<p class="cx-msg">{esc(msg)}</p>')
        links = []
        for s in sorted({r.claims[i].sentence for i in valid}):
            if 0 <= s < len(r.sentences):
                links.append(f'<a class="cx-slink" href="#{p}s{s}">{esc(t["sentence"].format(n=s + 1))}</a>')
        for i in valid:
            c = r.claims[i]
            chip = t["claim_chip"].format(i=i, name=metric_name(c, lang), value=_shown(c, lang))
            links.append(f'<a class="cx-chip cx-f-{family_of(c.metric)}" href="#{ctx.anchor.get(i, "")}">{esc(chip)}</a>')
        if links:
            out.append(f'<p class="cx-links">{esc(t["involves"])}: {" ".join(links)}</p>')
        out.append("</li>")
    out.append("</ol>")
    out.append(f'<p class="cx-help">{esc(t["severity_help"])}</p></section>')


def _table(ctx: _Ctx, out: list[str]) -> None:
    r, t, p, lang = ctx.report, ctx.t, ctx.p, ctx.lang
    esc = html.escape
    if not r.claims:
        return
    fld = t["field"]
    heads = ["#", fld["metric"], fld["printed"], fld["read"], fld["qualifier"], fld["level"], fld["locality"],
             fld["period"], fld["sentence"]]
    out.append(f'<details class="cx-all"><summary>{esc(t["all_claims"].format(n=len(r.claims)))}</summary>')
    out.append('<div class="cx-tbl-wrap"><table class="cx-tbl"><thead><tr>')
    out.extend(f"<th>{esc(h)}</th>" for h in heads)
    out.append("</tr></thead><tbody>")
    for i, c in enumerate(r.claims):
        q = t["qualifier"].get(c.qualifier, c.qualifier)
        if c.qualifier != "exact":
            q += f" ({format_number(c.low, lang)} – {format_number(c.high, lang)})"
        cells = [
            f'<td class="cx-num"><a href="#{ctx.anchor.get(i, "")}">{i}</a></td>',
            f'<td><span class="cx-chip cx-f-{family_of(c.metric)}">{esc(metric_name(c, lang))}</span></td>',
            f'<td class="cx-num">{esc(printed(c))}</td>',
            f'<td class="cx-num">{esc(_read(c, lang))}</td>',
            f"<td>{esc(q)}</td>",
            f"<td>{esc(t['level'].get(c.level, c.level))}</td>",
            f"<td>{esc(c.locality or '')}</td>",
            f"<td>{esc(period_text(c, lang) or '')}</td>",
            f'<td class="cx-num"><a href="#{p}s{c.sentence}">{c.sentence + 1}</a></td>',
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div></details>")


def _claim_data(ctx: _Ctx) -> list[dict[str, Any]]:
    """What the popup shows for each claim, already in the page's language."""
    r, t, lang = ctx.report, ctx.t, ctx.lang
    fld = t["field"]
    data = []
    for i, c in enumerate(r.claims):
        q = t["qualifier"].get(c.qualifier, c.qualifier)
        if c.qualifier != "exact" or c.low != c.high:
            q += f" ({format_number(c.low, lang)} – {format_number(c.high, lang)}{_unit_suffix(c)})"
        checks = "; ".join(
            f"{t['verdict'][verdict(f)]}: {t['rule'].get(f.rule, f.rule)}" for _, f in ctx.claim_verdicts.get(i, [])
        )
        worst = _worst(ctx.claim_verdicts.get(i, []))
        metric = metric_name(c, lang) + (f" ({c.metric})" if c.metric != "other" else "")
        rows = [
            [fld["metric"], metric, None],
            [fld["printed"], printed(c), None],
            [fld["read"], _read(c, lang), None],
            [fld["qualifier"], q, None],
            [fld["level"], t["level"].get(c.level, c.level), None],
            [fld["locality"], c.locality or "—", None],
            [fld["period"], period_text(c, lang) or "—", None],
            [fld["sentence"], str(c.sentence + 1), None],
            [fld["checks"], checks or None, worst],
        ]
        data.append({"head": f"#{i} {metric_name(c, lang)}: {_shown(c, lang)}", "fam": family_of(c.metric), "rows": rows})
    return data


def _json_for_script(obj: Any) -> str:
    """JSON that cannot end its <script> element nor open a comment: <, >, & and the JS line
    separators are \\u-escaped (JSON.parse reads them back as the same characters)."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# ---------------------------------------------------------------- the dossier-flow chart

_PART_SETS = (
    ("dossiers_resolved_early", "dossiers_resolved_on_time", "dossiers_resolved_late"),
    ("dossiers_resolved_early", "dossiers_resolved_on_time"),
    ("dossiers_resolved_early_or_on_time", "dossiers_resolved_late"),
)
_FLOW = {"dossiers_received", "dossiers_resolved", *(m for s in _PART_SETS for m in s)}


def _flows(report: Report) -> list[tuple[tuple, dict[tuple[str, str], Claim]]]:
    """Scopes (level, place, period) with at least two stages of the flow, in reading order."""
    groups: dict[tuple, dict[tuple[str, str], Claim]] = {}
    for c in report.claims:
        if c.metric not in _FLOW or c.total is not None:
            continue
        per = (c.period.start, c.period.end, c.period.label) if c.period else None
        key = (c.level, c.locality, per)
        groups.setdefault(key, {}).setdefault((c.metric, c.unit), c)
    out = []
    for key, g in groups.items():
        has_rec = ("dossiers_received", "count") in g
        has_res = ("dossiers_resolved", "count") in g
        parts = _parts(g, has_res)
        if (has_rec and has_res) or (has_res and parts) or (has_rec and parts and parts[0].unit == "count"):
            out.append((key, g))
    return out


def _parts(g: dict[tuple[str, str], Claim], has_res: bool) -> list[Claim]:
    for unit in ("count", "percent"):
        if unit == "percent" and not has_res:
            break
        for s in _PART_SETS:
            if all((m, unit) in g for m in s):
                return [g[(m, unit)] for m in s]
    return []


def _chart(ctx: _Ctx, key: tuple, g: dict[tuple[str, str], Claim], n: int) -> str:
    t, lang = ctx.t, ctx.lang
    esc = html.escape
    colours = load("families")["chart"]
    rec = g.get(("dossiers_received", "count"))
    res = g.get(("dossiers_resolved", "count"))
    parts = _parts(g, res is not None)
    pct = bool(parts) and parts[0].unit == "percent"
    part_values = [(res.value * c.value / 100.0 if pct and res else c.value) for c in parts]
    top = max([c.value for c in (rec, res) if c] + [sum(part_values)] + [1.0])
    label_w, bar_w, row_h = 118, 170, 26
    extent = float(label_w + bar_w)  # the rightmost point drawn (text width estimated at 6.6 px a character)
    scale = bar_w / top
    y = 8
    body: list[str] = []

    def row(label: str, value: float, colour: str, shown: str) -> None:
        nonlocal y, extent
        w = max(1.0, value * scale)
        body.append(f'<text x="0" y="{y + 14}" class="cx-ax">{esc(label)}</text>')
        body.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="16" rx="2" fill="{colour}"></rect>')
        body.append(f'<text x="{label_w + w + 5:.1f}" y="{y + 14}">{esc(shown)}</text>')
        extent = max(extent, label_w + w + 5 + 6.6 * len(shown))
        y += row_h

    if rec:
        row(t["chart_row"]["received"], rec.value, colours["received"], _shown(rec, lang))
    if res:
        row(t["chart_row"]["resolved"], res.value, colours["resolved"], _shown(res, lang))
    if parts:
        x = float(label_w)
        body.append(f'<text x="0" y="{y + 14}" class="cx-ax">{esc(t["chart_parts"])}</text>')
        for c, v in zip(parts, part_values):
            w = max(1.0, v * scale)
            body.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="16" fill="{colours.get(c.metric, "#999")}">'
                        f"<title>{esc(t['chart_row'].get(c.metric, c.metric))}: {esc(_shown(c, lang))}</title></rect>")
            x += w
        total_parts = sum(part_values)
        if res and not pct and abs(total_parts - res.value) > 0.5:
            note = t["chart_parts_sum"].format(value=format_number(total_parts, lang))
            body.append(f'<text x="{x + 5:.1f}" y="{y + 14}" class="cx-note">{esc(note)}</text>')
            extent = max(extent, x + 5 + 6.6 * len(note))
        y += row_h
        for c in parts:  # the key: one line per part
            body.append(f'<rect x="{label_w}" y="{y + 3}" width="10" height="10" fill="{colours.get(c.metric, "#999")}"></rect>')
            key_text = f'{t["chart_row"].get(c.metric, c.metric)}: {_shown(c, lang)}'
            body.append(f'<text x="{label_w + 15}" y="{y + 12}">{esc(key_text)}</text>')
            extent = max(extent, label_w + 15 + 6.6 * len(key_text))
            y += 17
        if pct:
            body.append(f'<text x="{label_w}" y="{y + 10}" class="cx-ax">({esc(t["chart_share"])})</text>')
            y += 16
    level, locality, per = key
    scope = [locality or t["level_scope"].format(level=t["level"].get(level, level))]
    if per:
        scope.append(per[2])
    cid = f"{ctx.p}chart{n}"
    caption = f"{t['chart']}: {' · '.join(scope)}"
    return (
        f'<figure class="cx-chart"><figcaption id="{cid}">{esc(caption)}</figcaption>'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {int(extent) + 8} {y + 4}" role="img" aria-labelledby="{cid}">'
        + "".join(body) + "</svg></figure>"
    )


# ---------------------------------------------------------------- the page


def report_html(
    report: Report,
    *,
    lang: str = "vi",
    compact: bool = False,
    back_href: str | None = None,
    id_prefix: str | None = None,
) -> str:
    """The fact-check page of ``report``: a whole self-contained HTML document, or with
    ``compact=True`` a fragment for a notebook (no <html>/<head>; CSS scoped under ``.cx``; element
    ids prefixed by a random ``id_prefix`` so that two reports on one page never collide).

    ``lang``: ``vi`` (default) or ``en``, for every word of the page and the findings' messages.
    ``back_href``: a link shown above the title (the paste-in server's form).
    """
    t = ui(lang)
    p = id_prefix if id_prefix is not None else ("cx-" if not compact else f"cx{secrets.token_hex(4)}-")
    ctx = _Ctx(report=report, lang=lang, p=p, t=t)
    for j, f in enumerate(report.findings):
        for i in f.claims:
            if 0 <= i < len(report.claims):
                ctx.claim_verdicts.setdefault(i, []).append((j, f))
        if f.status == "mismatch":
            for s in sorted({report.claims[i].sentence for i in f.claims if 0 <= i < len(report.claims)}):
                ctx.sentence_mis.setdefault(s, []).append((j, f))
    for s in ctx.sentence_mis:
        ctx.sentence_mis[s].sort(key=lambda pair: (_SEVERITY_ORDER.get(pair[1].severity, 3), pair[0]))

    esc = html.escape
    out: list[str] = []
    root = f"{p}root"
    out.append(f'<div class="cx{" cx-compact" if compact else ""}" id="{root}" lang="{esc(t["html_lang"])}">')
    _summary(ctx, out, back_href)
    out.append('<div class="cx-grid">')
    out.append(f'<main class="cx-article" aria-label="{esc(t["article"])}">' if not compact
               else f'<div class="cx-article" aria-label="{esc(t["article"])}">')
    out.append(f'<p class="cx-help">{esc(t["how_to"])}</p>')
    _legend(ctx, out)
    _article(ctx, out)
    _table(ctx, out)
    out.append("</main>" if not compact else "</div>")
    out.append('<aside class="cx-aside">')
    for n, (key, g) in enumerate(_flows(report)[:3]):
        out.append(_chart(ctx, key, g, n))
    _findings(ctx, out)
    out.append("</aside></div>")
    out.append(f'<p class="cx-foot">{esc(t["footer"].format(version=_version()))}</p>')
    out.append(f'<div class="cx-tip" id="{root}-tip" role="tooltip" hidden></div>')
    data = {"root": root, "close": t["close"], "claims": _claim_data(ctx)}
    out.append(f'<script type="application/json" data-cchc-report="1">{_json_for_script(data)}</script>')
    js = script_text()
    out.append(f"<script>{js}</script>")
    out.append("</div>")
    css = _css(compact)
    if compact:
        return f"<style>{css}</style>" + "".join(out)
    title = f"{t['page_title']}: {report.title}" if report.title else t["page_title"]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(t["html_lang"])}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(report_csp())}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title><style>{css}</style></head><body>"
        + "".join(out)
        + "</body></html>\n"
    )
