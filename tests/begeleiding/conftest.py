"""begeleiding's tests run on a fixed school day: Wednesday 10 March 2027, 10:00 in
Amsterdam, inside the personas' placement whatever the real date."""

import datetime
import zoneinfo

import pytest
import time_machine

SCHOOL_DAY = datetime.datetime(2027, 3, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def school_day():
    with time_machine.travel(SCHOOL_DAY, tick=False) as traveller:
        yield traveller
