import logging
import os
import threading

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from imprint.core.scheduler import default_jobs, start_clock


class Command(DBWorkerCommand):
    help = (
        "Run the background worker: executes queued tasks (PDF text extraction, search "
        "indexing, ...) and enqueues periodic jobs such as scheduled publishing every minute."
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
        stop = threading.Event()
        clock = start_clock(default_jobs(publish_every=publish_every), stop)
        if options["verbosity"]:
            self.stdout.write(
                f"Worker started; scheduled publishing runs every {publish_every:g}s."
            )
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            clock.join(timeout=10)
