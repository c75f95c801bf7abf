"""The core's part of registries.recognition_sources: mentoring and sessions.

Each function counts for a set of users in a fixed number of queries (one per kind of row),
whatever the number of users or rows.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..models import Functie, Soort
from ..registries import Tally
from .selectors import (
    MENTORING_PREFIX,
    attended_mentor_meetings,
    counted_mentoring,
    expert_invitations,
    jury_memberships,
    mentoring_weeks,
)


def mentoring(*, user_ids, schooljaar) -> list[Tally]:
    """Students mentored per Begeleider function (every function there is, so a new one
    shows by itself) and the weeks of mentoring, added up over the students. One query."""
    today = timezone.localdate()
    rows = (
        counted_mentoring(schooljaar).filter(medewerker__user_id__in=user_ids).order_by()
        .values_list("medewerker__user_id", "functie", "stage__student_id",
                     "stage__start_date", "stage__end_date", "ended_at")
    )
    students: dict[str, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    weeks: dict[tuple[int, int], int] = {}
    for user_id, functie, student_id, start, end, ended_at in rows:
        students[functie][user_id].add(student_id)
        # A colleague who mentors one student in two functions mentored them once.
        key = (user_id, student_id)
        weeks[key] = max(weeks.get(key, 0), mentoring_weeks(
            stage_start=start, stage_end=end, ended_at=ended_at, today=today))
    total_weeks: dict[int, int] = defaultdict(int)
    for (user_id, _student_id), amount in weeks.items():
        total_weeks[user_id] += amount
    result = [
        Tally(
            key=f"{MENTORING_PREFIX}:{functie}",
            label=_("Students mentored as %(function)s") % {"function": label},
            short_label=str(label),
            counts={user_id: len(ids) for user_id, ids in students[functie].items()},
            explanation=_("Students of a placement this school year whom this colleague "
                          "mentored as %(function)s (still or until the mentoring ended).")
            % {"function": label},
            order=10 + position,
        )
        for position, (functie, label) in enumerate(Functie.choices)
    ]
    result.append(Tally(
        key=f"{MENTORING_PREFIX}_weeks",
        label=_("Weeks of mentoring"),
        short_label=_("weeks of mentoring"),
        counts=dict(total_weeks),
        unit=pgettext("unit", "weeks"),
        explanation=_("Added up over the students: the weeks of each placement in which this "
                      "colleague mentored the student, from the start of the placement up to "
                      "today, its end or the end of the mentoring."),
        order=20,
    ))
    return result


def _per_user(queryset: QuerySet, user_field: str) -> dict[int, int]:
    rows = queryset.order_by().values(user_field).annotate(n=Count("pk"))
    return {row[user_field]: row["n"] for row in rows}


def sessions(*, user_ids, schooljaar) -> list[Tally]:
    """Leercafés and other sessions as an invited expert, symposium juries and mentor
    meetings attended. Three queries."""
    leercafe: dict[int, int] = defaultdict(int)
    other: dict[int, int] = defaultdict(int)
    rows = (
        expert_invitations(user_ids=user_ids, schooljaar=schooljaar).order_by()
        .values("medewerker__user_id", "bijeenkomst__soort").annotate(n=Count("pk"))
    )
    for row in rows:
        target = leercafe if row["bijeenkomst__soort"] == Soort.LEERCAFE else other
        target[row["medewerker__user_id"]] += row["n"]
    return [
        Tally(
            key="opleidingsschool:leercafe_expert",
            label=_("Learning cafés as an invited expert"),
            short_label=_("learning cafés as expert"),
            counts=dict(leercafe),
            explanation=_("Learning cafés that took place this school year to which this "
                          "colleague accepted an invitation as an expert on students' "
                          "learning questions."),
            order=50,
        ),
        Tally(
            key="opleidingsschool:session_expert",
            label=_("Other sessions as an invited expert"),
            short_label=_("sessions as expert"),
            counts=dict(other),
            explanation=_("Theme sessions, development sessions and other sessions that took "
                          "place this school year, with an accepted invitation as an expert."),
            order=51,
        ),
        Tally(
            key="opleidingsschool:jury",
            label=_("Symposium jury"),
            short_label=_("symposium jury"),
            counts=_per_user(jury_memberships(user_ids=user_ids, schooljaar=schooljaar),
                             "medewerker__user_id"),
            explanation=_("Symposia of this school year that took place with this colleague "
                          "on the jury."),
            order=55,
        ),
        Tally(
            key="opleidingsschool:mentor_meetings",
            label=_("Mentor meetings attended"),
            short_label=_("mentor meetings"),
            counts=_per_user(attended_mentor_meetings(user_ids=user_ids, schooljaar=schooljaar),
                             "user_id"),
            explanation=_("Mentor meetings of an institute this school year at which this "
                          "colleague's attendance was recorded."),
            order=60,
        ),
    ]
