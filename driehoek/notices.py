"""Mail of the triangle, sent through the core's outbox (opleidingsschool.notifications):
one Herinnering row per (thing, person, kind).

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
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import Herinnering, SkipReason
from opleidingsschool.notifications import outbox
from opleidingsschool.notifications.registry import Due, Source, Subject
from opleidingsschool.notifications.render import render_mail
from opleidingsschool.urlmemo import reverse

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


def queue_notice(*, gesprek: Driehoeksgesprek, kind: str, user_ids) -> None:
    """Record the notice once per person (unique constraint) in the core's outbox; it is sent
    after the commit, and if that enqueue gets lost, the sweep picks it up again."""
    key = gesprek_key(gesprek.pk)
    outbox.notify(Due(key, user_id, kind) for user_id in sorted(set(user_ids)))


# --- Sources for the outbox ----------------------------------------------------------------


def _kind_parts(kind: str) -> tuple[str, int]:
    name, _sep, number = kind.partition("-")
    return name, int(number or 0)


def _object_id(herinnering: Herinnering) -> int:
    return int(herinnering.subject_key.split(":", 1)[1])


def _gesprek_skip(herinnering: Herinnering, gesprek, participant_ids) -> str | None:
    """A newer mail replaced this one (the meeting moved again before it went out), or the
    person is no longer invited."""
    if gesprek is None:
        return SkipReason.GONE
    kind, number = _kind_parts(herinnering.kind)
    is_participant = herinnering.user_id in participant_ids
    if kind == REQUEST:
        if number != gesprek.sequence:
            return SkipReason.REPLACED
        if gesprek.is_cancelled:
            return SkipReason.CANCELLED
        if not is_participant:
            return SkipReason.GONE
    if kind == CANCEL and number != gesprek.sequence:
        return SkipReason.REPLACED
    if kind == SHARED and (gesprek.is_locked or not is_participant):
        return SkipReason.GONE
    return None


def _gesprek_mail(herinnering: Herinnering, gesprek, participants):
    kind, _number = _kind_parts(herinnering.kind)
    user = herinnering.user
    attachments = []
    if kind in (REQUEST, CANCEL):
        method = "REQUEST" if kind == REQUEST else "CANCEL"
        attendees = participants if kind == REQUEST else [user]
        attachments.append((
            "uitnodiging.ics", invitation_ics(gesprek, method=method, attendees=attendees),
            f"text/calendar; method={method}; charset=utf-8",
        ))
    return render_mail(
        template="driehoek_gesprek", recipient=user, preference="triangle",
        attachments=attachments,
        context={
            "gesprek": gesprek, "kind": kind, "student": gesprek.stage.student,
            "starts_at": timezone.localtime(gesprek.starts_at, AMSTERDAM),
            "ends_at": timezone.localtime(gesprek.ends_at, AMSTERDAM),
            "participants": participants,
            "url": f"{settings.SITE_URL}{gesprek.get_absolute_url()}",
        },
    )


def build_gesprek(*, rows: list[Herinnering]) -> dict[int, object]:
    """The invitations, cancellations and "please agree" mails of a batch: two queries."""
    gesprekken = (
        Driehoeksgesprek.objects.select_related("stage__student__user", "stage__school")
        .prefetch_related("deelnemers")
        .in_bulk({_object_id(row) for row in rows})
    )
    result: dict[int, object] = {}
    for row in rows:
        gesprek = gesprekken.get(_object_id(row))
        participants = list(gesprek.deelnemers.all()) if gesprek else []
        reason = _gesprek_skip(row, gesprek, {user.pk for user in participants})
        result[row.pk] = reason or _gesprek_mail(row, gesprek, participants)
    return result


def actiepunt_due(*, now: datetime.datetime) -> list[Due]:
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
    return [Due(actiepunt_key(pk), owner_id, DUE) for pk, owner_id in rows]


def build_actiepunt(*, rows: list[Herinnering]) -> dict[int, object]:
    """The due reminders of a batch; one query. Done or handed to someone else: skipped."""
    items = Actiepunt.objects.select_related("stage__student__user", "stage", "gesprek").in_bulk(
        {_object_id(row) for row in rows}
    )
    result: dict[int, object] = {}
    for row in rows:
        actiepunt = items.get(_object_id(row))
        if actiepunt is None or actiepunt.is_done or actiepunt.owner_id != row.user_id:
            result[row.pk] = SkipReason.GONE
            continue
        path = (
            actiepunt.gesprek.get_absolute_url() if actiepunt.gesprek
            else reverse("driehoek:stage", kwargs={"uuid": actiepunt.stage.uuid})
        )
        result[row.pk] = render_mail(
            template="driehoek_actiepunt", recipient=row.user, preference="action_items",
            context={"actiepunt": actiepunt, "student": actiepunt.stage.student,
                     "url": f"{settings.SITE_URL}{path}"},
        )
    return result


LABELS = {
    REQUEST: _("Triangle meeting invitation"),
    CANCEL: _("Triangle meeting cancelled"),
    SHARED: _("Triangle notes shared"),
    DUE: _("Action item due"),
}


def label(kind: str) -> str:
    base = _kind_parts(kind)[0]
    return str(LABELS.get(base, base))


def gesprek_subjects(*, ids: list[int]) -> dict[int, Subject]:
    return {
        gesprek.pk: Subject(
            f"{gesprek.title} ({timezone.localtime(gesprek.starts_at):%d-%m-%Y})",
            gesprek.get_absolute_url(),
        )
        for gesprek in Driehoeksgesprek.objects.filter(pk__in=ids).only("title", "starts_at", "uuid")
    }


def actiepunt_subjects(*, ids: list[int]) -> dict[int, Subject]:
    """An action item is shown on its placement's triangle page."""
    return {
        actiepunt.pk: Subject(
            actiepunt.description[:80],
            reverse("driehoek:stage", kwargs={"uuid": actiepunt.stage.uuid}),
        )
        for actiepunt in Actiepunt.objects.filter(pk__in=ids).select_related("stage")
    }


GESPREK_SOURCE = Source(
    prefix=GESPREK_PREFIX, build=build_gesprek, preference=lambda kind: "triangle", label=label,
    subjects=gesprek_subjects,
)
ACTIEPUNT_SOURCE = Source(
    prefix=ACTIEPUNT_PREFIX, due=actiepunt_due, build=build_actiepunt,
    preference=lambda kind: "action_items", label=label, subjects=actiepunt_subjects,
)
