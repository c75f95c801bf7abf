"""Reads of learning questions and the colleagues suggested for them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from opleidingsschool.access import PerViewer, visible_students_q, visible_students_q_for
from opleidingsschool.compiled import CompiledSubquery
from opleidingsschool.models import (
    Medewerker,
)
from opleidingsschool.registries import TimelineEntry

from ..models import (
    Leervraag,
    Lesaanbod,
    Lesbezoek,
    LesbezoekStatus,
    Logregel,
    Reactie,
)
from ._common import FAIRNESS_WINDOW, current_stage, format_hours
from .uren import logregel_url
from .visibility import Viewer, shared_or_own_q


def leervragen_for(user) -> QuerySet[Leervraag]:
    """The learning questions of every student the user may see (own, mentored, at the
    schoolopleider's school). A visit's host sees the question on the visit page only.
    A question marked "only me" is its student's alone (visibility.py)."""
    return _leervragen(getattr(user, "pk", None), visible_students_q(user))


def _leervragen(user_id: int | None, students: Q) -> QuerySet[Leervraag]:
    return Leervraag.objects.filter(students).filter(shared_or_own_q(Viewer(user_id)))


# The ids of a student's questions a user may read, for the evidence page's written-out
# query: compiled once per shape (compiled.CompiledSubquery).
_READABLE_QUESTIONS = PerViewer(
    "readable_questions",
    lambda student_id, *values: _leervragen(
        values[0], visible_students_q_for(values)).filter(student_id=student_id).values("pk"),
    int, compiled=CompiledSubquery)


def readable_questions_sql(user, student) -> tuple[str, list] | None:
    """The SQL and parameters of the ids of this student's learning questions the user may
    read (leervragen_for); None: the user sees none at all."""
    return _READABLE_QUESTIONS.sql(user, student.pk)


def _count_per_leervraag(rows: QuerySet) -> Coalesce:
    counted = (
        rows.filter(leervraag=OuterRef("pk")).order_by().values("leervraag")
        .annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def leervragen_for_list(
    user, *, query: str = "", status: str = "", student=None, archived: bool = False
) -> QuerySet[Leervraag]:
    leervragen = _listed(leervragen_for(user), archived)
    if query:
        leervragen = leervragen.filter(
            Q(title__icontains=query) | Q(situation__icontains=query) | Q(goal__icontains=query)
            | Q(expertises__name__icontains=query)
        ).distinct()
    if status:
        leervragen = leervragen.filter(status=status)
    if student is not None:
        leervragen = leervragen.filter(student=student)
    return leervragen.order_by("-last_activity_at")


def _listed(leervragen: QuerySet[Leervraag], archived: bool) -> QuerySet[Leervraag]:
    return leervragen.select_related("student__user").prefetch_related(
        "expertises"
    ).annotate(
        # Correlated counts, not Count() joins: the paginator's COUNT(*) then leaves them
        # out, and each page counts only its own rows through the foreign-key indexes.
        visit_count=_count_per_leervraag(Lesbezoek.objects.all()),
        entry_count=_count_per_leervraag(Logregel.objects.all()),
    ).filter(archived_at__isnull=not archived)


# The list as it opens (no search, status or student): compiled once per shape
# (access.PerViewer), current or archived.
_LIST = {
    archived: PerViewer(
        f"leervragen_list{'_archived' if archived else ''}",
        lambda *values, archived=archived: _listed(
            _leervragen(values[0], visible_students_q_for(values)), archived,
        ).order_by("-last_activity_at"))
    for archived in (False, True)
}


def leervragen_page_source(user, *, query: str = "", status: str = "", student=None,
                           archived: bool = False):
    """leervragen_for_list as the list page reads it (pagination.Paginator): compiled
    without a search, status or student."""
    source = None if query or status or student is not None else (
        _LIST[archived].page_source(user))
    if source is None:
        return leervragen_for_list(user, query=query, status=status, student=student,
                                   archived=archived)
    return source


def leervraag_detail_queryset(user) -> QuerySet[Leervraag]:
    return leervragen_for(user).select_related("student__user").prefetch_related(
        "expertises", "leeruitkomsten",
        Prefetch("reacties", queryset=Reactie.objects.select_related("author")),
    )


def own_timeline(user, leervraag: Leervraag) -> list[TimelineEntry]:
    """Visits and day-log entries linked to the question, for registries.timeline_sources."""
    from django.utils.translation import gettext as _

    if not leervragen_for(user).filter(pk=leervraag.pk).exists():
        return []
    tz = timezone.get_current_timezone()
    items = []
    for visit in leervraag.lesbezoeken.select_related("host__user").exclude(
        status=LesbezoekStatus.CANCELLED
    ):
        when = datetime.datetime.combine(visit.date, visit.start_time, tzinfo=tz)
        label = _("Classroom visit with %(host)s (%(class)s, %(status)s)") % {
            "host": visit.host, "class": visit.class_name, "status": visit.get_status_display(),
        }
        items.append(TimelineEntry(when=when, label=label, url=visit.get_absolute_url()))
    for entry in leervraag.logregels.select_related("student"):
        when = datetime.datetime.combine(entry.date, datetime.time(17), tzinfo=tz)
        label = _("Day log: %(activity)s, %(hours)s hours") % {
            "activity": entry.get_activity_display(), "hours": format_hours(entry.hours),
        }
        items.append(TimelineEntry(when=when, label=label, url=logregel_url(user, entry)))
    return items


def timeline(user, leervraag: Leervraag) -> list[TimelineEntry]:
    """Everything every app links to this question, newest first."""
    from opleidingsschool import registries

    items = [
        item for source in registries.timeline_sources
        for item in source(user=user, leervraag=leervraag)
    ]
    items.sort(key=lambda item: item.when, reverse=True)
    return items


@dataclass


class Suggestion:
    medewerker: Medewerker
    matching: list
    own_school: bool
    lessons: list[Lesaanbod]
    recent_lesbezoeken: int


def suggestions_for(leervraag: Leervraag, *, limit: int = 10) -> list[Suggestion]:
    """Colleagues at the schools of the student's partnership who welcome visitors and share
    expertise tags with the question, best first: more matching tags, own school first, open
    lessons available, then fewer visits hosted recently (fairness). A fixed number of
    queries."""
    tag_ids = list(leervraag.expertises.values_list("pk", flat=True))
    if not tag_ids:
        return []
    stage = current_stage(leervraag.student)
    own_school_id = stage.school_id if stage else None
    since = timezone.localdate() - FAIRNESS_WINDOW
    recent = (
        Lesbezoek.objects.filter(host=OuterRef("pk"), status=LesbezoekStatus.ACCEPTED,
                                 date__gte=since)
        .order_by().values("host").annotate(total=Count("pk")).values("total")
    )
    candidates = (
        Medewerker.objects.filter(visitors_welcome=True, expertises__in=tag_ids,
                                  school__partnerschap_id=leervraag.student.partnerschap_id)
        .exclude(user=leervraag.student.user)
        .annotate(
            match_count=Count("expertises", filter=Q(expertises__in=tag_ids), distinct=True),
            is_own_school=Case(
                When(school_id=own_school_id, then=Value(1)), default=Value(0),
                output_field=IntegerField(),
            ),
            has_lessons=Exists(Lesaanbod.objects.active().filter(medewerker=OuterRef("pk"))),
            recent_lesbezoeken=Coalesce(Subquery(recent, output_field=IntegerField()), 0),
        )
        .select_related("user", "school")
        .prefetch_related(
            "expertises",
            Prefetch("lesaanbod", queryset=Lesaanbod.objects.active(),
                     to_attr="open_lessons"),
        )
        .order_by("-match_count", "-is_own_school", "-has_lessons", "recent_lesbezoeken",
                  "user__last_name", "user__first_name")
    )[:limit]
    suggestions = []
    for medewerker in candidates:
        suggestions.append(Suggestion(
            medewerker=medewerker,
            matching=[tag for tag in medewerker.expertises.all() if tag.pk in tag_ids],
            own_school=bool(medewerker.is_own_school),
            lessons=medewerker.open_lessons,
            recent_lesbezoeken=medewerker.recent_lesbezoeken,
        ))
    return suggestions


def bookable_lesaanbod(student):
    """Open lessons of colleagues who welcome visitors, at the schools of the student's
    partnership (a lesson elsewhere is not there for them: 404)."""
    return Lesaanbod.objects.active().filter(
        medewerker__visitors_welcome=True,
        medewerker__school__partnerschap_id=student.partnerschap_id,
    ).select_related("medewerker__user", "medewerker__school")
