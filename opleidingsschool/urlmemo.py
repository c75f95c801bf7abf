"""The address of a URL name without arguments, worked out once (issue 10).

`reverse("home")` walks Django's resolver every time, 25-50 microseconds; a page asks for
twenty such fixed addresses (the menu's items, the layout's links). Without arguments the
answer depends only on the name, the current application namespace, the script prefix and
the URLconf, which are all in the key. Addresses with arguments go to `reverse` as before.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=2000)
def _reversed(viewname: str, current_app: str | None, _prefix: str, _urlconf: str) -> str:
    return reverse(viewname, current_app=current_app)  # NoReverseMatch as reverse's


def fixed_url(viewname: str, current_app: str | None = None) -> str:
    # The URLconf of this thread, or the project's (which a test may swap with
    # override_settings: then Django's own caches are cleared, and this key differs).
    return _reversed(viewname, current_app, get_script_prefix(),
                     get_urlconf() or settings.ROOT_URLCONF)
