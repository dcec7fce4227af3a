"""The command line, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cchc_extract.cli import main

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def test_help_lists_commands(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "extract" in capsys.readouterr().out


def test_human_output_shows_claims_in_sentences(capsys):
    assert main(["extract", str(SEEDS / "000_a40b259b8546484f.txt")]) == 0
    out = capsys.readouterr().out
    assert "«400 hồ sơ trực tuyến»" in out
    assert "dossiers_received" in out and "10.392" in out
    assert "1 articles read" in out


def test_jsonl_one_record_per_article(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(SEEDS), "--format", "jsonl", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    for rec in records:
        assert {"source", "claims", "findings", "warnings"} <= rec.keys()
        for c in rec["claims"]:
            assert {"metric", "value", "raw", "unit", "qualifier", "low", "high", "level", "start", "end"} <= c.keys()


def test_json_is_one_list(tmp_path):
    out = tmp_path / "out.json"
    assert main(["extract", str(SEEDS / "003_556f531c9672fe59.txt"), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) == 1 and data[0]["claims"]


def test_output_name_picks_the_format_when_none_is_given(tmp_path):
    art = SEEDS / "003_556f531c9672fe59.txt"
    for name, read in [("out.jsonl", lambda t: [json.loads(x) for x in t.splitlines()]),
                       ("out.NDJSON", lambda t: [json.loads(x) for x in t.splitlines()]),
                       ("out.json", json.loads)]:
        assert main(["extract", str(art), "--workers", "1", "-o", str(tmp_path / name)]) == 0
        records = read((tmp_path / name).read_text(encoding="utf-8"))
        assert len(records) == 1 and records[0]["claims"], name
    assert main(["extract", str(art), "-o", str(tmp_path / "out.txt")]) == 0
    assert "1 articles read" in (tmp_path / "out.txt").read_text(encoding="utf-8")  # the human text
    # --format wins over the name
    assert main(["extract", str(art), "--format", "json", "-o", str(tmp_path / "x.jsonl")]) == 0
    assert isinstance(json.loads((tmp_path / "x.jsonl").read_text(encoding="utf-8")), list)


def test_bad_file_is_one_line_and_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 not utf-8 \xc3\x28")
    good = tmp_path / "good.txt"
    good.write_text((SEEDS / "001_e76fa6c5116a1b92.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["extract", str(tmp_path), "--format", "jsonl"]) == 1
    cap = capsys.readouterr()
    records = [json.loads(line) for line in cap.out.splitlines()]
    assert [("error" in r) for r in records] == [True, False]
    assert "not UTF-8" in cap.err and "Traceback" not in cap.err


def test_missing_path_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_console_script_runs():
    exe = Path(sys.executable).with_name("cchc-extract")
    res = subprocess.run([str(exe), "extract", str(SEEDS / "002_6733082e15ec4873.txt"), "--format", "jsonl"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["claims"]


def test_unwritable_output_is_one_line_not_a_traceback(tmp_path, capsys):
    art = tmp_path / "a.txt"
    art.write_text("UBND huyện A đã tiếp nhận 1.000 hồ sơ.", encoding="utf-8")
    rc = main(["extract", str(art), "--format", "jsonl", "-o", str(tmp_path / "no" / "such" / "out.jsonl")])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 1 and len(err) == 1 and "No such file or directory" in err[0] and "Traceback" not in err[0]


def test_a_bug_is_one_line_with_how_to_see_more(tmp_path, capsys, monkeypatch):
    import cchc_extract.batch as batch

    def boom(*a, **k):
        raise RuntimeError("kaput")

    monkeypatch.setattr(batch, "run", boom)
    monkeypatch.delenv("CCHC_DEBUG", raising=False)
    rc = main(["extract", str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == 3 and "internal error (RuntimeError: kaput)" in err and "CCHC_DEBUG=1" in err
    monkeypatch.setenv("CCHC_DEBUG", "1")
    import pytest

    with pytest.raises(RuntimeError):
        main(["extract", str(tmp_path)])


def test_usage_error_exits_2(tmp_path, capsys):
    rc = main(["extract", str(tmp_path), "--workers", "0"])
    assert rc == 2 and "--workers must be at least 1" in capsys.readouterr().err
