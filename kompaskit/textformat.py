"""Plain-text Kompas snapshots (a page copied out of the browser or a search index) -> `Article`.

Layouts handled (``spec/kompas-formats.md``): kompas.tv desktop (breadcrumb, title,
``Kompas.tv - <date>``, URL slug, caption ``(Sumber: ...)``, ``Penulis : A | Editor : B``),
kompas.tv AMP (``> >``, ``Kompas dunia | <date>``, hyphenated names, lines glued after ``WIB``),
kompas.tv body-only (starts at the dateline), kompas.com read view (``Kompas.com - dd/mm/yyyy``,
author lines + ``Penulis``/``Tim Redaksi``, ``Sumber Reuters``), kompas.com copy view
(``Salin Artikel``, canonical URL and ``Terkini Lainnya`` at the end), kompas.com legacy
2018–2020 (doubled caption, ``|``, ``EditorName``, ``KOMPAS/NAME``), video pages (bare timestamp,
``Penulis:``/``Narator:``... credits, hashtags) and other outlets (``site="other"``).

The parse is line based: the header (everything before the body's first paragraph) is
classified line by line; the body runs from the dateline (or, without one, the first prose line
after the header) and is cleaned by :func:`kompaskit.furniture.clean_body`.

Copy noise real pages carry is undone first (:mod:`kompaskit.textrepair`: glued AMP header blocks,
doubled legacy captions, a dateline printed on its own line); then a navigation menu copied above
the header is skipped, browser-tab titles (``<title> Halaman all - Kompas.com``, also wrapped over
two lines) and label-first read-view bylines (``Penulis`` / ``<name>`` / ``Editor`` / ``<name>``)
are read. The site comes from the URL, then the page's own header, then the dateline's outlet,
then mentions -- every site rule is asked of the outlet adapters (:mod:`kompaskit.outlets`); a
mirror/proxy URL resolves to the Kompas page it copies. A ``Sumber`` value cut mid-word is
recognised against the outlet names of the source registry (:mod:`kompaskit.sourcenames`).

``article_id`` is the URL's article key (:func:`kompaskit.urls.article_key`) when a URL is known,
else a hash of the start of the body (:func:`kompaskit.urls.content_key`). A missing title is
rebuilt from the URL slug (flag ``title-from-slug``); inline photo captions in the body
(``… (Sumber: A/B via C)``) go to ``photo_credit``, not to the paragraphs.
"""
from __future__ import annotations

import re

from . import __version__
from .article import Article, KompasParseError
from .furniture import clean_body, is_sentence, is_skip_line
from .metadata import (
    has_caption_credit,
    has_weekday_mismatch,
    looks_like_names,
    match_dateline,
    parse_credit_line,
    parse_source_line,
    parse_timestamp,
    split_caption_credit,
    split_names,
    timestamp_span,
)
from .outlets import ADAPTERS, adapter_for_url, resolve_mirror, site_from_credits, site_from_header, site_from_mentions
from .outlets.base import title_from_slug
from .sourcenames import is_outlet_name, known_sources, looks_cut  # noqa: F401 (known_sources: public name kept here)
from .textrepair import prepare_header
from .urls import article_key, canonical_url, content_key, site_of

PARSER = f"kompaskit-text {__version__}"

HEADER_LINES = 45  # the header never runs longer than this many non-empty lines
MAX_HEADER_SCAN = 400  # menus copied above the header: look this far for the timestamp/dateline

