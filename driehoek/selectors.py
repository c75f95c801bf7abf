"""Reads of the triangle, built on the core's access layer (opleidingsschool.access).

The triangle of a placement is its student plus its active formal Begeleider rows
(werkplekbegeleider, schoolopleider, instituutsopleider). Only they see its meetings, notes,
goals, actions and evaluations; extra mentors, hosts and coordinators without a role in the
triangle get a 404. The student sees notes and evaluations once they are shared.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleiding.models import Leervraag, Visibility
from leerwerktaken.models import Invulling, Leeruitkomst
from opleidingsschool.access import PerViewer, Rol, access_values, visible_stages_q_for
from opleidingsschool.compiled import CompiledQuery, CompiledSubquery, attach
from opleidingsschool.models import Begeleider, Stage, User
from opleidingsschool.querysets import partial_instance

from .models import (
    Actiepunt,
    Akkoord,
    Behoefte,
    Driehoeksgesprek,
    GesprekStatus,
    Leerdoel,
    LeerdoelStatus,
    Ontwikkelniveau,
    Oordeel,
    Tussenevaluatie,
    Wijziging,
)
from .permissions import items_visible_to_q, visible_items_q

# A goal's learning questions, less those the student marked "only me" (issue 13).
SHARED_LEERVRAGEN = Prefetch("leervragen", queryset=Leervraag.objects.shared())
# A goal's school-specific meanings with their outcome in one query (not one more for the
# outcomes).
INVULLINGEN = Prefetch("invullingen", queryset=Invulling.objects.select_related("leeruitkomst"))


def _formal_rows():
    return Begeleider.objects.active().formal()


def _per_view(name: str, build) -> dict[bool, CompiledQuery]:
    """A placement's items as its formal mentors see them (True: everything) and as the
    student does (False: not what lies in an unshared meeting record), each shape compiled
    once (opleidingsschool/compiled.py)."""
    return {
        full: CompiledQuery(
            f"{name}_{'all' if full else 'shared'}",
            lambda stage_id, full=full: build(stage_id).filter(
                visible_items_q(Rol.FORMAL_MENTOR if full else None)),
            int,
        )
        for full in (True, False)
    }


# The triangle page's questions (year_context), the same on every visit: compiled once.
_MEMBERS = CompiledQuery("driehoek_members", lambda stage_id: (
    _formal_rows().filter(stage_id=stage_id).in_triangle_order()
    .select_related("medewerker__user")
), int)
_MEETINGS = CompiledQuery("driehoek_meetings", lambda stage_id: (
    Driehoeksgesprek.objects.filter(stage_id=stage_id).annotate(
        _p_id=F("deelnemers__id"), _p_email=F("deelnemers__email"),
        _p_first=F("deelnemers__first_name"), _p_last=F("deelnemers__last_name"),
    ).order_by("starts_at", "pk", "deelnemers__last_name", "deelnemers__first_name")
), int)
_LEERDOELEN = _per_view("driehoek_leerdoelen", lambda stage_id: (
    Leerdoel.objects.filter(stage_id=stage_id).select_related("gesprek")
))


def _goal_links(field: str, child: str, *, related: str = "",
                extra: Q | None = None) -> dict[bool, CompiledQuery]:
    """The rows linking a placement's goals to their outcomes (meanings, questions) with the
    linked record (and its `related`), in the order a prefetch of `field` gives them (the
    linked model's own order), for both views of the goals: what year_context attaches to
    each goal, one compiled query instead of a prefetch of the goals' ids."""
    through = Leerdoel._meta.get_field(field).remote_field.through
    ordering = [
        ("-" if term.startswith("-") else "") + f"{child}__{term.lstrip('-')}"
        for term in through._meta.get_field(child).related_model._meta.ordering
    ]
    return {
        full: CompiledQuery(f"driehoek_goal_{field}_{'all' if full else 'shared'}", (
            lambda stage_id, full=full: through.objects.filter(
                Q(leerdoel__stage_id=stage_id) & (extra or Q())
                & (Q() if full else Q(leerdoel__gesprek__isnull=True)
                   | Q(leerdoel__gesprek__shared_at__isnull=False))
            ).select_related(related or child).order_by(*ordering, "pk")
        ), int)
        for full in (True, False)
    }


_ACTIEPUNTEN = _per_view("driehoek_actiepunten", lambda stage_id: (
    Actiepunt.objects.filter(stage_id=stage_id).select_related("owner", "gesprek")
    .order_by(F("done_at").asc(nulls_first=True), "due_date")
))
_BEHOEFTEN = _per_view("driehoek_behoeften", lambda stage_id: (
    Behoefte.objects.filter(stage_id=stage_id).select_related("bouwsteen", "gesprek")
))
_GOAL_OUTCOMES = _goal_links("leeruitkomsten", "leeruitkomst")
_GOAL_MEANINGS = _goal_links("invullingen", "invulling", related="invulling__leeruitkomst")
# Leervraag.objects.shared(): not the questions the student marked "only me" (issue 13).
_GOAL_QUESTIONS = _goal_links("leervragen", "leervraag",
                              extra=Q(leervraag__visibility=Visibility.MENTORS))
_OORDELEN = {
    full: CompiledQuery(f"driehoek_oordelen_{'all' if full else 'shared'}", (
        lambda stage_id, full=full: Oordeel.objects.filter(
            Q(tussenevaluatie__stage_id=stage_id)
            & (Q() if full else Q(tussenevaluatie__shared_at__isnull=False))
        ).select_related("leeruitkomst").order_by(*Oordeel._meta.ordering, "pk")
    ), int)
    for full in (True, False)
}
_TUSSENEVALUATIES = {
    full: CompiledQuery(f"driehoek_tussenevaluaties_{'all' if full else 'shared'}", (
        lambda stage_id, full=full: Tussenevaluatie.objects.filter(stage_id=stage_id).filter(
            Q() if full else Q(shared_at__isnull=False)
        ).order_by("date", "pk")
    ), int)
    for full in (True, False)
}


def driehoek_stages(user) -> QuerySet[Stage]:
    """The placements whose triangle the user is in: their own, or as an active formal
    mentor. A schoolopleider sees only the triangles they are in, not the whole school."""
    values = access_values(user)
    if values is None:
        return Stage.objects.none()
    return _driehoek_stages_of(*values)


def _driehoek_stages_of(user_id: int, *values: int) -> QuerySet[Stage]:
    """driehoek_stages of the user whose access values these are (user_id: the first)."""
    return Stage.objects.filter(visible_stages_q_for((user_id, *values), "pk")).filter(
        Q(student__user_id=user_id)
        | Q(Exists(_formal_rows().filter(stage=OuterRef("pk"), medewerker__user_id=user_id)))
    )


# The ids of a student's placements whose triangle the user is in, for the evidence page's
# written-out query: compiled once per shape (compiled.CompiledSubquery).
_STUDENT_TRIANGLE_STAGES = PerViewer(
    "student_triangle_stages",
    lambda student_id, *values: _driehoek_stages_of(*values).filter(
        student_id=student_id).values("pk"),
    int, compiled=CompiledSubquery)


def student_triangle_stages_sql(user, student) -> tuple[str, list] | None:
    """The SQL and parameters of the ids of this student's placements whose triangle the
    user is in (driehoek_stages); None: the user sees none at all."""
    return _STUDENT_TRIANGLE_STAGES.sql(user, student.pk)


# The placement of a triangle page, asked on every visit of one: compiled once per shape.
_TRIANGLE_STAGE = PerViewer(
    "driehoek_stage",
    lambda stage_uuid, *values: _driehoek_stages_of(*values).select_related(
        "student__user", "student__opleiding__instituut", "school", "schooljaar",
    ).filter(uuid=stage_uuid),
    uuid.UUID)


def triangle_stage(user, stage_uuid: uuid.UUID) -> Stage | None:
    """The placement with this uuid if the user is in its triangle (driehoek_stages), with
    its student, programme, school and school year; None otherwise."""
    if type(stage_uuid) is not uuid.UUID:
        return None
    found = _TRIANGLE_STAGE.list(user, stage_uuid)
    return found[0] if found else None


@dataclass(frozen=True)
class Member:
    user: User
    functie: str  # a label: "student", or the Begeleider's function

    @property
    def is_student(self) -> bool:
        return self.functie == _("student")


def members(stage: Stage) -> list[Member]:
    """The triangle: the student, then the werkplekbegeleider and the opleiders. One query."""
    rows = _MEMBERS.list(stage.pk, known={"stage": stage})
    return [Member(stage.student.user, _("student"))] + [
        Member(row.medewerker.user, row.get_functie_display()) for row in rows
    ]


def member_user_ids(stage_ids) -> dict[int, set[int]]:
    """Stage id -> user ids of its triangle members, for many placements in two queries."""
    result: dict[int, set[int]] = {}
    for stage_id, user_id in Stage.objects.filter(pk__in=stage_ids).values_list(
        "pk", "student__user_id"
    ):
        result.setdefault(stage_id, set()).add(user_id)
    for stage_id, user_id in _formal_rows().filter(stage_id__in=stage_ids).values_list(
        "stage_id", "medewerker__user_id"
    ):
        result.setdefault(stage_id, set()).add(user_id)
    return result


# --- Meetings ------------------------------------------------------------------------------


def _calendar_meetings(start: datetime.datetime, end: datetime.datetime,
                       *values: int) -> QuerySet[Driehoeksgesprek]:
    """calendar_meetings of the user whose access values these are (their id the first)."""
    return Driehoeksgesprek.objects.filter(
        stage__in=_driehoek_stages_of(*values), deelnemers=values[0],
        starts_at__gte=start, starts_at__lte=end,
    ).select_related("stage__student__user")


# Asked by every calendar feed, which calendar apps fetch again and again: compiled once per
# shape (access.PerViewer).
_CALENDAR_MEETINGS = PerViewer("calendar_meetings", _calendar_meetings,
                               datetime.datetime, datetime.datetime)


def calendar_meetings(user, start: datetime.datetime,
                      end: datetime.datetime) -> list[Driehoeksgesprek]:
    """The meetings between these moments of the triangles the user is in and takes part
    in (cancelled ones too), with the student."""
    return _CALENDAR_MEETINGS.list(user, start, end) or []


def gesprekken_for(user) -> QuerySet[Driehoeksgesprek]:
    """The meetings of the triangles the user is in (the student sees their meetings, but not
    the draft notes: see permissions.notes_visible)."""
    return Driehoeksgesprek.objects.filter(stage__in=driehoek_stages(user))


def gesprek_detail_queryset(user) -> QuerySet[Driehoeksgesprek]:
    return gesprekken_for(user).select_related(
        "stage__student__user", "stage__school", "stage__schooljaar", "stage__student__opleiding",
        "notes_updated_by", "shared_by", "created_by",
    ).prefetch_related(
        "deelnemers",
        Prefetch("akkoorden", queryset=Akkoord.objects.select_related("user")),
        "addenda__author",
        Prefetch("wijzigingen", queryset=Wijziging.objects.select_related("user")),
    )


@dataclass
class Agenda:
    leervragen: list
    leerdoelen: list
    actiepunten: list


def agenda_for(gesprek: Driehoeksgesprek, role: Rol | None) -> Agenda:
    """The meeting's starting agenda: the student's open learning questions, the current
    goals and the open action items of the placement. Three queries."""
    stage = gesprek.stage
    return Agenda(
        leervragen=list(
            Leervraag.objects.current().shared().filter(student_id=stage.student_id)
            .order_by("-last_activity_at")
        ),
        leerdoelen=list(
            Leerdoel.objects.filter(stage=stage, status=LeerdoelStatus.ACTIVE)
            .filter(visible_items_q(role)).exclude(gesprek=gesprek)
            .prefetch_related("leeruitkomsten")
        ),
        actiepunten=list(
            Actiepunt.objects.filter(stage=stage, done_at__isnull=True)
            .filter(visible_items_q(role)).exclude(gesprek=gesprek).select_related("owner")
        ),
    )


def items_of(gesprek: Driehoeksgesprek) -> dict:
    """The goals, actions and needs agreed in this meeting."""
    return {
        "leerdoelen": list(
            gesprek.leerdoelen.prefetch_related("leeruitkomsten", INVULLINGEN,
                                                SHARED_LEERVRAGEN)
        ),
        "actiepunten": list(gesprek.actiepunten.select_related("owner")),
        "behoeften": list(gesprek.behoeften.select_related("bouwsteen")),
    }


# --- Overview of my triangles -------------------------------------------------------------


def overview(user, *, query: str = "", all_years: bool = False) -> QuerySet[Stage]:
    """The user's triangles with their next meeting, open actions and meetings waiting for
    the user's agreement, in a fixed number of queries whatever the number of rows."""
    now = timezone.now()
    stages = driehoek_stages(user).select_related(
        "student__user", "student__opleiding", "school", "schooljaar"
    )
    if not all_years:
        today = timezone.localdate()
        # This school year's placements, also in the summer after they ended.
        stages = stages.filter(Q(end_date__gte=today) | Q(schooljaar__end_date__gte=today))
    if query:
        stages = stages.filter(
            Q(student__user__first_name__icontains=query)
            | Q(student__user__last_name__icontains=query)
            | Q(school__name__icontains=query)
        )
    upcoming = Driehoeksgesprek.objects.filter(
        stage=OuterRef("pk"), status=GesprekStatus.PLANNED, starts_at__gte=now
    ).order_by("starts_at")
    waiting = Driehoeksgesprek.objects.filter(
        stage=OuterRef("pk"), shared_at__isnull=False, locked_at__isnull=True,
        deelnemers=user,
    ).exclude(akkoorden__user=user)
    return stages.annotate(
        next_meeting_at=Subquery(upcoming.values("starts_at")[:1]),
        next_meeting_uuid=Subquery(upcoming.values("uuid")[:1]),
        open_actions=Count(
            "actiepunten", filter=Q(actiepunten__done_at__isnull=True), distinct=True
        ),
        meetings=Count("driehoeksgesprekken", distinct=True),
        awaiting_me=Exists(waiting),
    ).order_by("-schooljaar__start_date", "student__user__last_name", "student__user__first_name")


# --- The placement's year -----------------------------------------------------------------


def year_context(stage: Stage, role: Rol | None) -> dict:
    """Everything on the triangle page and in the year's print view. A fixed number of
    queries, whatever the number of meetings, goals, actions and evaluations."""
    full = role == Rol.FORMAL_MENTOR
    known = {"stage": stage}
    evaluations = tussenevaluaties_for_stage(stage, role)
    goals = _LEERDOELEN[full].list(stage.pk, known=known)
    for name, links, child in ((
        ("leeruitkomsten", _GOAL_OUTCOMES, "leeruitkomst"),
        ("invullingen", _GOAL_MEANINGS, "invulling"),
        ("leervragen", _GOAL_QUESTIONS, "leervraag"),
    ) if goals else ()):  # as a prefetch: no question without goals
        attach(goals, name, ((link.leerdoel_id, getattr(link, child))
                             for link in links[full].list(stage.pk)))
    return {
        "members": members(stage),
        "gesprekken": meetings_with_participants(stage),
        "leerdoelen": goals,
        "actiepunten": _ACTIEPUNTEN[full].list(stage.pk, known=known),
        "behoeften": _BEHOEFTEN[full].list(stage.pk, known=known),
        "tussenevaluaties": evaluations,
        "chart": progress_chart(stage, evaluations),
    }


def meetings_with_participants(stage: Stage) -> list[Driehoeksgesprek]:
    """The placement's meetings by start, each with its participants, in one query: a LEFT
    JOIN gives a row per participant (or one with none), and the participants become the
    meeting's `deelnemers.all()` as a prefetch would leave them (issue 10: the triangle page
    at 12 queries)."""
    rows = _MEETINGS.list(stage.pk, known={"stage": stage})
    meetings: dict[int, tuple[Driehoeksgesprek, list[User]]] = {}
    for row in rows:
        _meeting, users = meetings.setdefault(row.pk, (row, []))
        if row._p_id is not None:
            users.append(partial_instance(  # the other fields deferred: read on access
                User, "default", id=row._p_id, email=row._p_email, first_name=row._p_first,
                last_name=row._p_last,
            ))
    result = []
    for meeting, users in meetings.values():
        participants = meeting.deelnemers.all()  # no query: filled in like a prefetch
        participants._result_cache, participants._prefetch_done = users, True
        meeting._prefetched_objects_cache = {"deelnemers": participants}
        result.append(meeting)
    return result


def tussenevaluaties_for_stage(stage: Stage, role: Rol | None) -> list[Tussenevaluatie]:
    """The placement's interim evaluations that `role` sees (the student: the shared ones),
    by date, each with its ratings."""
    full = role == Rol.FORMAL_MENTOR
    evaluations = _TUSSENEVALUATIES[full].list(stage.pk, known={"stage": stage})
    if evaluations:
        attach(evaluations, "oordelen", ((oordeel.tussenevaluatie_id, oordeel)
                                         for oordeel in _OORDELEN[full].list(stage.pk)),
               back="tussenevaluatie")
    return evaluations


def tussenevaluaties_for(user) -> QuerySet[Tussenevaluatie]:
    """Interim evaluations of the user's triangles; the student's only once shared."""
    stages = driehoek_stages(user)
    return Tussenevaluatie.objects.filter(stage__in=stages).filter(
        ~Q(stage__student__user=user) | Q(shared_at__isnull=False)
    )


# --- The progress chart (server-rendered SVG) ---------------------------------------------

CHART_WIDTH = 320
CHART_LEFT = 8
CHART_RIGHT = 8
ROW_HEIGHT = 22  # per level
CHART_TOP = 10


@dataclass
class ChartLine:
    leeruitkomst: Leeruitkomst
    points: list[dict]  # x, y, label, date
    path: str
    latest: Oordeel | None


def _level_y(niveau: int) -> int:
    return CHART_TOP + (3 - niveau) * ROW_HEIGHT


def progress_chart(stage: Stage, evaluations: list[Tussenevaluatie]) -> dict:
    """Per learning outcome, the level at each interim evaluation over the school year, as
    coordinates for a small SVG line chart. No queries beyond the evaluations given."""
    start = stage.schooljaar.start_date
    days = max((stage.schooljaar.end_date - start).days, 1)
    width = CHART_WIDTH - CHART_LEFT - CHART_RIGHT

    def x_of(day: datetime.date) -> int:
        offset = min(max((day - start).days, 0), days)
        return CHART_LEFT + round(width * offset / days)

    per_outcome: dict[int, list[tuple[Tussenevaluatie, Oordeel]]] = {}
    outcomes: dict[int, Leeruitkomst] = {}
    for evaluation in evaluations:
        for oordeel in evaluation.oordelen.all():
            per_outcome.setdefault(oordeel.leeruitkomst_id, []).append((evaluation, oordeel))
            outcomes[oordeel.leeruitkomst_id] = oordeel.leeruitkomst
    lines = []
    for outcome_id, rows in per_outcome.items():
        points = [
            {"x": x_of(evaluation.date), "y": _level_y(oordeel.niveau), "date": evaluation.date,
             "label": oordeel.get_niveau_display(), "niveau": oordeel.niveau}
            for evaluation, oordeel in rows
        ]
        path = " ".join(
            f"{'M' if index == 0 else 'L'}{point['x']},{point['y']}"
            for index, point in enumerate(points)
        )
        lines.append(ChartLine(outcomes[outcome_id], points, path, rows[-1][1]))
    lines.sort(key=lambda line: (line.leeruitkomst.position, line.leeruitkomst.code))
    months = []
    for month_offset in range(0, 12, 2):
        year = start.year + (start.month - 1 + month_offset) // 12
        month = (start.month - 1 + month_offset) % 12 + 1
        day = datetime.date(year, month, 1)
        months.append({"x": x_of(day), "date": day})
    levels = [
        {"y": _level_y(value), "label": label} for value, label in Ontwikkelniveau.choices
    ]
    return {
        "lines": lines, "months": months, "levels": levels, "width": CHART_WIDTH,
        "height": CHART_TOP * 2 + ROW_HEIGHT * 2 + 14, "axis_y": CHART_TOP * 2 + ROW_HEIGHT * 2,
        "plot_right": CHART_WIDTH - CHART_RIGHT, "plot_left": CHART_LEFT,
    }


# --- Home page and registries --------------------------------------------------------------


def open_actions_of(user, *, limit: int = 5) -> list[Actiepunt]:
    """The user's own open action items in triangles they are still in (visible to them)."""
    stages = driehoek_stages(user)
    actions = Actiepunt.objects.filter(owner=user, done_at__isnull=True, stage__in=stages)
    actions = actions.filter(items_visible_to_q(user))
    return list(actions.select_related("stage__student__user").order_by("due_date")[:limit])


def next_gesprekken_for(user, *, limit: int = 3) -> list[Driehoeksgesprek]:
    return list(
        gesprekken_for(user).filter(
            status=GesprekStatus.PLANNED, starts_at__gte=timezone.now(), deelnemers=user
        ).select_related("stage__student__user").order_by("starts_at")[:limit]
    )


def awaiting_akkoord_for(user) -> list[Driehoeksgesprek]:
    return list(
        gesprekken_for(user).filter(
            shared_at__isnull=False, locked_at__isnull=True, deelnemers=user
        ).exclude(akkoorden__user=user).select_related("stage__student__user")
        .order_by("starts_at")[:5]
    )


def behoeften_overview(*, status: str = "", school=None, query: str = "") -> QuerySet[Behoefte]:
    """Needs across all triangles for the coordinator: what, where, which year, and what the
    partnership has for it. No notes and no names."""
    needs = Behoefte.objects.select_related(
        "stage__school", "stage__student__opleiding", "bouwsteen"
    ).order_by("-created_at", "-pk")
    if status:
        needs = needs.filter(status=status)
    if school is not None:
        needs = needs.filter(stage__school=school)
    if query:
        needs = needs.filter(Q(description__icontains=query) | Q(bouwsteen__title__icontains=query))
    return needs


