from django import template

from imprint.distribution.feeds.links import FeedLink, feed_links

register = template.Library()


@register.simple_tag(takes_context=True)
def page_feeds(context) -> list[FeedLink]:
    """The feeds the page offers, for ``<link rel="alternate">`` in its head."""
    return feed_links(context)
