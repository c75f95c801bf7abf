"""The recognition pages in the menu and on the home page (registries.menu_items,
home_panels). No queries: the roles are known already."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from opleidingsschool.urlmemo import reverse

from ..access import Rol
from ..registries import HomePanel, MenuItem
from ..urlmemo import fixed_url

# Who has a page of their own worth a menu entry: colleagues at a school and the teacher
# educators of an institute (a coordinator without either opens it from the overview).
OWN_PAGE_ROLES = {Rol.DOCENT, Rol.INSTITUUTSOPLEIDER}


def menu_items(*, user, roles) -> list[MenuItem]:
    items: list[MenuItem] = []
    mentor_group = pgettext("menu group", "Mentoring")
    # Short: an instituutsopleider's menu shows its items side by side and must fit 1200 px.
    label = pgettext("menu item", "My contribution")
    if Rol.DOCENT in roles:
        items.append(MenuItem(label, fixed_url("erkenning:mine"),
                              pgettext("menu group", "Colleague"), order=30))
    elif Rol.INSTITUUTSOPLEIDER in roles:
        items.append(MenuItem(label, fixed_url("erkenning:mine"), mentor_group, order=60))
    if Rol.COORDINATOR in roles:
        items.append(MenuItem(_("Contributions per colleague"), fixed_url("erkenning:team"),
                              pgettext("menu group", "Coordination"), order=79,
                              section=pgettext("menu section", "Overviews")))
    elif Rol.SCHOOLOPLEIDER in roles:
        items.append(MenuItem(_("Team contributions"), fixed_url("erkenning:team"),
                              mentor_group, order=35))
    return items


def home_panels(*, user, roles) -> list[HomePanel]:
    links = []
    if roles & OWN_PAGE_ROLES:
        links.append((_("What I contributed this school year"), reverse("erkenning:mine")))
    if Rol.COORDINATOR in roles:
        links.append((_("Contributions per colleague in the partnership"),
                      reverse("erkenning:team")))
    elif Rol.SCHOOLOPLEIDER in roles:
        links.append((_("The school training team: who contributes what"),
                      reverse("erkenning:team")))
    if not links:
        return []
    return [HomePanel(title=_("Contribution to training"),
                      template="opleidingsschool/home/_erkenning.html",
                      context={"links": links, "own": bool(roles & OWN_PAGE_ROLES)}, order=90)]
