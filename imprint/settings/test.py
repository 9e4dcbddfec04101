"""The test suite: fast hashing, local files under a temporary directory."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("IMPRINT_VAR_DIR", tempfile.mkdtemp(prefix="imprint-test-"))
if os.environ.get("PYTEST_XDIST_WORKER"):
    # pytest-xdist workers inherit the controller's directory: each takes its own inside it, so
    # no two workers write the same media file or file cache.
    os.makedirs(os.environ["IMPRINT_VAR_DIR"], exist_ok=True)
    os.environ["IMPRINT_VAR_DIR"] = tempfile.mkdtemp(
        prefix=f"{os.environ['PYTEST_XDIST_WORKER']}-", dir=os.environ["IMPRINT_VAR_DIR"]
    )

from .base import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Tasks run inline in tests unless a test asks for the database worker.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "periodic"],
    }
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# In memory, cleared before every test (tests/conftest.py); tests/core/test_page_cache.py
# turns the page cache on and runs the production configuration.
CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405
IMPRINT_PAGE_CACHE = False
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405
IMPRINT_MAILING_RATE_PER_SECOND = 0  # no pacing: the tests send a handful
IMPRINT_API_RATE = ""  # the fuzz and schema tests send thousands; tests/distribution turn it on
# Shared by the workers and kept between runs, beside the test databases (tests/built.py).
_TEST_CACHE = os.environ.get("IMPRINT_TEST_CACHE_DIR") or str(BASE_DIR / "var" / "test-cache")  # noqa: F405
IMPRINT_DEMO_PDF_CACHE = (
    "" if os.environ.get("IMPRINT_TEST_CACHE", "1") == "0" else f"{_TEST_CACHE}/demo-pdfs"
)
# Django's live server shares the in-memory SQLite connection between its request threads.
MIDDLEWARE = ["tests.testapp.middleware.OneRequestAtATimeOnSharedSQLite", *MIDDLEWARE]  # noqa: F405
