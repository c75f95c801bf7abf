"""The session pages: agenda, planning, forms, registration, attendance, preferences."""

import datetime
import re

import pytest
from django.urls import reverse

from opleidingsschool.models import Aanmelding, Bijeenkomst, NotificatieVoorkeur, Soort
from tests import factories

pytestmark = pytest.mark.django_db


def test_agenda_costs_the_same_queries_for_one_and_many_sessions(client, personas, count_queries):
    client.force_login(personas.student.user)
    url = reverse("bijeenkomsten:agenda")
    factories.BijeenkomstFactory(capacity=10)
    one = count_queries(client, url)[0]
    for weeks in range(2, 12):
        session = factories.BijeenkomstFactory(
            starts_at=factories.next_thursday_at(weeks=weeks),
            ends_at=factories.next_thursday_at(16, weeks=weeks),
            capacity=5,
        )
        factories.AanmeldingFactory(bijeenkomst=session, user=personas.student.user)
    assert count_queries(client, url)[0] == one


def test_the_agenda_pages_through_the_sessions_soonest_first_with_my_status(client, personas):
    """22 sessions: page 1 the 20 soonest, page 2 the last two, each with the person's own
    registration shown where it is."""
    client.force_login(personas.student.user)
    for weeks in range(1, 23):
        session = factories.BijeenkomstFactory(
            title=f"Sessie week {weeks:02d}",
            starts_at=factories.next_thursday_at(weeks=weeks),
            ends_at=factories.next_thursday_at(16, weeks=weeks),
        )
        if weeks == 22:
            factories.AanmeldingFactory(bijeenkomst=session, user=personas.student.user)
    url = reverse("bijeenkomsten:agenda")

    def titles(html):
        return re.findall(r"Sessie week (\d\d)", html)

    first = client.get(url).content.decode()
    assert titles(first) == [f"{weeks:02d}" for weeks in range(1, 21)]
    assert "Aangemeld" not in first
    second = client.get(url, {"page": 2}).content.decode()
    assert titles(second) == ["21", "22"]
    assert second.count("Aangemeld") == 1
    assert "Pagina 2 van 2" in second


def test_planning_costs_the_same_queries_for_one_and_many_sessions(client, personas, count_queries):
    client.force_login(personas.coordinator.user)
    url = reverse("bijeenkomsten:planning")
    factories.BijeenkomstFactory()
    one = count_queries(client, url)[0]
    reeks = factories.ReeksFactory()
    for weeks in range(2, 12):
        session = factories.BijeenkomstFactory(
            reeks=reeks,
            starts_at=factories.next_thursday_at(weeks=weeks),
            ends_at=factories.next_thursday_at(16, weeks=weeks),
        )
        factories.AanmeldingFactory(bijeenkomst=session)
        factories.UitnodigingFactory(bijeenkomst=session)
    assert count_queries(client, url)[0] == one


def test_the_agenda_shows_a_dutch_date_and_an_empty_state(client, personas):
    client.force_login(personas.student.user)
    response = client.get(reverse("bijeenkomsten:agenda"))
    assert "Nog geen bijeenkomsten voor jou gepland" in response.content.decode()
    factories.BijeenkomstFactory(
        title="Leercafé december",
        starts_at=datetime.datetime(2099, 12, 3, 13, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2099, 12, 3, 15, 0, tzinfo=datetime.UTC),
    )
    html = client.get(reverse("bijeenkomsten:agenda")).content.decode()
    assert "Leercafé december" in html
    assert "donderdag 3 december, 14:00–16:00" in html


