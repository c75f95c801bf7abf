"""Reads for sessions, each scoped: a person sees the sessions open to them (their audience)
or that they take part in; coordinators see all of them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from opleidingsschool import registries
from opleidingsschool.access import Rol, is_coordinator, medewerker_of, roles_for
from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    Criterium,
    Expertise,
    JuryLid,
    Medewerker,
    Presentatie,
    Schooljaar,
    Score,
    Soort,
    Stage,
    Student,
    Uitnodiging,
    UitnodigingStatus,
)
from opleidingsschool.registries import OpenLeervraag

SchoolLink = Bijeenkomst.schools.through


def _for_schools(school_ids) -> Q:
    """Open to every school (no school chosen) or to one of these schools."""
    return ~Exists(SchoolLink.objects.filter(bijeenkomst_id=OuterRef("pk"))) | Exists(
        SchoolLink.objects.filter(bijeenkomst_id=OuterRef("pk"), school_id__in=school_ids)
    )


def _student_school_ids(student: Student) -> QuerySet:
    """The schools of the student's placements this school year (of all their placements
    when no school year covers today), as a subquery: no query of its own."""
    today = timezone.localdate()
    stages = Stage.objects.filter(student=student)
    this_year = Schooljaar.objects.filter(start_date__lte=today, end_date__gte=today)
    stages = stages.filter(Q(schooljaar__in=this_year) | ~Exists(this_year))
    return stages.values("school_id")


def audience_q(user) -> Q:
    """The sessions whose audience includes this user (not counting their involvement).
    Worked out once per request: it costs no query of its own."""
    nothing = Q(pk__in=[])
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return nothing
    cached = getattr(user, "_audience_q", None)
    if cached is not None:
        return cached
    roles = roles_for(user)
    condition = nothing
    if Rol.STUDENT in roles:
        student = user.student  # with its opleiding, loaded by roles_for
        condition |= (
            Q(for_students=True)
            & (Q(study_years="") | Q(study_years__contains=str(student.study_year)))
            & (Q(niveau="") | Q(niveau=student.opleiding.niveau))
            & _for_schools(_student_school_ids(student))
        )
    if Rol.STARTER in roles:
        condition |= Q(for_starters=True) & _for_schools([user.starter.school_id])
    medewerker = medewerker_of(user)
    if medewerker is not None:
        staff = Q(for_colleagues=True)
        if roles & {Rol.WERKPLEKBEGELEIDER, Rol.BEGELEIDER}:
            staff |= Q(for_mentors=True)
        if roles & {Rol.SCHOOLOPLEIDER, Rol.INSTITUUTSOPLEIDER}:
            staff |= Q(for_opleiders=True)
        if medewerker.school_id:
            staff &= _for_schools([medewerker.school_id])
        condition |= staff
    user._audience_q = condition
    return condition


def _involvement_q(user) -> Q:
    medewerker = medewerker_of(user)
    condition = Q(
        Exists(
            Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"), user=user).exclude(
                status=AanmeldingStatus.CANCELLED
            )
        )
    ) | Q(Exists(Presentatie.objects.filter(bijeenkomst=OuterRef("pk"), student__user=user)))
    if medewerker is not None:
        condition |= Q(
            Exists(Uitnodiging.objects.filter(bijeenkomst=OuterRef("pk"), medewerker=medewerker))
        ) | Q(Exists(JuryLid.objects.filter(bijeenkomst=OuterRef("pk"), medewerker=medewerker)))
    return condition


def bijeenkomsten_for(user) -> QuerySet[Bijeenkomst]:
    """Every session this user may see. One query."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Bijeenkomst.objects.none()
    if is_coordinator(user):
        return Bijeenkomst.objects.all()
    return Bijeenkomst.objects.filter(audience_q(user) | _involvement_q(user))


def is_open_to(user, bijeenkomst: Bijeenkomst) -> bool:
    """May this person register (the session's audience includes them)?"""
    return Bijeenkomst.objects.filter(audience_q(user), pk=bijeenkomst.pk).exists()


def _count(queryset) -> Coalesce:
    counted = queryset.order_by().values("bijeenkomst").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_counts(queryset: QuerySet[Bijeenkomst]) -> QuerySet[Bijeenkomst]:
    registered = Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"))
    return queryset.annotate(
        registered_count=_count(registered.filter(status=AanmeldingStatus.REGISTERED)),
        waiting_count=_count(registered.filter(status=AanmeldingStatus.WAITING)),
        pending_invitations=_count(
            Uitnodiging.objects.filter(bijeenkomst=OuterRef("pk"), status=UitnodigingStatus.PENDING)
        ),
    )


def with_my_status(queryset: QuerySet[Bijeenkomst], user) -> QuerySet[Bijeenkomst]:
    mine = Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"), user=user)
    return queryset.annotate(
        my_status=Subquery(mine.values("status")[:1]),
        is_open_to_me=ExpressionWrapper(audience_q(user), output_field=BooleanField()),
    )


