"""Erasure: deleting a subscriber removes the address, its subscriptions and its mail, and
keeps the consent record unlinked, with the address only as a keyed hash."""

from __future__ import annotations

import pytest

from imprint.mailing.consent import address_hash
from imprint.mailing.models import ConsentEvent, OutboundMessage, Subscriber, Subscription

from .helpers import confirmed_subscriber

pytestmark = pytest.mark.django_db


def test_an_editor_erases_a_subscriber_and_the_consent_record_keeps_only_hashes(admin_client, home):
    reader = confirmed_subscriber("erase.me@example.org", ["all"])
    recorded = list(ConsentEvent.objects.filter(subscriber=reader).values_list("pk", flat=True))
    assert len(recorded) == 2  # the signup and the confirmation
    response = admin_client.post(f"/admin/snippets/mailing/subscriber/delete/{reader.pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.filter(email="erase.me@example.org").exists()
    assert not Subscription.objects.exists() and not OutboundMessage.objects.exists()
    events = ConsentEvent.objects.order_by("pk")
    assert [e.action for e in events] == ["signup", "confirm", "erase"]
    assert all(e.subscriber_id is None for e in events)
    # Whoever brings the address can still be shown their consent; nobody else learns it.
    assert {e.address_hash for e in events} == {address_hash("erase.me@example.org")}
    stored = " ".join(str(v) for e in events.values() for v in e.values())
    assert "erase.me" not in stored


def test_the_consent_record_still_refuses_changes(home):
    reader = confirmed_subscriber("kept@example.org")
    event = ConsentEvent.objects.filter(subscriber=reader).first()
    with pytest.raises(TypeError, match="append-only"):
        ConsentEvent.objects.filter(pk=event.pk).update(source="forged")
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
