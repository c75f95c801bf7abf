"""Writes of the triangle: planning meetings (with calendar invitations), notes with
optimistic locking, sharing and agreement, addenda, goals, actions, needs and interim
evaluations. Every change leaves a line in the history (Wijziging)."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool import homecache
from opleidingsschool.models import Stage, User

from . import notices
from .models import (
    Actiepunt,
    Addendum,
    Akkoord,
    Behoefte,
    BehoefteStatus,
    Driehoeksgesprek,
    GesprekStatus,
    Leerdoel,
    Oordeel,
    Tussenevaluatie,
    Wijziging,
    WijzigingSoort,
)
from .notices import queue_notice
from .selectors import member_user_ids

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """An Amsterdam wall-clock time as an aware datetime (14:00 stays 14:00 across DST)."""
    return datetime.datetime.combine(day, time, tzinfo=AMSTERDAM)


def log(*, stage: Stage, by: User | None, soort: str, gesprek: Driehoeksgesprek | None = None,
        detail: str = "") -> Wijziging:
    return Wijziging.objects.create(
        stage=stage, gesprek=gesprek, user=by, soort=soort, detail=detail[:300]
    )


# --- Meetings -------------------------------------------------------------------------------


def _check_participants(stage: Stage, deelnemers: list[User], by: User) -> list[User]:
    allowed = member_user_ids([stage.pk]).get(stage.pk, set())
    chosen = {user.pk: user for user in deelnemers}
    outside = set(chosen) - allowed
    if outside:
        raise ValidationError(_("Only members of the triangle can take part."))
    # The student and the person planning are always there.
    for user in (stage.student.user, by):
        if user.pk in allowed:
            chosen.setdefault(user.pk, user)
    if len(chosen) < 2:
        raise ValidationError(_("Choose at least one supervisor to meet with."))
    return list(chosen.values())


@transaction.atomic
def plan_gesprek(
    *, stage: Stage, by: User, title: str, starts_at: datetime.datetime,
    ends_at: datetime.datetime, place: str = "", video_link: str = "",
    deelnemers: list[User],
) -> Driehoeksgesprek:
    """Plan a meeting; every participant gets a calendar invitation (METHOD:REQUEST)."""
    if not (place or video_link):
        raise ValidationError(_("Fill in a place or a video link."))
    people = _check_participants(stage, deelnemers, by)
    gesprek = Driehoeksgesprek.objects.create(
        stage=stage, title=title, starts_at=starts_at, ends_at=ends_at, place=place,
        video_link=video_link, created_by=by,
    )
    gesprek.deelnemers.set(people)
    log(stage=stage, gesprek=gesprek, by=by, soort=WijzigingSoort.PLANNED,
        detail=_date_label(gesprek))
    queue_notice(gesprek=gesprek, kind=f"{notices.REQUEST}-0", user_ids=[u.pk for u in people])
    return gesprek


def _date_label(gesprek: Driehoeksgesprek) -> str:
    local = timezone.localtime(gesprek.starts_at, AMSTERDAM)
    where = gesprek.place or gesprek.video_link
    return f"{local:%d-%m-%Y %H:%M}, {where}"


@transaction.atomic
def change_gesprek(
    *, gesprek: Driehoeksgesprek, by: User, title: str, starts_at: datetime.datetime,
    ends_at: datetime.datetime, place: str = "", video_link: str = "",
    deelnemers: list[User],
) -> Driehoeksgesprek:
    """Move a planned meeting or change who comes. A new time or place raises SEQUENCE and
    sends everyone the updated invitation; someone taken off gets a cancellation."""
    gesprek = Driehoeksgesprek.objects.select_for_update().get(pk=gesprek.pk)
    if gesprek.status != GesprekStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting can be changed."))
    if not (place or video_link):
        raise ValidationError(_("Fill in a place or a video link."))
    people = _check_participants(gesprek.stage, deelnemers, by)
    before = set(gesprek.deelnemers.values_list("pk", flat=True))
    after = {user.pk for user in people}
    moved = (gesprek.starts_at, gesprek.ends_at, gesprek.place, gesprek.video_link) != (
        starts_at, ends_at, place, video_link
    )
    if not moved and before == after and gesprek.title == title:
        return gesprek
    gesprek.title = title
    gesprek.starts_at, gesprek.ends_at = starts_at, ends_at
    gesprek.place, gesprek.video_link = place, video_link
    gesprek.sequence = F("sequence") + 1
    gesprek.updated_at = timezone.now()
    gesprek.save()
    gesprek.refresh_from_db(fields=["sequence"])
    gesprek.deelnemers.set(people)
    log(stage=gesprek.stage, gesprek=gesprek, by=by, soort=WijzigingSoort.CHANGED,
        detail=_date_label(gesprek))
    queue_notice(gesprek=gesprek, kind=f"{notices.REQUEST}-{gesprek.sequence}",
                 user_ids=after)
    queue_notice(gesprek=gesprek, kind=f"{notices.CANCEL}-{gesprek.sequence}",
                 user_ids=before - after)
    return gesprek


@transaction.atomic
def cancel_gesprek(*, gesprek: Driehoeksgesprek, by: User) -> Driehoeksgesprek:
    """Cancel a planned meeting; every participant's calendar gets METHOD:CANCEL."""
    gesprek = Driehoeksgesprek.objects.select_for_update().get(pk=gesprek.pk)
    if gesprek.status != GesprekStatus.PLANNED or gesprek.has_notes:
        raise ValidationError(_("Only a planned meeting without notes can be cancelled."))
    gesprek.status = GesprekStatus.CANCELLED
    gesprek.sequence = F("sequence") + 1
    gesprek.updated_at = timezone.now()
    gesprek.save()
    gesprek.refresh_from_db(fields=["sequence"])
    log(stage=gesprek.stage, gesprek=gesprek, by=by, soort=WijzigingSoort.CANCELLED)
    queue_notice(gesprek=gesprek, kind=f"{notices.CANCEL}-{gesprek.sequence}",
                 user_ids=gesprek.deelnemers.values_list("pk", flat=True))
    return gesprek


