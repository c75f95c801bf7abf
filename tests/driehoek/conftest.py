"""The triangle's tests run on a fixed school day: Wednesday 10 March 2027, 10:00 in
Amsterdam, inside the personas' placement whatever the real date."""

import datetime
import zoneinfo

import pytest
import time_machine

from opleidingsschool.models import Functie
from tests import factories

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
SCHOOL_DAY = datetime.datetime(2027, 3, 10, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def school_day():
    with time_machine.travel(SCHOOL_DAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def triangle(personas):
    """The personas' triangle: student, wpb and instituutsopleider (the school's
    schoolopleider has no Begeleider row here)."""
    return [personas.student.user, personas.wpb.user, personas.instituutsopleider.user]


@pytest.fixture
def gesprek(personas, triangle):
    return factories.DriehoeksgesprekFactory(
        stage=personas.stage, deelnemers=triangle,
        starts_at=datetime.datetime(2027, 3, 18, 14, 0, tzinfo=AMSTERDAM),
        ends_at=datetime.datetime(2027, 3, 18, 15, 0, tzinfo=AMSTERDAM),
    )


@pytest.fixture
def schoolopleider_in_triangle(personas):
    return factories.BegeleiderFactory(
        stage=personas.stage, medewerker=personas.schoolopleider, functie=Functie.SCHOOLOPLEIDER
    )
