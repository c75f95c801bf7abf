"""Who read it (issue 13): begeleiding's records whose opening by someone other than the
student is logged in the core's read log (opleidingsschool.privacy.readlog)."""

from __future__ import annotations

from opleidingsschool.models import ReadKind
from opleidingsschool.privacy.readlog import record_read, record_reads
from opleidingsschool.urlmemo import reverse


def record_ontwikkelplan_read(user, plan, student) -> None:
    """A mentor opened the student's development plan (one insert; none for the student)."""
    if plan is None:
        return
    record_read(
        reader=user, owner_id=student.user_id, kind=ReadKind.ONTWIKKELPLAN, obj=plan,
        label=plan.schooljaar.name,
        url=reverse("begeleiding:ontwikkelplan_student", args=[student.uuid]),
    )


def record_klikcheck_reads(user, klikchecks) -> None:
    """Rapport checks shown with their comments (the schoolopleider's signals). One insert."""
    record_reads(reader=user, kind=ReadKind.KLIKCHECK, rows=[
        (check.begeleider.stage.student.user_id, check,
         f"{check.begeleider.medewerker} ({check.period_start:%d-%m-%Y})", "")
        for check in klikchecks
    ])
