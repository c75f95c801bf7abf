"""What a template writes for a value, for the rows and charts written in Python (issue 10:
sessions, day-log entries, students, placements, the progress chart). Each of those tags
writes the markup of the template it replaces, and these say what `{{ value }}` and
`{% translate %}` write there: localized (not inside `{% localize off %}`), then escaped
unless already safe.
"""

from __future__ import annotations

import functools

from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.translation import gettext


def value(obj) -> str:
    """`{{ obj }}`"""
    return conditional_escape(localize(obj))


def raw(obj) -> str:
    """`{{ obj }}` inside `{% localize off %}`"""
    return conditional_escape(localize(obj, use_l10n=False))


def text(message: str) -> str:
    """`{% translate message %}`"""
    return value(gettext(message))


@functools.cache
def _labels(model, field_name: str) -> dict:
    return dict(model._meta.get_field(field_name).flatchoices)


def display(instance, field_name: str) -> str:
    """`instance.get_<field_name>_display()`, the label of the field's value in the active
    language: Django works out the field's choices anew on every call (about 40 microseconds,
    a mentor's role in each row of a list), here they are looked up once per field."""
    labels = _labels(type(instance), field_name)
    current = getattr(instance, field_name)
    return force_str(labels.get(current, current), strings_only=True)
