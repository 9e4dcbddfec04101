import datetime
import zoneinfo

from django.utils import timezone

from imprint.publications.models import PublicationPage


def a_zone_where_today_is_not_utc_today() -> str:
    """Kiritimati (UTC+14) is a day ahead from 10:00 UTC; Pago Pago (UTC-11) behind until 11:00."""
    return (
        "Pacific/Kiritimati"
        if datetime.datetime.now(datetime.UTC).hour >= 10
        else ("Pacific/Pago_Pago")
    )


def test_a_new_publication_is_dated_the_institutes_today_not_utcs(db, settings):
    settings.TIME_ZONE = a_zone_where_today_is_not_utc_today()
    institute_today = datetime.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()
    utc_today = datetime.datetime.now(datetime.UTC).date()

    date = PublicationPage().publication_date

    assert date == institute_today == timezone.localdate()
    assert date != utc_today
