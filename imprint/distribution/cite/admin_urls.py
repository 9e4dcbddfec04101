from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.deposits, name="crossref_deposits"),
    path("prepare/", admin_views.prepare, name="crossref_prepare"),
    path("xml/", admin_views.xml_download, name="crossref_xml"),
    path("deposit/", admin_views.deposit, name="crossref_deposit"),
    path("<int:deposit_id>/retry/", admin_views.retry, name="crossref_retry"),
    path("<int:deposit_id>/xml/", admin_views.deposit_xml, name="crossref_deposit_xml"),
]
