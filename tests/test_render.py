"""The fact-check page (render.report_html) and the CLI commands around it (report, check)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cchc_extract import extract
from cchc_extract.cli import main
from cchc_extract.models import Report
from cchc_extract.render import family_of, report_csp, report_html, script_text

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))
CORPUS = sorted((Path(__file__).parent / "fixtures" / "corpus").glob("*/*.txt"))
SEED_003 = next(p for p in SEEDS if p.name.startswith("003"))
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """A strict reading of a page: every end tag must close the element opened last."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.elements: list[dict] = []
        self.errors: list[str] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[e['tag'] for e in self.stack]}")

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": [], "anc": list(self.stack),
              "classes_up": [e["attrs"].get("class", "") for e in self.stack]}
        self.elements.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1]["tag"] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1]['tag'] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        for el in self.stack:
            el["text"].append(data)

    # helpers
    def all(self, tag=None, cls=None):
        return [e for e in self.elements if (tag is None or e["tag"] == tag)
                and (cls is None or cls in e["attrs"].get("class", "").split())]

    def ids(self) -> set[str]:
        return {e["attrs"]["id"] for e in self.elements if "id" in e["attrs"]}

    @staticmethod
    def text(el) -> str:
        return "".join(el["text"])


def claim_texts(page: Page) -> dict[int, str]:
    """Each claim's highlighted text: the pieces of the marks carrying it, in document order."""
    out: dict[int, str] = {}
    for m in page.all("mark", "cx-m"):
        for i in m["attrs"]["data-c"].split():
            out[int(i)] = out.get(int(i), "") + Page.text(m)
    return out


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {p.name: extract(p.read_text(encoding="utf-8"), source=p.name) for p in SEEDS + CORPUS}


def test_every_claim_is_highlighted_with_its_evidence(reports):
    for name, r in reports.items():
        page = Page(report_html(r))
        assert not page.errors, (name, page.errors[:3])
        texts = claim_texts(page)
        for i, c in enumerate(r.claims):
            assert texts.get(i) == r.text[c.start:c.end], (name, i)
            mark = next(m for m in page.all("mark", "cx-m") if str(i) in m["attrs"]["data-c"].split())
            first = r.claims[int(mark["attrs"]["data-c"].split()[0])]  # claims on the same words share a mark
            assert f"cx-f-{family_of(first.metric)}" in mark["attrs"]["class"].split()


def test_the_whole_text_is_on_the_page(reports):
    for name in (SEEDS[0].name, SEED_003.name):
        r = reports[name]
        page_html = re.sub(r'<a class="cx-flag[^>]*>[^<]*</a>', "", report_html(r))  # the mismatch flags are ours
        shown = [Page.text(p) for p in Page(page_html).all("p", "cx-seg")]
        assert shown == [r.text[s.start:s.end] for s in r.segments]  # every block, in order, as printed


def test_furniture_segments_carry_the_furniture_class(reports):
    for name in (SEEDS[0].name, SEED_003.name):
        r = reports[name]
        page = Page(report_html(r))
        furn = [s for s in r.segments if s.kind == "furniture"]
        shown = page.all("p", "cx-k-furniture")
        assert furn and len(shown) == len(furn)
        for seg, el in zip(furn, shown):
            assert Page.text(el) == r.text[seg.start:seg.end]
            assert any("cx-furn" in c.split() for c in el["classes_up"])  # inside the labelled, greyed box
        for kind in ("title", "body"):
            assert all(not any("cx-furn" in c.split() for c in el["classes_up"]) for el in page.all("p", f"cx-k-{kind}"))


def test_findings_link_to_existing_anchors_mismatches_first(reports):
    for name, r in reports.items():
        page = Page(report_html(r))
        ids = page.ids()
        hrefs = [e["attrs"]["href"] for e in page.all("a") if e["attrs"].get("href", "").startswith("#")]
        assert hrefs
        assert all(h[1:] in ids for h in hrefs), name
        items = page.all("li", "cx-fd")
        assert len(items) == len(r.findings)
        statuses = [next(s for s in ("error", "warning", "info", "ok", "unverifiable")
                         if f"cx-v-{s}" in li["attrs"]["class"].split()) for li in items]
        rank = {"error": 0, "warning": 1, "info": 2, "ok": 3, "unverifiable": 4}
        assert statuses == sorted(statuses, key=rank.get)
        for li in items:  # each finding links to every claim it names, and to their sentences
            j = int(li["attrs"]["id"].rsplit("f", 1)[1])
            f = r.findings[j]
            links = {e["attrs"]["href"] for e in page.elements if e["tag"] == "a" and any(a is li for a in e["anc"])}
            for i in f.claims:
                assert f"#cx-s{r.claims[i].sentence}" in links
                assert f"#cx-c{i}" in links or any(
                    i in map(int, m["attrs"]["data-c"].split()) and f"#{m['attrs']['id']}" in links
                    for m in page.all("mark", "cx-m") if "id" in m["attrs"])


