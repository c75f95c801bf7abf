"""The core's contributions to the home page and the main menu, per role."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import selectors
from .access import Rol, medewerker_of, partnerschap_of
from .models import Schooljaar
from .registries import HomePanel, MenuItem
from .urlmemo import fixed_url


def core_panels(*, user, roles: frozenset[Rol]) -> list[HomePanel]:
    panels: list[HomePanel] = []
    if Rol.STUDENT in roles:
        stages = selectors.own_stages(user)
        panels.append(
            HomePanel(
                title=_("My placement"),
                template="opleidingsschool/home/_student_stage.html",
                context={"stage": stages[0] if stages else None, "student": user.student},
                order=30,
            )
        )
    if roles & {Rol.BEGELEIDER, Rol.WERKPLEKBEGELEIDER, Rol.INSTITUUTSOPLEIDER}:
        panels.append(
            HomePanel(
                title=_("My students"),
                template="opleidingsschool/home/_my_students.html",
                context={"begeleidingen": selectors.mentored_begeleidingen(user)},
                order=20,
            )
        )
    if Rol.SCHOOLOPLEIDER in roles:
        schooljaar = Schooljaar.objects.current()
        stages = selectors.school_stages_this_year(user, schooljaar)
        panels.append(
            HomePanel(
                title=_("Students at the school this year"),
                template="opleidingsschool/home/_school_students.html",
                context={
                    "stages": stages,
                    "incomplete": [stage for stage in stages
                                   if not (stage.has_wpb and stage.has_opleider)],
                    "school": medewerker_of(user).school,
                },
                order=25,
            )
        )
        inducties = selectors.school_inducties(user, schooljaar)
        if inducties:
            panels.append(
                HomePanel(
                    title=_("Starting teachers at the school"),
                    template="opleidingsschool/home/_school_starters.html",
                    context={"stages": inducties},
                    order=26,
                )
            )
    if Rol.COORDINATOR in roles:
        panels.append(
            HomePanel(
                title=_("The partnership at a glance"),
                template="opleidingsschool/home/_partnership.html",
                context=selectors.partnership_overview(
                    partnerschap_of(user), today=timezone.localdate()),
                order=40,
            )
        )
    if Rol.DOCENT in roles:
        medewerker = medewerker_of(user)
        panels.append(
            HomePanel(
                title=_("My expertise"),
                template="opleidingsschool/home/_expertise.html",
                context={
                    "medewerker": medewerker,
                    "expertises": list(medewerker.expertises.all()),
                },
                order=60,
            )
        )
    if Rol.STARTER in roles:
        stage, coach = selectors.own_inductie(user)
        panels.append(
            HomePanel(
                title=_("My induction"),
                template="opleidingsschool/home/_starter.html",
                context={"starter": user.starter, "stage": stage, "coach": coach},
                order=30,
            )
        )
    return panels


def core_menu_items(*, user, roles: frozenset[Rol]) -> list[MenuItem]:
    items: list[MenuItem] = []
    mentor_group = pgettext("menu group", "Mentoring")
    if roles & {Rol.BEGELEIDER, Rol.WERKPLEKBEGELEIDER, Rol.INSTITUUTSOPLEIDER}:
        items.append(MenuItem(_("My students"), fixed_url("student_list"), mentor_group, order=10))
    if Rol.SCHOOLOPLEIDER in roles:
        items.append(
            MenuItem(_("Students at the school"), fixed_url("student_list"), mentor_group, order=10)
        )
    if Rol.COORDINATOR in roles:
        items.append(
            MenuItem(_("Partnership"), fixed_url("partnerschap:index"),
                     pgettext("menu group", "Coordination"), order=20)
        )
    return items
