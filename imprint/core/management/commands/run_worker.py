import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from imprint.core.scheduler import default_jobs, start_clock


class Command(BaseCommand):
    help = (
        "Run the background worker: executes queued tasks (PDF text extraction, ...) and "
        "enqueues periodic jobs such as scheduled publishing every minute."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--publish-every",
            type=float,
            default=60.0,
            help="Seconds between scheduled-publishing runs (default 60).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between polls for new tasks (default 1).",
        )
        parser.add_argument(
            "--max-tasks", type=int, default=None, help="Stop after this many tasks (for tests)."
        )

    def handle(self, *args, publish_every: float, interval: float, max_tasks, **options) -> None:
        if publish_every <= 0 or interval <= 0:
            raise CommandError("--publish-every and --interval must be positive numbers.")
        stop = threading.Event()
        start_clock(default_jobs(publish_every=publish_every), stop)
        self.stdout.write(f"Worker started; scheduled publishing runs every {publish_every:g}s.")
        worker_options = {"interval": interval, "verbosity": options["verbosity"]}
        if max_tasks:
            worker_options["max_tasks"] = max_tasks
        try:
            call_command("db_worker", **worker_options)
        finally:
            stop.set()
