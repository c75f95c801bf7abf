"""Writes of lesson observations (issue 15): the observer fills in and sends, the observed
person marks it discussed and takes what they choose into their development plan; the
coordinator keeps the partnership's instrument."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool.models import Partnerschap, Student, User

from ..models import (
    Indicator,
    Lesbezoek,
    Lesobservatie,
    Observatiedomein,
    Observatiescore,
    Ontwikkelpunt,
    Score,
)
from ..observatie_defaults import DEFAULT_INSTRUMENT
from ..selectors.ontwikkelplan import ontwikkelplan_owner
from .ontwikkelplan import add_ontwikkelpunt

__all__ = [
    "add_lesobservatie_to_plan", "delete_lesobservatie", "ensure_default_instrument",
    "mark_lesobservatie_discussed", "move_indicator", "move_observatiedomein",
    "save_indicator", "save_lesobservatie", "save_observatiedomein",
]


# --- The instrument -------------------------------------------------------------------------


@transaction.atomic
def ensure_default_instrument(partnerschap: Partnerschap) -> int:
    """A partnership without any observation domain yet starts with the default instrument;
    one that has its own (even only deactivated domains) is left alone. Returns how many
    domains were added. Safe to call twice at once: the second finds the first's."""
    # Serialise the check per partnership, so two first visits do not both add the set.
    list(Partnerschap.objects.select_for_update().filter(pk=partnerschap.pk).values_list("pk"))
    if Observatiedomein.objects.filter(partnerschap=partnerschap).exists():
        return 0
    for position, (name, description, texts) in enumerate(DEFAULT_INSTRUMENT, 1):
        domein = Observatiedomein.objects.create(
            partnerschap=partnerschap, name=name, description=description,
            position=position * 10,
        )
        Indicator.objects.bulk_create([
            Indicator(domein=domein, text=text, position=index * 10)
            for index, text in enumerate(texts, 1)
        ])
    return len(DEFAULT_INSTRUMENT)


@transaction.atomic
def save_observatiedomein(
    *, partnerschap: Partnerschap, name: str, description: str = "", is_active: bool = True,
    domein: Observatiedomein | None = None,
) -> Observatiedomein:
    """Add a domain at the end of the instrument, or rename, describe or (de)activate one. A
    name is unique within the partnership; at least one domain stays in use."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the domain a name.")})
    taken = Observatiedomein.objects.filter(partnerschap=partnerschap, name__iexact=name)
    if domein is not None:
        taken = taken.exclude(pk=domein.pk)
    if taken.exists():
        raise ValidationError({"name": _(
            "Your instrument already has a domain called ‘%(name)s’. Choose another name."
        ) % {"name": name}})
    if domein is not None and domein.is_active and not is_active and not (
        Observatiedomein.objects.filter(partnerschap=partnerschap, is_active=True)
        .exclude(pk=domein.pk).exists()
    ):
        raise ValidationError({"is_active": _(
            "Keep at least one domain in use: an observation needs something to look at.")})
    if domein is None:
        last = Observatiedomein.objects.filter(partnerschap=partnerschap).aggregate(
            last=Max("position"))["last"] or 0
        domein = Observatiedomein(partnerschap=partnerschap, position=last + 10)
    domein.name = name
    domein.description = description.strip()
    domein.is_active = is_active
    domein.save()
    return domein


@transaction.atomic
def save_indicator(
    *, domein: Observatiedomein, text: str, is_active: bool = True,
    indicator: Indicator | None = None,
) -> Indicator:
    """Add an indicator at the end of a domain, or rename or (de)activate one. A
    deactivated indicator stays on the observations that scored it."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Describe what an observer can see in the lesson.")})
    taken = Indicator.objects.filter(domein=domein, text__iexact=text)
    if indicator is not None:
        taken = taken.exclude(pk=indicator.pk)
    if taken.exists():
        raise ValidationError({"text": _("This domain already has this indicator.")})
    if indicator is None:
        last = Indicator.objects.filter(domein=domein).aggregate(
            last=Max("position"))["last"] or 0
        indicator = Indicator(domein=domein, position=last + 10)
    indicator.text = text
    indicator.is_active = is_active
    indicator.save()
    return indicator


def _swap(rows: list, obj, up: bool) -> None:
    """Swap `obj` with its neighbour in `rows` (ordered); renumber all in steps of ten."""
    index = next(i for i, row in enumerate(rows) if row.pk == obj.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(rows):
        return
    rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows, 1):
        row.position = position * 10
    type(obj).objects.bulk_update(rows, ["position"])


@transaction.atomic
def move_observatiedomein(*, domein: Observatiedomein, up: bool) -> None:
    """Move a domain one place up or down in the instrument (nothing at either end)."""
    rows = list(Observatiedomein.objects.select_for_update()
                .filter(partnerschap_id=domein.partnerschap_id).order_by("position", "pk"))
    _swap(rows, domein, up)


@transaction.atomic
def move_indicator(*, indicator: Indicator, up: bool) -> None:
    """Move an indicator one place up or down within its domain."""
    rows = list(Indicator.objects.select_for_update()
                .filter(domein_id=indicator.domein_id).order_by("position", "pk"))
    _swap(rows, indicator, up)


# --- Observing -----------------------------------------------------------------------------


