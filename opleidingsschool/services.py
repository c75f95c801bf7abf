"""Writes of the partnership's core: people, invitations, placements and their triangle."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import invitations
from .models import (
    Begeleider,
    BegeleiderStatus,
    Functie,
    Instituut,
    Medewerker,
    Opleiding,
    School,
    Schooljaar,
    Stage,
    Starter,
    Student,
    User,
)

logger = logging.getLogger(__name__)


def send_invitation(*, user: User) -> None:
    """Record the invitation (a link to choose a password) in the outbox; it goes out in the
    person's language once the transaction commits. The link is made when the mail is sent."""
    invitations.notify(user)


def _enqueue_invitation(user: User) -> None:
    send_invitation(user=user)


def _create_user(*, email: str, first_name: str, last_name: str, language: str = "nl") -> User:
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Someone with this e-mail address already has an account.")}
        )
    return User.objects.create_user(
        email=email, first_name=first_name.strip(), last_name=last_name.strip(),
        language=language,
    )


@transaction.atomic
def invite_medewerker(
    *,
    email: str,
    first_name: str,
    last_name: str,
    school: School | None = None,
    instituut: Instituut | None = None,
    subject: str = "",
    is_werkplekbegeleider: bool = False,
    is_schoolopleider: bool = False,
    is_instituutsopleider: bool = False,
    is_coordinator: bool = False,
    visitors_welcome: bool = False,
    expertises=(),
    send_mail: bool = True,
) -> Medewerker:
    """Create a staff member's account and profile; the invitation goes out after commit."""
    validate_medewerker(
        school=school, instituut=instituut, is_werkplekbegeleider=is_werkplekbegeleider,
        is_schoolopleider=is_schoolopleider, is_instituutsopleider=is_instituutsopleider,
        is_coordinator=is_coordinator,
    )
    user = _create_user(email=email, first_name=first_name, last_name=last_name)
    medewerker = Medewerker(
        user=user, school=school, instituut=instituut, subject=subject,
        is_werkplekbegeleider=is_werkplekbegeleider, is_schoolopleider=is_schoolopleider,
        is_instituutsopleider=is_instituutsopleider, is_coordinator=is_coordinator,
        visitors_welcome=visitors_welcome,
    )
    medewerker.full_clean(exclude=["user"])
    medewerker.save()
    medewerker.expertises.set(expertises)
    if send_mail:
        _enqueue_invitation(user)
    return medewerker


@transaction.atomic
def invite_student(
    *,
    email: str,
    first_name: str,
    last_name: str,
    opleiding: Opleiding,
    study_year: int,
    student_number: str = "",
    send_mail: bool = True,
) -> Student:
    """Create a student's account and profile; the invitation goes out after commit."""
    user = _create_user(email=email, first_name=first_name, last_name=last_name)
    student = Student.objects.create(
        user=user, opleiding=opleiding, study_year=study_year, student_number=student_number
    )
    if send_mail:
        _enqueue_invitation(user)
    return student


@transaction.atomic
def invite_starter(
    *,
    email: str,
    first_name: str,
    last_name: str,
    school: School,
    subject: str = "",
    started_on: datetime.date | None = None,
    send_mail: bool = True,
) -> Starter:
    """Create a starting teacher's account and profile; the invitation goes out after commit."""
    user = _create_user(email=email, first_name=first_name, last_name=last_name)
    starter = Starter.objects.create(
        user=user, school=school, subject=subject, started_on=started_on
    )
    if send_mail:
        _enqueue_invitation(user)
    return starter


@transaction.atomic
def resend_invitation(*, user: User) -> None:
    """Send the invitation link again; an inactive account gets none (ValidationError)."""
    if not user.is_active:
        raise ValidationError(_("This account is not active; no invitation has been sent."))
    _enqueue_invitation(user)


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
    duplicates = Stage.objects.filter(student=student, school=school, schooljaar=schooljaar)
    if stage is not None:
        duplicates = duplicates.exclude(pk=stage.pk)
    if duplicates.exists():
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


