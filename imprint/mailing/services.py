"""Subscribing, confirming, changing and leaving; queuing mail for new publications.

No permission checks: the reader's proof is the signed link (``tokens``), checked here, and
the views pass only what a form validated. Nothing here takes a request.
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from imprint.blog.models import BlogIndexPage, BlogPostPage
from imprint.journal.models import ArticlePage, JournalPage
from imprint.publications.models import PublicationPage, SeriesPage
from imprint.publications.selectors import public_page
from imprint.topics.models import Topic

from .consent import CONSENT_TEXT_VERSION, address_hash, ip_hash
from .models import (
    ConsentAction,
    ConsentEvent,
    Frequency,
    ListKind,
    MailingList,
    MessageKind,
    OutboundMessage,
    Status,
    Subscriber,
    Subscription,
)
from .tokens import BadToken, read_confirm_token, read_subscriber_token

PAGE_KINDS = {
    ListKind.SERIES: SeriesPage,
    ListKind.BLOG: BlogIndexPage,
    ListKind.JOURNAL: JournalPage,
}


def mailing_lists_for(keys: list[str]) -> list[MailingList]:
    """The list rows behind form keys (``all``, ``topic-3``, ``series-12``), made on first use;
    a key whose topic or page is gone or not public is left out."""
    lists = []
    for key in dict.fromkeys(keys):
        kind, _, number = key.partition("-")
        found = _list_for(kind, int(number) if number.isdigit() else None)
        if found is not None:
            lists.append(found)
    return lists


def _list_for(kind: str, pk: int | None) -> MailingList | None:
    if kind == ListKind.ALL:
        return _get_or_create(ListKind.ALL, name=ListKind.ALL.label, slug="all")
    if pk is None:
        return None
    if kind == "list":
        return MailingList.objects.filter(kind=ListKind.CUSTOM, is_active=True, pk=pk).first()
    if kind == ListKind.TOPIC:
        topic = Topic.objects.filter(pk=pk).first()
        if topic is None:
            return None
        slug = f"topic-{topic.pk}-{slugify(topic.name)}"[:120]
        return _get_or_create(ListKind.TOPIC, name=topic.name, slug=slug, topic=topic)
    if kind in PAGE_KINDS:
        page = public_page(PAGE_KINDS[kind], pk=pk)
        if page is None:
            return None
        slug = f"{kind}-{page.pk}-{page.slug}"[:120]
        return _get_or_create(kind, name=page.title, slug=slug, page=page)
    return None


def _get_or_create(kind: str, *, name: str, slug: str, **target) -> MailingList:
    found = MailingList.objects.filter(kind=kind, **target).first()
    if found is None:
        found, _ = MailingList.objects.get_or_create(
            kind=kind, **target, defaults={"name": name, "slug": slug}
        )
    return found


def _consent(
    subscriber, action, *, source, ip="", mailing_list=None, mailing_list_id=None, **extra
) -> None:
    consent_record(
        subscriber=subscriber,
        action=action,
        source=source,
        ip=ip,
        mailing_list_id=mailing_list.pk if mailing_list else mailing_list_id,
        **extra,
    )


def consent_record(
    *,
    subscriber: Subscriber,
    action: str,
    source: str,
    ip: str = "",
    mailing_list_id: int | None = None,
    detail: str = "",
    consented_at: datetime.datetime | None = None,
) -> ConsentEvent:
    """Append one event to the consent record (with the address's keyed hash, which outlives
    an erasure)."""
    return ConsentEvent.objects.create(
        subscriber=subscriber,
        address_hash=address_hash(subscriber.email),
        mailing_list_id=mailing_list_id,
        action=action,
        source=source[:32],
        consent_text_version=CONSENT_TEXT_VERSION if action == ConsentAction.SIGNUP else "",
        ip_hash=ip_hash(ip),
        detail=detail[:255],
        consented_at=consented_at,
    )


def subscriber_signup(
    *,
    email: str,
    lists: list[MailingList],
    frequency: str = Frequency.IMMEDIATELY,
    source: str,
    ip: str = "",
) -> None:
    """Ask to join ``lists``: pending until the address confirms. Whatever the address's state,
    the caller learns nothing (no enumeration); at most one confirmation a day is mailed."""
    now = timezone.now()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.suppressed:
            return
        pending = list(subscriber.subscriptions.filter(status=Status.PENDING))
        for mailing_list in lists:
            sub, made = Subscription.objects.get_or_create(
                subscriber=subscriber,
                mailing_list=mailing_list,
                defaults={"frequency": frequency},
            )
            if sub.status in (Status.CONFIRMED, Status.SUPPRESSED):
                continue
            if made or sub.status == Status.UNSUBSCRIBED:
                sub.status, sub.frequency, sub.changed_at = Status.PENDING, frequency, now
                sub.save(update_fields=["status", "frequency", "changed_at"])
                pending.append(sub)
                _consent(
                    subscriber,
                    ConsentAction.SIGNUP,
                    source=source,
                    ip=ip,
                    mailing_list=mailing_list,
                )
        if pending:
            request_confirmation(subscriber, pending, now)


def request_confirmation(subscriber: Subscriber, pending: list, now: datetime.datetime) -> None:
    """Mail one confirmation link for every pending list, unless one went out in the last
    IMPRINT_MAILING_CONFIRM_INTERVAL_HOURS (then lists added meanwhile ride on that link)."""
    interval = datetime.timedelta(hours=settings.IMPRINT_MAILING_CONFIRM_INTERVAL_HOURS)
    recent = subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < interval
    current = next((sub.nonce for sub in pending if sub.nonce), "")
    nonce = current if recent and current else secrets.token_urlsafe(16)
    Subscription.objects.filter(pk__in=[sub.pk for sub in pending]).update(nonce=nonce)
    if recent:
        return
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["confirmation_sent_at"])
    outbound_queue(subscriber=subscriber, key=f"confirm:{nonce}", kind=MessageKind.CONFIRM)


def subscription_confirm(*, token: str, ip: str = "") -> Subscriber:
    """Confirm every list the link was sent for. A link works once: the nonce goes with it.
    Raises BadToken (altered, expired, already used) and then changes nothing."""
    claim = read_confirm_token(token)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=claim.subscriber_id).first()
        if subscriber is None or subscriber.suppressed:
            raise BadToken("This link is not valid. Copy the whole link from the email.")
        pending = list(subscriber.subscriptions.filter(status=Status.PENDING, nonce=claim.nonce))
        if not pending:
            raise BadToken("This link was already used. Your subscription is unchanged.")
        for sub in pending:
            sub.status, sub.nonce, sub.confirmed_at, sub.changed_at = (
                Status.CONFIRMED,
                "",
                now,
                now,
            )
            sub.save(update_fields=["status", "nonce", "confirmed_at", "changed_at"])
            _consent(
                subscriber,
                ConsentAction.CONFIRM,
                source="email link",
                ip=ip,
                mailing_list=sub.mailing_list,
            )
    return subscriber


def subscriber_from_link(token: str, *, salt: str) -> tuple[Subscriber, list[int]]:
    """The subscriber a preferences or unsubscribe link names, and the lists it names."""
    claim = read_subscriber_token(token, salt=salt)
    subscriber = Subscriber.objects.filter(pk=claim.subscriber_id).first()
    if subscriber is None or not secrets.compare_digest(subscriber.secret, claim.secret):
        raise BadToken("This link is no longer valid. Use the link in a more recent email.")
    return subscriber, claim.lists


def subscriber_unsubscribe(
    *, subscriber: Subscriber, list_ids: list[int] | None = None, source: str, ip: str = ""
) -> int:
    """Leave ``list_ids`` (every list when None or empty) at once; returns how many."""
    now = timezone.now()
    with transaction.atomic():
        subs = subscriber.subscriptions.select_for_update().filter(
            status__in=[Status.CONFIRMED, Status.PENDING]
        )
        if list_ids:
            subs = subs.filter(mailing_list_id__in=list_ids)
        left = list(subs)
        for sub in left:
            sub.status, sub.nonce, sub.changed_at = Status.UNSUBSCRIBED, "", now
            sub.save(update_fields=["status", "nonce", "changed_at"])
            _consent(
                subscriber,
                ConsentAction.UNSUBSCRIBE,
                source=source,
                ip=ip,
                mailing_list=sub.mailing_list,
            )
    return len(left)


def subscriber_update_preferences(
    *, subscriber: Subscriber, choices: dict[int, str], source: str = "preferences", ip: str = ""
) -> None:
    """Set the lists and frequencies from the preferences page: ``choices`` maps each list the
    reader keeps to its frequency; lists left out are left. The link came by mail, so it
    proves the address: lists added here are confirmed at once."""
    now = timezone.now()
    keep = {pk: f for pk, f in choices.items() if f in Frequency.values}
    with transaction.atomic():
        Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        current = {s.mailing_list_id: s for s in subscriber.subscriptions.all()}
        leaving = [
            pk
            for pk, s in current.items()
            if pk not in keep and s.status in (Status.CONFIRMED, Status.PENDING)
        ]
        if leaving:
            subscriber_unsubscribe(subscriber=subscriber, list_ids=leaving, source=source, ip=ip)
        for list_id, frequency in keep.items():
            sub = current.get(list_id) or Subscription(
                subscriber=subscriber, mailing_list_id=list_id
            )
            if sub.status == Status.SUPPRESSED:
                continue
            if sub.pk and sub.status == Status.CONFIRMED and sub.frequency == frequency:
                continue
            newly = sub.status != Status.CONFIRMED or not sub.pk
            sub.status, sub.frequency, sub.nonce, sub.changed_at = (
                Status.CONFIRMED,
                frequency,
                "",
                now,
            )
            sub.confirmed_at = sub.confirmed_at or now
            sub.save()
            action = ConsentAction.CONFIRM if newly else ConsentAction.CHANGE
            _consent(subscriber, action, source=source, ip=ip, mailing_list_id=list_id)


def outbound_queue(
    *, subscriber: Subscriber, key: str, kind: str, page=None, lists: list[int] | None = None
) -> None:
    """Queue one message for one subscriber (a second call with the same key does nothing)
    and wake the sender once the transaction commits."""
    row = OutboundMessage(
        subscriber=subscriber,
        key=key,
        kind=kind,
        page=page,
        lists=lists or [],
        message_id=new_message_id(),
    )
    OutboundMessage.objects.bulk_create([row], ignore_conflicts=True)
    wake_sender()


def new_message_id() -> str:
    sender = settings.IMPRINT_MAILING_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL
    domain = sender.rpartition("@")[2].strip("> ") or "localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


def wake_sender() -> None:
    from .tasks import outbound_send_task

    transaction.on_commit(outbound_send_task.enqueue)


def publication_announce(*, page_id: int) -> int:
    """Queue a message about a newly public publication for every confirmed subscriber of a
    matching list who asked for it at once (journal lists excepted: they get one message per
    issue); returns how many were queued. Safe to repeat:
    each recipient gets it once. A page that is not live and public, or was first published
    more than IMPRINT_MAILING_FRESH_DAYS ago, is not announced."""
    page = public_page(PublicationPage, pk=page_id)
    if page is None or not _fresh(page):
        return 0
    # A journal's list hears of its articles once per issue (issues.py), in one message.
    lists = [m for m in matching_lists(page.specific) if m.kind != ListKind.JOURNAL]
    recipients: dict[int, list[int]] = defaultdict(list)
    subs = Subscription.objects.filter(
        mailing_list__in=lists,
        status=Status.CONFIRMED,
        frequency=Frequency.IMMEDIATELY,
        subscriber__suppressed=False,
    ).values_list("subscriber_id", "mailing_list_id")
    for subscriber_id, list_id in subs.iterator(chunk_size=5000):
        recipients[subscriber_id].append(list_id)
    ids = list(recipients)
    for start in range(0, len(ids), 1000):
        OutboundMessage.objects.bulk_create(
            [
                OutboundMessage(
                    subscriber_id=sid,
                    key=f"publication:{page.pk}",
                    kind=MessageKind.PUBLICATION,
                    page_id=page.pk,
                    lists=sorted(recipients[sid]),
                    message_id=new_message_id(),
                )
                for sid in ids[start : start + 1000]
            ],
            ignore_conflicts=True,
        )
    if ids:
        wake_sender()
    return len(ids)


def _fresh(page: PublicationPage) -> bool:
    first = page.first_published_at
    days = datetime.timedelta(days=settings.IMPRINT_MAILING_FRESH_DAYS)
    return first is not None and timezone.now() - first <= days


def matching_lists(page: PublicationPage) -> list[MailingList]:
    match = MailingList.objects.filter(kind=ListKind.ALL)
    match |= MailingList.objects.filter(kind=ListKind.TOPIC, topic__in=page.topics.all())
    if page.series_id:
        match |= MailingList.objects.filter(kind=ListKind.SERIES, page_id=page.series_id)
    if isinstance(page, BlogPostPage):
        match |= MailingList.objects.filter(kind=ListKind.BLOG, page_id=page.get_parent().pk)
    if isinstance(page, ArticlePage):
        journals = JournalPage.objects.ancestor_of(page).values("pk")
        match |= MailingList.objects.filter(kind=ListKind.JOURNAL, page_id__in=journals)
    return list(match.distinct())
