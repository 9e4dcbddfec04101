"""How document bytes reach a reader once ``/documents/`` has checked that the reader may.

Wagtail's serve view runs the access hooks, then either hands the file to a sendfile backend
(django-sendfile2: the web server in front sends it) or redirects to the storage's own URL (a
private bucket signs it for a short while). docs/operations.md shows the web server's side.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .env import env, env_int

SENDFILE_BACKENDS = {
    "x-accel-redirect": "django_sendfile.backends.nginx",
    "x-sendfile": "django_sendfile.backends.xsendfile",
}


def sendfile_backend(header: str, bucket: str) -> str:
    """The django-sendfile2 backend for ``IMPRINT_DOCUMENTS_SENDFILE``; refuses nonsense."""
    if header not in SENDFILE_BACKENDS:
        raise ImproperlyConfigured(
            f"IMPRINT_DOCUMENTS_SENDFILE must be one of {', '.join(SENDFILE_BACKENDS)}, "
            f"not {header!r}."
        )
    if bucket:
        raise ImproperlyConfigured(
            "Set IMPRINT_DOCUMENTS_SENDFILE or IMPRINT_DOCUMENTS_BUCKET, not both: a web server "
            "cannot send a file that lives in a bucket."
        )
    return SENDFILE_BACKENDS[header]


def documents_bucket(bucket: str) -> dict:
    """The ``documents`` storage in a private S3-compatible bucket (django-storages).

    Objects are private and every URL is signed and expires after
    ``IMPRINT_DOCUMENTS_URL_SECONDS``: the serve view checks access and redirects to one, so a
    link passed on stops working soon after, and a closed document never gets one. Credentials
    come from the usual AWS variables or the instance's role.
    """
    options = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "signature_version": "s3v4",  # botocore would sign some URLs with the retired v2
        "querystring_expire": env_int("IMPRINT_DOCUMENTS_URL_SECONDS", 300),
        "file_overwrite": False,
        "region_name": env("IMPRINT_DOCUMENTS_REGION", None),
        "endpoint_url": env("IMPRINT_DOCUMENTS_ENDPOINT_URL", None),
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def bucket_origins(options: dict) -> list[str]:
    """Where the bucket's signed URLs point, for the Content-Security-Policy's ``object-src``
    and ``connect-src``: the publication page's PDF readers follow the redirect there."""
    bucket, endpoint = options["bucket_name"], options.get("endpoint_url")
    if endpoint:
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    region = options.get("region_name")
    hosts = [f"{bucket}.s3.amazonaws.com"] + (
        [f"{bucket}.s3.{region}.amazonaws.com"] * bool(region)
    )
    return [f"https://{host}" for host in hosts]
