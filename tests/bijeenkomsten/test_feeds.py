"""The personal calendar feed: secret, revocable, stable UIDs, timezone, updates, cancellations."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from opleidingsschool import registries
from opleidingsschool.bijeenkomsten import feeds, services
from tests import factories

pytestmark = pytest.mark.django_db


def feed(client, user):
    response = client.get(services.feed_for(user).get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar):
    """The feed's events other than the school holidays and days off (whose number depends on
    today's date; test_feed_school_calendar.py checks those)."""
    return [component for component in calendar.walk("VEVENT")
            if not str(component["uid"]).startswith(("vakantie-", "vrijedag-"))]


def test_the_feed_holds_my_sessions_with_a_stable_uid_and_timezone(client, personas):
    bijeenkomst = factories.BijeenkomstFactory(title="Leercafé", starts_at=factories.next_thursday_at(14))
    factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=personas.student.user)
    factories.BijeenkomstFactory(title="Niet aangemeld")
    calendar = feed(client, personas.student.user)
    [event] = events(calendar)
    assert str(event["summary"]) == "Leercafé"
    assert str(event["uid"]) == f"bijeenkomst-{bijeenkomst.uuid}@127.0.0.1"
    assert event["dtstart"].dt.hour == 14
    assert str(event["dtstart"].params["TZID"]) == "Europe/Amsterdam"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert (event["sequence"], str(event["status"])) == (0, "CONFIRMED")
    # Fetching again gives the same UID, and the VTIMEZONE (made once per process and kept)
    # once more, before the events.
    again = feed(client, personas.student.user)
    assert str(events(again)[0]["uid"]) == str(event["uid"])
    assert [component.name for component in again.subcomponents][:2] == ["VTIMEZONE", "VEVENT"]
    assert [str(tz["tzid"]) for tz in again.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_a_moved_session_raises_sequence_and_a_cancelled_one_says_so(client, personas):
    bijeenkomst = factories.BijeenkomstFactory()
    factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=personas.student.user)
    local = bijeenkomst.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=1)))
    services.update_bijeenkomst(
        bijeenkomst=bijeenkomst,
        by=personas.coordinator.user,
        day=local.date(),
        start_time=datetime.time(15),
        end_time=datetime.time(17),
    )
    [event] = events(feed(client, personas.student.user))
    assert (event["sequence"], event["dtstart"].dt.hour) == (1, 15)
    services.cancel_bijeenkomst(bijeenkomst=bijeenkomst, by=personas.coordinator.user)
    [event] = events(feed(client, personas.student.user))
    assert (event["sequence"], str(event["status"])) == (2, "CANCELLED")


def test_the_feed_adds_what_calendar_sources_contribute(client, personas, monkeypatch):
    def triangle_meetings(user, start, end):
        event = icalendar.Event()
        event.add("uid", "driehoek-1@example.org")
        event.add("summary", "Driehoeksgesprek")
        event.add("dtstart", factories.next_thursday_at(10))
        return [event]

    monkeypatch.setattr(registries, "calendar_sources", [triangle_meetings])
    assert [str(e["summary"]) for e in events(feed(client, personas.student.user))] == ["Driehoeksgesprek"]


def test_the_feed_is_written_byte_for_byte_as_icalendar_writes_it(personas, monkeypatch):
    """feeds.feed_ical writes the shared VTIMEZONE from its text kept per process and takes a
    line shorter than 75 octets as it is; the result is icalendar's to_ical() exactly: lines
    of 74, 75 and 76 octets, a two-octet character and an escape where a line folds, a long
    RDATE, and time zones of a source (their VTIMEZONEs made, in order of name), one of them
    only in the second of two EXDATE properties."""
    new_york = zoneinfo.ZoneInfo("America/New_York")
    start = factories.next_thursday_at(10)
    summaries = [
        "x" * (74 - len("SUMMARY:")),
        "x" * (75 - len("SUMMARY:")),
        "x" * (76 - len("SUMMARY:")),
        "x" * (73 - len("SUMMARY:")) + "é" + "x" * 80,  # é spans octets 74 and 75
        "x" * (73 - len("SUMMARY:")) + ";" + "x" * 80,  # its escape (\;) reaches octet 75
        "Leercafé, of: ‘bewijs’ verzamelen\nmet een heel lange titel" * 4,
    ]

    def source(*, user, start, end):
        events = []
        for number, summary in enumerate(summaries):
            event = icalendar.Event()
            event.add("uid", f"bron-{number}@example.org")
            event.add("summary", summary)
            event.add("dtstart", factories.next_thursday_at(10 + number).astimezone(new_york))
            event.add("url", "/bijeenkomsten/")
            events.append(event)
        events[0].add("rdate", [start + datetime.timedelta(weeks=week) for week in range(1, 12)])
        events[1].add("exdate", start.astimezone(datetime.UTC))
        events[1].add("exdate", start.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo")))
        return events

    monkeypatch.setattr(registries, "calendar_sources", [source])
    session = factories.BijeenkomstFactory(title="Lange dag " * 12, starts_at=start,
                                           description="Eerste regel\n\nTweede; derde, vierde")
    factories.AanmeldingFactory(bijeenkomst=session, user=personas.student.user)
    for _ in range(2):  # the second time with the VTIMEZONEs made and their text kept
        calendar = feeds.calendar_for(personas.student.user)
        assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == [
            "America/New_York", "Asia/Tokyo", "Europe/Amsterdam"]
        assert calendar.get_missing_tzids() == set()
        body = feeds.feed_ical(calendar)
        assert body == calendar.to_ical()
        assert any(len(line) == 74 for line in body.split(b"\r\n"))
        assert [str(event["summary"]) for event in icalendar.Calendar.from_ical(body).walk("VEVENT")
                if str(event["uid"]).startswith("bron-")] == summaries


def test_a_new_address_revokes_the_old_one(client, personas):
    old = services.feed_for(personas.student.user).get_absolute_url()
    client.force_login(personas.student.user)
    response = client.post(reverse("bijeenkomsten:feed_reset"), follow=True)
    assert "Je agenda heeft een nieuw adres." in response.content.decode()
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(services.feed_for(personas.student.user).get_absolute_url()).status_code == 200


def test_an_unknown_token_is_a_404(client):
    assert client.get(reverse("bijeenkomsten:feed", args=["geen-echte-sleutel"])).status_code == 404
