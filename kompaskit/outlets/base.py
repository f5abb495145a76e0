"""The outlet adapter interface and the URL helpers every adapter shares.

An adapter describes one site family: which hosts it owns, how its article URLs map to one
canonical URL and one article key, which header lines and text mentions reveal it on a page
saved without a URL, which credit roles mark its video pages, and which HTML containers hold its
article body. The readers never test a site name themselves: they ask the registry
(:mod:`kompaskit.outlets`) for the adapter and call these methods.
"""
from __future__ import annotations

import functools
import re
from datetime import datetime
from typing import NamedTuple
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_SPACE = re.compile(r"\s")  # the characters str.isspace() accepts
_SLASHES = re.compile(r"/{2,}")
AMP_PREFIX = re.compile(r"^/amp(?=/)")
_AMP_SUFFIX = re.compile(r"/amp/?$")
_SLUG_WORDS = re.compile(r"[-._+]+")
_SLUG_SEGMENT = re.compile(r"^[a-z0-9]+(?:[-._+]+[a-z0-9]+){2,}(?:\.html?)?$", re.I)
# Indonesian function words stay lower case inside a headline rebuilt from its slug
_MINOR_WORDS = frozenset("di ke dari dan yang untuk dengan atas pada oleh bagi atau agar sebagai".split())
# acronyms Kompas headlines print in capitals (a slug has lost the case)
_ACRONYMS = frozenset("as ri pbb ue ktt dpr mpr tni polri nato asean kpk wni tki ham pm bbm who imf "
                      "dk nik kbri kjri cia fbi nis kcna uu ruu rs ai".split())
_HOST_PREFIX = re.compile(r"^(?:www\d?|beta|origin|amp|m|mobile)\.")
_TRACKING = re.compile(r"^(?:utm_\w+|medium|so|source|page|fbclid|gclid|ref|amp|_ga|lgn_method|"
                       r"xid|src|from|cx_\w+|mc_\w+|s|tag_from)$", re.I)


class Located(NamedTuple):
    """A usable URL taken apart: split parts, lower-case host, path with ``//`` collapsed."""

    parts: SplitResult
    host: str
    path: str


def split_url(url: str | None) -> Located | None:
    """``Located`` for a URL string (scheme optional), None for empty or unparsable input."""
    if not url or not isinstance(url, str):
        return None
    return _split_str(url)


@functools.lru_cache(maxsize=4096)
def _split_str(url: str) -> Located | None:
    # cached: a reader asks site/canonical URL/article key about the same URL several times
    url = url.strip().strip("<>\"'").rstrip(".,;:!?")  # sentence punctuation after a pasted URL
    if not url or _SPACE.search(url):
        return None
    if not _SCHEME.match(url):
        url = "https://" + url.lstrip("/")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if "." not in host:
        return None
    return Located(parts, host, _SLASHES.sub("/", parts.path or "/"))


def clean_query(query: str) -> str:
    """The query string without tracking parameters (utm_*, medium, so, page, ...)."""
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _TRACKING.match(k)]
    return urlencode(kept)


def generic_canonical(loc: Located) -> str:
    """https URL without www./m./amp. host prefixes, /amp path parts and tracking queries."""
    host = _HOST_PREFIX.sub("", loc.host)
    path = _AMP_SUFFIX.sub("", AMP_PREFIX.sub("", loc.path)).rstrip("/") or "/"
    query = clean_query(loc.parts.query)
    return f"https://{host}{path}" + (f"?{query}" if query else "")


def title_from_slug(url: str | None) -> str | None:
    """A headline rebuilt from the URL's slug (``/kim-jong-un-tiba-di-rusia`` -> ``Kim Jong Un Tiba
    di Rusia``), for pages that lost their title line; None when the path has no slug."""
    loc = split_url(url)
    if loc is None:
        return None
    for segment in reversed([s for s in loc.path.split("/") if s]):
        if _SLUG_SEGMENT.match(segment) and not segment.replace("-", "").isdigit():
            words = [w for w in _SLUG_WORDS.split(re.sub(r"\.html?$", "", segment)) if w]
            if sum(w.isalpha() for w in words) < 3:
                return None
            return " ".join(w.upper() if w.lower() in _ACRONYMS else w if i and w.lower() in _MINOR_WORDS
                            else w.capitalize() for i, w in enumerate(words))
    return None


class OutletAdapter:
    """One site family. Subclasses set the class attributes and override what differs."""

    site: str = "other"  # the articles table's `site` value
    domains: tuple[str, ...] = ()  # registrable domains owned by the family
    #: header lines (lower case) that start this way name the site (breadcrumbs, timestamp bars)
    header_prefixes: tuple[str, ...] = ()
    #: a text mention of the outlet (counted in snapshots without header or URL)
    mention: re.Pattern[str] | None = None
    #: the outlet token of a dateline (`PYONGYANG, KOMPAS.TV -`) that names this family
    dateline_outlet: re.Pattern[str] | None = None
    #: credit roles only this family's video pages print (Narator, Produser, ...)
    video_roles: frozenset[str] = frozenset()
    #: regex alternatives of the site name a browser-tab title ends with (`<title> - Kompas.com`)
    tab_names: tuple[str, ...] = ()
    #: whole-line regex alternatives of the family's header furniture in text snapshots
    #: (breadcrumbs, banners, buttons), matched case-insensitively
    header_furniture: tuple[str, ...] = ()
    #: class-name fragments of HTML furniture boxes inside its body (copy buttons, credit boxes)
    furniture_classes: tuple[str, ...] = ()
    #: XPath predicates (inside ``//*[...]``) of the family's HTML article body containers
    body_containers: tuple[str, ...] = ()

    def owns_host(self, host: str) -> bool:
        """True when ``host`` is one of the family's domains or a subdomain of one."""
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def names_site(self, header_line: str) -> bool:
        """True when a header line (breadcrumb, timestamp bar, read-view banner) names the site."""
        low = header_line.lower()
        return bool(self.header_prefixes) and low.startswith(self.header_prefixes)

    def mentions(self, text: str) -> int:
        """How often ``text`` names the outlet."""
        return len(self.mention.findall(text)) if self.mention is not None else 0

    def canonical_url(self, loc: Located) -> str:
        """One https URL per article page."""
        return generic_canonical(loc)

    def article_key(self, loc: Located) -> str | None:
        """``<site>:<id>`` shared by every URL of one article; None when the path has no id."""
        canon = generic_canonical(loc)
        return "other:" + canon.split("://", 1)[1]

    def key_from_path(self, path: str) -> tuple[str, str] | None:
        """(canonical URL, article key) when ``path`` (a mirror's path) holds an article path of
        this family, else None. Used for pages saved through proxies and mirrors."""
        return None

    def published_from_url(self, canonical: str | None) -> datetime | None:
        """Publication time the article URL encodes (kompas.com: date and time of day), else None."""
        return None

    def section(self, canonical: str | None) -> str | None:
        """The desk (``internasional``, ``global``) the canonical URL files the article under."""
        return None
