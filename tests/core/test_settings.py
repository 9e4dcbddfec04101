"""Settings as a server meets them: each case in a fresh process with its own environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "WAGTAILADMIN_BASE_URL",
    "DEFAULT_FROM_EMAIL",
    "TIME_ZONE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests; no server runs with it
}
STRONG_KEY = "k3Y-" + "abcdefghij0123456789" * 3
PRODUCTION_ENV = {
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "www.example.org",
    "WAGTAILADMIN_BASE_URL": "https://www.example.org",
    "DEFAULT_FROM_EMAIL": "Example Institute <news@example.org>",
}
SHOW = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.TIME_ZONE)"
)


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run ``args`` in the repository with only ``env`` of the settings variables set."""
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    clean.update(IMPRINT_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        args, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120, check=False
    )


def show_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "-c", SHOW], tmp_path, **env)


def without(name: str) -> dict:
    return {k: v for k, v in PRODUCTION_ENV.items() if k != name}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (without("SECRET_KEY"), "Set the environment variable SECRET_KEY."),
        ({**PRODUCTION_ENV, "SECRET_KEY": "x"}, "SECRET_KEY is too weak"),
        ({**PRODUCTION_ENV, "SECRET_KEY": "x" * 60}, "SECRET_KEY is too weak"),
        (without("ALLOWED_HOSTS"), "Set the environment variable ALLOWED_HOSTS"),
        ({**PRODUCTION_ENV, "ALLOWED_HOSTS": " , "}, "Set the environment variable ALLOWED_HOSTS"),
        (without("WAGTAILADMIN_BASE_URL"), "Set the environment variable WAGTAILADMIN_BASE_URL."),
        (
            {**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": "www.example.org"},
            "WAGTAILADMIN_BASE_URL must be an absolute URL",
        ),
        (without("DEFAULT_FROM_EMAIL"), "Set the environment variable DEFAULT_FROM_EMAIL."),
        (
            {**PRODUCTION_ENV, "DEFAULT_FROM_EMAIL": "webmaster@localhost"},
            "DEFAULT_FROM_EMAIL must be an e-mail address",
        ),
        (
            {**PRODUCTION_ENV, "EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"},
            "Set only one of EMAIL_USE_TLS",
        ),
        ({**PRODUCTION_ENV, "EMAIL_PORT": "smtp"}, "EMAIL_PORT must be a whole number"),
        ({**PRODUCTION_ENV, "IMPRINT_API_RATE": "fast"}, "IMPRINT_API_RATE must be a rate"),
    ],
)
def test_production_refuses_to_start_without_what_it_needs(tmp_path, env, message):
    result = show_settings(tmp_path, DJANGO_SETTINGS_MODULE="imprint.settings.production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_when_configured(tmp_path):
    result = show_settings(
        tmp_path, DJANGO_SETTINGS_MODULE="imprint.settings.production", **PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["imprint.settings.production", "False", "UTC"]


def test_the_wsgi_application_runs_production_settings_unless_told_otherwise(tmp_path):
    load = [sys.executable, "-c", "import imprint.wsgi"]
    refused = run(load, tmp_path)
    assert refused.returncode != 0
    assert "Set the environment variable SECRET_KEY." in refused.stderr

    code = "import imprint.wsgi; from django.conf import settings as s; print(s.SETTINGS_MODULE)"
    served = run([sys.executable, "-c", code], tmp_path, **PRODUCTION_ENV)
    assert served.returncode == 0, served.stderr
    assert served.stdout.strip() == "imprint.settings.production"


@pytest.mark.parametrize("command", [["manage.py"], ["-m", "imprint"]])
def test_manage_py_and_the_imprint_command_run_production_settings_by_default(tmp_path, command):
    refused = run([sys.executable, *command, "check"], tmp_path)
    assert refused.returncode != 0
    assert "Set the environment variable SECRET_KEY." in refused.stderr

    code = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    result = run(
        [sys.executable, *command, "shell", "-v", "0", "-c", code], tmp_path, **PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["imprint.settings.production", "False"]


def test_the_imprint_command_explains_a_missing_setting_without_a_traceback(tmp_path):
    result = run([sys.executable, "-m", "imprint", "serve"], tmp_path)
    assert result.returncode == 1
    assert "imprint: Set the environment variable SECRET_KEY." in result.stderr
    assert "make demo" in result.stderr
    assert "Traceback" not in result.stderr


def test_only_make_demo_chooses_the_development_settings():
    makefile = (ROOT / "Makefile").read_text()
    demo_recipe = makefile.split("\ndemo:")[1].split("\n\n")[0]
    assert "DJANGO_SETTINGS_MODULE=imprint.settings.dev" in demo_recipe
    assert makefile.count("imprint.settings.dev") == 1


def test_deploy_check_finds_nothing_in_production(tmp_path):
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="imprint.settings.production",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_every_silenced_deploy_check_is_explained_in_the_operations_guide(tmp_path):
    code = "from django.conf import settings; print(*settings.SILENCED_SYSTEM_CHECKS)"
    result = run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        tmp_path,
        DJANGO_SETTINGS_MODULE="imprint.settings.production",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    operations = (ROOT / "docs" / "operations.md").read_text()
    for check in result.stdout.split():
        assert f"`{check}`" in operations


@pytest.mark.parametrize("module", ["imprint.settings.dev", "imprint.settings.production"])
def test_time_zone_comes_from_the_environment(tmp_path, module):
    result = show_settings(
        tmp_path, DJANGO_SETTINGS_MODULE=module, TIME_ZONE="Asia/Seoul", **PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "Asia/Seoul"


def test_an_unknown_time_zone_stops_the_process_with_a_clear_message(tmp_path):
    result = show_settings(
        tmp_path, DJANGO_SETTINGS_MODULE="imprint.settings.dev", TIME_ZONE="Asia/Sejong"
    )
    assert result.returncode != 0
    assert "TIME_ZONE='Asia/Sejong' is not a known time zone" in result.stderr
