"""How a person logs in (issue 12), as badges on the coordinator's lists and pages.

Written in Python with the markup the template `partnerschap/_login_methods.html` had (an
inclusion tag rendered that template for every row of a list of 25: issue 10);
tests/opleidingsschool/test_badges.py compares the two character for character.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..federation import login_methods_of
from .badges import badge

register = template.Library()

def _item(kind: str, text: str) -> str:
    return format_html('<li class="list-inline-item">{}</li>', badge(kind, text))


@register.simple_tag
def login_methods(person) -> str:
    """Badges with words: e-mail and password, each linked identity (SURFconext with the
    institution it sent), and whether an authenticator app is set up."""
    methods = login_methods_of(person)
    password = _item("text-bg-light border", _("E-mail and password")) if methods.password else ""
    identities = "".join(
        _item("text-bg-light border", format_html(
            "{}{}", identity.provider,
            format_html(" · {}", identity.organisation) if identity.organisation else ""))
        for identity in methods.identities
    )
    nothing = "" if methods.password or methods.identities else _item(
        "text-bg-warning", _("No way to log in yet"))
    second = (badge("text-bg-success", _("Second step on")) if methods.second_factor
              else badge("text-bg-light border", _("No second step")))
    return mark_safe(  # noqa: S308  (format_html escaped every text)
        format_html('<ul class="list-inline small mb-0 mt-1" aria-label="{}">',
                    _("How this person logs in"))
        + f"\n  {password}\n  {identities}\n  {nothing}\n"
        + f'  <li class="list-inline-item">{second}</li>\n</ul>\n'
    )
