"""Attended sessions count as experience hours: the student books them in one click from
the logbook; the entry then follows the day log's usual rules and confirmation."""

import datetime
import zoneinfo
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse

from begeleiding import selectors, services
from begeleiding.models import Activiteit, Logregel
from opleidingsschool.models import Aanmelding, BijeenkomstStatus
from tests import factories

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
THURSDAY = datetime.date(2027, 3, 4)  # within the personas' placement, before "today"


def _attended(personas, *, day=THURSDAY, hours="2", title="Intervisie maart", user=None,
              attended=True, at=(14, 0), **bijeenkomst):
    return factories.AanmeldingFactory(
        user=user or personas.student.user, attended=attended,
        bijeenkomst__title=title,
        bijeenkomst__starts_at=datetime.datetime.combine(day, datetime.time(*at),
                                                         tzinfo=AMSTERDAM),
        bijeenkomst__experience_hours=Decimal(hours),
        **{f"bijeenkomst__{name}": value for name, value in bijeenkomst.items()},
    )


def _book(client, aanmelding, **kwargs):
    return client.post(reverse("begeleiding:aanmelding_hours", args=[aanmelding.uuid]),
                       **kwargs)


def _titles(response):
    return [item.bijeenkomst.title for item in response.context["bookable"]]


def test_logbook_lists_attended_sessions_of_this_placement_that_count_and_are_not_booked(
    client, personas
):
    _attended(personas, title="Themabijeenkomst klassenmanagement", day=THURSDAY)
    _attended(personas, title="Intervisie februari", day=datetime.date(2027, 2, 18),
              hours="1.5")
    _attended(personas, title="Begeleidersbijeenkomst", hours="0")
    _attended(personas, title="Afwezig", attended=False)
    _attended(personas, title="Nog geen presentie", attended=None)
    _attended(personas, title="Voor de stage", day=datetime.date(2026, 8, 27))
    _attended(personas, title="Afgelast", status=BijeenkomstStatus.CANCELLED)
    _attended(personas, title="Van een ander", user=personas.other_student.user)
    booked = _attended(personas, title="Al geboekt", day=datetime.date(2027, 1, 14))
    services.aanmelding_to_logregel(aanmelding=booked, student=personas.student)
    client.force_login(personas.student.user)

    response = client.get(reverse("begeleiding:logboek"))

    assert _titles(response) == ["Intervisie februari", "Themabijeenkomst klassenmanagement"]
    assert [(item.date, item.hours) for item in response.context["bookable"]] == [
        (datetime.date(2027, 2, 18), Decimal("1.5")), (THURSDAY, Decimal("2"))]
    page = response.content.decode()
    assert "Bijeenkomsten die meetellen" in page
    assert "donderdag 18 februari · 1,5 uur" in page
    assert page.count("Zet in mijn logboek") == 2


def test_the_section_is_left_out_when_nothing_is_left_to_book(client, personas):
    client.force_login(personas.student.user)
    response = client.get(reverse("begeleiding:logboek"))
    assert response.context["bookable"] == []
    assert "Bijeenkomsten die meetellen" not in response.content.decode()


def test_student_books_an_attended_session_in_one_click(client, personas):
    aanmelding = _attended(personas, title="Intervisie maart", hours="1.5")
    client.force_login(personas.student.user)

    response = _book(client, aanmelding, follow=True)

    entry = Logregel.objects.get()
    assert (entry.student, entry.stage, entry.date, entry.activity, entry.hours, entry.done,
            entry.learned, entry.aanmelding, entry.confirmed_at) == (
        personas.student, personas.stage, THURSDAY, Activiteit.BIJEENKOMST, Decimal("1.5"),
        "Intervisie maart", "", aanmelding, None)
    assert response.redirect_chain == [(reverse("begeleiding:logboek"), 302)]
    page = response.content.decode()
    assert ("Bijeenkomst ‘Intervisie maart’ van donderdag 4 maart staat in je logboek: "
            "1,5 uur.") in page
    assert response.context["bookable"] == []
    assert "Bekijk de bijeenkomst" in page
    assert aanmelding.bijeenkomst.get_absolute_url() in page
    assert selectors.hours_summary(personas.student, personas.stage).total == Decimal("1.5")


