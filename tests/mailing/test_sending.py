"""The sender: each recipient once, retries with backoff on temporary failures, never a page
that is not public when the message goes, nobody who left in the meantime."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from imprint.mailing import services
from imprint.mailing.models import OutboundMessage, OutboundStatus, Status, Subscription
from imprint.mailing.sending import outbound_claim, outbound_send
from tests import factories as f

from .helpers import confirmed_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(home):
    return confirmed_subscriber("reader@example.org")


@pytest.fixture
def brief(publication_index):
    return f.PublicationPageFactory(parent=publication_index, title="Sea lanes")


def _send() -> int:
    return outbound_send(holder="test-sender")


def test_each_recipient_gets_a_publication_once_however_often_it_is_announced(
    mailbox, reader, brief
):
    assert services.publication_announce(page_id=brief.pk) == 1
    services.publication_announce(page_id=brief.pk)
    assert _send() == 1
    services.publication_announce(page_id=brief.pk)
    assert _send() == 0
    assert len(mailbox.messages) == 1


def test_a_reader_on_two_matching_lists_gets_one_message(mailbox, home, publication_index):
    topic = f.TopicFactory(name="Shipping")
    confirmed_subscriber("both@example.org", ["all", f"topic-{topic.pk}"])
    page = f.PublicationPageFactory(parent=publication_index, live=False)
    page.topics.add(topic)
    page.save_revision().publish()
    services.publication_announce(page_id=page.pk)
    _send()
    [message] = mailbox.messages
    assert "All new publications, Shipping" in message.get_body(("plain",)).get_content()


def test_a_topic_list_gets_only_its_topics_publications(mailbox, home, publication_index):
    energy, trade = f.TopicFactory(name="Energy"), f.TopicFactory(name="Trade")
    confirmed_subscriber("energy@example.org", [f"topic-{energy.pk}"])
    on_trade = f.PublicationPageFactory(parent=publication_index, live=False)
    on_trade.topics.add(trade)
    on_trade.save_revision().publish()
    services.publication_announce(page_id=on_trade.pk)
    assert _send() == 0 and mailbox.messages == []


def test_a_temporary_failure_is_retried_later_and_sent_once(mailbox, reader, brief, settings):
    settings.IMPRINT_MAILING_RETRY_SECONDS = 600
    mailbox.refuse = ["451 4.3.0 Try again later"]
    services.publication_announce(page_id=brief.pk)
    assert _send() == 0
    row = OutboundMessage.objects.get(kind="publication")
    assert row.status == OutboundStatus.QUEUED and row.attempts == 1
    assert row.next_attempt_at > timezone.now() + datetime.timedelta(seconds=500)
    assert _send() == 0  # not before its time
    OutboundMessage.objects.filter(kind="publication").update(next_attempt_at=timezone.now())
    assert _send() == 1
    assert len(mailbox.messages) == 1
    assert OutboundMessage.objects.get(kind="publication").status == OutboundStatus.SENT


def test_a_permanent_failure_is_not_retried(mailbox, reader, brief):
    mailbox.refuse = ["550 5.1.1 No such mailbox"]
    services.publication_announce(page_id=brief.pk)
    _send()
    row = OutboundMessage.objects.get(kind="publication")
    assert row.status == OutboundStatus.FAILED and "550" in row.last_error


def test_a_row_held_by_a_live_sender_is_not_taken_by_another(reader, brief):
    OutboundMessage.objects.all().delete()  # the confirmation, not this test's subject
    services.publication_announce(page_id=brief.pk)
    [claimed] = outbound_claim(holder="first", limit=10)
    assert outbound_claim(holder="second", limit=10) == []
    # Its sender died: once the lease is over, another takes it, with the same Message-ID.
    OutboundMessage.objects.filter(kind="publication").update(
        lease_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    [again] = outbound_claim(holder="second", limit=10)
    assert again.message_id == claimed.message_id and again.attempts == 2


def test_a_page_no_longer_public_when_its_turn_comes_is_not_sent(
    mailbox, reader, brief, django_capture_on_commit_callbacks
):
    services.publication_announce(page_id=brief.pk)
    # Made private, and committed (readers' caches move on at the commit).
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=brief, restriction_type="login")
    assert _send() == 0 and mailbox.messages == []
    assert OutboundMessage.objects.get(kind="publication").status == OutboundStatus.CANCELLED


def test_a_reader_who_left_before_the_send_gets_nothing(mailbox, reader, brief):
    services.publication_announce(page_id=brief.pk)
    services.subscriber_unsubscribe(subscriber=reader, source="test")
    assert _send() == 0 and mailbox.messages == []


@pytest.mark.parametrize("kind", ["draft", "password", "old"])
def test_pages_that_are_not_new_and_public_are_never_announced(reader, publication_index, kind):
    page = f.PublicationPageFactory(parent=publication_index, live=kind != "draft")
    if kind == "password":
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    if kind == "old":
        page.first_published_at = timezone.now() - datetime.timedelta(days=30)
        page.save(update_fields=["first_published_at"])
    assert services.publication_announce(page_id=page.pk) == 0
    assert not OutboundMessage.objects.filter(kind="publication").exists()


def test_a_suppressed_address_gets_nothing(mailbox, reader, brief):
    reader.suppressed = True
    reader.save()
    services.publication_announce(page_id=brief.pk)
    assert _send() == 0 and mailbox.messages == []
    assert Subscription.objects.get().status == Status.CONFIRMED


def test_a_message_whose_senders_keep_dying_ends_failed(reader, brief, settings):
    OutboundMessage.objects.all().delete()
    services.publication_announce(page_id=brief.pk)
    OutboundMessage.objects.update(
        status=OutboundStatus.SENDING,
        attempts=settings.IMPRINT_MAILING_MAX_ATTEMPTS,
        lease_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert outbound_claim(holder="next", limit=10) == []
    assert OutboundMessage.objects.get().status == OutboundStatus.FAILED


def test_a_row_handed_over_by_a_sender_that_died_is_marked_sent_not_sent_again(
    mailbox, reader, brief
):
    OutboundMessage.objects.all().delete()
    services.publication_announce(page_id=brief.pk)
    [row] = outbound_claim(holder="killed", limit=10)
    # It died after the hand-over, before marking the row sent: the server has the message.
    OutboundMessage.objects.filter(pk=row.pk).update(
        handed_at=timezone.now(), lease_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert _send() == 0 and mailbox.messages == []
    row.refresh_from_db()
    assert row.status == OutboundStatus.SENT and "handing it over" in row.last_error


def test_a_sender_whose_row_was_taken_over_drops_it_before_the_final_line(
    mailbox, reader, brief, monkeypatch
):
    """The hand-over is refused (another sender claimed the row after this one's lease ran
    out): the connection closes mid-DATA and the server keeps nothing."""
    from imprint.mailing import sending

    OutboundMessage.objects.all().delete()
    services.publication_announce(page_id=brief.pk)
    [row] = outbound_claim(holder="slow", limit=10)
    real_build = sending._build

    def build_then_lose_the_row(row, memo):
        message = real_build(row, memo)
        OutboundMessage.objects.filter(pk=row.pk).update(claimed_by="the-next-sender")
        return message

    monkeypatch.setattr(sending, "_build", build_then_lose_the_row)
    connection = sending.get_connection()
    assert sending._deliver(row, "slow", connection, sending.Memo()) == 0
    connection.close()
    assert mailbox.messages == []
    row.refresh_from_db()
    assert row.claimed_by == "the-next-sender" and row.handed_at is None
