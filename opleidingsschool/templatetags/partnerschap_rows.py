"""`{% stage_row row %}`: a placement in the coordinator's placements list, written in Python
with the markup of `partnerschap/_stage_row.html`.

The coordinator's list shows 25 placements with their mentors; through the template a row
cost about 0.1 ms (issue 10). The template stays the description of the row:
tests/opleidingsschool/test_stage_row.py compares the two character for character.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .badges import stage_kind, triangle_badges
from .dates import date
from .written import value as _value

register = template.Library()


@register.simple_tag
def stage_row(row) -> str:
    student = row.student
    opleiding = student.opleiding
    year = gettext("study year %(year)s") % {"year": _value(student.study_year)}
    mentors = "<br>".join(
        f'{_value(begeleider.medewerker.user)} <span class="text-body-secondary">'
        f"({_value(begeleider.get_functie_display())})</span>"
        for begeleider in row.active_begeleiders)
    return mark_safe(  # noqa: S308  (every value is escaped)
        f'\n<td><a href="{_value(row.get_absolute_url())}" class="fw-semibold">'
        f"{_value(student.user)}</a>{stage_kind(row)}"
        f'<div class="small text-body-secondary">{year} · '
        f'{_value(opleiding.name) if opleiding else ""}</div></td>\n'
        f'<td>{_value(row.school.name)}<div class="small text-body-secondary">'
        f"{_value(row.schooljaar.name)}</div></td>\n"
        f'<td class="small text-nowrap">{_value(date(row.start_date, "j F Y"))} – '
        f'{_value(date(row.end_date, "j F Y"))}</td>\n'
        '<td class="small">\n'
        f"  {mentors}\n"
        f"  {triangle_badges(row)}\n"
        "</td>\n"
    )
