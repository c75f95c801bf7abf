"""The WSGI entry point loads what every request needs and freezes the collector's view of
it (opleidingsschool/wsgi.py, issue 10): a full collection then skips those objects."""

import json
import os
import subprocess
import sys
from pathlib import Path


def test_a_worker_freezes_what_it_loaded_and_serves_the_portal():
    script = (
        "import gc, json\n"
        "import opleidingsschool.wsgi as wsgi\n"
        "from django.core.handlers.wsgi import WSGIHandler\n"
        "from django.urls import resolve\n"
        "frozen = gc.get_freeze_count()\n"
        "handler = isinstance(wsgi.application, WSGIHandler)\n"
        "print(json.dumps({'frozen': frozen, 'handler': handler, 'home': resolve('/').url_name}))\n"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="opleidingsschool.settings")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2], env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["frozen"] > 50_000  # Django, the URLconf, the views, the catalogs
    assert found["handler"] is True and found["home"] == "home"
