"""Reads of begeleiding, each built on the core's access layer (opleidingsschool.access).

Every view gets its objects from one of these; an object outside the scope is a 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

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
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from opleidingsschool.access import medewerker_of, visible_students
from opleidingsschool.models import (
    Begeleider,
    BegeleiderStatus,
    Functie,
    Medewerker,
    Stage,
    Student,
)

from .models import (
    OPEN_VISIT_STATUSES,
    Klikcheck,
    Leervraag,
    Lesaanbod,
    Lesbezoek,
    LesbezoekStatus,
    Logregel,
    Reactie,
    period_start,
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


def current_stage(student: Student, today: datetime.date | None = None) -> Stage | None:
    """The placement that runs today, else the most recent one that has started, else the
    next one."""
    today = today or timezone.localdate()
    stages = Stage.objects.filter(student=student).select_related(
        "school", "schooljaar", "student__opleiding"
    )
    return (
        stages.filter(start_date__lte=today, end_date__gte=today).order_by("-start_date").first()
        or stages.filter(start_date__lte=today).order_by("-end_date").first()
        or stages.order_by("start_date").first()
    )


def stage_on(student: Student, day: datetime.date) -> Stage | None:
    """The student's placement that covers `day`."""
    return (
        Stage.objects.filter(student=student, start_date__lte=day, end_date__gte=day)
        .order_by("-start_date")
        .first()
    )


# --- Learning questions ---------------------------------------------------------------


def leervragen_for(user) -> QuerySet[Leervraag]:
    """The learning questions of every student the user may see (own, mentored, at the
    schoolopleider's school). A visit's host sees the question on the visit page only."""
    return Leervraag.objects.filter(student__in=visible_students(user))


def leervragen_for_list(
    user, *, query: str = "", status: str = "", student=None, archived: bool = False
) -> QuerySet[Leervraag]:
    leervragen = leervragen_for(user).select_related("student__user").prefetch_related(
        "expertises"
    ).annotate(
        visit_count=Count("lesbezoeken", distinct=True),
        entry_count=Count("logregels", distinct=True),
    )
    leervragen = leervragen.filter(archived_at__isnull=not archived)
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


def leervraag_detail_queryset(user) -> QuerySet[Leervraag]:
    return leervragen_for(user).select_related("student__user").prefetch_related(
        "expertises", "leeruitkomsten",
        Prefetch("reacties", queryset=Reactie.objects.select_related("author")),
    )


def own_timeline(user, leervraag: Leervraag) -> list[tuple[datetime.datetime, str, str]]:
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
        items.append((when, label, visit.get_absolute_url()))
    for entry in leervraag.logregels.all():
        when = datetime.datetime.combine(entry.date, datetime.time(17), tzinfo=tz)
        label = _("Day log: %(activity)s, %(hours)s hours") % {
            "activity": entry.get_activity_display(), "hours": format_hours(entry.hours),
        }
        items.append((when, label, entry.get_absolute_url()))
    return items


def timeline(user, leervraag: Leervraag) -> list[dict]:
    """Everything every app links to this question, newest first."""
    from opleidingsschool import registries

    items = [
        item for source in registries.timeline_sources for item in source(user, leervraag)
    ]
    items.sort(key=lambda item: item[0], reverse=True)
    return [{"when": when, "label": label, "url": url} for when, label, url in items]


def format_hours(hours) -> str:
    """2.50 -> "2,5"; 3.00 -> "3"."""
    text = f"{Decimal(hours).normalize():f}"
    return text.replace(".", ",")


# --- Suggestions: colleagues whose expertise matches --------------------------------------


@dataclass
class Suggestion:
    medewerker: Medewerker
    matching: list
    own_school: bool
    lessons: list[Lesaanbod]
    recent_visits: int


