"""Reads of lesson observations and the partnership's observation instrument (issue 15).

Who may observe a student (`observable_students`): their active mentors in any function
(werkplekbegeleider, school- or instituutsopleider, extra mentor, an induction coach), and a
colleague who hosts an accepted classroom visit of the student in this school year.

Who may read an observation (`lesobservaties_for`), the one rule every page and panel reads
through:

| who                                                | draft | sent | discussed |
|----------------------------------------------------|-------|------|-----------|
| the observer                                       | yes   | yes  | yes       |
| the observed student (or starter)                  | no    | yes  | yes       |
| their active formal mentors: any function but      | no    | no   | yes       |
| extra mentor (wpb, school- and instituutsopleider, |       |      |           |
| an induction coach)                                |       |      |           |
| anyone else: an extra mentor or a host who did not | no    | no   | no        |
| observe it, the school's schoolopleider without a  |       |      |           |
| mentoring row, coordinators, other students        |       |      |           |

It is never a grade: the observed person reads it first, and only their marking it discussed
("besproken") opens it to the mentors who guide them. A coordinator sees no individual
observation in that capacity; the instrument is theirs to edit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from opleidingsschool.access import medewerker_of
from opleidingsschool.models import Begeleider, Functie, Schooljaar, Student

from ..models import (
    Indicator,
    Lesbezoek,
    LesbezoekStatus,
    Lesobservatie,
    Observatiedomein,
    Observatiescore,
    Score,
)
from .ontwikkelplan import school_year_start

__all__ = [
    "DomainGrowth", "GrowthBar", "ObservationSection", "chart_x", "domain_label", "draft_lesobservaties",
    "form_instrument", "growth_per_domain", "instrument_of", "lesobservatie_sections",
    "lesobservaties_for", "lesobservaties_made_by", "lesobservaties_to_discuss",
    "observable_students", "observation_students_for", "observations_made",
    "school_year_bounds", "visible_lesobservaties_of",
]


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def _union(branches: list[QuerySet]) -> QuerySet:
    first, *rest = [branch.order_by() for branch in branches]
    return first.union(*rest) if rest else first


def school_year_bounds(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the school year around `today` (no query)."""
    _name, start, end = Schooljaar.bounds_for(school_year_start(today or timezone.localdate()))
    return start, end


# --- The instrument -------------------------------------------------------------------------


def instrument_of(partnerschap_id: int, *, include_inactive: bool = False
                  ) -> list[Observatiedomein]:
    """The partnership's domains in order, each with its indicators in order
    (`domein.items`); without `include_inactive` only what is in use. Two queries."""
    domeinen = Observatiedomein.objects.filter(partnerschap_id=partnerschap_id)
    indicators = Indicator.objects.filter(domein__partnerschap_id=partnerschap_id)
    if not include_inactive:
        domeinen = domeinen.filter(is_active=True)
        indicators = indicators.filter(is_active=True)
    domeinen = list(domeinen.order_by("position", "pk"))
    per_domein: dict[int, list[Indicator]] = {}
    for indicator in indicators.order_by("position", "pk"):
        per_domein.setdefault(indicator.domein_id, []).append(indicator)
    for domein in domeinen:
        domein.items = per_domein.get(domein.pk, [])
    return domeinen


def form_instrument(partnerschap_id: int, lesobservatie: Lesobservatie | None = None
                    ) -> tuple[list[Observatiedomein], dict[int, Observatiescore]]:
    """What the observation form shows: the domains and indicators in use, plus those the
    draft already holds something for (a deactivated indicator stays on it), and the draft's
    rows by indicator id. Three queries."""
    rows: dict[int, Observatiescore] = {}
    if lesobservatie is not None and lesobservatie.pk:
        rows = {row.indicator_id: row for row in lesobservatie.scores.all()}
    kept = {pk for pk, row in rows.items() if row.score is not None or row.remark}
    kept_domains = {int(pk) for pk in (lesobservatie.domain_notes if lesobservatie else {})}
    domeinen = instrument_of(partnerschap_id, include_inactive=True)
    shown = []
    for domein in domeinen:
        domein.items = [item for item in domein.items
                        if (item.is_active and domein.is_active) or item.pk in kept]
        if domein.is_active or domein.items or domein.pk in kept_domains:
            shown.append(domein)
    return shown, rows


# --- Who observes whom, who reads what -----------------------------------------------------


def observable_students(user, today: datetime.date | None = None) -> QuerySet[Student]:
    """The students this user may observe: those they actively mentor in any function, and
    those with an accepted classroom visit to them (as host) in this school year. Ids first,
    as a UNION of indexed branches."""
    medewerker = medewerker_of(user)
    if medewerker is None or not user.is_active:
        return Student.objects.none()
    start, end = school_year_bounds(today)
    mentored = Begeleider.objects.active().filter(medewerker=medewerker).values("stage__student_id")
    hosted = Lesbezoek.objects.filter(
        host=medewerker, status=LesbezoekStatus.ACCEPTED, date__gte=start, date__lte=end,
    ).values("student_id")
    return Student.objects.filter(pk__in=_union([mentored, hosted])).exclude(user=user)


