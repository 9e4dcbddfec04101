"""Importing subscribers from a CSV file, and what an import may and may not do.

Columns (a header row, any order, case ignored): ``email`` (required), ``consent_date`` and
``consent_source`` (together, or neither). A row with both carries proof of consent given
elsewhere (a paper form, the old list's provider): it is confirmed at once and the proof goes
into the consent record. Any other row is pending: it receives nothing, not even a
confirmation request, unless the editor asks for one; it joins the lists when it confirms.
An import never overrides an opt-out: an address that left a list or was suppressed stays so.

The file is read whole first: a single bad row stops the import, with one message per bad
row, and nothing is written. No permission checks here: the admin view checks them.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .addresses import normalise
from .models import ConsentAction, MailingList, Status, Subscriber, Subscription
from .services import consent_record, request_confirmation

MAX_ROWS = 100_000
COLUMNS = ("email", "consent_date", "consent_source")


@dataclass(frozen=True)
class ImportRow:
    line: int
    email: str
    consented_at: datetime.datetime | None = None
    consent_source: str = ""


@dataclass
class ImportResult:
    confirmed: int = 0  # rows with proof, now on the lists
    pending: int = 0  # rows without proof, waiting for a confirmation
    confirmations: int = 0  # confirmation requests queued (when the editor asked)
    already: int = 0  # already confirmed on a list
    kept_out: list[str] = field(default_factory=list)  # left a list or suppressed: untouched


class ImportRejected(Exception):
    """The file cannot be imported; ``errors`` says why, one line per bad row."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors[:3]))
        self.errors = errors


def subscribers_parse_csv(data: bytes) -> list[ImportRow]:
    """Every row of the file, checked; raises ImportRejected listing every bad row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(["The file is not UTF-8 text: save it as “CSV UTF-8”."]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    if "email" not in header:
        raise ImportRejected(["The first row must name the columns, one of them “email”."])
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise ImportRejected(
            [f"Unknown column “{unknown[0]}”: the columns are {', '.join(COLUMNS)}."]
        )
    rows, errors, seen = [], [], {}
    for line, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(f"More than {MAX_ROWS:,} rows: split the file.")
            break
        try:
            row = _row(line, dict(zip(header, values, strict=False)), len(values) > len(header))
        except ValidationError as error:
            errors.append(f"Row {line}: {error.messages[0]}")
            continue
        if row.email in seen:
            errors.append(f"Row {line}: {row.email} is already on row {seen[row.email]}.")
            continue
        seen[row.email] = line
        rows.append(row)
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected(["The file has no rows under its header."])
    return rows


def _row(line: int, values: dict, extra: bool) -> ImportRow:
    if extra:
        raise ValidationError("it has more values than the header has columns.")
    raw = (values.get("email") or "").strip()
    if not raw:
        raise ValidationError("the email is empty.")
    try:
        address = normalise(raw)
    except ValidationError as error:
        raise ValidationError(f"“{raw[:80]}”: {error.messages[0]}") from None
    date = (values.get("consent_date") or "").strip()
    source = (values.get("consent_source") or "").strip()
    if bool(date) != bool(source):
        given, missing = ("date", "source") if date else ("source", "date")
        raise ValidationError(
            f"proof of consent needs a date and a source; this row has the {given} "
            f"and no {missing}."
        )
    return ImportRow(line, address, _when(date) if date else None, source[:200])


def _when(value: str) -> datetime.datetime:
    moment = parse_datetime(value)
    if moment is None:
        try:
            day = parse_date(value)
        except ValueError:
            day = None
        if day is None:
            raise ValidationError(
                f"the consent date “{value[:40]}” is not a date: write it as 2024-05-31."
            )
        moment = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now():
        raise ValidationError(f"the consent date {value} is in the future.")
    return moment


def subscribers_import(
    *, rows: list[ImportRow], lists: list[MailingList], send_confirmation: bool, editor: str
) -> ImportResult:
    """Put ``rows`` on ``lists`` as the module says, in one transaction."""
    result, now = ImportResult(), timezone.now()
    with transaction.atomic():
        for row in rows:
            _import_one(row, lists, send_confirmation, editor, result, now)
    return result


def _import_one(row, lists, send_confirmation, editor, result, now) -> None:
    subscriber, _ = Subscriber.objects.get_or_create(email=row.email)
    if subscriber.suppressed:
        result.kept_out.append(f"{row.email} (suppressed)")
        return
    pending = []
    for mailing_list in lists:
        sub, made = Subscription.objects.get_or_create(
            subscriber=subscriber, mailing_list=mailing_list
        )
        if not made and sub.status == Status.CONFIRMED:
            result.already += 1
            continue
        if not made and sub.status in (Status.UNSUBSCRIBED, Status.SUPPRESSED):
            result.kept_out.append(f"{row.email} (left {mailing_list.name})")
            continue
        proof = f"{row.consent_source}; imported by {editor}" if row.consented_at else ""
        if proof:
            sub.status, sub.confirmed_at, sub.changed_at = Status.CONFIRMED, now, now
            sub.save(update_fields=["status", "confirmed_at", "changed_at"])
            result.confirmed += 1
        else:
            pending.append(sub)
            result.pending += 1
        consent_record(
            subscriber=subscriber,
            action=ConsentAction.IMPORT,
            source="import",
            mailing_list_id=mailing_list.pk,
            detail=proof or f"no proof of consent, pending; imported by {editor}",
            consented_at=row.consented_at,
        )
    if pending and send_confirmation:
        before = subscriber.confirmation_sent_at
        request_confirmation(subscriber, pending, now)
        result.confirmations += int(subscriber.confirmation_sent_at != before)