def suggestions_for(leervraag: Leervraag, *, limit: int = 10) -> list[Suggestion]:
    """Colleagues in the partnership who welcome visitors and share expertise tags with the
    question, best first: more matching tags, own school first, open lessons available, then
    fewer visits hosted recently (fairness). A fixed number of queries."""
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
        Medewerker.objects.filter(visitors_welcome=True, school__isnull=False,
                                  expertises__in=tag_ids)
        .exclude(user=leervraag.student.user)
        .annotate(
            match_count=Count("expertises", filter=Q(expertises__in=tag_ids), distinct=True),
            is_own_school=Case(
                When(school_id=own_school_id, then=Value(1)), default=Value(0),
                output_field=IntegerField(),
            ),
            has_lessons=Exists(Lesaanbod.objects.filter(medewerker=OuterRef("pk"),
                                                        is_active=True)),
            recent_visits=Coalesce(Subquery(recent, output_field=IntegerField()), 0),
        )
        .select_related("user", "school")
        .prefetch_related(
            "expertises",
            Prefetch("lesaanbod", queryset=Lesaanbod.objects.filter(is_active=True),
                     to_attr="open_lessons"),
        )
        .order_by("-match_count", "-is_own_school", "-has_lessons", "recent_visits",
                  "user__last_name", "user__first_name")
    )[:limit]
    suggestions = []
    for medewerker in candidates:
        suggestions.append(Suggestion(
            medewerker=medewerker,
            matching=[tag for tag in medewerker.expertises.all() if tag.pk in tag_ids],
            own_school=bool(medewerker.is_own_school),
            lessons=medewerker.open_lessons,
            recent_visits=medewerker.recent_visits,
        ))
    return suggestions


def bookable_lesaanbod():
    """Open lessons of colleagues who welcome visitors."""
    return Lesaanbod.objects.filter(
        is_active=True, medewerker__visitors_welcome=True, medewerker__school__isnull=False
    ).select_related("medewerker__user", "medewerker__school")


# --- Day log and hours ----------------------------------------------------------------


def logregels_for(user) -> QuerySet[Logregel]:
    return Logregel.objects.filter(student__in=visible_students(user))


def logregels_for_list(user, *, student: Student, stage: Stage | None) -> QuerySet[Logregel]:
    entries = logregels_for(user).filter(student=student)
    if stage is not None:
        entries = entries.filter(stage=stage)
    return entries.select_related("leervraag", "confirmed_by", "lesbezoek").order_by(
        "-date", "-created_at"
    )


@dataclass
class HoursSummary:
    total: Decimal
    confirmed: Decimal
    target: int
    percent: int
    weeks: list[dict]
    today_logged: bool


def hours_summary(student: Student, stage: Stage | None, *, weeks: int = 8) -> HoursSummary:
    """Hours of one placement against the programme's target, and the last weeks' totals
    for the chart. Three queries."""
    today = timezone.localdate()
    target = student.opleiding.target_hours
    if stage is None:
        return HoursSummary(Decimal(0), Decimal(0), target, 0, [], False)
    entries = Logregel.objects.filter(student=student, stage=stage)
    totals = entries.aggregate(
        total=Coalesce(Sum("hours"), Decimal(0)),
        confirmed=Coalesce(Sum("hours", filter=Q(confirmed_at__isnull=False)), Decimal(0)),
        today=Count("pk", filter=Q(date=today)),
    )
    monday = today - datetime.timedelta(days=today.weekday())
    first = monday - datetime.timedelta(weeks=weeks - 1)
    per_week = dict(
        entries.filter(date__gte=first)
        .annotate(week=TruncWeek("date")).order_by().values("week")
        .annotate(hours=Sum("hours")).values_list("week", "hours")
    )
    per_week = {
        (week.date() if isinstance(week, datetime.datetime) else week): hours
        for week, hours in per_week.items()
    }
    highest = max([Decimal(8), *per_week.values()])
    chart = []
    for index in range(weeks):
        start = first + datetime.timedelta(weeks=index)
        hours = per_week.get(start, Decimal(0))
        height = int(hours / highest * 100)
        chart.append({
            "start": start, "hours": hours, "label": format_hours(hours),
            "week": start.isocalendar()[1], "height": height, "y": 120 - height,
            "x": 10 + index * 40,
        })
    total = totals["total"]
    percent = min(100, int(total * 100 / target)) if target else 0
    return HoursSummary(total, totals["confirmed"], target, percent, chart, bool(totals["today"]))


