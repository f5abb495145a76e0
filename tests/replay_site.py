"""A local replay of kompas.com / kompas.tv and a Wayback-compatible archive, for the corpus tests.

One ThreadingHTTPServer on 127.0.0.1 answers for three host names (``www.kompas.com``,
``www.kompas.tv``, ``archive.test``), which the tests resolve to 127.0.0.1 with a resolver stub.
Responses are the files in tests/fixtures/corpusnet/ (written for these tests in the formats
the real services use), with ``{COM}``/``{TV}`` replaced by the replay origins.
"""
from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "corpusnet"
HOSTS = ("www.kompas.com", "www.kompas.tv", "archive.test")

PUTIN = "/global/read/2024/06/19/061500370/putin-tiba-di-pyongyang-disambut-kim-jong-un"
KIM = "/global/read/2023/09/12/081000270/kim-jong-un-naik-kereta-ke-vladivostok"  # live 404, archived
TENTARA = "/global/read/2024/10/18/120500170/korea-utara-kirim-tentara-ke-rusia"  # redirect loop
TV = "/internasional/515210/rusia-dan-korea-utara-teken-pakta-pertahanan-bersama"  # 429 once
BIG = "/global/read/2024/06/25/090000170/pesan-putin-untuk-kim-oversized"  # body over the cap
BLOCKED = "/global/read/2022/02/24/100000170/rusia-serang-ukraina"  # robots.txt disallows
KIM_ARCHIVED_AT = "20230912031000"
BIG_BYTES = 300_000


class ReplaySite:
    """The server, its origins and what it served (``ok_hits``: 200 responses per path)."""

    def __init__(self):
        self.ok_hits: Counter[str] = Counter()
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[float, str, str]] = []  # (monotonic time, path, User-Agent)
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        port = self.httpd.server_address[1]
        self.com, self.tv = f"http://www.kompas.com:{port}", f"http://www.kompas.tv:{port}"
        self.archive = f"http://archive.test:{port}"
        self.archived = {f"{self.com}{KIM}": (KIM_ARCHIVED_AT, "article-com-kim-vladivostok.html")}

    def text(self, name: str) -> bytes:
        raw = (FIXTURES / name).read_text(encoding="utf-8")
        return raw.replace("{COM}", self.com).replace("{TV}", self.tv).encode("utf-8")

    def __enter__(self) -> "ReplaySite":
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def resolve_replay_hosts(monkeypatch) -> None:
    """Resolve the replay host names to 127.0.0.1; everything else resolves as usual."""
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host in HOSTS:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    monkeypatch.setenv("KOMPASKIT_ALLOW_PRIVATE", "1")


def _handler(site: ReplaySite):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            if status == 200:  # counted before the body goes out: the client may assert at once
                with site.lock:
                    site.ok_hits[self.path.split("?", 1)[0]] += 1
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802
            parts = urlsplit(self.path)
            path, query = parts.path, parse_qs(parts.query)
            host = (self.headers.get("Host") or "").split(":")[0]
            with site.lock:
                site.requests.append((time.monotonic(), path, self.headers.get("User-Agent", "")))
                site.hits[path] += 1
                count = site.hits[path]
            try:
                if host == "archive.test":
                    self._archive(path, query)
                else:
                    self._live(path, query, count)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _live(self, path, query, count):
            page = (query.get("page") or ["1"])[0]
            routes = {
                "/robots.txt": ("robots.txt", "text/plain"),
                "/sitemap.xml": ("sitemap.xml", "application/xml"),
                "/sitemap-2023-09.xml": ("sitemap-2023-09.xml", "application/xml"),
                PUTIN: ("article-com-putin-pyongyang.html", "text/html; charset=utf-8"),
                BLOCKED: ("article-com-putin-pyongyang.html", "text/html; charset=utf-8"),
            }
            if path in routes:
                name, ctype = routes[path]
                self._send(200, site.text(name), ctype)
            elif path == "/sitemap-news.xml.gz":
                self._send(200, gzip.compress(site.text("sitemap-news.xml")), "application/x-gzip")
            elif path == "/tag/korea-utara" and page in ("1", "2"):
                self._send(200, site.text(f"listing-tag-korea-utara-{page}.html"))
            elif path == TV:
                if count == 1:
                    self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": "1"})
                else:
                    self._send(200, site.text("article-tv-rusia-korut.html"))
            elif path == TENTARA:
                self._send(302, b"", headers={"Location": f"{TENTARA}?r={count}"})
            elif path == BIG:
                self._send(200, b"<html><body>" + b"<p>isi</p>" * (BIG_BYTES // 10) + b"</body></html>")
            else:
                self._send(404, b"<html><body>Halaman tidak ditemukan</body></html>")

        def _archive(self, path, query):
            if path == "/cdx/search/cdx":
                url = (query.get("url") or [""])[0]
                if "closest" in query:
                    hit = site.archived.get(url)
                    table = [["timestamp", "original", "statuscode"]] + (
                        [[hit[0], url, "200"]] if hit else [])
                    body = json.dumps(table if hit else []).encode()
                elif url.startswith("kompas.com/global/read/"):
                    body = (FIXTURES / "cdx-kompas-global.json").read_bytes()
                else:
                    body = b"[]"
                self._send(200, body, "application/json")
                return
            if path.startswith("/web/") and "id_/" in path:
                stamp, original = path[len("/web/"):].split("id_/", 1)
                hit = site.archived.get(original)
                if hit and hit[0] == stamp:
                    self._send(200, site.text(hit[1]), headers={
                        "Memento-Datetime": "Tue, 12 Sep 2023 03:10:00 GMT",
                        "Link": f'<{original}>; rel="original"',
                        "X-Archive-Src": "replay-fixture.warc.gz"})
                    return
            self._send(404, b"Wayback Machine has not archived that URL.", "text/plain")

    return Handler
