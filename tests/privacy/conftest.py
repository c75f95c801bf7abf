"""Privacy tests run on a fixed school day inside the personas' placement (as begeleiding's)."""

from tests.begeleiding.conftest import SCHOOL_DAY, count_queries, school_day  # noqa: F401