@pytest.mark.parametrize("hours, booked", [
    ("2.5", "2.5"), ("1.3", "1.25"), ("1.1", "1"), ("2.4", "2.5"), ("0.1", "0.25"),
    ("24", "24"),
])
def test_hours_are_rounded_to_quarter_hours(personas, hours, booked):
    aanmelding = _attended(personas, hours=hours)
    entry = services.aanmelding_to_logregel(aanmelding=aanmelding, student=personas.student)
    assert entry.hours == Decimal(booked)


def test_the_session_date_is_the_date_in_amsterdam(personas):
    # 00:30 on Friday in Amsterdam is still Thursday in UTC.
    aanmelding = _attended(personas, day=datetime.date(2027, 3, 5), at=(0, 30))
    entry = services.aanmelding_to_logregel(aanmelding=aanmelding, student=personas.student)
    assert entry.date == datetime.date(2027, 3, 5)


def test_clicking_twice_gives_a_message_and_one_entry(client, personas):
    aanmelding = _attended(personas)
    client.force_login(personas.student.user)
    _book(client, aanmelding)

    response = _book(client, aanmelding, follow=True)

    assert response.status_code == 200
    assert "Deze bijeenkomst staat al in je logboek." in response.content.decode()
    assert Logregel.objects.count() == 1


def test_two_clicks_at_the_same_moment_still_give_one_entry(personas):
    aanmelding = _attended(personas)
    services.aanmelding_to_logregel(aanmelding=aanmelding, student=personas.student)
    # The second click passed the check before the first one was committed.
    with mock.patch.object(QuerySet, "exists", return_value=False), \
            pytest.raises(ValidationError) as error:
        services.aanmelding_to_logregel(aanmelding=aanmelding, student=personas.student)
    assert error.value.messages == ["Deze bijeenkomst staat al in je logboek."]
    assert Logregel.objects.filter(aanmelding=aanmelding).count() == 1


def test_the_database_refuses_a_second_entry_for_one_session(personas):
    aanmelding = _attended(personas)
    factories.LogregelFactory(stage=personas.stage, aanmelding=aanmelding)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.LogregelFactory(stage=personas.stage, aanmelding=aanmelding)


def test_more_than_24_hours_on_the_session_day_is_refused_with_a_clear_message(
    client, personas
):
    factories.LogregelFactory(stage=personas.stage, date=THURSDAY, hours=Decimal("23"))
    aanmelding = _attended(personas, hours="2")
    client.force_login(personas.student.user)

    response = _book(client, aanmelding, follow=True)

    assert ("Je hebt op deze dag al 23 uur geschreven; samen is dat meer dan 24 uur."
            in response.content.decode())
    assert Logregel.objects.filter(aanmelding=aanmelding).exists() is False
    assert _titles(response) == ["Intervisie maart"]


@pytest.mark.parametrize("fields, message", [
    ({"attended": False},
     "Een bijeenkomst telt mee zodra de coördinator heeft genoteerd dat je er was."),
    ({"attended": None},
     "Een bijeenkomst telt mee zodra de coördinator heeft genoteerd dat je er was."),
    ({"status": BijeenkomstStatus.CANCELLED},
     "Een bijeenkomst telt mee zodra de coördinator heeft genoteerd dat je er was."),
    ({"hours": "0"}, "Deze bijeenkomst telt niet mee voor ervaringsuren."),
    ({"day": datetime.date(2026, 8, 27)},
     "Deze datum valt buiten je stage. Ervaringsuren tellen alleen tijdens een stage."),
])
def test_a_session_that_cannot_count_is_refused_with_a_message(client, personas, fields,
                                                               message):
    aanmelding = _attended(personas, **fields)
    client.force_login(personas.student.user)

    response = _book(client, aanmelding, follow=True)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Logregel.objects.count() == 0


@pytest.mark.parametrize("persona", ["other_student", "wpb", "coordinator", "outsider"])
def test_someone_elses_registration_is_a_404(client, personas, persona):
    aanmelding = _attended(personas)
    client.force_login(personas.user(persona))
    assert _book(client, aanmelding).status_code == 404
    assert Logregel.objects.count() == 0


