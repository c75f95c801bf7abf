from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .access import roles_for
from .menu import menu_for


def portal(request):
    """The partnership's name and colour, and the menu for the person's roles."""
    user = getattr(request, "user", None)
    roles = roles_for(user) if user is not None else frozenset()
    menu = menu_for(user, roles)
    # The item whose address is the longest prefix of this page is the active one, so a
    # section stays highlighted on its subpages.
    prefixes = [
        item.url for group in menu for item in group.items if request.path.startswith(item.url)
    ]
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_COLOR": settings.PORTAL_COLOR,
        "portal_roles": roles,
        "portal_menu": menu,
        "portal_active_url": max(prefixes, key=len) if prefixes else None,
        # Someone with several roles gets one dropdown per role instead of a menu wider
        # than the screen; a single role keeps every item in sight.
        "portal_menu_dropdowns": sum(1 for group in menu if len(group.items) > 1) > 1,
        # What the partnership writes (learning outcomes, expertise names, tasks, sessions)
        # is in Dutch; in another interface language an element holding it says so, for
        # screen readers and translation tools: <span{{ content_lang }}>.
        "content_lang": content_lang(),
    }


def content_lang():
    content = settings.LANGUAGE_CODE
    if (get_language() or content).split("-")[0] == content:
        return ""
    return mark_safe(f' lang="{content}"')
