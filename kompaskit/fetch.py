"""Polite capture of web pages to gzipped WARC files (``kompaskit fetch``).

One URL -> one ``.warc.gz`` in the target directory holding a ``warcinfo`` record and the
``request``/``response`` pair of the final (post-redirect) exchange, with WARC-Date and
payload/block digests. Standard library HTTP (``http.client``) so the exact request sent is the
request recorded; warcio writes the records.

Rules (see issue 6): http/https only; at most 5 redirects, each to http/https; connect and read
timeouts plus an overall deadline; a 10 MB body cap (refused, nothing written); bounded retries
with exponential backoff on 429/5xx honouring ``Retry-After``; a delay between requests to the
same host; atomic writes; an identical capture (same URL, same payload digest) is skipped, a
changed one is stored beside the first. One line per URL on the log stream (stderr).
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import io
import os
import re
import socket
import ssl
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Iterable, TextIO
from urllib.parse import quote, urljoin, urlsplit

MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ALLOWED_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024
_NAME_MAX = 100  # slug characters; the whole file name stays well under 255 bytes

_UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_REPEATED_SEPARATORS = re.compile(r"[._-]*_[._-]*")
# Characters kept as-is when re-quoting a request target (RFC 3986 pchar + '/', '?', '%').
_SAFE_TARGET = "/?%:@!$&'()*+,;=-._~"
# Hop-by-hop / transport headers that no longer describe the stored (decoded) body.
_TRANSPORT_HEADERS = frozenset({"transfer-encoding", "content-length", "connection", "keep-alive"})


@dataclass
class FetchResult:
    """Outcome for one requested URL.

    ``status`` is ``saved`` (new WARC at ``path``), ``skipped`` (identical capture exists at
    ``path``) or ``refused`` (nothing written; ``reason`` says why). ``final_url`` is the URL
    after redirects, ``http_status`` the last HTTP status seen, ``payload_digest`` the
    ``sha1:BASE32`` digest of the body (as in ``WARC-Payload-Digest``).
    """

    url: str
    status: str
    path: Path | None = None
    reason: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    payload_digest: str | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("saved", "skipped")


class _Refused(Exception):
    """A URL that will not be captured; the message is the one-line reason."""


@dataclass
class _Exchange:
    """One completed HTTP request/response, as recorded into the WARC."""

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


def user_agent() -> str:
    """The User-Agent sent with every request: names the kit and its version."""
    from kompaskit import __version__

    return f"kompaskit/{__version__} (research capture of news pages; Python http.client)"


def payload_digest(body: bytes) -> str:
    """``sha1:BASE32`` digest of `body`, the form warcio writes in ``WARC-Payload-Digest``."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def capture_stem(url: str) -> str:
    """A safe, bounded file stem for captures of `url`: ``host_path-slug-<url hash>``.

    Only ``[A-Za-z0-9._-]``, no leading dot, at most ~110 characters; the hash keeps URLs that
    slug alike (case, punctuation, long paths) apart.
    """
    parts = urlsplit(url)
    raw = f"{parts.hostname or 'nohost'}{'_' + str(parts.port) if parts.port else ''}_{parts.path}"
    if parts.query:
        raw += "_" + parts.query
    slug = _UNSAFE_NAME_CHARS.sub("_", raw)
    slug = _REPEATED_SEPARATORS.sub("_", slug).strip("._-")[:_NAME_MAX].rstrip("._-") or "capture"
    url_hash = hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-{url_hash}"


