"""Table-driven tests for cchc_extract.numbers: printed numbers, figures in context, and not-figures."""

from __future__ import annotations

from typing import Any

import pytest

from cchc_extract import extract
from cchc_extract.numbers import NumberParseError, Quantity, find_quantities, parse_number

NBSP = "\u00a0"


def E(value: float, unit: str = "count", q: str = "exact", **kw: Any) -> dict[str, Any]:
    """An expected record: value, unit, qualifier plus any other Quantity fields."""
    return {"value": value, "unit": unit, "qualifier": q, **kw}


def _invariants(text: str, qs: list[Quantity]) -> None:
    prev_end = -1
    for x in qs:
        assert text[x.start:x.end] == x.raw
        assert x.expr_start <= x.start <= x.end <= x.expr_end
        assert x.expr_start >= prev_end, "quantities overlap or are out of order"
        assert x.low <= x.value <= x.high
        assert x.resolution > 0
        prev_end = x.expr_end


def _check(text: str, expected: list[dict[str, Any]]) -> None:
    qs = find_quantities(text)
    _invariants(text, qs)
    assert len(qs) == len(expected), [x.raw for x in qs]
    for x, exp in zip(qs, expected):
        for key, want in exp.items():
            got = getattr(x, key)
            if isinstance(want, float | int) and not isinstance(want, bool):
                assert got == pytest.approx(want), (key, x)
            else:
                assert got == want, (key, x)


