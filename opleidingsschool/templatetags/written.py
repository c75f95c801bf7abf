"""What a template writes for a value, for the rows and charts written in Python (issue 10:
sessions, day-log entries, students, placements, the progress chart). Each of those tags
writes the markup of the template it replaces, and these say what `{{ value }}` and
`{% translate %}` write there: localized (not inside `{% localize off %}`), then escaped
unless already safe.
"""

from __future__ import annotations

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
