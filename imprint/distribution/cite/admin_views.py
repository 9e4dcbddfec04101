"""The Wagtail admin's Crossref pages: prepare a deposit (see what goes, download the XML),
send it, list the deposits with their outcome, retry one that failed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from .models import CrossrefDeposit, DepositStatus
from .services import (
    crossref_batch,
    crossref_deposit_create,
    crossref_deposit_retry,
    missing_settings,
)

MAX_PAGES = 1000


def _page_ids(values: list[str]) -> list[int] | None:
    try:
        ids = [int(v) for v in values if v.strip()]
    except ValueError:
        return None
    # Page ids are positive 32-bit integers on every database.
    return list(dict.fromkeys(i for i in ids if 0 < i < 2**31))[:MAX_PAGES] or None


def _may_deposit(request: HttpRequest) -> bool:
    return request.user.has_perm("distribution.add_crossrefdeposit")


def _label(page_ids: list[int]) -> str:
    titles = list(Page.objects.filter(pk__in=page_ids[:3]).values_list("title", flat=True))
    more = len(page_ids) - len(titles)
    return ", ".join(titles) + (f" and {more} more" if more > 0 else "")


@require_GET
def prepare(request: HttpRequest) -> HttpResponse:
    """What a deposit of the chosen pages would hold, with the XML and the send button."""
    ids = _page_ids(request.GET.getlist("page"))
    if ids is None:
        return HttpResponseBadRequest("Choose publications or issues: ?page=<page id>.")
    batch = crossref_batch(ids)
    context = {
        "batch": batch,
        "page_ids": ids,
        "label": _label(ids),
        "missing": missing_settings(),
        "may_deposit": _may_deposit(request),
        "xml_preview": batch.xml.decode()[:20000],
    }
    return TemplateResponse(request, "distribution/admin/crossref_prepare.html", context)


@require_GET
def xml_download(request: HttpRequest) -> HttpResponse:
    ids = _page_ids(request.GET.getlist("page"))
    if ids is None:
        return HttpResponseBadRequest("Choose publications or issues: ?page=<page id>.")
    batch = crossref_batch(ids)
    return _xml_response(batch.xml, batch.batch_id)


def _xml_response(xml: bytes, batch_id: str) -> HttpResponse:
    response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{batch_id}.xml"
    )
    return response


@require_POST
def deposit(request: HttpRequest) -> HttpResponse:
    if not _may_deposit(request):
        raise PermissionDenied
    ids = _page_ids(request.POST.getlist("page"))
    if ids is None:
        return HttpResponseBadRequest("Choose publications or issues to deposit.")
    missing = missing_settings()
    if missing:
        messages.error(request, f"Crossref deposits need {', '.join(missing)} set on the server.")
        return redirect(f"{reverse('crossref_prepare')}?{request.POST.urlencode()}")
    created, batch = crossref_deposit_create(page_ids=ids, label=_label(ids), user=request.user)
    if created is None:
        messages.error(request, "Nothing to deposit: no chosen item is public with a DOI.")
    else:
        messages.success(
            request,
            f"Deposit {created.batch_id} queued ({len(batch.dois)} DOIs); its outcome shows here.",
        )
    return redirect("crossref_deposits")


@require_GET
def deposits(request: HttpRequest) -> HttpResponse:
    context = {
        "deposits": CrossrefDeposit.objects.select_related("requested_by")[:200],
        "missing": missing_settings(),
        "failed": DepositStatus.FAILED,
        "may_deposit": _may_deposit(request),
    }
    return TemplateResponse(request, "distribution/admin/crossref_deposits.html", context)


@require_POST
def retry(request: HttpRequest, deposit_id: int) -> HttpResponse:
    if not _may_deposit(request):
        raise PermissionDenied
    found = get_object_or_404(CrossrefDeposit, pk=deposit_id)
    if found.status != DepositStatus.FAILED:
        messages.warning(request, f"{found.batch_id} has not failed: nothing to retry.")
    else:
        crossref_deposit_retry(deposit=found)
        messages.success(request, f"{found.batch_id} queued again.")
    return redirect("crossref_deposits")


@require_GET
def deposit_xml(request: HttpRequest, deposit_id: int) -> HttpResponse:
    found = get_object_or_404(CrossrefDeposit, pk=deposit_id)
    return _xml_response(found.xml.encode(), found.batch_id)
