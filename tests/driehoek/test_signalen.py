"""The schoolopleider's signals include "no triangle meeting this period" from driehoek,
through registries.signal_sources; the signals page costs the same queries for any number
of placements."""

import datetime

import pytest
from django.urls import reverse

from driehoek.models import GesprekStatus
from driehoek.signalen import KIND_NO_GESPREK, no_recent_gesprek
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
    assert signal.label == "Geen driehoeksgesprek in de afgelopen 10 weken"
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
    assert "Geen driehoeksgesprek in de afgelopen 10 weken" in content
    assert str(personas.student) in content


def test_the_home_panel_counts_the_signal(client, personas):
    factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
    client.force_login(personas.schoolopleider.user)
    response = client.get(reverse("home"))
    [panel] = [panel for panel in response.context["panels"]
               if panel.template == "begeleiding/home/_signals.html"]
    [group] = [group for group in panel.context["groups"] if group["kind"] == KIND_NO_GESPREK]
    assert len(group["signals"]) == 2
    assert "Geen driehoeksgesprek in de afgelopen 10 weken" in response.content.decode()


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
