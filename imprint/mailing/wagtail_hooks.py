"""The mailing list in Wagtail's admin: lists with their counts, subscribers (search, filters,
CSV export and import), campaigns with their history."""

from __future__ import annotations

import django_filters
from django import forms
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Campaign, MailingList, Status, Subscriber, Subscription


class MailingListViewSet(SnippetViewSet):
    """Every list with its subscribers by state; editors add lists of their own here (lists
    of topics, series, blogs and journals are made when a reader first joins them)."""

    model = MailingList
    icon = "list-ul"
    menu_label = "Lists"
    list_display = ["name", "kind", "confirmed_count", "pending_count", "unsubscribed_count",
                    "is_active"]  # fmt: skip
    list_filter = ["kind", "is_active"]


class SubscriberFilterSet(WagtailFilterSet):
    """List and status filter together: "confirmed on Energy" is one subscription."""

    mailing_list = django_filters.ModelChoiceFilter(
        queryset=MailingList.objects.all(), label="List", method="by_subscription"
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices, label="Status on the list", method="by_subscription"
    )

    class Meta:
        model = Subscriber
        fields = ["suppressed"]

    def by_subscription(self, queryset, name, value):
        return queryset  # both are applied at once in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        conditions = {
            key: data[key] for key in ("mailing_list", "status") if data.get(key) is not None
        }
        conditions = {k: v for k, v in conditions.items() if v != ""}
        if conditions:
            subscriptions = Subscription.objects.filter(**conditions)
            queryset = queryset.filter(pk__in=subscriptions.values("subscriber_id"))
        return queryset


class SubscriberIndexView(IndexView):
    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton("Import CSV", url=reverse("mailing_import"), icon_name="upload"),
        ]


class SubscriberViewSet(SnippetViewSet):
    """Subscribers: search by address, filter by list and status, export the filtered rows as
    CSV, import a CSV. Deleting one erases it (the consent record keeps only hashes)."""

    model = Subscriber
    icon = "user"
    menu_label = "Subscribers"
    index_view_class = SubscriberIndexView
    list_display = ["email", "lists_summary", "suppressed", "created_at"]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    search_backend_name = None  # the database's icontains: subscribers are not in any index
    list_export = ["email", "lists_summary", "suppressed", "suppressed_reason", "created_at"]
    export_headings = {"lists_summary": "Lists", "suppressed_reason": "Why suppressed"}
    export_filename = "subscribers"
    panels = [FieldPanel("email", read_only=True), FieldPanel("suppressed"),
              FieldPanel("suppressed_reason")]  # fmt: skip


class CampaignIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [
            MenuItem(
                "Test, schedule or cancel",
                url=reverse("mailing_campaign_send", args=[instance.pk]),
                icon_name="mail",
                priority=5,
            ),
            *super().get_list_more_buttons(instance),
        ]


class CampaignViewSet(SnippetViewSet):
    """Campaigns and their history: a page mailed once to chosen lists."""

    model = Campaign
    icon = "mail"
    menu_label = "Campaigns"
    index_view_class = CampaignIndexView
    list_display = ["__str__", "status", "send_at", "recipients", "sent_count", "failed_count",
                    "bounced_count"]  # fmt: skip
    list_filter = ["status"]
    panels = [
        FieldPanel("page"),
        FieldPanel("subject"),
        FieldPanel("introduction"),
        FieldPanel("lists", widget=forms.CheckboxSelectMultiple),
        FieldPanel("send_at"),
    ]


class MailingViewSetGroup(SnippetViewSetGroup):
    items = (MailingListViewSet, SubscriberViewSet, CampaignViewSet)
    menu_icon = "mail"
    menu_label = "Mailing list"
    menu_order = 160


register_snippet(MailingViewSetGroup)


@hooks.register("register_admin_urls")
def mailing_admin_urls() -> list:
    return [
        path("mailing/import/", admin_views.subscriber_import, name="mailing_import"),
        path("mailing/campaigns/<int:pk>/", admin_views.campaign_send,
             name="mailing_campaign_send"),
        path("mailing/campaigns/<int:pk>/<str:action>/", admin_views.campaign_action,
             name="mailing_campaign_action"),
    ]  # fmt: skip


@hooks.register("after_create_snippet")
def campaign_author(request, instance) -> None:
    if isinstance(instance, Campaign) and instance.created_by_id is None:
        Campaign.objects.filter(pk=instance.pk).update(created_by=request.user)
