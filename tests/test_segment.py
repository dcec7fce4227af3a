"""Tests for cchc_extract.segment: blocks, title, dateline, byline, furniture, captions, sentences."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_extract import segment as seg
from cchc_extract.segment import Article, segment, split_sentences
from cchc_extract.text import normalize

SEED_DIR = Path(__file__).parent / "fixtures" / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEED_DIR.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _article(raw: str) -> Article:
    return segment(normalize(raw))


def _texts(art: Article, kind: str) -> list[str]:
    return [art.text.text[b.start : b.end] for b in art.blocks if b.kind == kind]


def _sentences(art: Article) -> list[str]:
    return [art.text.text[s.start : s.end] for s in art.sentences]


def _check_invariants(art: Article) -> None:
    text = art.text.text
    starts = [b.start for b in art.blocks]
    assert starts == sorted(starts)
    for b in art.blocks:
        assert text[b.start : b.end].strip() == text[b.start : b.end] != ""
        assert b.reason
    prev = -1
    for s in art.sentences:
        block = art.blocks[s.block]
        assert block.kind in ("title", "body", "caption")
        assert block.start <= s.start < s.end <= block.end
        assert s.start >= prev
        prev = s.end
        sentence = text[s.start : s.end]
        assert sentence == sentence.strip() != ""
        assert any(c.isalnum() for c in sentence), sentence  # never "/." or "…" alone
        assert not seg._lexicon().list_marker.match(sentence), sentence  # never "1." alone


# --- the five seeds ----------------------------------------------------------------------------

SEEDS = {
    "000": dict(
        title="PHỤNG HIỆP SƠ KẾT CÔNG TÁC CẢI CÁCH HÀNH CHÍNH, XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ VÀ CHUYỂN ĐỔI SỐ",
        datelines=[],
        published=None,
        bylines=["T/h: Lê Đĩnh"],
        furniture=[
            "Trang web Ủy ban Nhân dân Huyện Phụng Hiệp",
            "Số giấy phép theo quyết định số 1980/QĐ-UBND ngày 16/09/2010 của UBND tỉnh Hậu Giang",
            "Đơn vị quản lý: Văn phòng HĐND&UBND huyện - thị trấn Cây Dương- Huyện Phụng Hiệp - tỉnh Hậu Giang",
            "Điện thoại - Fax:02933961138, Email: ubnd.hph@haugiang.gov.vn",
        ],
        captions=[],
        body=4,
    ),
    "001": dict(
        title="UBND phường 9 tiếp đoàn kiểm tra công tác cải cách hành chính năm 2022",
        datelines=["03:55:00 | 22-10-2022"],
        published=dt.date(2022, 10, 22),
        bylines=["Tin, ảnh: Nguyễn Tình, BBT"],
        furniture=["Các tin khác", "Đường dây nóng", "Doanh nghiệp: 088 8800 147", "Công dân: 088 8801 247"],
        captions=["Ông Huỳnh Xuân Hòa, Phó trưởng Phòng Nội vụ, Trưởng đoàn kiểm tra phát biểu tại buổi làm việc"],
        body=6,
    ),
    "002": dict(
        title="UBND huyện Cư Jút: Tổng kết công tác cải cách hành chính, Chuyển đổi số năm 2022",
        datelines=["Cải cách hành chính (21.03.2023 11:21)"],
        published=dt.date(2023, 3, 21),
        bylines=["Tin, ảnh: Giang Sơn - Vp"],
        furniture=["Bản in", "Liên kết Website", "Số lượt truy cập :", "Đang truy cập :"],
        captions=[],
        body=5,
    ),
    "003": dict(
        title="Hậu Giang: Sẽ xem xét trách nhiệm người đứng đầu trong việc trễ hẹn hồ sơ thủ tục hành chính",
        datelines=["Hà Nội, Ngày 16/12/2019", "Ngày đăng: 21/11/2019   02:46"],
        published=dt.date(2019, 11, 21),  # the "Ngày đăng" one, not the page date above the headline
        bylines=["Theo: haugiang.gov.vn"],
        furniture=["Mặc định Cỡ chữ", "Tin tức cùng chuyên mục", "Tiêu điểm"]
        + ["Hà Nội đã cung cấp 80% dịch vụ công trực tuyến mức độ 3, mức độ 4", "Ngày đăng 11/12/2019"],
        captions=["Chủ tịch UBND tỉnh Lê Tiến Châu phát biểu chỉ đạo Hội nghị."],
        body=8,
    ),
    "004": dict(
        title="HUYỆN THÁP MƯỜI: Nâng cao tỷ lệ hồ sơ thực hiện dịch vụ công trực tuyến mức độ 3 và mức độ 4",
        datelines=[],
        published=None,
        bylines=["Hoàng Kha , TTVH-TT và TT huyện Tháp Mười"],
        furniture=[
            "Xuất bản thông tin",
            "null HUYỆN THÁP MƯỜI: Nâng cao tỷ lệ hồ sơ thực hiện dịch vụ công trực tuyến mức độ 3 và mức độ 4",
            "Chi tiết bài viết Tin tức",
        ],
        captions=["(Quang cảnh Chủ tịch UBND huyện đã tặng Giấy khen cho 06 tập thể có thành tích tiêu biểu )"],
        body=5,
    ),
}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_structure(seed: str) -> None:
    want = SEEDS[seed]
    art = _article(_seed(seed))
    _check_invariants(art)
    assert art.title == want["title"]
    assert _texts(art, "title") == [want["title"]]
    assert _texts(art, "dateline") == want["datelines"]
    assert art.published == want["published"]
    assert _texts(art, "byline") == want["bylines"]
    furniture = _texts(art, "furniture")
    for line in want["furniture"]:
        assert line in furniture
    assert _texts(art, "caption") == want["captions"]
    assert len(_texts(art, "body")) == want["body"]


def test_seed_001_tail_is_all_furniture() -> None:
    art = _article(_seed("001"))
    kinds = [b.kind for b in art.blocks]
    assert kinds[-4:] == ["furniture"] * 4
    assert art.blocks[-1].reason == "after marker 'Các tin khác'"


def test_seed_003_related_news_gives_no_sentence() -> None:
    art = _article(_seed("003"))
    text = art.text.text
    tail = text.index("Tin tức cùng chuyên mục")
    assert all(s.end <= tail for s in art.sentences)
    assert not any("80% dịch vụ công" in s for s in _sentences(art))
    assert "Tin tức cùng chuyên mục" in art.blocks[-1].reason


def test_seed_004_duplicate_headline_is_furniture() -> None:
    art = _article(_seed("004"))
    reasons = {art.text.text[b.start : b.end]: b.reason for b in art.blocks if b.kind == "furniture"}
    assert any(k.startswith("null HUYỆN") for k in reasons)
    assert sum(1 for s in _sentences(art) if s.startswith("HUYỆN THÁP MƯỜI")) == 1


def test_seed_000_sentences_whole() -> None:
    sentences = _sentences(_article(_seed("000")))
    (hit,) = [s for s in sentences if "10.392 hồ sơ" in s]
    assert hit == (
        "Từ đầu năm đến 31/8/2022 kết quả giải quyết thủ tục hành chính tại huyện đã tiếp nhận 10.392 hồ sơ, "
        "trong đó có 400 hồ sơ trực tuyến."
    )
    assert "Đã giải quyết 12.688 hồ sơ, trước hạn 11.969 hồ sơ, đúng hạn 564 hồ sơ, trễ hẹn 155 hồ sơ..." in sentences
    assert sentences[-1].endswith("có trách nhiệm./.")
    assert not any("ubnd.hph" in s or s.startswith("T/h") for s in sentences)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_sentences_never_punctuation_only(seed: str) -> None:
    sentences = _sentences(_article(_seed(seed)))
    assert sentences
    assert "/." not in sentences
    assert all(not s.startswith("/.") for s in sentences)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_nfd_input_same_structure(seed: str) -> None:
    raw = _seed(seed)
    a, b = _article(raw), _article(unicodedata.normalize("NFD", raw))
    assert a.title == b.title and a.published == b.published
    assert [x.kind for x in a.blocks] == [x.kind for x in b.blocks]
    assert _sentences(a) == _sentences(b)


# --- split_sentences -------------------------------------------------------------------------

SPLITS = [
    ("Hết câu thứ nhất./. Tin: A", ["Hết câu thứ nhất./.", "Tin: A"]),
    ("Có trách nhiệm./.", ["Có trách nhiệm./."]),
    ("Xong việc. /.", ["Xong việc. /."]),
    (
        "Liên hệ ubnd.hph@haugiang.gov.vn để biết. Xem dichvucong.gov.vn nhé.",
        ["Liên hệ ubnd.hph@haugiang.gov.vn để biết.", "Xem dichvucong.gov.vn nhé."],
    ),
    ("Tại TP. Hồ Chí Minh có Th.S Nguyễn. Hết.", ["Tại TP. Hồ Chí Minh có Th.S Nguyễn.", "Hết."]),
    ("1. Tiếp nhận hồ sơ. 2. Giải quyết hồ sơ.", ["1. Tiếp nhận hồ sơ.", "2. Giải quyết hồ sơ."]),
    ("1. Tiếp nhận... 2. Giải quyết...", ["1. Tiếp nhận...", "2. Giải quyết..."]),
    ("Có 3 nhóm. a) Trực tuyến 40 hồ sơ. b) Trực tiếp 9 hồ sơ.", ["Có 3 nhóm.", "a) Trực tuyến 40 hồ sơ.", "b) Trực tiếp 9 hồ sơ."]),
    ("trễ hẹn 155 hồ sơ... Việc công bố xong.", ["trễ hẹn 155 hồ sơ...", "Việc công bố xong."]),
    ("Còn chậm… Tuy nhiên đã tiến bộ.", ["Còn chậm…", "Tuy nhiên đã tiến bộ."]),
    ("Số hóa… các hồ sơ cũ.", ["Số hóa… các hồ sơ cũ."]),
    ("Có 10.392 hồ sơ, đạt 85,6%. Hết.", ["Có 10.392 hồ sơ, đạt 85,6%.", "Hết."]),
    ("Ông nói: “Đã xong.” Sau đó họp tiếp.", ["Ông nói: “Đã xong.”", "Sau đó họp tiếp."]),
    ("Câu một.\nCâu hai không chấm\n\n  Câu ba. Câu bốn!  ", ["Câu một.", "Câu hai không chấm", "Câu ba.", "Câu bốn!"]),
    ("   ", []),
    ("", []),
]


@pytest.fixture(params=["underthesea", "regex fallback"])
def splitter(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "regex fallback":
        monkeypatch.setattr(seg, "_sent_tokenize", lambda: None)
    else:
        assert seg._sent_tokenize() is not None
    return str(request.param)


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_sentences(splitter: str, text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == expected


def test_split_sentences_window_and_nfd() -> None:
    nt = normalize(unicodedata.normalize("NFD", "Mở đầu. Uỷ ban tiếp nhận 10.392 hồ sơ. Đã giải quyết xong."))
    text = nt.text
    start = text.index("Ủy ban")
    spans = split_sentences(text, start)
    assert [text[a:b] for a, b in spans] == ["Ủy ban tiếp nhận 10.392 hồ sơ.", "Đã giải quyết xong."]
    a, b = spans[0]
    s, e = nt.span(a, b)
    assert unicodedata.normalize("NFC", nt.original[s:e]).startswith("Uỷ ban")
    assert split_sentences(text, 5, 2) == []
    assert split_sentences(text, -3, 10_000) == split_sentences(text)


def test_tokenizer_leaves_root_logging_alone() -> None:
    code = (
        "import logging\n"
        "root = logging.getLogger(); before = list(root.handlers), root.level\n"
        "from cchc_extract.segment import split_sentences, _sent_tokenize\n"
        "assert split_sentences('Một. Hai.') == [(0, 4), (5, 9)]\n"
        "assert _sent_tokenize() is not None\n"
        "assert (list(root.handlers), root.level) == before, root.handlers\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- other site shapes (synthetic, written for these tests) ----------------------------------

BREADCRUMB_PAGE = """Trang chủ > Tin tức > Cải cách hành chính
Thị xã Long Mỹ nâng tỷ lệ hồ sơ nộp qua mạng
Cập nhật lúc 08:30 ngày 12/05/2021

