"""Bounces and complaints: the address is suppressed (never mailed again), the event goes into
the consent record, and the message it answers, when known, is counted as bounced.

From two sources: an email provider's tracking webhooks through django-anymail (its
``tracking`` signal, ``webhooks.py``), and delivery status notifications (RFC 3464) or
complaint reports (RFC 5965) fed to ``imprint read_bounces`` (``dsn.py``). A temporary failure
(a 4.x.x status, a delayed delivery) suppresses nobody: the sender retries those itself.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .addresses import normalise
from .models import ConsentAction, OutboundMessage, Subscriber
from .services import consent_record

# anymail's normalised event types that end an address (a rejection by the provider counts
# when it says why: an earlier bounce or a complaint).
SUPPRESSING_EVENTS = {"bounced", "complained"}
SUPPRESSING_REJECTIONS = {"bounced", "spam"}


def address_suppress(
    *, email: str, reason: str, source: str, message_id: str = "", provider_id: str = ""
) -> bool:
    """Suppress ``email`` for good, recording why; returns False when no subscriber has it.
    ``message_id`` (ours) or ``provider_id`` (the provider's) marks that message bounced."""
    subscriber = _find(email)
    if subscriber is None:
        return False
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if not subscriber.suppressed:
            subscriber.suppressed, subscriber.suppressed_reason = True, reason[:255]
            subscriber.save(update_fields=["suppressed", "suppressed_reason"])
            consent_record(
                subscriber=subscriber, action=ConsentAction.SUPPRESS, source=source, detail=reason
            )
        _mark_bounced(subscriber, message_id=message_id, provider_id=provider_id)
    return True


def _find(email: str) -> Subscriber | None:
    try:
        address = normalise(email)
    except ValidationError:
        return None
    found = Subscriber.objects.filter(email=address).first()
    # A report may give the local part in another case than the reader typed it.
    return found or Subscriber.objects.filter(email__iexact=address).first()


def _mark_bounced(subscriber: Subscriber, *, message_id: str, provider_id: str) -> None:
    messages = OutboundMessage.objects.filter(subscriber=subscriber, bounced_at__isnull=True)
    if message_id:
        messages.filter(message_id=message_id.strip()).update(bounced_at=timezone.now())
    if provider_id:
        messages.filter(provider_id=provider_id.strip()).update(bounced_at=timezone.now())


def tracking_received(sender, event, esp_name: str, **kwargs) -> None:
    """django-anymail's ``tracking`` signal: a hard bounce or a complaint suppresses."""
    rejected = event.event_type == "rejected" and event.reject_reason in SUPPRESSING_REJECTIONS
    if event.event_type not in SUPPRESSING_EVENTS and not rejected or not event.recipient:
        return
    reason = " ".join(
        part
        for part in (esp_name, event.event_type, event.reject_reason, event.description)
        if part
    )
    address_suppress(
        email=event.recipient,
        reason=reason,
        source=f"webhook {esp_name}".lower(),
        provider_id=event.message_id or "",
    )
