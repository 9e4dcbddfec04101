"""Campaigns: a page mailed once to chosen lists at a chosen time, with a test to the editor
first. No permission checks here: the admin views check them.

A campaign is queued once (a conditional UPDATE from "scheduled" in the same transaction as its
rows, so a worker killed halfway leaves either nothing or all of it) and only when its page is
live and public then; each message checks that again when it is sent (sending.py) and carries
the page's title, summary and link only (rendering.campaign_context).
"""

from __future__ import annotations

import datetime

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from imprint.publications.selectors import public_page

from .models import (
    Campaign,
    CampaignStatus,
    MessageKind,
    OutboundMessage,
    OutboundStatus,
    Status,
    Subscription,
)
from .rendering import campaign_test_message
from .services import new_message_id, wake_sender


class CampaignRefused(Exception):
    """What the editor asked cannot be done now; the message says why."""


def campaign_page(campaign: Campaign) -> Page | None:
    """The campaign's page if it is live and public now, else None."""
    page = public_page(Page, pk=campaign.page_id)
    return page.specific if page is not None else None


def campaign_send_test(*, campaign: Campaign, to: str) -> None:
    """Mail the campaign to ``to`` now, as subscribers will see it (links excepted)."""
    if not to:
        raise CampaignRefused("Your account has no email address: add one in your account.")
    page = campaign_page(campaign)
    if page is None:
        raise CampaignRefused(_NOT_PUBLIC)
    message = campaign_test_message(campaign, page, to=to)
    message.connection = get_connection()
    message.send()


_NOT_PUBLIC = (
    "The page is not live and public: publish it (without a password or login restriction) "
    "first. Mail never carries a page readers cannot open."
)


def campaign_recipients(campaign: Campaign):
    """Subscriber ids that would receive the campaign now (confirmed, not suppressed)."""
    return (
        Subscription.objects.filter(
            mailing_list__in=campaign.lists.all(),
            status=Status.CONFIRMED,
            subscriber__suppressed=False,
        )
        .values_list("subscriber_id", flat=True)
        .distinct()
    )


def campaign_schedule(*, campaign: Campaign) -> None:
    """Schedule the campaign at its ``send_at`` (now when empty); it goes when the worker's
    clock next looks, at once when due."""
    if campaign.status not in (CampaignStatus.DRAFT, CampaignStatus.SCHEDULED):
        raise CampaignRefused("This campaign was already sent or cancelled; copy it to send again.")
    if not campaign.lists.exists():
        raise CampaignRefused("Choose at least one list to send to.")
    if campaign_page(campaign) is None and _due(campaign):
        raise CampaignRefused(_NOT_PUBLIC)
    campaign.send_at = campaign.send_at or timezone.now()
    campaign.status = CampaignStatus.SCHEDULED
    campaign.note = ""
    campaign.save(update_fields=["send_at", "status", "note"])
    if _due(campaign):
        from .tasks import campaign_queue_task

        campaign_id = campaign.pk
        transaction.on_commit(lambda: campaign_queue_task.enqueue(campaign_id))


def _due(campaign: Campaign) -> bool:
    return campaign.send_at is None or campaign.send_at <= timezone.now()


def campaign_cancel(*, campaign: Campaign) -> int:
    """Stop the campaign: not yet queued, it never goes; queued, the messages not yet sent are
    cancelled. Returns how many messages were cancelled."""
    with transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(
            status=CampaignStatus.CANCELLED, note="Cancelled by an editor."
        )
        return OutboundMessage.objects.filter(
            campaign=campaign, status=OutboundStatus.QUEUED
        ).update(status=OutboundStatus.CANCELLED, last_error="the campaign was cancelled")


def campaigns_queue_due(*, now: datetime.datetime | None = None) -> int:
    """Queue every scheduled campaign whose time has come; returns how many messages."""
    now = now or timezone.now()
    due = Campaign.objects.filter(status=CampaignStatus.SCHEDULED, send_at__lte=now)
    return sum(campaign_queue(campaign_id=pk) for pk in due.values_list("pk", flat=True))


def campaign_queue(*, campaign_id: int) -> int:
    """Queue the campaign's messages, once: returns how many (0 when it is not due, was
    queued already, or its page is not public now, which cancels it with a note)."""
    now = timezone.now()
    with transaction.atomic():
        taken = Campaign.objects.filter(
            pk=campaign_id, status=CampaignStatus.SCHEDULED, send_at__lte=now
        ).update(status=CampaignStatus.SENDING, queued_at=now)
        if not taken:
            return 0
        campaign = Campaign.objects.get(pk=campaign_id)
        if campaign_page(campaign) is None:
            campaign.status = CampaignStatus.CANCELLED
            campaign.note = "Not sent: the page was not live and public at the send time."
            campaign.save(update_fields=["status", "note"])
            return 0
        count = _insert_rows(campaign)
        Campaign.objects.filter(pk=campaign_id).update(recipients=count)
    if count:
        wake_sender()
    return count


def _insert_rows(campaign: Campaign) -> int:
    """One row per recipient, with every chosen list they are on (for the unsubscribe link),
    streamed in subscriber order so memory stays flat whatever the list size."""
    subs = (
        Subscription.objects.filter(
            mailing_list__in=campaign.lists.all(),
            status=Status.CONFIRMED,
            subscriber__suppressed=False,
        )
        .order_by("subscriber_id", "mailing_list_id")
        .values_list("subscriber_id", "mailing_list_id")
    )
    count, batch, current, lists = 0, [], None, []
    for subscriber_id, list_id in subs.iterator(chunk_size=5000):
        if subscriber_id != current and current is not None:
            batch.append(_row(campaign, current, lists))
            lists = []
        current = subscriber_id
        lists.append(list_id)
        if len(batch) >= 1000:
            count += _flush(batch)
    if current is not None:
        batch.append(_row(campaign, current, lists))
    return count + _flush(batch)


def _row(campaign: Campaign, subscriber_id: int, lists: list[int]) -> OutboundMessage:
    return OutboundMessage(
        subscriber_id=subscriber_id,
        key=f"campaign:{campaign.pk}",
        kind=MessageKind.CAMPAIGN,
        page_id=campaign.page_id,
        campaign=campaign,
        lists=lists,
        message_id=new_message_id(),
    )


def _flush(batch: list[OutboundMessage]) -> int:
    OutboundMessage.objects.bulk_create(batch, ignore_conflicts=True)
    count = len(batch)
    batch.clear()
    return count
