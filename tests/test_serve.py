"""The local paste-in server (serve.py), through Flask's test client."""

from __future__ import annotations

import builtins
import io
import tempfile
from pathlib import Path

import pytest

flask = pytest.importorskip("flask")

from cchc_extract import cli  # noqa: E402
from cchc_extract.serve import DEFAULT_MAX_BYTES, create_app, is_loopback  # noqa: E402

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_003 = next(SEEDS.glob("003*.txt"))
TEXT = SEED_003.read_text(encoding="utf-8")


@pytest.fixture()
def client():
    return create_app().test_client()


def test_form_page(client):
    r = client.get("/")
    assert r.status_code == 200 and r.mimetype == "text/html"
    page = r.get_data(as_text=True)
    assert '<textarea id="text" name="text"' in page and 'type="file"' in page
    assert 'action="/report"' in page and 'enctype="multipart/form-data"' in page
    assert "drop" in page  # drag and drop onto the page
    policy = r.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "form-action 'self'" in policy and "frame-ancestors 'none'" in policy
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "English" in page and "Tiếng Việt" in page
    assert "Check the figures" in client.get("/?lang=en").get_data(as_text=True)


def test_paste_gives_the_report(client):
    r = client.post("/report", data={"text": TEXT})
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert page.startswith("<!DOCTYPE html>")
    assert "1.376 + 365 + 107 = 1.848, nhưng bài viết nêu tổng 1.930 thủ tục" in page
    assert 'class="cx-back" href="/?lang=vi"' in page
    assert "script-src 'sha256-" in r.headers["Content-Security-Policy"]
    en = client.post("/report", data={"text": TEXT, "lang": "en"}).get_data(as_text=True)
    assert "but the article states a total of 1,930 procedures" in en


def test_upload_txt(client):
    r = client.post("/report", data={"text": "", "file": (io.BytesIO(TEXT.encode("utf-8")), "bai-viet.txt")},
                    content_type="multipart/form-data")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "1.930" in page and "bai-viet.txt" in page


def test_upload_html():
    from cchc_extract import html as _html

    if not _html.available():
        pytest.skip("trafilatura is not installed")
    body = "".join(f"<p>{p}</p>" for p in TEXT.split("\n\n")[1:14])
    page = f"<!doctype html><html><head><title>Hậu Giang</title></head><body><article>{body}</article></body></html>"
    r = create_app().test_client().post(
        "/report", data={"file": (io.BytesIO(page.encode("utf-8")), "trang.html")}, content_type="multipart/form-data")
    assert r.status_code == 200
    out = r.get_data(as_text=True)
    assert "1.930 thủ tục" in out and "trafilatura" in out and "<article>" not in out


def test_raw_text_body(client):
    r = client.post("/report?lang=en", data=TEXT.encode("utf-8"), content_type="text/plain; charset=utf-8")
    assert r.status_code == 200 and "1,930" in r.get_data(as_text=True)


def test_oversize_is_413():
    app = create_app(max_bytes=10_000)
    c = app.test_client()
    r = c.post("/report", data={"text": "x" * 20_000})
    assert r.status_code == 413
    assert "Bài viết quá lớn" in r.get_data(as_text=True) and "10 KB" in r.get_data(as_text=True)
    r = c.post("/report", data={"file": (io.BytesIO(b"y" * 20_000), "big.txt")}, content_type="multipart/form-data")
    assert r.status_code == 413
    assert create_app().config["MAX_CONTENT_LENGTH"] == DEFAULT_MAX_BYTES == 2 * 1024 * 1024


def test_bad_utf8_is_400(client):
    r = client.post("/report", data={"file": (io.BytesIO(b"Huy\xe1\xbb\x87n ti\xc3\x28p nh\xe1n"), "cp1258.txt")},
                    content_type="multipart/form-data")
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "UTF-8" in page and "Không đọc được nội dung" in page
    r = client.post("/report", data=b"\xff\xfe\x00x", content_type="text/plain")
    assert r.status_code == 400


def test_pasted_bytes_that_are_not_utf8_give_a_warning(client):
    # a browser sends a textarea as UTF-8; a hand-made request may not, and Werkzeug decodes form
    # fields with errors="replace": the report says what was lost
    body = (b"--XX\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n"
            + "Năm 2023, UBND huyện Long Mỹ tiếp nhận 1.200 hồ sơ, đạt 98".encode() + b"\xff%.\r\n--XX--\r\n")
    r = client.post("/report", data=body, content_type="multipart/form-data; boundary=XX")
    assert r.status_code == 200
    assert "replacement character (U+FFFD)" in r.get_data(as_text=True)


def test_empty_is_400(client):
    r = client.post("/report", data={"text": "   "})
    assert r.status_code == 400 and "Chưa có nội dung" in r.get_data(as_text=True)


def test_upload_name_is_never_a_path(client, monkeypatch):
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    for name in ("../../etc/passwd", "/etc/passwd", "..\\..\\etc\\passwd"):
        r = client.post("/report", data={"file": (io.BytesIO(TEXT.encode("utf-8")), name)},
                        content_type="multipart/form-data")
        assert r.status_code == 200
        page = r.get_data(as_text=True)
        assert "1.930" in page and "root:" not in page
        assert "../" not in page and "/etc/" not in page  # only the last part of the name is shown
    assert not [p for p in opened if "passwd" in p]


def test_uploads_stay_in_memory(client, monkeypatch):
    import werkzeug.formparser as fp

    def no_disk(*a, **k):
        raise AssertionError("an upload went to a temporary file")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_disk)
    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", no_disk)
    monkeypatch.setattr(fp, "SpooledTemporaryFile", no_disk, raising=False)
    big = (TEXT + "\n\n" + "Đoạn văn không có số liệu nào cả. " * 16_000).encode("utf-8")
    assert len(big) > 500_000  # past Werkzeug's threshold for spooling to disk
    r = client.post("/report", data={"file": (io.BytesIO(big), "big.txt")}, content_type="multipart/form-data")
    assert r.status_code == 200


def test_other_hosts_are_refused(client):
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    open_app = create_app(trusted_hosts=None)
    assert open_app.test_client().get("/", headers={"Host": "lan-box:8765"}).status_code == 200


def test_unknown_page_and_method(client):
    assert client.get("/nope").status_code == 404
    assert client.get("/report").status_code == 405


def test_default_host_is_loopback(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(flask.Flask, "run", lambda self, **kw: calls.append((self, kw)))
    assert cli.main(["serve"]) == 0
    app, kw = calls[-1]
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8765 and kw["debug"] is False
    assert app.config["TRUSTED_HOSTS"] and app.config["MAX_CONTENT_LENGTH"] == 2 * 1024 * 1024
    assert "warning" not in capsys.readouterr().err
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "9000", "--max-bytes", "5000"]) == 0
    app, kw = calls[-1]
    assert kw["host"] == "0.0.0.0" and kw["port"] == 9000
    assert app.config["TRUSTED_HOSTS"] is None and app.config["MAX_CONTENT_LENGTH"] == 5000
    assert "warning: listening on 0.0.0.0" in capsys.readouterr().err


def test_is_loopback():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.1.2.3")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
