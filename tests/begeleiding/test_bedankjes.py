"""Notes of thanks (issue 15): a student thanks a colleague for a classroom visit that took
place or for a mentoring of their own; the colleague reads it on their recognition page;
the student deletes their own note; nobody else writes, reads or deletes one."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from begeleiding.models import Bedankje, LesbezoekStatus
from opleidingsschool.models import BegeleiderStatus, Functie
from opleidingsschool.privacy.erasure import erase_account

from .. import factories

pytestmark = pytest.mark.django_db

NOTE = "Dank je voor je geduld na elke les; ik durf nu zelf te kiezen hoe ik start."


def _wpb_relation(personas):
    return personas.stage.begeleiders.get(medewerker=personas.wpb)


def _visit(personas, *, days_ago=1, status=LesbezoekStatus.ACCEPTED, student=None):
    lesaanbod = factories.LesaanbodFactory(medewerker=personas.docent)
    return factories.LesbezoekFactory(
        student=student or personas.student, lesaanbod=lesaanbod, status=status,
        date=timezone.localdate() - datetime.timedelta(days=days_ago))


def _thank_mentor(client, personas, relation=None, text=NOTE):
    relation = relation or _wpb_relation(personas)
    return client.post(reverse("begeleiding:bedankje_begeleider", kwargs={"uuid": relation.uuid}),
                       {"text": text})


def test_a_student_thanks_their_werkplekbegeleider(client, personas):
    client.force_login(personas.student.user)

    response = _thank_mentor(client, personas)

    note = Bedankje.objects.get()
    assert (note.student, note.medewerker, note.begeleider, note.lesbezoek, note.text) == (
        personas.student, personas.wpb, _wpb_relation(personas), None, NOTE)
    assert response.status_code == 302 and response["Location"] == reverse("begeleiding:bedankjes")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Je bedankje aan {personas.wpb} is bewaard. {personas.wpb} leest het op de pagina "
        "‘Mijn bijdrage aan het opleiden’."]


def test_a_student_thanks_the_host_of_a_visit_that_took_place(client, personas):
    visit = _visit(personas)
    client.force_login(personas.student.user)

    page = client.get(reverse("begeleiding:lesbezoek_detail", kwargs={"uuid": visit.uuid}))
    url = reverse("begeleiding:bedankje_lesbezoek", kwargs={"uuid": visit.uuid})
    response = client.post(url, {"text": "Mooie les!"})

    assert url in page.content.decode()
    note = Bedankje.objects.get()
    assert (note.medewerker, note.lesbezoek, note.begeleider) == (personas.docent, visit, None)
    assert response.status_code == 302


def test_the_colleague_reads_the_note_with_the_students_name_and_date(client, personas):
    factories.BedankjeFactory(begeleider=_wpb_relation(personas), text=NOTE)
    client.force_login(personas.wpb.user)

    html = client.get(reverse("erkenning:mine")).content.decode()

    assert NOTE in html
    assert personas.student.user.get_full_name() in html
    today = timezone.localdate()
    assert f"{today.day} " in html and str(today.year) in html


def test_a_visit_of_another_student_or_still_to_come_cannot_be_thanked(client, personas):
    someone_elses = _visit(personas, student=personas.other_student)
    coming = _visit(personas, days_ago=-3)
    declined = _visit(personas, status=LesbezoekStatus.DECLINED)
    client.force_login(personas.student.user)

    for visit in (someone_elses, coming, declined):
        url = reverse("begeleiding:bedankje_lesbezoek", kwargs={"uuid": visit.uuid})
        assert client.get(url).status_code == 404
        assert client.post(url, {"text": "Dank je!"}).status_code == 404
    assert not Bedankje.objects.exists()


def test_only_mentoring_that_happened_can_be_thanked(client, personas):
    stage = personas.stage
    proposed = factories.BegeleiderFactory(stage=stage, medewerker=personas.docent,
                                           functie=Functie.EXTRA, status=BegeleiderStatus.PROPOSED)
    declined = factories.BegeleiderFactory(stage=stage, medewerker=personas.other_wpb,
                                           functie=Functie.EXTRA, status=BegeleiderStatus.DECLINED)
    ended = factories.BegeleiderFactory(stage=stage, medewerker=personas.schoolopleider,
                                        functie=Functie.EXTRA, status=BegeleiderStatus.ENDED)
    client.force_login(personas.student.user)

    assert _thank_mentor(client, personas, proposed).status_code == 404
    assert _thank_mentor(client, personas, declined).status_code == 404
    assert _thank_mentor(client, personas, ended).status_code == 302
    assert list(Bedankje.objects.values_list("medewerker", flat=True)) == [
        personas.schoolopleider.pk]


@pytest.mark.parametrize("who", ["wpb", "other_student", "schoolopleider", "coordinator",
                                 "docent", "outsider"])
def test_nobody_but_the_student_thanks_for_their_mentoring(client, personas, who):
    client.force_login(personas.user(who))
    assert _thank_mentor(client, personas).status_code == 404
    assert not Bedankje.objects.exists()


@pytest.mark.parametrize(("text", "error"), [
    ("x" * 501, "Houd je bedankje bij 500 tekens; het zijn er nu 501."),
    ("   ", "Dit veld is verplicht."),
])
def test_a_note_too_long_or_empty_is_refused_and_kept_on_the_form(client, personas, text, error):
    client.force_login(personas.student.user)
    response = _thank_mentor(client, personas, text=text)
    assert response.status_code == 200
    assert response.context["form"].errors == {"text": [error]}
    assert text.strip() in response.content.decode()  # what was typed stays
    assert not Bedankje.objects.exists()


def test_a_second_note_for_the_same_mentoring_changes_nothing(client, personas):
    client.force_login(personas.student.user)
    _thank_mentor(client, personas)

    again = _thank_mentor(client, personas, text="Nog een keer bedankt!")

    assert again.status_code == 200
    assert again.context["existing"].text == NOTE
    assert list(Bedankje.objects.values_list("text", flat=True)) == [NOTE]


def test_the_student_deletes_their_own_note_and_nobody_else_can(client, personas):
    note = factories.BedankjeFactory(begeleider=_wpb_relation(personas))
    url = reverse("begeleiding:bedankje_delete", kwargs={"uuid": note.uuid})

    for who in ("wpb", "other_student", "schoolopleider", "coordinator"):
        client.force_login(personas.user(who))
        assert client.post(url).status_code == 404
    assert Bedankje.objects.filter(pk=note.pk).exists()

    client.force_login(personas.student.user)
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": reverse("begeleiding:netwerk")})
    assert response.status_code == 302 and response["Location"] == reverse("begeleiding:netwerk")
    assert not Bedankje.objects.exists()


def test_the_overview_costs_the_same_queries_with_one_and_many(client, personas, count_queries):
    client.force_login(personas.student.user)
    url = reverse("begeleiding:bedankjes")

    def grow(n):
        for _ in range(n):
            visit = _visit(personas)
            factories.BedankjeFactory(begeleider=None, lesbezoek=visit)
            relation = factories.BegeleiderFactory(
                stage=personas.stage, medewerker=factories.MedewerkerFactory(school=personas.school),
                functie=Functie.EXTRA)
            factories.BedankjeFactory(begeleider=relation)

    grow(1)
    few, _response = count_queries(client, url)
    grow(12)
    many, response = count_queries(client, url)
    # session user, mentorings, visits listed with their total, the student's notes
    assert (few, many) == (4, 4)
    assert len(response.context["mentorings"]) == 3 + 13
    assert all(visit.bedankje for visit in response.context["page"].object_list)


def test_a_mentors_page_links_to_thanking_and_the_note_shows_on_the_overview(client, personas):
    client.force_login(personas.student.user)
    netwerk = client.get(reverse("begeleiding:netwerk")).content.decode()
    assert reverse("begeleiding:bedankje_begeleider",
                   kwargs={"uuid": _wpb_relation(personas).uuid}) in netwerk
    _thank_mentor(client, personas)
    overview = client.get(reverse("begeleiding:bedankjes")).content.decode()
    assert NOTE in overview
    assert reverse("begeleiding:bedankje_delete",
                   kwargs={"uuid": Bedankje.objects.get().uuid}) in overview


def test_the_host_sees_no_thank_button_on_the_visit(client, personas):
    visit = _visit(personas)
    client.force_login(personas.docent.user)
    page = client.get(reverse("begeleiding:lesbezoek_detail", kwargs={"uuid": visit.uuid}))
    assert reverse("begeleiding:bedankje_lesbezoek", kwargs={"uuid": visit.uuid}) not in (
        page.content.decode())


def test_erasing_a_students_account_deletes_their_notes(personas):
    factories.BedankjeFactory(begeleider=_wpb_relation(personas))
    factories.BedankjeFactory(begeleider=None, lesbezoek=_visit(personas))
    erase_account(user=personas.student.user)
    assert not Bedankje.objects.exists()
