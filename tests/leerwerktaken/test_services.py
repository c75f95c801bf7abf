import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from leerwerktaken import services
from leerwerktaken.defaults import DEFAULT_LEERUITKOMSTEN
from leerwerktaken.models import (
    Bestand,
    Inlevering,
    InleveringStatus,
    Leeruitkomst,
    Toewijzing,
)
from leerwerktaken.uploads import MAX_UPLOAD_SIZE
from tests import factories

pytestmark = pytest.mark.django_db

DUE = datetime.date(2030, 3, 1)


def test_data_migration_gives_a_fresh_install_the_default_outcomes():
    Leeruitkomst.objects.all().delete()
    migration = import_module("leerwerktaken.migrations.0003_default_leeruitkomsten")
    migration.add_defaults(apps, None)
    groups = set(Leeruitkomst.objects.values_list("group", flat=True))
    assert Leeruitkomst.objects.count() == len(DEFAULT_LEERUITKOMSTEN) == 12
    assert groups == {"Vakinhoudelijk bekwaam", "Vakdidactisch bekwaam", "Pedagogisch bekwaam",
                      "Professionele ontwikkeling"}


def test_data_migration_leaves_an_existing_set_alone():
    Leeruitkomst.objects.all().delete()
    factories.LeeruitkomstFactory(code="EIGEN-1")
    import_module("leerwerktaken.migrations.0003_default_leeruitkomsten").add_defaults(apps, None)
    assert list(Leeruitkomst.objects.values_list("code", flat=True)) == ["EIGEN-1"]


def test_seed_leeruitkomsten_adds_missing_defaults_once_and_keeps_changes():
    Leeruitkomst.objects.all().delete()
    factories.LeeruitkomstFactory(code="VD-3", title="Differentiëren op onze manier")
    assert services.seed_leeruitkomsten() == 11
    assert services.seed_leeruitkomsten() == 0
    assert Leeruitkomst.objects.get(code="VD-3").title == "Differentiëren op onze manier"


def test_group_task_becomes_one_assignment_with_one_shared_submission():
    task = factories.LeerwerktaakFactory(is_group_task=True)
    first, second = factories.StudentFactory(), factories.StudentFactory()
    toewijzingen = services.assign_leerwerktaak(
        leerwerktaak=task, students=[first, second], due_date=DUE, by=None
    )
    assert len(toewijzingen) == 1
    assert set(toewijzingen[0].students.all()) == {first, second}
    assert Inlevering.objects.filter(toewijzing=toewijzingen[0]).count() == 1


def test_individual_task_becomes_one_assignment_per_student():
    task = factories.LeerwerktaakFactory(is_group_task=False)
    students = [factories.StudentFactory(), factories.StudentFactory()]
    services.assign_leerwerktaak(leerwerktaak=task, students=students, due_date=DUE, by=None)
    assert Toewijzing.objects.filter(leerwerktaak=task).count() == 2
    assert Inlevering.objects.filter(toewijzing__leerwerktaak=task).count() == 2


def _upload(name="verslag.pdf", content=b"%PDF-1.4 inhoud"):
    return SimpleUploadedFile(name, content)


def test_save_inlevering_stores_text_and_files_privately():
    toewijzing = factories.ToewijzingFactory()
    user = toewijzing.students.first().user
    services.save_inlevering(
        inlevering=toewijzing.inlevering, text="Mijn onderzoek", files=[_upload()], by=user
    )
    bestand = Bestand.objects.get()
    assert bestand.original_name == "verslag.pdf"
    assert bestand.size == 15
    assert bestand.file.name.startswith(f"private/inleveringen/{toewijzing.uuid}/")
    assert not bestand.file.name.endswith("verslag.pdf")