def test_coordinator_plans_a_session_on_thursday_afternoon(client, personas):
    client.force_login(personas.coordinator.user)
    form = client.get(reverse("bijeenkomsten:create")).context["form"]
    assert form.initial["day"].weekday() == 3
    assert form.initial["start_time"] == datetime.time(14)
    day = form.initial["day"].isoformat()
    response = client.post(
        reverse("bijeenkomsten:create"),
        {
            "soort": "leercafe",
            "title": "Leercafé januari",
            "day": day,
            "start_time": "14:00",
            "end_time": "16:00",
            "place": "Mediatheek",
            "roles": ["for_students"],
            "study_years": ["4"],
            "experience_hours": "2",
        },
        follow=True,
    )
    bijeenkomst = Bijeenkomst.objects.get()
    assert response.redirect_chain[-1][0] == bijeenkomst.get_absolute_url()
    assert "Bijeenkomst ‘Leercafé januari’ gepland." in response.content.decode()
    assert (bijeenkomst.study_years, bijeenkomst.for_students, bijeenkomst.for_mentors) == ("4", True, False)


def test_a_form_error_keeps_the_input_and_says_what_is_wrong(client, personas):
    client.force_login(personas.coordinator.user)
    response = client.post(
        reverse("bijeenkomsten:create"),
        {
            "soort": "leercafe",
            "title": "Te kort",
            "day": "2099-01-01",
            "start_time": "16:00",
            "end_time": "14:00",
            "place": "",
            "roles": ["for_students"],
            "experience_hours": "0",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "De bijeenkomst moet eindigen na de begintijd." in html
    assert 'value="Te kort"' in html
    assert Bijeenkomst.objects.count() == 0


def test_coordinator_plans_a_series(client, personas):
    client.force_login(personas.coordinator.user)
    response = client.post(
        reverse("bijeenkomsten:create_series"),
        {
            "soort": "leercafe",
            "title": "Leercafé",
            "pattern": "monthly",
            "week_of_month": "1",
            "weekday": "3",
            "first": "2099-09-01",
            "last": "2099-12-31",
            "start_time": "14:00",
            "end_time": "16:00",
            "place": "Mediatheek",
            "roles": ["for_students"],
            "experience_hours": "0",
        },
        follow=True,
    )
    assert "Reeks ‘Leercafé’ gepland: 4 bijeenkomsten." in response.content.decode()
    assert [b.starts_at.day for b in Bijeenkomst.objects.order_by("starts_at")] == [3, 1, 5, 3]


def test_student_registers_and_unregisters(client, personas):
    bijeenkomst = factories.BijeenkomstFactory(title="Klassenmanagement", study_years="3")
    client.force_login(personas.student.user)
    response = client.post(reverse("bijeenkomsten:register", args=[bijeenkomst.uuid]), follow=True)
    assert "Je bent aangemeld voor ‘Klassenmanagement’." in response.content.decode()
    assert Aanmelding.objects.get().status == "registered"
    response = client.post(reverse("bijeenkomsten:unregister", args=[bijeenkomst.uuid]), follow=True)
    assert "Je bent afgemeld voor ‘Klassenmanagement’." in response.content.decode()
    assert Aanmelding.objects.get().status == "cancelled"


def test_a_student_outside_the_audience_cannot_register(client, personas):
    bijeenkomst = factories.BijeenkomstFactory(study_years="1")
    client.force_login(personas.student.user)
    assert client.post(reverse("bijeenkomsten:register", args=[bijeenkomst.uuid])).status_code == 404
    assert Aanmelding.objects.count() == 0


def test_an_invited_expert_sees_the_session_but_cannot_register(client, personas):
    uitnodiging = factories.UitnodigingFactory(medewerker=personas.docent)
    client.force_login(personas.docent.user)
    response = client.post(
        reverse("bijeenkomsten:register", args=[uitnodiging.bijeenkomst.uuid]), follow=True
    )
    assert "Je kunt je niet aanmelden voor deze bijeenkomst." in response.content.decode()
    assert Aanmelding.objects.count() == 0


def test_coordinator_takes_attendance(client, personas):
    bijeenkomst = factories.BijeenkomstFactory(title="Intervisie", experience_hours=2)
    here = factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=personas.student.user)
    away = factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=personas.starter.user)
    client.force_login(personas.coordinator.user)
    url = reverse("bijeenkomsten:attendance", args=[bijeenkomst.uuid])
    response = client.post(url, {"present": [str(here.pk)]}, follow=True)
    assert "Aanwezigheid bij ‘Intervisie’ opgeslagen: 1 van 2 aanwezig." in response.content.decode()
    assert dict(Aanmelding.objects.values_list("pk", "attended")) == {here.pk: True, away.pk: False}


