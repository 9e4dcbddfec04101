"""Where readers' view restrictions are, read once per content generation.

Wagtail reads page view restrictions from the database for every page it serves (two queries:
the page's ancestors, then their restrictions) and for every listing that leaves private pages
out. On a site where few sections are restricted that is the same answer every time; it changes
only when a restriction is saved or deleted, or a page moves or becomes an alias, and each of
those starts a new content generation (core.signal_handlers).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet
from wagtail.models import Page, PageViewRestriction

from .content_cache import content_generation


def restricted_sections() -> list[tuple[str, int]]:
    """(path, depth) of every page with a view restriction: it and the pages below it."""
    key = f"imprint:restricted:{content_generation()}"
    restricted = cache.get(key)
    if restricted is None:
        rows = PageViewRestriction.objects.values_list("page__path", "page__depth")
        restricted = list(rows)
        cache.set(key, restricted, 3600)
    return restricted


def under_restriction(path: str) -> bool:
    """Whether the page at tree ``path`` is, or lies below, a page with a view restriction."""
    return any(path.startswith(section) for section, _ in restricted_sections())


def _aliases_exist() -> bool:
    key = f"imprint:aliases:{content_generation()}"
    found = cache.get(key)
    if found is None:
        found = Page.objects.filter(alias_of__isnull=False).exists()
        cache.set(key, found, 3600)
    return found


class ReaderRestrictionsMixin:
    """Page models: Wagtail's view-restriction check without a query for an open page.

    An alias takes its restrictions from its source page, which may lie elsewhere in the tree;
    while any alias exists, Wagtail's own check decides.
    """

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        if not under_restriction(self.path) and not _aliases_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
