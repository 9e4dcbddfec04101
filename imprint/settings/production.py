"""Production: every secret from the environment; a missing or weak one stops the process.

What serves (``imprint serve``, ``imprint.wsgi``, ``manage.py``) chooses this module unless
told otherwise. docs/operations.md lists the variables and why each silenced check is silenced.
"""

from .base import *  # noqa: F403
from .env import env, env_bool, env_email, env_int, env_list, env_secret_key, env_url

SECRET_KEY = env_secret_key("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# The site's public address, used in e-mails (mailing list, notifications) and admin links.
WAGTAILADMIN_BASE_URL = env_url("WAGTAILADMIN_BASE_URL")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
# Both are promises about every other host under the domain, which only the institute can make.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    # X-Frame-Options SAMEORIGIN, not DENY: the publication page shows its PDF in an <object>
    # from the same site. Other sites still cannot frame any page.
    "security.W019",
]
if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
    SILENCED_SYSTEM_CHECKS.append("security.W005")
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Outgoing mail (the mailing list, password resets, error reports) through an SMTP server.
EMAIL_BACKEND = "imprint.mailing.smtp.EmailBackend"  # Django's, with the hand-over of list mail
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Set only one of EMAIL_USE_TLS (STARTTLS, usually port 587) and EMAIL_USE_SSL "
        "(implicit TLS, usually port 465)."
    )
EMAIL_PORT = env_int("EMAIL_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)  # a stalled server must not hold a worker forever
DEFAULT_FROM_EMAIL = env_email("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = env_email("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
