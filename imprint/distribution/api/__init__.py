"""The read-only JSON API (/api/): docs/distribution/api.md."""
