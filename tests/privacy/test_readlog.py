"""Who read it: opening someone else's development plan, rapport check, triangle notes,
interim evaluation or submitted file is recorded; the owner sees it, the coordinator
searches it; one's own reads are not recorded."""

import pytest
from django.urls import reverse
from django.utils import timezone

from opleidingsschool.models import ReadKind, ReadRecord
from opleidingsschool.privacy.readlog import record_read
from tests import factories

pytestmark = pytest.mark.django_db


def test_mentor_opening_the_development_plan_is_recorded_not_the_student(client, personas):
    plan = factories.OntwikkelplanFactory(student=personas.student)
    url = reverse("begeleiding:ontwikkelplan_student", args=[personas.student.uuid])
    client.force_login(personas.student.user)
    client.get(url)
    assert ReadRecord.objects.count() == 0
    client.force_login(personas.wpb.user)
    assert client.get(url).status_code == 200
    read = ReadRecord.objects.get()
    assert (read.owner, read.reader, read.kind, read.subject_key, read.label) == (
        personas.student.user, personas.wpb.user, ReadKind.ONTWIKKELPLAN,
        f"begeleiding.ontwikkelplan:{plan.pk}", plan.schooljaar.name)


def test_schoolopleider_reading_a_low_rapport_check_is_recorded(client, personas):
    wpb = personas.stage.begeleiders.get(medewerker=personas.wpb)
    check = factories.KlikcheckFactory(begeleider=wpb, score=1, comment="Geen klik")
    client.force_login(personas.schoolopleider.user)
    client.get(reverse("signalen"))
    read = ReadRecord.objects.get()
    assert (read.owner, read.reader, read.kind, read.subject_key) == (
        personas.student.user, personas.schoolopleider.user, ReadKind.KLIKCHECK,
        f"begeleiding.klikcheck:{check.pk}")


def test_student_sees_who_read_their_records_and_others_see_nothing_of_it(client, personas):
    plan = factories.OntwikkelplanFactory(student=personas.student)
    record_read(reader=personas.wpb.user, owner_id=personas.student.user_id,
                kind=ReadKind.ONTWIKKELPLAN, obj=plan, label="2026-2027")
    client.force_login(personas.student.user)
    page = client.get(reverse("privacy:reads")).content.decode()
    assert "Wim Werkplek" in page
    assert "Ontwikkelplan: 2026-2027" in page
    client.force_login(personas.other_student.user)
    other = client.get(reverse("privacy:reads")).content.decode()
    assert "Wim Werkplek" not in other
    assert "Nog niemand anders heeft je gegevens geopend." in other


def _reads(personas, count):
    plan = factories.OntwikkelplanFactory(student=personas.student)
    ReadRecord.objects.bulk_create([
        ReadRecord(owner=personas.student.user, reader=personas.wpb.user,
                   reader_name="Wim Werkplek", kind=ReadKind.ONTWIKKELPLAN,
                   subject_key=f"begeleiding.ontwikkelplan:{plan.pk}", label=f"lezing {n}",
                   read_at=timezone.now())
        for n in range(count)
    ])


@pytest.mark.parametrize("count", [1, 30])
def test_reads_page_has_a_fixed_number_of_queries(client, personas,
                                                  django_assert_num_queries, count):
    _reads(personas, count)
    client.force_login(personas.student.user)
    with django_assert_num_queries(2):
        response = client.get(reverse("privacy:reads"))
    assert len(response.context["page"].object_list) == min(count, 25)


@pytest.mark.parametrize("count", [1, 30])
def test_coordinator_searches_the_read_log_page_by_page(client, personas,
                                                        django_assert_num_queries, count):
    _reads(personas, count)
    factories.OntwikkelplanFactory(student=personas.other_student)
    ReadRecord.objects.create(owner=personas.other_student.user, reader=personas.other_wpb.user,
                              reader_name="Wendy", kind=ReadKind.KLIKCHECK,
                              subject_key="begeleiding.klikcheck:1", label="ander")
    client.force_login(personas.coordinator.user)
    with django_assert_num_queries(2):
        # By address: the other student's random name may contain "sanne" (Susanne).
        response = client.get(reverse("privacy:read_log") + "?q=sanne@example.org")
    assert [read.owner for read in response.context["page"].object_list] == (
        [personas.student.user] * min(count, 25))
    klik = client.get(reverse("privacy:read_log") + "?kind=klikcheck")
    assert [read.label for read in klik.context["page"].object_list] == ["ander"]
    assert client.get(reverse("privacy:read_log") + "?kind=hack").status_code == 200


def test_opening_triangle_notes_is_recorded_for_mentors_not_the_student(client, personas):
    gesprek = factories.DriehoeksgesprekFactory(
        stage=personas.stage, title="Startgesprek", notes_progress="Loopt goed",
        shared_at=timezone.now())
    client.force_login(personas.student.user)
    client.get(reverse("driehoek:gesprek_detail", args=[gesprek.uuid]))
    assert ReadRecord.objects.count() == 0
    client.force_login(personas.instituutsopleider.user)
    client.get(reverse("driehoek:gesprek_detail", args=[gesprek.uuid]))
    client.get(reverse("driehoek:gesprek_print", args=[gesprek.uuid]))
    reads = list(ReadRecord.objects.order_by("pk").values_list("reader", "kind", "subject_key"))
    assert reads == [(personas.instituutsopleider.user.pk, ReadKind.DRIEHOEK_NOTES,
                      f"driehoek.driehoeksgesprek:{gesprek.pk}")] * 2
    # A meeting without notes has nothing to read.
    empty = factories.DriehoeksgesprekFactory(stage=personas.stage)
    client.get(reverse("driehoek:gesprek_detail", args=[empty.uuid]))
    assert ReadRecord.objects.count() == 2


def test_opening_an_interim_evaluation_is_recorded(client, personas):
    evaluation = factories.TussenevaluatieFactory(stage=personas.stage, summary="Op koers")
    client.force_login(personas.wpb.user)
    assert client.get(reverse("driehoek:tussenevaluatie_detail",
                              args=[evaluation.uuid])).status_code == 200
    read = ReadRecord.objects.get()
    assert (read.owner, read.reader, read.kind) == (
        personas.student.user, personas.wpb.user, ReadKind.TUSSENEVALUATIE)


def test_downloading_a_submitted_file_is_recorded_per_student(client, personas):
    toewijzing = factories.ToewijzingFactory(students=[personas.student])
    bestand = factories.BestandFactory(inlevering=toewijzing.inlevering,
                                       uploaded_by=personas.student.user)
    url = reverse("leerwerktaken:bestand_download", args=[bestand.uuid])
    client.force_login(personas.student.user)
    assert client.get(url).status_code == 200
    assert ReadRecord.objects.count() == 0
    client.force_login(personas.schoolopleider.user)
    assert client.get(url).status_code == 200
    read = ReadRecord.objects.get()
    assert (read.owner, read.reader, read.kind, read.label) == (
        personas.student.user, personas.schoolopleider.user, ReadKind.BESTAND,
        f"verslag.pdf ({toewijzing})")
