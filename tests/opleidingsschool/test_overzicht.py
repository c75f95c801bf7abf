"""The coordinator's overview (issue 11): the partnership at a glance per school and per
institute, each number around its threshold, the lists behind them, the export and the
thresholds page."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from begeleiding.models import Visibility
from driehoek.models import GesprekStatus
from opleidingsschool import schoolcalendar
from opleidingsschool.models import (
    Functie,
    Partnerschap,
    Schooljaar,
    Stage,
    UitnodigingStatus,
    Vakantie,
)
from opleidingsschool.partnerschap import signals
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    return client


@pytest.fixture
def coordinator_client(client, personas):
    client.force_login(personas.coordinator.user)
    return client


@pytest.fixture
def p(personas):
    """The coordinator's partnership without school holidays, so that school time is plain
    calendar time and each threshold falls on a known day."""
    Vakantie.objects.all().delete()
    return personas.coordinator.partnerschap


def make_stage(personas, *, school=None, opleiding=None, start=None, end=None, **student):
    student = factories.StudentFactory(opleiding=opleiding or personas.student.opleiding,
                                       **student)
    return factories.StageFactory(
        student=student, school=school or personas.school, schooljaar=personas.schooljaar,
        start_date=start or TODAY - 60 * DAY, end_date=end or TODAY + 60 * DAY,
    )


def counted(partnerschap, key: str, today=TODAY) -> tuple[int, dict[str, int], dict[str, int]]:
    """(total, {school: n}, {institute: n}) of one signal on the overview, only non-zero."""
    overview = signals.overview(Partnerschap.objects.get(pk=partnerschap.pk), today=today)
    position = [item.signal.key for item in overview["signals"]].index(key)
    total = overview["signals"][position].total
    per_school = {line.name: line.cells[position].count for line in overview["schools"]
                  if line.cells[position].count}
    per_instituut = {line.name: line.cells[position].count for line in overview["instituten"]
                     if line.cells[position].count}
    return total, per_school, per_instituut


def other_stage(personas):
    return Stage.objects.get(student=personas.other_student)


def set_threshold(partnerschap, **values) -> None:
    Partnerschap.objects.filter(pk=partnerschap.pk).update(**values)


# --- Each signal around its threshold -------------------------------------------------------


def test_placements_and_complete_triangles_per_school_and_institute(p, personas):
    total, per_school, per_instituut = counted(p, "plaatsingen")
    assert (total, per_school, per_instituut) == (
        2, {"Het Testlyceum": 1, "Tweede Testcollege": 1}, {"Testhogeschool": 2})
    # Sanne's placement has a wpb and an instituutsopleider; Otto's only a wpb.
    assert counted(p, "driehoek-compleet") == (1, {"Het Testlyceum": 1}, {"Testhogeschool": 1})


def flagged(partnerschap, key: str, today=TODAY) -> set[int]:
    """The ids of the rows on a signal's list."""
    partnerschap = Partnerschap.objects.get(pk=partnerschap.pk)
    return set(signals.list_rows(
        signals.signal_by_key(key), partnerschap, schooljaar=Schooljaar.objects.current(today),
        today=today,
    ).values_list("pk", flat=True))


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_no_triangle_meeting_counts_from_the_threshold_and_after_the_grace_period(p, personas):
    derde = factories.SchoolFactory(name="Het Derde College")
    met_in_time = make_stage(personas, school=derde)
    factories.DriehoeksgesprekFactory(stage=met_in_time, status=GesprekStatus.HELD,
                                      starts_at=at(TODAY - 70 * DAY, 9))
    met_too_long_ago = make_stage(personas, school=derde)
    factories.DriehoeksgesprekFactory(stage=met_too_long_ago, status=GesprekStatus.HELD,
                                      starts_at=at(TODAY - 71 * DAY, 15))
    # Without any meeting: just past the grace period of four weeks, and just within it.
    past_grace = make_stage(personas, school=derde, start=TODAY - 28 * DAY)
    in_grace = make_stage(personas, school=derde, start=TODAY - 27 * DAY)
    # A cancelled meeting does not count; a planned one in the future does.
    cancelled = make_stage(personas, school=derde)
    factories.DriehoeksgesprekFactory(stage=cancelled, status=GesprekStatus.CANCELLED,
                                      starts_at=timezone.now() - 7 * DAY)
    planned = make_stage(personas, school=derde)
    factories.DriehoeksgesprekFactory(stage=planned, starts_at=timezone.now() + DAY)

    ours = {met_in_time.pk, met_too_long_ago.pk, past_grace.pk, in_grace.pk, cancelled.pk,
            planned.pk}
    assert flagged(p, "geen-driehoeksgesprek") & ours == {
        met_too_long_ago.pk, past_grace.pk, cancelled.pk}
    total, per_school, per_instituut = counted(p, "geen-driehoeksgesprek")
    assert per_school["Het Derde College"] == 3
    # Sanne and Otto, under way since September without a meeting, at the other schools.
    assert (total, per_instituut) == (5, {"Testhogeschool": 5})

    # 71 days ago is within eleven weeks; 27 days under way is past a grace of three weeks.
    set_threshold(p, triangle_weeks=11, triangle_grace_weeks=3)
    assert flagged(p, "geen-driehoeksgesprek") & ours == {
        past_grace.pk, in_grace.pk, cancelled.pk}