@transaction.atomic
def update_profile(
    *,
    user: User,
    medewerker: Medewerker | None,
    first_name: str,
    last_name: str,
    language: str,
    subject: str | None = None,
    expertises=None,
    visitors_welcome: bool | None = None,
) -> User:
    """Save the person's own name, language and, for staff at a school, their expertise."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.language = language
    user.save(update_fields=["first_name", "last_name", "language"])
    if medewerker is not None and expertises is not None:
        medewerker.subject = subject or ""
        medewerker.visitors_welcome = bool(visitors_welcome)
        medewerker.save(update_fields=["subject", "visitors_welcome"])
        medewerker.expertises.set(expertises)
    return user


# --- Partnership management by coordinators (partnerschap pages) -------------------------


def _update_user(*, user: User, email: str, first_name: str, last_name: str) -> None:
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError(
            {"email": _("Someone with this e-mail address already has an account.")}
        )
    user.email = email
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["email", "first_name", "last_name"])


def validate_medewerker(
    *,
    school: School | None,
    instituut: Instituut | None,
    is_werkplekbegeleider: bool = False,
    is_schoolopleider: bool = False,
    is_instituutsopleider: bool = False,
    is_coordinator: bool = False,
    medewerker: Medewerker | None = None,
) -> None:
    """Raise a ValidationError keyed by field when the functions do not fit where the person
    works, or when a change would take a mentor away from the school or institute of a
    placement that is still running."""
    errors: dict[str, str] = {}
    if school is None and (is_werkplekbegeleider or is_schoolopleider):
        errors["school"] = _(
            "A workplace mentor or school-based teacher educator works at a school: "
            "choose the school."
        )
    elif school is None and instituut is None and not is_coordinator:
        errors["school"] = _("Choose the school or the institute where this person works.")
    if instituut is None and is_instituutsopleider:
        errors["instituut"] = _(
            "An institute-based teacher educator works at an institute: choose the institute."
        )
    if medewerker is not None and medewerker.pk:
        running = (
            medewerker.begeleidingen.active()
            .filter(stage__end_date__gte=timezone.localdate())
            .select_related("stage__school", "stage__student__opleiding__instituut")
        )
        for begeleider in running:
            stage = begeleider.stage
            if begeleider.functie in (Functie.WERKPLEKBEGELEIDER, Functie.SCHOOLOPLEIDER) and (
                school is None or school.pk != stage.school_id
            ):
                errors.setdefault("school", _(
                    "This person mentors %(student)s at %(school)s in a running placement. "
                    "Change that placement first."
                ) % {"student": stage.student, "school": stage.school})
            if begeleider.functie == Functie.INSTITUUTSOPLEIDER and (
                instituut is None or instituut.pk != stage.student.opleiding.instituut_id
            ):
                errors.setdefault("instituut", _(
                    "This person is the institute-based teacher educator of %(student)s in a "
                    "running placement. Change that placement first."
                ) % {"student": stage.student})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_medewerker(
    *,
    medewerker: Medewerker,
    email: str,
    first_name: str,
    last_name: str,
    school: School | None = None,
    instituut: Instituut | None = None,
    subject: str = "",
    is_werkplekbegeleider: bool = False,
    is_schoolopleider: bool = False,
    is_instituutsopleider: bool = False,
    is_coordinator: bool = False,
    visitors_welcome: bool = False,
    expertises=(),
) -> Medewerker:
    """Change a staff member's name, e-mail address, workplace, functions and expertise."""
    validate_medewerker(
        school=school, instituut=instituut, is_werkplekbegeleider=is_werkplekbegeleider,
        is_schoolopleider=is_schoolopleider, is_instituutsopleider=is_instituutsopleider,
        is_coordinator=is_coordinator, medewerker=medewerker,
    )
    _update_user(user=medewerker.user, email=email, first_name=first_name, last_name=last_name)
    medewerker.school = school
    medewerker.instituut = instituut
    medewerker.subject = subject
    medewerker.is_werkplekbegeleider = is_werkplekbegeleider
    medewerker.is_schoolopleider = is_schoolopleider
    medewerker.is_instituutsopleider = is_instituutsopleider
    medewerker.is_coordinator = is_coordinator
    medewerker.visitors_welcome = visitors_welcome
    medewerker.full_clean(exclude=["user"])
    medewerker.save()
    medewerker.expertises.set(expertises)
    return medewerker


@transaction.atomic
def update_student(
    *,
    student: Student,
    email: str,
    first_name: str,
    last_name: str,
    opleiding: Opleiding,
    study_year: int,
    student_number: str = "",
) -> Student:
    """Change a student's name, e-mail address, programme, study year and student number."""
    _update_user(user=student.user, email=email, first_name=first_name, last_name=last_name)
    student.opleiding = opleiding
    student.study_year = study_year
    student.student_number = student_number
    student.save(update_fields=["opleiding", "study_year", "student_number"])
    return student


@transaction.atomic
def update_starter(
    *,
    starter: Starter,
    email: str,
    first_name: str,
    last_name: str,
    school: School,
    subject: str = "",
    started_on: datetime.date | None = None,
) -> Starter:
    """Change a starting teacher's name, e-mail address, school, subject and start date."""
    _update_user(user=starter.user, email=email, first_name=first_name, last_name=last_name)
    starter.school = school
    starter.subject = subject
    starter.started_on = started_on
    starter.save(update_fields=["school", "subject", "started_on"])
    return starter


@transaction.atomic
def delete_unused(*, instance) -> None:
    """Delete a school, institute, programme, school year or expertise tag. When something
    still refers to it (on_delete=PROTECT or RESTRICT), raise a ValidationError naming what;
    then nothing has changed."""
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as error:
        linked = getattr(error, "protected_objects", None) or error.restricted_objects
        used_by = sorted({str(obj._meta.verbose_name_plural) for obj in linked})
        raise ValidationError(
            _("‘%(name)s’ cannot be deleted because %(used_by)s are still linked to it. "
              "Nothing has been changed.")
            % {"name": instance, "used_by": ", ".join(used_by)}
        ) from error


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
