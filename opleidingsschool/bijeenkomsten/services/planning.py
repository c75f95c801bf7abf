"""Planning sessions (single and series), moving and cancelling them, and the notices that
go out when they change."""

from __future__ import annotations

import calendar
import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    Criterium,
    Partnerschap,
    Reeks,
    Soort,
    User,
)
from opleidingsschool.notifications import outbox

from .. import notices

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
LAST = 5  # "the last <weekday> of the month"


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """An Amsterdam wall-clock time as an aware datetime: 14:00 stays 14:00 across DST."""
    return datetime.datetime.combine(day, time, tzinfo=AMSTERDAM)


def default_times() -> tuple[datetime.time, datetime.time]:
    """The partnership's fixed moment (settings; Thursday afternoon by default)."""
    return (
        notices.parse_time(settings.BIJEENKOMST_DEFAULT_START),
        notices.parse_time(settings.BIJEENKOMST_DEFAULT_END),
    )


def default_date(today: datetime.date | None = None) -> datetime.date:
    """The next default weekday (Thursday) from today on."""
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=(settings.BIJEENKOMST_DEFAULT_WEEKDAY - today.weekday()) % 7)


def series_dates(
    *, first: datetime.date, last: datetime.date, weekday: int, pattern: str, week_of_month: int = 1
) -> list[datetime.date]:
    """The dates of a series: 'monthly' on the n-th (or last) weekday of each month,
    'weekly' or 'fortnightly' on the weekday, from first to last inclusive."""
    dates: list[datetime.date] = []
    if pattern == "monthly":
        year, month = first.year, first.month
        while datetime.date(year, month, 1) <= last:
            days = [
                datetime.date(year, month, number)
                for number in range(1, calendar.monthrange(year, month)[1] + 1)
                if calendar.weekday(year, month, number) == weekday
            ]
            day = days[-1] if week_of_month == LAST else days[week_of_month - 1]
            if first <= day <= last:
                dates.append(day)
            if (year, month) == (datetime.MAXYEAR, 12):  # the calendar ends here
                break
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return dates
    step = datetime.timedelta(days=14 if pattern == "fortnightly" else 7)
    offset = datetime.timedelta(days=(weekday - first.weekday()) % 7)
    if datetime.date.max - first < offset:
        return dates
    day = first + offset
    while day <= last:
        dates.append(day)
        if datetime.date.max - day < step:
            break
        day += step
    return dates


def default_criteria() -> list[str]:
    return [_("Research question"), _("Method"), _("Meaning for practice"), _("Presentation")]


def _times(day, start_time, end_time) -> tuple[datetime.datetime, datetime.datetime]:
    starts_at, ends_at = local_datetime(day, start_time), local_datetime(day, end_time)
    if ends_at <= starts_at:
        raise ValidationError({"end_time": _("The session must end after it starts.")})
    return starts_at, ends_at


def _check_schools(partnerschap_id: int, schools) -> None:
    """A session is open to schools of its own partnership only."""
    if any(school.partnerschap_id != partnerschap_id for school in schools):
        raise ValidationError({"schools": _("Choose schools of your own partnership.")})


def _new(
    *, by: User, partnerschap: Partnerschap, day, start_time, end_time, schools=(), reeks=None,
    **fields,
) -> Bijeenkomst:
    starts_at, ends_at = _times(day, start_time, end_time)
    _check_schools(partnerschap.pk, schools)
    bijeenkomst = Bijeenkomst(
        partnerschap=partnerschap, starts_at=starts_at, ends_at=ends_at, created_by=by,
        reeks=reeks, **fields,
    )
    bijeenkomst.full_clean(exclude=["reeks", "created_by", "instituut"])
    bijeenkomst.save()
    if schools:
        bijeenkomst.schools.set(schools)
    if bijeenkomst.soort == Soort.SYMPOSIUM:
        Criterium.objects.bulk_create(
            Criterium(bijeenkomst=bijeenkomst, name=name, position=position)
            for position, name in enumerate(default_criteria())
        )
    return bijeenkomst


@transaction.atomic
def create_bijeenkomst(
    *, by: User, partnerschap: Partnerschap, day: datetime.date, start_time: datetime.time,
    end_time: datetime.time, schools=(), **fields
) -> Bijeenkomst:
    """Plan one session of the partnership."""
    return _new(by=by, partnerschap=partnerschap, day=day, start_time=start_time,
                end_time=end_time, schools=schools, **fields)


@transaction.atomic
def create_reeks(
    *,
    by: User,
    partnerschap: Partnerschap,
    first: datetime.date,
    last: datetime.date,
    weekday: int,
    pattern: str,
    week_of_month: int = 1,
    start_time: datetime.time,
    end_time: datetime.time,
    schools=(),
    rule: str = "",
    **fields,
) -> Reeks:
    """Plan a whole series of the partnership in one go; each occurrence can be moved or
    cancelled on its own."""
    dates = series_dates(
        first=first, last=last, weekday=weekday, pattern=pattern, week_of_month=week_of_month
    )
    if not dates:
        raise ValidationError(_("No dates fall in this period. Choose a longer period."))
    if len(dates) > 60:
        raise ValidationError(_("A series can have at most 60 sessions."))
    reeks = Reeks.objects.create(
        partnerschap=partnerschap, title=fields["title"], soort=fields["soort"], description=rule,
        created_by=by,
    )
    for day in dates:
        _new(by=by, partnerschap=partnerschap, day=day, start_time=start_time,
             end_time=end_time, schools=schools, reeks=reeks, **fields)
    return reeks


