"""Access rows for begeleiding's pages (see tests/routes.py)."""

import datetime

from django.utils import timezone

from begeleiding.models import LesbezoekStatus
from tests import factories
from tests.conftest import PERSONA_NAMES
from tests.routes import COORDINATORS, EVERYONE, Route

STUDENTS = frozenset({"student", "other_student"})
# Whoever has a learning record of their own: students and the starter (issue 15), whose
# learning questions, day log and visits go on through the same pages.
LEARNERS = STUDENTS | {"starter"}
VIEWERS = frozenset({"student", "wpb", "schoolopleider", "instituutsopleider", "extra_mentor"})
MENTORS = VIEWERS - {"student"}
AT_SCHOOL = frozenset({"wpb", "schoolopleider", "extra_mentor", "docent", "other_wpb"})
POST_ONLY = {persona: 405 for persona in PERSONA_NAMES}
NOBODY = frozenset()


def _leervraag(personas):
    return factories.LeervraagFactory(student=personas.student)


def _lesaanbod(personas):
    personas.docent.visitors_welcome = True
    personas.docent.save(update_fields=["visitors_welcome"])
    return factories.LesaanbodFactory(medewerker=personas.docent)


def _visit(personas, **kwargs):
    return factories.LesbezoekFactory(
        student=personas.student, lesaanbod=_lesaanbod(personas), **kwargs
    )


def _held_visit(personas):
    return _visit(personas, status=LesbezoekStatus.ACCEPTED,
                  date=timezone.localdate() - datetime.timedelta(days=1))


def _logregel(personas):
    return factories.LogregelFactory(stage=personas.stage)


def _attended_session(personas):
    return factories.AanmeldingFactory(
        user=personas.student.user, attended=True,
        bijeenkomst__starts_at=timezone.now() - datetime.timedelta(days=1),
        bijeenkomst__experience_hours=2,
    )


def _uuid(make):
    return lambda personas: {"uuid": make(personas).uuid}


