"""Leases: work that one process at a time may do, across workers and hosts.

A lease is a database row taken with one conditional UPDATE, which SQLite (one writer at a time)
and PostgreSQL (the row is locked and the condition checked again) both run atomically. It is
free when it expired, or when its holder is a worker whose heartbeat stopped (killed mid-way).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Q
from django.utils import timezone

from .models import Lease
from .worker import lost_workers


def lease_acquire(name: str, *, holder: str, seconds: float) -> bool:
    """Take the lease ``name`` for ``seconds`` unless another live holder has it."""
    now = timezone.now()
    Lease.objects.bulk_create([Lease(name=name, expires_at=now)], ignore_conflicts=True)
    free = Q(expires_at__lte=now) | Q(holder=holder) | Q(holder__in=lost_workers(now=now))
    taken = Lease.objects.filter(free, name=name).update(
        holder=holder, expires_at=now + datetime.timedelta(seconds=seconds)
    )
    return taken == 1


def lease_release(name: str, *, holder: str) -> None:
    Lease.objects.filter(name=name, holder=holder).update(holder="", expires_at=timezone.now())


@contextmanager
def lease(name: str, *, holder: str, seconds: float) -> Iterator[bool]:
    """``with lease(...) as held:`` runs the block with ``held`` False if someone else has it."""
    held = lease_acquire(name, holder=holder, seconds=seconds)
    try:
        yield held
    finally:
        if held:
            lease_release(name, holder=holder)
