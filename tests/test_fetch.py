"""`kompaskit fetch`: polite capture to gzipped WARC, against a local http.server on 127.0.0.1.

No network beyond the loopback server started here. The article pages served are the
kompas-html-2016 fixtures from ../shared (tests needing them skip without it).
"""
from __future__ import annotations

import io
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator

import kompaskit
from kompaskit import fetch as kfetch
from kompaskit.fetch import capture_stem, fetch_urls, main, payload_digest

SLOW_SECONDS = 2.0


@pytest.fixture(autouse=True)
def _allow_loopback(monkeypatch):
    """The replay server listens on 127.0.0.1, which fetch refuses unless private targets are allowed."""
    monkeypatch.setenv("KOMPASKIT_ALLOW_PRIVATE", "1")

READ_TIMEOUT = 0.3
BIG = kfetch.MAX_BODY_BYTES + 1


class _Site:
    """State shared by the handler threads: pages to serve and request bookkeeping."""

    def __init__(self, pages: dict[str, bytes]):
        self.pages = pages
        self.changing = b"<html><body><p>Versi pertama berita.</p></body></html>"
        self.hits: dict[str, list[float]] = {}
        self.user_agents: list[str] = []
        self.lock = threading.Lock()

    def hit(self, path: str, agent: str) -> int:
        with self.lock:
            self.hits.setdefault(path, []).append(time.monotonic())
            self.user_agents.append(agent)
            return len(self.hits[path])


