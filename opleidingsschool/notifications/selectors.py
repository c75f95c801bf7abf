"""The mail log: what the outbox did, per kind of mail about one thing, and per person."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from opleidingsschool.models import Herinnering, HerinneringStatus, SkipReason, User

from .registry import Subject, label_for, subjects_for

ERRORS_SHOWN = 20


@dataclass
class KindLine:
    """One kind of mail about one thing: how many were sent, wait, were skipped or failed."""

    label: str
    sent: int = 0
    pending: int = 0
    failed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


@dataclass
class MailLog:
    lines: list[KindLine]
    errors: list[Herinnering]


def mail_log(subject_key: str) -> MailLog:
    """Counts per kind and status for one thing (a session, a meeting), and the errors of
    the mails that failed or wait for another try. Two queries, whatever the number."""
    lines: dict[str, KindLine] = {}
    reasons = dict(SkipReason.choices)
    counts = (
        Herinnering.objects.filter(subject_key=subject_key)
        .values_list("kind", "status", "reason")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for kind, status, reason, count in counts:
        label = label_for(subject_key, kind)
        line = lines.setdefault(label, KindLine(label=label))
        if status == HerinneringStatus.SENT:
            line.sent += count
        elif status == HerinneringStatus.FAILED:
            line.failed += count
        elif status == HerinneringStatus.SKIPPED:
            name = str(reasons.get(reason, reasons[SkipReason.GONE]))
            line.skipped[name] = line.skipped.get(name, 0) + count
        else:
            line.pending += count
    errors = list(
        Herinnering.objects.filter(subject_key=subject_key)
        .exclude(last_error="")
        .exclude(status=HerinneringStatus.SENT)
        .select_related("user")
        .order_by("-claimed_at", "-pk")[:ERRORS_SHOWN]
    )
    for row in errors:
        row.label = label_for(subject_key, row.kind)
    return MailLog(lines=sorted(lines.values(), key=lambda line: line.label), errors=errors)


def mails_of(user: User):
    """The person's own mails, newest first (a queryset to paginate); each gets `label`."""
    return Herinnering.objects.filter(user=user).select_related("bijeenkomst").order_by(
        "-created_at", "-pk"
    )


def label_rows(rows) -> list[Herinnering]:
    """Each row gets `label` (the kind of mail) and `subject` (what it is about, with a link):
    a session from the row itself, anything else from its source, one query per source."""
    rows = list(rows)
    subjects = subjects_for(row.subject_key for row in rows if row.bijeenkomst_id is None)
    for row in rows:
        row.label = label_for(row.subject_key, row.kind)
        if row.bijeenkomst_id is not None:
            row.subject = Subject(row.bijeenkomst.title, row.bijeenkomst.get_absolute_url())
        else:
            row.subject = subjects.get(row.subject_key)
    return rows
