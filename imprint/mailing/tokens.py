"""Signed links in mail: confirmation (expiring, single-use through the subscription's nonce),
preferences and unsubscribe (valid while the subscriber's secret stays the same)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "imprint.mailing.confirm"
MANAGE_SALT = "imprint.mailing.manage"
UNSUBSCRIBE_SALT = "imprint.mailing.unsubscribe"


class BadToken(Exception):
    """A link that was altered, has expired or was already used: the message says which."""


@dataclass(frozen=True)
class ConfirmClaim:
    subscriber_id: int
    nonce: str


def confirm_token(*, subscriber_id: int, nonce: str) -> str:
    return signing.dumps({"s": subscriber_id, "n": nonce}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> ConfirmClaim:
    max_age = settings.IMPRINT_MAILING_CONFIRM_HOURS * 3600
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise BadToken("This confirmation link has expired. Sign up again for a new one.") from None
    except (signing.BadSignature, ValueError, UnicodeError):
        raise BadToken("This link is not valid. Copy the whole link from the email.") from None
    return ConfirmClaim(_int(data, "s"), _str(data, "n"))


def subscriber_token(*, subscriber_id: int, secret: str, lists: list[int], salt: str) -> str:
    return signing.dumps({"s": subscriber_id, "v": secret, "l": lists}, salt=salt, compress=True)


@dataclass(frozen=True)
class SubscriberClaim:
    subscriber_id: int
    secret: str
    lists: list[int]


def read_subscriber_token(token: str, *, salt: str) -> SubscriberClaim:
    try:
        data = signing.loads(token, salt=salt)
    except (signing.BadSignature, ValueError, UnicodeError):
        raise BadToken("This link is not valid. Copy the whole link from the email.") from None
    lists = data.get("l") if isinstance(data, dict) else None
    if not isinstance(lists, list) or not all(isinstance(i, int) for i in lists):
        raise BadToken("This link is not valid. Copy the whole link from the email.")
    return SubscriberClaim(_int(data, "s"), _str(data, "v"), lists)


def _int(data: object, key: str) -> int:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadToken("This link is not valid. Copy the whole link from the email.")
    return value


def _str(data: object, key: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value:
        raise BadToken("This link is not valid. Copy the whole link from the email.")
    return value
