"""The `Article` record every reader returns, and the kit's own parse error.

An `Article` carries the fields of the `articles` table (see ``docs``/tables contract) plus the
paragraph list. Analysers take an `Article` (or its paragraphs) and return DataFrames.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class KompasParseError(ValueError):
    """A raw input could not be turned into an article; ``str(err)`` is one line for a researcher."""

    def __init__(self, reason: str, stage: str = "parse"):
        reason = " ".join(str(reason).split()) or "unreadable input"
        super().__init__(reason)
        self.stage = stage  # read | extract | parse | analyse (the errors table's `stage`)


@dataclass
class Article:
    """One article as read from a raw file.

    ``paragraphs`` holds every paragraph in reading order (dateline stripped from the first);
    ``paragraph_kinds`` says for each whether it is ``body`` or ``embed`` (a social post).
    ``text`` joins the body paragraphs with blank lines.
    """

    article_id: str = ""
    site: str = "other"  # kompas.tv | kompas.com | kompas.id | other
    url: str | None = None  # canonical URL
    title: str | None = None
    published: datetime | None = None  # tz-aware
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    source: list[str] = field(default_factory=list)  # article-level Sumber values, as printed
    dateline: str | None = None  # city as printed, upper case (e.g. PYONYANG)
    section: str | None = None
    caption: str | None = None
    photo_credit: list[str] = field(default_factory=list)  # chain order, e.g. [KCNA, KNS, AP]
    related: list[str] = field(default_factory=list)  # "Baca Juga" titles
    paragraphs: list[str] = field(default_factory=list)
    paragraph_kinds: list[str] = field(default_factory=list)  # body | embed, one per paragraph
    credits: dict[str, list[str]] = field(default_factory=dict)  # Narator, Produser, Video Editor...
    raw_path: str | None = None
    raw_sha256: str | None = None
    raw_kind: str = "text"  # text | html | warc
    parser: str = ""  # engine and version, e.g. "kompaskit-text 0.1.0"
    flags: list[str] = field(default_factory=list)  # truncated, weekday-mismatch, source-cut...
    captured_at: datetime | None = None  # WARC-Date for web captures
    capture_url: str | None = None  # WARC-Target-URI
    http_status: int | None = None
    archive_url: str | None = None  # WARC-Refers-To-Target-URI: the archive memento it was read from

    def __post_init__(self) -> None:
        if len(self.paragraph_kinds) != len(self.paragraphs):
            self.paragraph_kinds = (list(self.paragraph_kinds) + ["body"] * len(self.paragraphs))[
                : len(self.paragraphs)
            ]

    @property
    def body(self) -> list[str]:
        """Body paragraphs only (embeds left out)."""
        return [p for p, k in zip(self.paragraphs, self.paragraph_kinds) if k == "body"]

    @property
    def text(self) -> str:
        """Body paragraphs joined by blank lines."""
        return "\n\n".join(self.body)

    @property
    def n_paragraphs(self) -> int:
        return len(self.body)

    def to_record(self) -> dict[str, Any]:
        """One row of the `articles` table (a plain dict)."""
        row = dataclasses.asdict(self)
        del row["paragraphs"], row["paragraph_kinds"]
        row["text"] = self.text
        row["n_paragraphs"] = self.n_paragraphs
        return row
