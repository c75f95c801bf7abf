"""The WSGI entry point gunicorn serves (one import per worker process).

After Django is set up, the worker loads what every request needs anyway (the URLconf and
with it every view module, the template engine, both languages' translations) and then
freezes the garbage collector's view of everything loaded so far (`gc.freeze()`): those
objects live as long as the process, and a full collection no longer walks them. Measured
on the page mix (issue 10): a full collection paused a worker for 64-74 ms, every few
hundred requests, with about 180,000 objects loaded; frozen, it takes about 6 ms. Requests
queued behind such a pause were the slowest in the 50-user mix.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opleidingsschool.settings")

application = get_wsgi_application()


def _load_and_freeze() -> None:
    from django.conf import settings
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 (imports the URLconf and every view module)
    engines["django"].get_template("base.html")  # the layout every page extends
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")  # loads the language's catalogs
    gc.collect()
    gc.freeze()


_load_and_freeze()
