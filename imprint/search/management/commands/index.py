"""imprint index rebuild | verify [--repair] | apply | status"""

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "The search index: rebuild, verify against the database (and repair), apply changes."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="build a new index of everything public and swap it in")
        verify = sub.add_parser("verify", help="report records missing, extra or out of date")
        verify.add_argument("--repair", action="store_true", help="and bring them up to date")
        sub.add_parser("apply", help="apply the changes recorded so far (the worker does this)")
        sub.add_parser("status", help="records in the index and changes waiting")

    def handle(self, *args, action: str, repair: bool = False, **options) -> None:
        from imprint.search.models import IndexChange
        from imprint.search.services import index_apply_pending, index_rebuild, index_verify

        if action == "rebuild":
            try:
                count = index_rebuild()
            except RuntimeError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Search index rebuilt: {count} records.")
        elif action == "apply":
            self.stdout.write(f"Applied {index_apply_pending()} recorded changes.")
        elif action == "status":
            from imprint.search.backends import get_backend

            records = len(get_backend().digests())
            waiting = IndexChange.objects.count()
            self.stdout.write(f"{records} records in the index, {waiting} changes waiting.")
        else:
            drift = index_verify(repair=repair)
            for label, keys in (
                ("missing", drift.missing),
                ("extra", drift.extra),
                ("out of date", drift.stale),
            ):
                if keys:
                    shown = ", ".join(keys[:20]) + (" …" if len(keys) > 20 else "")
                    self.stdout.write(f"{len(keys)} {label}: {shown}")
            if not drift.total:
                self.stdout.write("The search index matches the database.")
            elif repair:
                self.stdout.write(f"Repaired {drift.total} records.")
            else:
                self.stdout.write("Run `imprint index verify --repair` to bring them up to date.")
                raise SystemExit(1)
