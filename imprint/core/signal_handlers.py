from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from .content_cache import content_changed

# What readers see changes when one of these is saved or deleted (pages change through the
# publishing signals instead: a saved draft changes nothing a reader sees).
READER_VISIBLE_MODELS = (
    "people.Person",
    "topics.Topic",
    "core.InstituteSettings",
    "documents.ImprintDocument",
    "images.ImprintImage",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.Site",
)


def forget_sites(**kwargs) -> None:
    """Drop the cached host-to-site map once a site's change has committed."""
    from .middleware import SITES_CACHE_KEY

    cache.delete(SITES_CACHE_KEY)
    # Again after commit: a request in between may have cached the sites as they were.
    transaction.on_commit(lambda: cache.delete(SITES_CACHE_KEY))


def alias_saved(sender, instance, **kwargs) -> None:
    """An alias takes its source's view restrictions: the cached view of where restrictions
    are (core.restrictions) must learn that aliases exist."""
    if instance.alias_of_id:
        content_changed()


def register_signal_handlers() -> None:
    from django.apps import apps

    # page_slug_changed needs no handler: Wagtail sends it after commit, with page_published.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"imprint-content-{id(signal)}")
    post_delete.connect(content_changed, sender=Page, dispatch_uid="imprint-content-page-delete")
    for label in READER_VISIBLE_MODELS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(
                content_changed, sender=model, dispatch_uid=f"imprint-content-{label}-{id(signal)}"
            )
    for signal in (post_save, post_delete):
        signal.connect(forget_sites, sender=Site, dispatch_uid=f"imprint-sites-{id(signal)}")
    for model in get_page_models():
        post_save.connect(
            alias_saved, sender=model, dispatch_uid=f"imprint-alias-{model._meta.label}"
        )
    # Routing remembers where the routable pages are (their own routes come before their
    # children): one saved, even without being published, must be seen at once.
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            for signal in (post_save, post_delete):
                uid = f"imprint-content-{model._meta.label}-{id(signal)}"
                signal.connect(content_changed, sender=model, dispatch_uid=uid)
