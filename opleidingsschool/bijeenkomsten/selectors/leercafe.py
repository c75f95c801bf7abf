"""A leercafé's preparation: open learning questions grouped by expertise, with matching colleagues."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Prefetch,
)
from django.db.models.functions import Lower

from opleidingsschool import registries
from opleidingsschool.models import (
    AanmeldingStatus,
    Bijeenkomst,
    Expertise,
    Medewerker,
    Student,
)
from opleidingsschool.registries import OpenLeervraag

from .symposium import partnerschap_staff


@dataclass
class ExpertiseGroup:
    name: str
    leervragen: list[OpenLeervraag]
    suggestions: list[Medewerker]
    expertise: Expertise | None = None


def leercafe_groups(bijeenkomst: Bijeenkomst) -> list[ExpertiseGroup]:
    """The open learning questions of the registered students, grouped by expertise, each
    group with the colleagues of the session's partnership whose expertise matches and who
    are not invited yet."""
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
                queryset=partnerschap_staff(bijeenkomst.partnerschap_id).exclude(pk__in=invited)
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