def _formal_student_ids(medewerker) -> QuerySet:
    """The students this staff member actively mentors in a formal function (anything but an
    extra mentor, so an induction coach too)."""
    return (
        Begeleider.objects.active().filter(medewerker=medewerker)
        .exclude(functie=Functie.EXTRA).values("stage__student_id")
    )


def observation_students_for(user) -> QuerySet[Student]:
    """The students whose observations page this user may open: themselves, the students
    they may observe, and those they mentor formally (who read what was discussed)."""
    if not _active(user):
        return Student.objects.none()
    branches = [Student.objects.filter(user=user).values("pk")]
    medewerker = medewerker_of(user)
    if medewerker is not None:
        branches.append(observable_students(user).values("pk"))
        branches.append(_formal_student_ids(medewerker))
    return Student.objects.filter(pk__in=_union(branches))


def lesobservaties_for(user) -> QuerySet[Lesobservatie]:
    """Every observation this user may read, by the rule in this module's docstring: their
    own as observer (drafts too), their own as the observed person once sent, and, once the
    observed person marked it discussed, those of the students they mentor formally. Ids
    first, as a UNION of indexed branches."""
    if not _active(user):
        return Lesobservatie.objects.none()
    branches = [
        Lesobservatie.objects.filter(observer=user).values("pk"),
        Lesobservatie.objects.filter(student__user=user, sent_at__isnull=False).values("pk"),
    ]
    medewerker = medewerker_of(user)
    if medewerker is not None:
        branches.append(
            Lesobservatie.objects.filter(
                discussed_at__isnull=False, student_id__in=_formal_student_ids(medewerker)
            ).values("pk")
        )
    return Lesobservatie.objects.filter(pk__in=_union(branches))


def visible_lesobservaties_of(user, student: Student, *,
                              start: datetime.date | None = None,
                              end: datetime.date | None = None) -> QuerySet[Lesobservatie]:
    """The sent observations of one student that this user may read, newest first, with the
    observer (one query when listed); between `start` and `end` when given."""
    rows = lesobservaties_for(user).filter(student=student, sent_at__isnull=False)
    if start is not None:
        rows = rows.filter(date__gte=start)
    if end is not None:
        rows = rows.filter(date__lte=end)
    return rows.select_related("observer").order_by("-date", "-created_at")


def lesobservaties_made_by(user) -> QuerySet[Lesobservatie]:
    """The observations this user made, drafts first, then the newest lesson first."""
    if not _active(user):
        return Lesobservatie.objects.none()
    return (
        Lesobservatie.objects.filter(observer=user).select_related("student__user")
        .annotate(is_sent=ExpressionWrapper(Q(sent_at__isnull=False),
                                            output_field=BooleanField()))
        .order_by("is_sent", "-date", "-created_at")
    )


def draft_lesobservaties(user) -> QuerySet[Lesobservatie]:
    """The user's observations not sent yet (a home panel: finish and send them)."""
    return lesobservaties_made_by(user).filter(sent_at__isnull=True)


def lesobservaties_to_discuss(user) -> QuerySet[Lesobservatie]:
    """Observations of the user's own lessons that were sent and not discussed yet."""
    if not _active(user):
        return Lesobservatie.objects.none()
    return (
        Lesobservatie.objects.filter(student__user=user, sent_at__isnull=False,
                                     discussed_at__isnull=True)
        .select_related("observer").order_by("-date", "-created_at")
    )


def observations_made(*, user_ids, schooljaar: Schooljaar) -> dict[int, int]:
    """{user id: how many lesson observations they made and sent to the student in
    `schooljaar`} (the lesson's date within its first and last day); drafts do not count. For
    the recognition pages; one query, whatever the number of users."""
    return dict(
        Lesobservatie.objects.filter(
            observer_id__in=user_ids, sent_at__isnull=False,
            date__gte=schooljaar.start_date, date__lte=schooljaar.end_date,
        ).order_by().values("observer_id").annotate(n=Count("pk")).values_list("observer_id", "n")
    )


# --- One observation, as read -------------------------------------------------------------


@dataclass
class ObservationSection:
    """One domain of an observation as read: its scored or remarked indicators and the
    observer's note."""

    domein: Observatiedomein
    rows: list[Observatiescore] = field(default_factory=list)
    note: str = ""


