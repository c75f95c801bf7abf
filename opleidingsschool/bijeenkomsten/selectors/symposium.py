"""The symposium: presentations, jury and scores."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Q,
    QuerySet,
)

from opleidingsschool.access import medewerker_of
from opleidingsschool.models import (
    Bijeenkomst,
    Criterium,
    JuryLid,
    Medewerker,
    Partnerschap,
    Score,
    Student,
)


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


def final_year_students(partnerschap) -> QuerySet[Student]:
    """The partnership's final-year students (who present at its symposium)."""
    return Student.objects.studying().filter(partnerschap=partnerschap, study_year=4).select_related(
        "user", "opleiding")


def partnerschap_staff(partnerschap) -> QuerySet[Medewerker]:
    """The staff of a partnership: at its schools, at the institutes it works with, and its
    coordinators; and the guest experts it invited. Whom its coordinator invites as an
    expert or puts on a jury."""
    instituten = Partnerschap.instituten.through.objects.filter(
        partnerschap=partnerschap).values("instituut_id")
    return Medewerker.objects.filter(
        Q(school__partnerschap=partnerschap) | Q(instituut_id__in=instituten)
        | Q(partnerschap=partnerschap) | Q(gast_van=partnerschap)
    )


def staff_choices(partnerschap) -> QuerySet[Medewerker]:
    return partnerschap_staff(partnerschap).select_related("user", "school", "instituut")


# Attendance as experience hours -------------------------------------------------------
