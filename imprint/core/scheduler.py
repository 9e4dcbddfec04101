"""A small in-process clock for the worker: enqueues periodic tasks at fixed intervals.

django-tasks has no periodic scheduling of its own; the worker runs this clock in a
thread so that scheduled publishing fires without cron.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import close_old_connections, connections

logger = logging.getLogger(__name__)


@dataclass
class Job:
    enqueue: Callable[[], object]
    every_seconds: float
    next_run: float = 0.0


def default_jobs(*, publish_every: float = 60.0) -> list[Job]:
    from .tasks import prune_task_results_task, publish_scheduled_task

    return [
        Job(publish_scheduled_task.enqueue, publish_every),
        Job(prune_task_results_task.enqueue, 24 * 3600.0),
    ]


def run_due(jobs: list[Job], now: float) -> int:
    """Enqueue every job whose time has come; returns how many were enqueued."""
    count = 0
    for job in jobs:
        if now >= job.next_run:
            try:
                job.enqueue()
                count += 1
            except Exception:
                logger.exception("Could not enqueue a periodic task; will try again.")
            job.next_run = now + job.every_seconds
    return count


def start_clock(jobs: list[Job], stop: threading.Event, tick: float = 5.0) -> threading.Thread:
    def loop() -> None:
        try:
            while not stop.is_set():
                run_due(jobs, time.monotonic())
                close_old_connections()
                stop.wait(tick)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=loop, name="imprint-clock", daemon=True)
    thread.start()
    return thread
