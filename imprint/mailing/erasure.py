"""Erasure of a subscriber, and what the consent record keeps of it.

The rule (docs/operations.md, "Erasure"): deleting a subscriber deletes the address, its
subscriptions and its queued and past messages. The consent record is kept, unlinked: every
event carries, since it was written, a keyed hash of the address (``consent.address_hash``)
and no address; the database sets its ``subscriber`` to NULL, the only change the record ever
takes. One last event says when the erasure happened. So the institute can still show, to
whoever brings the address, that it had consent, and the record names nobody to anyone else.
"""

from __future__ import annotations

from django.db import transaction

from .consent import address_hash
from .models import ConsentAction, ConsentEvent, Subscriber


def erasure_record(*, subscriber: Subscriber) -> None:
    """Append the erasure event (unlinked, the address only as its hash)."""
    ConsentEvent.objects.create(
        subscriber=None,
        address_hash=address_hash(subscriber.email),
        action=ConsentAction.ERASE,
        source="erasure",
    )


def subscriber_erase(*, subscriber: Subscriber) -> None:
    """Delete the subscriber (the ``pre_delete`` handler writes the erasure event)."""
    with transaction.atomic():
        subscriber.delete()
