from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from opleidingsschool.access import Rol, roles_for, visible_students
from opleidingsschool.models import (
    Begeleider,
    BegeleiderStatus,
    Functie,
    Instituut,
    Medewerker,
    Niveau,
    School,
    Schooljaar,
    Stage,
    StageKind,
    Starter,
    Student,
    User,
)

pytestmark = pytest.mark.django_db

LOGINS = [
    "student@example.org", "student4@example.org", "wpb@example.org",
    "schoolopleider@example.org", "instituutsopleider@example.org", "docent@example.org",
    "coordinator@example.org", "starter@example.org",
]


def run_seed_demo(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for this module inside a transaction that is rolled back at its
    end; each test's own transaction nests inside it, so what one test changes is gone for
    the next. The demo uploads files: they go to a folder of the module's own."""
    from django.db import transaction
    from django.test import override_settings

    with override_settings(DEBUG=True, MEDIA_ROOT=tmp_path_factory.mktemp("demo_media")), \
            django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield run_seed_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeded(_seeded_once, db, settings):
    settings.DEBUG = True
    return _seeded_once


def user(email: str) -> User:
    return User.objects.get(email=email)


def visible_emails(email: str) -> set[str]:
    return set(visible_students(user(email)).values_list("user__email", flat=True))


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_every_named_login_can_log_in_with_password_demo(seeded, client):
    for email in LOGINS:
        assert client.login(email=email, password="demo") is True, email
        client.logout()


def test_other_demo_people_can_log_in_with_password_demo_too(seeded, client):
    assert client.login(email="esther.vanleeuwen@example.org", password="demo") is True
    assert User.objects.count() == 41
    assert sum(u.check_password("demo") for u in User.objects.all()) == 41


def test_named_logins_hold_exactly_their_roles(seeded):
    assert roles_for(user("student@example.org")) == {Rol.STUDENT}
    assert roles_for(user("student4@example.org")) == {Rol.STUDENT}
    assert roles_for(user("wpb@example.org")) == {
        Rol.DOCENT, Rol.WERKPLEKBEGELEIDER, Rol.BEGELEIDER
    }
    assert roles_for(user("schoolopleider@example.org")) == {Rol.DOCENT, Rol.SCHOOLOPLEIDER}
    assert roles_for(user("instituutsopleider@example.org")) == {Rol.INSTITUUTSOPLEIDER}
    assert roles_for(user("docent@example.org")) == {Rol.DOCENT}
    assert roles_for(user("coordinator@example.org")) == {Rol.COORDINATOR}
    assert roles_for(user("starter@example.org")) == {Rol.STARTER}


def test_students_are_in_the_study_years_the_logins_promise(seeded):
    student = Student.objects.get(user__email="student@example.org")
    assert student.study_year == 3
    assert student.opleiding.niveau == Niveau.HBO
    assert Student.objects.get(user__email="student4@example.org").study_year == 4


def test_student_is_placed_this_year_with_a_full_triangle(seeded):
    stage = Stage.objects.get(
        student__user__email="student@example.org", schooljaar=Schooljaar.objects.current()
    )
    assert stage.school.name == "Het Lindecollege"
    formal = {
        b.functie: b.medewerker.user.email for b in stage.begeleiders.active().formal()
    }
    assert formal == {
        Functie.WERKPLEKBEGELEIDER: "wpb@example.org",
        Functie.SCHOOLOPLEIDER: "schoolopleider@example.org",
        Functie.INSTITUUTSOPLEIDER: "instituutsopleider@example.org",
    }
    wpb = Medewerker.objects.get(user__email="wpb@example.org")
    assert wpb.is_werkplekbegeleider is True
    assert wpb.school == stage.school


def test_mentors_see_the_students_their_function_gives_them(seeded):
    assert visible_emails("student@example.org") == {"student@example.org"}
    assert visible_emails("wpb@example.org") == {"student@example.org"}
    assert visible_emails("schoolopleider@example.org") == {
        "student@example.org", "noor.elidrissi@example.org", "thijs.vandam@example.org",
        "emma.postma@example.org", "ruben.maas@example.org",
        "starter@example.org",  # a starter in induction at the school (issue 15)
    }
    assert visible_emails("instituutsopleider@example.org") == {
        "student@example.org", "julia.brouwer@example.org", "ruben.maas@example.org",
    }
    assert visible_emails("docent@example.org") == set()
    assert visible_emails("coordinator@example.org") == set()
    # The starter's own learning record; their coach, also an extra mentor of the student.
    assert visible_emails("starter@example.org") == {"starter@example.org"}
    assert visible_emails("anton.verhoef@example.org") == {"student@example.org",
                                                           "starter@example.org"}


def test_docent_has_differentiating_expertise_welcomes_visitors_and_mentors_nobody(seeded):
    docent = Medewerker.objects.get(user__email="docent@example.org")
    assert docent.school.name == "Het Lindecollege"
    assert docent.visitors_welcome is True
    assert "differentiëren" in set(docent.expertises.values_list("name", flat=True))
    assert docent.begeleidingen.count() == 0


def test_coordinator_and_starter_have_their_profiles(seeded):
    coordinator = Medewerker.objects.get(user__email="coordinator@example.org")
    assert (coordinator.is_coordinator, coordinator.school, coordinator.instituut) == (
        True, None, None
    )
    assert Starter.objects.get(user__email="starter@example.org").school.name == "Het Lindecollege"


def test_partnership_has_three_schools_and_an_hbo_and_a_wo_institute(seeded):
    assert School.objects.count() == 3
    assert Instituut.objects.count() == 2
    niveaus = {
        instituut.name: set(instituut.opleidingen.values_list("niveau", flat=True))
        for instituut in Instituut.objects.all()
    }
    assert niveaus == {
        "Hogeschool Rivierland": {Niveau.HBO},
        "Universiteit van Westerveld – Lerarenacademie": {Niveau.WO},
    }
    assert set(
        Instituut.objects.get(name="Hogeschool Rivierland")
        .opleidingen.values_list("target_hours", flat=True)
    ) == {400}


def test_students_of_every_study_year_are_placed_this_year_at_several_schools(seeded):
    current = Schooljaar.objects.current()
    assert current.name == Schooljaar.bounds_for(current.start_date.year)[0]
    assert Schooljaar.objects.count() == 2
    placed = Stage.objects.placements().filter(schooljaar=current)
    assert set(placed.values_list("student__study_year", flat=True)) == {1, 2, 3, 4}
    assert placed.values("school").distinct().count() == 3
    assert placed.count() == Student.objects.studying().count()
    assert placed.filter(kind=StageKind.LIO).get().student.user.email == "student4@example.org"


def test_every_mentor_function_and_role_occurs(seeded):
    active = Begeleider.objects.active()
    assert set(active.values_list("functie", flat=True)) == set(Functie.values)
    extra = active.filter(functie=Functie.EXTRA)
    assert extra.filter(is_gastheer=True).exists() is True
    assert extra.filter(is_leermeester=True).exists() is True
    assert extra.filter(is_raadgever=True).exists() is True
    assert extra.filter(is_rolmodel=True).exists() is True
    assert Medewerker.objects.filter(is_schoolopleider=True).values("school").distinct().count() == 3


def test_last_years_triangles_have_ended(seeded):
    previous = Stage.objects.exclude(schooljaar=Schooljaar.objects.current())
    assert previous.count() == 3  # the demo starter's last year as a student too
    assert previous.get(closed_at__isnull=False).student.user.email == "starter@example.org"
    statuses = set(
        Begeleider.objects.filter(stage__in=previous).values_list("status", flat=True)
    )
    assert statuses == {BegeleiderStatus.ENDED}


def test_summary_lists_the_logins(seeded):
    for email in LOGINS:
        assert f"  {email} " in seeded
    assert "3 schools, 2 institutes, 7 programmes, 10 expertise tags" in seeded
    assert "11 students (year 1: 2, year 2: 2, year 3: 3, year 4: 4), 13 placements" in seeded


def test_running_twice_leaves_the_same_rows(seeded):
    before = row_counts()
    begeleiders = set(Begeleider.objects.values_list("pk", "status", "functie"))
    run_seed_demo()
    assert row_counts() == before
    assert set(Begeleider.objects.values_list("pk", "status", "functie")) == begeleiders


def test_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False
    before = row_counts()
    with pytest.raises(CommandError, match="only runs with DEBUG on. Use --force"):
        run_seed_demo()
    assert row_counts() == before


def test_runs_with_force_when_debug_is_off(settings):
    settings.DEBUG = False
    run_seed_demo("--force")
    assert User.objects.filter(email__in=LOGINS).count() == 8


PORTAL_APPS = {"opleidingsschool", "begeleiding", "driehoek", "leerwerktaken"}
# Django's groups and permissions on the custom user: the portal has its own roles instead.
DJANGO_AUTH_LINKS = {"opleidingsschool.User_groups", "opleidingsschool.User_user_permissions"}


def test_the_demo_fills_every_model_of_the_portal(seeded):
    """A newcomer sees every feature with content: no table of the portal stays empty, the
    many-to-many links included."""
    counts = {model._meta.label: model._default_manager.count()
              for model in apps.get_models(include_auto_created=True)
              if model._meta.app_label in PORTAL_APPS and model._meta.label not in DJANGO_AUTH_LINKS}
    assert len(counts) > 60
    assert [label for label, count in sorted(counts.items()) if count == 0] == []


def test_the_demo_has_comments_and_an_uploaded_file_that_opens(seeded):
    from begeleiding.models import Reactie
    from leerwerktaken.models import Bestand

    assert Reactie.objects.filter(leervraag__student__user__email="student@example.org").count() == 2
    bestand = Bestand.objects.filter(
        inlevering__toewijzing__students__user__email="student@example.org").first()
    with bestand.file.open("rb") as handle:
        assert handle.read().startswith(b"Lesplan: ")


def test_the_demo_starter_was_a_student_here_and_has_a_coach(seeded):
    """Issue 15: the same account, last year's placement closed, this year's induction with
    a coach, and the learning questions of the student years still there."""
    record = Student.objects.get(user__email="starter@example.org")
    assert record.opleiding.name == "Eerstegraads leraar Nederlands"
    inductie = record.stages.get(kind=StageKind.INDUCTIE)
    assert inductie.schooljaar == Schooljaar.objects.current()
    assert inductie.begeleiders.active().get().medewerker.user.email == (
        "anton.verhoef@example.org")
    assert record.leervragen.count() == 3
    assert record.logregels.filter(stage=inductie).exists()
