"""What lesson observations (issue 15) add to pages the core owns: menu entries, home-page
panels and a link from the student page, through opleidingsschool.registries."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from opleidingsschool.access import Rol
from opleidingsschool.registries import HomePanel, MenuItem, StudentLink
from opleidingsschool.urlmemo import fixed_url, reverse

from . import selectors

# In the menu: the mentors at school, who observe most. The instituutsopleider's menu shows
# its items side by side and is full at a laptop's 1200 px (UX.md): they reach observations
# from each student's page and their drafts from the home page.
OBSERVERS = {Rol.BEGELEIDER, Rol.WERKPLEKBEGELEIDER, Rol.SCHOOLOPLEIDER}


def menu_items(*, user, roles) -> list[MenuItem]:
    """Observers find their observations under mentoring (or as a colleague); the coordinator
    the instrument. A student's menu is full at a laptop's width (UX.md): they reach their
    observations from the development plan page and the home page."""
    items: list[MenuItem] = []
    url = fixed_url("begeleiding:lesobservatie_list")
    if Rol.STUDENT not in roles and roles & OBSERVERS:
        items.append(MenuItem(_("Lesson observations"), url,
                              pgettext("menu group", "Mentoring"), 25))
    elif Rol.STUDENT not in roles and Rol.DOCENT in roles:
        # A colleague observes the students who come to watch their lessons.
        items.append(MenuItem(_("Lesson observations"), url,
                              pgettext("menu group", "Colleague"), 25))
    if Rol.COORDINATOR in roles:
        items.append(MenuItem(_("Observation instrument"),
                              fixed_url("begeleiding:observatie_instrument"),
                              pgettext("menu group", "Coordination"), 35))
    return items


def home_panels(*, user, roles) -> list[HomePanel]:
    """The student or starter: observations of their lessons to read and discuss. An
    observer: their drafts to finish and send. Each one query, shown only when there is
    something."""
    panels: list[HomePanel] = []
    if roles & {Rol.STUDENT, Rol.STARTER}:
        observations = list(selectors.lesobservaties_to_discuss(user)[:5])
        if observations:
            panels.append(HomePanel(
                title=_("Lesson observations to discuss"),
                template="begeleiding/lesobservaties/_home_to_discuss.html",
                context={"observations": observations}, order=16,
            ))
    if roles & (OBSERVERS | {Rol.INSTITUUTSOPLEIDER, Rol.DOCENT}):
        drafts = list(selectors.draft_lesobservaties(user)[:5])
        if drafts:
            panels.append(HomePanel(
                title=_("Lesson observations to send"),
                template="begeleiding/lesobservaties/_home_drafts.html",
                context={"drafts": drafts}, order=16,
            ))
    return panels


def student_links(*, user, student, roles, stages) -> list[StudentLink]:
    """The observations page, for the student, their mentors and their triangle (the page
    itself shows each what they may read)."""
    if roles & {Rol.STUDENT, Rol.FORMAL_MENTOR, Rol.EXTRA_MENTOR}:
        return [StudentLink(_("Lesson observations"),
                            reverse("begeleiding:lesobservatie_student", args=[student.uuid]),
                            35)]
    return []
