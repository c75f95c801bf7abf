"""Django's `date` and `time` filters, remembering what they wrote (issue 10).

Formatting a date in a template costs about 20 microseconds (the format string is parsed
and the Dutch day and month names are looked up on every call); a list of 25 sessions with
six dates each spent 3 ms on it. The result depends only on the value (with its time zone),
the format and the language, so the last few thousand are kept per process. A value these
filters cannot key (an odd type) is formatted as Django does, every time.

Installed as a template builtin (settings.TEMPLATES), so `{{ x|date:"j F" }}` everywhere
uses them; tests/opleidingsschool/test_template_dates.py compares them with Django's.
"""

from __future__ import annotations

import datetime
import functools

from django import template
from django.template import defaultfilters
from django.utils import translation

register = template.Library()

_KEYED = (datetime.datetime, datetime.date, datetime.time)


def _key(value):
    if type(value) not in _KEYED:
        return None
    # Equal instants in other time zones are other texts: the zone and fold are in the key.
    return (type(value), value, getattr(value, "tzinfo", None), getattr(value, "fold", 0))


_DJANGOS = {"date": defaultfilters.date, "time": defaultfilters.time}


@functools.lru_cache(maxsize=4096)
def _formatted(kind: str, key, arg, language):
    return _DJANGOS[kind](key[1], arg)


def _remembered(kind: str, value, arg):
    key = _key(value)
    if key is None:
        return _DJANGOS[kind](value, arg)
    return _formatted(kind, key, None if arg is None else str(arg), translation.get_language())


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    return _remembered("date", value, arg)


@register.filter(expects_localtime=True, is_safe=False)
def time(value, arg=None):
    return _remembered("time", value, arg)
