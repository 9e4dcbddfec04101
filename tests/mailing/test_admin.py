"""Editors see every list with its confirmed subscribers and add lists of their own."""

from __future__ import annotations

import pytest

from imprint.mailing.models import ListKind, MailingList

from .helpers import confirmed_subscriber

pytestmark = pytest.mark.django_db


def test_editors_see_the_lists_and_their_confirmed_subscribers(admin_client, home):
    confirmed_subscriber("one@example.org")
    response = admin_client.get("/admin/snippets/mailing/mailinglist/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "All new publications" in body


def test_a_list_an_editor_makes_is_offered_to_readers(admin_client, client, home):
    response = admin_client.post(
        "/admin/snippets/mailing/mailinglist/add/",
        {"name": "Press releases", "slug": "press", "is_active": "on"},
    )
    assert response.status_code == 302
    made = MailingList.objects.get(slug="press")
    assert made.kind == ListKind.CUSTOM
    assert f'value="list-{made.pk}"' in client.get("/subscribe/").content.decode()
    MailingList.objects.filter(pk=made.pk).update(is_active=False)
    assert "Press releases" not in client.get("/subscribe/").content.decode()
