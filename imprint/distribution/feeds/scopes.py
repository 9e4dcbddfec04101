"""What a feed holds: the whole site, a publication type, a topic, a person, a series, a blog or
a journal. Each scope names the page it follows and the query of its publications, built on
``publications.selectors`` (live, public, in the request's site) like every reader's query."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page, Site

from imprint.blog.models import BlogIndexPage
from imprint.journal.models import ArticlePage, JournalPage
from imprint.people.models import Person
from imprint.publications.models import (
    PUBLICATION_TYPE_PLURALS,
    PublicationIndexPage,
    PublicationPage,
    PublicationType,
)
from imprint.publications.selectors import live_in_site, publication_list
from imprint.topics.models import Topic

# Scope kinds as they appear in feed URLs (/feeds/<kind>/<key>/atom.xml) and what they name.
KINDS = {
    "types": "publication type",
    "topics": "topic",
    "people": "author",
    "series": "series",
    "blogs": "blog",
    "journals": "journal",
}


class UnknownScope(LookupError):
    """The type, topic, person or page a feed URL names does not exist (or is not public)."""

    def __init__(self, kind: str, key: str) -> None:
        self.what = KINDS.get(kind, kind)
        self.key = key
        super().__init__(f"There is no {self.what} called {key!r}.")


@dataclass(frozen=True)
class Scope:
    kind: str  # "site" or a key of KINDS
    key: str  # "" for the site; else the type's value or the slug
    label: str  # "" for the site; "Reports", "Japan", "Hana Seo"...
    html_path: str  # the page this feed follows, relative to the site
    publications: QuerySet[PublicationPage]

    def url_kwargs(self) -> dict:
        return {} if self.kind == "site" else {"kind": self.kind, "key": self.key}


def resolve(kind: str, key: str, *, site: Site | None) -> Scope:
    """The scope a feed URL names; ``UnknownScope`` when it names nothing a reader may see."""
    if kind == "site":
        return Scope("site", "", "", "/", publication_list(site=site))
    resolver = _RESOLVERS.get(kind)
    if resolver is None:
        raise UnknownScope(kind, key)
    scope = resolver(key, site)
    if scope is None:
        raise UnknownScope(kind, key)
    return scope


def _type(key: str, site: Site | None) -> Scope | None:
    if key not in PublicationType.values:
        return None
    index = live_in_site(PublicationIndexPage.objects.all(), site).first()
    listing = index.get_url() if index else "/"
    html = f"{listing}?{urlencode({'type': key})}"
    label = PUBLICATION_TYPE_PLURALS[PublicationType(key)]
    return Scope("types", key, label, html, publication_list(site=site, publication_type=key))


def _topic(key: str, site: Site | None) -> Scope | None:
    topic = Topic.objects.filter(slug=key).first()
    if topic is None:
        return None
    html = reverse("topic_detail", kwargs={"slug": topic.slug})
    return Scope("topics", key, topic.name, html, publication_list(site=site, topic=topic))


def _person(key: str, site: Site | None) -> Scope | None:
    person = Person.objects.filter(slug=key).first()
    if person is None:
        return None
    html = reverse("person_detail", kwargs={"slug": person.slug})
    return Scope("people", key, person.name, html, publication_list(site=site, person=person))


def _page(model: type[Page], key: str, site: Site | None) -> Page | None:
    """The live, public page of ``model`` with this slug in the site (the shallowest first:
    slugs are unique only among siblings)."""
    return live_in_site(model.objects.filter(slug=key), site).order_by("path").first()


def _series(key: str, site: Site | None) -> Scope | None:
    from imprint.publications.models import SeriesPage

    series = _page(SeriesPage, key, site)
    if series is None:
        return None
    items = live_in_site(PublicationPage.objects.filter(series=series), site)
    return Scope("series", key, series.title, series.get_url(), _newest_first(items))


def _blog(key: str, site: Site | None) -> Scope | None:
    blog = _page(BlogIndexPage, key, site)
    if blog is None:
        return None
    posts = live_in_site(PublicationPage.objects.child_of(blog), site)
    return Scope("blogs", key, blog.title, blog.get_url(), _newest_first(posts))


def _journal(key: str, site: Site | None) -> Scope | None:
    journal = _page(JournalPage, key, site)
    if journal is None:
        return None
    articles = live_in_site(ArticlePage.objects.descendant_of(journal), site)
    # As publications: one table, the same description as every other scope's items.
    items = PublicationPage.objects.filter(pk__in=articles.values("pk"))
    return Scope("journals", key, journal.title, journal.get_url(), _newest_first(items))


def _newest_first(queryset: QuerySet) -> QuerySet:
    return queryset.order_by("-publication_date", "-pk")


_RESOLVERS = {
    "types": _type,
    "topics": _topic,
    "people": _person,
    "series": _series,
    "blogs": _blog,
    "journals": _journal,
}
