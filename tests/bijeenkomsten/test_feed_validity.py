"""Every event of the calendar feed is valid iCalendar, checked by two real parsers: the
icalendar library (strict: no parse error tolerated, required properties present) and Mozilla's
ical.js run by node, as Thunderbird reads it. Alarms follow the person's reminder preferences."""

import datetime
import json
import shutil
import subprocess
import zoneinfo
from pathlib import Path

import icalendar
import pytest
from django.conf import settings
from django.utils import timezone

from opleidingsschool.bijeenkomsten import services
from opleidingsschool.models import Bijeenkomst, NotificatieVoorkeur, Vakantie, VrijeDag
from tests import factories
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ICAL_JS = ROOT / "node_modules" / "ical.js"
WEEK = -7 * 24 * 3600
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


SCHOOL_CLOSED = ("vakantie-", "vrijedag-")


@pytest.fixture
def everything(personas):
    """The student's feed holds one event of each source: a session, a triangle meeting, a
    classroom visit and a task deadline, and of the school calendar one holiday and one day
    off (the seeded national holidays make way for one in three weeks)."""
    student = personas.student
    today = timezone.localdate()
    Vakantie.objects.all().delete()
    Vakantie.objects.create(name="Kerstvakantie", start_date=today + datetime.timedelta(days=21),
                            end_date=today + datetime.timedelta(days=36))
    VrijeDag.objects.create(school=personas.stage.school, reason="Studiedag",
                            date=today + datetime.timedelta(days=10))
    session = factories.BijeenkomstFactory(title="Leercafé", starts_at=factories.next_thursday_at(14))
    factories.AanmeldingFactory(bijeenkomst=session, user=student.user)
    meeting = factories.next_thursday_at(10)
    factories.DriehoeksgesprekFactory(stage=personas.stage, deelnemers=[student.user], starts_at=meeting,
                                      ends_at=meeting + datetime.timedelta(hours=1))
    factories.LesbezoekFactory(student=student)
    factories.ToewijzingFactory(students=[student])
    return student.user


def fetch(client, user) -> bytes:
    response = client.get(services.feed_for(user).get_absolute_url())
    assert response.status_code == 200
    return response.content


def parse_strictly(body: bytes, monkeypatch) -> icalendar.Calendar:
    """icalendar tolerates broken events unless told not to; here nothing is tolerated."""
    monkeypatch.setattr(icalendar.Event, "ignore_exceptions", False)
    calendar = icalendar.Calendar.from_ical(body)
    for component in calendar.walk():
        assert component.errors == [], component.name
        for name in getattr(component, "required", ()):
            assert name in component, f"{component.name} lacks {name}"
    return calendar


def parse_with_ical_js(body: bytes) -> list[dict]:
    node = shutil.which("node")
    if node is None or not ICAL_JS.exists():
        skip_or_fail("node and ical.js are needed (npm ci)")
    result = subprocess.run([node, str(ROOT / "tests" / "js" / "check_ical.mjs")], input=body,
                            capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)["events"]


def test_every_event_is_valid_for_icalendar_strictly(client, everything, monkeypatch):
    calendar = parse_strictly(fetch(client, everything), monkeypatch)
    events = calendar.walk("VEVENT")
    assert len(events) == 6
    for event in events:
        assert event.decoded("dtstamp").tzinfo is not None
        assert event.decoded("dtstamp").utcoffset() == datetime.timedelta(0)
        assert str(event["url"]).startswith(settings.SITE_URL + "/")


def test_every_event_is_valid_for_mozillas_ical_js(client, everything):
    events = parse_with_ical_js(fetch(client, everything))
    assert len(events) == 6
    for event in events:
        assert event["uid"] and event["start"]
        assert event["dtstampUtc"] is True
        assert event["url"].startswith(settings.SITE_URL + "/")
    deadline = next(e for e in events if e["uid"].startswith("toewijzing-"))
    assert deadline["url"].startswith(f"{settings.SITE_URL}/")


def test_alarms_follow_both_reminder_preferences_by_default(client, everything):
    events = parse_with_ical_js(fetch(client, everything))
    for event in events:
        if event["uid"].startswith(SCHOOL_CLOSED):
            assert event["alarms"] == []  # free time rings no alarm
            continue
        assert [a["action"] for a in event["alarms"]] == ["DISPLAY", "DISPLAY"]
        assert [a["description"] for a in event["alarms"]] == [event["summary"]] * 2
        week, morning = (a["trigger"] for a in event["alarms"])
        assert week == WEEK
        local = datetime.datetime.fromisoformat(morning).astimezone(AMSTERDAM)
        assert (local.hour, local.minute) == (7, 0)


@pytest.mark.parametrize(("week_before", "same_day", "expected"), [
    (True, False, [WEEK]), (False, True, ["morning"]), (False, False, []),
])
def test_alarms_follow_one_or_no_preference(client, everything, week_before, same_day, expected):
    NotificatieVoorkeur.objects.create(user=everything, week_before=week_before, same_day=same_day)
    for event in parse_with_ical_js(fetch(client, everything)):
        if event["uid"].startswith(SCHOOL_CLOSED):
            continue
        triggers = ["morning" if isinstance(a["trigger"], str) else a["trigger"] for a in event["alarms"]]
        assert triggers == expected, event["summary"]


def test_the_morning_alarm_rings_at_seven_in_amsterdam(client, everything, monkeypatch):
    NotificatieVoorkeur.objects.create(user=everything, week_before=False, same_day=True)
    calendar = parse_strictly(fetch(client, everything), monkeypatch)
    session = next(e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Leercafé")
    [alarm] = session.walk("VALARM")
    local = alarm.decoded("trigger").astimezone(AMSTERDAM)
    assert (local.date(), local.hour, local.minute) == (
        session.decoded("dtstart").date(), 7, 0)


def test_a_cancelled_session_rings_no_alarm(client, personas, everything):
    services.cancel_bijeenkomst(bijeenkomst=Bijeenkomst.objects.get(title="Leercafé"),
                                by=personas.coordinator.user)
    session = next(e for e in parse_with_ical_js(fetch(client, everything)) if e["summary"] == "Leercafé")
    assert (session["status"], session["alarms"]) == ("CANCELLED", [])


def test_school_holidays_and_days_off_are_all_day_free_time(client, everything, monkeypatch):
    calendar = parse_strictly(fetch(client, everything), monkeypatch)
    closed = sorted((e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith(SCHOOL_CLOSED)),
                    key=lambda e: e.decoded("dtstart"))
    today = timezone.localdate()
    holiday = Vakantie.objects.get()
    day_off = VrijeDag.objects.get()
    assert [(str(e["uid"]), str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend"),
             str(e["transp"]), e.walk("VALARM")) for e in closed] == [
        (f"vrijedag-{day_off.pk}@127.0.0.1", "Studiedag (Het Testlyceum)",
         today + datetime.timedelta(days=10), today + datetime.timedelta(days=11),
         "TRANSPARENT", []),
        (f"vakantie-{holiday.pk}@127.0.0.1", "Kerstvakantie",
         today + datetime.timedelta(days=21), today + datetime.timedelta(days=37),
         "TRANSPARENT", []),
    ]
