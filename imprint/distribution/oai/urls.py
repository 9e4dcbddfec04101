from django.urls import path

from . import views

urlpatterns = [path("oai/", views.oai, name="oai")]