def logregels_to_confirm(user) -> QuerySet[Logregel]:
    """Entries not yet confirmed of the placements where the user is the active
    werkplekbegeleider."""
    medewerker = medewerker_of(user)
    if medewerker is None:
        return Logregel.objects.none()
    return (
        logregels_for(user)
        .filter(
            confirmed_at__isnull=True,
            stage__begeleiders__medewerker=medewerker,
            stage__begeleiders__functie=Functie.WERKPLEKBEGELEIDER,
            stage__begeleiders__status=BegeleiderStatus.ACTIVE,
        )
        .select_related("student__user", "leervraag")
        .order_by("date", "student__user__last_name")
    )


def is_werkplekbegeleider_of(user, stage_id: int) -> bool:
    medewerker = medewerker_of(user)
    return medewerker is not None and Begeleider.objects.active().filter(
        stage_id=stage_id, medewerker=medewerker, functie=Functie.WERKPLEKBEGELEIDER
    ).exists()


# --- Mentor network ------------------------------------------------------------------


ROLE_FIELDS = ("is_gastheer", "is_leermeester", "is_raadgever", "is_rolmodel")


def network_for(student: Student, stage: Stage | None) -> dict:
    """The student's mentors in the placement, which roles are covered, and open requests."""
    if stage is None:
        return {"active": [], "proposed": [], "declined": [], "uncovered": list(ROLE_FIELDS),
                "klik": {}}
    begeleiders = list(
        Begeleider.objects.filter(
            stage=stage,
            status__in=[BegeleiderStatus.ACTIVE, BegeleiderStatus.PROPOSED,
                        BegeleiderStatus.DECLINED],
        ).select_related("medewerker__user", "medewerker__school").in_triangle_order()
    )
    active = [b for b in begeleiders if b.status == BegeleiderStatus.ACTIVE]
    covered = {field for b in active for field in ROLE_FIELDS if getattr(b, field)}
    period = period_start(timezone.localdate())
    klik = {
        check.begeleider_id: check
        for check in Klikcheck.objects.filter(begeleider__in=active, period_start=period)
    }
    return {
        "active": active,
        "proposed": [b for b in begeleiders if b.status == BegeleiderStatus.PROPOSED],
        "declined": [b for b in begeleiders if b.status == BegeleiderStatus.DECLINED][:5],
        "uncovered": [field for field in ROLE_FIELDS if field not in covered],
        "klik": klik,
    }


def begeleiders_of_student(user) -> QuerySet[Begeleider]:
    """Mentoring relations of the user's own placements (the student side)."""
    return Begeleider.objects.filter(stage__student__user=user)


def mentor_requests_for(user) -> QuerySet[Begeleider]:
    """Proposals to become an extra mentor, addressed to the user."""
    medewerker = medewerker_of(user)
    if medewerker is None:
        return Begeleider.objects.none()
    return Begeleider.objects.filter(
        medewerker=medewerker, status=BegeleiderStatus.PROPOSED
    ).select_related("stage__student__user", "stage__school")


