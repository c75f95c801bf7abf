"""Writes of development plans: the owner writes the plan and its points."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerktaken.models import Leeruitkomst
from opleidingsschool.services import ensure_schooljaar

from ..models import Ontwikkelplan, Ontwikkelpunt, OntwikkelpuntStatus
from ..selectors.ontwikkelplan import PlanOwner, school_year_start

__all__ = ["add_ontwikkelpunt", "carry_over_ontwikkelpunten", "ensure_ontwikkelplan",
           "save_ontwikkelplan", "save_ontwikkelpunt"]


def ensure_ontwikkelplan(*, owner: PlanOwner, today: datetime.date | None = None) -> Ontwikkelplan:
    """The owner's plan for the school year that runs today, created empty if needed.
    At most one per owner per school year, also when two requests race."""
    today = today or timezone.localdate()
    schooljaar = ensure_schooljaar(start_year=school_year_start(today))
    try:
        with transaction.atomic():
            plan, _created = Ontwikkelplan.objects.get_or_create(
                schooljaar=schooljaar, **owner.filter
            )
    except IntegrityError:
        plan = Ontwikkelplan.objects.get(schooljaar=schooljaar, **owner.filter)
    return plan


@transaction.atomic
def save_ontwikkelplan(
    *, owner: PlanOwner, startpunt: str, ontwikkeldoelen: str, aanpak: str,
    today: datetime.date | None = None,
) -> Ontwikkelplan:
    """Write the three sections of the owner's plan for this school year (created on the
    first save). What I want to develop may not be empty."""
    if not ontwikkeldoelen.strip():
        raise ValidationError({"ontwikkeldoelen": _("Write down what you want to develop.")})
    plan = ensure_ontwikkelplan(owner=owner, today=today)
    plan.startpunt = startpunt.strip()
    plan.ontwikkeldoelen = ontwikkeldoelen.strip()
    plan.aanpak = aanpak.strip()
    plan.updated_at = timezone.now()
    plan.save(update_fields=["startpunt", "ontwikkeldoelen", "aanpak", "updated_at"])
    return plan


def _check_punt(*, goal: str, status: str, reflection: str) -> None:
    if not goal.strip():
        raise ValidationError({"goal": _("Write down what you want to work on.")})
    if status == OntwikkelpuntStatus.DONE and not reflection.strip():
        raise ValidationError(
            {"reflection": _("Write a short reflection: what did you learn, what helped?")}
        )


@transaction.atomic
def add_ontwikkelpunt(
    *, owner: PlanOwner, goal: str, target_date: datetime.date,
    leeruitkomst: Leeruitkomst | None = None, today: datetime.date | None = None,
) -> Ontwikkelpunt:
    """Add an open point to the owner's plan for this school year (creating the plan if it
    does not exist yet)."""
    _check_punt(goal=goal, status=OntwikkelpuntStatus.OPEN, reflection="")
    plan = ensure_ontwikkelplan(owner=owner, today=today)
    punt = Ontwikkelpunt.objects.create(
        ontwikkelplan=plan, goal=goal.strip(), target_date=target_date,
        leeruitkomst=leeruitkomst,
    )
    Ontwikkelplan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    return punt


@transaction.atomic
def save_ontwikkelpunt(
    *, punt: Ontwikkelpunt, goal: str, target_date: datetime.date, status: str,
    reflection: str = "", leeruitkomst: Leeruitkomst | None = None,
) -> Ontwikkelpunt:
    """Change a point. A point is done only with a reflection; done_at records when."""
    _check_punt(goal=goal, status=status, reflection=reflection)
    if status == OntwikkelpuntStatus.DONE and not punt.is_done:
        punt.done_at = timezone.now()
    elif status != OntwikkelpuntStatus.DONE:
        punt.done_at = None
    punt.goal = goal.strip()
    punt.target_date = target_date
    punt.leeruitkomst = leeruitkomst
    punt.status = status
    punt.reflection = reflection.strip()
    punt.save()
    Ontwikkelplan.objects.filter(pk=punt.ontwikkelplan_id).update(updated_at=timezone.now())
    return punt


def carry_over_ontwikkelpunten(*, student, stage) -> None:
    """registries.inductie_started: the open points of the person's last development plan
    of an earlier school year go on in the plan of their induction's school year (made if
    needed), with their learning outcome and target date; a point already there (the same
    goal) is not copied twice. The earlier plan stays as it was, until its retention ends.
    Three to five queries."""
    earlier = (
        Ontwikkelplan.objects.filter(
            student=student, schooljaar__start_date__lt=stage.schooljaar.start_date)
        .order_by("-schooljaar__start_date").first()
    )
    if earlier is None:
        return
    punten = list(earlier.punten.exclude(status=OntwikkelpuntStatus.DONE).order_by("target_date"))
    if not punten:
        return
    plan = ensure_ontwikkelplan(owner=PlanOwner(student=student), today=stage.start_date)
    known = set(plan.punten.values_list("goal", flat=True))
    Ontwikkelpunt.objects.bulk_create([
        Ontwikkelpunt(ontwikkelplan=plan, goal=punt.goal, leeruitkomst_id=punt.leeruitkomst_id,
                      target_date=max(punt.target_date, stage.start_date), status=punt.status)
        for punt in punten if punt.goal not in known
    ])
