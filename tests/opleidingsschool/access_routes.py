"""Access rows for the core's own pages (see tests/routes.py)."""

import datetime

from django.utils import timezone

from opleidingsschool.models import Vakantie, VrijeDag
from opleidingsschool.services import end_account
from tests import factories
from tests.factories import ExpertiseFactory
from tests.routes import COORDINATORS, EVERYONE, Route

STUDENT_VIEWERS = frozenset(
    {"student", "wpb", "schoolopleider", "instituutsopleider", "extra_mentor"}
)

def _staff_rows():
    """An uploaded staff list with one new colleague."""
    return [{"row": 2, "cells": {
        "email": "nieuw@example.org", "first_name": "Nina", "last_name": "Nieuw",
        "school": "Het Testlyceum", "instituut": "", "functies": "werkplekbegeleider",
        "expertise": "",
    }}]


def _placement_rows(personas):
    """An uploaded placements list with one new placement (the other student at `school`)."""
    return [{"row": 2, "cells": {
        "student": "otto@example.org", "school": "Het Testlyceum",
        "schooljaar": personas.schooljaar.name, "start_date": "", "end_date": "",
        "werkplekbegeleider": "wim@example.org", "schoolopleider": "",
        "instituutsopleider": "", "schooldagen": "ma, di",
    }}]


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


def coached_starter(personas):
    """The starter persona with the docent as induction coach (issue 15): who sees their
    learning record is the walk's question for every persona."""
    from opleidingsschool.services import set_coach

    set_coach(stage=personas.starter.user.student.stages.get(), coach=personas.docent)
    return personas.starter


# A starter (issue 15): their own learning record, their coach and the schoolopleider of
# their school (every starter in induction there) see it; nobody else. The coach is chosen by
# the coordinator of the partnership and the schoolopleider of the school.
STARTER_VIEWERS = frozenset({"starter", "docent", "schoolopleider"})
ROUTES += [
    Route("student_detail", STARTER_VIEWERS,
          kwargs=lambda personas: {"uuid": coached_starter(personas).user.student.uuid}),
    Route("inductie_coach", {"coordinator", "schoolopleider"},
          kwargs=lambda personas: {"uuid": coached_starter(personas).uuid}),
]

