"""``sitemap.xml``: every public page of the request's site, and its people and topics.

Wagtail's sitemap lists the site's live, public pages with the date each was last published.
Here a listing's date is that of the newest change among the pages it lists (an issue changes
when one of its articles is published, a series when one of its items is), and the person and
topic pages, which are not Wagtail pages, are listed too: people with public work in the site
or listed as experts, topics with public work in the site, each dated by its newest
publication. Everything is read through ``live_in_site`` in a fixed number of queries.
"""

from __future__ import annotations

import datetime

from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_views
from wagtail.models import Page

from imprint.people.models import Person
from imprint.publications.models import PublicationAuthor, PublicationPage
from imprint.publications.selectors import live_in_site
from imprint.topics.models import Topic


def _newest(*dates: datetime.datetime | None) -> datetime.datetime | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


class PageSitemap(Sitemap):
    """The site's live, public pages; a page's lastmod is the newest of its own and of the
    public pages below it (and, for a series, of its public items)."""

    def items(self):
        return self._public().order_by("path").defer_streamfields().specific()

    def _public(self):
        site = self.get_wagtail_site()
        return live_in_site(site.root_page.get_descendants(inclusive=True), None)

    def _urls(self, page, protocol, domain):
        below, series = self._newest_below(), self._newest_in_series()
        urls = []
        for item in self.paginator.page(page).object_list.iterator():
            listed = _newest(below.get(item.path), series.get(item.pk))
            for info in item.get_sitemap_urls(self.request):
                info["lastmod"] = _newest(info.get("lastmod"), listed)
                urls.append(info)
        lastmods = [info["lastmod"] for info in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def _newest_below(self) -> dict[str, datetime.datetime]:
        """Tree path -> the newest publication date of a public page strictly below it."""
        newest: dict[str, datetime.datetime] = {}
        step = Page.steplen
        for path, published in self._public().values_list("path", "last_published_at"):
            if published is None:
                continue
            for end in range(step, len(path), step):
                prefix = path[:end]
                if prefix not in newest or newest[prefix] < published:
                    newest[prefix] = published
        return newest

    def _newest_in_series(self) -> dict[int, datetime.datetime]:
        """Series id -> the newest publication date of its public items in the site."""
        items = live_in_site(PublicationPage.objects.filter(series__isnull=False), None)
        site = self.get_wagtail_site()
        items = items.descendant_of(site.root_page, inclusive=True)
        rows = items.values("series_id").annotate(latest=Max("last_published_at"))
        return {row["series_id"]: row["latest"] for row in rows if row["latest"]}


class _NamedSitemap(Sitemap):
    """People or topics: absolute URLs on the site's own root, dated by their newest work."""

    def public_work(self):
        site = self.get_wagtail_site()
        return live_in_site(PublicationPage.objects.all(), site).values("pk")

    def location(self, obj) -> str:
        return self.get_wagtail_site().root_url + obj.get_absolute_url()

    def lastmod(self, obj):
        return getattr(obj, "latest", None)

    def _urls(self, page, protocol, domain):
        urls = [
            {"item": item, "location": self.location(item), "lastmod": self.lastmod(item)}
            for item in self.paginator.page(page).object_list
        ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


class PersonSitemap(_NamedSitemap):
    def items(self):
        authored = PublicationAuthor.objects.filter(page_id__in=self.public_work())
        latest = dict(
            authored.values("person_id")
            .annotate(latest=Max("page__last_published_at"))
            .values_list("person_id", "latest")
        )
        people = Person.objects.filter(Q(pk__in=latest.keys()) | Q(is_staff_expert=True))
        people = list(people.order_by("slug"))
        for person in people:
            person.latest = latest.get(person.pk)
        return people


class TopicSitemap(_NamedSitemap):
    def items(self):
        through = PublicationPage.topics.through
        tagged = through.objects.filter(publicationpage_id__in=self.public_work())
        latest = dict(
            tagged.values("topic_id")
            .annotate(latest=Max("publicationpage__last_published_at"))
            .values_list("topic_id", "latest")
        )
        topics = list(Topic.objects.filter(pk__in=latest.keys()).order_by("slug"))
        for topic in topics:
            topic.latest = latest.get(topic.pk)
        return topics


SITEMAPS = {"pages": PageSitemap, "people": PersonSitemap, "topics": TopicSitemap}


def sitemap(request: HttpRequest) -> HttpResponse:
    """The sitemap of the request's site (Wagtail's view, with the sections above)."""
    return wagtail_views.sitemap(request, SITEMAPS)