# --- one figure per phrase: (text, expected records) -------------------------------------------
FIGURES: list[tuple[str, list[dict[str, Any]]]] = [
    # Vietnamese thousands and decimals
    ("10.392 hồ sơ", [E(10392, raw="10.392", resolution=1)]),
    ("11,80%", [E(11.8, "percent", raw="11,80", resolution=0.01)]),
    ("1.234.567 đồng", [E(1234567)]),
    ("1.234,5 triệu đồng", [E(1234.5e6, raw="1.234,5 triệu")]),
    ("85,6%", [E(85.6, "percent", resolution=0.1)]),
    ("99,8%", [E(99.8, "percent")]),
    ("(0,16%)", [E(0.16, "percent", raw="0,16", expr_start=1, expr_end=6)]),
    ("đạt 95,5%", [E(95.5, "percent")]),
    ("tỷ lệ đúng hạn đạt 95,5 %", [E(95.5, "percent")]),
    ("9,12 điểm", [E(9.12, resolution=0.01)]),
    # English forms decided by context
    ("14.3%", [E(14.3, "percent", resolution=0.1)]),
    ("14.30%", [E(14.3, "percent", resolution=0.01)]),
    ("10,392 hồ sơ", [E(10392, raw="10,392")]),
    ("10,392", [E(10392)]),
    ("10,392%", [E(10.392, "percent")]),
    ("1,234 điểm", [E(1.234)]),
    ("0,392", [E(0.392)]),
    ("1,234.5", [E(1234.5, resolution=0.1)]),
    ("1,234,567 lượt truy cập", [E(1234567)]),
    ("10.392%", [E(10.392, "percent")]),
    ("176 hồ sơ (đạt 14.3%)", [E(176), E(14.3, "percent")]),
    # leading zeros and glued words
    ("02 hồ sơ", [E(2, raw="02")]),
    ("06 tập thể", [E(6)]),
    ("01Tổ hướng dẫn", [E(1, raw="01")]),
    ("thành lập 01TỔ hỗ trợ", [E(1)]),
    ("Tổ chức 02 hội nghị", [E(2)]),
    # scale words
    ("1,2 triệu", [E(1.2e6, raw="1,2 triệu", resolution=1e5)]),
    ("12 nghìn", [E(12000, raw="12 nghìn", resolution=1000)]),
    ("2,5 nghìn hồ sơ", [E(2500)]),
    ("hơn 3 nghìn", [E(3000, q="more_than", low=3000)]),
    ("1,5 tỷ đồng", [E(1.5e9, raw="1,5 tỷ")]),
    ("12 ngàn lượt", [E(12000)]),
    ("3 tỉ đồng", [E(3e9)]),
    ("10 nghìn tỷ đồng", [E(1e13)]),
    ("1.200 tỷ đồng", [E(1.2e12)]),
    ("10.5 triệu", [E(10.5e6)]),
    ("95 tỷ lệ", [E(95, raw="95")]),
    # number words
    ("hai trăm hồ sơ", [E(200, kind="words", raw="hai trăm")]),
    ("mười lăm xã", [E(15, kind="words")]),
    ("một trăm hồ sơ", [E(100, kind="words")]),
    ("hai mươi mốt hồ sơ", [E(21, kind="words")]),
    ("ba trăm linh năm người", [E(305, kind="words")]),
    ("hai nghìn hồ sơ", [E(2000, kind="words", resolution=1000)]),
    ("hai mươi lăm thủ tục", [E(25, kind="words")]),
    ("một trăm mười lăm xã", [E(115, kind="words")]),
    ("hai xã", [E(2, kind="words")]),
    ("mười xã", [E(10, kind="words")]),
    ("hơn hai trăm hồ sơ", [E(200, q="more_than", kind="words")]),
    ("HAI TRĂM HỒ SƠ", [E(200, kind="words")]),
    ("một trăm phần trăm", [E(100, "percent", kind="words")]),
    ("năm trăm hồ sơ", [E(500, kind="words")]),
    # fractions, scores, ranks, targets
    ("104/128 ấp", [E(104, kind="fraction", total=128, total_raw="128", expr_end=7)]),
    ("2/14 chợ", [E(2, kind="fraction", total=14)]),
    ("6.005/50.881 hộ", [E(6005, kind="fraction", total=50881, total_raw="50.881")]),
    ("87,75/100 điểm", [E(87.75, kind="fraction", total=100, resolution=0.01)]),
    ("xếp thứ 5/63", [E(5, kind="fraction", total=63)]),
    ("xếp thứ 7/9 trong khu vực", [E(7, kind="fraction", total=9)]),
    ("10/10 xã", [E(10, kind="fraction", total=10)]),
    ("hơn 1/3 số hồ sơ", [E(1, q="more_than", kind="fraction", total=3)]),
    ("11,80/80%", [E(11.8, "percent", kind="fraction", target=80, total=None)]),
    ("chiếm 11,80/80% chỉ tiêu", [E(11.8, "percent", kind="fraction", target=80, expr_start=6)]),
    # ranges
    ("từ 10 đến 15 hồ sơ", [E(12.5, q="about", kind="range", low=10, high=15, expr_start=0)]),
    ("10-15 hồ sơ", [E(12.5, q="about", kind="range", low=10, high=15, raw="10-15")]),
    ("10 – 15%", [E(12.5, "percent", q="about", kind="range", low=10, high=15)]),
    ("10% - 15%", [E(12.5, "percent", q="about", kind="range", low=10, high=15)]),
    ("từ 1,2 đến 1,5 triệu", [E(1.35e6, q="about", kind="range", low=1.2e6, high=1.5e6)]),
    ("từ 1.000 tới 2.000 hồ sơ", [E(1500, q="about", kind="range", low=1000, high=2000)]),
    # qualifiers
    ("hơn 15.600", [E(15600, q="more_than", low=15600, high=15600 + 1560)]),
    ("gần 20%", [E(20, "percent", "nearly", low=18, high=20)]),
    ("khoảng 0,6%", [E(0.6, "percent", "about", low=0.5, high=0.7)]),
    ("trên 31.000", [E(31000, q="more_than", low=31000)]),
    ("xấp xỉ 95%", [E(95, "percent", "about", low=85.5, high=100)]),
    ("ít nhất 3", [E(3, q="at_least", low=3, high=4)]),
    ("không quá 5", [E(5, q="at_most", low=4, high=5)]),
    ("tối đa 3 ngày", [E(3, q="at_most")]),
    ("tối thiểu 10 hồ sơ", [E(10, q="at_least")]),
    ("dưới 5%", [E(5, "percent", "less_than", low=4, high=5)]),
    ("chưa tới 10 hồ sơ", [E(10, q="less_than", low=9, high=10)]),
    ("chưa đến 1 hồ sơ", [E(1, q="less_than", low=0, high=1)]),
    ("chừng 50 người", [E(50, q="about")]),
    ("ước đạt 80%", [E(80, "percent", "about", expr_start=0)]),
    ("ước tính 1.500 hồ sơ", [E(1500, q="about")]),
    ("suýt 100%", [E(100, "percent", "nearly", low=90, high=100)]),
    ("chiếm trên 93%", [E(93, "percent", "more_than", low=93, high=100, expr_start=6)]),
    ("đạt trên 98%", [E(98, "percent", "more_than", high=100)]),
    ("trên dưới 100 người", [E(100, q="about", low=90, high=110)]),
    ("hầu như 100%", [E(100, "percent", "about", high=100)]),
    ("khoảng 2.200 hồ sơ", [E(2200, q="about", low=1980, high=2420)]),
    ("độ 20 người", [E(20, q="about")]),
    ("tiến độ 80%", [E(80, "percent", "exact")]),
    ("15 phần trăm", [E(15, "percent", raw="15")]),
    ("Qua hơn 01 năm hoạt động", [E(1, q="more_than")]),
    # odd spacing, case, rates
    (f"hơn{NBSP}15.600{NBSP}hồ sơ", [E(15600, q="more_than")]),
    (f"đạt 95,5{NBSP}%", [E(95.5, "percent")]),
    (f"1,2{NBSP}triệu", [E(1.2e6, raw=f"1,2{NBSP}triệu")]),
    ("HƠN 15.600 HỒ SƠ", [E(15600, q="more_than")]),
    ("TIẾP NHẬN 10,392 HỒ SƠ", [E(10392)]),
    ("mỗi tháng 10 hồ sơ", [E(10)]),
    ("trung bình mỗi ngày 30 hồ sơ", [E(30)]),
    ("100 hồ sơ/ngày", [E(100)]),
    ("tiếp nhận 2022 hồ sơ", [E(2022)]),
    ("Trong tổng số 1.296 thủ tục", [E(1296)]),
    ("ở mức 95%", [E(95, "percent")]),
    ("hồ sơ trực tuyến 176 hồ sơ", [E(176)]),
    ("Phường 1.228 hồ sơ", [E(1228)]),
    ("150 tổ chức", [E(150)]),
    ("phương châm “4 tại chỗ”", [E(4)]),
]


