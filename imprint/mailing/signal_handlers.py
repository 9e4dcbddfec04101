from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.signals import page_published

from imprint.journal.models import ArticlePage, IssuePage
from imprint.publications.models import PublicationPage

from .models import Subscriber


def announce_on_publish(sender, instance, **kwargs) -> None:
    """Queue the announcement once the publish commits; the task checks the page is public.
    An issue, or an article in one, also asks for the issue's alert."""
    from .tasks import issue_announce_task, publication_announce_task

    page_id = instance.pk
    if isinstance(instance, PublicationPage):
        transaction.on_commit(lambda: publication_announce_task.enqueue(page_id))
    if isinstance(instance, IssuePage | ArticlePage):
        transaction.on_commit(lambda: issue_announce_task.enqueue(page_id))


def record_erasure(sender, instance, **kwargs) -> None:
    """A subscriber deleted (an erasure) leaves one last, unlinked event in the record."""
    from .erasure import erasure_record

    erasure_record(subscriber=instance)


def register() -> None:
    from anymail.signals import tracking

    from .bounces import tracking_received

    tracking.connect(tracking_received, dispatch_uid="imprint-mailing-tracking")
    page_published.connect(announce_on_publish, dispatch_uid="imprint-mailing-announce")
    pre_delete.connect(record_erasure, sender=Subscriber, dispatch_uid="imprint-mailing-erase")
