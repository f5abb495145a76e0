"""Kompas metadata read from an HTML page's tree: what the text engines do not read.

Input: the lxml tree of a page (:func:`kompaskit.htmlprocessing.parse_html`) and the URL it came
from; output: :class:`PageMeta` -- title, publication time (tz-aware), authors, editor, ``Sumber``,
caption and photo credit, canonical URL, section, the related-link boxes, and flags
(``paywall``, ``paginated``, ``video``). Sources, in order of trust: the time and credits the page
prints, schema.org JSON-LD (``NewsArticle``/``VideoObject``: headline, datePublished, author,
publisher, via ``extruct``), Open Graph / article meta tags, headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import lxml.etree as etree
from extruct.jsonld import JsonLdExtractor

from .dates import TIMEZONES
from .metadata import (
    labelled_caption_credit,
    looks_like_names,
    parse_credit_chain,
    parse_timestamp,
    split_names,
    split_sources,
)

WIB = TIMEZONES["WIB"]  # Kompas meta times without an offset are WIB (fixed +07:00)
_WS = re.compile(r"\s+")

# "<title> - Kompas.com", "- Kompas.com Regional", "| KompasTV": the site's name, not the title
_TITLE_SUFFIX = re.compile(
    r"\s+[-|–—]\s+(?:kompas(?:\.com|\.tv|\.id|tv|\s+tv)?|kompas\s*cyber\s*media)(?:\s+[A-Za-z]+){0,2}\s*$", re.I
)

# "Selasa, 16 Februari 2016 | 14:38 WIB" and the like: a printed time with a zone word
_PRINTED_TIME = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)\b")

_CREDIT_LABELS = {"penulis": "author", "penulis naskah": "author", "editor": "editor", "sumber": "source"}

_CREDIT_LINE = re.compile(r"^(Penulis Naskah|Penulis|Editor|Sumber)\s*(:)?\s*(.+)$", re.I)

_RELATED_HEADINGS = {"berita terkait", "terkait", "artikel terkait", "berita lainnya", "baca juga lainnya"}

_META = etree.XPath("//meta[@content]")

_LINK_CANONICAL = etree.XPath("//link[@href][translate(@rel, 'CANONICAL', 'canonical')='canonical']")

_TITLE_TAG = etree.XPath("//title")

_HEADINGS = etree.XPath("//h1|//h2")

_DATE_NODES = etree.XPath(
    "//*[contains(@class, 'date') or contains(@class, 'time') or self::time][string-length(normalize-space(.)) < 120]"
)

# any short text that prints a zone word: pages without a dated class (e.g. `msmall grey mb2`)
_ZONE_TEXTS = etree.XPath(
    "//body//text()[contains(., 'WIB') or contains(., 'WITA') or contains(., 'WIT')]"
    "[string-length(normalize-space(.)) < 120]"
)

_CREDIT_ROWS = etree.XPath("//tr[td]")

_CREDIT_NODES = etree.XPath(
    "//*[self::div or self::p or self::span or self::li]"
    "[starts-with(normalize-space(.), 'Penulis') or starts-with(normalize-space(.), 'Editor')"
    " or starts-with(normalize-space(.), 'Sumber')]"
    "[string-length(normalize-space(.)) < 200][not(*[self::div or self::p])]"
)

_PHOTO_NODES = etree.XPath(
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' photo ')]|//figure"
)

_BREADCRUMB = etree.XPath(
    "//*[contains(@class, 'breadcrumb') or contains(@class, 'breadcrump')]//a"
)

_RELATED_BOX_LINKS = etree.XPath("//*[contains(@class, 'terkait')]//a")

RELATED_HEADING_NODES = etree.XPath("//h2|//h3|//h4|//h5|//h6|//strong|//b")


def node_text(node) -> str:
    """A node's text with whitespace runs collapsed."""
    return _WS.sub(" ", node.text_content()).strip()


def read_metas(tree) -> dict[str, str]:
    """First value of each <meta property|name|itemprop> (lower-cased key)."""
    out: dict[str, str] = {}
    for node in _META(tree):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        value = _WS.sub(" ", node.get("content") or "").strip()
        if key and value and key not in out:
            out[key] = value
    return out


def clean_title(title: str | None, site_name: str | None) -> str | None:
    if not title:
        return None
    title = _TITLE_SUFFIX.sub("", _WS.sub(" ", title).strip())
    if site_name:
        for sep in (" - ", " | ", " – ", " — "):
            if title.lower().endswith((sep + site_name).lower()):
                title = title[: -len(sep + site_name)]
    return title.strip() or None


def _read_title(tree, metas: dict[str, str]) -> str | None:
    site_name = metas.get("og:site_name")
    for key in ("og:title", "twitter:title", "title"):
        title = clean_title(metas.get(key), site_name)
        if title:
            return title
    for node in _TITLE_TAG(tree):
        title = clean_title(node.text_content(), site_name)
        if title:
            return title
    for node in _HEADINGS(tree):
        text = node_text(node)
        if len(text.split()) >= 3:
            return text
    return None


