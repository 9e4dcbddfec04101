"""Journal issue alerts: a journal's readers get one message per issue, listing its public
articles, never one per article."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from imprint.mailing.issues import issue_announce
from imprint.mailing.models import OutboundMessage, OutboundStatus
from imprint.mailing.sending import outbound_send
from tests import factories as f

from .conftest import html_part, text_part
from .helpers import confirmed_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerts(settings):
    """Alerts due at once (the delay has its own test)."""
    settings.IMPRINT_MAILING_ISSUE_DELAY_SECONDS = 0


@pytest.fixture
def delayed(settings):
    """Alerts wait, as by default: every article published in the test makes it in; the
    test's ``_send`` makes them due."""
    settings.IMPRINT_MAILING_ISSUE_DELAY_SECONDS = 900


def _article(issue, title: str, live: bool = True):
    article = f.ArticlePageFactory(parent=issue, title=title, live=False)
    if live:
        article.save_revision().publish()
    return article


def _send() -> int:
    OutboundMessage.objects.filter(status="queued").update(next_attempt_at=timezone.now())
    return outbound_send(holder="test-sender")


def test_a_journal_reader_gets_one_message_per_issue_with_its_public_articles(
    mailbox, client, journal, issue, delayed, django_capture_on_commit_callbacks
):
    reader = confirmed_subscriber("reader@example.org", [f"journal-{journal.pk}"])
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the publish signals' tasks run
        for title in ("Deterrence at sea", "Fishing fleets", "Port politics"):
            _article(issue, title)
        _article(issue, "Unfinished draft", live=False)
    assert _send() == 1
    [message] = mailbox.to(reader.email)
    assert message["Subject"] == f"{journal.title}: {issue.title}"
    text = text_part(message)
    for title in ("Deterrence at sea", "Fishing fleets", "Port politics"):
        assert title in text and title in html_part(message)
    assert "Unfinished draft" not in text
    assert message["List-Id"].startswith(journal.title)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    article_url = next(line.strip() for line in text.splitlines() if "deterrence" in line)
    assert client.get(article_url.split("testserver", 1)[-1]).status_code == 200
    # Publishing another article later sends nothing more: the issue was announced.
    with django_capture_on_commit_callbacks(execute=True):
        _article(issue, "Late addition")
    assert _send() == 0 and len(mailbox.messages) == 1


def test_readers_of_all_publications_still_get_each_article(
    mailbox, journal, issue, delayed, django_capture_on_commit_callbacks
):
    confirmed_subscriber("all@example.org", ["all"])
    confirmed_subscriber("journal@example.org", [f"journal-{journal.pk}"])
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _article(issue, "First article")
        _article(issue, "Second article")
    _send()
    assert sorted(m["Subject"] for m in mailbox.to("all@example.org")) == [
        "First article",
        "Second article",
    ]
    assert [m["Subject"] for m in mailbox.to("journal@example.org")] == [
        f"{journal.title}: {issue.title}"
    ]


def test_the_alert_waits_so_articles_published_one_after_another_are_in_it(
    mailbox, journal, issue, settings
):
    settings.IMPRINT_MAILING_ISSUE_DELAY_SECONDS = 900
    confirmed_subscriber("reader@example.org", [f"journal-{journal.pk}"])
    mailbox.clear()
    _article(issue, "The first")
    assert issue_announce(issue_id=issue.pk) == 1
    assert outbound_send(holder="early") == 0  # not yet due
    row = OutboundMessage.objects.get(kind="issue")
    assert row.next_attempt_at > timezone.now() + datetime.timedelta(minutes=14)
    _article(issue, "The second, ten minutes later")
    assert _send() == 1
    assert "The second, ten minutes later" in text_part(mailbox.messages[0])


def test_an_issue_with_no_public_article_is_not_announced_yet(journal, issue, alerts):
    confirmed_subscriber("reader@example.org", [f"journal-{journal.pk}"])
    _article(issue, "Still a draft", live=False)
    assert issue_announce(issue_id=issue.pk) == 0
    _article(issue, "Now public")
    assert issue_announce(issue_id=issue.pk) == 1


def test_an_issue_made_private_before_its_alert_goes_is_not_sent(
    mailbox, journal, issue, alerts, django_capture_on_commit_callbacks
):
    confirmed_subscriber("reader@example.org", [f"journal-{journal.pk}"])
    mailbox.clear()
    _article(issue, "Embargo breaker")
    issue_announce(issue_id=issue.pk)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=issue, restriction_type="login")
    assert _send() == 0 and mailbox.messages == []
    assert OutboundMessage.objects.get(kind="issue").status == OutboundStatus.CANCELLED
