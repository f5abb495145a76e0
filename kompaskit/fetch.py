"""Polite capture of web pages to gzipped WARC files (``kompaskit fetch``).

One URL -> one ``.warc.gz`` in the target directory holding a ``warcinfo`` record and the
``request``/``response`` pair of the final (post-redirect) exchange, with WARC-Date and
payload/block digests. Standard library HTTP (``http.client``) so the exact request sent is the
request recorded; warcio writes the records.

Rules (see issue 6): http/https only; at most 5 redirects, each to http/https; connect and read
timeouts plus an overall deadline; a 10 MB body cap (refused, nothing written); bounded retries
with exponential backoff on 429/5xx honouring ``Retry-After``; a delay between requests to the
same host; atomic writes; an identical capture (same URL, same payload digest) is skipped, a
changed one is stored beside the first. One line per URL on the log stream (stderr); a failed
URL never stops the batch. The HTTP side (private-address guard, true deadline, redirects,
retries) lives in :mod:`kompaskit.webclient`; this module writes the captures.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, TextIO
from urllib.parse import urlsplit

from .netguard import ALLOW_PRIVATE_ENV
from .webclient import (  # noqa: F401 - MAX_* and user_agent are re-exported for callers
    MAX_BODY_BYTES,
    MAX_REDIRECTS,
    Exchange,
    HostClock,
    Limits,
    Refused,
    check_url,
    get,
    user_agent,
)

_NAME_MAX = 100  # slug characters; the whole file name stays well under 255 bytes

_UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_REPEATED_SEPARATORS = re.compile(r"[._-]*_[._-]*")
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


@dataclass
class ArchiveOrigin:
    """Where an archived capture came from: the memento URL fetched and the archive's capture time."""

    memento_url: str  # e.g. https://web.archive.org/web/20240101000000id_/https://www.kompas.com/...
    captured_at: datetime  # tz-aware UTC; the archive's 14-digit timestamp


