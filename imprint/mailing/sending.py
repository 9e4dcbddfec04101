"""The sender: claims queued rows, sends each through Django's email backend, marks it sent.

Exactly once, as far as SMTP allows. A row is claimed with one conditional UPDATE (``sending``,
a holder and a lease), sent, then marked ``sent`` by the same holder; a second sender never
claims a row another holds. The one window left is SMTP's own: if the process dies after the
server accepted the message and before ``sent`` is committed, the row's lease runs out and it
is sent again, with the same Message-ID (receiving systems may fold the two). That window is the
time of one UPDATE; a kill anywhere else sends nobody anything twice.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import time

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone

from imprint.publications.models import PublicationPage
from imprint.publications.selectors import live_in_site, public_page

from .models import MessageKind, OutboundMessage, OutboundStatus, Status, Subscription
from .rendering import confirmation_message, digest_message, publication_message

logger = logging.getLogger(__name__)


class Undeliverable(Exception):
    """The message no longer has a reason to go (unsubscribed, page no longer public)."""


def _claimable(now: datetime.datetime) -> Q:
    waiting = Q(status=OutboundStatus.QUEUED, next_attempt_at__lte=now)
    lost = Q(status=OutboundStatus.SENDING, lease_until__lt=now)
    return waiting | lost


def outbound_claim(*, holder: str, limit: int) -> list[OutboundMessage]:
    """Take up to ``limit`` rows for ``holder``: each with one conditional UPDATE, so two
    senders racing for a row leave it to exactly one."""
    now = timezone.now()
    lease = now + datetime.timedelta(seconds=settings.IMPRINT_MAILING_LEASE_SECONDS)
    # A row whose senders kept dying on it (it may be what kills them) ends, failed.
    OutboundMessage.objects.filter(
        status=OutboundStatus.SENDING,
        lease_until__lt=now,
        attempts__gte=settings.IMPRINT_MAILING_MAX_ATTEMPTS,
    ).update(status=OutboundStatus.FAILED, last_error="its senders stopped while sending it")
    candidates = (
        OutboundMessage.objects.filter(_claimable(now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[: limit * 2]
    )
    claimed = []
    for pk in list(candidates):
        taken = OutboundMessage.objects.filter(_claimable(now), pk=pk).update(
            status=OutboundStatus.SENDING,
            claimed_by=holder[:64],
            lease_until=lease,
            attempts=F("attempts") + 1,
        )
        if taken:
            claimed.append(pk)
        if len(claimed) == limit:
            break
    rows = OutboundMessage.objects.filter(pk__in=claimed, claimed_by=holder[:64])
    return list(rows.select_related("subscriber"))


def outbound_send(*, holder: str, budget_seconds: float | None = None) -> int:
    """Send claimed rows until none is due or the time budget is spent; returns how many
    were sent. The pace is at most IMPRINT_MAILING_RATE_PER_SECOND (0: no limit)."""
    budget = (
        settings.IMPRINT_MAILING_SEND_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    )
    rate = settings.IMPRINT_MAILING_RATE_PER_SECOND
    started, sent = time.monotonic(), 0
    connection = get_connection()
    try:
        while time.monotonic() - started < budget:
            rows = outbound_claim(holder=holder, limit=settings.IMPRINT_MAILING_BATCH)
            if not rows:
                break
            for row in rows:
                if rate:
                    _pace(started, sent, rate)
                sent += _deliver(row, holder, connection)
    finally:
        connection.close()
    return sent


def _pace(started: float, sent: int, rate: float) -> None:
    wait = started + sent / rate - time.monotonic()
    if wait > 0:
        time.sleep(wait)


def _deliver(row: OutboundMessage, holder: str, connection) -> int:
    mine = OutboundMessage.objects.filter(
        pk=row.pk, claimed_by=holder[:64], status=OutboundStatus.SENDING
    )
    try:
        message = _build(row)
        message.connection = connection
        message.send()
    except Undeliverable as reason:
        mine.update(status=OutboundStatus.CANCELLED, last_error=str(reason))
        return 0
    except (smtplib.SMTPException, OSError) as error:
        _failed(row, mine, error, connection)
        return 0
    except Exception as error:  # a bug or a broken template: retried, then failed, logged
        logger.exception("Could not build or send mail %s", row.pk)
        _failed(row, mine, error, connection)
        return 0
    mine.update(status=OutboundStatus.SENT, sent_at=timezone.now(), lease_until=None)
    return 1


def _failed(row: OutboundMessage, mine, error: Exception, connection) -> None:
    """A 4xx answer or a lost connection is tried again later (doubling the wait each time);
    a 5xx answer, or too many tries, fails the row."""
    connection.close()  # a broken connection is opened afresh for the next row
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = min((c for c, _ in error.recipients.values()), default=None)
    permanent = code is not None and 500 <= code < 600
    if permanent or row.attempts >= settings.IMPRINT_MAILING_MAX_ATTEMPTS:
        mine.update(status=OutboundStatus.FAILED, last_error=repr(error)[:2000], lease_until=None)
        logger.warning("Mail %s to subscriber %s failed: %r", row.pk, row.subscriber_id, error)
        return
    delay = settings.IMPRINT_MAILING_RETRY_SECONDS * 2 ** (row.attempts - 1)
    mine.update(
        status=OutboundStatus.QUEUED,
        last_error=repr(error)[:2000],
        lease_until=None,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=delay),
    )


def _build(row: OutboundMessage):
    subscriber = row.subscriber
    if subscriber.suppressed:
        raise Undeliverable("the address is suppressed")
    if row.kind == MessageKind.CONFIRM:
        nonce = row.key.partition(":")[2]
        pending = subscriber.subscriptions.filter(status=Status.PENDING, nonce=nonce)
        if not pending.exists():
            raise Undeliverable("nothing waits for this confirmation any more")
        return confirmation_message(row, nonce=nonce)
    lists = _still_on(row)
    if row.kind == MessageKind.DIGEST:
        public = live_in_site(PublicationPage.objects.filter(pk__in=row.pages), None)
        pages = sorted(public.specific(), key=lambda page: row.pages.index(page.pk))
        if not pages:
            raise Undeliverable("none of the digest's pages is live and public any more")
        return digest_message(row, pages=pages, lists=lists)
    page = public_page(PublicationPage, pk=row.page_id)
    if page is None:
        raise Undeliverable("the page is no longer live and public")
    return publication_message(row, page=page.specific, lists=lists)


def _still_on(row: OutboundMessage) -> list[int]:
    """The lists of the message the subscriber is still confirmed on (none: do not send)."""
    lists = list(
        Subscription.objects.filter(
            subscriber_id=row.subscriber_id, mailing_list_id__in=row.lists, status=Status.CONFIRMED
        ).values_list("mailing_list_id", flat=True)
    )
    if not lists:
        raise Undeliverable("the subscriber left these lists")
    return sorted(lists)
