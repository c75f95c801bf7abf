"""The address of a URL name without arguments, worked out once (issue 10).

`reverse("home")` walks Django's resolver every time, 25-50 microseconds; a page asks for
twenty such fixed addresses (the menu's items, the layout's links). Without arguments the
answer depends only on the name, the current application namespace, the script prefix and
the URLconf, which are all in the key. Addresses with arguments go to `reverse` as before.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_FIXED: dict[tuple, str] = {}
_LIMIT = 2000


def fixed_url(viewname: str, current_app: str | None = None) -> str:
    # The URLconf of this thread, or the project's (which a test may swap with
    # override_settings: then Django's own caches are cleared, and this key differs).
    key = (viewname, current_app, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    url = _FIXED.get(key)
    if url is None:
        url = reverse(viewname, current_app=current_app)  # NoReverseMatch as reverse's
        if len(_FIXED) >= _LIMIT:
            _FIXED.clear()
        _FIXED[key] = url
    return url
