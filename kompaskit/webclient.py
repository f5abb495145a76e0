"""One guarded HTTP GET with redirects, retries, politeness and a true deadline (stdlib only).

Shared by ``fetch`` (WARC captures), ``discover`` (listings, sitemaps, CDX) and ``hydrate``.
Every connection goes to an address checked by :mod:`kompaskit.netguard` (before connecting and
after every redirect; the socket connects to the checked address, so DNS cannot change between
check and connect). The overall deadline per URL is real: reads are small (``read1``) under a
socket timeout capped by the time left, and a timer shuts the socket at the deadline, so a
server dripping one byte at a time cannot hold a request past it.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urljoin, urlsplit

from .netguard import AddressRefused, resolve_public

MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ALLOWED_SCHEMES = ("http", "https")
_CHUNK = 16 * 1024
# Characters kept as-is when re-quoting a request target (RFC 3986 pchar + '/', '?', '%').
_SAFE_TARGET = "/?%:@!$&'()*+,;=-._~"


class Refused(Exception):
    """A URL that will not be fetched; the message is the one-line reason."""


@dataclass
class Exchange:
    """One completed HTTP request/response, as recorded into a WARC."""

    url: str
    request_line: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    version: str
    headers: list[tuple[str, str]]
    body: bytes
    peer_ip: str | None
    started: datetime

    def header(self, name: str) -> str | None:
        """The first response header called `name` (case-insensitive), or None."""
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


@dataclass
class Limits:
    """Time, size and retry limits of one GET (seconds, bytes, counts)."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0
    max_bytes: int = MAX_BODY_BYTES
    retries: int = 3
    backoff: float = 2.0
    max_retry_wait: float = 60.0
    max_redirects: int = MAX_REDIRECTS
    allow_private: bool | None = None  # None: the KOMPASKIT_ALLOW_PRIVATE variable decides


def user_agent() -> str:
    """The User-Agent sent with every request: names the kit and its version."""
    from kompaskit import __version__

    return f"kompaskit/{__version__} (research capture of news pages; Python http.client)"


def check_url(url: str) -> str:
    """Return `url` stripped of its fragment if it is a fetchable http(s) URL, else refuse."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise Refused(f"invalid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise Refused(f"scheme '{scheme}' not allowed (http/https only)" if scheme
                      else "not a URL (no http:// or https://)")
    if not parts.hostname:
        raise Refused("URL has no host")
    try:
        parts.hostname.encode("idna")
    except UnicodeError:
        raise Refused("host name is not a valid (internationalised) domain name") from None
    if any(ord(c) < 33 or ord(c) == 127 for c in url):
        raise Refused("URL contains whitespace or control characters")
    return parts._replace(fragment="").geturl()


def _ascii_host(parts) -> str:
    host = parts.hostname  # IPv6 literals come without brackets: '::1'
    return host if host.isascii() else host.encode("idna").decode("ascii")


def _host_header(parts) -> str:
    host = _ascii_host(parts)
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    default = 443 if parts.scheme == "https" else 80
    return host if parts.port in (None, default) else f"{host}:{parts.port}"


def _request_target(parts) -> str:
    path = quote(parts.path or "/", safe=_SAFE_TARGET)
    return path + ("?" + quote(parts.query, safe=_SAFE_TARGET) if parts.query else "")


def _connect(parts, limits: Limits, deadline: float) -> socket.socket:
    """A socket connected to a checked address of the URL's host (TLS-wrapped for https)."""
    host = _ascii_host(parts)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = resolve_public(host, port, limits.allow_private)
    except AddressRefused as exc:
        raise Refused(str(exc)) from None
    last: OSError | None = None
    for family, kind, proto, _, address in infos:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Refused("download took longer than the overall time limit")
        sock = socket.socket(family, kind, proto)
        sock.settimeout(min(limits.connect_timeout, remaining))
        try:
            sock.connect(address)
        except (socket.timeout, TimeoutError):
            sock.close()
            raise Refused(f"connect timeout after {limits.connect_timeout:g} s") from None
        except OSError as exc:
            sock.close()
            last = exc
            continue
        if parts.scheme == "https":
            try:
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            except (ssl.SSLError, OSError) as exc:
                sock.close()
                raise Refused(f"TLS error ({getattr(exc, 'reason', None) or exc})") from None
        return sock
    raise Refused(f"cannot connect ({(last and last.strerror) or last})")


