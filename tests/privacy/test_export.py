"""Export: each person downloads everything the portal holds about them (JSON, a printable
dossier, a zip with their files made by a task, mailed as a signed link that expires)."""

import datetime
import io
import json
import re
import zipfile

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.db import models
from django.test.utils import isolate_apps
from django.urls import reverse
from django.utils import timezone

from begeleiding.models import Visibility
from opleidingsschool.models import DataExport, ExportStatus, Medewerker, Starter, Student, User
from opleidingsschool.privacy import export
from tests import factories

pytestmark = pytest.mark.django_db
PERSON_MODELS = (User, Student, Medewerker, Starter)


def _refers_to_a_person(model) -> bool:
    return any(
        f.is_relation and not f.auto_created and f.related_model in PERSON_MODELS
        for f in model._meta.get_fields()
    )


def _missing(all_models) -> list[str]:
    return sorted(
        model._meta.label for model in all_models
        if _refers_to_a_person(model)
        and model._meta.label not in export.EXPORT and model._meta.label not in export.EXEMPT
    )


def test_every_model_that_refers_to_a_person_is_in_the_export_or_exempt():
    assert _missing(apps.get_models()) == []


@isolate_apps("opleidingsschool")
def test_a_new_model_with_a_user_key_and_no_entry_fails_the_walk():
    class Aantekening(models.Model):
        user = models.ForeignKey(User, on_delete=models.CASCADE)

        class Meta:
            app_label = "opleidingsschool"

        def __str__(self):
            return str(self.pk)

    assert _missing([*apps.get_models(), Aantekening]) == ["opleidingsschool.Aantekening"]


def test_every_export_path_is_a_working_query(personas):
    for label in export.EXPORT:
        assert isinstance(export._rows(label, personas.student.user), list), label


def test_student_export_holds_own_records_and_shared_notes_only(personas):
    own = factories.LeervraagFactory(student=personas.student, title="Orde in 2B",
                                     visibility=Visibility.PRIVATE)
    factories.LeervraagFactory(student=personas.other_student, title="Niet van mij")
    factories.LogregelFactory(stage=personas.stage, learned="Korter instrueren")
    shared = factories.DriehoeksgesprekFactory(
        stage=personas.stage, notes_agreements="Afspraak gedeeld", shared_at=timezone.now())
    draft = factories.DriehoeksgesprekFactory(stage=personas.stage,
                                              notes_agreements="Nog concept")
    data = export.collect(personas.student.user)
    records = data["records"]
    assert [row["fields"]["title"] for row in records["begeleiding.Leervraag"]] == [own.title]
    assert records["begeleiding.Logregel"][0]["fields"]["learned"] == "Korter instrueren"
    gesprekken = {row["pk"]: row["fields"] for row in records["driehoek.Driehoeksgesprek"]}
    assert gesprekken[shared.pk]["notes_agreements"] == "Afspraak gedeeld"
    assert "notes_agreements" not in gesprekken[draft.pk]
    assert "password" not in records["opleidingsschool.User"][0]["fields"]
    assert data["person"]["email"] == "sanne@example.org"


def test_a_mentors_export_holds_hours_they_confirmed_but_not_the_reflection(personas):
    factories.LogregelFactory(stage=personas.stage, learned="Geheim geleerd",
                              confirmed_by=personas.wpb.user, confirmed_at=timezone.now())
    rows = export.collect(personas.wpb.user)["records"]["begeleiding.Logregel"]
    assert [sorted(row["fields"]) for row in rows] == [[
        "aanmelding", "activity", "confirmed_at", "confirmed_by", "created_at", "date",
        "hours", "lesbezoek", "stage", "student", "uuid",
    ]]
    assert "Geheim geleerd" not in export.to_json(export.collect(personas.wpb.user))


def test_json_download_and_printable_dossier(client, personas):
    factories.LeervraagFactory(student=personas.student, title="Differentiëren in havo 4")
    client.force_login(personas.student.user)
    response = client.get(reverse("privacy:my_data_json"))
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    data = json.loads(response.content)
    assert data["format"] == "opleidingsschool-export"
    assert data["records"]["begeleiding.Leervraag"][0]["fields"]["title"] == (
        "Differentiëren in havo 4")
    dossier = client.get(reverse("privacy:dossier")).content.decode()
    assert "Dossier van Sanne Student" in dossier
    assert "Differentiëren in havo 4" in dossier
    assert "Leervragen" in dossier


def test_zip_is_made_by_a_task_mailed_as_a_link_that_expires(
    client, personas, django_capture_on_commit_callbacks
):
    toewijzing = factories.ToewijzingFactory(students=[personas.student])
    factories.BestandFactory(inlevering=toewijzing.inlevering, uploaded_by=personas.student.user)
    client.force_login(personas.student.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:export_request"), follow=True)
    assert "Je krijgt een e-mail met een downloadlink" in response.content.decode()
    data_export = DataExport.objects.get()
    assert data_export.status == ExportStatus.READY
    [message] = mail.outbox
    assert message.to == ["sanne@example.org"]
    assert message.subject == "Je gegevens uit Opleidingsschool staan klaar"
    assert "72 uur" in message.body
    link = re.search(r"https?://\S+/privacy/mijn-gegevens/export/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    download = client.get("/" + path)
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = sorted(archive.namelist())
    assert names[:2] == ["data.json", "dossier.html"]
    assert [name for name in names if name.startswith("files/")] == [
        f"files/leerwerktaken.Bestand-{toewijzing.inlevering.bestanden.get().pk}-"
        + toewijzing.inlevering.bestanden.get().file.name.rsplit("/", 1)[-1]]
    assert archive.read(names[2]) == b"%PDF-1.4 demo"
    # Someone else with the link gets nothing; after 72 hours nobody does.
    client.force_login(personas.wpb.user)
    assert client.get("/" + path).status_code == 404
    client.force_login(personas.student.user)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=73)):
        expired = client.get("/" + path)
    assert expired.status_code == 410
    assert "Deze link is verlopen" in expired.content.decode()


def test_a_tampered_link_is_a_404(client, personas):
    client.force_login(personas.student.user)
    url = reverse("privacy:export_download", args=["niet-echt:abc:def"])
    assert client.get(url).status_code == 404
