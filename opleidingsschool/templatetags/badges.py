"""The small badges a list shows per row, as tags written in Python (issue 10).

`{% stage_kind stage %}` (LIO, induction, closed), `{% triangle_badges stage %}` (finished,
or what the triangle misses) and `{% account_badge user %}` (ended or closed). As template
includes each cost a list about 70 microseconds a row (an include pushes a context and
renders a template of its own); these write the same markup, which
tests/opleidingsschool/test_badges.py compares with the templates they replace.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def badge(kind: str, text: str) -> str:
    """One Bootstrap badge: `kind` its colour classes, `text` escaped."""
    return format_html('<span class="badge {}">{}</span>', kind, text)


@register.simple_tag
def stage_kind(stage) -> str:
    parts = []
    if stage.is_lio:
        parts.append(" " + badge("text-bg-info", _("LIO")))
    elif stage.is_inductie:
        parts.append(" " + badge("text-bg-light border", _("induction")))
    if stage.closed_at:
        parts.append(" " + badge("text-bg-light border", _("closed")))
    return mark_safe("".join(parts))  # noqa: S308  (format_html escaped every text)


@register.simple_tag
def triangle_badges(stage) -> str:
    if stage.is_finished:
        return badge("text-bg-light border", _("finished"))
    parts = []
    if not stage.has_wpb:
        parts.append(badge("text-bg-warning", _("no workplace mentor")) + " ")
    if not stage.has_opleider:
        parts.append(badge("text-bg-warning", _("no teacher educator")))
    return mark_safe("".join(parts))  # noqa: S308  (format_html escaped every text)


@register.simple_tag
def account_badge(account) -> str:
    if account.is_ended:
        return mark_safe(" " + badge("text-bg-danger", _("account ended")))  # noqa: S308
    if not account.is_active:
        return mark_safe(" " + badge("text-bg-secondary", _("account closed")))  # noqa: S308
    return ""
