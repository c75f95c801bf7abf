"""Who read it (issue 13): downloading a submitted file by anyone but its students is logged
in the core's read log, once per student of the submission (a group task has several)."""

from __future__ import annotations

from opleidingsschool.models import ReadKind
from opleidingsschool.privacy.readlog import record_reads


def record_bestand_read(user, bestand) -> None:
    student_user_ids = bestand.inlevering.toewijzing.students.values_list("user_id", flat=True)
    record_reads(reader=user, kind=ReadKind.BESTAND, rows=[
        (user_id, bestand, f"{bestand.original_name} ({bestand.inlevering.toewijzing})", "")
        for user_id in student_user_ids
    ])
