"""Access rows for what a student marked "only me" (issue 13): the same pages as begeleiding's
rows, but a private learning question exists for its student alone; a private day-log
entry stays reachable as before (its hours must be confirmable)."""

from begeleiding.models import Visibility
from tests import factories
from tests.conftest import PERSONA_NAMES
from tests.routes import COORDINATORS, Route

MENTORS = frozenset({"wpb", "schoolopleider", "instituutsopleider", "extra_mentor"})


def _private_leervraag(personas):
    return factories.LeervraagFactory(student=personas.student, visibility=Visibility.PRIVATE)


def _private_logregel(personas):
    return factories.LogregelFactory(stage=personas.stage, visibility=Visibility.PRIVATE)


def _uuid(make):
    return lambda personas: {"uuid": make(personas).uuid}


ROUTES = [
    Route("begeleiding:leervraag_detail", {"student"}, kwargs=_uuid(_private_leervraag)),
    Route("begeleiding:leervraag_edit", {"student"}, kwargs=_uuid(_private_leervraag)),
    Route("begeleiding:leervraag_answer", {"student"}, kwargs=_uuid(_private_leervraag)),
    Route("begeleiding:leervraag_suggestions", {"student"}, kwargs=_uuid(_private_leervraag)),
    Route("begeleiding:logregel_edit", {"student"}, kwargs=_uuid(_private_logregel),
          expect={persona: 403 for persona in MENTORS}),
    Route("begeleiding:logboek_student", {"student"} | MENTORS,
          kwargs=lambda personas: {"uuid": _private_logregel(personas).student.uuid}),
]


# The privacy pages (opleidingsschool/privacy/urls.py).
EVERYONE_LOGGED_IN = frozenset(PERSONA_NAMES)


def _export_token(personas):
    from django.core.files.base import ContentFile

    from opleidingsschool.models import DataExport, ExportStatus
    from opleidingsschool.privacy import services

    data_export = DataExport.objects.create(user=personas.student.user, status=ExportStatus.READY)
    data_export.file.save("test.zip", ContentFile(b"PK"), save=True)
    return {"token": services.download_token(data_export)}


ROUTES += [
    Route("privacy:page", EVERYONE_LOGGED_IN, public=True),
    Route("privacy:my_data", EVERYONE_LOGGED_IN),
    Route("privacy:my_data_json", EVERYONE_LOGGED_IN),
    Route("privacy:dossier", EVERYONE_LOGGED_IN),
    Route("privacy:export_request", frozenset(), expect={p: 405 for p in PERSONA_NAMES}),
    Route("privacy:export_download", {"student"}, kwargs=_export_token),
    Route("privacy:reads", EVERYONE_LOGGED_IN),
    # Each coordinator: the reads and accounts of their own partnership's people.
    Route("privacy:read_log", COORDINATORS),
    Route("privacy:retention", COORDINATORS),
]

ROUTES += [Route("privacy:erase", COORDINATORS)]
