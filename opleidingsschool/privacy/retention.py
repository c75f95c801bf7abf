"""How long records are kept (issue 13): a period per kind of record after the placement
(or the school year) it belongs to has ended, or after a coordinator ended the account,
from settings.PRIVACY_RETENTION_DAYS (documented in the README and shown on the privacy
page).

A daily beat job (tasks.task_apply_retention) deletes or anonymises what is past its
period; `plan()` is the same work counted, not done: the coordinator's dry run. Experience
hours are never deleted: a day-log entry past its period loses what the student wrote, its
date, activity and hours stay for the diploma. A plan for the day follows the day log of its
placement (its text emptied); a note of thanks follows the student's records (for a
mentoring: that placement's; for a classroom visit: the visit). Reads of a deleted record
go with it. An account past its period is erased as on request (erasure.erase_account), hours kept; an
active account is never touched.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import DataExport, ReadRecord, Student, User


def _model(label: str):
    return apps.get_model(label)


def cutoff(kind: str, today: datetime.date) -> datetime.date:
    """Records of `kind` whose placement ended before this date are past their period."""
    return today - datetime.timedelta(days=settings.PRIVACY_RETENTION_DAYS[kind])


def _ended_students(before: datetime.date):
    """Students whose last placement ended before `before` (none running or to come)."""
    return Student.objects.annotate(last_end=Max("stages__end_date")).filter(
        last_end__lt=before
    ).values("pk")


def _forget_reads(queryset) -> None:
    label = queryset.model._meta.label_lower
    keys = [f"{label}:{pk}" for pk in queryset.values_list("pk", flat=True)]
    ReadRecord.objects.filter(subject_key__in=keys).delete()


def _delete(queryset, apply: bool) -> int:
    count = queryset.count()
    if apply and count:
        _forget_reads(queryset)
        for model_field in queryset.model._meta.concrete_fields:
            if model_field.get_internal_type() == "FileField":
                for obj in queryset.only("pk", model_field.name):
                    getattr(obj, model_field.name).delete(save=False)
        queryset.delete()
    return count


def _logboek(today, apply):
    entries = _model("begeleiding.Logregel").objects.filter(
        stage__end_date__lt=cutoff("logboek", today)
    ).exclude(done="", learned="")
    count = entries.count()
    if apply and count:
        entries.update(done="", learned="")
    return count


def _dagplannen(today, apply):
    # A plan for the day goes with the day log of its placement: its text is emptied, the
    # date and activity stay like the day-log entry the group round made of it.
    plans = _model("begeleiding.Dagplan").objects.filter(
        stage__end_date__lt=cutoff("logboek", today)
    ).exclude(text="")
    count = plans.count()
    if apply and count:
        plans.update(text="")
    return count


def _bedankjes(today, apply):
    # A note of thanks for a mentoring goes when that placement's records go; one for a
    # classroom visit goes with the visit (the leervragen rule: the student's last placement).
    # Counted here before the leervragen rule deletes the visits, so plan and apply agree.
    before = cutoff("leervragen", today)
    return _delete(_model("begeleiding.Bedankje").objects.filter(
        Q(begeleider__stage__end_date__lt=before)
        | Q(lesbezoek__student__in=_ended_students(before))
    ), apply)


def _leervragen(today, apply):
    ended = _ended_students(cutoff("leervragen", today))
    count = _delete(_model("begeleiding.Leervraag").objects.filter(student__in=ended), apply)
    return count + _delete(
        _model("begeleiding.Lesbezoek").objects.filter(student__in=ended), apply
    )


def _klikchecks(today, apply):
    return _delete(_model("begeleiding.Klikcheck").objects.filter(
        begeleider__stage__end_date__lt=cutoff("klikchecks", today)), apply)


def _ontwikkelplannen(today, apply):
    before = cutoff("ontwikkelplannen", today)
    # Lesson observations go with the plans of their school year (1 August to 31 July).
    last_year_end = datetime.date(before.year if before.month >= 8 else before.year - 1, 7, 31)
    return _delete(_model("begeleiding.Ontwikkelplan").objects.filter(
        schooljaar__end_date__lt=before), apply) + _delete(
        _model("begeleiding.Lesobservatie").objects.filter(date__lte=last_year_end), apply)


def _driehoek(today, apply):
    before = cutoff("driehoek", today)
    count = 0
    for label in ("driehoek.Driehoeksgesprek", "driehoek.Tussenevaluatie",
                  "driehoek.Leerdoel", "driehoek.Actiepunt", "driehoek.Behoefte"):
        count += _delete(_model(label).objects.filter(stage__end_date__lt=before), apply)
    return count


def _inleveringen(today, apply):
    ended = _ended_students(cutoff("inleveringen", today))
    inleveringen = _model("leerwerktaken.Inlevering").objects.filter(
        toewijzing__students__in=ended
    ).exclude(toewijzing__students__in=Student.objects.exclude(pk__in=ended)).distinct()
    files = _model("leerwerktaken.Bestand").objects.filter(inlevering__in=inleveringen)
    return _delete(files, apply) + _delete(
        _model("leerwerktaken.Inlevering").objects.filter(pk__in=inleveringen.values("pk")),
        apply,
    )


def _since(day: datetime.date) -> datetime.datetime:
    """The start of `day` in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _wijzigingen(today, apply):
    from auditlog.models import LogEntry

    return _delete(LogEntry.objects.filter(timestamp__lt=_since(cutoff("wijzigingen", today))),
                   apply)


