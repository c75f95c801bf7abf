"""Deleting an account on request (issue 13), keeping what must be kept.

A student's experience hours count for their diploma: each day-log entry keeps its date,
activity, hours and who confirmed them; what the student wrote goes. Everything else the
portal holds about the person is deleted, and the account itself is emptied and closed (its
row stays, so the hours and the placements they belong to keep their owner).
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from opleidingsschool.models import (
    Aanmelding,
    DataExport,
    KalenderFeed,
    NotificatieVoorkeur,
    ReadRecord,
    Student,
    User,
)

from .retention import _delete


def _model(label: str):
    return apps.get_model(label)


def preview(user: User) -> dict[str, int]:
    """What `erase_account` would delete (per kind) and the day-log entries whose hours it
    keeps; counted, nothing changed."""
    student = Student.objects.filter(user=user).first()
    counts = {"leervragen": 0, "lesbezoeken": 0, "klikchecks": 0, "driehoek": 0,
              "inleveringen": 0, "logboek": 0}
    if student is not None:
        counts["logboek"] = _model("begeleiding.Logregel").objects.filter(student=student).count()
        counts["leervragen"] = _model("begeleiding.Leervraag").objects.filter(
            student=student).count()
        counts["lesbezoeken"] = _model("begeleiding.Lesbezoek").objects.filter(
            student=student).count()
        counts["klikchecks"] = _model("begeleiding.Klikcheck").objects.filter(
            begeleider__stage__student=student).count()
        counts["inleveringen"] = _model("leerwerktaken.Bestand").objects.filter(
            inlevering__toewijzing__students=student).count()
        counts["driehoek"] = _model("driehoek.Driehoeksgesprek").objects.filter(
            stage__student=student).count()
    counts["ontwikkelplannen"] = _model("begeleiding.Ontwikkelplan").objects.filter(
        student__user=user).count()
    counts["lesobservaties"] = _model("begeleiding.Lesobservatie").objects.filter(
        student__user=user).count()
    return counts


@transaction.atomic
def erase_account(*, user: User) -> dict[str, int]:
    """Delete what the portal holds about `user` except the hours; per kind how many."""
    counts: dict[str, int] = {}
    student = Student.objects.filter(user=user).first()
    if student is not None:
        counts["logboek"] = _model("begeleiding.Logregel").objects.filter(
            student=student).update(done="", learned="", leervraag=None)
        # A plan for the day keeps its date and activity with the hours; its words go.
        _model("begeleiding.Dagplan").objects.filter(student=student).update(
            text="", leervraag=None)
        counts["leervragen"] = _delete(
            _model("begeleiding.Leervraag").objects.filter(student=student), True)
        counts["lesbezoeken"] = _delete(
            _model("begeleiding.Lesbezoek").objects.filter(student=student), True)
        counts["klikchecks"] = _delete(_model("begeleiding.Klikcheck").objects.filter(
            begeleider__stage__student=student), True)
        counts["inleveringen"] = _delete(_model("leerwerktaken.Bestand").objects.filter(
            inlevering__toewijzing__students=student), True)
        driehoek = 0
        for label in ("driehoek.Driehoeksgesprek", "driehoek.Tussenevaluatie",
                      "driehoek.Leerdoel", "driehoek.Actiepunt", "driehoek.Behoefte"):
            driehoek += _delete(_model(label).objects.filter(stage__student=student), True)
        counts["driehoek"] = driehoek
    counts["ontwikkelplannen"] = _delete(_model("begeleiding.Ontwikkelplan").objects.filter(
        student__user=user), True)
    counts["lesobservaties"] = _delete(_model("begeleiding.Lesobservatie").objects.filter(
        student__user=user), True)
    counts["reacties"] = _delete(_model("begeleiding.Reactie").objects.filter(author=user), True)
    # Notes of thanks the person wrote as a student (those for a visit went with the visit)
    # and their own record of professional development.
    _model("begeleiding.Bedankje").objects.filter(student__user=user).delete()
    _model("opleidingsschool.Professionalisering").objects.filter(medewerker__user=user).delete()
    # Registrations that booked hours stay with those hours.
    Aanmelding.objects.filter(user=user, logregel__isnull=True).delete()
    ReadRecord.objects.filter(owner=user).delete()
    _delete(DataExport.objects.filter(user=user), True)
    KalenderFeed.objects.filter(user=user).delete()
    NotificatieVoorkeur.objects.filter(user=user).delete()
    _model("account.EmailAddress").objects.filter(user=user).delete()
    user.first_name = "Verwijderd"
    user.last_name = "account"
    user.email = f"verwijderd-{user.pk}@example.invalid"
    user.is_active = False
    user.ended_at = None  # erased, no longer waiting for the retention job
    user.is_staff = False
    user.set_unusable_password()
    user.save()
    return counts
