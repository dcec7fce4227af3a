"""The local paste-in server: ``cchc-extract serve``, a page to paste an article into (or drop a
.txt / .html / .htm file on) that answers with the fact-check page of ``render.report_html``.

A tool for one person on one machine, run with Flask's built-in server (``app.run``):

- bound to 127.0.0.1 by default; any other address must be asked for (``--host``) and is warned
  about; bound to a loopback address, requests must name a loopback host (TRUSTED_HOSTS), which
  keeps web pages elsewhere from reaching it through DNS rebinding;
- a request larger than ``max_bytes`` (default 2 MB) gets a clear 413 page; text that is not UTF-8
  (an uploaded file, a raw ``text/plain`` body) a clear 400 page;
- only text is read from a request: an upload is read into memory (never a temporary file, never
  saved), and its file name is only shown, never used as a path;
- every page carries a Content-Security-Policy header allowing its own inline script and style only.

POST /report takes a multipart form (``text``: the pasted article, ``file``: an upload that wins over
the text when it is not empty, ``lang``: vi or en) or a raw body (``Content-Type: text/plain`` or
``text/html``, ``?lang=en``)::

    curl --data-binary @article.txt -H 'Content-Type: text/plain; charset=utf-8' http://127.0.0.1:8765/report
"""

from __future__ import annotations

import html
import io
import ipaddress
import sys
from typing import Any

from flask import Flask, Request, Response, request
from werkzeug.exceptions import HTTPException

from . import render
from .sources import Record, RecordError, check_text, decode_bytes

__all__ = ["create_app", "run_server", "DEFAULT_MAX_BYTES", "LOCAL_HOSTS", "is_loopback"]

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
HTML_SUFFIXES = (".html", ".htm")


