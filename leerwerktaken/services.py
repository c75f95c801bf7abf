"""Writes and workflows of the curriculum: keyword-only, one function per use case."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool.models import Partnerschap, School, Student, User, default_partnerschap

from .defaults import DEFAULT_LEERUITKOMSTEN
from .models import (
    Bestand,
    Curriculumbouwsteen,
    Feedback,
    FeedbackRegel,
    Inlevering,
    InleveringStatus,
    InleveringVersie,
    Invulling,
    Leeruitkomst,
    Leerwerktaak,
    Toewijzing,
)
from .uploads import validate_upload


@transaction.atomic
def seed_leeruitkomsten(partnerschap: Partnerschap | None = None) -> int:
    """Add the default learning outcomes that are missing (by code) to the partnership (the
    installation's first when none is named); outcomes a coordinator already changed are
    left alone. Returns how many were added."""
    partnerschap_id = partnerschap.pk if partnerschap is not None else default_partnerschap()
    existing = set(
        Leeruitkomst.objects.filter(partnerschap_id=partnerschap_id).values_list("code", flat=True)
    )
    new = [
        Leeruitkomst(
            partnerschap_id=partnerschap_id, code=code, group=group, title=title,
            description=description, position=position * 10,
        )
        for position, (code, group, title, description) in enumerate(DEFAULT_LEERUITKOMSTEN, 1)
        if code not in existing
    ]
    Leeruitkomst.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def ensure_default_leeruitkomsten(partnerschap: Partnerschap) -> int:
    """A partnership without any learning outcome yet starts with the default set; one that
    has its own (even a single one, or only retired ones) is left alone. Returns how many
    were added. Safe to call twice at once: the second finds the first's outcomes."""
    # Serialise the check per partnership, so two first visits do not both add the set.
    list(Partnerschap.objects.select_for_update().filter(pk=partnerschap.pk).values_list("pk"))
    if Leeruitkomst.objects.filter(partnerschap=partnerschap).exists():
        return 0
    return seed_leeruitkomsten(partnerschap)


def _new(model, partnerschap: Partnerschap | None):
    """A new piece of the partnership's curriculum (the installation's first partnership's
    when none is named: a single-partnership installation, the demo)."""
    return model(partnerschap=partnerschap) if partnerschap is not None else model()


def _check_code(leeruitkomst: Leeruitkomst) -> None:
    taken = Leeruitkomst.objects.filter(
        partnerschap_id=leeruitkomst.partnerschap_id, code=leeruitkomst.code
    ).exclude(pk=leeruitkomst.pk)
    if taken.exists():
        raise ValidationError({"code": _(
            "Your partnership already has a learning outcome with the code ‘%(code)s’. "
            "Choose another code.") % {"code": leeruitkomst.code}})


@transaction.atomic
def save_leeruitkomst(
    *, leeruitkomst: Leeruitkomst | None = None, partnerschap: Partnerschap | None = None,
    **fields,
) -> Leeruitkomst:
    """Create an outcome of the partnership, or change one; the code is unique within it."""
    leeruitkomst = leeruitkomst or _new(Leeruitkomst, partnerschap)
    for name, value in fields.items():
        setattr(leeruitkomst, name, value)
    _check_code(leeruitkomst)
    leeruitkomst.full_clean()
    leeruitkomst.save()
    return leeruitkomst


def _check_same_partnerschap(partnerschap_id: int, **related: Iterable) -> None:
    """Linked outcomes, focus themes and tasks are of the same partnership."""
    for field, rows in related.items():
        if any(row.partnerschap_id != partnerschap_id for row in rows):
            raise ValidationError({field: _("Choose from your own partnership's curriculum.")})


@transaction.atomic
def save_invulling(
    *, leeruitkomst: Leeruitkomst, school: School, indicators: str, examples: str, by: User
) -> Invulling:
    """Write what the outcome means at this school; one text per outcome and school."""
    invulling, _created = Invulling.objects.update_or_create(
        leeruitkomst=leeruitkomst, school=school,
        defaults={"indicators": indicators, "examples": examples, "updated_by": by,
                  "updated_at": timezone.now()},
    )
    return invulling


@transaction.atomic
def save_leerwerktaak(
    *, leerwerktaak: Leerwerktaak | None = None, partnerschap: Partnerschap | None = None,
    speerpunten: Iterable = (), leeruitkomsten: Iterable = (), **fields,
) -> Leerwerktaak:
    """Create a task of the partnership, or change one; it links its own partnership's
    outcomes and focus themes only."""
    leerwerktaak = leerwerktaak or _new(Leerwerktaak, partnerschap)
    speerpunten, leeruitkomsten = list(speerpunten), list(leeruitkomsten)
    _check_same_partnerschap(
        leerwerktaak.partnerschap_id, speerpunten=speerpunten, leeruitkomsten=leeruitkomsten)
    for name, value in fields.items():
        setattr(leerwerktaak, name, value)
    leerwerktaak.save()
    leerwerktaak.speerpunten.set(speerpunten)
    leerwerktaak.leeruitkomsten.set(leeruitkomsten)
    return leerwerktaak


@transaction.atomic
def assign_leerwerktaak(
    *, leerwerktaak: Leerwerktaak, students: Sequence[Student], due_date: datetime.date,
    by: User | None,
) -> list[Toewijzing]:
    """A group task becomes one assignment for all the students (one shared submission);
    an individual task one assignment per student. Each starts with an empty draft. A task
    goes to students of its own partnership only."""
    if not students:
        raise ValidationError(_("Choose at least one student."))
    if any(student.partnerschap_id != leerwerktaak.partnerschap_id for student in students):
        raise ValidationError({"students": _("Choose students of your own partnership.")})
    groups = [list(students)] if leerwerktaak.is_group_task else [[s] for s in students]
    toewijzingen = []
    for group in groups:
        toewijzing = Toewijzing.objects.create(
            leerwerktaak=leerwerktaak, due_date=due_date, assigned_by=by
        )
        toewijzing.students.set(group)
        Inlevering.objects.create(toewijzing=toewijzing)
        toewijzingen.append(toewijzing)
    return toewijzingen


def _ensure_open(inlevering: Inlevering) -> None:
    if inlevering.status == InleveringStatus.COMPLETED:
        raise ValidationError(_("This work has been completed and can no longer be changed."))


@transaction.atomic
def save_inlevering(
    *, inlevering: Inlevering, text: str, files: Sequence = (), by: User
) -> Inlevering:
    """Save the working text and add files to the draft. Every file is checked first, so a
    refused file leaves the saved text and files as they were."""
    _ensure_open(inlevering)
    for upload in files:
        validate_upload(upload)
    inlevering.text = text
    inlevering.updated_at = timezone.now()
    inlevering.save(update_fields=["text", "updated_at"])
    for upload in files:
        Bestand.objects.create(
            inlevering=inlevering, file=upload, original_name=upload.name[:255],
            size=upload.size, uploaded_by=by,
        )
    return inlevering


@transaction.atomic
def delete_bestand(*, bestand: Bestand, by: User) -> None:
    """Only a file of the draft can be removed; handed-in versions are kept whole."""
    _ensure_open(bestand.inlevering)
    if bestand.versie_id is not None:
        raise ValidationError(_("A file of a handed-in version is kept and cannot be removed."))
    stored = bestand.file
    bestand.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def hand_in(*, inlevering: Inlevering, by: User) -> InleveringVersie:
    """Hand in the current text and draft files as a new version; earlier versions stay."""
    # Two group members handing in at once must not get the same version number.
    list(Inlevering.objects.select_for_update().filter(pk=inlevering.pk).values_list("pk"))
    inlevering.refresh_from_db()
    _ensure_open(inlevering)
    draft_files = inlevering.bestanden.filter(versie__isnull=True)
    if not inlevering.text.strip() and not draft_files.exists():
        raise ValidationError(_("Write something or add a file before you hand in."))
    number = (inlevering.versies.aggregate(last=Max("number"))["last"] or 0) + 1
    versie = InleveringVersie.objects.create(
        inlevering=inlevering, number=number, text=inlevering.text, handed_in_by=by
    )
    draft_files.update(versie=versie)
    now = timezone.now()
    inlevering.status = InleveringStatus.HANDED_IN
    inlevering.handed_in_at = now
    inlevering.updated_at = now
    inlevering.save(update_fields=["status", "handed_in_at", "updated_at"])
    return versie


@transaction.atomic
def give_feedback(
    *, inlevering: Inlevering, by: User, text: str,
    regels: Sequence[tuple[str, str, str]] = (),
) -> Feedback:
    """Feedback on the latest version, per criterion (criterion, rating, comment)."""
    _ensure_open(inlevering)
    if inlevering.status == InleveringStatus.CONCEPT:
        raise ValidationError(_("Feedback can be given once the work has been handed in."))
    if not text.strip() and not any(rating or comment.strip() for _c, rating, comment in regels):
        raise ValidationError(_("Write some feedback or rate at least one criterion."))
    feedback = Feedback.objects.create(
        inlevering=inlevering, versie=inlevering.versies.order_by("-number").first(),
        author=by, text=text,
    )
    FeedbackRegel.objects.bulk_create(
        FeedbackRegel(feedback=feedback, criterion=criterion[:300], rating=rating,
                      comment=comment, position=position)
        for position, (criterion, rating, comment) in enumerate(regels)
        if rating or comment.strip()
    )
    inlevering.status = InleveringStatus.FEEDBACK_GIVEN
    inlevering.save(update_fields=["status"])
    return feedback


@transaction.atomic
def complete_inlevering(
    *, inlevering: Inlevering, by: User, leeruitkomsten: Iterable[Leeruitkomst]
) -> Inlevering:
    """Complete the work and link it as evidence to the chosen learning outcomes, for every
    student of the assignment."""
    _ensure_open(inlevering)
    if inlevering.status == InleveringStatus.CONCEPT:
        raise ValidationError(_("Work can be completed once it has been handed in."))
    inlevering.status = InleveringStatus.COMPLETED
    inlevering.completed_at = timezone.now()
    inlevering.completed_by = by
    inlevering.save(update_fields=["status", "completed_at", "completed_by"])
    inlevering.evidence_leeruitkomsten.set(leeruitkomsten)
    return inlevering


@transaction.atomic
def save_bouwsteen(
    *, bouwsteen: Curriculumbouwsteen | None = None, partnerschap: Partnerschap | None = None,
    leeruitkomsten: Iterable = (), speerpunten: Iterable = (), **fields,
) -> Curriculumbouwsteen:
    """Create a building block of the partnership, or change one."""
    bouwsteen = bouwsteen or _new(Curriculumbouwsteen, partnerschap)
    leeruitkomsten, speerpunten = list(leeruitkomsten), list(speerpunten)
    task = fields.get("leerwerktaak")
    _check_same_partnerschap(
        bouwsteen.partnerschap_id, leeruitkomsten=leeruitkomsten, speerpunten=speerpunten,
        leerwerktaak=[task] if task is not None else [])
    for name, value in fields.items():
        setattr(bouwsteen, name, value)
    bouwsteen.save()
    bouwsteen.leeruitkomsten.set(leeruitkomsten)
    bouwsteen.speerpunten.set(speerpunten)
    return bouwsteen
