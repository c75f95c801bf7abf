"""From student to starter, in one account (issue 15).

A person's learning record is their `Student` row through the phases. When a graduating
student starts as a teacher at a school of the partnership, `make_starter` turns the same
account into a starter: a `Starter` row is added; the mentor rows of their placements as a
student end and those placements are closed (only the person sees them from then on, until
the retention job removes them as it removes any placement's records); an induction
placement (`Stage` of kind INDUCTIE, no hours target) at the school starts on the chosen
day, optionally with an induction coach (`Begeleider` with function COACH). Learning
questions, classroom visits and evidence stay on the learning record and so go on into the
induction; the apps carry the rest over through `registries.inductie_started` (begeleiding:
the open development points). A starter added as a starter gets the same record
(`open_learning_record`).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import registries
from ..models import (
    Begeleider,
    BegeleiderStatus,
    Functie,
    Medewerker,
    Partnerschap,
    School,
    Stage,
    StageKind,
    Starter,
    Student,
    User,
)
from .stages import _set_formal_begeleider, ensure_schooljaar

# How far from today an induction may start: a typing error must not make a school year.
START_WINDOW = datetime.timedelta(days=366)


def _school_year_start(day: datetime.date) -> int:
    return day.year if day.month >= 8 else day.year - 1


def validate_coach(*, coach: Medewerker | None, school: School, user: User | None = None) -> None:
    """An induction coach is a colleague who works at the starter's school."""
    if coach is None:
        return
    if coach.school_id != school.pk or (user is not None and coach.user_id == user.pk):
        raise ValidationError({"coach": _("Choose a colleague who works at %(school)s.") % {
            "school": school}})


def _validate_start(*, started_on: datetime.date, today: datetime.date) -> None:
    if abs(started_on - today) > START_WINDOW:
        raise ValidationError({"started_on": _("Choose a start date within a year from today.")})


def _close_student_phase(*, student: Student, started_on: datetime.date) -> None:
    """End every open mentor row of the student's placements (their mentors lose access),
    end a placement still running when the induction starts on the day before, and close
    the placements: from now on they are the person's alone."""
    now = timezone.now()
    rows = Begeleider.objects.filter(
        stage__student=student, status__in=[BegeleiderStatus.ACTIVE, BegeleiderStatus.PROPOSED]
    ).exclude(stage__kind=StageKind.INDUCTIE)
    for row in rows:
        row.status = (BegeleiderStatus.ENDED if row.status == BegeleiderStatus.ACTIVE
                      else BegeleiderStatus.DECLINED)
        row.ended_at = now
        row.save(update_fields=["status", "ended_at"])
    for stage in student.stages.placements().filter(closed_at__isnull=True):
        fields = ["closed_at"]
        if stage.end_date >= started_on:
            stage.end_date = max(stage.start_date, started_on - datetime.timedelta(days=1))
            fields.append("end_date")
        stage.closed_at = now
        stage.save(update_fields=fields)


def _open_inductie(
    *, student: Student, school: School, started_on: datetime.date, coach: Medewerker | None,
) -> Stage:
    """The induction placement from `started_on` to the end of its school year, with the
    coach; then every app carries its part of the learning record into it."""
    schooljaar = ensure_schooljaar(start_year=_school_year_start(started_on))
    stage, _created = Stage.objects.get_or_create(
        student=student, school=school, schooljaar=schooljaar, kind=StageKind.INDUCTIE,
        defaults={"start_date": started_on, "end_date": schooljaar.end_date},
    )
    if coach is not None:
        _set_formal_begeleider(stage=stage, functie=Functie.COACH, medewerker=coach)
    for carry_over in registries.inductie_started:
        carry_over(student=student, stage=stage)
    return stage