def test_mismatch_sentence_is_marked_and_finding_is_shown(reports):
    r = reports[SEED_003.name]
    page_html = report_html(r)
    page = Page(page_html)
    err = next(f for f in r.findings if f.status == "mismatch" and f.severity == "error")
    assert html.escape(err.message) in page_html
    sent = r.claims[err.claims[0]].sentence
    marked = [e for e in page.all("span", "cx-mis-error")]
    assert any(e["attrs"].get("id") == f"cx-s{sent}" for e in marked)
    assert "1.930" in "".join(Page.text(e) for e in marked)
    # the summary counts it
    card = next(e for e in page.all("li", "cx-card") if "cx-bad" in e["attrs"]["class"])
    assert Page.text(card).startswith("2")


def test_claim_details_are_in_the_embedded_data(reports):
    r = reports[SEED_003.name]
    page = Page(report_html(r, lang="en"))
    data = json.loads(Page.text(next(e for e in page.all("script") if e["attrs"].get("type") == "application/json")))
    assert len(data["claims"]) == len(r.claims)
    c0 = dict((row[0], row[1]) for row in data["claims"][0]["rows"])
    assert c0["Metric"] == "Files received (dossiers_received)"
    assert c0["As printed"] == "33.000" and c0["Value read"] == "33,000"
    assert c0["Qualifier"] == "more than (33,000 – 36,300)"
    assert c0["Level"] == "province" and c0["Place"] == "tỉnh Hậu Giang"
    assert "2019-11-21" in c0["Period"]


HOSTILE = (
    "<script>alert(1)</script>\n\n"
    'Tiêu đề "><img src=x onerror=alert(2)> và </script><script>alert(3)</script>\n\n'
    'Huyện đã tiếp nhận 10.392 hồ sơ <svg onload=alert(4)>, đã giải quyết 10.237 hồ sơ "><img src=x onerror=alert(5)>, '
    "trước hạn 10.151 hồ sơ, đúng hạn 49 hồ sơ, trễ hẹn 37 hồ sơ </script><!-- \u2028 &amp; &lt;b&gt;.\n"
)


def test_hostile_article_is_escaped():
    r = extract(HOSTILE, source='"><script>alert(6)</script>.txt')
    assert r.claims  # the figures next to the markup are read
    for page_html in (report_html(r), report_html(r, lang="en"), report_html(r, compact=True)):
        page = Page(page_html)
        assert not page.errors
        scripts = page.all("script")
        assert len(scripts) == 2
        data, code = scripts
        assert data["attrs"] == {"type": "application/json", "data-cchc-report": "1"}
        assert Page.text(code) == script_text() and code["attrs"] == {}
        payload = Page.text(data)
        assert "<" not in payload and ">" not in payload
        json.loads(payload)
        assert not page.all("img")
        assert all(any("cx-chart" in c.split() for c in e["classes_up"]) for e in page.all("svg"))
        for e in page.elements:
            assert not any(k.startswith("on") for k in e["attrs"]), e
        assert "<script>alert" not in page_html and "&lt;script&gt;alert(1)&lt;/script&gt;" in page_html
        texts = claim_texts(page)
        for i, c in enumerate(r.claims):
            assert texts[i] == r.text[c.start:c.end]


