"""Outlet adapters: one module per site family behind one interface (:class:`OutletAdapter`).

``ADAPTERS`` lists them, most specific first, :mod:`generic` last. The text and HTML readers and
:mod:`kompaskit.urls` ask this registry which adapter owns a URL or a page, so adding an outlet is
one module plus fixtures (see ``docs/kompas-formats.md``, "Adding an outlet"):

* :func:`adapter_for_url` / :func:`adapter_for_site` — the adapter of a URL or a site name;
* :func:`site_from_header` — the site a header line names (breadcrumb, timestamp bar);
* :func:`site_from_mentions` — the Kompas site a text names most often;
* :func:`site_from_credits` — the site whose video credit roles a page prints;
* :func:`resolve_mirror` — site, canonical URL and key of a page saved through a mirror or proxy.
"""
from __future__ import annotations

import re

from . import generic, kompas_com, kompas_id, kompas_tv
from .base import Located, OutletAdapter, split_url

ADAPTERS: tuple[OutletAdapter, ...] = (kompas_com.ADAPTER, kompas_tv.ADAPTER, kompas_id.ADAPTER, generic.ADAPTER)
GENERIC: OutletAdapter = generic.ADAPTER

# a real host spelled inside a mirror's host or path: `host-https-www.kompas.com`, `kompas-tv.proxy.net`
_SPELLED_HOST = re.compile(r"(?<![a-z0-9])(?:www[.\-_])?kompas[.\-_](?P<tld>com|tv|id)(?![a-z0-9])", re.I)
_HEX_LABEL = re.compile(r"^(?:[0-9a-f]{2}){4,}$", re.I)

__all__ = ["ADAPTERS", "GENERIC", "Located", "OutletAdapter", "adapter_for_site", "adapter_for_url",
           "resolve_mirror", "site_from_credits", "site_from_dateline_outlet", "site_from_header", "site_from_mentions", "split_url"]


def adapter_for_url(url: str | None) -> OutletAdapter:
    """The adapter owning the URL's host; the generic adapter for other or unusable URLs."""
    loc = split_url(url)
    if loc is None:
        return GENERIC
    return next(a for a in ADAPTERS if a.owns_host(loc.host))


def adapter_for_site(site: str | None) -> OutletAdapter:
    """The adapter whose ``site`` is ``site`` (generic when unknown)."""
    return next((a for a in ADAPTERS if a.site == site), GENERIC)


def site_from_header(line: str) -> str | None:
    """The site a header line names (``Kompas.tv - <date>``, ``Baca berita tanpa iklan``), else None."""
    return next((a.site for a in ADAPTERS if a.names_site(line)), None)


def site_from_mentions(text: str) -> str | None:
    """The site named most often in ``text`` (ties go to the adapter listed first); None if none."""
    best, best_n = None, 0
    for adapter in ADAPTERS:
        n = adapter.mentions(text)
        if n > best_n:
            best, best_n = adapter.site, n
    return best


def site_from_dateline_outlet(outlet: str) -> str:
    """Site of a dateline's outlet token (``KOMPAS.TV`` -> kompas.tv, ``KOMPAS`` -> kompas.id), else other."""
    token = outlet.strip()
    return next((a.site for a in ADAPTERS if a.dateline_outlet is not None and a.dateline_outlet.match(token)),
                "other")


def site_from_credits(roles) -> str | None:
    """The site whose video pages print one of these credit roles (Narator, Produser ...)."""
    roles = set(roles)
    return next((a.site for a in ADAPTERS if a.video_roles & roles), None)


def _decoded_labels(loc: Located) -> str:
    """Host labels and path segments written in hex (``6b6f6d7061732e636f6d``), decoded."""
    out = []
    for part in loc.host.split(".") + loc.path.split("/"):
        if _HEX_LABEL.match(part):
            try:
                out.append(bytes.fromhex(part).decode("ascii"))
            except (ValueError, UnicodeDecodeError):
                continue
    return " ".join(out)


def resolve_mirror(url: str | None, page_site: str | None = None) -> tuple[str, str, str] | None:
    """(site, canonical URL, article key) of a page whose URL is a mirror or proxy of a Kompas page.

    The real host may be spelled inside the mirror's host or path (``…/host-https-www.kompas.com/
    global/read/…``, ``www-kompas-com.proxy.example``) or written in hex; otherwise ``page_site``
    (the site the page text names: KOMPAS.com / KOMPAS.TV) says which family's article path to
    look for in the URL path. None when the URL is a Kompas URL already or holds no article path.
    """
    loc = split_url(url)
    if loc is None or adapter_for_url(url) is not GENERIC:
        return None
    candidates: list[tuple[OutletAdapter, str]] = []
    # the real host spelled in the mirror's host, or as a whole path segment (`/host-https-www.kompas.com/`);
    # a slug that merely mentions `kompas-tv` is not one
    for text, in_host in ((loc.host, True), (loc.path, False), (_decoded_labels(loc), True)):
        m = _SPELLED_HOST.search(text)
        if m and (in_host or text[m.end():].startswith("/")):
            adapter = adapter_for_site("kompas." + m["tld"].lower())
            candidates.append((adapter, loc.path if in_host else text[m.end():]))
            break
    if page_site:
        candidates.append((adapter_for_site(page_site), loc.path))
    for adapter, path in candidates:
        if adapter is GENERIC:
            continue
        found = adapter.key_from_path(path)
        if found is not None:
            return adapter.site, found[0], found[1]
    return None
