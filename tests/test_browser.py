"""The paste-in server and the report page in a real browser: Debian's chromium, driven by Playwright.

Playwright never downloads a browser here: it is given the system chromium's path. Without a
chromium (or when it cannot start) these tests skip, saying which path was tried and why.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_003 = next(SEEDS.glob("003*.txt"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium_path() -> str | None:
    if os.path.exists("/usr/bin/chromium"):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    path = _chromium_path()
    if path is None:
        pytest.skip("no chromium found: tried /usr/bin/chromium, then 'chromium' and 'chromium-browser' on PATH "
                    "(install Debian's chromium: apt-get install -y chromium)")
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=path, args=ARGS)
    except Exception as exc:  # noqa: BLE001 - any failure to start is a skip with its reason
        pw.stop()
        pytest.skip(f"chromium at {path} could not be launched: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="module")
def server():
    pytest.importorskip("flask")
    from werkzeug.serving import make_server

    from cchc_extract.serve import create_app

    srv = make_server("127.0.0.1", 0, create_app(), threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def test_paste_seed_003_shows_the_mismatch(page, server, tmp_path):
    page.goto(server + "/")
    page.fill("#text", SEED_003.read_text(encoding="utf-8"))
    page.click("button[type=submit]")
    page.wait_for_selector("#cx-root")
    finding = page.locator("li.cx-fd.cx-v-error .cx-msg")
    assert finding.count() == 1
    assert "1.376 + 365 + 107 = 1.848, nhưng bài viết nêu tổng 1.930 thủ tục" in finding.inner_text()
    marked = page.locator(".cx-s.cx-mis-error")
    assert marked.count() >= 1 and "1.930" in marked.first.inner_text()
    assert marked.first.is_visible()

    tip = page.locator(".cx-tip")
    assert tip.is_hidden()
    claim = page.locator("mark.cx-m", has_text="cập nhật 1.930 thủ tục").first
    claim.click()
    tip.wait_for(state="visible")
    details = tip.inner_text()
    assert "procedures_total" in details and "1.930" in details and "tỉnh Hậu Giang" in details
    assert "LỖI" in details  # the check it failed
    page.screenshot(path=str(tmp_path / "seed003.png"), full_page=True)
    assert (tmp_path / "seed003.png").stat().st_size > 10_000

    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    # a finding's link jumps to its claim and opens its details
    page.locator("li.cx-fd.cx-v-error a.cx-chip").first.click()
    tip.wait_for(state="visible")
    assert "1.930" in tip.inner_text()


def test_keyboard_focus_shows_details(page, server):
    page.goto(server + "/?lang=en")
    page.fill("#text", SEED_003.read_text(encoding="utf-8"))
    page.select_option("#lang", "en")
    page.click("button[type=submit]")
    page.wait_for_selector("#cx-root")
    assert "but the article states a total of 1,930 procedures" in page.locator("li.cx-fd.cx-v-error").inner_text()
    page.locator("mark.cx-m").first.focus()
    tip = page.locator(".cx-tip")
    tip.wait_for(state="visible")
    assert "dossiers_received" in tip.inner_text()
    page.keyboard.press("Enter")  # pins it
    assert page.locator("mark.cx-m.cx-on").count() == 1


def test_script_in_a_pasted_article_does_not_run(page, server):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = (
        "<script>alert(1)</script>\n\n"
        '"><img src=x onerror=alert(2)> Huyện đã tiếp nhận 10.392 hồ sơ <svg onload=alert(3)>, '
        "đã giải quyết 10.237 hồ sơ </script><script>alert(4)</script>.\n\n"
        + SEED_003.read_text(encoding="utf-8")
    )
    page.goto(server + "/")
    page.fill("#text", hostile)
    page.click("button[type=submit]")
    page.wait_for_selector("#cx-root")
    page.wait_for_load_state("networkidle")
    page.locator("mark.cx-m").first.click()  # our own script runs ...
    page.locator(".cx-tip").wait_for(state="visible")
    assert dialogs == []  # ... the article's does not
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2
    text = page.locator(".cx-article").inner_text()
    assert "<script>alert(1)</script>" in text and "onerror=alert(2)" in text