def test_content_security_policy_forbids_loads_and_allows_only_our_script():
    page_html = report_html(extract(SEED_003.read_text(encoding="utf-8")))
    page = Page(page_html)
    meta = next(e for e in page.all("meta") if e["attrs"].get("http-equiv") == "Content-Security-Policy")
    policy = meta["attrs"]["content"]
    assert policy == report_csp()
    assert "default-src 'none'" in policy and "http" not in policy and "unsafe-inline" not in policy
    digest = base64.b64encode(hashlib.sha256(script_text().encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    style = Page.text(page.all("style")[0])
    assert base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() in policy
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page_html)  # nothing loaded from elsewhere


def test_lang_en_shows_message_en_and_english_words(reports):
    r = reports[SEED_003.name]
    en, vi = report_html(r, lang="en"), report_html(r)
    for f in r.findings:
        assert html.escape(f.message_en) in en and html.escape(f.message) not in en
        assert html.escape(f.message) in vi
    assert '<html lang="en">' in en and "Checks" in en and "Mismatches" in en
    assert '<html lang="vi">' in vi and "Kết quả đối chiếu" in vi
    with pytest.raises(ValueError):
        report_html(r, lang="fr")


def test_compact_is_a_fragment_with_distinct_ids(reports):
    r = reports[SEED_003.name]
    a, b = report_html(r, compact=True), r._repr_html_()
    for frag in (a, b):
        assert not re.search(r"<(?:html|head|body)[\s>]", frag)
        assert frag.startswith("<style>") and 'class="cx cx-compact"' in frag
        assert not Page(frag).errors
    ids_a, ids_b = Page(a).ids(), Page(b).ids()
    assert ids_a and not ids_a & ids_b  # two reports on one notebook page do not collide
    css = Page.text(Page(a).all("style")[0])
    rules = [line for line in css.splitlines() if line and line[0] not in " }/@" and "{" in line]
    assert all(line.startswith((".cx", "mark.cx", "@")) for line in rules), [x for x in rules if not x.startswith(".cx")][:3]


def test_flow_chart_when_the_figures_are_there(reports):
    page = Page(report_html(reports[SEEDS[0].name]))
    charts = page.all("figure", "cx-chart")
    assert charts
    svg_text = Page.text(charts[0])
    for figure in ("10.392", "10.237", "10.151", "49", "37"):
        assert figure in svg_text
    assert not Page(report_html(extract("Hôm nay trời đẹp."))).all("figure", "cx-chart")


def _crossing_report() -> Report:
    r = extract(SEED_003.read_text(encoding="utf-8"))
    claims = list(r.claims)
    a, b = claims[0], claims[1]
    # b starts inside a and ends after it; a third claim crosses the end of its sentence
    claims[1] = b.model_copy(update={"start": a.start + 5, "end": b.end})
    s = r.sentences[claims[2].sentence]
    claims[2] = claims[2].model_copy(update={"start": s.end - 3, "end": s.end + 8})
    return r.model_copy(update={"claims": claims})


def test_overlapping_and_crossing_spans_nest_or_split():
    r = _crossing_report()
    page = Page(report_html(r))
    assert not page.errors
    texts = claim_texts(page)
    for i, c in enumerate(r.claims):
        assert texts[i] == r.text[c.start:c.end], i
    # one element per claim group is focusable and carries the id; continuations do not
    firsts = [m for m in page.all("mark", "cx-m") if "cx-cont" not in m["attrs"]["class"]]
    assert all("id" in m["attrs"] and m["attrs"]["tabindex"] == "0" for m in firsts)
    assert all("id" not in m["attrs"] for m in page.all("mark", "cx-cont"))


def test_empty_and_odd_reports_render():
    for text in ("", "   ", "Không có số liệu nào.", "<p>1.930 thủ tục</p>"):
        page = Page(report_html(extract(text)))
        assert not page.errors


# ---------------------------------------------------------------- CLI: report, check


def test_cli_report_writes_the_page(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", str(SEED_003), "-o", str(out), "--lang", "en"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "1,930 procedures" in page
    assert main(["report", str(SEED_003)]) == 0
    assert "Kết quả đối chiếu" in capsys.readouterr().out


def test_cli_report_reads_html(tmp_path, capsys):
    from cchc_extract import html as _html

    if not _html.available():
        pytest.skip("trafilatura is not installed")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in SEED_003.read_text(encoding="utf-8").split("\n\n")[1:14])
    page = tmp_path / "a.html"
    page.write_text(f"<html><head><title>Hậu Giang</title></head><body><article>{body}</article></body></html>",
                    encoding="utf-8")
    assert main(["report", str(page)]) == 0
    out = capsys.readouterr().out
    assert "1.930 thủ tục" in out and "trafilatura" in out


def test_cli_report_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xc3\x28 not utf-8")
    assert main(["report", str(bad)]) == 1
    assert "not UTF-8" in capsys.readouterr().err


def test_cli_check_exit_status_and_plain_output(capsys):
    assert main(["check", str(SEED_003)]) == 1  # a mismatch of severity error
    out = capsys.readouterr().out
    assert "\x1b[" not in out  # plain when not a terminal
    assert "LỖI" in out and "1.930" in out and "Tổng số thủ tục" in out
    ok = next(p for p in SEEDS if p.name.startswith("000"))
    assert main(["check", str(ok), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Files received" in out and "10.392" in out and "OK" in out
    assert main(["check", str(ok), "--color", "always"]) == 0
    assert "\x1b[" in capsys.readouterr().out


def test_cli_check_unreadable_is_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_help_documents_exit_status(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Exit status: 0 when no check found a mismatch of severity error" in text
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "127.0.0.1" in text and "Flask's built-in server" in text
