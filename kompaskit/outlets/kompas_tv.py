"""kompas.tv: desktop, AMP, body-only and video pages.

URLs: hosts ``www.``, ``beta.``, ``origin.``, ``amp.`` or bare; paths
``[/amp]/<section>/<ID>/<slug>`` (also ``/video/<ID>/...``). Key ``kompas.tv:<ID>``.
Header: breadcrumb ``Kompas TV <section>``, ``Kompas.tv - <date>``, AMP ``Kompas dunia | <date>``.
Video pages credit ``Narator``, ``Produser``, ``Video Editor``, ``Penulis Naskah``, ``Musik``.
"""
from __future__ import annotations

import re

from .base import Located, OutletAdapter

_TV_PATH = re.compile(r"^/(?:amp/)?(?P<section>[\w-]+)/(?P<id>\d{3,})(?:/(?P<slug>[^/?#]*))?")
_AMP_TS = re.compile(r"^Kompas\s+[a-z]\w*\s*\|", re.IGNORECASE)
_PATH_SECTION = re.compile(r"^https://www\.kompas\.tv/([\w-]+)/")


class KompasTV(OutletAdapter):
    site = "kompas.tv"
    domains = ("kompas.tv",)
    header_prefixes = ("kompas tv", "kompastv", "kompas.tv")
    mention = re.compile(r"kompas\s?\.?\s?tv|KOMAPS\.?TV", re.IGNORECASE)  # `KOMAPSTV`: a real typo
    dateline_outlet = re.compile(r"^(?:KOMPAS\s?\.?\s?TV|KOMAPS\.?TV)$", re.I)
    video_roles = frozenset({"Narator", "Produser", "Video Editor", "Penulis Naskah", "Musik"})
    header_furniture = (r"Kompas[ .]?TV(?:\s+[a-z][\w-]*)*",)  # breadcrumb `Kompas TV internasional kompas dunia`
    furniture_classes = ("penulis-editor",)
    tab_names = (r"Kompas\.tv", r"Kompas ?TV")
    body_containers = ("contains(concat(' ', normalize-space(@class), ' '), ' txt-article ')",)

    def names_site(self, header_line: str) -> bool:
        return bool(_AMP_TS.match(header_line)) or super().names_site(header_line)

    def canonical_url(self, loc: Located) -> str:
        m = _TV_PATH.match(loc.path)
        if m:
            slug = f"/{m['slug']}" if m["slug"] else ""
            return f"https://www.kompas.tv/{m['section']}/{m['id']}{slug}"
        return f"https://www.kompas.tv{loc.path.rstrip('/') or '/'}"

    def article_key(self, loc: Located) -> str | None:
        m = _TV_PATH.match(loc.path)
        return f"kompas.tv:{int(m['id'])}" if m else None

    def key_from_path(self, path: str) -> tuple[str, str] | None:
        for start in (i for i, ch in enumerate(path) if ch == "/"):
            m = _TV_PATH.match(path[start:])
            if m and "-" in (m["slug"] or "") and not m["slug"].replace("-", "").isdigit():
                # a mirror path: require a word slug, an id alone (or `/2024/05/14`) is too weak
                return f"https://www.kompas.tv/{m['section']}/{m['id']}/{m['slug']}", f"kompas.tv:{int(m['id'])}"
        return None

    def section(self, canonical: str | None) -> str | None:
        m = _PATH_SECTION.match(canonical or "")
        return m[1] if m and m[1] not in ("read", "amp") else None


ADAPTER = KompasTV()
