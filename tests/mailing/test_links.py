"""Signed links: confirmation (expiring, single-use), preferences and unsubscribe. A forged,
expired or replayed link gets a clear message and changes nothing."""

from __future__ import annotations

import pytest
from django.core import signing

from imprint.mailing import services
from imprint.mailing.models import ConsentEvent, Frequency, Status, Subscriber, Subscription
from imprint.mailing.tokens import (
    CONFIRM_SALT,
    MANAGE_SALT,
    UNSUBSCRIBE_SALT,
    confirm_token,
    subscriber_token,
)

from .helpers import confirmed_subscriber

pytestmark = pytest.mark.django_db


def _pending(address: str = "p@example.org") -> tuple[Subscriber, str]:
    services.subscriber_signup(
        email=address, lists=services.mailing_lists_for(["all"]), source="test"
    )
    subscriber = Subscriber.objects.get(email=address)
    return subscriber, subscriber.subscriptions.get().nonce


def _unchanged_after(client, url: str, expected: str, method: str = "post") -> None:
    before = list(Subscription.objects.values_list("status", "frequency", "nonce"))
    events = ConsentEvent.objects.count()
    response = getattr(client, method)(url)
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert list(Subscription.objects.values_list("status", "frequency", "nonce")) == before
    assert ConsentEvent.objects.count() == events


def test_a_forged_confirmation_link_changes_nothing(client, home):
    subscriber, nonce = _pending()
    forged = signing.dumps({"s": subscriber.pk, "n": nonce}, salt=CONFIRM_SALT, key="guess")
    _unchanged_after(client, f"/mailing/confirm/{forged}/", "not valid")
    good = confirm_token(subscriber_id=subscriber.pk, nonce=nonce)
    _unchanged_after(client, f"/mailing/confirm/{good[:-3]}xyz/", "not valid")
    _unchanged_after(client, "/mailing/confirm/garbage/", "not valid")


def test_a_confirmation_link_for_a_guessed_nonce_changes_nothing(client, home):
    subscriber, _ = _pending()
    token = confirm_token(subscriber_id=subscriber.pk, nonce="guessed")
    _unchanged_after(client, f"/mailing/confirm/{token}/", "already used")


def test_an_expired_confirmation_link_changes_nothing(client, home, settings):
    subscriber, nonce = _pending()
    token = confirm_token(subscriber_id=subscriber.pk, nonce=nonce)
    settings.IMPRINT_MAILING_CONFIRM_HOURS = -1  # every link is past its time
    _unchanged_after(client, f"/mailing/confirm/{token}/", "expired")


def test_a_confirmation_token_is_no_unsubscribe_token(client, home):
    subscriber = confirmed_subscriber("c@example.org")
    token = signing.dumps({"s": subscriber.pk, "v": subscriber.secret, "l": []}, salt=CONFIRM_SALT)
    _unchanged_after(client, f"/mailing/unsubscribe/{token}/", "not valid")


def test_unsubscribe_links_stop_working_when_the_secret_is_replaced(client, home):
    subscriber = confirmed_subscriber("s@example.org")
    token = subscriber_token(
        subscriber_id=subscriber.pk, secret=subscriber.secret, lists=[], salt=UNSUBSCRIBE_SALT
    )
    Subscriber.objects.filter(pk=subscriber.pk).update(secret="rotated")
    _unchanged_after(client, f"/mailing/unsubscribe/{token}/", "no longer valid")
    _unchanged_after(client, f"/mailing/preferences/{token}/", "not valid", method="get")


def test_one_click_leaves_only_the_lists_the_message_came_from(client, home):
    from tests import factories as f

    topic = f.TopicFactory(name="Energy")
    subscriber = confirmed_subscriber("two@example.org", ["all", f"topic-{topic.pk}"])
    topic_list = Subscription.objects.get(mailing_list__topic=topic).mailing_list_id
    token = subscriber_token(
        subscriber_id=subscriber.pk,
        secret=subscriber.secret,
        lists=[topic_list],
        salt=UNSUBSCRIBE_SALT,
    )
    response = client.post(f"/mailing/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "Energy" in response.content.decode()
    statuses = dict(Subscription.objects.values_list("mailing_list__kind", "status"))
    assert statuses == {"all": Status.CONFIRMED, "topic": Status.UNSUBSCRIBED}
    assert ConsentEvent.objects.filter(action="unsubscribe").get().source == "one-click"


def test_the_preferences_page_changes_lists_and_frequency(client, home):
    from tests import factories as f

    topic = f.TopicFactory(name="Trade")
    subscriber = confirmed_subscriber("prefs@example.org")
    token = subscriber_token(
        subscriber_id=subscriber.pk, secret=subscriber.secret, lists=[], salt=MANAGE_SALT
    )
    url = f"/mailing/preferences/{token}/"
    page = client.get(url)
    assert page.status_code == 200 and "Trade" in page.content.decode()
    key = f"topic-{topic.pk}"
    response = client.post(url, {"lists": [key], f"frequency-{key}": Frequency.WEEKLY})
    assert "Your choices are saved" in response.content.decode()
    rows = set(Subscription.objects.values_list("mailing_list__kind", "status", "frequency"))
    assert rows == {
        ("all", Status.UNSUBSCRIBED, Frequency.IMMEDIATELY),
        ("topic", Status.CONFIRMED, Frequency.WEEKLY),
    }
    client.post(url, {})  # nothing ticked: leave every list
    assert set(Subscription.objects.values_list("status", flat=True)) == {Status.UNSUBSCRIBED}


def test_a_bad_frequency_changes_nothing(client, home):
    subscriber = confirmed_subscriber("freq@example.org")
    token = subscriber_token(
        subscriber_id=subscriber.pk, secret=subscriber.secret, lists=[], salt=MANAGE_SALT
    )
    response = client.post(
        f"/mailing/preferences/{token}/", {"lists": ["all"], "frequency-all": "hourly"}
    )
    assert response.status_code == 400
    assert Subscription.objects.get().frequency == Frequency.IMMEDIATELY
