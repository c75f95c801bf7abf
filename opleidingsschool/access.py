"""The access layer: the one answer to "may this user see this student, and as what?".

Every app's selectors build on `visible_students`, `visible_stages`, `capacities_for` and
`role_on`;
views get their objects from those selectors, so an object outside the scope is a 404.

| who                          | sees                                                   |
|------------------------------|--------------------------------------------------------|
| student                      | own records only                                       |
| werkplekbegeleider, extra    | the students they actively mentor                      |
| schoolopleider               | every student placed at their school                   |
| instituutsopleider           | the students whose triangle they are in                |
| coordinator                  | planning and aggregates; students only with a mentoring role |
"""

from __future__ import annotations

import enum

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Begeleider, BegeleiderStatus, Functie, Medewerker, Stage, Student


class Rol(enum.StrEnum):
    """The one role vocabulary. What a user is in the partnership (`roles_for`: menus, home
    pages) and what a user is for one student or placement (`capacities_for`, `role_on`).
    One person may hold several."""

    STUDENT = "student"  # for a student or placement: their own
    WERKPLEKBEGELEIDER = "werkplekbegeleider"
    BEGELEIDER = "begeleider"  # actively mentors at least one student, in any function
    SCHOOLOPLEIDER = "schoolopleider"  # for a student or placement: of the school
    INSTITUUTSOPLEIDER = "instituutsopleider"
    COORDINATOR = "coordinator"
    DOCENT = "docent"
    STARTER = "starter"
    # Only for one student or placement:
    FORMAL_MENTOR = "formal_mentor"  # in the triangle: wpb, schoolopleider or instituutsopleider
    EXTRA_MENTOR = "extra_mentor"


def medewerker_of(user) -> Medewerker | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.medewerker
    except Medewerker.DoesNotExist:
        return None


def _has_profile(user, name: str) -> bool:
    # A missing reverse one-to-one raises RelatedObjectDoesNotExist, an AttributeError.
    return hasattr(user, name)


def roles_for(user) -> frozenset[Rol]:
    """The roles a user holds, computed once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    roles: set[Rol] = set()
    if _has_profile(user, "student"):
        roles.add(Rol.STUDENT)
    if _has_profile(user, "starter"):
        roles.add(Rol.STARTER)
    medewerker = medewerker_of(user)
    if medewerker is not None:
        active_functies = set(
            medewerker.begeleidingen.active().order_by().values_list("functie", flat=True).distinct()
        )
        if medewerker.school_id:
            roles.add(Rol.DOCENT)
        if medewerker.is_werkplekbegeleider or Functie.WERKPLEKBEGELEIDER in active_functies:
            roles.add(Rol.WERKPLEKBEGELEIDER)
        if active_functies & {Functie.WERKPLEKBEGELEIDER, Functie.EXTRA}:
            roles.add(Rol.BEGELEIDER)
        if medewerker.is_schoolopleider and medewerker.school_id:
            roles.add(Rol.SCHOOLOPLEIDER)
        if medewerker.is_instituutsopleider and medewerker.instituut_id:
            roles.add(Rol.INSTITUUTSOPLEIDER)
        if medewerker.is_coordinator:
            roles.add(Rol.COORDINATOR)
    result = frozenset(roles)
    user._portal_roles = result
    return result


def is_coordinator(user) -> bool:
    return Rol.COORDINATOR in roles_for(user)


def _stage_scope(user) -> Q | None:
    """The Q on Stage for the placements a user may see; None means none at all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    conditions = Q(student__user=user)
    medewerker = medewerker_of(user)
    if medewerker is not None:
        conditions |= Q(
            Exists(
                Begeleider.objects.filter(
                    stage=OuterRef("pk"),
                    medewerker=medewerker,
                    status=BegeleiderStatus.ACTIVE,
                )
            )
        )
        if medewerker.is_schoolopleider and medewerker.school_id:
            conditions |= Q(school_id=medewerker.school_id)
    return conditions


def visible_stages(user) -> QuerySet[Stage]:
    """The placements this user may see: own, actively mentored, or at their school as
    schoolopleider. One query, whatever the number of placements."""
    scope = _stage_scope(user)
    if scope is None:
        return Stage.objects.none()
    return Stage.objects.filter(scope)


def visible_students(user) -> QuerySet[Student]:
    """The students this user may see, each once."""
    scope = _stage_scope(user)
    if scope is None:
        return Student.objects.none()
    return Student.objects.filter(
        Q(user=user) | Q(Exists(visible_stages(user).filter(student=OuterRef("pk"))))
    )


def capacities_for(user, student: Student) -> frozenset[Rol]:
    """In which roles the user sees this student (STUDENT for their own, FORMAL_MENTOR,
    EXTRA_MENTOR, SCHOOLOPLEIDER); empty means not at all."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    capacities: set[Rol] = set()
    if student.user_id == user.pk:
        capacities.add(Rol.STUDENT)
    medewerker = medewerker_of(user)
    if medewerker is not None:
        functies = set(
            Begeleider.objects.active()
            .filter(stage__student=student, medewerker=medewerker)
            .values_list("functie", flat=True)
        )
        if functies - {Functie.EXTRA}:
            capacities.add(Rol.FORMAL_MENTOR)
        if Functie.EXTRA in functies:
            capacities.add(Rol.EXTRA_MENTOR)
        if (
            medewerker.is_schoolopleider
            and medewerker.school_id
            and student.stages.filter(school_id=medewerker.school_id).exists()
        ):
            capacities.add(Rol.SCHOOLOPLEIDER)
    return frozenset(capacities)


def role_on(user, stage: Stage) -> Rol | None:
    """What this user is on this placement: STUDENT (their own), FORMAL_MENTOR (in its
    triangle), EXTRA_MENTOR, SCHOOLOPLEIDER (of its school) or None, the strongest first.
    At most one query; remembered on the user for the rest of the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    known = user.__dict__.setdefault("_portal_role_on", {})
    if stage.pk in known:
        return known[stage.pk]
    role = None
    if stage.student.user_id == user.pk:
        role = Rol.STUDENT
    elif (medewerker := medewerker_of(user)) is not None:
        functies = set(
            Begeleider.objects.active()
            .filter(stage=stage, medewerker=medewerker)
            .values_list("functie", flat=True)
        )
        if functies - {Functie.EXTRA}:
            role = Rol.FORMAL_MENTOR
        elif Functie.EXTRA in functies:
            role = Rol.EXTRA_MENTOR
        elif medewerker.is_schoolopleider and medewerker.school_id == stage.school_id:
            role = Rol.SCHOOLOPLEIDER
    known[stage.pk] = role
    return role
