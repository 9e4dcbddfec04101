"""Site-wide periodic work. No permission checks: the callers are the worker's tasks."""

from __future__ import annotations

import datetime
import logging

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from .leases import lease
from .models import ClockSlot, Lease
from .worker import worker_prune

logger = logging.getLogger(__name__)

NAME = "publish_scheduled"
PUBLISH_LEASE_SECONDS = 600.0


def scheduled_publish(*, holder: str) -> bool:
    """Publish pages whose go-live time has come and unpublish expired ones, exactly once.

    The lease keeps every other worker out while this runs; the transaction means a worker
    killed half-way published nothing, so whoever runs next publishes each page once.
    Returns False if another worker is at it.
    """
    with lease(NAME, holder=holder, seconds=PUBLISH_LEASE_SECONDS) as held:
        if not held:
            logger.info("Scheduled publishing is running elsewhere; skipped.")
            return False
        with transaction.atomic():
            # Hold the lease row locked until commit (SQLite: the write lock): a worker that took
            # the lease meanwhile, believing this one lost, waits and then sees our commits.
            if Lease.objects.select_for_update().filter(name=NAME, holder=holder).first() is None:
                return False
            call_command("publish_scheduled", verbosity=0)
    return True


def task_results_prune(*, days: int = 7) -> None:
    """Forget finished task results, clock slots and silent workers older than ``days``."""
    call_command("prune_db_task_results", min_age_days=days, verbosity=0)
    before = timezone.now() - datetime.timedelta(days=days)
    ClockSlot.objects.filter(slot__lt=before).delete()
    worker_prune(older_than=datetime.timedelta(days=1))
