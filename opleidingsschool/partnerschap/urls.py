from django.urls import path

from . import views

app_name = "partnerschap"

urlpatterns = [
    path("", views.index, name="index"),
]
