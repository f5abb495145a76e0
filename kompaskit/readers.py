"""The public readers: plain-text snapshots, HTML pages, WARC captures, and `read` that sniffs.

``read_text(path_or_text, url=None) -> Article``, ``read_html(html_or_path, url=None,
engine="trafilatura") -> Article``, ``read_warc(path) -> Iterator[Article]`` and
``read(path, engine="trafilatura") -> list[Article]`` (dispatch on the file's content, not its
extension). Every article carries ``raw_path``, ``raw_sha256`` (of the raw bytes) and
``raw_kind``. Files are only opened for reading. Anything that is not an article raises
`KompasParseError` with a one-line reason.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

from .article import Article, KompasParseError
from .htmlguard import guard_html
from .rawfiles import MAX_FILE_BYTES, NotARegularFile, open_regular_file, printable
from .textdecode import MAGIC, check_text, decode_text, refuse_binary  # noqa: F401 (public here too)

MAX_BYTES = MAX_FILE_BYTES  # text or HTML over this is refused before parsing (one definition: rawfiles)
MAX_PATH_CHARS = 4096  # longer strings are text, never paths (no "File name too long")
SNIFF_BYTES = 1024

_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_HTML_TAG = re.compile(
    rb"<(?:div|p|meta|title|article|span|table|a|section|script|link|br|h[1-6]|ul|li|img)\b[^<>]{0,300}>", re.I
)


# ---------------------------------------------------------------------------- bytes -> text
def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_file(path: Path, limit: int = MAX_BYTES, st: os.stat_result | None = None) -> bytes:
    """The file's bytes (opened read-only); refuses directories, missing and oversized files.

    ``st`` is the file's ``os.stat`` result when the caller already has it (saves two syscalls).
    """
    name = printable(path.name)
    if st is None:
        try:
            st = path.stat()
        except OSError as err:
            raise KompasParseError(f"cannot read {name}: {err.strerror or err}", stage="read") from err
    size = st.st_size
    if not stat.S_ISREG(st.st_mode):
        raise KompasParseError(f"{name} is not a regular file", stage="read")
    if size > limit:
        raise KompasParseError(
            f"file too large ({size / 1_000_000:.0f} MB > {limit // 1_000_000} MB), not an article", stage="read"
        )
    try:  # non-blocking, fstat-checked: a file swapped for a FIFO since the stat is refused, not waited on
        fd, _ = open_regular_file(path)
        with os.fdopen(fd, "rb") as handle:
            return handle.read(limit + 1)
    except NotARegularFile as err:
        raise KompasParseError(str(err), stage="read") from err
    except OSError as err:
        raise KompasParseError(f"cannot read {name}: {err.strerror or err}", stage="read") from err


# ---------------------------------------------------------------------------- sniffing
def sniff(data: bytes) -> str:
    """``warc`` | ``gzip`` (not a WARC) | ``html`` | ``text`` from the first bytes; raises for
    binary/unsupported content."""
    head = data[:SNIFF_BYTES]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not data.strip():
        raise KompasParseError("empty file", stage="read")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 64)
        except zlib.error as err:
            raise KompasParseError(f"broken gzip file: {err}", stage="read") from err
        if inner.startswith(b"WARC/"):
            return "warc"
        return "gzip"
    if stripped.startswith(b"\xff\xfe") or stripped.startswith(b"\xfe\xff"):
        return "text"
    refuse_binary(data)
    if _HTML_START.search(head) or len(_HTML_TAG.findall(head)) >= 3:
        return "html"
    return "text"


def gunzip(data: bytes, limit: int = MAX_BYTES) -> bytes:
    """The content of a gzip file; one-line errors for a broken or truncated file, or content
    over `limit` bytes (decompressed at most `limit` + 1 bytes: a gzip bomb costs nothing)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as err:
        raise KompasParseError(f"broken gzip file: {err}", stage="read") from err
    if len(out) > limit:
        raise KompasParseError(f"gzip content too large (over {limit // 1_000_000} MB), not an article",
                               stage="read")
    if not inflater.eof:
        raise KompasParseError("truncated gzip file", stage="read")
    return out


def _is_path(value: str) -> bool:
    """A string names a file only if it is short, single-line and an existing file."""
    if "\n" in value or "\r" in value or "\x00" in value or len(value) > MAX_PATH_CHARS or not value.strip():
        return False
    try:
        return os.path.isfile(value)
    except (OSError, ValueError):
        return False


def _stamp(article: Article, raw_path: str | None, sha: str, kind: str, flags: list[str]) -> Article:
    article.raw_path = raw_path
    article.raw_sha256 = sha
    article.raw_kind = kind
    for flag in flags:
        if flag not in article.flags:
            article.flags.append(flag)
    return article


def _require_body(article: Article, what: str) -> Article:
    if not article.body:
        raise KompasParseError(f"{what} has no article body", stage="parse")
    return article


