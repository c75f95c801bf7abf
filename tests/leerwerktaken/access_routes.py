"""Access rows for the curriculum's pages (see tests/routes.py). The outcomes, tasks and
building blocks made here belong to the first partnership: the second partnership's
coordinator has their own lists and create pages, and gets a 404 for these."""

import tempfile

from django.core.files.base import ContentFile
from django.test import override_settings

from tests import factories
from tests.routes import COORDINATORS, EVERYONE, Route

# Students, starters (their learning record, issue 15) and staff members see the shared
# curriculum; the outsider does not.
VIEWERS = EVERYONE - {"outsider"}
# Who sees the personal work of `personas.student` (the access layer's answer).
STUDENT_VIEWERS = frozenset(
    {"student", "wpb", "schoolopleider", "instituutsopleider", "extra_mentor"}
)
# The triangle gives feedback and completes work; the student and an extra mentor only read.
REVIEWERS = frozenset({"wpb", "schoolopleider", "instituutsopleider"})
COORDINATOR = frozenset({"coordinator"})
# What the first partnership's people see of its curriculum (not the second's coordinator).
FIRST_VIEWERS = VIEWERS - {"other_coordinator"}


def _outcome(personas):
    return {"uuid": factories.LeeruitkomstFactory(code="ACC-1").uuid}


def _task(personas):
    return {"uuid": factories.LeerwerktaakFactory().uuid}


def _toewijzing(personas):
    return factories.ToewijzingFactory(students=[personas.student], inlevering__status="handed_in")


def _bestand(personas):
    # The file must exist on disk for a 200; keep it out of the real MEDIA_ROOT. The override
    # stays active for the rest of this test process, which only moves uploads to a temp dir.
    override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="lwt-access-")).enable()
    toewijzing = _toewijzing(personas)
    bestand = factories.BestandFactory(
        inlevering=toewijzing.inlevering, file=ContentFile(b"%PDF-1.4", name="verslag.pdf")
    )
    return {"uuid": bestand.uuid}


ROUTES = [
    Route("leerwerktaken:index", VIEWERS, expect={p: 302 for p in VIEWERS}),
    Route("leerwerktaken:leeruitkomst_list", VIEWERS),
    Route("leerwerktaken:leeruitkomst_create", COORDINATORS),
    Route("leerwerktaken:leeruitkomst_detail", FIRST_VIEWERS, kwargs=_outcome),
    Route("leerwerktaken:leeruitkomst_update", COORDINATOR, kwargs=_outcome),
    Route("leerwerktaken:invulling_list", frozenset({"schoolopleider"})),
    Route(
        "leerwerktaken:invulling_edit", frozenset({"schoolopleider"}), kwargs=_outcome,
        expect={p: 403 for p in FIRST_VIEWERS - {"schoolopleider"}},
    ),
    Route("leerwerktaken:leerwerktaak_list", VIEWERS),
    Route("leerwerktaken:leerwerktaak_create", COORDINATORS),
    Route("leerwerktaken:leerwerktaak_detail", FIRST_VIEWERS, kwargs=_task),
    Route("leerwerktaken:leerwerktaak_update", COORDINATOR, kwargs=_task),
    Route("leerwerktaken:toewijzing_create", COORDINATOR, kwargs=_task),
    Route("leerwerktaken:toewijzing_list", VIEWERS),
    Route(
        "leerwerktaken:toewijzing_detail", STUDENT_VIEWERS,
        kwargs=lambda personas: {"uuid": _toewijzing(personas).uuid},
    ),
    Route(
        "leerwerktaken:feedback_create", REVIEWERS,
        kwargs=lambda personas: {"uuid": _toewijzing(personas).uuid},
        expect={"student": 403, "extra_mentor": 403},
    ),
    Route(
        "leerwerktaken:toewijzing_complete", REVIEWERS,
        kwargs=lambda personas: {"uuid": _toewijzing(personas).uuid},
        expect={"student": 403, "extra_mentor": 403},
    ),
    Route("leerwerktaken:bestand_download", STUDENT_VIEWERS, kwargs=_bestand),
    # Removing a file is a POST; a GET by someone who sees it goes back to the submission.
    Route(
        "leerwerktaken:bestand_delete", STUDENT_VIEWERS, kwargs=_bestand,
        expect={p: 302 for p in STUDENT_VIEWERS},
    ),
    Route("leerwerktaken:progress", VIEWERS),
    Route(
        "leerwerktaken:student_evidence", STUDENT_VIEWERS,
        kwargs=lambda personas: {"uuid": personas.student.uuid},
    ),
    Route("leerwerktaken:coverage", COORDINATORS),
    Route("leerwerktaken:bouwsteen_list", VIEWERS),
    Route("leerwerktaken:bouwsteen_create", COORDINATORS),
    Route(
        "leerwerktaken:bouwsteen_update", COORDINATOR,
        kwargs=lambda personas: {"uuid": factories.CurriculumbouwsteenFactory().uuid},
    ),
]

# A starter's evidence (issue 15) carries over into the induction: the starter, their
# induction coach (the docent) and the schoolopleider of the school see it.
def _coached_starter_uuid(personas):
    from tests.opleidingsschool.access_routes import coached_starter

    return {"uuid": coached_starter(personas).user.student.uuid}


ROUTES += [
    Route("leerwerktaken:student_evidence", frozenset({"starter", "docent", "schoolopleider"}),
          kwargs=_coached_starter_uuid),
]
