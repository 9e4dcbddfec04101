"""django-anymail's tracking webhooks (/anymail/<provider>/tracking/), open only with a secret.

Without ANYMAIL["WEBHOOK_SECRET"] anymail accepts any caller (it only warns), and a forged
"bounce" would suppress any address: here every tracking URL answers 404 until the secret is
set, and then anymail checks the provider's basic auth on every call.
"""

from __future__ import annotations

import functools

from anymail import urls as anymail_urls
from django.conf import settings
from django.http import Http404
from django.urls import re_path


def _guarded(view):
    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET"):
            raise Http404("No webhook here.")
        return view(request, *args, **kwargs)

    guarded.csrf_exempt = True
    return guarded


urlpatterns = [
    re_path(rf"^anymail/{pattern.pattern.regex.pattern.lstrip('^')}", _guarded(pattern.callback),
            name=pattern.name)
    for pattern in anymail_urls.urlpatterns
    if pattern.name and pattern.name.endswith("_tracking_webhook")
]  # fmt: skip
