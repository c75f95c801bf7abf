from django.urls import path

from . import views

app_name = "leerwerktaken"

urlpatterns = [
    path("", views.index, name="index"),
    path("leeruitkomsten/", views.leeruitkomst_list, name="leeruitkomst_list"),
    path("leeruitkomsten/nieuw/", views.LeeruitkomstFormPage.as_view(), name="leeruitkomst_create"),
    path("leeruitkomsten/<uuid:uuid>/", views.leeruitkomst_detail, name="leeruitkomst_detail"),
    path("leeruitkomsten/<uuid:uuid>/bewerken/", views.LeeruitkomstFormPage.as_view(),
         name="leeruitkomst_update"),
    path("leeruitkomsten/<uuid:uuid>/invulling/", views.invulling_edit, name="invulling_edit"),
    path("invulling/", views.invulling_list, name="invulling_list"),
    path("leerwerktaken/", views.leerwerktaak_list, name="leerwerktaak_list"),
    path("leerwerktaken/nieuw/", views.LeerwerktaakFormPage.as_view(), name="leerwerktaak_create"),
    path("leerwerktaken/<uuid:uuid>/", views.leerwerktaak_detail, name="leerwerktaak_detail"),
    path("leerwerktaken/<uuid:uuid>/bewerken/", views.LeerwerktaakFormPage.as_view(),
         name="leerwerktaak_update"),
    path("leerwerktaken/<uuid:uuid>/toewijzen/", views.toewijzing_create,
         name="toewijzing_create"),
    path("opdrachten/", views.toewijzing_list, name="toewijzing_list"),
    path("opdrachten/<uuid:uuid>/", views.toewijzing_detail, name="toewijzing_detail"),
    path("opdrachten/<uuid:uuid>/feedback/", views.feedback_create, name="feedback_create"),
    path("opdrachten/<uuid:uuid>/afronden/", views.toewijzing_complete,
         name="toewijzing_complete"),
    path("bestanden/<uuid:uuid>/", views.bestand_download, name="bestand_download"),
    path("bestanden/<uuid:uuid>/verwijderen/", views.bestand_delete, name="bestand_delete"),
    path("voortgang/", views.progress, name="progress"),
    path("studenten/<uuid:uuid>/bewijs/", views.student_evidence, name="student_evidence"),
    path("dekking/", views.coverage, name="coverage"),
    path("bouwstenen/", views.bouwsteen_list, name="bouwsteen_list"),
    path("bouwstenen/nieuw/", views.BouwsteenFormPage.as_view(), name="bouwsteen_create"),
    path("bouwstenen/<uuid:uuid>/bewerken/", views.BouwsteenFormPage.as_view(), name="bouwsteen_update"),
]
