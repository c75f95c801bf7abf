"""The access layer: the one answer to "may this user see this student, and as what?".

Every app's selectors build on `visible_students`, `visible_stages`, `capacities_for` and
`role_on`;
views get their objects from those selectors, so an object outside the scope is a 404.

| who                          | sees                                                   |
|------------------------------|--------------------------------------------------------|
| student, starter             | own records only (a starter's are in their Student row) |
| werkplekbegeleider, extra    | the students they actively mentor                      |
| induction coach              | the starter they coach, as a werkplekbegeleider sees a student |
| schoolopleider               | every student placed at their school, every starter in induction there |
| instituutsopleider           | the students whose triangle they are in                |
| coordinator                  | planning and aggregates; students only with a mentoring role |

A student who becomes a starter (services.inductie) keeps their learning record; the
conversion ends the mentor rows of their placements as a student and closes those placements
(`Stage.closed_at`): from then on no school sees them, only the person. The learning record
goes on in the induction placement at the school where they work, seen by their coach and
that school's schoolopleider.
"""

from __future__ import annotations

import enum
import threading
import uuid

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from .compiled import CompiledQuery, CompiledSubquery, kept
from .models import (
    Begeleider,
    BegeleiderStatus,
    Functie,
    Instituut,
    Medewerker,
    Partnerschap,
    Stage,
    Student,
)


class Rol(enum.StrEnum):
    """The one role vocabulary. What a user is in the partnership (`roles_for`: menus, home
    pages) and what a user is for one student or placement (`capacities_for`, `role_on`).
    One person may hold several."""

    STUDENT = "student"  # a student (not a starter); for a student or placement: their own
    WERKPLEKBEGELEIDER = "werkplekbegeleider"
    BEGELEIDER = "begeleider"  # actively mentors at least one student, in any function
    SCHOOLOPLEIDER = "schoolopleider"  # for a student or placement: of the school
    INSTITUUTSOPLEIDER = "instituutsopleider"
    COORDINATOR = "coordinator"
    DOCENT = "docent"
    STARTER = "starter"
    GAST = "gast"  # a guest expert from outside the partnership: their invitations only
    # Only for one student or placement:
    FORMAL_MENTOR = "formal_mentor"  # in the triangle: wpb, schoolopleider or instituutsopleider
    EXTRA_MENTOR = "extra_mentor"


def medewerker_of(user) -> Medewerker | None:
    if not getattr(user, "is_authenticated", False):
        return None
    _load_profiles(user)
    try:
        return user.medewerker
    except Medewerker.DoesNotExist:
        return None


def _has_profile(user, name: str) -> bool:
    # A missing reverse one-to-one raises RelatedObjectDoesNotExist, an AttributeError.
    return hasattr(user, name)


PROFILES = ("student", "starter", "medewerker")
# What a request's user is loaded with (accounts.AuthenticationBackend.get_user). A staff
# member's place on their school's opleidingsteam (begeleiding.Opleidingsteamlid, named by
# its relation, never imported) comes along too: the menu of every page asks for it.
PROFILE_RELATED = (
    "student__opleiding", "starter__school", "medewerker__school", "medewerker__partnerschap",
    "medewerker__opleidingsteamlid",
)


# The functies of the user's active Begeleider rows, when the request's user was loaded with
# them (userload.py): roles_for then asks nothing.
ACTIVE_FUNCTIES = "_portal_active_functies"


def _load_profiles(user) -> None:
    """Fetch the user's student, starter and staff records in one query (instead of one
    each) and keep them on the user object for the rest of the request."""
    cache = getattr(user, "_state", None)
    if cache is None or not getattr(user, "pk", None):
        return
    cache = cache.fields_cache
    missing = [name for name in PROFILES if name not in cache]
    if not missing:
        return
    related = [path for path in PROFILE_RELATED if path.split("__")[0] in missing]
    loaded = get_user_model()._default_manager.select_related(*related).filter(pk=user.pk).first()
    if loaded is None:
        return
    for name in missing:
        cache[name] = loaded._state.fields_cache.get(name)


