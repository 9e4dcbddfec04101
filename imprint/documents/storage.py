"""Where document files live: out of reach of the public media URL.

Documents (and their cover thumbnails) are stored apart from ``MEDIA_ROOT`` so that no web
server serving ``/media/`` can hand out a file whose page is still a draft. Every byte goes
through ``/documents/...``, which checks who may see it (``access.py``).
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage without public URLs: files are served only by a checking view."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Private files have no public URL; serve them through a view.")


def document_storage() -> Storage:
    """The ``documents`` storage from ``settings.STORAGES`` (private local files by default)."""
    return storages["documents"]
