"""Writes about people: invitations, profiles and the coordinator's edits of staff,
students and starters."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import invitations
from ..models import (
    Functie,
    Instituut,
    Medewerker,
    Opleiding,
    Partnerschap,
    School,
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
    partnerschap: Partnerschap | None = None,
) -> Medewerker:
    """Create a staff member's account and profile; the invitation goes out after commit.
    Added by a coordinator (`partnerschap`), the school and institute must be that
    partnership's, and a new coordinator manages it."""
    validate_medewerker(
        school=school, instituut=instituut, is_werkplekbegeleider=is_werkplekbegeleider,
        is_schoolopleider=is_schoolopleider, is_instituutsopleider=is_instituutsopleider,
        is_coordinator=is_coordinator, partnerschap=partnerschap,
    )
    user = _create_user(email=email, first_name=first_name, last_name=last_name)
    medewerker = Medewerker(
        user=user, school=school, instituut=instituut, subject=subject,
        is_werkplekbegeleider=is_werkplekbegeleider, is_schoolopleider=is_schoolopleider,
        is_instituutsopleider=is_instituutsopleider, is_coordinator=is_coordinator,
        visitors_welcome=visitors_welcome,
        partnerschap=partnerschap if is_coordinator else None,
    )
    return _save_invited(medewerker, expertises=expertises, send_mail=send_mail)


def _save_invited(medewerker: Medewerker, *, expertises, send_mail: bool) -> Medewerker:
    """Validate and save a new staff member's row with their expertise; the invitation goes
    out after commit."""
    medewerker.full_clean(exclude=["user"])
    medewerker.save()
    medewerker.expertises.set(expertises)
    if send_mail:
        _enqueue_invitation(medewerker.user)
    return medewerker


@transaction.atomic
def invite_gastexpert(
    *,
    email: str,
    first_name: str,
    last_name: str,
    partnerschap: Partnerschap,
    expertises=(),
    send_mail: bool = True,
) -> Medewerker:
    """Create the account of a guest expert from outside the partnership's schools and
    institutes (a Medewerker with `gast_van`: no workplace, no function), invited by its
    coordinator to a session; the invitation (choose a password, or log in with eduID or
    SURFconext) goes out after commit."""
    user = _create_user(email=email, first_name=first_name, last_name=last_name)
    medewerker = Medewerker(user=user, gast_van=partnerschap)
    return _save_invited(medewerker, expertises=expertises, send_mail=send_mail)


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
    partnerschap: Partnerschap | None = None,
) -> Student:
    """Create a student's account and profile in the partnership (the installation's first
    when none is named); the invitation goes out after commit."""
    user = _create_user(email=email, first_name=first_name, last_name=last_name)
    student = Student(
        user=user, opleiding=opleiding, study_year=study_year, student_number=student_number
    )
    if partnerschap is not None:
        student.partnerschap = partnerschap
    student.save()
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
    partnerschap: Partnerschap | None = None,
) -> Starter:
    """Create a starting teacher's account and profile, with the learning record and the
    induction at the school a student who becomes a starter has (services.inductie); the
    invitation goes out after commit. The school must be the partnership's when one is
    named."""
    from .inductie import open_learning_record

    _check_school(school, partnerschap)
    user = _create_user(email=email, first_name=first_name, last_name=last_name)
    starter = Starter.objects.create(
        user=user, school=school, subject=subject, started_on=started_on
    )
    open_learning_record(starter=starter)
    if send_mail:
        _enqueue_invitation(user)
    return starter


@transaction.atomic
def resend_invitation(*, user: User) -> None:
    """Send the invitation link again; an inactive account gets none (ValidationError)."""
    if not user.is_active:
        raise ValidationError(_("This account is not active; no invitation has been sent."))
    _enqueue_invitation(user)


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


def _check_school(school: School | None, partnerschap: Partnerschap | None) -> None:
    """A coordinator's page offers only the partnership's schools; a service called with
    another's (a script, an import) refuses it the same way."""
    if school is not None and partnerschap is not None and school.partnerschap_id != partnerschap.pk:
        raise ValidationError({"school": _("Choose a school of your partnership.")})


@transaction.atomic
def add_instituut(
    *, partnerschap: Partnerschap, name: str, city: str = "", link_verified_email: bool = False,
) -> tuple[Instituut, bool]:
    """Add an institute to the partnership. An institute can work with several
    partnerships: when the portal already has one of this name (another partnership works
    with it), that one is linked to this partnership too and kept as it is. Returns the
    institute and whether it was linked rather than created."""
    name = name.strip()
    existing = Instituut.objects.filter(name__iexact=name).first()
    if existing is None:
        instituut = Instituut(
            name=name, city=city.strip(), link_verified_email=link_verified_email)
        instituut.full_clean()
        instituut.save()
        instituut.partnerschappen.add(partnerschap)
        return instituut, False
    if existing.partnerschappen.filter(pk=partnerschap.pk).exists():
        raise ValidationError({"name": _(
            "Your partnership already works with ‘%(name)s’.") % {"name": existing}})
    existing.partnerschappen.add(partnerschap)
    return existing, True


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
    partnerschap: Partnerschap | None = None,
) -> None:
    """Raise a ValidationError keyed by field when the functions do not fit where the person
    works, when a change would take a mentor away from the school or institute of a
    placement that is still running, or (for a coordinator's `partnerschap`) when the school
    or institute is not that partnership's."""
    errors: dict[str, str] = {}
    if partnerschap is not None:
        if school is not None and school.partnerschap_id != partnerschap.pk:
            errors["school"] = _("Choose a school of your partnership.")
        if instituut is not None and not instituut.partnerschappen.filter(
            pk=partnerschap.pk
        ).exists():
            errors["instituut"] = _("Choose an institute your partnership works with.")
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
    partnerschap: Partnerschap | None = None,
) -> Medewerker:
    """Change a staff member's name, e-mail address, workplace, functions and expertise.
    Made a coordinator on a coordinator's page, they manage that page's partnership; a
    coordinator who stays one keeps theirs."""
    validate_medewerker(
        school=school, instituut=instituut, is_werkplekbegeleider=is_werkplekbegeleider,
        is_schoolopleider=is_schoolopleider, is_instituutsopleider=is_instituutsopleider,
        is_coordinator=is_coordinator, medewerker=medewerker, partnerschap=partnerschap,
    )
    if not is_coordinator:
        medewerker.partnerschap = None
    elif not medewerker.is_coordinator and partnerschap is not None:
        medewerker.partnerschap = partnerschap
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
    partnerschap: Partnerschap | None = None,
) -> Student:
    """Change a student's name, e-mail address, programme, study year and student number;
    the student stays in their partnership."""
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
    partnerschap: Partnerschap | None = None,
) -> Starter:
    """Change a starting teacher's name, e-mail address, school, subject and start date (a
    school of `partnerschap` when one is named). At another school, their running induction
    moves along and its coach (a colleague at the old school) stops."""
    from .inductie import move_inductie

    _check_school(school, partnerschap)
    _update_user(user=starter.user, email=email, first_name=first_name, last_name=last_name)
    if school.pk != starter.school_id:
        move_inductie(starter=starter, school=school)
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
