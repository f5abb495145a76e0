"""Site detection, canonical URLs and article keys, so one article saved under many URLs merges.

* kompas.tv: hosts ``www.``, ``beta.``, ``origin.``, ``amp.`` or bare; paths
  ``[/amp]/<section>/<ID>/<slug>`` (also ``/video/<ID>/...``). Key ``kompas.tv:<ID>``.
* kompas.com: hosts ``www.``, ``amp.``, ``internasional.``, ``video.`` ...; paths
  ``[/<section>]/read|copy/YYYY/MM/DD/<ID>/<slug>`` (``/amp/`` anywhere). kompas.com path IDs
  encode the time of day and repeat across days, so the key's numeric ID is ``YYYYMMDD<ID>``:
  ``kompas.com:20230913062300031``. Video pages (``video.kompas.com/watch/<ID>``) get
  ``kompas.com:video<ID>``.
* kompas.id: ``/baca/<section>/YYYY/MM/DD/<slug>`` -> ``kompas.id:YYYYMMDD/<slug>`` (no numeric ID).
* other outlets: ``other:<host><path>`` with ``www.``/``m.``/``amp.`` and tracking queries dropped.

Without a URL, :func:`content_key` gives a stable content hash (see there).
"""
from __future__ import annotations

import functools
import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_TV_PATH = re.compile(r"^/(?:amp/)?(?P<section>[\w-]+)/(?P<id>\d{3,})(?:/(?P<slug>[^/?#]*))?")
_COM_PATH = re.compile(
    r"^/(?:amp/)?(?:(?P<section>[\w-]+)/)?(?:amp/)?(?:read|copy)/(?:amp/)?"
    r"(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<id>\d{3,})(?:/(?P<slug>[^/?#]*))?"
)
_COM_VIDEO = re.compile(r"^/(?:amp/)?(?:watch|video|read)/(?P<id>\d{3,})(?:/(?P<slug>[^/?#]*))?")
_ID_PATH = re.compile(
    r"^/(?:amp/)?(?:baca/)?(?:(?P<section>[\w-]+)/)?(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<slug>[^/?#]+)"
)
_SLASHES = re.compile(r"/{2,}")
_SPACE = re.compile(r"\s")  # the characters str.isspace() accepts
_AMP_PREFIX = re.compile(r"^/amp(?=/)")
_AMP_SUFFIX = re.compile(r"/amp/?$")
_HOST_PREFIX = re.compile(r"^(?:www\d?|beta|origin|amp|m|mobile)\.")
_TRACKING = re.compile(r"^(?:utm_\w+|medium|so|source|page|fbclid|gclid|ref|amp|_ga|lgn_method|"
                       r"xid|src|from|cx_\w+|mc_\w+|s|tag_from)$", re.I)


def _split(url: str | None):
    """urlsplit with a default scheme; None for empty or unparsable input."""
    if not url or not isinstance(url, str):
        return None
    return _split_str(url)


@functools.lru_cache(maxsize=4096)
def _split_str(url: str):
    # cached: a reader asks site_of/canonical_url/article_key about the same URL several times
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
    return parts, host


def site_of(url: str | None) -> str:
    """``kompas.tv`` | ``kompas.com`` | ``kompas.id`` | ``other`` for a URL (``other`` if unusable)."""
    sp = _split(url)
    if sp is None:
        return "other"
    host = sp[1]
    for site in ("kompas.tv", "kompas.com", "kompas.id"):
        if host == site or host.endswith("." + site):
            return site
    return "other"


def _kompas_com_host(host: str) -> str:
    # amp./m./www. all serve the www page; section subdomains (internasional.) stay as printed
    sub = host[: -len("kompas.com")].rstrip(".")
    if sub in ("", "www", "amp", "m", "beta", "origin"):
        return "www.kompas.com"
    if sub.startswith("amp."):
        return sub[4:] + ".kompas.com"
    return host


