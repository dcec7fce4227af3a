"""Tests for cchc_extract.text: normalization with an offset map back to the original."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_extract.text import NormalizedText, normalize

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))


def _check_offsets(nt: NormalizedText) -> None:
    assert len(nt.offsets) == len(nt.text) + 1
    assert nt.offsets[-1] == len(nt.original)
    assert all(0 <= o <= len(nt.original) for o in nt.offsets)
    assert all(a <= b for a, b in zip(nt.offsets, nt.offsets[1:]))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hoà", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("HOÀ", "HÒA"),
        ("Uỷ ban", "Ủy ban"),
        ("UỶ BAN", "ỦY BAN"),
        ("thuỷ", "thủy"),
        ("khoẻ.", "khỏe."),
        ("xoá,", "xóa,"),
        ("tuỳ theo", "tùy theo"),
        ("hoạ sĩ", "họa sĩ"),
        ("hoàn thành", "hoàn thành"),  # not syllable-final
        ("quyết định", "quyết định"),
        ("thuyền", "thuyền"),
        ("Huỳnh", "Huỳnh"),
        ("quý I", "quý I"),  # the u of "qu" carries no tone
        ("Quỳnh", "Quỳnh"),
        ("hòa", "hòa"),  # already new style
        ("OỲ", "OỲ"),  # only u+y pairs move a tone off y
        ("a\u00a0b", "a b"),
        ("a\u2007b\u202fc\u3000d\te", "a b c d e"),
        ("dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
        ("hồ\u200bsơ", "hồsơ"),
        ("\ufeffUBND", "UBND"),
        ("a\ufeffb", "ab"),
        ("thủ\u00adtục", "thủtục"),
        ("\u202bx\u202c", "x"),
        ("hai  dấu cách", "hai  dấu cách"),  # spaces are not collapsed
        ("Chữ HOA giữ nguyên", "Chữ HOA giữ nguyên"),
        ("", ""),
    ],
)
def test_normalize_table(raw: str, expected: str) -> None:
    nt = normalize(raw)
    assert nt.text == expected
    _check_offsets(nt)


def test_nfd_input_is_composed_and_maps_back() -> None:
    nfc = "Đã tiếp nhận 10.392 hồ sơ, trễ hẹn 37 hồ sơ."
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    nt = normalize(nfd)
    assert nt.text == nfc
    _check_offsets(nt)
    i = nt.text.index("hồ sơ")
    s, e = nt.span(i, i + len("hồ sơ"))
    assert unicodedata.normalize("NFC", nfd[s:e]) == "hồ sơ"
    # every output char maps to the start of its source cluster
    j = nt.text.index("ồ")
    assert nfd[nt.to_original(j)] == "o"


def test_nfd_old_style_tone_is_unified() -> None:
    nt = normalize(unicodedata.normalize("NFD", "Uỷ ban hoà giải"))
    assert nt.text == "Ủy ban hòa giải"
    _check_offsets(nt)


def test_span_and_to_original() -> None:
    raw = "\ufeffTổng\u00a0số: 1.228 hồ sơ\r\nhoà\u200b."
    nt = normalize(raw)
    assert nt.text == "Tổng số: 1.228 hồ sơ\nhòa."
    i = nt.text.index("1.228")
    s, e = nt.span(i, i + 5)
    assert raw[s:e] == "1.228"
    s, e = nt.span(0, nt.text.index(":"))
    assert raw[s:e] == "Tổng\u00a0số"
    line = nt.text.index("\n")
    s, e = nt.span(0, line)
    assert raw[s:e].endswith("hồ sơ")  # no '\r' in the evidence
    k = nt.text.index("hòa")
    s, e = nt.span(k, k + 3)
    assert raw[s:e] == "hoà"  # trailing zero-width space left out
    assert nt.to_original(len(nt.text)) == len(raw)
    assert nt.to_original(-5) == nt.offsets[0]
    assert nt.span(3, 3) == (nt.offsets[3], nt.offsets[3])


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seeds_roundtrip(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    nt = normalize(raw)
    _check_offsets(nt)
    assert "\u00a0" not in nt.text and "\r" not in nt.text
    for needle in ("hồ sơ", "UBND"):
        i = nt.text.find(needle)
        if i >= 0:
            s, e = nt.span(i, i + len(needle))
            assert raw[s:e] == needle


_VIET = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵqđ "
_ODD = "\r\n\t\u00a0\u200b\u200d\ufeff\u00ad\u202e\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u2126\u212b\u0344\u1100\u1161\u11a8"


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=_VIET + _VIET.upper() + _ODD)))
def test_normalize_properties(s: str) -> None:
    nt = normalize(s)
    _check_offsets(nt)
    assert unicodedata.is_normalized("NFC", nt.text)
    assert normalize(nt.text).text == nt.text
    _check_offsets(normalize(unicodedata.normalize("NFD", s)))
    for a in range(0, len(nt.text) + 1, max(1, len(nt.text) // 5)):
        start, end = nt.span(a, min(len(nt.text), a + 3))
        assert 0 <= start <= end <= len(s)


@pytest.mark.parametrize(
    "raw, text",
    [
        ("1.234&nbsp;hồ sơ", "1.234 hồ sơ"),
        ("A &amp; B", "A & B"),
        ("&#273;&#x1EA1;t", "đạt"),
        ("&notanentity; &amp", "&notanentity; &amp"),  # unknown or unterminated: kept as printed
    ],
)
def test_html_character_references_are_decoded_with_offsets(raw, text):
    nt = normalize(raw)
    assert nt.text == text
    _check_offsets(nt)
    i = nt.text.find(" ")
    if "&nbsp;" in raw:
        assert nt.span(i, i + 1) == (raw.index("&nbsp;"), raw.index("&nbsp;") + len("&nbsp;"))