# --- Notes: optimistic locking, sharing, agreement, addenda --------------------------------


@dataclass
class NotesConflict(Exception):
    """Someone else saved the notes since this edit started: nothing was overwritten."""

    current: Driehoeksgesprek


@transaction.atomic
def save_notes(
    *, gesprek: Driehoeksgesprek, by: User, version: int, progress: str, questions: str,
    agreements: str,
) -> Driehoeksgesprek:
    """Save the notes if nobody saved them since `version` (one conditional UPDATE), else
    raise NotesConflict with the other person's text. Changing shared notes withdraws the
    agreements given so far: they agreed to another text."""
    now = timezone.now()
    homecache.note(stage_ids=[gesprek.stage_id])
    updated = Driehoeksgesprek.objects.filter(
        pk=gesprek.pk, notes_version=version, locked_at__isnull=True
    ).exclude(status=GesprekStatus.CANCELLED).update(
        notes_progress=progress.strip(), notes_questions=questions.strip(),
        notes_agreements=agreements.strip(), notes_version=F("notes_version") + 1,
        notes_updated_at=now, notes_updated_by=by, updated_at=now,
    )
    current = Driehoeksgesprek.objects.select_related("notes_updated_by", "stage").get(pk=gesprek.pk)
    if not updated:
        if current.is_locked:
            raise ValidationError(_("Everyone agreed and the record is locked; add an addendum."))
        raise NotesConflict(current=current)
    if current.status == GesprekStatus.PLANNED:
        current.status = GesprekStatus.HELD
        current.save(update_fields=["status"])
    withdrawn = 0
    if current.is_shared:
        withdrawn, _detail = current.akkoorden.all().delete()
    log(stage=current.stage, gesprek=current, by=by, soort=WijzigingSoort.NOTES,
        detail=_("version %(version)s") % {"version": current.notes_version}
        + ("; " + _("agreements withdrawn") if withdrawn else ""))
    return current


@transaction.atomic
def share_notes(*, gesprek: Driehoeksgesprek, by: User) -> Driehoeksgesprek:
    """Make the notes visible to the student; the person who shares agrees with them.
    The other participants are asked for their agreement by mail."""
    gesprek = Driehoeksgesprek.objects.select_for_update().get(pk=gesprek.pk)
    if gesprek.is_shared or not gesprek.has_notes:
        raise ValidationError(_("These notes cannot be shared now."))
    gesprek.shared_at = timezone.now()
    gesprek.shared_by = by
    gesprek.save(update_fields=["shared_at", "shared_by"])
    log(stage=gesprek.stage, gesprek=gesprek, by=by, soort=WijzigingSoort.SHARED)
    participants = set(gesprek.deelnemers.values_list("pk", flat=True))
    if by.pk in participants:
        _agree(gesprek, by)
    queue_notice(gesprek=gesprek, kind=f"{notices.SHARED}-{gesprek.notes_version}",
                 user_ids=participants - {by.pk})
    return gesprek


