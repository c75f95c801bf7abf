"""Reads of the recognition pages, and who may see whose.

| who                         | sees the recognition of                                   |
|-----------------------------|-----------------------------------------------------------|
| a staff member (Medewerker) | themself                                                  |
| schoolopleider              | every colleague of their school (the team)                |
| coordinator                 | every colleague of the schools of their partnership       |
| anyone else, students too   | nobody (404)                                              |

Institute staff see their own page; no coordinator lists them, since an institute works with
several partnerships and its staff's numbers would mix them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .. import registries
from ..access import Rol, medewerker_of, partnerschap_of, roles_for
from ..models import (
    Aanmelding,
    Begeleider,
    BegeleiderStatus,
    BijeenkomstStatus,
    JuryLid,
    Medewerker,
    Professionalisering,
    School,
    Schooljaar,
    Soort,
    Uitnodiging,
    UitnodigingStatus,
)
from ..partnerschap.selectors import PERSON_SEARCH_FIELDS, search

# Mentoring that counts for a school year: the Begeleider rows of its placements that were
# accepted (still active, or ended since). Proposed and declined rows never mentored.
COUNTED_STATUSES = (BegeleiderStatus.ACTIVE, BegeleiderStatus.ENDED)
# A school's mentoring is flagged as resting on one person when one colleague carries more
# than half of it, once there are at least this many mentorings to share.
CARRIES_MOST_SHARE = Decimal("0.5")
CARRIES_MOST_MINIMUM = 3


# --- School years ------------------------------------------------------------------------------


def schooljaar_span(schooljaar: Schooljaar) -> tuple[datetime.datetime, datetime.datetime]:
    """The school year as aware datetimes [start, end) in the portal's time zone, for
    filtering moments (sessions, meetings) the way dates are filtered."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(schooljaar.start_date, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        schooljaar.end_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def schooljaren() -> list[Schooljaar]:
    """Every school year, newest first (one row a year: a short list)."""
    return list(Schooljaar.objects.order_by("-start_date"))


def chosen_schooljaar(years: list[Schooljaar], value, today: datetime.date) -> Schooljaar | None:
    """The school year asked for (`value`: its id as text), else the current one, else the
    newest; None when there is no school year at all."""
    by_id = {str(year.pk): year for year in years}
    if value and str(value) in by_id:
        return by_id[str(value)]
    current = next((y for y in years if y.start_date <= today <= y.end_date), None)
    return current or (years[0] if years else None)


# --- Who may see whose recognition -------------------------------------------------------------


def colleagues_for(user) -> QuerySet[Medewerker]:
    """The staff members whose recognition page `user` may open: their own, their school's
    team as schoolopleider, their partnership's schools' staff as coordinator. A UNION of
    indexed branches, one query."""
    medewerker = medewerker_of(user)
    if medewerker is None or not user.is_active:
        return Medewerker.objects.none()
    branches = [Medewerker.objects.filter(pk=medewerker.pk).values("pk")]
    roles = roles_for(user)
    if Rol.SCHOOLOPLEIDER in roles:
        branches.append(Medewerker.objects.filter(school_id=medewerker.school_id).values("pk"))
    partnerschap = partnerschap_of(user)
    if partnerschap is not None:
        branches.append(
            Medewerker.objects.filter(school__partnerschap_id=partnerschap.pk).values("pk")
        )
    first, *rest = [branch.order_by() for branch in branches]
    ids = first.union(*rest) if rest else first
    return Medewerker.objects.filter(pk__in=ids)


@dataclass(frozen=True)
class Team:
    """The colleagues a schoolopleider or coordinator overviews: `school` is set for a
    schoolopleider's own school, `partnerschap` for a coordinator."""

    medewerkers: QuerySet
    school: School | None = None
    partnerschap: object | None = None

    @property
    def schools(self) -> QuerySet[School]:
        if self.partnerschap is not None:
            return School.objects.filter(partnerschap=self.partnerschap).order_by("name")
        return School.objects.filter(pk=self.school.pk)


def team_for(user) -> Team | None:
    """The coordinator's partnership's school staff, else the schoolopleider's school's
    staff; None for everyone else (the page does not exist for them)."""
    partnerschap = partnerschap_of(user)
    if partnerschap is not None:
        return Team(Medewerker.objects.filter(school__partnerschap=partnerschap),
                    partnerschap=partnerschap)
    if Rol.SCHOOLOPLEIDER in roles_for(user):
        school = medewerker_of(user).school
        return Team(Medewerker.objects.filter(school=school), school=school)
    return None


# --- Mentoring load ----------------------------------------------------------------------------


def counted_mentoring(schooljaar: Schooljaar) -> QuerySet[Begeleider]:
    """The mentoring that counts for `schooljaar` (see COUNTED_STATUSES). The one place that
    says so: the tally, the load and the school totals all start here."""
    return Begeleider.objects.filter(status__in=COUNTED_STATUSES, stage__schooljaar=schooljaar)


SORTS = ("school", "load", "name")


