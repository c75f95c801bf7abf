"""The personal calendar feed: a secret, revocable address per person that Google Calendar,
Outlook and Apple Calendar subscribe to. Stable UIDs, the Europe/Amsterdam VTIMEZONE,
SEQUENCE for updates and STATUS:CANCELLED for cancellations.

Every event, whichever app contributes it, leaves valid per RFC 5545 (a DTSTAMP, absolute
URLs on SITE_URL) and carries the alarms the person chose for reminders (a week before, on the
morning), so the calendar reminds them the way the mail would."""

from __future__ import annotations

import datetime
import functools

import icalendar
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from opleidingsschool import registries, schoolcalendar
from opleidingsschool.access import medewerker_of
from opleidingsschool.compiled import CompiledQuery
from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    JuryLid,
    KalenderFeed,
    NotificatieVoorkeur,
    Presentatie,
    Uitnodiging,
    UitnodigingStatus,
)
from opleidingsschool.urlmemo import reverse
from opleidingsschool.userload import load_request_user

PAST = datetime.timedelta(days=90)
FUTURE = datetime.timedelta(days=400)


def feed_domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def _my_sessions(user_id, medewerker_id, start, end):
    branches = [
        Aanmelding.objects.filter(user_id=user_id, status=AanmeldingStatus.REGISTERED)
        .values("bijeenkomst_id"),
        Presentatie.objects.filter(student__user_id=user_id).values("bijeenkomst_id"),
    ]
    if medewerker_id is not None:
        branches += [
            Uitnodiging.objects.filter(medewerker_id=medewerker_id,
                                       status=UitnodigingStatus.ACCEPTED)
            .values("bijeenkomst_id"),
            JuryLid.objects.filter(medewerker_id=medewerker_id).values("bijeenkomst_id"),
        ]
    first, *rest = [branch.order_by() for branch in branches]
    return Bijeenkomst.objects.filter(
        pk__in=first.union(*rest), starts_at__gte=start, starts_at__lte=end
    ).order_by("starts_at")


# Compiled once (opleidingsschool/compiled.py): for everyone, and for staff with the
# invitations and juries of their staff record.
_MY_SESSIONS = CompiledQuery(
    "feed_sessions", lambda user_id, start, end: _my_sessions(user_id, None, start, end),
    int, datetime.datetime, datetime.datetime)
_MY_SESSIONS_AS_STAFF = CompiledQuery(
    "feed_sessions_staff", _my_sessions, int, int, datetime.datetime, datetime.datetime)


def my_bijeenkomsten(user, start, end) -> list[Bijeenkomst]:
    """Sessions the person goes to: registered (not waiting), accepted invitations, jury,
    presenting. Cancelled ones stay in, so calendars can show the cancellation.

    Ids first, one small indexed query per reason joined by UNION (issue 10): an OR of
    EXISTS per session made Postgres test every session of the country in the window."""
    medewerker = medewerker_of(user)
    if medewerker is None:
        return _MY_SESSIONS.list(user.pk, start, end)
    return _MY_SESSIONS_AS_STAFF.list(user.pk, medewerker.pk, start, end)


def event_for(bijeenkomst: Bijeenkomst) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"bijeenkomst-{bijeenkomst.uuid}@{feed_domain()}")
    event.add("summary", bijeenkomst.title)
    tz = timezone.get_default_timezone()
    event.add("dtstart", timezone.localtime(bijeenkomst.starts_at, tz))
    event.add("dtend", timezone.localtime(bijeenkomst.ends_at, tz))
    event.add("dtstamp", bijeenkomst.updated_at)
    event.add("last-modified", bijeenkomst.updated_at)
    event.add("sequence", bijeenkomst.sequence)
    event.add("location", bijeenkomst.place)
    description = "\n\n".join(part for part in (bijeenkomst.description, bijeenkomst.agenda) if part)
    if description:
        event.add("description", description)
    event.add("url", f"{settings.SITE_URL}{bijeenkomst.get_absolute_url()}")
    cancelled = bijeenkomst.status == BijeenkomstStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def closed_day_events(user, start: datetime.datetime, end: datetime.datetime) -> list:
    """The school holidays and days off that concern the person (schoolcalendar
    .closed_spans_for), as all-day events: free time (TRANSP:TRANSPARENT), no alarms, a UID
    per holiday or day-off row. One query."""
    events = []
    domain, url = feed_domain(), reverse("bijeenkomsten:agenda")  # where the agenda lists them
    for span in schoolcalendar.closed_spans_for(
            user, timezone.localtime(start).date(), timezone.localtime(end).date()):
        event = icalendar.Event()
        event.add("uid", f"{span.key}@{domain}")
        event.add("summary", f"{span.name} ({span.school})" if span.school else span.name)
        event.add("dtstart", span.start)
        event.add("dtend", span.end + datetime.timedelta(days=1))  # DTEND of a date: exclusive
        event.add("transp", "TRANSPARENT")
        event.add("url", url)
        events.append(event)
    return events


