"""Reads of the school training team (opleidingsteam, issue 14): whose team a user is on,
the team of a school and the colleagues who can join it."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opleidingsschool.access import medewerker_of
from opleidingsschool.models import Medewerker, School

from ..models import Opleidingsteamlid

__all__ = ["TEAM_CHOICES_SHOWN", "opleidingsteam_of", "opleidingsteam_school",
           "schoolopleiders_of", "team_candidates", "teamlid_of"]

# The add form lists at most this many colleagues; a search narrows a large school.
TEAM_CHOICES_SHOWN = 50


def teamlid_of(user) -> Opleidingsteamlid | None:
    """The user's place on the opleidingsteam of the school they work at, or None. It comes
    with the request's user (access.PROFILE_RELATED): no query. A row of a school they no
    longer work at counts for nothing."""
    medewerker = medewerker_of(user)
    if medewerker is None or not medewerker.school_id:
        return None
    try:
        lid = medewerker.opleidingsteamlid
    except Opleidingsteamlid.DoesNotExist:
        return None
    return lid if lid.school_id == medewerker.school_id else None


def opleidingsteam_school(user) -> School | None:
    """The school whose opleidingsteam this user puts together: the schoolopleider's own."""
    medewerker = medewerker_of(user)
    if medewerker is None or not medewerker.is_schoolopleider or not medewerker.school_id:
        return None
    return medewerker.school


def opleidingsteam_of(school: School) -> QuerySet[Opleidingsteamlid]:
    """The colleagues on the school's team who still work there, by name."""
    return (
        Opleidingsteamlid.objects.filter(school=school, medewerker__school=school)
        .select_related("medewerker__user", "added_by")
        .order_by("medewerker__user__last_name", "medewerker__user__first_name", "pk")
    )


def schoolopleiders_of(school: School) -> QuerySet[Medewerker]:
    """The school's schoolopleiders: on the team by their function."""
    return (
        Medewerker.objects.filter(school=school, is_schoolopleider=True)
        .select_related("user").order_by("user__last_name", "user__first_name", "pk")
    )


def team_candidates(school: School, *, search: str = "") -> QuerySet[Medewerker]:
    """Colleagues at the school who can join its team: not a schoolopleider (they open the
    school day already), not on it yet; narrowed by a part of the name or e-mail address."""
    candidates = (
        Medewerker.objects.filter(school=school, is_schoolopleider=False, user__is_active=True)
        .exclude(pk__in=Opleidingsteamlid.objects.filter(school=school).values("medewerker_id"))
        .select_related("user").order_by("user__last_name", "user__first_name", "pk")
    )
    for word in search.split()[:5]:
        candidates = candidates.filter(
            Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
        )
    return candidates
