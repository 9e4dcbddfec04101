"""Email addresses as the list stores them: one spelling per mailbox, or a clear refusal."""

from __future__ import annotations

import idna
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from .models import EMAIL_MAX_LENGTH

_validate = EmailValidator(message="Enter a valid email address, like name@example.org.")


def normalise(raw: str) -> str:
    """The address with its domain in lower case and in ASCII (IDNA for a Unicode domain).

    The local part is kept as typed: only the receiving server may say what its case means.
    Raises ValidationError with a message a reader understands.
    """
    address = (raw or "").strip()
    if len(address) > EMAIL_MAX_LENGTH:
        raise ValidationError(
            f"This address is longer than {EMAIL_MAX_LENGTH} characters, the most email allows."
        )
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise ValidationError("Enter a valid email address, like name@example.org.")
    if not local.isascii():
        raise ValidationError("The part before the @ must be plain letters, digits or . _ + -.")
    try:
        domain = idna.encode(domain.lower().rstrip("."), uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        raise ValidationError("The part after the @ is not a valid domain name.") from None
    address = f"{local}@{domain}"
    if len(address) > EMAIL_MAX_LENGTH:
        raise ValidationError(
            f"This address is longer than {EMAIL_MAX_LENGTH} characters, the most email allows."
        )
    _validate(address)
    return address