def team_rows(*, team: Team, schooljaar: Schooljaar, q: str = "", school: School | None = None,
              sort: str = "load") -> QuerySet[Medewerker]:
    """The team's colleagues with `load`: the number of students (per placement and
    function) they mentored in the school year. Sorted "school" (per school, heaviest load
    first), "load" (heaviest first) or "name"; one query a page whatever the team's size."""
    load = (
        counted_mentoring(schooljaar).filter(medewerker=OuterRef("pk")).order_by()
        .values("medewerker").annotate(n=Count("pk")).values("n")
    )
    rows = team.medewerkers.select_related("user", "school").annotate(
        load=Coalesce(Subquery(load, output_field=IntegerField()), 0)
    )
    rows = search(rows, q, PERSON_SEARCH_FIELDS)
    if school is not None:
        rows = rows.filter(school=school)
    name = ("user__last_name", "user__first_name", "pk")
    if sort == "name":
        return rows.order_by(*name)
    if sort == "school":
        return rows.order_by("school__name", "-load", *name)
    return rows.order_by("-load", *name)


def percent(share: Decimal | None) -> int | None:
    """A share as a whole percentage (0.583 -> 58)."""
    if share is None:
        return None
    return int((share * 100).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


@dataclass
class SchoolMentoring:
    """A school's mentoring in a school year, shared over its own staff."""

    total: int = 0
    mentors: int = 0  # colleagues with at least one
    top: int = 0  # the largest load of one colleague

    def share(self, load: int) -> Decimal | None:
        if not self.total:
            return None
        return Decimal(load) / Decimal(self.total)

    @property
    def top_share(self) -> Decimal | None:
        return self.share(self.top)

    @property
    def top_percent(self) -> str:
        """The largest share as a label: "58%"."""
        return f"{percent(self.top_share) or 0}%"

    def carries_most(self, load: int) -> bool:
        share = self.share(load)
        return (share is not None and share > CARRIES_MOST_SHARE
                and self.total >= CARRIES_MOST_MINIMUM)

    @property
    def rests_on_one(self) -> bool:
        return self.carries_most(self.top)


def school_mentoring(*, schooljaar: Schooljaar, school_ids) -> dict[int, SchoolMentoring]:
    """Per school: the mentoring its staff did in the school year, how many colleagues
    shared it and the largest load. One query."""
    result: dict[int, SchoolMentoring] = {school_id: SchoolMentoring() for school_id in school_ids}
    rows = (
        counted_mentoring(schooljaar)
        .filter(medewerker__school_id__in=list(school_ids))
        .order_by()
        .values("medewerker__school_id", "medewerker_id")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        entry = result[row["medewerker__school_id"]]
        entry.total += row["n"]
        entry.mentors += 1
        entry.top = max(entry.top, row["n"])
    return result


# --- What the registry counts ------------------------------------------------------------------


def tallies(*, user_ids, schooljaar: Schooljaar) -> list[registries.Tally]:
    """Every app's tallies for these users, in order; a fixed number of queries."""
    found = [
        tally
        for source in registries.recognition_sources
        for tally in source(user_ids=list(user_ids), schooljaar=schooljaar)
    ]
    return sorted(found, key=lambda tally: (tally.order, tally.key))


MENTORING_PREFIX = "opleidingsschool:mentoring"


def is_mentoring(tally: registries.Tally) -> bool:
    """Students mentored per function, and the weeks of it (the team overview shows them in
    the mentoring column, the rest as other contributions)."""
    return tally.key.startswith(MENTORING_PREFIX)


# --- One colleague's page ----------------------------------------------------------------------


def _weeks(start: datetime.date, end: datetime.date) -> int:
    """Whole weeks from `start` to `end`, both counted, rounded to the nearest week."""
    days = (end - start).days + 1
    return max(0, (days + 3) // 7)


def mentoring_weeks(*, stage_start, stage_end, ended_at, today: datetime.date) -> int:
    """The weeks of a placement in which someone mentored the student: from the placement's
    start up to today, the placement's end, or the day the mentoring ended."""
    end = min(stage_end, today)
    if ended_at is not None:
        end = min(end, timezone.localdate(ended_at))
    return _weeks(stage_start, end)


@dataclass(frozen=True)
class MentoringRow:
    """One student a colleague mentored in a placement, in one function."""

    student: str  # the name, or "" when the viewer may not see who
    school: str
    functie: str
    roles: list[str]
    status: str
    is_active: bool
    weeks: int


ROLE_FIELDS = ("is_gastheer", "is_leermeester", "is_raadgever", "is_rolmodel")


def _viewer_sees_stage(viewer, medewerker: Medewerker, stage) -> bool:
    if viewer.pk == medewerker.user_id:
        return True
    partnerschap = partnerschap_of(viewer)
    if partnerschap is not None and stage.school.partnerschap_id == partnerschap.pk:
        return True
    own = medewerker_of(viewer)
    return (Rol.SCHOOLOPLEIDER in roles_for(viewer) and own is not None
            and stage.school_id == own.school_id)


def mentoring_of(*, viewer, medewerker: Medewerker, schooljaar: Schooljaar,
                 today: datetime.date) -> list[MentoringRow]:
    """The students `medewerker` mentored in the school year, per placement and function, as
    `viewer` may see them: a student of a school outside the viewer's view is counted
    without a name. One query."""
    rows = (
        counted_mentoring(schooljaar).filter(medewerker=medewerker)
        .select_related("stage__student__user", "stage__school")
        .in_triangle_order()
        .order_by("stage__student__user__last_name", "stage__student__user__first_name", "pk")
    )
    result = []
    for begeleider in rows:
        stage = begeleider.stage
        result.append(MentoringRow(
            student=str(stage.student) if _viewer_sees_stage(viewer, medewerker, stage) else "",
            school=stage.school.name,
            functie=begeleider.get_functie_display(),
            roles=[str(Begeleider._meta.get_field(name).verbose_name) for name in ROLE_FIELDS
                   if getattr(begeleider, name)],
            status=begeleider.get_status_display(),
            is_active=begeleider.status == BegeleiderStatus.ACTIVE,
            weeks=mentoring_weeks(stage_start=stage.start_date, stage_end=stage.end_date,
                                  ended_at=begeleider.ended_at, today=today),
        ))
    return result


# --- Sessions contributed to ------------------------------------------------------------------


def _took_place(queryset: QuerySet, *, schooljaar, path: str = "bijeenkomst") -> QuerySet:
    """Sessions of the school year that were held: not cancelled, and over by now."""
    start, end = schooljaar_span(schooljaar)
    return queryset.filter(**{
        f"{path}__status": BijeenkomstStatus.PLANNED,
        f"{path}__starts_at__gte": start,
        f"{path}__starts_at__lt": end,
        f"{path}__ends_at__lt": timezone.now(),
    })


def expert_invitations(*, user_ids, schooljaar) -> QuerySet[Uitnodiging]:
    """Invitations as an expert (a leercafé's learning questions, another session) that the
    colleague accepted, for sessions of the school year that took place."""
    return _took_place(
        Uitnodiging.objects.filter(medewerker__user_id__in=user_ids,
                                   status=UitnodigingStatus.ACCEPTED),
        schooljaar=schooljaar,
    )


def jury_memberships(*, user_ids, schooljaar) -> QuerySet[JuryLid]:
    """Seats on the jury of a symposium of the school year that took place."""
    return _took_place(JuryLid.objects.filter(medewerker__user_id__in=user_ids),
                       schooljaar=schooljaar)


def attended_mentor_meetings(*, user_ids, schooljaar) -> QuerySet[Aanmelding]:
    """Mentor meetings (begeleidersbijeenkomsten) of the school year the person attended,
    as the organiser recorded it."""
    return _took_place(
        Aanmelding.objects.filter(user_id__in=user_ids, attended=True,
                                  bijeenkomst__soort=Soort.BEGELEIDERSBIJEENKOMST),
        schooljaar=schooljaar,
    )


@dataclass
class SessionRow:
    """A session a colleague contributed to: as an invited expert, on the jury, or attending
    a mentor meeting."""

    when: datetime.datetime
    title: str
    role: str  # "expert", "jury" or "attended"
    expertise: str = ""


def sessions_of(*, medewerker: Medewerker, schooljaar: Schooljaar) -> list[SessionRow]:
    """The sessions that took place in the school year to which the colleague contributed,
    in time order: the same rows the core's tallies count. Three queries."""
    user_ids = [medewerker.user_id]
    rows = [
        SessionRow(u.bijeenkomst.starts_at, u.bijeenkomst.title, "expert",
                   u.expertise.name if u.expertise else "")
        for u in expert_invitations(user_ids=user_ids, schooljaar=schooljaar)
        .select_related("bijeenkomst", "expertise")
    ]
    rows += [
        SessionRow(j.bijeenkomst.starts_at, j.bijeenkomst.title, "jury")
        for j in jury_memberships(user_ids=user_ids, schooljaar=schooljaar)
        .select_related("bijeenkomst")
    ]
    rows += [
        SessionRow(a.bijeenkomst.starts_at, a.bijeenkomst.title, "attended")
        for a in attended_mentor_meetings(user_ids=user_ids, schooljaar=schooljaar)
        .select_related("bijeenkomst")
    ]
    return sorted(rows, key=lambda row: row.when)


@dataclass
class Development:
    """A teacher educator's own professional development in a school year, with the total."""

    items: list = field(default_factory=list)

    @property
    def total_hours(self) -> Decimal:
        return sum((item.hours for item in self.items), Decimal(0))


def professionaliseringen_of(*, medewerker: Medewerker, schooljaar: Schooljaar) -> Development:
    """What the colleague recorded of their own development, dated in the school year. One
    query."""
    return Development(list(
        Professionalisering.objects.filter(
            medewerker=medewerker, date__gte=schooljaar.start_date,
            date__lte=schooljaar.end_date,
        ).order_by("date", "pk")
    ))


def own_professionaliseringen(user) -> QuerySet[Professionalisering]:
    """The records of the user's own development (the only ones they may change)."""
    medewerker = medewerker_of(user)
    if medewerker is None:
        return Professionalisering.objects.none()
    return Professionalisering.objects.filter(medewerker=medewerker)
