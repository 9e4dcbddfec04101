"""Which feeds a page offers in its head (``<link rel="alternate">``): the feed of what the
page lists first (its topic, author, type, series, blog or journal), then the site's."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Page, Site

from imprint.blog.models import BlogIndexPage, BlogPostPage
from imprint.journal.models import ArticlePage, IssuePage, JournalPage, VolumePage
from imprint.people.models import Person
from imprint.publications.models import (
    PUBLICATION_TYPE_PLURALS,
    PublicationIndexPage,
    PublicationType,
    SeriesPage,
)
from imprint.topics.models import Topic

from .build import FORMATS


@dataclass(frozen=True)
class FeedLink:
    href: str
    type: str
    title: str


def feed_links(context) -> list[FeedLink]:
    """The Atom and RSS links for the page rendered with ``context``, most specific first."""
    links = []
    scope = _scope(context)
    if scope is not None:
        kind, key, label = scope
        links += _both({"kind": kind, "key": key}, label)
    links += _both({}, "All publications")
    request = context.get("request")
    if request is not None:
        # Absolute on the site's own address, as the canonical link and the feeds say it.
        site = Site.find_for_request(request)
        root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
        links = [FeedLink(f"{root}{x.href}", x.type, x.title) for x in links]
    return links


def _both(kwargs: dict, label: str) -> list[FeedLink]:
    return [
        FeedLink(reverse("feed", kwargs={**kwargs, "fmt": fmt}), mime, f"{label} ({name})")
        for fmt, mime, name in (("atom", FORMATS["atom"], "Atom"), ("rss", FORMATS["rss"], "RSS"))
    ]


def _scope(context) -> tuple[str, str, str] | None:
    """(kind, key, label) of the feed that follows this page, if any besides the site's."""
    person, topic, page = context.get("person"), context.get("topic"), context.get("page")
    if isinstance(person, Person):
        return "people", person.slug, person.name
    if isinstance(topic, Topic):
        return "topics", topic.slug, topic.name
    if isinstance(page, PublicationIndexPage):
        return _listing_scope(context.get("filters") or {})
    if isinstance(page, SeriesPage | BlogIndexPage | JournalPage):
        kind = {SeriesPage: "series", BlogIndexPage: "blogs", JournalPage: "journals"}[type(page)]
        return kind, page.slug, page.title
    if isinstance(page, BlogPostPage) and isinstance(context.get("blog"), Page):
        return "blogs", context["blog"].slug, context["blog"].title
    if isinstance(page, ArticlePage) and isinstance(context.get("journal"), Page):
        return "journals", context["journal"].slug, context["journal"].title
    if isinstance(page, VolumePage | IssuePage):
        return _journal_above(page)
    return None


def _listing_scope(filters: dict) -> tuple[str, str, str] | None:
    """The listing filtered by a type, topic or author follows that type's, topic's or
    author's feed (the first of them when several filters are set)."""
    kind = filters.get("publication_type")
    if kind:
        return "types", kind, PUBLICATION_TYPE_PLURALS[PublicationType(kind)]
    if filters.get("topic") is not None:
        return "topics", filters["topic"].slug, filters["topic"].name
    if filters.get("person") is not None:
        return "people", filters["person"].slug, filters["person"].name
    return None


def _journal_above(page: Page) -> tuple[str, str, str] | None:
    depth = 1 if isinstance(page, VolumePage) else 2
    path = page.path[: -depth * page.steplen]
    row = JournalPage.objects.filter(path=path).values_list("slug", "title").first()
    return ("journals", *row) if row else None
