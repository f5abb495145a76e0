"""WARC web captures -> `Article`s (one per HTML or plain-text ``response`` record), with warcio.

Each article carries the capture provenance: ``captured_at`` (WARC-Date, tz-aware UTC),
``capture_url`` (WARC-Target-URI) and ``http_status``; ``raw_kind`` is ``"warc"``. A broken,
truncated or non-WARC input raises `KompasParseError` with a one-line reason, and so does a WARC
in which no record holds an article.
"""
from __future__ import annotations

import hashlib
import io
import os
import zlib
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from .article import Article, KompasParseError
from .htmlguard import guard_html
from .rawfiles import MAX_FILE_BYTES, open_regular_file, printable
from .textdecode import check_text, decode_text

WARC_MAX_BYTES = 200 * 1024 * 1024  # a capture file larger than this is refused, not streamed
PAYLOAD_MAX_BYTES = MAX_FILE_BYTES  # bigger bodies are no articles (one definition: rawfiles)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_ARTICLE_RECORDS = ("response", "resource")  # resource: a capture stored without HTTP headers


def _warc_errors() -> tuple[type[BaseException], ...]:
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    return (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, OSError,
            UnicodeDecodeError, ValueError, IndexError, TypeError, AttributeError)


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)  # WARC-Date is UTC by definition
    return stamp.astimezone(timezone.utc)


def _content_type(record) -> tuple[str, str | None]:
    """(media type, charset) of a record's payload."""
    header = None
    if record.http_headers is not None:
        header = record.http_headers.get_header("Content-Type")
    if header is None and record.rec_type == "resource":
        header = record.rec_headers.get_header("Content-Type")
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for part in parts[1:]:
        if part.lower().startswith("charset="):
            charset = part.split("=", 1)[1].strip("\"' ") or None
    return parts[0].lower(), charset


def _looks_html(payload: bytes) -> bool:
    head = payload[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head


def _open(source: str | os.PathLike | bytes | BinaryIO) -> tuple[BinaryIO, str | None, str]:
    """(binary stream, path or None, sha256 of the raw bytes)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return io.BytesIO(data), None, hashlib.sha256(data).hexdigest()
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > WARC_MAX_BYTES:
                raise KompasParseError(f"WARC too large ({size // 1_000_000} MB)", stage="read")
            fd, _ = open_regular_file(path)  # read-only, non-blocking: never waits on a FIFO
            with os.fdopen(fd, "rb") as handle:
                data = handle.read()
        except OSError as err:
            raise KompasParseError(f"cannot read {printable(path.name)}: {err.strerror or err}", stage="read") from err
        return io.BytesIO(data), str(path), hashlib.sha256(data).hexdigest()
    if hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, bytes):
            raise TypeError("iter_warc needs a binary file object")
        return io.BytesIO(data), getattr(source, "name", None), hashlib.sha256(data).hexdigest()
    raise TypeError(f"iter_warc expects a path, bytes or a binary file, not {type(source).__name__}")


def iter_warc(
    source: str | os.PathLike | bytes | BinaryIO, engine: str = "trafilatura"
) -> Iterator[Article]:
    """Yield one `Article` per HTML/text ``response`` record of a (gzipped) WARC.

    Records that are not 2xx HTML/text responses (requests, metadata, redirects, images, pages
    without an article body) are skipped; if nothing is left, `KompasParseError` says why.
    """
    from warcio.archiveiterator import ArchiveIterator

    from .htmlprocessing import extract_html
    from .textformat import parse_snapshot

    stream, raw_path, sha = _open(source)
    if not stream.getbuffer().nbytes:
        raise KompasParseError("empty WARC file", stage="read")
    _check_magic(stream.getbuffer()[:65536].tobytes())
    errors = _warc_errors()
    n_records = n_yielded = 0
    first_skip: str | None = None
    try:
        records = iter(ArchiveIterator(stream))
    except errors as err:
        raise KompasParseError(f"not a readable WARC: {_reason(err)}", stage="read") from err
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            n_records += 1
            if record.rec_type not in _ARTICLE_RECORDS:
                continue
            status = None
            if record.http_headers is not None and record.rec_type == "response":
                try:
                    status = int(record.http_headers.get_statuscode())
                except (TypeError, ValueError):
                    status = None
            media, charset = _content_type(record)
            payload = record.content_stream().read(PAYLOAD_MAX_BYTES + 1)
            _check_complete(record)
            target = record.rec_headers.get_header("WARC-Target-URI")
            captured = _warc_date(record.rec_headers.get_header("WARC-Date"))
        except errors as err:
            raise KompasParseError(f"broken WARC (record {n_records}): {_reason(err)}", stage="read") from err

        skip = None
        if status is not None and not 200 <= status < 300:
            skip = f"HTTP {status} for {target}"
        elif len(payload) > PAYLOAD_MAX_BYTES:
            skip = f"payload over {PAYLOAD_MAX_BYTES // 1_000_000} MB for {target}"
        elif not payload.strip():
            skip = f"empty payload for {target}"
        if skip is None:
            is_html = media in _HTML_TYPES or (media in ("", "application/octet-stream") and _looks_html(payload))
            is_text = media in _TEXT_TYPES
            try:
                if is_html:
                    article = extract_html(guard_html(payload), url=target, engine=engine, charset=charset)
                elif is_text:
                    text, text_flags = _decode_text_payload(payload, charset)
                    article = parse_snapshot(text, url=target)
                    article.flags.extend(f for f in text_flags if f not in article.flags)
                    if not article.body:
                        skip = f"{target}: text has no article body"
                else:
                    skip = f"{media or 'untyped'} payload for {target}"
            except KompasParseError as err:
                skip = f"{target}: {err}"
        if skip is not None:
            first_skip = first_skip or skip
            continue
        article.raw_kind = "warc"
        article.raw_path = raw_path
        article.raw_sha256 = sha
        article.captured_at = captured
        article.capture_url = target
        article.http_status = status
        article.archive_url = record.rec_headers.get_header("WARC-Refers-To-Target-URI")
        n_yielded += 1
        yield article
    if n_records == 0:
        raise KompasParseError("not a WARC: no records found", stage="read")
    if n_yielded == 0:
        why = f"; first skipped: {first_skip}" if first_skip else ""
        raise KompasParseError(f"WARC has no article response records ({n_records} records{why})", stage="extract")


def _check_magic(head: bytes) -> None:
    """Raise unless the data starts like a WARC (or ARC), plain or gzipped."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error as err:
            raise KompasParseError(f"broken gzip data: {err}", stage="read") from err
    if not head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://")):
        raise KompasParseError("not a WARC file (no WARC/1.x header)", stage="read")


def _check_complete(record) -> None:
    """Raise if the record ends before its Content-Length (a truncated capture)."""
    from warcio.limitreader import LimitReader

    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    if isinstance(stream, LimitReader) and stream.limit > 0:
        raise EOFError(f"record truncated, {stream.limit} bytes missing")


def _decode_text_payload(payload: bytes, charset: str | None) -> tuple[str, list[str]]:
    """A text/plain payload -> (text, flags): the declared charset, else the readers' rules."""

    if charset:
        try:
            return check_text(payload.decode(charset), fallback=False), []
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(payload)


def _reason(err: BaseException) -> str:
    if isinstance(err, (AttributeError, TypeError, IndexError)):
        return "malformed record headers"
    text = " ".join(str(err).split())
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{type(err).__name__}: {text}" if text else type(err).__name__