class _InMemoryRequest(Request):
    """Uploads go to memory, never to a temporary file (Werkzeug spools large ones to disk)."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} B"


def _lang(value: str | None) -> str:
    return value if value in render.LANGS else "vi"


# ---------------------------------------------------------------- pages

_PAGE_CSS = """
body { margin: 0; background: #f6f8fa; color: #1f2328;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.5rem; margin: 0 0 .4rem; line-height: 1.25; }
p { margin: 0 0 1rem; }
.muted { color: #59636e; font-size: .9rem; }
form { background: #fff; border: 1px solid #d1d9e0; border-radius: 10px; padding: 1rem 1.1rem; }
label { display: block; font-weight: 600; margin: 0 0 .3rem; }
textarea { display: block; width: 100%; box-sizing: border-box; min-height: 18rem; padding: .6rem .7rem;
  font: 15px/1.5 inherit; font-family: inherit; border: 1px solid #b7c0c9; border-radius: 6px; resize: vertical; }
.row { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-end; margin-top: 1rem; }
.drop { margin-top: 1rem; padding: .9rem; border: 2px dashed #b7c0c9; border-radius: 8px; text-align: center; color: #59636e; }
body.drag .drop { border-color: #0a58ca; background: #eaf0ff; color: #0a58ca; }
button { font: inherit; font-weight: 600; padding: .45rem 1.4rem; border: 0; border-radius: 6px; background: #0a58ca; color: #fff; cursor: pointer; }
button:focus-visible, textarea:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid #ffb703; outline-offset: 1px; }
.msg { padding: .6rem .8rem; border-radius: 6px; background: #ffebe9; border: 1px solid #c0262d; color: #82071e; }
.msg[hidden] { display: none; }
.err h1 { color: #c0262d; }
"""

_PAGE_JS = """
(function () {
  "use strict";
  var form = document.getElementById("paste");
  if (!form) return;
  var file = document.getElementById("file"), text = document.getElementById("text");
  var msg = document.getElementById("msg"), name = document.getElementById("fname");
  var max = +form.getAttribute("data-max");
  function say(s) { msg.textContent = s; msg.hidden = !s; }
  function size() {
    var n = file.files && file.files.length ? file.files[0].size : 0;
    return n + new Blob([text.value]).size;
  }
  form.addEventListener("submit", function (e) {
    if (size() > max) { e.preventDefault(); say(form.getAttribute("data-too-large")); }
  });
  file.addEventListener("change", function () {
    name.textContent = file.files && file.files.length ? file.files[0].name : "";
    say("");
  });
  function over(e) { e.preventDefault(); document.body.classList.add("drag"); }
  function out() { document.body.classList.remove("drag"); }
  document.addEventListener("dragenter", over);
  document.addEventListener("dragover", over);
  document.addEventListener("dragleave", function (e) { if (!e.relatedTarget) out(); });
  document.addEventListener("drop", function (e) {
    e.preventDefault();
    out();
    var files = e.dataTransfer && e.dataTransfer.files;
    if (!files || !files.length) return;
    file.files = files;
    name.textContent = files[0].name;
    if (size() > max) { say(form.getAttribute("data-too-large")); return; }
    say("");
    form.submit();
  });
})();
"""


def _page(title: str, body: str, lang: str, *, script: bool = False) -> tuple[str, str]:
    """A small page of this server and its CSP header."""
    esc = html.escape
    scripts = [_PAGE_JS] if script else []
    doc = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title><style>{_PAGE_CSS}</style></head><body><main>{body}</main>"
        + (f"<script>{_PAGE_JS}</script>" if script else "")
        + "</body></html>\n"
    )
    return doc, render.csp(scripts, [_PAGE_CSS], form_action="'self'", header=True)


def _index(lang: str, max_bytes: int) -> tuple[str, str]:
    t = render.ui(lang)
    s = t["serve"]
    esc = html.escape
    too_large = s["too_large"].format(limit=_size(max_bytes))
    options = "".join(
        f'<option value="{code}"{" selected" if code == lang else ""}>{label}</option>'
        for code, label in (("vi", "Tiếng Việt"), ("en", "English"))
    )
    body = (
        f"<h1>{esc(s['title'])}</h1>"
        f'<p class="muted">{esc(s["intro"])} {esc(s["limit"].format(limit=_size(max_bytes)))}</p>'
        f'<form id="paste" method="post" action="/report" enctype="multipart/form-data" accept-charset="utf-8" '
        f'data-max="{max_bytes}" data-too-large="{esc(too_large)}">'
        f'<p id="msg" class="msg" role="alert" hidden></p>'
        f'<label for="text">{esc(s["text_label"])}</label>'
        f'<textarea id="text" name="text" placeholder="{esc(s["placeholder"])}" spellcheck="false"></textarea>'
        f'<div class="drop"><label for="file">{esc(s["file_label"])}</label>'
        f'<input id="file" name="file" type="file" accept=".txt,.html,.htm,text/plain,text/html"> '
        f'<span id="fname"></span><div class="muted">{esc(s["drop"])}</div></div>'
        f'<div class="row"><div><label for="lang">{esc(s["lang_label"])}</label>'
        f'<select id="lang" name="lang">{options}</select></div>'
        f'<div><button type="submit">{esc(s["submit"])}</button></div></div>'
        "</form>"
    )
    return _page(s["title"], body, lang, script=True)


def _error(status: int, title: str, message: str, lang: str) -> Response:
    t = render.ui(lang)
    esc = html.escape
    body = (
        f'<div class="err"><h1>{esc(title)}</h1><p>{esc(message)}</p>'
        f'<p><a href="/?lang={lang}">{esc(t["serve"]["try_again"])}</a></p></div>'
    )
    doc, policy = _page(title, body, lang)
    resp = Response(doc, status=status, mimetype="text/html")
    resp.headers["Content-Security-Policy"] = policy
    return resp


class _BadInput(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------- reading a request


def _article(max_chars: int) -> tuple[str, str | None, bool]:
    """(text, shown name, is HTML) of the request; ``_BadInput`` with a message for the 400 page."""
    t = render.ui(_lang(request.values.get("lang")))["serve"]
    mimetype = request.mimetype
    if mimetype in ("text/plain", "text/html"):
        data = request.get_data(cache=False)
        text = _decode(data, max_chars, t)
        return text, None, mimetype == "text/html"
    upload = request.files.get("file")
    if upload is not None:
        data = upload.read()  # in memory (see _InMemoryRequest); the name is never a path
        if data:
            name = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1] or None
            text = _decode(data, max_chars, t)
            is_html = bool(name and name.lower().endswith(HTML_SUFFIXES))
            return text, name, is_html
    text = request.form.get("text", "")
    try:
        check_text(text, max_chars)
    except RecordError as exc:
        raise _BadInput(t["empty"] if exc.kind == "empty" else str(exc)) from None
    return text, None, False


def _decode(data: bytes, max_chars: int, t: dict[str, Any]) -> str:
    try:
        return decode_bytes(data, max_chars)
    except RecordError as exc:
        if exc.kind == "empty":
            raise _BadInput(t["empty"]) from None
        if exc.kind in ("undecodable", "binary"):
            raise _BadInput(t["not_utf8"].format(detail=str(exc))) from None
        raise _BadInput(str(exc)) from None


# ---------------------------------------------------------------- the app


def create_app(max_bytes: int = DEFAULT_MAX_BYTES, *, trusted_hosts: list[str] | None = LOCAL_HOSTS) -> Flask:
    """The Flask app. ``max_bytes``: the largest request (413 above it). ``trusted_hosts``: the Host
    names accepted (default: loopback names only; None accepts any, for a server bound elsewhere)."""
    if max_bytes < 1:
        raise ValueError("max_bytes must be at least 1")
    app = Flask(__name__)
    app.request_class = _InMemoryRequest
    app.config.update(
        MAX_CONTENT_LENGTH=max_bytes,
        MAX_FORM_MEMORY_SIZE=max_bytes,
        TRUSTED_HOSTS=list(trusted_hosts) if trusted_hosts else None,
    )
    max_chars = max_bytes  # a character takes at least one byte: the byte limit bounds the text

    @app.get("/")
    def index() -> Response:
        doc, policy = _index(_lang(request.args.get("lang")), max_bytes)
        resp = Response(doc, mimetype="text/html")
        resp.headers["Content-Security-Policy"] = policy
        return resp

    @app.post("/report")
    def report() -> Response:
        from .batch import Job, read_record

        lang = _lang(request.values.get("lang"))
        t = render.ui(lang)["serve"]
        try:
            text, name, is_html = _article(max_chars)
        except _BadInput as exc:
            return _error(400, t["bad_input_title"], exc.message, lang)
        rec = Record(id=name or "article", source=name or "", text=text, html=is_html)
        try:
            rep = read_record(rec, Job(format="text", max_chars=max_chars))
        except RecordError as exc:
            message = t["no_body"] if exc.kind == "html_without_body" else str(exc)
            return _error(400, t["bad_input_title"], message, lang)
        if not rep.source:
            rep = rep.model_copy(update={"source": None})
        resp = Response(render.report_html(rep, lang=lang, back_href=f"/?lang={lang}"), mimetype="text/html")
        resp.headers["Content-Security-Policy"] = render.report_csp(header=True)
        return resp

    @app.errorhandler(413)
    def too_large(exc: HTTPException) -> Response:
        lang = _lang(request.args.get("lang"))
        s = render.ui(lang)["serve"]
        return _error(413, s["too_large_title"], s["too_large"].format(limit=_size(max_bytes)), lang)

    @app.errorhandler(HTTPException)
    def other(exc: HTTPException) -> Response:
        lang = _lang(request.args.get("lang")) if exc.code != 400 else "vi"
        s = render.ui(lang)["serve"]
        title = {404: s["not_found_title"], 405: s["method_title"]}.get(exc.code or 500, exc.name)
        return _error(exc.code or 500, title, exc.description or exc.name, lang)

    @app.after_request
    def headers(resp: Response) -> Response:
        resp.headers.setdefault("Content-Security-Policy", render.csp(header=True))
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Cache-Control"] = "no-store"
        return resp

    return app


def run_server(host: str = "127.0.0.1", port: int = 8765, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Serve until Ctrl-C with Flask's built-in server (a local tool, not a production server)."""
    local = is_loopback(host)
    if not local:
        print(
            f"cchc-extract: warning: listening on {host}, not only on this machine: anyone who can reach "
            f"port {port} can use this server (Flask's built-in server, meant for local use). "
            "Use the default --host 127.0.0.1 unless you need this.",
            file=sys.stderr,
        )
    app = create_app(max_bytes, trusted_hosts=LOCAL_HOSTS if local else None)
    shown = f"[{host}]" if ":" in host else host
    print(f"cchc-extract: serving on http://{shown}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
    app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
    return 0
