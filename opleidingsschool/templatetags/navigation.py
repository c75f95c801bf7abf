"""`{% portal_menu_html %}`: the main menu of base.html, rendered once per menu.

The menu is the same markup for everyone with the same items on the same page: it is
rendered from `includes/_menu.html` the first time and kept in this process, keyed by all
it shows (each item's label, address and section, the page's active address, whether the
page is the home page, the language, the script prefix and the URLconf). The person's items are still
worked out on every request by the context processor (`menu.menu_for`); only rendering
them is saved, about a quarter of a home page's Python work (issue 10).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

_RENDERED: dict[tuple, str] = {}
_LIMIT = 1000  # menus kept per process: role combinations x pages, in practice a few hundred


def _key(menu, *, active_url, dropdowns: bool, is_home: bool) -> tuple:
    return (
        get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, is_home,
        active_url, dropdowns,
        tuple(
            (str(group.label),
             tuple((str(item.label), item.url, str(item.section)) for item in group.items))
            for group in menu
        ),
    )


@register.simple_tag(takes_context=True)
def portal_menu_html(context) -> str:
    request = context.get("request")
    menu = context.get("portal_menu") or []
    values = {
        "active_url": context.get("portal_active_url"),
        "dropdowns": bool(context.get("portal_menu_dropdowns")),
        "is_home": getattr(getattr(request, "resolver_match", None), "url_name", None) == "home",
    }
    key = _key(menu, **values)
    html = _RENDERED.get(key)
    if html is None:
        html = render_to_string("includes/_menu.html", {
            "portal_menu": menu, "portal_active_url": values["active_url"],
            "portal_menu_dropdowns": values["dropdowns"], "is_home": values["is_home"],
        })
        if len(_RENDERED) >= _LIMIT:
            _RENDERED.clear()
        _RENDERED[key] = html
    return mark_safe(html)  # noqa: S308  (rendered by the template, autoescaped)
