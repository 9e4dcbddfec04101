from django.core.management.base import BaseCommand

from imprint.distribution.oai.services import harvest_items_sync


class Command(BaseCommand):
    help = (
        "Bring OAI-PMH's items in line with the pages (after a bulk import; the worker also "
        "does it every hour)."
    )

    def handle(self, *args, **options) -> None:
        changed = harvest_items_sync()
        self.stdout.write(f"{changed} OAI-PMH items brought up to date.")
