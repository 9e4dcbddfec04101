"""Every change that can alter what search shows records an ``IndexChange`` in its own
transaction (signals only record; the worker does the work)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .services import index_change_record


def page_changed(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        index_change_record(f"page:{instance.pk}")


def page_moved(sender, instance, **kwargs) -> None:
    index_change_record(f"subtree:{instance.pk}")


def restriction_changed(sender, instance, **kwargs) -> None:
    index_change_record(f"subtree:{instance.page_id}")


def everything_changed(sender, **kwargs) -> None:
    index_change_record("all")


def target_changed(prefix: str):
    def handler(sender, instance, **kwargs) -> None:
        index_change_record(f"{prefix}:{instance.pk}")

    return handler


def topics_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Page):
        index_change_record(f"page:{instance.pk}")


_HANDLERS = []  # strong references: the handlers made by target_changed are closures


def register_signal_handlers() -> None:
    from imprint.documents.models import ImprintDocument
    from imprint.people.models import Person
    from imprint.publications.models import PublicationPage
    from imprint.topics.models import Topic

    uid = "imprint-search-"
    for signal in (page_published, page_unpublished):
        signal.connect(page_changed, dispatch_uid=f"{uid}{id(signal)}")
    post_save.connect(page_changed, dispatch_uid=f"{uid}page-save")
    post_delete.connect(page_changed, dispatch_uid=f"{uid}page-delete")
    post_page_move.connect(page_moved, dispatch_uid=f"{uid}move")
    m2m_changed.connect(
        topics_changed, sender=PublicationPage.topics.through, dispatch_uid=f"{uid}topics"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}pvr{id(signal)}"
        )
        for model in (Site, CollectionViewRestriction):
            signal.connect(
                everything_changed, sender=model, dispatch_uid=f"{uid}{model.__name__}{id(signal)}"
            )
        for prefix, model in (("person", Person), ("topic", Topic), ("document", ImprintDocument)):
            handler = target_changed(prefix)
            _HANDLERS.append(handler)
            signal.connect(handler, sender=model, dispatch_uid=f"{uid}{prefix}{id(signal)}")