def _lock(bijeenkomst: Bijeenkomst) -> None:
    """Serialise changes to one session's rows until the transaction ends."""
    list(Bijeenkomst.objects.select_for_update().filter(pk=bijeenkomst.pk).values_list("pk"))


def queue_notice(*, bijeenkomst: Bijeenkomst, kind: str, user_ids) -> None:
    """Record a notice for each person (once, by the unique constraint) in the outbox; it is
    sent after the commit, and if that enqueue gets lost, the sweep picks it up again."""
    outbox.notify(notices.notice_rows(bijeenkomst, kind, user_ids))


@transaction.atomic
def update_bijeenkomst(
    *,
    bijeenkomst: Bijeenkomst,
    by: User,
    day: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    schools=(),
    **fields,
) -> Bijeenkomst:
    """Change a session. A new time or place raises its revision (calendars update) and
    tells everyone who comes or waits for a place; more capacity moves the waiting list up."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    starts_at, ends_at = _times(day, start_time, end_time)
    _check_schools(bijeenkomst.partnerschap_id, schools)
    moved = (starts_at, ends_at, fields.get("place", bijeenkomst.place)) != (
        bijeenkomst.starts_at,
        bijeenkomst.ends_at,
        bijeenkomst.place,
    )
    bijeenkomst.starts_at, bijeenkomst.ends_at = starts_at, ends_at
    for name, value in fields.items():
        setattr(bijeenkomst, name, value)
    bijeenkomst.updated_at = timezone.now()
    if moved:
        bijeenkomst.sequence += 1
    bijeenkomst.full_clean(exclude=["reeks", "created_by", "instituut"])
    bijeenkomst.save()
    bijeenkomst.schools.set(schools)
    if moved and bijeenkomst.status == BijeenkomstStatus.PLANNED and not bijeenkomst.is_past:
        people = notices.recipients([bijeenkomst.pk]).get(bijeenkomst.pk, set())
        people |= notices.waiting(bijeenkomst.pk)
        queue_notice(bijeenkomst=bijeenkomst, kind=f"changed-{bijeenkomst.sequence}", user_ids=people)
    _promote_waiting(bijeenkomst)
    return bijeenkomst


@transaction.atomic
def cancel_bijeenkomst(*, bijeenkomst: Bijeenkomst, by: User) -> Bijeenkomst:
    """Cancel one session (of a series, the others stay); everyone who comes or waits for a
    place is told."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    if bijeenkomst.status == BijeenkomstStatus.CANCELLED:
        return bijeenkomst
    people = notices.recipients([bijeenkomst.pk]).get(bijeenkomst.pk, set())
    people |= notices.waiting(bijeenkomst.pk)
    bijeenkomst.status = BijeenkomstStatus.CANCELLED
    bijeenkomst.sequence += 1
    bijeenkomst.updated_at = timezone.now()
    bijeenkomst.save(update_fields=["status", "sequence", "updated_at"])
    if not bijeenkomst.is_past:
        queue_notice(bijeenkomst=bijeenkomst, kind=notices.CANCELLED, user_ids=people)
    return bijeenkomst


def _registered_count(bijeenkomst: Bijeenkomst) -> int:
    return bijeenkomst.aanmeldingen.filter(status=AanmeldingStatus.REGISTERED).count()


def _promote_waiting(bijeenkomst: Bijeenkomst) -> list[Aanmelding]:
    """Move people up from the waiting list, in order, while there is room. The caller
    holds the session's row lock."""
    promoted: list[Aanmelding] = []
    if bijeenkomst.status != BijeenkomstStatus.PLANNED:
        return promoted
    free = None if bijeenkomst.capacity is None else bijeenkomst.capacity - _registered_count(bijeenkomst)
    waiting = bijeenkomst.aanmeldingen.filter(status=AanmeldingStatus.WAITING).order_by("registered_at", "pk")
    for aanmelding in waiting if free is None else waiting[: max(free, 0)]:
        aanmelding.status = AanmeldingStatus.REGISTERED
        aanmelding.save(update_fields=["status"])
        promoted.append(aanmelding)
        queue_notice(bijeenkomst=bijeenkomst, kind=f"promoted-{aanmelding.pk}", user_ids=[aanmelding.user_id])
    return promoted


@transaction.atomic
def update_reeks(*, reeks: Reeks, by: User, changes: list[dict]) -> int:
    """Save the series' list in one go: each change is {bijeenkomst, day, start_time, end_time,
    place}. A session whose date, time or place really changed is moved as on its own page
    (revision raised, everyone who comes told); the others are left alone. All or nothing.
    Returns the number of sessions moved."""
    moved = 0
    for change in changes:
        bijeenkomst = change["bijeenkomst"]
        if bijeenkomst.reeks_id != reeks.pk:
            continue
        starts_at, ends_at = _times(change["day"], change["start_time"], change["end_time"])
        if (starts_at, ends_at, change["place"]) == (bijeenkomst.starts_at, bijeenkomst.ends_at,
                                                     bijeenkomst.place):
            continue
        update_bijeenkomst(
            bijeenkomst=bijeenkomst, by=by, day=change["day"], start_time=change["start_time"],
            end_time=change["end_time"], schools=list(bijeenkomst.schools.all()),
            place=change["place"],
        )
        moved += 1
    return moved