def test_hours_behind_are_confirmed_hours_below_the_pace(p, personas):
    stage = make_stage(personas, start=TODAY - 21 * DAY, end=TODAY + 21 * DAY)
    count = schoolcalendar.school_day_counts([stage], until=TODAY - DAY)[stage.pk]
    opleiding = stage.student.opleiding
    opleiding.target_hours = count.open_days * 5  # five hours expected per school day
    opleiding.save()
    expected = Decimal(5 * count.done)  # 20% behind: below 80% of it
    on_pace = expected * Decimal("0.8")
    assert on_pace == 4 * count.done
    for _ in range(count.done):  # four confirmed hours a school day: just on pace
        factories.LogregelFactory(stage=stage, hours=4, confirmed_at=timezone.now())
    factories.LogregelFactory(stage=stage, hours=8)  # not confirmed: does not count
    behind = make_stage(personas, start=TODAY - 21 * DAY, end=TODAY + 21 * DAY,
                        school=personas.other_school, opleiding=opleiding)
    for day in range(count.done):  # half an hour short
        factories.LogregelFactory(stage=behind, hours=Decimal("3.5") if day == 0 else 4,
                                  confirmed_at=timezone.now())
    assert flagged(p, "uren-achter") & {stage.pk, behind.pk} == {behind.pk}
    # Sanne's and Otto's placements too: nothing logged since September.
    assert counted(p, "uren-achter") == (
        3, {"Het Testlyceum": 1, "Tweede Testcollege": 2}, {"Testhogeschool": 3})

    set_threshold(p, hours_behind_percent=30)
    assert flagged(p, "uren-achter") & {stage.pk, behind.pk} == set()


def test_a_placement_under_two_weeks_is_not_behind(p, personas):
    new = make_stage(personas, start=TODAY - 13 * DAY)
    two_weeks = make_stage(personas, start=TODAY - 14 * DAY)
    assert flagged(p, "uren-achter") & {new.pk, two_weeks.pk} == {two_weeks.pk}


def test_unconfirmed_hours_after_the_threshold_in_days(p, personas):
    factories.LogregelFactory(stage=personas.stage, date=TODAY - 14 * DAY)  # just inside
    assert counted(p, "uren-onbevestigd") == (0, {}, {})
    factories.LogregelFactory(stage=other_stage(personas), date=TODAY - 15 * DAY)
    factories.LogregelFactory(stage=personas.stage, date=TODAY - 30 * DAY,
                              confirmed_at=timezone.now())  # confirmed
    assert counted(p, "uren-onbevestigd") == (
        1, {"Tweede Testcollege": 1}, {"Testhogeschool": 1})
    set_threshold(p, unconfirmed_days=13)
    assert counted(p, "uren-onbevestigd")[0] == 2


def test_overdue_action_items(p, personas):
    factories.ActiepuntFactory(stage=personas.stage, due_date=TODAY)  # due today: not yet
    factories.ActiepuntFactory(stage=other_stage(personas), due_date=TODAY - 30 * DAY,
                               done_at=timezone.now())
    assert counted(p, "actiepunten-verlopen") == (0, {}, {})
    factories.ActiepuntFactory(stage=personas.stage, due_date=TODAY - DAY)
    factories.ActiepuntFactory(stage=personas.stage, due_date=TODAY - 9 * DAY)
    assert counted(p, "actiepunten-verlopen") == (1, {"Het Testlyceum": 1}, {"Testhogeschool": 1})


