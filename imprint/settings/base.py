"""Settings safe to deploy: nothing here loosens security; dev.py and test.py do."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, SELF

from .documents import bucket_origins, documents_bucket, sendfile_backend
from .env import env, env_bool, env_int, env_list, env_rate, env_time_zone

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env("IMPRINT_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")

INSTALLED_APPS = [
    "imprint.core",
    "imprint.images",
    "imprint.documents",
    "imprint.people",
    "imprint.topics",
    "imprint.publications",
    "imprint.journal",
    "imprint.blog",
    "imprint.home",
    "imprint.mailing",
    "imprint.distribution",
    "imprint.distribution.oai",
    "imprint.demo",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # After wagtail.search: its ready() replaces the index handlers that wagtail.search connects.
    "imprint.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # For its templates and static files: the API's docs load Swagger UI from this site, not
    # from a CDN (the Content-Security-Policy allows scripts from 'self' only).
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "imprint.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "imprint.core.middleware.RejectNulMiddleware",
    "imprint.core.page_cache.ReaderPageCacheMiddleware",
    "imprint.core.middleware.RangeRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "imprint.core.middleware.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "imprint.urls"
WSGI_APPLICATION = "imprint.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


def _database() -> dict:
    url = env("DATABASE_URL", "")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "imprint.sqlite3",
        # Reuse connections: opening one and setting its pragmas costs more than a query.
        "CONN_MAX_AGE": 600,
        # WAL lets readers go on while the worker writes; IMMEDIATE avoids
        # "database is locked" on lock upgrades in concurrent writers.
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
            ),
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ko", "Korean"), ("ja", "Japanese")]
# The institute's own zone: "today" (a publication's default date) is the institute's today.
TIME_ZONE = env_time_zone("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The demo's generated PDFs, kept between builds (imprint.demo.pdfs); empty: made every time.
IMPRINT_DEMO_PDF_CACHE = env("IMPRINT_DEMO_PDF_CACHE", str(VAR_DIR / "demo-pdfs"))
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Documents and their covers: never under MEDIA_ROOT, so that nothing serving /media/ can
    # hand out an embargoed PDF; only /documents/ serves them, after checking (documents/access).
    "documents": {
        "BACKEND": "imprint.documents.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "documents"},
    },
}


def _default_cache(var_dir: Path) -> dict:
    """Redis when REDIS_URL is set (several hosts share it); otherwise an on-disk cache.

    The on-disk cache is diskcache's SQLite-backed Django cache: shared by every process of
    the server, its lookups do not slow down as it fills, and it evicts the oldest entries
    when full (bench/caches.py measures it beside Django's file and database caches).
    """
    redis_url = env("REDIS_URL", "")
    if redis_url:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    return {
        "BACKEND": "imprint.core.cache_backends.DiskCache",
        "LOCATION": str(var_dir / "cache"),
        "OPTIONS": {"size_limit": int(env("IMPRINT_CACHE_MAX_BYTES", str(2**30)))},
    }


CACHES = {
    # Whole pages for anonymous readers, menus, the host-to-site map, Wagtail's site root
    # paths: shared by all the server's processes.
    "default": _default_cache(VAR_DIR),
    # Image renditions never change once made, so each process may keep its own.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# Serve anonymous readers whole pages from the cache (imprint.core.page_cache).
IMPRINT_PAGE_CACHE = env_bool("IMPRINT_PAGE_CACHE", True)


def _frontend_caches() -> dict:
    """Caches in front of the site (a CDN, Varnish) that Wagtail purges when a page changes."""
    caches = {}
    if env("FRONTEND_CACHE_PURGE_URL", ""):  # Varnish, nginx or Squid answering PURGE
        caches["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        }
    if env("CLOUDFLARE_ZONE_ID", ""):
        caches["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
            "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        }
    return caches


WAGTAILFRONTENDCACHE = _frontend_caches()
# How long a cache in front of the site may keep a page for anonymous readers (s-maxage).
# Wagtail purges a page's own URL when it changes; pages that list it catch up within this.
IMPRINT_FRONTEND_CACHE_SECONDS = int(env("IMPRINT_FRONTEND_CACHE_SECONDS", "300"))

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        # "periodic" (scheduled publishing, pruning) has its own thread in every worker, so it
        # never waits behind a long PDF in "default".
        "QUEUES": ["default", "periodic"],
    }
}
# Every worker says it is alive each tick; a task whose worker has been silent for LOST_AFTER
# is run again (at most MAX_ATTEMPTS times in all), then failed.
IMPRINT_WORKER_TICK_SECONDS = float(env("IMPRINT_WORKER_TICK_SECONDS", "5"))
IMPRINT_WORKER_LOST_AFTER_SECONDS = float(env("IMPRINT_WORKER_LOST_AFTER_SECONDS", "60"))
IMPRINT_TASK_MAX_ATTEMPTS = int(env("IMPRINT_TASK_MAX_ATTEMPTS", "3"))

WAGTAIL_SITE_NAME = "Imprint"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.ImprintImage"
WAGTAILDOCS_DOCUMENT_MODEL = "documents.ImprintDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "docx", "odt", "pptx", "xlsx", "txt", "zip"]
# Documents are served through Django so downloads can be counted and checked.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# After that check, who sends the bytes (docs/operations.md, "Serving documents"): the web server
# in front (X-Accel-Redirect for nginx and Caddy, X-Sendfile for Apache and lighttpd), a private
# bucket through a short-lived signed URL, or, by default, granian itself.
IMPRINT_DOCUMENTS_BUCKET = env("IMPRINT_DOCUMENTS_BUCKET", "")
IMPRINT_DOCUMENTS_SENDFILE = env("IMPRINT_DOCUMENTS_SENDFILE", "")
if IMPRINT_DOCUMENTS_BUCKET:
    STORAGES["documents"] = documents_bucket(IMPRINT_DOCUMENTS_BUCKET)
    WAGTAILDOCS_SERVE_METHOD = "redirect"
if IMPRINT_DOCUMENTS_SENDFILE:
    SENDFILE_BACKEND = sendfile_backend(IMPRINT_DOCUMENTS_SENDFILE, IMPRINT_DOCUMENTS_BUCKET)
    SENDFILE_ROOT = str(STORAGES["documents"]["OPTIONS"]["location"])
    SENDFILE_URL = env("IMPRINT_DOCUMENTS_SENDFILE_URL", "/_protected/documents/")
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# A rendition decodes the whole original: about 5 bytes a pixel in a web process (24 Mpx: +130 MB,
# 121 Mpx: +540 MB). 16 Mpx (e.g. 4,900 x 3,260) is twice the widest rendition the site shows.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 16_000_000
# Wagtail's own search (the admin's) stays on the database; readers' search is ours.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Readers' search: the embedded tantivy index under var/search (docs/operations.md).
IMPRINT_SEARCH = {
    "BACKEND": env("IMPRINT_SEARCH_BACKEND", "tantivy"),
    "PATH": Path(env("IMPRINT_SEARCH_PATH", str(VAR_DIR / "search"))),
    # The OpenSearch backend: the cluster, this install's index alias, replicas of each shard.
    "URL": env("IMPRINT_OPENSEARCH_URL", ""),
    "INDEX": env("IMPRINT_OPENSEARCH_INDEX", "imprint"),
    "REPLICAS": env_int("IMPRINT_OPENSEARCH_REPLICAS", 0),
}
WAGTAIL_I18N_ENABLED = False
# Wagtail's responsive wrapper sets an inline style, which the Content-Security-Policy blocks;
# site.css gives embedded videos their proportions instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Documents larger than this are stored but not text-extracted (the editor is told why).
IMPRINT_PDF_MAX_EXTRACT_PAGES = int(env("IMPRINT_PDF_MAX_EXTRACT_PAGES", "2000"))
# Each PDF is read in a child process with this much address space and time; a PDF that needs
# more is stored with a message saying so, and the worker is untouched (bench/hostile.py).
IMPRINT_PDF_MEMORY_MB = int(env("IMPRINT_PDF_MEMORY_MB", "768"))
IMPRINT_PDF_TIMEOUT_SECONDS = float(env("IMPRINT_PDF_TIMEOUT_SECONDS", "300"))

# Without ``next`` a login lands on the home page, not Django's /accounts/profile/ (a 404 here).
LOGIN_REDIRECT_URL = "/"
# Django's own admin is a second login page nobody needs on a site: only dev.py turns it on.
IMPRINT_DJANGO_ADMIN = False

# The mailing list (imprint.mailing; docs/operations.md, "Mailing list").
# The sender of list mail; empty: DEFAULT_FROM_EMAIL.
IMPRINT_MAILING_FROM_EMAIL = env("IMPRINT_MAILING_FROM_EMAIL", "")
# Where links in mail point (https://example.org); empty: the default site's root URL.
IMPRINT_MAILING_BASE_URL = env("IMPRINT_MAILING_BASE_URL", "")
# A mailbox that unsubscribes whoever writes to it, offered beside the one-click link; optional.
IMPRINT_MAILING_UNSUBSCRIBE_MAILTO = env("IMPRINT_MAILING_UNSUBSCRIBE_MAILTO", "")
# The key of the readers' address hashes in the consent record; empty: derived from SECRET_KEY.
IMPRINT_MAILING_IP_PEPPER = env("IMPRINT_MAILING_IP_PEPPER", "")
# Messages a second each sending worker hands to the mail server at most (0: no limit).
IMPRINT_MAILING_RATE_PER_SECOND = float(env("IMPRINT_MAILING_RATE_PER_SECOND", "20"))
IMPRINT_MAILING_BATCH = env_int("IMPRINT_MAILING_BATCH", 100)
IMPRINT_MAILING_SEND_BUDGET_SECONDS = float(env("IMPRINT_MAILING_SEND_BUDGET_SECONDS", "240"))
IMPRINT_MAILING_SWEEP_SECONDS = float(env("IMPRINT_MAILING_SWEEP_SECONDS", "60"))
# A claimed message not marked sent within this is taken for lost and sent again.
IMPRINT_MAILING_LEASE_SECONDS = env_int("IMPRINT_MAILING_LEASE_SECONDS", 600)
# Temporary failures wait RETRY, 2 x RETRY, 4 x RETRY ... for at most MAX_ATTEMPTS tries.
IMPRINT_MAILING_RETRY_SECONDS = env_int("IMPRINT_MAILING_RETRY_SECONDS", 60)
IMPRINT_MAILING_MAX_ATTEMPTS = env_int("IMPRINT_MAILING_MAX_ATTEMPTS", 6)
# How long a confirmation link works; how often one address may be sent one.
IMPRINT_MAILING_CONFIRM_HOURS = env_int("IMPRINT_MAILING_CONFIRM_HOURS", 72)
IMPRINT_MAILING_CONFIRM_INTERVAL_HOURS = env_int("IMPRINT_MAILING_CONFIRM_INTERVAL_HOURS", 24)
# Signup requests one address (IP) may make an hour.
IMPRINT_MAILING_SIGNUPS_PER_HOUR = env_int("IMPRINT_MAILING_SIGNUPS_PER_HOUR", 10)
# A publication is announced when it becomes public within this many days of its first
# publication (a page made public months later is not mailed as new).
IMPRINT_MAILING_FRESH_DAYS = env_int("IMPRINT_MAILING_FRESH_DAYS", 7)
# A journal issue's alert waits this long after the issue (or its first article) is public, so
# articles published one after another go out in the one message.
IMPRINT_MAILING_ISSUE_DELAY_SECONDS = env_int("IMPRINT_MAILING_ISSUE_DELAY_SECONDS", 900)
# Bounces and complaints from an email provider's tracking webhooks (django-anymail), at
# /anymail/<provider>/tracking/: "user:password" the provider sends as basic auth. Unset, the
# webhooks answer 404 (an open webhook would let anyone suppress any address).
ANYMAIL = {"WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET", "")}
# Daily digests go out at this hour of TIME_ZONE, weekly ones on Mondays at the same hour.
IMPRINT_MAILING_DIGEST_HOUR = env_int("IMPRINT_MAILING_DIGEST_HOUR", 8)

# Login throttling (django-axes): failures are counted per account *and* address, so a guessing
# attacker is stopped without locking the real editor out from their own address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out attempt
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("IMPRINT_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("IMPRINT_LOGIN_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "imprint.core.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "imprint.core.throttle.client_address"
# How many reverse proxies (each appending to X-Forwarded-For) stand before the server.
IMPRINT_TRUSTED_PROXIES = env_int("IMPRINT_TRUSTED_PROXIES", 0)
# Requests to the JSON API (/api/) per client address, like "600/m" or "20/s"; empty: no limit.
IMPRINT_API_RATE = env_rate("IMPRINT_API_RATE", "600/m")

# Content-Security-Policy (django-csp) for every public page: scripts, styles and fonts only
# from the site's own files, so an injected inline script or style does not run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],  # the nonce only for the 500 page's own inline style
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [SELF],  # without JavaScript, the publication page's PDF in an <object>
        # The PDF reader (PDF.js) fetches the PDF by ranges and parses it in a worker of its own.
        "connect-src": [SELF],
        "worker-src": [SELF],
        "frame-src": [SELF, "https:"],  # embedded videos (oEmbed) from their providers
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
if IMPRINT_DOCUMENTS_BUCKET:
    # Both readers follow /documents/'s redirect to the bucket's signed URL.
    for _directive in ("object-src", "connect-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive] += bucket_origins(
            STORAGES["documents"]["OPTIONS"]
        )
# Wagtail's admin (and Django's in development) runs inline scripts and styles of its own, so
# the strict policy would break it. It gets only what costs it nothing: no framing by other
# sites, no <base> hijacking. (Its previews show public pages, PDF <object> included.)
IMPRINT_ADMIN_URL_PREFIXES = ["/admin/", "/django-admin/"]
IMPRINT_ADMIN_CONTENT_SECURITY_POLICY = {"base-uri": [SELF], "frame-ancestors": [SELF]}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Failed logins and lockouts are warnings; axes's start-up banner is not.
        "axes": {"level": "WARNING"},
    },
}

# OAI-PMH (docs/distribution/oai.md): records a response, and how long a resumption token lasts.
IMPRINT_OAI_PAGE_SIZE = env_int("IMPRINT_OAI_PAGE_SIZE", 100)
IMPRINT_OAI_TOKEN_HOURS = env_int("IMPRINT_OAI_TOKEN_HOURS", 24)

# Crossref deposits (imprint.distribution.cite; docs/distribution/cite.md). Without a login id
# and password the admin still downloads the deposit XML; the button says what to set.
IMPRINT_CROSSREF_DEPOSIT_URL = env(
    "IMPRINT_CROSSREF_DEPOSIT_URL", "https://test.crossref.org/servlet/deposit"
)
IMPRINT_CROSSREF_LOGIN_ID = env("IMPRINT_CROSSREF_LOGIN_ID", "")
IMPRINT_CROSSREF_LOGIN_PASSWORD = env("IMPRINT_CROSSREF_LOGIN_PASSWORD", "")
# Who deposits, as the XML's head says; empty: the institute's name and DEFAULT_FROM_EMAIL.
IMPRINT_CROSSREF_DEPOSITOR_NAME = env("IMPRINT_CROSSREF_DEPOSITOR_NAME", "")
IMPRINT_CROSSREF_DEPOSITOR_EMAIL = env("IMPRINT_CROSSREF_DEPOSITOR_EMAIL", "")
IMPRINT_CROSSREF_TIMEOUT_SECONDS = float(env("IMPRINT_CROSSREF_TIMEOUT_SECONDS", "60"))
