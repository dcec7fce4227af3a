"""Mutation test of the consistency checks (issue 4).

Take consistent articles (the seeds, and a few written here in their style), change ONE printed
figure that takes part in an equality relation (a sum, a share, an X/Y share, an average), in every
such place, re-read the article, and require a ``mismatch`` finding that names the changed claim.
The unchanged articles must give no mismatch beyond the inconsistencies their gold records.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cchc_extract import Report, extract
from cchc_extract.checks import run_checks
from cchc_extract.checks._interval import approximate, decimals
from cchc_extract.checks._say import fmt_vi
from cchc_extract.models import Claim, Finding

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))

# Consistent articles written for this test, in the seeds' style (every figure adds up).
OWN = {
    "own_chau_thanh": """Châu Thành: Sơ kết công tác cải cách hành chính 6 tháng đầu năm 2023

Sáng 12/7, UBND huyện Châu Thành tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm 2023.

Theo báo cáo, trong 6 tháng đầu năm 2023, Bộ phận Tiếp nhận và Trả kết quả huyện Châu Thành đã tiếp nhận 8.415 hồ sơ, trong đó trực tiếp 5.236 hồ sơ (chiếm 62,2%), trực tuyến 2.947 hồ sơ (chiếm 35,0%), qua dịch vụ bưu chính công ích 232 hồ sơ. Đã giải quyết 8.120 hồ sơ, trong đó trước hạn 6.904 hồ sơ, đúng hạn 1.175 hồ sơ, trễ hạn 41 hồ sơ (0,50%). Các cơ quan có hồ sơ trễ hạn đều đã gửi thư xin lỗi đến người dân.

Phát biểu kết luận hội nghị, Chủ tịch UBND huyện yêu cầu các phòng, ban tiếp tục nâng cao chất lượng giải quyết thủ tục hành chính./.

Tin: Minh Khoa
""",
    "own_long_ho": """Huyện Long Hồ đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính

Năm 2022, cấp xã trên địa bàn huyện Long Hồ tiếp nhận 3.210 hồ sơ, đã giải quyết 3.198 hồ sơ, trong đó đúng và trước hạn 3.190 hồ sơ (đạt 99,75%), trễ hạn 8 hồ sơ.

Toàn huyện hiện có 1.842 thủ tục hành chính, trong đó mức độ 2 có 1.024 thủ tục, mức độ 3 có 512 thủ tục, mức độ 4 có 306 thủ tục. Huyện đã lắp đặt Wifi miễn phí cho 57/60 ấp, đạt 95%.

Tin, ảnh: Thanh Tâm
""",
    "own_ben_tre": """Bến Tre: Trung tâm Phục vụ hành chính công tỉnh giải quyết trên 98% hồ sơ

Năm 2022, Trung tâm Phục vụ hành chính công tỉnh Bến Tre tiếp nhận 45.812 hồ sơ; đã giải quyết 44.930 hồ sơ, đạt 98,07%; trong đó trước hạn 40.218 hồ sơ (89,5%), đúng hạn 4.512 hồ sơ (10,0%), trễ hạn 200 hồ sơ (0,4%). Bình quân mỗi ngày Trung tâm tiếp nhận khoảng 180 hồ sơ, mỗi tháng tiếp nhận khoảng 3.900 hồ sơ.

Theo: bentre.gov.vn
""",
    "own_cai_lay": """Thị xã Cai Lậy: kết quả cải cách hành chính quý III năm 2023

Trong quý III năm 2023, Bộ phận Một cửa thị xã Cai Lậy tiếp nhận 2.486 hồ sơ, trong đó trực tiếp 1.392 hồ sơ, trực tuyến 1.094 hồ sơ (đạt 44,01%). Đã giải quyết 2.431 hồ sơ, trước hạn 2.215 hồ sơ, đúng hạn 198 hồ sơ, trễ hạn 18 hồ sơ.

Thị xã đã công bố 1.605 thủ tục hành chính, trong đó mức độ 2 có 921 thủ tục, mức độ 3 có 342 thủ tục, mức độ 4 có 342 thủ tục; tạo được 4.120/20.600 hộ có tài khoản thanh toán không dùng tiền mặt, chiếm 20%.

