from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MailingList


class MailingListViewSet(SnippetViewSet):
    """Every list with its confirmed subscribers; editors add lists of their own here (lists
    of topics, series, blogs and journals are made when a reader first joins them)."""

    model = MailingList
    icon = "mail"
    menu_label = "Mailing lists"
    add_to_admin_menu = True
    menu_order = 160
    list_display = ["name", "kind", "confirmed_count", "is_active"]
    list_filter = ["kind", "is_active"]


register_snippet(MailingListViewSet)