def _check_url(url: str) -> str:
    """Return `url` stripped of its fragment if it is a fetchable http(s) URL, else refuse."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise _Refused(f"invalid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise _Refused(f"scheme '{scheme}' not allowed (http/https only)" if scheme
                       else "not a URL (no http:// or https://)")
    if not parts.hostname:
        raise _Refused("URL has no host")
    try:
        parts.hostname.encode("idna")
    except UnicodeError:
        raise _Refused("host name is not a valid (internationalised) domain name") from None
    if any(ord(c) < 33 or ord(c) == 127 for c in url):
        raise _Refused("URL contains whitespace or control characters")
    return parts._replace(fragment="").geturl()


def _request_target(parts) -> str:
    path = quote(parts.path or "/", safe=_SAFE_TARGET)
    return path + ("?" + quote(parts.query, safe=_SAFE_TARGET) if parts.query else "")


def _host_header(parts) -> str:
    host = parts.hostname.encode("idna").decode("ascii") if not parts.hostname.isascii() else parts.hostname
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    default = 443 if parts.scheme == "https" else 80
    return host if parts.port in (None, default) else f"{host}:{parts.port}"


def _exchange(url: str, connect_timeout: float, read_timeout: float, deadline: float,
              max_bytes: int) -> _Exchange:
    """Send one GET for `url` and read the response (body capped at `max_bytes`)."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, parts.port, timeout=connect_timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, parts.port, timeout=connect_timeout)
    target = _request_target(parts)
    headers = [
        ("Host", _host_header(parts)),
        ("User-Agent", user_agent()),
        ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"),
        ("Accept-Language", "id,en;q=0.7"),
        ("Accept-Encoding", "identity"),  # store the body exactly as served, no decoding
        ("Connection", "close"),
    ]
    started = datetime.now(timezone.utc)
    try:
        try:
            conn.connect()
        except (socket.timeout, TimeoutError):
            raise _Refused(f"connect timeout after {connect_timeout:g} s") from None
        except ssl.SSLError as exc:
            raise _Refused(f"TLS error ({exc.reason or exc})") from None
        except OSError as exc:
            raise _Refused(f"cannot connect ({exc.strerror or exc})") from None
        conn.sock.settimeout(read_timeout)
        peer_ip = None
        try:
            peer_ip = conn.sock.getpeername()[0]
        except OSError:
            pass
        try:
            conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
            for name, value in headers:
                conn.putheader(name, value)
            conn.endheaders()
            resp = conn.getresponse()
            length = resp.getheader("Content-Length")
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise _Refused(f"body of {int(length)} bytes exceeds the {max_bytes} byte limit")
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise _Refused("download took longer than the overall time limit")
                chunk = resp.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise _Refused(f"body exceeds the {max_bytes} byte limit")
                chunks.append(chunk)
        except (socket.timeout, TimeoutError):
            raise _Refused(f"read timeout after {read_timeout:g} s") from None
        except http.client.IncompleteRead as exc:
            raise _Refused(f"incomplete response ({len(exc.partial)} bytes read)") from None
        except (http.client.HTTPException, OSError) as exc:
            raise _Refused(f"bad HTTP response ({type(exc).__name__}: {exc})") from None
        version = {9: "HTTP/0.9", 10: "HTTP/1.0", 11: "HTTP/1.1"}.get(resp.version, "HTTP/1.1")
        return _Exchange(url=url, request_line=f"GET {target} HTTP/1.1", request_headers=headers,
                         status=resp.status, reason=resp.reason or "", version=version,
                         headers=list(resp.getheaders()), body=b"".join(chunks), peer_ip=peer_ip,
                         started=started)
    finally:
        conn.close()


def _retry_wait(retry_after: str | None, attempt: int, backoff: float) -> float:
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


class _HostClock:
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


def _get(url: str, clock: _HostClock, *, connect_timeout: float, read_timeout: float,
         total_timeout: float, max_bytes: int, retries: int, backoff: float,
         max_retry_wait: float, max_redirects: int) -> _Exchange:
    """Follow redirects and retries for `url`; return the final 2xx exchange or refuse."""
    current = url
    redirects = 0
    attempt = 0
    while True:
        clock.wait(current)
        ex = _exchange(current, connect_timeout, read_timeout,
                       time.monotonic() + total_timeout, max_bytes)
        if ex.status in REDIRECT_STATUSES:
            location = dict((k.lower(), v) for k, v in ex.headers).get("location")
            if not location:
                raise _Refused(f"HTTP {ex.status} redirect without a Location header")
            redirects += 1
            if redirects > max_redirects:
                raise _Refused(f"more than {max_redirects} redirects")
            target = urljoin(current, location.strip())
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ALLOWED_SCHEMES:
                raise _Refused(f"redirect to {scheme or '(no scheme)'}:// refused (http/https only)")
            current = _check_url(target)
            attempt = 0
            continue
        if ex.status in RETRY_STATUSES and attempt < retries:
            retry_after = dict((k.lower(), v) for k, v in ex.headers).get("retry-after")
            wait = _retry_wait(retry_after, attempt, backoff)
            if wait > max_retry_wait:
                raise _Refused(f"HTTP {ex.status}: server asks to wait {wait:.0f} s "
                               f"(more than the {max_retry_wait:g} s limit)")
            time.sleep(wait)
            attempt += 1
            continue
        if not 200 <= ex.status < 300:
            tries = f" after {attempt} retries" if ex.status in RETRY_STATUSES and attempt else ""
            raise _Refused(f"HTTP {ex.status} {ex.reason}".rstrip() + tries)
        return ex


