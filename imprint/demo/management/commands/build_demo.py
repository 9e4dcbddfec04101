import time

from django.core.management.base import BaseCommand, CommandError

from imprint.demo.services import ADMIN_PASSWORD, ADMIN_USERNAME, demo_build


class Command(BaseCommand):
    help = (
        "Build the fictional demo institute. Re-running keeps existing data and adds only what "
        "is missing; --publications N adds N generated publications for benchmarks."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--publications",
            type=int,
            default=0,
            help="add this many generated publications (for benchmarks)",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-pdfs", action="store_true", help="skip generating PDFs")

    def handle(self, *args, publications: int, seed: int, no_pdfs: bool, **options) -> None:
        if publications < 0:
            raise CommandError("--publications must be zero or more.")
        started = time.monotonic()
        summary = demo_build(
            publications=publications, seed=seed, with_pdfs=not no_pdfs, log=self.stdout.write
        )
        made = ", ".join(f"{n} {what}" for what, n in sorted(summary.created.items()) if n)
        self.stdout.write(
            f"Demo ready in {time.monotonic() - started:.1f}s. "
            f"Created: {made or 'nothing new (all there already)'}."
        )
        if summary.admin_created:
            self.stdout.write(f"Admin login: {ADMIN_USERNAME} / {ADMIN_PASSWORD}")
        else:
            self.stdout.write(
                f"Admin login: the existing superuser ({ADMIN_USERNAME} / "
                f"{ADMIN_PASSWORD} if the demo created it)."
            )
