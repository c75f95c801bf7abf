from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.privacy_page, name="page"),
    path("mijn-gegevens/", views.my_data, name="my_data"),
    path("mijn-gegevens/gegevens.json", views.my_data_json, name="my_data_json"),
    path("mijn-gegevens/dossier/", views.dossier, name="dossier"),
    path("mijn-gegevens/export/", views.export_request, name="export_request"),
    path("mijn-gegevens/export/<str:token>/", views.export_download, name="export_download"),
    path("wie-las-mee/", views.my_reads, name="reads"),
    path("leeslog/", views.read_log, name="read_log"),
    path("bewaartermijnen/", views.retention_plan, name="retention"),
    path("account-verwijderen/", views.erase, name="erase"),
]
