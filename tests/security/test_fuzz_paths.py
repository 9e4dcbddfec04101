"""Bad values in every path segment, posted form field, OAI-PMH argument and bounce webhook
answer below 500 (query parameters: test_fuzz.py).

Runs on SQLite and again on PostgreSQL (which refuses NUL bytes in strings).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from .fuzzing import BAD_VALUES, HEAD_TOO
from .fuzzing import errors as _errors
from .fuzzing import post_errors as _post_errors

pytestmark = pytest.mark.django_db


SLUG_ROUTES = [
    "/people/{}/",
    "/topics/{}/",
    "/publications/{}/",
    "/journal/{}/",
    "/{}/",
    "/documents/1/{}",
    "/documents/{}/x.pdf",
    "/search/{}",
    "/api/search/{}",
    "/api/{}/",
    "/api/publications/{}/",
    "/api/people/{}/",
    "/api/topics/{}/",
    "/api/series/{}/",
    "/api/issues/{}/",
    "/api/documents/{}/",
    "/mailing/confirm/{}/",
    "/mailing/preferences/{}/",
    "/mailing/unsubscribe/{}/",
    "/cite/publication/{}/bibtex/",
    "/cite/publication/1/{}/",
    "/cite/issue/{}/ris/",
    "/cite/search/{}/",
    "/feeds/{}.xml",
    "/feeds/{}/x/atom.xml",
    "/feeds/types/{}/atom.xml",
    "/feeds/topics/{}/rss.xml",
    "/feeds/people/{}/atom.xml",
    "/feeds/series/{}/atom.xml",
    "/feeds/blogs/{}/rss.xml",
    "/feeds/journals/{}/atom.xml",
]


@pytest.mark.parametrize("pattern", SLUG_ROUTES)
def test_bad_path_segments_answer_below_500(client, site, pattern):
    errors = []
    for value in [v for v in BAD_VALUES if v]:
        url = pattern.format(quote(value, safe=""))
        errors += _errors(client, url, head=value in HEAD_TOO)
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])


def test_bad_values_posted_to_the_mailing_list_answer_below_500(client, site, settings):
    settings.IMPRINT_MAILING_SIGNUPS_PER_HOUR = 10**6
    errors = []
    for value in BAD_VALUES:
        for field in ("email", "lists", "frequency", "website", "source"):
            data = {"email": "fuzz@example.org", "lists": "all", field: value}
            errors += _post_errors(client, "/subscribe/", data)
        for name in ("confirm", "preferences", "unsubscribe"):
            if value:
                url = f"/mailing/{name}/{quote(value, safe='')}/"
                errors += _post_errors(client, url, {"lists": value, "all": value})
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])


OAI_VERBS = {
    "Identify": {},
    "ListMetadataFormats": {"identifier": "oai:localhost:1"},
    "ListSets": {},
    "GetRecord": {"identifier": "oai:localhost:1", "metadataPrefix": "oai_dc"},
    "ListIdentifiers": {"metadataPrefix": "oai_dc", "set": "type", "from": "2020-01-01"},
    "ListRecords": {"metadataPrefix": "mods", "until": "2030-01-01T00:00:00Z"},
}
OAI_ARGUMENTS = ["metadataPrefix", "identifier", "set", "from", "until", "resumptionToken"]


@pytest.mark.parametrize("verb", OAI_VERBS)
def test_bad_oai_pmh_arguments_answer_below_500(client, site, verb):
    """Every argument of every verb gets every bad value, beside good ones, by GET and POST."""
    errors = []
    for name in OAI_ARGUMENTS:
        for value in BAD_VALUES:
            query = {**OAI_VERBS[verb], "verb": verb, name: value}
            errors += _errors(client, f"/oai/?{urlencode(query)}", head=value in HEAD_TOO)
            errors += _post_errors(client, "/oai/", query)
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])


WEBHOOKS = ["postmark", "mailgun", "sendgrid", "amazon_ses", "brevo", "mailjet", "sparkpost"]


def test_bad_calls_to_the_bounce_webhooks_answer_below_500(client, site, settings):
    """A provider's tracking webhook (django-anymail) with the right secret and bad bodies,
    with a wrong secret, and without one: never a server error, never a suppression."""
    import base64

    from imprint.mailing.models import Subscriber

    settings.ANYMAIL = {"WEBHOOK_SECRET": "fuzz:secret"}
    auth = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(b"fuzz:secret").decode()}
    shapes = ["{}", "[]", '{"RecordType": "Bounce"}', '{"Type": "HardBounce", "Email": ["x"]}',
              '[{"event": "bounce", "email": null}]', '{"Records": 5}']  # fmt: skip
    bodies = [*BAD_VALUES, *shapes]
    errors = []
    for name in WEBHOOKS:
        url = f"/anymail/{name}/tracking/"
        errors += _errors(client, url)
        for body in bodies:
            for extra in (auth, {}):
                try:
                    response = client.post(url, body, content_type="application/json", **extra)
                except Exception as error:
                    errors.append(f"POST {url} {body!r}: {type(error).__name__}: {error}")
                    continue
                if response.status_code >= 500:
                    errors.append(f"POST {url} {body!r}: {response.status_code}")
    assert errors == [], f"{len(errors)} server errors:\n" + "\n".join(errors[:40])
    assert not Subscriber.objects.filter(suppressed=True).exists()
