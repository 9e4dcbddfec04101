"""Wrong passwords are throttled per account (or private page) and address, with a clear page."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from wagtail.models import PageViewRestriction

from tests import factories as f

LOGIN_PAGES = ["/admin/login/", "/_util/login/"]
ATTACKER = "203.0.113.7"
EDITOR_DESK = "198.51.100.20"


@pytest.fixture
def editor(home):
    return User.objects.create_superuser("editor", "editor@example.org", "correct horse")


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def log_in(client, url: str, password: str, address: str = ATTACKER):
    return client.post(
        url, {"username": "editor", "password": password}, REMOTE_ADDR=address, follow=False
    )


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_repeated_wrong_passwords_lock_the_account_for_that_address(client, editor, limit, url):
    for _ in range(limit - 1):
        assert log_in(client, url, "wrong").status_code == 200
    locked = log_in(client, url, "wrong")
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "paused for 15 minutes" in locked.content.decode()

    # Even the right password is refused while the lockout lasts ...
    assert log_in(client, url, "correct horse").status_code == 429
    assert "_auth_user_id" not in client.session
    # ... but only for that address: the editor at their desk still gets in.
    assert log_in(client, url, "correct horse", address=EDITOR_DESK).status_code == 302


def test_a_lockout_does_not_spill_over_to_other_accounts(client, editor, limit):
    User.objects.create_user("author", "author@example.org", "another horse")
    for _ in range(limit):
        log_in(client, "/admin/login/", "wrong")
    response = client.post(
        "/admin/login/",
        {"username": "author", "password": "another horse"},
        REMOTE_ADDR=ATTACKER,
    )
    assert response.status_code == 302


def test_django_admin_is_not_served(client, editor):
    assert client.get("/django-admin/login/").status_code == 404
    assert "django-admin" not in client.get("/robots.txt").content.decode()


def test_logging_in_without_next_lands_on_the_home_page(client, editor):
    response = log_in(client, "/_util/login/", "correct horse")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get(response["Location"]).status_code == 200


@pytest.fixture
def private_page(home):
    index = f.PublicationIndexPageFactory(parent=home)
    page = f.PublicationPageFactory(parent=index, title="Members' briefing")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    return page, url


def enter_password(client, url: str, page, password: str, address: str = ATTACKER):
    data = {"password": password, "return_url": page.url}
    return client.post(url, data, REMOTE_ADDR=address)


def test_private_page_password_form_is_throttled_per_page_and_address(client, private_page, limit):
    page, url = private_page
    assert client.get(page.url).status_code == 200  # the form
    for _ in range(limit - 1):
        wrong = enter_password(client, url, page, "sesame?")
        assert wrong.status_code == 200
        assert "not correct" in wrong.content.decode()
    locked = enter_password(client, url, page, "sesame?")
    assert locked.status_code == 429
    assert "This page's password was entered wrongly too many times" in locked.content.decode()

    assert enter_password(client, url, page, "open sesame").status_code == 429
    assert enter_password(client, url, page, "open sesame", address=EDITOR_DESK).status_code == 302


def test_private_page_password_lets_the_reader_in(client, private_page):
    page, url = private_page
    response = enter_password(client, url, page, "open sesame")
    assert response.status_code == 302
    assert response["Location"] == page.url
    assert "Members&#x27; briefing" in client.get(page.url).content.decode()


def test_private_page_password_with_a_foreign_return_url_lands_on_the_home_page(
    client, private_page
):
    page, url = private_page
    response = client.post(url, {"password": "open sesame", "return_url": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "counted_as"),
    [
        (0, "203.0.113.7", "127.0.0.1"),  # no proxy: the header is the client's word
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a forged entry on the left
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),  # CDN, then the site's proxy
    ],
)
def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(
    client, editor, limit, settings, proxies, forwarded_for, counted_as
):
    settings.IMPRINT_TRUSTED_PROXIES = proxies
    for _ in range(limit):
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )
    assert AccessAttempt.objects.get().ip_address == counted_as
    # A forged header does not move the attacker to a fresh address.
    again = client.post(
        "/admin/login/",
        {"username": "editor", "password": "correct horse"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=f"198.51.100.99, {forwarded_for}",
    )
    assert again.status_code == 429