T/h: Ngọc Hân
""",
}

# The inconsistencies the seeds' gold records: (rule, severity) expected on the unchanged text.
KNOWN = {
    "001_e76fa6c5116a1b92": [("percent_matches_counts", "warning")],
    "003_556f531c9672fe59": [("parts_sum_to_total", "error")],
}
EQUALITIES = {
    "parts_sum_to_total", "percents_sum_to_100", "percent_matches_counts",
    "fraction_matches_percent", "average_matches_total",
}


@dataclass
class Article:
    name: str
    text: str
    report: Report
    findings: list[Finding]


def _checked(name: str, text: str) -> Article:
    r = extract(text)
    findings, _ = run_checks(r.claims, r.sentences)
    return Article(name, text, r, findings)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    out = [_checked(p.stem, p.read_text(encoding="utf-8")) for p in SEEDS]
    out += [_checked(k, v) for k, v in OWN.items()]
    return out


def _alarms(a: Article) -> list[Finding]:
    return [f for f in a.findings if f.status == "mismatch" and f.severity in ("error", "warning")]


def _printed(c: Claim, value: float) -> str:
    """``value`` printed in the style of ``c.raw`` (decimals, separators, leading zeros)."""
    d = decimals(c)
    raw = c.raw.strip()
    if d and raw[-d - 1] == ".":
        out = f"{value:.{d}f}"
    else:
        out = fmt_vi(value, d)
    if raw.startswith("0") and len(raw) > 1 and raw[1].isdigit():
        out = out.zfill(len(raw))
    return out


def _mutations(c: Claim, exact_relation: bool) -> list[tuple[str, float]]:
    unit = 10.0 ** -decimals(c)
    out = [("x1.5", round(c.value * 1.5, decimals(c))), ("x0.5", round(c.value * 0.5, decimals(c)))]
    if exact_relation and not approximate(c):
        out.append(("+1 digit", round(c.value + unit, decimals(c))))
    return [(k, v) for k, v in out if v != c.value and v > 0]


def _targets(a: Article) -> dict[int, bool]:
    """Claims in an ok equality finding -> whether some such finding has only exact figures.
    Figures of a recorded inconsistency get no one-digit change: that may repair it."""
    out: dict[int, bool] = {}
    flawed = {i for f in _alarms(a) for i in f.claims}
    for f in a.findings:
        if f.rule in EQUALITIES and f.status == "ok":
            exact = not any(approximate(a.report.claims[i]) for i in f.claims)
            for i in f.claims:
                out[i] = out.get(i, False) or (exact and i not in flawed)
    return out


def test_no_false_alarm_on_consistent_articles(articles):
    for a in articles:
        got = sorted((f.rule, f.severity) for f in _alarms(a))
        assert got == sorted(KNOWN.get(a.name, [])), (a.name, [f.message for f in _alarms(a)])


def test_every_changed_figure_is_caught(articles, capsys):
    tried = caught = skipped = 0
    by_kind: dict[str, list[int]] = {}
    missed: list[str] = []
    for a in articles:
        for i, exact in sorted(_targets(a).items()):
            c = a.report.claims[i]
            evidence = a.text[c.start : c.end]
            at = evidence.find(c.raw)
            if at < 0:
                skipped += 1
                continue
            for kind, value in _mutations(c, exact):
                new = _printed(c, value)
                pos = c.start + at
                text = a.text[:pos] + new + a.text[pos + len(c.raw) :]
                m = _checked(a.name, text)
                if len(m.report.claims) != len(a.report.claims) or m.report.claims[i].metric != c.metric or abs(
                    m.report.claims[i].value - value
                ) > 1e-9 * max(1.0, value):
                    skipped += 1  # the change altered what the extractor read, not just the figure
                    continue
                hit = any(f.status == "mismatch" and i in f.claims for f in m.findings)
                tried += 1
                caught += hit
                by_kind.setdefault(kind, [0, 0])
                by_kind[kind][0] += 1
                by_kind[kind][1] += hit
                if not hit:
                    missed.append(f"{a.name}: {c.metric} {c.raw} -> {new} ({kind})")
    false_alarms = sum(
        1 for a in articles for f in _alarms(a) if (f.rule, f.severity) not in KNOWN.get(a.name, [])
    )
    rate = caught / tried if tried else 0.0
    with capsys.disabled():
        print(f"\nmutations: {caught}/{tried} caught, detection rate {rate:.1%}; {skipped} skipped")
        for kind, (n, k) in sorted(by_kind.items()):
            print(f"  {kind}: {k}/{n}")
        for line in missed:
            print(f"  missed: {line}")
        print(f"false alarms on {len(articles)} unchanged articles: {false_alarms}")
    assert tried >= 60
    assert rate >= 0.95
    assert false_alarms == 0
