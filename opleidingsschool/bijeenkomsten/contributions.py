"""What sessions add to the home page and the main menu (through the core's registries)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from opleidingsschool.access import Rol, partnerschap_of
from opleidingsschool.registries import HomePanel, MenuItem

from ..urlmemo import fixed_url
from . import selectors


def panels(*, user, roles: frozenset[Rol]) -> list[HomePanel]:
    if not roles:
        return []
    result = []
    uitnodigingen = selectors.open_uitnodigingen_for(user)
    if uitnodigingen:
        result.append(
            HomePanel(
                title=_("Invitations to answer"),
                template="bijeenkomsten/home/_uitnodigingen.html",
                context={"uitnodigingen": uitnodigingen},
                order=12,
            )
        )
    if Rol.COORDINATOR in roles:
        result.append(
            HomePanel(
                title=_("Next sessions"),
                template="bijeenkomsten/home/_planning.html",
                context={"sessions": list(
                    selectors.planning_list(partnerschap=partnerschap_of(user))[:5])},
                order=15,
            )
        )
    else:
        title = _("Peer consultation and sessions") if Rol.STARTER in roles else _("My agenda")
        result.append(
            HomePanel(
                title=title,
                template="bijeenkomsten/home/_agenda.html",
                context={"sessions": selectors.next_sessions(user, limit=4)},
                order=18,
            )
        )
    return result


def menu_items(*, user, roles: frozenset[Rol]) -> list[MenuItem]:
    if not roles:
        return []
    items = []
    if Rol.COORDINATOR in roles:
        items.append(
            MenuItem(
                _("Plan sessions"),
                fixed_url("bijeenkomsten:planning"),
                pgettext("menu group", "Coordination"),
                order=15,
            )
        )
    if Rol.STARTER in roles:
        items.append(
            MenuItem(
                _("Peer consultation and sessions"),
                fixed_url("bijeenkomsten:agenda") + "?soort=intervisie",
                pgettext("menu group", "Starter"),
                order=20,
            )
        )
    items.append(
        MenuItem(_("Agenda"), fixed_url("bijeenkomsten:agenda"), pgettext("menu group", "Agenda"), order=90)
    )
    return items
