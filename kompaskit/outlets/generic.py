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

    def owns_host(self, host: str) -> bool:
        return True  # the fallback: asked last


ADAPTER = Generic()
