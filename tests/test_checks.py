"""Consistency checks (issue 4): rules over claims, tolerances from the printed figures, verdicts,
coverage and messages. Table-driven cases on hand-built claims, the seeds' done-when, and
hypothesis properties."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_extract import extract
from cchc_extract.checks import cross_article_findings, run_checks
from cchc_extract.checks._say import fmt_en, fmt_vi
from cchc_extract.models import Claim, Finding, Period, Report, Sentence

SEEDS = {p.stem[:3]: p for p in sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))}
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_QUAL = {"more_than": (1.0, 1.1), "nearly": (0.9, 1.0), "about": (0.9, 1.1)}


def C(metric: str, raw: str, *, unit: str = "count", q: str = "exact", s: int = 0, level: str = "district",
      locality: str | None = "huyện A", total: float | None = None, of: str | None = None,
      period: Period | None = None) -> Claim:
    """A claim as the extractor would give it: value and interval from the printed figure."""
    value = float(raw.replace(".", "").replace(",", ".")) if unit == "count" or "," in raw else float(raw)
    lo, hi = _QUAL.get(q, (1.0, 1.0))
    high = min(value * hi, 100.0) if unit == "percent" and q != "exact" else value * hi
    return Claim(metric=metric, value=value, raw=raw, unit=unit, qualifier=q, low=value * lo, high=high,
                 level=level, locality=locality, period=period, total=total, of=of,
                 start=0, end=len(raw), sentence=s)


def S(n: int = 4, segments: list[int] | None = None) -> list[Sentence]:
    segs = segments or [0] * n
    return [Sentence(index=i, start=i, end=i + 1, text=".", segment=segs[i]) for i in range(len(segs))]


def check(claims: list[Claim], sentences: list[Sentence] | None = None) -> list[Finding]:
    return run_checks(claims, sentences if sentences is not None else S())[0]


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def seed(key: str) -> tuple[Report, list[Finding]]:
    r = extract(SEEDS[key].read_text(encoding="utf-8"))
    return r, run_checks(r.claims, r.sentences)[0]


# ------------------------------------------------------------------------------------------------
# Table: (name, claims, rule, status, severity) -- the first finding of `rule` is compared
# ------------------------------------------------------------------------------------------------
P = "percent"
CASES = [
    ("resolved split adds up",
     [C("dossiers_resolved", "100"), C("dossiers_resolved_early", "60"), C("dossiers_resolved_on_time", "30"),
      C("dossiers_resolved_late", "10")], "parts_sum_to_total", "ok", "info"),
    ("resolved split off by one",
     [C("dossiers_resolved", "101"), C("dossiers_resolved_early", "60"), C("dossiers_resolved_on_time", "30"),
      C("dossiers_resolved_late", "10")], "parts_sum_to_total", "mismatch", "error"),
    ("early or on time = early + on time",
     [C("dossiers_resolved_early_or_on_time", "95"), C("dossiers_resolved_early", "60"),
      C("dossiers_resolved_on_time", "30")], "parts_sum_to_total", "mismatch", "error"),
    ("resolved = early or on time + late",
     [C("dossiers_resolved", "3.198"), C("dossiers_resolved_early_or_on_time", "3.190"),
      C("dossiers_resolved_late", "8")], "parts_sum_to_total", "ok", "info"),
    ("procedures by level short of total",
     [C("procedures_total", "1.930", level="province"), C("procedures_level_2", "1.376", level="province"),
      C("procedures_level_3", "365", level="province"), C("procedures_level_4", "107", level="province")],
     "parts_sum_to_total", "mismatch", "error"),
    ("channels short of received: maybe an unlisted channel",
     [C("dossiers_received", "1.300"), C("dossiers_received_direct", "1.052"),
      C("dossiers_received_online", "176")], "parts_sum_to_total", "mismatch", "warning"),
    ("channels above received",
     [C("dossiers_received", "1.200"), C("dossiers_received_direct", "1.052"),
      C("dossiers_received_online", "176")], "parts_sum_to_total", "mismatch", "error"),
    ("approximate parts above the total: a warning at most",
     [C("dossiers_resolved", "100", q="about"), C("dossiers_resolved_early", "90", q="more_than"),
      C("dossiers_resolved_on_time", "30", q="more_than"), C("dossiers_resolved_late", "1")],
     "parts_sum_to_total", "mismatch", "warning"),
    ("percent rounds",
     [C("dossiers_received", "1.228"), C("dossiers_received_online", "176"),
      C("dossiers_received_online", "14.3", unit=P)], "percent_matches_counts", "ok", "info"),
    ("percent truncated",
     [C("dossiers_received", "1.228"), C("dossiers_received_direct", "1.052"),
      C("dossiers_received_direct", "85,6", unit=P)], "percent_matches_counts", "mismatch", "warning"),
    ("percent beyond rounding",
     [C("dossiers_received", "1.228"), C("dossiers_received_direct", "1.052"),
      C("dossiers_received_direct", "86,0", unit=P)], "percent_matches_counts", "mismatch", "error"),
    ("approximate percent within its interval",
     [C("dossiers_received", "33.000", q="more_than"), C("dossiers_resolved", "31.000", q="more_than"),
      C("dossiers_resolved", "93", unit=P, q="more_than")], "percent_matches_counts", "ok", "info"),
    ("approximate percent far off: warning",
     [C("dossiers_received", "33.000"), C("dossiers_resolved", "31.000"),
      C("dossiers_resolved", "50", unit=P, q="about")], "percent_matches_counts", "mismatch", "warning"),
    ("share of resolved: falls back to received with a warning",
     [C("dossiers_received", "1.228"), C("dossiers_resolved_late", "02"),
      C("dossiers_resolved_late", "5", unit=P)], "percent_matches_counts", "mismatch", "warning"),
    ("approximate shares of an exhaustive split",
     [C("dossiers_resolved_early", "80", unit=P, q="more_than"), C("dossiers_resolved_on_time", "20", unit=P, q="nearly"),
      C("dossiers_resolved_late", "0,6", unit=P, q="about")], "percents_sum_to_100", "ok", "info"),
    ("exact shares far from 100",
     [C("dossiers_resolved_early", "70", unit=P), C("dossiers_resolved_on_time", "20", unit=P),
      C("dossiers_resolved_late", "1", unit=P)], "percents_sum_to_100", "mismatch", "error"),
    ("X/Y share matches",
     [C("cashless_accounts", "6.005", total=50881), C("cashless_accounts", "11,80", unit=P)],
     "fraction_matches_percent", "ok", "info"),
    ("X/Y share off",
     [C("cashless_accounts", "6.005", total=50881), C("cashless_accounts", "12,50", unit=P)],
     "fraction_matches_percent", "mismatch", "error"),
    ("X above Y",
     [C("wifi_covered_units", "130", total=128, of="hamlet")], "part_not_above_whole", "mismatch", "error"),
    ("resolved above received",
     [C("dossiers_received", "400"), C("dossiers_resolved", "500")], "part_not_above_whole", "mismatch", "error"),
    ("intervals allow it",
     [C("dossiers_received", "8.700", q="more_than"), C("dossiers_resolved", "8.800", q="about")],
     "part_not_above_whole", "ok", "info"),
    ("carried over counts in the whole",
     [C("dossiers_received", "400"), C("dossiers_carried_over", "150"), C("dossiers_resolved", "500")],
     "part_not_above_whole", "ok", "info"),
    ("monthly ~ daily x 22",
     [C("monthly_average_received", "2.200", q="about"), C("daily_average_received", "100", q="about")],
     "average_matches_total", "ok", "info"),
    ("monthly far from daily x 22",
     [C("monthly_average_received", "5.000"), C("daily_average_received", "100")],
     "average_matches_total", "mismatch", "warning"),
    ("same figure twice",
     [C("dossiers_received", "1.228", s=0), C("dossiers_received", "1.228", s=3)], "same_figure_twice", "ok", "info"),
    ("different figure twice: shown, not alarmed",
     [C("procedures_total", "1.296", s=0), C("procedures_total", "1.930", s=3)],
     "same_figure_twice", "mismatch", "info"),
    ("a share with nothing to check it against",
     [C("dossiers_resolved_early_or_on_time", "98", unit=P, q="more_than")],
     "percent_matches_counts", "unverifiable", "info"),
    ("a sum with a part missing",
     [C("dossiers_resolved", "100"), C("dossiers_resolved_early", "60"), C("dossiers_resolved_late", "10")],
     "parts_sum_to_total", "unverifiable", "info"),
]


@pytest.mark.parametrize("name, claims, rule, status, severity", CASES, ids=[c[0] for c in CASES])
def test_rule_table(name, claims, rule, status, severity):
    found = of_rule(check(claims), rule)
    assert found, (name, rule)
    f = found[0]
    assert (f.status, f.severity) == (status, severity), (name, f.message)
    assert f.message and f.message_en and "Câu" in f.message and "Sentence" in f.message_en


@pytest.mark.parametrize("other", [
    {"level": "commune", "locality": None},
    {"locality": "huyện B"},
    {"period": Period(label="quý I năm 2022")},
])
def test_no_relation_across_scopes(other):
    claims = [C("dossiers_resolved", "101"), C("dossiers_resolved_early", "60", **other),
              C("dossiers_resolved_on_time", "30", **other), C("dossiers_resolved_late", "10", **other)]
    assert not [f for f in check(claims) if f.status == "mismatch"]


def test_nearest_set_wins_within_scope():
    # two complete sets of the same scope in different paragraphs: each total takes its own parts
    claims = [C("dossiers_resolved", "100", s=0), C("dossiers_resolved_early", "60", s=0),
              C("dossiers_resolved_on_time", "30", s=0), C("dossiers_resolved_late", "10", s=0),
              C("dossiers_resolved", "50", s=5), C("dossiers_resolved_early", "20", s=5),
              C("dossiers_resolved_on_time", "20", s=5), C("dossiers_resolved_late", "10", s=5)]
    sums = of_rule(check(claims, S(segments=[0, 0, 0, 1, 1, 2])), "parts_sum_to_total")
    assert [(f.status, f.claims) for f in sums] == [("ok", [0, 1, 2, 3]), ("ok", [4, 5, 6, 7])]


def test_far_claims_are_not_related():
    claims = [C("procedures_total", "1.296", s=0), C("procedures_level_2", "1.376", s=6),
              C("procedures_level_3", "365", s=6), C("procedures_level_4", "107", s=6)]
    assert not of_rule(check(claims, S(segments=[0, 0, 1, 2, 3, 4, 5])), "parts_sum_to_total")


def test_sum_message_quotes_the_article():
    claims = CASES[4][1]
    f = of_rule(check(claims), "parts_sum_to_total")[0]
    assert "1.376 + 365 + 107 = 1.848, nhưng bài viết nêu tổng 1.930 thủ tục (chênh 82)" in f.message
    assert "1,376 + 365 + 107 = 1,848" in f.message_en and "difference 82" in f.message_en
    assert (f.expected, f.actual) == (1848, 1930)


def test_coverage_counts_checked_claims():
    claims = [C("dossiers_resolved", "100"), C("dossiers_resolved_early", "60"), C("dossiers_resolved_on_time", "30"),
              C("dossiers_resolved_late", "10"), C("community_digital_teams", "6"),
              C("dossiers_resolved_early_or_on_time", "98", unit=P, level="commune")]
    _, cov = run_checks(claims, S())
    assert (cov.checked, cov.total) == (4, 6)


@pytest.mark.parametrize("x, places, vi, en", [
    (1848, 0, "1.848", "1,848"), (85.667, 2, "85,67", "85.67"), (12688, 0, "12.688", "12,688"),
    (1234567.5, 1, "1.234.567,5", "1,234,567.5"), (0.163, 3, "0,163", "0.163"),
])
def test_number_format(x, places, vi, en):
    assert fmt_vi(x, places) == vi and fmt_en(x, places) == en


# ------------------------------------------------------------------------------------------------
# Seeds: the done-when
# ------------------------------------------------------------------------------------------------
def test_seed_003_procedures_error():
    _, fs = seed("003")
    errs = [f for f in fs if f.status == "mismatch" and f.severity == "error"]
    assert len(errs) == 1 and errs[0].rule == "parts_sum_to_total"
    assert "1.376 + 365 + 107 = 1.848" in errs[0].message and "1.930" in errs[0].message
    assert "chênh 82" in errs[0].message and "Câu 11" in errs[0].message


def test_seed_003_approximate_shares_are_not_errors():
    r, fs = seed("003")
    pct = of_rule(fs, "percents_sum_to_100")
    assert pct and all(f.status == "ok" for f in pct)
    share = [f for f in of_rule(fs, "percent_matches_counts") if f.status != "unverifiable"]
    assert share and share[0].status == "ok"  # hơn 31.000 / hơn 33.000 vs trên 93%


def test_seed_001_truncation_warning():
    r, fs = seed("001")
    warn = [f for f in fs if f.status == "mismatch"]
    assert [(f.rule, f.severity) for f in warn] == [("percent_matches_counts", "warning")]
    assert "1.052/1.228 = 85,67%" in warn[0].message and "85,6%" in warn[0].message
    assert "85,7%" in warn[0].message


@pytest.mark.parametrize("key", ["000", "002", "004"])
def test_seeds_without_errors(key):
    _, fs = seed(key)
    assert not [f.message for f in fs if f.status == "mismatch" and f.severity == "error"]


def test_seed_000_sums_and_share_ok():
    _, fs = seed("000")
    ok = [f.message for f in fs if f.status == "ok"]
    for s in ["10.151 + 49 + 37 = 10.237", "11.969 + 564 + 155 = 12.688", "209 + 54 + 165 = 428",
              "6.005/50.881 = 11,802%"]:
        assert any(s in m for m in ok), s
    assert not [f for f in fs if f.status == "mismatch"]


def test_seed_coverage():
    for key in SEEDS:
        r = extract(SEEDS[key].read_text(encoding="utf-8"))
        fs, cov = run_checks(r.claims, r.sentences)
        assert (fs, cov) == (r.findings, r.coverage)
        assert cov.total == len(r.claims)
        assert cov.checked == len({i for f in fs if f.status != "unverifiable" for i in f.claims})


# ------------------------------------------------------------------------------------------------
# Across articles
# ------------------------------------------------------------------------------------------------
def test_cross_article_disagreement():
    period = Period(start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31), label="năm 2022")
    a = Report(text="", source="a", claims=[C("dossiers_received", "16.333", period=period)])
    b = Report(text="", source="b", claims=[C("dossiers_received", "16.330", period=period)])
    c = Report(text="", source="c", claims=[C("dossiers_received", "16.333", period=period)])
    found = cross_article_findings([a, b, c])
    assert len(found) == 1 and found[0].finding.status == "mismatch"
    assert found[0].refs == ((0, 0), (1, 0), (2, 0)) and "16.330" in found[0].finding.message
    assert cross_article_findings([a, c]) == []


# ------------------------------------------------------------------------------------------------
# Properties
# ------------------------------------------------------------------------------------------------
SPLITS = [("dossiers_resolved", ["dossiers_resolved_early", "dossiers_resolved_on_time", "dossiers_resolved_late"]),
          ("procedures_total", ["procedures_level_2", "procedures_level_3", "procedures_level_4"]),
          ("dossiers_received", ["dossiers_received_direct", "dossiers_received_online", "dossiers_received_postal"])]


def _count(metric: str, n: int, s: int = 0) -> Claim:
    return C(metric, fmt_vi(n), s=s)


def _share(metric: str, part: int, whole: int, places: int, how: str = "round") -> Claim:
    x = 100.0 * part / whole
    v = math.floor(x * 10**places) / 10**places if how == "trunc" else round(x, places)
    raw = fmt_vi(v, places)
    return C(metric, raw, unit=P)


@FAST
@given(split=st.sampled_from(SPLITS), parts=st.lists(st.integers(1, 2_000_000), min_size=3, max_size=3),
       places=st.integers(0, 2), shares=st.booleans())
def test_figures_that_add_up_never_mismatch(split, parts, places, shares):
    total, names = split
    whole = sum(parts)
    claims = [_count(total, whole)] + [_count(m, n) for m, n in zip(names, parts)]
    if shares:
        claims += [_share(m, n, whole, places) for m, n in zip(names, parts)]
    fs = check(claims)
    assert not [f.message for f in fs if f.status == "mismatch"]
    assert of_rule(fs, "parts_sum_to_total")[0].status == "ok"


@FAST
@given(split=st.sampled_from(SPLITS), parts=st.lists(st.integers(1, 2_000_000), min_size=3, max_size=3),
       which=st.integers(0, 2), delta=st.integers(-5000, 5000).filter(bool))
def test_any_change_of_a_part_is_a_mismatch_naming_it(split, parts, which, delta):
    total, names = split
    whole = sum(parts)
    changed = list(parts)
    changed[which] = max(0, changed[which] + delta)
    if changed[which] == parts[which]:
        return
    claims = [_count(total, whole)] + [_count(m, n) for m, n in zip(names, changed)]
    fs = check(claims)
    assert any(f.status == "mismatch" and 1 + which in f.claims for f in fs)


@FAST
@given(part=st.integers(0, 100_000), extra=st.integers(1, 100_000), places=st.integers(0, 3))
def test_truncated_share_is_never_an_error(part, extra, places):
    whole = part + extra
    claims = [_count("dossiers_received", whole), _count("dossiers_received_online", part),
              _share("dossiers_received_online", part, whole, places, "trunc")]
    f = of_rule(check(claims), "percent_matches_counts")[0]
    assert f.severity != "error" and f.status in ("ok", "mismatch")


_METRICS = ["dossiers_received", "dossiers_resolved", "dossiers_resolved_early", "dossiers_resolved_late",
            "dossiers_received_online", "procedures_total", "procedures_level_2", "cashless_accounts",
            "monthly_average_received", "daily_average_received", "other"]


@st.composite
def _any_claim(draw) -> Claim:
    v = draw(st.floats(0, 1e7, allow_nan=False))
    lo = draw(st.floats(0, 1e7, allow_nan=False))
    return Claim(metric=draw(st.sampled_from(_METRICS)), value=v, raw=draw(st.sampled_from(["0", "", "1,5", "x", "12.000", "0,0"])),
                 unit=draw(st.sampled_from(["count", "percent"])),
                 qualifier=draw(st.sampled_from(["exact", "more_than", "about"])), low=lo,
                 high=draw(st.floats(0, 1e7, allow_nan=False)), level=draw(st.sampled_from(["district", "commune"])),
                 total=draw(st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False))),
                 start=0, end=1, sentence=draw(st.integers(-2, 8)))


@FAST
@given(claims=st.lists(_any_claim(), max_size=12), n=st.integers(0, 6))
def test_never_raises(claims, n):
    fs, cov = run_checks(claims, S(segments=[0] * n) if n else [])
    assert cov.total == len(claims) and 0 <= cov.checked <= len(claims)
    for f in fs:
        assert f.status in ("ok", "mismatch", "unverifiable") and all(0 <= i < len(claims) for i in f.claims)


def test_a_share_is_checked_against_one_fraction_of_its_own_kind():
    # "Wi-Fi tại 112/126 thôn, buôn, đạt 92% và 3/5 chợ": 92% is the villages' share, not the markets'
    claims = [C("wifi_covered_units", "112", total=126, of="village"),
              C("wifi_covered_units", "92", unit=P, of="village"),
              C("wifi_covered_units", "3", total=5, of="market")]
    found = of_rule(check(claims), "fraction_matches_percent")
    assert [(f.claims, f.status) for f in found] == [([0, 1], "mismatch")]
    assert "112/126" in found[0].message


def test_a_share_between_two_fractions_takes_the_one_before_it():
    claims = [C("cashless_accounts", "6.005", total=50881), C("cashless_accounts", "11,80", unit=P),
              C("cashless_accounts", "3", total=5)]
    found = of_rule(check(claims), "fraction_matches_percent")
    assert [(f.claims, f.status) for f in found] == [([0, 1], "ok")]


def test_a_failing_rule_is_logged_by_name_and_the_others_still_run(monkeypatch, caplog):
    import cchc_extract.checks as checks

    r = extract("Huyện A tiếp nhận 100 hồ sơ, trong đó 60 hồ sơ trực tuyến và 40 hồ sơ trực tiếp. "
                "Tỷ lệ hồ sơ trực tuyến đạt 60%.")
    before = {f.rule for f in run_checks(r.claims, r.sentences)[0]}
    assert "parts_sum_to_total" in before and len(before) > 1

    def check_sums(art):
        raise ValueError("a bug in a rule")

    monkeypatch.setattr(checks, "check_sums", check_sums)
    with caplog.at_level("ERROR", logger="cchc_extract.checks"):
        after = {f.rule for f in run_checks(r.claims, r.sentences)[0]}
    assert "consistency rule check_sums failed" in caplog.text
    assert "parts_sum_to_total" not in after and after & before  # the other rules still ran


def test_a_share_whose_counts_are_stated_only_further_away_says_so():
    r = extract(
        "UBND xã Tân Long sơ kết quý III năm 2025\n\n"
        "+ Số hồ sơ đã giải quyết: 2.790 hồ sơ, trong đó trễ hạn 8 hồ sơ.\n"
        "+ Số hồ sơ đang giải quyết: 56 hồ sơ.\n\n"
        "Hội nghị đánh giá cao kết quả. Tỷ lệ hồ sơ trễ hạn chỉ chiếm 0,29% trên tổng số hồ sơ đã giải quyết.\n"
    )
    (f,) = [f for f in r.findings if f.rule == "percent_matches_counts"]
    assert f.status == "unverifiable"
    assert "are stated only further away (sentence 2)" in f.message_en
    assert "chỉ được nêu ở xa (câu 2)" in f.message
    # with no such count anywhere, the article does not state it
    r = extract("UBND xã Tân Long sơ kết quý III năm 2025\n\nTỷ lệ hồ sơ trễ hạn chỉ chiếm 0,29% trên tổng số hồ sơ đã giải quyết.\n")
    (f,) = [f for f in r.findings if f.rule == "percent_matches_counts"]
    assert "does not state" in f.message_en
