"""HTML pages: trafilatura's text with the title as first line, offsets into it, no network."""

from __future__ import annotations

import datetime as dt
import json
import socket
from pathlib import Path

import pytest

from cchc_extract import extract, html
from cchc_extract.cli import main

PAGES = Path(__file__).parent / "fixtures" / "batch" / "pages"
PAGE = (PAGES / "thoi_binh.html").read_text(encoding="utf-8")
MENU = (PAGES / "menu_only.htm").read_text(encoding="utf-8")

needs_trafilatura = pytest.mark.skipif(not html.available(), reason="the html extra (trafilatura) is not installed")


def test_the_html_extra_imports_cleanly():
    # trafilatura -> justext -> lxml.html.clean, a separate project (lxml_html_clean) since lxml 5.2
    pytest.importorskip("trafilatura")
    import lxml.html.clean  # noqa: F401

    assert html.available()


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network use at run time")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@needs_trafilatura
def test_extract_reads_the_article_of_a_page(no_network):
    report = extract(PAGE, url="https://example.org/thoi-binh")
    assert report.text.splitlines()[0] == "Thới Bình tiếp nhận 2.310 hồ sơ trực tuyến"  # the title, first line
    assert report.title == "Thới Bình tiếp nhận 2.310 hồ sơ trực tuyến"
    assert report.published == dt.date(2023, 7, 12)  # from the page's markup
    assert html.EXTRACTED in report.warnings
    assert "<p>" not in report.text and "Trang chủ" not in report.text and "0290" not in report.text
    assert "Tin liên quan" not in report.text
    metrics = {c.metric: c.value for c in report.claims}
    assert metrics["dossiers_received"] == 4120 and metrics["dossiers_resolved_late"] == 20
    for c in report.claims:  # every offset points into report.text
        assert report.text[c.start:c.end] == report.evidence(c)
        assert c.raw in report.text[c.start:c.end]
    assert any(f.rule == "parts_sum_to_total" and f.status == "ok" for f in report.findings)


@needs_trafilatura
def test_the_callers_date_wins():
    assert extract(PAGE, published="2023-08-01").published == dt.date(2023, 8, 1)


@needs_trafilatura
def test_a_page_without_a_body_is_a_warning_from_extract():
    report = extract(MENU)
    assert html.NO_BODY in report.warnings and not report.claims and report.text == ""
    assert report.warnings == [html.NO_BODY]  # not also "empty text": the page was not empty


@needs_trafilatura
def test_a_page_without_a_body_is_an_error_row_in_a_batch(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(PAGES), "--format", "jsonl", "-o", str(out)]) == 1
    rows = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert rows["menu_only.htm"]["status"] == "error"
    assert rows["menu_only.htm"]["error_kind"] == "html_without_body"
    assert rows["menu_only.htm"]["error"].startswith("html without a body")
    assert rows["thoi_binh.html"]["status"] == "ok" and rows["thoi_binh.html"]["published"] == "2023-07-12"
    assert "html without a body" in capsys.readouterr().err


@needs_trafilatura
def test_html_in_a_file_that_does_not_start_like_extracts_test(tmp_path):
    # a .html file opening with <head>: the batch goes by the suffix
    page = tmp_path / "p.html"
    page.write_text(PAGE.split("\n", 2)[2], encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(page), "--format", "jsonl", "-o", str(out), "--full"]) == 0
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["text"].startswith("Thới Bình tiếp nhận 2.310") and html.EXTRACTED in rec["warnings"]


def test_without_trafilatura_html_is_read_as_text(monkeypatch):
    monkeypatch.setattr(html, "_trafilatura", lambda: None)
    report = extract(PAGE)
    assert html.NO_TRAFILATURA in report.warnings
    assert report.text == PAGE  # unchanged: offsets into the page itself


def test_looks_like_html():
    assert html.looks_like_html(PAGE) and html.looks_like_html("  <head><title>x</title>")
    assert not html.looks_like_html("Huyện A <b> tiếp nhận 1.000 hồ sơ")
