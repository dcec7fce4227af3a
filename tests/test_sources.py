"""Input readers: files, folders, JSONL/CSV/Parquet archives; one record per input, errors as data."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cchc_extract import sources
from cchc_extract.sources import Columns, RecordError, SourceError, count_records, iter_records, read_text_file

BATCH = Path(__file__).parent / "fixtures" / "batch"
ARTICLE = (BATCH / "articles" / "long_hoa.txt").read_text(encoding="utf-8")


def _read(path: Path, max_chars: int = sources.DEFAULT_MAX_CHARS) -> str:
    return read_text_file(path, max_chars)


def _kind(path: Path, max_chars: int = sources.DEFAULT_MAX_CHARS) -> str:
    with pytest.raises(RecordError) as info:
        read_text_file(path, max_chars)
    return info.value.kind


def test_utf8_with_and_without_bom(tmp_path):
    plain, bom = tmp_path / "a.txt", tmp_path / "b.txt"
    plain.write_bytes(ARTICLE.encode("utf-8"))
    bom.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert _read(plain) == _read(bom) == ARTICLE


def test_bad_encodings_are_record_errors(tmp_path):
    (tmp_path / "cp1258.txt").write_bytes("Huyện tiếp nhận 100 hồ sơ".encode("utf-8").replace(b"\xe1\xbb\x87", b"\xd2"))
    (tmp_path / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "nul.txt").write_bytes(b"a\x00b\x00c\x00")  # UTF-16 without a BOM decodes as UTF-8
    assert _kind(tmp_path / "cp1258.txt") == "undecodable"
    assert _kind(tmp_path / "utf16.txt") == "undecodable"
    assert _kind(tmp_path / "png.txt") == "binary"
    assert _kind(tmp_path / "nul.txt") == "binary"
    with pytest.raises(RecordError, match="not UTF-8"):
        read_text_file(tmp_path / "cp1258.txt")


def test_empty_and_missing(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\xef\xbb\xbf \n\t\n")
    assert _kind(tmp_path / "empty.txt") == "empty"
    assert _kind(tmp_path / "blank.txt") == "empty"
    with pytest.raises(RecordError, match="cannot read") as info:
        read_text_file(tmp_path / "nope.txt")
    assert info.value.kind == "unreadable"


class _CountingFile:
    def __init__(self, f, counter):
        self.f, self.counter = f, counter

    def read(self, n=-1):
        data = self.f.read(n)
        self.counter.append(len(data))
        return data

    def __getattr__(self, name):
        return getattr(self.f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()


def test_too_large_reads_no_further_than_needed(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    line = ("Huyện A tiếp nhận 1.000 hồ sơ. " * 30 + "\n").encode("utf-8")
    big.write_bytes(line * (20_000_000 // len(line) + 1))  # 20 MB of text
    reads: list[int] = []
    real_open = open
    monkeypatch.setattr(sources, "open", lambda p, mode="r", *a, **k: _CountingFile(real_open(p, mode, *a, **k), reads),
                        raising=False)
    # more than 4 bytes per allowed character: too large without reading at all
    assert _kind(big, 2_000_000) == "too_large"
    assert sum(reads) == 0
    # within reach: decoded chunk by chunk, dropped as soon as it passes the limit
    assert _kind(big, 6_000_000) == "too_large"
    needed = len(line) * (6_000_000 // len(line.decode("utf-8")) + 1)  # the bytes holding 6M characters
    assert needed <= sum(reads) <= needed + (1 << 20)  # at most one chunk further
    assert sum(reads) < big.stat().st_size / 2
    # and the limit is in characters, not bytes: this text has more bytes than characters
    small = tmp_path / "small.txt"
    small.write_text("ệ" * 1000, encoding="utf-8")
    assert len(_read(small, 1000)) == 1000
    assert _kind(small, 999) == "too_large"


def test_folder_order_ids_and_suffixes(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.htm").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "c.HTML").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    recs = list(iter_records([tmp_path]))
    # the order of sorted(Path.rglob()): component by component
    assert [r.id for r in recs] == ["a.txt", "b/z.txt", "b.htm", "c.HTML"]
    assert [r.html for r in recs] == [False, False, True, True]
    assert all(r.text is None and r.path for r in recs)  # read by the worker
    single = list(iter_records([tmp_path / "b" / "z.txt"]))
    assert [(r.id, r.source) for r in single] == [("z.txt", str(tmp_path / "b" / "z.txt"))]
    assert count_records([tmp_path, tmp_path / "a.txt"]) == 5


def test_jsonl_archive():
    recs = list(iter_records([BATCH / "archive.jsonl"]))
    got = [(r.id, r.error_kind) for r in recs]
    assert got == [
        ("an-phu", None), ("archive.jsonl:2", None), ("no-text", "no_text"), ("archive.jsonl:5", "undecodable"),
        ("null-text", "empty"), ("thoi-binh-page", None), ("17", None),
    ]
    assert recs[0].url == "https://example.org/an-phu" and recs[0].published == "2023-10-06"
    assert recs[1].source.endswith("archive.jsonl:2")
    assert recs[0].text.startswith("AN PHÚ")
    assert count_records([BATCH / "archive.jsonl"]) == 7


def test_jsonl_gzip_and_bad_bytes(tmp_path):
    lines = [json.dumps({"id": "ok", "text": ARTICLE}, ensure_ascii=False).encode("utf-8"),
             b'{"id": "latin", "text": "caf\xe9"}', b"[1, 2]"]
    gz = tmp_path / "a.jsonl.gz"
    with gzip.open(gz, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")
    recs = list(iter_records([gz]))
    assert [(r.id, r.error_kind) for r in recs] == [("ok", None), ("a.jsonl.gz:2", "undecodable"), ("a.jsonl.gz:3", "no_text")]


def test_csv_archive_columns():
    with pytest.raises(SourceError, match="no column 'text'.*--text-column"):
        list(iter_records([BATCH / "archive.csv"]))
    recs = list(iter_records([BATCH / "archive.csv"], columns=Columns(text="body")))
    assert [(r.id, r.error_kind, r.published) for r in recs] == [
        ("an-phu", None, "2023-10-06"), ("empty", "empty", None), ("long-hoa", None, "not a date"),
    ]
    assert "\n" in recs[0].text  # quoted multi-line field
    with pytest.raises(SourceError, match="no column 'date'"):
        list(iter_records([BATCH / "archive.csv"], columns=Columns(text="body", published="date", explicit=frozenset({"date"}))))


def test_max_chars_for_archive_records(tmp_path):
    recs = list(iter_records([BATCH / "archive.jsonl"], max_chars=300))
    assert recs[0].error_kind == "too_large" and "300" in recs[0].error


def test_parquet_archive(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    import datetime as dt

    table = pa.table({
        "doc": ["a", None, "c"],
        "content": [ARTICLE, ARTICLE, b"\xff\xfe bad"],
        "day": [dt.date(2023, 7, 1), None, None],
    })
    path = tmp_path / "arc.parquet"
    pq.write_table(table, path)
    recs = list(iter_records([path], columns=Columns(text="content", id="doc", published="day")))
    assert [(r.id, r.error_kind, r.published) for r in recs] == [
        ("a", None, "2023-07-01"), ("arc.parquet:2", None, None), ("c", "undecodable", None),
    ]
    assert count_records([path]) == 3
