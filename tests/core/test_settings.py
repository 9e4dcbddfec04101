import os
import subprocess
import sys

import pytest


def run_with_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(DJANGO_SETTINGS_MODULE=module, **env)
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "Set the environment variable SECRET_KEY."),
        ({"SECRET_KEY": "x" * 50}, "Set ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, message):
    result = run_with_settings("imprint.settings.production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_when_configured():
    result = run_with_settings(
        "imprint.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
