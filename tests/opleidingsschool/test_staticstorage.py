"""The production storage of static files remembers each address (issue 10), and gives
the manifest's, as WhiteNoise's storage does; a file that is not there still fails."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from opleidingsschool.staticstorage import StaticFilesStorage


@pytest.fixture
def root(tmp_path):
    (tmp_path / "staticfiles.json").write_text(json.dumps({
        "version": "1.1", "hash": "0",
        "paths": {"css/portal.css": "css/portal.0123abcd.css"},
    }))
    return tmp_path


def test_the_address_is_the_manifests_and_is_remembered(root, settings):
    settings.DEBUG = False
    storage = StaticFilesStorage(location=str(root), base_url="/static/")
    expected = CompressedManifestStaticFilesStorage(location=str(root), base_url="/static/")
    assert storage.url("css/portal.css") == expected.url("css/portal.css") == (
        "/static/css/portal.0123abcd.css")
    storage.hashed_files.clear()  # the manifest is not read again for a known file
    assert storage.url("css/portal.css") == "/static/css/portal.0123abcd.css"


def test_a_file_missing_from_the_manifest_fails_every_time(root, settings):
    settings.DEBUG = False
    storage = StaticFilesStorage(location=str(root), base_url="/static/")
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("js/missing.js")
