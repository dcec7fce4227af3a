"""Property and fuzz tests over the whole way through: hostile, broken and random text.

Whatever the input: no exception escapes ``extract``; every offset lies inside the text and
``text[start:end]`` is the evidence (a claim's evidence holds its number as printed); sentences
and segments are in order; finding indexes point at claims; the report survives a JSON round trip;
and the output is the same on a second run.

The CI budget is 200 examples per property. A longer run by hand::

    CCHC_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_extract import Report, extract
from cchc_extract.checks import run_checks
from cchc_extract.numbers import find_quantities
from cchc_extract.segment import segment
from cchc_extract.text import normalize

_BUDGET = settings(
    max_examples=int(os.environ.get("CCHC_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not os.environ.get("CCHC_FUZZ_EXAMPLES"),
)

# Pieces of real reports and of broken pages: figures in every shape the parser knows, qualifiers,
# nouns and verbs of the domain, places, periods, and the odd characters pages carry (BOM, RTL and
# zero-width marks, NBSP and its escaped form, emoji, combining accents, CR, tabs, markup).
_PIECES = [
    "1.234", "10.392", "85,6%", "104/128", "0,35", "1.930", "12", "2022", "7/9/2022", "01", "100%", "3,5 triệu",
    "hai", "mười", "trăm", "nghìn", "hơn", "gần", "khoảng", "trên", "đạt", "chiếm", "tỷ lệ", "trong đó",
    "hồ sơ", "tiếp nhận", "giải quyết", "trước hạn", "đúng hạn", "trễ hạn", "trực tuyến", "trực tiếp",
    "bưu chính", "thủ tục", "mức độ 3", "toàn trình", "ấp", "Wi-Fi", "tài khoản", "Chỉ số PAR Index", "SIPAS",
    "xếp thứ", "điểm", "xã", "huyện", "tỉnh", "Hậu Giang", "Phụng Hiệp", "PHỤNG  HIỆP", "Long\tMỹ", "UBND",
    "Sở Tư pháp", "cả nước",
    "9 tháng đầu năm", "quý III/2024", "từ", "đến", "nay", "Hiện", "phấn đấu", "chỉ tiêu", "Các tin khác",
    "Lượt truy cập: 12.345", "Hotline: 0912 345 678", "Tổng số: 12", ".", ",", ";", ":", "(", ")", "-", "–", "\n",
    "\n\n", "\r\n", "\t", " ", "\u00a0", "&nbsp;", "&amp;", "\ufeff", "\u200f", "\u200b", "\u202e", "😀", "🇻🇳",
    "e\u0301", "a\u0323\u0302", "<script>alert(1)</script>", "<b>", "ﻉﺮﺒﻳ", "中文", "Ελληνικά", "\x00", "\x0b",
    "\u2028", "…", "“", "”", "%", "/", "+", "=",
]
_SENTENCE = st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join)
_MIXED = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)
_ARTICLE = st.one_of(_SENTENCE, _MIXED, st.text(max_size=400), st.lists(_SENTENCE, max_size=8).map("\n".join))


def _check_report(text: str, r: Report) -> None:
    n = len(r.text)
    if not text.lstrip().lower().startswith(("<!doctype", "<html", "<body", "<div", "<p")):
        assert r.text == text
    for s in r.segments:
        assert 0 <= s.start <= s.end <= n
    assert [(s.start, s.end) for s in r.segments] == sorted((s.start, s.end) for s in r.segments)
    for i, s in enumerate(r.sentences):
        assert s.index == i and 0 <= s.start <= s.end <= n
        assert s.text == r.text[s.start : s.end]
        assert 0 <= s.segment < len(r.segments)
    for c in r.claims:
        assert 0 <= c.start < c.end <= n
        assert 0 <= c.sentence < len(r.sentences)
        assert c.low <= c.value <= c.high or c.metric == "other"
        ev = r.evidence(c)
        assert ev == r.text[c.start : c.end] and ev.strip()
    for f in r.findings:
        assert all(0 <= i < len(r.claims) for i in f.claims)
        assert f.message and f.message_en
    assert 0 <= r.coverage.checked <= r.coverage.total == len(r.claims)
    assert Report.model_validate_json(r.model_dump_json()) == r


@_BUDGET
@given(_ARTICLE)
def test_extract_never_fails_and_stays_in_the_text(text):
    r = extract(text)
    _check_report(text, r)
    assert extract(text).model_dump_json() == r.model_dump_json()  # deterministic


@_BUDGET
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map(" ".join))
def test_claims_hold_their_number_as_printed(text):
    r = extract(text)
    for c in r.claims:
        digits = "".join(ch for ch in c.raw if ch.isdigit())
        assert digits in "".join(ch for ch in normalize(r.evidence(c)).text if ch.isdigit()) or not digits


@_BUDGET
@given(st.one_of(_MIXED, st.text(max_size=300), st.text(alphabet="0123456789.,/% ", max_size=300)))
def test_number_parser_offsets_and_values(text):
    nt = normalize(text)
    for q in find_quantities(nt.text):
        assert 0 <= q.expr_start <= q.start < q.end <= q.expr_end <= len(nt.text)
        assert q.low <= q.value <= q.high
        assert q.value == q.value and abs(q.value) != float("inf")
        s, e = nt.span(q.start, q.end)
        assert 0 <= s <= e <= len(text)


@_BUDGET
@given(_ARTICLE)
def test_segmentation_covers_the_text_in_order(text):
    nt = normalize(text)
    art = segment(nt)
    last = 0
    for b in art.blocks:
        assert last <= b.start <= b.end <= len(nt.text)
        last = b.end
    for s in art.sentences:
        blk = art.blocks[s.block]
        assert blk.start <= s.start <= s.end <= blk.end


@_BUDGET
@given(_ARTICLE)
def test_checks_never_fail_on_what_extract_gives(text):
    r = extract(text)
    findings, coverage = run_checks(list(r.claims), list(r.sentences))
    assert [f.model_dump() for f in findings] == [f.model_dump() for f in r.findings]
    assert coverage == r.coverage


@pytest.mark.parametrize(
    "text",
    [
        "", " ", "\n" * 1000, "\ufeff", "\ufeffXã A tiếp nhận 1.234 hồ sơ.", "\u200f" * 50, "😀" * 200,
        "Xã A tiếp nhận 1.234 hồ sơ.\r\nTrong đó trực tuyến 1.000 hồ sơ.\r\n", "Xã\tA\ttiếp nhận\t1.234\thồ sơ.",
        "Xã A&nbsp;tiếp nhận&nbsp;1.234&nbsp;hồ sơ.", "1." * 5000, "hơn " * 5000, "9" * 10000, "%" * 3000,
        "<script>alert('x')</script> tiếp nhận 12 hồ sơ", "\x00\x01\x02 hồ sơ 12", "e\u0301" * 3000,
    ],
    ids=lambda t: repr(t[:24]),
)
def test_hostile_inputs(text):
    r = extract(text)
    _check_report(text, r)


def test_size_limit_reads_a_prefix_and_says_so():
    line = "Xã A tiếp nhận 1.234 hồ sơ, giải quyết đúng hạn 1.200 hồ sơ.\n"
    text = line * 50
    r = extract(text, max_chars=len(line) * 3 + 10)
    assert r.text == text  # the whole input, offsets into it
    assert any("text too long" in w and "max_chars=None" in w for w in r.warnings)
    assert r.claims and max(c.end for c in r.claims) <= len(line) * 3
    assert not any("text too long" in w for w in extract(text, max_chars=None).warnings)
    assert not any("text too long" in w for w in extract(text).warnings)  # the default: 1,000,000
    from cchc_extract.errors import UsageError

    with pytest.raises(UsageError, match="max_chars=0"):
        extract(text, max_chars=0)


@pytest.mark.parametrize(
    "text",
    [
        "The district received 1,234 applications and resolved 1,200 of them on time in 2022, the report says.",
        "Le district a reçu 1 234 demandes et en a traité 1 200 dans les délais en 2022, selon le rapport.",
        "该区在2022年共受理1234份申请，按时办结1200份申请。报告称，这是多年来最好的结果，群众满意度很高，各部门协调配合良好。",
    ],
    ids=["english", "french", "chinese"],
)
def test_a_foreign_page_gives_no_claims_and_says_why(text):
    r = extract(text)
    assert r.claims == [] and any("does not look Vietnamese" in w for w in r.warnings)


def test_a_vietnamese_page_without_figures_is_not_called_foreign():
    r = extract("Hôm nay trời đẹp, người dân đi chơi rất đông ở công viên trung tâm thành phố và bờ sông.")
    assert r.claims == [] and not any("Vietnamese" in w for w in r.warnings)
