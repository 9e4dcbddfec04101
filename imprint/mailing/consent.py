"""The consent text readers agree to, its version (kept with every opt-in), and the hashed
address a request came from."""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import salted_hmac

# Change the version whenever the text changes: the consent record keeps which one was shown.
CONSENT_TEXT_VERSION = "2026-12-01"
CONSENT_TEXT = (
    "We will email you new publications from the lists you choose, and nothing else. "
    "We keep your address, your choices and when you made them, and never share them. "
    "Every email has a link to change your choices or leave at once."
)


def ip_hash(ip: str) -> str:
    """A keyed hash of the address: the same address gives the same hash (to see abuse), and
    without the pepper it cannot be turned back into the address."""
    if not ip:
        return ""
    pepper = settings.IMPRINT_MAILING_IP_PEPPER or settings.SECRET_KEY
    return salted_hmac("imprint.mailing.ip", ip, secret=pepper, algorithm="sha256").hexdigest()


def address_hash(email: str) -> str:
    """A keyed hash of a (normalised) address, kept with every consent event so the record
    still proves consent once the subscriber is erased, without naming the address."""
    if not email:
        return ""
    pepper = settings.IMPRINT_MAILING_IP_PEPPER or settings.SECRET_KEY
    return salted_hmac(
        "imprint.mailing.address", email, secret=pepper, algorithm="sha256"
    ).hexdigest()