def roles_for(user) -> frozenset[Rol]:
    """The roles a user holds, computed once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    _load_profiles(user)
    roles: set[Rol] = set()
    # A starter keeps (or gets) a Student row as their learning record; they are a starter,
    # no longer a student, for menus, home pages and sessions.
    if _has_profile(user, "starter"):
        roles.add(Rol.STARTER)
    elif _has_profile(user, "student"):
        roles.add(Rol.STUDENT)
    medewerker = medewerker_of(user)
    if medewerker is not None:
        active_functies = getattr(user, ACTIVE_FUNCTIES, None)  # loaded with the user
        if active_functies is None:
            active_functies = set(
                medewerker.begeleidingen.active().order_by().values_list("functie", flat=True)
                .distinct()
            )
        if medewerker.school_id:
            roles.add(Rol.DOCENT)
        if medewerker.is_werkplekbegeleider or Functie.WERKPLEKBEGELEIDER in active_functies:
            roles.add(Rol.WERKPLEKBEGELEIDER)
        if active_functies & {Functie.WERKPLEKBEGELEIDER, Functie.EXTRA, Functie.COACH}:
            roles.add(Rol.BEGELEIDER)
        if medewerker.is_schoolopleider and medewerker.school_id:
            roles.add(Rol.SCHOOLOPLEIDER)
        if medewerker.is_instituutsopleider and medewerker.instituut_id:
            roles.add(Rol.INSTITUUTSOPLEIDER)
        if medewerker.is_coordinator:
            roles.add(Rol.COORDINATOR)
        if medewerker.gast_van_id:
            roles.add(Rol.GAST)
    result = frozenset(roles)
    user._portal_roles = result
    return result


def is_coordinator(user) -> bool:
    return Rol.COORDINATOR in roles_for(user)


def partnerschap_of(user) -> Partnerschap | None:
    """The partnership a coordinator manages; None for everyone else. Every coordinator
    page scopes its rows to it, so a coordinator never sees another partnership's."""
    if not is_coordinator(user):
        return None
    return medewerker_of(user).partnerschap


def partnerschap_ids_for(user) -> frozenset[int]:
    """The partnerships a person takes part in: a student's, the partnership of a staff
    member's or starter's school, every partnership a staff member's institute works with,
    the one a coordinator manages. Sessions and the curriculum are offered from these.
    Computed once per request (at most one query, only for institute staff)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_partnerschappen", None)
    if cached is not None:
        return cached
    _load_profiles(user)
    ids: set[int] = set()
    if _has_profile(user, "student"):
        ids.add(user.student.partnerschap_id)
    if _has_profile(user, "starter"):
        ids.add(user.starter.school.partnerschap_id)
    medewerker = medewerker_of(user)
    if medewerker is not None:
        if medewerker.partnerschap_id:
            ids.add(medewerker.partnerschap_id)
        if medewerker.school_id:
            ids.add(medewerker.school.partnerschap_id)
        if medewerker.instituut_id:
            ids.update(
                Instituut.partnerschappen.through.objects.filter(
                    instituut_id=medewerker.instituut_id
                ).values_list("partnerschap_id", flat=True)
            )
    result = frozenset(ids)
    user._portal_partnerschappen = result
    return result


def _id_values(user) -> tuple[int, ...] | None:
    """What the ids a user may see depend on: their own id; their staff record's, if they
    have one; their school's, if they are its schoolopleider. None: nothing at all (not
    logged in, or deactivated). The number of values is the shape of the ids' query."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    medewerker = medewerker_of(user)
    if medewerker is None:
        return (user.pk,)
    if medewerker.is_schoolopleider and medewerker.school_id:
        return (user.pk, medewerker.pk, medewerker.school_id)
    return (user.pk, medewerker.pk)


def _stage_id_branches(user_id: int, medewerker_id: int | None = None,
                       school_id: int | None = None) -> list[QuerySet]:
    """The placement ids a user may see, as one small indexed query per reason: own
    placements, the placements they actively mentor, and (schoolopleider) their school's
    that are not closed.

    Kept as separate branches joined by UNION (never `user = X OR EXISTS (...)`): each branch
    is answered from an index, so the cost follows what the user sees, not the data size."""
    branches = [Stage.objects.filter(student__user_id=user_id).values("pk")]
    if medewerker_id is not None:
        branches.append(
            Begeleider.objects.filter(
                medewerker_id=medewerker_id, status=BegeleiderStatus.ACTIVE
            ).values("stage_id")
        )
        if school_id is not None:
            branches.append(_open_at_school(school_id).values("pk"))
    return branches


