"""An issue's sections hold its own articles; the journal lists its issues page by page."""

import pytest
from django.contrib.auth.models import User
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from imprint.journal.models import ISSUES_PER_PAGE, IssuePage
from tests import factories as f

pytestmark = pytest.mark.django_db


def issue_form(issue: IssuePage, articles) -> dict:
    section = {
        "title": "Alliance politics",
        "articles": streamfield([("item", a.pk) for a in articles]),
    }
    return nested_form_data(
        {
            "title": issue.title,
            "slug": issue.slug,
            "number": issue.number,
            "issue_date": issue.issue_date.isoformat(),
            "theme": "",
            "cover": "",
            "editors_introduction": rich_text(""),
            "sections": streamfield([("section", section)]),
            "seo_title": "",
            "search_description": "",
        }
    )


def test_a_section_cannot_pick_an_article_of_another_issue(client, issue):
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "pw"))
    other_issue = f.IssuePageFactory(parent=issue.get_parent())
    own = f.ArticlePageFactory(parent=issue, title="Our own article")
    stray = f.ArticlePageFactory(parent=other_issue, title="Somebody else's article")
    url = reverse("wagtailadmin_pages:edit", args=[issue.pk])

    response = client.post(url, issue_form(issue, [own, stray]))
    assert response.status_code == 200
    # Wagtail shows a stream field's error inside its editor, from the form's errors.
    errors = " ".join(response.context["form"].errors["sections"])
    assert "not in this issue: “Somebody else's article”" in errors
    assert "could not be saved" in response.content.decode()
    assert issue.revisions.count() == 1

    assert client.post(url, issue_form(issue, [own])).status_code == 302


def cover(number: int):
    image = get_image_model()(
        title=f"Cover {number}", file=ImageFile(get_test_image_file().file, name="cover.png")
    )
    image.save()
    return image


def journal_page_queries(client, journal) -> int:
    client.get(journal.url)  # warm the per-process caches (site, menus)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(journal.url).status_code == 200
    return len(queries)


def test_journal_issue_list_queries_do_not_grow_with_the_issues(client, journal):
    volume = f.VolumePageFactory(parent=journal)
    f.IssuePageFactory(parent=volume, cover=cover(1))
    few = journal_page_queries(client, journal)
    for number in range(2, 6):
        f.IssuePageFactory(parent=volume, cover=cover(number))
    assert journal_page_queries(client, journal) == few


def test_journal_issue_list_is_paginated(client, journal):
    volume = f.VolumePageFactory(parent=journal)
    for number in range(ISSUES_PER_PAGE + 2):
        f.IssuePageFactory(parent=volume, number=number + 1, title=f"Issue {number + 1:02}")
    first = client.get(journal.url).content.decode()
    assert first.count('class="issue-card"') == ISSUES_PER_PAGE
    second = client.get(journal.url + "?page=2").content.decode()
    assert second.count('class="issue-card"') == 2
    assert 'aria-current="page"' in second


def test_volume_issue_list_queries_do_not_grow_with_the_issues(client, journal):
    volume = f.VolumePageFactory(parent=journal)
    f.IssuePageFactory(parent=volume, cover=cover(1))
    few = journal_page_queries(client, volume)
    for number in range(2, 6):
        f.IssuePageFactory(parent=volume, cover=cover(number))
    assert journal_page_queries(client, volume) == few
