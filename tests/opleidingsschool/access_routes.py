"""Access rows for the core's own pages (see tests/routes.py)."""

from tests.factories import ExpertiseFactory
from tests.routes import EVERYONE, Route

STUDENT_VIEWERS = frozenset(
    {"student", "wpb", "schoolopleider", "instituutsopleider", "extra_mentor"}
)

ROUTES = [
    Route("home", EVERYONE),
    Route("profile", EVERYONE),
    Route("student_list", EVERYONE),
    Route(
        "student_detail", STUDENT_VIEWERS,
        kwargs=lambda personas: {"uuid": personas.student.uuid},
    ),
    Route("theme_css", EVERYONE, public=True),
    Route("signalen", {"schoolopleider"}),
]

# Partnership management (opleidingsschool/partnerschap): coordinators only.
COORDINATOR = frozenset({"coordinator"})
PARTNERSCHAP_ROUTES = [
    Route("partnerschap:index", COORDINATOR),
    *(
        Route(f"partnerschap:{name}_{action}", COORDINATOR)
        for name in ("school", "instituut", "opleiding", "schooljaar", "expertise",
                     "medewerker", "student", "starter", "stage")
        for action in ("list", "create")
    ),
    *(
        Route(f"partnerschap:{name}_{action}", COORDINATOR, kwargs=kwargs)
        for name, kwargs in (
            ("school", lambda personas: {"uuid": personas.other_school.uuid}),
            ("instituut", lambda personas: {"uuid": personas.instituut.uuid}),
            ("opleiding", lambda personas: {"uuid": personas.student.opleiding.uuid}),
            ("schooljaar", lambda personas: {"pk": personas.schooljaar.pk}),
            ("expertise", lambda personas: {"pk": ExpertiseFactory(name="klassenmanagement").pk}),
        )
        for action in ("edit", "delete")
    ),
    *(
        Route(f"partnerschap:{name}_edit", COORDINATOR, kwargs=kwargs)
        for name, kwargs in (
            ("medewerker", lambda personas: {"uuid": personas.wpb.uuid}),
            ("student", lambda personas: {"uuid": personas.student.uuid}),
            ("starter", lambda personas: {"uuid": personas.starter.uuid}),
            ("stage", lambda personas: {"uuid": personas.stage.uuid}),
        )
    ),
    Route("partnerschap:medewerker_detail", COORDINATOR,
          kwargs=lambda personas: {"uuid": personas.wpb.uuid}),
    Route("partnerschap:stage_detail", COORDINATOR,
          kwargs=lambda personas: {"uuid": personas.stage.uuid}),
    # "Send the invitation again" is a POST button: a GET is 405 for the coordinator.
    *(
        Route(f"partnerschap:{name}_resend", COORDINATOR, kwargs=kwargs,
              expect={"coordinator": 405})
        for name, kwargs in (
            ("medewerker", lambda personas: {"uuid": personas.wpb.uuid}),
            ("student", lambda personas: {"uuid": personas.student.uuid}),
            ("starter", lambda personas: {"uuid": personas.starter.uuid}),
        )
    ),
]

ROUTES += PARTNERSCHAP_ROUTES