def absolute_url(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def _alarm(summary: str, trigger) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    if isinstance(trigger, datetime.datetime):  # RFC 5545 3.8.6.3: an absolute trigger says so
        alarm.add("trigger", trigger, parameters={"VALUE": "DATE-TIME"})
    else:
        alarm.add("trigger", trigger)
    return alarm


def alarms_for(event: icalendar.Event, voorkeur) -> list[icalendar.Alarm]:
    """The reminders the person wants (NotificatieVoorkeur), as alarms: a week before the
    start, and on the morning of the day at REMINDER_MORNING_TIME (Europe/Amsterdam). None
    for a cancelled event, nor for free time (TRANSP:TRANSPARENT: a school holiday)."""
    if str(event.get("status", "")).upper() == "CANCELLED" or "dtstart" not in event:
        return []
    if str(event.get("transp", "")).upper() == "TRANSPARENT":
        return []
    summary = str(event.get("summary", ""))
    alarms = []
    if voorkeur.week_before:
        alarms.append(_alarm(summary, -datetime.timedelta(days=7)))
    if voorkeur.same_day:
        start = event.decoded("dtstart")
        day = timezone.localtime(start).date() if isinstance(start, datetime.datetime) else start
        morning = datetime.datetime.combine(
            day, datetime.time.fromisoformat(settings.REMINDER_MORNING_TIME),
            tzinfo=timezone.get_default_timezone(),
        )
        if not isinstance(start, datetime.datetime) or morning < start:
            alarms.append(_alarm(summary, morning.astimezone(datetime.UTC)))
        else:  # starts before the morning reminder: an hour before instead
            alarms.append(_alarm(summary, -datetime.timedelta(hours=1)))
    return alarms


def finish(event: icalendar.Event, *, voorkeur, now: datetime.datetime) -> icalendar.Event:
    """Whatever a source forgot, the feed completes: DTSTAMP (required) and an absolute URL."""
    if "dtstamp" not in event:
        event.add("dtstamp", now)
    if "url" in event:
        url = absolute_url(str(event.pop("url")))
        event.add("url", url)
    for alarm in alarms_for(event, voorkeur):
        event.add_component(alarm)
    return event


def calendar_for(user, *, now: datetime.datetime | None = None,
                 voorkeur: NotificatieVoorkeur | None = None) -> icalendar.Calendar:
    """The person's feed. `voorkeur`: their reminder preferences, if the caller has them
    already (the view reads them with the token's row); otherwise one query more."""
    now = now or timezone.now()
    start, end = now - PAST, now + FUTURE
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.PORTAL_NAME}//opleidingsschool//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", settings.PORTAL_NAME)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    if voorkeur is None:
        from .services import preferences_for

        voorkeur = preferences_for(user)
    for bijeenkomst in my_bijeenkomsten(user, start, end):
        cal.add_component(finish(event_for(bijeenkomst), voorkeur=voorkeur, now=now))
    for event in closed_day_events(user, start, end):
        cal.add_component(finish(event, voorkeur=voorkeur, now=now))
    for source in registries.calendar_sources:
        for event in source(user=user, start=start, end=end):
            cal.add_component(finish(event, voorkeur=voorkeur, now=now))
    _add_timezones(cal)
    return cal


@functools.cache
def _vtimezone(tzid: str) -> icalendar.Timezone:
    vtimezone = icalendar.Timezone.from_tzid(tzid)
    _written[id(vtimezone)] = (vtimezone, vtimezone.to_ical())
    return vtimezone


