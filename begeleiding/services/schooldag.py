"""Writes of the school day (issue 14): the student's plan for the day, the line of the
group round that becomes a draft day-log entry, and following a class for a day."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool.models import Student
from opleidingsschool.schoolcalendar import no_school_reason

from ..models import (
    LOGREGEL_ACTIVITEIT,
    Activiteit,
    Dagplan,
    DagplanActiviteit,
    Leervraag,
    Lesaanbod,
    Lesbezoek,
    Logregel,
)
from ..selectors import stage_on
from .lesbezoeken import request_lesbezoek
from .logboek import save_logregel

__all__ = ["close_day", "follow_class", "save_dagplan"]


def _school_stage(student: Student, day: datetime.date, *, field: str = "date"):
    """The placement the day belongs to, if the student is at school then."""
    stage = stage_on(student, day)
    if stage is None:
        raise ValidationError({field: _("This date lies outside your placement.")})
    reason = no_school_reason(stage, day)
    if reason is not None:
        raise ValidationError({field: _("No school on that day (%(reason)s). Choose a school "
                                        "day.") % {"reason": reason}})
    return stage


@transaction.atomic
def save_dagplan(*, student: Student, day: datetime.date, activity: str,
                 leervraag: Leervraag | None = None, text: str = "") -> Dagplan:
    """Write or change the student's plan for a school day (today or one to come). Refused:
    a past day, a day without school (weekend, holiday, day off, not a school day of the
    placement), someone else's learning question, a day already closed."""
    if day < timezone.localdate():
        raise ValidationError(_("A plan is for today or a school day to come."))
    stage = _school_stage(student, day)
    if leervraag is not None and leervraag.student_id != student.pk:
        raise ValidationError({"leervraag": _("Choose one of your own learning questions.")})
    if activity not in DagplanActiviteit.values:
        raise ValidationError({"activity": _("Choose what you will do.")})
    plan = Dagplan.objects.select_for_update().filter(student=student, date=day).first()
    if plan is not None and plan.logregel_id:
        raise ValidationError(_("This day has been closed; its plan can no longer change."))
    if plan is None:
        plan = Dagplan(student=student, date=day)
    plan.stage = stage
    plan.activity = activity
    plan.leervraag = leervraag
    plan.text = text.strip()
    plan.updated_at = timezone.now()
    plan.save()
    return plan


@transaction.atomic
def close_day(*, student: Student, day: datetime.date, done: str, hours: Decimal,
              learned: str = "") -> Logregel:
    """The student's line of the group round (or the "close your day" prompt) becomes a
    draft day-log entry: not confirmed, waiting for the werkplekbegeleider in the usual
    flow; its activity and learning question come from the morning's plan, if there was
    one. All the day log's rules apply. A day is closed once."""
    if not done.strip():
        raise ValidationError({"done": _("Write down what you did today.")})
    Student.objects.select_for_update().filter(pk=student.pk).first()
    plan = Dagplan.objects.select_for_update().filter(student=student, date=day).first()
    if plan is not None and plan.logregel_id:
        raise ValidationError(_("This day has already been closed."))
    if plan is None and Logregel.objects.filter(student=student, date=day).exists():
        raise ValidationError(_("This day has already been closed."))
    entry = save_logregel(
        student=student, date=day,
        activity=LOGREGEL_ACTIVITEIT[plan.activity] if plan else Activiteit.OVERIG,
        hours=hours, done=done, learned=learned,
        leervraag=plan.leervraag if plan else None,
    )
    if plan is not None:
        plan.logregel = entry
        plan.save(update_fields=["logregel"])
    return entry


@transaction.atomic
def follow_class(*, student: Student, day: datetime.date, class_name: str,
                 lessons: list[Lesaanbod], leervraag: Leervraag | None = None,
                 message: str = "") -> list[Lesbezoek]:
    """Follow a class for a day: one visit request per lesson through request_lesbezoek
    (each teacher answers their own), all or none: if one lesson is refused, nothing is
    requested and every reason is given. The day's plan becomes "follow a class" unless the
    student already planned that day."""
    if not lessons:
        raise ValidationError({"lessen": _("Tick at least one lesson.")})
    errors = []
    visits = []
    for lesson in lessons:
        try:
            visits.append(request_lesbezoek(student=student, lesaanbod=lesson, day=day,
                                            leervraag=leervraag, message=message))
        except ValidationError as error:
            errors += [_("Lesson hour %(hour)s, %(subject)s: %(error)s") % {
                "hour": lesson.lesson_hour, "subject": lesson.subject, "error": text,
            } for text in error.messages]
    if errors:
        raise ValidationError(errors)
    if not Dagplan.objects.filter(student=student, date=day).exists():
        save_dagplan(student=student, day=day, activity=DagplanActiviteit.KLAS_VOLGEN,
                     leervraag=leervraag,
                     text=_("Follow %(class)s for the day") % {"class": class_name})
    return visits
