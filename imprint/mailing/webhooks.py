"""django-anymail's tracking webhooks (/anymail/<provider>/tracking/), open only with a secret.

Without ANYMAIL["WEBHOOK_SECRET"] anymail accepts any caller (it only warns), and a forged
"bounce" would suppress any address: here every tracking URL answers 404 until the secret is
set, and then anymail checks the provider's basic auth on every call.
"""

from __future__ import annotations

import functools
import logging

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailAPIError, AnymailConfigurationError
from django.conf import settings
from django.http import Http404, HttpResponseBadRequest
from django.urls import re_path

logger = logging.getLogger(__name__)
_UNREADABLE = (ValueError, TypeError, AttributeError, LookupError, AnymailAPIError)


def _guarded(view):
    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET"):
            raise Http404("No webhook here.")
        try:
            return view(request, *args, **kwargs)
        except AnymailConfigurationError:
            # A provider that needs more than the secret (Mailgun's signing key, say) and
            # was not given it is not set up here: it has no webhook.
            raise Http404("No webhook for this provider here.") from None
        except _UNREADABLE as error:
            # anymail parses a body only after checking the secret, and trusts its shape: a
            # malformed body from the provider (or from whoever has the secret) is the
            # caller's error, not the server's.
            logger.warning("Unreadable webhook call to %s: %r", request.path, error)
            return HttpResponseBadRequest("The body of this webhook call could not be read.")

    guarded.csrf_exempt = True
    return guarded


urlpatterns = [
    re_path(rf"^anymail/{pattern.pattern.regex.pattern.lstrip('^')}", _guarded(pattern.callback),
            name=pattern.name)
    for pattern in anymail_urls.urlpatterns
    if pattern.name and pattern.name.endswith("_tracking_webhook")
]  # fmt: skip
