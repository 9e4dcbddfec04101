"""A reader signs up, confirms from the email, gets new publications and leaves in one click:
all of it over real SMTP, parsed as it arrived, the links followed with the test client."""

from __future__ import annotations

import pytest

from imprint.mailing.models import ConsentEvent, Status, Subscription

from .conftest import html_part, links, text_part
from .helpers import draft, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Run on-commit work (the tasks) at once, as the worker would after the commit."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def _signup(client, capture, address: str, lists=("all",)):
    return capture(client.post, "/subscribe/", {"email": address, "lists": list(lists)})


def test_a_reader_signs_up_confirms_receives_and_leaves_with_one_click(
    client, capture, mailbox, publication_index
):
    response = _signup(client, capture, "Reader@Example.ORG")
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()

    [confirmation] = mailbox.to("Reader@example.org")
    assert confirmation.get_content_type() == "multipart/alternative"
    assert "List-Unsubscribe" not in confirmation  # not on any list yet
    [confirm_path] = links(confirmation, "confirm")
    assert confirm_path in html_part(confirmation)
    # The link shows a button; only pressing it confirms (link scanners do not press).
    assert client.get(confirm_path).status_code == 200
    assert Subscription.objects.get().status == Status.PENDING
    assert "You are subscribed" in client.post(confirm_path).content.decode()
    assert Subscription.objects.get().status == Status.CONFIRMED

    mailbox.clear()
    capture(publish, draft(publication_index, title="Alliance costs in the Pacific"))
    [news] = mailbox.to("Reader@example.org")
    assert news["Subject"] == "Alliance costs in the Pacific"
    assert news.get_content_type() == "multipart/alternative"
    assert news["Message-ID"] and news["Date"]
    assert news["List-Id"].startswith("All new publications <list-")
    assert news["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [unsubscribe_path] = links(news, "unsubscribe")
    assert f"{unsubscribe_path}>" in news["List-Unsubscribe"]
    assert "Alliance costs in the Pacific" in html_part(news)
    assert "/publications/" in text_part(news)

    # What a mail provider sends for RFC 8058: a POST, no cookie, no CSRF token.
    response = client.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.get().status == Status.UNSUBSCRIBED
    mailbox.clear()
    capture(publish, draft(publication_index, title="After leaving"))
    assert mailbox.messages == []
    actions = list(ConsentEvent.objects.values_list("action", flat=True))
    assert actions == ["signup", "confirm", "unsubscribe"]


def test_a_confirmation_link_works_once(client, capture, mailbox, home):
    _signup(client, capture, "once@example.org")
    [confirm_path] = links(mailbox.messages[0], "confirm")
    assert client.post(confirm_path).status_code == 200
    replay = client.post(confirm_path)
    assert replay.status_code == 400
    assert "already used" in replay.content.decode()


def test_an_unconfirmed_subscriber_receives_no_publication(
    client, capture, mailbox, publication_index
):
    _signup(client, capture, "pending@example.org")
    mailbox.clear()
    capture(publish, draft(publication_index))
    assert mailbox.messages == []


def test_the_get_of_an_unsubscribe_link_changes_nothing(
    client, capture, mailbox, publication_index
):
    _signup(client, capture, "stay@example.org")
    client.post(links(mailbox.messages[0], "confirm")[0])
    mailbox.clear()
    capture(publish, draft(publication_index))
    [unsubscribe_path] = links(mailbox.messages[0], "unsubscribe")
    page = client.get(unsubscribe_path)
    assert page.status_code == 200 and "Unsubscribe from" in page.content.decode()
    client.head(unsubscribe_path)
    assert Subscription.objects.get().status == Status.CONFIRMED