def colleagues_for_request(stage: Stage) -> QuerySet[Medewerker]:
    """Colleagues at the placement's school who are not mentoring the student already."""
    taken = Begeleider.objects.filter(
        stage=stage, status__in=[BegeleiderStatus.ACTIVE, BegeleiderStatus.PROPOSED]
    ).values("medewerker_id")
    return (
        Medewerker.objects.filter(school_id=stage.school_id)
        .exclude(pk__in=taken)
        .exclude(user=stage.student.user)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def klikchecks_for(user) -> QuerySet[Klikcheck]:
    """Ratings the user may read: their own, or as schoolopleider those of students at the
    school. The rated mentor never sees them."""
    if not getattr(user, "is_authenticated", False):
        return Klikcheck.objects.none()
    scope = Q(begeleider__stage__student__user=user)
    medewerker = medewerker_of(user)
    if medewerker is not None and medewerker.is_schoolopleider and medewerker.school_id:
        scope |= Q(begeleider__stage__school_id=medewerker.school_id)
    return Klikcheck.objects.filter(scope)


def signals_for(user) -> dict:
    """For a schoolopleider: low rapport, hours behind and quiet learning questions among this
    year's students at the school. A fixed number of queries."""
    medewerker = medewerker_of(user)
    empty = {"low_klik": [], "behind": [], "quiet": []}
    if medewerker is None or not medewerker.is_schoolopleider or not medewerker.school_id:
        return empty
    today = timezone.localdate()
    since = period_start(today) - datetime.timedelta(days=92)
    low_klik = list(
        klikchecks_for(user)
        .filter(begeleider__stage__school_id=medewerker.school_id, score__lte=LOW_KLIK,
                period_start__gte=since)
        .select_related("begeleider__medewerker__user", "begeleider__stage__student__user")
        .order_by("score", "-period_start")
    )
    stages = list(
        Stage.objects.filter(school_id=medewerker.school_id, start_date__lte=today,
                             end_date__gte=today)
        .select_related("student__user", "student__opleiding")
        .annotate(logged=Coalesce(Sum("logregels__hours"), Decimal(0)))
        .order_by("student__user__last_name")
    )
    behind = []
    for stage in stages:
        length = (stage.end_date - stage.start_date).days or 1
        elapsed = (today - stage.start_date).days
        expected = Decimal(stage.student.opleiding.target_hours * elapsed / length)
        if elapsed >= 14 and stage.logged < expected * Decimal("0.75"):
            behind.append({"stage": stage, "logged": stage.logged,
                           "expected": int(expected)})
    quiet = list(
        Leervraag.objects.current()
        .filter(student__stages__school_id=medewerker.school_id,
                student__stages__end_date__gte=today,
                last_activity_at__lt=timezone.now() - QUIET_AFTER)
        .distinct()
        .select_related("student__user")
        .order_by("last_activity_at")
    )
    return {"low_klik": low_klik, "behind": behind, "quiet": quiet}


# --- Lessons and visits -----------------------------------------------------------------


def lesbezoeken_for(user) -> QuerySet[Lesbezoek]:
    """Visits the user may see: those of students in view, and those they host."""
    scope = Q(student__in=visible_students(user))
    medewerker = medewerker_of(user)
    if medewerker is not None:
        scope |= Q(host=medewerker)
    return Lesbezoek.objects.filter(scope)


def lesbezoeken_of_student(student: Student) -> QuerySet[Lesbezoek]:
    return (
        Lesbezoek.objects.filter(student=student)
        .select_related("host__user", "host__school", "leervraag", "logregel")
        .order_by("-date", "-start_time")
    )


def hosted_lesbezoeken(user) -> QuerySet[Lesbezoek]:
    medewerker = medewerker_of(user)
    if medewerker is None:
        return Lesbezoek.objects.none()
    return (
        Lesbezoek.objects.filter(host=medewerker)
        .select_related("student__user", "leervraag")
        .order_by("date", "start_time")
    )


def lesaanbod_of(user) -> QuerySet[Lesaanbod]:
    medewerker = medewerker_of(user)
    if medewerker is None or not medewerker.school_id:
        return Lesaanbod.objects.none()
    return Lesaanbod.objects.filter(medewerker=medewerker)


def booked_count(lesaanbod: Lesaanbod, day: datetime.date) -> int:
    return Lesbezoek.objects.filter(
        lesaanbod=lesaanbod, date=day, status__in=OPEN_VISIT_STATUSES
    ).count()


# --- Today at school ------------------------------------------------------------------


def today_at_school(user, today: datetime.date | None = None) -> list[Stage]:
    """The placements running today that the user follows (all at the school for a
    schoolopleider; their own students for a werkplekbegeleider), with today's visits and
    whether the student has closed the day. Three queries whatever the number of students."""
    today = today or timezone.localdate()
    medewerker = medewerker_of(user)
    if medewerker is None:
        return []
    scope = Q(Exists(Begeleider.objects.active().filter(
        stage=OuterRef("pk"), medewerker=medewerker, functie=Functie.WERKPLEKBEGELEIDER
    )))
    if medewerker.is_schoolopleider and medewerker.school_id:
        scope |= Q(school_id=medewerker.school_id)
    visits = Lesbezoek.objects.filter(
        date=today, status__in=OPEN_VISIT_STATUSES
    ).select_related("host__user").order_by("start_time")
    return list(
        Stage.objects.filter(scope, start_date__lte=today, end_date__gte=today)
        .select_related("student__user", "school")
        .annotate(
            day_closed=Exists(Logregel.objects.filter(stage=OuterRef("pk"), date=today)),
        )
        .prefetch_related(Prefetch("student__lesbezoeken", queryset=visits,
                                   to_attr="visits_today"))
        .order_by("day_closed", "student__user__last_name", "student__user__first_name")
    )
