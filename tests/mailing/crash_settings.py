"""Settings of the workers the crash test starts and kills: the development settings, with
mail going over SMTP (Imprint's backend) to the test's own server."""

import os

from imprint.settings.dev import *  # noqa: F403

EMAIL_BACKEND = "imprint.mailing.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["IMPRINT_TEST_SMTP_PORT"])
DEFAULT_FROM_EMAIL = "Example Institute <news@example.org>"
