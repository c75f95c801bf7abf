"""Reads shared by the other selector modules."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from opleidingsschool.compiled import CompiledQuery
from opleidingsschool.models import (
    Stage,
    Student,
)

# A learning question without anything new for this long shows as a signal.
QUIET_AFTER = datetime.timedelta(days=21)
# A klik score at or below this shows as a signal for the schoolopleider.
LOW_KLIK = 2
# Hosting counts for fairness over this window.
FAIRNESS_WINDOW = datetime.timedelta(days=60)


def own_student(user) -> Student | None:
    """The user's own student profile, if they are a student."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.student
    except Student.DoesNotExist:
        return None


def _stages_of(student_id):
    return Stage.objects.filter(student_id=student_id).select_related(
        "school", "schooljaar", "student__opleiding"
    )


# current_stage's three questions, asked on every page of a student's record: compiled once
# (opleidingsschool/compiled.py).
_RUNNING = CompiledQuery("current_stage_running", lambda student_id, today: _stages_of(
    student_id).filter(start_date__lte=today, end_date__gte=today).order_by("-start_date")[:1],
    int, datetime.date)
_STARTED = CompiledQuery("current_stage_started", lambda student_id, today: _stages_of(
    student_id).filter(start_date__lte=today).order_by("-end_date")[:1], int, datetime.date)
_FIRST = CompiledQuery("current_stage_first", lambda student_id: _stages_of(
    student_id).order_by("start_date")[:1], int)


def current_stage(student: Student, today: datetime.date | None = None) -> Stage | None:
    """The placement that runs today, else the most recent one that has started, else the
    next one."""
    today = today or timezone.localdate()
    found = (
        _RUNNING.list(student.pk, today) or _STARTED.list(student.pk, today)
        or _FIRST.list(student.pk)
    )
    return found[0] if found else None


def stage_on(student: Student, day: datetime.date) -> Stage | None:
    """The student's placement that covers `day`."""
    return (
        Stage.objects.filter(student=student, start_date__lte=day, end_date__gte=day)
        .order_by("-start_date")
        .first()
    )


def round_to_quarter(hours) -> Decimal:
    """The nearest quarter hour (half a quarter rounds up), at least one quarter for any
    positive number of hours: 2.4 -> 2.5, 1.1 -> 1, 0.1 -> 0.25."""
    hours = Decimal(hours)
    if hours <= 0:
        return Decimal(0)
    quarters = (hours * 4).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(quarters, Decimal(1)) / 4


def format_hours(hours) -> str:
    """2.50 -> "2,5"; 3.00 -> "3"."""
    text = f"{Decimal(hours).normalize():f}"
    return text.replace(".", ",")
