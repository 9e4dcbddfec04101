"""The sender: claims queued rows, sends each through Django's email backend, marks it sent.

Exactly once, as far as SMTP allows. A row is claimed with one conditional UPDATE (``sending``,
a holder and a lease); a second sender never claims a row another holds while its lease runs.

The hand-over. A message becomes the mail server's at one instant: when the server receives
the line "." that ends its DATA (RFC 5321 4.1.1.4; a connection lost before that line leaves
the server nothing). Recording "sent" after the server's "250" (as before) left a window of a
network round trip, the server writing its queue and a commit, in which a killed sender left a
delivered message looking unsent, and it was sent again. Now, through
``imprint.mailing.smtp.EmailBackend``, the sender streams the whole message, then commits
``handed_at`` (only while it still holds the row: the UPDATE is conditional on holder and
state, so a sender whose lease was taken over sends nothing), then writes the final line, then
reads the answer. A sender killed at any point before that commit leaves a row that is claimed
again when its lease ends and sent once, with the same Message-ID; the server dropped the half
message with the connection. A row found with ``handed_at`` whose sender is gone was handed
over and is marked sent, not sent again. What is left is the time between that commit and the
kernel taking the five bytes ".\r\n" (microseconds, no network wait, where the old window held
one): a kill exactly there loses that one message instead of sending it twice. An answer that
refuses the message after the hand-over (4xx, 5xx) undoes it, as before; a connection lost
with no answer after the hand-over is taken as accepted, as a restart would take it.

Backends that cannot show that instant (django-anymail's providers, the console) are handed
over just before the call that sends: a sender killed during that call leaves the message
taken as sent.
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
from wagtail.models import Page

from imprint.publications.models import PublicationPage
from imprint.publications.selectors import live_in_site, public_page

from .issues import issue_contents
from .models import Campaign, MessageKind, OutboundMessage, OutboundStatus, Status, Subscription
from .rendering import (
    Memo,
    campaign_message,
    confirmation_message,
    digest_message,
    issue_message,
    publication_message,
)
from .smtp import HandOverRefused

logger = logging.getLogger(__name__)


class Undeliverable(Exception):
    """The message no longer has a reason to go (unsubscribed, page no longer public)."""


def _lost() -> Q:
    return Q(status=OutboundStatus.SENDING, lease_until__lt=timezone.now())


def _claimable(now: datetime.datetime) -> Q:
    waiting = Q(status=OutboundStatus.QUEUED, next_attempt_at__lte=now)
    lost = Q(status=OutboundStatus.SENDING, lease_until__lt=now, handed_at__isnull=True)
    return waiting | lost


def outbound_settle_lost() -> tuple[int, int]:
    """Decide for rows whose sender stopped: handed over (the server has them): sent; tried
    too often (it may be what kills its senders): failed. Returns (sent, failed)."""
    handed = OutboundMessage.objects.filter(_lost(), handed_at__isnull=False).update(
        status=OutboundStatus.SENT,
        sent_at=F("handed_at"),
        lease_until=None,
        last_error="its sender stopped after handing it over: taken as sent",
    )
    failed = OutboundMessage.objects.filter(
        _lost(), handed_at__isnull=True, attempts__gte=settings.IMPRINT_MAILING_MAX_ATTEMPTS
    ).update(status=OutboundStatus.FAILED, last_error="its senders stopped while sending it")
    return handed, failed


def outbound_claim(*, holder: str, limit: int) -> list[OutboundMessage]:
    """Take up to ``limit`` rows for ``holder`` with one conditional UPDATE: two senders
    racing for a row leave it to exactly one (the loser's WHERE no longer matches it)."""
    outbound_settle_lost()
    now = timezone.now()
    lease = now + datetime.timedelta(seconds=settings.IMPRINT_MAILING_LEASE_SECONDS)
    order = ("next_attempt_at", "pk")
    candidates = list(
        OutboundMessage.objects.filter(_claimable(now))
        .order_by(*order)
        .values_list("pk", flat=True)[:limit]
    )
    if not candidates:
        return []
    OutboundMessage.objects.filter(_claimable(now), pk__in=candidates).update(
        status=OutboundStatus.SENDING,
        claimed_by=holder[:64],
        lease_until=lease,
        handed_at=None,
        attempts=F("attempts") + 1,
    )
    mine = OutboundMessage.objects.filter(
        pk__in=candidates, claimed_by=holder[:64], status=OutboundStatus.SENDING, lease_until=lease
    )
    return list(mine.select_related("subscriber").order_by(*order))


def outbound_send(*, holder: str, budget_seconds: float | None = None) -> int:
    """Send claimed rows until none is due or the time budget is spent (then another run is
    asked for); returns how many were sent. The pace is at most
    IMPRINT_MAILING_RATE_PER_SECOND (0: no limit)."""
    budget = (
        settings.IMPRINT_MAILING_SEND_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    )
    rate = settings.IMPRINT_MAILING_RATE_PER_SECOND
    started, sent, memo = time.monotonic(), 0, Memo()
    connection = get_connection()
    try:
        while True:
            if time.monotonic() - started >= budget:
                from .services import wake_sender

                wake_sender()  # more may be due: the next run goes on at once
                break
            rows = outbound_claim(holder=holder, limit=settings.IMPRINT_MAILING_BATCH)
            if not rows:
                break
            for row in rows:
                if rate:
                    _pace(started, sent, rate)
                sent += _deliver(row, holder, connection, memo)
            _mark_sent(holder)
    finally:
        connection.close()
        _mark_sent(holder)
    return sent


def _mark_sent(holder: str) -> None:
    """Rows this sender handed over and the server accepted: sent (one UPDATE a batch)."""
    OutboundMessage.objects.filter(
        claimed_by=holder[:64], status=OutboundStatus.SENDING, handed_at__isnull=False
    ).update(status=OutboundStatus.SENT, sent_at=F("handed_at"), lease_until=None)


def _pace(started: float, sent: int, rate: float) -> None:
    wait = started + sent / rate - time.monotonic()
    if wait > 0:
        time.sleep(wait)


def _deliver(row: OutboundMessage, holder: str, connection, memo: Memo) -> int:
    mine = OutboundMessage.objects.filter(
        pk=row.pk, claimed_by=holder[:64], status=OutboundStatus.SENDING
    )
    handed = []

    def hand_over() -> bool:
        handed.append(mine.filter(handed_at__isnull=True).update(handed_at=timezone.now()))
        return bool(handed[-1])

    try:
        message = _build(row, memo)
        message.connection = connection
        message.before_final_dot = hand_over
        if not _splits_data(connection) and not hand_over():
            return 0
        connection.open()  # kept open across messages (send() alone opens and closes one)
        message.send()
    except Undeliverable as reason:
        mine.update(status=OutboundStatus.CANCELLED, last_error=str(reason))
        return 0
    except HandOverRefused:
        connection.close()
        return 0
    except (smtplib.SMTPException, OSError) as error:
        if handed and handed[-1] and not isinstance(error, smtplib.SMTPResponseException):
            connection.close()  # no answer after the hand-over: taken as accepted (see above)
            mine.update(last_error=f"no answer after the hand-over: {error!r}"[:2000])
            return 1
        _failed(row, mine, error, connection)
        return 0
    except Exception as error:  # a bug or a broken template: retried, then failed, logged
        logger.exception("Could not build or send mail %s", row.pk)
        _failed(row, mine, error, connection)
        return 0
    provider_id = getattr(getattr(message, "anymail_status", None), "message_id", None)
    if provider_id:
        mine.update(provider_id=str(provider_id)[:255])
    return 1


def _splits_data(connection) -> bool:
    from .smtp import EmailBackend

    return isinstance(connection, EmailBackend)


def _failed(row: OutboundMessage, mine, error: Exception, connection) -> None:
    """A 4xx answer or a lost connection is tried again later (doubling the wait each time);
    a 5xx answer, or too many tries, fails the row."""
    connection.close()  # a broken connection is opened afresh for the next row
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = min((c for c, _ in error.recipients.values()), default=None)
    permanent = code is not None and 500 <= code < 600
    if permanent or row.attempts >= settings.IMPRINT_MAILING_MAX_ATTEMPTS:
        mine.update(
            status=OutboundStatus.FAILED,
            last_error=repr(error)[:2000],
            lease_until=None,
            handed_at=None,
        )
        logger.warning("Mail %s to subscriber %s failed: %r", row.pk, row.subscriber_id, error)
        return
    delay = settings.IMPRINT_MAILING_RETRY_SECONDS * 2 ** (row.attempts - 1)
    mine.update(
        status=OutboundStatus.QUEUED,
        last_error=repr(error)[:2000],
        lease_until=None,
        handed_at=None,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=delay),
    )


