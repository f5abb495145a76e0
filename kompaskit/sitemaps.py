"""Article URLs from sitemaps, read with ``ultimate-sitemap-parser`` (usp).

usp walks robots.txt-declared sitemaps, sitemap indexes, news sitemaps (``news:title``,
``news:publication_date``) and gzipped files; its HTTP goes through :class:`GuardedWebClient`,
an adapter over :func:`kompaskit.webclient.get`, so sitemap fetches are as polite and as guarded
(private addresses, deadline, size cap) as captures.
"""
from __future__ import annotations

from usp.objects.sitemap import AbstractSitemap
from usp.tree import sitemap_tree_for_homepage
from usp.web_client.abstract_client import (
    AbstractWebClient,
    AbstractWebClientResponse,
    AbstractWebClientSuccessResponse,
    WebClientErrorResponse,
)

from .manifest import KOMPAS_SITES, manifest_row
from .urls import article_key, site_of
from .webclient import Exchange, HostClock, Limits, Refused, get


class _Response(AbstractWebClientSuccessResponse):
    def __init__(self, ex: Exchange):
        self.ex = ex

    def status_code(self) -> int:
        return self.ex.status

    def status_message(self) -> str:
        return self.ex.reason

    def header(self, case_insensitive_name: str) -> str | None:
        return self.ex.header(case_insensitive_name)

    def raw_data(self) -> bytes:
        return self.ex.body

    def url(self) -> str:
        return self.ex.url


class GuardedWebClient(AbstractWebClient):
    """usp web client over kompaskit's guarded GET; failures are logged in `errors`."""

    def __init__(self, clock: HostClock, limits: Limits | None = None):
        self.clock, self.limits = clock, limits or Limits()
        self.errors: list[str] = []

    def set_max_response_data_length(self, max_response_data_length: int | None) -> None:
        if max_response_data_length:
            self.limits.max_bytes = min(self.limits.max_bytes, max_response_data_length)

    def get(self, url: str) -> AbstractWebClientResponse:
        try:
            return _Response(get(url, self.clock, self.limits))
        except Refused as exc:
            self.errors.append(f"{url}: {exc}")
            return WebClientErrorResponse(str(exc), retryable=False)


def sitemap_tree(site_url: str, client: GuardedWebClient) -> AbstractSitemap:
    """The sitemap tree of `site_url`'s origin, from the sitemaps its robots.txt declares."""
    return sitemap_tree_for_homepage(site_url, web_client=client, use_robots=True,
                                     use_known_paths=False)


def sitemap_rows(tree: AbstractSitemap, *, discovered_at: str = "") -> list[dict[str, str]]:
    """Manifest rows for the Kompas article pages in a sitemap tree (news title and date kept)."""
    rows = []
    for page in tree.all_pages():
        if site_of(page.url) not in KOMPAS_SITES or not article_key(page.url):
            continue
        story = page.news_story
        title = story.title if story else ""
        when = (story.publish_date if story and story.publish_date else page.last_modified)
        rows.append(manifest_row(page.url, title=title, published=when.isoformat() if when else "",
                                 discovered_via="sitemap", discovered_at=discovered_at))
    return rows
