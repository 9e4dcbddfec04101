"""Which workers are alive, and taking up again the tasks of those that are not.

django-tasks-db marks a claimed task RUNNING and nothing else: if its worker is killed, the
task stays RUNNING for ever. Every worker here writes a heartbeat each tick; any worker's clock
finds RUNNING tasks whose worker went silent and puts them back in the queue (or, after
IMPRINT_TASK_MAX_ATTEMPTS tries, fails them with a reason, which ends the work in a final state).
"""

from __future__ import annotations

import datetime
import logging
import os
import socket

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus, task_finished
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running a task stopped before the task finished (the reason recorded)."""


def _cutoff(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(seconds=settings.IMPRINT_WORKER_LOST_AFTER_SECONDS)


def worker_beat(worker_ids: list[str]) -> None:
    """Record that these workers (ids of one process) are alive now."""
    now = timezone.now()
    for worker_id in worker_ids:
        updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
        if not updated:
            WorkerHeartbeat.objects.create(
                worker_id=worker_id,
                host=socket.gethostname()[:255],
                pid=os.getpid(),
                started_at=now,
                seen_at=now,
            )


def worker_forget(worker_ids: list[str]) -> None:
    """A worker that stops cleanly takes its heartbeat with it."""
    WorkerHeartbeat.objects.filter(worker_id__in=worker_ids).delete()


def lost_workers(*, now: datetime.datetime) -> QuerySet:
    """Ids of workers whose heartbeat stopped (a subquery)."""
    return WorkerHeartbeat.objects.filter(seen_at__lt=_cutoff(now)).values("worker_id")


def tasks_recover(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Requeue (or, past the attempt limit, fail) tasks whose worker stopped.

    Returns (requeued, failed). Safe to run in several processes at once: each task changes
    state with a conditional UPDATE, so only one of them acts on it.
    """
    now = now or timezone.now()
    cutoff = _cutoff(now)
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    requeued = failed = 0
    for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        if len(result.worker_ids) < settings.IMPRINT_TASK_MAX_ATTEMPTS:
            requeued += _requeue(result)
        else:
            failed += _fail(result, now)
    return requeued, failed


def _still_running(result: DBTaskResult) -> QuerySet:
    return DBTaskResult.objects.filter(
        pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
    )


def _requeue(result: DBTaskResult) -> int:
    done = _still_running(result).update(status=TaskResultStatus.READY)
    if done:
        logger.warning(
            "Task %s (%s) was running on worker %s, which stopped; it will run again "
            "(attempt %d of %d).",
            result.pk,
            result.task_path,
            result.worker_ids[-1] if result.worker_ids else "?",
            len(result.worker_ids) + 1,
            settings.IMPRINT_TASK_MAX_ATTEMPTS,
        )
    return done


def _fail(result: DBTaskResult, now: datetime.datetime) -> int:
    reason = (
        f"The worker stopped while running this task, {len(result.worker_ids)} times; "
        "it was given up."
    )
    done = _still_running(result).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        return_value=None,
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback=f"{WorkerLost.__qualname__}: {reason}\n",
    )
    if done:
        logger.error("Task %s (%s) failed: %s", result.pk, result.task_path, reason)
        result.refresh_from_db()
        try:
            task_result = result.task_result
            sender = type(task_result.task.get_backend())
        except Exception:  # the task's code or backend is gone: nobody to tell
            logger.exception("Could not announce the failure of task %s", result.pk)
            return done
        task_finished.send(sender=sender, task_result=task_result)
    return done


def worker_prune(*, older_than: datetime.timedelta) -> int:
    """Forget heartbeats of workers silent for longer than ``older_than``."""
    deleted, _ = WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - older_than).delete()
    return deleted
