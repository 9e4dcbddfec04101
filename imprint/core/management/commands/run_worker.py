import logging
import os
import threading

from django.core.management.base import CommandError
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from imprint.core.scheduler import default_jobs, start_clock
from imprint.core.tasks import PERIODIC_QUEUE
from imprint.core.worker import worker_beat, worker_forget


class Command(DBWorkerCommand):
    help = (
        "Run the background worker: executes queued tasks (PDF text extraction, search "
        "indexing, ...), runs periodic jobs such as scheduled publishing every minute in a "
        "thread of their own, and takes up tasks of workers that stopped. Run as many as you "
        "like, on any number of hosts."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--publish-every",
            type=float,
            default=60.0,
            help="Seconds between scheduled-publishing runs (default 60).",
        )

    def configure_logging(self, verbosity: int) -> None:
        # db_worker logs every task at verbosity 1; here 1 shows only warnings and failures,
        # 2 shows every task, 3 debug.
        super().configure_logging(max(verbosity - 1, 0) if verbosity > 1 else verbosity)
        if verbosity == 1:
            for name in ("django.tasks", "django_tasks", "django_tasks_db"):
                logging.getLogger(name).setLevel(logging.WARNING)

    def handle(self, *args, publish_every: float, **options) -> None:
        if publish_every <= 0:
            raise CommandError("--publish-every must be a positive number of seconds.")
        if options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # With --reload this process only watches files and restarts its child, which runs
            # the tasks; the clock belongs there, or every job would be enqueued twice.
            super().handle(*args, **options)
            return
        worker_id = options["worker_id"]
        periodic = _periodic_worker(worker_id[:55] + "/periodic", options["backend_name"])
        worker_ids = [worker_id, periodic.worker_id]
        # Alive before the first task is claimed, so no other clock takes this one for lost.
        worker_beat(worker_ids)
        stop = threading.Event()
        clock = start_clock(default_jobs(publish_every=publish_every), stop, worker_ids=worker_ids)
        periodic_thread = _start(periodic)
        if options["verbosity"]:
            self.stdout.write(
                f"Worker {worker_id} started; scheduled publishing runs every {publish_every:g}s."
            )
        try:
            super().handle(*args, **options)
        finally:
            periodic.running = False
            stop.set()
            clock.join(timeout=10)
            periodic_thread.join(timeout=10)
            worker_forget(worker_ids)


def _periodic_worker(worker_id: str, backend_name: str) -> Worker:
    """A second django-tasks-db worker for the periodic queue only: never behind a long PDF."""
    return Worker(
        queue_names=[PERIODIC_QUEUE],
        interval=0.5,
        batch=False,
        backend_name=backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def _start(worker: Worker) -> threading.Thread:
    def run() -> None:
        try:
            worker.run()
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=run, name="imprint-periodic", daemon=True)
    thread.start()
    return thread
