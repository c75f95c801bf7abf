from django.urls import path

from ..models import Medewerker, Starter, Student
from . import views
from .views import signalen


def import_paths(prefix: str, name: str, view: str) -> list:
    """A list's spreadsheet pages (issue 11): upload, template, preview, result, export."""
    return [
        path(f"{prefix}/importeren/", getattr(views, f"{view}Import").as_view(),
             name=f"{name}_import"),
        path(f"{prefix}/importeren/sjabloon.<str:fmt>",
             getattr(views, f"{view}ImportTemplate").as_view(), name=f"{name}_import_template"),
        path(f"{prefix}/importeren/<uuid:uuid>/",
             getattr(views, f"{view}ImportPreview").as_view(), name=f"{name}_import_preview"),
        path(f"{prefix}/importeren/<uuid:uuid>/resultaat/",
             getattr(views, f"{view}ImportResult").as_view(), name=f"{name}_import_result"),
        path(f"{prefix}/export.<str:fmt>", getattr(views, f"{view}Export").as_view(),
             name=f"{name}_export"),
    ]


app_name = "partnerschap"

urlpatterns = [
    path("", views.index, name="index"),
    # School
    path("scholen/", views.SchoolList.as_view(), name="school_list"),
    path("scholen/nieuw/", views.SchoolCreate.as_view(), name="school_create"),
    path("scholen/<uuid:uuid>/bewerken/", views.SchoolEdit.as_view(), name="school_edit"),
    path("scholen/<uuid:uuid>/verwijderen/", views.SchoolDelete.as_view(), name="school_delete"),
    # Instituut
    path("instituten/", views.InstituutList.as_view(), name="instituut_list"),
    path("instituten/nieuw/", views.InstituutCreate.as_view(), name="instituut_create"),
    path("instituten/<uuid:uuid>/bewerken/", views.InstituutEdit.as_view(), name="instituut_edit"),
    path("instituten/<uuid:uuid>/verwijderen/", views.InstituutDelete.as_view(), name="instituut_delete"),
    # Opleiding
    path("opleidingen/", views.OpleidingList.as_view(), name="opleiding_list"),
    path("opleidingen/nieuw/", views.OpleidingCreate.as_view(), name="opleiding_create"),
    path("opleidingen/<uuid:uuid>/bewerken/", views.OpleidingEdit.as_view(), name="opleiding_edit"),
    path("opleidingen/<uuid:uuid>/verwijderen/", views.OpleidingDelete.as_view(), name="opleiding_delete"),
    # Schooljaar
    path("schooljaren/", views.SchooljaarList.as_view(), name="schooljaar_list"),
    path("schooljaren/nieuw/", views.SchooljaarCreate.as_view(), name="schooljaar_create"),
    path("schooljaren/<int:pk>/bewerken/", views.SchooljaarEdit.as_view(), name="schooljaar_edit"),
    path("schooljaren/<int:pk>/verwijderen/", views.SchooljaarDelete.as_view(), name="schooljaar_delete"),
    # School calendar: holidays per region, a school's days off
    path("vakanties/", views.VakantieList.as_view(), name="vakantie_list"),
    path("vakanties/nieuw/", views.VakantieCreate.as_view(), name="vakantie_create"),
    path("vakanties/<int:pk>/bewerken/", views.VakantieEdit.as_view(), name="vakantie_edit"),
    path("vakanties/<int:pk>/verwijderen/", views.VakantieDelete.as_view(), name="vakantie_delete"),
    path("vrije-dagen/", views.VrijeDagList.as_view(), name="vrijedag_list"),
    path("vrije-dagen/nieuw/", views.VrijeDagCreate.as_view(), name="vrijedag_create"),
    path("vrije-dagen/<int:pk>/bewerken/", views.VrijeDagEdit.as_view(), name="vrijedag_edit"),
    path("vrije-dagen/<int:pk>/verwijderen/", views.VrijeDagDelete.as_view(), name="vrijedag_delete"),
    # Expertise
    path("expertises/", views.ExpertiseList.as_view(), name="expertise_list"),
    path("expertises/nieuw/", views.ExpertiseCreate.as_view(), name="expertise_create"),
    path("expertises/<int:pk>/bewerken/", views.ExpertiseEdit.as_view(), name="expertise_edit"),
    path("expertises/<int:pk>/verwijderen/", views.ExpertiseDelete.as_view(), name="expertise_delete"),
    # Medewerker
    path("medewerkers/", views.MedewerkerList.as_view(), name="medewerker_list"),
    path("medewerkers/nieuw/", views.MedewerkerCreate.as_view(), name="medewerker_create"),
    *import_paths("medewerkers", "medewerker", "Medewerker"),
    path("medewerkers/<uuid:uuid>/", views.MedewerkerDetail.as_view(), name="medewerker_detail"),
    path("medewerkers/<uuid:uuid>/bewerken/", views.MedewerkerEdit.as_view(), name="medewerker_edit"),
    path(
        "medewerkers/<uuid:uuid>/uitnodiging/",
        views.ResendInvitation.as_view(model=Medewerker, back_to="detail"),
        name="medewerker_resend",
    ),
    path(
        "medewerkers/<uuid:uuid>/account-beeindigen/",
        views.EndAccount.as_view(model=Medewerker, back_to="detail"),
        name="medewerker_end",
    ),
    path(
        "medewerkers/<uuid:uuid>/account-heropenen/",
        views.ReopenAccount.as_view(model=Medewerker, back_to="detail"),
        name="medewerker_reopen",
    ),
    # Student
    path("studenten/", views.StudentList.as_view(), name="student_list"),
    path("studenten/nieuw/", views.StudentCreate.as_view(), name="student_create"),
    *import_paths("studenten", "student", "Student"),
    path("studenten/<uuid:uuid>/bewerken/", views.StudentEdit.as_view(), name="student_edit"),
    path("studenten/<uuid:uuid>/starter-worden/", views.StudentToStarter.as_view(),
         name="student_to_starter"),
    path(
        "studenten/<uuid:uuid>/uitnodiging/",
        views.ResendInvitation.as_view(model=Student),
        name="student_resend",
    ),
    path(
        "studenten/<uuid:uuid>/account-beeindigen/",
        views.EndAccount.as_view(model=Student),
        name="student_end",
    ),
    path(
        "studenten/<uuid:uuid>/account-heropenen/",
        views.ReopenAccount.as_view(model=Student),
        name="student_reopen",
    ),
    # Starter
    path("starters/", views.StarterList.as_view(), name="starter_list"),
    path("starters/nieuw/", views.StarterCreate.as_view(), name="starter_create"),
    path("starters/<uuid:uuid>/bewerken/", views.StarterEdit.as_view(), name="starter_edit"),
    path(
        "starters/<uuid:uuid>/uitnodiging/",
        views.ResendInvitation.as_view(model=Starter),
        name="starter_resend",
    ),
    path(
        "starters/<uuid:uuid>/account-beeindigen/",
        views.EndAccount.as_view(model=Starter),
        name="starter_end",
    ),
    path(
        "starters/<uuid:uuid>/account-heropenen/",
        views.ReopenAccount.as_view(model=Starter),
        name="starter_reopen",
    ),
    # Stage
    path("plaatsingen/", views.StageList.as_view(), name="stage_list"),
    path("plaatsingen/nieuw/", views.StageCreate.as_view(), name="stage_create"),
    *import_paths("plaatsingen", "stage", "Stage"),
    path("plaatsingen/<uuid:uuid>/", views.StageDetail.as_view(), name="stage_detail"),
    path("plaatsingen/<uuid:uuid>/bewerken/", views.StageEdit.as_view(), name="stage_edit"),
    # The partnership at a glance (issue 11): the numbers, the list behind each, thresholds
    path("overzicht/", signalen.overzicht, name="overzicht"),
    path("overzicht/drempels/", signalen.drempels, name="drempels"),
    path("overzicht/<slug:key>/", signalen.signal_list, name="signal_list"),
    path("overzicht/<slug:key>/export.csv", signalen.signal_export, name="signal_export"),
]