def agenda_for(
    user, *, past: bool = False, soort: str = "", mine: bool = False, now: datetime.datetime | None = None
) -> QuerySet[Bijeenkomst]:
    """The sessions that concern this person, soonest first (past: latest first).
    Coordinators see in the agenda what is open to them or involves them, like everyone;
    the planning page shows them all."""
    now = now or timezone.now()
    sessions = Bijeenkomst.objects.filter(audience_q(user) | _involvement_q(user))
    sessions = sessions.filter(ends_at__lt=now) if past else sessions.filter(ends_at__gte=now)
    if soort:
        sessions = sessions.filter(soort=soort)
    sessions = with_my_status(with_counts(sessions), user)
    if mine:
        sessions = sessions.filter(_involvement_q(user))
    return sessions.order_by("-starts_at" if past else "starts_at")


def planning_list(
    *, query: str = "", soort: str = "", past: bool = False, now: datetime.datetime | None = None
) -> QuerySet[Bijeenkomst]:
    """For coordinators: every session, with registrations and open invitations counted."""
    now = now or timezone.now()
    sessions = Bijeenkomst.objects.select_related("reeks")
    sessions = sessions.filter(ends_at__lt=now) if past else sessions.filter(ends_at__gte=now)
    if query:
        sessions = sessions.filter(Q(title__icontains=query) | Q(place__icontains=query))
    if soort:
        sessions = sessions.filter(soort=soort)
    return with_counts(sessions).order_by("-starts_at" if past else "starts_at")


def detail_queryset(user) -> QuerySet[Bijeenkomst]:
    return (
        with_my_status(with_counts(bijeenkomsten_for(user)), user)
        .select_related("reeks", "instituut")
        .prefetch_related("schools")
    )


def registrations(bijeenkomst: Bijeenkomst) -> list[Aanmelding]:
    """Registered first, then the waiting list in order; unregistered people left out."""
    return list(
        bijeenkomst.aanmeldingen.exclude(status=AanmeldingStatus.CANCELLED)
        .select_related("user__student__opleiding", "user__starter", "user__medewerker")
        .order_by("-status", "registered_at", "pk")
    )


def uitnodigingen(bijeenkomst: Bijeenkomst) -> list[Uitnodiging]:
    return list(
        bijeenkomst.uitnodigingen.select_related("medewerker__user", "medewerker__school", "expertise")
    )


def open_uitnodigingen_for(user) -> list[Uitnodiging]:
    """Invitations waiting for this person's answer, for upcoming sessions."""
    medewerker = medewerker_of(user)
    if medewerker is None:
        return []
    return list(
        Uitnodiging.objects.filter(
            medewerker=medewerker,
            status=UitnodigingStatus.PENDING,
            bijeenkomst__status=BijeenkomstStatus.PLANNED,
            bijeenkomst__ends_at__gte=timezone.now(),
        )
        .select_related("bijeenkomst", "expertise")
        .order_by("bijeenkomst__starts_at")
    )


def my_uitnodiging(user, bijeenkomst: Bijeenkomst) -> Uitnodiging | None:
    medewerker = medewerker_of(user)
    if medewerker is None:
        return None
    return bijeenkomst.uitnodigingen.filter(medewerker=medewerker).select_related("expertise").first()


def uitnodigingen_for(user):
    """Invitations of this person (for answering); others' are out of scope (404)."""
    medewerker = medewerker_of(user)
    if medewerker is None:
        return Uitnodiging.objects.none()
    return Uitnodiging.objects.filter(medewerker=medewerker).select_related("bijeenkomst")


def next_sessions(user, *, limit: int = 3) -> list[Bijeenkomst]:
    return list(agenda_for(user).filter(status=BijeenkomstStatus.PLANNED)[:limit])


# Leercafé preparation -----------------------------------------------------------------


@dataclass
class ExpertiseGroup:
    name: str
    leervragen: list[OpenLeervraag]
    suggestions: list[Medewerker]
    expertise: Expertise | None = None


def leercafe_groups(bijeenkomst: Bijeenkomst) -> list[ExpertiseGroup]:
    """The open learning questions of the registered students, grouped by expertise, each
    group with the colleagues whose expertise matches and who are not invited yet."""
    students = list(
        Student.objects.filter(
            user__aanmeldingen__bijeenkomst=bijeenkomst,
            user__aanmeldingen__status=AanmeldingStatus.REGISTERED,
        ).select_related("user")
    )
    questions = (
        [item for source in registries.open_leervragen_sources for item in source(students=students)]
        if students
        else []
    )
    grouped: dict[str, list[OpenLeervraag]] = defaultdict(list)
    for item in questions:
        for name in item.expertises or [""]:
            grouped[name.strip().lower()].append(item)
    names = sorted(name for name in grouped if name)
    invited = bijeenkomst.uitnodigingen.values("medewerker_id")
    expertises = (
        Expertise.objects.annotate(lowered=Lower("name"))
        .filter(lowered__in=names)
        .prefetch_related(
            Prefetch(
                "medewerkers",
                queryset=Medewerker.objects.exclude(pk__in=invited)
                .select_related("user", "school", "instituut")
                .order_by("user__last_name"),
            )
        )
    )
    found = {expertise.lowered: expertise for expertise in expertises}
    groups = [
        ExpertiseGroup(
            name=found[name].name if name in found else name,
            leervragen=grouped[name],
            suggestions=list(found[name].medewerkers.all()) if name in found else [],
            expertise=found.get(name),
        )
        for name in names
    ]
    if grouped.get(""):
        groups.append(ExpertiseGroup(name="", leervragen=grouped[""], suggestions=[]))
    return groups


