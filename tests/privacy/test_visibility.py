"""A learning question or a day-log reflection marked "only me" or "my mentors", checked in
every place the entry appears: lists, search, detail, timeline, evidence, signals, the
triangle's agenda, the leercafé's list, the day log, the hours to confirm, a visit page and
the calendar feed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleiding import contributions
from begeleiding.models import LesbezoekStatus, Visibility
from opleidingsschool.bijeenkomsten import services as bijeenkomst_services
from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "Ik twijfel of ik dit vak wel wil geven"
CHOICES = [
    pytest.param(Visibility.MENTORS, True, id="my-mentors"),
    pytest.param(Visibility.PRIVATE, False, id="only-me"),
]


def _leervraag(personas, visibility, **kwargs):
    uitkomst = factories.LeeruitkomstFactory()
    return factories.LeervraagFactory(
        student=personas.student, title=SECRET, visibility=visibility,
        leeruitkomsten=[uitkomst], **kwargs
    )


def _page(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(("visibility", "shared"), CHOICES)
def test_learning_question_in_lists_search_and_detail(client, personas, visibility, shared):
    leervraag = _leervraag(personas, visibility)
    for name in ("wpb", "schoolopleider", "instituutsopleider", "extra_mentor"):
        user = personas.user(name)
        listed = _page(client, user, reverse("begeleiding:leervraag_list"))
        assert (SECRET in listed.content.decode()) is shared
        found = _page(client, user, reverse("begeleiding:leervraag_list") + "?q=twijfel")
        assert list(found.context["page"].object_list) == ([leervraag] if shared else [])
        assert _page(client, user, leervraag.get_absolute_url()).status_code == (
            200 if shared else 404)
        suggestions = reverse("begeleiding:leervraag_suggestions", args=[leervraag.uuid])
        assert _page(client, user, suggestions).status_code == (200 if shared else 404)
    own = _page(client, personas.student.user, leervraag.get_absolute_url())
    assert own.status_code == 200
    assert ("Alleen ik" in own.content.decode()) is (not shared)


@pytest.mark.parametrize(("visibility", "shared"), CHOICES)
def test_learning_question_in_evidence_timeline_signals_agenda_and_leercafe(
    client, personas, visibility, shared
):
    leervraag = _leervraag(
        personas, visibility, last_activity_at=timezone.now() - datetime.timedelta(days=40)
    )
    entry = factories.LogregelFactory(stage=personas.stage, leervraag=leervraag)
    uitkomst = leervraag.leeruitkomsten.get()
    wpb = personas.wpb.user
    evidence = contributions.evidence(user=wpb, student=personas.student,
                                      leeruitkomsten=[uitkomst])
    assert len(evidence.get(uitkomst.pk, [])) == (1 if shared else 0)
    own = contributions.evidence(user=personas.student.user, student=personas.student,
                                 leeruitkomsten=[uitkomst])
    assert len(own[uitkomst.pk]) == 1
    evidence_page = _page(client, wpb, reverse("leerwerktaken:student_evidence",
                                               args=[personas.student.uuid]))
    assert (SECRET in evidence_page.content.decode()) is shared
    # The triangle's agenda and the leercafé's preparation list.
    gesprek = factories.DriehoeksgesprekFactory(stage=personas.stage)
    agenda = _page(client, wpb, reverse("driehoek:gesprek_detail", args=[gesprek.uuid]))
    assert agenda.status_code == 200
    assert (SECRET in agenda.content.decode()) is shared
    titles = [row.title for row in contributions.open_leervragen(students=[personas.student])]
    assert titles == ([SECRET] if shared else [])
    # The schoolopleider's "quiet question" signal.
    signals = _page(client, personas.schoolopleider.user, reverse("begeleiding:signalen"))
    assert signals.context["quiet"] == ([leervraag] if shared else [])
    # The student's own timeline still shows the entry.
    own = _page(client, personas.student.user, leervraag.get_absolute_url())
    assert [item.url for item in own.context["timeline"]] == [entry.get_absolute_url()]


@pytest.mark.parametrize(("visibility", "shared"), CHOICES)
def test_visit_page_shows_the_question_only_when_shared(client, personas, visibility, shared):
    leervraag = _leervraag(personas, visibility)
    personas.docent.visitors_welcome = True
    personas.docent.save(update_fields=["visitors_welcome"])
    visit = factories.LesbezoekFactory(
        student=personas.student, leervraag=leervraag,
        lesaanbod=factories.LesaanbodFactory(medewerker=personas.docent),
        status=LesbezoekStatus.ACCEPTED,
    )
    for user in (personas.docent.user, personas.wpb.user):
        page = _page(client, user, visit.get_absolute_url())
        assert page.status_code == 200
        assert (SECRET in page.content.decode()) is shared
    own = _page(client, personas.student.user, visit.get_absolute_url())
    assert SECRET in own.content.decode()
    feed = client.get(bijeenkomst_services.feed_for(personas.docent.user).get_absolute_url())
    assert SECRET not in feed.content.decode()


@pytest.mark.parametrize(("visibility", "shared"), CHOICES)
def test_day_log_reflection_hidden_but_hours_confirmable(client, personas, visibility, shared):
    entry = factories.LogregelFactory(
        stage=personas.stage, visibility=visibility, done="Gesprek met mijn mentor over twijfel",
        learned="Ik wil stoppen", hours="3.25",
    )
    logboek = reverse("begeleiding:logboek_student", args=[personas.student.uuid])
    for name in ("wpb", "schoolopleider", "instituutsopleider", "extra_mentor"):
        page = _page(client, personas.user(name), logboek).content.decode()
        assert ("Ik wil stoppen" in page) is shared
        assert ("Gesprek met mijn mentor" in page) is shared
        assert "3,25" in page or "3.25" in page
        assert ("houdt deze reflectie voor zichzelf" in page) is (not shared)
    to_confirm = _page(client, personas.wpb.user, reverse("begeleiding:logregel_confirm_list"))
    assert list(to_confirm.context["page"].object_list) == [entry]
    assert ("Ik wil stoppen" in to_confirm.content.decode()) is shared
    client.post(reverse("begeleiding:logregel_confirm", args=[entry.uuid]))
    entry.refresh_from_db()
    assert entry.confirmed_by == personas.wpb.user
    own = _page(client, personas.student.user, reverse("begeleiding:logboek")).content.decode()
    assert "Ik wil stoppen" in own


def test_student_marks_a_question_only_me_and_back(client, personas):
    client.force_login(personas.student.user)
    client.post(reverse("begeleiding:leervraag_create"), {
        "title": SECRET, "situation": "In de klas", "goal": "Weten wat ik wil",
        "visibility": "private",
    })
    leervraag = personas.student.leervragen.get()
    assert leervraag.visibility == Visibility.PRIVATE
    client.force_login(personas.wpb.user)
    assert client.get(leervraag.get_absolute_url()).status_code == 404
    client.force_login(personas.student.user)
    client.post(reverse("begeleiding:leervraag_edit", args=[leervraag.uuid]), {
        "title": SECRET, "situation": "In de klas", "goal": "Weten wat ik wil",
        "visibility": "mentors",
    })
    client.force_login(personas.wpb.user)
    assert client.get(leervraag.get_absolute_url()).status_code == 200


def test_new_entries_default_to_my_mentors_and_a_bad_choice_is_refused(client, personas):
    client.force_login(personas.student.user)
    day = timezone.localdate().isoformat()
    data = {"date": day, "activity": "lesgeven", "hours": "2", "done": "Les gegeven"}
    client.post(reverse("begeleiding:logregel_create"), data)
    assert personas.student.logregels.get().visibility == Visibility.MENTORS
    response = client.post(reverse("begeleiding:logregel_create"),
                           {**data, "visibility": "iedereen"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert personas.student.logregels.count() == 1