def _agree(gesprek: Driehoeksgesprek, by: User) -> None:
    Akkoord.objects.get_or_create(
        gesprek=gesprek, user=by, defaults={"notes_version": gesprek.notes_version}
    )
    log(stage=gesprek.stage, gesprek=gesprek, by=by, soort=WijzigingSoort.AGREED)
    participants = set(gesprek.deelnemers.values_list("pk", flat=True))
    agreed = set(gesprek.akkoorden.values_list("user_id", flat=True))
    if participants <= agreed:
        gesprek.locked_at = timezone.now()
        gesprek.status = GesprekStatus.AGREED
        gesprek.save(update_fields=["locked_at", "status"])
        log(stage=gesprek.stage, gesprek=gesprek, by=by, soort=WijzigingSoort.LOCKED)


@transaction.atomic
def give_akkoord(*, gesprek: Driehoeksgesprek, by: User, version: int) -> Driehoeksgesprek:
    """A participant agrees with the shared notes as they read them (`version`); when every
    participant agreed, the record is locked."""
    gesprek = Driehoeksgesprek.objects.select_for_update().select_related("stage").get(pk=gesprek.pk)
    if not gesprek.is_shared or gesprek.is_locked:
        raise ValidationError(_("These notes cannot be agreed to now."))
    if not gesprek.deelnemers.filter(pk=by.pk).exists():
        raise ValidationError(_("Only the participants of the meeting give agreement."))
    if version != gesprek.notes_version:
        raise ValidationError(
            _("The notes changed while you were reading them. Read them again, then agree.")
        )
    _agree(gesprek, by)
    return gesprek


@transaction.atomic
def add_addendum(*, gesprek: Driehoeksgesprek, by: User, text: str) -> Addendum:
    if not gesprek.is_locked:
        raise ValidationError(_("Change the notes themselves until everyone agreed."))
    addendum = Addendum.objects.create(gesprek=gesprek, author=by, text=text.strip())
    log(stage=gesprek.stage, gesprek=gesprek, by=by, soort=WijzigingSoort.ADDENDUM,
        detail=text.strip()[:120])
    return addendum


# --- Goals, actions, needs -----------------------------------------------------------------


def _check_open(gesprek: Driehoeksgesprek | None) -> None:
    if gesprek is not None and (gesprek.is_locked or gesprek.is_cancelled):
        raise ValidationError(_("This meeting's record is locked; add an addendum instead."))


@transaction.atomic
def save_leerdoel(
    *, stage: Stage, by: User, title: str, description: str = "", leeruitkomsten,
    invullingen=(), leervragen=(), status: str | None = None,
    gesprek: Driehoeksgesprek | None = None, leerdoel: Leerdoel | None = None,
) -> Leerdoel:
    """Create or change a learning goal for the student's current study year."""
    soort = WijzigingSoort.GOAL if leerdoel else WijzigingSoort.GOAL_ADDED
    if leerdoel is None:
        _check_open(gesprek)
        leerdoel = Leerdoel(stage=stage, gesprek=gesprek, created_by=by,
                            study_year=stage.student.study_year)
    leerdoel.title = title.strip()
    leerdoel.description = description.strip()
    if status:
        leerdoel.status = status
    leerdoel.save()
    leerdoel.leeruitkomsten.set(leeruitkomsten)
    leerdoel.invullingen.set(
        [invulling for invulling in invullingen if invulling.school_id == stage.school_id]
    )
    leerdoel.leervragen.set(
        [leervraag for leervraag in leervragen if leervraag.student_id == stage.student_id]
    )
    log(stage=stage, gesprek=leerdoel.gesprek, by=by, soort=soort, detail=leerdoel.title)
    return leerdoel


@transaction.atomic
def set_leerdoel_status(*, leerdoel: Leerdoel, by: User, status: str) -> Leerdoel:
    leerdoel.status = status
    leerdoel.save(update_fields=["status"])
    log(stage=leerdoel.stage, gesprek=leerdoel.gesprek, by=by, soort=WijzigingSoort.GOAL,
        detail=f"{leerdoel.title}: {leerdoel.get_status_display()}")
    return leerdoel


