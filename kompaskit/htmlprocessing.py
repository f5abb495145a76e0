"""HTML pages -> `Article`: a text-extraction engine plus the Kompas layer on top.

The engine (trafilatura by default, or newspaper3k) finds the article text; the Kompas layer reads
what the engines do not: title, printed publication time, Penulis/Editor/Sumber, caption and photo
credit, canonical URL, dateline and "Baca Juga"/"Berita Terkait" furniture. The HTML is parsed
once with lxml; the Kompas layer reads that tree and, when it recognises a Kompas article body
container, hands the engine only that container (paragraph breaks made explicit), which is both
faster and more reliable than asking the engine to find the body again.

Input: ``str`` or ``bytes`` HTML. Output: `Article` with ``raw_kind="html"``. Pages without an
article body raise `KompasParseError`.
"""
from __future__ import annotations

import codecs
import re
from copy import deepcopy
from datetime import datetime

import lxml.etree as etree
import lxml.html

from .article import Article, KompasParseError
from .dates import TIMEZONES
from .furniture import clean_body
from .htmlmeta import (
    RELATED_HEADING_NODES,
    clean_title,
    parse_iso,
    read_page_meta,
    related_heading,
    split_people,
)
from .metadata import match_dateline
from .outlets import ADAPTERS, adapter_for_url, resolve_mirror, site_from_mentions
from .outlets.base import title_from_slug
from .sourcenames import is_outlet_name
from .urls import article_key, canonical_url, content_key, site_of

ENGINES = ("trafilatura", "newspaper")
HTML_MAX_BYTES = 20 * 1024 * 1024  # larger "pages" are not articles; refuse before parsing
MIN_BODY_WORDS = 15  # fewer words of body text than this: not an article

WIB = TIMEZONES["WIB"]  # engine dates without an offset are WIB (fixed +07:00)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_WS = re.compile(r"\s+")
_LEADING_DASH = re.compile(r"^\s*[-–—]+\s+(?=\S)")

# Article body containers: each outlet adapter lists its layouts' (kompas.com 2015-2016 and read view
# since 2018, kompas.tv, schema.org articleBody). A page matching none goes to the engine whole.
_BODY_XPATH = etree.XPath(
    "//*[" + " or ".join(p for adapter in ADAPTERS for p in adapter.body_containers) + "]"
)
# furniture removed before extraction: related-link boxes, share bars, the credit table,
# photos with captions, scripts and styles
_PRUNE_XPATH = (
    "//*[contains(@class, 'terkait') or contains(@class, 'related') or contains(@class, 'social')"
    + "".join(f" or contains(@class, '{c}')" for adapter in ADAPTERS for c in adapter.furniture_classes) +
    " or contains(concat(' ', normalize-space(@class), ' '), ' photo ')]"
    "|//*[contains(translate(@style, ' ', ''), 'display:none')]"
    "|//script|//style|//noscript|//iframe|//figure|//form"
)
_PRUNE = etree.XPath(_PRUNE_XPATH)
_BR_HOSTS = frozenset("div p article section td blockquote span".split())

_BLOCK_TAGS = frozenset(
    "p div ul ol li table h1 h2 h3 h4 h5 h6 blockquote figure section article pre hr dl".split()
)
_PARSER = lxml.html.HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
)