def _student_id_branches(user_id: int, medewerker_id: int | None = None,
                         school_id: int | None = None) -> list[QuerySet]:
    """The student ids a user may see, by the same reasons: their own record, the students of
    the placements they actively mentor, and (schoolopleider) their school's open ones."""
    branches = [Student.objects.filter(user_id=user_id).values("pk")]
    if medewerker_id is not None:
        branches.append(
            Stage.objects.filter(
                begeleiders__medewerker_id=medewerker_id,
                begeleiders__status=BegeleiderStatus.ACTIVE,
            ).values("student_id")
        )
        if school_id is not None:
            branches.append(_open_at_school(school_id).values("student_id"))
    return branches


def _open_at_school(school_id: int) -> QuerySet[Stage]:
    """The placements at a school its schoolopleider sees: all but those closed when their
    student became a starter (the school index, then a column test per placement)."""
    return Stage.objects.open().filter(school_id=school_id)


def _union(branches: list[QuerySet]) -> QuerySet:
    first, *rest = [branch.order_by() for branch in branches]
    return first.union(*rest) if rest else first


def visible_stage_ids(user) -> QuerySet | None:
    """A subquery of the ids of the placements this user may see (None: none at all)."""
    values = _id_values(user)
    return None if values is None else _union(_stage_id_branches(*values))


def visible_stages(user) -> QuerySet[Stage]:
    """The placements this user may see: own, actively mentored, or at their school as
    schoolopleider. One query, whatever the number of placements."""
    ids = _compiled_ids(user, "stages")
    if ids is None:
        return Stage.objects.none()
    return Stage.objects.filter(pk__any_of=ids)  # lookups.py: planned apart, once


def visible_students(user) -> QuerySet[Student]:
    """The students this user may see, each once: their own record and the students of the
    placements they may see, as a UNION of indexed branches."""
    ids = _compiled_ids(user, "students")
    if ids is None:
        return Student.objects.none()
    return Student.objects.filter(pk__any_of=ids)


def visible_students_q(user, field: str = "student") -> Q:
    """The condition "`field` is a student this user may see", for rows that belong to a
    student. Filter on it rather than on `field__in=visible_students(user)`: the ids go in
    as `= ANY(ARRAY(...))` (lookups.py), with no students table for Postgres to place among
    the query's joins; planning a query of many joins costs more than running it (issue 10:
    the day log's list, 9-13 ms of planning at national size)."""
    ids = _compiled_ids(user, "students")
    return Q(pk__in=[]) if ids is None else Q(**{f"{field}_id__any_of": ids})


def access_values(user) -> tuple[int, ...] | None:
    """What the ids this user may see depend on (None: nothing at all), for a query compiled
    once per shape (compiled.CompiledQuery) that puts them in with
    `visible_students_q_for(values)`: its shape is the number of values."""
    return _id_values(user)


def visible_students_q_for(values: tuple[int, ...], field: str = "student") -> Q:
    """visible_students_q of the user whose access_values these are ("pk" on Student)."""
    ids = RawSQL(*_ID_QUERIES["students"][len(values)].sql(*values))
    return Q(**{"pk__any_of" if field == "pk" else f"{field}_id__any_of": ids})


class PerViewer:
    """A query of what one person may see, compiled once per shape of the access rule
    (compiled.py): `build(*args, *values)` takes the call's own arguments (of `kinds`), then
    the person's access values (their user id first; the number of values is the shape).
    `compiled`: CompiledQuery, or CompiledSubquery for ids that go into written-out SQL.
    Each call answers None for someone who sees nothing through it (not logged in, or no
    shape of `counts`: a query for staff only)."""

    def __init__(self, name: str, build, *kinds, compiled=CompiledQuery,
                 counts: tuple[int, ...] = (1, 2, 3)):
        self._queries = {count: compiled(f"{name}_{count}", build, *kinds, *[int] * count)
                         for count in counts}

    def _of(self, user):
        values = _id_values(user)
        return (None, ()) if values is None else (self._queries.get(len(values)), values)

    def list(self, user, *args, **kwargs) -> list | None:
        query, values = self._of(user)
        return None if query is None else query.list(*args, *values, **kwargs)

    def page_source(self, user, *args, **kwargs):
        """CompiledQuery.page_source for this person (pagination.Paginator reads it)."""
        query, values = self._of(user)
        return None if query is None else query.page_source(*args, *values, **kwargs)

    def sql(self, user, *args) -> tuple[str, list] | None:
        """CompiledSubquery.sql for this person: the SQL and parameters of the ids."""
        query, values = self._of(user)
        return None if query is None else query.sql(*args, *values)