@pytest.mark.parametrize(
    "upload, message",
    [
        (lambda: _upload(content=b""), "Het bestand ‘verslag.pdf’ is leeg."),
        (lambda: _upload(name="spel.exe"), "kun je niet inleveren"),
        (lambda: _upload(content=b"x" * (MAX_UPLOAD_SIZE + 1)), "een bestand mag maximaal 20 MB zijn"),
    ],
    ids=["empty", "wrong-type", "too-big"],
)
def test_a_bad_file_is_refused_and_nothing_saved_is_lost(upload, message):
    toewijzing = factories.ToewijzingFactory()
    user = toewijzing.students.first().user
    inlevering = toewijzing.inlevering
    services.save_inlevering(inlevering=inlevering, text="Eerste versie", files=[_upload()], by=user)
    with pytest.raises(ValidationError) as error:
        services.save_inlevering(
            inlevering=inlevering, text="Tweede", files=[_upload(), upload()], by=user
        )
    assert message in " ".join(error.value.messages)
    inlevering.refresh_from_db()
    assert inlevering.text == "Eerste versie"
    assert Bestand.objects.count() == 1


def test_handing_in_twice_keeps_both_versions_with_their_files():
    toewijzing = factories.ToewijzingFactory()
    user = toewijzing.students.first().user
    inlevering = toewijzing.inlevering
    services.save_inlevering(inlevering=inlevering, text="Versie een", files=[_upload()], by=user)
    first = services.hand_in(inlevering=inlevering, by=user)
    services.save_inlevering(inlevering=inlevering, text="Versie twee",
                             files=[_upload("foto.jpg", b"jpg")], by=user)
    second = services.hand_in(inlevering=inlevering, by=user)
    inlevering.refresh_from_db()
    assert (first.number, first.text, second.number, second.text) == (
        1, "Versie een", 2, "Versie twee")
    assert [b.original_name for b in first.bestanden.all()] == ["verslag.pdf"]
    assert [b.original_name for b in second.bestanden.all()] == ["foto.jpg"]
    assert inlevering.status == InleveringStatus.HANDED_IN


def test_an_empty_submission_cannot_be_handed_in():
    toewijzing = factories.ToewijzingFactory()
    with pytest.raises(ValidationError):
        services.hand_in(inlevering=toewijzing.inlevering, by=toewijzing.students.first().user)


def test_a_file_of_a_handed_in_version_cannot_be_removed():
    toewijzing = factories.ToewijzingFactory()
    user = toewijzing.students.first().user
    services.save_inlevering(inlevering=toewijzing.inlevering, text="", files=[_upload()], by=user)
    services.hand_in(inlevering=toewijzing.inlevering, by=user)
    with pytest.raises(ValidationError):
        services.delete_bestand(bestand=Bestand.objects.get(), by=user)


def test_feedback_per_criterion_then_completion_links_evidence():
    outcome = factories.LeeruitkomstFactory(code="PB-9")
    task = factories.LeerwerktaakFactory(leeruitkomsten=[outcome])
    toewijzing = factories.ToewijzingFactory(leerwerktaak=task)
    student_user = toewijzing.students.first().user
    inlevering = toewijzing.inlevering
    services.save_inlevering(inlevering=inlevering, text="Klaar", by=student_user)
    versie = services.hand_in(inlevering=inlevering, by=student_user)
    mentor = factories.UserFactory()
    feedback = services.give_feedback(
        inlevering=inlevering, by=mentor, text="Mooi werk",
        regels=[("Onderbouwing met theorie", "at_level", "Sterk"),
                ("Concrete voorbeelden uit de klas", "", "")],
    )
    assert feedback.versie == versie
    assert [(r.criterion, r.rating) for r in feedback.regels.all()] == [
        ("Onderbouwing met theorie", "at_level")]
    assert Inlevering.objects.get(pk=inlevering.pk).status == InleveringStatus.FEEDBACK_GIVEN
    services.complete_inlevering(inlevering=inlevering, by=mentor, leeruitkomsten=[outcome])
    inlevering.refresh_from_db()
    assert inlevering.status == InleveringStatus.COMPLETED
    assert list(inlevering.evidence_leeruitkomsten.all()) == [outcome]
    with pytest.raises(ValidationError):
        services.save_inlevering(inlevering=inlevering, text="Nog iets", by=student_user)


def test_feedback_needs_a_handed_in_submission():
    toewijzing = factories.ToewijzingFactory()
    with pytest.raises(ValidationError):
        services.give_feedback(inlevering=toewijzing.inlevering, by=factories.UserFactory(),
                               text="Te vroeg")
