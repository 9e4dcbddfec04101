"""Crossref batches and deposits. These functions check no permissions: the admin views that
call them do.

A deposit is recorded first (with its XML), then sent by the worker: a deposit whose sending
failed keeps its XML and says why, and can be sent again. Sending twice is harmless: Crossref
takes a later deposit of the same DOIs as an update.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from imprint.core.models import InstituteSettings
from imprint.journal.models import IssuePage
from imprint.publications.models import PublicationPage
from imprint.publications.selectors import live_in_site

from ..works import Work, describe_many
from .crossref import Batch, Depositor, build_batch
from .models import CrossrefDeposit, DepositStatus
from .selectors import issue_works

logger = logging.getLogger(__name__)
EXCERPT_CHARS = 2000


@dataclass(frozen=True)
class Credentials:
    url: str
    login_id: str
    password: str


def crossref_credentials() -> Credentials | None:
    """The configured endpoint and login, or None when a setting is missing."""
    login, password = settings.IMPRINT_CROSSREF_LOGIN_ID, settings.IMPRINT_CROSSREF_LOGIN_PASSWORD
    if not (settings.IMPRINT_CROSSREF_DEPOSIT_URL and login and password):
        return None
    return Credentials(settings.IMPRINT_CROSSREF_DEPOSIT_URL, login, password)


def missing_settings() -> list[str]:
    """The environment variables a deposit still needs."""
    names = {
        "IMPRINT_CROSSREF_DEPOSIT_URL": settings.IMPRINT_CROSSREF_DEPOSIT_URL,
        "IMPRINT_CROSSREF_LOGIN_ID": settings.IMPRINT_CROSSREF_LOGIN_ID,
        "IMPRINT_CROSSREF_LOGIN_PASSWORD": settings.IMPRINT_CROSSREF_LOGIN_PASSWORD,
    }
    return [name for name, value in names.items() if not value]


def depositor() -> Depositor:
    institute = InstituteSettings.for_site(Site.objects.filter(is_default_site=True).first())
    name = settings.IMPRINT_CROSSREF_DEPOSITOR_NAME or institute.name
    email = settings.IMPRINT_CROSSREF_DEPOSITOR_EMAIL or settings.DEFAULT_FROM_EMAIL
    return Depositor(name=name, email=email, registrant=institute.name)


def public_works(page_ids: Sequence[int]) -> list[Work]:
    """The chosen publications that readers can see (a DOI must point at a public page)."""
    public = set(
        live_in_site(PublicationPage.objects.filter(pk__in=page_ids), None).values_list(
            "pk", flat=True
        )
    )
    return describe_many([pk for pk in page_ids if pk in public])


def crossref_batch(
    page_ids: Sequence[int], *, batch_id: str | None = None, now: datetime.datetime | None = None
) -> Batch:
    """The deposit of the chosen pages: issues stand for their public articles; pages that
    are neither (or not public) are listed as left out."""
    issues = {i.pk: i for i in live_in_site(IssuePage.objects.filter(pk__in=page_ids), None)}
    others = {w.page_id: w for w in public_works([pk for pk in page_ids if pk not in issues])}
    works: dict[int, Work] = {}
    for pk in page_ids:
        found = issue_works(issue=issues[pk]) if pk in issues else [others.get(pk)]
        works.update((w.page_id, w) for w in found if w is not None)
    moment = now or timezone.now()
    batch = build_batch(
        list(works.values()),
        depositor=depositor(),
        batch_id=batch_id or f"imprint-{moment:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}",
        timestamp=moment,
    )
    unknown = [pk for pk in page_ids if pk not in issues and pk not in others]
    for title in Page.objects.filter(pk__in=unknown).values_list("title", flat=True):
        batch.skipped.append((title, "not a public publication or issue"))
    return batch


def crossref_deposit_create(
    *, page_ids: Sequence[int], label: str, user=None
) -> tuple[CrossrefDeposit | None, Batch]:
    """Record a deposit of the chosen pages and queue it for the worker (after commit).
    Nothing is recorded when no chosen item can be deposited."""
    from .tasks import crossref_deposit_task

    batch = crossref_batch(page_ids)
    if batch.is_empty:
        return None, batch
    deposit = CrossrefDeposit.objects.create(
        batch_id=batch.batch_id,
        label=label[:255],
        page_ids=list(page_ids),
        dois=batch.dois,
        xml=batch.xml.decode(),
        requested_by=user,
    )
    transaction.on_commit(lambda: crossref_deposit_task.enqueue(deposit.pk))
    return deposit, batch


def crossref_deposit_retry(*, deposit: CrossrefDeposit) -> None:
    """Send a failed deposit again, as it was."""
    from .tasks import crossref_deposit_task

    CrossrefDeposit.objects.filter(pk=deposit.pk).update(status=DepositStatus.QUEUED, error="")
    transaction.on_commit(lambda: crossref_deposit_task.enqueue(deposit.pk))


def crossref_deposit_send(*, deposit_id: int) -> str:
    """POST the deposit to Crossref as its deposit servlet takes it (multipart: operation,
    login_id, login_passwd and the XML as ``fname``) and record the outcome."""
    deposit = CrossrefDeposit.objects.filter(pk=deposit_id).first()
    if deposit is None or deposit.status == DepositStatus.SUBMITTED:
        return "nothing to send"
    credentials = crossref_credentials()
    deposit.attempts += 1
    if credentials is None:
        _failed(deposit, f"Not configured: set {', '.join(missing_settings())}.")
        return deposit.status
    deposit.endpoint = credentials.url
    try:
        response = requests.post(
            credentials.url,
            data={
                "operation": "doMDUpload",
                "login_id": credentials.login_id,
                "login_passwd": credentials.password,
            },
            files={"fname": (f"{deposit.batch_id}.xml", deposit.xml.encode(), "application/xml")},
            timeout=settings.IMPRINT_CROSSREF_TIMEOUT_SECONDS,
        )
    except requests.RequestException as error:
        _failed(deposit, f"Crossref could not be reached: {type(error).__name__}: {error}")
        return deposit.status
    deposit.http_status = response.status_code
    deposit.response_excerpt = response.text[:EXCERPT_CHARS]
    if response.ok:
        deposit.status, deposit.error = DepositStatus.SUBMITTED, ""
        deposit.submitted_at = timezone.now()
        deposit.save()
    else:
        _failed(deposit, f"Crossref answered HTTP {response.status_code} {response.reason}.")
    return deposit.status


def _failed(deposit: CrossrefDeposit, why: str) -> None:
    logger.warning("Crossref deposit %s failed: %s", deposit.batch_id, why)
    deposit.status, deposit.error = DepositStatus.FAILED, why[:EXCERPT_CHARS]
    deposit.save()
