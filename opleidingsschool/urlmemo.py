"""Addresses worked out once per shape (issue 10).

`reverse("home")` walks Django's resolver every time, 15-50 microseconds; a page asks for
twenty such fixed addresses (the menu's items, the layout's links), and a list one or two
per row (`{% url 'x' entry.uuid %}`, a model's `get_absolute_url`).

- `fixed_url(name)`: an address without arguments depends only on the name, the current
  application namespace, the script prefix and the URLconf, which are all in the key.
- `reverse(name, args=..., kwargs=...)`: Django's `reverse`, drop-in. When every argument
  is a UUID or a whole number of at least 0 (a row's uuid or id), the address is worked out
  once for that name and those kinds of argument, with stand-in values, and kept as the text
  around them; a call puts its own values in. Such an argument is written as its `str()`
  whatever the path converter (uuid, int, str, slug), and no character of it needs quoting;
  every other call (text, a negative number, a lazy value) is Django's, as is every error.
  tests/opleidingsschool/test_urlmemo.py compares the two for every pattern of the project.
"""

from __future__ import annotations

import functools
import uuid

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse


def _urlconf() -> str:
    # The URLconf of this thread, or the project's (which a test may swap with
    # override_settings: then Django's own caches are cleared, and this key differs).
    return get_urlconf() or settings.ROOT_URLCONF


@functools.lru_cache(maxsize=2000)
def _reversed(viewname: str, current_app: str | None, _prefix: str, _urlconf: str) -> str:
    return django_reverse(viewname, current_app=current_app)  # NoReverseMatch as reverse's


def fixed_url(viewname: str, current_app: str | None = None) -> str:
    return _reversed(viewname, current_app, get_script_prefix(), _urlconf())


def _stand_in(kind: type, index: int):
    if kind is uuid.UUID:
        return uuid.UUID(int=0x5EED_0000_0000_4000_8000_0000_0000_0000 + index)
    return 987_654_321_001 + index


@functools.lru_cache(maxsize=4000)
def _shape(viewname: str, kinds: tuple, names: tuple, current_app: str | None,
           _prefix: str, _urlconf: str) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
    """The address of `viewname` for arguments of these kinds, as the texts around them and
    the order in which the arguments appear; None where that cannot be told from stand-ins
    (then Django reverses every call)."""
    stand_ins = [_stand_in(kind, index) for index, kind in enumerate(kinds)]
    try:
        if names:
            url = django_reverse(viewname, kwargs=dict(zip(names, stand_ins, strict=True)),
                                 current_app=current_app)
        else:
            url = django_reverse(viewname, args=stand_ins, current_app=current_app)
    except NoReverseMatch:
        return None
    places = []
    for index, text in enumerate(map(str, stand_ins)):
        if url.count(text) != 1:
            return None
        places.append((url.index(text), len(text), index))
    places.sort()
    parts, order, start = [], [], 0
    for position, length, index in places:
        parts.append(url[start:position])
        order.append(index)
        start = position + length
    parts.append(url[start:])
    return tuple(parts), tuple(order)


def _kind(value) -> type | None:
    kind = type(value)
    if kind is uuid.UUID or (kind is int and value >= 0):
        return kind
    return None


def reverse(viewname, urlconf=None, args=None, kwargs=None, current_app=None) -> str:
    values = list(kwargs.values()) if kwargs else list(args or ())
    if urlconf is not None or not isinstance(viewname, str) or (args and kwargs) or not values:
        if not values and urlconf is None and isinstance(viewname, str):
            return fixed_url(viewname, current_app)
        return django_reverse(viewname, urlconf, args, kwargs, current_app)
    kinds = tuple(_kind(value) for value in values)
    if None in kinds:
        return django_reverse(viewname, urlconf, args, kwargs, current_app)
    shape = _shape(viewname, kinds, tuple(kwargs) if kwargs else (), current_app,
                   get_script_prefix(), _urlconf())
    if shape is None:
        return django_reverse(viewname, urlconf, args, kwargs, current_app)
    parts, order = shape
    written = [parts[0]]
    for part, index in zip(parts[1:], order, strict=True):
        written.append(str(values[index]))
        written.append(part)
    return "".join(written)