def test_quiet_learning_questions_after_the_threshold_in_weeks(p, personas):
    start_of_day = timezone.make_aware(datetime.datetime.combine(
        TODAY - 28 * DAY, datetime.time.min))
    factories.LeervraagFactory(student=personas.student, last_activity_at=start_of_day)
    # Private: the coordinator's numbers do not count what the student keeps to themselves.
    factories.LeervraagFactory(student=personas.other_student, visibility=Visibility.PRIVATE,
                               last_activity_at=start_of_day - 9 * DAY)
    assert counted(p, "leervragen-stil") == (0, {}, {})
    factories.LeervraagFactory(student=personas.other_student,
                               last_activity_at=start_of_day - datetime.timedelta(seconds=1))
    assert counted(p, "leervragen-stil") == (
        1, {"Tweede Testcollege": 1}, {"Testhogeschool": 1})
    set_threshold(p, quiet_weeks=3)
    assert counted(p, "leervragen-stil")[0] == 2


def test_low_rapport_is_counted_per_school_only_and_never_listed(
    p, personas, coordinator_client
):
    wpb = personas.stage.begeleiders.get(functie=Functie.WERKPLEKBEGELEIDER)
    factories.KlikcheckFactory(begeleider=wpb, score=3)
    assert counted(p, "klik-laag") == (0, {}, {})
    set_threshold(p, low_rapport=3)
    assert counted(p, "klik-laag") == (1, {"Het Testlyceum": 1}, {})

    overview = coordinator_client.get(reverse("partnerschap:overzicht"))
    assert b"/overzicht/klik-laag/" not in overview.content
    item = next(item for item in overview.context["signals"] if item.signal.key == "klik-laag")
    assert (item.total, item.url) == (1, "")
    home = coordinator_client.get(reverse("home"))
    assert b"/overzicht/klik-laag/" not in home.content
    listed = coordinator_client.get(reverse("partnerschap:signal_list", args=["klik-laag"]))
    assert listed.status_code == 404
    export = coordinator_client.get(reverse("partnerschap:signal_export", args=["klik-laag"]))
    assert export.status_code == 404


def test_sessions_with_open_invitations_per_school_and_institute(p, personas):
    instituut = personas.student.opleiding.instituut
    coming = factories.BijeenkomstFactory(instituut=instituut)
    coming.schools.add(personas.school, personas.other_school)
    factories.UitnodigingFactory(bijeenkomst=coming)
    factories.UitnodigingFactory(bijeenkomst=coming)
    answered = factories.BijeenkomstFactory()
    factories.UitnodigingFactory(bijeenkomst=answered, status=UitnodigingStatus.ACCEPTED)
    past = factories.BijeenkomstFactory(starts_at=timezone.now() - 7 * DAY)
    factories.UitnodigingFactory(bijeenkomst=past)
    for_everyone = factories.BijeenkomstFactory()
    factories.UitnodigingFactory(bijeenkomst=for_everyone)

    assert counted(p, "uitnodigingen-open") == (
        2, {"Het Testlyceum": 1, "Tweede Testcollege": 1}, {"Testhogeschool": 1})


# --- Another partnership --------------------------------------------------------------------


@pytest.fixture
def elsewhere(personas):
    """A school of the second partnership with a placement that trips every signal."""
    other = personas.other_coordinator.partnerschap
    school = factories.SchoolFactory(name="School Elders", partnerschap=other)
    instituut = factories.InstituutFactory(name="Hogeschool Elders", partnerschappen=[other])
    opleiding = factories.OpleidingFactory(instituut=instituut)
    student = factories.StudentFactory(opleiding=opleiding, partnerschap=other,
                                       user__last_name="Elders")
    stage = factories.StageFactory(student=student, school=school, schooljaar=personas.schooljaar,
                                   start_date=TODAY - 90 * DAY, end_date=TODAY + 90 * DAY)
    wpb = factories.BegeleiderFactory(stage=stage, functie=Functie.WERKPLEKBEGELEIDER)
    factories.BegeleiderFactory(stage=stage, functie=Functie.SCHOOLOPLEIDER)
    factories.KlikcheckFactory(begeleider=wpb, score=1)
    factories.LogregelFactory(stage=stage, date=TODAY - 40 * DAY)
    factories.ActiepuntFactory(stage=stage, due_date=TODAY - 5 * DAY)
    factories.LeervraagFactory(student=student, last_activity_at=timezone.now() - 90 * DAY)
    session = factories.BijeenkomstFactory(partnerschap=other, instituut=instituut)
    session.schools.add(school)
    factories.UitnodigingFactory(bijeenkomst=session)
    return school


