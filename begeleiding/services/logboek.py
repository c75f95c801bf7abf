"""Writes of the day log and experience hours."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool import homecache
from opleidingsschool.models import Aanmelding, Stage, Student, User

from ..models import (
    Activiteit,
    Leervraag,
    Lesbezoek,
    Logregel,
)
from ..selectors import format_hours, round_to_quarter, stage_on
from ._common import QUARTER, _touch


def validate_logregel(
    *,
    student: Student,
    day: datetime.date | None,
    hours: Decimal | None,
    logregel: Logregel | None = None,
) -> Stage:
    """Refuse impossible hours; return the placement the day belongs to.

    Refused: zero or negative hours, steps other than a quarter hour, a date in the future,
    a date outside every placement, and more than 24 hours on one day in total."""
    errors: dict[str, str] = {}
    stage = None
    if hours is not None:
        if hours <= 0:
            errors["hours"] = _("Enter more than 0 hours.")
        elif hours % QUARTER:
            errors["hours"] = _("Enter hours in quarter-hour steps, for example 1,25 or 3,5.")
        elif hours > 24:
            errors["hours"] = _("A day has no more than 24 hours.")
    if day is not None:
        if day > timezone.localdate():
            errors["date"] = _("This date is in the future. Log hours once the day has come.")
        else:
            stage = stage_on(student, day)
            if stage is None:
                errors["date"] = _(
                    "This date lies outside your placement. Experience hours count only "
                    "during a placement."
                )
    if day is not None and hours is not None and "hours" not in errors and "date" not in errors:
        others = Logregel.objects.filter(student=student, date=day)
        if logregel is not None and logregel.pk:
            others = others.exclude(pk=logregel.pk)
        logged = others.aggregate(total=Sum("hours"))["total"] or Decimal(0)
        if logged + hours > 24:
            errors["hours"] = _(
                "You already logged %(logged)s hours on this day; together that is more "
                "than 24 hours."
            ) % {"logged": format_hours(logged)}
    if errors:
        raise ValidationError(errors)
    return stage


@transaction.atomic
def save_logregel(
    *,
    student: Student,
    date: datetime.date,
    activity: str,
    hours: Decimal,
    done: str,
    learned: str = "",
    leervraag: Leervraag | None = None,
    logregel: Logregel | None = None,
    lesbezoek: Lesbezoek | None = None,
    aanmelding: Aanmelding | None = None,
    visibility: str | None = None,
) -> Logregel:
    """Create or change a day-log entry. A confirmed entry is locked. `visibility`
    (Visibility.PRIVATE: "only me") hides what was done and learned, never the hours."""
    if logregel is not None and logregel.is_confirmed:
        raise ValidationError(_("This entry has been confirmed and can no longer be changed."))
    # Serialise a student's entries so two quick saves cannot pass 24 hours together.
    Student.objects.select_for_update().filter(pk=student.pk).first()
    stage = validate_logregel(student=student, day=date, hours=hours, logregel=logregel)
    if leervraag is not None and leervraag.student_id != student.pk:
        raise ValidationError({"leervraag": _("Choose one of your own learning questions.")})
    if logregel is None:
        logregel = Logregel(student=student, lesbezoek=lesbezoek, aanmelding=aanmelding)
    logregel.stage = stage
    logregel.date = date
    logregel.activity = activity
    logregel.hours = hours
    logregel.done = done.strip()
    logregel.learned = learned.strip()
    logregel.leervraag = leervraag
    if visibility is not None:
        logregel.visibility = visibility
    logregel.save()
    _touch(leervraag)
    return logregel


@transaction.atomic
def aanmelding_to_logregel(*, aanmelding: Aanmelding, student: Student) -> Logregel:
    """Book an attended session as a day-log entry in one step: activity session, the
    session's date, its experience hours rounded to quarter hours, the title as what was
    done. All the day log's rules apply (24 hours a day, inside the placement, not in the
    future); the entry then waits for the werkplekbegeleider like any other.

    A session is booked at most once: Logregel.aanmelding is unique in the database, so
    even two clicks at the same moment give one entry and a clear message."""
    bijeenkomst = aanmelding.bijeenkomst
    if aanmelding.user_id != student.user_id:
        raise ValidationError(_("You can only book sessions you attended yourself."))
    if not aanmelding.attended or bijeenkomst.is_cancelled:
        raise ValidationError(
            _("A session counts once the coordinator has recorded that you were there.")
        )
    hours = round_to_quarter(bijeenkomst.experience_hours)
    if hours <= 0:
        raise ValidationError(_("This session does not count for experience hours."))
    # The same lock save_logregel takes: a second click waits here and then sees the first.
    Student.objects.select_for_update().filter(pk=student.pk).first()
    if Logregel.objects.filter(aanmelding=aanmelding).exists():
        raise ValidationError(_("This session is already in your day log."))
    try:
        return save_logregel(
            student=student, date=timezone.localtime(bijeenkomst.starts_at).date(),
            activity=Activiteit.BIJEENKOMST, hours=hours, done=bijeenkomst.title,
            aanmelding=aanmelding,
        )
    except IntegrityError:
        # save_logregel's savepoint is rolled back; this transaction stays usable.
        raise ValidationError(_("This session is already in your day log.")) from None


@transaction.atomic
def delete_logregel(*, logregel: Logregel) -> None:
    if logregel.is_confirmed:
        raise ValidationError(_("This entry has been confirmed and can no longer be changed."))
    logregel.delete()


@transaction.atomic
def confirm_logregels(*, logregels, by: User) -> int:
    """The werkplekbegeleider signs off entries; returns how many were confirmed now."""
    ids = [logregel.pk for logregel in logregels if not logregel.is_confirmed]
    homecache.touch(Logregel.objects.filter(pk__in=ids, confirmed_at__isnull=True))
    return Logregel.objects.filter(pk__in=ids, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now(), confirmed_by=by
    )
