"""The reader's side: sign up, confirm, change preferences, leave. No login: signed links."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from imprint.core.throttle import client_address

from . import services
from .consent import CONSENT_TEXT
from .forms import SignupForm
from .models import Frequency, MailingList, Status
from .selectors import list_key, offered_lists
from .throttle import signup_allowed
from .tokens import MANAGE_SALT, UNSUBSCRIBE_SALT, BadToken, subscriber_token

SOURCES = {"footer": "footer form", "home": "home page form"}


def _message(request: HttpRequest, title: str, text: str, *, status: int = 200) -> HttpResponse:
    context = {"title": title, "text": text}
    return render(request, "mailing/message.html", context, status=status)


def _bad_link(request: HttpRequest, error: BadToken) -> HttpResponse:
    return _message(request, "This link does not work", str(error), status=400)


# No CSRF token: the form is in every page's footer, and pages are cached whole for every
# reader (a token would set a cookie and end that). A forged post could only ask for a
# confirmation email, which anyone may ask for any address; double opt-in and the limits
# per address and per IP are the protection here.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    offers = offered_lists()
    if request.method != "POST":
        form = SignupForm(offers=offers, initial={"lists": ["all"]})
        return render(request, "mailing/subscribe.html", {"form": form, "consent": CONSENT_TEXT})
    form = SignupForm(request.POST, offers=offers)
    ip = client_address(request)
    if not signup_allowed(ip):
        text = "Too many signups came from your network in the last hour. Please try again later."
        return _message(request, "Please try again later", text, status=429)
    if not form.is_valid():
        context = {"form": form, "consent": CONSENT_TEXT}
        return render(request, "mailing/subscribe.html", context, status=400)
    if not form.is_bot:
        services.subscriber_signup(
            email=form.cleaned_data["email"],
            lists=services.mailing_lists_for(form.cleaned_data["lists"]),
            frequency=form.cleaned_data["frequency"],
            source=SOURCES.get(request.POST.get("source", ""), "subscribe page"),
            ip=ip,
        )
    # The same answer whatever the address's state (and to bots): nothing to enumerate.
    return render(request, "mailing/subscribe_done.html")


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link scanners follow links, they do not press buttons)."""
    if request.method != "POST":
        return render(request, "mailing/confirm.html")
    try:
        subscriber = services.subscription_confirm(token=token, ip=client_address(request))
    except BadToken as error:
        return _bad_link(request, error)
    manage = _manage_token(subscriber)
    return render(request, "mailing/confirmed.html", {"manage_token": manage})


def _manage_token(subscriber) -> str:
    return subscriber_token(
        subscriber_id=subscriber.pk, secret=subscriber.secret, lists=[], salt=MANAGE_SALT
    )


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber, _ = services.subscriber_from_link(token, salt=MANAGE_SALT)
    except BadToken as error:
        return _bad_link(request, error)
    rows = _preference_rows(subscriber)
    if request.method == "POST":
        choices = _posted_choices(request, rows)
        if choices is None:
            return _message(request, "Nothing changed", "Choose a listed frequency.", status=400)
        lists = services.mailing_lists_for(list(choices))
        services.subscriber_update_preferences(
            subscriber=subscriber,
            choices={m.pk: choices[list_key(m)] for m in lists},
            ip=client_address(request),
        )
        rows = _preference_rows(subscriber)
    context = {
        "rows": rows,
        "frequencies": Frequency.choices,
        "email": subscriber.email,
        "saved": request.method == "POST",
    }
    return render(request, "mailing/preferences.html", context)


def _preference_rows(subscriber) -> list[dict]:
    """Every offered list and every list the subscriber is on, with its current choice."""
    current = {
        list_key(s.mailing_list): s
        for s in subscriber.subscriptions.select_related("mailing_list")
        if s.status in (Status.CONFIRMED, Status.PENDING)
    }
    rows = [
        {"key": o.key, "label": o.label, "sub": current.pop(o.key, None)} for o in offered_lists()
    ]
    rows += [{"key": k, "label": s.mailing_list.name, "sub": s} for k, s in current.items()]
    return rows


def _posted_choices(request: HttpRequest, rows: list[dict]) -> dict[str, str] | None:
    known = {row["key"] for row in rows}
    chosen = [key for key in request.POST.getlist("lists") if key in known]
    choices = {key: request.POST.get(f"frequency-{key}", Frequency.IMMEDIATELY) for key in chosen}
    if any(value not in Frequency.values for value in choices.values()):
        return None
    return choices


# RFC 8058: mail providers POST here without a token or cookie of ours; the signed link is
# the proof. A GET only shows the button, so link scanners never unsubscribe anyone.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber, list_ids = services.subscriber_from_link(token, salt=UNSUBSCRIBE_SALT)
    except BadToken as error:
        return _bad_link(request, error)
    names = list(MailingList.objects.filter(pk__in=list_ids).values_list("name", flat=True))
    if request.method != "POST":
        context = {"names": names, "manage_token": _manage_token(subscriber)}
        return render(request, "mailing/unsubscribe.html", context)
    every = request.POST.get("all") == "1" or not list_ids
    services.subscriber_unsubscribe(
        subscriber=subscriber,
        list_ids=None if every else list_ids,
        source="one-click" if "List-Unsubscribe" in request.POST else "unsubscribe page",
        ip=client_address(request),
    )
    context = {"names": [] if every else names, "manage_token": _manage_token(subscriber)}
    return render(request, "mailing/unsubscribed.html", context)
