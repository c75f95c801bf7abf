"""What the triangle adds to pages the core owns, through opleidingsschool.registries."""

from __future__ import annotations

import datetime
import functools
import uuid

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from opleidingsschool.access import Rol
from opleidingsschool.compiled import execute_written
from opleidingsschool.lookups import in_array_sql, one_of_sql
from opleidingsschool.registries import (
    Evidence,
    HomePanel,
    InterimEvaluation,
    MenuItem,
    StudentLink,
    TimelineEntry,
)
from opleidingsschool.urlmemo import fixed_url, reverse

from . import notices, permissions, selectors
from .models import Leerdoel, Ontwikkelniveau, Tussenevaluatie

TRIANGLE_ROLES = {Rol.STUDENT, Rol.WERKPLEKBEGELEIDER, Rol.INSTITUUTSOPLEIDER}


def menu_items(*, user, roles) -> list[MenuItem]:
    items: list[MenuItem] = []
    if roles & TRIANGLE_ROLES:
        group = (
            pgettext("menu group", "Student") if Rol.STUDENT in roles
            else pgettext("menu group", "Mentoring")
        )
        items.append(MenuItem(_("Triangle"), fixed_url("driehoek:index"), group, 60))
    if Rol.COORDINATOR in roles:
        items.append(MenuItem(_("Needs from the triangles"), fixed_url("driehoek:behoeften"),
                              pgettext("menu group", "Coordination"), 40,
                              section=pgettext("menu section", "Overviews")))
    return items


def home_panels(*, user, roles) -> list[HomePanel]:
    if not roles:
        return []
    panels: list[HomePanel] = []
    actions = selectors.open_actions_of(user)
    if actions:
        panels.append(HomePanel(
            title=_("My open actions"), template="driehoek/home/_actions.html",
            context={"actions": actions}, order=16,
        ))
    gesprekken = selectors.next_gesprekken_for(user)
    awaiting = selectors.awaiting_akkoord_for(user)
    if gesprekken or awaiting or roles & TRIANGLE_ROLES:
        panels.append(HomePanel(
            title=_("Next triangle meetings"), template="driehoek/home/_gesprekken.html",
            context={"gesprekken": gesprekken, "awaiting": awaiting}, order=22,
        ))
    return panels


def calendar_events(*, user, start: datetime.datetime, end: datetime.datetime) -> list:
    """The meetings the user takes part in (cancelled ones too, so calendars drop them)."""
    return [notices.event_for(gesprek) for gesprek in selectors.calendar_meetings(user, start, end)]


def timeline(*, user, leervraag) -> list[TimelineEntry]:
    """Learning goals linked to this learning question, for the members of the triangle."""
    stages = selectors.driehoek_stages(user)
    goals = Leerdoel.objects.filter(leervragen=leervraag, stage__in=stages)
    goals = goals.filter(
        permissions.items_visible_to_q(user)
    ).select_related("stage")
    return [
        TimelineEntry(
            when=goal.created_at, label=_("Learning goal: %(title)s") % {"title": goal.title},
            url=reverse("driehoek:stage", kwargs={"uuid": goal.stage.uuid}),
        )
        for goal in goals
    ]


# The goals and the interim evaluations' ratings linked to the given outcomes: one row shape
# for both (a UNION pairs columns by position), goals first in their model's order (created,
# then pk), ratings by the evaluation's date. Written out (issue 10): built by the ORM, the
# goals and the ratings took about 6 ms of every evidence page on the demo, this query
# under 3. Whose triangle the user is in and which goals and evaluations they see stay the
# selectors' and permissions' rules, compiled by the ORM into {stages} (planned and run
# once) and the subqueries of {in_goals} and {in_evaluations}.
_EVIDENCE_SQL = """
WITH stages (id) AS ({stages})
SELECT 0, lu.leeruitkomst_id, d.created_at, NULL, d.title, NULL, s.uuid, d.id
FROM driehoek_leerdoel d
INNER JOIN driehoek_leerdoel_leeruitkomsten lu ON lu.leerdoel_id = d.id
INNER JOIN opleidingsschool_stage s ON s.id = d.stage_id
WHERE d.id {in_goals} AND lu.leeruitkomst_id {outcomes}
UNION ALL
SELECT 1, o.leeruitkomst_id, NULL, e.date, '', o.niveau, e.uuid, o.id
FROM driehoek_oordeel o
INNER JOIN driehoek_tussenevaluatie e ON e.id = o.tussenevaluatie_id
WHERE o.tussenevaluatie_id {in_evaluations} AND o.leeruitkomst_id {outcomes}
ORDER BY 1, 3, 4, 8
"""
_IN_TRIANGLE = RawSQL("SELECT id FROM stages", ())  # the placements of {stages}