def test_another_partnerships_data_is_never_counted(p, personas, elsewhere):
    overview = signals.overview(p, today=TODAY)
    assert "School Elders" not in [line.name for line in overview["schools"]]
    assert [line.name for line in overview["instituten"]] == ["Testhogeschool"]
    totals = {item.signal.key: item.total for item in overview["signals"]}
    assert totals == {
        "plaatsingen": 2, "driehoek-compleet": 1, "geen-driehoeksgesprek": totals[
            "geen-driehoeksgesprek"], "uren-achter": totals["uren-achter"],
        "actiepunten-verlopen": 0, "uren-onbevestigd": 0, "leervragen-stil": 0, "klik-laag": 0,
        "uitnodigingen-open": 0,
    }
    # The second partnership's own overview counts its placement on every signal.
    other = signals.overview(personas.other_coordinator.partnerschap, today=TODAY)
    assert {item.signal.key: item.total for item in other["signals"]} == {
        "plaatsingen": 1, "driehoek-compleet": 1, "geen-driehoeksgesprek": 1, "uren-achter": 1,
        "actiepunten-verlopen": 1, "uren-onbevestigd": 1, "leervragen-stil": 1, "klik-laag": 1,
        "uitnodigingen-open": 1,
    }


def test_another_partnerships_rows_are_never_listed(coordinator_client, elsewhere):
    response = coordinator_client.get(
        reverse("partnerschap:signal_list", args=["actiepunten-verlopen"]))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert b"Elders" not in response.content
    # A school of the other partnership as a filter: it does not exist here.
    response = coordinator_client.get(
        reverse("partnerschap:signal_list", args=["plaatsingen"]), {"school": elsewhere.uuid})
    assert response.status_code == 404
    export = coordinator_client.get(reverse("partnerschap:signal_export", args=["plaatsingen"]))
    assert b"Elders" not in export.content


def test_the_other_coordinator_sees_their_own_partnership(client, personas, elsewhere):
    client.force_login(personas.other_coordinator.user)
    response = client.get(reverse("partnerschap:overzicht"))
    assert [line.name for line in response.context["schools"]] == ["School Elders"]
    listed = client.get(reverse("partnerschap:signal_list", args=["plaatsingen"]))
    assert [row[0][0] for row in listed.context["table"]] == [str(elsewhere.stages.get().student)]


# --- Pages: the list behind a number, fixed query counts, the export ---------------------


def test_each_number_opens_its_list_filtered_by_school(p, personas, coordinator_client):
    response = coordinator_client.get(reverse("partnerschap:overzicht"))
    school_line = response.context["schools"][0]
    assert school_line.name == "Het Testlyceum"
    url = school_line.cells[0].url
    assert url == (reverse("partnerschap:signal_list", args=["plaatsingen"])
                   + f"?school={personas.school.uuid}")
    assert url.encode() in response.content.replace(b"&amp;", b"&")

    listed = coordinator_client.get(url)
    assert [row[0][0] for row in listed.context["table"]] == [str(personas.student)]
    assert listed.context["subject"] == personas.school


def test_a_list_filtered_by_institute_and_a_wrong_filter(p, personas, coordinator_client):
    elders = factories.OpleidingFactory(instituut=factories.InstituutFactory(name="Andere Hogeschool"))
    make_stage(personas, opleiding=elders, user__last_name="Anders")
    url = reverse("partnerschap:signal_list", args=["plaatsingen"])
    listed = coordinator_client.get(url, {"instituut": elders.instituut.uuid})
    assert [row[0][0] for row in listed.context["table"]] == [
        str(elders.studenten.get())]
    assert coordinator_client.get(url, {"instituut": "geen-uuid"}).status_code == 404
    assert coordinator_client.get(url, {"school": "geen-uuid"}).status_code == 404


def test_a_list_is_paginated_by_25(p, personas, coordinator_client):
    for _ in range(26):
        make_stage(personas)
    url = reverse("partnerschap:signal_list", args=["plaatsingen"])
    first = coordinator_client.get(url)
    second = coordinator_client.get(url, {"page": 2})
    assert (len(first.context["table"]), len(second.context["table"])) == (25, 3)


def _grow(personas, n: int) -> None:
    """`n` schools with a placement that trips every signal, and an institute each."""
    for number in range(n):
        school = factories.SchoolFactory(name=f"Groeischool {number}")
        instituut = factories.InstituutFactory(name=f"Groeihogeschool {number}")
        stage = make_stage(personas, school=school,
                           opleiding=factories.OpleidingFactory(instituut=instituut))
        wpb = factories.BegeleiderFactory(stage=stage, functie=Functie.WERKPLEKBEGELEIDER)
        factories.KlikcheckFactory(begeleider=wpb, score=1)
        factories.LogregelFactory(stage=stage, date=TODAY - 40 * DAY)
        factories.ActiepuntFactory(stage=stage, due_date=TODAY - 5 * DAY)
        factories.LeervraagFactory(student=stage.student,
                                   last_activity_at=timezone.now() - 90 * DAY)
        session = factories.BijeenkomstFactory(instituut=instituut)
        session.schools.add(school)
        factories.UitnodigingFactory(bijeenkomst=session)