Trong 4 tháng đầu năm 2021, bộ phận một cửa thị xã đã nhận 2.310 hồ sơ, trong đó 1.150 hồ sơ nộp qua mạng. Tỷ lệ giải quyết đúng hạn đạt 98,2%.
Lãnh đạo thị xã trao giấy khen cho cán bộ bộ phận một cửa
Theo báo cáo của thị xã, thời gian tới sẽ rà soát quy trình nội bộ và hướng dẫn người dân dùng tài khoản định danh điện tử.
Nguồn: Báo Cần Thơ
Tin liên quan
Phường 3 ra mắt tổ công nghệ số cộng đồng
Huyện bên cạnh tiếp nhận 5.000 hồ sơ trong quý I. Đây là con số cao nhất từ trước đến nay.
"""

NAMES_PAGE = """Thứ Hai, 12/09/2022 - 08:15
XÃ TÂN PHÚ ĐẨY MẠNH CHUYỂN ĐỔI SỐ

Từ đầu năm đến nay, xã Tân Phú đã tiếp nhận 640 hồ sơ, giải quyết đúng hạn 632 hồ sơ. Xã cũng lắp Wifi miễn phí tại 9/11 ấp.
(Cán bộ xã hướng dẫn người dân nộp hồ sơ qua mạng)
Ủy ban nhân dân xã đặt mục tiêu đến cuối năm có ít nhất 70% hồ sơ được nộp trực tuyến./.
Minh Anh (Trung tâm VH-TT)
© Bản quyền thuộc Ủy ban nhân dân huyện Châu Thành
Lượt xem: 1.204
"""

LIST_PAGE = """Chia sẻ
In bài viết
Huyện Vị Thủy sơ kết 6 tháng công tác cải cách hành chính
Ngày đăng: 05/07/2023 14:20
Chiều 4/7, UBND huyện Vị Thủy họp sơ kết công tác cải cách hành chính 6 tháng đầu năm 2023.
Kết quả đạt được gồm:
1. Tiếp nhận 3.120 hồ sơ, đã giải quyết 3.050 hồ sơ.
2. Giải quyết trễ hạn 12 hồ sơ, đã gửi 12 thư xin lỗi.
Bài, ảnh: Thanh Tâm
Địa chỉ: số 1 đường Trần Hưng Đạo
Tin mới hơn
Vị Thủy tập huấn kỹ năng số cho 200 cán bộ
"""

PHOTO_CREDIT_PAGE = """Huyện Châu Thành tổng kết năm
Sáng 10/1, huyện Châu Thành tổng kết công tác cải cách hành chính năm 2023 với sự tham dự của lãnh đạo các xã.
Ảnh: Lãnh đạo huyện trao giấy khen cho các tập thể tiêu biểu của năm
Ảnh: PV
Kết quả cụ thể như sau:
- Tiếp nhận 4.200 hồ sơ;
- Giải quyết đúng hạn 4.150 hồ sơ.
Năm 2024, huyện phấn đấu đưa toàn bộ thủ tục đủ điều kiện lên dịch vụ công trực tuyến toàn trình./.
PV
"""

SYNTHETIC = [
    (
        BREADCRUMB_PAGE,
        dict(
            title="Thị xã Long Mỹ nâng tỷ lệ hồ sơ nộp qua mạng",
            published=dt.date(2021, 5, 12),
            datelines=["Cập nhật lúc 08:30 ngày 12/05/2021"],
            bylines=["Nguồn: Báo Cần Thơ"],
            captions=["Lãnh đạo thị xã trao giấy khen cho cán bộ bộ phận một cửa"],
            furniture_first="Trang chủ > Tin tức > Cải cách hành chính",
            furniture_last=3,
            absent="5.000",
        ),
    ),
    (
        NAMES_PAGE,
        dict(
            title="XÃ TÂN PHÚ ĐẨY MẠNH CHUYỂN ĐỔI SỐ",
            published=dt.date(2022, 9, 12),
            datelines=["Thứ Hai, 12/09/2022 - 08:15"],
            bylines=["Minh Anh (Trung tâm VH-TT)"],
            captions=["(Cán bộ xã hướng dẫn người dân nộp hồ sơ qua mạng)"],
            furniture_first=None,
            furniture_last=2,
            absent="1.204",
        ),
    ),
    (
        LIST_PAGE,
        dict(
            title="Huyện Vị Thủy sơ kết 6 tháng công tác cải cách hành chính",
            published=dt.date(2023, 7, 5),
            datelines=["Ngày đăng: 05/07/2023 14:20"],
            bylines=["Bài, ảnh: Thanh Tâm"],
            captions=[],
            furniture_first="Chia sẻ",
            furniture_last=3,
            absent="200 cán bộ",
        ),
    ),
    (
        PHOTO_CREDIT_PAGE,
        dict(
            title="Huyện Châu Thành tổng kết năm",
            published=None,
            datelines=[],
            bylines=["Ảnh: PV", "PV"],  # a credit in mid-article does not start the footer
            captions=["Ảnh: Lãnh đạo huyện trao giấy khen cho các tập thể tiêu biểu của năm"],
            furniture_first=None,
            furniture_last=0,
            absent="không có",
        ),
    ),
]


@pytest.mark.parametrize(("raw", "want"), SYNTHETIC, ids=["breadcrumb", "names-byline", "list", "photo-credit"])
def test_synthetic_pages(raw: str, want: dict[str, object]) -> None:
    art = _article(raw)
    _check_invariants(art)
    assert art.title == want["title"]
    assert art.published == want["published"]
    assert _texts(art, "dateline") == want["datelines"]
    assert _texts(art, "byline") == want["bylines"]
    assert _texts(art, "caption") == want["captions"]
    kinds = [b.kind for b in art.blocks]
    if want["furniture_first"] is not None:
        assert kinds[0] == "furniture"
        assert _texts(art, "furniture")[0] == want["furniture_first"]
    tail = int(want["furniture_last"])  # type: ignore[call-overload]
    assert kinds[len(kinds) - tail :] == ["furniture"] * tail
    assert not any(str(want["absent"]) in s for s in _sentences(art))


# The top of a page and its headline: the site's name above a menu is not the headline when a
# dateline stands under the headline; with one line of headline length, that line is it.
_BODY = "Sáng 3/4, UBND huyện Ea Súp tổ chức hội nghị sơ kết công tác cải cách hành chính quý I năm 2024.\n"
HEADLINES = [
    ("BÁO ĐẮK LẮK ĐIỆN TỬ\nThời sự | Chính trị | Kinh tế | Xã hội\nEa Súp giải quyết đúng hạn 99% hồ sơ quý I\n"
     "Thứ Tư, 03/04/2024 | 15:10\n", "Ea Súp giải quyết đúng hạn 99% hồ sơ quý I", "BÁO ĐẮK LẮK ĐIỆN TỬ"),
    ("Cổng thông tin huyện Ea Súp tỉnh Đắk Lắk\nTrang chủ | Tin tức | Thông báo | Văn bản\n"
     "EA SÚP: GIẢI QUYẾT ĐÚNG HẠN 99% HỒ SƠ QUÝ I\nChia sẻ\nNgày đăng: 03/04/2024\n",
     "EA SÚP: GIẢI QUYẾT ĐÚNG HẠN 99% HỒ SƠ QUÝ I", "Cổng thông tin huyện Ea Súp tỉnh Đắk Lắk"),
    # the dateline first, the headline under it
    ("Cải cách hành chính (03.04.2024 11:21)\nEa Súp giải quyết đúng hạn 99% hồ sơ quý I\n",
     "Ea Súp giải quyết đúng hạn 99% hồ sơ quý I", None),
    # a second dateline further down: the first one, under the headline, decides
    ("Ea Súp giải quyết đúng hạn 99% hồ sơ quý I\nThứ Tư, 03/04/2024 | 15:10\n"
     "Quang cảnh hội nghị sơ kết tại hội trường huyện Ea Súp\nNgày đăng 04/04/2024\n",
     "Ea Súp giải quyết đúng hạn 99% hồ sơ quý I", None),
    # no dateline: the first line of headline length
    ("Ea Súp giải quyết đúng hạn 99% hồ sơ quý I\nHội nghị sơ kết quý I tại huyện Ea Súp\n",
     "Ea Súp giải quyết đúng hạn 99% hồ sơ quý I", None),
]


@pytest.mark.parametrize(("top", "title", "site"), HEADLINES,
                         ids=["masthead-menu", "portal-menu-share", "dateline-first", "two-datelines", "no-dateline"])
def test_headline_among_the_lines_above_the_body(top: str, title: str, site: str | None) -> None:
    art = _article(top + _BODY)
    _check_invariants(art)
    assert art.title == title
    assert _texts(art, "body")[-1] == _BODY.strip()
    if site is not None:
        assert _texts(art, "furniture")[0] == site


def test_photo_credit_page_keeps_list_items() -> None:
    art = _article(PHOTO_CREDIT_PAGE)
    assert _texts(art, "body")[1:4] == ["Kết quả cụ thể như sau:", "- Tiếp nhận 4.200 hồ sơ;", "- Giải quyết đúng hạn 4.150 hồ sơ."]
    assert "- Tiếp nhận 4.200 hồ sơ;" in _sentences(art)


def test_list_page_sentences() -> None:
    sentences = _sentences(_article(LIST_PAGE))
    assert "1. Tiếp nhận 3.120 hồ sơ, đã giải quyết 3.050 hồ sơ." in sentences
    assert "2. Giải quyết trễ hạn 12 hồ sơ, đã gửi 12 thư xin lỗi." in sentences
    assert "Kết quả đạt được gồm:" in sentences


@pytest.mark.parametrize(
    "raw",
    ["", "   \n\n\u00a0\n", "x", "Hello world. This is English text!", "1. 2. 3.", "/./././.", "\n" * 50, "(" * 200],
)
def test_odd_inputs_never_raise(raw: str) -> None:
    art = _article(raw)
    _check_invariants(art)
    if not raw.strip():
        assert art.blocks == () and art.sentences == () and art.title is None and art.published is None


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(st.sampled_from(_seed("003").splitlines() + _seed("001").splitlines() + ["", "./.", "1."]), max_size=30).map(
            "\n".join
        ),
    )
)
def test_segment_never_raises(raw: str) -> None:
    _check_invariants(_article(raw))


# Lines of a page's top: the furniture rule each is (None: not furniture, a headline may be so).
TOP_LINES = [
    ("BÁO GIA LAI ĐIỆN TỬ", "masthead"),
    ("Báo Gia Lai điện tử", "masthead"),
    ("BÁO ĐIỆN TỬ ĐẮK NÔNG", "masthead"),
    ("CỔNG GIAO TIẾP ĐIỆN TỬ QUẬN CẦU GIẤY", "masthead"),
    ("Trang tin điện tử huyện Ea Súp", "masthead"),
    ("ỦY BAN NHÂN DÂN QUẬN GÒ VẤP", "site name"),
    ("UBND HUYỆN KRÔNG PẮC - TỈNH ĐẮK LẮK", "site name"),
    ("Báo cáo điện tử giúp tiết kiệm thời gian", None),
    ("Báo chí điện tử đồng hành cùng cải cách hành chính", None),
    ("Trang tin điện tử huyện ra mắt giao diện mới", None),
    ("Cổng giao tiếp điện tử tiếp nhận 1.200 ý kiến", None),
    ("Đẩy mạnh giao dịch điện tử tại huyện Ea Súp", None),
    ("UBND huyện Ea Súp tiếp nhận 1.200 hồ sơ", None),
]


@pytest.mark.parametrize(("line", "rule"), TOP_LINES)
def test_site_names_are_furniture(line: str, rule: str | None) -> None:
    from cchc_extract.lexicon import fold

    found = seg._lexicon().furniture.first(line, fold(line))
    assert (found.name if found else None) == rule
    plain = [r for r in seg._lexicon().furniture.rules if r.pattern.search(line)]  # without the prefilter
    assert (plain[0].name if plain else None) == rule
