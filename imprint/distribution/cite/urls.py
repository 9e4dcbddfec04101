from django.urls import path

from . import views

urlpatterns = [
    path(
        "cite/publication/<int:page_id>/<str:format_name>/",
        views.publication_citation,
        name="cite_publication",
    ),
    path("cite/issue/<int:page_id>/<str:format_name>/", views.issue_citations, name="cite_issue"),
    path("cite/search/<str:format_name>/", views.search_citations, name="cite_search"),
]