_BY_UUID: dict[tuple[str, ...], PerViewer] = {}
_BY_UUID_LOCK = threading.Lock()


def visible_student(user, student_uuid, related: tuple[str, ...] = ("user",)) -> Student | None:
    """The student with this uuid if this user may see them (visible_students), with the
    `related` rows joined; None otherwise. One query, compiled once per shape (the related
    rows and the number of access values): a page about one student asks it on every
    visit."""
    if type(student_uuid) is not uuid.UUID:
        return None
    query = kept(_BY_UUID, _BY_UUID_LOCK, related, lambda: PerViewer(
        "visible_student_" + "_".join(part.replace("__", "_") for part in related),
        lambda found_uuid, *values: Student.objects.filter(
            visible_students_q_for(values, "pk"), uuid=found_uuid,
        ).select_related(*related),
        uuid.UUID))
    found = query.list(user, student_uuid)
    return found[0] if found else None


def visible_stages_q_for(values: tuple[int, ...], field: str = "stage") -> Q:
    """On a row that belongs to a placement (`field`; "pk" on Stage itself): a placement the
    user whose access_values these are may see."""
    ids = RawSQL(*_ID_QUERIES["stages"][len(values)].sql(*values))
    return Q(**{"pk__any_of" if field == "pk" else f"{field}_id__any_of": ids})


# The ids' queries per kind and shape (the number of _id_values), compiled once per process
# (compiled.CompiledSubquery): only the values change from person to person.
_ID_QUERIES = {
    kind: {
        count: CompiledSubquery(
            f"{kind}_ids_{count}", lambda *values, branches=branches: _union(branches(*values)),
            *[int] * count,
        )
        for count in (1, 2, 3)
    }
    for kind, branches in (("stages", _stage_id_branches), ("students", _student_id_branches))
}


def _compiled_ids(user, kind: str) -> RawSQL | None:
    """The ids subquery of `kind` for this user, as SQL put into each query (lookups.py:
    `= ANY(ARRAY(...))`, planned apart). Its SQL is compiled once per process and shape; the
    values are put in once per request (kept on the user object, like the roles), so the
    pages that filter on the access layer two or three times work it out once (issue 10)."""
    cache = getattr(user, "_portal_compiled_ids", None)
    if cache is None:
        cache = {}
        if getattr(user, "pk", None):
            user._portal_compiled_ids = cache
    if kind not in cache:
        values = _id_values(user)
        cache[kind] = None if values is None else RawSQL(
            *_ID_QUERIES[kind][len(values)].sql(*values))
    return cache[kind]


def visible_student_ids(user) -> QuerySet | None:
    """A subquery of the ids of the students this user may see (None: none at all)."""
    values = _id_values(user)
    return None if values is None else _union(_student_id_branches(*values))


def capacities_for(user, student: Student) -> frozenset[Rol]:
    """In which roles the user sees this student (STUDENT for their own, FORMAL_MENTOR,
    EXTRA_MENTOR, SCHOOLOPLEIDER); empty means not at all. A starter's induction coach is
    their FORMAL_MENTOR, as the werkplekbegeleider is a student's."""
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
            and student.stages.filter(
                school_id=medewerker.school_id, closed_at__isnull=True).exists()
        ):
            capacities.add(Rol.SCHOOLOPLEIDER)
    return frozenset(capacities)


def role_on(user, stage: Stage) -> Rol | None:
    """What this user is on this placement: STUDENT (their own), FORMAL_MENTOR (in its
    triangle), EXTRA_MENTOR, SCHOOLOPLEIDER (of its school) or None, the strongest first.
    At most one query; remembered on the user for the rest of the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    known = getattr(user, "_portal_role_on", None)
    if known is None:
        known = user._portal_role_on = {}
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
        elif (medewerker.is_schoolopleider and medewerker.school_id == stage.school_id
              and stage.closed_at is None):
            role = Rol.SCHOOLOPLEIDER
    known[stage.pk] = role
    return role
