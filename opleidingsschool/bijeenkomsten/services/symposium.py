"""The symposium: presentations, jury, criteria, scores and the prize winner."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opleidingsschool import homecache
from opleidingsschool.models import (
    Bijeenkomst,
    Criterium,
    Medewerker,
)

from .planning import _lock


@transaction.atomic
def add_presentatie(*, bijeenkomst: Bijeenkomst, student, title: str, research_question: str):
    from opleidingsschool.models import Presentatie

    _lock(bijeenkomst)  # two coordinators adding the same student: one wins, one is told
    if Presentatie.objects.filter(bijeenkomst=bijeenkomst, student=student).exists():
        raise ValidationError({"student": _("This student already presents at this symposium.")})
    return Presentatie.objects.create(
        bijeenkomst=bijeenkomst,
        student=student,
        title=title.strip(),
        research_question=research_question.strip(),
    )


@transaction.atomic
def add_jurylid(*, bijeenkomst: Bijeenkomst, medewerker: Medewerker):
    from opleidingsschool.models import JuryLid

    jurylid, _created = JuryLid.objects.get_or_create(bijeenkomst=bijeenkomst, medewerker=medewerker)
    return jurylid


@transaction.atomic
def add_criterium(*, bijeenkomst: Bijeenkomst, name: str):
    name = name.strip()
    _lock(bijeenkomst)
    if Criterium.objects.filter(bijeenkomst=bijeenkomst, name__iexact=name).exists():
        raise ValidationError({"name": _("This criterion already exists.")})
    position = bijeenkomst.criteria.count()
    return Criterium.objects.create(bijeenkomst=bijeenkomst, name=name, position=position)


@transaction.atomic
def save_scores(*, jurylid, scores: dict[tuple[int, int], int | None]) -> int:
    """Store one jury member's scores; an emptied field removes that score. Only this
    symposium's presentations and criteria count."""
    from opleidingsschool.models import Score

    bijeenkomst = jurylid.bijeenkomst
    valid_presentaties = set(bijeenkomst.presentaties.values_list("pk", flat=True))
    valid_criteria = set(bijeenkomst.criteria.values_list("pk", flat=True))
    saved = 0
    for (presentatie_id, criterium_id), value in scores.items():
        if presentatie_id not in valid_presentaties or criterium_id not in valid_criteria:
            continue
        if value is None:
            Score.objects.filter(
                jurylid=jurylid, presentatie_id=presentatie_id, criterium_id=criterium_id
            ).delete()
            continue
        Score.objects.update_or_create(
            jurylid=jurylid,
            presentatie_id=presentatie_id,
            criterium_id=criterium_id,
            defaults={"value": value},
        )
        saved += 1
    return saved


@transaction.atomic
def choose_winner(*, presentatie):
    """The prize winner, announced on the session page; one per symposium. Two coordinators
    choosing at the same moment are served one after the other (the symposium row is locked),
    so the "one winner" constraint never sees two; the last choice stands."""
    from opleidingsschool.models import Presentatie

    _lock(presentatie.bijeenkomst)
    homecache.note(everyone=True)
    Presentatie.objects.filter(bijeenkomst=presentatie.bijeenkomst, is_winner=True).exclude(
        pk=presentatie.pk
    ).update(is_winner=False)
    presentatie.is_winner = True
    presentatie.save(update_fields=["is_winner"])
    return presentatie