def lesobservatie_sections(lesobservatie: Lesobservatie) -> list[ObservationSection]:
    """The domains the observer wrote something about, in the instrument's order, with what
    they saw per indicator (deactivated ones included). Two queries."""
    rows = list(
        lesobservatie.scores.filter(Q(score__isnull=False) | ~Q(remark=""))
        .select_related("indicator__domein")
        .order_by("indicator__domein__position", "indicator__domein_id",
                  "indicator__position", "indicator_id")
    )
    notes = {int(pk): text for pk, text in (lesobservatie.domain_notes or {}).items() if text}
    sections: dict[int, ObservationSection] = {}
    for row in rows:
        domein = row.indicator.domein
        sections.setdefault(domein.pk, ObservationSection(domein)).rows.append(row)
    missing = [pk for pk in notes if pk not in sections]
    if missing:
        for domein in Observatiedomein.objects.filter(pk__in=missing):
            sections[domein.pk] = ObservationSection(domein)
    for pk, text in notes.items():
        if pk in sections:
            sections[pk].note = text
    return sorted(sections.values(), key=lambda section: (section.domein.position,
                                                           section.domein.pk))


# --- Growth per domain over the school year ------------------------------------------------

SCALE_WORDS = {1: Score.WEAK, 2: Score.RATHER_WEAK, 3: Score.RATHER_STRONG, 4: Score.STRONG}
CHART_WIDTH = 300
CHART_PAD = 8
CHART_BASE = 44  # the bars stand on this line; a "strong" bar is this high
CHART_HEIGHT = 58  # with the months under the line
BAR_WIDTH = 10


def domain_label(average: float | None) -> str:
    """The scale's word nearest to an average of scores ("rather strong"); never a number,
    so it does not read as a grade."""
    if average is None:
        return ""
    return str(SCALE_WORDS[min(max(int(average + 0.5), 1), 4)].label)


@dataclass
class GrowthBar:
    lesobservatie: Lesobservatie
    level: int  # the nearest point on the scale, 1-4
    label: str
    x: int
    y: int
    height: int


@dataclass
class DomainGrowth:
    domein: Observatiedomein
    bars: list[GrowthBar]

    @property
    def latest(self) -> GrowthBar | None:
        return self.bars[-1] if self.bars else None


def chart_x(day: datetime.date, start: datetime.date, end: datetime.date) -> int:
    """Where `day` lies on the growth chart of the school year from `start` to `end`."""
    days = max((end - start).days, 1)
    offset = min(max((day - start).days, 0), days)
    return CHART_PAD + round((CHART_WIDTH - 2 * CHART_PAD) * offset / days)


def growth_per_domain(observations: list[Lesobservatie], *, partnerschap_id: int,
                      start: datetime.date, end: datetime.date) -> dict:
    """Per domain, what the observations (oldest to newest) saw: the mean of the scores of
    its indicators in each observation ("not observed" left out), as the nearest word of the
    scale and a bar placed by date on the school year from `start` to `end`. Domains in use
    come first in the instrument's order, then deactivated ones that were scored. Two
    queries, whatever the number of observations."""
    ids = [observation.pk for observation in observations]
    averages: dict[tuple[int, int], float] = {}
    if ids:
        averages = {
            (row["lesobservatie_id"], row["indicator__domein_id"]): row["average"]
            for row in Observatiescore.objects.filter(
                lesobservatie_id__in=ids, score__gte=Score.WEAK
            ).values("lesobservatie_id", "indicator__domein_id")
            .annotate(average=Avg("score")).order_by()
        }
    scored = {domein_id for _observation, domein_id in averages}
    domeinen = Observatiedomein.objects.filter(
        Q(partnerschap_id=partnerschap_id, is_active=True) | Q(pk__in=scored)
    ).order_by("-is_active", "position", "pk")
    oldest_first = sorted(observations, key=lambda observation: (observation.date,
                                                                 observation.created_at))
    rows = []
    for domein in domeinen:
        bars = []
        for observation in oldest_first:
            average = averages.get((observation.pk, domein.pk))
            if average is None:
                continue
            level = min(max(int(average + 0.5), 1), 4)
            height = round(CHART_BASE * level / 4)
            bars.append(GrowthBar(observation, level, domain_label(average),
                                  chart_x(observation.date, start, end) - BAR_WIDTH // 2,
                                  CHART_BASE - height, height))
        rows.append(DomainGrowth(domein, bars))
    months = []
    for offset in range(12):
        month = (start.month - 1 + offset) % 12 + 1
        year = start.year + (start.month - 1 + offset) // 12
        day = datetime.date(year, month, 1)
        if day <= end:
            months.append({"x": chart_x(day, start, end), "date": day})
    return {"rows": rows, "months": months, "width": CHART_WIDTH, "base": CHART_BASE,
            "height": CHART_HEIGHT,
            "bar_width": BAR_WIDTH, "start": start, "end": end}