# ---------------------------------------------------------------------------- decoding, parsing
def decode_html(data: bytes, declared: str | None = None) -> tuple[str, bool]:
    """Bytes -> (text, fallback_used).

    Valid UTF-8 is taken as UTF-8 first (a page mislabelled latin-1 is common, UTF-8 bytes that
    are really another charset are not); then the declared charset (HTTP header) or the page's
    <meta charset>; then cp1252/latin-1, which sets ``fallback_used``.
    """
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        pass
    candidates = [declared] if declared else []
    match = _META_CHARSET.search(data[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec.startswith(("utf-16", "utf-32")) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue  # an ASCII page labelled UTF-16 would "decode" into garbage
        try:
            return data.decode(codec), False
        except (UnicodeDecodeError, ValueError):
            continue
    try:
        return data.decode("cp1252"), True
    except UnicodeDecodeError:
        return data.decode("latin-1"), True


def parse_html(html: str) -> lxml.html.HtmlElement:
    """HTML text -> lxml tree (comments dropped); `KompasParseError` when there is no document."""
    text = _INVALID_XML_CHARS.sub("", _XML_DECLARATION.sub("", html, count=1))
    if not text.strip():
        raise KompasParseError("empty HTML document", stage="read")
    try:
        tree = lxml.html.fromstring(text.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise KompasParseError(f"unreadable HTML: {err}", stage="read") from err
    if tree is None:
        raise KompasParseError("unreadable HTML: no document", stage="read")
    return tree


# ---------------------------------------------------------------------------- body container
def _find_body(tree):
    """The Kompas article body container with the most text, or None."""
    best, best_len = None, 0
    for node in _BODY_XPATH(tree):
        size = len(node.text_content())
        if size > best_len:
            best, best_len = node, size
    return best if best_len >= 80 else None


def _prune(root) -> None:
    """Drop furniture nodes (related boxes, share bars, credit table, photos, scripts) in place."""
    for node in _PRUNE(root):
        _drop(node)
    for node in RELATED_HEADING_NODES(root):
        head = related_heading(node)
        if head is not None:  # the heading and the link list after it
            following = head.getnext()
            if following is not None and following.tag in ("ul", "ol"):
                _drop(following)
            _drop(head)


def _drop(node) -> None:
    """Remove a node but keep its tail text."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail and tail.strip():
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def _paragraphs_from_breaks(container) -> None:
    """Turn runs of inline content separated by <br> into <p> elements, in place.

    2015-2016 Kompas bodies are text separated by ``<br /><br />`` rather than ``<p>``; the
    engines then glue or drop paragraphs. Only block elements holding <br> children are touched.
    """
    parents = [n for n in container.iter() if isinstance(n.tag, str)
               and n.tag in _BR_HOSTS and n.find("br") is not None]
    for parent in parents:
        rebuilt: list = []
        current = etree.Element("p")
        current.text = parent.text
        for child in list(parent):
            if isinstance(child.tag, str) and (child.tag == "br" or child.tag in _BLOCK_TAGS):
                if _has_content(current):
                    rebuilt.append(current)
                tail, child.tail = child.tail, None
                if child.tag != "br":
                    rebuilt.append(child)
                current = etree.Element("p")
                current.text = tail
            else:
                current.append(child)  # moves the inline child (and its tail) out of parent
        if _has_content(current):
            rebuilt.append(current)
        for child in list(parent):
            parent.remove(child)
        parent.text = None
        parent.extend(rebuilt)
        if parent.tag == "p":
            parent.tag = "div"


def _has_content(node) -> bool:
    return bool((node.text and node.text.strip()) or len(node))


def _focused_document(body) -> lxml.html.HtmlElement:
    """A minimal document holding a copy of the body container, paragraphs made explicit."""
    doc = lxml.html.fromstring("<html><head></head><body><article></article></body></html>", parser=_PARSER)
    article = doc.find(".//article")
    copy = deepcopy(body)
    copy.tail = None
    if copy.tag == "span":
        copy.tag = "div"
    article.append(copy)
    _prune(article)
    _paragraphs_from_breaks(article)
    return doc


# ---------------------------------------------------------------------------- engines
def _run_trafilatura(tree, url: str | None, focused: bool) -> tuple[list[str], dict, str]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=not focused,
            include_comments=False,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except Exception as err:  # the engine is third-party code: report, never crash the build
        raise KompasParseError(f"trafilatura failed: {type(err).__name__}: {err}", stage="extract") from err
    meta: dict = {}
    text = ""
    if doc is not None:
        text = doc.text or ""
        if not focused:
            meta = {"title": doc.title, "date": doc.date, "author": doc.author, "url": doc.url}
    return text.split("\n"), meta, f"trafilatura {trafilatura.__version__}"


def _trafilatura_metadata(tree, url: str | None) -> dict:
    from trafilatura.metadata import extract_metadata

    try:
        doc = extract_metadata(tree, default_url=url)
    except Exception:  # metadata is a fallback: without it the article still stands
        return {}
    return {"title": doc.title, "date": doc.date, "author": doc.author, "url": doc.url}


def _run_newspaper(html: str, url: str | None) -> tuple[list[str], dict, str]:
    import newspaper

    config = newspaper.Config()
    config.fetch_images = False  # parse() would otherwise download images
    config.memoize_articles = False
    config.follow_meta_refresh = False
    try:
        page = newspaper.Article(url or "", language="id", config=config)
        page.download(input_html=html)
        page.parse()
    except Exception as err:  # third-party engine: turn anything into a one-line reason
        raise KompasParseError(f"newspaper failed: {type(err).__name__}: {err}", stage="extract") from err
    meta = {"title": page.title, "date": page.publish_date, "author": ", ".join(page.authors or []) or None,
            "url": page.canonical_link}
    return (page.text or "").split("\n"), meta, f"newspaper3k {newspaper.__version__}"


def _dateline(first: str) -> tuple[str | None, str, str]:
    """(city, rest of the paragraph, site of the dateline's outlet) of a lead paragraph."""

    # one dateline grammar for both paths: KOMPAS.com / KOMPAS.TV / desk (``Jakarta,
    # KompasOtomotif –``) and other-outlet forms all live in metadata.match_dateline
    found = match_dateline(first)
    if found is not None:
        return found.city, found.rest, found.site
    # an engine that dropped a bold dateline leaves its dash behind
    return None, _LEADING_DASH.sub("", first), "other"


def _strip_lead_dateline(paragraphs: list[str], kinds: list[str]) -> tuple[str | None, str]:
    """Strip the dateline from the first body paragraph in place; (city, outlet site).

    A dateline printed as its own paragraph (``<p><b>JAKARTA, KOMPAS.com -</b></p>``) is joined
    to the lead it belongs to.
    """
    body = [i for i, k in enumerate(kinds) if k == "body"]
    if not body:
        return None, "other"
    i = body[0]
    city, rest, site = _dateline(paragraphs[i])
    if rest == paragraphs[i] and len(body) > 1 and len(paragraphs[i].split()) <= 6:
        j = body[1]
        joined_city, joined_rest, joined_site = _dateline(paragraphs[i] + " " + paragraphs[j])
        if joined_rest.strip() == paragraphs[j].strip() and (joined_city or joined_site != "other"):
            del paragraphs[i], kinds[i]
            return joined_city, joined_site
    rest = rest.strip()
    if rest:
        paragraphs[i] = rest
    else:
        del paragraphs[i], kinds[i]
    return city, site


# ---------------------------------------------------------------------------- public
def extract_html(
    html: str | bytes, url: str | None = None, engine: str = "trafilatura", *, charset: str | None = None
) -> Article:
    """HTML page -> `Article` (``raw_kind="html"``); raises `KompasParseError` if no article body.

    ``engine`` is ``"trafilatura"`` (default) or ``"newspaper"``; ``charset`` is an optional
    declared encoding (e.g. from an HTTP Content-Type header) tried first for bytes.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown HTML engine {engine!r}; use one of {ENGINES}")
    flags: list[str] = []
    if isinstance(html, (bytes, bytearray)):
        if len(html) > HTML_MAX_BYTES:
            raise KompasParseError(f"HTML too large ({len(html) // 1_000_000} MB), not an article", stage="read")
        html, fallback = decode_html(bytes(html), charset)
        if fallback:
            flags.append("encoding-fallback")
    elif not isinstance(html, str):
        raise TypeError(f"extract_html expects str or bytes, not {type(html).__name__}")
    if len(html) > HTML_MAX_BYTES:
        raise KompasParseError(f"HTML too large ({len(html) // 1_000_000} MB), not an article", stage="read")
    tree = parse_html(html)

    meta = read_page_meta(tree, url)
    page_url = meta.url

    body = _find_body(tree)
    if body is not None:
        work, focused = _focused_document(body), True
    else:
        # unknown layout: the engine gets the whole page, with the same clean-up; the metadata
        # has been read already, so the tree can be changed in place
        work, focused = tree, False
        _prune(work)
        _paragraphs_from_breaks(work)
    if engine == "trafilatura":
        lines, engine_meta, parser = _run_trafilatura(work, page_url, focused)
        if focused and (meta.title is None or meta.published is None):
            engine_meta = _trafilatura_metadata(tree, page_url)  # only when the DOM fell short
    else:
        lines, engine_meta, parser = _run_newspaper(lxml.html.tostring(work, encoding="unicode"), page_url)

    paragraphs = [_WS.sub(" ", line).strip() for line in lines]
    paragraphs = [p for p in paragraphs if p and p != meta.title and p != meta.caption]
    cleaned = clean_body(paragraphs)
    paragraphs, kinds = list(cleaned.paragraphs), list(cleaned.kinds)
    flags.extend(f for f in cleaned.flags if f not in flags)
    dateline, dateline_site = _strip_lead_dateline(paragraphs, kinds)
    n_words = sum(len(p.split()) for p, k in zip(paragraphs, kinds) if k == "body")
    if n_words < MIN_BODY_WORDS:
        raise KompasParseError(
            f"HTML has no article body ({n_words} words of text found)", stage="extract"
        )

    title, published, authors, editor, source = meta.title, meta.published, meta.authors, meta.editor, meta.source
    flags.extend(f for f in meta.flags if f not in flags)
    if title is None and engine_meta.get("title"):
        title = clean_title(engine_meta["title"], meta.site_name)
    if published is None and engine_meta.get("date"):
        stamp = engine_meta["date"]
        if isinstance(stamp, str):
            stamp = parse_iso(stamp)
        if isinstance(stamp, datetime):
            published = stamp if stamp.tzinfo else stamp.replace(tzinfo=WIB)
            flags.append("published-from-engine")
    if not authors and engine_meta.get("author"):
        # <meta name=author> on news sites is usually the publisher, not a person
        publisher = (meta.site_name or "").lower()
        authors = [a for a in split_people(engine_meta["author"])
                   if "kompas" not in a.lower() and a.lower() != publisher]

    # credits printed inside the body text (e.g. a `Sumber :` footer line) when the DOM had none
    authors = authors or list(cleaned.authors)
    editor = editor or cleaned.editor
    source = source or list(cleaned.source)
    # an outlet in the byline (`BBC News Indonesia, <Name>`: a partner's story) is a source
    source = list(source) + [a for a in authors if is_outlet_name(a) and a not in source]
    authors = [a for a in authors if not is_outlet_name(a)]

    page_url = page_url or engine_meta.get("url") or None
    canonical = canonical_url(page_url) if page_url else None
    site = site_of(page_url) if page_url else dateline_site
    if site == "other" and page_url:  # a mirror or proxy: the page names itself, the path has the id
        page_site = site_from_mentions(meta.publisher or "") or (dateline_site if dateline_site != "other" else None)
        mirror = resolve_mirror(page_url, page_site)
        if mirror is not None:
            site, canonical, _ = mirror
            flags.append("mirror-url")
    key = article_key(canonical) if canonical else None
    if published is None and canonical:
        published = adapter_for_url(canonical).published_from_url(canonical)
        if published is not None:
            flags.append("published-from-url")
    if title is None and canonical:
        title = title_from_slug(canonical)
        if title:
            flags.append("title-from-slug")
    caption, photo_credit = meta.caption, list(meta.photo_credit)
    for inline_caption, chain in cleaned.captions:  # inline photos: their credits join the chain
        caption = caption or inline_caption
        photo_credit += [c for c in chain if c not in photo_credit]
    return Article(
        article_id=key or content_key([p for p, k in zip(paragraphs, kinds) if k == "body"], site),
        site=site,
        url=canonical or page_url,
        title=title,
        published=published,
        authors=authors,
        editor=editor,
        source=source,
        dateline=dateline,
        section=meta.section,
        caption=caption,
        photo_credit=photo_credit,
        related=list(cleaned.related) + [t for t in meta.related if t not in cleaned.related],
        credits={k: list(v) for k, v in cleaned.credits.items()},
        paragraphs=paragraphs,
        paragraph_kinds=kinds,
        raw_kind="html",
        parser=parser,
        flags=flags,
    )
