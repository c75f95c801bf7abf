"""What begeleiding adds to pages the core owns, through opleidingsschool.registries."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from opleidingsschool import schoolcalendar
from opleidingsschool.access import Rol, medewerker_of
from opleidingsschool.compiled import CompiledQuery, execute_written
from opleidingsschool.lookups import in_array_sql, one_of_sql
from opleidingsschool.models import User
from opleidingsschool.querysets import partial_instance
from opleidingsschool.registries import (
    Evidence,
    HomePanel,
    MenuItem,
    OpenLeervraag,
    StudentLink,
    TimelineEntry,
)
from opleidingsschool.signals import signal_groups
from opleidingsschool.urlmemo import fixed_url, reverse

from . import selectors
from .models import OPEN_LESBEZOEK_STATUSES, Leervraag, Lesbezoek, LesbezoekStatus, Logregel


def menu_items(*, user, roles) -> list[MenuItem]:
    items: list[MenuItem] = []
    if Rol.STUDENT in roles:
        # UX.md's menu; My day (issue 14) opens from the home page's today panel.
        group = pgettext("menu group", "Student")
        items += [
            MenuItem(_("Learning questions"), fixed_url("begeleiding:leervraag_list"), group, 10),
            MenuItem(pgettext("menu item", "Day log"), fixed_url("begeleiding:logboek"), group, 20),
            MenuItem(_("Classroom visits"), fixed_url("begeleiding:lesbezoek_list"), group, 30),
            MenuItem(_("Development plan"), fixed_url("begeleiding:ontwikkelplan"), group, 40),
            MenuItem(_("My mentors"), fixed_url("begeleiding:netwerk"), group, 51),
        ]
    elif Rol.STARTER in roles:
        # UX.md: Start · Ontwikkelplan · Leervragen · Lesbezoeken · Intervisie en
        # bijeenkomsten · Agenda; the day log without an hours target too (issue 15).
        group = pgettext("menu group", "Starter")
        items += [
            MenuItem(_("Development plan"), fixed_url("begeleiding:ontwikkelplan"), group, 10),
            MenuItem(_("Learning questions"), fixed_url("begeleiding:leervraag_list"), group, 12),
            MenuItem(pgettext("menu item", "Day log"), fixed_url("begeleiding:logboek"), group, 14),
            MenuItem(_("Classroom visits"), fixed_url("begeleiding:lesbezoek_list"), group, 16),
        ]
    mentor_group = pgettext("menu group", "Mentoring")
    if roles & {Rol.WERKPLEKBEGELEIDER, Rol.SCHOOLOPLEIDER}:
        items.append(MenuItem(_("Today at school"), fixed_url("begeleiding:vandaag"),
                              mentor_group, 15))
    if roles & {Rol.BEGELEIDER, Rol.WERKPLEKBEGELEIDER, Rol.SCHOOLOPLEIDER,
                Rol.INSTITUUTSOPLEIDER}:
        # Mentors read and comment on their students' questions (not in UX.md's table,
        # but the issue asks for it and there is no other way in).
        items.append(MenuItem(_("Students' learning questions"),
                              fixed_url("begeleiding:leervraag_list"), mentor_group, 18))
    if Rol.WERKPLEKBEGELEIDER in roles:
        items.append(MenuItem(_("Hours to confirm"),
                              fixed_url("begeleiding:logregel_confirm_list"), mentor_group, 40))
    if Rol.SCHOOLOPLEIDER in roles or selectors.teamlid_of(user) is not None:
        # The opleidingsteam (issue 14): the schoolopleider and the colleagues they added.
        items.append(MenuItem(_("School day"), fixed_url("begeleiding:schooldag"), mentor_group, 14))
    if Rol.SCHOOLOPLEIDER in roles:
        items.append(MenuItem(_("Signals"), fixed_url("signalen"), mentor_group, 30))
        items.append(MenuItem(_("Rapport over the year"), fixed_url("begeleiding:klik_school"),
                              mentor_group, 31))
    if Rol.DOCENT in roles:
        group = pgettext("menu group", "Colleague")
        items += [
            MenuItem(_("Expertise and open lessons"), fixed_url("begeleiding:lesaanbod_list"),
                     group, 11),
            MenuItem(_("Visit requests"), fixed_url("begeleiding:bezoekverzoeken"), group, 20),
        ]
    return items


def home_panels(*, user, roles) -> list[HomePanel]:
    panels: list[HomePanel] = []
    today = timezone.localdate()
    if Rol.STUDENT in roles:
        student = user.student
        stage = selectors.current_stage(student)
        summary = selectors.hours_summary(student, stage, weeks=1)
        lesbezoeken = list(
            Lesbezoek.objects.filter(student=student, date__gte=today,
                                     date__lte=today + datetime.timedelta(days=7),
                                     status__in=OPEN_LESBEZOEK_STATUSES)
            .select_related("host__user").order_by("date", "start_time")[:5]
        )
        # The day is closed only on a school day: never in a weekend, a holiday, on the
        # school's day off or a weekday the student is not at school.
        no_school = schoolcalendar.no_school_reason(stage, today) if stage is not None else ""
        panels.append(HomePanel(
            title=_("Today and this week"), template="begeleiding/home/_student_today.html",
            context={"visits": lesbezoeken, "summary": summary, "today": today,
                     "prompt": stage is not None and no_school is None
                     and not summary.today_logged,
                     "no_school": no_school, "stage": stage},
            order=10,
        ))
        # The rapport check asked again at a moment the partnership chose (issue 14).
        moment = selectors.klik_prompt(stage, today)
        if moment is not None:
            panels.append(HomePanel(
                title=_("Rapport check"), template="begeleiding/home/_klik_prompt.html",
                context={"moment": moment}, order=11,
            ))
        leervragen = list(
            Leervraag.objects.current().filter(student=student).prefetch_related("expertises")
            .order_by("-last_activity_at")[:5]
        )
        panels.append(HomePanel(
            title=_("Open learning questions"), template="begeleiding/home/_leervragen.html",
            context={"leervragen": leervragen}, order=15,
        ))
    elif Rol.STARTER in roles and selectors.own_student(user) is not None:
        # A starter's learning record (issue 15): the questions go on, without hours.
        leervragen = list(
            Leervraag.objects.current().filter(student=user.student)
            .prefetch_related("expertises").order_by("-last_activity_at")[:5]
        )
        panels.append(HomePanel(
            title=_("Open learning questions"), template="begeleiding/home/_leervragen.html",
            context={"leervragen": leervragen}, order=19,
        ))
    if Rol.WERKPLEKBEGELEIDER in roles:
        waiting = selectors.logregels_to_confirm(user)
        panels.append(HomePanel(
            title=_("Entries waiting for confirmation"),
            template="begeleiding/home/_to_confirm.html",
            context={"count": waiting.count(), "entries": list(waiting[:5])}, order=15,
        ))
    if roles & {Rol.WERKPLEKBEGELEIDER, Rol.SCHOOLOPLEIDER}:
        stages = selectors.today_at_school(user)
        panels.append(HomePanel(
            title=_("Today at school"), template="begeleiding/home/_today_at_school.html",
            context={"stages": stages,
                     "open": [stage for stage in stages if not stage.day_closed]},
            order=12,
        ))
    lid = selectors.teamlid_of(user) if Rol.SCHOOLOPLEIDER not in roles else None
    if lid is not None:
        # A colleague on the opleidingsteam: the school day of their school (issue 14).
        school = medewerker_of(user).school
        panels.append(HomePanel(
            title=_("School day"), template="begeleiding/home/_schooldag.html",
            context={"school": school, "count": selectors.at_school_count(school, today)},
            order=13,
        ))
    if Rol.SCHOOLOPLEIDER in roles:
        panels.append(HomePanel(
            title=_("Signals"), template="begeleiding/home/_signals.html",
            context={"groups": signal_groups(user)}, order=18,
        ))
    owner = selectors.ontwikkelplan_owner(user) if roles & {Rol.STUDENT, Rol.STARTER} else None
    if owner is not None:
        plan = selectors.current_ontwikkelplan(owner, today=today)
        panels.append(HomePanel(
            title=_("Development plan"), template="begeleiding/ontwikkelplan/_home_panel.html",
            context={"plan": plan, "punten": selectors.open_ontwikkelpunten(plan)},
            # The starter's home: next sessions (18), questions (19), then the plan.
            order=20 if Rol.STARTER in roles else 35,
        ))
    medewerker = medewerker_of(user)
    if Rol.DOCENT in roles and medewerker is not None:
        hosted = selectors.hosted_lesbezoeken(user).filter(date__gte=today)
        waiting = list(hosted.filter(status=LesbezoekStatus.REQUESTED)[:5])
        coming = list(hosted.filter(status=LesbezoekStatus.ACCEPTED,
                                    date__lte=today + datetime.timedelta(days=7))[:5])
        requests = list(selectors.mentor_requests_for(user))
        if waiting or coming or requests or medewerker.visitors_welcome:
            panels.append(HomePanel(
                title=_("Visitors and requests"), template="begeleiding/home/_visits.html",
                context={"waiting": waiting, "coming": coming, "requests": requests},
                order=14,
            ))
    return panels


def timeline(*, user, leervraag) -> list[TimelineEntry]:
    return selectors.own_timeline(user, leervraag)


# The day-log entries and accepted visits of one student linked to the given learning
# questions and outcomes: one row shape for both (a UNION pairs columns by position), oldest
# day first and, on one day, entries before visits, each in its model's order (-created_at,
# -start_time). Written out (issue 10): built by the ORM, the entries and the visits took
# about 5.5 ms of every evidence page on the demo, this query about 2. Which questions the
# user may read stays the selectors' rule, compiled by the ORM into {leervragen}: one
# subquery, planned and run once for both branches.
_EVIDENCE_SQL = """
WITH leervragen (id) AS ({leervragen})
SELECT 0, l.date, lu.leeruitkomst_id, l.uuid, q.title, '', '', l.hours, l.confirmed_at,
       l.created_at, NULL