@pytest.mark.parametrize(("text", "expected"), FIGURES, ids=[t for t, _ in FIGURES])
def test_figures(text: str, expected: list[dict[str, Any]]) -> None:
    _check(text, expected)


# --- not figures: find_quantities returns nothing ----------------------------------------------
NOT_FIGURES: list[str] = [
    # dates and times
    "21/10", "7/9", "Sáng 7/9", "từ ngày 01/1-21/10/2022", "31/8/2022", "16/09/2010", "22-10-2022",
    "21.03.2023 11:21", "03:55:00", "02:46", "ngày 09 tháng 3 năm 2022", "năm 2022", "quý I", "quý 1",
    "tháng 10", "tháng 10/2022", "giai đoạn 2016 - 2020", "2021-2025", "từ 2016 đến 2020", "đến 2025",
    "Năm 2023", "ngày 20-10", "Ngày đăng: 21/11/2019   02:46", "8 tháng đầu năm", "6 tháng năm 2022",
    "trong tháng 3 hồ sơ tăng", "năm 2022 tổ chức hội nghị", "lúc 9 giờ 30 phút", "10h30",
    # document numbers
    "85/2019/NĐ-CP", "1980/QĐ-UBND", "32/CT-TTg", "08-Ctr/TU", "12-NQ/TW", "205-QĐ/TW", "số 1980",
    "Nghị định 61", "Quyết định số 468/QĐ-TTg", "Thông tư 01/2023/TT-VPCP", "Kế hoạch số 45",
    "Chỉ thị số 32/CT-TTg", "Giấy phép số 123/GP-BTTTT",
    # phone and fax numbers
    "02933961138", "088 8800 147", "0292.3812.345", "1900 1234", "(0293) 3.870.142",
    "Điện thoại - Fax:02933961138", "Điện thoại: 3870142", "Hotline 1022", "ĐT: 0293.3870",
    "Fax 3.870.143", "Đường dây nóng: 113", "Doanh nghiệp: 088 8800 147", "0912.345.678",
    "+84 912 345 678", "ĐT: 0293.3 870 142", "0293.3",
    # names and ordinals
    "Phường 9", "phường 9", "UBND phường 9", "Quận 1", "Khu phố 3", "ấp 5", "mức độ 3", "mức độ 4",
    "mức 3", "lần thứ 4", "khóa XII", "Khóa 14", "Điều 5", "khoản 2", "Chương III", "tầng 3",
    "mức độ 3 và 4", "mức độ 3, mức độ 4", "mức độ 3,4", "Phường 1, 2 và 3", "Hội nghị Trung ương 4",
    "lần thứ tư", "khóa mười hai", "Tổ 5 tổ chức",
    # codes, versions, e-mails, URLs
    "4G", "5G", "B2", "Covid-19", "H5N1", "CT-TTg", "SARS-CoV-2", "phiên bản 2.0", "Chính phủ số 4.0",
    "cách mạng công nghiệp 4.0", "v1.2.3", "ubnd.hph@haugiang.gov.vn", "abc123@gmail.com",
    "https://dichvucong.gov.vn/p/123", "www.haugiang.gov.vn/2022",
    # number words that are not figures
    "một cửa", "một số", "một phần", "năm năm", "hai năm", "mười năm", "ba người", "Tháp Mười tiếp nhận",
    "hàng nghìn hồ sơ", "vài trăm người", "Hai Bà Trưng",
    # list markers, garbage, empty
    "1. Kết quả", "(1) Kết quả", "", "   ", "abc", "1.2.3,4,5", "1,2,3", "…", "%",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text: str) -> None:
    assert find_quantities(text) == []


