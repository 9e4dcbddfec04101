from __future__ import annotations

from imprint.mailing import services
from imprint.mailing.models import Subscriber
from tests import factories as f


def publish(page) -> None:
    """Publish through a revision, as an editor does (Wagtail's page_published fires)."""
    page.save_revision().publish()


def draft(parent, **fields):
    return f.PublicationPageFactory(parent=parent, live=False, **fields)


def confirmed_subscriber(email: str, keys: list[str] | None = None, **options) -> Subscriber:
    """A subscriber who signed up and confirmed, without going through mail."""
    services.subscriber_signup(
        email=email, lists=services.mailing_lists_for(keys or ["all"]), source="test", **options
    )
    subscriber = Subscriber.objects.get(email=email)
    nonce = subscriber.subscriptions.values_list("nonce", flat=True).first()
    from imprint.mailing.tokens import confirm_token

    services.subscription_confirm(token=confirm_token(subscriber_id=subscriber.pk, nonce=nonce))
    return subscriber
