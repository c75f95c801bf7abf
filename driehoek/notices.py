"""Mail of the triangle, sent through the core's exactly-once reminder engine
(opleidingsschool.registries.reminder_sources): one Herinnering row per (thing, person, kind).

Sources:
- "driehoeksgesprek:<id>": the calendar invitation ("request-<sequence>"), its cancellation
  ("cancel-<sequence>") and "notes shared, give your agreement" ("shared-<version>"). These
  are notices, recorded by the services when something happens; `due` returns none.
- "actiepunt:<id>": "due" on the morning of an action item's due date, to its owner.
"""

from __future__ import annotations

import datetime
import zoneinfo

import icalendar
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from opleidingsschool import registries
from opleidingsschool.models import Herinnering

from .models import Actiepunt, Driehoeksgesprek, GesprekStatus

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
GESPREK_PREFIX = "driehoeksgesprek"
ACTIEPUNT_PREFIX = "actiepunt"
REQUEST, CANCEL, SHARED, DUE = "request", "cancel", "shared", "due"


def gesprek_key(gesprek_id: int) -> str:
    return f"{GESPREK_PREFIX}:{gesprek_id}"


def actiepunt_key(actiepunt_id: int) -> str:
    return f"{ACTIEPUNT_PREFIX}:{actiepunt_id}"


def _domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def ics_uid(gesprek: Driehoeksgesprek) -> str:
    """Stable for the meeting's whole life, so calendars update the same event."""
    return f"driehoeksgesprek-{gesprek.uuid}@{_domain()}"


def event_for(gesprek: Driehoeksgesprek, *, attendees=()) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", ics_uid(gesprek))
    event.add("summary", f"{gesprek.title}: {gesprek.stage.student}")
    event.add("dtstart", timezone.localtime(gesprek.starts_at, AMSTERDAM))
    event.add("dtend", timezone.localtime(gesprek.ends_at, AMSTERDAM))
    event.add("dtstamp", gesprek.updated_at)
    event.add("last-modified", gesprek.updated_at)
    event.add("sequence", gesprek.sequence)
    location = gesprek.place or gesprek.video_link
    if location:
        event.add("location", location)
    url = f"{settings.SITE_URL}{gesprek.get_absolute_url()}"
    description = "\n".join(part for part in (gesprek.video_link, url) if part)
    event.add("description", description)
    event.add("url", url)
    cancelled = gesprek.status == GesprekStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = icalendar.vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = icalendar.vText(settings.PORTAL_NAME)
    event.add("organizer", organizer)
    for user in attendees:
        attendee = icalendar.vCalAddress(f"mailto:{user.email}")
        attendee.params["cn"] = icalendar.vText(str(user))
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = icalendar.vText("NEEDS-ACTION")
        event.add("attendee", attendee, encode=0)
    return event


