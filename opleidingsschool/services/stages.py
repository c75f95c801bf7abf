"""Writes about placements: the placement with its triangle, school years, and extra
mentors with their roles (asked for by begeleiding's mentor-network pages)."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Begeleider,
    BegeleiderStatus,
    Functie,
    Medewerker,
    School,
    Schooljaar,
    Stage,
    StageKind,
    Student,
)
from ..models.core import validate_schooldagen

logger = logging.getLogger(__name__)



def validate_stage(
    *,
    student: Student,
    school: School,
    schooljaar: Schooljaar,
    start_date: datetime.date,
    end_date: datetime.date,
    werkplekbegeleider: Medewerker | None,
    schoolopleider: Medewerker | None,
    instituutsopleider: Medewerker | None,
    stage: Stage | None = None,
) -> None:
    """Raise a ValidationError keyed by field for a placement that cannot be."""
    errors: dict[str, str] = {}
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = _("The end date lies before the start date.")
    if schooljaar and start_date and not (
        schooljaar.start_date <= start_date <= schooljaar.end_date
    ):
        errors["start_date"] = _("The start date lies outside school year %(year)s.") % {
            "year": schooljaar
        }
    if schooljaar and end_date and not (schooljaar.start_date <= end_date <= schooljaar.end_date):
        errors["end_date"] = _("The end date lies outside school year %(year)s.") % {
            "year": schooljaar
        }
    duplicates = Stage.objects.placements().filter(
        student=student, school=school, schooljaar=schooljaar)
    if stage is not None:
        duplicates = duplicates.exclude(pk=stage.pk)
    if school.partnerschap_id != student.partnerschap_id:
        # A student is placed at a school of the partnership that registered them.
        errors["school"] = _("Choose a school of the student's partnership.")
    elif duplicates.exists():
        errors["school"] = _("This student already has a placement at this school this year.")
    if werkplekbegeleider is not None and (
        werkplekbegeleider.school_id != school.pk or not werkplekbegeleider.is_werkplekbegeleider
    ):
        errors["werkplekbegeleider"] = _("Choose a workplace mentor of %(school)s.") % {
            "school": school
        }
    if schoolopleider is not None and (
        schoolopleider.school_id != school.pk or not schoolopleider.is_schoolopleider
    ):
        errors["schoolopleider"] = _(
            "Choose a school-based teacher educator of %(school)s."
        ) % {"school": school}
    if instituutsopleider is not None and (
        not instituutsopleider.is_instituutsopleider
        or instituutsopleider.instituut_id != student.opleiding.instituut_id
    ):
        errors["instituutsopleider"] = _(
            "Choose an institute-based teacher educator of %(instituut)s."
        ) % {"instituut": student.opleiding.instituut}
    if errors:
        raise ValidationError(errors)


def _set_formal_begeleider(*, stage: Stage, functie: str, medewerker: Medewerker | None) -> None:
    """Make `medewerker` the one active holder of a formal function; the previous one ends."""
    current = stage.begeleiders.active().filter(functie=functie).first()
    if current is not None and current.medewerker_id == getattr(medewerker, "pk", None):
        return
    if current is not None:
        current.status = BegeleiderStatus.ENDED
        current.ended_at = timezone.now()
        current.save(update_fields=["status", "ended_at"])
    if medewerker is not None:
        Begeleider.objects.create(
            stage=stage, medewerker=medewerker, functie=functie, status=BegeleiderStatus.ACTIVE,
            # A formal mentor starts as host and master; roles can be refined later.
            is_gastheer=functie == Functie.WERKPLEKBEGELEIDER,
            is_leermeester=functie == Functie.WERKPLEKBEGELEIDER,
        )


@transaction.atomic
def save_stage(
    *,
    student: Student,
    school: School,
    schooljaar: Schooljaar,
    start_date: datetime.date,
    end_date: datetime.date,
    werkplekbegeleider: Medewerker | None = None,
    schoolopleider: Medewerker | None = None,
    instituutsopleider: Medewerker | None = None,
    stage: Stage | None = None,
    schooldagen: str | None = None,
    kind: str | None = None,
) -> Stage:
    """Create or change a placement and its triangle (the formal Begeleider rows). Two
    coordinators saving the same student's placement are served one after the other."""
    list(Student.objects.select_for_update().filter(pk=student.pk).values_list("pk"))
    validate_stage(
        student=student, school=school, schooljaar=schooljaar, start_date=start_date,
        end_date=end_date, werkplekbegeleider=werkplekbegeleider,
        schoolopleider=schoolopleider, instituutsopleider=instituutsopleider, stage=stage,
    )
    if stage is None:
        stage = Stage(student=student)
    stage.school = school
    stage.schooljaar = schooljaar
    stage.start_date = start_date
    stage.end_date = end_date
    if kind is not None:  # None keeps what the placement is (an ordinary one if new)
        if kind not in (StageKind.STAGE, StageKind.LIO):
            raise ValidationError({"kind": _("Choose a placement or an LIO placement.")})
        stage.kind = kind
    if schooldagen is not None:  # None keeps what the placement has (Monday to Friday if new)
        try:
            validate_schooldagen(schooldagen)
        except ValidationError as error:
            raise ValidationError({"schooldagen": error.messages}) from None
        stage.schooldagen = schooldagen
    stage.save()
    for functie, medewerker in (
        (Functie.WERKPLEKBEGELEIDER, werkplekbegeleider),
        (Functie.SCHOOLOPLEIDER, schoolopleider),
        (Functie.INSTITUUTSOPLEIDER, instituutsopleider),
    ):
        _set_formal_begeleider(stage=stage, functie=functie, medewerker=medewerker)
    return stage


