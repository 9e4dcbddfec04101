from django.urls import path

from . import views, webhooks

urlpatterns = [
    path("subscribe/", views.subscribe, name="mailing_subscribe"),
    path("mailing/confirm/<str:token>/", views.confirm, name="mailing_confirm"),
    path("mailing/preferences/<str:token>/", views.preferences, name="mailing_preferences"),
    path("mailing/unsubscribe/<str:token>/", views.unsubscribe, name="mailing_unsubscribe"),
]

urlpatterns += webhooks.urlpatterns