def evidence(*, user, student, leeruitkomsten) -> dict[int, list[Evidence]]:
    """Goals about these outcomes and their ratings in interim evaluations (shared ones only
    for the student), for the members of the student's triangle, oldest first (on one day,
    goals before ratings). One query for all outcomes; only the columns shown are read."""
    ids = [outcome.pk for outcome in leeruitkomsten]
    if not ids:
        return {}
    compiled = selectors.student_triangle_stages_sql(user, student)
    if compiled is None:
        return {}
    stages, stage_params = compiled
    goals, evaluations = _items_in_triangle(is_student=student.user_id == user.pk)
    outcomes, outcome_params = in_array_sql(ids)
    with connection.cursor() as cursor:
        execute_written(
            cursor,
            _EVIDENCE_SQL.format(stages=stages, in_goals=one_of_sql(goals),
                                 in_evaluations=one_of_sql(evaluations), outcomes=outcomes),
            [*stage_params, *outcome_params, *outcome_params],
        )
        rows = cursor.fetchall()
    result: dict[int, list[Evidence]] = {}
    for kind, outcome_id, created_at, day, title, niveau, key, _pk in rows:
        key = uuid.UUID(str(key))  # SQLite keeps a uuid as its 32 hex digits
        if kind == 0:
            item = Evidence(timezone.localtime(_aware(created_at)).date(),
                            _("Learning goal: %(title)s") % {"title": title},
                            reverse("driehoek:stage", kwargs={"uuid": key}))
        else:
            item = Evidence(_date(day), _("Interim evaluation: %(level)s") % {
                "level": Ontwikkelniveau(niveau).label},
                reverse("driehoek:tussenevaluatie_detail", kwargs={"uuid": key}))
        result.setdefault(outcome_id, []).append(item)
    for items in result.values():
        items.sort(key=lambda item: item[0])
    return result


@functools.cache
def _items_in_triangle(*, is_student: bool) -> tuple[str, str]:
    """The goals and the evaluations of the placements in `stages` that a member of the
    triangle sees (the student: only what has been shared), as SQL. The same text for every
    request, so built and compiled once per process."""
    goals = Leerdoel.objects.filter(stage_id__any_of=_IN_TRIANGLE)
    evaluations = Tussenevaluatie.objects.filter(stage_id__any_of=_IN_TRIANGLE)
    if is_student:
        goals = goals.filter(permissions.visible_items_q(Rol.STUDENT))
        evaluations = evaluations.filter(shared_at__isnull=False)
    compiled = [queryset.values("pk").order_by().query.sql_with_params()
                for queryset in (goals, evaluations)]
    if any(params for _sql, params in compiled):  # they would have to be passed each time
        raise RuntimeError(f"unexpected parameters in the triangle's items: {compiled!r}")
    return compiled[0][0], compiled[1][0]



# SQLite types a UNION's columns by its first branch: the ratings' dates come back as text
# there (the goals' column is empty), the goals' times in UTC without the zone.
def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _aware(value: datetime.datetime) -> datetime.datetime:
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def student_links(*, user, student, roles, stages) -> list[StudentLink]:
    """The triangle of each placement the user is a member of (student or formal mentor)."""
    if not roles & {Rol.STUDENT, Rol.FORMAL_MENTOR}:
        return []
    member_stages = selectors.driehoek_stages(user).filter(pk__in=[stage.pk for stage in stages])
    return [
        StudentLink(
            _("Triangle %(year)s") % {"year": stage.schooljaar},
            reverse("driehoek:stage", args=[stage.uuid]), 10,
        )
        for stage in member_stages.select_related("schooljaar")
    ]


def interim_evaluations(*, user, student) -> list[InterimEvaluation]:
    """The student's interim evaluations the user may open (their triangles; the student's
    own once shared), for the growth of their lesson observations. One query."""
    evaluations = selectors.tussenevaluaties_for(user).filter(stage__student=student)
    return [
        InterimEvaluation(evaluation.date, _("Interim evaluation"), evaluation.get_absolute_url())
        for evaluation in evaluations.order_by("date", "pk")
    ]


def tussenevaluatie_dates(*, stage_ids, until: datetime.date) -> dict[int, list[datetime.date]]:
    """The days the interim evaluations of these placements reached the student: the later
    of the evaluation's date and the day it was shared (a draft is the supervisors' own, so
    it counts from when the student can read it). Up to `until`; one query."""
    found: dict[int, list[datetime.date]] = {}
    for stage_id, day, shared_at in (
        Tussenevaluatie.objects.filter(stage_id__in=stage_ids, shared_at__isnull=False,
                                       date__lte=until)
        .order_by("date", "pk").values_list("stage_id", "date", "shared_at")
    ):
        reached = max(day, timezone.localdate(shared_at))
        if reached <= until:
            found.setdefault(stage_id, []).append(reached)
    return found
