"""`manage.py seed_scale` (issue 10) writes with raw SQL, so a new NOT NULL column without a
value there breaks `make bench` and CI's bench smoke: build a tiny national-size dataset
here and open it the way the bench does."""

import pytest
from django.core.management import call_command

from opleidingsschool.models import Aanmelding, Medewerker, School, Stage, Student

pytestmark = pytest.mark.django_db(transaction=True)


def test_seed_scale_builds_a_small_partnership_the_models_can_read(settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("seed_scale writes with Postgres SQL (COPY, generate_series)")
    call_command("seed_scale", "--force", "--schools", "1", verbosity=0)
    schools = School.objects.filter(name__startswith="Schaalschool")
    assert schools.count() == 1
    school = schools.get()
    assert school.regio in {"noord", "midden", "zuid"}
    stages = list(Stage.objects.filter(school=school))
    assert len(stages) == 40
    # Every row passes the model's own validation (school days among them).
    for stage in stages[:5]:
        stage.full_clean(validate_unique=False, validate_constraints=False)
    # Its own partnership, with a coordinator and the institute of its students.
    partnerschap = school.partnerschap
    assert partnerschap.name.startswith("Schaalpartnerschap")
    coordinator = Medewerker.objects.get(partnerschap=partnerschap, is_coordinator=True)
    assert coordinator.user.check_password("demo")
    assert set(Student.objects.filter(stages__school=school).values_list(
        "partnerschap", flat=True)) == {partnerschap.pk}
    institutes = {stage.student.opleiding.instituut_id for stage in stages}
    assert institutes <= set(partnerschap.instituten.values_list("pk", flat=True))


def test_the_demo_seeded_again_beside_the_national_data_registers_only_demo_people(settings):
    """make bench --reuse seeds the demo again on the national-size database: the demo's
    sessions keep the demo's people (it once registered every mentor of the country for the
    demo institute's mentor meetings, 20,000 per session at 1,000 schools)."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("seed_scale writes with Postgres SQL (COPY, generate_series)")
    call_command("seed_scale", "--force", "--schools", "1", verbosity=0)
    call_command("seed_demo", "--force", verbosity=0)

    national_sessions = Aanmelding.objects.filter(bijeenkomst__partnerschap__name__startswith=(
        "Schaalpartnerschap")).values("bijeenkomst")
    registered = Aanmelding.objects.exclude(bijeenkomst__in=national_sessions)
    assert registered.filter(user__email__endswith="@example.org").exists()
    assert not registered.exclude(user__email__endswith="@example.org").exists()
