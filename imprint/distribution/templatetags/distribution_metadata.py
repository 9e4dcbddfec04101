"""``{% page_metadata %}``: the page's tags for search engines, social sites and Google Scholar."""

from django import template
from django.utils.safestring import SafeString

from imprint.distribution.metadata import build

register = template.Library()


@register.simple_tag(takes_context=True)
def page_metadata(context) -> SafeString:
    return build.render_head(context)