# --- mixed sentences: only the real figures ----------------------------------------------------
MIXED: list[tuple[str, list[float]]] = [
    ("Sáng 7/9 UBND huyện tiếp nhận 10.392 hồ sơ", [10392]),
    ("Từ đầu năm đến 31/8/2022 đã tiếp nhận 10.392 hồ sơ", [10392]),
    ("Phường 9 tiếp nhận 1.228 hồ sơ", [1228]),
    ("mức độ 4 có 209 thủ tục", [209]),
    ("90 hồ sơ dịch vụ công trực tuyến mức độ 3, mức độ 4", [90]),
    ("thủ tục mức độ 3 và 4 có 12 hồ sơ", [12]),
    ("Phường 1, 2 và 3 có 40 hồ sơ", [40]),
    ("Điện thoại: 0293 3870142, 15 xã", [15]),
    ("Quyết định số 468/QĐ-TTg ngày 27/3/2023 công bố 1.930 thủ tục", [1930]),
    ("Năm 2022 tiếp nhận 2022 hồ sơ", [2022]),
    ("đã lắp đặt Wifi cho 104/128 ấp và 2/14 chợ", [104, 2]),
    ("đã giải quyết 10.237 hồ sơ, trước hạn 10.151 hồ sơ, đúng hạn 49 hồ sơ, trễ hẹn 37 hồ sơ", [10237, 10151, 49, 37]),
    ("Tổng số hồ sơ tiếp nhận là 1.228 hồ sơ, trong đó trực tiếp là 1.052 hồ sơ (đạt 85,6%)", [1228, 1052, 85.6]),
    ("02 hồ sơ quá hạn do lỗi hệ thống (0,16%).", [2, 0.16]),
    ("Ngày 13/11/2019, Trung tâm tiếp nhận hơn 33.000 hồ sơ", [33000]),
    ("Hà Nội, Ngày 16/12/2019 đạt 80% dịch vụ công trực tuyến mức độ 3, mức độ 4", [80]),
    ("Chương trình số 08-Ctr/TU ngày 26/4/2016 giai đoạn 2016 - 2020 đạt 95%", [95]),
    ("Nghị quyết Hội nghị Trung ương lần thứ 4, khóa XII có 12 điểm mới", [12]),
    ("Chỉ số SIPAS 2022 đạt 87,75/100 điểm, xếp thứ 12/63 tỉnh", [87.75, 12]),
    ("Giấy phép số 1980/QĐ-UBND ngày 16/09/2010. Điện thoại: 02933961138. 15 xã", [15]),
    ("Tiếp nhận 1.376 thủ tục mức độ 2; 365 thủ tục mức độ 3 và 107 thủ tục mức độ 4", [1376, 365, 107]),
    ("Trên thực tế 100% hồ sơ được giải quyết đúng hẹn", [100]),
    ("cấp huyện, cấp xã đều đạt trên 98%,...", [98]),
    ("Giấy khen cho 06 tập thể; sau 9 tháng triển khai", [6, 9]),
]


@pytest.mark.parametrize(("text", "values"), MIXED, ids=[t[:40] for t, _ in MIXED])
def test_mixed_sentences(text: str, values: list[float]) -> None:
    qs = find_quantities(text)
    _invariants(text, qs)
    assert [x.value for x in qs] == pytest.approx(values)


