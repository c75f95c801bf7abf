"""Who sees which session (the audience), with counts: the agenda, the planning, a session page."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from opleidingsschool.access import (
    Rol,
    medewerker_of,
    partnerschap_ids_for,
    partnerschap_of,
    roles_for,
)
from opleidingsschool.compiled import CompiledQuery
from opleidingsschool.models import (
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    JuryLid,
    Partnerschap,
    Presentatie,
    Schooljaar,
    Stage,
    Student,
    Uitnodiging,
    UitnodigingStatus,
)

SchoolLink = Bijeenkomst.schools.through


def _for_schools(school_ids) -> Q:
    """Open to every school (no school chosen) or to one of these schools."""
    return ~Exists(SchoolLink.objects.filter(bijeenkomst_id=OuterRef("pk"))) | Exists(
        SchoolLink.objects.filter(bijeenkomst_id=OuterRef("pk"), school_id__in=school_ids)
    )


def _student_school_ids(student: Student) -> QuerySet:
    """The schools of the student's placements this school year (of all their placements
    when no school year covers today), as a subquery: no query of its own."""
    today = timezone.localdate()
    stages = Stage.objects.filter(student=student)
    this_year = Schooljaar.objects.filter(start_date__lte=today, end_date__gte=today)
    stages = stages.filter(Q(schooljaar__in=this_year) | ~Exists(this_year))
    return stages.values("school_id")


def audience_q(user) -> Q:
    """The sessions whose audience includes this user (not counting their involvement):
    only sessions of the partnerships they take part in, so the condition starts with the
    partnership (indexed with the start time). Worked out once per request: it costs no
    query of its own (an institute's partnerships: one, cached per request)."""
    nothing = Q(pk__in=[])
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return nothing
    cached = getattr(user, "_audience_q", None)
    if cached is not None:
        return cached
    roles = roles_for(user)
    condition = nothing
    if Rol.STUDENT in roles:
        student = user.student  # with its opleiding, loaded by roles_for
        condition |= (
            Q(for_students=True)
            & (Q(study_years="") | Q(study_years__contains=str(student.study_year)))
            & (Q(niveau="") | Q(niveau=student.opleiding.niveau))
            & _for_schools(_student_school_ids(student))
        )
    if Rol.STARTER in roles:
        condition |= Q(for_starters=True) & _for_schools([user.starter.school_id])
    medewerker = medewerker_of(user)
    if medewerker is not None:
        staff = Q(for_colleagues=True)
        if roles & {Rol.WERKPLEKBEGELEIDER, Rol.BEGELEIDER}:
            staff |= Q(for_mentors=True)
        if roles & {Rol.SCHOOLOPLEIDER, Rol.INSTITUUTSOPLEIDER}:
            staff |= Q(for_opleiders=True)
        if medewerker.school_id:
            staff &= _for_schools([medewerker.school_id])
        condition |= staff
    partnerschap_ids = sorted(partnerschap_ids_for(user))
    condition = Q(partnerschap_id__in=partnerschap_ids) & condition if partnerschap_ids else nothing
    user._audience_q = condition
    return condition


def _involvement_q(user) -> Q:
    medewerker = medewerker_of(user)
    condition = Q(
        Exists(
            Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"), user=user).exclude(
                status=AanmeldingStatus.CANCELLED
            )
        )
    ) | Q(Exists(Presentatie.objects.filter(bijeenkomst=OuterRef("pk"), student__user=user)))
    if medewerker is not None:
        condition |= Q(
            Exists(Uitnodiging.objects.filter(bijeenkomst=OuterRef("pk"), medewerker=medewerker))
        ) | Q(Exists(JuryLid.objects.filter(bijeenkomst=OuterRef("pk"), medewerker=medewerker)))
    return condition