_CTRL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"^\s*(?:\ufeff)?\s*(?:<!doctype\s+html|<html\b|<\?xml)", re.IGNORECASE)
_INVISIBLE_CHARS = ("\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad")
_URL_LINE = re.compile(r"^(?P<u>(?:https?://|www\.)\S+)$", re.IGNORECASE)
_LABELLED_URL = re.compile(r"^(?:URL|Sumber|Source|Link|Tautan)\s*:\s*(?P<u>(?:https?://|www\.)\S+)$", re.I)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}$")
# header furniture: breadcrumbs, buttons, labels
_HEADER_FURNITURE = re.compile(
    r"^(?:[>»›|/\s]+|Lihat Foto|Home|Beranda|Putar audio|"
    r"Dengarkan(?:\s+(?:berita|artikel|audio)(?:\s+ini)?)?|\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?|"
    r"Tim Redaksi|Penulis|Editor|Video|Ikuti|Follow|Bagikan|Share|Komentar|"
    r"ADVERTISEMENT|Advertisement|Iklan|Loading\.*|Play|Tonton|Live|Live Streaming|\d+|"
    r"[\d.,]+\s*(?:kali dibaca|views?|komentar|dilihat)|Diperbarui.*|Update(?:d)?\s*:.*"
    + "".join("|" + rx for adapter in ADAPTERS for rx in adapter.header_furniture) + ")$",
    re.IGNORECASE,
)
# other outlets: `<Name> - detikNews`
_OUTLET_BYLINE = re.compile(
    r"^(?P<a>[A-Z][\w.'’ ,]{2,80}?)\s+-\s+(?:detik\w*|CNN Indonesia|Okezone|Sindonews|Liputan6\.com)$"
)
_JOURNALIST = re.compile(r"^(?P<a>[A-Z][\w.'’ ]{2,60}?),\s*(?:Jurnalis|Wartawan|Reporter)\b")
_BREADCRUMB = re.compile(r"\s(?:>|»|›)\s")
_AUTHOR_LABEL = re.compile(r"^(?:Penulis|Tim Redaksi)$", re.IGNORECASE)
_TS_NOISE = re.compile(r"[\s|,:\-–—·•/]+|\b(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad|"
                       r"Diperbarui|Update[d]?|Terbit|Dipublikasikan|Diterbitkan|Published|pukul)\b",
                       re.IGNORECASE)
