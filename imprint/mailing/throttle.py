"""Signups counted per address (IP) and hour in the cache, like the login throttle counts
failures: a script cannot make the site mail thousands of strangers."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from .consent import ip_hash


def signup_allowed(ip: str) -> bool:
    """Count one signup from ``ip``; False once it made IMPRINT_MAILING_SIGNUPS_PER_HOUR."""
    hour = int(time.time() // 3600)
    key = f"imprint:mailing:signups:{ip_hash(ip or 'unknown')}:{hour}"
    cache.add(key, 0, timeout=3700)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=3700)
        count = 1
    return count <= settings.IMPRINT_MAILING_SIGNUPS_PER_HOUR