def ended_accounts(today: datetime.date):
    """Accounts a coordinator ended before the start of the cutoff day; never an active one
    (reopening clears `ended_at`, erasing too, so nothing is erased twice)."""
    return User.objects.filter(
        is_active=False, ended_at__isnull=False, ended_at__lt=_since(cutoff("accounts", today))
    )


def erased_on(ended_at: datetime.datetime) -> datetime.date:
    """The day the nightly job erases an account ended at `ended_at` (if not reopened)."""
    days = settings.PRIVACY_RETENTION_DAYS["accounts"]
    return timezone.localdate(ended_at) + datetime.timedelta(days=days + 1)


def _accounts(today, apply):
    from .erasure import erase_account  # erasure builds on this module's _delete

    accounts = ended_accounts(today)
    count = accounts.count()
    if apply and count:
        for user in accounts.order_by("pk").iterator():
            erase_account(user=user)
    return count


def _exports(today, apply):
    since = timezone.now() - datetime.timedelta(hours=settings.PRIVACY_EXPORT_LINK_HOURS)
    return _delete(DataExport.objects.filter(requested_at__lt=since), apply)


@dataclass(frozen=True)
class Rule:
    kind: str
    label: str
    after: str  # what the period counts from
    action: str
    run: Callable[[datetime.date, bool], int]
    period: str = ""  # the kind whose period in settings applies, when not its own

    @property
    def days(self) -> int:
        return settings.PRIVACY_RETENTION_DAYS[self.period or self.kind]


RULES = [
    Rule("logboek", _("What students wrote in their day log"), _("after the placement ends"),
         _("emptied; date, activity and hours stay for the diploma"), _logboek),
    Rule("dagplannen", _("What students wrote in their plans for the day"),
         _("after the placement ends"), _("emptied; date and activity stay"), _dagplannen,
         period="logboek"),
    Rule("bedankjes", _("Notes of thanks to colleagues"),
         _("after the placement ends (for a classroom visit: with the visit)"), _("deleted"),
         _bedankjes, period="leervragen"),
    Rule("leervragen", _("Learning questions, comments and classroom visits"),
         _("after the student's last placement ends"), _("deleted"), _leervragen),
    Rule("klikchecks", _("Rapport checks"), _("after the placement ends"), _("deleted"),
         _klikchecks),
    Rule("ontwikkelplannen", _("Development plans and lesson observations"),
         _("after the school year ends"),
         _("deleted"), _ontwikkelplannen),
    Rule("driehoek", _("Triangle meetings with notes, goals, actions and interim evaluations"),
         _("after the placement ends"), _("deleted"), _driehoek),
    Rule("inleveringen", _("Submissions and their files"),
         _("after the student's last placement ends"), _("deleted"), _inleveringen),
    Rule("wijzigingen", _("History of changes to records"), _("after the change"),
         _("deleted"), _wijzigingen),
    Rule("accounts", _("Accounts a coordinator has ended, with everything about the person"),
         _("after the account was ended"),
         _("deleted; a student's experience hours stay for the diploma"), _accounts),
]


@dataclass(frozen=True)
class Planned:
    rule: Rule
    days: int
    cutoff: datetime.date
    count: int


def plan(today: datetime.date | None = None) -> list[Planned]:
    """The dry run: per kind, how many records the next run deletes or empties."""
    today = today or timezone.localdate()
    return [
        Planned(rule, rule.days, cutoff(rule.period or rule.kind, today),
                rule.run(today, False))
        for rule in RULES
    ]


@transaction.atomic
def apply(today: datetime.date | None = None) -> dict[str, int]:
    """Delete or empty everything past its period; per kind, how many records."""
    today = today or timezone.localdate()
    done = {rule.kind: rule.run(today, True) for rule in RULES}
    done["exports"] = _exports(today, True)
    return done


def periods() -> list[dict]:
    """The periods for the privacy page, in days and roughly in years or months."""
    result = []
    for rule in RULES:
        days = rule.days
        result.append({"rule": rule, "days": days, "years": round(days / 365, 1)})
    return result


