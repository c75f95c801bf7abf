"""The leercafé with the right experts, invitations answered in the portal, and the symposium."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from opleidingsschool import registries
from opleidingsschool.bijeenkomsten import selectors, services
from opleidingsschool.models import Presentatie, Score, Soort, Uitnodiging
from opleidingsschool.registries import OpenLeervraag
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def leervragen(monkeypatch):
    """What begeleiding would contribute: open learning questions per student."""

    def source(*, students):
        return [
            OpenLeervraag(
                student=student,
                title=f"Vraag van {student.user.first_name}",
                expertises=["Differentiëren"],
                url="/",
            )
            for student in students
        ] + [OpenLeervraag(student=students[0], title="Losse vraag", expertises=[], url="/")]

    monkeypatch.setattr(registries, "open_leervragen_sources", [source])


def test_leercafe_groups_learning_questions_by_expertise_with_matching_colleagues(leervragen, personas):
    differentieren = factories.ExpertiseFactory(name="differentiëren")
    personas.docent.expertises.add(differentieren)
    already = factories.MedewerkerFactory(expertises=[differentieren])
    leercafe = factories.BijeenkomstFactory(soort=Soort.LEERCAFE)
    factories.AanmeldingFactory(bijeenkomst=leercafe, user=personas.student.user)
    factories.UitnodigingFactory(bijeenkomst=leercafe, medewerker=already)
    groups = selectors.leercafe_groups(leercafe)
    assert [(g.name, [q.title for q in g.leervragen], g.suggestions) for g in groups] == [
        ("differentiëren", ["Vraag van Sanne"], [personas.docent]),
        ("", ["Losse vraag"], []),
    ]


def test_coordinator_invites_an_expert_who_accepts_in_the_portal(
    leervragen, client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    personas.docent.expertises.add(factories.ExpertiseFactory(name="differentiëren"))
    leercafe = factories.BijeenkomstFactory(soort=Soort.LEERCAFE, title="Leercafé maart")
    factories.AanmeldingFactory(bijeenkomst=leercafe, user=personas.student.user)
    client.force_login(personas.coordinator.user)
    page = client.get(reverse("bijeenkomsten:experts", args=[leercafe.uuid])).content.decode()
    assert "Vraag van Sanne" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("bijeenkomsten:invite", args=[leercafe.uuid]),
            {"medewerker": personas.docent.pk, "expertise": "differentiëren"},
            follow=True,
        )
    assert escape(f"{personas.docent.user} is uitgenodigd voor ‘Leercafé maart’."
                  ) in response.content.decode()
    uitnodiging = Uitnodiging.objects.get()
    assert (uitnodiging.expertise.name, uitnodiging.status) == ("differentiëren", "pending")
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Uitnodiging"]

    client.force_login(personas.docent.user)
    home = client.get(reverse("home")).content.decode()
    assert "Uitnodigingen om te beantwoorden" in home
    response = client.post(
        reverse("bijeenkomsten:answer", args=[uitnodiging.uuid]), {"answer": "accept"}, follow=True
    )
    assert "Je hebt de uitnodiging voor ‘Leercafé maart’ geaccepteerd." in response.content.decode()
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == "accepted"


def test_someone_else_cannot_answer_an_invitation(client, personas):
    uitnodiging = factories.UitnodigingFactory(medewerker=personas.docent)
    client.force_login(personas.wpb.user)
    assert (
        client.post(
            reverse("bijeenkomsten:answer", args=[uitnodiging.uuid]), {"answer": "decline"}
        ).status_code
        == 404
    )
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == "pending"


def test_a_symposium_gets_default_criteria_jury_scores_and_a_winner(client, personas):
    symposium = services.create_bijeenkomst(
        by=personas.coordinator.user,
        partnerschap=personas.coordinator.partnerschap,
        day=factories.next_thursday_at().date(),
        start_time=factories.next_thursday_at().time(),
        end_time=factories.next_thursday_at(17).time(),
        soort=Soort.SYMPOSIUM,
        title="Symposium praktijkonderzoek",
        place="Aula",
        for_colleagues=True,
    )
    assert [c.name for c in symposium.criteria.all()] == [
        "Onderzoeksvraag",
        "Methode",
        "Betekenis voor de praktijk",
        "Presentatie",
    ]
    finalist = factories.StudentFactory(study_year=4, user__first_name="Daan", user__last_name="Koster")
    client.force_login(personas.coordinator.user)
    url = reverse("bijeenkomsten:symposium", args=[symposium.uuid])
    client.post(
        url,
        {
            "action": "presentatie",
            "p-student": finalist.pk,
            "p-title": "Stille leerlingen",
            "p-research_question": "Hoe betrek ik stille leerlingen?",
        },
    )
    client.post(url, {"action": "jury", "j-medewerker": personas.docent.pk})
    presentatie = Presentatie.objects.get()
    # A second presentation by the same student is refused with a clear message.
    response = client.post(
        url,
        {"action": "presentatie", "p-student": finalist.pk, "p-title": "Nog een", "p-research_question": "?"},
    )
    assert "Deze student presenteert al op dit symposium." in response.content.decode()

    client.force_login(personas.docent.user)
    scores_url = reverse("bijeenkomsten:scores", args=[symposium.uuid])
    criteria = list(symposium.criteria.all())
    data = {f"score_{presentatie.pk}_{c.pk}": str(7 + n % 2) for n, c in enumerate(criteria)}
    response = client.post(scores_url, data, follow=True)
    assert "Je scores voor ‘Symposium praktijkonderzoek’ zijn opgeslagen." in response.content.decode()
    assert sorted(Score.objects.values_list("value", flat=True)) == [7, 7, 8, 8]
    bad = client.post(scores_url, {f"score_{presentatie.pk}_{criteria[0].pk}": "11"})
    assert bad.status_code == 200 and Score.objects.filter(value=11).count() == 0
    assert selectors.symposium_context(symposium)["ranking"][0].average == 7.5

    client.force_login(personas.coordinator.user)
    client.post(reverse("bijeenkomsten:winner", args=[symposium.uuid]), {"presentatie": presentatie.uuid})
    client.force_login(personas.docent.user)
    page = client.get(symposium.get_absolute_url()).content.decode()
    assert "Prijswinnaar" in page and "‘Stille leerlingen’ van Daan Koster" in page


def test_only_jury_members_score(client, personas):
    symposium = factories.BijeenkomstFactory(soort=Soort.SYMPOSIUM, for_colleagues=True)
    client.force_login(personas.docent.user)
    assert client.get(reverse("bijeenkomsten:scores", args=[symposium.uuid])).status_code == 404