@pytest.mark.parametrize("url", [
    reverse("partnerschap:overzicht"),
    reverse("partnerschap:signal_list", args=["actiepunten-verlopen"]),
    reverse("partnerschap:signal_list", args=["uitnodigingen-open"]),
])
def test_the_overview_and_a_list_cost_the_same_with_1_and_5_schools(
    p, personas, coordinator_client, count_queries, url
):
    _grow(personas, 1)
    few, _ = count_queries(coordinator_client, url)
    _grow(personas, 4)
    many, response = count_queries(coordinator_client, url)
    assert (few, many) == (few, few)
    expected = {"overzicht": 8, "actiepunten-verlopen": 3, "uitnodigingen-open": 3}
    assert few == expected[url.strip("/").split("/")[-1]]


def test_the_export_escapes_cells_a_spreadsheet_would_run(p, personas, coordinator_client):
    for first_name in ("=HYPERLINK(1)", "+31", "-min", "@SUM"):
        make_stage(personas, user__first_name=first_name, user__last_name="Test")
    response = coordinator_client.get(
        reverse("partnerschap:signal_export", args=["plaatsingen"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="plaatsingen-' in response["Content-Disposition"]
    text = response.content.decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Student", "School", "Instituut", "Opleiding", "Begindatum", "Einddatum"]
    students = sorted(row[0] for row in rows[1:])
    assert students == sorted([
        "'=HYPERLINK(1) Test", "'+31 Test", "'-min Test", "'@SUM Test",
        str(personas.student), str(personas.other_student),
    ])


# --- The thresholds -------------------------------------------------------------------------


THRESHOLDS = {
    "triangle_weeks": "10", "triangle_grace_weeks": "4", "hours_behind_percent": "20",
    "unconfirmed_days": "14", "quiet_weeks": "4", "low_rapport": "2",
}


def test_coordinator_changes_the_thresholds(p, coordinator_client):
    response = coordinator_client.post(reverse("partnerschap:drempels"), {
        **THRESHOLDS, "triangle_weeks": "8", "low_rapport": "3",
    })
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.triangle_weeks, p.low_rapport, p.quiet_weeks) == (8, 3, 4)


def test_thresholds_refuse_words_and_fractions_in_dutch_and_keep_what_was_typed(
    p, coordinator_client
):
    response = coordinator_client.post(reverse("partnerschap:drempels"), {
        **THRESHOLDS, "triangle_weeks": "tien", "quiet_weeks": "1,5", "unconfirmed_days": "21",
    })
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors == {
        "triangle_weeks": ["Typ een heel getal, bijvoorbeeld 10."],
        "quiet_weeks": ["Typ een heel getal, bijvoorbeeld 4."],
    }
    assert b'value="tien"' in response.content
    assert b'value="1,5"' in response.content
    assert b'value="21"' in response.content
    p.refresh_from_db()
    assert (p.triangle_weeks, p.quiet_weeks, p.unconfirmed_days) == (10, 4, 14)


def test_thresholds_outside_their_bounds_are_refused(p, coordinator_client):
    response = coordinator_client.post(reverse("partnerschap:drempels"), {
        **THRESHOLDS, "low_rapport": "5", "unconfirmed_days": "40000",
    })
    assert response.context["form"].errors == {
        "low_rapport": ["Kies een getal van 1 tot en met 4."],
        "unconfirmed_days": ["Kies een getal van 1 tot en met 365."],
    }
    p.refresh_from_db()
    assert (p.low_rapport, p.unconfirmed_days) == (2, 14)


def test_a_changed_threshold_shows_on_the_overview(p, personas, coordinator_client):
    factories.LogregelFactory(stage=personas.stage, date=TODAY - 10 * DAY)
    coordinator_client.post(reverse("partnerschap:drempels"), {
        **THRESHOLDS, "unconfirmed_days": "7"})
    response = coordinator_client.get(reverse("partnerschap:overzicht"))
    item = next(item for item in response.context["signals"]
                if item.signal.key == "uren-onbevestigd")
    assert item.total == 1
    assert "7 dagen" in item.description
