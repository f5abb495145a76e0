"""Article links from Kompas listing pages (tag, section, date index, search result pages).

Input: the HTML of one listing page (saved or fetched) and its URL. Output: manifest rows for
every kompas.com / kompas.tv article linked from it -- with the title shown by the listing (the
link text, or the heading inside the link) and the date it shows near the link (``<time
datetime>``, an element whose class names a date, or the ``YYYY/MM/DD`` of a kompas.com URL) --
and the URL of the next page (``rel="next"``, a "next"/"Selanjutnya" pagination link, or the
link to page n+1).
"""
from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qsl, urljoin, urlsplit

import lxml.html

from .manifest import KOMPAS_SITES, manifest_row
from .urls import article_key, site_of

try:  # the lead's shared calendar layer; the fallback keeps this module usable until it lands
    from .dates import MONTHS
except ImportError:  # pragma: no cover - depends on merge order
    MONTHS = {m: i + 1 for i, m in enumerate(
        ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
         "september", "oktober", "november", "desember"))}
    MONTHS.update({m: i + 1 for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"))})
    MONTHS.update({"agt": 8, "ags": 8, "may": 5, "aug": 8, "oct": 10, "dec": 12})

_DMY_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})(?:\D{1,4}(\d{1,2})[:.](\d{2}))?")
_DMY_WORDS = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})(?:\D{1,6}(\d{1,2})[:.](\d{2}))?")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?([+-]\d{2}:?\d{2}|Z)?)?")
_URL_DATE = re.compile(r"/read/(\d{4})/(\d{2})/(\d{2})/")
_DATE_CLASS = re.compile(r"date|time|tanggal|waktu", re.I)
_NEXT_WORDS = re.compile(r"^\s*(?:next|selanjutnya|berikutnya|›|»|>)\s*$", re.I)
_NEXT_CLASS = re.compile(r"next", re.I)
_TITLE_TAGS = ("h1", "h2", "h3", "h4")


def listed_date(text: str) -> str:
    """ISO date/timestamp of the first date in `text` (``19/06/2024, 08:15 WIB``,
    ``Rabu, 19 Juni 2024 | 08:15 WIB``, ISO 8601), local time as printed; '' if none."""
    m = _ISO.search(text)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        if not hh:
            return f"{y}-{mo}-{d}"
        tz = "+00:00" if tz == "Z" else (tz[:3] + ":" + tz[-2:] if tz else "")
        return f"{y}-{mo}-{d}T{hh}:{mm}:{ss or '00'}{tz}"
    for regex, words in ((_DMY_SLASH, False), (_DMY_WORDS, True)):
        m = regex.search(text)
        if not m:
            continue
        d, mo, y, hh, mm = m.groups()
        month = MONTHS.get(mo.lower()) if words else int(mo)
        try:
            datetime(int(y), int(month or 0), int(d))
        except (TypeError, ValueError):
            continue
        stamp = f"{int(y):04d}-{int(month):02d}-{int(d):02d}"
        # Kompas listings print WIB (UTC+7)
        return stamp + (f"T{int(hh):02d}:{mm}:00+07:00" if hh else "")
    return ""


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _link_title(a) -> str:
    for tag in _TITLE_TAGS:
        found = a.find(f".//{tag}")
        if found is not None and _text(found):
            return _text(found)
    text = _text(a)
    if text:
        return text
    return " ".join((a.get("title") or "").split())


def _item_keys(node, base_url: str) -> set[str]:
    keys = set()
    for link in node.iter("a"):
        key = article_key(urljoin(base_url, link.get("href") or ""))
        if key and not key.startswith("other:"):
            keys.add(key)
    return keys


def _near_date(a, key: str, base_url: str) -> str:
    """The date shown in the listing item of link `a` (the link and its ancestors, up to four
    levels, stopping before an ancestor that also holds links to other articles)."""
    node = a
    for _ in range(4):
        if node is not a and _item_keys(node, base_url) - {key}:
            break  # past the item: a neighbour's date would be wrong
        for el in node.iter("time"):
            if el.get("datetime"):
                return listed_date(el.get("datetime"))
            if listed_date(_text(el)):
                return listed_date(_text(el))
        for el in node.iter():
            if isinstance(el.tag, str) and _DATE_CLASS.search(el.get("class") or ""):
                got = listed_date(_text(el))
                if got:
                    return got
        node = node.getparent()
        if node is None:
            break
    return ""


def _page_number(url: str) -> int | None:
    for k, v in parse_qsl(urlsplit(url).query):
        if k.lower() == "page" and v.isdigit():
            return int(v)
    return None


def next_page(doc, base_url: str) -> str | None:
    """URL of the listing page after `base_url`, or None."""
    for el in doc.xpath('//link[@rel="next"][@href] | //a[@rel="next"][@href]'):
        return urljoin(base_url, el.get("href"))
    for a in doc.xpath("//a[@href]"):
        if _NEXT_CLASS.search(a.get("class") or "") or _NEXT_WORDS.match(_text(a) or "x"):
            return urljoin(base_url, a.get("href"))
    current = _page_number(base_url) or 1
    base_path = urlsplit(base_url).path.rstrip("/")
    for a in doc.xpath("//a[@href]"):  # numbered pagination: the same listing, ?page=n+1
        url = urljoin(base_url, a.get("href"))
        if _page_number(url) == current + 1 and urlsplit(url).path.rstrip("/") == base_path:
            return url
    return None


def listing_rows(html: bytes | str, base_url: str, *, discovered_at: str = "") -> tuple[list[dict[str, str]], str | None]:
    """(manifest rows for the article links on one listing page, URL of the next page or None)."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    if not html.strip():
        return [], None
    doc = lxml.html.fromstring(html)
    rows: dict[str, dict[str, str]] = {}
    for a in doc.xpath("//a[@href]"):
        url = urljoin(base_url, a.get("href").strip())
        key = article_key(url)
        if not key or site_of(url) not in KOMPAS_SITES or key.startswith("other:"):
            continue
        title, published = _link_title(a), _near_date(a, key, base_url)
        if not published:
            m = _URL_DATE.search(urlsplit(url).path)
            published = "-".join(m.groups()) if m else ""
        have = rows.get(key)
        if have is None:
            rows[key] = manifest_row(url, title=title, published=published,
                                     discovered_via="listing", discovered_at=discovered_at)
        else:  # an image link first, the headline link second: keep what each adds
            have["title"] = have["title"] or title
            if published and (not have["published"] or len(published) > len(have["published"])):
                have["published"] = published
    return list(rows.values()), next_page(doc, base_url)
