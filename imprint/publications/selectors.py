"""Read queries for publications. Every listing query has a fixed number of SQL queries,
however many items it returns: related rows come through select_related/prefetch_related."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from wagtail.models import Page, Site

from imprint.core.content_cache import content_generation
from imprint.core.restrictions import restricted_sections

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
    queryset = queryset.live().exclude(_private_q())
    if site is not None and not _holds_every_page(site):
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    return queryset


def _private_q() -> Q:
    """Wagtail's ``private_q``: pages in a section with a view restriction, and that section.

    Wagtail reads the restrictions again for every queryset (four times on the home page);
    here they are read once for the content generation, which moves when a restriction is
    saved or deleted (core.signal_handlers) and when a page is moved.
    """
    restricted = restricted_sections()
    q = Q()
    for path, depth in restricted:
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])  # matches no page when nothing is restricted


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


def filtered_publications(
    *, site: Site | None, publication_type: str | None = None, topic=None, person=None
) -> QuerySet[PublicationPage]:
    """Live publications of ``site`` of a type, on a topic, by a person: the filters every
    list of publications shares (the pages' listings, the JSON API). Not ordered."""
    qs = live_in_site(PublicationPage.objects.all(), site)
    if publication_type:
        qs = qs.filter(publication_type=publication_type)
    if topic is not None:
        qs = qs.filter(topics=topic)
    if person is not None:
        # A subquery, not a join: one row a publication, whatever roles the person has on it.
        authored = PublicationAuthor.objects.filter(person=person).values("page_id")
        qs = qs.filter(pk__in=authored)
    return qs


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
    qs = filtered_publications(
        site=site, publication_type=publication_type, topic=topic, person=person
    )
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
    return live_in_site(model.objects.filter(pk=pk), None).first()


def series_items(*, series: SeriesPage) -> QuerySet[PublicationPage]:
    qs = live_in_site(PublicationPage.objects.filter(series=series), None)
    return with_listing_relations(qs.order_by("series_number", "publication_date"))


def derived_items(*, page: PublicationPage) -> QuerySet[PublicationPage]:
    qs = live_in_site(PublicationPage.objects.filter(derived_from=page), None)
    return with_listing_relations(qs.select_related("series").order_by("series_number", "pk"))
