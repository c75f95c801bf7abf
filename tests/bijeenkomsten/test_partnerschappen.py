"""Sessions belong to a partnership: each coordinator plans their own, everyone else sees the
sessions of the partnerships they take part in (an institute's several), and the reminders
of a session go to its own people."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from opleidingsschool.bijeenkomsten import notices, selectors
from opleidingsschool.models import Bijeenkomst, BijeenkomstStatus, Reeks
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(personas):
    """A second partnership with its own school, student and session beside the first's."""
    partnerschap = personas.other_coordinator.partnerschap
    school = factories.SchoolFactory(name="College Twee", partnerschap=partnerschap)
    student = factories.StudentFactory(
        user__email="tessa@example.org", user__first_name="Tessa", user__last_name="Tweede",
        partnerschap=partnerschap, study_year=3,
    )
    factories.StageFactory(student=student, school=school, schooljaar=personas.schooljaar)
    first_session = factories.BijeenkomstFactory(
        title="Leercafé Eén", for_students=False, for_opleiders=True
    )
    second_session = factories.BijeenkomstFactory(
        title="Leercafé Twee", partnerschap=partnerschap, for_students=False, for_opleiders=True
    )
    return {
        "partnerschap": partnerschap, "school": school, "student": student,
        "first": first_session, "second": second_session,
    }


def titles(response) -> list[str]:
    return [bijeenkomst.title for bijeenkomst in response.context["page"].object_list]


def test_each_coordinator_plans_only_their_own_partnerships_sessions(client, personas, second):
    client.force_login(personas.coordinator.user)
    assert titles(client.get(reverse("bijeenkomsten:planning"))) == ["Leercafé Eén"]
    client.force_login(personas.other_coordinator.user)
    assert titles(client.get(reverse("bijeenkomsten:planning"))) == ["Leercafé Twee"]
    assert list(selectors.bijeenkomsten_for(personas.other_coordinator.user)) == [second["second"]]


def test_another_partnerships_coordinator_gets_404_on_every_page_of_a_session(
    client, personas, second
):
    client.force_login(personas.other_coordinator.user)
    uuid = second["first"].uuid
    for name in ("detail", "edit", "cancel", "attendance"):
        assert client.get(reverse(f"bijeenkomsten:{name}", args=[uuid])).status_code == 404
    assert client.post(reverse("bijeenkomsten:cancel", args=[uuid])).status_code == 404
    second["first"].refresh_from_db()
    assert second["first"].status == BijeenkomstStatus.PLANNED
    reeks = factories.ReeksFactory()
    factories.BijeenkomstFactory(reeks=reeks)
    assert client.get(reverse("bijeenkomsten:reeks", args=[reeks.uuid])).status_code == 404
    assert list(Reeks.objects.filter(partnerschap=second["partnerschap"])) == []


def test_a_new_session_is_the_coordinators_partnerships_with_its_schools_to_choose(
    client, personas, second
):
    client.force_login(personas.other_coordinator.user)
    form = client.get(reverse("bijeenkomsten:create")).context["form"]
    assert list(form.fields["schools"].queryset) == [second["school"]]
    assert list(form.fields["instituut"].queryset) == []
    data = {
        "soort": "themabijeenkomst", "title": "Klassenmanagement Twee",
        "day": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "start_time": "14:00", "end_time": "16:00", "place": "Aula", "roles": ["for_students"],
        "experience_hours": "0",
    }
    refused = client.post(reverse("bijeenkomsten:create"), {**data, "schools": [personas.school.pk]})
    assert refused.status_code == 200
    assert "schools" in refused.context["form"].errors
    assert not Bijeenkomst.objects.filter(title="Klassenmanagement Twee").exists()
    response = client.post(reverse("bijeenkomsten:create"), {**data, "schools": [second["school"].pk]})
    assert response.status_code == 302
    created = Bijeenkomst.objects.get(title="Klassenmanagement Twee")
    assert created.partnerschap == second["partnerschap"]
    assert list(created.schools.all()) == [second["school"]]