def current_formal(stage: Stage, functie: str) -> Medewerker | None:
    begeleider = stage.begeleiders.active().filter(functie=functie).first()
    return begeleider.medewerker if begeleider else None


@transaction.atomic
def ensure_schooljaar(*, start_year: int) -> Schooljaar:
    name, start, end = Schooljaar.bounds_for(start_year)
    schooljaar, _created = Schooljaar.objects.get_or_create(
        name=name, defaults={"start_date": start, "end_date": end}
    )
    return schooljaar


# --- Extra mentors and mentor roles (asked for by begeleiding's mentor-network pages) -----

BEGELEIDER_ROLES = ("gastheer", "leermeester", "raadgever", "rolmodel")


@transaction.atomic
def propose_extra_begeleider(*, stage: Stage, medewerker: Medewerker, roles=()) -> Begeleider:
    """Ask a colleague at the placement's school to become an extra mentor, with the roles
    the student proposes. The relation stays `proposed` until the colleague accepts."""
    list(Stage.objects.select_for_update().filter(pk=stage.pk).values_list("pk"))  # double submit
    if medewerker.school_id != stage.school_id:
        raise ValidationError(
            {"medewerker": _("Choose a colleague who works at %(school)s.") % {
                "school": stage.school}}
        )
    if Begeleider.objects.filter(
        stage=stage, medewerker=medewerker,
        status__in=[BegeleiderStatus.PROPOSED, BegeleiderStatus.ACTIVE],
    ).exists():
        raise ValidationError(
            {"medewerker": _("%(name)s already mentors you or has been asked already.") % {
                "name": medewerker}}
        )
    return Begeleider.objects.create(
        stage=stage, medewerker=medewerker, functie=Functie.EXTRA,
        status=BegeleiderStatus.PROPOSED,
        **{f"is_{role}": role in roles for role in BEGELEIDER_ROLES},
    )


def _refresh_locked(begeleider: Begeleider) -> None:
    """Re-read the request under a row lock: of two answers at once, the second sees the first."""
    locked = Begeleider.objects.select_for_update().get(pk=begeleider.pk)
    begeleider.status, begeleider.ended_at = locked.status, locked.ended_at


@transaction.atomic
def accept_begeleider(*, begeleider: Begeleider) -> Begeleider:
    """The asked colleague says yes: the extra mentoring starts now."""
    _refresh_locked(begeleider)
    if begeleider.status != BegeleiderStatus.PROPOSED:
        raise ValidationError(_("This request has already been answered."))
    begeleider.status = BegeleiderStatus.ACTIVE
    begeleider.created_at = timezone.now()
    begeleider.save(update_fields=["status", "created_at"])
    return begeleider


@transaction.atomic
def decline_begeleider(*, begeleider: Begeleider) -> Begeleider:
    """The asked colleague says no; the student may ask someone else."""
    _refresh_locked(begeleider)
    if begeleider.status != BegeleiderStatus.PROPOSED:
        raise ValidationError(_("This request has already been answered."))
    begeleider.status = BegeleiderStatus.DECLINED
    begeleider.ended_at = timezone.now()
    begeleider.save(update_fields=["status", "ended_at"])
    return begeleider


@transaction.atomic
def set_begeleider_roles(*, begeleider: Begeleider, roles) -> Begeleider:
    """Record which of the four mentor roles this relation fills for the student."""
    for role in BEGELEIDER_ROLES:
        setattr(begeleider, f"is_{role}", role in roles)
    begeleider.save(update_fields=[f"is_{role}" for role in BEGELEIDER_ROLES])
    return begeleider
