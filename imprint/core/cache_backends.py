"""The on-disk default cache."""

from diskcache import DjangoCache


class DiskCache(DjangoCache):
    """diskcache's Django cache, keeping its SQLite connections open between requests.

    Django closes every cache when a request finishes; for diskcache that means closing and
    reopening a SQLite connection per shard on every request, which cost more than the lookups.
    Its connections are per thread and stay valid, so there is nothing to close.
    """

    def close(self, **kwargs) -> None:
        pass
