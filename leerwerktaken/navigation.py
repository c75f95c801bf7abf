"""The curriculum's tabs, the menu items, home panels and calendar entries it contributes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from opleidingsschool.access import Rol, medewerker_of, roles_for
from opleidingsschool.registries import HomePanel, MenuItem, StudentLink
from opleidingsschool.urlmemo import fixed_url, reverse

from . import selectors
from .permissions import can_manage_curriculum, can_view_curriculum, invulling_school

MENTORING = frozenset({Rol.BEGELEIDER, Rol.WERKPLEKBEGELEIDER, Rol.INSTITUUTSOPLEIDER,
                       Rol.SCHOOLOPLEIDER})


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    url: str
    active: bool


def tabs_for(user, *, active: str) -> list[Tab]:
    """The curriculum's sections this user has, in the order they need them."""
    roles = roles_for(user)
    items: list[tuple[str, str, str]] = []
    if Rol.STUDENT in roles:
        items.append(("opdrachten", _("My tasks"), reverse("leerwerktaken:toewijzing_list")))
        items.append(("voortgang", _("My evidence"),
                      reverse("leerwerktaken:student_evidence", args=[user.student.uuid])))
    elif Rol.STARTER in roles and hasattr(user, "student"):
        # A starter's evidence carries over into the induction (issue 15).
        items.append(("voortgang", _("My evidence"),
                      reverse("leerwerktaken:student_evidence", args=[user.student.uuid])))
    elif roles & MENTORING:
        items.append(("opdrachten", _("Tasks of my students"),
                      reverse("leerwerktaken:toewijzing_list")))
        items.append(("voortgang", _("Progress"), reverse("leerwerktaken:progress")))
    if invulling_school(user) is not None:
        items.append(("invulling", _("Meaning at our school"),
                      reverse("leerwerktaken:invulling_list")))
    items.append(("leeruitkomsten", _("Learning outcomes"),
                  reverse("leerwerktaken:leeruitkomst_list")))
    items.append(("leerwerktaken", _("Task catalogue"),
                  reverse("leerwerktaken:leerwerktaak_list")))
    items.append(("bouwstenen", _("Building blocks"), reverse("leerwerktaken:bouwsteen_list")))
    if can_manage_curriculum(user):
        items.append(("dekking", _("Coverage"), reverse("leerwerktaken:coverage")))
    return [Tab(key, label, url, key == active) for key, label, url in items]


def menu_items(*, user, roles: frozenset[Rol]) -> list[MenuItem]:
    if not can_view_curriculum(user):
        return []
    items: list[MenuItem] = []
    if Rol.STUDENT in roles:
        items.append(MenuItem(_("Learning-work tasks"), fixed_url("leerwerktaken:toewijzing_list"),
                              pgettext("menu group", "Student"), order=70))
    if roles & MENTORING and Rol.STUDENT not in roles:
        items.append(MenuItem(_("Learning-work tasks"), fixed_url("leerwerktaken:toewijzing_list"),
                              pgettext("menu group", "Mentoring"), order=40))
    if Rol.SCHOOLOPLEIDER in roles:
        items.append(MenuItem(_("Learning outcomes: meaning at our school"),
                              fixed_url("leerwerktaken:invulling_list"),
                              pgettext("menu group", "Mentoring"), order=60))
    if Rol.COORDINATOR in roles:
        items.append(MenuItem(_("Curriculum"), fixed_url("leerwerktaken:leeruitkomst_list"),
                              pgettext("menu group", "Coordination"), order=30))
    return items


def home_panels(*, user, roles: frozenset[Rol]) -> list[HomePanel]:
    panels: list[HomePanel] = []
    if Rol.STUDENT in roles:
        panels.append(HomePanel(
            title=_("Tasks due"), template="leerwerktaken/home/_due.html",
            context={"toewijzingen": selectors.due_for_student(user)}, order=45,
        ))
    if roles & MENTORING and medewerker_of(user) is not None:
        waiting = selectors.waiting_for_feedback(user)
        if waiting:
            panels.append(HomePanel(
                title=_("Work waiting for your feedback"),
                template="leerwerktaken/home/_feedback.html",
                context={"toewijzingen": waiting}, order=22,
            ))
    school = invulling_school(user)
    if school is not None:
        leeruitkomsten = list(selectors.leeruitkomsten_for_list(
            partnerschap_ids=[school.partnerschap_id], schools=[school]))
        panels.append(HomePanel(
            title=_("Learning outcomes at %(school)s") % {"school": school},
            template="leerwerktaken/home/_invulling.html",
            context={"school": school, "total": len(leeruitkomsten),
                     "done": sum(1 for leeruitkomst in leeruitkomsten if leeruitkomst.school_invullingen)},
            order=70,
        ))
    return panels


def calendar_events(*, user, start: datetime.datetime, end: datetime.datetime) -> list:
    """Open assignments with their due date as all-day events."""
    from icalendar import Event

    events = []
    for toewijzing in selectors.calendar_assignments(user, start.date(), end.date()):
        event = Event()
        event.add("uid", f"toewijzing-{toewijzing.uuid}@leerwerktaken")
        event.add("dtstamp", toewijzing.created_at)
        event.add("summary", _("Due: %(title)s") % {"title": toewijzing.leerwerktaak})
        event.add("dtstart", toewijzing.due_date)
        event.add("dtend", toewijzing.due_date + datetime.timedelta(days=1))
        event.add("url", settings.SITE_URL + reverse("leerwerktaken:toewijzing_detail",
                                                     args=[toewijzing.uuid]))
        events.append(event)
    return events


def student_links(*, user, student, roles, stages) -> list[StudentLink]:
    """The student's evidence per learning outcome: visible to whoever sees the student."""
    return [
        StudentLink(_("Evidence per learning outcome"),
                    reverse("leerwerktaken:student_evidence", args=[student.uuid]), 40)
    ]