_UPDATED = re.compile(r"^(?:Diperbarui|Update|Updated|Pembaruan)\b", re.IGNORECASE)
# browser-tab titles: `<title> Halaman all - Kompas.com`, `<title> | KompasTV`
_TITLE_SUFFIX = re.compile(
    r"(?:\s+Halaman\s+(?:all|\d{1,2}))?\s*[|\-–—]\s*(?:"
    + "|".join(name for adapter in ADAPTERS for name in adapter.tab_names) + r")\s*$",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")
_SECTION_BREADCRUMB = re.compile(r"^Kompas ?TV\s+(?P<s>[a-z][\w-]*)", re.IGNORECASE)

def parse_snapshot(text: str, url: str | None = None) -> Article:
    """Parse one plain-text snapshot into an :class:`Article` (``raw_kind="text"``).

    ``url`` (or a URL on the snapshot's first line, or a canonical URL printed at its end) sets
    site, canonical URL and article key. Raises :class:`KompasParseError` with a one-line reason
    for empty/binary text or text without an article body.
    """
    try:
        return _parse(text, url)
    except KompasParseError:
        raise
    except (RecursionError, MemoryError) as exc:  # pathological input: report, never crash
        raise KompasParseError(f"text snapshot too large or deep to parse ({type(exc).__name__})") from exc
    except Exception as exc:  # safety net: the kit promises KompasParseError only
        raise KompasParseError(f"text snapshot could not be parsed ({type(exc).__name__}: {exc})") from exc


def _normalise(text: str | bytes) -> str:
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise KompasParseError("text is not valid UTF-8", "read") from exc
    if not isinstance(text, str):
        raise KompasParseError(f"expected text, got {type(text).__name__}", "read")
    if "\x00" in text:
        raise KompasParseError("text contains NUL bytes (binary file?)", "read")
    sample = text[:20000]
    if sample and len(_CTRL.findall(sample)) > max(3, len(sample) // 200):
        raise KompasParseError("text is mostly control characters (binary file?)", "read")
    if _HTML_START.match(text[:300]):
        raise KompasParseError("this is an HTML page, not a text snapshot (use read_html)", "read")
    for ch in _INVISIBLE_CHARS:  # `in` is a fast scan; a regex sub over megabytes is not
        if ch in text:
            text = text.replace(ch, "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text:
        text = text.replace("\u2028", "\n")
    return text


def _is_timestamp_line(line: str) -> bool:
    if len(line) > 110:
        return False
    span = timestamp_span(line)
    if span is None:
        return False
    leftover = line
    while span is not None:  # `<date> | Diperbarui <date>`: drop every date
        leftover = leftover[: span[0]] + " " + leftover[span[1]:]
        span = timestamp_span(leftover)
    leftover = _TS_NOISE.sub(" ", leftover).strip()
    return len(leftover) <= 40 and _words(leftover) <= 4 and not leftover.endswith(".")


def _words(s: str) -> int:
    """Word count, bounded: every threshold here is small, and lines can be megabytes long."""
    return len(s[:1500].split())


def _is_prose(line: str, guard: bool = True) -> bool:
    """A body sentence: ends like a sentence, 6+ words. With ``guard`` (no title seen yet)
    headline-cased lines and short questions count as titles, not prose."""
    n = _words(line)
    if n >= 30:
        return True
    if n < 6 or not is_sentence(line) or (len(line) < 1500 and has_caption_credit(line)):
        return False
    if not guard:
        return True
    if line.rstrip().endswith(("?", "!", '"', "”", "'", "’")) and n < 15:
        return False
    caps = [w for w in line.split() if w[:1].isalpha()]
    return not (n <= 20 and caps and sum(w[:1].isupper() for w in caps) >= 0.75 * len(caps))


def _parse(text: str, url: str | None) -> Article:
    text = _normalise(text)
    raw_lines = [" ".join(ln.split()) if len(ln) < 100_000 else ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in raw_lines if ln]
    if not lines:
        raise KompasParseError("empty text")

    page_url = url.strip() if isinstance(url, str) and url.strip() else None
    m = _URL_LINE.match(lines[0]) or _LABELLED_URL.match(lines[0])
    if m:
        lines.pop(0)
        page_url = page_url or m["u"]
        if not lines:
            raise KompasParseError("text holds only a URL, no article")

    lines, head_end = prepare_header(lines, 0, HEADER_LINES)
    limit = min(len(lines), head_end + 5)
    d_i, dateline, ts_i = _find_anchors(lines, limit)
    if d_i is None and ts_i is None and len(lines) > limit and \
            not any(_is_prose(ln, guard=False) for ln in lines[:limit]):
        # a page copied with its navigation menu (no prose yet): the article header starts further down
        far = _first_anchor(lines, limit, MAX_HEADER_SCAN)
        if far is not None:
            lines, head_end = prepare_header(lines, head_end, far + HEADER_LINES)
            limit = min(len(lines), head_end + 5)
            d_i, dateline, ts_i = _find_anchors(lines, limit)

    header = _read_header(lines, ts_i, d_i, limit)
    body_start = d_i if d_i is not None else header.body_start
    if body_start is None or body_start >= len(lines):
        raise KompasParseError("no article body found (no dateline and no paragraph of prose)")

    body_lines = lines[body_start:]
    if dateline is not None and body_start == d_i:
        body_lines = [dateline.rest] + body_lines[1:]
    cleaned = clean_body(body_lines)
    body = [p for p, k in zip(cleaned.paragraphs, cleaned.kinds) if k == "body"]
    if not body or not any(_words(p) >= 5 for p in body):
        raise KompasParseError("no paragraph of prose (not an article?)")

    # site and URL: explicit/first-line URL, else a Kompas URL printed in the body (copy view)
    if page_url is None:
        page_url = next((u for u in cleaned.urls if site_of(u) != "other"), None)
    site = _detect_site(page_url, dateline, lines, header)
    if site == "other" and page_url is None and dateline is None:
        # a video credit block (Narator/Produser/...) without any other marker
        site = site_from_credits(header.credits.keys() | cleaned.credits.keys()) or "other"
    canon = canonical_url(page_url) if page_url else None
    flags: list[str] = list(cleaned.flags)
    if site == "other" and page_url:  # a mirror or proxy: the page text and URL path still say
        mirror = resolve_mirror(page_url, _site_from_page(dateline, lines, header))
        if mirror is not None:
            site, canon, _ = mirror
            flags.append("mirror-url")

    if cleaned.ends_mid_sentence:
        flags.append("truncated")
    source = list(header.source)
    source += [s for s in cleaned.source if s not in source]
    if cleaned.source_is_last and not cleaned.ended_by_furniture and source:
        if looks_cut(source[-1], text.endswith("\n")):
            flags.append("source-cut")
            if "truncated" not in flags:
                flags.append("truncated")
    published = parse_timestamp(lines[ts_i]) if ts_i is not None else None
    if published is None:  # e.g. `Tim Okezone, Jurnalis · Rabu 30 Oktober 2024 10:15 WIB`
        published = next((parse_timestamp(ln) for ln in lines[:body_start]
                          if len(ln) <= 160 and timestamp_span(ln) and not _is_prose(ln)), None)
    if published is None and canon:
        published = adapter_for_url(canon).published_from_url(canon)
        if published is not None:
            flags.append("published-from-url")
    if published is None:
        flags.append("no-timestamp")
    if has_weekday_mismatch(body):
        flags.append("weekday-mismatch")

    credits: dict[str, list[str]] = {}
    for src in (header.credits, cleaned.credits):
        for role, names in src.items():
            credits.setdefault(role, [])
            credits[role] += [n for n in names if n not in credits[role]]
    authors = header.authors or cleaned.authors
    if not authors and site == "other" and credits.get("Reporter"):
        authors = list(credits["Reporter"])
    # an outlet in the byline (`BBC News Indonesia, <Name>`: a partner's story) is a source
    source += [a for a in authors if is_outlet_name(a) and a not in source]
    authors = [a for a in authors if not is_outlet_name(a)]

    title, caption, photo_credit = header.title, header.caption, list(header.photo_credit)
    if title is None and canon:
        title = title_from_slug(canon)
        if title:
            flags.append("title-from-slug")
    for inline_caption, chain in cleaned.captions:  # inline photos: their credits join the chain
        caption = caption or inline_caption
        photo_credit += [c for c in chain if c not in photo_credit]
    section = (adapter_for_url(canon).section(canon) if canon else None) or header.section
    key = article_key(canon) if canon else None
    return Article(
        article_id=key or content_key(body, site),
        site=site,
        url=canon,
        title=title,
        published=published,
        authors=authors,
        editor=header.editor or cleaned.editor,
        source=source,
        dateline=dateline.city if dateline is not None and body_start == d_i else None,
        section=section,
        caption=caption,
        photo_credit=photo_credit,
        related=cleaned.related,
        paragraphs=cleaned.paragraphs,
        paragraph_kinds=cleaned.kinds,
        credits=credits,
        raw_kind="text",
        parser=PARSER,
        flags=flags,
    )


def _find_anchors(lines: list[str], limit: int):
    """(dateline index, Dateline, timestamp index) within ``lines[:limit]``; None where absent.
    The dateline opens the body; the timestamp line sits above it (titles above that)."""
    d_i, dateline = None, None
    for i in range(limit):
        ln = lines[i]
        dl = match_dateline(ln)
        if dl is None or _words(dl.rest) < 3 or _is_timestamp_line(ln):
            continue
        if not dl.outlet and not (_words(dl.rest) >= 8 and is_sentence(dl.rest)):
            continue  # `Rusia - Ukraina Memanas` is a title, not `JAKARTA - <lead>`
        d_i, dateline = i, dl
        break
    zone = d_i if d_i is not None else limit
    ts_i = next((i for i in range(zone) if _is_timestamp_line(lines[i])
                 and not _UPDATED.match(lines[i])), None)
    if ts_i is None:
        ts_i = next((i for i in range(zone) if _is_timestamp_line(lines[i])), None)
    return d_i, dateline, ts_i


def _first_anchor(lines: list[str], start: int, stop: int) -> int | None:
    """First timestamp line or Kompas dateline in ``lines[start:stop]`` (menus above the header)."""
    for i in range(start, min(stop, len(lines))):
        ln = lines[i]
        if len(ln) <= 110 and _is_timestamp_line(ln):
            return i
        if "OMPAS" in ln[:80].upper():
            dl = match_dateline(ln)
            if dl is not None and dl.outlet and dl.site != "other":
                return i
    return None


class _Header:
    """What the header lines say (filled by :func:`_read_header`)."""

    __slots__ = ("title", "authors", "editor", "source", "caption", "photo_credit", "credits",
                 "body_start", "section", "markers")

    def __init__(self) -> None:
        self.title: str | None = None
        self.authors: list[str] = []
        self.editor: str | None = None
        self.source: list[str] = []
        self.caption: str | None = None
        self.photo_credit: list[str] = []
        self.credits: dict[str, list[str]] = {}
        self.body_start: int | None = None
        self.section: str | None = None
        self.markers: list[str] = []  # header lines that reveal the site


def _read_header(lines: list[str], ts_i: int | None, d_i: int | None, limit: int) -> _Header:
    """Classify the lines before the body: title, byline, caption, source, furniture."""
    h = _Header()
    end = d_i if d_i is not None else limit
    kinds: list[str] = []
    candidates: list[int] = []
    after_photo = False
    taken: set[int] = set()  # name lines read after their label (`Penulis` / `Editor` first)
    for i in range(end):
        ln = lines[i]
        kind = "other"
        if i == ts_i or _is_timestamp_line(ln):
            kind = "timestamp"
            h.markers.append(ln)
            m = _JOURNALIST.match(ln) if "," in ln[:70] else None
            if m and not m["a"].startswith("Tim "):  # `<Name>, Jurnalis · <date>` (Okezone)
                h.authors += [a for a in split_names(m["a"]) if a not in h.authors]
        elif _URL_LINE.match(ln):
            kind = "url"
        elif _SLUG.match(ln):
            kind = "slug"
        elif _AUTHOR_LABEL.match(ln):
            kind = "label"
            after = _take_authors(lines, kinds, i, h)
            if after is not None:
                taken.add(after)
        elif ln.lower() == "editor":
            kind = "label"  # read view: `<Name>` then `Editor`; label-first pages: `Editor` then `<Name>`
            if h.editor is None:
                if kinds and kinds[-1] == "other" and i - 1 not in taken and _name_line(lines[i - 1]):
                    h.editor = (split_names(lines[i - 1]) or [None])[0]
                elif (i + 1 < end and (not kinds or kinds[-1] != "other" or i - 1 in taken)
                      and _name_line(lines[i + 1]) and not _AUTHOR_LABEL.match(lines[i + 1])
                      and lines[i + 1].lower() != "editor"):
                    h.editor = (split_names(lines[i + 1]) or [None])[0]
                    taken.add(i + 1)
        elif (m := _OUTLET_BYLINE.match(ln)) is not None:
            kind = "byline"
            h.authors += [a for a in split_names(m["a"]) if a not in h.authors]
        elif (_HEADER_FURNITURE.match(ln) or is_skip_line(ln)
              or (len(ln) < 120 and _BREADCRUMB.search(ln))):
            kind = "furniture"
            h.markers.append(ln)
            m = _SECTION_BREADCRUMB.match(ln)
            if m and h.section is None:
                h.section = m["s"].lower()
            after_photo = ln.lower() == "lihat foto"
            kinds.append(kind)
            continue
        elif (src := parse_source_line(ln)) is not None:
            kind = "source"
            h.source += [s for s in src if s not in h.source]
        elif ln[:1].isupper() and (got := parse_credit_line(ln)) is not None:
            kind = "byline"
            for by in got[0]:
                _add_byline(h, by)
            h.source += [x for x in got[1] if x not in h.source]
        elif (after_photo or (kinds and kinds[-1] == "slug" and _words(ln) >= 5)
              or (_below_title(i, ts_i, candidates) and len(ln) < 1500 and has_caption_credit(ln))):
            kind = "caption"
            if h.caption is None:
                cap, chain = split_caption_credit(ln)
                h.caption = _strip_credit(cap) if chain else cap
                h.photo_credit = chain
        elif _is_prose(ln, guard=not candidates if ts_i is None else i < ts_i):
            kind = "prose"
            if d_i is None and (ts_i is None or i > ts_i):
                h.body_start = i
                kinds.append(kind)
                break
        after_photo = False
        if kind == "other" or (kind == "prose" and (ts_i is not None and i < ts_i or d_i is not None)):
            candidates.append(i)  # a sentence-cased headline above the timestamp is still a title
        kinds.append(kind)

    # names before a `Penulis` label were recorded as candidates: drop them
    named = _named_lines(lines, kinds)
    candidates = [i for i in candidates if i not in named]
    title_i = _pick_title(lines, candidates, ts_i)
    h.title = _TITLE_SUFFIX.sub("", lines[title_i]).strip() or None if title_i is not None else None
    if h.title is not None and title_i - 1 in candidates and _TITLE_SUFFIX.search(lines[title_i]):
        # a tab/search-index title wrapped before its `- Kompas.com` suffix: the line above is its start
        # (only a short remnant under a long line: `Global` above `<title> - Kompas.com` is a
        # section label, and a headline above its own tab title is a duplicate, not a start)
        above = lines[title_i - 1]
        if (len(above) >= 30 and _words(h.title) <= 6 and h.title not in above
                and not _TITLE_SUFFIX.search(above) and not is_sentence(above)
                and _words(above) + _words(h.title) <= 30):
            h.title = f"{above} {h.title}"
    # an unclassified line below title and timestamp, above the dateline, is the caption
    if h.caption is None and d_i is not None:
        floor = max(x for x in (ts_i, title_i, -1) if x is not None)
        for i in candidates:
            if i > floor and _words(lines[i]) >= 6 and not looks_like_names(lines[i]):
                h.caption = lines[i]
                break
    return h


def _below_title(i: int, ts_i: int | None, candidates: list[int]) -> bool:
    """Captions sit below the headline: after the timestamp, or after a first candidate line.
    (A headline ending in ``(VIDEO)`` above the timestamp is not a caption.)"""
    return i > ts_i if ts_i is not None else bool(candidates)


def _named_lines(lines: list[str], kinds: list[str]) -> set[int]:
    """Indexes of read-view author lines (name lines right before a `Penulis` label)."""
    out: set[int] = set()
    for i, k in enumerate(kinds):
        if k == "label":
            j = i - 1
            while j >= 0 and kinds[j] == "other" and _name_line(lines[j]) and i - j <= 4:
                out.add(j)
                j -= 1
            if j == i - 1 and i + 1 < len(lines) and _name_line(lines[i + 1]):
                out.add(i + 1)
    return out


_LOWER_NAME_WORDS = frozenset({"bin", "binti", "van", "von", "de", "der", "da", "al", "el"})


def _name_line(line: str) -> bool:
    """A read-view byline line (``Irawan Sapto Adhi,`` / ``A dan B``): a name list whose every word
    is capitalised and whose names have at most five words (a headline such as ``Kim Jong Un Tiba
    di Rusia`` is not one)."""
    if not looks_like_names(line):
        return False
    for name in split_names(line.rstrip(",")):
        words = name.split()
        if len(words) > 5 or any(not w[:1].isupper() and w.lower() not in _LOWER_NAME_WORDS for w in words):
            return False
    return True


def _take_authors(lines: list[str], kinds: list[str], i: int, h: _Header) -> int | None:
    """Read view: author name line(s) sit right above the `Penulis`/`Tim Redaksi` label.
    Returns the index of the name line read *below* the label (label-first pages), else None."""
    names: list[str] = []
    j = i - 1
    while j >= 0 and kinds[j] == "other" and _name_line(lines[j]) and i - j <= 4:
        names = split_names(lines[j]) + names
        j -= 1
    after = None
    if not names and i + 1 < len(lines) and _name_line(lines[i + 1]) \
            and not _AUTHOR_LABEL.match(lines[i + 1]) and lines[i + 1].lower() != "editor":
        names = split_names(lines[i + 1])  # legacy: label first, name after
        after = i + 1
    for n in names:
        if n not in h.authors:
            h.authors.append(n)
    return after


def _add_byline(h: _Header, by) -> None:
    if by.role and by.role not in ("Penulis", "Editor"):
        h.credits.setdefault(by.role, []).extend(by.names or [])
    for a in by.authors:
        if a not in h.authors:
            h.authors.append(a)
    if by.editor and h.editor is None:
        h.editor = by.editor


_CREDIT_SUFFIX = re.compile(r"\s*\((?:Sumber|Foto|Dok\.?|Dokumentasi|Kredit)\s*:[^()]*\)\s*$", re.I)


def _strip_credit(caption: str) -> str:
    """Caption without its ``(Sumber: ...)`` tail (the credit goes to ``photo_credit``)."""
    return _CREDIT_SUFFIX.sub("", caption) or caption


def _pick_title(lines: list[str], candidates: list[int], ts_i: int | None) -> int | None:
    """Index of the headline: the candidate nearest above the timestamp, else the first one."""
    # breadcrumb words (`global`, `kompas dunia`) are all lower case; headlines never are
    usable = [i for i in candidates if 2 <= len(lines[i]) <= 300 and _words(lines[i]) <= 40
              and not lines[i].islower() and _LETTER.search(lines[i])]
    # a headline has 3+ words; a lone capitalised word is a section label or outlet (`Global`, `Tempo`)
    usable = [i for i in usable if _words(lines[i]) >= 3] or usable
    if not usable:
        return None
    if ts_i is not None:
        before = [i for i in usable if i < ts_i]
        pick = before[-1] if before else usable[0]
    else:
        pick = usable[0]
    return pick


def _detect_site(url: str | None, dateline, lines: list[str], header: _Header) -> str:
    """URL first, then the page's header, then the dateline's outlet, then mentions, else ``other``."""
    if url and site_of(url) != "other":
        return site_of(url)
    if url and canonical_url(url):
        return "other"
    return _site_from_page(dateline, lines, header)


def _site_from_page(dateline, lines: list[str], header: _Header) -> str:
    """The site the page text names, ignoring any URL."""
    # the page's own header (breadcrumb, `Kompas.tv - <date>`, read-view bar) names the site even
    # when the body was republished with another desk's dateline (`MOSKWA, KOMPAS.com -` on kompas.tv)
    for ln in header.markers:
        site = site_from_header(ln)
        if site is not None:
            return site
    if dateline is not None:  # Kompas always names itself in the dateline; `Jakarta -` is Detik/Okezone
        return dateline.site if dateline.outlet else "other"
    # video pages and copy views: count mentions in the whole snapshot
    return site_from_mentions("\n".join(lines[:400])[:200_000]) or "other"