def parse_iso(value: str) -> datetime | None:
    value = value.strip().replace("Z", "+00:00")
    if " " in value and "T" not in value:
        value = value.replace(" ", "T", 1)
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=WIB)  # Kompas meta times are WIB


def _read_published(tree, metas: dict[str, str]) -> datetime | None:

    # the time the page prints (with its zone) is what the reader saw: prefer it
    printed = [node_text(node) for node in _DATE_NODES(tree)]
    printed += [_WS.sub(" ", str(text)).strip() for text in _ZONE_TEXTS(tree)]
    for text in printed:
        if _PRINTED_TIME.search(text):
            stamp = parse_timestamp(text)
            if stamp is not None:
                return stamp
    for key in ("article:published_time", "content_publisheddate", "datepublished", "pubdate",
                "publishdate", "og:published_time", "dc.date.issued", "date"):
        if key in metas:
            stamp = parse_iso(metas[key])
            if stamp is not None:
                return stamp
    return None


def split_people(value: str) -> list[str]:

    return [n for n in split_names(value.strip().lstrip(":").strip()) if len(n) < 80]


def _read_credits(tree) -> tuple[list[str], str | None, list[str]]:
    """(authors, editor, source) from the Penulis/Editor/Sumber table rows or lines."""

    found: dict[str, str] = {}
    for row in _CREDIT_ROWS(tree):
        cells = row.findall("td")
        if len(cells) >= 2:
            label = node_text(cells[0]).rstrip(":").strip().lower()
            if label in _CREDIT_LABELS and _CREDIT_LABELS[label] not in found:
                found[_CREDIT_LABELS[label]] = " ".join(node_text(c) for c in cells[1:])
    if len(found) < 2:
        for node in _CREDIT_NODES(tree):
            for part in re.split(r"\s*\|\s*", node_text(node)):
                match = _CREDIT_LINE.match(part)
                # without a colon the rest must look like names ("Sumber Reuters"), not prose
                # ("Sumber air bersih di desa itu ...")
                if match and (match.group(2) or looks_like_names(match.group(3))):
                    kind = _CREDIT_LABELS[match.group(1).lower()]
                    found.setdefault(kind, match.group(3))
    authors = split_people(found["author"]) if "author" in found else []
    editor = None
    if "editor" in found:
        people = split_people(found["editor"])
        editor = people[0] if people else None
    source = split_sources(found["source"].lstrip(": ").strip()) if "source" in found else []
    return authors, editor, source


def _read_photo(tree) -> tuple[str | None, list[str]]:
    """(caption, photo credit chain) of the first photo block with a caption or credit; a credit
    printed inside the caption as ``(Sumber: A/B via C)`` (kompas.tv) is split off the same way."""
    for node in _PHOTO_NODES(tree):
        credit = None
        for sub in node.iterdescendants():
            cls = sub.get("class") or ""
            if "author" in cls or "credit" in cls or "source" in cls:
                credit = node_text(sub) or None
                break
        caption_node = node.find(".//figcaption")
        caption = node_text(caption_node if caption_node is not None else node)
        if credit:
            caption = caption.replace(credit, "", 1).strip()
        if not credit and caption:
            labelled = labelled_caption_credit(caption)
            if labelled is not None:
                return labelled[0] or None, labelled[1]
        if caption or credit:
            return caption or None, parse_credit_chain(credit) if credit else []
    return None, []