def _clean_query(query: str) -> str:
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _TRACKING.match(k)]
    return urlencode(kept)


def _located(url: str | None):
    """(parts, host, normalised path, site) of a usable URL, else None."""
    sp = _split(url)
    if sp is None:
        return None
    parts, host = sp
    return parts, host, _SLASHES.sub("/", parts.path or "/"), site_of(url)


def canonical_url(url: str | None) -> str | None:
    """One https URL per article page: AMP/copy/host variants, tracking queries, fragments dropped.

    ``https://beta.kompas.tv/amp/internasional/123/x?page=all`` ->
    ``https://www.kompas.tv/internasional/123/x``; ``amp.kompas.com/global/copy/...`` ->
    ``https://www.kompas.com/global/read/...``. Unusable input gives None.
    """
    got = _located(url)
    if got is None:
        return None
    parts, host, path, site = got
    if site == "kompas.tv":
        m = _TV_PATH.match(path)
        if m:
            slug = f"/{m['slug']}" if m["slug"] else ""
            return f"https://www.kompas.tv/{m['section']}/{m['id']}{slug}"
        return f"https://www.kompas.tv{path.rstrip('/') or '/'}"
    if site == "kompas.com":
        m = _COM_PATH.match(path)
        if m:
            host2 = _kompas_com_host(host)
            section = f"/{m['section']}" if m["section"] and m["section"] != "amp" else ""
            slug = f"/{m['slug']}" if m["slug"] else ""
            return f"https://{host2}{section}/read/{m['y']}/{m['m']}/{m['d']}/{m['id']}{slug}"
        path = _AMP_PREFIX.sub("", path)
        return f"https://{_kompas_com_host(host)}{path.rstrip('/') or '/'}"
    if site == "kompas.id":
        path = _AMP_PREFIX.sub("", path)
        return f"https://www.kompas.id{path.rstrip('/') or '/'}"
    host = _HOST_PREFIX.sub("", host)
    path = _AMP_SUFFIX.sub("", _AMP_PREFIX.sub("", path)).rstrip("/") or "/"
    query = _clean_query(parts.query)
    return f"https://{host}{path}" + (f"?{query}" if query else "")


def article_key(url: str | None) -> str | None:
    """Stable key ``<site>:<id>`` shared by every URL of one article; None without a usable URL."""
    got = _located(url)
    if got is None:
        return None
    parts, host, path, site = got
    if site == "kompas.tv":
        m = _TV_PATH.match(path)
        return f"kompas.tv:{int(m['id'])}" if m else None
    if site == "kompas.com":
        m = _COM_PATH.match(path)
        if m:
            return f"kompas.com:{m['y']}{m['m']}{m['d']}{m['id']}"
        m = _COM_VIDEO.match(path)
        if m and host.startswith("video."):
            return f"kompas.com:video{int(m['id'])}"
        return None
    if site == "kompas.id":
        m = _ID_PATH.match(_AMP_PREFIX.sub("", path))
        return f"kompas.id:{m['y']}{m['m']}{m['d']}/{m['slug'].lower()}" if m else None
    canon = canonical_url(url)
    return "other:" + canon.split("://", 1)[1] if canon else None


_NON_ALNUM = re.compile(r"[\W_]+")


def content_key(paragraphs: list[str], site: str = "other") -> str:
    """Article id when no URL is known: ``<site>:h<16 hex>``.

    The hash is SHA-256 over the first 600 letters/digits of the body (case-folded, punctuation
    and spaces removed), so the same story copied from different layouts (read/copy view,
    truncated or not, with or without furniture) gets the same id.
    """
    joined = ""
    for p in paragraphs:  # only the start matters: stop joining once there is enough text
        joined += p[:2400] + " "
        if len(joined) > 2400:
            break
    norm = _NON_ALNUM.sub("", joined.casefold())[:600]
    return f"{site}:h{hashlib.sha256(norm.encode('utf-8')).hexdigest()[:16]}"