@transaction.atomic
def save_actiepunt(
    *, stage: Stage, by: User, description: str, owner: User, due_date: datetime.date,
    gesprek: Driehoeksgesprek | None = None, actiepunt: Actiepunt | None = None,
) -> Actiepunt:
    if owner.pk not in member_user_ids([stage.pk]).get(stage.pk, set()):
        raise ValidationError(_("The owner must be a member of the triangle."))
    soort = WijzigingSoort.ACTION if actiepunt else WijzigingSoort.ACTION_ADDED
    if actiepunt is None:
        _check_open(gesprek)
        actiepunt = Actiepunt(stage=stage, gesprek=gesprek, created_by=by)
    else:
        _check_open(actiepunt.gesprek)
    actiepunt.description = description.strip()
    actiepunt.owner = owner
    actiepunt.due_date = due_date
    actiepunt.save()
    log(stage=stage, gesprek=actiepunt.gesprek, by=by, soort=soort,
        detail=f"{actiepunt.description} ({owner}, {due_date:%d-%m-%Y})")
    return actiepunt


@transaction.atomic
def set_actiepunt_done(*, actiepunt: Actiepunt, by: User, done: bool = True) -> Actiepunt:
    actiepunt.done_at = timezone.now() if done else None
    actiepunt.done_by = by if done else None
    actiepunt.save(update_fields=["done_at", "done_by"])
    label = _("done") if done else _("open again")
    log(stage=actiepunt.stage, gesprek=actiepunt.gesprek, by=by, soort=WijzigingSoort.ACTION,
        detail=f"{actiepunt.description}: {label}")
    return actiepunt


@transaction.atomic
def save_behoefte(
    *, stage: Stage, by: User, description: str, status: str, bouwsteen=None,
    gesprek: Driehoeksgesprek | None = None, behoefte: Behoefte | None = None,
) -> Behoefte:
    """A need linked to a building block the partnership has, or marked to be developed."""
    if status == BehoefteStatus.LINKED and bouwsteen is None:
        raise ValidationError(_("Choose the building block we already have."))
    soort = WijzigingSoort.NEED if behoefte else WijzigingSoort.NEED_ADDED
    if behoefte is None:
        _check_open(gesprek)
        behoefte = Behoefte(stage=stage, gesprek=gesprek, created_by=by)
    behoefte.description = description.strip()
    behoefte.status = status
    behoefte.bouwsteen = bouwsteen if status == BehoefteStatus.LINKED else None
    behoefte.save()
    log(stage=stage, gesprek=behoefte.gesprek, by=by, soort=soort,
        detail=f"{behoefte.description}: {behoefte.get_status_display()}")
    return behoefte


# --- Interim evaluations --------------------------------------------------------------------


@transaction.atomic
def save_tussenevaluatie(
    *, stage: Stage, by: User, date: datetime.date, summary: str,
    oordelen: dict, tussenevaluatie: Tussenevaluatie | None = None,
) -> Tussenevaluatie:
    """Create or change an interim evaluation. `oordelen` maps a Leeruitkomst to
    (niveau, evidence, narrative); an outcome left out is not rated this time."""
    if not oordelen:
        raise ValidationError(_("Rate at least one learning outcome."))
    soort = WijzigingSoort.EVALUATION if tussenevaluatie else WijzigingSoort.EVALUATION_ADDED
    if tussenevaluatie is None:
        tussenevaluatie = Tussenevaluatie(stage=stage, created_by=by)
    tussenevaluatie.date = date
    tussenevaluatie.summary = summary.strip()
    tussenevaluatie.updated_at = timezone.now()
    tussenevaluatie.save()
    tussenevaluatie.oordelen.exclude(leeruitkomst__in=list(oordelen)).delete()
    for leeruitkomst, (niveau, evidence, narrative) in oordelen.items():
        Oordeel.objects.update_or_create(
            tussenevaluatie=tussenevaluatie, leeruitkomst=leeruitkomst,
            defaults={"niveau": niveau, "evidence": evidence.strip(),
                      "narrative": narrative.strip()},
        )
    log(stage=stage, by=by, soort=soort, detail=f"{date:%d-%m-%Y}")
    return tussenevaluatie


@transaction.atomic
def share_tussenevaluatie(*, tussenevaluatie: Tussenevaluatie, by: User) -> Tussenevaluatie:
    if not tussenevaluatie.is_shared:
        tussenevaluatie.shared_at = timezone.now()
        tussenevaluatie.save(update_fields=["shared_at"])
        log(stage=tussenevaluatie.stage, by=by, soort=WijzigingSoort.EVALUATION,
            detail=_("%(date)s shared with the student") % {
                "date": f"{tussenevaluatie.date:%d-%m-%Y}"})
    return tussenevaluatie
