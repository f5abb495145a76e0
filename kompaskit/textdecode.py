"""Bytes of a raw text file -> text: encodings (UTF-8, UTF-16 with BOM, cp1252/latin-1 fallback)
and the refusal of binary or garbled content, shared by the readers and the WARC reader."""
from __future__ import annotations

import re

from .article import KompasParseError
from .rawfiles import binary_text_reason

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
MAGIC = {
    b"PK\x03\x04": "zip archive",
    b"PK\x05\x06": "zip archive",
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
    b"7z\xbc\xaf": "7z archive",
    b"\x7fELF": "executable",
    b"PAR1": "Parquet file",
    b"SQLite format 3": "SQLite database",
}


def refuse_binary(data: bytes) -> None:
    """Raise for known binary formats and NUL-containing content."""
    for magic, name in MAGIC.items():
        if data.startswith(magic):
            raise KompasParseError(f"{name}, not an article", stage="read")
    if b"\x00" in data:
        raise KompasParseError("binary file (contains NUL bytes), not an article", stage="read")


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Bytes of a text file -> (text, flags): UTF-8 (BOM ok), else cp1252/latin-1 + `encoding-fallback`.

    Raises `KompasParseError` for empty, binary or garbled content.
    """
    if not data.strip():
        raise KompasParseError("empty file", stage="read")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM: NUL bytes are legitimate
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise KompasParseError("undecodable UTF-16 text", stage="read") from err
        return check_text(text, fallback=False), []
    refuse_binary(data)
    flags: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        flags.append("encoding-fallback")
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return check_text(text, fallback=bool(flags)), flags


def check_text(text: str, fallback: bool) -> str:
    """Refuse text that is mostly control characters or, when decoded by fallback, mostly non-ASCII."""
    sample = text[:65536]
    if "\x00" in sample:
        raise KompasParseError("binary content (contains NUL characters), not an article", stage="read")
    if not sample or sample.isspace():
        raise KompasParseError("empty file (only whitespace)", stage="read")
    if binary_text_reason(sample):
        raise KompasParseError("binary content (control characters), not text", stage="read")
    if not fallback:
        return text
    visible = len("".join(sample.split()))
    if fallback and len(_NON_ASCII.findall(sample)) > visible * 0.3:
        raise KompasParseError("undecodable text: not UTF-8 and not plausible cp1252/latin-1", stage="read")
    return text