def _existing_capture(stem_dir: Path, stem: str, url: str, digest: str) -> Path | None:
    """An existing capture of `url` in `stem_dir` whose response has payload `digest`, if any."""
    from warcio.archiveiterator import ArchiveIterator

    for path in sorted(stem_dir.glob(f"{stem}*.warc.gz")):
        try:
            with path.open("rb") as fh:
                for record in ArchiveIterator(fh):
                    if record.rec_type != "response":
                        continue
                    headers = record.rec_headers
                    if (headers.get_header("WARC-Target-URI") == url
                            and headers.get_header("WARC-Payload-Digest") == digest):
                        return path
        except Exception:  # an unreadable neighbour is not ours to judge; it just doesn't match
            continue
    return None


def _warc_bytes(ex: _Exchange, filename: str) -> bytes:
    """The gzipped WARC (warcinfo + request + response) for one exchange."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from kompaskit import __version__

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    warc_date = ex.started.strftime("%Y-%m-%dT%H:%M:%SZ")
    info = writer.create_warcinfo_record(filename, {
        "software": f"kompaskit/{__version__} (warcio)",
        "format": "WARC File Format 1.0",
        "http-header-user-agent": user_agent(),
    })
    info.rec_headers.replace_header("WARC-Date", warc_date)
    writer.write_record(info)
    # http.client has already de-chunked the body: describe the stored bytes, not the transport.
    resp_headers = [(k, v) for k, v in ex.headers if k.lower() not in _TRANSPORT_HEADERS]
    resp_headers.append(("Content-Length", str(len(ex.body))))
    http_headers = StatusAndHeaders(f"{ex.status} {ex.reason}".rstrip(), resp_headers,
                                    protocol=ex.version)
    warc_headers = {"WARC-Date": warc_date}
    if ex.peer_ip:
        warc_headers["WARC-IP-Address"] = ex.peer_ip
    response = writer.create_warc_record(ex.url, "response", payload=io.BytesIO(ex.body),
                                         length=len(ex.body), http_headers=http_headers,
                                         warc_headers_dict=warc_headers)
    request_headers = StatusAndHeaders(ex.request_line, list(ex.request_headers),
                                       is_http_request=True)
    request = writer.create_warc_record(ex.url, "request", payload=io.BytesIO(b""), length=0,
                                        http_headers=request_headers,
                                        warc_headers_dict=dict(warc_headers))
    writer.write_request_response_pair(request, response)
    return buf.getvalue()


def _file_mode() -> int:
    """The mode `open()` would give a new file under the current umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _store(data: bytes, to: Path, names: Iterable[str]) -> Path:
    """Write `data` atomically under the first of `names` that does not exist yet."""
    fd, tmp = tempfile.mkstemp(dir=to, prefix=".kompaskit-fetch-", suffix=".part")
    try:
        os.fchmod(fd, _file_mode())  # mkstemp makes 0600; captures are ordinary files
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        for name in names:
            final = to / name
            if final.resolve().parent != to.resolve():  # belt and braces: names are sanitized
                continue
            try:
                os.link(tmp, final)  # fails if `final` exists: never overwrite a capture
            except FileExistsError:
                continue
            except OSError:  # file system without hard links
                if final.exists():
                    continue
                os.replace(tmp, final)
                return final
            os.unlink(tmp)
            return final
        raise _Refused("no free file name for the capture")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def fetch_urls(urls: Iterable[str], to: str | os.PathLike = "data/raw", delay: float = 1.0, *,
               connect_timeout: float = 10.0, read_timeout: float = 30.0,
               total_timeout: float = 120.0, max_bytes: int = MAX_BODY_BYTES, retries: int = 3,
               backoff: float = 2.0, max_retry_wait: float = 60.0,
               max_redirects: int = MAX_REDIRECTS, log: TextIO | None = None) -> list[FetchResult]:
    """Capture each of `urls` into a gzipped WARC in directory `to`.

    `delay` is the minimum gap in seconds between two requests to the same host (retries and
    redirects included). Returns one `FetchResult` per input URL, in order, and writes one line
    per URL to `log` (stderr by default): ``saved <path>``, ``skipped <url>: identical capture
    exists`` or ``refused <url>: <reason>``.
    """
    log = sys.stderr if log is None else log
    out_dir = Path(to)
    clock = _HostClock(delay)
    results: list[FetchResult] = []
    for raw_url in urls:
        url = str(raw_url).strip()
        try:
            url = _check_url(url)
            ex = _get(url, clock, connect_timeout=connect_timeout, read_timeout=read_timeout,
                      total_timeout=total_timeout, max_bytes=max_bytes, retries=retries,
                      backoff=backoff, max_retry_wait=max_retry_wait,
                      max_redirects=max_redirects)
            digest = payload_digest(ex.body)
            out_dir.mkdir(parents=True, exist_ok=True)
            stem = capture_stem(url)
            existing = _existing_capture(out_dir, stem, ex.url, digest)
            if existing is not None:
                results.append(FetchResult(url, "skipped", existing, "identical capture exists",
                                           ex.url, ex.status, digest))
                print(f"skipped {url}: identical capture exists", file=log)
                continue
            stamp = ex.started.strftime("%Y%m%dT%H%M%SZ")
            short = digest[5:13].lower()
            names = [f"{stem}.warc.gz", f"{stem}.{stamp}-{short}.warc.gz",
                     *(f"{stem}.{stamp}-{short}-{i}.warc.gz" for i in range(2, 100))]
            path = _store(_warc_bytes(ex, names[0]), out_dir, names)
            results.append(FetchResult(url, "saved", path, None, ex.url, ex.status, digest))
            print(f"saved {path}", file=log)
        except _Refused as exc:
            results.append(FetchResult(url, "refused", reason=str(exc)))
            print(f"refused {url}: {exc}", file=log)
        except OSError as exc:  # writing to `to` failed (permissions, disk full, ...)
            reason = f"cannot write to {out_dir} ({exc.strerror or exc})"
            results.append(FetchResult(url, "refused", reason=reason))
            print(f"refused {url}: {reason}", file=log)
    return results