ROUTES = [
    Route("begeleiding:leervraag_list", EVERYONE),
    Route("begeleiding:leervraag_create", LEARNERS),
    Route("begeleiding:leervraag_detail", VIEWERS, kwargs=_uuid(_leervraag)),
    Route("begeleiding:leervraag_edit", {"student"}, kwargs=_uuid(_leervraag),
          expect={persona: 403 for persona in MENTORS}),
    Route("begeleiding:leervraag_answer", {"student"}, kwargs=_uuid(_leervraag),
          expect={persona: 403 for persona in MENTORS}),
    Route("begeleiding:leervraag_start", NOBODY, kwargs=_uuid(_leervraag), expect=POST_ONLY),
    Route("begeleiding:leervraag_archive", NOBODY, kwargs=_uuid(_leervraag), expect=POST_ONLY),
    Route("begeleiding:leervraag_comment", NOBODY, kwargs=_uuid(_leervraag), expect=POST_ONLY),
    Route("begeleiding:leervraag_suggestions", VIEWERS, kwargs=_uuid(_leervraag)),
    Route(
        "begeleiding:lesbezoek_request", {"student"},
        kwargs=lambda personas: {"uuid": _leervraag(personas).uuid,
                                 "lesaanbod": _lesaanbod(personas).uuid},
        expect={persona: 403 for persona in MENTORS},
    ),
    Route("begeleiding:logboek", LEARNERS),
    Route("begeleiding:logboek_student", VIEWERS,
          kwargs=lambda personas: {"uuid": personas.student.uuid}),
    Route("begeleiding:logregel_create", LEARNERS),
    Route("begeleiding:logregel_edit", {"student"}, kwargs=_uuid(_logregel),
          expect={persona: 403 for persona in MENTORS}),
    Route("begeleiding:logregel_delete", NOBODY, kwargs=_uuid(_logregel), expect=POST_ONLY),
    Route("begeleiding:logregel_confirm", NOBODY, kwargs=_uuid(_logregel), expect=POST_ONLY),
    Route("begeleiding:aanmelding_hours", NOBODY, kwargs=_uuid(_attended_session),
          expect=POST_ONLY),
    Route("begeleiding:logregel_confirm_list", {"wpb", "other_wpb"}),
    Route("begeleiding:netwerk", LEARNERS),
    Route("begeleiding:begeleider_request", LEARNERS),
    Route(
        "begeleiding:begeleider_roles", {"student", "extra_mentor"},
        kwargs=lambda personas: {
            "uuid": personas.stage.begeleiders.get(medewerker=personas.extra_mentor).uuid
        },
    ),
    Route("begeleiding:klikcheck", LEARNERS),
    Route("begeleiding:mentor_requests", AT_SCHOOL),
    Route(
        "begeleiding:mentor_request_answer", NOBODY, expect=POST_ONLY,
        kwargs=lambda personas: {
            "uuid": personas.stage.begeleiders.get(medewerker=personas.extra_mentor).uuid
        },
    ),
    Route("begeleiding:lesaanbod_list", AT_SCHOOL),
    Route("begeleiding:lesaanbod_create", AT_SCHOOL),
    Route("begeleiding:lesaanbod_edit", {"docent"}, kwargs=_uuid(_lesaanbod)),
    Route("begeleiding:lesaanbod_delete", NOBODY, kwargs=_uuid(_lesaanbod), expect=POST_ONLY),
    Route("begeleiding:lesbezoek_list", LEARNERS),
    Route("begeleiding:bezoekverzoeken", AT_SCHOOL),
    Route("begeleiding:lesbezoek_detail", VIEWERS | {"docent"}, kwargs=_uuid(_visit)),
    Route("begeleiding:lesbezoek_answer", NOBODY, kwargs=_uuid(_visit), expect=POST_ONLY),
    Route("begeleiding:lesbezoek_cancel", NOBODY, kwargs=_uuid(_visit), expect=POST_ONLY),
    Route("begeleiding:lesbezoek_hours", NOBODY, kwargs=_uuid(_held_visit), expect=POST_ONLY),
    Route("begeleiding:lesbezoek_reflect", {"student"}, kwargs=_uuid(_held_visit),
          expect={persona: 403 for persona in MENTORS | {"docent"}}),
    Route("begeleiding:lesbezoek_feedback", {"docent"}, kwargs=_uuid(_held_visit),
          expect={persona: 403 for persona in VIEWERS}),
    Route("begeleiding:vandaag", {"wpb", "schoolopleider", "other_wpb"}),
]

# Development plans: the owner (a student or the starter) writes; a student's active mentors
# (formal and extra, not the schoolopleider of the school alone) read; a starter's, their
# induction coach (issue 15; the rows at the end of this file).
PLAN_OWNERS = STUDENTS | {"starter"}
PLAN_READERS = frozenset({"student", "wpb", "instituutsopleider", "extra_mentor"})


def _ontwikkelpunt(personas):
    return factories.OntwikkelpuntFactory(ontwikkelplan__student=personas.student)


def _starter_ontwikkelpunt(personas):
    return factories.OntwikkelpuntFactory(ontwikkelplan__student=personas.starter.user.student)


ROUTES += [
    Route("begeleiding:ontwikkelplan", PLAN_OWNERS),
    Route("begeleiding:ontwikkelplan_edit", PLAN_OWNERS),
    Route("begeleiding:ontwikkelplan_student", PLAN_READERS,
          kwargs=lambda personas: {"uuid": personas.student.uuid}),
    Route("begeleiding:ontwikkelpunt_create", PLAN_OWNERS),
    Route("begeleiding:ontwikkelpunt_edit", {"student"}, kwargs=_uuid(_ontwikkelpunt),
          expect={persona: 403 for persona in PLAN_READERS - {"student"}}),
    Route("begeleiding:ontwikkelpunt_edit", {"starter"}, kwargs=_uuid(_starter_ontwikkelpunt)),
]


# The school day (issue 14): the day page, the group round and the week are the
# schoolopleider's; the student plans and closes their own day and follows a class; every
# rapport check at the school is the schoolopleider's to read, the student reads their own.
def last_school_day(personas):
    """The latest day up to today on which the personas' student is at school (this walk
    runs on the real date, and a day in the future cannot be closed)."""
    from opleidingsschool.schoolcalendar import is_school_day

    day = timezone.localdate()
    for _back in range(40):
        if is_school_day(personas.stage, day):
            return day
        day -= datetime.timedelta(days=1)
    return timezone.localdate()