class _CheckedConnection(http.client.HTTPConnection):
    """http.client connection over a socket we connected (to a checked address) ourselves."""

    def __init__(self, sock: socket.socket, host: str, port: int):
        super().__init__(host, port)  # explicit port: http.client never parses '::1' as host:port
        self.sock = sock

    def connect(self) -> None:  # pragma: no cover - the socket is already connected
        raise RuntimeError("socket already connected")


def exchange(url: str, limits: Limits, deadline: float) -> Exchange:
    """Send one GET for `url` and read the response before `deadline` (``time.monotonic``)."""
    parts = urlsplit(url)
    started = datetime.now(timezone.utc)
    sock = _connect(parts, limits, deadline)
    expired = threading.Event()

    def _cut() -> None:  # the deadline passed mid-read: unblock the reader
        expired.set()
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    timer = threading.Timer(max(0.0, deadline - time.monotonic()), _cut)
    timer.daemon = True
    timer.start()
    conn = _CheckedConnection(sock, _ascii_host(parts),
                              parts.port or (443 if parts.scheme == "https" else 80))
    target = _request_target(parts)
    headers = [
        ("Host", _host_header(parts)),
        ("User-Agent", user_agent()),
        ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"),
        ("Accept-Language", "id,en;q=0.7"),
        ("Accept-Encoding", "identity"),  # store the body exactly as served, no decoding
        ("Connection", "close"),
    ]

    def _timeout() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or expired.is_set():
            raise Refused("download took longer than the overall time limit")
        return min(limits.read_timeout, remaining)

    try:
        peer_ip = None
        try:
            peer_ip = sock.getpeername()[0]
        except OSError:
            pass
        try:
            sock.settimeout(_timeout())
            conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
            for name, value in headers:
                conn.putheader(name, value)
            conn.endheaders()
            resp = conn.getresponse()
            length = resp.getheader("Content-Length")
            if length and length.strip().isdigit() and int(length) > limits.max_bytes:
                raise Refused(f"body of {int(length)} bytes exceeds the {limits.max_bytes} byte limit")
            chunks: list[bytes] = []
            size = 0
            while True:
                sock.settimeout(_timeout())
                chunk = resp.read1(_CHUNK)  # at most one recv: a drip cannot outlast the timeout
                if not chunk:
                    break
                size += len(chunk)
                if size > limits.max_bytes:
                    raise Refused(f"body exceeds the {limits.max_bytes} byte limit")
                chunks.append(chunk)
            _timeout()
        except (socket.timeout, TimeoutError):
            if expired.is_set() or time.monotonic() >= deadline:
                raise Refused("download took longer than the overall time limit") from None
            raise Refused(f"read timeout after {limits.read_timeout:g} s") from None
        except http.client.IncompleteRead as exc:
            if expired.is_set() or time.monotonic() >= deadline:
                raise Refused("download took longer than the overall time limit") from None
            raise Refused(f"incomplete response ({len(exc.partial)} bytes read)") from None
        except (http.client.HTTPException, OSError) as exc:
            if expired.is_set() or time.monotonic() >= deadline:
                raise Refused("download took longer than the overall time limit") from None
            raise Refused(f"bad HTTP response ({type(exc).__name__}: {exc})") from None
        version = {9: "HTTP/0.9", 10: "HTTP/1.0", 11: "HTTP/1.1"}.get(resp.version, "HTTP/1.1")
        return Exchange(url=url, request_line=f"GET {target} HTTP/1.1", request_headers=headers,
                        status=resp.status, reason=resp.reason or "", version=version,
                        headers=list(resp.getheaders()), body=b"".join(chunks), peer_ip=peer_ip,
                        started=started)
    finally:
        timer.cancel()
        conn.close()
        sock.close()


