"""Every public channel against every kind of content a reader must not reach.

Channels: pages, listings and filters, home, menus and page metadata (head tags, JSON-LD: in
every page), journal, volume and issue pages, topic and person pages, search, sitemap,
documents, document covers, images and renditions (their file names carry the markers).
Kinds: draft, scheduled, unpublished revision, password, login-only, private collection. A
channel added later joins ``world``'s public URLs (feeds, API, OAI-PMH) or gets its own test
here (mail: the announcements of new publications, ``test_mail_never_carries_non_public_content``).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page

from . import leak_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end; each
    test runs in a savepoint of its own, so what one test publishes the next does not see."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = leak_world.build()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _in_savepoint(world, db):
    """Every test sees the world as built (``db`` wraps the test in a savepoint)."""


def _leaks_in(url: str, body: str, world) -> list[str]:
    return [
        f"{url} shows {kind} content ({marker})"
        for marker, kind in world.markers.items()
        if marker in body
    ]


def test_no_public_channel_shows_non_public_content(client, world):
    leaks, statuses = [], {}
    for url in world.public_urls:
        response = client.get(url)
        statuses[url] = response.status_code
        leaks += _leaks_in(url, response.content.decode(), world)
    assert all(status == 200 for status in statuses.values()), statuses
    assert leaks == []


def test_the_channels_do_show_public_content(client, world):
    """The control: what is public is there, so the matrix is not passing on empty pages."""
    for url in ("/", "/publications/", f"/search/?q={leak_world.SHARED_WORD}", "/sitemap.xml"):
        assert "Open brief" in client.get(url).content.decode() or url == "/sitemap.xml"
    assert "open-brief" in client.get("/sitemap.xml").content.decode()
    assert "Alliance costs" in client.get("/publications/").content.decode()
    oai = client.get("/oai/?verb=ListRecords&metadataPrefix=mods").content.decode()
    assert "Open brief" in oai and "Alliance costs" in oai


def test_oai_pmh_never_names_a_page_that_readers_never_saw(client, world):
    """Drafts and scheduled pages have no record, not even a deleted header."""
    for kind in ("draft", "scheduled"):
        identifier = f"oai:localhost:{world.pages[kind].pk}"
        body = client.get(
            f"/oai/?verb=GetRecord&metadataPrefix=oai_dc&identifier={identifier}"
        ).content.decode()
        assert 'code="idDoesNotExist"' in body, kind
        listed = client.get("/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc").content.decode()
        assert f"<identifier>{identifier}</identifier>" not in listed, kind


def test_page_metadata_describes_public_work_and_names_nothing_else(client, world):
    """Head tags and JSON-LD are a channel too: the public brief's describe it (so the scan
    above reads them), and a page whose PDF is in a private collection does not offer it."""
    head = client.get("/publications/open-brief/").content.decode().split("</head>")[0]
    assert '<meta name="citation_title" content="Open brief">' in head
    assert '"@type":"Report"' in head and 'name="citation_pdf_url"' in head
    board = client.get("/publications/board-minutes/").content.decode()
    assert 'name="citation_title" content="Board minutes"' in board
    assert "citation_pdf_url" not in board
    assert _leaks_in("/publications/board-minutes/", board, world) == []


def test_feeds_show_public_work_and_have_none_for_non_public_pages(client, world):
    """The control for the feeds in ``public_urls``, and the feeds of a draft series and of
    password- or login-protected blogs: none, whatever their slug."""
    feed = client.get("/feeds/atom.xml").content.decode()
    assert "Open brief" in feed and "/openpdf" in feed  # the public PDF is an enclosure
    assert "Board minutes" in feed and "collectionpdfmarker" not in feed
    for url in (
        "/feeds/series/series-draftseriesmarker/atom.xml",
        "/feeds/blogs/menupasswordmarker/rss.xml",
        "/feeds/blogs/menuloginmarker/atom.xml",
        "/feeds/blogs/menudraftmarker/atom.xml",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Desk menu" not in response.content.decode() and "Series draft" not in (
            response.content.decode()
        )


def test_non_public_pages_answer_without_their_content(client, world):
    for kind, page in world.pages.items():
        if kind == "revision":
            continue
        response = client.get(f"/publications/{page.slug}/")
        assert response.status_code in {404, 200, 302}, (kind, response.status_code)
        body = response.content.decode()  # the URL asked for may come back in a form
        assert page.title not in body and leak_world.SHARED_WORD not in body, kind
    assert client.get(f"/publications/{world.pages['draft'].slug}/").status_code == 404
    assert client.get(f"/publications/{world.pages['scheduled'].slug}/").status_code == 404
    assert client.get(f"/publications/{world.pages['login'].slug}/").status_code == 302


def test_the_api_answers_404_for_every_non_public_item(client, world):
    """By id, by slug, through a filter: the JSON API knows nothing a reader may not see."""
    from imprint.journal.models import IssuePage

    urls = []
    for kind, page in world.pages.items():
        if kind != "revision":
            urls += [f"/api/publications/{page.pk}/", f"/api/publications/{page.slug}/"]
    for document in world.closed_documents.values():
        urls.append(f"/api/documents/{document.pk}/")
    for issue in IssuePage.objects.filter(title__endswith="marker"):
        urls += [f"/api/issues/{issue.pk}/", f"/api/issues/{issue.slug}/"]
    draft_series = Page.objects.get(title__endswith="draftseriesmarker")
    urls.append(f"/api/series/{draft_series.pk}/")
    answers = {url: client.get(url) for url in urls}
    assert {url: r.status_code for url, r in answers.items() if r.status_code != 404} == {}
    # The 404 repeats the key asked for (a slug holds the marker): only the rest must not.
    leaks = [
        leak
        for url, r in answers.items()
        for leak in _leaks_in(url, r.content.decode().replace(url.split("/")[3], ""), world)
    ]
    assert leaks == []
    body = client.get(f"/api/publications/{world.pages['revision'].pk}/").json()
    assert body["title"] == "Alliance costs" and body["pdf"] is None  # the live version only
    titles = [item["title"] for item in client.get("/api/publications/").json()["results"]]
    assert "Open brief" in titles and "Board minutes" in titles  # the control


def test_closed_documents_and_their_covers_are_not_served(client, world):
    served = []
    for kind, document in world.closed_documents.items():
        document.refresh_from_db()
        for url in (document.url, f"/documents/{document.pk}/cover.jpg"):
            response = client.get(url)
            # A private collection answers 200 with its password form, not the file.
            if response.get("Content-Type") in ("application/pdf", "image/jpeg"):
                served.append(f"{kind}: {url}")
    assert served == []
    opened = world.open_document
    opened.refresh_from_db()
    assert client.get(opened.url).status_code == 200
    assert client.get(f"/documents/{opened.pk}/cover.jpg")["Content-Type"] == "image/jpeg"


def test_no_document_or_cover_is_stored_under_the_public_media_root(world):
    media = Path(settings.MEDIA_ROOT)
    assert not (media / "documents").exists()
    for document in world.closed_documents.values():
        document.refresh_from_db()
        assert not (media / document.file.name).exists()
        assert re.fullmatch(r"thumbnails/[\w-]{20,}\.jpg", document.thumbnail.name)


def test_image_files_have_names_nobody_can_guess(world):
    from wagtail.images import get_image_model

    for image in get_image_model().objects.filter(title__endswith="marker"):
        assert not image.file.name.startswith(f"original_images/{image.title}"), image.file.name


def test_an_embargoed_pdf_opens_by_itself_when_its_page_goes_live(client, world):
    draft = world.pages["draft"]
    document = world.closed_documents["draft"]
    assert client.get(document.url).status_code == 404
    draft.save_revision().publish()
    assert client.get(document.url).status_code == 200


def test_a_scheduled_pdf_opens_when_the_worker_publishes_its_page(client, world):
    page = world.pages["scheduled"]
    document = world.closed_documents["scheduled"]
    page.refresh_from_db()
    revision = page.get_latest_revision()  # the go-live time has come
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save()
    assert client.get(document.url).status_code == 404
    call_command("publish_scheduled", verbosity=0)
    assert client.get(document.url).status_code == 200


def test_a_private_pages_pdf_is_served_to_the_reader_who_passed_its_password(client, world):
    page = world.pages["password"]
    document = world.closed_documents["password"]
    restriction = page.get_view_restrictions().get()
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": leak_world.PASSWORD, "return_url": page.url},
    )
    assert response.status_code == 302
    assert client.get(document.url).status_code == 200


def test_a_document_only_in_an_unpublished_revision_stays_closed_after_other_edits(client, world):
    page = world.pages["revision"]
    document = world.closed_documents["revision"]
    assert client.get(document.url).status_code == 404
    page.get_latest_revision().publish()
    assert client.get(document.url).status_code == 200


def test_editors_can_open_every_document(admin_client, world):
    for document in world.closed_documents.values():
        document.refresh_from_db()
        assert admin_client.get(document.url).status_code == 200, document.title


def test_editors_see_whether_readers_can_open_a_document(admin_client, world):
    closed = world.closed_documents["draft"]
    html = admin_client.get(f"/admin/documents/edit/{closed.pk}/").content.decode()
    assert "Closed to readers until one of these pages is live" in html
    assert "Report draftmarker" in html
    opened = world.open_document
    html = admin_client.get(f"/admin/documents/edit/{opened.pk}/").content.decode()
    assert "Open to readers" in html


@pytest.mark.parametrize("change", ["password", "unpublish"])
def test_the_page_cache_forgets_a_page_that_stops_being_public(
    client, world, settings, django_capture_on_commit_callbacks, change
):
    """The page cache is a channel too: what was public and cached stops being served."""
    from wagtail.models import BaseViewRestriction, Page, PageViewRestriction

    settings.IMPRINT_PAGE_CACHE = True
    page = Page.objects.get(title="Open brief").specific
    for url in (page.url, "/publications/", "/feeds/atom.xml"):
        client.get(url)
        assert client.get(url)["X-Imprint-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        if change == "password":
            PageViewRestriction.objects.create(
                page=page, restriction_type=BaseViewRestriction.PASSWORD, password="x"
            )
        else:
            page.unpublish()
    response = client.get(page.url)
    assert "X-Imprint-Cache" not in response
    assert "openmarker" not in response.content.decode()
    assert "Open brief" not in client.get("/publications/").content.decode()
    assert "Open brief" not in client.get("/feeds/atom.xml").content.decode()
    assert client.get(world.open_document.url).status_code == 404


def test_mail_never_carries_non_public_content(client, world, mailoutbox, settings):
    """Every publication of the world announced to a reader of every list, every journal
    issue's alert, a campaign of every page: only public ones are mailed, and nothing in what
    is mailed (no page, PDF or image) names non-public content."""
    from wagtail.models import Page

    from imprint.journal.models import IssuePage, JournalPage
    from imprint.mailing import services
    from imprint.mailing.campaigns import campaigns_queue_due
    from imprint.mailing.issues import issue_announce
    from imprint.mailing.models import Campaign
    from imprint.mailing.sending import outbound_send
    from imprint.publications.models import PublicationPage
    from tests.mailing.helpers import confirmed_subscriber

    topic = PublicationPage.objects.get(title="Open brief").topics.get()
    journal = JournalPage.objects.get()
    keys = ["all", f"topic-{topic.pk}", f"journal-{journal.pk}"]
    confirmed_subscriber("reader@example.org", keys)
    mailoutbox.clear()
    for page in PublicationPage.objects.all():
        services.publication_announce(page_id=page.pk)
    settings.IMPRINT_MAILING_ISSUE_DELAY_SECONDS = 0
    from tests import factories as f

    f.ArticlePageFactory(parent=IssuePage.objects.get(title="Issue open"), title="Open article")
    for issue in IssuePage.objects.all():  # journal issue alerts
        issue_announce(issue_id=issue.pk)
    for page in Page.objects.filter(depth__gt=1):  # a campaign of every page of the world
        campaign = Campaign.objects.create(page=page, status="scheduled", send_at=timezone.now())
        campaign.lists.set(services.mailing_lists_for(keys))
    campaigns_queue_due()
    outbound_send(holder="leak-matrix")
    leaks, subjects, followed = [], [], set()
    for message in mailoutbox:
        subjects.append(message.subject)
        html = "".join(content for content, _ in message.alternatives)
        text = f"{message.subject}\n{message.body}\n{html}\n{message.extra_headers}"
        leaks += _leaks_in(f"mail {message.subject!r}", text, world)
        # The pages its links open (preferences, unsubscribe) name lists, never hidden work.
        for url in set(re.findall(r"https?://[^/\s\"<>]+(/mailing/[^\s\"<>]+)", text)):
            response = client.get(url)
            assert response.status_code == 200, url
            leaks += _leaks_in(url, response.content.decode(), world)
            followed.add(url.split("/")[2])
    assert leaks == []
    assert followed >= {"preferences", "unsubscribe"}
    assert "Open brief" in subjects  # the control: public work is mailed
    assert "Journal of Pacific Affairs: Issue open" in subjects  # and the public issue's alert
    assert subjects.count("Open brief") == 2  # its announcement and its campaign


def test_citations_and_deposits_of_non_public_content_are_refused(client, world):
    """Citation downloads (one publication, an issue) answer 404 for drafts, scheduled,
    password and login pages and issues; a Crossref deposit of every page holds none of them."""
    from imprint.distribution.cite.services import crossref_batch
    from imprint.journal.models import IssuePage
    from imprint.publications.models import PublicationPage

    closed = [page.pk for kind, page in world.pages.items() if kind != "revision"]
    for pk in closed:
        for fmt in ("bibtex", "ris", "csl-json"):
            assert client.get(f"/cite/publication/{pk}/{fmt}/").status_code == 404, (pk, fmt)
    hidden_issues = IssuePage.objects.filter(title__contains="marker")
    assert hidden_issues.count() == 3
    for issue in hidden_issues:
        assert client.get(f"/cite/issue/{issue.pk}/ris/").status_code == 404, issue.title
    every = list(PublicationPage.objects.values_list("pk", flat=True))
    every += list(IssuePage.objects.values_list("pk", flat=True))
    PublicationPage.objects.update(doi="")  # a DOI each, so that only privacy can leave one out
    for page in PublicationPage.objects.all():
        PublicationPage.objects.filter(pk=page.pk).update(doi=f"10.5555/leak.{page.pk}")
    batch = crossref_batch(every)
    assert _leaks_in("crossref deposit", batch.xml.decode(), world) == []
    assert b"Open brief" in batch.xml  # the control
