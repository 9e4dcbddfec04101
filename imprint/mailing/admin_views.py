"""Admin views beyond Wagtail's listings: importing subscribers, and a campaign's test, schedule
and cancel. Permissions are checked here (the services do not)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import campaigns
from .imports import ImportRejected, subscribers_import, subscribers_parse_csv
from .models import Campaign, CampaignStatus, MailingList

MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=(
            "A header row, then one address a row. Columns: email; consent_date and "
            "consent_source when you hold proof that the address agreed elsewhere (both, or "
            "neither). Rows with proof are subscribed at once; the others wait for a "
            "confirmation and receive nothing until they confirm."
        ),
    )
    lists = forms.ModelMultipleChoiceField(
        queryset=MailingList.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Every imported address is put on these lists.",
    )
    send_confirmation = forms.BooleanField(
        required=False,
        label="Email a confirmation request to the rows without proof",
        help_text="Left unticked, they get nothing; they join when they sign up themselves.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB: split it.")
        return upload


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def subscriber_import(request: HttpRequest) -> HttpResponse:
    _require(request, "mailing.add_subscriber")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = subscribers_parse_csv(form.cleaned_data["file"].read())
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            result = subscribers_import(
                rows=rows,
                lists=list(form.cleaned_data["lists"]),
                send_confirmation=form.cleaned_data["send_confirmation"],
                editor=request.user.get_username(),
            )
            messages.success(request, _summary(len(rows), result))
            return redirect(reverse("wagtailsnippets_mailing_subscriber:list"))
    context = {"form": form, "errors": errors, "page_title": "Import subscribers"}
    return TemplateResponse(request, "mailing/admin/import.html", context)


def _summary(count: int, result) -> str:
    text = (
        f"{count} rows read: {result.confirmed} subscriptions with proof of consent confirmed, "
        f"{result.pending} waiting for confirmation ({result.confirmations} requests emailed), "
        f"{result.already} already confirmed."
    )
    if result.kept_out:
        names = ", ".join(result.kept_out[:20]) + ("…" if len(result.kept_out) > 20 else ".")
        text += f" Left as they were (they had left or were suppressed): {names}"
    return text


def campaign_send(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaign's page for testing, scheduling and cancelling, with its counts."""
    _require(request, "mailing.change_campaign")
    campaign = get_object_or_404(Campaign, pk=pk)
    context = {
        "campaign": campaign,
        "page_public": campaigns.campaign_page(campaign) is not None,
        "recipients": campaigns.campaign_recipients(campaign).count(),
        "page_title": f"Send “{campaign}”",
        "zone": timezone.get_current_timezone_name(),
        "editable": campaign.status in (CampaignStatus.DRAFT, CampaignStatus.SCHEDULED),
    }
    return TemplateResponse(request, "mailing/admin/campaign_send.html", context)


@require_POST
def campaign_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _require(request, "mailing.change_campaign")
    campaign = get_object_or_404(Campaign, pk=pk)
    try:
        if action == "test":
            campaigns.campaign_send_test(campaign=campaign, to=request.user.email)
            messages.success(request, f"A test went to {request.user.email}.")
        elif action == "schedule":
            campaigns.campaign_schedule(campaign=campaign)
            when = timezone.localtime(campaign.send_at).strftime("%-d %B %Y, %H:%M")
            messages.success(
                request, f"Scheduled for {when} ({timezone.get_current_timezone_name()})."
            )
        elif action == "cancel":
            count = campaigns.campaign_cancel(campaign=campaign)
            messages.success(request, f"Cancelled; {count} messages not yet sent will not go.")
    except campaigns.CampaignRefused as refused:
        messages.error(request, str(refused))
    return redirect(reverse("mailing_campaign_send", args=[campaign.pk]))
