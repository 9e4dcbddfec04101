from django.core.management.base import BaseCommand, CommandError

from imprint.documents.models import ExtractionStatus, ImprintDocument
from imprint.documents.services import document_extract


class Command(BaseCommand):
    help = "Read documents again: page count, cover thumbnail and the text of every PDF page."

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="document ids")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--all", action="store_true", help="every document")
        group.add_argument("--pending", action="store_true", help="documents not read yet")

    def handle(self, *args, ids: list[int], all: bool, pending: bool, **options) -> None:  # noqa: A002
        if not (ids or all or pending):
            raise CommandError("Name document ids, or use --all or --pending.")
        documents = ImprintDocument.objects.order_by("pk")
        if ids:
            missing = set(ids) - set(documents.filter(pk__in=ids).values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No document with id {', '.join(map(str, sorted(missing)))}.")
            documents = documents.filter(pk__in=ids)
        elif pending:
            documents = documents.filter(extraction_status=ExtractionStatus.PENDING)
        for document_id in documents.values_list("pk", flat=True):
            result = document_extract(document_id=document_id)
            if result is not None:
                line = f"{document_id}: {result.status}"
                self.stdout.write(line + (f" ({result.message})" if result.message else ""))
