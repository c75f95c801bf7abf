"""A student looks for colleagues and open lessons only at the schools of their own
partnership (issue 11): a colleague of another partnership with the same expertise is never
suggested, and their lesson cannot be requested (404)."""

from django.urls import reverse

from begeleiding.models import Lesbezoek
from tests import factories


def _colleague_elsewhere(tag):
    elsewhere = factories.PartnerschapFactory(name="Partnerschap Elders")
    school = factories.SchoolFactory(name="Elders College", partnerschap=elsewhere)
    return factories.MedewerkerFactory(
        user__email="elders@example.org", user__last_name="Elders", school=school,
        visitors_welcome=True, expertises=[tag],
    )


def test_suggestions_come_only_from_the_students_partnership(client, personas):
    tag = factories.ExpertiseFactory(name="differentiëren")
    leervraag = factories.LeervraagFactory(student=personas.student, expertises=[tag])
    colleague = factories.MedewerkerFactory(
        user__email="dichtbij@example.org", school=personas.other_school,
        visitors_welcome=True, expertises=[tag],
    )
    _colleague_elsewhere(tag)
    client.force_login(personas.student.user)
    response = client.get(reverse("begeleiding:leervraag_suggestions", args=[leervraag.uuid]))
    assert [s.medewerker for s in response.context["suggestions"]] == [colleague]
    assert "Elders" not in response.content.decode()


def test_a_lesson_at_another_partnerships_school_cannot_be_requested(client, personas):
    tag = factories.ExpertiseFactory(name="differentiëren")
    leervraag = factories.LeervraagFactory(student=personas.student, expertises=[tag])
    lesson = factories.LesaanbodFactory(medewerker=_colleague_elsewhere(tag))
    client.force_login(personas.student.user)
    url = reverse("begeleiding:lesbezoek_request", args=[leervraag.uuid, lesson.uuid])
    assert client.get(url).status_code == 404
    assert client.post(url, {"date": "2027-03-16", "message": "Mag ik komen?"}).status_code == 404
    assert not Lesbezoek.objects.exists()