def _klikcheck(personas):
    relation = personas.stage.begeleiders.get(medewerker=personas.wpb)
    return factories.KlikcheckFactory(begeleider=relation, score=2)


ROUTES += [
    Route("begeleiding:schooldag", {"schoolopleider"}),
    Route("begeleiding:schooldag_week", {"schoolopleider"}),
    Route("begeleiding:schooldag_datum", {"schoolopleider"},
          kwargs=lambda personas: {"datum": last_school_day(personas).isoformat()}),
    Route("begeleiding:schooldag_close", NOBODY, expect=POST_ONLY,
          kwargs=lambda personas: {"datum": last_school_day(personas).isoformat(),
                                   "uuid": personas.student.uuid}),
    Route("begeleiding:dagplan", STUDENTS),
    Route("begeleiding:dagplan_datum", STUDENTS,
          kwargs=lambda personas: {"datum": last_school_day(personas).isoformat()}),
    Route("begeleiding:klas_volgen", STUDENTS),
    Route("begeleiding:klik_school", {"schoolopleider"}),
    Route("begeleiding:klikafspraak_create", NOBODY, kwargs=_uuid(_klikcheck), expect=POST_ONLY),
    Route("begeleiding:klik_verloop", LEARNERS),
]


# A starter's learning record (issue 15), with the docent as their induction coach: the
# starter, the coach and the schoolopleider of the school see it (the plan: not the
# schoolopleider alone), as a student's mentors see a student's; nobody else, not the
# student's mentors. A colleague hosting the starter's visit sees that visit.
def _coached(personas):
    from tests.opleidingsschool.access_routes import coached_starter

    return coached_starter(personas).user.student


def _starter_leervraag(personas):
    return factories.LeervraagFactory(student=_coached(personas))


def _starter_visit(personas):
    return factories.LesbezoekFactory(
        student=_coached(personas),
        lesaanbod=factories.LesaanbodFactory(medewerker=personas.extra_mentor))


STARTER_VIEWERS = frozenset({"starter", "docent", "schoolopleider"})
ROUTES += [
    Route("begeleiding:leervraag_detail", STARTER_VIEWERS, kwargs=_uuid(_starter_leervraag)),
    Route("begeleiding:leervraag_edit", {"starter"}, kwargs=_uuid(_starter_leervraag),
          expect={"docent": 403, "schoolopleider": 403}),
    Route("begeleiding:logboek_student", STARTER_VIEWERS,
          kwargs=lambda personas: {"uuid": _coached(personas).uuid}),
    Route("begeleiding:ontwikkelplan_student", {"starter", "docent"},
          kwargs=lambda personas: {"uuid": _coached(personas).uuid}),
    Route("begeleiding:lesbezoek_detail", STARTER_VIEWERS | {"extra_mentor"},
          kwargs=_uuid(_starter_visit)),
]


# Lesson observations (issue 15). The observed student reads an observation once it is sent;
# their formal mentors (here the wpb and the instituutsopleider) once the student marked it
# discussed; the observer always. The extra mentor and the schoolopleider of the school read
# only what they observed themselves; coordinators none. Observing: the active mentors.
OBSERVATION_PAGES = frozenset(
    PERSONA_NAMES) - {"coordinator", "other_coordinator", "outsider"}
OBSERVERS = frozenset({"wpb", "instituutsopleider", "extra_mentor"})
OBSERVATION_READERS = frozenset({"student", "wpb", "instituutsopleider", "extra_mentor"})


def _observation(by: str = "wpb", *, sent=True, discussed=False):
    def make(personas):
        now = timezone.now()
        return factories.LesobservatieFactory(
            student=personas.student, observer=personas.user(by),
            sent_at=now if sent else None, discussed_at=now if discussed else None,
        )
    return make


def _domein(personas):
    return factories.default_instrument(personas.student.partnerschap)[0].domein


def _indicator(personas):
    return factories.default_instrument(personas.student.partnerschap)[0]


def _student_uuid(personas):
    return {"uuid": personas.student.uuid}


