"""Privacy tests run on a fixed school day inside the personas' placement (as begeleiding's),
with uploads and exports in a temporary MEDIA_ROOT."""

import pytest

from tests.begeleiding.conftest import SCHOOL_DAY, school_day  # noqa: F401


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
