"""Public pages carry a strict Content-Security-Policy; the admin a looser one of its own."""

import re

import pytest

from tests import factories as f

CSP = "Content-Security-Policy"


def directives(response) -> dict[str, list[str]]:
    policy = response[CSP]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("path", ["/", "/publications/", "/search/?q=alliance", "/no-such-page/"])
def test_public_pages_allow_only_the_sites_own_scripts_and_styles(client, home, path):
    f.PublicationIndexPageFactory(parent=home, slug="publications")
    policy = directives(client.get(path))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_the_admin_gets_a_policy_that_lets_its_own_scripts_run(client, home):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response)
    assert "script-src" not in policy and "default-src" not in policy
    assert policy["frame-ancestors"] == ["'self'"]


@pytest.fixture
def failing_site(settings, client, home):
    settings.ROOT_URLCONF = "tests.core.error_urls"
    client.raise_request_exception = False
    return client


def test_the_error_page_keeps_its_own_style_and_nothing_else(failing_site):
    response = failing_site.get("/fail/")
    assert response.status_code == 500
    [nonce] = re.findall(r'<style nonce="([^"]+)">', response.content.decode())
    assert directives(response)["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert directives(response)["script-src"] == ["'self'"]
