"""Read queries for publications. Every listing query has a fixed number of SQL queries,
however many items it returns: related rows come through select_related/prefetch_related."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from wagtail.models import Page, Site

from imprint.core.content_cache import content_generation

from .models import PublicationAuthor, PublicationPage, SeriesPage

# A listing card shows none of these; loading them would parse every body for nothing.
LISTING_DEFERRED_FIELDS = ("body", "recommendations", "conclusion", "disclaimer")


def with_listing_relations(queryset: QuerySet) -> QuerySet:
    """What a listing card shows (authors and topics) in constant queries; bodies left out."""
    authors = PublicationAuthor.objects.select_related("person").order_by("sort_order")
    return queryset.defer(*LISTING_DEFERRED_FIELDS).prefetch_related(
        Prefetch("authors", queryset=authors), "topics"
    )


def live_in_site(queryset: QuerySet, site: Site | None) -> QuerySet:
    """Live, public pages of ``queryset`` inside ``site`` (every site's when None).

    Every query a reader can reach goes through here: privacy and the site in one place.
    """
    queryset = queryset.live().public()
    if site is not None and not _holds_every_page(site):
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    return queryset


def _holds_every_page(site: Site) -> bool:
    """Whether the site's root is the only page at the top of the tree, as on a site of one.

    Then every page is inside it and the path filter can go: on SQLite it made listings three
    times slower (a LIKE on every row). Remembered for the content generation, which moves
    when a page is published, moved or deleted.
    """
    key = f"imprint:lone-root:{content_generation()}:{site.pk}"
    answer = cache.get(key)
    if answer is None:
        top = list(Page.objects.filter(depth=2).values_list("pk", flat=True)[:2])
        answer = top == [site.root_page_id]
        cache.set(key, answer, 3600)
    return answer


def publication_list(
    *,
    site: Site | None,
    publication_type: str | None = None,
    topic=None,
    person=None,
    year: int | None = None,
    featured: bool | None = None,
) -> QuerySet[PublicationPage]:
    """Live publications of ``site``, newest first, narrowed by the given filters."""
    qs = live_in_site(PublicationPage.objects.all(), site)
    if publication_type:
        qs = qs.filter(publication_type=publication_type)
    if topic is not None:
        qs = qs.filter(topics=topic)
    if person is not None:
        # A subquery, not a join: one row a publication, whatever roles the person has on it.
        authored = PublicationAuthor.objects.filter(person=person).values("page_id")
        qs = qs.filter(pk__in=authored)
    if year is not None:
        qs = qs.filter(publication_date__year=year)
    if featured is not None:
        qs = qs.filter(is_featured=featured)
    return with_listing_relations(qs.order_by("-publication_date", "-pk"))


def publication_years(*, site: Site | None) -> list[int]:
    """Years from the newest to the oldest publication (two index lookups, not a scan)."""
    live = live_in_site(PublicationPage.objects.all(), site)
    newest = live.order_by("-publication_date").values_list("publication_date", flat=True).first()
    oldest = live.order_by("publication_date").values_list("publication_date", flat=True).first()
    if newest is None or oldest is None:
        return []
    return list(range(newest.year, oldest.year - 1, -1))


def public_page(model: type[Page], *, pk: int | None) -> Page | None:
    """The page ``pk`` of ``model`` if it is live and public, else None (no query for None)."""
    if pk is None:
        return None
    return model.objects.live().public().filter(pk=pk).first()


def series_items(*, series: SeriesPage) -> QuerySet[PublicationPage]:
    qs = PublicationPage.objects.live().public().filter(series=series)
    return with_listing_relations(qs.order_by("series_number", "publication_date"))


def derived_items(*, page: PublicationPage) -> QuerySet[PublicationPage]:
    qs = PublicationPage.objects.live().public().filter(derived_from=page)
    return with_listing_relations(qs.select_related("series").order_by("series_number", "pk"))