def test_an_unknown_registration_is_a_404_and_get_is_not_allowed(client, personas):
    aanmelding = _attended(personas)
    client.force_login(personas.student.user)
    unknown = factories.AanmeldingFactory.build().uuid
    assert client.post(reverse("begeleiding:aanmelding_hours", args=[unknown])).status_code \
        == 404
    assert client.get(reverse("begeleiding:aanmelding_hours", args=[aanmelding.uuid])) \
        .status_code == 405


def test_the_booked_session_follows_the_usual_confirmation(client, personas):
    aanmelding = _attended(personas, title="Intervisie maart")
    entry = services.aanmelding_to_logregel(aanmelding=aanmelding, student=personas.student)
    client.force_login(personas.wpb.user)

    waiting = client.get(reverse("begeleiding:logregel_confirm_list"))
    assert [row.pk for row in waiting.context["page"].object_list] == [entry.pk]
    student_log = client.get(reverse("begeleiding:logboek_student",
                                     args=[personas.student.uuid]))
    assert student_log.context["bookable"] == []
    assert "Intervisie maart" in student_log.content.decode()
    assert "Bekijk de bijeenkomst" not in student_log.content.decode()

    client.post(reverse("begeleiding:logregel_confirm", args=[entry.uuid]))
    entry.refresh_from_db()
    assert entry.confirmed_by == personas.wpb.user
    client.force_login(personas.student.user)
    assert client.get(reverse("begeleiding:logregel_edit", args=[entry.uuid])).status_code \
        == 403


def test_a_deleted_entry_makes_the_session_bookable_again(client, personas):
    aanmelding = _attended(personas)
    entry = services.aanmelding_to_logregel(aanmelding=aanmelding, student=personas.student)
    services.delete_logregel(logregel=entry)
    client.force_login(personas.student.user)
    assert _titles(client.get(reverse("begeleiding:logboek"))) == ["Intervisie maart"]


def test_the_entry_stays_when_the_registration_goes(personas):
    aanmelding = _attended(personas)
    entry = services.aanmelding_to_logregel(aanmelding=aanmelding, student=personas.student)
    aanmelding.bijeenkomst.delete()
    entry.refresh_from_db()
    assert (entry.aanmelding, entry.hours) == (None, Decimal("2"))


def test_logbook_runs_the_same_queries_for_one_and_many_sessions(client, personas,
                                                                 count_queries):
    _attended(personas, title="Sessie 0")
    booked = _attended(personas, title="Geboekt 0", day=datetime.date(2027, 1, 14))
    services.aanmelding_to_logregel(aanmelding=booked, student=personas.student)
    client.force_login(personas.student.user)
    url = reverse("begeleiding:logboek")
    few, _ = count_queries(client, url)

    for week in range(1, 6):
        _attended(personas, title=f"Sessie {week}",
                  day=THURSDAY - datetime.timedelta(weeks=week))
        booked = _attended(personas, title=f"Geboekt {week}",
                           day=datetime.date(2027, 1, 14) - datetime.timedelta(weeks=week))
        services.aanmelding_to_logregel(aanmelding=booked, student=personas.student)
    many, response = count_queries(client, url)

    assert len(response.context["bookable"]) == 6
    assert len(response.context["page"].object_list) == 6
    assert few == many


def _demo_sessions_to_book(today):
    return list(
        Aanmelding.objects.filter(
            user__email="student@example.org", attended=True, logregel__isnull=True,
            bijeenkomst__experience_hours__gt=0, bijeenkomst__starts_at__date__lt=today,
            bijeenkomst__starts_at__date__gte=datetime.date(2026, 9, 1),
        ).values_list("bijeenkomst__title", flat=True)
    )


@pytest.mark.parametrize("today", [datetime.date(2026, 10, 1), datetime.date(2027, 3, 10)])
def test_the_demo_student_has_an_attended_session_to_book_and_reseeding_changes_nothing(
    mailoutbox, today
):
    from opleidingsschool.demo import seed_demo

    seed_demo(today=today)
    to_book = _demo_sessions_to_book(today)
    assert len(to_book) >= 1
    counts = (Aanmelding.objects.count(), Logregel.objects.count())
    seed_demo(today=today)
    assert (Aanmelding.objects.count(), Logregel.objects.count()) == counts
    assert _demo_sessions_to_book(today) == to_book
    assert mailoutbox == []