def _build(row: OutboundMessage, memo: Memo):
    memo.check()  # a page that stopped being public is read afresh for this message
    subscriber = row.subscriber
    if subscriber.suppressed:
        raise Undeliverable("the address is suppressed")
    if row.kind == MessageKind.CONFIRM:
        nonce = row.key.partition(":")[2]
        pending = subscriber.subscriptions.filter(status=Status.PENDING, nonce=nonce)
        if not pending.exists():
            raise Undeliverable("nothing waits for this confirmation any more")
        return confirmation_message(row, nonce=nonce, memo=memo)
    lists = _still_on(row)
    if row.kind == MessageKind.DIGEST:
        pages = memo.get(("digest", tuple(row.pages)), lambda: _digest_pages(row.pages))
        if not pages:
            raise Undeliverable("none of the digest's pages is live and public any more")
        return digest_message(row, pages=pages, lists=lists, memo=memo)
    if row.kind == MessageKind.ISSUE:
        contents = memo.get(("issue", row.page_id), lambda: issue_contents(row.page_id))
        if contents is None:
            raise Undeliverable("the issue, or every article in it, is no longer public")
        return issue_message(row, contents=contents, lists=lists, memo=memo)
    if row.kind == MessageKind.CAMPAIGN:
        campaign, page = memo.get(("campaign", row.campaign_id), lambda: _campaign(row))
        if page is None:
            raise Undeliverable("the campaign's page is no longer live and public")
        return campaign_message(row, campaign=campaign, page=page, lists=lists, memo=memo)
    page = memo.get(("page", row.page_id), lambda: _public_specific(PublicationPage, row.page_id))
    if page is None:
        raise Undeliverable("the page is no longer live and public")
    return publication_message(row, page=page, lists=lists, memo=memo)


def _public_specific(model, pk: int | None):
    page = public_page(model, pk=pk)
    return page.specific if page is not None else None


def _digest_pages(page_ids: list[int]) -> list:
    public = live_in_site(PublicationPage.objects.filter(pk__in=page_ids), None)
    return sorted(public.specific(), key=lambda page: page_ids.index(page.pk))


def _campaign(row: OutboundMessage) -> tuple[Campaign | None, Page | None]:
    campaign = Campaign.objects.filter(pk=row.campaign_id).first()
    if campaign is None:
        return None, None
    return campaign, _public_specific(Page, campaign.page_id)


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
