from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move


def forget_navigation(**kwargs) -> None:
    """Drop the cached menus: a page that may be in one changed."""
    from .templatetags.imprint_tags import NAV_CACHE_PREFIX

    cache.delete_many(
        [f"{NAV_CACHE_PREFIX}{pk}" for pk in Site.objects.values_list("pk", flat=True)]
    )


def forget_sites(**kwargs) -> None:
    """Drop the cached host-to-site map and the menus: a site was added, changed or removed."""
    from .middleware import SITES_CACHE_KEY

    cache.delete(SITES_CACHE_KEY)
    # Again after commit: a request in between may have cached the sites as they were.
    transaction.on_commit(lambda: cache.delete(SITES_CACHE_KEY))
    forget_navigation()


def register_signal_handlers() -> None:
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(forget_navigation, dispatch_uid=f"imprint-nav-{id(signal)}")
    post_delete.connect(forget_navigation, sender=Page, dispatch_uid="imprint-nav-delete")
    for signal in (post_save, post_delete):
        signal.connect(forget_sites, sender=Site, dispatch_uid=f"imprint-sites-{id(signal)}")
