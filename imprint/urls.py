from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from imprint.core import throttle
from imprint.core import views as core_views
from imprint.core.page_cache import reader_cacheable
from imprint.distribution.metadata.sitemaps import sitemap
from imprint.people import views as people_views
from imprint.publications import views as publication_views
from imprint.search import views as search_views
from imprint.topics import views as topic_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include("imprint.documents.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    # The JSON API (distribution.api) answers /api/search/ and its suggestions too, in its own
    # schema; the two lines after it only name those addresses for reverse().
    path("api/", include("imprint.distribution.api.urls")),
    path("api/search/", search_views.search_api, name="search_api"),
    path("api/search/suggest/", search_views.suggest_api, name="search_suggest"),
    path("api/search/openapi.json", search_views.openapi, name="search_openapi"),
    path("", include("imprint.mailing.urls")),
    path("", include("imprint.distribution.oai.urls")),
    path("", include("imprint.distribution.cite.urls")),
    path("feeds/", include("imprint.distribution.feeds.urls")),
    path("people/", reader_cacheable(people_views.person_index), name="person_index"),
    path(
        "people/<str:slug>/",
        reader_cacheable(publication_views.person_detail),
        name="person_detail",
    ),
    path("topics/", reader_cacheable(topic_views.topic_index), name="topic_index"),
    path(
        "topics/<str:slug>/", reader_cacheable(publication_views.topic_detail), name="topic_detail"
    ),
    path("sitemap.xml", reader_cacheable(sitemap), name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    # Before Wagtail's own, at the same address: private pages' password form, throttled.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttle.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
]

if settings.IMPRINT_DJANGO_ADMIN:
    urlpatterns.insert(0, path("django-admin/", admin.site.urls))

if settings.DEBUG or getattr(settings, "IMPRINT_SERVE_MEDIA", False):
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "imprint.core.views.bad_request"
handler404 = "imprint.core.views.page_not_found"
handler500 = "imprint.core.views.server_error"
