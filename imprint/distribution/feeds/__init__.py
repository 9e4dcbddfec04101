"""Atom and RSS feeds of the institute's publications (docs/distribution/feeds.md)."""
