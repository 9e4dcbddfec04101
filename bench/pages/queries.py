"""SQL queries per page, counted in-process with Django's test client (run by ``bench.pages``).

Listings filtered the same way (by author, and by author and type) are chosen so their pages
show different numbers of items (one, a few, a full page): the count should stay the same
whatever the number of items.
"""

from __future__ import annotations

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from imprint.core.pagination import PAGE_SIZE  # noqa: E402
from imprint.journal.models import IssuePage  # noqa: E402
from imprint.people.models import Person  # noqa: E402
from imprint.publications.models import PublicationPage, PublicationType  # noqa: E402
from imprint.publications.selectors import publication_list  # noqa: E402
from imprint.topics.models import Topic  # noqa: E402

HOST = "127.0.0.1"


def _filtered_listings() -> list[tuple[str, int]]:
    """Author-filtered listing URLs whose first page shows 1, a few and a full page of items."""
    wanted: dict[str, tuple[str, int] | None] = {"one": None, "a few": None, "full": None}
    for person in Person.objects.order_by("pk"):
        kinds = [None, *PublicationType.values]
        for kind in kinds:
            matches = publication_list(site=None, person=person, publication_type=kind).count()
            shown = min(matches, PAGE_SIZE)
            size = "one" if shown == 1 else "full" if shown == PAGE_SIZE else "a few"
            url = f"/publications/?author={person.slug}" + (f"&type={kind}" if kind else "")
            if shown and wanted[size] is None:
                wanted[size] = (url, shown)
        if all(wanted.values()):
            break
    return [found for found in wanted.values() if found]


def _pages() -> list[tuple[str, str]]:
    generated = PublicationPage.objects.filter(slug__startswith="generated-").order_by("pk")
    publication = generated.first() or PublicationPage.objects.order_by("pk").first()
    topic = Topic.objects.order_by("pk").first()
    person = Person.objects.order_by("pk").first()
    issue = IssuePage.objects.order_by("-issue_date").first()
    return [
        ("home", "/"),
        ("publication", publication.url),
        ("publication with a PDF and derived items", "/publications/alliance-futures-1/"),
        ("issue", issue.url if issue else "/"),
        ("topic", topic.get_absolute_url()),
        ("person", person.get_absolute_url()),
        ("blog", "/blog/"),
    ]


def _count(client: Client, url: str) -> tuple[int, int, int | str]:
    """Status, queries and listed items of a warm request (the first one creates renditions)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    items = response.context.get("items") if response.context else None
    return response.status_code, len(captured.captured_queries), len(items) if items else "-"


def main() -> None:
    setup_test_environment(debug=False)  # so that responses carry their template context
    client = Client(SERVER_NAME=HOST)
    total = PublicationPage.objects.live().count()
    print(f"SQL queries per page ({total:,} live publications; warm, uncached):")
    counts = set()
    for url, shown in _filtered_listings():
        status, queries, items = _count(client, url)
        counts.add(queries)
        label = f"listing by author, {shown} item(s)"
        print(f"  {label:<42} items={items!s:<3} queries={queries:<3} [{status}] {url}")
    verdict = "the same" if len(counts) == 1 else f"NOT constant: {sorted(counts)}"
    print(f"  -> author listings of 1 to {PAGE_SIZE} items: {verdict} number of queries")
    others = [
        ("listing, page 2", "/publications/?page=2"),
        ("listing, page 2 of reports", f"/publications/?type={PublicationType.REPORT}&page=2"),
        *_pages(),
    ]
    for label, url in others:
        status, queries, items = _count(client, url)
        print(f"  {label:<42} items={items!s:<3} queries={queries:<3} [{status}] {url}")


if __name__ == "__main__":
    main()
