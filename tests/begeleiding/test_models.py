import datetime
from decimal import Decimal

import pytest

from begeleiding.models import Lesaanbod, Lesbezoek, period_start


@pytest.mark.parametrize(
    "day, start",
    [
        (datetime.date(2026, 8, 1), datetime.date(2026, 8, 1)),
        (datetime.date(2026, 10, 31), datetime.date(2026, 8, 1)),
        (datetime.date(2026, 12, 3), datetime.date(2026, 11, 1)),
        (datetime.date(2027, 1, 31), datetime.date(2026, 11, 1)),
        (datetime.date(2027, 3, 15), datetime.date(2027, 2, 1)),
        (datetime.date(2027, 7, 31), datetime.date(2027, 5, 1)),
    ],
)
def test_klik_periods_split_the_school_year_in_four(day, start):
    assert period_start(day) == start


def test_a_lessons_length_rounds_to_the_nearest_quarter_hour():
    visit = Lesbezoek(date=datetime.date(2026, 12, 1), start_time=datetime.time(10, 20),
                      end_time=datetime.time(11, 10))
    assert visit.duration_hours == Decimal("0.75")
    visit.end_time = datetime.time(10, 25)
    assert visit.duration_hours == Decimal("0.25")


def test_an_open_lesson_falls_on_its_weekday_in_the_coming_weeks():
    lesson = Lesaanbod(weekday=2)  # Tuesday
    thursday = datetime.date(2026, 12, 3)
    assert lesson.upcoming_dates(start=thursday, weeks=2) == [
        datetime.date(2026, 12, 8), datetime.date(2026, 12, 15)
    ]
    tuesday = datetime.date(2026, 12, 1)
    assert lesson.upcoming_dates(start=tuesday, weeks=1) == [tuesday]
