"""kompas.id (the daily's site): ``/baca/<section>/YYYY/MM/DD/<slug>`` ->
``kompas.id:YYYYMMDD/<slug>`` (no numeric ID)."""
from __future__ import annotations

import re

from .base import AMP_PREFIX, Located, OutletAdapter

_ID_PATH = re.compile(
    r"^/(?:amp/)?(?:baca/)?(?:(?P<section>[\w-]+)/)?(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<slug>[^/?#]+)"
)


class KompasId(OutletAdapter):
    site = "kompas.id"
    domains = ("kompas.id",)
    tab_names = (r"Kompas\.id",)
    dateline_outlet = re.compile(r"^KOMPAS(?:\s?\.\s?ID)?$", re.I)  # also the print daily's `KOMPAS`

    def canonical_url(self, loc: Located) -> str:
        path = AMP_PREFIX.sub("", loc.path)
        return f"https://www.kompas.id{path.rstrip('/') or '/'}"

    def article_key(self, loc: Located) -> str | None:
        m = _ID_PATH.match(AMP_PREFIX.sub("", loc.path))
        return f"kompas.id:{m['y']}{m['m']}{m['d']}/{m['slug'].lower()}" if m else None


ADAPTER = KompasId()
