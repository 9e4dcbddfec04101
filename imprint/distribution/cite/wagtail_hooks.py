"""Crossref in the admin: a header button on issues and publications, a bulk action on page
listings, and the deposits' own page in the Settings menu."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.widgets import Button

from imprint.journal.models import IssuePage
from imprint.publications.models import PublicationPage

from . import admin_urls


@hooks.register("register_admin_urls")
def crossref_urls():
    return [path("crossref/", include(admin_urls))]


@hooks.register("register_settings_menu_item")
def crossref_menu_item():
    return MenuItem(
        "Crossref deposits", reverse("crossref_deposits"), icon_name="upload", order=900
    )


@hooks.register("register_page_header_buttons")
def crossref_header_button(page, user, view_name, next_url=None):
    specific = page.specific_class
    if specific and issubclass(specific, IssuePage | PublicationPage):
        yield Button(
            "Crossref deposit",
            f"{reverse('crossref_prepare')}?page={page.pk}",
            icon_name="upload",
            priority=80,
        )


@hooks.register("register_bulk_action")
class CrossrefBulkAction(PageBulkAction):
    """Chosen pages go to the Crossref page, which shows what a deposit of them would hold."""

    display_name = "Crossref"
    action_type = "crossref"
    aria_label = "Prepare a Crossref deposit of the selected pages"
    template_name = "distribution/admin/crossref_bulk_confirm.html"
    action_priority = 90

    def prepare_action(self, objects, objects_without_access):
        query = "&".join(f"page={page.pk}" for page in objects)
        return redirect(f"{reverse('crossref_prepare')}?{query}")

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return 0, 0  # prepare_action answers first: nothing changes here