def _involved_session_ids(user) -> list[QuerySet]:
    """The sessions this user is involved in (registered, presenting, invited, on a jury),
    as one small indexed query of ids per reason: the same sessions as _involvement_q."""
    branches = [
        Aanmelding.objects.filter(user=user).exclude(status=AanmeldingStatus.CANCELLED)
        .values("bijeenkomst_id"),
        Presentatie.objects.filter(student__user=user).values("bijeenkomst_id"),
    ]
    medewerker = medewerker_of(user)
    if medewerker is not None:
        branches += [
            Uitnodiging.objects.filter(medewerker=medewerker).values("bijeenkomst_id"),
            JuryLid.objects.filter(medewerker=medewerker).values("bijeenkomst_id"),
        ]
    return [branch.order_by() for branch in branches]


def _union_of(branches: list[QuerySet]) -> QuerySet:
    first, *rest = branches
    return first.union(*rest) if rest else first


def bijeenkomsten_for(user) -> QuerySet[Bijeenkomst]:
    """Every session this user may see: those open to them or that involve them, and for a
    coordinator every session of their own partnership. One query."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Bijeenkomst.objects.none()
    condition = audience_q(user) | _involvement_q(user)
    partnerschap = partnerschap_of(user)
    if partnerschap is not None:
        condition |= Q(partnerschap=partnerschap)
    return Bijeenkomst.objects.filter(condition)


def is_open_to(user, bijeenkomst: Bijeenkomst) -> bool:
    """May this person register (the session's audience includes them)?"""
    return Bijeenkomst.objects.filter(audience_q(user), pk=bijeenkomst.pk).exists()


def _count(queryset) -> Coalesce:
    # COUNT(*): read from the (session, status) index alone, no row fetched for its id.
    counted = queryset.order_by().values("bijeenkomst").annotate(n=Count("*")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_counts(queryset: QuerySet[Bijeenkomst]) -> QuerySet[Bijeenkomst]:
    registered = Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"))
    return queryset.annotate(
        registered_count=_count(registered.filter(status=AanmeldingStatus.REGISTERED)),
        waiting_count=_count(registered.filter(status=AanmeldingStatus.WAITING)),
        pending_invitations=_count(
            Uitnodiging.objects.filter(bijeenkomst=OuterRef("pk"), status=UitnodigingStatus.PENDING)
        ),
    )


def _my_status(user) -> Subquery:
    mine = Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"), user=user)
    return Subquery(mine.values("status")[:1])


def with_my_status(queryset: QuerySet[Bijeenkomst], user) -> QuerySet[Bijeenkomst]:
    return queryset.annotate(
        my_status=_my_status(user),
        is_open_to_me=ExpressionWrapper(audience_q(user), output_field=BooleanField()),
    )


def agenda_for(
    user, *, past: bool = False, soort: str = "", mine: bool = False, now: datetime.datetime | None = None,
    with_status: bool = True,
) -> QuerySet[Bijeenkomst]:
    """The sessions that concern this person, soonest first (past: latest first), each
    with the person's own registration status (`my_status`): what the agenda and the home
    page show of a session. The counts and "open to me" of a session's own page are left
    out: each is a subquery per row, and with the audience condition compiled a second time
    they cost the agenda about a sixth of its Python calls (issue 10).
    Coordinators see in the agenda what is open to them or involves them, like everyone;
    the planning page shows them all."""
    now = now or timezone.now()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Bijeenkomst.objects.none()
    # Ids first, as a UNION of indexed branches (the audience starts with the partnership
    # and the start time; each kind of involvement with the person): the cost follows what
    # the person sees, not the number of sessions in the installation (issue 10). An OR of
    # EXISTS per session made Postgres test every future session of the country.
    sessions = Bijeenkomst.objects.filter(pk__in=agenda_ids_sql(user, mine=mine))
    sessions = sessions.filter(ends_at__lt=now) if past else sessions.filter(ends_at__gte=now)
    if soort:
        sessions = sessions.filter(soort=soort)
    if with_status:  # not for the ids alone (the agenda's pages: agenda_sessions adds it)
        sessions = sessions.annotate(my_status=_my_status(user))
    return sessions.order_by("-starts_at" if past else "starts_at")


def agenda_ids_orm(user, *, mine: bool = False) -> QuerySet:
    """The ids of the sessions in a person's agenda, as the ORM says it: the sessions whose
    audience includes them (audience_q, not for `mine`) and those they are involved in. The
    rule as the rest of the portal states it; agenda_ids_sql writes the same as SQL."""
    involved = _involved_session_ids(user)
    audience = Bijeenkomst.objects.filter(audience_q(user)).values("pk").order_by()
    return _union_of(involved if mine else [audience, *involved])


# _for_schools: open to every school, or to one of these. "OFFSET 0" keeps the first EXISTS
# a lookup per session in the (session, school) index: without it Postgres turned it into a
# hash of every session's schools in the installation (5,000 rows at national size, 0.7 ms
# of an agenda's 0.9; with it 0.1 ms), a cost that grew with the country, not the person.
# (SQLite has no OFFSET without LIMIT, and no such rewrite: {fence} is empty there.)
_FOR_SCHOOLS = (
    "(NOT EXISTS (SELECT 1 FROM opleidingsschool_bijeenkomst_schools l"
    " WHERE l.bijeenkomst_id = b.id{fence})"
    " OR EXISTS (SELECT 1 FROM opleidingsschool_bijeenkomst_schools l"
    " WHERE l.bijeenkomst_id = b.id AND l.school_id IN ({schools})))"
)


def _for_schools_sql(schools: str) -> str:
    return _FOR_SCHOOLS.format(
        schools=schools, fence=" OFFSET 0" if connection.vendor == "postgresql" else "")


_THIS_YEAR = (  # _student_school_ids' school years
    "SELECT y.id FROM opleidingsschool_schooljaar y WHERE y.end_date >= %s AND y.start_date <= %s"
)


def _audience_sql(user) -> tuple[str, list] | None:
    """audience_q(user) as a written-out query of session ids, or None when it is nobody's
    (no role, no partnership): the same branches, conditions and parameters."""
    roles = roles_for(user)
    branches: list[str] = []
    params: list = []
    if Rol.STUDENT in roles:
        student = user.student
        today = timezone.localdate()
        branches.append(
            "(b.for_students AND (b.study_years = '' OR b.study_years LIKE %s)"
            " AND (b.niveau = '' OR b.niveau = %s) AND " + _for_schools_sql(schools=(
                "SELECT s.school_id FROM opleidingsschool_stage s WHERE s.student_id = %s"
                f" AND (s.schooljaar_id IN ({_THIS_YEAR}) OR NOT EXISTS ({_THIS_YEAR}))"
            )) + ")"
        )
        params += [f"%{connection.ops.prep_for_like_query(str(student.study_year))}%",
                   student.opleiding.niveau, student.pk, today, today, today, today]
    if Rol.STARTER in roles:
        branches.append("(b.for_starters AND " + _for_schools_sql(schools="%s") + ")")
        params.append(user.starter.school_id)
    medewerker = medewerker_of(user)
    if medewerker is not None:
        kinds = ["b.for_colleagues"]
        if roles & {Rol.WERKPLEKBEGELEIDER, Rol.BEGELEIDER}:
            kinds.append("b.for_mentors")
        if roles & {Rol.SCHOOLOPLEIDER, Rol.INSTITUUTSOPLEIDER}:
            kinds.append("b.for_opleiders")
        staff = "(" + " OR ".join(kinds) + ")"
        if medewerker.school_id:
            staff = f"({staff} AND {_for_schools_sql(schools='%s')})"
            params.append(medewerker.school_id)
        branches.append(staff)
    partnerschap_ids = sorted(partnerschap_ids_for(user))
    if not branches or not partnerschap_ids:
        return None
    sql = (
        "SELECT b.id FROM opleidingsschool_bijeenkomst b WHERE b.partnerschap_id IN"
        f" ({', '.join(['%s'] * len(partnerschap_ids))}) AND ({' OR '.join(branches)})"
    )
    return sql, [*partnerschap_ids, *params]


def agenda_ids_sql(user, *, mine: bool = False) -> RawSQL:
    """agenda_ids_orm as one written-out UNION (tests compare the two for every person of
    the demo): Django built and compiled the audience's nested subqueries for every agenda
    it showed, about a quarter of the page's Python work (issue 10)."""
    selects = [
        "SELECT a.bijeenkomst_id FROM opleidingsschool_aanmelding a"
        " WHERE a.user_id = %s AND NOT (a.status = %s)",
        "SELECT p.bijeenkomst_id FROM opleidingsschool_presentatie p"
        " INNER JOIN opleidingsschool_student st ON p.student_id = st.id WHERE st.user_id = %s",
    ]
    params: list = [user.pk, AanmeldingStatus.CANCELLED.value, user.pk]
    medewerker = medewerker_of(user)
    if medewerker is not None:
        selects += [
            "SELECT u.bijeenkomst_id FROM opleidingsschool_uitnodiging u WHERE u.medewerker_id = %s",
            "SELECT j.bijeenkomst_id FROM opleidingsschool_jurylid j WHERE j.medewerker_id = %s",
        ]
        params += [medewerker.pk, medewerker.pk]
    audience = None if mine else _audience_sql(user)
    if audience is not None:
        selects.insert(0, audience[0])
        params = [*audience[1], *params]
    return RawSQL(" UNION ".join(selects), params)


def agenda_sessions(user, ids: list[int]) -> list[Bijeenkomst]:
    """One page of the agenda: these sessions (ids from agenda_for, in its order) with the
    person's status, by primary key. The agenda takes the ids of all its sessions first (a
    person's future sessions are a few dozen), so the query of who sees what is built and
    run once, instead of once to count for the pages and again for the page (issue 10)."""
    if not ids:
        return []
    by_pk = {session.pk: session for session in _AGENDA_SESSIONS.list(list(ids), user.pk)}
    return [by_pk[pk] for pk in ids if pk in by_pk]


# A page of the agenda by ids, asked on every visit: compiled once (compiled.py).
_AGENDA_SESSIONS = CompiledQuery("agenda_sessions", lambda ids, user_id: (
    Bijeenkomst.objects.filter(pk__in_array=ids).annotate(my_status=_my_status(user_id))
), list, int, generic=True)  # else planned anew on every visit (compiled.py)


def planned_by(partnerschap: Partnerschap | None) -> QuerySet[Bijeenkomst]:
    """The sessions a coordinator plans: their partnership's (None: no coordinator, none)."""
    if partnerschap is None:
        return Bijeenkomst.objects.none()
    return Bijeenkomst.objects.filter(partnerschap=partnerschap)


def planning_list(
    *, partnerschap: Partnerschap | None, query: str = "", soort: str = "", past: bool = False,
    now: datetime.datetime | None = None,
) -> QuerySet[Bijeenkomst]:
    """For coordinators: every session of their partnership, with registrations and open
    invitations counted."""
    now = now or timezone.now()
    sessions = planned_by(partnerschap).select_related("reeks")
    sessions = sessions.filter(ends_at__lt=now) if past else sessions.filter(ends_at__gte=now)
    if query:
        sessions = sessions.filter(Q(title__icontains=query) | Q(place__icontains=query))
    if soort:
        sessions = sessions.filter(soort=soort)
    return with_counts(sessions).order_by("-starts_at" if past else "starts_at")


# The planning page as a coordinator opens it (no search, no kind): compiled once per
# direction in time (opleidingsschool/compiled.py), a page and its total from one query.
_PLANNING = {
    past: CompiledQuery(
        f"planning_{'past' if past else 'coming'}",
        lambda partnerschap_id, now, past=past: planning_list(
            partnerschap=partnerschap_id, past=past, now=now),
        int, datetime.datetime)
    for past in (False, True)
}


def planning_page_source(*, partnerschap: Partnerschap | None, query: str = "", soort: str = "",
                         past: bool = False):
    """planning_list as the planning page reads it (pagination.Paginator)."""
    if query or soort or partnerschap is None:
        return planning_list(partnerschap=partnerschap, query=query, soort=soort, past=past)
    return _PLANNING[past].page_source(partnerschap.pk, timezone.now())


def detail_queryset(user) -> QuerySet[Bijeenkomst]:
    return (
        with_my_status(with_counts(bijeenkomsten_for(user)), user)
        .select_related("reeks", "instituut")
        .prefetch_related("schools")
    )
