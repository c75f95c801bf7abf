"""The schoolopleider's signals include "no triangle meeting this period" from driehoek,
through registries.signal_sources; the signals page costs the same queries for any number
of placements."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from driehoek.models import GesprekStatus
from driehoek.signalen import KIND_NO_GESPREK, no_recent_gesprek
from opleidingsschool import schoolcalendar
from opleidingsschool.models import Regio
from opleidingsschool.registries import signal_sources
from tests import factories

from .conftest import AMSTERDAM

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)


def _gesprek(stage, day: datetime.date, status=GesprekStatus.HELD):
    return factories.DriehoeksgesprekFactory(
        stage=stage, status=status,
        starts_at=datetime.datetime.combine(day, datetime.time(14), tzinfo=AMSTERDAM),
        ends_at=datetime.datetime.combine(day, datetime.time(15), tzinfo=AMSTERDAM),
    )


def _flagged(stages) -> list:
    return [signal.student for signal in no_recent_gesprek(stages=stages, today=TODAY)]


def test_driehoek_registers_its_signal_source():
    assert no_recent_gesprek in signal_sources


def test_placement_without_any_meeting_is_flagged(personas):
    [signal] = no_recent_gesprek(stages=[personas.stage], today=TODAY)
    assert (signal.kind, signal.student, signal.severity) == (
        KIND_NO_GESPREK, personas.student, "warning")
    assert signal.label == "Geen driehoeksgesprek in de afgelopen 10 schoolweken"
    assert signal.detail == "nog geen driehoeksgesprek"
    assert signal.url == reverse("student_detail", args=[personas.student.uuid])


def test_placement_whose_last_meeting_is_older_than_ten_weeks_is_flagged(personas):
    _gesprek(personas.stage, datetime.date(2026, 12, 1))
    [signal] = no_recent_gesprek(stages=[personas.stage], today=TODAY)
    assert signal.detail == "laatste gesprek op 1 december 2026"


def test_a_cancelled_meeting_does_not_count(personas):
    _gesprek(personas.stage, datetime.date(2027, 3, 1), status=GesprekStatus.CANCELLED)
    _gesprek(personas.stage, datetime.date(2027, 3, 20), status=GesprekStatus.CANCELLED)
    assert _flagged([personas.stage]) == [personas.student]


@pytest.mark.parametrize("day,status", [
    (datetime.date(2027, 2, 1), GesprekStatus.HELD),
    (datetime.date(2026, 12, 30), GesprekStatus.AGREED),  # exactly ten weeks ago
    (datetime.date(2027, 3, 9), GesprekStatus.PLANNED),  # planned, not yet marked held
    (datetime.date(2027, 5, 20), GesprekStatus.PLANNED),  # upcoming, however far ahead
])
def test_a_recent_held_or_upcoming_planned_meeting_is_fine(personas, day, status):
    _gesprek(personas.stage, datetime.date(2026, 10, 1))
    _gesprek(personas.stage, day, status=status)
    assert _flagged([personas.stage]) == []


def test_only_placements_running_today_are_flagged(personas):
    ended = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar,
                                   end_date=datetime.date(2027, 1, 31))
    later = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar,
                                   start_date=datetime.date(2027, 4, 1))
    assert _flagged([personas.stage, ended, later]) == [personas.student]


def test_schoolopleider_sees_the_signal_on_the_signals_page(client, personas):
    fine = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
    _gesprek(fine, datetime.date(2027, 3, 25), status=GesprekStatus.PLANNED)
    client.force_login(personas.schoolopleider.user)
    response = client.get(reverse("signalen"))
    [group] = [group for group in response.context["groups"]
               if group["kind"] == KIND_NO_GESPREK]
    # The other student at another school is not the schoolopleider's concern.
    assert [signal.student for signal in group["signals"]] == [personas.student]
    content = response.content.decode()
    assert "Geen driehoeksgesprek in de afgelopen 10 schoolweken" in content
    assert escape(str(personas.student)) in content


def test_the_home_panel_counts_the_signal(client, personas):
    factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
    client.force_login(personas.schoolopleider.user)
    response = client.get(reverse("home"))
    [panel] = [panel for panel in response.context["panels"]
               if panel.template == "begeleiding/home/_signals.html"]
    [group] = [group for group in panel.context["groups"] if group["kind"] == KIND_NO_GESPREK]
    assert len(group["signals"]) == 2
    assert "Geen driehoeksgesprek in de afgelopen 10 schoolweken" in response.content.decode()


def test_the_signal_stays_away_from_those_who_are_not_schoolopleider(client, personas):
    client.force_login(personas.wpb.user)
    assert client.get(reverse("signalen")).status_code == 404


def test_signals_page_costs_the_same_queries_for_one_and_many_placements(client, personas, count_queries):
    def placement(index):
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        factories.BegeleiderFactory(stage=stage, medewerker=personas.wpb)
        if index % 2:
            _gesprek(stage, datetime.date(2026, 11, 1 + index))

    client.force_login(personas.schoolopleider.user)
    few, response = count_queries(client, reverse("signalen"))
    assert len(_no_gesprek(response)) == 1
    for index in range(6):
        placement(index)
    many, response = count_queries(client, reverse("signalen"))
    assert len(_no_gesprek(response)) == 7
    assert few == many


def _no_gesprek(response):
    return [signal for group in response.context["groups"] if group["kind"] == KIND_NO_GESPREK
            for signal in group["signals"]]


# Across the kerstvakantie of 2026 (Saturday 19 December to Sunday 3 January, 16 days), at a
# school in the north (voorjaarsvakantie 13-21 February 2027): ten school weeks before Monday
# 8 February reach back to 14 November, not 30 November.
BEFORE_SPRING = datetime.date(2027, 2, 8)


def _north_stage(personas, **kwargs):
    return factories.StageFactory(school__regio=Regio.NOORD, schooljaar=personas.schooljaar,
                                  **kwargs)


def test_ten_school_weeks_leave_out_the_holidays():
    assert schoolcalendar.school_time_start(
        {Regio.NOORD}, end=BEFORE_SPRING, length=datetime.timedelta(weeks=10)
    ) == {Regio.NOORD: datetime.date(2026, 11, 14)}


def test_the_christmas_holiday_does_not_count_against_the_placement(personas):
    met_before_holiday = _north_stage(personas)
    _gesprek(met_before_holiday, datetime.date(2026, 11, 20))
    met_long_ago = _north_stage(personas)
    _gesprek(met_long_ago, datetime.date(2026, 11, 10))
    flagged = no_recent_gesprek(stages=[met_before_holiday, met_long_ago], today=BEFORE_SPRING)
    assert [signal.student for signal in flagged] == [met_long_ago.student]


def test_a_new_placement_is_flagged_only_after_ten_school_weeks(personas):
    new = _north_stage(personas, start_date=datetime.date(2026, 11, 23))
    assert no_recent_gesprek(stages=[new], today=BEFORE_SPRING) == []
    # 10 March: the kerstvakantie and the voorjaarsvakantie lengthen the period to 5 December.
    assert _flagged([new]) == [new.student]
