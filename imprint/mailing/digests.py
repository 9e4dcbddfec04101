"""Daily and weekly digests: every publication first published in the period that is public
now, for each confirmed subscriber of a matching list who asked for that frequency."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from imprint.publications.models import PublicationPage
from imprint.publications.selectors import live_in_site

from .models import Frequency, MessageKind, OutboundMessage, Status, Subscription
from .services import matching_lists, new_message_id, wake_sender

PERIODS = {
    Frequency.DAILY: datetime.timedelta(days=1),
    Frequency.WEEKLY: datetime.timedelta(days=7),
}


@dataclass(frozen=True)
class Daily:
    """Every day at a wall-clock time in the institute's zone (a ``core.scheduler`` schedule);
    a slot missed while no worker ran is taken up for ``grace``, then skipped."""

    at: datetime.time
    grace: datetime.timedelta = datetime.timedelta(hours=6)

    def slot(self, now: datetime.datetime) -> datetime.datetime | None:
        zone = ZoneInfo(settings.TIME_ZONE)
        local = now.astimezone(zone)
        day = local.date()
        if datetime.datetime.combine(day, self.at, tzinfo=zone) > local:
            day -= datetime.timedelta(days=1)
        candidate = datetime.datetime.combine(day, self.at, tzinfo=zone).astimezone(datetime.UTC)
        return candidate if now - candidate <= self.grace else None


def digest_queue(*, frequency: str, period_end: datetime.datetime) -> int:
    """Queue the digest of the period ending at ``period_end``; returns how many messages.
    Safe to repeat: the key names the period, so each recipient gets it once."""
    start = period_end - PERIODS[frequency]
    new = PublicationPage.objects.filter(
        first_published_at__gte=start, first_published_at__lt=period_end
    )
    pages = list(live_in_site(new, None).specific().order_by("-first_published_at", "-pk"))
    lists_of = {page.pk: {m.pk for m in matching_lists(page)} for page in pages}
    wanted = set().union(*lists_of.values()) if lists_of else set()
    subs = (
        Subscription.objects.filter(
            mailing_list_id__in=wanted,
            status=Status.CONFIRMED,
            frequency=frequency,
            subscriber__suppressed=False,
        )
        .order_by("subscriber_id", "mailing_list_id")
        .values_list("subscriber_id", "mailing_list_id")
    )
    key = f"digest:{frequency}:{period_end:%Y-%m-%dT%H:%M}"

    def row(subscriber_id: int, lists: set[int]) -> OutboundMessage:
        return OutboundMessage(
            subscriber_id=subscriber_id,
            key=key,
            kind=MessageKind.DIGEST,
            lists=sorted(lists),
            pages=[p.pk for p in pages if lists_of[p.pk] & lists],
            message_id=new_message_id(),
        )

    # Streamed in subscriber order, a thousand rows at a time: memory stays flat whatever the
    # number of subscribers (bench/mailing). In one transaction: on SQLite, writing while a
    # read of the same connection is open fails at once ("database is locked") as soon as
    # another process (the sender) has written since; the transaction takes the write lock
    # first, and a worker killed halfway leaves nothing half-queued.
    queued, batch, current, lists = 0, [], None, set()
    with transaction.atomic():
        for subscriber_id, list_id in subs.iterator(chunk_size=5000):
            if subscriber_id != current and current is not None:
                batch.append(row(current, lists))
                lists = set()
            current = subscriber_id
            lists.add(list_id)
            if len(batch) >= 1000:
                OutboundMessage.objects.bulk_create(batch, ignore_conflicts=True)
                queued, batch = queued + len(batch), []
        if current is not None:
            batch.append(row(current, lists))
        OutboundMessage.objects.bulk_create(batch, ignore_conflicts=True)
        queued += len(batch)
    if queued:
        wake_sender()
    return queued