def warc_bytes(ex: Exchange, filename: str, origin: str | None = None,
               archive: ArchiveOrigin | None = None) -> bytes:
    """The gzipped WARC (warcinfo + request + response) for one exchange.

    A live capture: the response's ``WARC-Target-URI`` is the URL fetched, ``WARC-Date`` the
    time of the request. An archived capture (`archive` given): the response describes the
    original page -- ``WARC-Target-URI`` = `origin` (the article URL), ``WARC-Date`` = the
    archive's capture time -- and names the memento it was read from in the standard
    ``WARC-Refers-To-Target-URI`` / ``WARC-Refers-To-Date`` headers; the request record keeps
    the request actually sent to the archive, and the warcinfo the time it was retrieved.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from kompaskit import __version__

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    fetched_date = ex.started.strftime("%Y-%m-%dT%H:%M:%SZ")
    info_fields = {
        "software": f"kompaskit/{__version__} (warcio)",
        "format": "WARC File Format 1.0",
        "http-header-user-agent": user_agent(),
    }
    if archive is not None:
        info_fields["description"] = f"archived capture of {origin} read from {archive.memento_url}"
        info_fields["retrieved-at"] = fetched_date
    info = writer.create_warcinfo_record(filename, info_fields)
    info.rec_headers.replace_header("WARC-Date", fetched_date)
    writer.write_record(info)
    # http.client has already de-chunked the body: describe the stored bytes, not the transport.
    resp_headers = [(k, v) for k, v in ex.headers if k.lower() not in _TRANSPORT_HEADERS]
    resp_headers.append(("Content-Length", str(len(ex.body))))
    http_headers = StatusAndHeaders(f"{ex.status} {ex.reason}".rstrip(), resp_headers,
                                    protocol=ex.version)
    request_warc_headers = {"WARC-Date": fetched_date}
    if ex.peer_ip:
        request_warc_headers["WARC-IP-Address"] = ex.peer_ip
    response_warc_headers = dict(request_warc_headers)
    target = ex.url
    if archive is not None:
        archived_date = archive.captured_at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        target = origin or ex.url
        response_warc_headers.update({"WARC-Date": archived_date,
                                      "WARC-Refers-To-Target-URI": archive.memento_url,
                                      "WARC-Refers-To-Date": archived_date})
    response = writer.create_warc_record(target, "response", payload=io.BytesIO(ex.body),
                                         length=len(ex.body), http_headers=http_headers,
                                         warc_headers_dict=response_warc_headers)
    request_headers = StatusAndHeaders(ex.request_line, list(ex.request_headers),
                                       is_http_request=True)
    request = writer.create_warc_record(ex.url, "request", payload=io.BytesIO(b""), length=0,
                                        http_headers=request_headers,
                                        warc_headers_dict=request_warc_headers)
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
        raise Refused("no free file name for the capture")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def save_capture(ex: Exchange, url: str, to: str | os.PathLike,
                 archive: ArchiveOrigin | None = None) -> FetchResult:
    """Store exchange `ex` (requested as `url`) as a new WARC in `to`, unless identical.

    For an archived capture the file is named after, and describes, the original `url`.
    Raises `Refused` when no file name is free; OSError when `to` cannot be written.
    """
    out_dir = Path(to)
    digest = payload_digest(ex.body)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = capture_stem(url)
    target = url if archive is not None else ex.url
    existing = _existing_capture(out_dir, stem, target, digest)
    if existing is not None:
        return FetchResult(url, "skipped", existing, "identical capture exists", ex.url,
                           ex.status, digest)
    stamp = ex.started.strftime("%Y%m%dT%H%M%SZ")
    short = digest[5:13].lower()
    names = [f"{stem}.warc.gz", f"{stem}.{stamp}-{short}.warc.gz",
             *(f"{stem}.{stamp}-{short}-{i}.warc.gz" for i in range(2, 100))]
    path = _store(warc_bytes(ex, names[0], origin=url, archive=archive), out_dir, names)
    return FetchResult(url, "saved", path, None, ex.url, ex.status, digest)


def fetch_urls(urls: Iterable[str], to: str | os.PathLike = "data/raw", delay: float = 1.0, *,
               connect_timeout: float = 10.0, read_timeout: float = 30.0,
               total_timeout: float = 120.0, max_bytes: int = MAX_BODY_BYTES, retries: int = 3,
               backoff: float = 2.0, max_retry_wait: float = 60.0,
               max_redirects: int = MAX_REDIRECTS, allow_private: bool | None = None,
               log: TextIO | None = None) -> list[FetchResult]:
    """Capture each of `urls` into a gzipped WARC in directory `to`.

    `delay` is the minimum gap in seconds between two requests to the same host (retries and
    redirects included); `total_timeout` bounds each URL (redirects, retries, slow bodies).
    Hosts resolving to non-public addresses are refused unless `allow_private` (default: the
    ``KOMPASKIT_ALLOW_PRIVATE`` variable). Returns one `FetchResult` per input URL, in order,
    and writes one line per URL to `log` (stderr by default): ``saved <path>``,
    ``skipped <url>: identical capture exists`` or ``refused <url>: <reason>``; a failed URL
    never stops the batch.
    """
    log = sys.stderr if log is None else log
    clock = HostClock(delay)
    limits = Limits(connect_timeout=connect_timeout, read_timeout=read_timeout,
                    total_timeout=total_timeout, max_bytes=max_bytes, retries=retries,
                    backoff=backoff, max_retry_wait=max_retry_wait, max_redirects=max_redirects,
                    allow_private=allow_private)
    results: list[FetchResult] = []
    for raw_url in urls:
        url = str(raw_url).strip()
        try:
            url = check_url(url)
            result = save_capture(get(url, clock, limits), url, to)
            print(f"skipped {url}: identical capture exists" if result.status == "skipped"
                  else f"saved {result.path}", file=log)
        except Refused as exc:
            result = FetchResult(url, "refused", reason=str(exc))
            print(f"refused {url}: {exc}", file=log)
        except OSError as exc:  # writing to `to` failed (permissions, disk full, ...)
            reason = f"cannot write to {to} ({exc.strerror or exc})"
            result = FetchResult(url, "refused", reason=reason)
            print(f"refused {url}: {reason}", file=log)
        except Exception as exc:  # noqa: BLE001 - one bad URL never stops the batch
            result = FetchResult(url, "refused", reason=f"{type(exc).__name__}: {exc}")
            print(f"refused {url}: {result.reason}", file=log)
        results.append(result)
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
    parser.add_argument("--total-timeout", type=float, default=120.0,
                        help="overall time limit per URL in seconds (default: 120)")
    parser.add_argument("--allow-private", action="store_true", default=None,
                        help=f"allow loopback/private/link-local targets (also {ALLOW_PRIVATE_ENV}=1)")
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
    if args.delay < 0 or args.timeout <= 0 or args.total_timeout <= 0:
        print("kompaskit fetch: --delay must be >= 0, --timeout and --total-timeout > 0",
              file=sys.stderr)
        return 2
    if args.to is None:
        from .corpus import default_raw_dir

        args.to = default_raw_dir()
    results = fetch_urls(urls, to=args.to, delay=args.delay, read_timeout=args.timeout,
                         total_timeout=args.total_timeout, allow_private=args.allow_private)
    return 0 if any(r.ok for r in results) else 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
