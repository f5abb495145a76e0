"""Site detection, canonical URLs and article keys, so one article saved under many URLs merges.

The rules per site family live in the outlet adapters (:mod:`kompaskit.outlets`): kompas.tv keys
``kompas.tv:<ID>``, kompas.com ``kompas.com:YYYYMMDD<ID>`` (path IDs repeat across days) or
``kompas.com:video<ID>``, kompas.id ``kompas.id:YYYYMMDD/<slug>``, other outlets
``other:<host><path>`` with ``www.``/``m.``/``amp.`` and tracking queries dropped. This module is
the stable public face of those rules.

Without a URL, :func:`content_key` gives a stable content hash (see there).
"""
from __future__ import annotations

import hashlib
import re

from .outlets import adapter_for_url, split_url


def site_of(url: str | None) -> str:
    """``kompas.tv`` | ``kompas.com`` | ``kompas.id`` | ``other`` for a URL (``other`` if unusable)."""
    return adapter_for_url(url).site


def canonical_url(url: str | None) -> str | None:
    """One https URL per article page: AMP/copy/host variants, tracking queries, fragments dropped.

    ``https://beta.kompas.tv/amp/internasional/123/x?page=all`` ->
    ``https://www.kompas.tv/internasional/123/x``; ``amp.kompas.com/global/copy/...`` ->
    ``https://www.kompas.com/global/read/...``. Unusable input gives None.
    """
    loc = split_url(url)
    return adapter_for_url(url).canonical_url(loc) if loc is not None else None


def article_key(url: str | None) -> str | None:
    """Stable key ``<site>:<id>`` shared by every URL of one article; None without a usable URL."""
    loc = split_url(url)
    return adapter_for_url(url).article_key(loc) if loc is not None else None


_NON_ALNUM = re.compile(r"[\W_]+")
_PROSE_WORDS = 8


def content_key(paragraphs: list[str], site: str = "other") -> str:
    """Article id when no URL is known: ``<site>:h<16 hex>``.

    The hash is SHA-256 over the first 600 letters/digits of the body's prose paragraphs
    (case-folded, punctuation and spaces removed; paragraphs under eight words -- subheads and
    furniture lines a layout did not recognise -- left out when prose remains), so the same story
    copied from different layouts (read/copy view, truncated or not, with or without furniture,
    other whitespace) gets the same id.
    """
    prose = [p for p in paragraphs if len(p[:400].split()) >= _PROSE_WORDS]
    joined = ""
    for p in prose or paragraphs:  # only the start matters: stop joining once there is enough text
        joined += p[:2400] + " "
        if len(joined) > 2400:
            break
    norm = _NON_ALNUM.sub("", joined.casefold())[:600]
    return f"{site}:h{hashlib.sha256(norm.encode('utf-8')).hexdigest()[:16]}"
