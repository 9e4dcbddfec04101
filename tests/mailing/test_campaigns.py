"""Campaigns: an editor mails a page once to chosen lists, tests it on themselves first,
schedules it in the institute's time zone, and sees sent, failed and bounced counts after."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import TestCase
from wagtail.models import PageViewRestriction

from imprint.mailing import services
from imprint.mailing.bounces import address_suppress
from imprint.mailing.campaigns import campaigns_queue_due
from imprint.mailing.models import Campaign, OutboundMessage, Subscriber
from imprint.mailing.sending import outbound_send
from tests import factories as f

from .conftest import text_part
from .helpers import confirmed_subscriber

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def world(home, publication_index, settings, admin_user):
    settings.TIME_ZONE = "Asia/Seoul"
    admin_user.email = "editor@example.org"
    admin_user.save()
    energy = f.TopicFactory(name="Energy")
    confirmed_subscriber("ana@example.org", ["all", f"topic-{energy.pk}"])
    confirmed_subscriber("ben@example.org", [f"topic-{energy.pk}"])
    confirmed_subscriber("cy@example.org", ["all"])  # not on the chosen list
    services.subscriber_signup(  # pending: never mailed
        email="dee@example.org", lists=services.mailing_lists_for(["all"]), source="test"
    )
    page = f.PublicationPageFactory(
        parent=publication_index, title="Energy outlook", summary="<p>Prices and pipelines.</p>"
    )
    lists = services.mailing_lists_for(["all", f"topic-{energy.pk}"])
    return {"page": page, "all": lists[0], "energy": lists[1]}


def _create(admin_client, world, **fields) -> Campaign:
    data = {
        "page": world["page"].pk,
        "subject": "",
        "introduction": "Our outlook for the winter.",
        "lists": [world["energy"].pk],
        "send_at": "",
        **fields,
    }
    response = admin_client.post("/admin/snippets/mailing/campaign/add/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return Campaign.objects.latest("pk")


def _act(admin_client, campaign: Campaign, action: str, *, run: bool = True):
    """Click a button; what the click asks of the worker after its commit runs then (unless
    ``run`` is False: then the test queues and sends at its own pace)."""
    with TestCase.captureOnCommitCallbacks(execute=run):
        url = f"/admin/mailing/campaigns/{campaign.pk}/{action}/"
        return admin_client.post(url, follow=True)


def _sent(mailbox) -> None:
    outbound_send(holder="test")
    mailbox.clear()


def test_an_editor_tests_a_campaign_on_themselves_then_it_goes_once_to_each_subscriber(
    admin_client, world, mailbox
):
    _sent(mailbox)
    campaign = _create(admin_client, world, lists=[world["energy"].pk, world["all"].pk])
    page = admin_client.get(f"/admin/mailing/campaigns/{campaign.pk}/").content.decode()
    assert "3 confirmed subscribers now" in page  # ana (on both lists), ben, cy
    _act(admin_client, campaign, "test")
    [test] = mailbox.messages
    assert test["To"] == "editor@example.org" and test["Subject"] == "[Test] Energy outlook"
    assert "Our outlook for the winter." in text_part(test) and "List-Unsubscribe" not in test
    mailbox.clear()
    _act(admin_client, campaign, "schedule")  # no time given: now
    outbound_send(holder="test")
    assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == [
        "ana@example.org",
        "ben@example.org",
        "cy@example.org",
    ]
    message = mailbox.to("ana@example.org")[0]
    assert message["Subject"] == "Energy outlook"
    assert "Prices and pipelines." in text_part(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    _act(admin_client, campaign, "schedule")  # a second click sends nothing more
    outbound_send(holder="test")
    assert len(mailbox.messages) == 3


def test_a_campaign_is_scheduled_in_the_institutes_time_zone(admin_client, world, mailbox):
    _sent(mailbox)
    campaign = _create(admin_client, world, send_at="2031-03-02 09:00")
    assert campaign.send_at == datetime.datetime(2031, 3, 2, 9, 0, tzinfo=SEOUL)
    page = _act(admin_client, campaign, "schedule").content.decode()
    assert "Scheduled for 2 March 2031, 09:00 (Asia/Seoul)" in page
    with time_machine.travel(datetime.datetime(2031, 3, 2, 8, 59, tzinfo=SEOUL)):
        assert campaigns_queue_due() == 0
    with time_machine.travel(datetime.datetime(2031, 3, 2, 9, 0, 30, tzinfo=SEOUL)):
        world["page"].first_published_at = None  # (the page is public whatever its age)
        assert campaigns_queue_due() == 2
        assert campaigns_queue_due() == 0
        outbound_send(holder="test")
    assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == [
        "ana@example.org",
        "ben@example.org",
    ]


def test_the_history_counts_sent_failed_and_bounced(admin_client, world, mailbox):
    _sent(mailbox)
    campaign = _create(admin_client, world)
    mailbox.refuse = ["550 5.1.1 No such mailbox"]  # the first recipient fails
    _act(admin_client, campaign, "schedule")
    outbound_send(holder="test")
    delivered = OutboundMessage.objects.get(campaign=campaign, status="sent")
    address_suppress(
        email=delivered.subscriber.email,
        reason="bounce 5.2.2 mailbox full",
        source="test",
        message_id=delivered.message_id,
    )
    soup = BeautifulSoup(admin_client.get("/admin/snippets/mailing/campaign/").content, "lxml")
    headings = [th.get_text(" ", strip=True) for th in soup.select("thead th")]
    row = [td.get_text(" ", strip=True) for td in soup.select("tbody tr")[0].select("td")]
    counts = dict(zip(headings, row, strict=False))
    assert (counts["Recipients"], counts["Sent"], counts["Failed"], counts["Bounced"]) == (
        "2",
        "1",
        "1",
        "1",
    ), counts


def test_a_page_that_is_not_public_is_never_mailed(admin_client, world, mailbox, publication_index):
    _sent(mailbox)
    draft = f.PublicationPageFactory(parent=publication_index, title="Draft plan", live=False)
    campaign = _create(admin_client, world, page=draft.pk)
    assert "not live and public" in _act(admin_client, campaign, "test").content.decode()
    assert "not live and public" in _act(admin_client, campaign, "schedule").content.decode()
    assert mailbox.messages == [] and Campaign.objects.get(pk=campaign.pk).status == "draft"


def test_a_page_made_private_before_the_send_time_cancels_the_campaign(
    admin_client, world, mailbox, django_capture_on_commit_callbacks
):
    _sent(mailbox)
    campaign = _create(admin_client, world, send_at="2031-03-02 09:00")
    _act(admin_client, campaign, "schedule")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=world["page"], restriction_type="login")
    with time_machine.travel(datetime.datetime(2031, 3, 2, 9, 1, tzinfo=SEOUL)):
        assert campaigns_queue_due() == 0
    campaign.refresh_from_db()
    assert campaign.status == "cancelled" and "not live and public" in campaign.note
    outbound_send(holder="test")
    assert mailbox.messages == []


def test_a_page_made_private_while_the_campaign_is_sending_stops_the_rest(
    admin_client, world, mailbox, django_capture_on_commit_callbacks
):
    _sent(mailbox)
    campaign = _create(admin_client, world)
    _act(admin_client, campaign, "schedule", run=False)
    assert campaigns_queue_due() == 2
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=world["page"], restriction_type="login")
    assert outbound_send(holder="test") == 0 and mailbox.messages == []
    assert set(campaign.messages.values_list("status", flat=True)) == {"cancelled"}


def test_a_cancelled_campaign_sends_nothing_more(admin_client, world, mailbox):
    _sent(mailbox)
    campaign = _create(admin_client, world)
    _act(admin_client, campaign, "schedule", run=False)
    assert campaigns_queue_due() == 2
    assert "2 messages not yet sent" in _act(admin_client, campaign, "cancel").content.decode()
    outbound_send(holder="test")
    assert mailbox.messages == []
    assert Subscriber.objects.filter(suppressed=True).count() == 0