# Each VTIMEZONE _vtimezone made, with its text, by id(): held here, no other component can
# take its id (feed_ical checks it is the same component all the same).
_written: dict[int, tuple[icalendar.Timezone, bytes]] = {}
_END = b"END:VCALENDAR\r\n"
_FOLD_AT = 75  # icalendar folds a line once it reaches 75 octets (RFC 5545 3.1)


def _component_ical(component: icalendar.Component) -> bytes:
    """`component.to_ical()`, byte for byte. icalendar makes the content lines and folds the
    long ones as always; a line shorter than the folding length (nearly every line of a
    feed) is taken as it is, instead of being measured character by character (issue 10)."""
    lines = []
    for line in component.content_lines():
        if line:  # as Contentlines.to_ical: the empty string at the end is no line
            data = line.encode("utf-8")
            lines.append(data if len(data) < _FOLD_AT else line.to_ical())
    return b"\r\n".join(lines) + b"\r\n"


def feed_ical(cal: icalendar.Calendar) -> bytes:
    """`cal.to_ical()`, byte for byte (tests/bijeenkomsten/test_feeds.py), with each shared
    VTIMEZONE (_add_timezones) written once per process: Europe/Amsterdam's transitions up
    to 2037 were a quarter of writing every feed (issue 10). A component's text ends in
    CRLF, so the calendar is its properties' lines, each component's, then END:VCALENDAR."""
    head = _component_ical(icalendar.Calendar(cal))  # the properties, not the components
    parts = [head.removesuffix(_END)]
    for component in cal.subcomponents:
        shared, text = _written.get(id(component), (None, b""))
        parts.append(text if shared is component else _component_ical(component))
    parts.append(_END)
    return b"".join(parts)


def _used_tzids(cal: icalendar.Calendar) -> set[str]:
    """icalendar's Calendar.get_used_tzids (every TZID parameter of every property, however
    deep), without writing out a BEGIN and END for every component as it does: 0.06 ms for
    the demo student's feed instead of 0.37 (issue 10)."""
    tzids = set()
    for component in cal.walk():
        for value in component.values():
            for item in value if isinstance(value, list) else (value,):
                params = getattr(item, "params", None)
                if params and params.get("TZID") is not None:
                    tzids.add(params["TZID"])
    return tzids


def _add_timezones(cal: icalendar.Calendar) -> None:
    """What icalendar's add_missing_timezones does (a VTIMEZONE for every TZID the events
    use, before the events), with each VTIMEZONE made once per process: making Europe/
    Amsterdam's from the time zone database again took a tenth of every feed (issue 10). The
    component is only read when the feed is written, so every feed can hold the same one."""
    timezones = cal.timezones
    missing = _used_tzids(cal) - {"UTC"} - {vtimezone.tz_name for vtimezone in timezones}
    position = len(timezones)
    for tzid in sorted(missing):
        try:
            vtimezone = _vtimezone(tzid)
        except ValueError:  # not in the time zone database: as icalendar, left out
            continue
        cal.subcomponents.insert(position, vtimezone)
        position += 1


@require_GET
def feed(request, token):
    """No log-in: the secret address is the key. A reset token is a 404 at once."""
    # The person's reminder preferences come with the token's row (a LEFT JOIN of their one
    # row, if they made a choice), not in a query of their own.
    user_id, week_before, same_day = get_object_or_404(
        KalenderFeed.objects.values_list(
            "user_id", "user__notificatievoorkeur__week_before",
            "user__notificatievoorkeur__same_day",
        ),
        token=token, user__is_active=True,
    )
    # The person with their student, starter and staff records, as a logged-in request's
    # user is loaded (one statement prepared per connection: the join of nine tables costs
    # Postgres more to plan than to run).
    user = load_request_user(user_id)
    if user is None:
        raise Http404
    voorkeur = NotificatieVoorkeur(user=user)  # no row: the defaults, as preferences_for
    if week_before is not None:
        voorkeur.week_before, voorkeur.same_day = week_before, same_day
    response = HttpResponse(
        feed_ical(calendar_for(user, voorkeur=voorkeur)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
