"""Journal issue alerts: one message per issue to its journal's list, not one per article.

An issue is announced once it is public, fresh and holds at least one public article; the
publication of the issue or of any of its articles asks for it, and each recipient is queued
once (the key names the issue). The message waits IMPRINT_MAILING_ISSUE_DELAY_SECONDS so that
articles published one after another land in it: its table of contents is read when it is
sent, from what is public then.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from imprint.journal.models import ArticlePage, IssuePage, JournalPage
from imprint.journal.selectors import issue_table_of_contents
from imprint.publications.selectors import live_in_site, public_page

from .models import (
    Frequency,
    ListKind,
    MailingList,
    MessageKind,
    OutboundMessage,
    Status,
    Subscription,
)
from .services import new_message_id, wake_sender


def issue_of(page_id: int) -> int | None:
    """The issue an issue or article page belongs to (itself for an issue)."""
    if IssuePage.objects.filter(pk=page_id).exists():
        return page_id
    article = ArticlePage.objects.filter(pk=page_id).first()
    if article is None:
        return None
    parent = IssuePage.objects.filter(path=article.path[: -article.steplen]).first()
    return parent.pk if parent else None


def issue_announce(*, issue_id: int) -> int:
    """Queue the alert of issue ``issue_id`` for every confirmed subscriber of its journal's
    list who asked for mail at once; returns how many were queued (0 when the issue is not
    public, not fresh, has no public article yet, or nobody follows its journal)."""
    issue = public_page(IssuePage, pk=issue_id)
    if issue is None or not _fresh(issue) or not _has_public_article(issue):
        return 0
    journal = JournalPage.objects.ancestor_of(issue).first()
    mailing_list = MailingList.objects.filter(kind=ListKind.JOURNAL, page=journal).first()
    if mailing_list is None:
        return 0
    subscribers = Subscription.objects.filter(
        mailing_list=mailing_list,
        status=Status.CONFIRMED,
        frequency=Frequency.IMMEDIATELY,
        subscriber__suppressed=False,
    ).values_list("subscriber_id", flat=True)
    due = timezone.now() + datetime.timedelta(seconds=settings.IMPRINT_MAILING_ISSUE_DELAY_SECONDS)
    queued, batch = 0, []
    with transaction.atomic():  # reads and writes together: see digests.digest_queue
        for subscriber_id in subscribers.iterator(chunk_size=5000):
            batch.append(_row(subscriber_id, issue, mailing_list, due))
            if len(batch) == 1000:
                queued += _insert(batch)
                batch = []
        queued += _insert(batch)
    if queued:
        wake_sender()
    return queued


def _row(subscriber_id: int, issue, mailing_list, due) -> OutboundMessage:
    return OutboundMessage(
        subscriber_id=subscriber_id,
        key=f"issue:{issue.pk}",
        kind=MessageKind.ISSUE,
        page_id=issue.pk,
        lists=[mailing_list.pk],
        next_attempt_at=due,
        message_id=new_message_id(),
    )


def _insert(rows: list[OutboundMessage]) -> int:
    OutboundMessage.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _fresh(issue: IssuePage) -> bool:
    first = issue.first_published_at
    days = datetime.timedelta(days=settings.IMPRINT_MAILING_FRESH_DAYS)
    return first is not None and timezone.now() - first <= days


def _has_public_article(issue: IssuePage) -> bool:
    return live_in_site(ArticlePage.objects.child_of(issue), None).exists()


def issue_contents(issue_id: int) -> tuple[IssuePage, JournalPage, list] | None:
    """The issue, its journal and its table of contents of public articles, as the alert
    shows them when it is sent; None when the issue or every article stopped being public."""
    issue = public_page(IssuePage, pk=issue_id)
    if issue is None:
        return None
    toc = [section for section in issue_table_of_contents(issue=issue) if section.articles]
    if not toc:
        return None
    return issue, JournalPage.objects.ancestor_of(issue).first(), toc
