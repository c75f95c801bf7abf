"""Shared fixtures: named personas (as healthchecks does) and the real-services switch.

A test that needs Postgres, Redis or Chromium may skip on a machine that lacks it, but never
in CI: .ci/run sets REQUIRE_SERVICES=1, which turns such a skip into a failure.
"""

import os
import socket
from dataclasses import dataclass

import pytest

from opleidingsschool.celery import app as celery_app
from opleidingsschool.models import Functie

from . import factories

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "") not in ("", "0", "false")


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine without the service; fail in CI."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES is set, so this may not skip)")
    pytest.skip(reason)


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


@pytest.fixture(autouse=True, scope="session")
def _fast_passwords():
    from django.test.utils import override_settings

    # Only speeds up hashing; no behaviour under test depends on the hasher.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _clean_cache():
    """allauth's login rate limits live in the cache; each test starts with a clean slate."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _dutch_again():
    """Every test starts in the portal's default language: a test that switches this thread
    to English (a template rendered in English, a task run for an English reader) must not
    leave the next test's messages in English (seen once with four workers)."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Tasks run in-process unless a test asks for the real worker (mark `real_celery`)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = not request.node.get_closest_marker("real_celery")
    yield
    celery_app.conf.task_always_eager = previous


@dataclass
class Personas:
    """A small partnership: one student with a full triangle, and people around them."""

    school: object
    other_school: object
    instituut: object
    schooljaar: object
    student: object  # Student, third year, placed at `school`
    stage: object
    wpb: object  # Medewerker: werkplekbegeleider of `student`
    schoolopleider: object  # Medewerker: schoolopleider of `school` (in the triangle)
    instituutsopleider: object  # Medewerker: in the triangle of `student`
    extra_mentor: object  # Medewerker: extra mentor of `student`
    docent: object  # Medewerker at `school`, mentors nobody
    other_student: object  # Student at `other_school`
    other_wpb: object  # Medewerker: werkplekbegeleider of `other_student`
    coordinator: object  # Medewerker with the coordinator function only
    other_coordinator: object  # Medewerker: coordinator of a second partnership
    starter: object
    outsider: object  # User with no role at all

    def user(self, name: str):
        person = getattr(self, name)
        return person if name == "outsider" else person.user


@pytest.fixture
def count_queries():
    """count_queries(client, url) -> (number of queries, response) of one GET that must
    answer 200. The one helper for "the same number of queries with 1 and many rows"."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def run(client, url, **params):
        with CaptureQueriesContext(connection) as context:
            response = client.get(url, params or None)
        assert response.status_code == 200
        # The request user's statement is prepared once per database connection
        # (opleidingsschool/userload.py): not a query of this page.
        queries = [query for query in context.captured_queries
                   if not query["sql"].startswith("PREPARE ")]
        return len(queries), response

    return run


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()


@pytest.fixture(scope="module")
def module_personas(django_db_setup, django_db_blocker):
    """The personas built once for a whole module, for modules of many tests that each only
    read them or change them inside their own transaction (the URL walk, the bad-input walk).

    They are made inside a transaction that stays open for the module and is rolled back at
    its end; each test's own transaction (pytest-django's `db`) nests inside it as a savepoint,
    so whatever a test changes is gone for the next. Use `shared_personas` in a test: a copy per
    test, so a change to a Python object does not leak either."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_personas()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def shared_personas(module_personas, db) -> Personas:
    import copy

    return copy.deepcopy(module_personas)


def build_personas() -> Personas:
    school = factories.SchoolFactory(name="Het Testlyceum")
    other_school = factories.SchoolFactory(name="Tweede Testcollege")
    instituut = factories.InstituutFactory(name="Testhogeschool")
    opleiding = factories.OpleidingFactory(instituut=instituut, name="Leraar Geschiedenis")
    schooljaar = factories.SchooljaarFactory()
    student = factories.StudentFactory(
        user__email="sanne@example.org", user__first_name="Sanne", user__last_name="Student",
        opleiding=opleiding,
    )
    stage = factories.StageFactory(student=student, school=school, schooljaar=schooljaar)
    wpb = factories.MedewerkerFactory(
        user__email="wim@example.org", user__first_name="Wim", user__last_name="Werkplek",
        school=school, is_werkplekbegeleider=True,
    )
    schoolopleider = factories.MedewerkerFactory(
        user__email="olga@example.org", school=school, is_schoolopleider=True
    )
    instituutsopleider = factories.MedewerkerFactory(
        user__email="ivo@example.org", school=None, instituut=instituut,
        is_instituutsopleider=True,
    )
    extra_mentor = factories.MedewerkerFactory(user__email="eva@example.org", school=school)
    docent = factories.MedewerkerFactory(user__email="dirk@example.org", school=school)
    factories.BegeleiderFactory(stage=stage, medewerker=wpb, functie=Functie.WERKPLEKBEGELEIDER)
    factories.BegeleiderFactory(
        stage=stage, medewerker=instituutsopleider, functie=Functie.INSTITUUTSOPLEIDER
    )
    factories.BegeleiderFactory(stage=stage, medewerker=extra_mentor, functie=Functie.EXTRA)
    other_student = factories.StudentFactory(
        user__email="otto@example.org", opleiding=opleiding, study_year=1
    )
    other_stage = factories.StageFactory(
        student=other_student, school=other_school, schooljaar=schooljaar
    )
    other_wpb = factories.MedewerkerFactory(
        user__email="wendy@example.org", school=other_school, is_werkplekbegeleider=True
    )
    factories.BegeleiderFactory(stage=other_stage, medewerker=other_wpb)
    coordinator = factories.MedewerkerFactory(
        user__email="coco@example.org", school=None, is_coordinator=True
    )
    other_partnerschap = factories.PartnerschapFactory(name="Tweede Opleidingsschool")
    other_coordinator = factories.MedewerkerFactory(
        user__email="carla@example.org", school=None, is_coordinator=True,
        partnerschap=other_partnerschap,
    )
    starter = factories.StarterFactory(user__email="stef@example.org", school=school)
    outsider = factories.UserFactory(email="buiten@example.org")
    return Personas(
        school=school, other_school=other_school, instituut=instituut, schooljaar=schooljaar,
        student=student, stage=stage, wpb=wpb, schoolopleider=schoolopleider,
        instituutsopleider=instituutsopleider, extra_mentor=extra_mentor, docent=docent,
        other_student=other_student, other_wpb=other_wpb, coordinator=coordinator,
        other_coordinator=other_coordinator, starter=starter, outsider=outsider,
    )


PERSONA_NAMES = [
    "student", "wpb", "schoolopleider", "instituutsopleider", "extra_mentor", "docent",
    "other_student", "other_wpb", "coordinator", "other_coordinator", "starter", "outsider",
]
