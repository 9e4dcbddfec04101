"""The one place settings read the environment; every bad value fails loudly, naming it."""

import os
import re
import zoneinfo
from urllib.parse import urlsplit

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import EmailValidator

_MISSING = object()


def env(name: str, default: object = _MISSING) -> str:
    """Return the environment variable ``name``; with no default a missing one fails loudly."""
    value = os.environ.get(name)
    if value is not None and value != "":
        return value
    if default is _MISSING:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return default  # type: ignore[return-value]


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int | object = _MISSING) -> int:
    value = env(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_rate(name: str, default: str) -> str:
    """A request rate like "600/m" (per s, m, h or d), or "" / "0" for none."""
    value = env(name, default).strip()
    if value in ("", "0"):
        return ""
    if not re.fullmatch(r"[1-9]\d*/(s|m|h|d)", value):
        raise ImproperlyConfigured(f'{name} must be a rate like "600/m" (s, m, h or d), or 0.')
    return value


def env_list(name: str, default: str | object = _MISSING) -> list[str]:
    """A comma-separated list; with no default an empty one fails loudly."""
    items = [item.strip() for item in env(name, default).split(",") if item.strip()]
    if not items and default is _MISSING:
        raise ImproperlyConfigured(f"Set the environment variable {name} (comma-separated).")
    return items


def env_secret_key(name: str = "SECRET_KEY") -> str:
    """A secret strong enough by Django's own measure (check W009), or a clear refusal."""
    value = env(name)
    if (
        len(value) < SECRET_KEY_MIN_LENGTH
        or len(set(value)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or value.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ImproperlyConfigured(
            f"{name} is too weak: use at least {SECRET_KEY_MIN_LENGTH} random characters "
            f"(at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different ones), for example the "
            "output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    return value


def env_url(name: str, default: str | object = _MISSING) -> str:
    """An absolute http(s) URL without a trailing slash."""
    value = env(name, default)
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(
            f"{name} must be an absolute URL such as https://www.example.org, not {value!r}."
        )
    return value.rstrip("/")


def env_email(name: str, default: str | object = _MISSING) -> str:
    """An e-mail address, optionally with a display name: ``Institute <news@example.org>``.

    Unlike Django's own validator, it refuses ``@localhost``: mail from there is not delivered.
    """
    value = env(name, default)
    address = value.rsplit("<", 1)[-1].rstrip(">").strip()
    try:
        EmailValidator(allowlist=[])(address)
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name} must be an e-mail address such as 'Institute <news@example.org>', "
            f"not {value!r}."
        ) from None
    return value


def env_time_zone(name: str = "TIME_ZONE", default: str = "UTC") -> str:
    """An IANA time zone name (``Asia/Seoul``); an unknown one fails at start-up."""
    value = env(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a known time zone: use a name from the IANA database "
            "such as Asia/Seoul, Asia/Tokyo, America/New_York or UTC."
        ) from None
    return value
