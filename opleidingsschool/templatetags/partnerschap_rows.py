"""`{% stage_row row %}` and `{% partnership_student_row row %}`: a placement and a student in
the coordinator's lists, written in Python with the markup of `partnerschap/_stage_row.html`
and `partnerschap/_student_row.html`.

The coordinator's list shows 25 placements with their mentors; through the template a row
cost about 0.1 ms (issue 10). The template stays the description of the row:
tests/opleidingsschool/test_stage_row.py compares each pair character for character.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..urlmemo import reverse
from .badges import account_badge, stage_kind, triangle_badges
from .dates import date
from .login_methods import login_methods
from .written import display as _display
from .written import text
from .written import value as _value

register = template.Library()


@register.simple_tag
def stage_row(row) -> str:
    student = row.student
    opleiding = student.opleiding
    year = gettext("study year %(year)s") % {"year": _value(student.study_year)}
    mentors = "<br>".join(
        f'{_value(begeleider.medewerker.user)} <span class="text-body-secondary">'
        f"({_value(_display(begeleider, 'functie'))})</span>"
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


@register.simple_tag
def partnership_student_row(row) -> str:
    """A student in the coordinator's students list: partnerschap/_student_row.html."""
    user, opleiding = row.user, row.opleiding
    stages = getattr(row, "stages_newest_first", None) or ()
    stage = stages[0] if stages else None
    if stage is not None:
        placement = (f'<a href="{_value(stage.get_absolute_url())}">{_value(stage.school.name)}'
                     f'</a> <span class="small text-body-secondary">'
                     f"{_value(stage.schooljaar.name)}</span>{stage_kind(stage)}")
    else:
        placement = (f'<a href="{_value(reverse("partnerschap:stage_create"))}?student='
                     f'{_value(row.uuid)}" class="small">{text("Add a placement")}</a>')
    programme = instituut = niveau = ""
    if opleiding is not None:
        programme, niveau = _value(opleiding.name), _value(_display(opleiding, "niveau"))
        instituut = _value(opleiding.instituut.name) if opleiding.instituut else ""
    return mark_safe(  # noqa: S308  (every value is escaped, the tags' output by them)
        f'\n<td><a href="{_value(reverse("partnerschap:student_edit", args=[row.uuid]))}" '
        f'class="fw-semibold">{_value(user)}</a>{account_badge(user)}'
        f'<div class="small text-body-secondary">{_value(user.email)}</div>'
        f"{login_methods(row)}</td>\n"
        f'<td>{programme} <span class="badge text-bg-light border">{niveau}</span>'
        f'<div class="small text-body-secondary">{instituut}</div></td>\n'
        f"<td>{_value(row.study_year)}</td>\n"
        f'<td>{_value(row.student_number or "–")}</td>\n'
        f"<td>{placement}</td>\n"
    )
