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


def test_a_student_links_questions_and_goals_to_their_own_partnerships_outcomes(
    client, personas
):
    elsewhere = factories.PartnerschapFactory(name="Partnerschap Elders")
    factories.LeeruitkomstFactory(code="EIGEN-1", title="Eigen uitkomst")
    factories.LeeruitkomstFactory(code="ELDERS-1", title="Andere uitkomst",
                                  partnerschap=elsewhere)
    client.force_login(personas.student.user)
    for url in (reverse("begeleiding:leervraag_create"),
                reverse("begeleiding:ontwikkelpunt_create")):
        page = client.get(url).content.decode()
        assert "Eigen uitkomst" in page, url
        assert "Andere uitkomst" not in page, url
    # The triangle's goals offer the placement's partnership's outcomes too.
    client.force_login(personas.wpb.user)
    page = client.get(reverse("driehoek:leerdoel_create", args=[personas.stage.uuid]))
    assert "Eigen uitkomst" in page.content.decode()
    assert "Andere uitkomst" not in page.content.decode()