@transaction.atomic
def make_starter(
    *,
    student: Student,
    school: School,
    started_on: datetime.date,
    subject: str = "",
    coach: Medewerker | None = None,
    partnerschap: Partnerschap | None = None,
    today: datetime.date | None = None,
) -> Starter:
    """Turn a graduating student into a starter at `school` from `started_on`, in the same
    account (see the module's docstring). Refused, with the reason on the field it is about,
    for an ended account, someone who is a starter already, a school of another
    partnership, a coach who does not work at the school, a start date more than a year
    from today, or a placement as a student that starts on or after the start date."""
    today = today or timezone.localdate()
    student = Student.objects.select_for_update().select_related("user").get(pk=student.pk)
    if not student.user.is_active:
        raise ValidationError(_("This account has been ended. Reopen it first."))
    if Starter.objects.filter(user_id=student.user_id).exists():
        raise ValidationError(_("%(name)s is already a starting teacher.") % {"name": student})
    errors: dict[str, str] = {}
    if school.partnerschap_id != (partnerschap.pk if partnerschap else student.partnerschap_id):
        errors["school"] = _("Choose a school of your partnership.")
    for check in (
        lambda: _validate_start(started_on=started_on, today=today),
        lambda: validate_coach(coach=coach, school=school, user=student.user),
    ):
        try:
            check()
        except ValidationError as error:
            errors.update({field: messages[0] for field, messages in error.message_dict.items()})
    later = (
        student.stages.placements().filter(start_date__gte=started_on)
        .select_related("school").order_by("start_date").first()
    )
    if later is not None and "started_on" not in errors:
        errors["started_on"] = _(
            "%(name)s has a placement at %(school)s that starts on %(date)s. Choose a later "
            "start date, or change that placement first."
        ) % {"name": student, "school": later.school,
             "date": date_format(later.start_date, "j F Y")}
    if errors:
        raise ValidationError(errors)
    starter = Starter.objects.create(
        user=student.user, school=school, subject=subject.strip(), started_on=started_on
    )
    _close_student_phase(student=student, started_on=started_on)
    _open_inductie(student=student, school=school, started_on=started_on, coach=coach)
    return starter


def open_learning_record(*, starter: Starter, today: datetime.date | None = None) -> Stage:
    """The learning record and induction placement of a starter who was never a student
    here (added by a coordinator or an import): a Student row without programme or study
    year, in the partnership of the starter's school. Idempotent."""
    today = today or timezone.localdate()
    student, _created = Student.objects.get_or_create(
        user=starter.user, defaults={"partnerschap_id": starter.school.partnerschap_id},
    )
    student.user = starter.user  # the user object knows its learning record from now on
    # A starter in a later year of their induction goes on from the start of this school
    # year; an unlikely date far ahead is read as today.
    this_year = ensure_schooljaar(start_year=_school_year_start(today))
    started_on = max(starter.started_on or today, this_year.start_date)
    if started_on - today > START_WINDOW:
        started_on = today
    return _open_inductie(student=student, school=starter.school, started_on=started_on,
                          coach=None)


@transaction.atomic
def set_coach(*, stage: Stage, coach: Medewerker | None) -> Begeleider | None:
    """Make `coach` the induction coach of this induction placement (None: no coach); the
    previous coach's row ends, so they no longer see the starter."""
    stage = Stage.objects.select_for_update().select_related("school", "student__user").get(
        pk=stage.pk)
    if stage.kind != StageKind.INDUCTIE:
        raise ValidationError(_("Only an induction has an induction coach."))
    validate_coach(coach=coach, school=stage.school, user=stage.student.user)
    _set_formal_begeleider(stage=stage, functie=Functie.COACH, medewerker=coach)
    return stage.begeleiders.active().filter(functie=Functie.COACH).first()


def move_inductie(*, starter: Starter, school: School, today: datetime.date | None = None) -> None:
    """The starter now works at `school`: their running induction moves there, and a coach
    at the old school stops."""
    today = today or timezone.localdate()
    for stage in Stage.objects.filter(
        student__user_id=starter.user_id, kind=StageKind.INDUCTIE, end_date__gte=today,
    ).exclude(school=school):
        stage.school = school
        stage.save(update_fields=["school"])
        _set_formal_begeleider(stage=stage, functie=Functie.COACH, medewerker=None)
