"""Reads of the students' notes of thanks (issue 15).

A student thanks a colleague for a classroom visit of their own that took place, or for a
mentoring of their own (a Begeleider row, active or ended); they see and delete their own
notes. The colleague reads the notes to them on their recognition page; nobody else reads
them (a schoolopleider or coordinator sees how many).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from opleidingsschool.models import Begeleider, BegeleiderStatus

from ..models import Bedankje, Lesbezoek, LesbezoekStatus

__all__ = [
    "bedankjes_of_student", "bedankjes_to", "thankable_begeleiders", "thankable_lesbezoeken",
]


def thankable_lesbezoeken(user) -> QuerySet[Lesbezoek]:
    """The user's own classroom visits that took place (accepted, on or before today)."""
    return Lesbezoek.objects.filter(
        student__user=user, status=LesbezoekStatus.ACCEPTED, date__lte=timezone.localdate(),
    ).select_related("host__user", "host__school")


def thankable_begeleiders(user) -> QuerySet[Begeleider]:
    """The user's own mentorings that happened: active now, or ended."""
    return Begeleider.objects.filter(
        stage__student__user=user,
        status__in=[BegeleiderStatus.ACTIVE, BegeleiderStatus.ENDED],
    ).select_related("medewerker__user", "stage__school", "stage__schooljaar")


def bedankjes_of_student(user) -> QuerySet[Bedankje]:
    """The notes the user wrote as a student (the only ones they may delete)."""
    return Bedankje.objects.filter(student__user=user)


def bedankjes_to(medewerker) -> QuerySet[Bedankje]:
    """The notes to a colleague, with what they were for: for the colleague's own eyes."""
    return Bedankje.objects.filter(medewerker=medewerker).select_related(
        "student__user", "lesbezoek", "begeleider__stage__schooljaar",
    )
