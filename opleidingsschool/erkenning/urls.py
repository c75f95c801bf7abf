from django.urls import path

from . import views

app_name = "erkenning"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("team/", views.team, name="team"),
    path("collega/<uuid:uuid>/", views.colleague, name="colleague"),
    path("professionalisering/nieuw/", views.professionalisering_create,
         name="professionalisering_create"),
    path("professionalisering/<uuid:uuid>/", views.professionalisering_edit,
         name="professionalisering_edit"),
    path("professionalisering/<uuid:uuid>/verwijderen/", views.professionalisering_delete,
         name="professionalisering_delete"),
]
