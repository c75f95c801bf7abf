"""`{% session_item bijeenkomst %}`: a session in the agenda's and the planning's lists,
written in Python with the markup of `bijeenkomsten/includes/_session_item.html`.

Through the template (with `_status.html` and `_capacity.html`) a row cost about 0.15 ms,
a sixth of the agenda and more of the planning's twenty rows with their counts (issue 10).
The template stays the description of the row: tests/opleidingsschool/test_session_item.py
compares the two character for character for sessions in every state.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from .dates import date, time
from .written import display as _display
from .written import value as _value

register = template.Library()


def _status(bijeenkomst) -> str:
    """bijeenkomsten/includes/_status.html"""
    html = ""
    if bijeenkomst.is_cancelled:
        html += f'<span class="badge text-bg-danger">{_value(gettext("Cancelled"))}</span>'
    my_status = getattr(bijeenkomst, "my_status", None)
    if my_status == "registered":
        html += f' <span class="badge text-bg-success">{_value(gettext("Registered"))}</span>'
    elif my_status == "waiting":
        html += (' <span class="badge text-bg-warning">'
                 f'{_value(gettext("On the waiting list"))}</span>')
    return html + "\n"


def _counted(singular: str, plural: str, number) -> str:
    """{% blocktranslate count counter=number %}: the translation with the number in it."""
    return ngettext(singular, plural, number) % {"counter": _value(number)}


def _capacity(bijeenkomst) -> str:
    """bijeenkomsten/includes/_capacity.html"""
    if bijeenkomst.capacity:
        html = gettext("%(registered)s of %(capacity)s places taken") % {
            "registered": _value(bijeenkomst.registered_count),
            "capacity": _value(bijeenkomst.capacity)}
    else:
        html = _counted("%(counter)s registered", "%(counter)s registered",
                        bijeenkomst.registered_count)
    if bijeenkomst.waiting_count:
        html += " · " + _counted("%(counter)s waiting", "%(counter)s waiting",
                                 bijeenkomst.waiting_count)
    return html + "\n"


@register.simple_tag
def session_item(bijeenkomst, show_counts: bool = False) -> str:
    starts, ends = template_localtime(bijeenkomst.starts_at), template_localtime(bijeenkomst.ends_at)
    counts = ""
    if show_counts:
        counts = f'<div class="small">{_capacity(bijeenkomst)}'
        if bijeenkomst.pending_invitations:
            counts += " · " + _counted("%(counter)s invitation unanswered",
                                       "%(counter)s invitations unanswered",
                                       bijeenkomst.pending_invitations)
        counts += "</div>"
    cancelled = " session-cancelled" if bijeenkomst.is_cancelled else ""
    return mark_safe(  # noqa: S308  (every value is escaped)
        f'<li class="list-group-item d-flex gap-3 align-items-start{cancelled}">\n'
        '  <div class="session-date" aria-hidden="true">\n'
        f'    <div class="weekday">{_value(date(starts, "D"))}</div>\n'
        f'    <div class="day">{_value(date(starts, "j"))}</div>\n'
        f'    <div class="month">{_value(date(starts, "M"))}</div>\n'
        "  </div>\n"
        '  <div class="flex-grow-1">\n'
        f'    <a class="fw-semibold session-title" '
        f'href="{_value(bijeenkomst.get_absolute_url())}">{_value(bijeenkomst.title)}</a>\n'
        f'    <span class="badge text-bg-light border">'
        f"{_value(_display(bijeenkomst, 'soort'))}</span>\n"
        f"    {_status(bijeenkomst)}\n"
        f'    <div class="small text-body-secondary">{_value(date(starts, "l j F"))}, '
        f'{_value(time(starts, "H:i"))}–{_value(time(ends, "H:i"))} · '
        f"{_value(bijeenkomst.place)}</div>\n"
        f"    {counts}\n"
        "  </div>\n"
        "</li>\n"
    )