def test_a_student_of_the_second_partnership_sees_only_its_sessions(client, personas, second):
    first_for_all = factories.BijeenkomstFactory(title="Open voor iedereen Eén")
    second_for_students = factories.BijeenkomstFactory(
        title="Open voor studenten Twee", partnerschap=second["partnerschap"]
    )
    client.force_login(second["student"].user)
    agenda = client.get(reverse("bijeenkomsten:agenda"))
    assert titles(agenda) == ["Open voor studenten Twee"]
    assert client.get(first_for_all.get_absolute_url()).status_code == 404
    assert client.post(reverse("bijeenkomsten:register", args=[first_for_all.uuid])).status_code == 404
    assert not first_for_all.aanmeldingen.exists()
    # The first partnership's student does not see the second's session either.
    client.force_login(personas.student.user)
    assert "Open voor studenten Twee" not in titles(client.get(reverse("bijeenkomsten:agenda")))
    assert client.get(second_for_students.get_absolute_url()).status_code == 404


def test_the_calendar_feed_of_a_second_partnerships_student_holds_only_its_sessions(
    client, personas, second
):
    first_for_all = factories.BijeenkomstFactory(title="Open voor iedereen Eén")
    second_for_students = factories.BijeenkomstFactory(
        title="Open voor studenten Twee", partnerschap=second["partnerschap"]
    )
    client.force_login(second["student"].user)
    client.post(reverse("bijeenkomsten:register", args=[second_for_students.uuid]))
    client.post(reverse("bijeenkomsten:register", args=[first_for_all.uuid]))
    feed = factories.KalenderFeedFactory(user=second["student"].user)
    body = client.get(reverse("bijeenkomsten:feed", args=[feed.token])).content.decode()
    assert "Open voor studenten Twee" in body
    assert "Open voor iedereen Eén" not in body


def test_an_instituutsopleider_whose_institute_works_with_both_sees_both(client, personas, second):
    client.force_login(personas.instituutsopleider.user)
    assert titles(client.get(reverse("bijeenkomsten:agenda"))) == ["Leercafé Eén"]
    second["partnerschap"].instituten.add(personas.instituut)
    assert titles(client.get(reverse("bijeenkomsten:agenda"))) == ["Leercafé Eén", "Leercafé Twee"]
    assert client.get(second["second"].get_absolute_url()).status_code == 200


def test_the_agenda_costs_the_same_queries_for_a_member_of_one_or_two_partnerships(
    client, personas, second, count_queries
):
    url = reverse("bijeenkomsten:agenda")
    client.force_login(personas.instituutsopleider.user)
    one, _response = count_queries(client, url)
    second["partnerschap"].instituten.add(personas.instituut)
    factories.BijeenkomstFactory.create_batch(3, partnerschap=second["partnerschap"], for_opleiders=True)
    two, response = count_queries(client, url)
    assert len(titles(response)) == 5
    assert one == two


def test_the_reminder_sweep_reaches_only_each_sessions_own_people(personas, second):
    first = factories.BijeenkomstFactory(title="Eén", starts_at=timezone.now() + datetime.timedelta(days=3))
    other = factories.BijeenkomstFactory(
        title="Twee", partnerschap=second["partnerschap"],
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    factories.AanmeldingFactory(bijeenkomst=first, user=personas.student.user)
    factories.AanmeldingFactory(bijeenkomst=other, user=second["student"].user)
    due = notices.due(now=timezone.now())
    assert sorted((row.bijeenkomst_id, row.user_id) for row in due) == sorted([
        (first.pk, personas.student.user_id), (other.pk, second["student"].user_id),
    ])


def test_leercafe_experts_and_jury_come_from_the_sessions_own_partnership(client, personas, second):
    expertise = factories.ExpertiseFactory(name="Differentiëren")
    personas.docent.expertises.add(expertise)
    elsewhere = factories.MedewerkerFactory(school=second["school"], expertises=[expertise])
    symposium = factories.BijeenkomstFactory(soort="symposium", partnerschap=second["partnerschap"])
    client.force_login(personas.other_coordinator.user)
    page = client.get(reverse("bijeenkomsten:symposium", args=[symposium.uuid]))
    choices = list(page.context["forms"]["jury"].fields["medewerker"].queryset)
    assert elsewhere in choices
    assert personas.docent not in choices
    refused = client.post(
        reverse("bijeenkomsten:invite", args=[symposium.uuid]), {"medewerker": personas.docent.pk}
    )
    assert refused.status_code == 302
    assert not symposium.uitnodigingen.exists()