def read_url_file(path: str | os.PathLike) -> list[str]:
    """URLs listed one per line in `path`; blank lines and ``#`` comments ignored."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kompaskit fetch",
        description="Capture web pages politely into gzipped WARC files (one per URL).")
    parser.add_argument("urls", nargs="*", metavar="URL", help="http(s) URLs to capture")
    parser.add_argument("--to", default=None,
                        help="directory for the .warc.gz files (default: $KOMPASKIT_RAW or the "
                             "project's data/raw)")
    parser.add_argument("--delay", type=float, default=1.0,
                        help="seconds between requests to the same host (default: 1)")
    parser.add_argument("--from-file", metavar="FILE", help="read more URLs from FILE, one per line")
    parser.add_argument("--timeout", type=float, default=30.0, help="read timeout in seconds (default: 30)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """CLI entry for ``kompaskit fetch``: 0 if at least one URL was saved or skipped, else 1."""
    parser = build_parser()
    args = parser.parse_args(argv)
    urls = list(args.urls)
    if args.from_file:
        try:
            urls += read_url_file(args.from_file)
        except OSError as exc:
            print(f"kompaskit fetch: cannot read {args.from_file}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    if not urls:
        parser.print_usage(sys.stderr)
        print("kompaskit fetch: no URLs given", file=sys.stderr)
        return 2
    if args.delay < 0 or args.timeout <= 0:
        print("kompaskit fetch: --delay must be >= 0 and --timeout > 0", file=sys.stderr)
        return 2
    if args.to is None:
        from .corpus import default_raw_dir

        args.to = default_raw_dir()
    results = fetch_urls(urls, to=args.to, delay=args.delay, read_timeout=args.timeout)
    return 0 if any(r.ok for r in results) else 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