def retry_wait(retry_after: str | None, attempt: int, backoff: float) -> float:
    """Seconds to wait before retry number `attempt` (0-based): Retry-After if given, else backoff."""
    if retry_after:
        value = retry_after.strip()
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
        except (TypeError, ValueError, IndexError):
            pass
    return backoff * (2 ** attempt)


class HostClock:
    """Remembers when each host was last contacted and sleeps to keep `delay` seconds apart."""

    def __init__(self, delay: float):
        self.delay = max(0.0, float(delay))
        self.last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        if host in self.last:
            remaining = self.delay - (time.monotonic() - self.last[host])
            if remaining > 0:
                time.sleep(remaining)
        self.last[host] = time.monotonic()


def get(url: str, clock: HostClock, limits: Limits | None = None, *,
        ok_statuses: range | frozenset = range(200, 300)) -> Exchange:
    """Follow redirects and retries for `url`; return the final exchange or raise `Refused`.

    The deadline (``limits.total_timeout``) covers the whole URL: redirects, retries and waits.
    A final status outside `ok_statuses` is refused with ``HTTP <status>``.
    """
    limits = limits or Limits()
    deadline = time.monotonic() + limits.total_timeout
    current = check_url(url)
    redirects = attempt = 0
    while True:
        clock.wait(current)
        ex = exchange(current, limits, deadline)
        if ex.status in REDIRECT_STATUSES:
            location = ex.header("location")
            if not location:
                raise Refused(f"HTTP {ex.status} redirect without a Location header")
            redirects += 1
            if redirects > limits.max_redirects:
                raise Refused(f"more than {limits.max_redirects} redirects")
            target = urljoin(current, location.strip())
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ALLOWED_SCHEMES:
                raise Refused(f"redirect to {scheme or '(no scheme)'}:// refused (http/https only)")
            current = check_url(target)  # its host is checked by netguard before connecting
            attempt = 0
            continue
        if ex.status in RETRY_STATUSES and attempt < limits.retries:
            wait = retry_wait(ex.header("retry-after"), attempt, limits.backoff)
            if wait > limits.max_retry_wait:
                raise Refused(f"HTTP {ex.status}: server asks to wait {wait:.0f} s "
                              f"(more than the {limits.max_retry_wait:g} s limit)")
            if time.monotonic() + wait > deadline:
                raise Refused("download took longer than the overall time limit")
            time.sleep(wait)
            attempt += 1
            continue
        if ex.status not in ok_statuses:
            tries = f" after {attempt} retries" if ex.status in RETRY_STATUSES and attempt else ""
            raise Refused(f"HTTP {ex.status} {ex.reason}".rstrip() + tries)
        return ex


class Robots:
    """robots.txt rules per origin (``urllib.robotparser``), fetched once through `get`.

    RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one (5xx, network
    error) disallows everything for that origin.
    """

    def __init__(self, clock: HostClock, limits: Limits | None = None, agent: str = "kompaskit"):
        self.clock, self.limits, self.agent = clock, limits or Limits(retries=1), agent
        self.parsers: dict[str, urllib.robotparser.RobotFileParser] = {}

    def parser(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.parsers:
            rp = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
            try:
                ex = get(origin + "/robots.txt", self.clock, self.limits,
                         ok_statuses=range(200, 500))
                if ex.status >= 400:
                    rp.allow_all = True
                else:
                    rp.parse(ex.body.decode("utf-8", "replace").splitlines())
            except Refused:
                rp.disallow_all = True
            self.parsers[origin] = rp
        return self.parsers[origin]

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets the kit's agent fetch `url`."""
        return self.parser(url).can_fetch(self.agent, url)

    def sitemaps(self, url: str) -> list[str]:
        """Sitemap URLs declared in the robots.txt of `url`'s origin."""
        return list(self.parser(url).site_maps() or [])
