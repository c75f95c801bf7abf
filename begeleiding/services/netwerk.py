"""Writes of the mentor network and rapport checks."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool import services as core_services
from opleidingsschool.models import Begeleider, Medewerker, Stage, Student, User

from ..models import (
    Klikafspraak,
    Klikcheck,
    period_start,
)
from ._common import _enqueue_mentor_mail


@transaction.atomic
def request_extra_begeleider(*, stage: Stage, medewerker: Medewerker, roles) -> Begeleider:
    """The student asks a colleague to become an extra mentor; the colleague is mailed."""
    begeleider = core_services.propose_extra_begeleider(
        stage=stage, medewerker=medewerker, roles=roles
    )
    _enqueue_mentor_mail(begeleider, "proposed")
    return begeleider


@transaction.atomic
def answer_mentor_request(*, begeleider: Begeleider, accept: bool) -> Begeleider:
    if accept:
        core_services.accept_begeleider(begeleider=begeleider)
    else:
        core_services.decline_begeleider(begeleider=begeleider)
    _enqueue_mentor_mail(begeleider, "accepted" if accept else "declined")
    return begeleider


@transaction.atomic
def set_roles(*, begeleider: Begeleider, roles) -> Begeleider:
    return core_services.set_begeleider_roles(begeleider=begeleider, roles=roles)


@transaction.atomic
def save_klikchecks(*, student: Student, ratings: dict, today: datetime.date | None = None) -> int:
    """Store this period's ratings: {begeleider: (score, comment)}. Returns how many."""
    period = period_start(today or timezone.localdate())
    saved = 0
    for begeleider, (score, comment) in ratings.items():
        if begeleider.stage.student_id != student.pk:
            raise ValidationError(_("You can only rate your own mentors."))
        if score is None:
            continue
        Klikcheck.objects.update_or_create(
            begeleider=begeleider, period_start=period,
            defaults={"score": score, "comment": (comment or "").strip()},
        )
        saved += 1
    return saved


@transaction.atomic
def add_klikafspraak(*, klikcheck: Klikcheck, text: str, by: User) -> Klikafspraak:
    """Note what the schoolopleider and the student agreed about a rapport check. Only
    they two read it (selectors.klik)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write down what you agreed with the student.")})
    return Klikafspraak.objects.create(klikcheck=klikcheck, text=text, author=by)