# Partnership management (opleidingsschool/partnerschap): coordinators only. Each
# coordinator gets the lists and new-object forms of their own partnership; the objects of
# the personas are the first partnership's, so its coordinator alone opens their pages (the
# second partnership's gets a 404). School years, expertise tags and the national school
# holidays are shared by every partnership: both coordinators open them.
COORDINATOR = frozenset({"coordinator"})
PARTNERSCHAP_ROUTES = [
    Route("partnerschap:index", COORDINATORS),
    *(
        Route(f"partnerschap:{name}_{action}", COORDINATORS)
        for name in ("school", "instituut", "opleiding", "schooljaar", "expertise",
                     "medewerker", "student", "starter", "stage", "vakantie", "vrijedag")
        for action in ("list", "create")
    ),
    *(
        Route(f"partnerschap:{name}_{action}", COORDINATOR, kwargs=kwargs)
        for name, kwargs in (
            ("school", lambda personas: {"uuid": personas.other_school.uuid}),
            ("instituut", lambda personas: {"uuid": personas.instituut.uuid}),
            ("opleiding", lambda personas: {"uuid": personas.student.opleiding.uuid}),
            # get_or_create: the edit and delete rows may be built in one transaction.
            ("vrijedag", lambda personas: {"pk": VrijeDag.objects.get_or_create(
                school=personas.school, date=datetime.date(2030, 11, 13),
                defaults={"reason": "studiedag"})[0].pk}),
        )
        for action in ("edit", "delete")
    ),
    *(
        Route(f"partnerschap:{name}_{action}", COORDINATORS, kwargs=kwargs)
        for name, kwargs in (
            ("schooljaar", lambda personas: {"pk": personas.schooljaar.pk}),
            ("expertise", lambda personas: {"pk": ExpertiseFactory(name="klassenmanagement").pk}),
            ("vakantie", lambda personas: {"pk": Vakantie.objects.create(
                name="Kerstvakantie", start_date=datetime.date(2030, 12, 21),
                end_date=datetime.date(2031, 1, 5)).pk}),
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
    # A graduating student becomes a starter (issue 15): the form, then a confirmation.
    Route("partnerschap:student_to_starter", COORDINATOR,
          kwargs=lambda personas: {"uuid": personas.student.uuid}),
    Route("partnerschap:stage_detail", COORDINATOR,
          kwargs=lambda personas: {"uuid": personas.stage.uuid}),
    # Importing and exporting the students list (issue 11); an upload is its coordinator's,
    # in their partnership. The upload, template and export are each partnership's own.
    Route("partnerschap:student_import", COORDINATORS),
    *(
        Route(name, COORDINATORS, kwargs=lambda personas, fmt=fmt: {"fmt": fmt})
        for name in ("partnerschap:student_import_template", "partnerschap:student_export")
        for fmt in ("csv", "xlsx")
    ),
    Route("partnerschap:student_import_preview", COORDINATOR, kwargs=lambda personas: {
        "uuid": factories.ImportBatchFactory(created_by=personas.coordinator.user).uuid}),
    Route("partnerschap:student_import_result", COORDINATOR, kwargs=lambda personas: {
        "uuid": factories.ImportBatchFactory(
            created_by=personas.coordinator.user, applied_at=timezone.now(),
            result={"new": 1, "changed": 0, "unchanged": 0, "new_user_ids": [
                factories.StudentFactory(user__email="nina@example.org").user_id]},
        ).uuid}),
    # The staff and placements lists the same way.
    *(
        Route(f"partnerschap:{name}", COORDINATORS)
        for name in ("medewerker_import", "stage_import")
    ),
    *(
        Route(f"partnerschap:{name}", COORDINATORS, kwargs=lambda personas, fmt=fmt: {"fmt": fmt})
        for name in ("medewerker_import_template", "medewerker_export", "stage_import_template",
                     "stage_export")
        for fmt in ("csv", "xlsx")
    ),
    Route("partnerschap:medewerker_import_preview", COORDINATOR, kwargs=lambda personas: {
        "uuid": factories.ImportBatchFactory(
            kind="medewerkers", created_by=personas.coordinator.user, rows=_staff_rows()).uuid}),
    Route("partnerschap:medewerker_import_result", COORDINATOR, kwargs=lambda personas: {
        "uuid": factories.ImportBatchFactory(
            kind="medewerkers", created_by=personas.coordinator.user, rows=_staff_rows(),
            applied_at=timezone.now(),
            result={"new": 1, "changed": 0, "unchanged": 0, "new_user_ids": [
                factories.MedewerkerFactory(user__email="nina@example.org").user_id]},
        ).uuid}),
    Route("partnerschap:stage_import_preview", COORDINATOR, kwargs=lambda personas: {
        "uuid": factories.ImportBatchFactory(
            kind="stages", created_by=personas.coordinator.user,
            rows=_placement_rows(personas)).uuid}),
    Route("partnerschap:stage_import_result", COORDINATOR, kwargs=lambda personas: {
        "uuid": factories.ImportBatchFactory(
            kind="stages", created_by=personas.coordinator.user,
            rows=_placement_rows(personas), applied_at=timezone.now(),
            result={"new": 1, "changed": 0, "unchanged": 0, "new_user_ids": []},
        ).uuid}),
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



def _ended(make):
    """The URL kwargs of a person whose account the coordinator ended: not one of the
    personas, who must still log in for the walk."""

    def kwargs(personas):
        person = make()
        end_account(user=person.user, by=personas.coordinator.user)
        return {"uuid": person.uuid}

    return kwargs


# Ending an account (issue 13): a confirmation page, then a POST; reopening is a POST button
# on the person's page, so a GET is 405 for the coordinator. Everyone else: 404.
PARTNERSCHAP_ROUTES += [
    *(
        Route(f"partnerschap:{name}_end", COORDINATOR, kwargs=kwargs)
        for name, kwargs in (
            ("medewerker", lambda personas: {"uuid": personas.wpb.uuid}),
            ("student", lambda personas: {"uuid": personas.student.uuid}),
            ("starter", lambda personas: {"uuid": personas.starter.uuid}),
        )
    ),
    *(
        Route(f"partnerschap:{name}_reopen", COORDINATOR, kwargs=_ended(make),
              expect={"coordinator": 405})
        for name, make in (
            ("medewerker", factories.MedewerkerFactory),
            ("student", factories.StudentFactory),
            ("starter", factories.StarterFactory),
        )
    ),
]

ROUTES += PARTNERSCHAP_ROUTES

# The partnership at a glance (issue 11): each coordinator their own partnership's numbers,
# lists and thresholds; low rapport is counted, never listed (a 404 for everyone).
from tests.routes import COORDINATORS  # noqa: E402  (kept beside its rows)

ROUTES += [
    Route("partnerschap:overzicht", COORDINATORS),
    Route("partnerschap:drempels", COORDINATORS),
    Route("partnerschap:signal_list", COORDINATORS, kwargs=lambda personas: {"key": "plaatsingen"}),
    Route("partnerschap:signal_list", frozenset(), kwargs=lambda personas: {"key": "klik-laag"}),
    Route("partnerschap:signal_export", COORDINATORS,
          kwargs=lambda personas: {"key": "uren-onbevestigd"}),
]

# Recognition of the colleagues who train (issue 15): every staff member opens their own
# page; the schoolopleider the team of their school and each coordinator their partnership's
# overview; a colleague's page opens for the colleague, the schoolopleider of their school and
# the coordinator of their partnership (the second partnership's gets a 404). Only a
# schoolopleider or instituutsopleider records their own development, and changes only it.
STAFF = frozenset({"wpb", "schoolopleider", "instituutsopleider", "extra_mentor", "docent",
                   "other_wpb", "coordinator", "other_coordinator"})
EVERY_POST_ONLY = {persona: 405 for persona in EVERYONE}


def _own_development(personas):
    return {"uuid": factories.ProfessionaliseringFactory(medewerker=personas.schoolopleider).uuid}


ROUTES += [
    Route("erkenning:mine", STAFF),
    Route("erkenning:team", {"schoolopleider", *COORDINATORS}),
    Route("erkenning:colleague", {"wpb", "schoolopleider", "coordinator"},
          kwargs=lambda personas: {"uuid": personas.wpb.uuid}),
    Route("erkenning:professionalisering_create", {"schoolopleider", "instituutsopleider"}),
    Route("erkenning:professionalisering_edit", {"schoolopleider"}, kwargs=_own_development),
    Route("erkenning:professionalisering_delete", frozenset(), kwargs=_own_development,
          expect=EVERY_POST_ONLY),
]
