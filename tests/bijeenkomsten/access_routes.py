"""Access rows for sessions (see tests/routes.py). A student sees only sessions open to them.
The sessions made here belong to the first partnership: its coordinator manages them, the
second partnership's coordinator gets a 404; each coordinator has their own planning."""

from opleidingsschool.models import Soort
from tests import factories
from tests.routes import COORDINATORS, EVERYONE, Route

POST_ONLY = {persona: 405 for persona in EVERYONE}


def _third_years_at_school(personas):
    """Open to third-year students of the student's school only."""
    bijeenkomst = factories.BijeenkomstFactory(study_years="3", schools=[personas.school], for_students=True)
    return {"uuid": bijeenkomst.uuid}


def _leercafe(personas):
    return {"uuid": factories.BijeenkomstFactory(soort=Soort.LEERCAFE, study_years="4").uuid}


def _symposium(personas):
    return {"uuid": factories.BijeenkomstFactory(soort=Soort.SYMPOSIUM, study_years="4").uuid}


def _symposium_with_docent_on_jury(personas):
    jurylid = factories.JuryLidFactory(medewerker=personas.docent)
    return {"uuid": jurylid.bijeenkomst.uuid}


def _uitnodiging(personas):
    return {"uuid": factories.UitnodigingFactory(medewerker=personas.docent).uuid}


def _series(personas):
    reeks = factories.ReeksFactory()
    factories.BijeenkomstFactory(reeks=reeks)
    return {"uuid": reeks.uuid}


def _feed(personas):
    return {"token": factories.KalenderFeedFactory(user=personas.student.user).token}


ROUTES = [
    Route("bijeenkomsten:agenda", EVERYONE),
    Route("bijeenkomsten:preferences", EVERYONE),
    Route("bijeenkomsten:planning", COORDINATORS),
    Route("bijeenkomsten:create", COORDINATORS),
    Route("bijeenkomsten:create_series", COORDINATORS),
    Route("bijeenkomsten:reeks", frozenset({"coordinator"}), kwargs=_series),
    Route("bijeenkomsten:detail", frozenset({"student", "coordinator"}), kwargs=_third_years_at_school),
    Route("bijeenkomsten:edit", frozenset({"coordinator"}), kwargs=_third_years_at_school),
    Route("bijeenkomsten:cancel", frozenset({"coordinator"}), kwargs=_third_years_at_school),
    Route("bijeenkomsten:attendance", frozenset({"coordinator"}), kwargs=_third_years_at_school),
    Route("bijeenkomsten:experts", frozenset({"coordinator"}), kwargs=_leercafe),
    Route("bijeenkomsten:symposium", frozenset({"coordinator"}), kwargs=_symposium),
    Route("bijeenkomsten:scores", frozenset({"docent"}), kwargs=_symposium_with_docent_on_jury),
    Route("bijeenkomsten:register", frozenset(), kwargs=_third_years_at_school, expect=POST_ONLY),
    Route("bijeenkomsten:unregister", frozenset(), kwargs=_third_years_at_school, expect=POST_ONLY),
    Route("bijeenkomsten:invite", frozenset(), kwargs=_leercafe, expect=POST_ONLY),
    Route("bijeenkomsten:invite_guest", frozenset(), kwargs=_leercafe, expect=POST_ONLY),
    Route("bijeenkomsten:winner", frozenset(), kwargs=_symposium, expect=POST_ONLY),
    Route("bijeenkomsten:answer", frozenset(), kwargs=_uitnodiging, expect=POST_ONLY),
    Route("bijeenkomsten:feed_reset", frozenset(), expect=POST_ONLY),
    Route("bijeenkomsten:feed", EVERYONE, kwargs=_feed, public=True),
]
