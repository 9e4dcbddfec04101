"""What a citation download may hold: public publications of the reader's site only.

Every query goes through ``publications.selectors.live_in_site``; the search set is read from
the search index (which holds only public records) and checked against the database again.
"""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.models import Site

from imprint.journal.models import IssuePage
from imprint.journal.selectors import issue_table_of_contents
from imprint.publications.models import PublicationPage
from imprint.publications.selectors import live_in_site
from imprint.search.selectors import search_request

from ..works import Work, describe_many

# A search download holds at most this many publications (the first of the results' order).
SEARCH_CAP = 1000


# Page ids are positive 32-bit integers; a larger number in a URL names no page (and SQLite
# would refuse it).
MAX_PAGE_ID = 2**31 - 1


def public_publication(*, page_id: int, site: Site | None) -> PublicationPage | None:
    """The publication ``page_id`` when a reader of ``site`` may see it."""
    if not 0 < page_id <= MAX_PAGE_ID:
        return None
    return live_in_site(PublicationPage.objects.filter(pk=page_id), site).specific().first()


def public_issue(*, page_id: int, site: Site | None) -> IssuePage | None:
    """The issue ``page_id`` when a reader of ``site`` may see it."""
    if not 0 < page_id <= MAX_PAGE_ID:
        return None
    return live_in_site(IssuePage.objects.filter(pk=page_id), site).first()


def issue_works(*, issue: IssuePage, request: HttpRequest | None = None) -> list[Work]:
    """The issue's public articles in the table of contents' order."""
    ids = [a.pk for section in issue_table_of_contents(issue=issue) for a in section.articles]
    return describe_many(ids, request=request)


def search_works(request: HttpRequest, *, cap: int = SEARCH_CAP) -> list[Work]:
    """The publications the reader's search finds (query and filters as on /search/), in the
    results' order, at most ``cap``."""
    outcome = search_request(request, per_page=cap)
    ids = [
        int(hit.key.split(":", 1)[1])
        for hit in outcome.hits
        if hit.family == "publication" and hit.key.startswith("page:")
    ]
    site = Site.find_for_request(request)
    public = set(
        live_in_site(PublicationPage.objects.filter(pk__in=ids), site).values_list("pk", flat=True)
    )
    return describe_many([i for i in ids if i in public], request=request)
