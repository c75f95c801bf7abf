"""Registrations and invitations of a session, and a person's next sessions."""

from __future__ import annotations

from django.utils import timezone

from opleidingsschool.access import medewerker_of
from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    Uitnodiging,
    UitnodigingStatus,
)

from .audience import agenda_for


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
