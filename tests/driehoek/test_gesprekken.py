"""Meetings: planning with a calendar invitation by mail (stable UID, METHOD:REQUEST,
SEQUENCE on changes, CANCEL), the meeting page with its prefilled agenda, and who sees it."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from driehoek import notices, services
from driehoek.models import Driehoeksgesprek, GesprekStatus, Wijziging
from opleidingsschool.models import Herinnering
from tests import factories

from .conftest import AMSTERDAM

pytestmark = pytest.mark.django_db


def _calendar(message) -> icalendar.Calendar:
    (name, content, mimetype), = message.attachments
    assert name == "uitnodiging.ics"
    assert mimetype.startswith("text/calendar; method=")
    return icalendar.Calendar.from_ical(content)


def _event(cal):
    (event,) = [component for component in cal.walk("VEVENT")]
    return event


def test_wpb_plans_a_meeting_and_every_participant_gets_an_ics_invitation(
    client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.wpb.user)
    url = reverse("driehoek:gesprek_create", kwargs={"uuid": personas.stage.uuid})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {
            "title": "Startgesprek", "date": "2027-03-25", "start_time": "14:00",
            "duration": "60", "place": "Het Testlyceum, lokaal 12", "video_link": "",
            "deelnemers": [personas.student.user.pk, personas.wpb.user.pk,
                           personas.instituutsopleider.user.pk],
        })
    gesprek = Driehoeksgesprek.objects.get()
    assert response.status_code == 302
    assert response["Location"] == gesprek.get_absolute_url()
    # Thursday 25 March 2027, 14:00 in Amsterdam (CET, before the DST change).
    assert gesprek.starts_at == datetime.datetime(2027, 3, 25, 14, 0, tzinfo=AMSTERDAM)
    assert gesprek.ends_at == datetime.datetime(2027, 3, 25, 15, 0, tzinfo=AMSTERDAM)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ivo@example.org", "sanne@example.org", "wim@example.org"
    ]
    message = mail.outbox[0]
    assert message.subject.startswith("Uitnodiging: Startgesprek met Sanne Student")
    cal = _calendar(message)
    assert cal["method"] == "REQUEST"
    event = _event(cal)
    assert str(event["uid"]) == notices.ics_uid(gesprek)
    assert event["sequence"] == 0
    assert event.decoded("dtstart") == datetime.datetime(2027, 3, 25, 14, 0, tzinfo=AMSTERDAM)
    assert str(event["location"]) == "Het Testlyceum, lokaal 12"
    assert len(event["attendee"]) == 3
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    # Exactly-once: the core's Herinnering rows, all sent.
    assert sorted(Herinnering.objects.values_list("kind", "status")) == [("request-0", "sent")] * 3
    assert Wijziging.objects.get().soort == "planned"


def test_moving_a_meeting_raises_sequence_and_keeps_the_uid(
    personas, triangle, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        gesprek = services.plan_gesprek(
            stage=personas.stage, by=personas.wpb.user, title="Driehoeksgesprek",
            starts_at=datetime.datetime(2027, 3, 25, 14, 0, tzinfo=AMSTERDAM),
            ends_at=datetime.datetime(2027, 3, 25, 15, 0, tzinfo=AMSTERDAM),
            place="Lokaal 12", deelnemers=triangle,
        )
    first_uid = str(_event(_calendar(mail.outbox[0]))["uid"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # After the DST change: 14:00 stays 14:00 on the wall clock.
        services.change_gesprek(
            gesprek=gesprek, by=personas.student.user, title="Driehoeksgesprek",
            starts_at=datetime.datetime(2027, 4, 1, 14, 0, tzinfo=AMSTERDAM),
            ends_at=datetime.datetime(2027, 4, 1, 15, 0, tzinfo=AMSTERDAM),
            place="Lokaal 12", deelnemers=triangle[:2],
        )
    by_kind = {message.to[0]: _calendar(message) for message in mail.outbox}
    assert sorted(by_kind) == ["ivo@example.org", "sanne@example.org", "wim@example.org"]
    updated = by_kind["sanne@example.org"]
    assert updated["method"] == "REQUEST"
    assert str(_event(updated)["uid"]) == first_uid
    assert _event(updated)["sequence"] == 1
    assert _event(updated).decoded("dtstart").astimezone(AMSTERDAM).hour == 14
    # The instituutsopleider was taken off the meeting: a cancellation for them.
    removed = by_kind["ivo@example.org"]
    assert removed["method"] == "CANCEL"
    assert _event(removed)["sequence"] == 1


def test_cancelling_sends_method_cancel_with_a_higher_sequence(
    client, personas, gesprek, django_capture_on_commit_callbacks
):
    client.force_login(personas.instituutsopleider.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("driehoek:gesprek_cancel", kwargs={"uuid": gesprek.uuid}))
    assert response.status_code == 302
    gesprek.refresh_from_db()
    assert gesprek.status == GesprekStatus.CANCELLED
    assert len(mail.outbox) == 3
    cal = _calendar(mail.outbox[0])
    assert cal["method"] == "CANCEL"
    assert str(_event(cal)["status"]) == "CANCELLED"
    assert _event(cal)["sequence"] == 1


def test_a_stale_invitation_is_skipped_when_the_meeting_moved_again(personas, gesprek):
    services.queue_notice(gesprek=gesprek, kind="request-0", user_ids=[personas.wpb.user.pk])
    Driehoeksgesprek.objects.filter(pk=gesprek.pk).update(sequence=2)
    herinnering = Herinnering.objects.get()
    assert notices.build_gesprek(rows=[herinnering]) == {herinnering.pk: "replaced"}


def _plan_as_wpb(client, personas, **changes):
    """The wpb posts the plan form: a valid meeting, with `changes`."""
    client.force_login(personas.wpb.user)
    data = {
        "title": "Startgesprek", "date": "2027-03-25", "start_time": "14:00", "duration": "60",
        "place": "Het Testlyceum", "video_link": "", "deelnemers": [personas.student.user.pk],
    }
    return client.post(
        reverse("driehoek:gesprek_create", kwargs={"uuid": personas.stage.uuid}),
        {**data, **changes},
    )


def test_planning_needs_a_place_or_video_link_and_keeps_the_input(client, personas):
    response = _plan_as_wpb(client, personas, place="")
    assert response.status_code == 200
    assert "Vul een plek of een videolink in." in response.content.decode()
    assert 'value="Startgesprek"' in response.content.decode()
    assert Driehoeksgesprek.objects.count() == 0


def test_a_meeting_ending_after_the_last_possible_day_is_a_form_error(client, personas):
    """9999-12-31 at 23:30 for an hour would end in the year 10000: a 500 before (found by the
    bad-input walk when the clock made its baseline start late in the evening)."""
    response = _plan_as_wpb(client, personas, date="9999-12-31", start_time="23:30")
    assert response.status_code == 200
    assert "Deze datum ligt te ver in de toekomst." in response.content.decode()
    assert 'value="Het Testlyceum"' in response.content.decode()
    assert Driehoeksgesprek.objects.count() == 0


def test_only_triangle_members_can_be_participants(personas, triangle):
    with pytest.raises(ValidationError) as error:
        services.plan_gesprek(
            stage=personas.stage, by=personas.wpb.user, title="x",
            starts_at=datetime.datetime(2027, 3, 25, 14, 0, tzinfo=AMSTERDAM),
            ends_at=datetime.datetime(2027, 3, 25, 15, 0, tzinfo=AMSTERDAM),
            place="x", deelnemers=[*triangle, personas.extra_mentor.user],
        )
    assert error.value.messages == ["Alleen leden van de driehoek kunnen meedoen."]


def test_the_meeting_page_starts_from_open_questions_goals_and_actions(
    client, personas, gesprek
):
    factories.LeervraagFactory(student=personas.student, title="Differentiëren in havo 4")
    factories.LeervraagFactory(student=personas.student, title="Beantwoord", status="answered")
    factories.LeerdoelFactory(stage=personas.stage, title="Instructie op drie niveaus")
    factories.ActiepuntFactory(stage=personas.stage, owner=personas.student.user,
                               description="Lesplan bespreken")
    factories.ActiepuntFactory(stage=personas.stage, owner=personas.student.user,
                               description="Al gedaan", done_at=datetime.datetime.now(AMSTERDAM))
    client.force_login(personas.student.user)
    response = client.get(gesprek.get_absolute_url())
    agenda = response.context["agenda"]
    assert [leervraag.title for leervraag in agenda.leervragen] == ["Differentiëren in havo 4"]
    assert [leerdoel.title for leerdoel in agenda.leerdoelen] == ["Instructie op drie niveaus"]
    assert [actie.description for actie in agenda.actiepunten] == ["Lesplan bespreken"]
    page = response.content.decode()
    assert "Agenda" in page and "Differentiëren in havo 4" in page


def test_the_calendar_download_is_the_same_event(client, personas, gesprek):
    client.force_login(personas.wpb.user)
    response = client.get(reverse("driehoek:gesprek_ics", kwargs={"uuid": gesprek.uuid}))
    cal = icalendar.Calendar.from_ical(response.content)
    assert str(_event(cal)["uid"]) == notices.ics_uid(gesprek)


def test_meetings_appear_in_the_personal_calendar_feed(personas, gesprek):
    from opleidingsschool.bijeenkomsten.feeds import calendar_for

    cal = calendar_for(personas.student.user)
    uids = [str(event["uid"]) for event in cal.walk("VEVENT")]
    assert notices.ics_uid(gesprek) in uids
    assert notices.ics_uid(gesprek) not in [
        str(event["uid"]) for event in calendar_for(personas.extra_mentor.user).walk("VEVENT")
    ]


def test_a_schoolopleider_in_the_triangle_sees_it_one_outside_does_not(
    client, personas, gesprek, schoolopleider_in_triangle
):
    client.force_login(personas.schoolopleider.user)
    assert client.get(gesprek.get_absolute_url()).status_code == 200
    schoolopleider_in_triangle.status = "ended"
    schoolopleider_in_triangle.save()
    assert client.get(gesprek.get_absolute_url()).status_code == 404


PERSONAS = ("student", "wpb", "schoolopleider", "instituutsopleider", "extra_mentor", "docent",
            "other_student", "other_wpb", "coordinator", "outsider")


def test_the_calendar_feed_holds_the_meetings_of_my_triangles_i_take_part_in(personas):
    """The feed's meetings (compiled once per shape, issue 10): those between the feed's
    moments, of a triangle the person is in, that they take part in; as the ORM's queryset."""
    from django.utils import timezone

    from driehoek import contributions, selectors

    now = timezone.now()
    everyone = [personas.user(name) for name in PERSONAS]
    inside = factories.DriehoeksgesprekFactory(stage=personas.stage, deelnemers=everyone,
                                               starts_at=now + datetime.timedelta(days=7))
    factories.DriehoeksgesprekFactory(stage=personas.stage, deelnemers=everyone,
                                      starts_at=now + datetime.timedelta(days=90))
    start, end = now - datetime.timedelta(days=1), now + datetime.timedelta(days=30)
    for name in PERSONAS:
        user = personas.user(name)
        meetings = selectors.calendar_meetings(user, start, end)
        expected = selectors.gesprekken_for(user).filter(
            deelnemers=user, starts_at__gte=start, starts_at__lte=end)
        assert [meeting.pk for meeting in meetings] == [meeting.pk for meeting in expected]
        assert len(contributions.calendar_events(user=user, start=start, end=end)) == len(
            meetings)
        # The schoolopleider sees the school's placements, but is not in this triangle.
        in_triangle = name in ("student", "wpb", "instituutsopleider")
        assert [meeting.pk for meeting in meetings] == ([inside.pk] if in_triangle else []), name
    assert meetings == [] and selectors.calendar_meetings(None, start, end) == []


def test_the_triangle_page_finds_a_placement_only_for_its_triangle(personas):
    """triangle_stage (compiled once per shape, issue 10): the placements driehoek_stages
    gives, by uuid, with the student and school loaded; others and unknown ones: None."""
    import uuid

    from driehoek import selectors

    for name in PERSONAS:
        user = personas.user(name)
        for stage in (personas.stage, personas.other_student.stages.get()):
            expected = selectors.driehoek_stages(user).filter(uuid=stage.uuid).first()
            found = selectors.triangle_stage(user, stage.uuid)
            assert getattr(found, "pk", None) == getattr(expected, "pk", None), name
            if found is not None:
                assert (found.student.user.pk, found.school.pk) == (
                    stage.student.user_id, stage.school_id)
    assert selectors.triangle_stage(personas.student.user, uuid.uuid4()) is None
    assert selectors.triangle_stage(None, personas.stage.uuid) is None
