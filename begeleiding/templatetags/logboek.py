"""`{% logregel_item entry %}`: an entry of the day log, written in Python with the markup
of `begeleiding/includes/_logregel_item.html`.

The day log shows a page of entries on every visit of the student and their mentors; through
the template each entry cost about 0.1 ms, a fifth of the page (issue 10). The template
stays the description of the entry: tests/begeleiding/test_logregel_item.py compares the two
character for character, as the student, a mentor and the workplace mentor see entries in
every state.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat, linebreaksbr
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from opleidingsschool.templatetags.dates import date
from opleidingsschool.templatetags.written import display as _display
from opleidingsschool.templatetags.written import text as _text
from opleidingsschool.templatetags.written import value as _value
from opleidingsschool.urlmemo import reverse

register = template.Library()


def _csrf_token(context) -> str:
    """{% csrf_token %}"""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{conditional_escape(token)}">'


@register.simple_tag(takes_context=True)
def logregel_item(context, entry) -> str:
    stage, own, is_wpb = context.get("stage"), context.get("own"), context.get("is_wpb")
    hours = gettext("%(hours)s hours") % {"hours": _value(floatformat(entry.hours, "-2"))}
    if getattr(stage, "is_inductie", False):
        badge = ""
    elif entry.is_confirmed:
        badge = f'<span class="badge text-bg-success">{_text("confirmed")}</span>'
    else:
        badge = f'<span class="badge text-bg-light border">{_text("not yet confirmed")}</span>'
    if entry.reflection_hidden:
        reflection = (
            '\n    <p class="mb-1 mt-1 text-body-secondary reflection-hidden">'
            f'{_text("The student keeps this reflection to themselves. The date and hours are visible to you.")}'  # noqa: E501
            "</p>\n    "
        )
    else:
        private = (f'<span class="badge text-bg-light border">{_text("Only me")}</span>'
                   if own and entry.visibility == "private" else "")
        learned = (f'<p class="mb-1 small"><span class="fw-semibold">{_text("Learned")}:</span> '
                   f"{_value(entry.learned)}</p>" if entry.learned else "")
        reflection = (
            f"\n    {private}\n"
            f'    <p class="mb-1 mt-1">{linebreaksbr(entry.done, autoescape=True)}</p>\n'
            f"    {learned}\n    "
        )
    question = ""
    if entry.leervraag and not entry.leervraag_hidden:
        question = (f'<p class="mb-1 small"><a href="{_value(entry.leervraag.get_absolute_url())}">'
                    f"{_value(entry.leervraag.title)}</a></p>")
    session = ""
    if entry.aanmelding and own:
        session = (f'<p class="mb-1 small"><a href="'
                   f'{_value(entry.aanmelding.bijeenkomst.get_absolute_url())}">'
                   f'{_text("View the session")}</a></p>')
    edit = confirm = ""
    if own and not entry.is_confirmed:
        edit = (f'<a class="btn btn-sm btn-outline-secondary" href="'
                f'{_value(reverse("begeleiding:logregel_edit", args=[entry.uuid]))}">'
                f'{_text("Edit")}</a>')
    if is_wpb and not entry.is_confirmed:
        confirm = (
            f'<form method="post" action="'
            f'{_value(reverse("begeleiding:logregel_confirm", args=[entry.uuid]))}">'
            f"{_csrf_token(context)}"
            f'<input type="hidden" name="next" '
            f'value="{_value(context["request"].get_full_path())}">'
            f'<button type="submit" class="btn btn-sm btn-success">{_text("Confirm")}</button>'
            "</form>"
        )
    return mark_safe(  # noqa: S308  (every value is escaped)
        f'\n  <div class="list-group-item py-3" id="logregel-{_value(entry.uuid)}">\n'
        '    <div class="d-flex justify-content-between flex-wrap gap-2">\n'
        f'      <span class="fw-semibold">{_value(date(entry.date, "l j F"))} · '
        f"{_value(_display(entry, 'activity'))} · {hours}</span>\n"
        f"      {badge}\n"
        "    </div>\n"
        f"    {reflection}\n"
        f"    {question}\n"
        f"    {session}\n"
        '    <div class="d-flex gap-2 flex-wrap">\n'
        f"    {edit}\n"
        f"    {confirm}\n"
        "    </div>\n"
        "  </div>\n  "
    )
