"""`{% student_row student %}`: a row of the /studenten/ list, written in Python with the
markup of `opleidingsschool/includes/_student_row.html`.

Every person with students opens the list; through the template a row cost about 0.1 ms,
25 to a page (issue 10). The template stays the description of the row:
tests/opleidingsschool/test_student_row.py compares the two character for character.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..urlmemo import reverse
from .badges import stage_kind
from .written import display as _display
from .written import value as _value

register = template.Library()

NONE = '<span class="text-body-secondary">–</span>'


@register.simple_tag
def student_row(student) -> str:
    stages = getattr(student, "visible_stages", None) or ()
    stage = stages[0] if stages else None
    opleiding = student.opleiding
    programme = _value(opleiding.name) if opleiding else ""
    if opleiding:
        programme_cell = (f'{programme} <span class="badge text-bg-light border">'
                          f"{_value(_display(opleiding, 'niveau'))}</span>")
    else:
        programme_cell = NONE
    if stage is not None and stage.is_inductie:
        year = (f'<span class="badge text-bg-light border">'
                f'{_value(gettext("starting teacher"))}</span>')
    else:
        year = _value(student.study_year or "–")
    if stage is not None:
        placement = (f'{_value(stage.school)} <span class="small text-body-secondary">'
                     f"{_value(stage.schooljaar)}</span>{stage_kind(stage)}")
    else:
        placement = f'<span class="text-body-secondary">{_value(gettext("none"))}</span>'
    mentors = [
        f'{_value(begeleider.medewerker)} <span class="text-body-secondary">'
        f"({_value(_display(begeleider, 'functie'))})</span>"
        for begeleider in (getattr(stage, "active_begeleiders", None) or ())
    ]
    return mark_safe(  # noqa: S308  (every value is escaped)
        "\n      <tr>\n"
        f'        <td><a href="{_value(reverse("student_detail", args=[student.uuid]))}" '
        f'class="fw-semibold">{_value(student)}</a>\n'
        f'          <div class="small text-body-secondary d-md-none">{programme}'
        f'{" · " + _value(stage.school) if stage is not None else ""}</div></td>\n'
        f'        <td class="d-none d-md-table-cell">{programme_cell}</td>\n'
        f"        <td>{year}</td>\n"
        f'        <td class="d-none d-md-table-cell">{placement}</td>\n'
        f'        <td class="small d-none d-lg-table-cell">{"<br>".join(mentors) or NONE}</td>\n'
        "      </tr>\n    "
    )