# --- parse_number ------------------------------------------------------------------------------
PARSE: list[tuple[str, dict[str, Any], float]] = [
    ("10.392", {}, 10392), ("11,80", {}, 11.8), ("1.234.567", {}, 1234567), ("1.234,5", {}, 1234.5),
    ("1,234.5", {}, 1234.5), ("14.3", {}, 14.3), ("10,392", {"count_noun": True}, 10392),
    ("10,392", {"unit": "percent"}, 10.392), ("10.392", {"unit": "percent"}, 10.392), ("02", {}, 2),
    ("1,2 triệu", {}, 1.2e6), ("12 nghìn", {}, 12000), ("2,5 nghìn", {}, 2500), ("1,200 tỷ", {}, 1.2e9),
    ("hai trăm", {}, 200), ("mười lăm", {}, 15), ("hai mươi mốt", {}, 21), ("ba trăm linh năm", {}, 305),
    ("hai nghìn", {}, 2000), ("năm", {}, 5), ("một trăm", {}, 100), ("  85,6 ", {}, 85.6),
    ("hai triệu năm trăm nghìn", {}, 2_500_000), ("một nghìn không", {}, float("nan")),
]


@pytest.mark.parametrize(("raw", "kwargs", "value"), PARSE, ids=[r for r, _, _ in PARSE])
def test_parse_number(raw: str, kwargs: dict[str, Any], value: float) -> None:
    if value != value:  # nan marks an input that must be refused
        with pytest.raises(NumberParseError):
            parse_number(raw, **kwargs)
    else:
        assert parse_number(raw, **kwargs) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["abc", "", "1.2.3,4,5", "1,2,3", "12%", "hai hai", "mười năm", "x1",
                                 "1 2", "1" * 40, "4G", "trăm"])
def test_parse_number_errors(raw: str) -> None:
    with pytest.raises(NumberParseError) as info:
        parse_number(raw)
    assert repr(raw) in str(info.value) and "expected" in str(info.value)


def test_parse_number_rejects_non_text() -> None:
    with pytest.raises(NumberParseError):
        parse_number(None)  # type: ignore[arg-type]
    assert issubclass(NumberParseError, ValueError)


# --- robustness --------------------------------------------------------------------------------
ADVERSARIAL = [
    "1." * 10_000, "1" * 20_000, "hơn " * 5_000 + "5", "1/" * 10_000, "1-" * 10_000, "hai " * 5_000,
    "0 " * 10_000, "a." * 10_000 + "vn", "a" * 20_000 + "@", "(0" * 10_000, "1:" * 10_000,
    "1" + " " * 20_000 + "%", "Hotline " * 3_000 + "1", "12/12 " * 4_000, "1.1 " * 5_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=[f"adv{i}" for i in range(len(ADVERSARIAL))])
def test_adversarial_inputs_keep_the_invariants(text: str) -> None:
    # (how fast: benchmarks/bench_adversarial.py measures time per MB at four sizes; no timing here)
    _invariants(text, find_quantities(text))


def test_find_quantities_never_raises_on_odd_text() -> None:
    odd = ["\x00\x01", "𝟙𝟚𝟛 hồ sơ", "١٢٣ hồ sơ", "1\n2\n3", "1/\n2", "9" * 5000 + "%", "/ / /", "-1-",
           "1,,2", "1..2", ".5%", "5.%", "1e9", "½", "−5", "1\u202f234", "۱۲۳"]
    for text in odd:
        _invariants(text, find_quantities(text))


def test_property_invariants() -> None:
    hyp = pytest.importorskip("hypothesis")
    st = hyp.strategies
    alphabet = st.sampled_from(list("0123456789.,/-–%: ()\u00a0\nhơn hồ sơ năm tháng ngày trăm hai mươi Phường QĐ"))

    @hyp.settings(max_examples=300, deadline=None)
    @hyp.given(st.text(alphabet=alphabet, max_size=60))
    def run(text: str) -> None:
        _invariants(text, find_quantities(text))

    run()


def test_digits_newer_than_pythons_unicode_are_not_figures_and_do_not_raise():
    # U+10D41 (Garay digit one, Unicode 16): regex's \d takes it, Python 3.11's int() does not
    text = "Đã tiếp nhận \U00010d41\U00010d42 hồ sơ và 12 hồ sơ khác."
    assert [q.raw for q in find_quantities(text)] == ["12"]
    assert not [w for w in extract(text).warnings if "internal error" in w]
