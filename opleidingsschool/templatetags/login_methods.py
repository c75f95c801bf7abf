"""How a person logs in (issue 12), as badges on the coordinator's lists and pages."""

from __future__ import annotations

from django import template

from ..federation import login_methods_of

register = template.Library()


@register.inclusion_tag("partnerschap/_login_methods.html")
def login_methods(person) -> dict:
    """Badges with words: e-mail and password, each linked identity (SURFconext with the
    institution it sent), and whether an authenticator app is set up."""
    return {"methods": login_methods_of(person)}