ROUTES += [
    Route("begeleiding:lesobservatie_list", OBSERVATION_PAGES),
    Route("begeleiding:lesobservatie_student", OBSERVATION_READERS, kwargs=_student_uuid),
    Route("begeleiding:lesobservatie_create", OBSERVERS, kwargs=_student_uuid),
    # The visibility rule, state by state.
    Route("begeleiding:lesobservatie_detail", {"wpb"}, kwargs=_uuid(_observation(sent=False))),
    Route("begeleiding:lesobservatie_detail", {"wpb", "student"}, kwargs=_uuid(_observation())),
    Route("begeleiding:lesobservatie_detail", {"wpb", "student", "instituutsopleider"},
          kwargs=_uuid(_observation(discussed=True))),
    Route("begeleiding:lesobservatie_detail",
          {"extra_mentor", "student", "wpb", "instituutsopleider"},
          kwargs=_uuid(_observation("extra_mentor", discussed=True))),
    Route("begeleiding:lesobservatie_edit", {"wpb"}, kwargs=_uuid(_observation(sent=False))),
    Route("begeleiding:lesobservatie_edit", NOBODY, kwargs=_uuid(_observation()),
          expect={"wpb": 403, "student": 403}),
    Route("begeleiding:lesobservatie_delete", NOBODY, kwargs=_uuid(_observation(sent=False)),
          expect=POST_ONLY),
    Route("begeleiding:lesobservatie_discussed", NOBODY, kwargs=_uuid(_observation()),
          expect=POST_ONLY),
    Route("begeleiding:lesobservatie_to_plan", {"student"}, kwargs=_uuid(_observation()),
          expect={"wpb": 403}),
    Route("begeleiding:lesobservatie_to_plan", {"student"},
          kwargs=_uuid(_observation(discussed=True)),
          expect={"wpb": 403, "instituutsopleider": 403}),
    # The instrument is the coordinator's; the personas' objects are the first partnership's.
    Route("begeleiding:observatie_instrument", COORDINATORS),
    Route("begeleiding:observatiedomein_create", COORDINATORS),
    Route("begeleiding:observatiedomein_edit", {"coordinator"}, kwargs=_uuid(_domein)),
    Route("begeleiding:observatiedomein_move", NOBODY, kwargs=_uuid(_domein),
          expect={"coordinator": 405}),
    Route("begeleiding:indicator_create", {"coordinator"}, kwargs=_uuid(_domein)),
    Route("begeleiding:indicator_edit", {"coordinator"}, kwargs=_uuid(_indicator)),
    Route("begeleiding:indicator_move", NOBODY, kwargs=_uuid(_indicator),
          expect={"coordinator": 405}),
]


# Notes of thanks (issue 15): a student thanks the host of their own visit that took place,
# or a mentor of their own; they delete only their own notes. Nobody else opens these pages.
def _wpb_relation(personas):
    return personas.stage.begeleiders.get(medewerker=personas.wpb)


ROUTES += [
    # A starter thanks too: their coach, or the host of a visit (issue 15).
    Route("begeleiding:bedankjes", STUDENTS | {"starter"}),
    Route("begeleiding:bedankje_lesbezoek", {"student"}, kwargs=_uuid(_held_visit)),
    Route("begeleiding:bedankje_begeleider", {"student"}, kwargs=_uuid(_wpb_relation)),
    Route("begeleiding:bedankje_delete", NOBODY, expect=POST_ONLY, kwargs=lambda personas: {
        "uuid": factories.BedankjeFactory(begeleider=_wpb_relation(personas)).uuid}),
]


# The opleidingsteam (issue 14): the schoolopleider adds and removes colleagues of the school;
# a colleague on the team opens the school day (tests/begeleiding/test_opleidingsteam.py
# walks the pages as one, since no persona is on a team). The coordinators choose when
# their own partnership asks the rapport check again.
def _teamlid(personas):
    return factories.OpleidingsteamlidFactory(medewerker=personas.docent)


ROUTES += [
    Route("begeleiding:opleidingsteam", {"schoolopleider"}),
    Route("begeleiding:opleidingsteam_remove", {"schoolopleider"}, kwargs=_uuid(_teamlid)),
    Route("begeleiding:klikmomenten", COORDINATORS),
]
