from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    add_to_admin_menu = True
    menu_order = 140
    list_display = ["name", "role", "affiliation", "is_staff_expert"]
    list_filter = ["is_staff_expert"]
    search_fields = ["name", "affiliation"]


register_snippet(PersonViewSet)
