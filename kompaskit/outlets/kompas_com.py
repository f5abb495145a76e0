"""kompas.com: read and copy views (2018–), the 2015–2016 layout, legacy 2018–2020 pages and
``video.kompas.com``.

URLs: hosts ``www.``, ``amp.``, ``internasional.``, ``video.`` ...; paths
``[/<section>]/read|copy/YYYY/MM/DD/<ID>/<slug>`` (``/amp/`` anywhere). kompas.com path IDs encode
the time of day and repeat across days, so the key's numeric ID is ``YYYYMMDD<ID>``:
``kompas.com:20230913062300031``. Video pages (``video.kompas.com/watch/<ID>``) get
``kompas.com:video<ID>``. Header: ``Kompas.com - dd/mm/yyyy``, ``Baca berita tanpa iklan``,
``Salin Artikel``. Legacy pages print the photo caption twice, glued around its credit
(:func:`undouble_caption`).
"""
from __future__ import annotations

import re
from datetime import datetime

from ..dates import TIMEZONES
from .base import AMP_PREFIX, Located, OutletAdapter

_COM_PATH = re.compile(
    r"^/(?:amp/)?(?:(?P<section>[\w-]+)/)?(?:amp/)?(?:read|copy)/(?:amp/)?"
    r"(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<id>\d{3,})(?:/(?P<slug>[^/?#]*))?"
)
_COM_VIDEO = re.compile(r"^/(?:amp/)?(?:watch|video|read)/(?P<id>\d{3,})(?:/(?P<slug>[^/?#]*))?")
_READ_URL = re.compile(r"^https://[\w.-]+/(?:[\w-]+/)?read/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<H>\d{2})(?P<M>\d{2})\d{4,}")
_WIB = TIMEZONES["WIB"]  # kompas.com URLs carry the Jakarta publication time
_SUBDOMAIN_SECTION = re.compile(r"^https://([\w-]+)\.kompas\.com/read/")
_PATH_SECTION = re.compile(r"^https://www\.kompas\.com/([\w-]+)/")
# a credit glued between the two copies: `<caption> <Credit><caption>` (`... (kanan). Sky NewsPresiden ...`)
_GLUED_CREDIT = re.compile(r"^(?P<credit>[A-Z][\w.&/'’ -]{1,60}?)$")


def _www_host(host: str) -> str:
    # amp./m./www. all serve the www page; section subdomains (internasional.) stay as printed
    sub = host[: -len("kompas.com")].rstrip(".")
    if sub in ("", "www", "amp", "m", "beta", "origin"):
        return "www.kompas.com"
    if sub.startswith("amp."):
        return sub[4:] + ".kompas.com"
    return host


def _read_url(host: str, m: re.Match[str]) -> str:
    section = f"/{m['section']}" if m["section"] and m["section"] != "amp" else ""
    slug = f"/{m['slug']}" if m["slug"] else ""
    return f"https://{_www_host(host)}{section}/read/{m['y']}/{m['m']}/{m['d']}/{m['id']}{slug}"


def undouble_caption(line: str) -> tuple[str, str, str]:
    """Legacy layout: the caption printed twice and glued, ``CapCap<next>`` or, with the photo
    credit between the copies, ``Cap <Credit>Cap<next>``. Returns (caption, credit, next text);
    ``(line, "", "")`` when the line is not doubled."""
    if len(line) < 40 or len(line) > 4000:
        return line, "", ""
    head = line[:20]
    k = line.find(head, 20)
    while k != -1 and 2 * k <= len(line) + 62:
        if line[k: 2 * k] == line[:k]:
            return line[:k].strip(), "", line[2 * k:].strip()
        # `Cap Credit` + `Cap`: the second copy starts at k and repeats the caption before the credit
        for cut in range(k - 1, max(k - 62, 20), -1):
            if line[cut - 1] in " .)" and line[k: k + cut].rstrip() == line[:cut].rstrip():
                credit = line[cut:k].strip()
                if _GLUED_CREDIT.match(credit):
                    return line[:cut].strip(), credit, line[k + cut:].strip()
                break
        k = line.find(head, k + 1)
    return line, "", ""


class KompasCom(OutletAdapter):
    site = "kompas.com"
    domains = ("kompas.com",)
    header_prefixes = ("kompas.com", "baca berita tanpa iklan", "gabung kompas.com", "salin artikel")
    mention = re.compile(r"kompas\.com", re.IGNORECASE)
    # KOMPAS.com and the 2015-2017 desks (KompasTekno, KompasOtomotif ...: kompas.com channels)
    dateline_outlet = re.compile(r"^(?:(?i:KOMPAS\s?\.\s?COM)|Kompas(?!TV$)[A-Z][a-z]{2,15}(?:\.com)?)$")
    header_furniture = (r"Baca berita tanpa iklan.*", r"Gabung Kompas\.com\+?", r"Kompas\.com\+", r"Salin Artikel",
                        r"Salin Link", r"Kompas\.com|KOMPAS\.com")
    furniture_classes = ("kcm-read-copy",)
    tab_names = (r"Kompas\.com",)
    body_containers = (
        "contains(concat(' ', normalize-space(@class), ' '), ' kcm-read-text ')",
        "contains(concat(' ', normalize-space(@class), ' '), ' div-read ')",
        "starts-with(@class, 'kcmread')",
        "contains(concat(' ', normalize-space(@class), ' '), ' read__content ')",
    )

    def canonical_url(self, loc: Located) -> str:
        m = _COM_PATH.match(loc.path)
        if m:
            return _read_url(loc.host, m)
        path = AMP_PREFIX.sub("", loc.path)
        return f"https://{_www_host(loc.host)}{path.rstrip('/') or '/'}"

    def article_key(self, loc: Located) -> str | None:
        m = _COM_PATH.match(loc.path)
        if m:
            return f"kompas.com:{m['y']}{m['m']}{m['d']}{m['id']}"
        m = _COM_VIDEO.match(loc.path)
        if m and loc.host.startswith("video."):
            return f"kompas.com:video{int(m['id'])}"
        return None

    def key_from_path(self, path: str) -> tuple[str, str] | None:
        for start in (i for i, ch in enumerate(path) if ch == "/"):
            m = _COM_PATH.match(path[start:])
            if m:
                return _read_url("www.kompas.com", m), f"kompas.com:{m['y']}{m['m']}{m['d']}{m['id']}"
        for start in (i for i, ch in enumerate(path) if ch == "/"):
            m = _COM_VIDEO.match(path[start:])
            if m and m["slug"]:
                return f"https://video.kompas.com/watch/{int(m['id'])}/{m['slug']}", f"kompas.com:video{int(m['id'])}"
        return None

    def published_from_url(self, canonical: str | None) -> datetime | None:
        """``/read/2024/04/15/160000865/…`` -> 2024-04-15 16:00 WIB: the path ID starts with the
        hour and minute of publication (8+ digit IDs only; older short IDs do not)."""
        m = _READ_URL.match(canonical or "")
        if m is None:
            return None
        try:
            return datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"]), int(m["M"]), tzinfo=_WIB)
        except ValueError:  # `2561…`: not a time of day
            return None

    def section(self, canonical: str | None) -> str | None:
        canonical = canonical or ""
        m = _SUBDOMAIN_SECTION.match(canonical)
        if m and m[1] not in ("www", "amp"):
            return m[1]
        m = _PATH_SECTION.match(canonical)
        return m[1] if m and m[1] not in ("read", "amp") else None


ADAPTER = KompasCom()
