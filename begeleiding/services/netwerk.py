"""Writes of the mentor network and rapport checks."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool import services as core_services
from opleidingsschool.models import Begeleider, Medewerker, Partnerschap, Stage, Student, User

from ..models import (
    Klikafspraak,
    Klikcheck,
    Klikmomenten,
)
from ..selectors import klik_periode
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
    """Store the ratings of the current period: {begeleider: (score, comment)}. The period
    starts on the quarter's first day, or on the last moment the partnership asks again
    (selectors.klik_periode): a rating at such a moment is a new point in the trend, a
    second rating in the same period replaces the first. Returns how many."""
    today = today or timezone.localdate()
    periods = {}
    saved = 0
    for begeleider, (score, comment) in ratings.items():
        if begeleider.stage.student_id != student.pk:
            raise ValidationError(_("You can only rate your own mentors."))
        if score is None:
            continue
        if begeleider.stage_id not in periods:
            periods[begeleider.stage_id] = klik_periode(begeleider.stage, today).start
        Klikcheck.objects.update_or_create(
            begeleider=begeleider, period_start=periods[begeleider.stage_id],
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


@transaction.atomic
def save_klikmomenten(*, partnerschap: Partnerschap, after_weeks: int | None,
                      at_tussenevaluatie: bool) -> Klikmomenten:
    """The coordinator's choice of when the rapport check is asked again in their
    partnership: `after_weeks` into each placement (None: not), and/or at each interim
    evaluation. Students see the prompt from the next moment that comes."""
    if after_weeks is not None and not 1 <= after_weeks <= 52:
        raise ValidationError({"after_weeks": _("Choose a number of weeks from 1 to 52.")})
    momenten, _created = Klikmomenten.objects.update_or_create(
        partnerschap=partnerschap,
        defaults={"after_weeks": after_weeks, "at_tussenevaluatie": at_tussenevaluatie,
                  "updated_at": timezone.now()},
    )
    return momenten
