"""Every other outlet (Antara, CNN Indonesia, Tempo, Detik ...): ``site="other"``.

Canonical URL: https, ``www.``/``m.``/``amp.`` host prefixes, ``/amp`` path parts and tracking
queries dropped; key ``other:<host><path>``. The HTML path's schema.org ``articleBody`` container
is read for any site.
"""
from __future__ import annotations

from .base import OutletAdapter


class Generic(OutletAdapter):
    site = "other"
    body_containers = ("@itemprop='articleBody'",)
    # a line that is only another outlet's name
    header_furniture = (
        r"CNN Indonesia|CNBC Indonesia|detik\w*|Okezone|TEMPO\.CO|Tempo\.co|Tempo|ANTARA(?: News)?|"
        r"Kontan|KONTAN|Republika|REPUBLIKA|Liputan6\.com|Liputan6|Tribunnews\.com|TRIBUNNEWS\.COM|"
        r"VIVA\.co\.id|Suara\.com|Sindonews|iNews\.id|BBC News Indonesia|VOA Indonesia",
    )

    def owns_host(self, host: str) -> bool:
        return True  # the fallback: asked last


ADAPTER = Generic()
