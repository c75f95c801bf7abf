from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("mijn-mail/", views.my_mail, name="my_mail"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