@transaction.atomic
def save_lesobservatie(
    *, observer: User, student: Student, date: datetime.date, class_name: str,
    scores: dict[int, tuple[int | None, str]], notes: dict[int, str] | None = None,
    subject: str = "", lesbezoek: Lesbezoek | None = None, went_well: str = "", tip: str = "",
    send: bool = False, lesobservatie: Lesobservatie | None = None,
    today: datetime.date | None = None,
) -> Lesobservatie:
    """Save an observation as a draft (new, or the observer's own draft), and with `send`
    send it to the student. `scores` maps indicator ids to (score or None, remark); only the
    student's partnership's indicators count. A lesson in the future, or sending without any
    indicator on the scale, is refused and nothing is written; a sent observation no longer
    changes. The caller has checked that `observer` may observe `student`."""
    today = today or timezone.localdate()
    if lesobservatie is not None and not lesobservatie.is_draft:
        raise ValidationError(
            _("This observation has been sent to the student and can no longer be changed."))
    errors = {}
    if date > today:
        errors["date"] = _("The lesson must have taken place: choose today or an earlier date.")
    if not class_name.strip():
        errors["class_name"] = _("Which class did you observe? For example havo 4.")
    if lesbezoek is not None and lesbezoek.student_id != student.pk:
        errors["lesbezoek"] = _("Choose a classroom visit of this student.")
    if errors:
        raise ValidationError(errors)
    known = dict(
        Indicator.objects.filter(pk__in=list(scores), domein__partnerschap_id=student.partnerschap_id)
        .values_list("pk", "domein_id")
    )
    rows = {
        pk: (score, remark.strip()) for pk, (score, remark) in scores.items()
        if pk in known and (score is None or Score.NOT_OBSERVED <= score <= Score.STRONG)
    }
    if send and not any(score and score >= Score.WEAK for score, _remark in rows.values()):
        raise ValidationError(_(
            "Put at least one indicator on the scale (weak to strong) before you send the "
            "observation to the student."))
    domains = set(
        Observatiedomein.objects.filter(pk__in=list(notes or {}),
                                        partnerschap_id=student.partnerschap_id)
        .values_list("pk", flat=True)
    ) if notes else set()
    now = timezone.now()
    if lesobservatie is None:
        lesobservatie = Lesobservatie(student=student, observer=observer, created_at=now)
    lesobservatie.date = date
    lesobservatie.class_name = class_name.strip()
    lesobservatie.subject = subject.strip()
    lesobservatie.lesbezoek = lesbezoek
    lesobservatie.went_well = went_well.strip()
    lesobservatie.tip = tip.strip()
    lesobservatie.domain_notes = {
        str(pk): text.strip() for pk, text in (notes or {}).items()
        if pk in domains and text.strip()
    }
    lesobservatie.updated_at = now
    if send:
        lesobservatie.sent_at = now
    lesobservatie.save()
    # One statement for every indicator of the form, new or changed (an emptied one keeps
    # its row, empty).
    Observatiescore.objects.bulk_create(
        [Observatiescore(lesobservatie=lesobservatie, indicator_id=pk, score=score,
                         remark=remark) for pk, (score, remark) in rows.items()],
        update_conflicts=True, unique_fields=["lesobservatie", "indicator"],
        update_fields=["score", "remark"],
    )
    return lesobservatie


@transaction.atomic
def delete_lesobservatie(*, lesobservatie: Lesobservatie) -> None:
    """Throw away a draft; a sent observation is the student's and stays."""
    if not lesobservatie.is_draft:
        raise ValidationError(
            _("This observation has been sent to the student and can no longer be changed."))
    lesobservatie.delete()


@transaction.atomic
def mark_lesobservatie_discussed(*, lesobservatie: Lesobservatie, by: User) -> Lesobservatie:
    """The observed person says they discussed the observation: from now on their formal
    mentors read it too. Only they may; marking it twice changes nothing."""
    if lesobservatie.student.user_id != by.pk or lesobservatie.is_draft:
        raise ValidationError(_("Only the observed student marks an observation as discussed."))
    if lesobservatie.discussed_at is None:
        lesobservatie.discussed_at = timezone.now()
        lesobservatie.save(update_fields=["discussed_at"])
    return lesobservatie


@transaction.atomic
def add_lesobservatie_to_plan(
    *, lesobservatie: Lesobservatie, by: User, goal: str, target_date: datetime.date,
    today: datetime.date | None = None,
) -> Ontwikkelpunt:
    """The observed person takes something from the observation into their development plan,
    in their own words (the plan of this school year, made if needed). Nobody else can."""
    if lesobservatie.student.user_id != by.pk or lesobservatie.is_draft:
        raise ValidationError(_("Only the observed student adds points to their own plan."))
    owner = ontwikkelplan_owner(by)
    if owner is None:
        raise ValidationError(_("Only the observed student adds points to their own plan."))
    today = today or timezone.localdate()
    if target_date < today:
        raise ValidationError({"target_date": _(
            "Choose a target date from today on.")})
    punt = add_ontwikkelpunt(owner=owner, goal=goal, target_date=target_date, today=today)
    punt.lesobservatie = lesobservatie
    punt.save(update_fields=["lesobservatie"])
    return punt
