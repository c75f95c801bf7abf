"""begeleiding's part of the recognition pages (issue 15; registries.recognition_sources and
recognition_panels): classroom visits hosted, experience hours confirmed, lesson observations
made, notes of thanks."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from opleidingsschool.registries import RecognitionPanel, Tally

from .models import Bedankje, Lesbezoek, LesbezoekStatus, Logregel
from .selectors import bedankjes_to, observations_made


def _held_visits(*, schooljaar):
    """Visits of the school year that took place: accepted, and their day has come."""
    last = min(schooljaar.end_date, timezone.localdate())
    return Lesbezoek.objects.filter(
        status=LesbezoekStatus.ACCEPTED, date__gte=schooljaar.start_date, date__lte=last,
    )


def _thanks_in(schooljaar):
    """Notes for a visit of the school year or for a mentoring in one of its placements."""
    return Q(lesbezoek__date__gte=schooljaar.start_date,
             lesbezoek__date__lte=schooljaar.end_date) | Q(begeleider__stage__schooljaar=schooljaar)


def tallies(*, user_ids, schooljaar) -> list[Tally]:
    """Four queries, whatever the number of users or rows."""
    visits = (
        _held_visits(schooljaar=schooljaar).filter(host__user_id__in=user_ids).order_by()
        .values("host__user_id").annotate(n=Count("pk"))
    )
    hours = (
        Logregel.objects.filter(confirmed_by_id__in=user_ids, date__gte=schooljaar.start_date,
                                date__lte=schooljaar.end_date)
        .order_by().values("confirmed_by_id").annotate(total=Sum("hours"))
    )
    thanks = (
        Bedankje.objects.filter(_thanks_in(schooljaar), medewerker__user_id__in=user_ids)
        .order_by().values("medewerker__user_id").annotate(n=Count("pk"))
    )
    observations = observations_made(user_ids=user_ids, schooljaar=schooljaar)
    return [
        Tally(
            key="begeleiding:confirmed_hours",
            label=_("Experience hours confirmed"),
            short_label=_("hours confirmed"),
            counts={row["confirmed_by_id"]: row["total"] for row in hours},
            unit=pgettext("unit", "hours"),
            explanation=_("Day-log hours of students in this school year that this colleague "
                          "confirmed as their mentor: the students' hours of practice, not the "
                          "colleague's own working hours."),
            order=25,
        ),
        Tally(
            key="begeleiding:visits_hosted",
            label=_("Classroom visits hosted"),
            short_label=_("classroom visits"),
            counts={row["host__user_id"]: row["n"] for row in visits},
            explanation=_("Students who watched a lesson of this colleague this school year: "
                          "accepted visits whose day has come."),
            order=30,
        ),
        Tally(
            key="begeleiding:lesobservaties",
            label=_("Lesson observations made"),
            short_label=_("lesson observations"),
            counts=observations,
            explanation=_("Lessons of students or starters this colleague observed with the "
                          "partnership's observation instrument this school year and sent to "
                          "them; drafts do not count. Never a grade."),
            order=35,
        ),
        Tally(
            key="begeleiding:thanks",
            label=_("Notes of thanks from students"),
            short_label=_("notes of thanks"),
            counts={row["medewerker__user_id"]: row["n"] for row in thanks},
            explanation=_("Short notes students left for a classroom visit or for their "
                          "mentoring. Only the colleague reads them; others see the number."),
            order=90,
        ),
    ]


def panels(*, viewer, medewerker, schooljaar) -> list[RecognitionPanel]:
    """For the colleague's own eyes only: the notes of thanks and the visits they hosted
    (with the students' names). Two queries, none for anyone else."""
    if viewer.pk != medewerker.user_id:
        return []
    notes = list(bedankjes_to(medewerker).filter(_thanks_in(schooljaar)).order_by("-created_at"))
    visits = list(
        _held_visits(schooljaar=schooljaar).filter(host=medewerker)
        .select_related("student__user").order_by("date", "start_time")
    )
    return [
        RecognitionPanel(
            title=_("Classroom visits in my lessons"),
            template="begeleiding/includes/_recognition_visits.html",
            context={"visits": visits}, order=30,
        ),
        RecognitionPanel(
            title=_("Notes of thanks from students"),
            template="begeleiding/includes/_recognition_thanks.html",
            context={"notes": notes}, order=90,
        ),
    ]