FROM begeleiding_logregel l
INNER JOIN begeleiding_leervraag q ON q.id = l.leervraag_id
INNER JOIN begeleiding_leervraag_leeruitkomsten lu ON lu.leervraag_id = l.leervraag_id
WHERE l.student_id = %s AND l.leervraag_id {in_leervragen}
    AND lu.leeruitkomst_id {outcomes}
UNION ALL
SELECT 1, v.date, lu.leeruitkomst_id, v.uuid, u.first_name, u.last_name, u.email, NULL, NULL,
       NULL, v.start_time
FROM begeleiding_lesbezoek v
INNER JOIN begeleiding_leervraag_leeruitkomsten lu ON lu.leervraag_id = v.leervraag_id
INNER JOIN opleidingsschool_medewerker m ON m.id = v.host_id
INNER JOIN opleidingsschool_user u ON u.id = m.user_id
WHERE v.student_id = %s AND v.status = %s AND v.leervraag_id {in_leervragen}
    AND lu.leeruitkomst_id {outcomes}
ORDER BY 2, 1, 10 DESC, 11 DESC
"""


def evidence(*, user, student, leeruitkomsten) -> dict[int, list[Evidence]]:
    """Day-log entries and accepted visits linked to learning questions about these outcomes,
    oldest first; one query for all outcomes. The access rules ride along as a subquery of
    the student's questions this user may read (the student is one they may see; a question
    marked "only me" is its student's alone), so a student out of sight yields nothing, at no
    extra query. Only the columns shown are read."""
    ids = [outcome.pk for outcome in leeruitkomsten]
    if not ids:
        return {}
    compiled = selectors.readable_questions_sql(user, student)
    if compiled is None:
        return {}
    leervragen, leervraag_params = compiled
    outcomes, outcome_params = in_array_sql(ids)
    with connection.cursor() as cursor:
        execute_written(cursor, _EVIDENCE_SQL.format(
                leervragen=leervragen, in_leervragen=one_of_sql("SELECT id FROM leervragen"),
                outcomes=outcomes), [
            *leervraag_params, student.pk, *outcome_params, student.pk, LesbezoekStatus.ACCEPTED,
            *outcome_params,
        ])
        rows = cursor.fetchall()
    result: dict[int, list[Evidence]] = {}
    for kind, day, outcome_id, key, text, last_name, email, hours, confirmed_at, *_order in rows:
        key = uuid.UUID(str(key))  # SQLite keeps a uuid as its 32 hex digits
        if kind == 0:
            entry = partial_instance(Logregel, connection.alias, uuid=key, student_id=student.pk,
                                     confirmed_at=confirmed_at)
            entry.student = student
            hours = selectors.format_hours(Decimal(str(hours)))  # SQLite: a float
            item = Evidence(day, _("Day log: %(title)s (%(hours)s hours)") % {
                "title": text, "hours": hours}, selectors.logregel_url(user, entry))
        else:
            host = partial_instance(User, connection.alias, first_name=text,  # as str(host)
                                    last_name=last_name, email=email)
            item = Evidence(day, _("Classroom visit with %(host)s") % {"host": host},
                            reverse("begeleiding:lesbezoek_detail", kwargs={"uuid": key}))
        result.setdefault(outcome_id, []).append(item)
    return result



def _visits_in(scope, start: datetime.date, end: datetime.date):
    return Lesbezoek.objects.filter(
        scope, status__in=OPEN_LESBEZOEK_STATUSES, date__gte=start, date__lte=end
    ).select_related("student__user", "host__user", "host__school")


# The feed's visits (compiled once, opleidingsschool/compiled.py): as the student, and for
# staff also as the host.
_VISITS_AS_STUDENT = CompiledQuery("feed_visits_student", lambda user_id, start, end: (
    _visits_in(Q(student__user_id=user_id), start, end)
), int, datetime.date, datetime.date)
_VISITS_AS_STUDENT_OR_HOST = CompiledQuery(
    "feed_visits_student_or_host", lambda user_id, medewerker_id, start, end: _visits_in(
        Q(student__user_id=user_id) | Q(host_id=medewerker_id), start, end
    ), int, int, datetime.date, datetime.date)


def calendar_events(*, user, start: datetime.datetime, end: datetime.datetime) -> list:
    """Accepted and requested visits of the user, as student or as host."""
    import icalendar
    from django.conf import settings

    medewerker = medewerker_of(user)
    if medewerker is None:
        lesbezoeken = _VISITS_AS_STUDENT.list(user.pk, start.date(), end.date())
    else:
        lesbezoeken = _VISITS_AS_STUDENT_OR_HOST.list(
            user.pk, medewerker.pk, start.date(), end.date())
    tz = timezone.get_current_timezone()
    events = []
    for lesbezoek in lesbezoeken:
        event = icalendar.Event()
        event.add("uid", f"lesbezoek-{lesbezoek.uuid}@opleidingsschool")
        event.add("dtstamp", lesbezoek.answered_at or lesbezoek.requested_at)
        event.add("dtstart", datetime.datetime.combine(lesbezoek.date, lesbezoek.start_time, tzinfo=tz))
        event.add("dtend", datetime.datetime.combine(lesbezoek.date, lesbezoek.end_time, tzinfo=tz))
        if lesbezoek.host.user_id == user.pk:
            summary = _("Visitor: %(student)s (%(class)s)") % {
                "student": lesbezoek.student, "class": lesbezoek.class_name}
        else:
            summary = _("Classroom visit: %(host)s (%(class)s)") % {
                "host": lesbezoek.host, "class": lesbezoek.class_name}
        event.add("summary", summary)
        if lesbezoek.host.school:
            event.add("location", str(lesbezoek.host.school))
        event.add("status", "CONFIRMED" if lesbezoek.status == LesbezoekStatus.ACCEPTED
                  else "TENTATIVE")
        event.add("url", f"{settings.SITE_URL}{lesbezoek.get_absolute_url()}")
        events.append(event)
    return events


def open_leervragen(*, students) -> list[OpenLeervraag]:
    leervragen = (
        Leervraag.objects.current().shared().filter(student__in=students)
        .select_related("student__user").prefetch_related("expertises")
        .order_by("student__user__last_name", "-last_activity_at")
    )
    return [
        OpenLeervraag(student=leervraag.student, title=leervraag.title,
                      expertises=[tag.name for tag in leervraag.expertises.all()],
                      url=leervraag.get_absolute_url())
        for leervraag in leervragen
    ]


def student_links(*, user, student, roles, stages) -> list[StudentLink]:
    """The student's day log for whoever sees the student; the development plan for the
    student and their active mentors (the same rule as its page)."""
    links = [
        StudentLink(_("Day log and hours"), reverse("begeleiding:logboek_student", args=[student.uuid]),
                    20),
    ]
    if roles & {Rol.STUDENT, Rol.FORMAL_MENTOR, Rol.EXTRA_MENTOR}:
        links.append(
            StudentLink(_("Development plan"),
                        reverse("begeleiding:ontwikkelplan_student", args=[student.uuid]), 30)
        )
    return links
