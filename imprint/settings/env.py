"""The one place settings read the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

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


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]