def invitation_ics(gesprek: Driehoeksgesprek, *, method: str, attendees=()) -> bytes:
    """A calendar invitation: METHOD:REQUEST (new or changed, SEQUENCE raised on every
    change) or METHOD:CANCEL, with the Europe/Amsterdam VTIMEZONE."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.PORTAL_NAME}//driehoek//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add_component(event_for(gesprek, attendees=attendees))
    cal.add_missing_timezones()
    return cal.to_ical()


# --- Sources for the reminder engine -------------------------------------------------------


def gesprek_due(*, now: datetime.datetime) -> list[registries.DueReminder]:
    """Meeting mail is sent as notices when something happens; nothing is due by time."""
    return []


def _kind_parts(kind: str) -> tuple[str, int]:
    name, _sep, number = kind.partition("-")
    return name, int(number or 0)


def build_gesprek(*, herinnering: Herinnering):
    """The invitation, cancellation or "please agree" mail; None when a newer one replaced it
    (the meeting moved again before this went out) or the person is no longer invited."""
    gesprek = (
        Driehoeksgesprek.objects.filter(pk=int(herinnering.subject_key.split(":", 1)[1]))
        .select_related("stage__student__user", "stage__school").first()
    )
    if gesprek is None:
        return None
    kind, number = _kind_parts(herinnering.kind)
    participants = list(gesprek.deelnemers.all())
    is_participant = any(user.pk == herinnering.user_id for user in participants)
    if kind == REQUEST and (
        number != gesprek.sequence or gesprek.is_cancelled or not is_participant
    ):
        return None
    if kind == CANCEL and number != gesprek.sequence:
        return None
    if kind == SHARED and (gesprek.is_locked or not is_participant):
        return None
    user = herinnering.user
    with translation.override(user.language or settings.LANGUAGE_CODE), timezone.override(AMSTERDAM):
        context = {
            "user": user, "gesprek": gesprek, "kind": kind, "student": gesprek.stage.student,
            "starts_at": timezone.localtime(gesprek.starts_at),
            "ends_at": timezone.localtime(gesprek.ends_at),
            "participants": participants,
            "url": f"{settings.SITE_URL}{gesprek.get_absolute_url()}",
            "portal_name": settings.PORTAL_NAME,
        }
        subject = render_to_string("emails/driehoek_gesprek_subject.txt", context).strip()
        body = render_to_string("emails/driehoek_gesprek_body.txt", context)
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )
    if kind in (REQUEST, CANCEL):
        method = "REQUEST" if kind == REQUEST else "CANCEL"
        attendees = participants if kind == REQUEST else [user]
        message.attach(
            "uitnodiging.ics", invitation_ics(gesprek, method=method, attendees=attendees),
            f"text/calendar; method={method}; charset=utf-8",
        )
    return message


def actiepunt_due(*, now: datetime.datetime) -> list[registries.DueReminder]:
    """Open action items whose due date has come (from the morning of that day in
    Amsterdam), each once to its owner. One query, whatever the number of items."""
    local = timezone.localtime(now, AMSTERDAM)
    hour, minute = (int(part) for part in settings.REMINDER_MORNING_TIME.split(":"))
    today = local.date()
    if (local.hour, local.minute) < (hour, minute):
        today -= datetime.timedelta(days=1)
    rows = Actiepunt.objects.filter(
        done_at__isnull=True, due_date__lte=today,
        # An item long overdue before the reminders existed is not mailed out of the blue.
        due_date__gte=today - datetime.timedelta(days=7),
        owner__is_active=True,
    ).values_list("pk", "owner_id")
    return [
        registries.DueReminder(actiepunt_key(pk), owner_id, DUE) for pk, owner_id in rows
    ]


def build_actiepunt(*, herinnering: Herinnering):
    actiepunt = (
        Actiepunt.objects.filter(pk=int(herinnering.subject_key.split(":", 1)[1]))
        .select_related("stage__student__user", "gesprek").first()
    )
    if actiepunt is None or actiepunt.is_done or actiepunt.owner_id != herinnering.user_id:
        return None
    user = herinnering.user
    with translation.override(user.language or settings.LANGUAGE_CODE), timezone.override(AMSTERDAM):
        path = (
            actiepunt.gesprek.get_absolute_url() if actiepunt.gesprek
            else reverse("driehoek:stage", kwargs={"uuid": actiepunt.stage.uuid})
        )
        context = {
            "user": user, "actiepunt": actiepunt, "student": actiepunt.stage.student,
            "url": f"{settings.SITE_URL}{path}", "portal_name": settings.PORTAL_NAME,
        }
        subject = render_to_string("emails/driehoek_actiepunt_subject.txt", context).strip()
        body = render_to_string("emails/driehoek_actiepunt_body.txt", context)
    return EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )


GESPREK_SOURCE = registries.ReminderSource(prefix=GESPREK_PREFIX, due=gesprek_due, build=build_gesprek)
ACTIEPUNT_SOURCE = registries.ReminderSource(
    prefix=ACTIEPUNT_PREFIX, due=actiepunt_due, build=build_actiepunt
)
