from django.db import transaction
from wagtail.signals import page_published

from imprint.publications.models import PublicationPage


def announce_on_publish(sender, instance, **kwargs) -> None:
    """Queue the announcement once the publish commits; the task checks the page is public."""
    if isinstance(instance, PublicationPage):
        from .tasks import publication_announce_task

        page_id = instance.pk
        transaction.on_commit(lambda: publication_announce_task.enqueue(page_id))


def register() -> None:
    page_published.connect(announce_on_publish, dispatch_uid="imprint-mailing-announce")
