import time

from django.core.management.base import BaseCommand, CommandError

from imprint.demo.services import ADMIN_PASSWORD, ADMIN_USERNAME, DEFAULT_SEED, demo_build


class Command(BaseCommand):
    help = (
        "Build the fictional demo institute. Re-running keeps existing data and adds only what "
        "is missing. --publications N adds generated publications, numbered 1 to N, for "
        "benchmarks."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--publications",
            type=int,
            default=0,
            metavar="N",
            help="make sure there are N generated publications besides the demo's own",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--no-pdfs", action="store_true", help="skip generating PDFs")

    def handle(self, *args, publications: int, seed: int, no_pdfs: bool, **options) -> None:
        if publications < 0:
            raise CommandError("--publications must be zero or more.")
        started = time.monotonic()
        summary = demo_build(
            publications=publications, seed=seed, with_pdfs=not no_pdfs, stdout=self.stdout
        )
        made = ", ".join(f"{n} {what}" for what, n in sorted(summary.created.items()) if n)
        self.stdout.write(
            f"Demo ready in {time.monotonic() - started:.1f}s. "
            f"Created: {made or 'nothing new (all there already)'}."
        )
        for note in summary.notes:
            self.stdout.write(self.style.WARNING(note))
        if summary.admin_created:
            self.stdout.write(f"Admin login: {ADMIN_USERNAME} / {ADMIN_PASSWORD}")
        else:
            self.stdout.write(
                f"Admin login: the existing superuser ({ADMIN_USERNAME} / {ADMIN_PASSWORD} "
                "if the demo created it)."
            )
