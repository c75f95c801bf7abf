"""Planning sessions: Thursday afternoon by default, series in one go, move and cancel one,
register and unregister with a waiting list that moves up by itself."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from opleidingsschool.bijeenkomsten import selectors, services
from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    Herinnering,
    Soort,
)
from tests import factories

pytestmark = pytest.mark.django_db
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def fields(**overrides):
    data = {
        "soort": Soort.LEERCAFE,
        "title": "Leercafé",
        "place": "Mediatheek",
        "capacity": None,
        "study_years": "34",
        "niveau": "",
        "for_students": True,
    }
    data.update(overrides)
    return data


def test_new_sessions_default_to_thursday_afternoon():
    assert services.default_date(datetime.date(2025, 11, 3)) == datetime.date(2025, 11, 6)
    assert services.default_date(datetime.date(2025, 11, 6)) == datetime.date(2025, 11, 6)
    assert services.default_times() == (datetime.time(14, 0), datetime.time(16, 30))


def test_the_first_thursday_of_every_month_for_the_school_year():
    dates = services.series_dates(
        first=datetime.date(2025, 8, 1),
        last=datetime.date(2026, 7, 31),
        weekday=3,
        pattern="monthly",
        week_of_month=1,
    )
    assert dates[:3] == [datetime.date(2025, 8, 7), datetime.date(2025, 9, 4), datetime.date(2025, 10, 2)]
    assert len(dates) == 12
    assert all(day.weekday() == 3 and day.day <= 7 for day in dates)


def test_last_thursday_and_fortnightly_series():
    last = services.series_dates(
        first=datetime.date(2025, 10, 1),
        last=datetime.date(2025, 11, 30),
        weekday=3,
        pattern="monthly",
        week_of_month=5,
    )
    assert last == [datetime.date(2025, 10, 30), datetime.date(2025, 11, 27)]
    fortnightly = services.series_dates(
        first=datetime.date(2025, 11, 1), last=datetime.date(2025, 11, 30), weekday=3, pattern="fortnightly"
    )
    assert fortnightly == [datetime.date(2025, 11, 6), datetime.date(2025, 11, 20)]


def test_a_series_is_created_in_one_go_at_14_00_amsterdam_in_every_season(personas):
    reeks = services.create_reeks(
        by=personas.coordinator.user,
        partnerschap=personas.coordinator.partnerschap,
        first=datetime.date(2025, 9, 1),
        last=datetime.date(2026, 6, 30),
        weekday=3,
        pattern="monthly",
        week_of_month=1,
        start_time=datetime.time(14),
        end_time=datetime.time(16),
        schools=[personas.school],
        **fields(),
    )
    sessions = list(reeks.bijeenkomsten.order_by("starts_at"))
    assert len(sessions) == 10
    assert {s.starts_at.astimezone(AMSTERDAM).time() for s in sessions} == {datetime.time(14)}
    # Stored in UTC: 12:00 in summer time, 13:00 in winter time.
    assert sessions[0].starts_at.astimezone(datetime.UTC).hour == 12
    assert sessions[3].starts_at.astimezone(datetime.UTC).hour == 13
    assert all(list(s.schools.all()) == [personas.school] for s in sessions)


def test_a_series_without_dates_is_refused(personas):
    with pytest.raises(ValidationError):
        services.create_reeks(
            by=personas.coordinator.user,
            partnerschap=personas.coordinator.partnerschap,
            first=datetime.date(2025, 11, 7),
            last=datetime.date(2025, 11, 8),
            weekday=3,
            pattern="weekly",
            start_time=datetime.time(14),
            end_time=datetime.time(16),
            **fields(),
        )


def test_moving_one_occurrence_raises_its_revision_and_tells_who_comes(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    bijeenkomst = factories.BijeenkomstFactory(study_years="3")
    services.register(bijeenkomst=bijeenkomst, user=personas.student.user)
    new_day = bijeenkomst.starts_at.astimezone(AMSTERDAM).date() + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_bijeenkomst(
            bijeenkomst=bijeenkomst,
            by=personas.coordinator.user,
            day=new_day,
            start_time=datetime.time(14, 30),
            end_time=datetime.time(16, 30),
            title=bijeenkomst.title,
            place="Lokaal 12",
        )
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.sequence == 1
    assert bijeenkomst.starts_at.astimezone(AMSTERDAM).time() == datetime.time(14, 30)
    assert [m.to for m in mailoutbox] == [["sanne@example.org"]]
    assert mailoutbox[0].subject.startswith("Gewijzigd: ")
    assert "Lokaal 12" in mailoutbox[0].body


def test_cancelling_one_occurrence_leaves_the_series_and_notifies(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    reeks = factories.ReeksFactory()
    first = factories.BijeenkomstFactory(reeks=reeks)
    second = factories.BijeenkomstFactory(
        reeks=reeks,
        starts_at=factories.next_thursday_at(weeks=2),
        ends_at=factories.next_thursday_at(16, weeks=2),
    )
    services.register(bijeenkomst=first, user=personas.student.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_bijeenkomst(bijeenkomst=first, by=personas.coordinator.user)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (BijeenkomstStatus.CANCELLED, BijeenkomstStatus.PLANNED)
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Afgelast"]
    # A second cancel sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_bijeenkomst(bijeenkomst=first, by=personas.coordinator.user)
    assert len(mailoutbox) == 1


def test_a_full_session_puts_people_on_the_waiting_list_that_moves_up(
    django_capture_on_commit_callbacks, mailoutbox
):
    bijeenkomst = factories.BijeenkomstFactory(capacity=2)
    users = [factories.UserFactory(language=language) for language in ("nl", "nl", "en", "nl")]
    statuses = [services.register(bijeenkomst=bijeenkomst, user=user).status for user in users]
    assert statuses == ["registered", "registered", "waiting", "waiting"]
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.unregister(bijeenkomst=bijeenkomst, user=users[0])
    assert [a.user for a in promoted] == [users[2]]
    assert dict(Aanmelding.objects.values_list("user", "status")) == {
        users[0].pk: "cancelled",
        users[1].pk: "registered",
        users[2].pk: "registered",
        users[3].pk: "waiting",
    }
    # The one who moved up is told, in their own language (English here).
    assert [m.to for m in mailoutbox] == [[users[2].email]]
    assert mailoutbox[0].subject.startswith("You have a place: ")


def test_raising_the_capacity_moves_the_waiting_list_up(personas, django_capture_on_commit_callbacks):
    bijeenkomst = factories.BijeenkomstFactory(capacity=1)
    first, second = factories.UserFactory(), factories.UserFactory()
    services.register(bijeenkomst=bijeenkomst, user=first)
    services.register(bijeenkomst=bijeenkomst, user=second)
    local = bijeenkomst.starts_at.astimezone(AMSTERDAM)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_bijeenkomst(
            bijeenkomst=bijeenkomst,
            by=personas.coordinator.user,
            day=local.date(),
            start_time=local.time(),
            end_time=bijeenkomst.ends_at.astimezone(AMSTERDAM).time(),
            capacity=2,
        )
    assert set(bijeenkomst.aanmeldingen.values_list("status", flat=True)) == {"registered"}
    assert not Herinnering.objects.filter(kind__startswith="changed").exists()


def test_registering_twice_keeps_one_registration_and_re_registering_goes_to_the_back():
    bijeenkomst = factories.BijeenkomstFactory(capacity=1)
    user, other = factories.UserFactory(), factories.UserFactory()
    services.register(bijeenkomst=bijeenkomst, user=user)
    services.register(bijeenkomst=bijeenkomst, user=user)
    assert bijeenkomst.aanmeldingen.count() == 1
    services.unregister(bijeenkomst=bijeenkomst, user=user)
    services.register(bijeenkomst=bijeenkomst, user=other)
    assert services.register(bijeenkomst=bijeenkomst, user=user).status == AanmeldingStatus.WAITING


def test_no_registration_for_a_cancelled_or_past_session():
    cancelled = factories.BijeenkomstFactory(status=BijeenkomstStatus.CANCELLED)
    with pytest.raises(ValidationError):
        services.register(bijeenkomst=cancelled, user=factories.UserFactory())


def test_students_see_only_sessions_open_to_them(personas):
    for_third_years = factories.BijeenkomstFactory(study_years="3", title="Jaar 3")
    for_first_years = factories.BijeenkomstFactory(study_years="1", title="Jaar 1")
    for_wo = factories.BijeenkomstFactory(niveau="wo", title="Alleen wo")
    other_school = factories.BijeenkomstFactory(schools=[personas.other_school], title="Andere school")
    for_mentors = factories.BijeenkomstFactory(for_students=False, for_mentors=True, title="Begeleiders")
    for_starters = factories.BijeenkomstFactory(for_students=False, for_starters=True, title="Starters")
    titles = lambda user: sorted(selectors.agenda_for(user).values_list("title", flat=True))  # noqa: E731
    assert titles(personas.student.user) == ["Jaar 3"]
    assert titles(personas.other_student.user) == ["Andere school", "Jaar 1"]
    assert titles(personas.wpb.user) == ["Begeleiders"]
    assert titles(personas.starter.user) == ["Starters"]
    assert titles(personas.outsider) == []
    assert selectors.bijeenkomsten_for(personas.coordinator.user).count() == Bijeenkomst.objects.count()
    assert selectors.bijeenkomsten_for(personas.other_coordinator.user).count() == 0
    assert for_third_years and for_first_years and for_wo and other_school and for_mentors and for_starters


def test_an_invited_expert_sees_the_session_outside_its_audience(personas):
    uitnodiging = factories.UitnodigingFactory(medewerker=personas.docent)
    assert list(selectors.bijeenkomsten_for(personas.docent.user)) == [uitnodiging.bijeenkomst]
    assert selectors.is_open_to(personas.docent.user, uitnodiging.bijeenkomst) is False


def test_attendance_marks_present_and_absent_and_counts_as_hours(personas):
    bijeenkomst = factories.BijeenkomstFactory(experience_hours=2)
    present = services.register(bijeenkomst=bijeenkomst, user=personas.student.user)
    absent = services.register(bijeenkomst=bijeenkomst, user=personas.other_student.user)
    assert (
        services.record_attendance(
            bijeenkomst=bijeenkomst, by=personas.coordinator.user, present_ids=[present.pk]
        )
        == 1
    )
    present.refresh_from_db()
    absent.refresh_from_db()
    assert (present.attended, absent.attended) == (True, False)
    attended = selectors.attended_bijeenkomsten(user=personas.student.user)
    assert [(a.bijeenkomst, a.hours) for a in attended] == [(bijeenkomst, 2)]
    assert selectors.attended_bijeenkomsten(user=personas.other_student.user) == []
