from django.urls import path

from . import views

app_name = "driehoek"

urlpatterns = [
    path("", views.index, name="index"),
    path("behoeften/", views.behoeften, name="behoeften"),
    path("stage/<uuid:uuid>/", views.stage_detail, name="stage"),
    path("stage/<uuid:uuid>/afdrukken/", views.stage_print, name="stage_print"),
    path("stage/<uuid:uuid>/gesprek/nieuw/", views.gesprek_create, name="gesprek_create"),
    path("stage/<uuid:uuid>/leerdoel/nieuw/", views.leerdoel_create, name="leerdoel_create"),
    path("stage/<uuid:uuid>/actiepunt/nieuw/", views.actiepunt_create, name="actiepunt_create"),
    path("stage/<uuid:uuid>/behoefte/nieuw/", views.behoefte_create, name="behoefte_create"),
    path("stage/<uuid:uuid>/tussenevaluatie/nieuw/", views.tussenevaluatie_create,
         name="tussenevaluatie_create"),
    path("gesprek/<uuid:uuid>/", views.gesprek_detail, name="gesprek_detail"),
    path("gesprek/<uuid:uuid>/wijzigen/", views.gesprek_edit, name="gesprek_edit"),
    path("gesprek/<uuid:uuid>/annuleren/", views.gesprek_cancel, name="gesprek_cancel"),
    path("gesprek/<uuid:uuid>/agenda.ics", views.gesprek_ics, name="gesprek_ics"),
    path("gesprek/<uuid:uuid>/verslag/", views.gesprek_notes, name="gesprek_notes"),
    path("gesprek/<uuid:uuid>/delen/", views.gesprek_share, name="gesprek_share"),
    path("gesprek/<uuid:uuid>/akkoord/", views.gesprek_agree, name="gesprek_agree"),
    path("gesprek/<uuid:uuid>/aanvulling/", views.addendum_create, name="addendum_create"),
    path("gesprek/<uuid:uuid>/afdrukken/", views.gesprek_print, name="gesprek_print"),
    path("leerdoel/<uuid:uuid>/", views.leerdoel_edit, name="leerdoel_edit"),
    path("actiepunt/<uuid:uuid>/", views.actiepunt_edit, name="actiepunt_edit"),
    path("actiepunt/<uuid:uuid>/klaar/", views.actiepunt_done, name="actiepunt_done"),
    path("behoefte/<uuid:uuid>/", views.behoefte_edit, name="behoefte_edit"),
    path("tussenevaluatie/<uuid:uuid>/", views.tussenevaluatie_detail,
         name="tussenevaluatie_detail"),
    path("tussenevaluatie/<uuid:uuid>/wijzigen/", views.tussenevaluatie_edit,
         name="tussenevaluatie_edit"),
    path("tussenevaluatie/<uuid:uuid>/delen/", views.tussenevaluatie_share,
         name="tussenevaluatie_share"),
]