def expertise_by_name(name: str) -> Expertise | None:
    return Expertise.objects.filter(name__iexact=name).first()


# Symposium ------------------------------------------------------------------------------


def symposium_context(bijeenkomst: Bijeenkomst) -> dict:
    """Presentations with their average score per criterion and overall, jury and criteria."""
    presentaties = list(bijeenkomst.presentaties.select_related("student__user"))
    criteria = list(bijeenkomst.criteria.all())
    jury = list(bijeenkomst.juryleden.select_related("medewerker__user"))
    totals: dict[int, list[int]] = defaultdict(list)
    per_criterium: dict[tuple[int, int], list[int]] = defaultdict(list)
    for presentatie_id, criterium_id, value in Score.objects.filter(
        presentatie__bijeenkomst=bijeenkomst
    ).values_list("presentatie_id", "criterium_id", "value"):
        totals[presentatie_id].append(value)
        per_criterium[(presentatie_id, criterium_id)].append(value)
    for presentatie in presentaties:
        values = totals.get(presentatie.pk, [])
        presentatie.average = round(Decimal(sum(values)) / len(values), 1) if values else None
        presentatie.score_count = len(values)
        presentatie.criterium_averages = [
            round(Decimal(sum(v)) / len(v), 1) if (v := per_criterium.get((presentatie.pk, c.pk))) else None
            for c in criteria
        ]
    ranking = sorted(
        [p for p in presentaties if p.average is not None], key=lambda p: p.average, reverse=True
    )
    return {
        "presentaties": presentaties,
        "criteria": criteria,
        "jury": jury,
        "ranking": ranking,
        "winner": next((p for p in presentaties if p.is_winner), None),
    }


def jurylid_for(user, bijeenkomst: Bijeenkomst) -> JuryLid | None:
    medewerker = medewerker_of(user)
    if medewerker is None:
        return None
    return bijeenkomst.juryleden.filter(medewerker=medewerker).first()


def my_scores(jurylid: JuryLid) -> dict[tuple[int, int], int]:
    return {
        (presentatie_id, criterium_id): value
        for presentatie_id, criterium_id, value in jurylid.scores.values_list(
            "presentatie_id", "criterium_id", "value"
        )
    }


def criteria_of(bijeenkomst: Bijeenkomst) -> list[Criterium]:
    return list(bijeenkomst.criteria.all())


def final_year_students() -> QuerySet[Student]:
    return Student.objects.filter(study_year=4).select_related("user", "opleiding")


def staff_choices() -> QuerySet[Medewerker]:
    return Medewerker.objects.select_related("user", "school", "instituut")


# Attendance as experience hours -------------------------------------------------------


@dataclass(frozen=True)
class AttendedBijeenkomst:
    bijeenkomst: Bijeenkomst
    date: datetime.date
    hours: Decimal
    url: str


def attended_bijeenkomsten(
    *, user, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[AttendedBijeenkomst]:
    """The sessions this person attended (attendance taken by a coordinator), with the
    experience hours each counts for (0 when it does not count). For begeleiding's
    logbook and hours bar; one query."""
    rows = Aanmelding.objects.filter(user=user, attended=True).select_related("bijeenkomst")
    if start:
        rows = rows.filter(bijeenkomst__starts_at__date__gte=start)
    if end:
        rows = rows.filter(bijeenkomst__starts_at__date__lte=end)
    return [
        AttendedBijeenkomst(
            bijeenkomst=row.bijeenkomst,
            date=timezone.localtime(row.bijeenkomst.starts_at).date(),
            hours=row.bijeenkomst.experience_hours,
            url=row.bijeenkomst.get_absolute_url(),
        )
        for row in rows.order_by("bijeenkomst__starts_at")
    ]


SOORT_CHOICES = Soort.choices


def series_overview() -> QuerySet:
    """For the planning page: every series with its number of sessions and its first and
    last date, newest first."""
    from django.db.models import Max, Min

    from opleidingsschool.models import Reeks

    return Reeks.objects.annotate(
        session_count=Count("bijeenkomsten"), first_at=Min("bijeenkomsten__starts_at"),
        last_at=Max("bijeenkomsten__starts_at"),
    ).filter(session_count__gt=0).order_by("-first_at")


def series_sessions(reeks) -> list[Bijeenkomst]:
    """The sessions of one series in date order, with registrations counted."""
    return list(with_counts(reeks.bijeenkomsten.all()).prefetch_related("schools").order_by("starts_at"))
