from django.urls import path

from . import views

urlpatterns = [
    path("<int:document_id>/cover.jpg", views.document_cover, name="document_cover"),
]
