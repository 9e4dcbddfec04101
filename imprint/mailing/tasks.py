"""Background work for the mailing list: announcing a publication, sending the queue."""

import datetime
import os
import socket

from django_tasks import TaskContext, task

from .digests import digest_queue
from .sending import outbound_send
from .services import publication_announce


@task()
def publication_announce_task(page_id: int) -> int:
    """Queue mail about a newly public publication (each recipient once, however often run)."""
    return publication_announce(page_id=page_id)


@task(takes_context=True)
def outbound_send_task(context: TaskContext) -> int:
    """Send what is due in the outbound queue; safe to run in any number of workers at once."""
    from .campaigns import campaigns_queue_due

    campaigns_queue_due()  # the clock runs this task every minute: scheduled campaigns go
    worker_ids = context.task_result.worker_ids
    holder = worker_ids[-1] if worker_ids else f"{socket.gethostname()}:{os.getpid()}"
    return outbound_send(holder=f"{holder}:{context.task_result.id}"[-64:])


# One task each, so that a daily run still queued never holds back the weekly one (the clock
# skips a job while a task of the same path is waiting).
@task()
def daily_digest_task(period_end: str) -> int:
    """Queue the daily digest of the day ending at ``period_end`` (ISO time)."""
    return digest_queue(frequency="daily", period_end=datetime.datetime.fromisoformat(period_end))


@task()
def weekly_digest_task(period_end: str) -> int:
    """Queue the weekly digest of the week ending at ``period_end`` (ISO time)."""
    return digest_queue(frequency="weekly", period_end=datetime.datetime.fromisoformat(period_end))


@task()
def issue_announce_task(page_id: int) -> int:
    """Queue the alert of the journal issue ``page_id`` is (or is in), once per recipient."""
    from .issues import issue_announce, issue_of

    issue_id = issue_of(page_id)
    return issue_announce(issue_id=issue_id) if issue_id else 0


@task()
def campaign_queue_task(campaign_id: int) -> int:
    """Queue a campaign whose time has come (once, however often run)."""
    from .campaigns import campaign_queue

    return campaign_queue(campaign_id=campaign_id)
