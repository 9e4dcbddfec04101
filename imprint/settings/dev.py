"""Local development and the demo: loosens base.py, never deployed."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-deploy")

from .base import *  # noqa: E402, F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405  (page-by-page chatter)
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}  # noqa: F405
IMPRINT_DJANGO_ADMIN = True