def test_attendance_cannot_be_taken_for_a_cancelled_session(client, personas):
    bijeenkomst = factories.BijeenkomstFactory(title="Intervisie", status="cancelled")
    aanmelding = factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=personas.student.user)
    client.force_login(personas.coordinator.user)
    url = reverse("bijeenkomsten:attendance", args=[bijeenkomst.uuid])
    assert client.get(url).status_code == 403
    assert client.post(url, {"present": [str(aanmelding.pk)]}).status_code == 403
    aanmelding.refresh_from_db()
    assert (aanmelding.attended, aanmelding.attendance_recorded_at) == (None, None)


def test_notification_preferences_are_saved_per_person(client, personas):
    client.force_login(personas.student.user)
    response = client.post(
        reverse("bijeenkomsten:preferences"), {"same_day": "on", "changes": "on"}, follow=True
    )
    assert "Je meldingsvoorkeuren zijn opgeslagen." in response.content.decode()
    voorkeur = NotificatieVoorkeur.objects.get(user=personas.student.user)
    assert (voorkeur.week_before, voorkeur.same_day, voorkeur.changes) == (False, True, True)


def test_the_detail_page_of_a_session_in_english(client, personas):
    bijeenkomst = factories.BijeenkomstFactory(soort=Soort.LEERCAFE, title="Learning café")
    client.force_login(personas.student.user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = client.get(bijeenkomst.get_absolute_url()).content.decode()
    assert "learning café" in html
    assert "Register" in html


def test_the_menu_and_home_show_sessions(client, personas):
    factories.BijeenkomstFactory(title="Themamiddag", for_starters=True)
    client.force_login(personas.starter.user)
    html = client.get(reverse("home")).content.decode()
    assert "Intervisie en bijeenkomsten" in html
    assert "Themamiddag" in html
    client.force_login(personas.coordinator.user)
    assert "Bijeenkomsten plannen" in client.get(reverse("home")).content.decode()


def test_the_compiled_planning_list_is_the_querysets_page_by_page(personas):
    """The planning page without a search or kind is compiled (issue 10): the coming and
    the past sessions of the partnership, page by page with their counts, as the queryset
    gives them; the series as series_overview lists them."""
    from django.utils import timezone

    from opleidingsschool.bijeenkomsten import selectors
    from opleidingsschool.pagination import Paginator

    partnerschap = personas.school.partnerschap
    reeks = factories.ReeksFactory(partnerschap=partnerschap)
    now = timezone.now()
    for days in (-20, -3, 2, 9, 30):
        session = factories.BijeenkomstFactory(
            partnerschap=partnerschap, reeks=reeks if days > 0 else None,
            starts_at=now + datetime.timedelta(days=days))
        factories.AanmeldingFactory(bijeenkomst=session, user=personas.student.user)
    factories.BijeenkomstFactory(partnerschap=factories.PartnerschapFactory(name="Ander"))

    def rows(sessions):
        return [(session.pk, session.registered_count, session.waiting_count,
                 session.pending_invitations, str(session.reeks or "")) for session in sessions]

    for past, count in ((False, 3), (True, 2)):
        expected = rows(selectors.planning_list(partnerschap=partnerschap, past=past))
        assert len(expected) == count and all(row[1] == 1 for row in expected)
        shown = []
        for number in (1, 2, 3):
            page = Paginator(selectors.planning_page_source(partnerschap=partnerschap, past=past),
                             2).get_page(number)
            assert page.paginator.count == count
            shown += rows(page) if page.number == number else []
        assert shown == expected
    assert [(row.pk, row.session_count) for row in selectors.latest_series(partnerschap)] == [
        (row.pk, row.session_count) for row in selectors.series_overview(partnerschap)] == [
        (reeks.pk, 3)]