# ---------------------------------------------------------------------------- public readers
def read_text(path_or_text: str | os.PathLike | bytes, url: str | None = None) -> Article:
    """A plain-text snapshot (a path to it, the text itself, or its bytes) -> `Article`."""
    from .textformat import parse_snapshot

    raw_path = None
    if isinstance(path_or_text, os.PathLike) or (isinstance(path_or_text, str) and _is_path(path_or_text)):
        raw_path = str(path_or_text)
        data = _read_file(Path(path_or_text))
        text, flags = decode_text(data)
        sha = _sha256(data)
    elif isinstance(path_or_text, (bytes, bytearray)):
        data = bytes(path_or_text)
        if len(data) > MAX_BYTES:
            raise KompasParseError(f"text too large ({len(data) // 1_000_000} MB), not an article", stage="read")
        text, flags = decode_text(data)
        sha = _sha256(data)
    elif isinstance(path_or_text, str):
        if len(path_or_text) > MAX_BYTES:
            raise KompasParseError(f"text too large ({len(path_or_text) // 1_000_000} M characters), not an article",
                                   stage="read")
        text = check_text(path_or_text, fallback=False) if path_or_text.strip() else ""
        if not text:
            raise KompasParseError("empty text", stage="read")
        flags = []
        sha = _sha256(path_or_text.encode("utf-8", "surrogatepass"))
    else:
        raise TypeError(f"read_text expects a path, str or bytes, not {type(path_or_text).__name__}")
    article = parse_snapshot(text, url=url)
    return _require_body(_stamp(article, raw_path, sha, "text", flags), "text")


def read_html(html: str | os.PathLike | bytes, url: str | None = None, engine: str = "trafilatura") -> Article:
    """An HTML page (its text, its bytes, or a path to it) -> `Article`."""
    from .htmlprocessing import extract_html

    raw_path = None
    if isinstance(html, os.PathLike) or (isinstance(html, str) and "<" not in html and _is_path(html)):
        raw_path = str(html)
        data = _read_file(Path(html))
        refuse_binary(data)
        sha = _sha256(data)
        content: str | bytes = data
    elif isinstance(html, (bytes, bytearray)):
        content = bytes(html)
        refuse_binary(content)
        sha = _sha256(content)
    elif isinstance(html, str):
        if "\x00" in html:
            raise KompasParseError("binary content (contains NUL characters), not HTML", stage="read")
        content = html
        sha = _sha256(html.encode("utf-8", "surrogatepass"))
    else:
        raise TypeError(f"read_html expects a path, str or bytes, not {type(html).__name__}")
    article = extract_html(guard_html(content), url=url, engine=engine)
    return _require_body(_stamp(article, raw_path, sha, "html", []), "HTML")


def read_warc(path: str | os.PathLike | bytes, engine: str = "trafilatura") -> Iterator[Article]:
    """Yield one `Article` per HTML/text response record of a WARC (path or bytes)."""
    from .warc import iter_warc

    return iter_warc(path, engine=engine)


def read(path: str | os.PathLike, engine: str = "trafilatura", *, sha256: str | None = None) -> list[Article]:
    """Read any supported raw file (text snapshot, HTML page, WARC; the first two also
    gzip-compressed), sniffing its content.

    ``sha256``: the hex SHA-256 of the file's bytes when the caller already knows it (a corpus
    build hashes every file for its manifest); it becomes ``raw_sha256`` instead of hashing again.
    Default None: the reader hashes the bytes itself.
    """
    path = Path(path)
    try:
        st = path.stat()
    except OSError as err:
        raise KompasParseError(f"cannot read {printable(path.name)}: {err.strerror or err}", stage="read") from err
    size = st.st_size
    if size > MAX_BYTES:
        # only a WARC may be this large; anything else is refused before it is read
        if _warc_head(_head(path)):
            return _warc_articles(path, engine, sha256)
        raise KompasParseError(
            f"file too large ({size / 1_000_000:.0f} MB > {MAX_BYTES // 1_000_000} MB), not an article", stage="read"
        )
    data = _read_file(path, st=st)
    kind = sniff(data)
    if kind == "warc":
        return _warc_articles(path, engine, sha256)
    sha = sha256 or _sha256(data)  # of the file as stored, compressed or not
    if kind == "gzip":  # a saved page or snapshot kept compressed (.html.gz, .txt.gz)
        data = gunzip(data)
        kind = sniff(data)
        if kind in ("warc", "gzip"):
            raise KompasParseError(f"{kind} inside a gzip file: decompress the outer layer first",
                                   stage="read")
    if kind == "html":
        from .htmlprocessing import extract_html

        article = extract_html(guard_html(data), url=None, engine=engine)
        return [_require_body(_stamp(article, str(path), sha, "html", []), "HTML")]
    from .textformat import parse_snapshot

    text, flags = decode_text(data)
    article = parse_snapshot(text, url=None)
    return [_require_body(_stamp(article, str(path), sha, "text", flags), "text")]


def _warc_articles(path: Path, engine: str, sha256: str | None) -> list[Article]:
    articles = list(read_warc(path, engine=engine))
    if sha256:  # the WARC reader hashes the file itself; a caller-given hash is the same file's
        for article in articles:
            article.raw_sha256 = sha256
    return articles


def _warc_head(head: bytes) -> bool:
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def _head(path: Path) -> bytes:
    try:
        fd, _ = open_regular_file(path)
        with os.fdopen(fd, "rb") as handle:
            return handle.read(65536)
    except OSError as err:
        raise KompasParseError(f"cannot read {printable(path.name)}: {err.strerror or err}", stage="read") from err