def _handler(site: _Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # keep pytest output clean
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802 - http.server API
            path = self.path.split("?", 1)[0]
            count = site.hit(path, self.headers.get("User-Agent", ""))
            try:
                self._route(path, count)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client refused the body and hung up: expected for the cap tests

        def _route(self, path: str, count: int) -> None:
            name = path.lstrip("/")
            if name in site.pages:
                self._send(200, site.pages[name], {"Content-Type": "text/html; charset=utf-8"})
            elif path == "/changing":
                self._send(200, site.changing, {"Content-Type": "text/html; charset=utf-8"})
            elif path == "/slow":
                time.sleep(SLOW_SECONDS)
                self._send(200, b"<html><body><p>Terlambat.</p></body></html>")
            elif path == "/huge":  # announced size over the cap
                self.send_response(200)
                self.send_header("Content-Length", str(BIG))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(b"x" * BIG)
            elif path == "/huge-stream":  # no Content-Length: the cap must hold while reading
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                block = b"y" * (1024 * 1024)
                for _ in range(BIG // len(block) + 2):
                    self.wfile.write(block)
            elif path == "/to-file":
                self._send(302, b"", {"Location": "file:///etc/passwd"})
            elif path.startswith("/loop/"):
                n = int(path.rsplit("/", 1)[1])
                self._send(302, b"", {"Location": f"/loop/{n + 1}"})
            elif path == "/moved":
                self._send(301, b"", {"Location": "/kompas-singlepage.html"})
            elif path == "/busy":  # 429 with Retry-After once, then the page
                if count == 1:
                    self._send(429, b"slow down", {"Retry-After": "1"})
                else:
                    self._send(200, b"<html><body><p>Akhirnya.</p></body></html>")
            elif path == "/very-busy":
                self._send(503, b"later", {"Retry-After": "3600"})
            elif path == "/broken":
                self._send(500, b"rusak")
            elif path == "/flaky":  # 500 twice, then fine: plain exponential backoff
                if count <= 2:
                    self._send(500, b"oops")
                else:
                    self._send(200, b"<html><body><p>Pulih.</p></body></html>")
            else:
                self._send(404, b"not found", {"Content-Type": "text/plain"})

    return Handler


@pytest.fixture(scope="module")
def site_pages(html2016_dir: Path) -> dict[str, bytes]:
    pages = {p.name: p.read_bytes() for p in sorted(html2016_dir.glob("*.html"))}
    assert pages, "kompas-html-2016 should hold .html pages"
    return pages


@pytest.fixture()
def server(site_pages):
    site = _Site(site_pages)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield base, site
    finally:
        httpd.shutdown()
        httpd.server_close()


def _fetch(urls, to, **kw):
    log = io.StringIO()
    kw.setdefault("delay", 0.0)
    kw.setdefault("read_timeout", READ_TIMEOUT)
    kw.setdefault("connect_timeout", 2.0)
    kw.setdefault("backoff", 0.05)
    results = fetch_urls(urls, to=to, log=log, **kw)
    return results, log.getvalue().splitlines()


def _records(path: Path) -> list[tuple[str, dict[str, str], object, bytes]]:
    out = []
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            headers = dict(rec.rec_headers.headers)
            body = rec.content_stream().read()
            out.append((rec.rec_type, headers, rec.http_headers, body))
    return out


def _response(path: Path):
    """(WARC headers, HTTP headers, body) of the response record in the capture at `path`."""
    (rec,) = [r for r in _records(path) if r[0] == "response"]
    return rec[1], rec[2], rec[3]


def _files(directory: Path) -> list[str]:
    """Every file in `directory` (hidden temp files included), or [] if it does not exist."""
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


# --- saving -----------------------------------------------------------------------------------

def test_saves_gzipped_warc_with_request_response_and_digest(server, site_pages, tmp_path):
    base, site = server
    url = f"{base}/kompas-singlepage.html"
    results, lines = _fetch([url], tmp_path / "raw")
    (res,) = results
    assert res.status == "saved" and res.http_status == 200
    assert lines == [f"saved {res.path}"]
    assert res.path.parent == tmp_path / "raw" and res.path.name.endswith(".warc.gz")
    assert res.path.read_bytes()[:2] == b"\x1f\x8b", "each record gzipped"
    assert _files(tmp_path / "raw") == [res.path.name], "no temp files left behind"
    umask = os.umask(0o022)
    os.umask(umask)
    assert res.path.stat().st_mode & 0o777 == 0o666 & ~umask, "an ordinary file, not mkstemp's 0600"

    records = _records(res.path)
    kinds = [r[0] for r in records]
    assert sorted(kinds) == ["request", "response", "warcinfo"] and kinds[0] == "warcinfo"
    by_kind = {r[0]: r for r in records}
    _, req_h, req_http, _ = by_kind["request"]
    _, resp_h, resp_http, body = by_kind["response"]
    assert body == site_pages["kompas-singlepage.html"]
    assert resp_h["WARC-Target-URI"] == url == req_h["WARC-Target-URI"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", resp_h["WARC-Date"])
    assert resp_h["WARC-Payload-Digest"] == payload_digest(body) == res.payload_digest
    assert resp_h["WARC-Block-Digest"].startswith("sha1:")
    assert req_h["WARC-Concurrent-To"] == resp_h["WARC-Record-ID"]
    assert resp_h["WARC-IP-Address"] == "127.0.0.1"
    assert resp_http.get_statuscode() == "200"
    agent = req_http.get_header("User-Agent")
    assert agent == site.user_agents[0], "the recorded request is the request sent"
    assert agent.startswith(f"kompaskit/{kompaskit.__version__}")


def test_second_fetch_of_unchanged_page_writes_nothing(server, tmp_path):
    base, site = server
    url = f"{base}/kompas-singlepage2.html"
    first, _ = _fetch([url], tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    second, lines = _fetch([url], tmp_path)
    assert first[0].status == "saved"
    assert second[0].status == "skipped" and second[0].path == first[0].path
    assert lines == [f"skipped {url}: identical capture exists"]
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    assert len(site.hits["/kompas-singlepage2.html"]) == 2, "the page was fetched again to compare"


def test_changed_page_is_stored_beside_the_first_capture(server, tmp_path):
    base, site = server
    url = f"{base}/changing"
    first, _ = _fetch([url], tmp_path)
    site.changing = b"<html><body><p>Versi kedua, sudah diperbarui.</p></body></html>"
    second, lines = _fetch([url], tmp_path)
    third, _ = _fetch([url], tmp_path)  # the changed version is now known too
    assert [r.status for r in (first[0], second[0], third[0])] == ["saved", "saved", "skipped"]
    assert second[0].path != first[0].path and first[0].path.exists()
    assert second[0].path.name.startswith(first[0].path.name[: -len(".warc.gz")])
    assert lines == [f"saved {second[0].path}"]
    assert third[0].path == second[0].path
    assert _response(second[0].path)[2] == site.changing
    assert len(_files(tmp_path)) == 2


def test_redirect_to_http_is_followed_and_final_url_recorded(server, site_pages, tmp_path):
    base, _ = server
    results, lines = _fetch([f"{base}/moved"], tmp_path)
    (res,) = results
    assert res.status == "saved", lines
    assert res.final_url == f"{base}/kompas-singlepage.html"
    warc_headers, _, body = _response(res.path)
    assert warc_headers["WARC-Target-URI"] == res.final_url
    assert body == site_pages["kompas-singlepage.html"]


def test_429_retry_after_is_honoured_then_saved(server, tmp_path):
    base, site = server
    start = time.monotonic()
    results, lines = _fetch([f"{base}/busy"], tmp_path, retries=2)
    assert results[0].status == "saved", lines
    hits = site.hits["/busy"]
    assert len(hits) == 2
    assert hits[1] - hits[0] >= 0.9, "waited for Retry-After: 1 before retrying"
    assert time.monotonic() - start < 10


def test_5xx_retried_with_backoff_and_bounded(server, tmp_path):
    base, site = server
    ok, lines = _fetch([f"{base}/flaky"], tmp_path / "a", retries=3, backoff=0.05)
    assert ok[0].status == "saved" and len(site.hits["/flaky"]) == 3, lines
    failed, lines = _fetch([f"{base}/broken"], tmp_path / "b", retries=2, backoff=0.05)
    assert failed[0].status == "refused" and len(site.hits["/broken"]) == 3
    assert lines == [f"refused {base}/broken: HTTP 500 Internal Server Error after 2 retries"]
    assert _files(tmp_path / "b") == []


def test_retry_after_beyond_limit_gives_up_at_once(server, tmp_path):
    base, site = server
    refused, lines = _fetch([f"{base}/very-busy"], tmp_path, retries=3, max_retry_wait=5)
    assert refused[0].status == "refused" and "3600" in refused[0].reason
    assert len(site.hits["/very-busy"]) == 1 and len(lines) == 1
    assert _files(tmp_path) == []


def test_per_host_delay_spaces_requests(server, tmp_path):
    base, site = server
    urls = [f"{base}/kompas-singlepage3.html", f"{base}/kompas-singlepage4.html"]
    results, _ = _fetch(urls, tmp_path, delay=0.5)
    assert [r.status for r in results] == ["saved", "saved"]
    gap = site.hits["/kompas-singlepage4.html"][0] - site.hits["/kompas-singlepage3.html"][0]
    assert gap >= 0.45


# --- refusals ---------------------------------------------------------------------------------

REFUSED = {
    "404": ("/missing", r"HTTP 404"),
    "read timeout": ("/slow", r"read timeout"),
    "announced body over 10 MB": ("/huge", r": body of 10485761 bytes exceeds the 10485760 byte limit$"),
    "streamed body over 10 MB": ("/huge-stream", r": body exceeds the 10485760 byte limit$"),
    "redirect to file://": ("/to-file", r"redirect to file:// refused"),
    "redirect loop": ("/loop/0", r"more than 5 redirects"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_cases_print_one_line_and_write_nothing(server, tmp_path, case):
    base, _ = server
    path, reason = REFUSED[case]
    url = f"{base}{path}"
    out = tmp_path / "raw"
    results, lines = _fetch([url], out)
    (res,) = results
    assert res.status == "refused" and res.path is None
    assert len(lines) == 1 and lines[0].startswith(f"refused {url}: "), lines
    assert re.search(reason, lines[0]), lines[0]
    assert _files(out) == [], "nothing written, not even a temp file"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "ftp://127.0.0.1/berita.html",
    "javascript:alert(1)",
    "127.0.0.1/berita.html",
    "http:///tanpa-host",
    "http://127.0.0.1:99999/port-salah",
    "",
])
def test_non_http_and_malformed_urls_refused_without_network(url, tmp_path):
    results, lines = _fetch([url], tmp_path / "raw")
    assert results[0].status == "refused"
    assert len(lines) == 1 and lines[0].startswith("refused ")
    assert _files(tmp_path / "raw") == []


def test_connection_refused_is_a_refusal(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on (bound, never listening)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        results, lines = _fetch([f"http://127.0.0.1:{port}/x"], tmp_path)
    assert results[0].status == "refused" and "cannot connect" in results[0].reason
    assert len(lines) == 1


# --- file names -------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "http://127.0.0.1/../../etc/passwd",
    "http://127.0.0.1/%2e%2e/%2e%2e/etc/passwd",
    "http://127.0.0.1/..",
    "https://www.kompas.tv/internasional/560000/kim-jong-un?page=all&x=../../y",
    "http://127.0.0.1/" + "sangat-panjang-" * 60,
    "http://127.0.0.1/berita/ünïcödé/\u202e/kabar",
])
def test_capture_stem_is_safe(url):
    stem = capture_stem(url)
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*-[0-9a-f]{10}", stem), stem
    assert len(stem) <= 112


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_capture_stem_safe_for_any_path(path):
    stem = capture_stem("http://example.org/" + path)
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*-[0-9a-f]{10}", stem), stem
    assert len(stem) <= 112


def test_distinct_urls_get_distinct_stems():
    a = capture_stem("https://www.kompas.tv/berita/1?a=1")
    b = capture_stem("https://www.kompas.tv/berita/1?a=1#frag")
    c = capture_stem("https://www.kompas.tv/berita/1?a=2")
    assert len({a, b, c}) == 3


def test_traversal_url_is_saved_inside_target_dir(server, tmp_path):
    base, _ = server
    out = tmp_path / "raw"
    results, _ = _fetch([f"{base}/%2e%2e/%2e%2e/kompas-singlepage.html"], out)
    # the server normalises nothing: it answers 404, so the capture is refused and nothing escapes
    assert results[0].status == "refused"
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


# --- CLI ---------------------------------------------------------------------------------------

def test_main_exit_codes_and_from_file(server, tmp_path, capsys):
    base, _ = server
    out = tmp_path / "raw"
    url_file = tmp_path / "urls.txt"
    url_file.write_text(f"# daftar\n{base}/kompas-singlepage5.html\n\n{base}/missing\n", encoding="utf-8")
    code = main(["--to", str(out), "--delay", "0", "--from-file", str(url_file)])
    err = capsys.readouterr().err.splitlines()
    assert code == 0
    assert len(err) == 2 and err[0].startswith("saved ") and err[1].startswith(f"refused {base}/missing")
    assert len(_files(out)) == 1

    assert main(["--to", str(out), "--delay", "0", f"{base}/kompas-singlepage5.html"]) == 0
    assert capsys.readouterr().err.startswith("skipped ")

    assert main(["--to", str(out), "--delay", "0", f"{base}/missing", "file:///etc/passwd"]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 2
    assert main(["--to", str(out)]) == 2  # no URLs at all
    assert len(_files(out)) == 1


# --- the WARC read back into articles ----------------------------------------------------------

def _read_warc():
    try:
        from kompaskit.readers import read_html, read_warc
    except (ImportError, AttributeError) as exc:
        pytest.skip(f"kompaskit.read_warc not available yet ({exc})")
    return read_html, read_warc


def test_warc_builds_same_article_fields_as_html(server, html2016_dir, tmp_path):
    read_html, read_warc = _read_warc()
    base, _ = server
    names = sorted(p.name for p in html2016_dir.glob("*.html"))
    results, lines = _fetch([f"{base}/{n}" for n in names], tmp_path)
    assert all(r.status == "saved" for r in results), lines
    for name, res in zip(names, results):
        articles = list(read_warc(res.path))
        assert len(articles) == 1, name
        got = articles[0]
        want = read_html(html2016_dir / name)
        for fieldname in ("title", "published", "paragraphs", "authors"):
            assert getattr(got, fieldname) == getattr(want, fieldname), (name, fieldname)
        assert got.title and got.paragraphs, name
        assert got.capture_url == res.final_url
        assert got.http_status == 200
        assert got.captured_at is not None and got.captured_at.tzinfo is not None
        warc_date = _response(res.path)[0]["WARC-Date"]
        assert got.captured_at.strftime("%Y-%m-%dT%H:%M:%SZ") == warc_date
        assert got.raw_kind == "warc"


def test_fetched_warcs_build_into_articles_table_with_capture_metadata(server, html2016_dir, tmp_path):
    _read_warc()
    base, _ = server
    raw, out = tmp_path / "raw", tmp_path / "processed"
    names = sorted(p.name for p in html2016_dir.glob("*.html"))[:2]
    results, lines = _fetch([f"{base}/{n}" for n in names], raw)
    assert all(r.status == "saved" for r in results), lines
    kompaskit.build(raw, out, progress=False)
    articles = kompaskit.load(out).articles
    assert len(articles) == len(names)
    by_url = articles.set_index("capture_url")
    for res in results:
        row = by_url.loc[res.final_url]
        assert row["http_status"] == 200 and row["raw_kind"] == "warc"
        assert row["captured_at"].tzinfo is not None
        assert row["captured_at"].strftime("%Y-%m-%dT%H:%M:%SZ") == _response(res.path)[0]["WARC-Date"]


def test_main_default_dir_honours_kompaskit_raw(server, tmp_path, monkeypatch, capsys):
    base, _ = server
    monkeypatch.setenv("KOMPASKIT_RAW", str(tmp_path / "env-raw"))
    assert main(["--delay", "0", f"{base}/kompas-singlepage3.html"]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    saved = Path(line.removeprefix("saved "))
    assert saved.parent == tmp_path / "env-raw" and saved.exists()