def _read_url(tree, metas: dict[str, str], url: str | None) -> str | None:
    for node in _LINK_CANONICAL(tree):
        href = (node.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    og = metas.get("og:url", "")
    if og.startswith(("http://", "https://")):
        return og
    return url


def _read_section(tree, metas: dict[str, str]) -> str | None:
    if metas.get("article:section"):
        return metas["article:section"]
    crumbs = [node_text(a) for a in _BREADCRUMB(tree)]
    crumbs = [c for c in crumbs if c]
    return crumbs[-1] if crumbs else None




def related_heading(node):
    """The heading element (climbing out of inline wrappers) if ``node`` reads "Berita Terkait" etc."""
    if node_text(node).lower().rstrip(":") not in _RELATED_HEADINGS:
        return None
    head = node
    while head.getparent() is not None and head.getparent().tag in ("span", "a", "strong", "b", "h4", "h3"):
        head = head.getparent()
    return head


def _read_related_links(tree) -> list[str]:
    """Titles of "(Berita) Terkait" link boxes, in page order (the newsroom's own links)."""
    links = list(_RELATED_BOX_LINKS(tree))
    for node in RELATED_HEADING_NODES(tree):
        head = related_heading(node)
        following = head.getnext() if head is not None else None
        if following is not None and following.tag in ("ul", "ol"):
            links.extend(following.iter("a"))
    titles: list[str] = []
    for link in links:
        title = node_text(link)
        if len(title.split()) >= 2 and title not in titles:
            titles.append(title)
    return titles


# ---------------------------------------------------------------------------- schema.org JSON-LD
_JSONLD = JsonLdExtractor()
_ARTICLE_TYPES = ("NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "Article", "BlogPosting",
                  "VideoObject")
_PAYWALL_NODES = etree.XPath(
    # only explicit paywall boxes: `premium`/`plus` classes also mark the ad-free subscription banner
    # every kompas.com page carries
    "//*[contains(@class, 'paywall') or contains(@class, 'kompasid-teaser') or contains(@class, 'subscribe-wall')]"
)
_PAGINATION_LINKS = etree.XPath(
    "//*[contains(@class, 'paging') or contains(@class, 'pagination')]//a[contains(@href, 'page=')]"
)


def _types(item: dict) -> list[str]:
    kind = item.get("@type") or []
    return [kind] if isinstance(kind, str) else [k for k in kind if isinstance(k, str)]


def read_json_ld(tree) -> dict:
    """The page's schema.org article object (``NewsArticle`` first, then ``Article``/``VideoObject``
    ...), ``@graph`` lists flattened; ``{}`` when there is none or it does not parse."""
    try:
        items = _JSONLD.extract_items(tree)
    except Exception:  # broken JSON in a script tag: the page still has its DOM metadata
        return {}
    flat: list[dict] = []
    for item in items:
        for one in item if isinstance(item, list) else [item]:
            if isinstance(one, dict):
                flat.append(one)
                flat.extend(x for x in one.get("@graph") or [] if isinstance(x, dict))
    for wanted in _ARTICLE_TYPES:
        for item in flat:
            if wanted in _types(item):
                return item
    return {}


def _ld_names(value, skip_organisations: bool = True) -> list[str]:
    """Person names of a JSON-LD ``author``/``editor`` value (object, list or string)."""
    out: list[str] = []
    for one in value if isinstance(value, list) else [value]:
        if isinstance(one, dict):
            if skip_organisations and "Organization" in _types(one):
                continue
            name = one.get("name")
        else:
            name = one
        if isinstance(name, str) and name.strip() and "kompas" not in name.lower():
            out += [n for n in split_people(name) if n not in out]
    return out


@dataclass
class PageMeta:
    """What the page's tree says about the article (None / empty where it says nothing)."""

    title: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    source: list[str] = field(default_factory=list)
    caption: str | None = None
    photo_credit: list[str] = field(default_factory=list)
    url: str | None = None
    section: str | None = None
    publisher: str | None = None  # the site the page names itself (JSON-LD publisher, og:site_name)
    related: list[str] = field(default_factory=list)  # related-link boxes
    flags: list[str] = field(default_factory=list)  # paywall, paginated, video
    site_name: str | None = None  # og:site_name, to strip from engine titles


def read_page_meta(tree, url: str | None) -> PageMeta:
    """Read every metadata field the tree offers (see the module docstring for the order)."""
    metas = read_metas(tree)
    ld = read_json_ld(tree)
    meta = PageMeta(site_name=metas.get("og:site_name"))
    headline = ld.get("headline") or (ld.get("name") if "VideoObject" in _types(ld) else None)
    meta.title = (clean_title(headline, meta.site_name) if isinstance(headline, str) else None) \
        or _read_title(tree, metas)
    meta.published = _read_published(tree, metas)
    ld_date = ld.get("datePublished") or ld.get("uploadDate")
    if meta.published is None and isinstance(ld_date, str):
        meta.published = parse_iso(ld_date)
    if isinstance(ld.get("dateModified"), str):
        meta.modified = parse_iso(ld["dateModified"])
    meta.authors, meta.editor, meta.source = _read_credits(tree)
    if not meta.authors:
        meta.authors = _ld_names(ld.get("author")) or [
            n for n in split_people(metas.get("content_author", "")) if "kompas" not in n.lower()]
    if meta.editor is None:
        editors = _ld_names(ld.get("editor")) or split_people(metas.get("content_editor", ""))
        meta.editor = editors[0] if editors else None
    meta.caption, meta.photo_credit = _read_photo(tree)
    meta.url = _read_url(tree, metas, None)
    if meta.url is None:
        page = ld.get("mainEntityOfPage")
        page = page.get("@id") if isinstance(page, dict) else page
        for candidate in (ld.get("url"), page):
            if isinstance(candidate, str) and candidate.startswith(("http://", "https://")):
                meta.url = candidate
                break
    meta.url = meta.url or url
    meta.section = _read_section(tree, metas)
    if meta.section is None and isinstance(ld.get("articleSection"), str):
        meta.section = ld["articleSection"]
    publisher = ld.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        meta.publisher = publisher["name"]
    meta.publisher = meta.publisher or meta.site_name
    meta.related = _read_related_links(tree)
    if ld.get("isAccessibleForFree") in (False, "False", "false") or _PAYWALL_NODES(tree):
        meta.flags.append("paywall")
    if _PAGINATION_LINKS(tree) and "page=all" not in (url or ""):
        meta.flags.append("paginated")
    if "VideoObject" in _types(ld) or metas.get("og:type", "").startswith("video"):
        meta.flags.append("video")
    return meta
