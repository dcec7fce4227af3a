"""The contract's records: typed, frozen, lossless in JSON; errors typed."""

from __future__ import annotations

import datetime as dt

import pydantic
import pytest

from cchc_extract import Claim, Report, extract
from cchc_extract.errors import CchcExtractError, InputError


def _claim(**kw):
    base = dict(metric="dossiers_received", value=10392, raw="10.392", unit="count", low=10392, high=10392,
                start=0, end=6, sentence=0)
    base.update(kw)
    return Claim(**base)


def test_claim_is_frozen():
    c = _claim()
    with pytest.raises(pydantic.ValidationError):
        c.value = 1


def test_claim_rejects_unknown_unit_and_fields():
    with pytest.raises(pydantic.ValidationError):
        _claim(unit="percentage")
    with pytest.raises(pydantic.ValidationError):
        _claim(colour="red")


def test_report_round_trip_with_period():
    from cchc_extract.models import Period

    r = Report(text="abc", published=dt.date(2022, 10, 22),
               claims=[_claim(period=Period(start=dt.date(2022, 1, 1), end=dt.date(2022, 8, 31), label="8 tháng đầu năm"))])
    assert Report.model_validate_json(r.model_dump_json()) == r


@pytest.mark.parametrize("bad", [None, 12, ["a"], b"\xff\xfe\xfa"])
def test_extract_rejects_non_text_with_typed_error(bad):
    with pytest.raises(InputError) as info:
        extract(bad)
    assert isinstance(info.value, CchcExtractError)


@pytest.mark.parametrize("odd", ["", "   \n\n ", "Hello world, nothing here.", "١٢٣ ٤٥٦", "🙂" * 50, "\u200b\ufeff"])
def test_extract_never_raises_on_odd_text(odd):
    r = extract(odd)
    assert r.claims == [] and r.warnings


def test_utf8_bytes_accepted():
    r = extract("Huyện Long Mỹ tiếp nhận 1.200 hồ sơ.".encode("utf-8"))
    assert isinstance(r, Report)


def test_replacement_characters_are_a_warning_that_counts_the_claims_near_them():
    r = extract("Năm 2023, UBND huyện Long Mỹ tiếp nhận 1.2\ufffd0 hồ sơ, giải quyết đúng hạn 98%.\n\n"
                "Huyện giải quyết 1.100 hồ sơ.\n\nTrang ch\ufffd")
    (w,) = [w for w in r.warnings if "U+FFFD" in w]
    assert w.startswith("2 replacement characters (U+FFFD) in the text")
    assert "1 claim stands in a sentence with one" in w  # the 98%: "1.2\ufffd0" itself is no figure
    assert [c.raw for c in r.claims] == ["98", "1.100"]
    assert not [w for w in extract("Huyện giải quyết 1.100 hồ sơ.").warnings if "U+FFFD" in w]


def test_repr_is_plain():
    r = extract("")
    assert repr(r).startswith("<Report")


def test_internal_error_in_one_sentence_becomes_a_warning(monkeypatch):
    import cchc_extract.claims as claims

    def boom(text):
        if "1.200" in text:
            raise RuntimeError("simulated bug")
        return real(text)

    real = claims.find_quantities
    monkeypatch.setattr(claims, "find_quantities", boom)
    r = extract("UBND huyện Long Mỹ\n\nHuyện tiếp nhận 1.200 hồ sơ.\n\nHuyện giải quyết 1.100 hồ sơ.\n")
    assert [c.value for c in r.claims] == [1100]
    assert any("simulated bug" in w and "sentence" in w for w in r.warnings)


def test_report_to_frame_and_top_level_frames(fixtures):
    pd = pytest.importorskip("pandas")
    from cchc_extract import claims_frame, findings_frame

    text = next((fixtures / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
    report = extract(text)
    df = report.to_frame()
    assert len(df) == len(report.claims)
    assert list(df.evidence) == [report.evidence(c) for c in report.claims]
    assert isinstance(df.metric.dtype, pd.CategoricalDtype) and isinstance(df.level.dtype, pd.CategoricalDtype)
    assert str(df.sentence.dtype) == "Int32" and df.value.dtype == "float64"
    assert str(df.period_start.dtype).startswith("datetime64")
    fdf = report.to_frame("findings")
    assert len(fdf) == len(report.findings) and set(fdf.status) >= {"mismatch"}
    both = claims_frame({"a": report, "b": report})
    assert list(both.article_id.unique()) == ["a", "b"] and len(both) == 2 * len(report.claims)
    assert len(findings_frame([report])) == len(report.findings)
    with pytest.raises(ValueError, match="choose 'claims' or 'findings'"):
        report.to_frame("sentences")


def test_error_hierarchy_one_base_and_the_builtin_kinds():
    import pickle

    from cchc_extract import errors

    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.CchcExtractError), name
    assert issubclass(errors.InputError, TypeError) and issubclass(errors.UsageError, ValueError)
    assert issubclass(errors.MissingDependency, ImportError)
    e = errors.RecordError("empty", "empty: no text")
    back = pickle.loads(pickle.dumps(e))
    assert (back.kind, str(back)) == ("empty", "empty: no text")
    assert "pip install 'cchc_extract[frames]'" in str(errors.MissingDependency("tables", "frames"))
    # the old import paths keep working
    from cchc_extract.batch import UsageError
    from cchc_extract.sources import RecordError, SourceError

    assert UsageError is errors.UsageError and SourceError is errors.SourceError and RecordError is errors.RecordError
