"""The coordinator's way to the read log and the retention dry run (registries.menu_items)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from opleidingsschool.access import Rol
from opleidingsschool.registries import MenuItem

from ..urlmemo import fixed_url


def menu_items(*, user, roles) -> list[MenuItem]:
    if Rol.COORDINATOR not in roles:
        return []
    group = pgettext("menu group", "Coordination")
    section = pgettext("menu section", "Overviews")
    return [
        MenuItem(_("Read log"), fixed_url("privacy:read_log"), group, order=80, section=section),
        MenuItem(_("Retention periods"), fixed_url("privacy:retention"), group, order=81,
                 section=section),
        MenuItem(_("Delete an account"), fixed_url("privacy:erase"), group, order=82,
                 section=section),
    ]
