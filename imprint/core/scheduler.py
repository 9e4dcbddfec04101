"""The worker's clock: heartbeats, recovery of lost tasks, and periodic jobs.

django-tasks has no periodic scheduling of its own; every worker runs this clock in a thread.
Any number of workers on any number of hosts may run it: each run of a job has a time slot
(12:34:00 for "every minute", Monday 09:00 in the institute's zone for a weekly job), and the
first clock to claim the slot in the database enqueues it; the others see the claim and skip.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connections, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import ClockSlot
from .worker import tasks_recover, worker_beat

logger = logging.getLogger(__name__)

UTC = datetime.UTC


class Schedule(Protocol):
    def slot(self, now: datetime.datetime) -> datetime.datetime | None:
        """The latest slot at or before ``now`` still worth running, or None."""


@dataclass(frozen=True)
class Every:
    """Every ``seconds``, in slots aligned on the Unix epoch (the same on every host)."""

    seconds: float

    def slot(self, now: datetime.datetime) -> datetime.datetime:
        stamp = now.timestamp()
        return datetime.datetime.fromtimestamp(stamp - stamp % self.seconds, UTC)


@dataclass(frozen=True)
class Weekly:
    """Once a week at a wall-clock time in a time zone: ``Weekly(0, time(9), "Europe/Berlin")``.

    ``weekday`` counts from Monday = 0. A slot missed while no worker ran is still taken up for
    ``grace`` after its time; later it is skipped, not sent a day late.
    """

    weekday: int
    at: datetime.time
    zone: str = ""
    grace: datetime.timedelta = datetime.timedelta(hours=6)

    def slot(self, now: datetime.datetime) -> datetime.datetime | None:
        zone = ZoneInfo(self.zone or settings.TIME_ZONE)
        local = now.astimezone(zone)
        day = local.date() - datetime.timedelta(days=(local.weekday() - self.weekday) % 7)
        if datetime.datetime.combine(day, self.at, tzinfo=zone) > local:
            day -= datetime.timedelta(days=7)
        # Wall-clock time: 09:00 stays 09:00 across a daylight-saving change.
        candidate = datetime.datetime.combine(day, self.at, tzinfo=zone).astimezone(UTC)
        return candidate if now - candidate <= self.grace else None


@dataclass
class Job:
    """A periodic job: ``enqueue`` puts ``task_path``'s task in the queue."""

    name: str
    enqueue: Callable[[], object]
    schedule: Schedule
    task_path: str = ""
    last_slot: datetime.datetime | None = field(default=None, compare=False)


def default_jobs(*, publish_every: float = 60.0) -> list[Job]:
    """The site's periodic jobs: core's own, then each app's (``_app_jobs``)."""
    from .tasks import prune_task_results_task, publish_scheduled_task

    jobs = [
        Job(
            "publish_scheduled",
            publish_scheduled_task.enqueue,
            Every(publish_every),
            publish_scheduled_task.module_path,
        ),
        Job(
            "prune_task_results",
            prune_task_results_task.enqueue,
            Every(24 * 3600.0),
            prune_task_results_task.module_path,
        ),
        *_app_jobs(),
    ]
    return jobs


def _app_jobs() -> list[Job]:
    """Jobs of apps above ``core`` (which imports none of them): an AppConfig's optional
    ``periodic_jobs()`` returns its own."""
    from django.apps import apps

    jobs: list[Job] = []
    for config in apps.get_app_configs():
        if callable(getattr(config, "periodic_jobs", None)):
            jobs += config.periodic_jobs()
    return jobs


def _pending(job: Job) -> bool:
    """A run of this job is still queued or running: don't pile another on top."""
    if not job.task_path:
        return False
    waiting = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    return DBTaskResult.objects.filter(task_path=job.task_path, status__in=waiting).exists()


def _claim(job: Job, slot: datetime.datetime, claimed_by: str) -> bool:
    try:
        with transaction.atomic():
            ClockSlot.objects.create(job=job.name, slot=slot, claimed_by=claimed_by[:64])
    except IntegrityError:
        return False
    return True


def run_due(jobs: list[Job], now: datetime.datetime, *, claimed_by: str = "") -> int:
    """Enqueue every job whose slot has come and that no other clock claimed; returns how many."""
    count = 0
    for job in jobs:
        slot = job.schedule.slot(now)
        if slot is None or slot == job.last_slot:
            continue
        try:
            if not _pending(job) and _claim(job, slot, claimed_by):
                job.enqueue()
                count += 1
            job.last_slot = slot
        except Exception:
            logger.exception("Could not enqueue the periodic job %s; will try again.", job.name)
    return count


def clock_tick(jobs: list[Job], *, worker_ids: list[str]) -> None:
    """One beat of the clock: say we are alive, take up lost tasks, enqueue due jobs."""
    for step in (
        lambda: worker_beat(worker_ids),
        tasks_recover,
        lambda: run_due(jobs, timezone.now(), claimed_by=worker_ids[0]),
    ):
        try:
            step()
        except Exception:
            logger.exception("The worker's clock failed a step; it will try again.")


def start_clock(
    jobs: list[Job], stop: threading.Event, *, worker_ids: list[str], tick: float | None = None
) -> threading.Thread:
    tick = settings.IMPRINT_WORKER_TICK_SECONDS if tick is None else tick

    def loop() -> None:
        try:
            while not stop.is_set():
                clock_tick(jobs, worker_ids=worker_ids)
                close_old_connections()
                stop.wait(tick)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=loop, name="imprint-clock", daemon=True)
    thread.start()
    return thread
