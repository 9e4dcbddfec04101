"""What an editor posts wrong gets a message on the form, never a 500, and nothing is saved."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from imprint.publications.models import PublicationPage
from imprint.topics.models import Topic
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "pw"))
    return client


def publication_form(page: PublicationPage, *, authors=(), **fields) -> dict:
    """The page's edit form as an editor submits it, with ``fields`` changed."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "subtitle": "",
        "publication_type": page.publication_type,
        "publication_date": page.publication_date.isoformat(),
        "language": "en",
        "authors": inline_formset(list(authors)),
        "summary": rich_text("<p>A summary.</p>"),
        "recommendations": streamfield([]),
        "body": streamfield([]),
        "conclusion": rich_text(""),
        "disclaimer": rich_text(""),
        "series": "",
        "series_number": "",
        "derived_from": "",
        "pdf": "",
        "feature_image": "",
        "seo_title": "",
        "search_description": "",
        **fields,
    }
    return nested_form_data(data)


def save_draft(client, page: PublicationPage, data: dict):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_a_person_twice_on_a_publication_is_refused_with_a_message(editor, publication_index):
    page = f.PublicationPageFactory(parent=publication_index)
    person = f.PersonFactory(name="Hana Seo")
    authors = [{"person": person.pk, "role": ""}, {"person": person.pk, "role": "Translator"}]
    response = save_draft(editor, page, publication_form(page, authors=authors))
    assert response.status_code == 200
    assert "Please correct the duplicate data for page and person" in response.content.decode()
    assert page.authors.count() == 0
    assert page.revisions.count() == 1


def test_one_author_with_two_roles_is_saved(editor, publication_index):
    page = f.PublicationPageFactory(parent=publication_index)
    person = f.PersonFactory(name="Hana Seo")
    authors = [{"person": person.pk, "role": "Author and translator"}]
    response = save_draft(editor, page, publication_form(page, authors=authors))
    assert response.status_code == 302
    assert page.revisions.count() == 2


def test_a_series_number_taken_in_the_series_is_refused(editor, publication_index):
    series = f.SeriesPageFactory(parent=publication_index)
    f.PublicationPageFactory(parent=publication_index, series=series, series_number=1)
    page = f.PublicationPageFactory(parent=publication_index)
    data = publication_form(page, series=series.pk, series_number=1)
    response = save_draft(editor, page, data)
    assert response.status_code == 200
    assert "already has this number in this series" in response.content.decode()
    assert PublicationPage.objects.get(pk=page.pk).series_number is None


def test_the_same_number_in_another_series_is_fine(editor, publication_index):
    first, second = (
        f.SeriesPageFactory(parent=publication_index),
        f.SeriesPageFactory(parent=publication_index),
    )
    f.PublicationPageFactory(parent=publication_index, series=first, series_number=1)
    page = f.PublicationPageFactory(parent=publication_index)
    response = save_draft(editor, page, publication_form(page, series=second.pk, series_number=1))
    assert response.status_code == 302


def test_a_topic_whose_name_slugs_like_another_is_refused_with_a_message(editor, db):
    Topic.objects.create(name="Trade & Security")
    url = reverse("wagtailsnippets_topics_topic:add")
    data = {"name": "Trade Security", "slug": "", "kind": "theme", "description": rich_text("")}
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Another topic already has this address" in response.content.decode()
    assert Topic.objects.count() == 1
