"""Every change that can alter what harvesters see dates the items it touches, in its own
transaction (as search records its outbox: ``imprint/search/signal_handlers.py``, the same
hooks). A record's datestamp is then the time its change committed, give or take the
transaction, and a deletion is never lost to a crash between the change and a later job."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .services import harvest_items_sync, harvest_items_touch, harvest_subtree_touch, pages_of


def page_changed(sender, instance, **kwargs) -> None:
    """A publish or unpublish: the page itself, what lies below it (a journal's or an issue's
    title is in its articles' records) and the publications of a series it may be."""
    from imprint.publications.models import PublicationPage

    harvest_subtree_touch(instance.pk)
    in_series = PublicationPage.objects.filter(series_id=instance.pk).values_list("pk", flat=True)
    harvest_items_touch(in_series)


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        harvest_items_touch([instance.pk])


def page_saved(sender, instance, **kwargs) -> None:
    """A page made live without Wagtail's publishing (a script, a data migration)."""
    if isinstance(instance, Page):
        harvest_items_touch([instance.pk], changed_only=True)


def restriction_changed(sender, instance, **kwargs) -> None:
    harvest_subtree_touch(instance.page_id)


def everything_changed(sender, created: bool = False, **kwargs) -> None:
    """A site's root or hostname, the institute's name, a collection made private."""
    from imprint.core.models import InstituteSettings

    from .models import HarvestItem

    if created and sender is InstituteSettings:
        return  # made with its defaults by the first reader who needed it: nothing changed

    harvest_items_touch(HarvestItem.objects.values_list("page_id", flat=True))
    harvest_items_sync()


def person_changed(sender, instance, **kwargs) -> None:
    harvest_items_touch(pages_of(person_id=instance.pk))


def topic_changed(sender, instance, **kwargs) -> None:
    harvest_items_touch(pages_of(topic_id=instance.pk))


def document_changed(sender, instance, **kwargs) -> None:
    from imprint.publications.models import PublicationPage

    harvest_items_touch(PublicationPage.objects.filter(pdf=instance).values_list("pk", flat=True))


def register_signal_handlers() -> None:
    from imprint.core.models import InstituteSettings
    from imprint.documents.models import ImprintDocument
    from imprint.people.models import Person
    from imprint.topics.models import Topic

    uid = "imprint-oai-"
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"{uid}{id(signal)}")
    post_delete.connect(page_deleted, dispatch_uid=f"{uid}page-delete")
    post_save.connect(page_saved, dispatch_uid=f"{uid}page-save")
    for signal in (post_save, post_delete):
        suffix = id(signal)
        signal.connect(
            restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}pvr{suffix}"
        )
        for model in (Site, CollectionViewRestriction, InstituteSettings):
            signal.connect(
                everything_changed, sender=model, dispatch_uid=f"{uid}{model.__name__}{suffix}"
            )
        signal.connect(document_changed, sender=ImprintDocument, dispatch_uid=f"{uid}doc{suffix}")
    post_save.connect(person_changed, sender=Person, dispatch_uid=f"{uid}person")
    post_save.connect(topic_changed, sender=Topic, dispatch_uid=f"{uid}topic")
