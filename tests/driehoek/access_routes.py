"""Access rows for the triangle (see tests/routes.py): its pages are for the student and the
placement's formal mentors (here the wpb and the instituutsopleider). The school's
schoolopleider without a Begeleider row, the extra mentor and the coordinator get 404."""

from tests import factories
from tests.routes import COORDINATORS, EVERYONE, Route

TRIANGLE = frozenset({"student", "wpb", "instituutsopleider"})
SUPERVISORS_ONLY = {"student": 403}  # a member who may read but not change: 403
POST_ONLY = {persona: 405 for persona in TRIANGLE}


def _stage(personas):
    return {"uuid": personas.stage.uuid}


def _gesprek(personas):
    gesprek = factories.DriehoeksgesprekFactory(
        stage=personas.stage,
        deelnemers=[personas.student.user, personas.wpb.user, personas.instituutsopleider.user],
    )
    return {"uuid": gesprek.uuid}


def _leerdoel(personas):
    return {"uuid": factories.LeerdoelFactory(stage=personas.stage).uuid}


def _actiepunt(personas):
    return {"uuid": factories.ActiepuntFactory(stage=personas.stage,
                                               owner=personas.wpb.user).uuid}


def _behoefte(personas):
    return {"uuid": factories.BehoefteFactory(stage=personas.stage).uuid}


def _shared_evaluation(personas):
    from django.utils import timezone

    oordeel = factories.OordeelFactory(
        tussenevaluatie__stage=personas.stage, tussenevaluatie__shared_at=timezone.now()
    )
    return {"uuid": oordeel.tussenevaluatie.uuid}


ROUTES = [
    Route("driehoek:index", EVERYONE),
    Route("driehoek:behoeften", COORDINATORS),  # each their own partnership's needs
    Route("driehoek:stage", TRIANGLE, kwargs=_stage),
    Route("driehoek:stage_print", TRIANGLE, kwargs=_stage),
    Route("driehoek:gesprek_create", TRIANGLE, kwargs=_stage),
    *(
        Route(f"driehoek:{name}", TRIANGLE, kwargs=_stage, expect=SUPERVISORS_ONLY)
        for name in ("leerdoel_create", "actiepunt_create", "behoefte_create",
                     "tussenevaluatie_create")
    ),
    *(
        Route(f"driehoek:{name}", TRIANGLE, kwargs=_gesprek)
        for name in ("gesprek_detail", "gesprek_ics", "gesprek_print", "gesprek_edit",
                     "gesprek_cancel")
    ),
    Route("driehoek:gesprek_notes", TRIANGLE, kwargs=_gesprek, expect=SUPERVISORS_ONLY),
    *(
        Route(f"driehoek:{name}", TRIANGLE, kwargs=_gesprek, expect=POST_ONLY)
        for name in ("gesprek_share", "gesprek_agree", "addendum_create")
    ),
    Route("driehoek:leerdoel_edit", TRIANGLE, kwargs=_leerdoel, expect=SUPERVISORS_ONLY),
    Route("driehoek:actiepunt_edit", TRIANGLE, kwargs=_actiepunt, expect=SUPERVISORS_ONLY),
    Route("driehoek:actiepunt_done", TRIANGLE, kwargs=_actiepunt, expect=POST_ONLY),
    Route("driehoek:behoefte_edit", TRIANGLE, kwargs=_behoefte, expect=SUPERVISORS_ONLY),
    Route("driehoek:tussenevaluatie_detail", TRIANGLE, kwargs=_shared_evaluation),
    Route("driehoek:tussenevaluatie_edit", TRIANGLE, kwargs=_shared_evaluation,
          expect=SUPERVISORS_ONLY),
    Route("driehoek:tussenevaluatie_share", TRIANGLE, kwargs=_shared_evaluation,
          expect=POST_ONLY),
]
