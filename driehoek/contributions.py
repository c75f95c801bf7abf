"""What the triangle adds to pages the core owns, through opleidingsschool.registries."""

from __future__ import annotations

import datetime

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from opleidingsschool.access import Rol
from opleidingsschool.registries import (
    Evidence,
    HomePanel,
    InterimEvaluation,
    MenuItem,
    StudentLink,
    TimelineEntry,
)

from . import notices, permissions, selectors
from .models import Leerdoel, Oordeel, Tussenevaluatie

TRIANGLE_ROLES = {Rol.STUDENT, Rol.WERKPLEKBEGELEIDER, Rol.INSTITUUTSOPLEIDER}


def menu_items(*, user, roles) -> list[MenuItem]:
    items: list[MenuItem] = []
    if roles & TRIANGLE_ROLES:
        group = (
            pgettext("menu group", "Student") if Rol.STUDENT in roles
            else pgettext("menu group", "Mentoring")
        )
        items.append(MenuItem(_("Triangle"), reverse("driehoek:index"), group, 60))
    if Rol.COORDINATOR in roles:
        items.append(MenuItem(_("Needs from the triangles"), reverse("driehoek:behoeften"),
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
    gesprekken = selectors.gesprekken_for(user).filter(
        deelnemers=user, starts_at__gte=start, starts_at__lte=end
    ).select_related("stage__student__user")
    return [notices.event_for(gesprek) for gesprek in gesprekken]


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


def evidence(*, user, student, leeruitkomsten) -> dict[int, list[Evidence]]:
    """Goals about these outcomes and their ratings in interim evaluations (shared ones only
    for the student), for the members of the student's triangle. Two queries for all."""
    stages = selectors.driehoek_stages(user).filter(student=student)
    is_own = student.user_id == user.pk
    ids = [outcome.pk for outcome in leeruitkomsten]
    goals = (
        Leerdoel.objects.filter(stage__in=stages, leeruitkomsten__in=ids)
        .annotate(outcome_id=F("leeruitkomsten")).select_related("stage")
    )
    if is_own:
        goals = goals.filter(permissions.visible_items_q(Rol.STUDENT))
    oordelen = Oordeel.objects.filter(
        tussenevaluatie__stage__in=stages, leeruitkomst__in=ids
    ).select_related("tussenevaluatie")
    if is_own:
        oordelen = oordelen.filter(tussenevaluatie__shared_at__isnull=False)
    result: dict[int, list[Evidence]] = {}
    for goal in goals:
        result.setdefault(goal.outcome_id, []).append(Evidence(
            timezone.localtime(goal.created_at).date(),
            _("Learning goal: %(title)s") % {"title": goal.title},
            reverse("driehoek:stage", kwargs={"uuid": goal.stage.uuid})))
    for oordeel in oordelen:
        result.setdefault(oordeel.leeruitkomst_id, []).append(Evidence(
            oordeel.tussenevaluatie.date,
            _("Interim evaluation: %(level)s") % {"level": oordeel.get_niveau_display()},
            oordeel.tussenevaluatie.get_absolute_url()))
    for items in result.values():
        items.sort(key=lambda item: item[0])
    return result


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
