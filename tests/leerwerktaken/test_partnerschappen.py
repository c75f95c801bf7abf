"""The curriculum belongs to a partnership: each coordinator keeps their own (codes may
repeat across partnerships), students and mentors read their partnership's, tasks go to the
partnership's own students, and a new partnership starts with the default outcomes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from driehoek.models import Behoefte
from leerwerktaken import services
from leerwerktaken.defaults import DEFAULT_LEERUITKOMSTEN
from leerwerktaken.models import Leeruitkomst, Toewijzing
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(personas):
    """A second partnership with its own school, student, outcome and task."""
    partnerschap = personas.other_coordinator.partnerschap
    school = factories.SchoolFactory(name="College Twee", partnerschap=partnerschap)
    student = factories.StudentFactory(
        user__email="tessa@example.org", user__first_name="Tessa", user__last_name="Tweede",
        partnerschap=partnerschap, study_year=1,
    )
    factories.StageFactory(student=student, school=school, schooljaar=personas.schooljaar)
    first_outcome = factories.LeeruitkomstFactory(code="KM-1", title="Differentieert (Eén)")
    second_outcome = factories.LeeruitkomstFactory(
        code="KM-1", title="Differentieert (Twee)", partnerschap=partnerschap
    )
    first_task = factories.LeerwerktaakFactory(title="Klimaat Eén", leeruitkomsten=[first_outcome])
    second_task = factories.LeerwerktaakFactory(
        title="Klimaat Twee", partnerschap=partnerschap, leeruitkomsten=[second_outcome]
    )
    return {
        "partnerschap": partnerschap, "school": school, "student": student,
        "first_outcome": first_outcome, "second_outcome": second_outcome,
        "first_task": first_task, "second_task": second_task,
    }


def outcome_titles(response) -> list[str]:
    return [outcome.title for outcomes in response.context["groups"].values() for outcome in outcomes]


def task_titles(response) -> list[str]:
    return [task.title for task in response.context["page"].object_list]


def test_codes_repeat_across_partnerships_but_not_within_one(personas, second):
    assert Leeruitkomst.objects.filter(code="KM-1").count() == 2
    with pytest.raises(ValidationError) as refused:
        services.save_leeruitkomst(
            partnerschap=second["partnerschap"], code="KM-1", title="Nog een", group="",
            description="", position=0, is_active=True,
        )
    assert list(refused.value.message_dict) == ["code"]


def test_each_coordinator_sees_and_manages_only_their_own_curriculum(client, personas, second):
    client.force_login(personas.coordinator.user)
    first = outcome_titles(client.get(reverse("leerwerktaken:leeruitkomst_list")))
    assert "Differentieert (Eén)" in first  # beside the installation's default set
    assert "Differentieert (Twee)" not in first
    assert task_titles(client.get(reverse("leerwerktaken:leerwerktaak_list"))) == ["Klimaat Eén"]
    client.force_login(personas.other_coordinator.user)
    assert outcome_titles(client.get(reverse("leerwerktaken:leeruitkomst_list"))) == [
        "Differentieert (Twee)"]
    assert task_titles(client.get(reverse("leerwerktaken:leerwerktaak_list"))) == ["Klimaat Twee"]
    for name, obj in (("leeruitkomst_update", second["first_outcome"]),
                      ("leerwerktaak_update", second["first_task"]),
                      ("leerwerktaak_detail", second["first_task"]),
                      ("toewijzing_create", second["first_task"])):
        assert client.get(reverse(f"leerwerktaken:{name}", args=[obj.uuid])).status_code == 404
    response = client.post(
        reverse("leerwerktaken:leeruitkomst_update", args=[second["first_outcome"].uuid]),
        {"code": "X", "title": "Overgenomen", "position": "1"},
    )
    assert response.status_code == 404
    second["first_outcome"].refresh_from_db()
    assert second["first_outcome"].title == "Differentieert (Eén)"


def test_a_new_outcome_is_the_coordinators_partnerships_and_a_taken_code_is_refused(
    client, personas, second
):
    client.force_login(personas.other_coordinator.user)
    url = reverse("leerwerktaken:leeruitkomst_create")
    data = {"code": "PO-9", "title": "Onderzoekt", "position": "5", "is_active": "on"}
    assert client.post(url, data).status_code == 302
    assert Leeruitkomst.objects.get(code="PO-9").partnerschap == second["partnerschap"]
    refused = client.post(url, {**data, "code": "KM-1", "title": "Dubbel"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["code"] == [
        "Je partnerschap heeft al een leeruitkomst met de code ‘KM-1’. Kies een andere code."]
    assert not Leeruitkomst.objects.filter(title="Dubbel").exists()


def test_a_student_reads_the_curriculum_of_their_own_partnership(client, personas, second):
    client.force_login(second["student"].user)
    assert outcome_titles(client.get(reverse("leerwerktaken:leeruitkomst_list"))) == [
        "Differentieert (Twee)"]
    catalogue = client.get(reverse("leerwerktaken:leerwerktaak_list"), {"leeruitkomst": "KM-1"})
    assert task_titles(catalogue) == ["Klimaat Twee"]
    assert client.get(second["first_task"].get_absolute_url()).status_code == 404
    assert client.get(second["first_outcome"].get_absolute_url()).status_code == 404
    client.force_login(personas.student.user)
    assert "Differentieert (Twee)" not in outcome_titles(
        client.get(reverse("leerwerktaken:leeruitkomst_list")))
    assert task_titles(client.get(reverse("leerwerktaken:leerwerktaak_list"))) == ["Klimaat Eén"]
    assert client.get(second["second_task"].get_absolute_url()).status_code == 404


def test_an_instituutsopleider_of_both_partnerships_reads_both(client, personas, second):
    second["partnerschap"].instituten.add(personas.instituut)
    client.force_login(personas.instituutsopleider.user)
    catalogue = client.get(reverse("leerwerktaken:leerwerktaak_list"), {"leeruitkomst": "KM-1"})
    assert task_titles(catalogue) == ["Klimaat Eén", "Klimaat Twee"]


def test_a_task_goes_only_to_students_of_its_own_partnership(client, personas, second):
    client.force_login(personas.other_coordinator.user)
    url = reverse("leerwerktaken:toewijzing_create", args=[second["second_task"].uuid])
    form = client.get(url).context["form"]
    assert list(form.fields["students"].queryset) == [second["student"]]
    due = (timezone.localdate() + timezone.timedelta(days=14)).isoformat()
    refused = client.post(url, {"students": [personas.other_student.pk], "due_date": due})
    assert refused.status_code == 200
    assert "students" in refused.context["form"].errors
    assert client.post(url, {"students": [second["student"].pk], "due_date": due}).status_code == 302
    assert [list(t.students.all()) for t in Toewijzing.objects.all()] == [[second["student"]]]
    with pytest.raises(ValidationError):
        services.assign_leerwerktaak(
            leerwerktaak=second["second_task"], students=[personas.other_student],
            due_date=timezone.localdate(), by=personas.other_coordinator.user,
        )


def test_a_new_partnership_gets_the_default_outcomes_once(personas):
    partnerschap = factories.PartnerschapFactory(name="Derde Opleidingsschool")
    first_count = Leeruitkomst.objects.exclude(partnerschap=partnerschap).count()
    assert services.ensure_default_leeruitkomsten(partnerschap) == len(DEFAULT_LEERUITKOMSTEN)
    assert services.ensure_default_leeruitkomsten(partnerschap) == 0
    codes = list(partnerschap.leeruitkomsten.order_by("position").values_list("code", flat=True))
    assert codes == [code for code, _group, _title, _description in DEFAULT_LEERUITKOMSTEN]
    assert Leeruitkomst.objects.exclude(partnerschap=partnerschap).count() == first_count


def test_the_first_coordinator_opening_the_curriculum_starts_with_the_default_set(client, personas):
    partnerschap = personas.other_coordinator.partnerschap
    assert not partnerschap.leeruitkomsten.exists()
    client.force_login(personas.other_coordinator.user)
    response = client.get(reverse("leerwerktaken:leeruitkomst_list"))
    assert len(outcome_titles(response)) == len(DEFAULT_LEERUITKOMSTEN)
    assert partnerschap.leeruitkomsten.count() == len(DEFAULT_LEERUITKOMSTEN)


def test_the_needs_overview_shows_each_coordinator_their_own_partnerships_needs(
    client, personas, second
):
    factories.BehoefteFactory(stage=personas.stage, description="Meer over differentiëren")
    other_stage = second["student"].stages.get()
    factories.BehoefteFactory(stage=other_stage, description="Meer over klassenmanagement")
    url = reverse("driehoek:behoeften")
    client.force_login(personas.coordinator.user)
    assert [b.description for b in client.get(url).context["page"].object_list] == [
        "Meer over differentiëren"]
    client.force_login(personas.other_coordinator.user)
    response = client.get(url)
    assert [b.description for b in response.context["page"].object_list] == [
        "Meer over klassenmanagement"]
    assert list(response.context["form"].fields["school"].queryset) == [second["school"]]
    assert Behoefte.objects.count() == 2
