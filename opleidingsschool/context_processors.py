from django.conf import settings

from .access import roles_for
from .menu import menu_for


def portal(request):
    """The partnership's name and colour, and the menu for the person's roles."""
    user = getattr(request, "user", None)
    roles = roles_for(user) if user is not None else frozenset()
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_COLOR": settings.PORTAL_COLOR,
        "portal_roles": roles,
        "portal_menu": menu_for(user, roles) if roles or getattr(user, "is_authenticated", False)
        else [],
    }
