"""Daily and weekly digests: the period's new public publications, once, to those who chose
that frequency."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from imprint.mailing.digests import Daily, digest_queue
from imprint.mailing.models import Frequency, Subscription
from imprint.mailing.sending import outbound_send
from tests import factories as f

from .conftest import html_part, links, text_part
from .helpers import confirmed_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def daily_reader(home):
    subscriber = confirmed_subscriber("daily@example.org")
    Subscription.objects.filter(subscriber=subscriber).update(frequency=Frequency.DAILY)
    return subscriber


def _digest(now=None) -> int:
    return digest_queue(frequency="daily", period_end=now or timezone.now())


def test_a_daily_digest_lists_the_days_public_publications_once(
    mailbox, daily_reader, publication_index
):
    confirmed_subscriber("now@example.org")  # asked for mail at once: not in the digest
    f.PublicationPageFactory(parent=publication_index, title="Fish stocks")
    f.PublicationPageFactory(parent=publication_index, title="Port fees")
    hidden = f.PublicationPageFactory(parent=publication_index, title="Board secret")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    f.PublicationPageFactory(parent=publication_index, title="Unpublished", live=False)
    mailbox.clear()
    end = timezone.now() + datetime.timedelta(seconds=1)
    assert _digest(end) == 1
    assert _digest(end) == 1  # queued again: nothing new
    outbound_send(holder="test")
    [digest] = mailbox.to("daily@example.org")
    assert digest["Subject"].endswith("2 new publications this day")
    assert digest.get_content_type() == "multipart/alternative"
    for part in (text_part(digest), html_part(digest)):
        assert "Fish stocks" in part and "Port fees" in part
        assert "Board secret" not in part and "Unpublished" not in part
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert links(digest, "unsubscribe")
    assert mailbox.to("now@example.org") == []


def test_publications_of_an_earlier_day_are_not_in_the_digest(daily_reader, publication_index):
    f.PublicationPageFactory(parent=publication_index)
    assert _digest(timezone.now() + datetime.timedelta(days=2)) == 0


def test_a_page_made_private_before_the_digest_goes_is_left_out(
    mailbox, daily_reader, publication_index
):
    kept = f.PublicationPageFactory(parent=publication_index, title="Kept")
    gone = f.PublicationPageFactory(parent=publication_index, title="Withdrawn")
    _digest(timezone.now() + datetime.timedelta(seconds=1))
    gone.unpublish()
    mailbox.clear()
    outbound_send(holder="test")
    [digest] = mailbox.messages
    assert kept.title in text_part(digest) and gone.title not in text_part(digest)


def test_the_daily_schedule_runs_at_its_hour_in_the_institutes_zone(settings):
    settings.TIME_ZONE = "Asia/Seoul"
    schedule = Daily(datetime.time(8))
    now = datetime.datetime(2026, 3, 2, 0, 30, tzinfo=datetime.UTC)  # 09:30 in Seoul
    assert schedule.slot(now) == datetime.datetime(2026, 3, 1, 23, 0, tzinfo=datetime.UTC)
    assert schedule.slot(now + datetime.timedelta(hours=7)) is None  # past its grace


def test_the_worker_runs_the_sender_and_both_digests():
    from imprint.core.scheduler import default_jobs

    names = {job.name: job.task_path for job in default_jobs()}
    assert names["mailing_send"].endswith("outbound_send_task")
    assert names["mailing_digest_daily"] != names["mailing_digest_weekly"]
